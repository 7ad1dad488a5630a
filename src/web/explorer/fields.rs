//! The explorer's settings as controls: one field per row of the settings table that has a
//! control (a slider with a number box, a menu or a checkbox), its label and choices in the
//! reader's language, its error message beside it, and the configuration shown in them.

use super::ExplorerWidget;
use crate::config::{
    ChartShows, ExplorerOptions, ExplorerPreset, Label, OptionError, Place, Racing, Setting,
};
use crate::cost::Cost;
use crate::lang::Lang;
use crate::neuron::Rule;
use crate::slider::Scale;
use crate::web::dom::element;
use crate::web::dom::set_text;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

/// One setting's control, with its error message beside it.
pub(super) struct Field {
    pub(super) setting: Setting,
    pub(super) wrapper: HtmlElement,
    /// The number box, select or checkbox that holds the value.
    pub(super) input: HtmlElement,
    pub(super) slider: Option<(HtmlInputElement, Scale)>,
    pub(super) error: HtmlElement,
}

/// What kind of control a setting has.
pub(super) enum Input<'a> {
    Slider(Scale),
    Select(Vec<(&'static str, &'a str)>),
    Check,
}

impl ExplorerWidget {
    pub(super) fn clear_field_errors(&self) -> Result<(), JsValue> {
        for f in &self.fields {
            self.show_field_error(f, None)?;
        }
        Ok(())
    }
    /// Shows `e` beside `field`'s control, or no message.
    pub(super) fn show_field_error(
        &self,
        field: &Field,
        e: Option<OptionError>,
    ) -> Result<(), JsValue> {
        let text = e
            .map(|e| e.at(Place::Control).message(self.lang))
            .unwrap_or_default();
        set_text(&field.error, &text);
        field.error.class_list().remove_1("nndl-field-note")?;
        field.error.set_hidden(text.is_empty());
        if text.is_empty() {
            field.input.remove_attribute("aria-invalid")?;
        } else {
            field.input.set_attribute("aria-invalid", "true")?;
        }
        Ok(())
    }
    /// Says, under the preset menu, which settings a preset left alone because the page fixed
    /// them (nothing when it left none).
    pub(super) fn note_preset_left(&self, left: &[Setting]) -> Result<(), JsValue> {
        let Some(field) = self.fields.iter().find(|f| f.setting == Setting::Preset) else {
            return Ok(());
        };
        if left.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = left
            .iter()
            .map(|&s| setting_label(self.lang, s, &self.page_options))
            .collect();
        let text = match self.lang {
            Lang::En => format!("{} {}.", self.lang.explorer().preset_left, names.join("; ")),
            Lang::Zh => format!("{}{}。", self.lang.explorer().preset_left, names.join("、")),
        };
        set_text(&field.error, &text);
        field.error.class_list().add_1("nndl-field-note")?;
        field.error.set_hidden(false);
        Ok(())
    }

    /// Shows the configuration in the controls, but for the field at `keep` whose text the reader
    /// just typed (its number box keeps their text; its slider follows).
    pub(super) fn sync_fields(&self, keep: Option<usize>) -> Result<(), JsValue> {
        let c = self.run.config();
        for (i, f) in self.fields.iter().enumerate() {
            let v = c.text(f.setting);
            if let Some(input) = f.input.dyn_ref::<HtmlInputElement>() {
                if input.type_() == "checkbox" {
                    input.set_checked(v == "true");
                } else if Some(i) != keep
                    || input.value().trim().parse::<f64>().ok() != v.parse().ok()
                {
                    input.set_value(&v);
                }
            } else if let Some(select) = f.input.dyn_ref::<HtmlSelectElement>() {
                select.set_value(&v);
            }
            if let Some((slider, scale)) = &f.slider {
                if let Ok(n) = v.parse::<f64>() {
                    slider.set_value(&scale.position(n));
                }
            }
            if f.setting == Setting::EtaCrossEntropy {
                // Its label names the cost the second run trains with.
                if let Some(label) = f.wrapper.query_selector("label").ok().flatten() {
                    let text = if c.swapped {
                        format!("η, {}", self.lang.cost_name(Cost::Swapped))
                    } else {
                        self.lang.explorer().eta_cross_entropy.to_string()
                    };
                    label.set_text_content(Some(&text));
                }
            }
        }
        for (view, b) in &self.views {
            b.set_attribute(
                "aria-pressed",
                if *view == c.view { "true" } else { "false" },
            )?;
        }
        Ok(())
    }
}

