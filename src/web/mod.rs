//! The wasm-bindgen face of the crate: one [`Widget`] handle per mounted element. The only module
//! that knows about the DOM; the JS shell (www/nndl-widgets.js) wires clicks and frames to it.

mod canvas;
mod dom;
mod draw;
mod explore_draw;
mod explorer;
mod mnist;
#[cfg(feature = "worker")]
mod mnist_job;
mod network;
mod neuron;

use crate::config::{self, WidgetConfig};
use crate::i18n::Lang;
use crate::run::Action;
use explorer::ExplorerWidget;
use mnist::MnistWidget;
use network::NetworkWidget;
use neuron::NeuronWidget;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// A mounted widget. A widget whose options were rejected shows why and does nothing else.
#[wasm_bindgen]
pub struct Widget {
    inner: Inner,
}

enum Inner {
    Neuron(Box<NeuronWidget>),
    Explorer(Box<ExplorerWidget>),
    Network(Box<NetworkWidget>),
    Mnist(Box<MnistWidget>),
    Failed,
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
    let inner = match parsed.result {
        Ok(WidgetConfig::Neuron(c)) => {
            Inner::Neuron(Box::new(NeuronWidget::mount(root, c, parsed.lang)?))
        }
        Ok(WidgetConfig::Explorer(o)) => {
            // With a shared link's settings for this widget, if the page was opened with one.
            let fragment = dom::window()?.location().hash().unwrap_or_default();
            Inner::Explorer(Box::new(ExplorerWidget::mount(
                root,
                o,
                &fragment,
                parsed.lang,
            )?))
        }
        Ok(WidgetConfig::Network(c)) => {
            Inner::Network(Box::new(NetworkWidget::mount(root, c, parsed.lang)?))
        }
        Ok(WidgetConfig::Mnist(c)) => {
            Inner::Mnist(Box::new(MnistWidget::mount(root, c, options, parsed.lang)?))
        }
        Err(errors) => {
            show_errors(&root, &errors, parsed.lang)?;
            Inner::Failed
        }
    };
    Ok(Widget { inner })
}

