//! A neuron widget's run: the trainer, its cost history, the wall clock and the controls
//! (Run, Pause/Resume, Step, Reset, and the switch between the published rule and the true
//! gradient). Pure Rust: the web layer only shows what this holds.

use crate::config::NeuronConfig;
use crate::cost::Cost;
use crate::history::History;
use crate::neuron::{Diverged, NeuronTrainer, Rule, Snapshot};
use crate::runner::{Action, Mode, Player, Stepper};

/// The learning rate the rule switch offers for true gradient descent with cross-entropy: the
/// quadratic demos' η, with which the saturated neuron learns quickly (η = 0.005, the book's,
/// leaves it at about 0.78 after 300 epochs).
pub const SUGGESTED_GRADIENT_ETA: f64 = 0.15;

pub struct NeuronRun {
    /// As configured by the options; the rule switch can go back to it.
    configured: NeuronConfig,
    config: NeuronConfig,
    trainer: NeuronTrainer,
    /// The cost curve so far.
    history: History,
    /// The largest cost so far, which sets the chart's scale.
    cost_max: f64,
    player: Player,
}

impl NeuronRun {
    pub fn new(config: NeuronConfig) -> NeuronRun {
        let trainer = NeuronTrainer::new(config.setup);
        let mut run = NeuronRun {
            configured: config,
            config,
            trainer,
            history: History::default(),
            cost_max: 0.0,
            player: Player::default(),
        };
        run.reset();
        run
    }

    /// Back to epoch 0, ready, after a change of configuration.
    fn reconfigured(&mut self) {
        self.reset();
        self.player.restart(Mode::Ready);
    }

    pub fn config(&self) -> &NeuronConfig {
        &self.config
    }

    pub fn snapshot(&self) -> Snapshot {
        self.trainer.snapshot()
    }

    /// (epoch, cost) points of the run so far, bounded in number (see [`History`]).
    pub fn history(&self) -> &[(u32, f64)] {
        self.history.points()
    }

    /// The cost curve to the current epoch: the kept points, and the current one if a long
    /// run's history skipped it.
    pub fn curve(&self) -> Vec<(u32, f64)> {
        let s = self.snapshot();
        self.history.through(s.epoch, s.cost).collect()
    }

    pub fn cost_max(&self) -> f64 {
        self.cost_max
    }

    /// Whether this widget shows the note about the book site's rule: a cross-entropy widget that
    /// is, or was configured as, "as published".
    pub fn shows_rule_note(&self) -> bool {
        self.config.setup.cost == Cost::CrossEntropy
            && (self.config.setup.rule == Rule::Published
                || self.configured.setup.rule == Rule::Published)
    }

    /// Does what the user asked.
    pub fn act(&mut self, action: Action) {
        match action {
            Action::UseGradient => {
                self.config.setup.rule = Rule::Gradient;
                self.reconfigured();
            }
            Action::UseConfigured => {
                self.config = self.configured;
                self.reconfigured();
            }
            Action::UseSuggestedEta => {
                self.config.setup.eta = SUGGESTED_GRADIENT_ETA;
                self.reconfigured();
            }
            _ => self.play(action),
        }
    }
}

impl Stepper for NeuronRun {
    type Diverged = Diverged;

    fn player(&self) -> &Player {
        &self.player
    }

    fn player_mut(&mut self) -> &mut Player {
        &mut self.player
    }

    /// Back to epoch 0 (the mode is the player's).
    fn reset(&mut self) {
        self.trainer = NeuronTrainer::new(self.config.setup);
        let cost = self.trainer.snapshot().cost;
        self.history.clear();
        self.history.push(0, cost);
        self.cost_max = cost;
    }

    fn step_epoch(&mut self) -> Result<(), Diverged> {
        self.trainer.step()?;
        // The cost is worked out only for the epochs the curve keeps: on a long, fast run that
        // is a small share of them.
        let epoch = self.trainer.epoch();
        if self.history.keeps(epoch) {
            let cost = self.trainer.snapshot().cost;
            self.history.push(epoch, cost);
            self.cost_max = self.cost_max.max(cost);
        }
        Ok(())
    }

    fn finished(&self) -> bool {
        self.trainer.epoch() >= self.config.epochs
    }

    fn speed(&self) -> f64 {
        self.config.speed
    }