/// A setting's control: a label, the control (a slider with a number box, a select or a
/// checkbox) carrying `data-control`, and the place for its error message.
pub(super) fn field(
    uid: &str,
    setting: Setting,
    label: &str,
    input: Input,
) -> Result<Field, JsValue> {
    let name = setting.name();
    let wrapper: HtmlElement = element("div", "nndl-field", None)?;
    wrapper.set_attribute("data-field", name)?;
    let id = format!("{uid}-{name}");
    let error: HtmlElement = element("span", "nndl-field-error", None)?;
    error.set_id(&format!("{id}-error"));
    error.set_hidden(true);
    let text: HtmlElement = element("label", "", Some(label))?;
    text.set_attribute("for", &id)?;
    let mut slider = None;
    let control: HtmlElement = match input {
        Input::Slider(scale) => {
            wrapper.append_child(&text)?;
            let range: HtmlInputElement = element("input", "nndl-slider", None)?;
            range.set_type("range");
            let (lo, hi, step) = scale.bounds();
            range.set_min(&lo.to_string());
            range.set_max(&hi.to_string());
            range.set_step(&step.to_string());
            range.set_attribute("data-control", name)?;
            range.set_attribute("aria-label", label)?;
            if let Scale::Log(..) = scale {
                range.set_attribute("data-scale", "log")?;
            }
            wrapper.append_child(&range)?;
            let number: HtmlInputElement = element("input", "nndl-number", None)?;
            number.set_type("text");
            number.set_attribute("inputmode", "decimal")?;
            number.set_attribute("autocomplete", "off")?;
            number.set_attribute("spellcheck", "false")?;
            number.set_id(&id);
            number.set_attribute("data-control", name)?;
            number.set_attribute("aria-describedby", &format!("{id}-error"))?;
            wrapper.append_child(&number)?;
            slider = Some((range, scale));
            number.unchecked_into()
        }
        Input::Select(choices) => {
            wrapper.append_child(&text)?;
            let select: HtmlSelectElement = element("select", "nndl-select", None)?;
            select.set_id(&id);
            select.set_attribute("data-control", name)?;
            for (value, label) in choices {
                let option: HtmlElement = element("option", "", Some(label))?;
                option.set_attribute("value", value)?;
                select.append_child(&option)?;
            }
            wrapper.append_child(&select)?;
            select.unchecked_into()
        }
        Input::Check => {
            let check: HtmlInputElement = element("input", "nndl-check", None)?;
            check.set_type("checkbox");
            check.set_id(&id);
            check.set_attribute("data-control", name)?;
            wrapper.append_child(&check)?;
            wrapper.append_child(&text)?;
            check.unchecked_into()
        }
    };
    wrapper.append_child(&error)?;
    Ok(Field {
        setting,
        wrapper,
        input: control,
        slider,
        error,
    })
}

/// A setting's label beside its control (the page's own words for the presets' menu, if any).
pub(super) fn setting_label(lang: Lang, setting: Setting, page: &ExplorerOptions) -> &str {
    let xw = lang.explorer();
    match setting {
        Setting::Preset => page.word(Label::Preset, xw.preset),
        Setting::Cost => xw.costs,
        Setting::Rule => xw.rule,
        Setting::W => xw.w,
        Setting::B => xw.b,
        Setting::Eta | Setting::EtaQuadratic => xw.eta_quadratic,
        Setting::EtaCrossEntropy => xw.eta_cross_entropy,
        Setting::SameEta => xw.same_eta,
        Setting::X => xw.x,
        Setting::Y => xw.y,
        Setting::Epochs => xw.epochs,
        Setting::Speed => xw.speed_label,
        Setting::Swapped => xw.swapped,
        Setting::Chart => xw.show,
        Setting::View => xw.views,
        Setting::Log => xw.log,
    }
}

/// A menu's choices: (value, label), with the page's own words for the book's.
pub(super) fn choice_labels(
    lang: Lang,
    setting: Setting,
    page: &ExplorerOptions,
) -> Vec<(&'static str, &str)> {
    let xw = lang.explorer();
    match setting {
        // The presets' menu has an empty first choice, which changes nothing.
        Setting::Preset => std::iter::once(("", xw.preset_none))
            .chain(ExplorerPreset::ALL.map(|p| {
                let label = match p {
                    ExplorerPreset::GoodStart => page.word(Label::PresetGood, xw.preset_good),
                    ExplorerPreset::SaturatedStart => {
                        page.word(Label::PresetSaturated, xw.preset_saturated)
                    }
                };
                (p.name(), label)
            }))
            .collect(),
        Setting::Cost => Racing::ALL
            .map(|r| {
                let label = match r {
                    Racing::Both => xw.both_costs,
                    Racing::Quadratic => lang.cost_name(Cost::Quadratic),
                    Racing::CrossEntropy => lang.cost_name(Cost::CrossEntropy),
                };
                (r.name(), label)
            })
            .to_vec(),
        Setting::Rule => Rule::ALL
            .map(|r| {
                let label = match r {
                    Rule::Gradient => xw.rule_gradient,
                    Rule::Published => page.word(Label::RulePublished, xw.rule_published),
                };
                (r.name(), label)
            })
            .to_vec(),
        Setting::Chart => ChartShows::ALL
            .map(|c| {
                let label = match c {
                    ChartShows::Cost => xw.show_cost,
                    ChartShows::Output => xw.show_output,
                    ChartShows::Both => xw.show_both,
                };
                (c.name(), label)
            })
            .to_vec(),
        _ => Vec::new(),
    }
}
