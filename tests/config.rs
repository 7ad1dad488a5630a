//! Options → Config: presets, overrides, and every kind of bad value the issue lists.

use nndl_widgets::config::{
    parse, MnistConfig, MnistData, NeuronConfig, Preset, Problem, WidgetConfig,
};
use nndl_widgets::cost::Cost;
use nndl_widgets::i18n::Lang;
use nndl_widgets::neuron::Rule;

fn neuron(options: &[(&str, &str)]) -> NeuronConfig {
    let all = [("nndl", "neuron")].iter().chain(options).copied();
    match parse(all, None).result {
        Ok(WidgetConfig::Neuron(c)) => c,
        other => panic!("{options:?} gave {other:?}"),
    }
}

fn mnist(options: &[(&str, &str)]) -> Result<MnistConfig, Vec<String>> {
    let all = [("nndl", "mnist")].iter().chain(options).copied();
    match parse(all, None).result {
        Ok(WidgetConfig::Mnist(c)) => Ok(c),
        Ok(other) => panic!("{other:?}"),
        Err(e) => Err(e.iter().map(|e| e.to_string()).collect()),
    }
}

#[test]
fn the_mnist_widget_defaults_to_the_books_figure_on_the_small_set() {
    use nndl_widgets::network::{Cost, Init};
    let c = mnist(&[]).unwrap();
    assert_eq!(
        (c.hidden, c.cost, c.eta, c.lambda),
        (30, Cost::CrossEntropy, 0.5, 0.0)
    );
    assert_eq!(
        (c.batch, c.epochs, c.init, c.data),
        (10, 30, Init::Large, MnistData::Small)
    );
    let c = mnist(&[
        ("hidden", "100"),
        ("cost", "quadratic"),
        ("eta", "3"),
        ("lambda", "5"),
        ("batch", "20"),
        ("epochs", "60"),
        ("init", "default"),
        ("data", "full"),
        ("seed", "7"),
    ])
    .unwrap();
    assert_eq!(
        (c.hidden, c.cost, c.eta, c.lambda),
        (100, Cost::Quadratic, 3.0, 5.0)
    );
    assert_eq!(
        (c.batch, c.epochs, c.init, c.data, c.seed),
        (20, 60, Init::Default, MnistData::Full, 7)
    );
}

#[test]
fn bad_mnist_options_are_named() {
    for (option, value, words) in [
        ("hidden", "0", "from 1 to 300"),
        ("hidden", "30.5", "not a whole number"),
        ("cost", "log-likelihood", "\"cross-entropy\", \"quadratic\""),
        ("eta", "-1", "greater than 0"),
        ("lambda", "-5", "from 0 to 1000"),
        ("batch", "0", "from 1 to 1000"),
        ("init", "zeros", "\"large\", \"default\""),
        ("data", "huge", "\"small\", \"full\""),
        ("seed", "-1", "out of range"),
        ("preset", "saturation1", "unknown option"),
    ] {
        let e = mnist(&[(option, value)]).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains(&format!("data-{option}=\"{value}\"")),
            "{e:?}"
        );
        assert!(
            e[0].contains(words),
            "{option}={value}: {e:?} lacks {words}"
        );
    }
}

#[test]
fn presets_carry_the_book_widgets_numbers() {
    let table = [
        (
            "saturation1",
            Cost::Quadratic,
            Rule::Gradient,
            0.6,
            0.9,
            0.15,
        ),
        (
            "saturation2",
            Cost::Quadratic,
            Rule::Gradient,
            2.0,
            2.0,
            0.15,
        ),
        (
            "saturation3",
            Cost::CrossEntropy,
            Rule::Published,
            0.6,
            0.9,
            0.005,
        ),
        (
            "saturation4",
            Cost::CrossEntropy,
            Rule::Published,
            2.0,
            2.0,
            0.005,
        ),
    ];
    for (name, cost, rule, w, b, eta) in table {
        let c = neuron(&[("preset", name)]);
        let s = c.setup;
        assert_eq!(
            (s.cost, s.rule, s.w, s.b, s.eta),
            (cost, rule, w, b, eta),
            "{name}"
        );
        assert_eq!((s.x, s.y, c.epochs, c.speed), (1.0, 0.0, 300, 60.0));
    }
    assert_eq!(Preset::ALL.len(), 4);
}

