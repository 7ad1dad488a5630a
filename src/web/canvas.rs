//! Our canvases for plotters: plotters-canvas, sized for the screen's pixel density.
//!
//! plotters measures text on wasm by inserting a styled `<span>` into the page (a forced layout per
//! label, and an inline style that a strict CSP blocks). It does so only for titles and right-hand
//! axis labels, which our charts do not use; tests/web.rs checks that no drawing touches the page.

use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The canvas's 2D context, or an error that says it has none.
pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("nndl-widgets: a canvas has no 2D context"))?
        .dyn_into()
        .map_err(JsValue::from)
}

pub fn backend(canvas: &HtmlCanvasElement) -> Result<CanvasBackend, JsValue> {
    CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| JsValue::from_str("nndl-widgets: the canvas has no 2D context"))
}

/// Sizes the canvas's backing store to `css_width`×`css_height` CSS pixels times the device pixel
/// ratio, so that it is drawn sharp on HiDPI screens (plotters-canvas draws in backing pixels and
/// ignores the ratio). Returns the ratio, by which every drawn length is then scaled.
pub fn fit(canvas: &HtmlCanvasElement, css_width: f64, css_height: f64) -> Result<f64, JsValue> {
    let ratio = super::dom::window()?.device_pixel_ratio();
    let ratio = if ratio.is_finite() && ratio > 0.0 {
        ratio.min(4.0)
    } else {
        1.0
    };
    let (w, h) = (
        (css_width * ratio).round() as u32,
        (css_height * ratio).round() as u32,
    );
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let style = canvas.style();
    style.set_property("width", &format!("{css_width}px"))?;
    style.set_property("height", &format!("{css_height}px"))?;
    Ok(ratio)
}
