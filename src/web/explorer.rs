//! The explorer widget in the page: its controls, readouts and canvas, showing an [`Explorer`].

use super::canvas;
use super::dom::{self, button, element, full, rounded, set_text};
use super::draw;
use super::explore_draw::{self as xd, GRID};
use super::kind::{self, Clocked, Mount, WidgetKind};
use crate::config::{
    Area, Button, ChartShows, Control, ExplorerConfig, ExplorerOptions, ExplorerPreset, Hide,
    OptionError, Place, Racing, Setting, View, SETTINGS,
};
use crate::cost::{sigmoid_prime, Cost};
use crate::explorer::{Explorer, Window};
use crate::i18n::Lang;
use crate::neuron::Rule;
use crate::runner::{Action, Mode, Stepper};
use crate::slider::Scale;
use plotters::prelude::IntoDrawingArea;
use std::sync::atomic::{AtomicU32, Ordering};
use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, HtmlButtonElement, HtmlCanvasElement, HtmlElement, HtmlInputElement,
    HtmlSelectElement, ImageData,
};

/// Numbers the explorers of a page, for their controls' element ids.
static MOUNTED: AtomicU32 = AtomicU32::new(0);

/// One setting's control, with its error message beside it.
struct Field {
    setting: Setting,
    wrapper: HtmlElement,
    /// The number box, select or checkbox that holds the value.
    input: HtmlElement,
    slider: Option<(HtmlInputElement, Scale)>,
    error: HtmlElement,
}

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
    /// The page's options, and those with a link's settings on top.
    page_options: ExplorerOptions,
    options: ExplorerOptions,
    run: Explorer,
    figure: HtmlElement,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    /// The cost surfaces' heatmaps (GRID × GRID each), and what they were worked out for.
    heat: Vec<HtmlCanvasElement>,
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

