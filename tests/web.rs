//! The wasm glue in headless Chrome: mounting, stepping updates the readouts, the chart is drawn,
//! bad options give an alert. Run with `wasm-pack test --headless --chrome`, or as `make test` does.
#![cfg(target_arch = "wasm32")]

use nndl_widgets::web::mount;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement, MutationObserver,
    MutationObserverInit,
};

wasm_bindgen_test_configure!(run_in_browser);

fn div(attributes: &[(&str, &str)]) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let el: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    for (k, v) in attributes {
        el.set_attribute(k, v).unwrap();
    }
    el.style().set_property("width", "600px").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn readout(root: &Element, name: &str) -> (String, f64) {
    let el = find(root, &format!("[data-readout=\"{name}\"]"));
    let value = el.get_attribute("data-value").unwrap().parse().unwrap();
    (el.text_content().unwrap(), value)
}

/// The share of the canvas's pixels that are not white.
fn inked(root: &Element) -> f64 {
    let canvas: HtmlCanvasElement = find(root, "canvas").dyn_into().unwrap();
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let (w, h) = (canvas.width(), canvas.height());
    let data = ctx
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .unwrap()
        .data();
    let ink = data
        .chunks(4)
        .filter(|p| p[3] > 0 && (p[0] < 200 || p[1] < 200 || p[2] < 200))
        .count();
    ink as f64 / f64::from(w * h)
}

#[wasm_bindgen_test]
fn mounting_builds_the_widget_with_the_presets_start() {
    let root = div(&[("data-nndl", "neuron"), ("data-preset", "saturation2")]);
    let widget = mount(root.clone()).unwrap();
    assert!(!widget.failed());
    assert!(!widget.running());
    assert_eq!(root.get_attribute("data-state").as_deref(), Some("ready"));
    assert_eq!(readout(&root, "epoch"), ("0 / 300".into(), 0.0));
    assert_eq!(readout(&root, "w"), ("+2.000".into(), 2.0));
    let (text, a) = readout(&root, "output");
    assert_eq!(text, "0.982");
    assert!((a - 1.0 / (1.0 + (-4.0f64).exp())).abs() < 1e-15);
    for action in ["run", "pause", "step", "reset"] {
        find(&root, &format!("button[data-action=\"{action}\"]"));
    }
    assert!(
        find(&root, ".nndl-note").has_attribute("hidden"),
        "no rule note for a quadratic demo"
    );
}

#[wasm_bindgen_test]
fn a_step_updates_every_readout_to_the_same_new_state() {
    let root = div(&[("data-nndl", "neuron"), ("data-preset", "saturation1")]);
    let mut widget = mount(root.clone()).unwrap();
    assert!(!widget.act("step").unwrap());
    let (_, w) = readout(&root, "w");
    let (_, b) = readout(&root, "b");
    let (_, a) = readout(&root, "output");
    let (_, c) = readout(&root, "cost");
    // One step of (55)-(56) from w = 0.6, b = 0.9, x = 1, y = 0, η = 0.15.
    let a0 = 1.0 / (1.0 + (-1.5f64).exp());
    let d = a0 * a0 * (1.0 - a0);
    assert_eq!(readout(&root, "epoch"), ("1 / 300".into(), 1.0));
    assert!((w - (0.6 - 0.15 * d)).abs() < 1e-15);
    assert!((b - (0.9 - 0.15 * d)).abs() < 1e-15);
    let a1 = 1.0 / (1.0 + (-(w + b)).exp());
    assert!((a - a1).abs() < 1e-15);
    assert!((c - a1 * a1 / 2.0).abs() < 1e-15);
    assert_eq!(root.get_attribute("data-state").as_deref(), Some("paused"));
}

#[wasm_bindgen_test]
fn running_advances_by_elapsed_time_and_stops_at_the_last_epoch() {
    let root = div(&[
        ("data-nndl", "neuron"),
        ("data-epochs", "20"),
        ("data-speed", "100"),
    ]);
    let mut widget = mount(root.clone()).unwrap();
    assert!(widget.act("run").unwrap());
    assert!(widget.advance(50.0).unwrap());
    assert_eq!(readout(&root, "epoch").1, 5.0);
    // Frames capped at 100 ms: 10 epochs each, and never past the last.
    assert!(!widget.advance(100.0).unwrap() || !widget.advance(100.0).unwrap());
    assert_eq!(readout(&root, "epoch"), ("20 / 20".into(), 20.0));
    assert_eq!(
        root.get_attribute("data-state").as_deref(),
        Some("finished")
    );
    assert!(!widget.running());
}

