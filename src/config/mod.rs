//! Widget options → typed, validated configuration. This is the one place that parses options:
//! every bad value is rejected here with a message that names the option, the value given and what
//! is accepted.
//!
//! Options arrive as (name, value) text pairs; the web layer takes them from an element's `data-*`
//! attributes with the `data-` prefix removed.

mod explorer;
mod mnist;
mod network;
mod neuron;
mod reader;

pub use explorer::*;
pub use mnist::{MnistConfig, MnistData};
pub use network::NetworkConfig;
pub use neuron::{NeuronConfig, Preset, MAX_ABS_PARAM, MAX_EPOCHS, MAX_ETA, MAX_SPEED};
pub use reader::{Accepted, OptionError, Place, Problem, Range};

use crate::lang::Lang;
use reader::{err, one_of};

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
        Ok(Kind::Neuron) => neuron::parse_neuron(&options).map(WidgetConfig::Neuron),
        Ok(Kind::Explorer) => explorer::parse_explorer(&options).map(WidgetConfig::Explorer),
        Ok(Kind::Network) => network::parse_network(&options).map(WidgetConfig::Network),
        Ok(Kind::Mnist) => mnist::parse_mnist(&options).map(WidgetConfig::Mnist),
    };
    if let Some(e) = lang_error {
        match &mut result {
            Ok(_) => result = Err(vec![e]),
            Err(errors) => errors.insert(0, e),
        }
    }
    Parsed { lang, result }
}
