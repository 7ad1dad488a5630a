//! Widget options → typed, validated configuration. This is the one place that parses options:
//! every bad value is rejected here with a message that names the option, the value given and what
//! is accepted.
//!
//! Options arrive as (name, value) text pairs; the web layer takes them from an element's `data-*`
//! attributes with the `data-` prefix removed.

use crate::cost::Cost;
use crate::i18n::Lang;
use crate::network;
use crate::neuron::{Rule, Setup};
use crate::saturation::{self, SaturationConfig};
use std::fmt;

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

/// One rejected option.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionError {
    /// The option's name without the `data-` prefix.
    pub option: String,
    /// The text that was given.
    pub value: String,
    pub problem: Problem,
    pub accepted: Accepted,
    pub place: Place,
}

/// What is wrong with an option's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    NotANumber,
    NaN,
    Infinite,
    TooLarge,
    OutOfRange,
    NotPositive,
    NotWhole,
    NoKind,
    UnknownKind,
    UnknownValue,
    UnknownOption,
}

/// What an option accepts.
#[derive(Clone, Debug, PartialEq)]
pub enum Accepted {
    Range(Range),
    OneOf(Vec<&'static str>),
    /// The option names a widget kind accepts.
    Options(&'static [&'static str]),
}

impl OptionError {
    /// The message a person reads: the option, the value given, what is wrong, what is accepted.
    pub fn message(&self, lang: Lang) -> String {
        let w = lang.words();
        let problem = match self.problem {
            Problem::NotANumber => w.not_a_number,
            Problem::NaN => w.nan,
            Problem::Infinite => w.infinite,
            Problem::TooLarge => w.too_large,
            Problem::OutOfRange => w.out_of_range,
            Problem::NotPositive => w.not_positive,
            Problem::NotWhole => w.not_whole,
            Problem::NoKind => w.no_kind,
            Problem::UnknownKind => w.unknown_kind,
            Problem::UnknownValue => w.unknown_value,
            Problem::UnknownOption => w.unknown_option,
        };
        let list = |items: Vec<String>| match lang {
            Lang::En => items.join(", "),
            Lang::Zh => items.join("、"),
        };
        let accepted = match &self.accepted {
            Accepted::Range(r) => r.describe(lang),
            Accepted::OneOf(names) => format!(
                "{} {}",
                w.one_of,
                list(names.iter().map(|n| format!("\"{n}\"")).collect())
            ),
            Accepted::Options(names) => format!(
                "{} {}",
                w.the_options,
                list(names.iter().map(|n| format!("data-{n}")).collect())
            ),
        };
        let (option, value, label) = (&self.option, &self.value, w.accepted);
        let name = match self.place {
            Place::Option => format!("data-{option}="),
            Place::Named => format!("{option}="),
            Place::Control => String::new(),
        };
        match lang {
            Lang::En => format!("{name}\"{value}\": {problem}. {label}: {accepted}."),
            Lang::Zh => format!("{name}\"{value}\":{problem}。{label}:{accepted}。"),
        }
    }

    /// The same error, for a value typed into the control beside which it is shown, or for one
    /// from a shared link or a script.
    pub fn at(mut self, place: Place) -> OptionError {
        self.place = place;
        self
    }
}

