//! The MNIST widget in the page: settings, Run / Pause / Cancel, a progress bar within the epoch,
//! test accuracy and cost per epoch (one line per run, so that runs compare), and a grid of test
//! digits with the network's guesses. The training itself runs in a Web Worker
//! (www/mnist-worker.js with the `worker` build's `MnistJob`); this side only sends it commands
//! ([`MnistWidget::take_messages`]) and shows what it reports ([`MnistWidget::receive`]).

use super::canvas;
use super::dom::{self, element, set_text};
use super::kind::{Mount, WidgetKind};
use super::mnist_settings::Settings;
use crate::config::{MnistConfig, MnistData};
use crate::i18n::Lang;
use crate::messages::{Digits, FromWorker, ToWorker, WorkerError};
use crate::runner::{Action, State};
use plotters::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};
use wasm_bindgen::{Clamped, JsValue};
use web_sys::{
    CanvasRenderingContext2d, HtmlButtonElement, HtmlCanvasElement, HtmlElement, HtmlInputElement,
    HtmlProgressElement, ImageData,
};

/// How many test digits the grid shows.
const GRID: usize = 100;
const CHART_HEIGHT: f64 = 240.0;
/// The runs' colours, from the Okabe–Ito palette (colour-blind safe), in turn.
const COLOURS: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
];

/// One run's curves.
#[derive(Default)]
struct Curve {
    label: String,
    /// How many epochs the run has.
    epochs: u32,
    /// Test accuracy (0–1) and cost after each epoch.
    accuracy: Vec<f64>,
    cost: Vec<f64>,
    /// Validation accuracy after each epoch, when the digits include a validation set.
    validation: Vec<f64>,
}

/// MNIST widgets mounted so far: each one's controls get ids of their own.
static MOUNTED: AtomicU32 = AtomicU32::new(0);

pub struct MnistWidget {
    root: HtmlElement,
    lang: Lang,
    /// The settings of the run under way, or of the last one (the next one's while idle).
    config: MnistConfig,
    /// The settings for the next run, as the reader has set them.
    next: MnistConfig,
    settings: Settings,
    /// Where its run is: the worker's run goes through the same states as a clocked one, and
    /// also loads, is cancelled or fails.
    mode: State,
    runs: Vec<Curve>,
    /// The number of the run under way: the worker tags its messages with it.
    run_id: u32,
    /// The names of the reader's own files, once the worker has read them: the next runs
    /// train on them.
    own_files: Option<Vec<String>>,
    /// Files sent to the worker and not yet read; and whether Run was pressed meanwhile (the
    /// run then starts on them once they are read).
    files_pending: bool,
    run_after_files: bool,
    /// Shown while the reader's own files are in use: back to the served digits.
    served: HtmlButtonElement,
    /// Whether the digits the last run loaded have a validation set (unknown before a run).
    validation_set: Option<bool>,
    digits: Option<(Vec<u8>, Vec<u8>)>,
    guesses: Vec<u8>,
    outbox: Vec<JsValue>,
    summary: HtmlElement,
    small_note: HtmlElement,
    figure: HtmlElement,
    chart: HtmlCanvasElement,
    legend: HtmlElement,
    /// What the legend says now.
    legend_shown: Vec<String>,
    readouts: Vec<HtmlElement>,
    progress: HtmlProgressElement,
    /// Run waits while a run is under way: another starts when this one ends or is cancelled.
    run: HtmlButtonElement,
    pause: HtmlButtonElement,
    cancel: HtmlButtonElement,
    grid: HtmlCanvasElement,
    /// What the grid shows, shown with it.
    grid_note: HtmlElement,
    status: HtmlElement,
    alert: HtmlElement,
    dark: bool,
    /// The page cannot start a worker (an opaque origin): nothing runs.
    no_worker: bool,
}