fn js(e: String) -> JsValue {
    JsValue::from_str(&e)
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
            let (item, minimum) =
                dom::readout(&format!("{}.minimum", cost.name()), xw.minimum, "")?;
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

        let (controls, buttons) = dom::controls(&[
            ("run", words.run),
            ("pause", words.pause),
            ("step", words.step),
            ("reset", words.reset),
        ])?;
        let (pause, step) = (buttons[1].clone(), buttons[2].clone());
        let share = button("share", xw.copy_link)?;
        share.set_hidden(options.hides(Hide::Button(Button::Share)) || id.is_none());
        let png = button("export-png", xw.png)?;
        let csv = button("export-csv", xw.csv)?;
        for b in [&png, &csv] {
            b.set_hidden(options.hides(Hide::Button(Button::Export)));
        }
        for b in [&share, &png, &csv] {
            controls.append_child(b)?;
        }
        let hint: HtmlElement = element("span", "nndl-keys", Some(words.keys_hint))?;
        hint.set_attribute("aria-hidden", "true")?;
        controls.append_child(&hint)?;
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
                Control::Select => Input::Select(choice_labels(lang, spec.setting)),
                Control::Check => Input::Check,
                Control::Buttons | Control::None => continue,
            };
            let field = field(&uid, spec.setting, setting_label(lang, spec.setting), input)?;
            field.wrapper.set_hidden(options.locks(spec.setting));
            match spec.area {
                Area::Settings => settings.append_child(&field.wrapper)?,
                Area::Display => display.append_child(&field.wrapper)?,
            };
            fields.push(field);
        }
        root.append_child(&settings)?;

        let mut notes = Vec::new();
        for _ in 0..4 {
            let note: HtmlElement = element("p", "nndl-note", None)?;
            note.set_hidden(true);
            root.append_child(&note)?;
            notes.push(note);
        }
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
            run: Explorer::new(options.config),
            page_options,
            options,
            figure,
            context: canvas
                .get_context("2d")?
                .ok_or_else(|| JsValue::from_str("nndl-widgets: the canvas has no 2D context"))?
                .dyn_into()?,
            canvas,
            heat: Vec::new(),
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
        widget.resize()?;
        widget.announce()?;
        Ok(widget)
    }

    fn clear_field_errors(&self) -> Result<(), JsValue> {
        for f in &self.fields {
            self.show_field_error(f, None)?;
        }
        Ok(())
    }

    /// Shows `e` beside `field`'s control, or no message.
    fn show_field_error(&self, field: &Field, e: Option<OptionError>) -> Result<(), JsValue> {
        let text = e
            .map(|e| e.at(Place::Control).message(self.lang))
            .unwrap_or_default();
        set_text(&field.error, &text);
        field.error.set_hidden(text.is_empty());
        if text.is_empty() {
            field.input.remove_attribute("aria-invalid")?;
        } else {
            field.input.set_attribute("aria-invalid", "true")?;
        }
        Ok(())
    }

    /// Shows the configuration in the controls, but for the field at `keep` whose text the reader
    /// just typed (its number box keeps their text; its slider follows).
    fn sync_fields(&self, keep: Option<usize>) -> Result<(), JsValue> {
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

    fn say_state(&self) -> Result<(), JsValue> {
        let costs: Vec<(Cost, f64)> = self
            .run
            .racers()
            .iter()
            .map(|r| (r.cost, r.snapshot().cost))
            .collect();
        set_text(
            &self.status,
            &self
                .lang
                .explorer_status(self.run.mode().state(), self.run.epoch(), &costs),
        );
        let outputs: Vec<(Cost, f64)> = self
            .run
            .racers()
            .iter()
            .map(|r| (r.cost, r.snapshot().a))
            .collect();
        self.canvas.set_attribute(
            "aria-label",
            &self
                .lang
                .explorer_canvas_label(self.view_name(), self.run.epoch(), &outputs),
        )
    }

    fn view_name(&self) -> &'static str {
        let xw = self.lang.explorer();
        match self.run.config().view {
            View::Race => xw.race,
            View::Speed => xw.speed,
            View::Surface => xw.surface,
            View::Sigma => xw.sigma,
        }
    }

    fn draw_all(&mut self) -> Result<(), JsValue> {
        let max_difference = self.draw()?;
        self.render_readouts(max_difference)?;
        self.render_controls()
    }

    /// Draws the current view; returns the σ′ exercise's largest difference when it is shown.
    fn draw(&mut self) -> Result<Option<f64>, JsValue> {
        let c = *self.run.config();
        let (rows, cols, height) =
            xd::layout(c.view, c.chart, self.run.racers().len(), self.css_width);
        let ratio = canvas::fit(&self.canvas, self.css_width, height)?;
        let p = draw::palette(self.dark);
        let root = canvas::backend(&self.canvas)?.into_drawing_area();
        root.fill(&p.background).map_err(|e| js(draw::err(e)))?;
        let areas = xd::panels(&root, rows, cols);
        match c.view {
            View::Race => xd::race(&areas, ratio, p, self.lang, &self.run).map_err(js)?,
            View::Speed => xd::speed(&areas, ratio, p, self.lang, &self.run).map_err(js)?,
            View::Sigma => {
                let d = xd::sigma(&areas[0], ratio, p, self.lang, &self.run).map_err(js)?;
                return Ok(Some(d));
            }
            View::Surface => self.draw_surfaces(&areas, ratio, p)?,
        }
        Ok(None)
    }

    fn draw_surfaces(
        &mut self,
        areas: &[draw::Area],
        ratio: f64,
        p: &draw::Palette,
    ) -> Result<(), JsValue> {
        // The window follows the runs: it is fitted again when one leaves it.
        let started = *self.run.started();
        let points = || {
            self.run
                .racers()
                .iter()
                .flat_map(|r| r.path().map(|s| (s.w, s.b)))
                .chain(std::iter::once((started.w, started.b)))
        };
        let fits = self.window.is_some_and(|w| {
            self.run.racers().iter().all(|r| {
                let s = r.snapshot();
                w.contains(s.w, s.b)
            }) && w.contains(started.w, started.b)
        });
        if !fits || self.run.epoch() == 0 {
            self.window = Some(Window::around(points()));
        }
        let Some(window) = self.window else {
            return Ok(());
        };
        let costs: Vec<Cost> = self.run.racers().iter().map(|r| r.cost).collect();
        let key = (window, costs.clone(), started);
        let stale = self.heat_for.as_ref() != Some(&key);
        if stale {
            self.heat.clear();
        }
        let xw = self.lang.explorer();
        for (k, (area, r)) in areas.iter().zip(self.run.racers()).enumerate() {
            let title = format!("C(w, b): {}", self.lang.cost_name(r.cost));
            let mut chart = xd::surface_axes(area, ratio, p, &title, &window).map_err(js)?;
            if stale {
                let heat: HtmlCanvasElement = element("canvas", "", None)?;
                heat.set_width(GRID as u32);
                heat.set_height(GRID as u32);
                if let Some(pixels) = xd::heatmap(&window, r.cost, &started) {
                    let image = ImageData::new_with_u8_clamped_array_and_sh(
                        Clamped(&pixels),
                        GRID as u32,
                        GRID as u32,
                    )?;
                    let ctx: CanvasRenderingContext2d = heat
                        .get_context("2d")?
                        .ok_or_else(|| JsValue::from_str("nndl-widgets: no 2D context"))?
                        .dyn_into()?;
                    ctx.put_image_data(&image, 0.0, 0.0)?;
                } else {
                    heat.set_width(0);
                }
                self.heat.push(heat);
            }
            let (xs, ys) = chart.plotting_area().get_pixel_range();
            match self.heat.get(k) {
                Some(heat) if heat.width() > 0 => {
                    self.context.set_image_smoothing_enabled(true);
                    self.context
                        .draw_image_with_html_canvas_element_and_dw_and_dh(
                            heat,
                            f64::from(xs.start),
                            f64::from(ys.start),
                            f64::from(xs.end - xs.start),
                            f64::from(ys.end - ys.start),
                        )?;
                    xd::surface_path(&mut chart, ratio, p, r, &window).map_err(js)?;
                }
                _ => xd::undefined(area, ratio, p, xw.surface_undefined).map_err(js)?,
            }
        }
        if stale {
            self.heat_for = Some(key);
        }
        Ok(())
    }

    fn render_readouts(&self, max_difference: Option<f64>) -> Result<(), JsValue> {
        let y = self.run.started().y;
        for (g, slot) in self.groups.iter().zip([0, 1]) {
            let racer = self
                .run
                .racers()
                .iter()
                .find(|r| (slot == 0) == (r.cost == Cost::Quadratic));
            g.row.set_hidden(racer.is_none());
            let Some(r) = racer else { continue };
            let prefix = r.cost.name();
            set_text(
                &g.title,
                &format!("{} (η = {})", self.lang.racer_name(r.cost), r.eta()),
            );
            dom::set_attribute(
                &g.title,
                "class",
                &format!("nndl-group-title nndl-swatch-{prefix}"),
            )?;
            let s = r.snapshot();
            let texts = [
                (
                    format!("{} / {}", s.epoch, self.run.started().epochs),
                    s.epoch.to_string(),
                ),
                (rounded(s.a, 4, false), full(s.a)),
                (rounded(s.cost, 4, false), full(s.cost)),
                (rounded(s.w, 3, true), full(s.w)),
                (rounded(s.b, 3, true), full(s.b)),
                (rounded(s.dw, 4, true), full(s.dw)),
                (rounded(s.db, 4, true), full(s.db)),
                (
                    rounded(sigmoid_prime(s.z), 4, false),
                    full(sigmoid_prime(s.z)),
                ),
            ];
            for ((el, (text, value)), name) in g.values.iter().zip(texts).zip(READOUTS) {
                set_text(el, &text);
                dom::set_attribute(el, "data-readout", &format!("{prefix}.{name}"))?;
                el.set_attribute("data-value", &value)?;
            }
            // The floor (64) is the cross-entropy's; the quadratic cost's is 0, and the swapped
            // expression has none.
            let least = r.least_cost(y).filter(|_| r.cost == Cost::CrossEntropy);
            let item = g.minimum.parent_element();
            if let Some(item) = item.and_then(|i| i.dyn_into::<HtmlElement>().ok()) {
                item.set_hidden(least.is_none());
            }
            // Only a floor that is shown is a readout.
            if let Some(h) = least {
                dom::set_attribute(&g.minimum, "data-readout", &format!("{prefix}.minimum"))?;
                set_text(&g.minimum, &rounded(h, 4, false));
                g.minimum.set_attribute("data-value", &full(h))?;
            } else {
                g.minimum.remove_attribute("data-readout")?;
                g.minimum.remove_attribute("data-value")?;
            }
        }
        self.sigma_row.set_hidden(max_difference.is_none());
        if let Some(d) = max_difference {
            set_text(&self.sigma_value, &rounded(d, 2, false));
            self.sigma_value.set_attribute("data-value", &full(d))?;
        }
        Ok(())
    }

    fn render_controls(&self) -> Result<(), JsValue> {
        let words = self.lang.words();
        let xw = self.lang.explorer();
        let mode = self.run.mode();
        dom::show_mode(&self.root, &self.pause, &self.step, mode, words)?;

        // A run that stopped because its update was not finite, but for the swapped expression
        // at y = 0 or 1, which its note explains.
        let messages: Vec<String> = self
            .run
            .racers()
            .iter()
            .filter(|r| !(r.cost == Cost::Swapped && self.run.swapped_undefined()))
            .filter_map(|r| {
                r.diverged()
                    .map(|d| self.lang.racer_diverged(r.cost, d.epoch))
            })
            .collect();
        let link = if self.options.link_errors.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = self
                .options
                .link_errors
                .iter()
                .map(|e| e.message(self.lang))
                .collect();
            format!("{} {}", xw.link_unused, list.join(" "))
        };
        let message = std::iter::once(link)
            .chain(messages)
            .filter(|m| !m.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        set_text(&self.alert, &message);
        self.alert.set_hidden(message.is_empty());

        // The notes: what waits for Run or Reset, the exercises, the view's key.
        let c = self.run.config();
        let started = self.run.started();
        let pending = if self.run.pending() {
            xw.pending.to_string()
        } else if mode == Mode::Paused {
            xw.paused_hint.to_string()
        } else {
            String::new()
        };
        let swapped = if started.swapped && started.racing != crate::config::Racing::Quadratic {
            self.lang.swapped_note(started.y)
        } else {
            String::new()
        };
        let has_ce = self.run.racer(Cost::CrossEntropy).is_some();
        let entropy = if has_ce && started.y > 0.0 && started.y < 1.0 {
            self.lang
                .entropy_note(started.y, crate::cost::binary_entropy(started.y))
        } else {
            String::new()
        };
        let view = match c.view {
            View::Surface => xw.surface_note.to_string(),
            View::Sigma => xw.sigma_note.to_string(),
            _ => String::new(),
        };
        for (note, text) in self.notes.iter().zip([pending, swapped, entropy, view]) {
            set_text(note, &text);
            note.set_hidden(text.is_empty());
        }
        // The log scale and what the race chart shows, only in the views they change.
        for f in &self.fields {
            let shown = match f.setting {
                Setting::Log => matches!(c.view, View::Race | View::Speed),
                Setting::Chart => c.view == View::Race,
                _ => continue,
            };
            f.wrapper
                .set_hidden(self.options.hides(Hide::Setting(f.setting)) || !shown);
        }
        Ok(())
    }
}

