//! Widget options → typed, validated configuration. This is the one place that parses options:
//! every bad value is rejected here with a message that names the option, the value given and what
//! is accepted.
//!
//! Options arrive as (name, value) text pairs; the web layer takes them from an element's `data-*`
//! attributes with the `data-` prefix removed.

// A build for one widget kind reads only that kind's options (see Cargo.toml's features).
#![cfg_attr(not(feature = "all-kinds"), allow(dead_code))]

mod explorer;
mod mnist;
mod multilayer;
mod neuron;
mod reader;
#[cfg(feature = "all-kinds")]
mod table;

pub use explorer::*;
pub use mnist::{MnistConfig, MnistData};
pub use multilayer::MultilayerConfig;
pub use neuron::{NeuronConfig, Preset, MAX_ABS_PARAM, MAX_EPOCHS, MAX_ETA, MAX_SPEED};
pub use reader::{Accepted, OptionError, Place, Problem, Range};
#[cfg(feature = "all-kinds")]
pub use table::{option_table, Accepts, OptionInfo};

use crate::lang::Lang;
use reader::{err, one_of};

named! {
    /// The widget kinds, as `data-nndl` names them.
    pub enum Kind {
        /// One sigmoid neuron: the section's four demos.
        Neuron = "neuron",
        /// The two costs raced, with every setting in the reader's hands.
        Explorer = "explorer",
        /// The multi-layer saturation demo (eqs. 63–70): three small networks side by side.
        Multilayer = "network",
        /// MNIST trained in a Web Worker.
        Mnist = "mnist",
    }
}

/// A widget's validated configuration.
#[derive(Clone, Debug, PartialEq)]
pub enum WidgetConfig {
    Neuron(NeuronConfig),
    Explorer(ExplorerOptions),
    Multilayer(MultilayerConfig),
    Mnist(MnistConfig),
    /// A kind this build leaves out (a wasm module per kind, by cargo feature): its options are
    /// not read here, and the page loads the module that has it.
    NotBuilt(Kind),
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
    let kinds = one_of(&Kind::NAMES);
    let kind = match get("nndl") {
        None | Some("") => Err(err("nndl", "", Problem::NoKind, kinds)),
        Some(v) => Kind::from_name(v).ok_or_else(|| err("nndl", v, Problem::UnknownKind, kinds)),
    };
    let mut result = match kind {
        Err(e) => Err(vec![e]),
        #[cfg(feature = "neuron")]
        Ok(Kind::Neuron) => neuron::parse_neuron(&options).map(WidgetConfig::Neuron),
        #[cfg(feature = "explorer")]
        Ok(Kind::Explorer) => explorer::parse_explorer(&options).map(WidgetConfig::Explorer),
        #[cfg(feature = "network")]
        Ok(Kind::Multilayer) => {
            multilayer::parse_multilayer(&options).map(WidgetConfig::Multilayer)
        }
        #[cfg(feature = "mnist")]
        Ok(Kind::Mnist) => mnist::parse_mnist(&options).map(WidgetConfig::Mnist),
        #[allow(unreachable_patterns)]
        Ok(kind) => Ok(WidgetConfig::NotBuilt(kind)),
    };
    // The options every kind has: the language, and the colour scheme, which the widget reads
    // from its element (`dom::dark`) and is only checked here.
    let mut early: Vec<OptionError> = lang_error.into_iter().collect();
    if let Some(v) = get("theme") {
        early.extend(reader::pick("theme", v, &["light", "dark", "auto"], |t| t).err());
    }
    if !early.is_empty() {
        match &mut result {
            Ok(_) => result = Err(early),
            Err(errors) => {
                early.append(errors);
                *errors = early;
            }
        }
    }
    Parsed { lang, result }
}
