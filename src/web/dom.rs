//! Small DOM helpers that fail with a message rather than a panic.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, Window};

pub fn window() -> Result<Window, JsValue> {
    web_sys::window()
        .ok_or_else(|| JsValue::from_str("nndl-widgets: no window (not in a browser?)"))
}

pub fn document() -> Result<Document, JsValue> {
    window()?
        .document()
        .ok_or_else(|| JsValue::from_str("nndl-widgets: the window has no document"))
}

/// A new element with a class and, if given, its text (always as text, never as HTML).
pub fn element<T: JsCast>(tag: &str, class: &str, text: Option<&str>) -> Result<T, JsValue> {
    let el = document()?.create_element(tag)?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if let Some(t) = text {
        el.set_text_content(Some(t));
    }
    el.dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("nndl-widgets: <{tag}> is not the expected type")))
}

/// The element's `data-*` attributes, without the prefix, in document order; but `data-state`,
/// which the widget writes itself.
/// On a widget's own element (`<nndl-neuron preset="saturation2">`) the kind is the tag's and
/// every attribute but HTML's global ones is an option too, under its own name.
pub fn data_options(el: &Element) -> Vec<(String, String)> {
    let tag = el.local_name();
    let kind = tag.strip_prefix("nndl-");
    let mut options: Vec<(String, String)> = el
        .get_attribute_names()
        .iter()
        .filter_map(|name| name.as_string())
        .filter_map(|name| {
            let key = match name.strip_prefix("data-") {
                Some(key) => key,
                None if kind.is_some() && !GLOBAL.contains(&name.as_str()) => {
                    (!name.starts_with("aria-")).then_some(name.as_str())?
                }
                None => return None,
            };
            (key != "state").then(|| (key.to_string(), el.get_attribute(&name).unwrap_or_default()))
        })
        .collect();
    if let Some(kind) = kind {
        options.push(("nndl".into(), kind.into()));
    }
    options
}

/// HTML's global attributes (besides aria-*), which are never a widget's options.
const GLOBAL: &[&str] = &[
    "id",
    "class",
    "style",
    "lang",
    "dir",
    "hidden",
    "title",
    "tabindex",
    "slot",
    "part",
    "role",
    "inert",
    "translate",
    "nonce",
    "autofocus",
    "draggable",
    "spellcheck",
    "accesskey",
    "contenteditable",
    "popover",
    "enterkeyhint",
    "inputmode",
    "exportparts",
    "is",
];