impl WidgetKind for ExplorerWidget {
    fn running(&self) -> bool {
        self.run.is_running()
    }

    fn act(&mut self, action: Action) -> Result<bool, JsValue> {
        kind::act(self, action)
    }

    fn advance(&mut self, dt_ms: f64) -> Result<bool, JsValue> {
        kind::advance(self, dt_ms)
    }

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
        match self.run.set_setting(setting, &value) {
            Ok(_) => {
                // Every control now shows the configuration, so no earlier message still holds.
                self.clear_field_errors()?;
                self.sync_fields(field)?;
                // The canvas takes the view's size as it is drawn.
                self.draw_all()?;
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
        self.dark = dom::prefers_dark();
        self.heat_for = None;
        self.draw_all()
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
        let Some(options) = with_link(&self.page_options, self.id.as_deref(), fragment) else {
            return Ok(false);
        };
        if options.link_errors.is_empty() {
            self.run = Explorer::new(options.config);
            self.clear_field_errors()?;
        }
        // A bad link keeps the widget as it is, and says why.
        self.options.link_errors = options.link_errors;
        self.share_row.set_hidden(true);
        self.sync_fields(None)?;
        self.draw_all()?;
        self.say_state()?;
        Ok(true)
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

/// What kind of control a setting has.
enum Input<'a> {
    Slider(Scale),
    Select(Vec<(&'static str, &'a str)>),
    Check,
}

/// A setting's control: a label, the control (a slider with a number box, a select or a
/// checkbox) carrying `data-control`, and the place for its error message.
fn field(uid: &str, setting: Setting, label: &str, input: Input) -> Result<Field, JsValue> {
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

/// A setting's label beside its control.
fn setting_label(lang: Lang, setting: Setting) -> &'static str {
    let xw = lang.explorer();
    match setting {
        Setting::Preset => xw.preset,
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

/// A menu's choices: (value, label).
fn choice_labels(lang: Lang, setting: Setting) -> Vec<(&'static str, &'static str)> {
    let xw = lang.explorer();
    match setting {
        // The presets' menu has an empty first choice, which changes nothing.
        Setting::Preset => std::iter::once(("", xw.preset_none))
            .chain(ExplorerPreset::ALL.map(|p| {
                let label = match p {
                    ExplorerPreset::GoodStart => xw.preset_good,
                    ExplorerPreset::SaturatedStart => xw.preset_saturated,
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
                    Rule::Published => xw.rule_published,
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

impl Clocked for ExplorerWidget {
    type Run = Explorer;

    fn run(&self) -> &Explorer {
        &self.run
    }

    fn run_mut(&mut self) -> &mut Explorer {
        &mut self.run
    }

    fn render(&mut self) -> Result<(), JsValue> {
        self.draw_all()
    }

    fn announce(&self) -> Result<(), JsValue> {
        self.say_state()
    }

    fn apply(&mut self, action: Action) {
        self.run.act(action);
        self.share_row.set_hidden(true);
    }
}