#[test]
fn without_a_preset_the_defaults_are_saturation1_with_the_gradient_rule() {
    let c = neuron(&[]);
    assert_eq!(c.setup.rule, Rule::Gradient);
    assert_eq!((c.setup.w, c.setup.b, c.setup.eta), (0.6, 0.9, 0.15));
    assert_eq!(c.setup.cost, Cost::Quadratic);
}

#[test]
fn explicit_options_override_the_preset_whatever_their_order() {
    let c = neuron(&[
        ("eta", "0.15"),
        ("rule", "gradient"),
        ("preset", "saturation4"),
        ("w", "-1.5e0"),
        ("b", " +3 "),
        ("x", "-2"),
        ("y", "0.25"),
        ("epochs", "1000"),
        ("speed", "120.5"),
    ]);
    let s = c.setup;
    assert_eq!(s.cost, Cost::CrossEntropy);
    assert_eq!(
        (s.rule, s.eta, s.w, s.b, s.x, s.y),
        (Rule::Gradient, 0.15, -1.5, 3.0, -2.0, 0.25)
    );
    assert_eq!((c.epochs, c.speed), (1000, 120.5));
}

#[test]
fn every_bad_option_names_the_option_the_value_and_what_is_accepted() {
    // option, value, words the message must contain
    let table: &[(&str, &str, &[&str])] = &[
        (
            "eta",
            "abc",
            &["data-eta=\"abc\"", "not a number", "greater than 0"],
        ),
        ("eta", "NaN", &["data-eta=\"NaN\"", "NaN", "greater than 0"]),
        ("eta", "Infinity", &["infinity", "greater than 0"]),
        ("eta", "-inf", &["infinity"]),
        ("eta", "0", &["must be greater than 0"]),
        ("eta", "-0.1", &["must be greater than 0"]),
        ("eta", "1e400", &["too large"]),
        ("eta", "2e6", &["too large", "at most 1000000"]),
        ("eta", "", &["not a number"]),
        ("w", "0x10", &["data-w=\"0x10\"", "not a number"]),
        ("w", "1,5", &["not a number"]),
        ("w", "1e9", &["out of range", "from -1000 to 1000"]),
        ("b", "-5000", &["out of range"]),
        ("x", "nan", &["NaN"]),
        (
            "y",
            "1.5",
            &["data-y=\"1.5\"", "out of range", "from 0 to 1"],
        ),
        ("y", "-0.1", &["out of range"]),
        (
            "epochs",
            "300.5",
            &["not a whole number", "whole number from 1 to 10000000"],
        ),
        ("epochs", "0", &["out of range"]),
        ("epochs", "-3", &["out of range"]),
        ("epochs", "1e12", &["out of range"]),
        (
            "speed",
            "0",
            &["out of range", "a number from 0.1 to 1000000"],
        ),
        ("speed", "1e-300", &["out of range"]),
        ("speed", "fast", &["not a number"]),
        (
            "cost",
            "entropy",
            &["unknown value", "\"quadratic\", \"cross-entropy\""],
        ),
        (
            "rule",
            "newton",
            &["unknown value", "\"gradient\", \"published\""],
        ),
        (
            "preset",
            "saturation5",
            &["unknown value", "\"saturation1\"", "\"saturation4\""],
        ),
        ("etta", "0.1", &["data-etta", "unknown option", "data-eta"]),
    ];
    for (option, value, words) in table {
        let errors = parse([("nndl", "neuron"), (*option, *value)], None)
            .result
            .unwrap_err();
        assert_eq!(errors.len(), 1, "{option}={value}: {errors:?}");
        assert_eq!(errors[0].option, *option);
        let message = errors[0].to_string();
        for w in *words {
            assert!(
                message.contains(w),
                "{option}={value}: {message:?} lacks {w:?}"
            );
        }
    }
}