impl MnistWidget {
    pub fn mount(m: Mount, config: MnistConfig) -> Result<MnistWidget, JsValue> {
        let Mount { root, lang } = m;
        let words = lang.words();
        let mnist_words = lang.mnist_words();
        dom::prepare_root(
            &root,
            "nndl-mnist",
            lang,
            &lang.widget_name("mnist", crate::cost::Cost::CrossEntropy),
        )?;

        let summary: HtmlElement = element("p", "nndl-summary", None)?;
        root.append_child(&summary)?;
        // Why the small set's accuracy is not the book's, while runs train on it.
        let small_note: HtmlElement = element("p", "nndl-note", Some(mnist_words.small_note))?;
        root.append_child(&small_note)?;

        let (figure, chart) = dom::figure(&root)?;
        let legend: HtmlElement = element("ul", "nndl-legend", None)?;
        root.append_child(&legend)?;

        let (readout_row, readouts) = dom::readouts(
            &[
                ("epoch", words.epoch),
                ("accuracy", mnist_words.accuracy),
                ("validation", mnist_words.validation_accuracy),
                ("best", mnist_words.best),
                ("cost", words.cost),
            ],
            "–",
        )?;
        let progress: HtmlProgressElement = element("progress", "nndl-progress", None)?;
        progress.set_max(1.0);
        progress.set_value(0.0);
        progress.set_attribute("aria-label", mnist_words.progress)?;
        readout_row.append_child(&progress)?;
        root.append_child(&readout_row)?;

        let (controls, buttons) = dom::controls(&[
            ("run", words.run),
            ("pause", words.pause),
            ("cancel", mnist_words.cancel),
        ])?;
        let (run, pause, cancel) = (buttons[0].clone(), buttons[1].clone(), buttons[2].clone());
        // A file picker dressed as a button: the label is what people click and tab to.
        let picker: HtmlElement = element(
            "label",
            "nndl-button nndl-files",
            Some(mnist_words.own_files),
        )?;
        let input: HtmlInputElement = element("input", "", None)?;
        input.set_type("file");
        input.set_multiple(true);
        input.set_attribute("data-files", "")?;
        picker.append_child(&input)?;
        controls.append_child(&picker)?;
        let served: HtmlButtonElement =
            element("button", "nndl-button", Some(mnist_words.served_digits))?;
        served.set_type("button");
        served.set_attribute("data-control", "data")?;
        served.set_attribute("data-value", "served")?;
        served.set_hidden(true);
        controls.append_child(&served)?;
        root.append_child(&controls)?;
        let uid = format!("nndl-m{}", MOUNTED.fetch_add(1, Ordering::Relaxed));
        let settings = Settings::new(&root, lang, &uid, &config)?;

        let grid: HtmlCanvasElement = element("canvas", "nndl-digits", None)?;
        grid.set_attribute("role", "img")?;
        root.append_child(&grid)?;
        let grid_note: HtmlElement = element("p", "nndl-note", Some(mnist_words.grid_note))?;
        grid_note.set_hidden(true);
        root.append_child(&grid_note)?;

        let credit: HtmlElement = element("p", "nndl-credit", Some(mnist_words.mnist_credit))?;
        root.append_child(&credit)?;
        let (status, alert) = dom::status_and_alert(&root)?;

        let mut widget = MnistWidget {
            root,
            lang,
            config,
            next: config,
            settings,
            mode: State::Ready,
            runs: Vec::new(),
            run_id: 0,
            own_files: None,
            files_pending: false,
            run_after_files: false,
            served,
            validation_set: None,
            digits: None,
            guesses: Vec::new(),
            outbox: Vec::new(),
            summary,
            small_note,
            figure,
            chart,
            legend,
            legend_shown: Vec::new(),
            readouts,
            progress,
            run,
            pause,
            cancel,
            grid,
            grid_note,
            status,
            alert,
            dark: false,
            no_worker: false,
        };
        widget.resize()?;
        // A page with an opaque origin (a frame sandboxed without allow-same-origin) cannot
        // start the worker: said at once, and Run stays refused.
        if web_sys::window().is_some_and(|w| w.origin() == "null") {
            widget.no_worker = true;
            buttons[0].set_disabled(true);
            input.set_disabled(true);
            widget.fail(&WorkerError::NoWorker)?;
        }
        Ok(widget)
    }

