//! The explorer's run: the quadratic cost and the cross-entropy (or the swapped expression) trained
//! from the same start, side by side, with the reader changing settings as it goes; and what its
//! views plot (the cost surface, the σ′ identity). Pure Rust: the web layer only shows it.

use crate::config::{Applies, ExplorerConfig, OptionError, Racing, Setting, Spec, SETTINGS};
use crate::cost::{binary_entropy, sigmoid_prime, Cost};
use crate::history::History;
use crate::neuron::{Diverged, NeuronTrainer, Setup, Snapshot};
use crate::runner::{Action, Mode, Player, Stepper};

/// One raced cost: its trainer and the states it went through.
pub struct Racer {
    pub cost: Cost,
    trainer: NeuronTrainer,
    history: History<Snapshot>,
    /// Where it stopped because its next update was not finite.
    diverged: Option<Diverged>,
}

impl Racer {
    fn new(cost: Cost, setup: Setup) -> Racer {
        let trainer = NeuronTrainer::new(Setup { cost, ..setup });
        let mut history = History::default();
        history.push(0, trainer.snapshot());
        Racer {
            cost,
            trainer,
            history,
            diverged: None,
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        self.trainer.snapshot()
    }

    pub fn eta(&self) -> f64 {
        self.trainer.setup().eta
    }

    pub fn diverged(&self) -> Option<Diverged> {
        self.diverged
    }

    /// The kept states (bounded in number, see [`History`]); the current state may be newer.
    pub fn history(&self) -> &[(u32, Snapshot)] {
        self.history.points()
    }

    /// The kept states and then the current one, once.
    pub fn path(&self) -> impl Iterator<Item = Snapshot> + '_ {
        let now = self.snapshot();
        self.history.through(now.epoch, now).map(|(_, s)| s)
    }

    /// Runs epochs up to `until`, stopping where an update would not be finite.
    fn run_to(&mut self, until: u32) {
        while self.diverged.is_none() && self.trainer.epoch() < until {
            if let Err(d) = self.trainer.step() {
                self.diverged = Some(d);
                break;
            }
            let epoch = self.trainer.epoch();
            if self.history.keeps(epoch) {
                self.history.push(epoch, self.trainer.snapshot());
            }
        }
    }

    /// The minimum of this racer's cost over all outputs a, where there is one: 0 for the
    /// quadratic cost, the binary entropy (64) for cross-entropy. The swapped expression is
    /// linear in a and has none at a = y.
    pub fn least_cost(&self, y: f64) -> Option<f64> {
        match self.cost {
            Cost::Quadratic => Some(0.0),
            Cost::CrossEntropy => Some(binary_entropy(y)),
            Cost::Swapped => None,
        }
    }
}

/// The explorer's whole state.
pub struct Explorer {
    /// What the controls show, and what the next Run or Reset starts from.
    config: ExplorerConfig,
    /// What the current run was started with (its learning rates, w and b may have changed since).
    started: ExplorerConfig,
    racers: Vec<Racer>,
    player: Player,
}

impl Explorer {
    pub fn new(config: ExplorerConfig) -> Explorer {
        let mut e = Explorer {
            config,
            started: config,
            racers: Vec::new(),
            player: Player::default(),
        };
        e.start();
        e
    }

    /// Back to epoch 0 with the configuration as it is now (the mode is the player's).
    fn start(&mut self) {
        let c = self.config;
        self.started = c;
        let setup = |eta| Setup {
            cost: Cost::Quadratic,
            rule: c.rule,
            x: c.x,
            y: c.y,
            eta,
            w: c.w,
            b: c.b,
        };
        let second = if c.swapped {
            Cost::Swapped
        } else {
            Cost::CrossEntropy
        };
        let mut racers = Vec::new();
        if c.racing != Racing::CrossEntropy {
            racers.push(Racer::new(Cost::Quadratic, setup(c.eta_quadratic)));
        }
        if c.racing != Racing::Quadratic {
            racers.push(Racer::new(second, setup(c.eta_cross_entropy)));
        }
        self.racers = racers;
    }

