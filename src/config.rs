//! Widget options → typed, validated configuration. This is the one place that parses options:
//! every bad value is rejected here with a message that names the option, the value given and what
//! is accepted.
//!
//! Options arrive as (name, value) text pairs; the web layer takes them from an element's `data-*`
//! attributes with the `data-` prefix removed.

use crate::cost::Cost;
use crate::neuron::{Rule, Setup};
use std::fmt;

/// Largest |w|, |b| and |x| accepted: far beyond where σ saturates (|z| ≈ 40), small enough that
/// z = w·x + b can never overflow.
pub const MAX_ABS_PARAM: f64 = 1000.0;
/// Largest learning rate accepted; rates this large are useful only to watch a run diverge.
pub const MAX_ETA: f64 = 1e6;
/// Most epochs a run may have: its cost history is kept whole for the chart.
pub const MAX_EPOCHS: u32 = 1_000_000;
/// Fastest speed accepted, in epochs per second.
pub const MAX_SPEED: f64 = 1e6;

/// One rejected option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// The option's name without the `data-` prefix.
    pub option: String,
    /// The text that was given.
    pub value: String,
    /// What is wrong with it.
    pub problem: String,
    /// What the option accepts.
    pub accepted: String,
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "data-{}=\"{}\": {}. Accepted: {}.",
            self.option, self.value, self.problem, self.accepted
        )
    }
}

/// The widget kinds (`data-nndl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Neuron,
}

impl Kind {
    const NAMES: [(&'static str, Kind); 1] = [("neuron", Kind::Neuron)];
}

/// The four demos of the section, with the numbers of the book site's widgets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    Saturation1,
    Saturation2,
    Saturation3,
    Saturation4,
}

impl Preset {
    pub const ALL: [Preset; 4] = [
        Preset::Saturation1,
        Preset::Saturation2,
        Preset::Saturation3,
        Preset::Saturation4,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Preset::Saturation1 => "saturation1",
            Preset::Saturation2 => "saturation2",
            Preset::Saturation3 => "saturation3",
            Preset::Saturation4 => "saturation4",
        }
    }

    /// The demo's run. The quadratic demos use true gradient descent, which with x = 1 is exactly
    /// what the book's widgets do; the cross-entropy demos use the book site's published rule, so
    /// that they behave as the text describes (see SPEC.md).
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

/// A widget's validated configuration.
#[derive(Clone, Debug, PartialEq)]
pub enum WidgetConfig {
    Neuron(NeuronConfig),
}

const NEURON_OPTIONS: [&str; 11] = [
    "nndl", "preset", "cost", "rule", "w", "b", "eta", "x", "y", "epochs", "speed",
];

/// Parses a widget's options. Every bad option is reported, not only the first.
pub fn parse<'a, I>(options: I) -> Result<WidgetConfig, Vec<OptionError>>
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let options: Vec<(&str, &str)> = options.into_iter().collect();
    let get = |name: &str| {
        options
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim())
    };
    let kind = match get("nndl") {
        None | Some("") => return Err(vec![err("nndl", "", "no widget kind given", kind_names())]),
        Some(v) => match Kind::NAMES.iter().find(|(n, _)| *n == v) {
            Some((_, k)) => *k,
            None => return Err(vec![err("nndl", v, "unknown widget kind", kind_names())]),
        },
    };
    match kind {
        Kind::Neuron => parse_neuron(&options).map(WidgetConfig::Neuron),
    }
}

fn kind_names() -> String {
    one_of(Kind::NAMES.iter().map(|(n, _)| *n))
}

fn one_of<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.map(|n| format!("\"{n}\"")).collect();
    format!("one of {}", names.join(", "))
}

fn err(option: &str, value: &str, problem: &str, accepted: String) -> OptionError {
    OptionError {
        option: option.to_string(),
        value: value.to_string(),
        problem: problem.to_string(),
        accepted,
    }
}

