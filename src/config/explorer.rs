//! The explorer's options: every setting a reader can change by its controls, its `data-*`
//! options or a shared link, all under the same names. [`SETTINGS`] is the one table of them:
//! their names, controls, what locks them and when a change applies all come from it.

use super::neuron::{Preset, MAX_ABS_PARAM, MAX_EPOCHS, MAX_ETA, SPEED};
use super::reader::{
    err, flag, number, pick, Accepted, OptionError, Place, Problem, Range, Reader,
};
use crate::neuron::Rule;
use crate::slider::Scale;

named! {
    /// Which costs the explorer races.
    pub enum Racing {
        Both = "both",
        Quadratic = "quadratic",
        CrossEntropy = "cross-entropy",
    }
}

named! {
    /// What the explorer's race chart shows.
    pub enum ChartShows {
        Cost = "cost",
        Output = "output",
        Both = "both",
    }
}

named! {
    /// The explorer's views.
    pub enum View {
        /// Cost and/or output against epoch, the raced costs on one chart.
        Race = "race",
        /// |∂C/∂w|, |∂C/∂b| and σ′(z) against epoch.
        Speed = "speed",
        /// C(w, b) as a heatmap with the descent paths.
        Surface = "surface",
        /// The first exercise: σ′(z) and σ(z)(1 − σ(z)) over z.
        Sigma = "sigma",
    }
}

named! {
    /// The book's demos as explorer starts: both costs from the demos' (w, b) with their η and
    /// the book site's update rule, so that the race replays two of the book's widgets side by
    /// side.
    pub enum ExplorerPreset {
        /// Demos 1 and 3: w = 0.6, b = 0.9.
        GoodStart = "book-good-start",
        /// Demos 2 and 4: w = b = 2.
        SaturatedStart = "book-saturated-start",
    }
}

impl ExplorerPreset {
    /// The settings a preset sets.
    const SETS: [Setting; 11] = [
        Setting::Cost,
        Setting::Rule,
        Setting::W,
        Setting::B,
        Setting::X,
        Setting::Y,
        Setting::EtaQuadratic,
        Setting::EtaCrossEntropy,
        Setting::SameEta,
        Setting::Swapped,
        Setting::Epochs,
    ];

    /// Sets what the preset sets, but for the settings the page fixed (`c.fixed`).
    fn apply(self, c: &mut ExplorerConfig) {
        let mut p = *c;
        self.apply_all(&mut p);
        for s in Self::SETS {
            if !c.is_fixed(s) {
                p.copy_setting(s, c);
            }
        }
    }

    fn apply_all(self, c: &mut ExplorerConfig) {
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

named! {
    /// The explorer's settings, in the order they are applied: `preset` first (it sets several),
    /// `eta` before the two rates it sets; `same-eta`, which ties them, is applied last.
    pub enum Setting {
        Preset = "preset",
        Cost = "cost",
        Rule = "rule",
        W = "w",
        B = "b",
        Eta = "eta",
        EtaQuadratic = "eta-quadratic",
        EtaCrossEntropy = "eta-cross-entropy",
        SameEta = "same-eta",
        X = "x",
        Y = "y",
        Epochs = "epochs",
        Speed = "speed",
        Swapped = "swapped",
        Chart = "chart",
        View = "view",
        Log = "log",
    }
}

named! {
    /// The explorer's words that are the book's, which a page may relabel: `data-label-preset`
    /// and so on (its menus that are the book's, `preset` and `rule`, it may hide).
    pub enum Label {
        /// "Start as the book's demos", the presets' menu.
        Preset = "label-preset",
        /// The first preset: the book's demos 1 and 3.
        PresetGood = "label-preset-good",
        /// The second preset: the book's demos 2 and 4.
        PresetSaturated = "label-preset-saturated",
        /// The update rule of the book site's widgets.
        RulePublished = "label-rule-published",
        /// The least possible cost, with the book's equation number.
        Minimum = "label-minimum",
    }
}

/// Most characters a label may have.
pub const MAX_LABEL_CHARS: usize = 80;

named! {
    /// What `data-hide` may name that is not a setting: the share and export buttons.
    pub enum Button {
        Share = "share",
        Export = "export",
    }
}

/// A control the page can hide with `data-hide`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hide {
    Setting(Setting),
    Button(Button),
}

impl Hide {
    pub fn name(self) -> &'static str {
        match self {
            Hide::Setting(s) => s.name(),
            Hide::Button(b) => b.name(),
        }
    }