    fn send(&mut self, message: ToWorker) -> Result<(), JsValue> {
        self.outbox.push(serde_wasm_bindgen::to_value(&message)?);
        Ok(())
    }

    /// Ends the worker when nothing is under way and it holds nothing the next runs need: its
    /// memory (the digits, a refused set's bytes) goes with it. While the reader's own files
    /// are in use, it keeps them, inflated, for the next run.
    fn quit_if_idle(&mut self) -> Result<(), JsValue> {
        let idle = !matches!(self.mode, State::Loading | State::Running | State::Paused);
        if idle && self.own_files.is_none() && !self.files_pending {
            self.send(ToWorker::Quit)?;
        }
        Ok(())
    }

    /// Ends the run (or the reader's set) as failed, with an alert saying why.
    fn fail(&mut self, error: &WorkerError) -> Result<(), JsValue> {
        self.mode = State::Failed;
        self.quit_if_idle()?;
        set_text(&self.status, "");
        set_text(&self.alert, &self.lang.worker_error(error));
        self.alert.set_hidden(false);
        self.render_controls()
    }

    fn data(&self) -> Digits {
        if self.own_files.is_some() {
            Digits::Files
        } else {
            self.config.data.into()
        }
    }

    /// The digits the next run trains on: the reader's files, or the served set.
    fn digits_for_next_runs(&self) -> String {
        match (&self.own_files, self.next.data) {
            (Some(names), _) => {
                let mnist_words = self.lang.mnist_words();
                match self.lang {
                    Lang::En => format!("{} {}", mnist_words.your_files, self.lang.list(names)),
                    Lang::Zh => format!("{}：{}", mnist_words.your_files, self.lang.list(names)),
                }
            }
            (None, MnistData::Small) => self.lang.mnist_digits(5000, 0, 1000),
            (None, MnistData::Full) => self.lang.mnist_digits(50_000, 10_000, 10_000),
        }
    }

    /// The status line's sentence on which digits the next runs train.
    fn next_runs_note(&self) -> String {
        let (next, digits) = (
            self.lang.mnist_words().next_runs,
            self.digits_for_next_runs(),
        );
        match self.lang {
            Lang::En => format!("{next} {digits}."),
            Lang::Zh if digits.starts_with(|c: char| c.is_ascii_digit()) => {
                format!("{next} {digits}。")
            }
            Lang::Zh => format!("{next}{digits}。"),
        }
    }

    fn render(&mut self) -> Result<(), JsValue> {
        if !matches!(self.mode, State::Failed | State::Diverged) {
            self.alert.set_hidden(true);
        }
        if self.runs.is_empty() {
            set_text(
                &self.summary,
                &self
                    .lang
                    .mnist_settings(&self.config, &self.digits_for_next_runs()),
            );
        }
        self.served.set_hidden(self.own_files.is_none());
        self.small_note
            .set_hidden(self.config.data != MnistData::Small || self.own_files.is_some());
        self.draw_charts()?;
        self.draw_grid()?;
        self.render_legend()?;
        self.render_readouts()?;
        self.render_controls()
    }

    fn render_readouts(&self) -> Result<(), JsValue> {
        let last = self.runs.last();
        let epochs = last.map_or(0, |r| r.accuracy.len());
        let accuracy = last.and_then(|r| r.accuracy.last().copied());
        let validation = last.and_then(|r| r.validation.last().copied());
        let cost = last.and_then(|r| r.cost.last().copied());
        // The best epoch's test accuracy, as the book reports it.
        let best = last.and_then(|r| {
            r.accuracy
                .iter()
                .enumerate()
                .fold(None, |b: Option<(usize, f64)>, (e, &a)| match b {
                    Some((_, top)) if top >= a => b,
                    _ => Some((e + 1, a)),
                })
        });
        let percent = |a: f64| format!("{:.2}%", a * 100.0);
        let texts = [
            (
                format!("{epochs} / {}", self.config.epochs),
                Some(epochs as f64),
            ),
            (accuracy.map_or("–".into(), percent), accuracy),
            (validation.map_or("–".into(), percent), validation),
            (
                best.map_or("–".into(), |(e, a)| self.lang.best_epoch(&percent(a), e)),
                best.map(|(_, a)| a),
            ),
            (cost.map_or("–".into(), |c| format!("{c:.4}")), cost),
        ];
        // Validation accuracy only for digits that have a validation set (the full data).
        if let Some(item) = self.readouts[2].parent_element() {
            let shown = self
                .validation_set
                .unwrap_or(self.config.data == MnistData::Full);
            item.toggle_attribute_with_force("hidden", !shown)?;
        }
        for (el, (text, value)) in self.readouts.iter().zip(texts) {
            set_text(el, &text);
            match value {
                Some(v) => el.set_attribute("data-value", &v.to_string())?,
                None => el.remove_attribute("data-value")?,
            }
        }
        Ok(())
    }

