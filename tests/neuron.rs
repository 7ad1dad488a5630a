//! The neuron trainer against an independent float64 recomputation (tests/reference/neuron.csv,
//! written by tests/reference/neuron_reference.py from the book's equations), against central
//! finite differences, and against what the book's text says the four demos do.

use nndl_widgets::config::Preset;
use nndl_widgets::cost::Cost;
use nndl_widgets::neuron::{NeuronTrainer, Rule, Setup, Snapshot};

const REFERENCE: &str = include_str!("reference/neuron.csv");

struct Row {
    case: String,
    setup: Setup,
    epoch: Option<u32>,
    values: [f64; 6],
}

fn reference() -> Vec<Row> {
    let mut lines = REFERENCE.lines();
    assert_eq!(
        lines.next().unwrap(),
        "case,cost,rule,x,y,w0,b0,eta,epoch,w,b,a,cost_value,dw,db"
    );
    lines
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let num = |i: usize| f[i].parse::<f64>().unwrap();
            let setup = Setup {
                cost: Cost::from_name(f[1]).unwrap(),
                rule: Rule::from_name(f[2]).unwrap(),
                x: num(3),
                y: num(4),
                w: num(5),
                b: num(6),
                eta: num(7),
            };
            let diverged = f[8] == "diverged";
            Row {
                case: f[0].to_string(),
                setup,
                epoch: (!diverged).then(|| f[8].parse().unwrap()),
                values: if diverged {
                    [f64::NAN; 6]
                } else {
                    [num(9), num(10), num(11), num(12), num(13), num(14)]
                },
            }
        })
        .collect()
}

fn close(got: f64, want: f64, rel: f64) -> bool {
    (got - want).abs() <= rel * want.abs().max(1e-300)
}

