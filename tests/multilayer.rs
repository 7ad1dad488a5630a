//! The multi-layer saturation demo: from the same saturated start, the sigmoid-quadratic run
//! plateaus (eq. 65) while sigmoid-cross-entropy (66–67) and linear-quadratic (68–70) learn at
//! once; a seed fixes every number; bad configurations are refused with a readable message.

use nndl_widgets::multilayer::{MultilayerDemo, MultilayerSetup, Pairing};
use std::time::Instant;

const SQ: Pairing = Pairing::SigmoidQuadratic;
const SCE: Pairing = Pairing::SigmoidCrossEntropy;
const LQ: Pairing = Pairing::LinearQuadratic;

fn run_to(demo: &mut MultilayerDemo, epoch: u32) {
    while demo.epoch() < epoch {
        demo.step_epoch().unwrap();
    }
}

/// The cost of `pairing` at `epoch` over the cost at epoch 0.
fn relative_cost(demo: &MultilayerDemo, pairing: Pairing, epoch: u32) -> f64 {
    let h = demo.run(pairing).cost_history();
    let (e, c) = h[epoch as usize];
    assert_eq!(e, epoch, "a short run keeps every epoch");
    c / h[0].1
}

#[test]
fn the_saturated_quadratic_run_plateaus_while_the_others_learn_at_once() {
    let mut demo = MultilayerDemo::new(MultilayerSetup::default()).unwrap();
    let end = demo.config().epochs;
    run_to(&mut demo, end);
    assert!(demo.is_finished());
    println!("cost at epochs 0, 10, 50, 100, {end}:");
    for p in Pairing::ALL {
        let h = demo.run(p).cost_history();
        let at: Vec<String> = [0, 10, 50, 100, end]
            .iter()
            .map(|&e| format!("{:.4}", h[e as usize].1))
            .collect();
        println!("  {:22} {}", p.name(), at.join("  "));
    }
    // Eq. (65): σ′(zᴸ) ≈ 0.001 holds the sigmoid-quadratic run where it started for a while.
    assert!(relative_cost(&demo, SQ, 40) > 0.99);
    // Eqs. (66–70): no σ′, the other two fall at once.
    assert!(relative_cost(&demo, SCE, 10) < 0.1);
    assert!(relative_cost(&demo, LQ, 10) < 0.01);
    // And the slow run gets there in the end: its plateau is a slowdown, not a dead end.
    assert!(relative_cost(&demo, SQ, end) < 0.1);
}

#[test]
fn the_plateau_does_not_depend_on_a_lucky_seed() {
    for seed in 1..=8 {
        let mut demo = MultilayerDemo::new(MultilayerSetup {
            seed,
            ..MultilayerSetup::default()
        })
        .unwrap();
        run_to(&mut demo, 20);
        let (sq, sce, lq) = (
            relative_cost(&demo, SQ, 20),
            relative_cost(&demo, SCE, 20),
            relative_cost(&demo, LQ, 20),
        );
        assert!(
            sq > 0.98 && sce < 0.1 && lq < 0.01,
            "seed {seed}: relative costs {sq}, {sce}, {lq} after 20 epochs"
        );
    }
}

#[test]
fn the_saturated_quadratic_gradient_is_small_at_the_start() {
    let demo = MultilayerDemo::new(MultilayerSetup::default()).unwrap();
    let g = |p: Pairing| demo.run(p).gradient_norm();
    println!(
        "‖∂C/∂wᴸ‖ at epoch 0: {} {:.5}, {} {:.5}, {} {:.5}",
        SQ,
        g(SQ),
        SCE,
        g(SCE),
        LQ,
        g(LQ)
    );
    assert!(g(SQ) < 0.01 * g(SCE) && g(SQ) < 0.01 * g(LQ));
    // The factor between the two sigmoid runs is about σ′(zᴸ), which both report alike.
    let sigma_prime = demo.run(SQ).sigma_prime().unwrap();
    assert_eq!(demo.run(SCE).sigma_prime(), Some(sigma_prime));
    assert_eq!(demo.run(LQ).sigma_prime(), None);
    let ratio = g(SQ) / g(SCE);
    assert!(
        ratio > 0.5 * sigma_prime && ratio < 2.0 * sigma_prime,
        "{ratio} vs σ′ {sigma_prime}"
    );
}