    fn render_controls(&self) -> Result<(), JsValue> {
        let words = self.lang.words();
        self.root.set_attribute("data-state", self.mode.name())?;
        set_text(
            &self.pause,
            if self.mode == State::Paused {
                words.resume
            } else {
                words.pause
            },
        );
        self.pause
            .set_disabled(!matches!(self.mode, State::Running | State::Paused));
        let under_way = matches!(self.mode, State::Loading | State::Running | State::Paused);
        // A keyboard reader who pressed Run keeps the focus in the widget: on Cancel.
        let focused = super::dom::document()?.active_element();
        if under_way && focused.is_some_and(|f| f == **self.run) {
            self.cancel.set_disabled(false);
            self.cancel.focus()?;
        }
        self.run.set_disabled(under_way || self.no_worker);
        self.run.set_title(if under_way {
            self.lang.mnist_words().one_run
        } else {
            ""
        });
        self.cancel.set_disabled(!matches!(
            self.mode,
            State::Loading | State::Running | State::Paused
        ));
        Ok(())
    }

    /// The legend: each run's colour and what sets it apart from the others (with one run, the
    /// summary above the chart says its settings, and there is no legend).
    fn render_legend(&mut self) -> Result<(), JsValue> {
        let labels: Vec<String> = self.runs.iter().map(|r| r.label.clone()).collect();
        let sep = if self.lang == Lang::Zh { "，" } else { ", " };
        let (before, after) = self.lang.mnist_words().run_n;
        let names: Vec<String> = crate::i18n::mnist::differences(&labels, sep)
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let n = format!("{before}{}{after}", i + 1);
                if d.is_empty() {
                    n
                } else {
                    format!("{n}{}{d}", self.lang.colon())
                }
            })
            .collect();
        let shown = if names.len() > 1 { names } else { Vec::new() };
        if self.legend_shown == shown {
            return Ok(());
        }
        self.legend.set_text_content(None);
        self.legend.set_hidden(shown.is_empty());
        for (i, name) in shown.iter().enumerate() {
            let item: HtmlElement = element("li", "", None)?;
            let swatch: HtmlElement = element("span", "nndl-swatch", None)?;
            let RGBColor(r, g, b) = COLOURS[i % COLOURS.len()];
            swatch
                .style()
                .set_property("background", &format!("rgb({r}, {g}, {b})"))?;
            swatch.set_attribute("aria-hidden", "true")?;
            item.append_child(&swatch)?;
            let text: HtmlElement = element("span", "", Some(name))?;
            item.append_child(&text)?;
            self.legend.append_child(&item)?;
        }
        self.legend_shown = shown;
        Ok(())
    }

    fn draw_charts(&self) -> Result<(), JsValue> {
        let width = f64::from(self.figure.client_width()).clamp(200.0, 1000.0);
        let ratio = canvas::fit(&self.chart, width, CHART_HEIGHT)?;
        let p = super::draw::palette(self.dark);
        let root = canvas::backend(&self.chart)?.into_drawing_area();
        let fail = |e: DrawingAreaErrorKind<_>| JsValue::from_str(&format!("drawing failed: {e}"));
        root.fill(&p.background).map_err(fail)?;
        let (left, right) = root.split_horizontally(root.dim_in_pixel().0 / 2);
        // Runs of several lengths share the axis of the longest.
        let longest = self.runs.iter().map(|r| r.epochs).max().unwrap_or(0);
        let epochs = f64::from(self.config.epochs.max(longest));
        let lowest = self
            .runs
            .iter()
            .flat_map(|r| r.accuracy.iter().copied())
            .fold(1.0f64, f64::min);
        let floor = ((lowest - 0.02) * 20.0).floor() / 20.0;
        let highest_cost = self
            .runs
            .iter()
            .flat_map(|r| r.cost.iter().copied())
            .filter(|c| c.is_finite())
            .fold(0.0f64, f64::max);
        let words = self.lang.words();
        let mnist_words = self.lang.mnist_words();
        let panels = [
            (
                &left,
                mnist_words.accuracy_axis,
                floor.clamp(0.0, 0.9)..1.0,
                0,
            ),
            (
                &right,
                mnist_words.cost_axis_plain,
                0.0..if highest_cost > 0.0 {
                    highest_cost * 1.1
                } else {
                    1.0
                },
                1,
            ),
        ];
        let px = |v: f64| (v * ratio).round() as u32;
        for (area, title, range, which) in panels {
            let tick = |v: &f64| {
                if which == 0 {
                    format!("{:.0}%", v * 100.0)
                } else {
                    format!("{v:.2}")
                }
            };
            let mut chart = super::draw::epoch_panel(
                area,
                ratio,
                p,
                title,
                words.epoch_axis,
                epochs,
                range,
                &tick,
            )
            .map_err(|e| JsValue::from_str(&e))?;
            for (i, run) in self.runs.iter().enumerate() {
                let colour = COLOURS[i % COLOURS.len()];
                let values = if which == 0 { &run.accuracy } else { &run.cost };
                let points = values.iter().enumerate().map(|(e, v)| ((e + 1) as f64, *v));
                chart
                    .draw_series(LineSeries::new(
                        points.clone(),
                        ShapeStyle::from(&colour).stroke_width(px(2.0).max(1)),
                    ))
                    .map_err(fail)?;
                chart
                    .draw_series(points.map(|p| Circle::new(p, px(2.5), colour.filled())))
                    .map_err(fail)?;
            }
        }
        root.present().map_err(fail)?;
        let last = self.runs.last().and_then(|r| r.accuracy.last());
        self.chart.set_attribute(
            "aria-label",
            &match last {
                Some(a) => self.lang.mnist_status(
                    self.runs.last().map_or(0, |r| r.accuracy.len()) as u32,
                    self.config.epochs,
                    *a,
                ),
                None => mnist_words.accuracy_axis.to_string(),
            },
        )?;
        Ok(())
    }

    /// The first test digits in a 10×10 grid, each wrong guess framed in red with the guess in
    /// its corner.
    fn draw_grid(&self) -> Result<(), JsValue> {
        let Some((pixels, labels)) = &self.digits else {
            self.grid.set_hidden(true);
            self.grid_note.set_hidden(true);
            return Ok(());
        };
        self.grid.set_hidden(false);
        self.grid_note.set_hidden(false);
        let shown = labels.len().min(GRID);
        let css = f64::from(self.figure.client_width()).clamp(200.0, 360.0);
        let ratio = canvas::fit(&self.grid, css, css)?;
        let side = self.grid.width() as usize;
        let cell = side / 10;
        let pad = (cell / 12).max(1);
        let digit = cell - 2 * pad;
        let (paper, ink): (u8, u8) = if self.dark { (30, 235) } else { (255, 20) };
        let mut rgba = vec![paper; side * side * 4];
        for a in rgba.chunks_exact_mut(4) {
            a[3] = 255;
        }
        let mut wrong = Vec::new();
        for i in 0..shown {
            let (cx, cy) = ((i % 10) * cell, (i / 10) * cell);
            let guess = self.guesses.get(i).copied();
            let is_wrong = guess.is_some_and(|g| g != labels[i]);
            if is_wrong {
                wrong.push((labels[i], guess.unwrap_or_default()));
            }
            for y in 0..cell {
                for x in 0..cell {
                    let frame = x < pad || y < pad || x >= cell - pad || y >= cell - pad;
                    let o = ((cy + y) * side + cx + x) * 4;
                    if frame {
                        if is_wrong {
                            rgba[o..o + 3].copy_from_slice(&[213, 0, 0]);
                        }
                        continue;
                    }
                    let (px, py) = ((x - pad) * 28 / digit, (y - pad) * 28 / digit);
                    let level = f64::from(pixels[i * 784 + py * 28 + px]) / 255.0;
                    let v = (f64::from(paper) + (f64::from(ink) - f64::from(paper)) * level) as u8;
                    rgba[o..o + 3].copy_from_slice(&[v, v, v]);
                }
            }
        }
        let image =
            ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), side as u32, side as u32)?;
        let context: CanvasRenderingContext2d = canvas::context(&self.grid)?;
        context.put_image_data(&image, 0.0, 0.0)?;
        context.set_font(&format!("bold {}px sans-serif", (11.0 * ratio).round()));
        context.set_fill_style_str("rgb(213, 0, 0)");
        context.set_text_align("right");
        context.set_text_baseline("top");
        for (i, (g, label)) in self.guesses.iter().zip(labels).take(shown).enumerate() {
            if g != label {
                let (cx, cy) = ((i % 10) * cell, (i / 10) * cell);
                context.fill_text(
                    &g.to_string(),
                    (cx + cell - 2 * pad) as f64,
                    (cy + 2 * pad) as f64,
                )?;
            }
        }
        self.grid
            .set_attribute("aria-label", &self.lang.digits_label(shown, &wrong))
    }
}