fn show_errors(
    root: &HtmlElement,
    errors: &[config::OptionError],
    lang: Lang,
) -> Result<(), JsValue> {
    root.set_text_content(None);
    root.class_list().add_2("nndl", "nndl-failed")?;
    root.set_attribute("data-state", "failed")?;
    let alert: HtmlElement = dom::element("div", "nndl-alert", None)?;
    alert.set_attribute("role", "alert")?;
    root.set_attribute("lang", lang.tag())?;
    let title = lang.invalid_options(errors.len());
    let title: HtmlElement = dom::element("strong", "", Some(&title))?;
    alert.append_child(&title)?;
    let list: HtmlElement = dom::element("ul", "", None)?;
    for e in errors {
        let item: HtmlElement = dom::element("li", "", Some(&e.message(lang)))?;
        list.append_child(&item)?;
    }
    alert.append_child(&list)?;
    root.append_child(&alert)?;
    Ok(())
}

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
        match &mut self.inner {
            Inner::Neuron(n) => {
                let action = Action::from_name(action).map_err(|e| JsError::new(&e))?;
                n.act(action).map_err(js_error)
            }
            Inner::Explorer(x) => {
                let action = Action::from_name(action).map_err(|e| JsError::new(&e))?;
                x.act(action).map_err(js_error)
            }
            Inner::Network(n) => {
                let action = Action::from_name(action).map_err(|e| JsError::new(&e))?;
                n.act(action).map_err(js_error)
            }
            Inner::Mnist(m) => m.act(action).map(|()| false).map_err(|e| JsError::new(&e)),
            Inner::Failed => Ok(false),
        }
    }

    /// Advances a running widget by `dt_ms` milliseconds of wall-clock time and draws it;
    /// returns whether it still wants frames.
    pub fn advance(&mut self, dt_ms: f64) -> Result<bool, JsError> {
        match &mut self.inner {
            Inner::Neuron(n) => n.advance(dt_ms).map_err(js_error),
            Inner::Explorer(x) => x.advance(dt_ms).map_err(js_error),
            Inner::Network(n) => n.advance(dt_ms).map_err(js_error),
            _ => Ok(false),
        }
    }

    /// Refits the canvases to the widget's width (after the page's layout or colour scheme
    /// changed).
    pub fn resize(&mut self) -> Result<(), JsError> {
        match &mut self.inner {
            Inner::Neuron(n) => n.resize().map_err(js_error),
            Inner::Explorer(x) => x.resize().map_err(js_error),
            Inner::Network(n) => n.resize().map_err(js_error),
            Inner::Mnist(m) => m.resize().map_err(js_error),
            Inner::Failed => Ok(()),
        }
    }

    /// Whether the widget trains in a Web Worker (www/mnist-worker.js), to and from which the
    /// shell passes [`Widget::take_messages`] and [`Widget::receive`].
    #[wasm_bindgen(getter)]
    pub fn worker(&self) -> bool {
        matches!(self.inner, Inner::Mnist(_))
    }

    /// The messages for the widget's worker since the last call.
    #[wasm_bindgen(js_name = takeMessages)]
    pub fn take_messages(&mut self) -> js_sys::Array {
        match &mut self.inner {
            Inner::Mnist(m) => m.take_messages(),
            _ => js_sys::Array::new(),
        }
    }

    /// A message from the widget's worker.
    pub fn receive(&mut self, message: JsValue) -> Result<(), JsError> {
        match &mut self.inner {
            Inner::Mnist(m) => m.receive(&message).map_err(js_error),
            _ => Ok(()),
        }
    }

    /// Whether the widget is running.
    #[wasm_bindgen(getter)]
    pub fn running(&self) -> bool {
        match &self.inner {
            Inner::Neuron(n) => n.is_running(),
            Inner::Explorer(x) => x.is_running(),
            Inner::Network(n) => n.is_running(),
            _ => false,
        }
    }

    /// Sets one of the explorer's settings by its option name (`from_slider`: `value` is a
    /// slider's position). A bad value shows a message beside its control and changes nothing;
    /// an unknown name, or a widget without settings, throws. Returns whether it is running.
    pub fn set(&mut self, name: &str, value: &str, from_slider: bool) -> Result<bool, JsError> {
        match &mut self.inner {
            Inner::Explorer(x) => x.set(name, value, from_slider).map_err(js_error),
            _ => Err(JsError::new(
                "nndl-widgets: only the explorer widget has settings to set",
            )),
        }
    }

    /// The explorer's run history as CSV (epoch, w, b, z, a, C and the gradients per raced cost).
    pub fn csv(&self) -> Result<String, JsError> {
        match &self.inner {
            Inner::Explorer(x) => Ok(x.csv()),
            _ => Err(JsError::new(
                "nndl-widgets: only the explorer widget exports a history",
            )),
        }
    }

    /// The page URL's fragment, given the `current` one, with this explorer's settings in its
    /// entry; `undefined` for a widget that has no id to scope them by.
    #[wasm_bindgen(js_name = shareFragment)]
    pub fn share_fragment(&self, current: &str) -> Option<String> {
        match &self.inner {
            Inner::Explorer(x) => x.share_fragment(current),
            _ => None,
        }
    }

    /// Takes the settings that the page URL's `fragment` holds for this explorer, when it holds
    /// any (a link within the page was followed); returns whether it did. The run starts afresh.
    pub fn restore(&mut self, fragment: &str) -> Result<bool, JsError> {
        match &mut self.inner {
            Inner::Explorer(x) => x.restore(fragment).map_err(js_error),
            _ => Ok(false),
        }
    }

    /// Shows the shared link, and whether it was copied to the clipboard.
    pub fn shared(&self, url: &str, copied: bool) -> Result<(), JsError> {
        match &self.inner {
            Inner::Explorer(x) => x.shared(url, copied).map_err(js_error),
            _ => Ok(()),
        }
    }

    /// Whether the widget's options were rejected (it then shows only its alert).
    #[wasm_bindgen(getter)]
    pub fn failed(&self) -> bool {
        matches!(self.inner, Inner::Failed)
    }
}

fn js_error(e: JsValue) -> JsError {
    JsError::new(
        &e.as_string()
            .unwrap_or_else(|| format!("nndl-widgets: {e:?}")),
    )
}

/// The benchmark's neuron work (see `bench::neuron_epochs`), for timing in the browser.
#[wasm_bindgen]
pub fn bench_neuron(epochs: u32) -> f64 {
    crate::bench::neuron_epochs(epochs)
}