    fn from_name(name: &str) -> Option<Hide> {
        Setting::from_name(name)
            .map(Hide::Setting)
            .or_else(|| Button::from_name(name).map(Hide::Button))
    }

    fn names() -> Vec<&'static str> {
        Setting::NAMES.into_iter().chain(Button::NAMES).collect()
    }
}

impl PartialEq<&str> for Hide {
    fn eq(&self, name: &&str) -> bool {
        self.name() == *name
    }
}

/// A setting's control in the widget.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Control {
    /// A slider with a number box beside it.
    Slider(Scale),
    /// A menu of the setting's choices.
    Select,
    Check,
    /// A row of toggle buttons, one per choice.
    Buttons,
    /// None of its own: set by a script, an option or a link.
    None,
}

/// Where a setting's control sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// In the settings below the chart.
    Settings,
    /// Above the chart, beside the views.
    Display,
}

/// When a change made during a run takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applies {
    /// At once: how the run is shown.
    Now,
    /// From the next epoch: the learning rates.
    NextEpoch,
    /// While paused, as the run's new start (w and b); otherwise at Run or Reset.
    WhenPaused,
    /// At Run or Reset.
    AtRestart,
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec {
    pub setting: Setting,
    /// What a number setting accepts; the others name one of their enum's values or a flag.
    pub range: Option<Range>,
    pub control: Control,
    pub area: Area,
    pub applies: Applies,
    /// Hiding this setting's control hides this one's too (`eta` holds both rates and their tie).
    pub locked_by: Option<Setting>,
    /// Whether a shared link carries it (`preset` and `eta` set others and are only read).
    pub in_link: bool,
}

const fn spec(setting: Setting, control: Control, applies: Applies) -> Spec {
    Spec {
        setting,
        range: None,
        control,
        area: Area::Settings,
        applies,
        locked_by: None,
        in_link: true,
    }
}

/// A number setting: its range, its slider, and when a change applies.
const fn number_spec(setting: Setting, range: Range, scale: Scale, applies: Applies) -> Spec {
    Spec {
        range: Some(range),
        ..spec(setting, Control::Slider(scale), applies)
    }
}

const fn rate(setting: Setting, control: Control) -> Spec {
    Spec {
        locked_by: Some(Setting::Eta),
        ..spec(setting, control, Applies::NextEpoch)
    }
}

const fn display(setting: Setting, control: Control) -> Spec {
    Spec {
        area: Area::Display,
        ..spec(setting, control, Applies::Now)
    }
}

const PARAM: Range = Range::Closed(-MAX_ABS_PARAM, MAX_ABS_PARAM);
const PARAM_SLIDER: Scale = Scale::Linear(-8.0, 8.0, 0.1);
const ETA: Range = Range::Positive(MAX_ETA);
const ETA_SLIDER: Scale = Scale::Log(-4.0, 1.0, false);

/// The explorer's settings: one row each, in [`Setting`]'s order.
pub const SETTINGS: [Spec; Setting::ALL.len()] = [
    Spec {
        in_link: false,
        ..spec(Setting::Preset, Control::Select, Applies::AtRestart)
    },
    spec(Setting::Cost, Control::Select, Applies::AtRestart),
    spec(Setting::Rule, Control::Select, Applies::AtRestart),
    number_spec(Setting::W, PARAM, PARAM_SLIDER, Applies::WhenPaused),
    number_spec(Setting::B, PARAM, PARAM_SLIDER, Applies::WhenPaused),
    Spec {
        range: Some(ETA),
        in_link: false,
        ..spec(Setting::Eta, Control::None, Applies::NextEpoch)
    },
    Spec {
        range: Some(ETA),
        ..rate(Setting::EtaQuadratic, Control::Slider(ETA_SLIDER))
    },
    Spec {
        range: Some(ETA),
        ..rate(Setting::EtaCrossEntropy, Control::Slider(ETA_SLIDER))
    },
    rate(Setting::SameEta, Control::Check),
    number_spec(
        Setting::X,
        PARAM,
        Scale::Linear(-4.0, 4.0, 0.1),
        Applies::AtRestart,
    ),
    number_spec(
        Setting::Y,
        Range::Closed(0.0, 1.0),
        Scale::Linear(0.0, 1.0, 0.01),
        Applies::AtRestart,
    ),
    number_spec(
        Setting::Epochs,
        Range::Whole(1, MAX_EPOCHS),
        Scale::Log(1.0, 5.0, true),
        Applies::AtRestart,
    ),
    number_spec(
        Setting::Speed,
        SPEED,
        Scale::Log(0.0, 5.0, false),
        Applies::Now,
    ),
    spec(Setting::Swapped, Control::Check, Applies::AtRestart),
    display(Setting::Chart, Control::Select),
    Spec {
        area: Area::Display,
        ..spec(Setting::View, Control::Buttons, Applies::Now)
    },
    display(Setting::Log, Control::Check),
];