impl WidgetKind for MnistWidget {
    fn has_worker(&self) -> bool {
        !self.no_worker
    }

    /// Each run's test accuracy (and validation accuracy, where there is one) and cost after
    /// each epoch: few enough epochs to give them all.
    fn table(&self) -> String {
        let (lang, words, mw) = (self.lang, self.lang.words(), self.lang.mnist_words());
        let mut t = crate::plot::TableText::new(words.data_table, mw.table_caption);
        let (before, after) = mw.run_n;
        let sep = lang.colon();
        let validation = self.runs.iter().any(|r| !r.validation.is_empty());
        let mut head = vec![words.epoch_axis.to_string()];
        for i in 1..=self.runs.len() {
            let run = format!("{before}{i}{after}{sep}");
            head.push(format!("{run}{}", mw.accuracy_axis));
            if validation {
                head.push(format!("{run}{}", mw.validation_accuracy));
            }
            head.push(format!("{run}{}", mw.cost_axis_plain));
        }
        t.row(&head.iter().map(String::as_str).collect::<Vec<_>>());
        let percent = |v: Option<&f64>| v.map_or("—".into(), |a| format!("{:.2}%", a * 100.0));
        let epochs = self
            .runs
            .iter()
            .map(|r| r.accuracy.len())
            .max()
            .unwrap_or(0);
        for e in 0..epochs {
            let mut cells = vec![(e + 1).to_string()];
            for r in &self.runs {
                cells.push(percent(r.accuracy.get(e)));
                if validation {
                    cells.push(percent(r.validation.get(e)));
                }
                let cost = r.cost.get(e);
                cells.push(cost.map_or("—".into(), |c| crate::plot::rounded(*c, 4, false)));
            }
            t.row(&cells.iter().map(String::as_str).collect::<Vec<_>>());
        }
        t.text()
    }

