//! Property tests: whatever options a page gives and whatever a run does, nothing panics, every
//! number a widget shows is finite (or the run says it diverged), and costs are never negative.
#![cfg(not(target_arch = "wasm32"))]

use nndl_widgets::config::{parse, WidgetConfig};
use nndl_widgets::cost::Cost;
use nndl_widgets::i18n::Lang;
use nndl_widgets::neuron::{Rule, Setup, Trainer};
use nndl_widgets::run::{Action, Mode, NeuronRun};
use proptest::prelude::*;

const NAMES: [&str; 22] = [
    "nndl", "lang", "preset", "cost", "rule", "w", "b", "eta", "x", "y", "epochs", "speed",
    "hidden", "lambda", "batch", "init", "data", "seed", "state", "", "ETA", "data-eta",
];

/// Option values: numbers of every shape, words, and arbitrary text.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| format!("{v:e}")),
        any::<i64>().prop_map(|v| v.to_string()),
        prop::sample::select(vec![
            "neuron",
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
        let mut t = Trainer::new(setup);
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