fn parse_neuron(options: &[(&str, &str)]) -> Result<NeuronConfig, Vec<OptionError>> {
    let mut errors = Vec::new();
    for (k, v) in options {
        if !NEURON_OPTIONS.contains(k) {
            errors.push(err(
                k,
                v,
                "unknown option for a neuron widget",
                format!(
                    "the options {}",
                    NEURON_OPTIONS.map(|o| format!("data-{o}")).join(", ")
                ),
            ));
        }
    }
    let get = |name: &str| {
        options
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim())
    };

    let mut c = NeuronConfig::default();
    if let Some(v) = get("preset") {
        match Preset::ALL.into_iter().find(|p| p.name() == v) {
            Some(p) => c = p.config(),
            None => errors.push(err(
                "preset",
                v,
                "unknown preset",
                one_of(Preset::ALL.iter().map(|p| p.name())),
            )),
        }
    }
    if let Some(v) = get("cost") {
        match Cost::from_name(v) {
            Some(cost) => c.setup.cost = cost,
            None => errors.push(err(
                "cost",
                v,
                "unknown cost",
                one_of(Cost::ALL.iter().map(|c| c.name())),
            )),
        }
    }
    if let Some(v) = get("rule") {
        match Rule::from_name(v) {
            Some(rule) => c.setup.rule = rule,
            None => errors.push(err(
                "rule",
                v,
                "unknown update rule",
                one_of(Rule::ALL.iter().map(|r| r.name())),
            )),
        }
    }
    let mut number = |name: &str, target: &mut f64, range: Range| {
        if let Some(v) = get(name) {
            match parse_number(v, range) {
                Ok(n) => *target = n,
                Err((problem, accepted)) => errors.push(err(name, v, &problem, accepted)),
            }
        }
    };
    let param = Range::Closed(-MAX_ABS_PARAM, MAX_ABS_PARAM);
    number("w", &mut c.setup.w, param);
    number("b", &mut c.setup.b, param);
    number("x", &mut c.setup.x, param);
    number("y", &mut c.setup.y, Range::Closed(0.0, 1.0));
    number("eta", &mut c.setup.eta, Range::Positive(MAX_ETA));
    number("speed", &mut c.speed, Range::Positive(MAX_SPEED));
    let mut epochs = f64::from(c.epochs);
    number("epochs", &mut epochs, Range::Whole(1, MAX_EPOCHS));
    // Range::Whole has checked that this is a whole number that fits.
    c.epochs = epochs as u32;

    if errors.is_empty() {
        Ok(c)
    } else {
        Err(errors)
    }
}

/// The values a numeric option accepts.
#[derive(Clone, Copy)]
enum Range {
    /// lo ≤ v ≤ hi.
    Closed(f64, f64),
    /// 0 < v ≤ max.
    Positive(f64),
    /// A whole number lo ≤ v ≤ hi.
    Whole(u32, u32),
}

impl Range {
    fn describe(self) -> String {
        match self {
            Range::Closed(lo, hi) => format!("a number from {lo} to {hi}"),
            Range::Positive(max) => format!("a number greater than 0, at most {max}"),
            Range::Whole(lo, hi) => format!("a whole number from {lo} to {hi}"),
        }
    }
}

/// Parses a decimal number ("0.6", "-2", "1e-3") and checks it against `range`.
fn parse_number(text: &str, range: Range) -> Result<f64, (String, String)> {
    let fail = |problem: &str| Err((problem.to_string(), range.describe()));
    // Rust also reads "inf" and "NaN"; options must be plain decimal numbers.
    let looks_numeric = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    let v: f64 = match text.parse() {
        Ok(v) if looks_numeric => v,
        Ok(v) if v.is_nan() => return fail("NaN is not a number it can use"),
        Ok(_) if text.to_ascii_lowercase().contains("inf") => {
            return fail("infinity is not a number it can use")
        }
        _ => return fail("not a number"),
    };
    if !v.is_finite() {
        return fail("too large");
    }
    match range {
        Range::Closed(lo, hi) if v < lo || v > hi => fail("out of range"),
        Range::Positive(_) if v <= 0.0 => fail("must be greater than 0"),
        Range::Positive(max) if v > max => fail("too large"),
        Range::Whole(..) if v.fract() != 0.0 => fail("not a whole number"),
        Range::Whole(lo, hi) if v < f64::from(lo) || v > f64::from(hi) => fail("out of range"),
        _ => Ok(v),
    }
}