    /// The messages for the worker since the last call.
    fn take_messages(&mut self) -> Result<Vec<JsValue>, JsValue> {
        Ok(self.outbox.drain(..).collect())
    }

    /// A reader's action: run, pause (or resume), toggle (Space), cancel, reset (R).
    fn act(&mut self, action: Action) -> Result<bool, JsValue> {
        match (action, self.mode) {
            _ if self.no_worker => return Ok(false),
            // One run at a time: Run does nothing while one is under way (its button is
            // disabled); Cancel ends it.
            (Action::Run, State::Loading | State::Running | State::Paused) => {}
            // The reader's files are on their way to the worker: the next run waits for them.
            (
                Action::Run | Action::Toggle,
                State::Ready | State::Finished | State::Cancelled | State::Failed | State::Diverged,
            ) if self.files_pending => {
                self.run_after_files = true;
                set_text(&self.status, self.lang.mnist_words().reading_files);
                return Ok(false);
            }
            (Action::Run, _)
            | (
                Action::Toggle,
                State::Ready | State::Finished | State::Cancelled | State::Failed | State::Diverged,
            ) => {
                self.run_id += 1;
                self.config = self.next;
                let data = self.data();
                self.send(ToWorker::Start {
                    run: self.run_id,
                    config: self.config,
                    data,
                })?;
                // A run that had not reached its first epoch has nothing to compare: the new
                // one takes its place in the legend.
                if self.runs.last().is_some_and(|r| r.accuracy.is_empty()) {
                    self.runs.pop();
                }
                // Named by its settings from the start (the digits' count comes when they do).
                let label = self
                    .lang
                    .mnist_settings(&self.config, &self.digits_for_next_runs());
                self.runs.push(Curve {
                    label,
                    epochs: self.config.epochs,
                    ..Curve::default()
                });
                self.mode = State::Loading;
                self.progress.set_value(0.0);
                set_text(&self.status, self.lang.mnist_words().loading);
            }
            (Action::Pause | Action::Toggle, State::Running) => {
                self.send(ToWorker::Pause)?;
                self.mode = State::Paused;
            }
            (Action::Pause | Action::Toggle, State::Paused) => {
                self.send(ToWorker::Resume)?;
                self.mode = State::Running;
            }
            (Action::Cancel | Action::Reset, _) => {
                if matches!(self.mode, State::Loading | State::Running | State::Paused) {
                    self.send(ToWorker::Cancel)?;
                    self.mode = State::Cancelled;
                    set_text(&self.status, self.lang.mnist_words().cancelled);
                }
                if action == Action::Reset {
                    self.runs.clear();
                    self.guesses.clear();
                    self.mode = State::Ready;
                    // With no run to show, the widget shows the next one's settings.
                    self.config = self.next;
                }
                self.quit_if_idle()?;
            }
            // Stepping, and the neuron's rule switches, mean nothing here.
            _ => {}
        }
        self.render()?;
        Ok(false)
    }

