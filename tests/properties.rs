//! Property tests: whatever options a page gives and whatever a run does, nothing panics, every
//! number a widget shows is finite (or the run says it diverged), and costs are never negative.
#![cfg(not(target_arch = "wasm32"))]

use nndl_widgets::config::{
    parse, ExplorerConfig, ExplorerOptions, WidgetConfig, EXPLORER_SETTINGS,
};
use nndl_widgets::cost::Cost;
use nndl_widgets::explorer::Explorer;
use nndl_widgets::i18n::Lang;
use nndl_widgets::neuron::{NeuronTrainer, Rule, Setup};
use nndl_widgets::neuron_run::NeuronRun;
use nndl_widgets::runner::{Action, Mode, Stepper};
use proptest::prelude::*;

const NAMES: [&str; 31] = [
    "nndl",
    "lang",
    "preset",
    "cost",
    "rule",
    "w",
    "b",
    "eta",
    "x",
    "y",
    "epochs",
    "speed",
    "hidden",
    "lambda",
    "batch",
    "init",
    "data",
    "seed",
    "state",
    "",
    "ETA",
    "data-eta",
    "hide",
    "eta-quadratic",
    "eta-cross-entropy",
    "same-eta",
    "swapped",
    "view",
    "chart",
    "log",
    "id",
];

/// Option values: numbers of every shape, words, and arbitrary text.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| format!("{v:e}")),
        any::<i64>().prop_map(|v| v.to_string()),
        prop::sample::select(vec![
            "neuron",
            "explorer",
            "network",
            "mnist",
            "quadratic",
            "cross-entropy",
            "published",
            "gradient",
            "saturation1",
            "saturation4",
            "NaN",
            "inf",
            "-Infinity",
            "1e309",
            "0x10",
            " 1 ",
            "",
            "zh",
            "en",
            "small",
            "full",
            "large",
            "default",
            "+.5",
            "-0",
            "1e-320",
            "both",
            "true",
            "false",
            "surface",
            "eta,cost",
            "share, export",
        ])
        .prop_map(String::from),
        ".{0,12}",
    ]
}

fn options() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(
        (
            prop::sample::select(NAMES.to_vec()).prop_map(String::from),
            value(),
        ),
        0..8,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn options_never_panic_and_every_error_names_its_option(opts in options(), page in ".{0,6}") {
        let parsed = parse(opts.iter().map(|(k, v)| (k.as_str(), v.as_str())), Some(&page));
        match parsed.result {
            Ok(WidgetConfig::Neuron(c)) => {
                let s = c.setup;
                for v in [s.w, s.b, s.x, s.y, s.eta, c.speed] {
                    prop_assert!(v.is_finite());
                }
                prop_assert!(s.eta > 0.0 && (0.0..=1.0).contains(&s.y) && c.epochs >= 1);
            }
            Ok(_) => {}
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in errors {
                    for lang in Lang::ALL {
                        let m = e.message(lang);
                        prop_assert!(m.starts_with(&format!("data-{}=", e.option)), "{}", m);
                    }
                }
            }
        }
    }

    #[test]
    fn neuron_runs_stay_finite_and_costs_non_negative(
        w in -1000.0..1000.0f64, b in -1000.0..1000.0f64, x in -1000.0..1000.0f64,
        y in 0.0..=1.0f64, eta in 1e-6..1e6f64, quadratic: bool, published: bool,
        frames in prop::collection::vec(0.0..200.0f64, 1..50),
    ) {
        let cost = if quadratic { Cost::Quadratic } else { Cost::CrossEntropy };
        let rule = if published { Rule::Published } else { Rule::Gradient };
        let setup = Setup { cost, rule, x, y, eta, w, b };
        let config = nndl_widgets::config::NeuronConfig { setup, speed: 1e5, epochs: 2000 };
        let mut run = NeuronRun::new(config);
        run.act(Action::Run);
        for dt in frames {
            run.advance(dt);
            let s = run.snapshot();
            for v in [s.w, s.b, s.z, s.a, s.cost, s.dw, s.db] {
                prop_assert!(v.is_finite(), "{:?} in {:?}", s, run.mode());
            }
            prop_assert!(s.cost >= 0.0);
            if !matches!(run.mode(), Mode::Running) {
                break;
            }
        }
        prop_assert!(run.history().iter().all(|(_, c)| c.is_finite() && *c >= 0.0));
        // The trainer itself refuses a non-finite step rather than taking it.
        let mut t = NeuronTrainer::new(setup);
        for _ in 0..100 {
            if t.step().is_err() {
                break;
            }
        }
        prop_assert!(t.snapshot().w.is_finite());
    }
}

