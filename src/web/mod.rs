//! The wasm-bindgen face of the crate: one [`Widget`] handle per mounted element. The only module
//! that knows about the DOM; the JS shell (www/nndl-widgets.js) wires clicks and frames to it.

// A module built for one kind (see Cargo.toml's features) leaves some shared helpers unused.
#![cfg_attr(not(feature = "all-kinds"), allow(dead_code, unused_imports))]

// First: its macros are for the kinds' modules.
#[macro_use]
mod kind;

mod canvas;
mod dom;
mod draw;
#[cfg(feature = "explorer")]
mod explorer;
#[cfg(feature = "mnist")]
mod mnist;
#[cfg(feature = "worker")]
mod mnist_job;
#[cfg(feature = "mnist")]
mod mnist_settings;
#[cfg(feature = "network")]
mod multilayer;
#[cfg(feature = "neuron")]
mod neuron;

use crate::config::{self, WidgetConfig};
use crate::i18n::Lang;
use crate::runner::{Action, State};
use kind::{Mount, WidgetKind};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// A panic's message goes to the console (the shell then stops only its widget), without its
/// place in the source: formatting that (console_error_panic_hook) cost every module 1 KiB.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let p = info.payload();
        let message = (p.downcast_ref::<String>().map(String::as_str))
            .or_else(|| p.downcast_ref::<&str>().copied())
            .unwrap_or("no message");
        console_error(&format!("nndl-widgets: a panic: {message}"));
    }));
}

/// A mounted widget. A widget whose options were rejected shows why and does nothing else.
#[wasm_bindgen]
pub struct Widget {
    inner: Option<Box<dyn WidgetKind>>,
}

/// Builds the widget that `root`'s `data-nndl` and other `data-*` attributes describe, inside
/// `root`. Bad options do not throw: the widget shows an alert naming each of them.
#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<Widget, JsValue> {
    let options = dom::data_options(&root);
    let page_lang = dom::page_lang(&root);
    let parsed = config::parse(
        options.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        page_lang.as_deref(),
    );
    let lang = parsed.lang;
    let inner = match parsed.result {
        Ok(config) => {
            let m = Mount { root, lang };
            match registry(config, m) {
                Some(widget) => Some(widget?),
                None => return Err(JsValue::from_str(MISSING_KIND)),
            }
        }
        Err(errors) => {
            show_errors(&root, &errors, lang)?;
            None
        }
    };
    Ok(Widget { inner })
}

