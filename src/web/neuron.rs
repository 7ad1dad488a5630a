//! The neuron widget in the page: its elements, and showing a [`NeuronRun`] in them.

use super::canvas;
use super::dom::{element, set_text};
use super::draw::{self, Frame};
use crate::config::NeuronConfig;
use crate::neuron::Rule;
use crate::run::{Action, Mode, NeuronRun, SUGGESTED_GRADIENT_ETA};
use wasm_bindgen::JsValue;
use web_sys::{HtmlButtonElement, HtmlCanvasElement, HtmlElement};

/// The readouts, by their `data-readout` name, with their labels.
const READOUTS: [(&str, &str); 5] = [
    ("epoch", "Epoch"),
    ("output", "Output a"),
    ("cost", "Cost C"),
    ("w", "w"),
    ("b", "b"),
];

pub struct NeuronWidget {
    root: HtmlElement,
    run: NeuronRun,
    canvas: HtmlCanvasElement,
    css_width: f64,
    readouts: Vec<HtmlElement>,
    pause: HtmlButtonElement,
    step: HtmlButtonElement,
    note: HtmlElement,
    note_text: HtmlElement,
    use_gradient: HtmlButtonElement,
    use_eta: HtmlButtonElement,
    use_configured: HtmlButtonElement,
    alert: HtmlElement,
}

fn button(action: &str, label: &str) -> Result<HtmlButtonElement, JsValue> {
    let b: HtmlButtonElement = element("button", "nndl-button", Some(label))?;
    b.set_type("button");
    b.set_attribute("data-action", action)?;
    Ok(b)
}

/// A whole number or a rounded one, for people; the full value goes in `data-value`.
fn rounded(v: f64, decimals: usize, sign: bool) -> String {
    if v != 0.0 && v.abs() < 10f64.powi(-(decimals as i32)) {
        format!("{v:.2e}")
    } else if sign {
        format!("{v:+.decimals$}")
    } else {
        format!("{v:.decimals$}")
    }
}

