//! A neuron widget's run: the trainer, its cost history, the wall clock and the controls
//! (Run, Pause/Resume, Step, Reset, and the switch between the published rule and the true
//! gradient). Pure Rust: the web layer only shows what this holds.

use crate::clock::Clock;
use crate::config::NeuronConfig;
use crate::cost::Cost;
use crate::history::History;
use crate::neuron::{Diverged, Rule, Snapshot, Trainer};

/// The learning rate the rule switch offers for true gradient descent with cross-entropy: the
/// quadratic demos' η, with which the saturated neuron learns quickly (the project's spec,
/// shared/SPEC.md).
pub const SUGGESTED_GRADIENT_ETA: f64 = 0.15;

/// Where a run is. `D` says where and why it diverged (the neuron's, or a network's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode<D = Diverged> {
    /// At epoch 0, not started.
    Ready,
    Running,
    Paused,
    /// At the last epoch.
    Finished,
    /// Stopped because the next update would not be finite.
    Diverged(D),
}

impl<D> Mode<D> {
    /// The name the widget's `data-state` carries.
    pub fn name(&self) -> &'static str {
        match self {
            Mode::Ready => "ready",
            Mode::Running => "running",
            Mode::Paused => "paused",
            Mode::Finished => "finished",
            Mode::Diverged(_) => "diverged",
        }
    }
}

/// What a run does itself after [`Player::act`] changed its mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Nothing,
    /// Back to epoch 0.
    Reset,
    /// One epoch.
    Step,
}

/// The mode and the wall clock of a run that steps by the clock, and the one way every such
/// widget answers Run, Pause/Resume, the Space key's toggle, Step and Reset.
#[derive(Clone, Debug)]
pub struct Player<D = Diverged> {
    mode: Mode<D>,
    clock: Clock,
}

impl<D> Default for Player<D> {
    fn default() -> Player<D> {
        Player {
            mode: Mode::Ready,
            clock: Clock::default(),
        }
    }
}

impl<D: Copy + PartialEq> Player<D> {
    pub fn mode(&self) -> Mode<D> {
        self.mode
    }

    pub fn is_running(&self) -> bool {
        self.mode == Mode::Running
    }

    /// A new mode, on the clock from now.
    pub fn restart(&mut self, mode: Mode<D>) {
        self.clock.reset();
        self.mode = mode;
    }

    /// Where the run stopped by itself: at its end, or where it diverged.
    pub fn stop(&mut self, mode: Mode<D>) {
        self.mode = mode;
    }

    /// Changes the mode for a user's action; the run then does what the [`Effect`] says. Run
    /// starts again from epoch 0, Pause pauses or resumes, Toggle is Pause during a run and Run
    /// otherwise, Step pauses and does one epoch, Reset goes back to epoch 0 and stops.
    pub fn act(&mut self, action: Action) -> Effect {
        match (action, self.mode) {
            (Action::Run, _)
            | (Action::Toggle, Mode::Ready | Mode::Finished | Mode::Diverged(_)) => {
                self.restart(Mode::Running);
                Effect::Reset
            }
            (Action::Reset, _) => {
                self.restart(Mode::Ready);
                Effect::Reset
            }
            (Action::Pause | Action::Toggle, Mode::Running) => {
                self.mode = Mode::Paused;
                Effect::Nothing
            }
            (Action::Pause | Action::Toggle, Mode::Paused) => {
                self.restart(Mode::Running);
                Effect::Nothing
            }
            (Action::Step, Mode::Ready | Mode::Running | Mode::Paused) => {
                self.mode = Mode::Paused;
                Effect::Step
            }
            _ => Effect::Nothing,
        }
    }

    /// The epochs due after `dt_ms` of wall-clock time at `speed` epochs a second, while running.
    pub fn due(&mut self, dt_ms: f64, speed: f64) -> u64 {
        if self.mode == Mode::Running {
            self.clock.epochs_for(dt_ms, speed)
        } else {
            0
        }
    }
}

/// What a user can do to a run. Each has a name that the page's buttons carry (`data-action`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Back to epoch 0, then run.
    Run,
    /// Pause a running run, resume a paused one.
    Pause,
    /// The Space key: Pause (or Resume) a run under way, else Run.
    Toggle,
    /// One epoch, pausing first if running.
    Step,
    /// Back to epoch 0, stopped.
    Reset,
    /// Switch to true gradient descent, from the start.
    UseGradient,
    /// Switch back to the rule and η the widget was configured with, from the start.
    UseConfigured,
    /// Use [`SUGGESTED_GRADIENT_ETA`], from the start.
    UseSuggestedEta,
    /// Stop a run that trains in a worker, keeping what it has shown.
    Cancel,
}