    /// The current state is drawn too, whether or not the curve keeps it.
    fn settle(&mut self) {
        self.cost_max = self.cost_max.max(self.trainer.snapshot().cost);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Preset;

    fn run_with_frames(frames: impl Iterator<Item = f64>) -> NeuronRun {
        let mut r = NeuronRun::new(Preset::Saturation2.config());
        r.act(Action::Run);
        for dt in frames {
            r.advance(dt);
            if !r.is_running() {
                break;
            }
        }
        r
    }

    #[test]
    fn the_result_does_not_depend_on_the_frame_rate() {
        let at_60hz = run_with_frames(std::iter::repeat(1000.0 / 60.0));
        let at_144hz = run_with_frames(std::iter::repeat(1000.0 / 144.0));
        // Uneven frames, some dropped (long ones), some very short.
        let uneven = run_with_frames([3.0, 50.0, 16.0, 99.0, 1.0, 33.3].into_iter().cycle());
        for r in [&at_60hz, &at_144hz, &uneven] {
            assert_eq!(r.mode(), Mode::Finished);
            assert_eq!(r.snapshot().epoch, 300);
            assert_eq!(r.history().len(), 301);
        }
        assert_eq!(at_60hz.snapshot(), at_144hz.snapshot());
        assert_eq!(at_60hz.snapshot(), uneven.snapshot());
        assert_eq!(at_60hz.history(), uneven.history());
        assert_eq!(at_60hz.curve(), at_60hz.history());
    }

    #[test]
    fn the_curve_ends_at_the_current_epoch_even_when_the_history_skipped_it() {
        let mut c = Preset::Saturation1.config();
        c.epochs = 10_000;
        let mut r = NeuronRun::new(c);
        for _ in 0..4099 {
            r.act(Action::Step);
        }
        // 4,097 points were kept, so the history halved: only even epochs from then on.
        let (history, curve) = (r.history().to_vec(), r.curve());
        assert_eq!(history.last().map(|p| p.0), Some(4098));
        assert_eq!(curve.len(), history.len() + 1);
        assert_eq!(curve.last(), Some(&(4099, r.snapshot().cost)));
    }

    #[test]
    fn run_stops_exactly_at_the_last_epoch() {
        let mut r = NeuronRun::new(Preset::Saturation1.config());
        r.act(Action::Run);
        assert_eq!(r.advance(100.0), 6);
        // Many capped frames: more than enough time for all epochs.
        for _ in 0..100 {
            r.advance(100.0);
        }
        assert_eq!(r.snapshot().epoch, 300);
        assert_eq!(r.mode(), Mode::Finished);
        assert_eq!(r.advance(100.0), 0);
        r.act(Action::Step);
        assert_eq!(r.snapshot().epoch, 300);
    }

    #[test]
    fn pause_step_reset_and_run() {
        let mut r = NeuronRun::new(Preset::Saturation1.config());
        assert_eq!(r.mode(), Mode::Ready);
        assert_eq!(
            r.advance(100.0),
            0,
            "a run that was not started does not move"
        );
        r.act(Action::Step);
        assert_eq!((r.mode(), r.snapshot().epoch), (Mode::Paused, 1));
        r.act(Action::Pause);
        assert_eq!(r.mode(), Mode::Running);
        r.advance(50.0);
        assert_eq!(r.snapshot().epoch, 4);
        r.act(Action::Pause);
        assert_eq!(r.advance(1000.0), 0);
        r.act(Action::Step);
        assert_eq!((r.mode(), r.snapshot().epoch), (Mode::Paused, 5));
        assert_eq!(r.history().len(), 6);
        r.act(Action::Run);
        assert_eq!((r.mode(), r.snapshot().epoch), (Mode::Running, 0));
        assert_eq!(r.history().len(), 1);
        r.act(Action::Reset);
        assert_eq!((r.mode(), r.snapshot().epoch), (Mode::Ready, 0));
    }

    #[test]
    fn toggle_runs_pauses_resumes_and_runs_again_after_the_end() {
        let mut c = Preset::Saturation1.config();
        c.epochs = 3;
        let mut r = NeuronRun::new(c);
        r.act(Action::Toggle);
        assert_eq!(r.mode(), Mode::Running);
        r.act(Action::Toggle);
        assert_eq!(r.mode(), Mode::Paused);
        r.act(Action::Toggle);
        assert_eq!(r.mode(), Mode::Running);
        r.advance(100.0);
        assert_eq!(r.mode(), Mode::Finished);
        r.act(Action::Toggle);
        assert_eq!((r.mode(), r.snapshot().epoch), (Mode::Running, 0));
    }

    #[test]
    fn the_rule_switch_goes_to_the_true_gradient_and_back() {
        let mut r = NeuronRun::new(Preset::Saturation4.config());
        assert!(r.shows_rule_note());
        r.act(Action::Step);
        r.act(Action::UseGradient);
        assert_eq!(r.config().setup.rule, Rule::Gradient);
        assert_eq!((r.mode(), r.snapshot().epoch), (Mode::Ready, 0));
        assert!(r.shows_rule_note());
        r.act(Action::UseSuggestedEta);
        assert_eq!(r.config().setup.eta, 0.15);
        assert_eq!(r.config().setup.rule, Rule::Gradient);
        r.act(Action::UseConfigured);
        assert_eq!(r.config(), &Preset::Saturation4.config());
        assert!(!NeuronRun::new(Preset::Saturation1.config()).shows_rule_note());
    }

    #[test]
    fn divergence_stops_the_run_with_a_finite_state() {
        let mut c = Preset::Saturation4.config();
        c.setup.eta = 1e6;
        let mut r = NeuronRun::new(c);
        r.act(Action::Run);
        for _ in 0..100 {
            r.advance(100.0);
        }
        let Mode::Diverged(d) = r.mode() else {
            panic!("{:?}", r.mode())
        };
        assert_eq!(d.epoch, r.snapshot().epoch);
        assert!(r.history().iter().all(|(_, c)| c.is_finite()));
        assert_eq!(r.history().len() as u32, d.epoch + 1);
    }

    #[test]
    fn action_names() {
        for (name, a) in Action::NAMES.into_iter().zip(Action::ALL) {
            assert_eq!(Action::parse(name), Ok(a));
        }
        let e = Action::parse("fly").unwrap_err();
        assert!(e.contains("\"fly\"") && e.contains("run, pause"), "{e}");
    }
}