    /// A new set replaces the one in use (if any), whether or not it is taken: the worker
    /// drops the old one before reading it.
    fn files_sent(&mut self) -> Result<(), JsValue> {
        self.own_files = None;
        self.files_pending = true;
        self.render()?;
        set_text(&self.status, self.lang.mnist_words().reading_files);
        Ok(())
    }

    /// `data` = `served`: back to the served digits from the reader's own files (the button
    /// shown while they are in use).
    fn set(&mut self, name: &str, value: &str, _from_slider: bool) -> Result<bool, JsValue> {
        if (name, value) != ("data", "served") {
            if !Settings::has(name) {
                return Err(JsValue::from_str(&format!(
                    "nndl-widgets: the MNIST widget has no setting \"{name}\"; its settings are {}",
                    Settings::NAMES.join(", ")
                )));
            }
            // For the next run.
            match self.next.with(name, value.trim()) {
                Ok(next) => {
                    self.next = next;
                    // With no run shown yet, the summary and the axes are the next run's.
                    if self.runs.is_empty() {
                        self.config = next;
                    }
                    self.settings.show(&self.next);
                    let settings = self
                        .lang
                        .mnist_settings(&self.next, &self.digits_for_next_runs());
                    let said = match self.lang {
                        Lang::En => format!("Next run: {settings}."),
                        Lang::Zh => format!("下一次训练：{settings}。"),
                    };
                    set_text(&self.status, &said);
                    self.render()?;
                }
                Err(e) => self.settings.refuse(e)?,
            }
            return Ok(false);
        }
        self.own_files = None;
        self.quit_if_idle()?;
        set_text(&self.status, &self.next_runs_note());
        self.render()?;
        Ok(false)
    }

