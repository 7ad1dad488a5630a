//! The explorer widget in the page: its controls, readouts and canvas, showing an [`Explorer`].

mod charts;
mod fields;
mod view;

use super::dom::{self, button, element, set_text};
use super::kind::{Clocked, Mount, WidgetKind};
use crate::config::{
    Area, Button, Control, ExplorerConfig, ExplorerOptions, Hide, Label, Place, Setting, View,
    SETTINGS,
};
use crate::cost::Cost;
use crate::explorer::Explorer;
use crate::i18n::Lang;
use crate::runner::{Action, Stepper};
use crate::surface::Window;
use fields::{choice_labels, field, setting_label, Field, Input};
use std::sync::atomic::{AtomicU32, Ordering};
use wasm_bindgen::JsValue;
use web_sys::{
    CanvasRenderingContext2d, HtmlButtonElement, HtmlCanvasElement, HtmlElement, HtmlInputElement,
};

/// Numbers the explorers of a page, for their controls' element ids.
static MOUNTED: AtomicU32 = AtomicU32::new(0);

/// One raced cost's readouts.
struct Group {
    row: HtmlElement,
    title: HtmlElement,
    values: Vec<HtmlElement>,
    minimum: HtmlElement,
}

const READOUTS: [&str; 8] = [
    "epoch",
    "output",
    "cost",
    "w",
    "b",
    "dw",
    "db",
    "sigma-prime",
];

pub struct ExplorerWidget {
    root: HtmlElement,
    lang: Lang,
    /// The element's id, which scopes its entry in a shared link.
    id: Option<String>,
    /// This widget's entry in the page's URL fragment when it was last looked at (at mount, or
    /// the last hashchange): a link whose entry for it is the same changes nothing.
    link: Option<Result<Vec<(String, String)>, String>>,
    /// The page's options, and those with a link's settings on top.
    page_options: ExplorerOptions,
    options: ExplorerOptions,
    run: Explorer,
    figure: HtmlElement,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    /// The cost surfaces' heatmaps (GRID × GRID each), and what they were worked out for.
    heat: Vec<HtmlCanvasElement>,
    /// Each heatmap's smallest and largest cost, the ends of its colour bar.
    heat_range: Vec<Option<(f64, f64)>>,
    heat_for: Option<(Window, Vec<Cost>, ExplorerConfig)>,
    window: Option<Window>,
    css_width: f64,
    dark: bool,
    views: Vec<(View, HtmlButtonElement)>,
    fields: Vec<Field>,
    groups: [Group; 2],
    sigma_row: HtmlElement,
    sigma_value: HtmlElement,
    pause: HtmlButtonElement,
    step: HtmlButtonElement,
    share_row: HtmlElement,
    share_field: HtmlInputElement,
    share_message: HtmlElement,
    notes: [HtmlElement; 4],
    status: HtmlElement,
    alert: HtmlElement,
}

