//! The neuron widget's options: the book's four demos as presets, and every number of a run.

use super::reader::{OptionError, Range, Reader};
use crate::cost::Cost;
use crate::neuron::{Rule, Setup};

/// Largest |w|, |b| and |x| accepted: far beyond where σ saturates (|z| ≈ 40), small enough that
/// z = w·x + b can never overflow.
pub const MAX_ABS_PARAM: f64 = 1000.0;
/// Largest learning rate accepted; rates this large are useful only to watch a run diverge.
pub const MAX_ETA: f64 = 1e6;
/// Most epochs a run may have. Its cost curve stays bounded (see `History`); the limit only catches
/// a typo (at the default 60 epochs a second, ten million epochs would take two days).
pub const MAX_EPOCHS: u32 = 10_000_000;
/// Fastest speed accepted, in epochs per second.
pub const MAX_SPEED: f64 = 1e6;
/// Slowest speed accepted, in epochs per second: an epoch every ten seconds (slower would look
/// like a widget that never moves).
pub const MIN_SPEED: f64 = 0.1;
/// The speeds accepted.
pub const SPEED: Range = Range::Closed(MIN_SPEED, MAX_SPEED);

named! {
    /// The four demos of the section, with the numbers of the book site's widgets.
    pub enum Preset {
        Saturation1 = "saturation1",
        Saturation2 = "saturation2",
        Saturation3 = "saturation3",
        Saturation4 = "saturation4",
    }
}

impl Preset {
    /// The demo's run. The quadratic demos use true gradient descent, which with x = 1 is exactly
    /// what the book's widgets do; the cross-entropy demos use the book site's published rule, so
    /// that they behave as the text describes (see the project's spec, shared/SPEC.md).
    pub fn config(self) -> NeuronConfig {
        let (cost, w, b, eta, rule) = match self {
            Preset::Saturation1 => (Cost::Quadratic, 0.6, 0.9, 0.15, Rule::Gradient),
            Preset::Saturation2 => (Cost::Quadratic, 2.0, 2.0, 0.15, Rule::Gradient),
            Preset::Saturation3 => (Cost::CrossEntropy, 0.6, 0.9, 0.005, Rule::Published),
            Preset::Saturation4 => (Cost::CrossEntropy, 2.0, 2.0, 0.005, Rule::Published),
        };
        NeuronConfig {
            setup: Setup {
                cost,
                rule,
                x: 1.0,
                y: 0.0,
                eta,
                w,
                b,
            },
            epochs: 300,
            speed: 60.0,
        }
    }
}

/// A neuron widget's configuration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NeuronConfig {
    pub setup: Setup,
    /// The run's length: Run stops exactly here.
    pub epochs: u32,
    /// Epochs per second of wall-clock time while running.
    pub speed: f64,
}

impl Default for NeuronConfig {
    /// saturation1's numbers with true gradient descent.
    fn default() -> NeuronConfig {
        let mut c = Preset::Saturation1.config();
        c.setup.rule = Rule::Gradient;
        c
    }
}

const NEURON_OPTIONS: &[&str] = &[
    "nndl", "lang", "theme", "preset", "cost", "rule", "w", "b", "eta", "x", "y", "epochs", "speed",
];

pub(super) fn parse_neuron(options: &[(&str, &str)]) -> Result<NeuronConfig, Vec<OptionError>> {
    let mut r = Reader::new(options, NEURON_OPTIONS.to_vec());
    let mut c = NeuronConfig::default();
    if let Some(p) = r.choose("preset", &Preset::ALL, Preset::name) {
        c = p.config();
    }
    if let Some(cost) = r.choose("cost", &Cost::ALL, Cost::name) {
        c.setup.cost = cost;
    }
    if let Some(rule) = r.choose("rule", &Rule::ALL, Rule::name) {
        c.setup.rule = rule;
    }
    let param = Range::Closed(-MAX_ABS_PARAM, MAX_ABS_PARAM);
    r.number("w", &mut c.setup.w, param);
    r.number("b", &mut c.setup.b, param);
    r.number("x", &mut c.setup.x, param);
    r.number("y", &mut c.setup.y, Range::Closed(0.0, 1.0));
    r.number("eta", &mut c.setup.eta, Range::Positive(MAX_ETA));
    r.number("speed", &mut c.speed, SPEED);
    r.whole("epochs", &mut c.epochs, 1, MAX_EPOCHS);
    r.finish(c)
}
