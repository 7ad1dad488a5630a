//! What the explorer shows of its run: the canvas in the current view, the readouts, the state
//! of its controls and notes, and what screen readers are told.

use super::charts::{self as xd, GRID};
use super::{ExplorerWidget, READOUTS};
use crate::config::{Hide, Label, Setting, View};
use crate::cost::{sigmoid_prime, Cost};
use crate::explorer::Explorer;
use crate::plot::{self, full, rounded};
use crate::runner::{Action, Mode, Stepper};
use crate::surface::Window;
use crate::web::canvas;
use crate::web::dom::{self, element, set_text};
use crate::web::draw;
use crate::web::kind::Clocked;
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, ImageData};

fn js(e: String) -> JsValue {
    JsValue::from_str(&e)
}

impl ExplorerWidget {
    fn view_name(&self) -> &'static str {
        let xw = self.lang.explorer();
        match self.run.config().view {
            View::Race => xw.race,
            View::Speed => xw.speed,
            View::Surface => xw.surface,
            View::Sigma => xw.sigma,
        }
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
        let look = xd::Look {
            ratio,
            p,
            lang: self.lang,
            minimum: self
                .options
                .word(Label::Minimum, self.lang.explorer().minimum),
        };
        match c.view {
            View::Race => xd::race(look, &areas, &self.run).map_err(js)?,
            View::Speed => xd::speed(look, &areas, &self.run).map_err(js)?,
            View::Sigma => {
                let d = xd::sigma(look, &areas[0], &self.run).map_err(js)?;
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
            self.heat_range.clear();
        }
        let xw = self.lang.explorer();
        for (k, (area, r)) in areas.iter().zip(self.run.racers()).enumerate() {
            let title = format!("C(w, b): {}", self.lang.cost_name(r.cost));
            let mut chart = xd::surface_axes(area, ratio, p, &title, &window).map_err(js)?;
            if stale {
                let heat: HtmlCanvasElement = element("canvas", "", None)?;
                heat.set_width(GRID as u32);
                heat.set_height(GRID as u32);
                let grid = window.surface(r.cost, started.x, started.y, GRID);
                self.heat_range.push(plot::heat_range(&grid));
                if let Some(pixels) = plot::heatmap(&grid) {
                    let image = ImageData::new_with_u8_clamped_array_and_sh(
                        Clamped(&pixels),
                        GRID as u32,
                        GRID as u32,
                    )?;
                    let ctx: CanvasRenderingContext2d = canvas::context(&heat)?;
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
                    if let Some(Some(range)) = self.heat_range.get(k) {
                        let corner = (xs.end, ys.start);
                        xd::colour_bar(area, ratio, p, corner, *range).map_err(js)?;
                    }
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
        // The chart and readouts are the run's, which no longer matches the settings while
        // changes wait: shown faded until Run or Reset.
        self.root
            .class_list()
            .toggle_with_force("nndl-stale", self.run.pending())?;
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

impl Clocked for ExplorerWidget {
    clocked_run!(Explorer);

    fn render(&mut self) -> Result<(), JsValue> {
        let max_difference = self.draw()?;
        self.render_readouts(max_difference)?;
        self.render_controls()
    }

    fn announce(&self) -> Result<(), JsValue> {
        let costs: Vec<(Cost, f64)> = self
            .run
            .racers()
            .iter()
            .map(|r| (r.cost, r.snapshot().cost))
            .collect();
        let state = self.run.mode().state();
        // A finished run is told as its curves: each cost's fall, and how long it stalled.
        let falls: Vec<String> = if state == crate::runner::State::Finished {
            self.run
                .racers()
                .iter()
                .filter_map(|r| {
                    let points: Vec<(u32, f64)> = r.path().map(|s| (s.epoch, s.cost)).collect();
                    let f = plot::fall(&points)?;
                    Some(self.lang.fall_note(&self.lang.racer_name(r.cost), &f))
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut said = self.lang.explorer_status(state, self.run.epoch(), &costs);
        // (Chinese sentences follow each other without a space.)
        let gap = self.lang.sentence_gap();
        for f in &falls {
            said.push_str(gap);
            said.push_str(f);
        }
        set_text(&self.status, &said);
        let outputs: Vec<(Cost, f64)> = self
            .run
            .racers()
            .iter()
            .map(|r| (r.cost, r.snapshot().a))
            .collect();
        let mut label =
            self.lang
                .explorer_canvas_label(self.view_name(), self.run.epoch(), &outputs);
        for f in &falls {
            label.push_str(gap);
            label.push_str(f);
        }
        self.canvas.set_attribute("aria-label", &label)
    }

    fn apply(&mut self, action: Action) {
        self.run.act(action);
        self.share_row.set_hidden(true);
    }
}
