//! The multi-layer saturation widget in the page: three runs of one small network from the same
//! saturated start, their costs (as a share of where each started) and their output layers'
//! gradient norms per epoch, with Run, Pause/Resume, Step and Reset.

use super::canvas;
use super::dom::{self, element, set_text};
use super::draw;
use super::kind::{Clocked, Mount, WidgetKind};
use crate::config::MultilayerConfig;
use crate::i18n::Lang;
use crate::multilayer::Pairing;
use crate::multilayer_run::{Mode, MultilayerRun};
use crate::network::SetupError;
use crate::runner::{Action, State, Stepper};
use plotters::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::{HtmlButtonElement, HtmlCanvasElement, HtmlElement};

const HEIGHT: f64 = 260.0;
/// Narrower than this, the two charts are stacked, each as wide as the widget: side by side, a
/// phone's half width cuts their titles. (On the chapter page the figure is this wide in a
/// window 700 px wide, where its stylesheet's narrow layout, and the loading box's height for it,
/// begin.)
const STACKED_BELOW: f64 = 638.0;
/// Epochs in the gradient norm's running mean, drawn over its faint per-epoch values (which jump
/// with each mini-batch).
const MEAN_OF: usize = 10;
/// The three runs' colours (Okabe–Ito), in [`Pairing::ALL`]'s order.
const COLOURS: [RGBColor; 3] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
];

pub struct MultilayerWidget {
    root: HtmlElement,
    lang: Lang,
    run: MultilayerRun,
    figure: HtmlElement,
    canvas: HtmlCanvasElement,
    epoch: HtmlElement,
    /// Each run's cost and gradient-norm readouts, in [`Pairing::ALL`]'s order.
    readouts: Vec<(HtmlElement, HtmlElement)>,
    pause: HtmlButtonElement,
    step: HtmlButtonElement,
    status: HtmlElement,
    alert: HtmlElement,
    dark: bool,
    /// The canvas's width in CSS pixels, read from the page only on resize.
    css_width: f64,
}

fn setup_error(e: SetupError) -> JsValue {
    JsValue::from_str(&e.to_string())
}

impl MultilayerWidget {
    pub fn mount(m: Mount, config: MultilayerConfig) -> Result<MultilayerWidget, JsValue> {
        let Mount { root, lang, .. } = m;
        let run = MultilayerRun::new(&config).map_err(setup_error)?;
        let words = lang.words();
        dom::prepare_root(
            &root,
            "nndl-network",
            lang,
            &lang.widget_name("network", crate::cost::Cost::Quadratic),
        )?;
        let (figure, canvas) = dom::figure(&root)?;

        let (row, mut epoch) = dom::readouts(&[("epoch", words.epoch)], "")?;
        let epoch = epoch.remove(0);
        root.append_child(&row)?;

        // One line per run: its colour, its name and equations, its cost and gradient norm.
        let legend: HtmlElement = element("ul", "nndl-legend", None)?;
        let mut readouts = Vec::new();
        for (p, colour) in Pairing::ALL.into_iter().zip(COLOURS) {
            let li: HtmlElement = element("li", "", None)?;
            let swatch: HtmlElement = element("span", "nndl-swatch", None)?;
            let RGBColor(r, g, b) = colour;
            swatch
                .style()
                .set_property("background", &format!("rgb({r}, {g}, {b})"))?;
            swatch.set_attribute("aria-hidden", "true")?;
            li.append_child(&swatch)?;
            let name: HtmlElement = element("span", "", Some(&lang.pairing(p)))?;
            li.append_child(&name)?;
            let mut values = Vec::new();
            for (what, label) in [("cost", "C/C₀"), ("gradient", "‖∂C/∂wᴸ‖")] {
                let l: HtmlElement = element("span", "nndl-label nndl-gap", Some(label))?;
                let v: HtmlElement = element("span", "nndl-value", None)?;
                v.set_attribute("data-readout", &format!("{}.{what}", p.name()))?;
                li.append_child(&l)?;
                li.append_child(&v)?;
                values.push(v);
            }
            legend.append_child(&li)?;
            readouts.push((values.remove(0), values.remove(0)));
        }
        root.append_child(&legend)?;

        let (controls, pause, step) = dom::run_controls(words, &[], false)?;
        root.append_child(&controls)?;
        let (status, alert) = dom::status_and_alert(&root)?;

        let mut widget = MultilayerWidget {
            root,
            lang,
            run,
            figure,
            canvas,
            epoch,
            readouts,
            pause,
            step,
            status,
            alert,
            dark: false,
            css_width: 0.0,
        };
        widget.resize()?;
        Ok(widget)
    }