impl Setting {
    /// This setting's row of [`SETTINGS`].
    pub fn spec(self) -> &'static Spec {
        &SETTINGS[self as usize]
    }

    /// The number `text` gives this setting, checked against its range.
    fn number(self, text: &str) -> Result<f64, OptionError> {
        // Every number setting has a range in the table (its test checks).
        let range = self
            .spec()
            .range
            .unwrap_or(Range::Closed(f64::MIN, f64::MAX));
        number(self.name(), text, range)
    }
}

/// The explorer's settings by name, in the order they are applied.
pub const EXPLORER_SETTINGS: &[&str] = &Setting::NAMES;

/// What an explorer's element may carry: its kind, language, `hide` and the settings.
fn explorer_options() -> Vec<&'static str> {
    ["nndl", "lang", "theme", "hide"]
        .into_iter()
        .chain(Setting::NAMES)
        .chain(Label::NAMES)
        .collect()
}

fn unknown_setting(name: &str, value: &str) -> OptionError {
    err(
        name,
        value,
        Problem::UnknownOption,
        Accepted::Options(Setting::NAMES.to_vec()),
    )
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
    /// The settings the page fixed by hiding their controls (see [`ExplorerOptions::locks`]),
    /// a bit each by their place in [`Setting::ALL`]: a preset, from a link, the menu or a
    /// script, leaves them alone. Not itself a setting.
    pub fixed: u32,
}

impl ExplorerConfig {
    fn bit(s: Setting) -> u32 {
        1 << Setting::ALL.iter().position(|x| *x == s).unwrap_or(0)
    }

    /// Whether the page fixed setting `s` (see [`ExplorerConfig::fixed`]).
    pub fn is_fixed(&self, s: Setting) -> bool {
        self.fixed & Self::bit(s) != 0
    }

    /// Copies setting `s` from `self` into `to`.
    fn copy_setting(&self, s: Setting, to: &mut ExplorerConfig) {
        match s {
            Setting::Preset => {}
            Setting::Cost => to.racing = self.racing,
            Setting::Rule => to.rule = self.rule,
            Setting::W => to.w = self.w,
            Setting::B => to.b = self.b,
            Setting::X => to.x = self.x,
            Setting::Y => to.y = self.y,
            Setting::Eta => {
                to.eta_quadratic = self.eta_quadratic;
                to.eta_cross_entropy = self.eta_cross_entropy;
            }
            Setting::EtaQuadratic => to.eta_quadratic = self.eta_quadratic,
            Setting::EtaCrossEntropy => to.eta_cross_entropy = self.eta_cross_entropy,
            Setting::SameEta => to.same_eta = self.same_eta,
            Setting::Swapped => to.swapped = self.swapped,
            Setting::Epochs => to.epochs = self.epochs,
            Setting::Speed => to.speed = self.speed,
            Setting::Chart => to.chart = self.chart,
            Setting::View => to.view = self.view,
            Setting::Log => to.log = self.log,
        }
    }

    /// The settings that the preset named `name` would change but leaves alone, since the page
    /// fixed them (none for a name that is no preset).
    pub fn preset_leaves(&self, name: &str) -> Vec<Setting> {
        let Some(preset) = ExplorerPreset::from_name(name.trim()) else {
            return Vec::new();
        };
        let mut p = *self;
        preset.apply_all(&mut p);
        ExplorerPreset::SETS
            .into_iter()
            .filter(|&s| self.is_fixed(s) && p.text(s) != self.text(s))
            .collect()
    }
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
            fixed: 0,
        }
    }
}

