//! What every widget kind implements. The shell talks to a [`super::Widget`], which holds one of
//! these behind a trait object; a kind implements what it has and leaves the rest to the
//! defaults. The registry that mounts them is `super::registry`.

use crate::i18n::Lang;
use crate::runner::{Action, Stepper};
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

    /// The chart's data for its table, as [`crate::plot::TableText`] writes it; empty for none.
    fn table(&self) -> String {
        String::new()
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

    /// The shell is sending the reader's files to the widget's worker, which answers when it
    /// has read them.
    fn files_sent(&mut self) -> Result<(), JsValue> {
        Ok(())
    }
}

/// Everything a kind's `mount` is given.
pub struct Mount {
    pub root: HtmlElement,
    pub lang: Lang,
}

/// A widget whose run steps by the wall clock (the neuron, the explorer, the multi-layer demo):
/// what it has, from which [`act`] and [`advance`] give its [`WidgetKind`] answers (written in
/// its `impl WidgetKind` by [`clocked_kind!`], its run by [`clocked_run!`]).
pub trait Clocked {
    type Run: Stepper;

    fn run(&self) -> &Self::Run;

    fn run_mut(&mut self) -> &mut Self::Run;

    /// Draws the run as it is.
    fn render(&mut self) -> Result<(), JsValue>;

    /// Tells screen readers the run's state: on actions and when a run stops, never every frame.
    fn announce(&self) -> Result<(), JsValue>;

    /// Does a reader's action on the run; a kind with actions of its own overrides it.
    fn apply(&mut self, action: Action) {
        self.run_mut().play(action);
    }
}

/// Does a reader's action and shows the result; returns whether the run is now running.
pub fn act<W: Clocked>(w: &mut W, action: Action) -> Result<bool, JsValue> {
    w.apply(action);
    w.render()?;
    w.announce()?;
    Ok(w.run().is_running())
}

/// Advances by `dt_ms` of wall-clock time; draws only if an epoch was run, and announces when
/// the run stopped. Returns whether it is still running.
pub fn advance<W: Clocked>(w: &mut W, dt_ms: f64) -> Result<bool, JsValue> {
    if w.run_mut().advance(dt_ms) > 0 || !w.run().is_running() {
        w.render()?;
    }
    if !w.run().is_running() {
        w.announce()?;
    }
    Ok(w.run().is_running())
}

/// A clocked widget's [`WidgetKind`] answers to `running`, `act` and `advance`, inside its
/// `impl WidgetKind`.
#[allow(unused_macros)]
macro_rules! clocked_kind {
    () => {
        fn running(&self) -> bool {
            $crate::runner::Stepper::is_running(super::kind::Clocked::run(self))
        }

        fn act(&mut self, action: Action) -> Result<bool, JsValue> {
            super::kind::act(self, action)
        }

        fn advance(&mut self, dt_ms: f64) -> Result<bool, JsValue> {
            super::kind::advance(self, dt_ms)
        }
    };
}

/// A clocked widget's run, held in its `run` field, inside its `impl Clocked`.
#[allow(unused_macros)]
macro_rules! clocked_run {
    ($run:ty) => {
        type Run = $run;

        fn run(&self) -> &$run {
            &self.run
        }

        fn run_mut(&mut self) -> &mut $run {
            &mut self.run
        }
    };
}