    fn relative_costs(&self) -> [f64; 3] {
        Pairing::ALL.map(|p| {
            let r = self.run.demo().run(p);
            r.cost() / r.start_cost()
        })
    }

    fn draw(&self) -> Result<(), JsValue> {
        let stacked = self.css_width < STACKED_BELOW;
        let height = if stacked { 2.0 * HEIGHT } else { HEIGHT };
        let ratio = canvas::fit(&self.canvas, self.css_width, height)?;
        let p = draw::palette(self.dark);
        let fail = |e: DrawingAreaErrorKind<_>| JsValue::from_str(&format!("drawing failed: {e}"));
        let px = |v: f64| (v * ratio).round() as u32;
        let root = canvas::backend(&self.canvas)?.into_drawing_area();
        root.fill(&p.background).map_err(fail)?;
        let (w, h) = root.dim_in_pixel();
        let (left, right) = if stacked {
            root.split_vertically(h / 2)
        } else {
            root.split_horizontally(w / 2)
        };
        let demo = self.run.demo();
        let epochs = f64::from(demo.config().epochs);
        let words = self.lang.words();
        let lang_axes = self.lang.multilayer_axes();

        // Left: each run's cost as a share of its starting cost.
        let top = demo
            .runs()
            .iter()
            .flat_map(|r| {
                r.cost_history()
                    .iter()
                    .map(move |(_, c)| c / r.start_cost())
            })
            .filter(|c| c.is_finite())
            .fold(1.0f64, f64::max);
        let mut chart = draw::epoch_panel(
            &left,
            ratio,
            p,
            lang_axes.0,
            words.epoch_axis,
            epochs,
            0.0..top * 1.05,
            &|v| format!("{v:.1}"),
        )
        .map_err(|e| JsValue::from_str(&e))?;
        for (r, colour) in demo.runs().iter().zip(COLOURS) {
            let c0 = r.start_cost();
            chart
                .draw_series(LineSeries::new(
                    r.cost_history()
                        .iter()
                        .map(|&(e, c)| (f64::from(e), c / c0)),
                    ShapeStyle::from(&colour).stroke_width(px(2.0).max(1)),
                ))
                .map_err(fail)?;
        }

        // Right: the output layer's gradient norm, on a log scale: the plateau is a collapse.
        let norms = || {
            demo.runs()
                .iter()
                .flat_map(|r| r.gradient_norm_history().iter().map(|(_, g)| *g))
                .filter(|g| *g > 0.0 && g.is_finite())
        };
        let lo = norms().fold(f64::INFINITY, f64::min);
        let hi = norms().fold(0.0f64, f64::max);
        let (lo, hi) = if lo.is_finite() && hi > 0.0 {
            (lo / 2.0, hi * 2.0)
        } else {
            (1e-4, 10.0)
        };
        let mut chart = draw::epoch_panel(
            &right,
            ratio,
            p,
            lang_axes.1,
            words.epoch_axis,
            epochs,
            (lo..hi).log_scale(),
            &|v| format!("{v:.0e}"),
        )
        .map_err(|e| JsValue::from_str(&e))?;
        for (r, colour) in demo.runs().iter().zip(COLOURS) {
            let points: Vec<(f64, f64)> = r
                .gradient_norm_history()
                .iter()
                .filter(|(_, g)| *g > 0.0 && g.is_finite())
                .map(|&(e, g)| (f64::from(e), g))
                .collect();
            chart
                .draw_series(LineSeries::new(
                    points.iter().copied(),
                    ShapeStyle::from(&colour.mix(0.3)).stroke_width(px(1.0).max(1)),
                ))
                .map_err(fail)?;
            chart
                .draw_series(LineSeries::new(
                    crate::plot::running_log_mean(&points, MEAN_OF),
                    ShapeStyle::from(&colour).stroke_width(px(2.0).max(1)),
                ))
                .map_err(fail)?;
        }
        root.present().map_err(fail)?;
        self.canvas.set_attribute("aria-label", &self.described())
    }
}

impl WidgetKind for MultilayerWidget {
    clocked_kind!();