#[test]
fn all_bad_options_are_reported_together() {
    let errors = parse(
        [("nndl", "neuron"), ("eta", "x"), ("y", "2"), ("cost", "?")],
        None,
    )
    .result
    .unwrap_err();
    let names: Vec<&str> = errors.iter().map(|e| e.option.as_str()).collect();
    assert_eq!(names.len(), 3);
    for n in ["eta", "y", "cost"] {
        assert!(names.contains(&n), "{names:?}");
    }
}

#[test]
fn an_unknown_or_missing_widget_kind_is_an_error() {
    let e = parse([("nndl", "perceptron")], None).result.unwrap_err();
    assert!(e[0].to_string().contains("unknown widget kind"));
    assert!(e[0]
        .to_string()
        .contains("\"neuron\", \"explorer\", \"network\", \"mnist\""));
    let e = parse([("eta", "0.1")], None).result.unwrap_err();
    assert_eq!(e[0].problem, Problem::NoKind);
}

#[test]
fn the_limits_themselves_are_accepted() {
    let c = neuron(&[
        ("w", "-1000"),
        ("b", "1000"),
        ("y", "1"),
        ("eta", "1e6"),
        ("epochs", "10000000"),
    ]);
    assert_eq!(
        (c.setup.w, c.setup.b, c.setup.y, c.epochs),
        (-1000.0, 1000.0, 1.0, 10_000_000)
    );
    let c = neuron(&[("y", "0"), ("epochs", "1"), ("speed", "1e6")]);
    assert_eq!((c.setup.y, c.epochs, c.speed), (0.0, 1, 1e6));
}

#[test]
fn the_language_is_data_lang_else_the_pages_else_english() {
    let lang = |options: &[(&str, &str)], page: Option<&str>| {
        let all = [("nndl", "neuron")].iter().chain(options).copied();
        parse(all, page).lang
    };
    assert_eq!(lang(&[], None), Lang::En);
    assert_eq!(lang(&[], Some("zh-CN")), Lang::Zh);
    assert_eq!(lang(&[], Some("fr")), Lang::En);
    assert_eq!(lang(&[("lang", "en")], Some("zh")), Lang::En);
    assert_eq!(lang(&[("lang", "zh")], Some("en")), Lang::Zh);
    assert_eq!(lang(&[("lang", "zh-Hans")], None), Lang::Zh);
}

#[test]
fn a_bad_language_is_reported_in_the_pages_language() {
    let p = parse([("nndl", "neuron"), ("lang", "klingon")], Some("zh"));
    assert_eq!(p.lang, Lang::Zh);
    let e = p.result.unwrap_err();
    assert_eq!(e[0].option, "lang");
    assert!(
        e[0].message(Lang::Zh).contains("\"en\"、\"zh\""),
        "{}",
        e[0].message(Lang::Zh)
    );
}

#[test]
fn option_errors_read_in_chinese_too() {
    let p = parse(
        [
            ("nndl", "neuron"),
            ("eta", "abc"),
            ("y", "1.5"),
            ("epochs", "2.5"),
        ],
        Some("zh-CN"),
    );
    let messages: Vec<String> = p
        .result
        .unwrap_err()
        .iter()
        .map(|e| e.message(p.lang))
        .collect();
    assert_eq!(
        messages,
        [
            "data-y=\"1.5\"：超出范围。可接受：0 到 1 之间的数。",
            "data-eta=\"abc\"：不是数字。可接受：大于 0 且不超过 1000000 的数。",
            "data-epochs=\"2.5\"：不是整数。可接受：1 到 10000000 之间的整数。",
        ]
    );
}

