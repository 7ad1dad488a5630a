//! What every widget kind implements, and the registry that mounts them. The shell talks to a
//! [`super::Widget`], which holds one of these behind a trait object; a kind implements what it
//! has and leaves the rest to the defaults.

use crate::config::WidgetConfig;
use crate::i18n::Lang;
use crate::run::Action;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// A mounted widget of one kind.
pub trait WidgetKind {
    /// Does a reader's action and shows the result; returns whether the widget now wants
    /// animation frames.
    fn act(&mut self, action: Action) -> Result<bool, JsValue>;

    /// Advances a running widget by `dt_ms` of wall-clock time and draws it; returns whether it
    /// still wants frames. Kinds that do not step by the clock never want any.
    fn advance(&mut self, _dt_ms: f64) -> Result<bool, JsValue> {
        Ok(false)
    }

    /// Fits the canvases to the widget's width and redraws (also after the colour scheme
    /// changed).
    fn resize(&mut self) -> Result<(), JsValue>;

    /// Whether the widget is running by the clock.
    fn running(&self) -> bool {
        false
    }

    /// Sets one of the widget's settings by its option name (`from_slider`: `value` is a
    /// slider's position); returns whether it is running. Only kinds with settings override it.
    fn set(&mut self, _name: &str, _value: &str, _from_slider: bool) -> Result<bool, JsValue> {
        Err(JsValue::from_str(
            "nndl-widgets: only the explorer widget has settings to set",
        ))
    }

    /// The run's history as CSV.
    fn csv(&self) -> Result<String, JsValue> {
        Err(JsValue::from_str(
            "nndl-widgets: only the explorer widget exports a history",
        ))
    }

    /// The page URL's fragment, given the `current` one, with this widget's settings in it.
    fn share_fragment(&self, _current: &str) -> Option<String> {
        None
    }

    /// Takes the settings that the page URL's fragment holds for this widget, if any; returns
    /// whether it did.
    fn restore(&mut self, _fragment: &str) -> Result<bool, JsValue> {
        Ok(false)
    }

    /// Shows the shared link, and whether it was copied to the clipboard.
    fn shared(&self, _url: &str, _copied: bool) -> Result<(), JsValue> {
        Ok(())
    }

    /// Whether the widget trains in a Web Worker, with which the shell carries
    /// [`WidgetKind::take_messages`] and [`WidgetKind::receive`].
    fn has_worker(&self) -> bool {
        false
    }

    /// The messages for the widget's worker since the last call.
    fn take_messages(&mut self) -> Result<Vec<JsValue>, JsValue> {
        Ok(Vec::new())
    }

    /// A message from the widget's worker.
    fn receive(&mut self, _message: JsValue) -> Result<(), JsValue> {
        Ok(())
    }
}

/// Everything a kind's `mount` is given.
pub struct Mount {
    pub root: HtmlElement,
    pub lang: Lang,
}

/// The registry: the widget for a configuration, from the kinds this module was built with (a
/// module per kind, by cargo feature; `None` for a kind it was built without).
// A module built with no page kind (the worker's) mounts nothing.
#[cfg_attr(
    not(any(
        feature = "neuron",
        feature = "explorer",
        feature = "network",
        feature = "mnist"
    )),
    allow(unreachable_code, unused_variables)
)]
pub fn mount(config: WidgetConfig, m: Mount) -> Option<Result<Box<dyn WidgetKind>, JsValue>> {
    fn boxed<W: WidgetKind + 'static>(
        w: Result<W, JsValue>,
    ) -> Result<Box<dyn WidgetKind>, JsValue> {
        w.map(|w| Box::new(w) as Box<dyn WidgetKind>)
    }
    Some(match config {
        #[cfg(feature = "neuron")]
        WidgetConfig::Neuron(c) => boxed(super::neuron::NeuronWidget::mount(m, c)),
        #[cfg(feature = "explorer")]
        WidgetConfig::Explorer(c) => boxed(super::explorer::ExplorerWidget::mount(m, c)),
        #[cfg(feature = "network")]
        WidgetConfig::Network(c) => boxed(super::network::NetworkWidget::mount(m, c)),
        #[cfg(feature = "mnist")]
        WidgetConfig::Mnist(c) => boxed(super::mnist::MnistWidget::mount(m, c)),
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}