#[test]
fn mean_sigma_prime_is_the_mean_of_a_times_1_minus_a() {
    let mut demo = MultilayerDemo::new(MultilayerSetup::default()).unwrap();
    for epoch in [0, 5, 100] {
        run_to(&mut demo, epoch);
        for p in [SQ, SCE] {
            let run = demo.run(p);
            let data = demo.data();
            let mut x = vec![0.0; data.n_in()];
            let mut sum = 0.0;
            for i in 0..data.len() {
                data.input_into(i, &mut x);
                let a = f64::from(run.network().feedforward(&x).unwrap()[0]);
                sum += a * (1.0 - a);
            }
            let direct = sum / data.len() as f64;
            let reported = run.sigma_prime().unwrap();
            assert!(
                (reported - direct).abs() <= 1e-6 * direct.max(1e-3),
                "{p} at epoch {epoch}: {reported} vs {direct}"
            );
        }
    }
}

#[test]
fn the_three_runs_start_from_the_same_saturated_network() {
    let config = MultilayerSetup::default();
    let demo = MultilayerDemo::new(config).unwrap();
    let params = demo.run(SQ).network().params();
    for p in Pairing::ALL {
        let net = demo.run(p).network();
        assert_eq!(net.params(), params, "{p}");
        assert_eq!(net.architecture().sizes(), &[2, config.hidden, 1]);
        assert_eq!(net.architecture().output(), p.output());
        assert_eq!(net.architecture().cost(), p.cost());
        assert_eq!(net.layer(2).1, &[config.output_bias as f32]);
    }
    let data = demo.data();
    assert_eq!(data.len(), config.examples);
    let mut y = [0.0f32];
    let ones = (0..data.len())
        .filter(|&i| {
            data.target_into(i, &mut y);
            y[0] == 1.0
        })
        .count();
    assert!(ones > 10 && ones < 50, "{ones} targets of 1");
}

#[test]
fn a_seed_fixes_every_number_and_reset_goes_back_to_it() {
    let histories = |demo: &MultilayerDemo| {
        Pairing::ALL.map(|p| {
            let r = demo.run(p);
            (
                r.cost_history().to_vec(),
                r.gradient_norm_history().to_vec(),
                r.network().clone(),
            )
        })
    };
    let mut a = MultilayerDemo::new(MultilayerSetup::default()).unwrap();
    let mut b = MultilayerDemo::new(MultilayerSetup::default()).unwrap();
    run_to(&mut a, 50);
    run_to(&mut b, 50);
    assert_eq!(histories(&a), histories(&b));
    let first = histories(&a);
    a.reset();
    assert_eq!(a.epoch(), 0);
    assert_eq!(a.run(SQ).cost_history().len(), 1);
    run_to(&mut a, 50);
    assert_eq!(histories(&a), first);
    let mut c = MultilayerDemo::new(MultilayerSetup {
        seed: 2,
        ..MultilayerSetup::default()
    })
    .unwrap();
    run_to(&mut c, 50);
    assert_ne!(histories(&c), first);
    assert_ne!(c.data(), a.data());
}

#[test]
fn every_epoch_is_measured_and_finite_and_the_run_stops_at_its_end() {
    let config = MultilayerSetup {
        epochs: 120,
        ..MultilayerSetup::default()
    };
    let mut demo = MultilayerDemo::new(config).unwrap();
    run_to(&mut demo, 120);
    demo.step_epoch().unwrap();
    assert_eq!(demo.epoch(), 120, "a finished demo does not go on");
    for p in Pairing::ALL {
        let r = demo.run(p);
        // The mean σ′ is worked out only when asked (the widget never shows it).
        if p.output() == nndl_widgets::network::Output::Sigmoid {
            assert!(
                r.sigma_prime().is_some_and(|s| s.is_finite() && s >= 0.0),
                "{p}"
            );
        }
        for h in [r.cost_history(), r.gradient_norm_history()] {
            assert_eq!(h.len(), 121, "{p}");
            for (i, &(e, v)) in h.iter().enumerate() {
                assert_eq!(e as usize, i);
                assert!(v.is_finite() && v >= 0.0, "{p} at epoch {e}: {v}");
            }
        }
        assert_eq!(r.cost(), r.cost_history()[120].1);
        assert_eq!(r.gradient_norm(), r.gradient_norm_history()[120].1);
    }
}

