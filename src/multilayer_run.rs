//! The multi-layer saturation widget's run: the [`MultilayerDemo`], the wall clock, and Run,
//! Pause/Resume, Step and Reset. Pure Rust: the web layer only shows what this holds.

use crate::config::MultilayerConfig;
use crate::multilayer::{Diverged, MultilayerDemo};
use crate::network::SetupError;
use crate::runner::{Action, Player, Stepper};

/// Where the run is; it diverges where one of the three networks does.
pub type Mode = crate::runner::Mode<Diverged>;

pub struct MultilayerRun {
    demo: MultilayerDemo,
    speed: f64,
    player: Player<Diverged>,
}

impl MultilayerRun {
    pub fn new(config: &MultilayerConfig) -> Result<MultilayerRun, SetupError> {
        Ok(MultilayerRun {
            demo: MultilayerDemo::new(config.demo)?,
            speed: config.speed,
            player: Player::default(),
        })
    }

    pub fn demo(&self) -> &MultilayerDemo {
        &self.demo
    }

    /// Does what the reader asked; the neuron's rule switches mean nothing here.
    pub fn act(&mut self, action: Action) {
        self.play(action);
    }
}

impl Stepper for MultilayerRun {
    type Diverged = Diverged;

    fn player(&self) -> &Player<Diverged> {
        &self.player
    }

    fn player_mut(&mut self) -> &mut Player<Diverged> {
        &mut self.player
    }

    fn step_epoch(&mut self) -> Result<(), Diverged> {
        self.demo.step_epoch()
    }

    fn finished(&self) -> bool {
        self.demo.is_finished()
    }

    fn reset(&mut self) {
        self.demo.reset();
    }

    fn speed(&self) -> f64 {
        self.speed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_by_the_clock_steps_and_stops_at_the_end() {
        let mut c = MultilayerConfig::default();
        c.demo.epochs = 20;
        c.speed = 100.0;
        let mut r = MultilayerRun::new(&c).unwrap();
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
