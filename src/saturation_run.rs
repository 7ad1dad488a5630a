//! The multi-layer saturation widget's run: the [`SaturationDemo`], the wall clock, and Run,
//! Pause/Resume, Step and Reset. Pure Rust: the web layer only shows what this holds.

use crate::clock::Clock;
use crate::config::NetworkConfig;
use crate::network::SetupError;
use crate::run::Action;
use crate::saturation::{Diverged, SaturationDemo};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    Ready,
    Running,
    Paused,
    Finished,
    Diverged(Diverged),
}

pub struct SaturationRun {
    demo: SaturationDemo,
    speed: f64,
    clock: Clock,
    mode: Mode,
}

impl SaturationRun {
    pub fn new(config: &NetworkConfig) -> Result<SaturationRun, SetupError> {
        Ok(SaturationRun {
            demo: SaturationDemo::new(config.demo)?,
            speed: config.speed,
            clock: Clock::default(),
            mode: Mode::Ready,
        })
    }

    pub fn demo(&self) -> &SaturationDemo {
        &self.demo
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn is_running(&self) -> bool {
        self.mode == Mode::Running
    }

    fn restart(&mut self, mode: Mode) {
        self.demo.reset();
        self.clock.reset();
        self.mode = mode;
    }

    /// Does what the reader asked; the neuron's rule switches mean nothing here.
    pub fn act(&mut self, action: Action) {
        match (action, self.mode) {
            (Action::Run, _) => self.restart(Mode::Running),
            (Action::Reset, _) => self.restart(Mode::Ready),
            (Action::Pause | Action::Toggle, Mode::Running) => self.mode = Mode::Paused,
            (Action::Pause | Action::Toggle, Mode::Paused) => {
                self.clock.reset();
                self.mode = Mode::Running;
            }
            (Action::Toggle, _) => self.restart(Mode::Running),
            (Action::Step, Mode::Ready | Mode::Running | Mode::Paused) => {
                self.mode = Mode::Paused;
                self.epochs(1);
            }
            _ => {}
        }
    }

    /// Advances a running run by `dt_ms` of wall-clock time; returns the epochs run.
    pub fn advance(&mut self, dt_ms: f64) -> u64 {
        if self.mode != Mode::Running {
            return 0;
        }
        let due = self.clock.epochs_for(dt_ms, self.speed);
        self.epochs(due)
    }

    fn epochs(&mut self, n: u64) -> u64 {
        for i in 0..n {
            if self.demo.is_finished() {
                self.mode = Mode::Finished;
                return i;
            }
            if let Err(d) = self.demo.step_epoch() {
                self.mode = Mode::Diverged(d);
                return i;
            }
        }
        if self.demo.is_finished() {
            self.mode = Mode::Finished;
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