#[test]
fn the_network_widget_takes_eta_epochs_seed_and_speed() {
    let p = parse(
        [
            ("nndl", "network"),
            ("eta", "0.25"),
            ("epochs", "500"),
            ("seed", "3"),
            ("speed", "60"),
        ],
        None,
    );
    let Ok(WidgetConfig::Multilayer(c)) = p.result else {
        panic!("{:?}", p.result)
    };
    assert_eq!(
        (c.demo.eta, c.demo.epochs, c.demo.seed, c.speed),
        (0.25, 500, 3, 60.0)
    );
    let e = parse([("nndl", "network"), ("eta", "0"), ("hidden", "8")], None)
        .result
        .unwrap_err();
    assert_eq!(e.len(), 2);
    assert!(
        e[0].to_string()
            .contains("data-hidden=\"8\": unknown option"),
        "{e:?}"
    );
    assert!(
        e[1].to_string()
            .contains("data-eta=\"0\": must be greater than 0"),
        "{e:?}"
    );
}

mod explorer {
    use nndl_widgets::config::{parse, ExplorerConfig, ExplorerOptions, Place, WidgetConfig};

    fn explorer(options: &[(&str, &str)]) -> Result<ExplorerOptions, Vec<String>> {
        let mut all = vec![("nndl", "explorer")];
        all.extend_from_slice(options);
        match parse(all, None).result {
            Ok(WidgetConfig::Explorer(e)) => Ok(e),
            Ok(other) => panic!("not an explorer: {other:?}"),
            Err(errors) => Err(errors.iter().map(|e| e.to_string()).collect()),
        }
    }

    #[test]
    fn options_set_the_configuration() {
        let e = explorer(&[
            ("eta-quadratic", "0.5"),
            ("eta-cross-entropy", "0.005"),
            ("w", "-1.5"),
            ("cost", "cross-entropy"),
            ("hide", "eta, share"),
        ])
        .unwrap();
        assert_eq!(e.config.eta_quadratic, 0.5);
        assert_eq!(e.config.eta_cross_entropy, 0.005);
        assert!(!e.config.same_eta, "different rates are not tied");
        assert_eq!(e.config.w, -1.5);
        assert_eq!(e.hidden, vec!["eta", "share"]);
        let e = explorer(&[("eta", "0.3")]).unwrap();
        assert!(e.config.same_eta);
        assert_eq!(e.config.eta_cross_entropy, 0.3);
    }

    #[test]
    fn bad_options_are_all_reported() {
        let errors = explorer(&[
            ("w", "abc"),
            ("view", "3d"),
            ("same-eta", "yes"),
            ("hide", "eta,colour"),
            ("speeed", "3"),
        ])
        .unwrap_err();
        assert_eq!(errors.len(), 5, "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("data-hide=\"colour\"")));
        assert!(errors.iter().any(|e| e.contains("data-view=\"3d\"")));
    }

    #[test]
    fn a_link_round_trips_exactly_and_cannot_change_hidden_controls() {
        let mut c = ExplorerConfig::default();
        for (k, v) in [
            ("w", "0.1"),
            ("b", "-2.7182818284590451"),
            ("eta-quadratic", "0.123456789012345"),
            ("same-eta", "false"),
            ("eta-cross-entropy", "3e-7"),
            ("view", "surface"),
            ("swapped", "true"),
        ] {
            c.set(k, v).unwrap();
        }
        let link: Vec<(String, String)> = c
            .pairs()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let page = explorer(&[]).unwrap();
        assert_eq!(page.clone().with_link(&link).config, c);
        let hiding = explorer(&[("hide", "eta,view"), ("eta", "0.7")]).unwrap();
        let restored = hiding.with_link(&link).config;
        assert_eq!(restored.w, 0.1);
        assert_eq!(restored.view, ExplorerConfig::default().view);
        assert_eq!(restored.eta_quadratic, 0.7);
        assert_eq!(restored.eta_cross_entropy, 0.7);
        // A bad link changes nothing and says why.
        let bad = vec![
            ("w".to_string(), "1e999".to_string()),
            ("zz".into(), "1".into()),
        ];
        let e = page.with_link(&bad);
        assert_eq!(e.config, ExplorerConfig::default());
        assert_eq!(e.link_errors.len(), 2);
        assert!(e.link_errors.iter().all(|e| e.place == Place::Named));
        assert!(e
            .link_errors
            .iter()
            .any(|e| e.to_string().starts_with("w=\"1e999\"")));
    }
}