    pub fn config(&self) -> &ExplorerConfig {
        &self.config
    }

    /// The configuration the current run started from.
    pub fn started(&self) -> &ExplorerConfig {
        &self.started
    }

    pub fn racers(&self) -> &[Racer] {
        &self.racers
    }

    pub fn racer(&self, cost: Cost) -> Option<&Racer> {
        self.racers.iter().find(|r| r.cost == cost)
    }

    /// The epoch the run is at (the racers keep in step; one that diverged stays where it
    /// stopped).
    pub fn epoch(&self) -> u32 {
        self.racers
            .iter()
            .map(|r| r.snapshot().epoch)
            .max()
            .unwrap_or(0)
    }

    /// Whether settings were changed that wait for the next Run or Reset.
    pub fn pending(&self) -> bool {
        // What applies at once, or from the next epoch, does not wait: take it as started.
        let mut config = self.config;
        let waits = |s: &&Spec| matches!(s.applies, Applies::WhenPaused | Applies::AtRestart);
        for s in SETTINGS.iter().filter(|s| !waits(s)) {
            // The started configuration's values are valid: they were set before.
            let _ = config.set_setting(s.setting, &self.started.text(s.setting));
        }
        config != self.started
    }

    /// Whether the swapped expression cannot be trained at all: its target is 0 or 1, where it
    /// needs ln 0 (the second exercise).
    pub fn swapped_undefined(&self) -> bool {
        self.racer(Cost::Swapped)
            .is_some_and(|r| r.snapshot().cost.is_infinite())
    }

    /// Run, Pause/Resume, Toggle, Step and Reset; the neuron widget's rule switches mean nothing
    /// here, where the rule is a control.
    pub fn act(&mut self, action: Action) {
        self.play(action);
    }

    /// Changes one setting (named as its option is); see [`Explorer::set_setting`].
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), OptionError> {
        match Setting::from_name(name) {
            Some(s) => self.set_setting(s, value),
            // Refused, with the message that lists the settings.
            None => self.config.set(name, value),
        }
    }

    /// Changes one setting. When it takes effect during a run is the table's
    /// ([`Applies`]): learning rates from the next epoch, the speed and the views at once, w and
    /// b at once while paused (both runs move there), the rest on the next Run or Reset.
    /// Everything applies at once before a run has started. A bad value changes nothing.
    pub fn set_setting(&mut self, setting: Setting, value: &str) -> Result<(), OptionError> {
        let before = self.config;
        self.config.set_setting(setting, value)?;
        let c = self.config;
        if self.mode() == Mode::Ready && c != before {
            self.start();
            return Ok(());
        }
        // Learning rates apply from the next epoch, also those a preset sets.
        let applies = setting.spec().applies;
        if applies == Applies::NextEpoch || setting == Setting::Preset {
            for r in &mut self.racers {
                r.trainer.set_eta(match r.cost {
                    Cost::Quadratic => c.eta_quadratic,
                    _ => c.eta_cross_entropy,
                });
            }
            self.started.eta_quadratic = c.eta_quadratic;
            self.started.eta_cross_entropy = c.eta_cross_entropy;
        }
        if applies == Applies::WhenPaused && self.mode() == Mode::Paused {
            for r in &mut self.racers {
                let s = r.snapshot();
                let (w, b) = match setting {
                    Setting::W => (c.w, s.b),
                    _ => (s.w, c.b),
                };
                r.trainer.set_params(w, b);
                // A run that had diverged may go on from the new point.
                r.diverged = None;
            }
            (self.started.w, self.started.b) = (c.w, c.b);
        }
        Ok(())
    }

    /// The run for its data table: at most `most` epochs spread over it (the first and the
    /// latest among them), each with every racer's state there; `None` for a racer that had
    /// stopped (diverged) before it.
    pub fn table(&self, most: usize) -> Vec<(u32, Vec<Option<Snapshot>>)> {
        let paths: Vec<Vec<Snapshot>> = self.racers.iter().map(|r| r.path().collect()).collect();
        let longest = paths
            .iter()
            .max_by_key(|p| p.len())
            .cloned()
            .unwrap_or_default();
        crate::plot::table_rows(longest.len(), most)
            .map(|i| {
                let epoch = longest[i].epoch;
                let at = |p: &Vec<Snapshot>| {
                    let found = p.binary_search_by_key(&epoch, |s| s.epoch);
                    found.ok().map(|k| p[k])
                };
                (epoch, paths.iter().map(at).collect())
            })
            .collect()
    }

    /// The run's history as CSV: one row per kept state of each raced cost.
    pub fn csv(&self) -> String {
        let mut out = String::from("cost,epoch,eta,w,b,z,a,C,dC/dw,dC/db,sigma_prime\n");
        for r in &self.racers {
            for s in r.path() {
                out.push_str(&format!(
                    "{},{},{},{},{},{},{},{},{},{},{}\n",
                    r.cost.name(),
                    s.epoch,
                    r.eta(),
                    s.w,
                    s.b,
                    s.z,
                    s.a,
                    s.cost,
                    s.dw,
                    s.db,
                    sigmoid_prime(s.z)
                ));
            }
        }
        out
    }
}