impl ExplorerConfig {
    /// Sets the setting `name` from its text; a bad value changes nothing and says why.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), OptionError> {
        match Setting::from_name(name) {
            Some(setting) => self.set_setting(setting, value),
            None => Err(unknown_setting(name, value.trim())),
        }
    }

    /// Sets one setting from its text; a bad value changes nothing and says why.
    pub fn set_setting(&mut self, setting: Setting, value: &str) -> Result<(), OptionError> {
        let v = value.trim();
        let name = setting.name();
        match setting {
            Setting::Preset if v.is_empty() => {}
            Setting::Preset => {
                pick(name, v, &ExplorerPreset::ALL, ExplorerPreset::name)?.apply(self)
            }
            Setting::Cost => self.racing = pick(name, v, &Racing::ALL, Racing::name)?,
            Setting::Rule => self.rule = pick(name, v, &Rule::ALL, Rule::name)?,
            Setting::W => self.w = setting.number(v)?,
            Setting::B => self.b = setting.number(v)?,
            Setting::X => self.x = setting.number(v)?,
            Setting::Y => self.y = setting.number(v)?,
            Setting::Eta => {
                let e = setting.number(v)?;
                self.eta_quadratic = e;
                self.eta_cross_entropy = e;
            }
            Setting::EtaQuadratic => {
                self.eta_quadratic = setting.number(v)?;
                if self.same_eta {
                    self.eta_cross_entropy = self.eta_quadratic;
                }
            }
            Setting::EtaCrossEntropy => {
                self.eta_cross_entropy = setting.number(v)?;
                if self.same_eta {
                    self.eta_quadratic = self.eta_cross_entropy;
                }
            }
            Setting::SameEta => {
                self.same_eta = flag(name, v)?;
                if self.same_eta {
                    self.eta_cross_entropy = self.eta_quadratic;
                }
            }
            Setting::Swapped => self.swapped = flag(name, v)?,
            Setting::Epochs => {
                // A whole number within u32, as its range has checked.
                self.epochs = setting.number(v)? as u32;
            }
            Setting::Speed => self.speed = setting.number(v)?,
            Setting::Chart => self.chart = pick(name, v, &ChartShows::ALL, ChartShows::name)?,
            Setting::View => self.view = pick(name, v, &View::ALL, View::name)?,
            Setting::Log => self.log = flag(name, v)?,
        }
        Ok(())
    }

    /// A setting's value as text: what its control shows and a link carries. Numbers are written
    /// in full, so that reading them back gives exactly the same configuration.
    pub fn text(&self, setting: Setting) -> String {
        match setting {
            Setting::Preset => self.preset().map_or(String::new(), |p| p.name().into()),
            Setting::Cost => self.racing.name().into(),
            Setting::Rule => self.rule.name().into(),
            Setting::W => self.w.to_string(),
            Setting::B => self.b.to_string(),
            Setting::X => self.x.to_string(),
            Setting::Y => self.y.to_string(),
            Setting::Eta | Setting::EtaQuadratic => self.eta_quadratic.to_string(),
            Setting::EtaCrossEntropy => self.eta_cross_entropy.to_string(),
            Setting::SameEta => self.same_eta.to_string(),
            Setting::Swapped => self.swapped.to_string(),
            Setting::Epochs => self.epochs.to_string(),
            Setting::Speed => self.speed.to_string(),
            Setting::Chart => self.chart.name().into(),
            Setting::View => self.view.name().into(),
            Setting::Log => self.log.to_string(),
        }
    }

    /// The preset this configuration is, if it is one: choosing it again would change nothing.
    pub fn preset(&self) -> Option<ExplorerPreset> {
        ExplorerPreset::ALL.into_iter().find(|p| {
            let mut c = *self;
            p.apply(&mut c);
            c == *self
        })
    }

    /// Every setting a link carries, as (name, text).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        SETTINGS
            .iter()
            .filter(|s| s.in_link)
            .map(|s| (s.setting.name(), self.text(s.setting)))
            .collect()
    }

    /// Applies `settings` in the table's order, collecting every error. Unless given,
    /// `same-eta` holds when the two rates are equal.
    fn apply(&mut self, settings: &[(Setting, &str)], errors: &mut Vec<OptionError>) {
        let given = |s: Setting| settings.iter().find(|(k, _)| *k == s).map(|(_, v)| *v);
        // The rates are read untied; `same-eta` ties them afterwards.
        self.same_eta = false;
        for s in Setting::ALL.into_iter().filter(|s| *s != Setting::SameEta) {
            if let Some(v) = given(s) {
                if let Err(e) = self.set_setting(s, v) {
                    errors.push(e);
                }
            }
        }
        match given(Setting::SameEta) {
            Some(v) => {
                if let Err(e) = self.set_setting(Setting::SameEta, v) {
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
    pub hidden: Vec<Hide>,
    /// The problems with a shared link's settings; the link was then not used at all.
    pub link_errors: Vec<OptionError>,
    /// The page's own words for some of the book's (only where the explorer is built: the
    /// modules without it are smaller for not carrying them).
    #[cfg(feature = "explorer")]
    pub labels: Vec<(Label, String)>,
}

impl ExplorerOptions {
    /// The page's words for `label`, else `ours`.
    #[cfg(feature = "explorer")]
    pub fn word<'a>(&'a self, label: Label, ours: &'a str) -> &'a str {
        self.labels
            .iter()
            .find(|(l, _)| *l == label)
            .map_or(ours, |(_, w)| w.as_str())
    }

    pub fn hides(&self, control: Hide) -> bool {
        self.hidden.contains(&control)
    }

    /// Whether the page fixed a setting: its control, or the one that holds it, is hidden.
    pub fn locks(&self, setting: Setting) -> bool {
        let hidden = |s| self.hides(Hide::Setting(s));
        hidden(setting) || setting.spec().locked_by.is_some_and(hidden)
    }

    /// Applies a shared link's settings on top of the options, except those the page hides. If
    /// any is bad, none is used and [`ExplorerOptions::link_errors`] says why.
    pub fn with_link(mut self, link: &[(String, String)]) -> ExplorerOptions {
        let mut errors = Vec::new();
        let mut settings = Vec::new();
        for (i, (k, v)) in link.iter().enumerate() {
            // A setting named twice: which one was meant is not known, so neither is used.
            if link[..i].iter().any(|(seen, _)| seen == k) {
                errors.push(err(k, v, Problem::Repeated, Accepted::Once).at(Place::Named));
                continue;
            }
            match Setting::from_name(k) {
                None => errors.push(unknown_setting(k, v).at(Place::Named)),
                Some(s) if !self.locks(s) => settings.push((s, v.as_str())),
                Some(_) => {}
            }
        }
        let mut config = self.config;
        let mut set_errors = Vec::new();
        // A link sets `same-eta` explicitly; without it the page's tie stays.
        if !settings.iter().any(|(k, _)| *k == Setting::SameEta) {
            let tie = if config.same_eta { "true" } else { "false" };
            settings.push((Setting::SameEta, tie));
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

pub(super) fn parse_explorer(
    options: &[(&str, &str)],
) -> Result<ExplorerOptions, Vec<OptionError>> {
    let mut r = Reader::new(options, explorer_options());
    let mut hidden = Vec::new();
    if let Some(list) = r.get("hide") {
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match Hide::from_name(name) {
                Some(h) => hidden.push(h),
                None => r.errors.push(err(
                    "hide",
                    name,
                    Problem::UnknownValue,
                    Accepted::OneOf(Hide::names()),
                )),
            }
        }
    }
    // (Only a module with the explorer has its words for a label's problems.)
    #[cfg(feature = "explorer")]
    let mut labels = Vec::new();
    #[cfg(feature = "explorer")]
    for label in Label::ALL {
        let Some(text) = r.get(label.name()) else {
            continue;
        };
        let chars = text.chars().count();
        let problem = match chars {
            0 => Problem::Empty,
            n if n > MAX_LABEL_CHARS => Problem::TooLong,
            _ => {
                labels.push((label, text.to_string()));
                continue;
            }
        };
        let accepted = Accepted::Text(MAX_LABEL_CHARS);
        r.errors.push(err(label.name(), text, problem, accepted));
    }
    let settings: Vec<(Setting, &str)> = options
        .iter()
        .filter_map(|(k, v)| Setting::from_name(k).map(|s| (s, *v)))
        .collect();
    let mut config = ExplorerConfig::default();
    config.apply(&settings, &mut r.errors);
    let mut options = ExplorerOptions {
        config,
        hidden,
        link_errors: Vec::new(),
        #[cfg(feature = "explorer")]
        labels,
    };
    // The page's own options set what it fixes; from here on a preset leaves that alone.
    for s in Setting::ALL {
        if options.locks(s) {
            options.config.fixed |= ExplorerConfig::bit(s);
        }
    }
    r.finish(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_a_row_per_setting_in_order_and_every_number_a_range() {
        for (row, setting) in SETTINGS.iter().zip(Setting::ALL) {
            assert_eq!(row.setting, setting);
            assert_eq!(setting.spec().setting, setting);
            let numeric = matches!(row.control, Control::Slider(_)) || setting == Setting::Eta;
            assert_eq!(row.range.is_some(), numeric, "{}", setting.name());
        }
        // Links carry every setting but those that set others.
        let linked: Vec<&str> = ExplorerConfig::default()
            .pairs()
            .iter()
            .map(|(k, _)| *k)
            .collect();
        assert_eq!(linked.len(), SETTINGS.len() - 2);
        assert!(!linked.contains(&"preset") && !linked.contains(&"eta"));
    }

    #[test]
    fn a_page_relabels_the_books_words_with_words_of_its_own() {
        use crate::lang::Lang;
        let page = parse_explorer(&[("label-minimum", " least cost "), ("label-preset", "Start")])
            .unwrap();
        assert_eq!(page.word(Label::Minimum, "ours"), "least cost");
        assert_eq!(page.word(Label::Preset, "ours"), "Start");
        assert_eq!(page.word(Label::RulePublished, "ours"), "ours");
        let long = "字".repeat(MAX_LABEL_CHARS + 1);
        let e = parse_explorer(&[("label-minimum", ""), ("label-preset", &long)]).unwrap_err();
        assert_eq!(
            e.iter().map(|e| e.problem).collect::<Vec<_>>(),
            [Problem::TooLong, Problem::Empty]
        );
        assert_eq!(
            e[1].message(Lang::En),
            "data-label-minimum=\"\": empty. Accepted: words of 1 to 80 characters."
        );
        assert_eq!(
            e[1].message(Lang::Zh),
            "data-label-minimum=\"\"：是空的。可接受：1 至 80 个字符的文字。"
        );
        let typo = parse_explorer(&[("label-minimun", "x")]).unwrap_err();
        assert!(typo[0]
            .message(Lang::En)
            .ends_with("Did you mean data-label-minimum?"));
    }

    #[test]
    fn the_preset_a_configuration_is_shows_until_a_setting_it_set_changes() {
        let mut c = ExplorerConfig::default();
        assert_eq!(c.text(Setting::Preset), "");
        c.set("preset", "book-good-start").unwrap();
        assert_eq!(c.preset(), Some(ExplorerPreset::GoodStart));
        assert_eq!(c.text(Setting::Preset), "book-good-start");
        // How the run is shown is no part of a preset.
        c.set("view", "surface").unwrap();
        assert_eq!(c.text(Setting::Preset), "book-good-start");
        c.set("w", "1").unwrap();
        assert_eq!(c.text(Setting::Preset), "");
        c.set("preset", "book-saturated-start").unwrap();
        assert_eq!(c.text(Setting::Preset), "book-saturated-start");
    }

    #[test]
    fn a_preset_leaves_what_the_page_fixed() {
        let page = parse_explorer(&[
            ("swapped", "true"),
            ("eta", "0.3"),
            ("hide", "eta,cost,swapped"),
        ])
        .unwrap();
        let mut c = page.config;
        assert_eq!(
            c.preset_leaves("book-good-start"),
            [
                Setting::EtaQuadratic,
                Setting::EtaCrossEntropy,
                Setting::SameEta,
                Setting::Swapped
            ]
        );
        c.set("preset", "book-good-start").unwrap();
        assert!(c.swapped && c.racing == Racing::Both);
        assert_eq!((c.eta_quadratic, c.eta_cross_entropy), (0.3, 0.3));
        assert_eq!(c.w, 0.6, "what the page did not fix follows the preset");
        let twice = page
            .clone()
            .with_link(&[("w".into(), "1".into()), ("w".into(), "zz".into())]);
        assert_eq!(
            twice.link_errors[0].message(crate::lang::Lang::En),
            "w=\"zz\": given more than once in the link. Accepted: each setting once."
        );
        assert_eq!(
            twice.config, page.config,
            "a link with an error is not used at all"
        );
        let linked = page.with_link(&[("preset".into(), "book-saturated-start".into())]);
        assert!(linked.link_errors.is_empty());
        assert!(linked.config.swapped && linked.config.eta_quadratic == 0.3);
        // Without hidden controls a preset sets everything it names.
        let mut free = parse_explorer(&[("swapped", "true")]).unwrap().config;
        assert!(free.preset_leaves("book-good-start").is_empty());
        free.set("preset", "book-good-start").unwrap();
        assert!(!free.swapped);
    }
}
