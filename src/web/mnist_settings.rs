//! The MNIST widget's settings for its next run, as controls: the sizes, rates and choices worth
//! comparing between runs. Each carries `data-control` with its option's name, so that the
//! shell hands its committed value to the widget's `set`.

use super::dom::{element, set_text};
use crate::config::{MnistConfig, OptionError, Place};
use crate::i18n::Lang;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The settings with a control, in order: number boxes, and menus of (value, label).
const SETTINGS: [&str; 7] = ["hidden", "cost", "eta", "lambda", "epochs", "init", "data"];

impl Settings {
    /// The names of the settings with a control.
    pub(super) const NAMES: [&'static str; 7] = SETTINGS;
}

/// One setting's control and the place for its message.
struct Field {
    name: &'static str,
    input: HtmlElement,
    error: HtmlElement,
}

pub(super) struct Settings {
    fields: Vec<Field>,
    lang: Lang,
}

impl Settings {
    /// The settings, in a fieldset appended to `root`, showing `config`.
    pub(super) fn new(
        root: &HtmlElement,
        lang: Lang,
        uid: &str,
        config: &MnistConfig,
    ) -> Result<Settings, JsValue> {
        let words = lang.mnist_words();
        let set: HtmlElement = element("fieldset", "nndl-settings", None)?;
        let legend: HtmlElement = element("legend", "", Some(words.next_run))?;
        set.append_child(&legend)?;
        let mut fields = Vec::new();
        for (name, label) in SETTINGS.into_iter().zip(words.setting_labels) {
            let wrapper: HtmlElement = element("div", "nndl-field", None)?;
            let id = format!("{uid}-{name}");
            let text: HtmlElement = element("label", "", Some(label))?;
            text.set_attribute("for", &id)?;
            wrapper.append_child(&text)?;
            let input: HtmlElement = match choices(lang, name) {
                Some(choices) => {
                    let select: HtmlSelectElement = element("select", "nndl-select", None)?;
                    for (value, label) in choices {
                        let option: HtmlElement = element("option", "", Some(label))?;
                        option.set_attribute("value", value)?;
                        select.append_child(&option)?;
                    }
                    select.unchecked_into()
                }
                None => {
                    let number: HtmlInputElement = element("input", "nndl-number", None)?;
                    number.set_type("text");
                    number.set_attribute("inputmode", "decimal")?;
                    number.set_attribute("autocomplete", "off")?;
                    number.set_attribute("spellcheck", "false")?;
                    number.unchecked_into()
                }
            };
            input.set_id(&id);
            input.set_attribute("data-control", name)?;
            input.set_attribute("aria-describedby", &format!("{id}-error"))?;
            wrapper.append_child(&input)?;
            let error: HtmlElement = element("span", "nndl-field-error", None)?;
            error.set_id(&format!("{id}-error"));
            error.set_hidden(true);
            wrapper.append_child(&error)?;
            set.append_child(&wrapper)?;
            fields.push(Field { name, input, error });
        }
        root.append_child(&set)?;
        let settings = Settings { fields, lang };
        settings.show(config);
        Ok(settings)
    }

    /// Whether `name` is one of these settings.
    pub(super) fn has(name: &str) -> bool {
        SETTINGS.contains(&name)
    }

    /// Every control shows `config`, and no message.
    pub(super) fn show(&self, config: &MnistConfig) {
        let pairs = config.pairs();
        for f in &self.fields {
            let value = pairs
                .iter()
                .find(|(n, _)| *n == f.name)
                .map_or("", |(_, v)| v.as_str());
            if let Some(input) = f.input.dyn_ref::<HtmlInputElement>() {
                input.set_value(value);
            } else if let Some(select) = f.input.dyn_ref::<HtmlSelectElement>() {
                select.set_value(value);
            }
            f.error.set_hidden(true);
            let _ = f.input.remove_attribute("aria-invalid");
        }
    }

    /// Says beside its control why a value was refused.
    pub(super) fn refuse(&self, error: OptionError) -> Result<(), JsValue> {
        if let Some(f) = self.fields.iter().find(|f| f.name == error.option) {
            set_text(&f.error, &error.at(Place::Control).message(self.lang));
            f.error.set_hidden(false);
            f.input.set_attribute("aria-invalid", "true")?;
        }
        Ok(())
    }
}

/// A menu's (value, label) choices, or none for a number.
fn choices(lang: Lang, name: &str) -> Option<Vec<(&'static str, &'static str)>> {
    let words = lang.mnist_words();
    Some(match name {
        "cost" => vec![
            (
                "cross-entropy",
                lang.cost_name(crate::cost::Cost::CrossEntropy),
            ),
            ("quadratic", lang.cost_name(crate::cost::Cost::Quadratic)),
        ],
        "init" => vec![("large", "N(0, 1)"), ("default", "N(0, 1/n)")],
        "data" => vec![("small", words.data_small), ("full", words.data_full)],
        _ => return None,
    })
}