/// A well-formed IDX header of unsigned bytes, with the given dimensions, then `body`.
fn idx(dims: &[u32], body: &[u8]) -> Vec<u8> {
    let mut v = vec![0, 0, 8, dims.len() as u8];
    for d in dims {
        v.extend(d.to_be_bytes());
    }
    v.extend(body);
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn the_idx_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..64), ndims in 0u8..5) {
        let _ = nndl_widgets::data::idx::read(&bytes, "fuzz", ndims);
        let _ = nndl_widgets::data::idx::dims(&bytes, "fuzz");
    }

    #[test]
    fn headers_that_lie_about_sizes_are_errors(
        dims in prop::collection::vec(any::<u32>(), 1..4),
        body in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        let bytes = idx(&dims, &body);
        let n = dims.len() as u8;
        let expected: u128 = dims.iter().map(|&d| u128::from(d)).product();
        match nndl_widgets::data::idx::read(&bytes, "fuzz", n) {
            Ok(f) => prop_assert_eq!(f.data.len() as u128, expected),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

/// What a reader may do to an explorer: set anything to anything, act, let time pass.
#[derive(Clone, Debug)]
enum Event {
    Set(String, String),
    Act(Action),
    Advance(f64),
}

fn event() -> impl Strategy<Value = Event> {
    let names: Vec<&str> = EXPLORER_SETTINGS
        .iter()
        .copied()
        .chain(["colour", ""])
        .collect();
    prop_oneof![
        3 => (prop::sample::select(names).prop_map(String::from), value())
            .prop_map(|(k, v)| Event::Set(k, v)),
        // Values that are accepted, so that runs do go through many settings.
        3 => (prop::sample::select(vec!["w", "b", "x"]), -1000.0..1000.0f64)
            .prop_map(|(k, v)| Event::Set(k.into(), v.to_string())),
        2 => (prop::sample::select(vec!["eta", "eta-quadratic", "eta-cross-entropy"]), -6.0..6.0f64)
            .prop_map(|(k, p)| Event::Set(k.into(), 10f64.powf(p).to_string())),
        1 => prop::sample::select(vec!["0", "1", "0.3", "0.5"])
            .prop_map(|v| Event::Set("y".into(), v.into())),
        1 => prop::sample::select(vec!["true", "false"])
            .prop_map(|v| Event::Set("swapped".into(), v.into())),
        1 => prop::sample::select(vec!["gradient", "published"])
            .prop_map(|v| Event::Set("rule".into(), v.into())),
        2 => prop::sample::select(Action::ALL.to_vec())
            .prop_map(Event::Act),
        3 => (0.0..200.0f64).prop_map(Event::Advance),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn explorer_sessions_never_panic_and_show_only_meaningful_numbers(
        events in prop::collection::vec(event(), 1..40),
    ) {
        let config = ExplorerConfig { speed: 1e5, epochs: 3000, ..ExplorerConfig::default() };
        let mut e = Explorer::new(config);
        for ev in events {
            match ev {
                Event::Set(k, v) => {
                    let before = *e.config();
                    if e.set(&k, &v).is_err() {
                        prop_assert_eq!(*e.config(), before, "a refused value changes nothing");
                    }
                }
                Event::Act(a) => e.act(a),
                Event::Advance(dt) => {
                    e.advance(dt);
                }
            }
            let y = e.started().y;
            for r in e.racers() {
                let s = r.snapshot();
                for v in [s.w, s.b, s.z] {
                    prop_assert!(v.is_finite(), "{:?}", s);
                }
                prop_assert!((0.0..=1.0).contains(&s.a));
                prop_assert!(!s.cost.is_nan() && s.cost >= 0.0, "{:?}", s);
                // Only the swapped expression, and only for the targets 0 and 1, is infinite;
                // there its gradient is not a number either (as its note says), and nowhere else.
                if s.cost.is_infinite() {
                    prop_assert!(r.cost == Cost::Swapped && (y == 0.0 || y == 1.0));
                } else {
                    prop_assert!(s.dw.is_finite() && s.db.is_finite(), "{:?}", s);
                }
            }
        }
        let csv = e.csv();
        let rows: usize = e.racers().iter().map(|r| r.path().count()).sum();
        prop_assert_eq!(csv.lines().count(), 1 + rows);
    }

    #[test]
    fn a_shared_link_restores_any_configuration_exactly(
        events in prop::collection::vec(event(), 0..30), id in ".{1,12}", other in "[a-z]{0,8}",
    ) {
        let mut config = ExplorerConfig::default();
        for ev in events {
            if let Event::Set(k, v) = ev {
                let _ = config.set(&k, &v);
            }
        }
        let fragment = nndl_widgets::share::with_entry(&other, &id, &config.pairs());
        let pairs = nndl_widgets::share::entry(&fragment, &id).unwrap().unwrap();
        let page = ExplorerOptions { config: ExplorerConfig::default(), hidden: vec![], link_errors: vec![], labels: vec![] };
        let restored = page.with_link(&pairs);
        prop_assert!(restored.link_errors.is_empty(), "{:?}", restored.link_errors);
        prop_assert_eq!(restored.config, config);
    }
}