impl Stepper for Explorer {
    type Diverged = Diverged;

    fn player(&self) -> &Player {
        &self.player
    }

    fn player_mut(&mut self) -> &mut Player {
        &mut self.player
    }

    /// One epoch of every run that can go on; the race has diverged only when every run has.
    fn step_epoch(&mut self) -> Result<(), Diverged> {
        let next = self.epoch() + 1;
        for r in &mut self.racers {
            r.run_to(next);
        }
        match self
            .racers
            .iter()
            .map(|r| r.diverged)
            .collect::<Option<Vec<_>>>()
        {
            Some(all) if !all.is_empty() => Err(all[0]),
            _ => Ok(()),
        }
    }

    /// No run can go on: each is at its last epoch or has diverged.
    fn finished(&self) -> bool {
        !self
            .racers
            .iter()
            .any(|r| r.diverged.is_none() && r.snapshot().epoch < self.started.epochs)
    }

    fn reset(&mut self) {
        self.start();
    }

    fn speed(&self) -> f64 {
        self.config.speed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExplorerConfig;

    fn finished(config: ExplorerConfig) -> Explorer {
        let mut e = Explorer::new(config);
        e.act(Action::Run);
        while e.is_running() {
            e.advance(100.0);
        }
        e
    }

    #[test]
    fn the_table_gives_every_racer_at_the_same_epochs_and_a_gap_after_a_divergence() {
        let e = finished(ExplorerConfig::default());
        let t = e.table(11);
        let epochs: Vec<u32> = t.iter().map(|(e, _)| *e).collect();
        assert_eq!(epochs, (0..=300).step_by(30).collect::<Vec<_>>());
        for (epoch, states) in &t {
            for (r, s) in e.racers().iter().zip(states) {
                let kept = r
                    .history()
                    .iter()
                    .find(|(k, _)| k == epoch)
                    .map(|(_, s)| *s);
                assert_eq!(*s, kept);
            }
        }
        // The cross-entropy's first update overflows; the quadratic cost runs on.
        let c = ExplorerConfig {
            x: 2.0,
            eta_cross_entropy: 1.5e308,
            same_eta: false,
            ..ExplorerConfig::default()
        };
        let e = finished(c);
        let t = e.table(11);
        assert_eq!(t.last().unwrap().0, 300);
        let last = &t.last().unwrap().1;
        assert!(last[0].is_some() && last[1].is_none(), "{last:?}");
    }

    #[test]
    fn the_race_matches_two_separate_trainers() {
        let e = finished(ExplorerConfig::default());
        assert_eq!(e.mode(), Mode::Finished);
        for r in e.racers() {
            let mut t = NeuronTrainer::new(Setup {
                cost: r.cost,
                rule: crate::neuron::Rule::Gradient,
                x: 1.0,
                y: 0.0,
                eta: 0.15,
                w: 2.0,
                b: 2.0,
            });
            for _ in 0..300 {
                t.step().unwrap();
            }
            assert_eq!(r.snapshot(), t.snapshot());
            assert_eq!(r.history().len(), 301);
        }
        // The section's claim, from the saturated start with the same η: cross-entropy learns at
        // once, the quadratic cost is still on its plateau after 100 epochs.
        let q = e.racer(Cost::Quadratic).unwrap();
        let ce = e.racer(Cost::CrossEntropy).unwrap();
        assert!(q.history()[100].1.a > 0.9);
        assert!(ce.history()[100].1.a < 0.1);
    }

    #[test]
    fn eta_changes_apply_from_the_next_epoch_while_running() {
        let mut e = Explorer::new(ExplorerConfig::default());
        e.act(Action::Run);
        e.advance(100.0);
        let at = e.epoch();
        assert_eq!(e.set("eta-cross-entropy", "1"), Ok(()));
        assert!(e.is_running());
        for r in e.racers() {
            assert_eq!(r.eta(), 1.0, "same η ties both");
        }
        e.act(Action::Step);
        let ce = e.racer(Cost::CrossEntropy).unwrap();
        let before = ce.history().iter().find(|(ep, _)| *ep == at).unwrap().1;
        let after = ce.snapshot();
        assert_eq!(after.b, before.b - 1.0 * before.db);
        assert!(!e.pending());
    }

    #[test]
    fn other_settings_wait_for_run_or_reset_and_w_b_move_a_paused_run() {
        let mut e = Explorer::new(ExplorerConfig::default());
        e.act(Action::Run);
        e.advance(100.0);
        assert_eq!(e.set("y", "0.5"), Ok(()));
        assert!(e.pending());
        assert_eq!(e.racers()[0].trainer.setup().y, 0.0);
        e.act(Action::Pause);
        assert_eq!(e.set("w", "-1"), Ok(()));
        assert!(e.racers().iter().all(|r| r.snapshot().w == -1.0));
        e.act(Action::Reset);
        assert!(!e.pending());
        assert_eq!(e.racers()[0].trainer.setup().y, 0.5);
        assert_eq!(e.racers()[0].snapshot().w, -1.0);
        // Before a run, everything applies at once.
        assert_eq!(e.set("x", "2"), Ok(()));
        assert_eq!(e.racers()[0].trainer.setup().x, 2.0);
        // A bad value changes nothing.
        let before = *e.config();
        assert!(e.set("eta", "-1").is_err());
        assert!(e.set("w", "NaN").is_err());
        assert!(e.set("nope", "1").is_err());
        assert_eq!(*e.config(), before);
    }

    #[test]
    fn the_swapped_expression_cannot_take_a_step_for_targets_0_and_1() {
        for y in ["0", "1"] {
            let mut c = ExplorerConfig::default();
            c.set("swapped", "true").unwrap();
            c.set("y", y).unwrap();
            let e = finished(c);
            assert!(e.swapped_undefined());
            let s = e.racer(Cost::Swapped).unwrap();
            assert_eq!(s.diverged(), Some(Diverged { epoch: 0 }));
            assert_eq!(s.snapshot().epoch, 0);
            // The quadratic run is not held back by it.
            assert_eq!(e.racer(Cost::Quadratic).unwrap().snapshot().epoch, 300);
            assert_eq!(e.mode(), Mode::Finished);
        }
        // For 0 < y < 1 it trains, but pushes a away from y, towards 0 for y < ½.
        let mut c = ExplorerConfig::default();
        c.set("swapped", "true").unwrap();
        c.set("y", "0.3").unwrap();
        c.set("w", "0").unwrap();
        c.set("b", "0").unwrap();
        let e = finished(c);
        assert!(!e.swapped_undefined());
        assert!(e.racer(Cost::Swapped).unwrap().snapshot().a < 0.1);
    }

    #[test]
    fn cross_entropy_approaches_the_binary_entropy_from_above() {
        for y in [0.2, 0.5, 0.9] {
            let mut c = ExplorerConfig::default();
            c.set("y", &y.to_string()).unwrap();
            c.set("epochs", "3000").unwrap();
            c.set("eta", "1").unwrap();
            let e = finished(c);
            let ce = e.racer(Cost::CrossEntropy).unwrap();
            let h = ce.least_cost(y).unwrap();
            // Never below it, but for rounding in the last digits.
            assert!(ce.path().all(|s| s.cost >= h * (1.0 - 1e-14)));
            let end = ce.snapshot();
            assert!(end.cost - h < 1e-6, "y={y}: {} vs {h}", end.cost);
            assert!((end.a - y).abs() < 1e-3);
        }
    }

    #[test]
    fn a_run_diverges_only_when_every_racer_did() {
        let mut c = ExplorerConfig::default();
        c.set("same-eta", "false").unwrap();
        c.set("eta-quadratic", "1e6").unwrap();
        c.set("w", "0").unwrap();
        c.set("b", "0").unwrap();
        c.set("y", "0.5").unwrap();
        let e = finished(c);
        assert_eq!(e.mode(), Mode::Finished);
        c.set("eta-cross-entropy", "1e6").unwrap();
        c.set("y", "1").unwrap();
        c.set("w", "1000").unwrap();
        let e = finished(c);
        for r in e.racers() {
            let s = r.snapshot();
            assert!(s.w.is_finite() && s.b.is_finite());
        }
    }

    #[test]
    fn the_book_presets_replay_two_of_the_books_demos_side_by_side() {
        use crate::config::{ExplorerPreset, Preset};
        use crate::neuron_run::NeuronRun;
        for (preset, demos) in [
            (
                ExplorerPreset::GoodStart,
                [Preset::Saturation1, Preset::Saturation3],
            ),
            (
                ExplorerPreset::SaturatedStart,
                [Preset::Saturation2, Preset::Saturation4],
            ),
        ] {
            let mut c = ExplorerConfig::default();
            c.set("preset", preset.name()).unwrap();
            let e = finished(c);
            for (racer, demo) in e.racers().iter().zip(demos) {
                let mut run = NeuronRun::new(demo.config());
                run.act(Action::Run);
                while run.is_running() {
                    run.advance(100.0);
                }
                assert_eq!(racer.snapshot(), run.snapshot(), "{demo:?}");
            }
        }
        // The empty choice changes nothing.
        let mut c = ExplorerConfig::default();
        c.set("preset", "").unwrap();
        assert_eq!(c, ExplorerConfig::default());
    }

    #[test]
    fn a_preset_chosen_mid_run_sets_the_rates_now_and_the_rest_on_reset() {
        let mut e = Explorer::new(ExplorerConfig::default());
        e.act(Action::Run);
        e.advance(100.0);
        assert_eq!(e.set("preset", "book-good-start"), Ok(()));
        assert_eq!(e.racer(Cost::CrossEntropy).unwrap().eta(), 0.005);
        assert!(e.pending());
        e.act(Action::Reset);
        assert_eq!(e.racer(Cost::Quadratic).unwrap().snapshot().w, 0.6);
        assert!(!e.pending());
    }

    #[test]
    fn csv_has_a_row_per_state() {
        let e = finished(ExplorerConfig::default());
        let csv = e.csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + 2 * 301);
        assert!(lines[1].starts_with("quadratic,0,0.15,2,2,4,"));
        assert!(lines[302].starts_with("cross-entropy,0,"));
    }
}