/// Every digit of a number, in a form JavaScript's `Number()` reads back exactly.
fn full(v: f64) -> String {
    if v == 0.0 || (1e-6..1e15).contains(&v.abs()) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

impl NeuronWidget {
    pub fn mount(root: HtmlElement, config: NeuronConfig) -> Result<NeuronWidget, JsValue> {
        root.set_text_content(None);
        root.class_list().add_2("nndl", "nndl-neuron")?;

        let canvas: HtmlCanvasElement = element("canvas", "nndl-canvas", None)?;
        canvas.set_attribute("role", "img")?;
        root.append_child(&canvas)?;

        let readout_row: HtmlElement = element("div", "nndl-readouts", None)?;
        let mut readouts = Vec::new();
        for (name, label) in READOUTS {
            let item: HtmlElement = element("span", "nndl-readout", None)?;
            let label: HtmlElement = element("span", "nndl-label", Some(label))?;
            item.append_child(&label)?;
            let value: HtmlElement = element("span", "nndl-value", None)?;
            value.set_attribute("data-readout", name)?;
            item.append_child(&value)?;
            readout_row.append_child(&item)?;
            readouts.push(value);
        }
        root.append_child(&readout_row)?;

        let controls: HtmlElement = element("div", "nndl-controls", None)?;
        let run_button = button("run", "Run")?;
        run_button.class_list().add_1("nndl-primary")?;
        let pause = button("pause", "Pause")?;
        let step = button("step", "Step")?;
        for b in [&run_button, &pause, &step, &button("reset", "Reset")?] {
            controls.append_child(b)?;
        }
        root.append_child(&controls)?;

        let note: HtmlElement = element("p", "nndl-note", None)?;
        let note_text: HtmlElement = element("span", "nndl-note-text", None)?;
        let use_gradient = button("use-gradient", "Use the true gradient")?;
        let use_eta = button(
            "use-suggested-eta",
            &format!("Use η = {SUGGESTED_GRADIENT_ETA}"),
        )?;
        let use_configured = button("use-configured", "Back to as published")?;
        for child in [&note_text, &use_gradient, &use_eta, &use_configured] {
            note.append_child(child)?;
        }
        root.append_child(&note)?;

        let alert: HtmlElement = element("div", "nndl-alert", None)?;
        alert.set_attribute("role", "alert")?;
        root.append_child(&alert)?;

        let mut widget = NeuronWidget {
            root,
            run: NeuronRun::new(config),
            canvas,
            css_width: 0.0,
            readouts,
            pause,
            step,
            note,
            note_text,
            use_gradient,
            use_eta,
            use_configured,
            alert,
        };
        widget.resize()?;
        Ok(widget)
    }

    pub fn is_running(&self) -> bool {
        self.run.is_running()
    }

    /// Does a user's action and shows the result; returns whether the run is now running.
    pub fn act(&mut self, action: Action) -> Result<bool, JsValue> {
        self.run.act(action);
        self.render()?;
        Ok(self.run.is_running())
    }

    /// Advances by `dt_ms` of wall-clock time; draws only if an epoch was run. Returns whether
    /// the run is still running.
    pub fn advance(&mut self, dt_ms: f64) -> Result<bool, JsValue> {
        if self.run.advance(dt_ms) > 0 || !self.run.is_running() {
            self.render()?;
        }
        Ok(self.run.is_running())
    }

    /// Fits the canvas to the widget's width and redraws.
    pub fn resize(&mut self) -> Result<(), JsValue> {
        let width = f64::from(self.root.client_width());
        self.css_width = if width > 0.0 {
            width.clamp(200.0, 720.0)
        } else {
            520.0
        };
        self.render()
    }

    fn render(&mut self) -> Result<(), JsValue> {
        let ratio = canvas::fit(&self.canvas, self.css_width, draw::HEIGHT)?;
        let config = *self.run.config();
        let s = self.run.snapshot();
        let frame = Frame {
            snapshot: s,
            x: config.setup.x,
            y: config.setup.y,
            cost: config.setup.cost,
            epochs: config.epochs,
            history: self.run.history(),
            cost_max: self.run.cost_max(),
        };
        draw::draw(canvas::backend(&self.canvas)?, ratio, &frame)
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

    /// The parts that change with the mode, not every epoch.
    fn render_controls(&self) -> Result<(), JsValue> {
        let mode = self.run.mode();
        let state = match mode {
            Mode::Ready => "ready",
            Mode::Running => "running",
            Mode::Paused => "paused",
            Mode::Finished => "finished",
            Mode::Diverged(_) => "diverged",
        };
        self.root.set_attribute("data-state", state)?;
        set_text(
            &self.pause,
            if mode == Mode::Paused {
                "Resume"
            } else {
                "Pause"
            },
        );
        self.pause
            .set_disabled(!matches!(mode, Mode::Running | Mode::Paused));
        self.step
            .set_disabled(matches!(mode, Mode::Finished | Mode::Diverged(_)));

        let message = match mode {
            Mode::Diverged(d) => format!("The run {d}."),
            _ => String::new(),
        };
        set_text(&self.alert, &message);
        self.alert.set_hidden(message.is_empty());

        let config = self.run.config();
        let s = self.run.snapshot();
        self.canvas.set_attribute(
            "aria-label",
            &format!(
                "A sigmoid neuron trained with the {} cost; epoch {} of {}, output {:.3}, cost {:.4}.",
                config.setup.cost, s.epoch, config.epochs, s.a, s.cost
            ),
        )?;

        self.note.set_hidden(!self.run.shows_rule_note());
        let published = config.setup.rule == Rule::Published;
        set_text(
            &self.note_text,
            &if published {
                "As published: the book's own widget moves w and b by η·∂C/∂a, which is the \
                 gradient (61)–(62) divided by σ′(z). "
                    .to_string()
            } else {
                format!(
                    "True gradient (61)–(62) with η = {}: {}",
                    config.setup.eta,
                    if config.setup.eta < SUGGESTED_GRADIENT_ETA {
                        "at this learning rate the neuron learns slowly. "
                    } else {
                        "the neuron learns quickly, with no plateau. "
                    }
                )
            },
        );
        self.use_gradient.set_hidden(!published);
        self.use_eta
            .set_hidden(published || config.setup.eta == SUGGESTED_GRADIENT_ETA);
        self.use_configured.set_hidden(published);
        Ok(())
    }
}