/// The registry, one line per kind: the widget for a configuration, from the kinds this module
/// was built with (a module per kind, by cargo feature; `None` for a kind it was built without).
// A module built with fewer kinds has fewer arms; the worker's, with none, mounts nothing.
#[cfg_attr(not(feature = "all-kinds"), allow(unreachable_code, unused_variables))]
fn registry(config: WidgetConfig, m: Mount) -> Option<Result<Box<dyn WidgetKind>, JsValue>> {
    fn boxed<W: WidgetKind + 'static>(
        w: Result<W, JsValue>,
    ) -> Result<Box<dyn WidgetKind>, JsValue> {
        w.map(|w| Box::new(w) as Box<dyn WidgetKind>)
    }
    Some(match config {
        #[cfg(feature = "neuron")]
        WidgetConfig::Neuron(c) => boxed(neuron::NeuronWidget::mount(m, c)),
        #[cfg(feature = "explorer")]
        WidgetConfig::Explorer(c) => boxed(explorer::ExplorerWidget::mount(m, c)),
        #[cfg(feature = "network")]
        WidgetConfig::Multilayer(c) => boxed(multilayer::MultilayerWidget::mount(m, c)),
        #[cfg(feature = "mnist")]
        WidgetConfig::Mnist(c) => boxed(mnist::MnistWidget::mount(m, c)),
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

const MISSING_KIND: &str = "nndl-widgets: this module was built without that widget kind";

fn show_errors(
    root: &HtmlElement,
    errors: &[config::OptionError],
    lang: Lang,
) -> Result<(), JsValue> {
    root.set_text_content(None);
    root.class_list().add_2("nndl", "nndl-failed")?;
    root.set_attribute("data-state", State::Failed.name())?;
    let alert: HtmlElement = dom::element("div", "nndl-alert", None)?;
    alert.set_attribute("role", "alert")?;
    root.set_attribute("lang", lang.tag())?;
    let title = lang.invalid_options(errors.len());
    let title: HtmlElement = dom::element("strong", "", Some(&title))?;
    alert.append_child(&title)?;
    let list: HtmlElement = dom::element("ul", "", None)?;
    // On a widget's own element the options are attributes of their own names.
    let place = if root.local_name().starts_with("nndl-") {
        config::Place::Named
    } else {
        config::Place::Option
    };
    for e in errors {
        let item: HtmlElement = dom::element("li", "", Some(&e.clone().at(place).message(lang)))?;
        list.append_child(&item)?;
    }
    alert.append_child(&list)?;
    root.append_child(&alert)?;
    Ok(())
}

/// A module carries the methods of its kinds only: a page of neurons loads no sharing, CSV or
/// worker glue (the shell checks that a method is there before it calls it).
#[wasm_bindgen]
impl Widget {
    /// Does an action (`run`, `pause`, `toggle`, `step`, `reset`, and for the neuron
    /// `use-gradient`, `use-configured`, `use-suggested-eta`, for MNIST `cancel`); returns
    /// whether the widget now wants animation frames.
    pub fn act(&mut self, action: &str) -> Result<bool, JsError> {
        #[cfg(feature = "test-hooks")]
        if action == "panic" {
            panic!("a deliberate panic, from the test-hooks build");
        }
        let Some(w) = &mut self.inner else {
            return Ok(false);
        };
        let action = Action::parse(action).map_err(|e| JsError::new(&e))?;
        w.act(action).map_err(js_error)
    }

    /// Advances a running widget by `dt_ms` milliseconds of wall-clock time and draws it;
    /// returns whether it still wants frames.
    pub fn advance(&mut self, dt_ms: f64) -> Result<bool, JsError> {
        match &mut self.inner {
            Some(w) => w.advance(dt_ms).map_err(js_error),
            None => Ok(false),
        }
    }

    /// Refits the canvases to the widget's width (after the page's layout or colour scheme
    /// changed).
    pub fn resize(&mut self) -> Result<(), JsError> {
        match &mut self.inner {
            Some(w) => w.resize().map_err(js_error),
            None => Ok(()),
        }
    }

    #[cfg(feature = "mnist")]
    /// Whether the widget trains in a Web Worker (www/mnist-worker.js), to and from which the
    /// shell passes [`Widget::take_messages`] and [`Widget::receive`].
    #[wasm_bindgen(getter)]
    pub fn worker(&self) -> bool {
        self.inner.as_ref().is_some_and(|w| w.has_worker())
    }

    #[cfg(feature = "mnist")]
    /// The messages for the widget's worker since the last call.
    #[wasm_bindgen(js_name = takeMessages)]
    pub fn take_messages(&mut self) -> Result<Vec<JsValue>, JsError> {
        match &mut self.inner {
            Some(w) => w.take_messages().map_err(js_error),
            None => Ok(Vec::new()),
        }
    }

    #[cfg(feature = "mnist")]
    /// A message from the widget's worker.
    pub fn receive(&mut self, message: JsValue) -> Result<(), JsError> {
        match &mut self.inner {
            Some(w) => w.receive(message).map_err(js_error),
            None => Ok(()),
        }
    }

    #[cfg(feature = "mnist")]
    /// The shell is sending the reader's files to the widget's worker.
    #[wasm_bindgen(js_name = filesSent)]
    pub fn files_sent(&mut self) -> Result<(), JsError> {
        match &mut self.inner {
            Some(w) => w.files_sent().map_err(js_error),
            None => Ok(()),
        }
    }

    /// Whether the widget is running.
    #[wasm_bindgen(getter)]
    pub fn running(&self) -> bool {
        self.inner.as_ref().is_some_and(|w| w.running())
    }

    #[cfg(any(feature = "explorer", feature = "mnist"))]
    /// Sets one of the explorer's settings by its option name (`from_slider`: `value` is a
    /// slider's position). A bad value shows a message beside its control and changes nothing;
    /// an unknown name, or a widget without settings, throws. Returns whether it is running.
    pub fn set(&mut self, name: &str, value: &str, from_slider: bool) -> Result<bool, JsError> {
        match &mut self.inner {
            Some(w) => w.set(name, value, from_slider).map_err(js_error),
            None => Err(JsError::new(
                "nndl-widgets: only the explorer and MNIST widgets have settings to set",
            )),
        }
    }

    /// The chart's data for the shell's table: lines of tab-separated cells (the summary, the
    /// caption, the column heads, the rows); empty for a widget without one.
    pub fn table(&self) -> String {
        self.inner.as_ref().map(|w| w.table()).unwrap_or_default()
    }

    #[cfg(feature = "explorer")]
    /// The explorer's run history as CSV (epoch, w, b, z, a, C and the gradients per raced cost).
    pub fn csv(&self) -> Result<String, JsError> {
        match &self.inner {
            Some(w) => w.csv().map_err(js_error),
            None => Err(JsError::new(
                "nndl-widgets: only the explorer widget exports a history",
            )),
        }
    }

    #[cfg(feature = "explorer")]
    /// The page URL's fragment, given the `current` one, with this explorer's settings in its
    /// entry; `undefined` for a widget that has no id to scope them by.
    #[wasm_bindgen(js_name = shareFragment)]
    pub fn share_fragment(&self, current: &str) -> Option<String> {
        self.inner.as_ref()?.share_fragment(current)
    }

    #[cfg(feature = "explorer")]
    /// Takes the settings that the page URL's `fragment` holds for this explorer, when it holds
    /// any (a link within the page was followed); returns whether it did. The run starts afresh.
    pub fn restore(&mut self, fragment: &str) -> Result<bool, JsError> {
        match &mut self.inner {
            Some(w) => w.restore(fragment).map_err(js_error),
            None => Ok(false),
        }
    }

    #[cfg(feature = "explorer")]
    /// Shows the shared link, and whether it was copied to the clipboard.
    pub fn shared(&self, url: &str, copied: bool) -> Result<(), JsError> {
        match &self.inner {
            Some(w) => w.shared(url, copied).map_err(js_error),
            None => Ok(()),
        }
    }

    /// Whether the widget's options were rejected (it then shows only its alert).
    #[wasm_bindgen(getter)]
    pub fn failed(&self) -> bool {
        self.inner.is_none()
    }
}

fn js_error(e: JsValue) -> JsError {
    JsError::new(
        &e.as_string()
            .unwrap_or_else(|| format!("nndl-widgets: {e:?}")),
    )
}

/// The benchmark's neuron work (see `bench::neuron_epochs`), for timing in the browser; only in
/// `make bench`'s own build (`--features bench`).
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn bench_neuron(epochs: u32) -> f64 {
    crate::bench::neuron_epochs(epochs)
}

/// The options of the widget kind `kind` names (`data-nndl`'s value): what each accepts and its
/// default, read off the options' parser (see `config::option_table`), for the configurator page.
/// Only in the module of every kind (`pkg/`).
#[cfg(feature = "all-kinds")]
#[wasm_bindgen(js_name = optionTable)]
pub fn option_table(kind: &str) -> Result<JsValue, JsError> {
    let k = config::Kind::from_name(kind).ok_or_else(|| {
        let names = config::Kind::NAMES.join(", ");
        JsError::new(&format!(
            "nndl-widgets: no widget kind \"{kind}\"; the kinds are {names}"
        ))
    })?;
    serde_wasm_bindgen::to_value(&config::option_table(k)).map_err(|e| JsError::new(&e.to_string()))
}