/// Sets an element's text only when it changes, so that an unchanged readout costs no layout.
pub fn set_text(el: &HtmlElement, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

/// Whether the widget is drawn dark: the shell gives its element the class `nndl-dark` as its
/// theme says (`data-theme`, or `theme` on its own tag), or for `auto` (and none) as the reader's
/// system asks; the stylesheet reads the same class.
pub fn dark(root: &Element) -> bool {
    root.class_list().contains("nndl-dark")
}

/// The language of the nearest element with a `lang` attribute (`<html lang>` at the latest),
/// looking out of shadow roots through their hosts.
pub fn page_lang(el: &Element) -> Option<String> {
    let mut el = el.clone();
    loop {
        if let Some(found) = el.closest("[lang]").ok().flatten() {
            return found.get_attribute("lang");
        }
        // In a shadow root (which has a host), the search goes on from the host.
        let host = js_sys::Reflect::get(&el.get_root_node(), &"host".into()).ok()?;
        el = host.dyn_into::<Element>().ok()?;
    }
}

/// A button that carries its action's name (`data-action`) for the shell's click handler.
pub fn button(action: &str, label: &str) -> Result<web_sys::HtmlButtonElement, JsValue> {
    let b: web_sys::HtmlButtonElement = element("button", "nndl-button", Some(label))?;
    b.set_type("button");
    b.set_attribute("data-action", action)?;
    Ok(b)
}

/// Makes `root` a widget: emptied, styled as one (`nndl` and `class`), focusable for its keys,
/// a named group, in `lang`.
pub fn prepare_root(
    root: &HtmlElement,
    class: &str,
    lang: crate::i18n::Lang,
    name: &str,
) -> Result<(), JsValue> {
    root.set_text_content(None);
    root.class_list().add_2("nndl", class)?;
    root.set_attribute("tabindex", "0")?;
    root.set_attribute("role", "group")?;
    root.set_attribute("lang", lang.tag())?;
    root.set_attribute("aria-label", &format!("{name}. {}", lang.words().keys_hint))
}

/// A canvas in a box without padding, whose width is the width to draw at.
pub fn figure(root: &HtmlElement) -> Result<(HtmlElement, web_sys::HtmlCanvasElement), JsValue> {
    let figure: HtmlElement = element("div", "nndl-figure", None)?;
    let canvas: web_sys::HtmlCanvasElement = element("canvas", "nndl-canvas", None)?;
    canvas.set_attribute("role", "img")?;
    figure.append_child(&canvas)?;
    root.append_child(&figure)?;
    Ok((figure, canvas))
}

/// One labelled readout: the item (label and value) and its value element, which carries
/// `data-readout` = `name` and shows `empty` until it has a value.
pub fn readout(
    name: &str,
    label: &str,
    empty: &str,
) -> Result<(HtmlElement, HtmlElement), JsValue> {
    let item: HtmlElement = element("span", "nndl-readout", None)?;
    let label: HtmlElement = element("span", "nndl-label", Some(label))?;
    item.append_child(&label)?;
    let value: HtmlElement = element("span", "nndl-value", Some(empty))?;
    value.set_attribute("data-readout", name)?;
    item.append_child(&value)?;
    Ok((item, value))
}

/// A row of labelled readouts (`data-readout` names and their labels), each showing `empty`
/// until it has a value.
pub fn readouts(
    items: &[(&str, &str)],
    empty: &str,
) -> Result<(HtmlElement, Vec<HtmlElement>), JsValue> {
    let row: HtmlElement = element("div", "nndl-readouts", None)?;
    let mut values = Vec::new();
    for (name, label) in items {
        let (item, value) = readout(name, label, empty)?;
        row.append_child(&item)?;
        values.push(value);
    }
    Ok((row, values))
}

/// Sets an attribute only when it changes (readouts' names and classes change on events, not
/// every frame).
pub fn set_attribute(el: &Element, name: &str, value: &str) -> Result<(), JsValue> {
    if el.get_attribute(name).as_deref() != Some(value) {
        el.set_attribute(name, value)?;
    }
    Ok(())
}

/// A run's mode in the widget's `data-state`, and in its Pause (or Resume) and Step buttons.
pub fn show_mode<D>(
    root: &HtmlElement,
    pause: &web_sys::HtmlButtonElement,
    step: &web_sys::HtmlButtonElement,
    mode: crate::runner::Mode<D>,
    words: &crate::i18n::Words,
) -> Result<(), JsValue> {
    use crate::runner::Mode;
    root.set_attribute("data-state", mode.state().name())?;
    let paused = matches!(mode, Mode::Paused);
    set_text(pause, if paused { words.resume } else { words.pause });
    pause.set_disabled(!matches!(mode, Mode::Running | Mode::Paused));
    step.set_disabled(matches!(mode, Mode::Finished | Mode::Diverged(_)));
    Ok(())
}

/// A row of buttons, (action, label) each, the first one primary.
pub fn controls(
    buttons: &[(&str, &str)],
) -> Result<(HtmlElement, Vec<web_sys::HtmlButtonElement>), JsValue> {
    let row: HtmlElement = element("div", "nndl-controls", None)?;
    let mut made = Vec::new();
    for (i, (action, label)) in buttons.iter().enumerate() {
        let b = button(action, label)?;
        if i == 0 {
            b.class_list().add_1("nndl-primary")?;
        }
        row.append_child(&b)?;
        made.push(b);
    }
    Ok((row, made))
}

/// The buttons of a run stepped by the clock (Run, Pause, Step, Reset) in a row, with
/// `extra` buttons after them; returns the row and its Pause and Step buttons. The row's end
/// says which keys work on the widget; the caller places the row.
pub fn run_controls(
    words: &crate::i18n::Words,
    extra: &[&web_sys::HtmlButtonElement],
    keys: bool,
) -> Result<
    (
        HtmlElement,
        web_sys::HtmlButtonElement,
        web_sys::HtmlButtonElement,
    ),
    JsValue,
> {
    let (row, buttons) = controls(&[
        ("run", words.run),
        ("pause", words.pause),
        ("step", words.step),
        ("reset", words.reset),
    ])?;
    for b in extra {
        row.append_child(b)?;
    }
    if keys {
        let hint: HtmlElement = element("span", "nndl-keys", Some(words.keys_hint))?;
        hint.set_attribute("aria-hidden", "true")?;
        row.append_child(&hint)?;
    }
    Ok((row, buttons[1].clone(), buttons[2].clone()))
}

/// The polite status region (announced on events, never every frame) and the alert region.
pub fn status_and_alert(root: &HtmlElement) -> Result<(HtmlElement, HtmlElement), JsValue> {
    let status: HtmlElement = element("div", "nndl-status", None)?;
    status.set_attribute("role", "status")?;
    status.set_attribute("aria-live", "polite")?;
    root.append_child(&status)?;
    let alert: HtmlElement = element("div", "nndl-alert", None)?;
    alert.set_attribute("role", "alert")?;
    root.append_child(&alert)?;
    Ok((status, alert))
}
