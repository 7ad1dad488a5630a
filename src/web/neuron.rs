//! The neuron widget in the page: its elements, and showing a [`NeuronRun`] in them.

use super::canvas;
use super::dom::{self, button, element, set_text};
use super::draw::{self, Scene};
use super::kind::{Clocked, Mount, WidgetKind};
use crate::config::NeuronConfig;
use crate::i18n::Lang;
use crate::neuron::Rule;
use crate::neuron_run::{NeuronRun, SUGGESTED_GRADIENT_ETA};
use crate::plot::{full, rounded};
use crate::runner::{Action, Mode, Stepper};
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlButtonElement, HtmlCanvasElement, HtmlElement};

pub struct NeuronWidget {
    root: HtmlElement,
    lang: Lang,
    run: NeuronRun,
    figure: HtmlElement,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    /// The background layer, drawn offscreen when its [`Scene`] changes and copied onto the
    /// canvas each frame.
    background: HtmlCanvasElement,
    /// What `background` shows now, if it is up to date.
    drawn: Option<Scene>,
    css_width: f64,
    ratio: f64,
    dark: bool,
    readouts: Vec<HtmlElement>,
    pause: HtmlButtonElement,
    step: HtmlButtonElement,
    note: HtmlElement,
    note_text: HtmlElement,
    use_gradient: HtmlButtonElement,
    use_eta: HtmlButtonElement,
    use_configured: HtmlButtonElement,
    /// Announces the run's state politely to screen readers: on actions and at the end of a run,
    /// never every frame.
    status: HtmlElement,
    alert: HtmlElement,
}

impl NeuronWidget {
    pub fn mount(m: Mount, config: NeuronConfig) -> Result<NeuronWidget, JsValue> {
        let Mount { root, lang, .. } = m;
        let words = lang.words();
        dom::prepare_root(
            &root,
            "nndl-neuron",
            lang,
            &lang.widget_name("neuron", config.setup.cost),
        )?;
        let (figure, canvas) = dom::figure(&root)?;
        let (row, readouts) = dom::readouts(
            &[
                ("epoch", words.epoch),
                ("output", words.output),
                ("cost", words.cost),
                ("w", words.weight),
                ("b", words.bias),
            ],
            "",
        )?;
        root.append_child(&row)?;
        let (controls, pause, step) = dom::run_controls(words, &[], true)?;
        root.append_child(&controls)?;

        let note: HtmlElement = element("p", "nndl-note", None)?;
        let note_text: HtmlElement = element("span", "nndl-note-text", None)?;
        let use_gradient = button("use-gradient", words.use_gradient)?;
        let use_eta = button("use-suggested-eta", &lang.use_eta(SUGGESTED_GRADIENT_ETA))?;
        let use_configured = button("use-configured", words.back_to_published)?;
        for child in [&note_text, &use_gradient, &use_eta, &use_configured] {
            note.append_child(child)?;
        }
        root.append_child(&note)?;

        let (status, alert) = dom::status_and_alert(&root)?;

        let mut widget = NeuronWidget {
            root,
            lang,
            run: NeuronRun::new(config),
            figure,
            context: canvas::context(&canvas)?,
            canvas,
            background: element("canvas", "", None)?,
            drawn: None,
            css_width: 0.0,
            ratio: 1.0,
            dark: false,
            readouts,
            pause,
            step,
            note,
            note_text,
            use_gradient,
            use_eta,
            use_configured,
            status,
            alert,
        };
        widget.resize()?;
        widget.announce()?;
        Ok(widget)
    }

    /// The parts that change with the mode or the configuration, not with each epoch.
    fn render_controls(&self) -> Result<(), JsValue> {
        let words = self.lang.words();
        let mode = self.run.mode();
        dom::show_mode(&self.root, &self.pause, &self.step, mode, words)?;

        let message = match mode {
            Mode::Diverged(d) => self.lang.diverged(d.epoch),
            _ => String::new(),
        };
        set_text(&self.alert, &message);
        self.alert.set_hidden(message.is_empty());

        let setup = self.run.config().setup;
        self.note.set_hidden(!self.run.shows_rule_note());
        let published = setup.rule == Rule::Published;
        set_text(
            &self.note_text,
            &self
                .lang
                .rule_note(published, setup.eta, setup.eta >= SUGGESTED_GRADIENT_ETA),
        );
        self.use_gradient.set_hidden(!published);
        self.use_eta
            .set_hidden(published || setup.eta == SUGGESTED_GRADIENT_ETA);
        self.use_configured.set_hidden(published);
        Ok(())
    }
}