#[test]
fn a_diverging_run_stops_the_demo_until_reset() {
    let mut demo = MultilayerDemo::new(MultilayerSetup {
        eta: 1e30,
        ..MultilayerSetup::default()
    })
    .unwrap();
    let d = demo.step_epoch().unwrap_err();
    let message = d.to_string();
    println!("{message}");
    assert!(
        message.contains(d.pairing.name()) && message.contains("smaller η"),
        "{message}"
    );
    assert_eq!(demo.step_epoch(), Err(d));
    assert_eq!(demo.diverged(), Some(d));
    assert_eq!(demo.epoch(), 0);
    for p in Pairing::ALL {
        assert_eq!(demo.run(p).cost_history().len(), 1);
        assert!(demo.run(p).network().params().iter().all(|w| w.is_finite()));
    }
    demo.reset();
    assert_eq!(demo.diverged(), None);
}

#[test]
fn bad_configurations_are_refused_with_a_readable_message() {
    let d = MultilayerSetup::default();
    let cases = [
        (MultilayerSetup { epochs: 0, ..d }, "epochs = 0"),
        (
            MultilayerSetup {
                epochs: 10_000_000,
                ..d
            },
            "between 1 and 100000 epochs",
        ),
        (
            MultilayerSetup { eta: 0.0, ..d },
            "η = 0: the learning rate must be a number > 0",
        ),
        (MultilayerSetup { eta: f64::NAN, ..d }, "η = NaN"),
        (MultilayerSetup { batch_size: 0, ..d }, "mini-batch size 0"),
        (
            MultilayerSetup {
                batch_size: 101,
                ..d
            },
            "the 100 training examples",
        ),
        (MultilayerSetup { hidden: 0, ..d }, "hidden = 0"),
        (
            MultilayerSetup { hidden: 5000, ..d },
            "between 1 and 100 neurons",
        ),
        (MultilayerSetup { examples: 0, ..d }, "examples = 0"),
        (
            MultilayerSetup {
                output_bias: f64::INFINITY,
                ..d
            },
            "output bias = inf",
        ),
        (
            MultilayerSetup {
                output_bias: -50.0,
                ..d
            },
            "between −20 and 20",
        ),
    ];
    for (config, expected) in cases {
        let Err(e) = MultilayerDemo::new(config) else {
            panic!("{config:?} was accepted");
        };
        assert!(
            e.to_string().contains(expected),
            "{e} (expected {expected:?})"
        );
    }
}

#[test]
fn pairing_names() {
    let names: Vec<&str> = Pairing::ALL.iter().map(|p| p.name()).collect();
    assert_eq!(
        names,
        [
            "sigmoid-quadratic",
            "sigmoid-cross-entropy",
            "linear-quadratic"
        ]
    );
    assert_eq!(SCE.to_string(), "sigmoid-cross-entropy");
}

/// Not a pass/fail test: prints how long one epoch of all three runs takes natively (the widget
/// runs them on the browser's main thread, so this should stay well under a millisecond).
#[test]
fn time_per_epoch() {
    let mut demo = MultilayerDemo::new(MultilayerSetup::default()).unwrap();
    let epochs = demo.config().epochs;
    let start = Instant::now();
    run_to(&mut demo, epochs);
    let per_epoch = start.elapsed() / epochs;
    println!(
        "one epoch of the three runs, measurements included: {per_epoch:?} ({} build)",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
}