#[test]
fn every_kept_epoch_agrees_with_the_independent_recomputation_to_1e_12() {
    let rows = reference();
    assert!(rows.len() > 100);
    let mut checked = 0;
    let mut trainer: Option<(String, NeuronTrainer)> = None;
    for row in rows {
        if trainer
            .as_ref()
            .map(|(c, _)| c != &row.case)
            .unwrap_or(true)
        {
            trainer = Some((row.case.clone(), NeuronTrainer::new(row.setup)));
        }
        let (_, t) = trainer.as_mut().unwrap();
        let Some(epoch) = row.epoch else {
            // The textbook formulas failed: ours must report divergence within the run too
            // rather than produce a non-finite state.
            let diverged = (t.epoch()..300).any(|_| t.step().is_err());
            assert!(
                diverged,
                "{}: the reference diverged, ours did not",
                row.case
            );
            assert!(t.snapshot().w.is_finite());
            continue;
        };
        while t.epoch() < epoch {
            t.step()
                .unwrap_or_else(|e| panic!("{} at epoch {}: {e}", row.case, t.epoch()));
        }
        let s: Snapshot = t.snapshot();
        let got = [s.w, s.b, s.a, s.cost, s.dw, s.db];
        let names = ["w", "b", "a", "cost", "dC/dw", "dC/db"];
        for i in 0..6 {
            // The cost and the gradients go to 0 with a − y, which both sides compute by a
            // subtraction that loses relative precision as a approaches y: below 1e-15 they
            // are compared absolutely.
            let near_zero = i >= 3 && (got[i] - row.values[i]).abs() <= 1e-15;
            assert!(
                close(got[i], row.values[i], 1e-12) || near_zero,
                "{} epoch {epoch}: {} = {:e}, reference {:e} (relative error {:e})",
                row.case,
                names[i],
                got[i],
                row.values[i],
                (got[i] - row.values[i]).abs() / row.values[i].abs()
            );
        }
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn gradients_agree_with_central_finite_differences() {
    let h = 1e-6;
    let mut checked = 0;
    for cost in Cost::ALL {
        for (x, y) in [(1.0, 0.0), (-1.5, 0.3), (2.0, 1.0), (0.5, 0.8), (-3.0, 0.5)] {
            for (w, b) in [
                (0.6, 0.9),
                (2.0, 2.0),
                (-1.0, 0.3),
                (0.1, -2.5),
                (4.0, -1.0),
            ] {
                let setup = Setup {
                    cost,
                    rule: Rule::Gradient,
                    x,
                    y,
                    eta: 0.1,
                    w,
                    b,
                };
                let s = NeuronTrainer::new(setup).snapshot();
                let c =
                    |w: f64, b: f64| NeuronTrainer::new(Setup { w, b, ..setup }).snapshot().cost;
                let fd_w = (c(w + h, b) - c(w - h, b)) / (2.0 * h);
                let fd_b = (c(w, b + h) - c(w, b - h)) / (2.0 * h);
                for (name, g, fd) in [("w", s.dw, fd_w), ("b", s.db, fd_b)] {
                    // Central differences are good to O(h²) plus a rounding error of about
                    // ε·C/h ≈ 1e-10 here.
                    assert!(
                        (g - fd).abs() <= 1e-6 * g.abs() + 1e-9,
                        "{cost} x={x} y={y} w={w} b={b}: dC/d{name} = {g}, finite difference {fd}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 50);
}

fn run(preset: Preset, rule: Option<Rule>, eta: Option<f64>) -> Vec<Snapshot> {
    let mut setup = preset.config().setup;
    setup.rule = rule.unwrap_or(setup.rule);
    setup.eta = eta.unwrap_or(setup.eta);
    let mut t = NeuronTrainer::new(setup);
    let mut out = vec![t.snapshot()];
    for _ in 0..preset.config().epochs {
        t.step().unwrap();
        out.push(t.snapshot());
    }
    out
}

#[test]
fn the_four_demos_do_what_the_book_says() {
    // saturation1: starts at 0.82, ends near 0.09.
    let r = run(Preset::Saturation1, None, None);
    assert_eq!(r.len(), 301);
    assert!((r[0].a - 0.82).abs() < 0.005 && (r[300].a - 0.09).abs() < 0.005);

    // saturation2: starts at 0.98, hardly moves for about 150 epochs, then learns, ending near 0.20.
    let r = run(Preset::Saturation2, None, None);
    assert!((r[0].a - 0.98).abs() < 0.005);
    assert!(r[0].a - r[100].a < 0.03, "no plateau: {}", r[100].a);
    assert!(
        r[150].a > 0.9 && r[250].a < 0.4,
        "{} {}",
        r[150].a,
        r[250].a
    );
    assert!((r[300].a - 0.20).abs() < 0.005);

    // saturation3 and 4, as published: learn as well as the quadratic case, and for w = b = 2
    // quickly, with no plateau; they end near 0.04 and 0.05.
    let r3 = run(Preset::Saturation3, None, None);
    assert!((r3[300].a - 0.04).abs() < 0.005);
    let r4 = run(Preset::Saturation4, None, None);
    assert!((r4[300].a - 0.05).abs() < 0.005);
    assert!(r4[50].a < 0.6, "plateau in saturation4: {}", r4[50].a);

    // With the true gradient (61-62) and the published eta = 0.005, the w = b = 2 neuron only gets
    // to about 0.78, the discrepancy SPEC.md describes; eta = 0.15 makes it learn quickly.
    let g = run(Preset::Saturation4, Some(Rule::Gradient), None);
    assert!((g[300].a - 0.78).abs() < 0.005);
    let g = run(Preset::Saturation4, Some(Rule::Gradient), Some(0.15));
    assert!(g[30].a < 0.5 && g[300].a < 0.02, "{} {}", g[30].a, g[300].a);
}

#[test]
fn the_published_quadratic_rule_is_the_gradient_when_x_is_1() {
    for preset in [Preset::Saturation1, Preset::Saturation2] {
        assert_eq!(
            run(preset, Some(Rule::Published), None),
            run(preset, Some(Rule::Gradient), None)
        );
    }
}

#[test]
fn a_huge_learning_rate_diverges_cleanly_instead_of_producing_nan() {
    let mut setup = Preset::Saturation4.config().setup;
    setup.eta = 1e6;
    let mut t = NeuronTrainer::new(setup);
    let err = (0..10_000)
        .find_map(|_| t.step().err())
        .expect("should diverge");
    let s = t.snapshot();
    assert_eq!(err.epoch, s.epoch);
    for v in [s.w, s.b, s.a, s.cost, s.dw, s.db] {
        assert!(v.is_finite(), "{s:?}");
    }
    assert!(err.to_string().contains("diverged"));
    // It stays diverged: a further step is refused again and changes nothing.
    assert!(t.step().is_err());
    assert_eq!(t.snapshot(), s);
}

#[test]
fn costs_are_never_negative_and_the_state_stays_finite_when_saturated() {
    for cost in Cost::ALL {
        for rule in Rule::ALL {
            let mut t = NeuronTrainer::new(Setup {
                cost,
                rule,
                x: 1.0,
                y: 0.0,
                eta: 0.15,
                w: 1000.0,
                b: 1000.0,
            });
            for _ in 0..1000 {
                let s = t.snapshot();
                assert!(s.cost >= 0.0 && s.cost.is_finite(), "{cost} {rule}: {s:?}");
                if t.step().is_err() {
                    break;
                }
            }
        }
    }
}