impl ExplorerWidget {
    pub fn mount(m: Mount, page_options: ExplorerOptions) -> Result<ExplorerWidget, JsValue> {
        let Mount { root, lang, .. } = m;
        // With a shared link's settings for this widget, if the page was opened with one.
        let fragment = dom::window()?.location().hash().unwrap_or_default();
        let fragment = fragment.as_str();
        let id = root.get_attribute("id").filter(|s| !s.is_empty());
        let options = with_link(&page_options, id.as_deref(), fragment)
            .unwrap_or_else(|| page_options.clone());
        let link = id
            .as_deref()
            .and_then(|id| crate::share::entry(fragment, id));
        let words = lang.words();
        let xw = lang.explorer();
        let uid = format!("nndl-x{}", MOUNTED.fetch_add(1, Ordering::Relaxed));
        dom::prepare_root(&root, "nndl-explorer", lang, xw.name)?;

        // The views, as a row of toggle buttons.
        let tabs: HtmlElement = element("div", "nndl-views", None)?;
        tabs.set_attribute("role", "group")?;
        tabs.set_attribute("aria-label", xw.views)?;
        let mut views = Vec::new();
        for (view, label) in [
            (View::Race, xw.race),
            (View::Speed, xw.speed),
            (View::Surface, xw.surface),
            (View::Sigma, xw.sigma),
        ] {
            let b: HtmlButtonElement = element("button", "nndl-button nndl-view", Some(label))?;
            b.set_type("button");
            b.set_attribute("data-control", Setting::View.name())?;
            b.set_attribute("data-value", view.name())?;
            tabs.append_child(&b)?;
            views.push((view, b));
        }
        tabs.set_hidden(options.hides(Hide::Setting(Setting::View)));
        root.append_child(&tabs)?;

        // What the race chart shows, and the log scale.
        let display: HtmlElement = element("div", "nndl-display", None)?;
        root.append_child(&display)?;

        let (figure, canvas) = dom::figure(&root)?;
        canvas.set_attribute("data-export", "")?;
        // The notes on what the chart shows, just under it: what waits for Run or Reset, the
        // exercises, the view's key.
        let mut notes = Vec::new();
        for _ in 0..4 {
            let note: HtmlElement = element("p", "nndl-note", None)?;
            note.set_hidden(true);
            root.append_child(&note)?;
            notes.push(note);
        }

        // Readouts: one row per raced cost.
        let mut groups = Vec::new();
        for cost in [Cost::Quadratic, Cost::CrossEntropy] {
            let row: HtmlElement = element("div", "nndl-readouts nndl-group", None)?;
            let title: HtmlElement = element("span", "nndl-group-title", None)?;
            row.append_child(&title)?;
            let labels = [
                words.epoch,
                words.output,
                words.cost,
                "w",
                "b",
                "∂C/∂w",
                "∂C/∂b",
                "σ′(z)",
            ];
            let mut values = Vec::new();
            for (name, label) in READOUTS.iter().zip(labels) {
                let (item, value) = dom::readout(&format!("{}.{name}", cost.name()), label, "")?;
                row.append_child(&item)?;
                values.push(value);
            }
            let label = options.word(Label::Minimum, xw.minimum);
            let (item, minimum) = dom::readout(&format!("{}.minimum", cost.name()), label, "")?;
            row.append_child(&item)?;
            root.append_child(&row)?;
            groups.push(Group {
                row,
                title,
                values,
                minimum,
            });
        }
        let sigma_row: HtmlElement = element("div", "nndl-readouts", None)?;
        let (item, sigma_value) = dom::readout("sigma.max-difference", xw.max_difference, "")?;
        sigma_row.append_child(&item)?;
        root.append_child(&sigma_row)?;

        let share = button("share", xw.copy_link)?;
        share.set_hidden(options.hides(Hide::Button(Button::Share)) || id.is_none());
        let png = button("export-png", xw.png)?;
        let csv = button("export-csv", xw.csv)?;
        for b in [&png, &csv] {
            b.set_hidden(options.hides(Hide::Button(Button::Export)));
        }
        let (controls, pause, step) = dom::run_controls(words, &[&share, &png, &csv], true)?;
        root.append_child(&controls)?;

        let share_row: HtmlElement = element("div", "nndl-share", None)?;
        let share_message: HtmlElement = element("span", "", None)?;
        share_message.set_attribute("role", "status")?;
        let share_field: HtmlInputElement = element("input", "nndl-share-link", None)?;
        share_field.set_read_only(true);
        share_field.set_attribute("aria-label", xw.link_here)?;
        share_field.set_attribute("data-share-link", "")?;
        share_row.append_child(&share_message)?;
        share_row.append_child(&share_field)?;
        share_row.set_hidden(true);
        root.append_child(&share_row)?;

        // The settings.
        let settings: HtmlElement = element("fieldset", "nndl-settings", None)?;
        let legend: HtmlElement = element("legend", "", Some(xw.settings))?;
        settings.append_child(&legend)?;
        // Every setting with a control of its own, in the table's order, in its area.
        let mut fields = Vec::new();
        for spec in SETTINGS.iter() {
            let input = match spec.control {
                Control::Slider(scale) => Input::Slider(scale),
                Control::Select => Input::Select(choice_labels(lang, spec.setting, &options)),
                Control::Check => Input::Check,
                Control::Buttons | Control::None => continue,
            };
            let label = setting_label(lang, spec.setting, &options);
            let field = field(&uid, spec.setting, label, input)?;
            field.wrapper.set_hidden(options.locks(spec.setting));
            match spec.area {
                Area::Settings => settings.append_child(&field.wrapper)?,
                Area::Display => display.append_child(&field.wrapper)?,
            };
            fields.push(field);
        }
        root.append_child(&settings)?;

        let (status, alert) = dom::status_and_alert(&root)?;

        let groups: [Group; 2] = groups
            .try_into()
            .map_err(|_| JsValue::from_str("nndl-widgets: two readout groups"))?;
        let notes: [HtmlElement; 4] = notes
            .try_into()
            .map_err(|_| JsValue::from_str("nndl-widgets: four notes"))?;
        let mut widget = ExplorerWidget {
            root,
            lang,
            id,
            link,
            run: Explorer::new(options.config),
            page_options,
            options,
            figure,
            context: super::canvas::context(&canvas)?,
            canvas,
            heat: Vec::new(),
            heat_range: Vec::new(),
            heat_for: None,
            window: None,
            css_width: 0.0,
            dark: false,
            views,
            fields,
            groups,
            sigma_row,
            sigma_value,
            pause,
            step,
            share_row,
            share_field,
            share_message,
            notes,
            status,
            alert,
        };
        widget.sync_fields(None)?;
        if widget.options.link_errors.is_empty() {
            let left = link_preset_leaves(&widget.page_options, widget.link.as_ref());
            widget.note_preset_left(&left)?;
        }
        widget.resize()?;
        widget.announce()?;
        Ok(widget)
    }
}

