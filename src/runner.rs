//! The one way every widget's run is driven: the reader's [`Action`]s, the [`State`]s a widget
//! shows, and for runs stepped by the wall clock, the [`Player`] (mode and clock) and the
//! [`Stepper`] trait, whose provided methods are the one clocked loop that the neuron, explorer
//! and multi-layer runs share. Pure Rust.

use crate::clock::Clock;
use crate::neuron::Diverged;

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
    /// The state the widget shows (`data-state`).
    pub fn state(&self) -> State {
        match self {
            Mode::Ready => State::Ready,
            Mode::Running => State::Running,
            Mode::Paused => State::Paused,
            Mode::Finished => State::Finished,
            Mode::Diverged(_) => State::Diverged,
        }
    }
}

named! {
    /// Every state a widget can be in, as its `data-state` names it. A run stepped by the clock
    /// is ready, running, paused, finished or diverged ([`Mode::state`]); the MNIST widget, whose
    /// run is in a worker, also loads, is cancelled or fails, and so does any widget whose
    /// options were refused.
    pub enum State {
        Ready = "ready",
        Loading = "loading",
        Running = "running",
        Paused = "paused",
        Finished = "finished",
        Cancelled = "cancelled",
        Diverged = "diverged",
        Failed = "failed",
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

named! {
    /// What a reader can do to a run. Each has a name that the page's buttons carry
    /// (`data-action`).
    pub enum Action {
        /// Back to epoch 0, then run.
        Run = "run",
        /// Pause a running run, resume a paused one.
        Pause = "pause",
        /// The Space key: Pause (or Resume) a run under way, else Run.
        Toggle = "toggle",
        /// One epoch, pausing first if running.
        Step = "step",
        /// Back to epoch 0, stopped.
        Reset = "reset",
        /// The neuron's switch to true gradient descent, from the start.
        UseGradient = "use-gradient",
        /// The neuron's switch back to the rule and η it was configured with, from the start.
        UseConfigured = "use-configured",
        /// The neuron's switch to the suggested η, from the start.
        UseSuggestedEta = "use-suggested-eta",
        /// Stop a run that trains in a worker, keeping what it has shown.
        Cancel = "cancel",
    }
}

impl Action {
    /// The action with this name, or a message that lists them.
    pub fn parse(name: &str) -> Result<Action, String> {
        Action::from_name(name).ok_or_else(|| {
            format!(
                "unknown action \"{name}\"; the actions are {}",
                Action::NAMES.join(", ")
            )
        })
    }
}

/// A run that advances one epoch at a time, stepped by the wall clock. A run implements the
/// required methods; the provided ones are the one loop every such run is driven by.
pub trait Stepper {
    /// Where and why the run diverged.
    type Diverged: Copy + PartialEq;

    fn player(&self) -> &Player<Self::Diverged>;
    fn player_mut(&mut self) -> &mut Player<Self::Diverged>;

    /// One epoch; an error where its update would not be finite (the run then stops there).
    fn step_epoch(&mut self) -> Result<(), Self::Diverged>;

    /// Whether the run has had all its epochs.
    fn finished(&self) -> bool;

    /// Back to epoch 0 (the mode is the player's).
    fn reset(&mut self);

    /// Epochs per second of wall-clock time while running.
    fn speed(&self) -> f64;

    /// After a frame's epochs: work done once per frame rather than once per epoch.
    fn settle(&mut self) {}

    fn mode(&self) -> Mode<Self::Diverged> {
        self.player().mode()
    }

    fn is_running(&self) -> bool {
        self.player().is_running()
    }

    /// Run, Pause/Resume, Toggle, Step and Reset, as [`Player::act`] says.
    fn play(&mut self, action: Action) {
        match self.player_mut().act(action) {
            Effect::Reset => self.reset(),
            Effect::Step => {
                self.epochs(1);
            }
            Effect::Nothing => {}
        }
    }

    /// Advances a running run by `dt_ms` of wall-clock time; returns the number of epochs run.
    fn advance(&mut self, dt_ms: f64) -> u64 {
        if !self.is_running() {
            return 0;
        }
        let speed = self.speed();
        let due = self.player_mut().due(dt_ms, speed);
        self.epochs(due)
    }

    /// Runs up to `n` epochs, stopping exactly at the last one, or where the run diverges;
    /// returns how many ran.
    fn epochs(&mut self, n: u64) -> u64 {
        let mut ran = n;
        for i in 0..n {
            if self.finished() {
                ran = i;
                break;
            }
            if let Err(d) = self.step_epoch() {
                self.player_mut().stop(Mode::Diverged(d));
                self.settle();
                return i;
            }
        }
        self.settle();
        if self.finished() {
            self.player_mut().stop(Mode::Finished);
        }
        ran
    }
}