impl WidgetKind for NeuronWidget {
    clocked_kind!();

    /// Fits the canvas to the widget's width and redraws (also after the colour scheme changed).
    fn resize(&mut self) -> Result<(), JsValue> {
        let width = f64::from(self.figure.client_width());
        self.css_width = if width > 0.0 {
            width.clamp(200.0, 720.0)
        } else {
            520.0
        };
        self.ratio = canvas::fit(&self.canvas, self.css_width, draw::HEIGHT)?;
        self.background.set_width(self.canvas.width());
        self.background.set_height(self.canvas.height());
        self.dark = super::dom::dark(&self.root);
        self.drawn = None;
        self.render()
    }

    /// The cost curve, every so many epochs, for its data table.
    fn table(&self) -> String {
        let (lang, words, config) = (self.lang, self.lang.words(), self.run.config());
        let curve = self.run.curve();
        let caption = lang.table_caption(words.the_cost, self.run.snapshot().epoch, config.epochs);
        let mut t = crate::plot::TableText::new(words.data_table, &caption);
        t.row(&[words.epoch_axis, &lang.cost_axis(config.setup.cost)]);
        for i in crate::plot::table_rows(curve.len(), 11) {
            let (epoch, cost) = curve[i];
            t.row(&[&epoch.to_string(), &rounded(cost, 4, false)]);
        }
        t.text()
    }
}

impl Clocked for NeuronWidget {
    clocked_run!(NeuronRun);

    fn render(&mut self) -> Result<(), JsValue> {
        let config = *self.run.config();
        let s = self.run.snapshot();
        let scene = Scene {
            ratio: self.ratio,
            dark: self.dark,
            lang: self.lang,
            cost: config.setup.cost,
            eta: config.setup.eta,
            x: config.setup.x,
            y: config.setup.y,
            epochs: config.epochs,
            y_max: crate::plot::y_max(self.run.cost_max()),
        };
        if self.drawn != Some(scene) {
            draw::background(canvas::backend(&self.background)?, &scene)
                .map_err(|e| JsValue::from_str(&e))?;
            self.drawn = Some(scene);
        }
        self.context
            .draw_image_with_html_canvas_element(&self.background, 0.0, 0.0)?;
        draw::foreground(
            canvas::backend(&self.canvas)?,
            &scene,
            &s,
            self.run.history(),
        )
        .map_err(|e| JsValue::from_str(&e))?;

        let texts = [
            (
                format!("{} / {}", s.epoch, config.epochs),
                s.epoch.to_string(),
            ),
            (rounded(s.a, 3, false), full(s.a)),
            (rounded(s.cost, 4, false), full(s.cost)),
            (rounded(s.w, 3, true), full(s.w)),
            (rounded(s.b, 3, true), full(s.b)),
        ];
        for (el, (text, value)) in self.readouts.iter().zip(texts) {
            set_text(el, &text);
            el.set_attribute("data-value", &value)?;
        }
        self.render_controls()
    }

    /// Tells screen readers the run's state (once finished, the cost's fall and how long it
    /// stalled), and updates the canvas's text alternative: on actions and when a run stops, not
    /// every frame.
    fn announce(&self) -> Result<(), JsValue> {
        let (lang, s, config) = (self.lang, self.run.snapshot(), self.run.config());
        let (cost, state) = (config.setup.cost, self.run.mode().state());
        // (The curve only for a finished run: most announcements are of actions.)
        let finished = state == crate::runner::State::Finished;
        let fall = finished
            .then(|| crate::plot::fall(&self.run.curve()))
            .flatten()
            .map(|f| lang.sentence_gap().to_string() + &lang.fall_note(lang.cost_name(cost), &f))
            .unwrap_or_default();
        set_text(
            &self.status,
            &(lang.neuron_status(state, s.epoch, s.a, s.cost) + &fall),
        );
        let (eta, epochs) = (config.setup.eta, (s.epoch, config.epochs));
        let label = lang.neuron_canvas_label(cost, eta, epochs, s.a, s.cost);
        self.canvas.set_attribute("aria-label", &(label + &fall))
    }

    /// The rule switch's actions too.
    fn apply(&mut self, action: Action) {
        self.run.act(action);
    }
}