/// Where a rejected value came from, which its message names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Place {
    /// A `data-*` attribute.
    #[default]
    Option,
    /// A shared link's fragment, or a script's `set(name, value)`: named without `data-`.
    Named,
    /// A control of the widget; the message is shown beside it.
    Control,
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The widget kinds (`data-nndl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Neuron,
    Explorer,
    Network,
    Mnist,
}

impl Kind {
    const NAMES: [(&'static str, Kind); 4] = [
        ("neuron", Kind::Neuron),
        ("explorer", Kind::Explorer),
        ("network", Kind::Network),
        ("mnist", Kind::Mnist),
    ];
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

/// A widget's validated configuration.
#[derive(Clone, Debug, PartialEq)]
pub enum WidgetConfig {
    Neuron(NeuronConfig),
    Explorer(ExplorerOptions),
    Network(NetworkConfig),
    Mnist(MnistConfig),
}

/// What [`parse`] makes of a widget's options: the language it speaks, and its configuration or
/// every reason it has none.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub lang: Lang,
    pub result: Result<WidgetConfig, Vec<OptionError>>,
}

const NEURON_OPTIONS: &[&str] = &[
    "nndl", "lang", "preset", "cost", "rule", "w", "b", "eta", "x", "y", "epochs", "speed",
];

/// Parses a widget's options. The language is `data-lang`'s, else the page's (`page_lang`, the
/// nearest `lang` attribute), else English. Every bad option is reported, not only the first.
pub fn parse<'a, I>(options: I, page_lang: Option<&str>) -> Parsed
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
    let page_lang = page_lang.and_then(Lang::from_tag).unwrap_or_default();
    let (lang, lang_error) = match get("lang") {
        None => (page_lang, None),
        Some(v) => match Lang::from_tag(v) {
            Some(l) => (l, None),
            None => (
                page_lang,
                Some(err("lang", v, Problem::UnknownValue, one_of(&["en", "zh"]))),
            ),
        },
    };
    let kinds = one_of(&Kind::NAMES.map(|(n, _)| n));
    let kind = match get("nndl") {
        None | Some("") => Err(err("nndl", "", Problem::NoKind, kinds)),
        Some(v) => Kind::NAMES
            .iter()
            .find(|(n, _)| *n == v)
            .map(|(_, k)| *k)
            .ok_or_else(|| err("nndl", v, Problem::UnknownKind, kinds)),
    };
    let mut result = match kind {
        Err(e) => Err(vec![e]),
        Ok(Kind::Neuron) => parse_neuron(&options).map(WidgetConfig::Neuron),
        Ok(Kind::Explorer) => parse_explorer(&options).map(WidgetConfig::Explorer),
        Ok(Kind::Network) => parse_network(&options).map(WidgetConfig::Network),
        Ok(Kind::Mnist) => parse_mnist(&options).map(WidgetConfig::Mnist),
    };
    if let Some(e) = lang_error {
        match &mut result {
            Ok(_) => result = Err(vec![e]),
            Err(errors) => errors.insert(0, e),
        }
    }
    Parsed { lang, result }
}

fn one_of(names: &[&'static str]) -> Accepted {
    Accepted::OneOf(names.to_vec())
}

fn err(option: &str, value: &str, problem: Problem, accepted: Accepted) -> OptionError {
    OptionError {
        option: option.to_string(),
        value: value.to_string(),
        problem,
        accepted,
        place: Place::Option,
    }
}

/// Reads one widget's options: records every unknown option and every bad value as it goes.
struct Reader<'a> {
    options: &'a [(&'a str, &'a str)],
    errors: Vec<OptionError>,
}

impl<'a> Reader<'a> {
    fn new(options: &'a [(&'a str, &'a str)], known: &'static [&'static str]) -> Reader<'a> {
        let errors = options
            .iter()
            .filter(|(k, _)| !known.contains(k))
            .map(|(k, v)| err(k, v, Problem::UnknownOption, Accepted::Options(known)))
            .collect();
        Reader { options, errors }
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.options
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim())
    }

    /// The one of `all` whose name is given, if an option names one.
    fn choose<T: Copy>(
        &mut self,
        name: &str,
        all: &[T],
        name_of: fn(T) -> &'static str,
    ) -> Option<T> {
        let v = self.get(name)?;
        pick(name, v, all, name_of)
            .map_err(|e| self.errors.push(e))
            .ok()
    }

    fn number(&mut self, name: &str, target: &mut f64, range: Range) {
        if let Some(v) = self.get(name) {
            match number(name, v, range) {
                Ok(n) => *target = n,
                Err(e) => self.errors.push(e),
            }
        }
    }

    fn whole(&mut self, name: &str, target: &mut u32, lo: u32, hi: u32) {
        let mut v = f64::from(*target);
        self.number(name, &mut v, Range::Whole(lo, hi));
        // Range::Whole has checked that this is a whole number that fits.
        *target = v as u32;
    }

    fn finish<T>(self, value: T) -> Result<T, Vec<OptionError>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }
}

fn parse_neuron(options: &[(&str, &str)]) -> Result<NeuronConfig, Vec<OptionError>> {
    let mut r = Reader::new(options, NEURON_OPTIONS);
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
    r.number("speed", &mut c.speed, Range::Positive(MAX_SPEED));
    r.whole("epochs", &mut c.epochs, 1, MAX_EPOCHS);
    r.finish(c)
}

/// The multi-layer saturation widget's configuration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetworkConfig {
    pub demo: SaturationConfig,
    /// Epochs per second while running.
    pub speed: f64,
}

impl Default for NetworkConfig {
    fn default() -> NetworkConfig {
        NetworkConfig {
            demo: SaturationConfig::default(),
            speed: 30.0,
        }
    }
}

const NETWORK_OPTIONS: &[&str] = &["nndl", "lang", "eta", "epochs", "seed", "speed"];

fn parse_network(options: &[(&str, &str)]) -> Result<NetworkConfig, Vec<OptionError>> {
    let mut r = Reader::new(options, NETWORK_OPTIONS);
    let mut c = NetworkConfig::default();
    r.number("eta", &mut c.demo.eta, Range::Positive(100.0));
    r.whole("epochs", &mut c.demo.epochs, 1, saturation::MAX_EPOCHS);
    let mut seed = c.demo.seed as u32;
    r.whole("seed", &mut seed, 0, u32::MAX);
    c.demo.seed = u64::from(seed);
    // An epoch of the three runs takes about 0.2 ms; faster would eat the page's frames.
    r.number("speed", &mut c.speed, Range::Positive(1000.0));
    r.finish(c)
}

/// Which MNIST digits the widget trains and tests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MnistData {
    /// The first 5,000 training images and the first 1,000 test images: loads fast.
    Small,
    /// The book's split: 50,000 to train on, 10,000 to validate with, the 10,000 test images.
    Full,
}

impl MnistData {
    pub const ALL: [MnistData; 2] = [MnistData::Small, MnistData::Full];

    pub fn name(self) -> &'static str {
        match self {
            MnistData::Small => "small",
            MnistData::Full => "full",
        }
    }
}

/// An MNIST widget's configuration: network2.py's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MnistConfig {
    /// The hidden layer's size h of [784, h, 10].
    pub hidden: u32,
    /// Quadratic or cross-entropy, with sigmoid outputs.
    pub cost: network::Cost,
    pub eta: f64,
    /// The L2 regularisation parameter λ.
    pub lambda: f64,
    pub batch: u32,
    pub epochs: u32,
    pub init: network::Init,
    pub data: MnistData,
    pub seed: u32,
}

impl Default for MnistConfig {
    /// The book's figure: [784, 30, 10], cross-entropy, η = 0.5, mini-batches of 10, 30 epochs,
    /// N(0, 1) weights; on the small set, which loads fast.
    fn default() -> MnistConfig {
        MnistConfig {
            hidden: 30,
            cost: network::Cost::CrossEntropy,
            eta: 0.5,
            lambda: 0.0,
            batch: 10,
            epochs: 30,
            init: network::Init::Large,
            data: MnistData::Small,
            seed: 1,
        }
    }
}

const MNIST_OPTIONS: &[&str] = &[
    "nndl", "lang", "hidden", "cost", "eta", "lambda", "batch", "epochs", "init", "data", "seed",
];

fn parse_mnist(options: &[(&str, &str)]) -> Result<MnistConfig, Vec<OptionError>> {
    let mut r = Reader::new(options, MNIST_OPTIONS);
    let mut c = MnistConfig::default();
    let costs = [network::Cost::CrossEntropy, network::Cost::Quadratic];
    if let Some(cost) = r.choose("cost", &costs, network::Cost::name) {
        c.cost = cost;
    }
    if let Some(init) = r.choose("init", network::Init::ALL, network::Init::name) {
        c.init = init;
    }
    if let Some(data) = r.choose("data", &MnistData::ALL, MnistData::name) {
        c.data = data;
    }
    r.whole("hidden", &mut c.hidden, 1, 300);
    r.number("eta", &mut c.eta, Range::Positive(100.0));
    r.number("lambda", &mut c.lambda, Range::Closed(0.0, 1000.0));
    r.whole("batch", &mut c.batch, 1, 1000);
    r.whole("epochs", &mut c.epochs, 1, 1000);
    r.whole("seed", &mut c.seed, 0, u32::MAX);
    r.finish(c)
}

/// The values a numeric option accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Range {
    /// lo ≤ v ≤ hi.
    Closed(f64, f64),
    /// 0 < v ≤ max.
    Positive(f64),
    /// A whole number lo ≤ v ≤ hi.
    Whole(u32, u32),
}

impl Range {
    fn describe(self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, Range::Closed(lo, hi)) => format!("a number from {lo} to {hi}"),
            (Lang::En, Range::Positive(max)) => format!("a number greater than 0, at most {max}"),
            (Lang::En, Range::Whole(lo, hi)) => format!("a whole number from {lo} to {hi}"),
            (Lang::Zh, Range::Closed(lo, hi)) => format!("{lo} 到 {hi} 之间的数"),
            (Lang::Zh, Range::Positive(max)) => format!("大于 0 且不超过 {max} 的数"),
            (Lang::Zh, Range::Whole(lo, hi)) => format!("{lo} 到 {hi} 之间的整数"),
        }
    }
}

/// Parses a decimal number ("0.6", "-2", "1e-3") and checks it against `range`.
fn parse_number(text: &str, range: Range) -> Result<f64, Problem> {
    // Rust also reads "inf" and "NaN"; options must be plain decimal numbers.
    let looks_numeric = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    let v: f64 = match text.parse() {
        Ok(v) if looks_numeric => v,
        Ok(v) if v.is_nan() => return Err(Problem::NaN),
        Ok(_) if text.to_ascii_lowercase().contains("inf") => return Err(Problem::Infinite),
        _ => return Err(Problem::NotANumber),
    };
    if !v.is_finite() {
        return Err(Problem::TooLarge);
    }
    match range {
        Range::Closed(lo, hi) if v < lo || v > hi => Err(Problem::OutOfRange),
        Range::Positive(_) if v <= 0.0 => Err(Problem::NotPositive),
        Range::Positive(max) if v > max => Err(Problem::TooLarge),
        Range::Whole(..) if v.fract() != 0.0 => Err(Problem::NotWhole),
        Range::Whole(lo, hi) if v < f64::from(lo) || v > f64::from(hi) => Err(Problem::OutOfRange),
        _ => Ok(v),
    }
}

/// Which costs the explorer races.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Racing {
    Both,
    Quadratic,
    CrossEntropy,
}

impl Racing {
    pub const ALL: [Racing; 3] = [Racing::Both, Racing::Quadratic, Racing::CrossEntropy];

    pub fn name(self) -> &'static str {
        match self {
            Racing::Both => "both",
            Racing::Quadratic => "quadratic",
            Racing::CrossEntropy => "cross-entropy",
        }
    }
}

/// What the explorer's race chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartShows {
    Cost,
    Output,
    Both,
}

impl ChartShows {
    pub const ALL: [ChartShows; 3] = [ChartShows::Cost, ChartShows::Output, ChartShows::Both];

    pub fn name(self) -> &'static str {
        match self {
            ChartShows::Cost => "cost",
            ChartShows::Output => "output",
            ChartShows::Both => "both",
        }
    }
}

/// The explorer's views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Cost and/or output against epoch, the raced costs on one chart.
    Race,
    /// |∂C/∂w|, |∂C/∂b| and σ′(z) against epoch.
    Speed,
    /// C(w, b) as a heatmap with the descent paths.
    Surface,
    /// The first exercise: σ′(z) and σ(z)(1 − σ(z)) over z.
    Sigma,
}

impl View {
    pub const ALL: [View; 4] = [View::Race, View::Speed, View::Surface, View::Sigma];

    pub fn name(self) -> &'static str {
        match self {
            View::Race => "race",
            View::Speed => "speed",
            View::Surface => "surface",
            View::Sigma => "sigma",
        }
    }
}

/// The explorer's configuration: every setting a reader can change, by its controls, its
/// `data-*` options or a shared link, all under the same names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExplorerConfig {
    pub racing: Racing,
    pub rule: Rule,
    pub w: f64,
    pub b: f64,
    pub x: f64,
    pub y: f64,
    /// The learning rates of the quadratic and the cross-entropy (or swapped) runs.
    pub eta_quadratic: f64,
    pub eta_cross_entropy: f64,
    /// Whether one η drives both runs.
    pub same_eta: bool,
    /// Train the second run with the swapped expression (the second exercise) instead of the
    /// cross-entropy.
    pub swapped: bool,
    pub epochs: u32,
    pub speed: f64,
    pub chart: ChartShows,
    pub view: View,
    /// Logarithmic y axes on the race and learning-speed charts.
    pub log: bool,
}

impl Default for ExplorerConfig {
    /// The section's argument in one run: the saturated start w = b = 2, target 0, true gradient
    /// descent with η = 0.15 for both costs.
    fn default() -> ExplorerConfig {
        ExplorerConfig {
            racing: Racing::Both,
            rule: Rule::Gradient,
            w: 2.0,
            b: 2.0,
            x: 1.0,
            y: 0.0,
            eta_quadratic: 0.15,
            eta_cross_entropy: 0.15,
            same_eta: true,
            swapped: false,
            epochs: 300,
            speed: 60.0,
            chart: ChartShows::Cost,
            view: View::Race,
            log: false,
        }
    }
}

/// The explorer's settings, in the order they are applied and written to a link. `preset` sets
/// several at once and `eta` both learning rates; they are read but never written.
pub const EXPLORER_SETTINGS: &[&str] = &[
    "preset",
    "cost",
    "rule",
    "w",
    "b",
    "x",
    "y",
    "eta",
    "eta-quadratic",
    "eta-cross-entropy",
    "same-eta",
    "swapped",
    "epochs",
    "speed",
    "chart",
    "view",
    "log",
];

/// What `data-hide` may name: the settings' controls, and the share and export buttons.
pub const EXPLORER_HIDEABLE: &[&str] = &[
    "preset",
    "cost",
    "rule",
    "w",
    "b",
    "x",
    "y",
    "eta",
    "eta-quadratic",
    "eta-cross-entropy",
    "same-eta",
    "swapped",
    "epochs",
    "speed",
    "chart",
    "view",
    "log",
    "share",
    "export",
];

const EXPLORER_OPTIONS: &[&str] = &[
    "nndl",
    "lang",
    "hide",
    "preset",
    "cost",
    "rule",
    "w",
    "b",
    "x",
    "y",
    "eta",
    "eta-quadratic",
    "eta-cross-entropy",
    "same-eta",
    "swapped",
    "epochs",
    "speed",
    "chart",
    "view",
    "log",
];

fn pick<T: Copy>(
    name: &str,
    value: &str,
    all: &[T],
    name_of: fn(T) -> &'static str,
) -> Result<T, OptionError> {
    all.iter()
        .copied()
        .find(|t| name_of(*t) == value)
        .ok_or_else(|| {
            let names = all.iter().map(|t| name_of(*t)).collect();
            err(name, value, Problem::UnknownValue, Accepted::OneOf(names))
        })
}

fn number(name: &str, value: &str, range: Range) -> Result<f64, OptionError> {
    parse_number(value, range).map_err(|p| err(name, value, p, Accepted::Range(range)))
}

fn flag(name: &str, value: &str) -> Result<bool, OptionError> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(err(
            name,
            value,
            Problem::UnknownValue,
            one_of(&["true", "false"]),
        )),
    }
}

/// The book's demos as explorer starts: both costs from the demos' (w, b) with their η and the
/// book site's update rule, so that the race replays two of the book's widgets side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExplorerPreset {
    /// Demos 1 and 3: w = 0.6, b = 0.9.
    GoodStart,
    /// Demos 2 and 4: w = b = 2.
    SaturatedStart,
}

impl ExplorerPreset {
    pub const ALL: [ExplorerPreset; 2] =
        [ExplorerPreset::GoodStart, ExplorerPreset::SaturatedStart];

    pub fn name(self) -> &'static str {
        match self {
            ExplorerPreset::GoodStart => "book-good-start",
            ExplorerPreset::SaturatedStart => "book-saturated-start",
        }
    }

    fn apply(self, c: &mut ExplorerConfig) {
        let (quadratic, cross_entropy) = match self {
            ExplorerPreset::GoodStart => (Preset::Saturation1, Preset::Saturation3),
            ExplorerPreset::SaturatedStart => (Preset::Saturation2, Preset::Saturation4),
        };
        let (q, ce) = (quadratic.config(), cross_entropy.config());
        c.racing = Racing::Both;
        // The quadratic demos' published step is their gradient (x = 1).
        c.rule = ce.setup.rule;
        c.w = q.setup.w;
        c.b = q.setup.b;
        c.x = q.setup.x;
        c.y = q.setup.y;
        c.eta_quadratic = q.setup.eta;
        c.eta_cross_entropy = ce.setup.eta;
        c.same_eta = false;
        c.swapped = false;
        c.epochs = q.epochs;
    }
}

impl ExplorerConfig {
    /// Sets one setting from its text; a bad value changes nothing and says why.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), OptionError> {
        let v = value.trim();
        let param = Range::Closed(-MAX_ABS_PARAM, MAX_ABS_PARAM);
        let eta = Range::Positive(MAX_ETA);
        match name {
            // The presets' menu has an empty first choice, which changes nothing.
            "preset" if v.is_empty() => {}
            "preset" => pick(name, v, &ExplorerPreset::ALL, ExplorerPreset::name)?.apply(self),
            "cost" => self.racing = pick(name, v, &Racing::ALL, Racing::name)?,
            "rule" => self.rule = pick(name, v, &Rule::ALL, Rule::name)?,
            "w" => self.w = number(name, v, param)?,
            "b" => self.b = number(name, v, param)?,
            "x" => self.x = number(name, v, param)?,
            "y" => self.y = number(name, v, Range::Closed(0.0, 1.0))?,
            "eta" => {
                let e = number(name, v, eta)?;
                self.eta_quadratic = e;
                self.eta_cross_entropy = e;
            }
            "eta-quadratic" => {
                self.eta_quadratic = number(name, v, eta)?;
                if self.same_eta {
                    self.eta_cross_entropy = self.eta_quadratic;
                }
            }
            "eta-cross-entropy" => {
                self.eta_cross_entropy = number(name, v, eta)?;
                if self.same_eta {
                    self.eta_quadratic = self.eta_cross_entropy;
                }
            }
            "same-eta" => {
                self.same_eta = flag(name, v)?;
                if self.same_eta {
                    self.eta_cross_entropy = self.eta_quadratic;
                }
            }
            "swapped" => self.swapped = flag(name, v)?,
            "epochs" => {
                let e = number(name, v, Range::Whole(1, MAX_EPOCHS))?;
                self.epochs = e as u32;
            }
            "speed" => self.speed = number(name, v, Range::Positive(MAX_SPEED))?,
            "chart" => self.chart = pick(name, v, &ChartShows::ALL, ChartShows::name)?,
            "view" => self.view = pick(name, v, &View::ALL, View::name)?,
            "log" => self.log = flag(name, v)?,
            _ => {
                return Err(err(
                    name,
                    v,
                    Problem::UnknownOption,
                    Accepted::Options(EXPLORER_SETTINGS),
                ))
            }
        }
        Ok(())
    }

    /// Every setting as (name, text): what a shared link carries. Numbers are written in full,
    /// so that reading them back gives exactly the same configuration.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("cost", self.racing.name().into()),
            ("rule", self.rule.name().into()),
            ("w", self.w.to_string()),
            ("b", self.b.to_string()),
            ("x", self.x.to_string()),
            ("y", self.y.to_string()),
            ("eta-quadratic", self.eta_quadratic.to_string()),
            ("eta-cross-entropy", self.eta_cross_entropy.to_string()),
            ("same-eta", self.same_eta.to_string()),
            ("swapped", self.swapped.to_string()),
            ("epochs", self.epochs.to_string()),
            ("speed", self.speed.to_string()),
            ("chart", self.chart.name().into()),
            ("view", self.view.name().into()),
            ("log", self.log.to_string()),
        ]
    }

    /// Applies `settings` in [`EXPLORER_SETTINGS`]' order (so that `eta` comes before the two
    /// rates it sets), collecting every error. Unless given, `same-eta` holds when the two rates
    /// are equal.
    fn apply(&mut self, settings: &[(&str, &str)], errors: &mut Vec<OptionError>) {
        let given = |name: &str| settings.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        // The rates are read untied; `same-eta` ties them afterwards.
        self.same_eta = false;
        for name in EXPLORER_SETTINGS.iter().filter(|n| **n != "same-eta") {
            if let Some(v) = given(name) {
                if let Err(e) = self.set(name, v) {
                    errors.push(e);
                }
            }
        }
        match given("same-eta") {
            Some(v) => {
                if let Err(e) = self.set("same-eta", v) {
                    errors.push(e);
                }
            }
            None => self.same_eta = self.eta_quadratic == self.eta_cross_entropy,
        }
    }
}

/// An explorer's options: its configuration, the controls the page hides (whose values a link
/// may not change either), and what was wrong with the link it was opened with, if anything.
#[derive(Clone, Debug, PartialEq)]
pub struct ExplorerOptions {
    pub config: ExplorerConfig,
    pub hidden: Vec<&'static str>,
    /// The problems with a shared link's settings; the link was then not used at all.
    pub link_errors: Vec<OptionError>,
}

impl ExplorerOptions {
    pub fn hides(&self, control: &str) -> bool {
        self.hidden.contains(&control)
    }

    /// Whether the page fixed a setting: its control is hidden (`eta` hides both rates' and the
    /// switch that ties them).
    pub fn locks(&self, setting: &str) -> bool {
        let eta = matches!(
            setting,
            "eta" | "eta-quadratic" | "eta-cross-entropy" | "same-eta"
        );
        self.hides(setting) || (eta && self.hides("eta"))
    }

    /// Applies a shared link's settings on top of the options, except those the page hides. If
    /// any is bad, none is used and [`ExplorerOptions::link_errors`] says why.
    pub fn with_link(mut self, link: &[(String, String)]) -> ExplorerOptions {
        let mut errors = Vec::new();
        let mut settings = Vec::new();
        for (k, v) in link {
            if !EXPLORER_SETTINGS.contains(&k.as_str()) {
                errors.push(
                    err(
                        k,
                        v,
                        Problem::UnknownOption,
                        Accepted::Options(EXPLORER_SETTINGS),
                    )
                    .at(Place::Named),
                );
            } else if !self.locks(k) {
                settings.push((k.as_str(), v.as_str()));
            }
        }
        let mut config = self.config;
        let mut set_errors = Vec::new();
        // A link sets `same-eta` explicitly; without it the page's tie stays.
        if !settings.iter().any(|(k, _)| *k == "same-eta") {
            settings.push(("same-eta", if config.same_eta { "true" } else { "false" }));
        }
        config.apply(&settings, &mut set_errors);
        errors.extend(set_errors.into_iter().map(|e| e.at(Place::Named)));
        if errors.is_empty() {
            self.config = config;
        } else {
            self.link_errors = errors;
        }
        self
    }
}

fn parse_explorer(options: &[(&str, &str)]) -> Result<ExplorerOptions, Vec<OptionError>> {
    let mut r = Reader::new(options, EXPLORER_OPTIONS);
    let mut hidden = Vec::new();
    if let Some(list) = r.get("hide") {
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match EXPLORER_HIDEABLE.iter().find(|h| **h == name) {
                Some(h) => hidden.push(*h),
                None => r.errors.push(err(
                    "hide",
                    name,
                    Problem::UnknownValue,
                    Accepted::OneOf(EXPLORER_HIDEABLE.to_vec()),
                )),
            }
        }
    }
    let settings: Vec<(&str, &str)> = options
        .iter()
        .filter(|(k, _)| EXPLORER_SETTINGS.contains(k))
        .copied()
        .collect();
    let mut config = ExplorerConfig::default();
    config.apply(&settings, &mut r.errors);
    r.finish(ExplorerOptions {
        config,
        hidden,
        link_errors: Vec::new(),
    })
}