#[wasm_bindgen_test]
fn the_chart_is_drawn_and_changes_as_the_neuron_learns() {
    let root = div(&[("data-nndl", "neuron"), ("data-preset", "saturation3")]);
    let mut widget = mount(root.clone()).unwrap();
    let before = inked(&root);
    assert!(before > 0.01, "the canvas is blank: {before}");
    widget.act("run").unwrap();
    for _ in 0..40 {
        widget.advance(100.0).unwrap();
    }
    let after = inked(&root);
    assert!(
        after > before,
        "the cost curve did not appear: {before} → {after}"
    );
    assert!(
        !find(&root, ".nndl-note").has_attribute("hidden"),
        "the published-rule note shows"
    );
}

#[wasm_bindgen_test]
fn the_canvas_backing_store_follows_the_device_pixel_ratio() {
    let root = div(&[("data-nndl", "neuron")]);
    mount(root.clone()).unwrap();
    let canvas: HtmlCanvasElement = find(&root, "canvas").dyn_into().unwrap();
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let css = canvas.get_bounding_client_rect();
    assert!((f64::from(canvas.width()) - css.width() * ratio).abs() <= 1.0);
    assert!((f64::from(canvas.height()) - css.height() * ratio).abs() <= 1.0);
}

#[wasm_bindgen_test]
fn bad_options_give_an_alert_not_a_panic() {
    let root = div(&[
        ("data-nndl", "neuron"),
        ("data-eta", "NaN"),
        ("data-y", "7"),
    ]);
    let mut widget = mount(root.clone()).unwrap();
    assert!(widget.failed());
    let alert = find(&root, "[role=\"alert\"]").text_content().unwrap();
    assert!(alert.contains("data-eta=\"NaN\""), "{alert}");
    assert!(alert.contains("data-y=\"7\""), "{alert}");
    assert!(alert.contains("from 0 to 1"), "{alert}");
    assert!(root.query_selector("canvas").unwrap().is_none());
    assert!(!widget.act("run").unwrap(), "a failed widget does nothing");
}

#[wasm_bindgen_test]
fn an_unknown_action_is_a_readable_js_error() {
    let root = div(&[("data-nndl", "neuron")]);
    let mut widget = mount(root).unwrap();
    assert!(widget.act("explode").is_err());
}

#[wasm_bindgen_test]
fn plotters_does_not_measure_text_through_the_page() {
    // plotters' own text measuring appends a span to <body> for every label and removes it again;
    // ours asks the canvas. takeRecords() lists every change to <body>'s children since observe().
    let body = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap();
    let root = div(&[("data-nndl", "neuron")]);
    let observer = MutationObserver::new(&js_sys::Function::new_no_args("")).unwrap();
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    observer.observe_with_options(&body, &init).unwrap();
    let mut widget = mount(root).unwrap();
    widget.act("step").unwrap();
    assert_eq!(observer.take_records().length(), 0);
    observer.disconnect();
}

#[wasm_bindgen_test]
fn the_words_follow_data_lang_else_the_nearest_lang_attribute() {
    let zh = div(&[("data-nndl", "neuron"), ("data-lang", "zh")]);
    mount(zh.clone()).unwrap();
    assert_eq!(
        find(&zh, "[data-action=\"run\"]").text_content().unwrap(),
        "运行"
    );

    let page = div(&[("lang", "zh-CN")]);
    let inner = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("div")
        .unwrap();
    inner.set_attribute("data-nndl", "neuron").unwrap();
    inner.set_attribute("data-eta", "快").unwrap();
    page.append_child(&inner).unwrap();
    mount(inner.clone().dyn_into().unwrap()).unwrap();
    let alert = find(&inner, "[role=\"alert\"]").text_content().unwrap();
    assert!(alert.contains("data-eta=\"快\"：不是数字"), "{alert}");

    let en = div(&[("data-nndl", "neuron")]);
    mount(en.clone()).unwrap();
    assert_eq!(
        find(&en, "[data-action=\"run\"]").text_content().unwrap(),
        "Run"
    );
}