impl WidgetKind for ExplorerWidget {
    clocked_kind!();

    /// A control's new value (`from_slider`: the slider's position). A bad value shows a message
    /// beside the control and changes nothing. An unknown name is the caller's error.
    fn set(&mut self, name: &str, value: &str, from_slider: bool) -> Result<bool, JsValue> {
        let Some(setting) = Setting::from_name(name) else {
            let known = Setting::NAMES.join(", ");
            return Err(JsValue::from_str(&format!(
                "nndl-widgets: the explorer has no setting \"{name}\"; its settings are {known}"
            )));
        };
        // `view` has buttons and `eta` sets both rates: neither has a field of its own.
        let field = self.fields.iter().position(|f| f.setting == setting);
        let scale = field.and_then(|i| self.fields[i].slider.as_ref().map(|(_, s)| *s));
        let value = match scale {
            Some(scale) if from_slider => scale.value(value),
            _ => value.to_string(),
        };
        let left = match setting {
            Setting::Preset => self.run.config().preset_leaves(&value),
            _ => Vec::new(),
        };
        match self.run.set_setting(setting, &value) {
            Ok(_) => {
                // Every control now shows the configuration, so no earlier message still holds.
                self.clear_field_errors()?;
                self.sync_fields(field)?;
                self.note_preset_left(&left)?;
                // The canvas takes the view's size as it is drawn.
                self.render()?;
            }
            Err(e) => match field {
                Some(i) => self.show_field_error(&self.fields[i], Some(e))?,
                None => {
                    // `view` or `eta` set from a script: said where the alerts go.
                    set_text(&self.alert, &e.at(Place::Named).message(self.lang));
                    self.alert.set_hidden(false);
                }
            },
        }
        Ok(self.run.is_running())
    }

    /// Fits the canvas to the widget's width and the view, and redraws.
    fn resize(&mut self) -> Result<(), JsValue> {
        let width = f64::from(self.figure.client_width());
        self.css_width = if width > 0.0 {
            width.clamp(240.0, 900.0)
        } else {
            520.0
        };
        self.dark = dom::dark(&self.root);
        self.heat_for = None;
        self.render()
    }