    /// Each run's cost (relative to its start) and output-layer gradient norm at a few epochs
    /// spread over the run.
    fn table(&self) -> String {
        use crate::plot::{rounded, value_at};
        let (lang, words, demo) = (self.lang, self.lang.words(), self.run.demo());
        let caption =
            lang.table_caption(lang.multilayer_table(), demo.epoch(), demo.config().epochs);
        let mut t = crate::plot::TableText::new(words.data_table, &caption);
        let (cost, norm) = lang.multilayer_axes();
        let mut head = vec![words.epoch_axis.to_string()];
        for p in Pairing::ALL {
            let name = lang.pairing_name(p);
            // (The norm's title without its axis's "log scale".)
            let norm = norm.split([',', '（']).next().unwrap_or(norm);
            let sep = lang.colon();
            head.extend([format!("{name}{sep}{cost}"), format!("{name}{sep}{norm}")]);
        }
        t.row(&head.iter().map(String::as_str).collect::<Vec<_>>());
        // The kept epochs, and the current one where a long run's history skipped it.
        let mut epochs: Vec<u32> = demo
            .run(Pairing::ALL[0])
            .cost_history()
            .iter()
            .map(|p| p.0)
            .collect();
        if epochs.last() != Some(&demo.epoch()) {
            epochs.push(demo.epoch());
        }
        for i in crate::plot::table_rows(epochs.len(), 11) {
            let epoch = epochs[i];
            let mut cells = vec![epoch.to_string()];
            for r in demo.runs() {
                let now = epoch == demo.epoch();
                let at = |points, current: f64| value_at(points, epoch).or(now.then_some(current));
                // The cost as a share of its start; the norm in the readouts' form.
                let cost =
                    at(r.cost_history(), r.cost()).map(|c| rounded(c / r.start_cost(), 4, false));
                let norm =
                    at(r.gradient_norm_history(), r.gradient_norm()).map(|g| format!("{g:.2e}"));
                cells.extend([cost, norm].map(|v| v.unwrap_or_else(|| "—".into())));
            }
            t.row(&cells.iter().map(String::as_str).collect::<Vec<_>>());
        }
        t.text()
    }

    fn resize(&mut self) -> Result<(), JsValue> {
        self.dark = super::dom::dark(&self.root);
        self.css_width = f64::from(self.figure.client_width()).clamp(200.0, 1000.0);
        self.render()
    }
}

impl Clocked for MultilayerWidget {
    clocked_run!(MultilayerRun);

    fn render(&mut self) -> Result<(), JsValue> {
        self.draw()?;
        let demo = self.run.demo();
        set_text(
            &self.epoch,
            &format!("{} / {}", demo.epoch(), demo.config().epochs),
        );
        self.epoch
            .set_attribute("data-value", &demo.epoch().to_string())?;
        for ((cost, gradient), (p, relative)) in self
            .readouts
            .iter()
            .zip(Pairing::ALL.into_iter().zip(self.relative_costs()))
        {
            let g = demo.run(p).gradient_norm();
            set_text(cost, &format!("{relative:.3}"));
            cost.set_attribute("data-value", &relative.to_string())?;
            set_text(gradient, &format!("{g:.2e}"));
            gradient.set_attribute("data-value", &g.to_string())?;
        }
        let mode = self.run.mode();
        dom::show_mode(&self.root, &self.pause, &self.step, mode, self.lang.words())?;
        let message = match mode {
            Mode::Diverged(d) => self.lang.network_diverged(d.pairing, d.at.epoch),
            _ => String::new(),
        };
        set_text(&self.alert, &message);
        self.alert.set_hidden(message.is_empty());
        Ok(())
    }

    fn announce(&self) -> Result<(), JsValue> {
        let text = self.described();
        set_text(&self.status, &text);
        self.canvas.set_attribute("aria-label", &text)
    }
}

impl MultilayerWidget {
    /// The run in words: its state and costs, and once finished each cost's fall.
    fn described(&self) -> String {
        let demo = self.run.demo();
        let state = self.run.mode().state();
        let mut text = self
            .lang
            .network_status(state, demo.epoch(), self.relative_costs());
        // A finished run is told as its curves too: each cost's fall, and how long it stalled.
        if state == State::Finished {
            let gap = self.lang.sentence_gap();
            for p in Pairing::ALL {
                let r = demo.run(p);
                let c0 = r.start_cost();
                let points: Vec<(u32, f64)> =
                    r.cost_history().iter().map(|&(e, c)| (e, c / c0)).collect();
                if let Some(f) = crate::plot::fall(&points) {
                    text.push_str(gap);
                    text.push_str(&self.lang.fall_note(&self.lang.pairing(p), &f));
                }
            }
        }
        text
    }
}