#[wasm_bindgen_test]
fn the_explorer_mounts_with_a_readout_group_per_raced_cost_and_takes_settings() {
    let root = div(&[("data-nndl", "explorer"), ("id", "glue-explorer")]);
    let mut widget = mount(root.clone()).unwrap();
    assert!(!widget.failed());
    assert_eq!(readout(&root, "quadratic.w"), ("+2.000".into(), 2.0));
    assert_eq!(
        readout(&root, "cross-entropy.epoch"),
        ("0 / 300".into(), 0.0)
    );
    widget.set("w", "-1", false).unwrap();
    assert_eq!(readout(&root, "cross-entropy.w").1, -1.0);
    // A slider's position is the setting's value, or its log₁₀ for η.
    widget.set("eta-quadratic", "-1", true).unwrap();
    let number: web_sys::HtmlInputElement = find(
        &root,
        "input[type=\"text\"][data-control=\"eta-cross-entropy\"]",
    )
    .dyn_into()
    .unwrap();
    assert_eq!(number.value(), "0.1", "same η ties the two");
    // A bad value is shown beside its control and changes nothing; an unknown name throws.
    widget.set("w", "NaN", false).unwrap();
    let error = find(&root, "[data-field=\"w\"] .nndl-field-error");
    assert!(error.text_content().unwrap().contains("NaN"));
    assert_eq!(readout(&root, "quadratic.w").1, -1.0);
    assert!(widget.set("colour", "red", false).is_err());
    widget.act("step").unwrap();
    let csv = widget.csv().unwrap();
    assert!(csv.starts_with("cost,epoch,eta,w,b,z,a,C,dC/dw,dC/db,sigma_prime\n"));
    assert_eq!(csv.lines().count(), 1 + 2 * 2);
    let fragment = widget.share_fragment("intro").unwrap();
    assert!(
        fragment.starts_with("intro&glue-explorer:cost=both;rule=gradient;w=-1;"),
        "{fragment}"
    );
    // A widget without an id has no link to share.
    let anonymous = mount(div(&[("data-nndl", "explorer")])).unwrap();
    assert_eq!(anonymous.share_fragment(""), None);
}

#[wasm_bindgen_test]
fn every_explorer_view_draws_without_measuring_text_through_the_page() {
    let body = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap();
    let root = div(&[("data-nndl", "explorer"), ("data-y", "0.3")]);
    let mut widget = mount(root.clone()).unwrap();
    let observer = MutationObserver::new(&js_sys::Function::new_no_args("")).unwrap();
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    observer.observe_with_options(&body, &init).unwrap();
    for _ in 0..20 {
        widget.act("step").unwrap();
    }
    for view in ["race", "speed", "surface", "sigma"] {
        widget.set("view", view, false).unwrap();
        for log in ["false", "true"] {
            widget.set("log", log, false).unwrap();
            assert!(inked(&root) > 0.005, "{view} is drawn");
        }
    }
    widget.set("chart", "both", false).unwrap();
    assert_eq!(observer.take_records().length(), 0);
    observer.disconnect();
}

#[wasm_bindgen_test]
fn the_mnist_widget_sends_typed_messages_and_words_the_workers_in_its_language() {
    use nndl_widgets::config::MnistConfig;
    use nndl_widgets::messages::{Digits, FromWorker, Sizes, ToWorker, WorkerError};
    let el = div(&[
        ("data-nndl", "mnist"),
        ("data-lang", "zh"),
        ("data-hidden", "20"),
    ]);
    let mut widget = mount(el.clone()).unwrap();
    assert!(widget.worker());
    widget.act("run").unwrap();
    let messages = widget.take_messages().unwrap();
    assert_eq!(messages.len(), 1);
    let start: ToWorker = serde_wasm_bindgen::from_value(messages[0].clone()).unwrap();
    let config = MnistConfig {
        hidden: 20,
        ..MnistConfig::default()
    };
    assert_eq!(
        start,
        ToWorker::Start {
            run: 1,
            config,
            data: Digits::Small
        }
    );
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("loading"));
    let send = |w: &mut nndl_widgets::web::Widget, m: &FromWorker| {
        w.receive(serde_wasm_bindgen::to_value(m).unwrap()).unwrap()
    };
    // An earlier run's figures are ignored; this run's are shown.
    let sizes = Sizes {
        training: 5000,
        validation: 0,
        test: 1000,
    };
    let loaded = |run| FromWorker::Loaded {
        run,
        sizes,
        kernels: "simd128".into(),
        pixels: vec![0; 784],
        labels: vec![7],
    };
    send(&mut widget, &loaded(0));
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("loading"));
    send(&mut widget, &loaded(1));
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("running"));
    // The worker's error, typed, is worded in the widget's language.
    send(
        &mut widget,
        &FromWorker::Error {
            run: Some(1),
            error: WorkerError::Diverged {
                epoch: 2,
                batch: 40,
            },
        },
    );
    // A divergence ends the run as diverged, said in its status line.
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("diverged"));
    let status = find(&el, "[role=\"status\"]").text_content().unwrap();
    assert!(
        status.contains("发散") && status.contains("第 2 轮"),
        "{status}"
    );
    // Any other error fails a run, with an alert.
    widget.act("run").unwrap();
    send(
        &mut widget,
        &FromWorker::Error {
            run: Some(2),
            error: WorkerError::Fetch {
                file: "/data/x.gz".into(),
                status: 404,
            },
        },
    );
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("failed"));
    let alert = find(&el, "[role=\"alert\"]").text_content().unwrap();
    assert!(alert.contains("无法取得 /data/x.gz"), "{alert}");
    // Anything that is not one of its messages is a readable error, not a panic.
    let bad = widget.receive(wasm_bindgen::JsValue::from_str("nonsense"));
    assert!(bad.is_err());
}

