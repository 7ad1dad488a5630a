//! The multi-layer saturation widget's run: the [`SaturationDemo`], the wall clock, and Run,
//! Pause/Resume, Step and Reset. Pure Rust: the web layer only shows what this holds.

use crate::config::NetworkConfig;
use crate::network::SetupError;
use crate::run::{Action, Effect, Player};
use crate::saturation::{Diverged, SaturationDemo};

/// Where the run is; it diverges where one of the three networks does.
pub type Mode = crate::run::Mode<Diverged>;

pub struct SaturationRun {
    demo: SaturationDemo,
    speed: f64,
    player: Player<Diverged>,
}

impl SaturationRun {
    pub fn new(config: &NetworkConfig) -> Result<SaturationRun, SetupError> {
        Ok(SaturationRun {
            demo: SaturationDemo::new(config.demo)?,
            speed: config.speed,
            player: Player::default(),
        })
    }

    pub fn demo(&self) -> &SaturationDemo {
        &self.demo
    }

    pub fn mode(&self) -> Mode {
        self.player.mode()
    }

    pub fn is_running(&self) -> bool {
        self.player.is_running()
    }

    /// Does what the reader asked; the neuron's rule switches mean nothing here.
    pub fn act(&mut self, action: Action) {
        match self.player.act(action) {
            Effect::Reset => self.demo.reset(),
            Effect::Step => {
                self.epochs(1);
            }
            Effect::Nothing => {}
        }
    }

    /// Advances a running run by `dt_ms` of wall-clock time; returns the epochs run.
    pub fn advance(&mut self, dt_ms: f64) -> u64 {
        if !self.player.is_running() {
            return 0;
        }
        let due = self.player.due(dt_ms, self.speed);
        self.epochs(due)
    }

    fn epochs(&mut self, n: u64) -> u64 {
        for i in 0..n {
            if self.demo.is_finished() {
                self.player.stop(Mode::Finished);
                return i;
            }
            if let Err(d) = self.demo.step_epoch() {
                self.player.stop(Mode::Diverged(d));
                return i;
            }
        }
        if self.demo.is_finished() {
            self.player.stop(Mode::Finished);
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_by_the_clock_steps_and_stops_at_the_end() {
        let mut c = NetworkConfig::default();
        c.demo.epochs = 20;
        c.speed = 100.0;
        let mut r = SaturationRun::new(&c).unwrap();
        r.act(Action::Step);
        assert_eq!((r.mode(), r.demo().epoch()), (Mode::Paused, 1));
        r.act(Action::Toggle);
        assert_eq!(r.advance(50.0), 5);
        assert_eq!(r.demo().epoch(), 6);
        for _ in 0..10 {
            r.advance(100.0);
        }
        assert_eq!((r.mode(), r.demo().epoch()), (Mode::Finished, 20));
        r.act(Action::Reset);
        assert_eq!((r.mode(), r.demo().epoch()), (Mode::Ready, 0));
    }
}