    /// Each racer's cost, output, w and b at a few epochs spread over the run.
    fn table(&self) -> String {
        use crate::plot::rounded;
        let (lang, words) = (self.lang, self.lang.words());
        let caption = lang.table_caption(
            lang.explorer().runs,
            self.run.epoch(),
            self.run.config().epochs,
        );
        let mut t = crate::plot::TableText::new(words.data_table, &caption);
        let mut head = vec![words.epoch_axis.to_string()];
        for r in self.run.racers() {
            let name = lang.racer_name(r.cost);
            head.extend(["C", "a", "w", "b"].map(|v| format!("{name} {v}")));
        }
        t.row(&head.iter().map(String::as_str).collect::<Vec<_>>());
        for (epoch, states) in self.run.table(11) {
            let mut cells = vec![epoch.to_string()];
            for s in states {
                match s {
                    Some(s) => cells.extend([
                        rounded(s.cost, 4, false),
                        rounded(s.a, 4, false),
                        rounded(s.w, 3, true),
                        rounded(s.b, 3, true),
                    ]),
                    None => cells.extend(["—"; 4].map(String::from)),
                }
            }
            t.row(&cells.iter().map(String::as_str).collect::<Vec<_>>());
        }
        t.text()
    }

    /// The run's history as CSV.
    fn csv(&self) -> Result<String, JsValue> {
        Ok(self.run.csv())
    }

    /// The page URL's fragment with this widget's settings in its entry (see `share`); `None` for
    /// a widget without an id.
    fn share_fragment(&self, current: &str) -> Option<String> {
        let id = self.id.as_deref()?;
        Some(crate::share::with_entry(
            current,
            id,
            &self.run.config().pairs(),
        ))
    }

    /// Takes a link's settings for this widget from the page URL's `fragment`, if it has any.
    fn restore(&mut self, fragment: &str) -> Result<bool, JsValue> {
        // Only a link that changes this widget's entry is followed: one for other widgets, or
        // one with the same settings again, leaves its run alone.
        let link = self
            .id
            .as_deref()
            .and_then(|id| crate::share::entry(fragment, id));
        if link == self.link {
            return Ok(false);
        }
        self.link = link;
        let Some(options) = with_link(&self.page_options, self.id.as_deref(), fragment) else {
            return Ok(false);
        };
        // A bad link keeps the widget as it is, running or not, and says why.
        let applied = options.link_errors.is_empty();
        if applied {
            let left = link_preset_leaves(&self.page_options, self.link.as_ref());
            self.run = Explorer::new(options.config);
            self.clear_field_errors()?;
            self.note_preset_left(&left)?;
        }
        self.options.link_errors = options.link_errors;
        self.share_row.set_hidden(true);
        self.sync_fields(None)?;
        self.render()?;
        self.announce()?;
        Ok(applied)
    }

    /// Shows the shared link, and whether it was copied.
    fn shared(&self, url: &str, copied: bool) -> Result<(), JsValue> {
        let xw = self.lang.explorer();
        set_text(
            &self.share_message,
            if copied { xw.link_copied } else { xw.link_here },
        );
        self.share_field.set_value(url);
        self.share_row.set_hidden(false);
        if !copied {
            self.share_field.select();
        }
        Ok(())
    }
}

/// What the preset in a link's entry (if any) leaves alone of what the page fixed.
fn link_preset_leaves(
    page: &ExplorerOptions,
    link: Option<&Result<Vec<(String, String)>, String>>,
) -> Vec<Setting> {
    let Some(Ok(pairs)) = link else {
        return Vec::new();
    };
    pairs
        .iter()
        .find(|(k, _)| k == Setting::Preset.name())
        .map(|(_, v)| page.config.preset_leaves(v))
        .unwrap_or_default()
}

/// The page's options with the settings that the URL `fragment` holds for widget `id`; `None`
/// when it holds none (or the widget has no id).
fn with_link(page: &ExplorerOptions, id: Option<&str>, fragment: &str) -> Option<ExplorerOptions> {
    let pairs = match crate::share::entry(fragment, id?)? {
        Ok(pairs) => pairs,
        // A malformed entry: reported as such by the options' own message.
        Err(text) => vec![("link".to_string(), text)],
    };
    Some(page.clone().with_link(&pairs))
}