#[wasm_bindgen_test]
fn the_mnist_widget_shows_validation_accuracy_when_its_digits_have_a_validation_set() {
    use nndl_widgets::messages::{FromWorker, Sizes};
    let el = div(&[("data-nndl", "mnist"), ("data-data", "full")]);
    let mut widget = mount(el.clone()).unwrap();
    let item = |el: &HtmlElement| {
        find(el, "[data-readout=\"validation\"]")
            .parent_element()
            .unwrap()
            .has_attribute("hidden")
    };
    assert!(!item(&el), "the full data has a validation set");
    widget.act("run").unwrap();
    widget.take_messages().unwrap();
    let send = |w: &mut nndl_widgets::web::Widget, m: &FromWorker| {
        w.receive(serde_wasm_bindgen::to_value(m).unwrap()).unwrap()
    };
    let sizes = Sizes {
        training: 50_000,
        validation: 10_000,
        test: 10_000,
    };
    send(
        &mut widget,
        &FromWorker::Loaded {
            run: 1,
            sizes,
            kernels: "simd128+relaxed".into(),
            pixels: vec![0; 784],
            labels: vec![7],
        },
    );
    send(
        &mut widget,
        &FromWorker::Epoch {
            run: 1,
            epoch: 1,
            accuracy: 0.9,
            cost: 0.5,
            validation_accuracy: Some(0.9125),
            guesses: vec![7],
        },
    );
    let (text, value) = readout(&el, "validation");
    assert_eq!((text.as_str(), value), ("91.25%", 0.9125));
    // The summary says which build trained, and that relaxed SIMD may round otherwise elsewhere.
    let summary = el
        .query_selector(".nndl-summary")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        summary.contains("simd128+relaxed kernels (fused multiply-adds)")
            && summary.contains("on another CPU the last digits may differ"),
        "{summary}"
    );
    assert!(!item(&el));
    // The small set has none: its readout is hidden.
    let small = div(&[("data-nndl", "mnist")]);
    let _w = mount(small.clone()).unwrap();
    assert!(item(&small));
}

#[wasm_bindgen_test]
fn the_mnist_widget_ends_its_worker_whenever_it_is_idle_and_holds_nothing_the_next_runs_need() {
    use nndl_widgets::messages::{Digits, FromWorker, ToWorker, WorkerError};
    let el = div(&[("data-nndl", "mnist")]);
    let mut widget = mount(el.clone()).unwrap();
    let sent = |w: &mut nndl_widgets::web::Widget| -> Vec<ToWorker> {
        w.take_messages()
            .unwrap()
            .into_iter()
            .map(|m| serde_wasm_bindgen::from_value(m).unwrap())
            .collect()
    };
    let send = |w: &mut nndl_widgets::web::Widget, m: &FromWorker| {
        w.receive(serde_wasm_bindgen::to_value(m).unwrap()).unwrap()
    };
    // A run on the served digits: the worker ends with it, whether it finishes or is cancelled.
    widget.act("run").unwrap();
    assert!(matches!(sent(&mut widget)[..], [ToWorker::Start { .. }]));
    send(&mut widget, &FromWorker::Done { run: 1 });
    assert_eq!(sent(&mut widget), vec![ToWorker::Quit]);
    widget.act("run").unwrap();
    sent(&mut widget);
    widget.act("cancel").unwrap();
    assert_eq!(sent(&mut widget), vec![ToWorker::Cancel, ToWorker::Quit]);
    // The reader's files: kept by the worker while in use, across a finished run.
    widget.files_sent().unwrap();
    send(
        &mut widget,
        &FromWorker::Files {
            names: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        },
    );
    assert_eq!(sent(&mut widget), vec![]);
    widget.act("run").unwrap();
    assert!(matches!(
        sent(&mut widget)[..],
        [ToWorker::Start {
            run: 3,
            data: Digits::Files,
            ..
        }]
    ));
    send(&mut widget, &FromWorker::Done { run: 3 });
    assert_eq!(sent(&mut widget), vec![]);
    // ... and ended when the reader goes back to the served digits.
    widget.set("data", "served", false).unwrap();
    assert_eq!(sent(&mut widget), vec![ToWorker::Quit]);
    // A refused set: the worker, holding its bytes, ends.
    widget.files_sent().unwrap();
    send(
        &mut widget,
        &FromWorker::Error {
            run: None,
            error: WorkerError::FileCount { given: 3 },
        },
    );
    assert_eq!(sent(&mut widget), vec![ToWorker::Quit]);
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("failed"));
}