    /// Shows what the worker reports.
    fn receive(&mut self, message: JsValue) -> Result<(), JsValue> {
        let msg: FromWorker = serde_wasm_bindgen::from_value(message)
            .map_err(|e| JsValue::from_str(&format!("nndl-widgets: a bad worker message: {e}")))?;
        // What an earlier or cancelled run's worker was still sending. Errors about the reader's
        // files belong to no run.
        let under_way = matches!(self.mode, State::Loading | State::Running | State::Paused);
        let ours = |run: u32| under_way && run == self.run_id;
        match msg {
            FromWorker::Loaded { run, .. }
            | FromWorker::Progress { run, .. }
            | FromWorker::Epoch { run, .. }
            | FromWorker::Done { run }
            | FromWorker::Error { run: Some(run), .. }
                if !ours(run) =>
            {
                Ok(())
            }
            FromWorker::Loaded {
                sizes,
                kernels,
                pixels,
                labels,
                ..
            } => {
                self.digits = Some((pixels, labels));
                self.guesses.clear();
                self.validation_set = Some(sizes.validation > 0);
                let described =
                    self.lang
                        .mnist_digits(sizes.training, sizes.validation, sizes.test);
                let label = self.lang.mnist_settings(&self.config, &described);
                let how = self.lang.mnist_kernels(&kernels);
                let summary = match self.lang {
                    Lang::En => format!("{label}. {how}"),
                    Lang::Zh => format!("{label}。{how}"),
                };
                set_text(&self.summary, &summary);
                if let Some(run) = self.runs.last_mut() {
                    run.label = label;
                }
                if self.mode == State::Loading {
                    self.mode = State::Running;
                }
                self.render()
            }
            FromWorker::Progress {
                done,
                size,
                epoch_finished,
                ..
            } => {
                if epoch_finished {
                    self.progress.set_value(1.0);
                } else if size > 0 {
                    self.progress.set_value(done as f64 / size as f64);
                }
                Ok(())
            }
            FromWorker::Epoch {
                epoch,
                accuracy,
                cost,
                validation_accuracy,
                guesses,
                ..
            } => {
                if let Some(run) = self.runs.last_mut() {
                    run.accuracy.push(accuracy);
                    run.cost.push(cost);
                    run.validation.extend(validation_accuracy);
                }
                self.guesses = guesses;
                set_text(
                    &self.status,
                    &self.lang.mnist_status(epoch, self.config.epochs, accuracy),
                );
                self.render()
            }
            FromWorker::Done { .. } => {
                self.mode = State::Finished;
                self.quit_if_idle()?;
                self.render()
            }
            // The reader's files are read: the next runs train on them, and an alert about an
            // earlier set no longer holds.
            FromWorker::Files { names } => {
                self.own_files = Some(names);
                self.files_pending = false;
                if self.mode == State::Failed {
                    self.mode = State::Ready;
                }
                self.alert.set_hidden(true);
                set_text(&self.status, &self.next_runs_note());
                if std::mem::take(&mut self.run_after_files) {
                    self.act(Action::Run).map(|_| ())
                } else {
                    self.render()
                }
            }
            // A run whose update stopped being finite ended, as a neuron's does: it diverged.
            FromWorker::Error {
                error: error @ WorkerError::Diverged { .. },
                ..
            } => {
                self.mode = State::Diverged;
                self.quit_if_idle()?;
                let said = self.lang.worker_error(&error);
                set_text(&self.status, &said);
                // Seen, not only heard: the status line is for screen readers.
                set_text(&self.alert, &said);
                self.alert.set_hidden(false);
                self.render()
            }
            FromWorker::Error { error, run } => {
                if run.is_none() {
                    // The reader's files were refused: a run waiting for them does not start,
                    // and a run under way (on other digits) goes on; the alert says why.
                    self.files_pending = false;
                    self.run_after_files = false;
                    if matches!(self.mode, State::Loading | State::Running | State::Paused) {
                        set_text(&self.alert, &self.lang.worker_error(&error));
                        self.alert.set_hidden(false);
                        return self.render_controls();
                    }
                }
                self.fail(&error)
            }
        }
    }

    fn resize(&mut self) -> Result<(), JsValue> {
        self.dark = super::dom::dark(&self.root);
        self.render()
    }
}