impl Action {
    pub const ALL: [(&'static str, Action); 9] = [
        ("run", Action::Run),
        ("pause", Action::Pause),
        ("toggle", Action::Toggle),
        ("step", Action::Step),
        ("reset", Action::Reset),
        ("use-gradient", Action::UseGradient),
        ("use-configured", Action::UseConfigured),
        ("use-suggested-eta", Action::UseSuggestedEta),
        ("cancel", Action::Cancel),
    ];

    pub fn from_name(name: &str) -> Result<Action, String> {
        Action::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| *a)
            .ok_or_else(|| {
                let names: Vec<&str> = Action::ALL.iter().map(|(n, _)| *n).collect();
                format!(
                    "unknown action \"{name}\"; the actions are {}",
                    names.join(", ")
                )
            })
    }
}

pub struct NeuronRun {
    /// As configured by the options; the rule switch can go back to it.
    configured: NeuronConfig,
    config: NeuronConfig,
    trainer: Trainer,
    /// The cost curve so far.
    history: History,
    /// The largest cost so far, which sets the chart's scale.
    cost_max: f64,
    player: Player,
}

impl NeuronRun {
    pub fn new(config: NeuronConfig) -> NeuronRun {
        let trainer = Trainer::new(config.setup);
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

    /// Back to epoch 0 (the mode is the player's).
    fn reset(&mut self) {
        self.trainer = Trainer::new(self.config.setup);
        let cost = self.trainer.snapshot().cost;
        self.history.clear();
        self.history.push(0, cost);
        self.cost_max = cost;
    }

    /// Back to epoch 0, ready, after a change of configuration.
    fn reconfigured(&mut self) {
        self.reset();
        self.player.restart(Mode::Ready);
    }

    pub fn config(&self) -> &NeuronConfig {
        &self.config
    }

    pub fn mode(&self) -> Mode {
        self.player.mode()
    }

    pub fn is_running(&self) -> bool {
        self.player.is_running()
    }

    pub fn snapshot(&self) -> Snapshot {
        self.trainer.snapshot()
    }

    /// (epoch, cost) points of the run so far, bounded in number (see [`History`]).
    pub fn history(&self) -> &[(u32, f64)] {
        self.history.points()
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
            _ => match self.player.act(action) {
                Effect::Reset => self.reset(),
                Effect::Step => {
                    self.epochs(1);
                }
                Effect::Nothing => {}
            },
        }
    }

    /// Advances a running run by `dt_ms` of wall-clock time; returns the number of epochs run.
    pub fn advance(&mut self, dt_ms: f64) -> u64 {
        if !self.player.is_running() {
            return 0;
        }
        let due = self.player.due(dt_ms, self.config.speed);
        self.epochs(due)
    }

    /// Runs up to `n` epochs, stopping exactly at the last one, or where the run diverges.
    fn epochs(&mut self, n: u64) -> u64 {
        let left = u64::from(self.config.epochs - self.trainer.epoch());
        let n = n.min(left);
        let mut run = n;
        for i in 0..n {
            if let Err(d) = self.trainer.step() {
                self.player.stop(Mode::Diverged(d));
                run = i;
                break;
            }
            // The cost is worked out only for the epochs the curve keeps: on a long, fast run
            // that is a small share of them.
            let epoch = self.trainer.epoch();
            if self.history.keeps(epoch) {
                let cost = self.trainer.snapshot().cost;
                self.history.push(epoch, cost);
                self.cost_max = self.cost_max.max(cost);
            }
        }
        // The current state is drawn too, whether or not the curve keeps it.
        self.cost_max = self.cost_max.max(self.trainer.snapshot().cost);
        if let Mode::Diverged(_) = self.player.mode() {
            return run;
        }
        if self.trainer.epoch() == self.config.epochs {
            self.player.stop(Mode::Finished);
        }
        n
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
        for (name, a) in Action::ALL {
            assert_eq!(Action::from_name(name), Ok(a));
        }
        let e = Action::from_name("fly").unwrap_err();
        assert!(e.contains("\"fly\"") && e.contains("run, pause"), "{e}");
    }
}
