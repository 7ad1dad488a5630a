//! The network trainer: backpropagation against central finite differences for every output
//! and cost the book pairs, δᴸ = aᴸ − y where the book says so, the SGD update rule, training
//! on a small generated data set, determinism with a seed, and bad configurations.

use nndl_widgets::data::DataSet;
use nndl_widgets::network::{
    Architecture, Cost, Diverged, Init, Network, Output, Rng, SetupError, Sgd, Trainer,
};

/// The pairs `Architecture` accepts: each output with the costs the book uses it with.
const PAIRS: [(Output, Cost); 4] = [
    (Output::Sigmoid, Cost::Quadratic),
    (Output::Sigmoid, Cost::CrossEntropy),
    (Output::Linear, Cost::Quadratic),
    (Output::Softmax, Cost::LogLikelihood),
];

fn arch(sizes: &[usize], output: Output, cost: Cost) -> Architecture {
    Architecture::new(sizes, output, cost).unwrap()
}

/// n examples of random inputs in [−1, 1] and targets that suit the output: anything for a
/// linear output, numbers in [0, 1] for sigmoid, labels for softmax.
fn random_data(rng: &mut Rng, n: usize, n_in: usize, n_out: usize, output: Output) -> DataSet {
    let x: Vec<f32> = (0..n * n_in)
        .map(|_| (2.0 * rng.uniform() - 1.0) as f32)
        .collect();
    match output {
        Output::Softmax => {
            let labels = (0..n).map(|_| rng.below(n_out) as u8).collect();
            DataSet::classified(n_in, x, n_out, labels).unwrap()
        }
        Output::Sigmoid | Output::Linear => {
            let scale = if output == Output::Linear { 3.0 } else { 1.0 };
            let y = (0..n * n_out)
                .map(|_| (scale * rng.uniform()) as f32)
                .collect();
            DataSet::new(n_in, x, n_out, y).unwrap()
        }
    }
}

/// Checks ∂C/∂p from backpropagation against (C(p + h) − C(p − h)) / 2h for every weight and
/// bias p, C being the total cost `evaluate` reports, L2 term included.
fn check_gradient(net: &Network<f64>, data: &DataSet, lambda: f64, what: &str) {
    let grad = net.gradient(data, lambda).unwrap();
    let h = 1e-5;
    for (p, &g) in grad.iter().enumerate() {
        let cost_at = |delta: f64| {
            let mut moved = net.clone();
            moved.params_mut()[p] += delta;
            moved.evaluate(data, lambda).unwrap().cost
        };
        let numeric = (cost_at(h) - cost_at(-h)) / (2.0 * h);
        let error = (g - numeric).abs() / numeric.abs().max(1e-3);
        assert!(
            error < 1e-6,
            "{what}: parameter {p}: backprop {g} vs finite differences {numeric}"
        );
    }
}

#[test]
fn backpropagation_agrees_with_finite_differences_for_every_pair() {
    for (output, cost) in PAIRS {
        for sizes in [&[3, 4, 2][..], &[2, 3, 4, 3], &[4, 3]] {
            for lambda in [0.0, 0.7] {
                let mut rng = Rng::new(11);
                let a = arch(sizes, output, cost);
                let net: Network<f64> = Network::new(a, Init::Large, &mut rng);
                let data = random_data(&mut rng, 5, sizes[0], sizes[sizes.len() - 1], output);
                check_gradient(
                    &net,
                    &data,
                    lambda,
                    &format!("{output} + {cost}, sizes {sizes:?}, λ = {lambda}"),
                );
            }
        }
    }
}

#[test]
fn softmax_gradient_is_exact_also_for_targets_that_are_not_unit_vectors() {
    let mut rng = Rng::new(5);
    let a = arch(&[3, 4, 3], Output::Softmax, Cost::LogLikelihood);
    let net: Network<f64> = Network::new(a, Init::Default, &mut rng);
    let x: Vec<f32> = (0..12).map(|_| rng.uniform() as f32).collect();
    let y: Vec<f32> = (0..12).map(|_| rng.uniform() as f32).collect();
    let data = DataSet::new(3, x, 3, y).unwrap();
    check_gradient(&net, &data, 0.3, "softmax with soft targets");
}

#[test]
fn inputs_that_are_zero_are_handled_as_well() {
    // The first layer skips inputs that are 0; its gradient must still be right, and 0 for
    // the weights out of those inputs.
    let mut rng = Rng::new(3);
    let a = arch(&[4, 3, 2], Output::Sigmoid, Cost::CrossEntropy);
    let net: Network<f64> = Network::new(a, Init::Large, &mut rng);
    let x = vec![0.0, 0.5, 0.0, 1.0, 0.0, 0.25, 0.0, 0.0];
    let data = DataSet::new(4, x, 2, vec![1.0, 0.0, 0.0, 1.0]).unwrap();
    check_gradient(&net, &data, 0.0, "sparse inputs");
    let grad = net.gradient(&data, 0.0).unwrap();
    let (w, _) = net.layer_range(1);
    // Rows 0 and 2 of w¹ᵀ: the weights out of inputs 0 and 2, which are 0 in both examples.
    for k in [0, 2] {
        for j in 0..3 {
            assert_eq!(grad[w.start + k * 3 + j], 0.0);
        }
    }
}

#[test]
fn output_error_is_a_minus_y_where_the_book_says_so() {
    // ∂C/∂bᴸ = δᴸ (BP3), so the gradient of the output biases for one example is δᴸ.
    for (output, cost) in PAIRS {
        let mut rng = Rng::new(2);
        let a = arch(&[3, 5, 4], output, cost);
        let net: Network<f64> = Network::new(a, Init::Large, &mut rng);
        let data = random_data(&mut rng, 1, 3, 4, output);
        let mut x = vec![0.0f64; 3];
        let mut y = vec![0.0f64; 4];
        data.input_into(0, &mut x);
        data.target_into(0, &mut y);
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let a_out = net.feedforward(&x32).unwrap();
        let grad = net.gradient(&data, 0.0).unwrap();
        let (_, b) = net.layer_range(2);
        let delta = &grad[b];
        for j in 0..4 {
            let a_minus_y = a_out[j] - y[j];
            let want = match (output, cost) {
                // Eq. (65): the σ′(z) factor, σ′ = a(1 − a).
                (Output::Sigmoid, Cost::Quadratic) => a_minus_y * a_out[j] * (1.0 - a_out[j]),
                // Eqs. (66), (68), (81–82).
                _ => a_minus_y,
            };
            assert!(
                (delta[j] - want).abs() < 1e-12,
                "{output} + {cost}: δ_{j} = {} but a − y = {a_minus_y}",
                delta[j]
            );
        }
    }
}

#[test]
fn quadratic_cost_learns_slowly_where_cross_entropy_does_not() {
    // A saturated sigmoid output (z ≈ 10, y = 0): the quadratic cost's δ has the tiny σ′(z)
    // factor (65), the cross-entropy's does not (66).
    let delta = |cost| {
        let a = arch(&[1, 1], Output::Sigmoid, cost);
        let mut net: Network<f64> = Network::new(a, Init::Large, &mut Rng::new(1));
        net.params_mut().copy_from_slice(&[5.0, 5.0]);
        let data = DataSet::new(1, vec![1.0], 1, vec![0.0]).unwrap();
        net.gradient(&data, 0.0).unwrap()[1]
    };
    let (quadratic, cross_entropy) = (delta(Cost::Quadratic), delta(Cost::CrossEntropy));
    assert!(
        (cross_entropy - 0.999_954_6).abs() < 1e-6,
        "{cross_entropy}"
    );
    assert!(quadratic < 1e-4 * cross_entropy, "{quadratic}");
}

#[test]
fn one_step_on_the_whole_training_set_is_gradient_descent_on_the_total_cost() {
    // With m = n, w ← (1 − ηλ/n) w − (η/n) Σ ∂Cₓ/∂w is w − η ∂C/∂w for C with its L2 term.
    for (output, cost) in PAIRS {
        let mut rng = Rng::new(9);
        let a = arch(&[3, 4, 2], output, cost);
        let net: Network<f64> = Network::new(a, Init::Default, &mut rng);
        let data = random_data(&mut rng, 7, 3, 2, output);
        let (eta, lambda) = (0.3, 2.0);
        let grad = net.gradient(&data, lambda).unwrap();
        let want: Vec<f64> = net
            .params()
            .iter()
            .zip(&grad)
            .map(|(p, g)| p - eta * g)
            .collect();
        let sgd = Sgd {
            eta,
            lambda,
            batch_size: 7,
        };
        let mut trainer = Trainer::new(net, sgd, data, rng).unwrap();
        let progress = trainer.step().unwrap();
        assert!(progress.epoch_finished && progress.epoch == 1);
        for (p, w) in trainer.network().params().iter().zip(&want) {
            assert!((p - w).abs() < 1e-12, "{output} + {cost}: {p} vs {w}");
        }
    }
}

#[test]
fn a_short_last_mini_batch_is_averaged_over_its_own_size() {
    // Three identical examples in mini-batches of 2: the epoch's second step has one example.
    // Its update must be η times one example's gradient, as every full step is, so the run
    // equals one on a single example with mini-batches of 1 (λ = 0 makes n irrelevant).
    let run = |copies: usize, batch_size: usize| {
        let mut rng = Rng::new(4);
        let a = arch(&[2, 3, 1], Output::Sigmoid, Cost::CrossEntropy);
        let net: Network<f64> = Network::new(a, Init::Large, &mut rng);
        let x = [0.2f32, -0.7].repeat(copies);
        let data = DataSet::new(2, x, 1, vec![1.0; copies]).unwrap();
        let sgd = Sgd {
            eta: 0.5,
            lambda: 0.0,
            batch_size,
        };
        let mut trainer = Trainer::new(net, sgd, data, rng).unwrap();
        let mut progress = Vec::new();
        for _ in 0..2 {
            let p = trainer.step().unwrap();
            progress.push((p.epoch, p.done, p.epoch_finished));
        }
        (trainer.into_network(), progress)
    };
    let (three, progress) = run(3, 2);
    assert_eq!(progress, [(0, 2, false), (1, 0, true)]);
    let (one, _) = run(1, 1);
    assert_eq!(three.params(), one.params());
}

#[test]
fn weight_decay_uses_the_training_set_size_and_spares_the_biases() {
    // Four identical examples, mini-batches of 2: one step is
    // w ← (1 − ηλ/4) w − (η/2)·2g and b ← b − (η/2)·2g, g being one example's gradient.
    let mut rng = Rng::new(6);
    let a = arch(&[2, 3, 2], Output::Sigmoid, Cost::Quadratic);
    let net: Network<f64> = Network::new(a, Init::Large, &mut rng);
    let one = DataSet::new(2, vec![0.3, 0.9], 2, vec![1.0, 0.0]).unwrap();
    let four = DataSet::new(2, [0.3, 0.9].repeat(4), 2, [1.0, 0.0].repeat(4)).unwrap();
    let g = net.gradient(&one, 0.0).unwrap();
    let (eta, lambda) = (0.5, 3.0);
    let mut want = net.params().to_vec();
    for l in 1..=2 {
        let (w, b) = net.layer_range(l);
        for i in w {
            want[i] = (1.0 - eta * lambda / 4.0) * want[i] - eta * g[i];
        }
        for i in b {
            want[i] -= eta * g[i];
        }
    }
    let sgd = Sgd {
        eta,
        lambda,
        batch_size: 2,
    };
    let mut trainer = Trainer::new(net, sgd, four, rng).unwrap();
    trainer.step().unwrap();
    for (p, w) in trainer.network().params().iter().zip(&want) {
        assert!((p - w).abs() < 1e-12, "{p} vs {w}");
    }
}

/// Three classes of points in the plane around three centres, with a little overlap.
fn blobs(rng: &mut Rng, n: usize) -> DataSet {
    let centres = [(-1.0, -0.5), (1.0, -0.5), (0.0, 1.0)];
    let mut x = Vec::new();
    let mut labels = Vec::new();
    for i in 0..n {
        let c = i % 3;
        x.push((centres[c].0 + 0.4 * rng.normal()) as f32);
        x.push((centres[c].1 + 0.4 * rng.normal()) as f32);
        labels.push(c as u8);
    }
    DataSet::classified(2, x, 3, labels).unwrap()
}

fn train_blobs(seed: u64, output: Output, cost: Cost, epochs: u32) -> (Vec<f64>, Vec<f64>, f32) {
    let mut rng = Rng::new(seed);
    let data = blobs(&mut rng, 300);
    let test = blobs(&mut rng, 300);
    let net: Network = Network::new(arch(&[2, 8, 3], output, cost), Init::Default, &mut rng);
    let sgd = Sgd {
        eta: 0.5,
        lambda: 0.1,
        batch_size: 10,
    };
    let mut trainer = Trainer::new(net, sgd, data, rng).unwrap();
    let mut costs = vec![trainer.evaluate(trainer.training()).unwrap().cost];
    let mut accuracies = vec![trainer.evaluate(&test).unwrap().accuracy()];
    for _ in 0..epochs {
        let p = trainer.run_epoch().unwrap();
        assert!(p.epoch_finished && p.done == 0);
        costs.push(trainer.evaluate(trainer.training()).unwrap().cost);
        accuracies.push(trainer.evaluate(&test).unwrap().accuracy());
    }
    let w = trainer.network().params()[5];
    (costs, accuracies, w)
}

#[test]
fn training_on_generated_blobs_reduces_the_cost_and_classifies_them() {
    for (output, cost) in [
        (Output::Softmax, Cost::LogLikelihood),
        (Output::Sigmoid, Cost::CrossEntropy),
        (Output::Sigmoid, Cost::Quadratic),
    ] {
        let (costs, accuracies, _) = train_blobs(1, output, cost, 30);
        let last = costs.len() - 1;
        assert!(
            costs[last] < 0.6 * costs[0],
            "{output} + {cost}: cost {} → {}",
            costs[0],
            costs[last]
        );
        assert!(
            accuracies[last] > 0.9,
            "{output} + {cost}: accuracy {:?}",
            accuracies
        );
    }
}

#[test]
fn a_seed_fixes_the_whole_run() {
    let a = train_blobs(7, Output::Softmax, Cost::LogLikelihood, 5);
    let b = train_blobs(7, Output::Softmax, Cost::LogLikelihood, 5);
    assert_eq!(a, b);
    let c = train_blobs(8, Output::Softmax, Cost::LogLikelihood, 5);
    assert_ne!(a.2, c.2);
}

#[test]
fn initialisation_has_the_book_spreads() {
    let mut rng = Rng::new(1);
    for (init, sd) in [(Init::Large, 1.0), (Init::Default, 1.0 / 20.0)] {
        let net: Network = Network::new(
            arch(&[400, 300, 2], Output::Sigmoid, Cost::CrossEntropy),
            init,
            &mut rng,
        );
        let (w, b) = net.layer(1);
        let spread = |v: &[f32]| (v.iter().map(|x| x * x).sum::<f32>() / v.len() as f32).sqrt();
        assert!((spread(w) - sd).abs() < 0.01 * sd, "{init}: {}", spread(w));
        assert!(
            (spread(b) - 1.0).abs() < 0.15,
            "{init}: biases {}",
            spread(b)
        );
        // w(l, j, k) reads the transposed storage.
        assert_eq!(net.w(1, 7, 3), w[3 * 300 + 7]);
    }
}

#[test]
fn f32_and_f64_compute_the_same_gradient() {
    let mut rng = Rng::new(12);
    let a = arch(&[5, 6, 3], Output::Softmax, Cost::LogLikelihood);
    let net64: Network<f64> = Network::new(a.clone(), Init::Large, &mut rng.clone());
    let net32: Network<f32> = Network::new(a, Init::Large, &mut rng);
    let data = random_data(&mut Rng::new(13), 20, 5, 3, Output::Softmax);
    let g64 = net64.gradient(&data, 0.5).unwrap();
    let g32 = net32.gradient(&data, 0.5).unwrap();
    for (a, b) in g64.iter().zip(&g32) {
        assert!(
            (a - f64::from(*b)).abs() < 1e-5 * (1.0 + a.abs()),
            "{a} vs {b}"
        );
    }
}

#[test]
fn a_diverging_run_stops_with_the_last_finite_network() {
    let mut rng = Rng::new(1);
    let net: Network = Network::new(
        arch(&[1, 1], Output::Linear, Cost::Quadratic),
        Init::Large,
        &mut rng,
    );
    let data = DataSet::new(1, vec![1.0, 2.0], 1, vec![0.0, 1.0]).unwrap();
    let sgd = Sgd {
        eta: 50.0,
        lambda: 0.0,
        batch_size: 1,
    };
    let mut trainer = Trainer::new(net, sgd, data, rng).unwrap();
    let stopped = (0..1000).find_map(|_| trainer.step().err());
    let Some(Diverged { epoch, batch }) = stopped else {
        panic!("η = 50 should diverge");
    };
    assert!(batch < 2 && epoch > 0);
    assert!(trainer.network().params().iter().all(|p| p.is_finite()));
    let message = Diverged { epoch, batch }.to_string();
    assert!(message.contains("smaller η"), "{message}");
}

fn setup_error<T>(r: Result<T, SetupError>) -> String {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_architectures_are_errors_that_say_what_to_change() {
    let cases: [(&[usize], Output, Cost, &str); 8] = [
        (
            &[],
            Output::Sigmoid,
            Cost::CrossEntropy,
            "at least an input and an output",
        ),
        (
            &[784],
            Output::Sigmoid,
            Cost::CrossEntropy,
            "at least an input and an output",
        ),
        (
            &[784, 0, 10],
            Output::Sigmoid,
            Cost::CrossEntropy,
            "layer 1 has no neurons",
        ),
        (
            &[784, 100_000, 10],
            Output::Sigmoid,
            Cost::CrossEntropy,
            "more than the 10000",
        ),
        (
            &[5000, 5000, 5000],
            Output::Sigmoid,
            Cost::CrossEntropy,
            "weights and biases",
        ),
        (&[2, 3], Output::Softmax, Cost::Quadratic, "log-likelihood"),
        (&[2, 3], Output::Linear, Cost::CrossEntropy, "quadratic"),
        (
            &[2, 3],
            Output::Sigmoid,
            Cost::LogLikelihood,
            "quadratic or cross-entropy",
        ),
    ];
    for (sizes, output, cost, says) in cases {
        let e = setup_error(Architecture::new(sizes, output, cost));
        assert!(e.contains(says), "{sizes:?} {output} {cost}: {e}");
    }
    let e = setup_error(Cost::from_name("crossentropy"));
    assert!(e.contains("\"cross-entropy\""), "{e}");
    for o in Output::ALL {
        assert_eq!(Output::from_name(o.name()), Ok(*o));
    }
    for i in Init::ALL {
        assert_eq!(Init::from_name(i.name()), Ok(*i));
    }
}

#[test]
fn bad_training_settings_are_errors_that_say_what_to_change() {
    let mut rng = Rng::new(1);
    let a = arch(&[2, 3, 3], Output::Softmax, Cost::LogLikelihood);
    let net: Network = Network::new(a, Init::Default, &mut rng);
    let data = blobs(&mut rng, 30);
    let good = Sgd {
        eta: 0.5,
        lambda: 0.0,
        batch_size: 10,
    };
    let cases = [
        (
            Sgd { eta: 0.0, ..good },
            "learning rate must be a number > 0",
        ),
        (Sgd { eta: -1.0, ..good }, "learning rate"),
        (
            Sgd {
                eta: f64::NAN,
                ..good
            },
            "learning rate",
        ),
        (
            Sgd {
                eta: f64::INFINITY,
                ..good
            },
            "learning rate",
        ),
        (
            Sgd {
                lambda: -1.0,
                ..good
            },
            "regularisation parameter must be a number ≥ 0",
        ),
        (
            Sgd {
                lambda: f64::NAN,
                ..good
            },
            "regularisation",
        ),
        (
            Sgd {
                batch_size: 0,
                ..good
            },
            "between 1 and the 30 training examples",
        ),
        (
            Sgd {
                batch_size: 31,
                ..good
            },
            "between 1 and the 30",
        ),
    ];
    for (sgd, says) in cases {
        let e = setup_error(Trainer::new(net.clone(), sgd, data.clone(), rng.clone()));
        assert!(e.contains(says), "{sgd:?}: {e}");
    }
    // Data that does not fit the network.
    let wrong = DataSet::classified(3, vec![0.0; 6], 3, vec![0, 1]).unwrap();
    let e = setup_error(Trainer::new(net.clone(), good, wrong.clone(), rng.clone()));
    assert!(
        e.contains("3 inputs and 3 outputs per example, the network 2 and 3"),
        "{e}"
    );
    let e = setup_error(net.evaluate(&wrong, 0.0));
    assert!(e.contains("evaluation data"), "{e}");
    let empty = DataSet::classified(2, vec![], 3, vec![]).unwrap();
    let e = setup_error(Trainer::new(net.clone(), good, empty, rng));
    assert!(e.contains("no examples"), "{e}");
    let e = setup_error(net.feedforward(&[1.0]));
    assert!(e.contains("1 numbers for a network with 2 inputs"), "{e}");
}

#[test]
fn bad_data_sets_are_errors() {
    let e = DataSet::new(3, vec![0.0; 7], 1, vec![0.0; 2]).unwrap_err();
    assert!(
        e.to_string()
            .contains("7 inputs do not make whole examples of 3"),
        "{e}"
    );
    let e = DataSet::new(2, vec![0.0; 4], 1, vec![0.0; 3]).unwrap_err();
    assert!(
        e.to_string()
            .contains("inputs for 2 examples but targets for 3"),
        "{e}"
    );
    let e = DataSet::classified(1, vec![0.0; 2], 2, vec![0, 2]).unwrap_err();
    assert!(e.to_string().contains("label 2 of example 1"), "{e}");
    let e = DataSet::new(2, vec![0.0, 1.0, f32::NAN, 0.0], 1, vec![0.0; 2]).unwrap_err();
    assert!(e.to_string().contains("input 0 of example 1 is NaN"), "{e}");
    let e = DataSet::new(1, vec![0.0; 2], 2, vec![0.0, 1.0, 0.0, f32::INFINITY]).unwrap_err();
    assert!(
        e.to_string().contains("target 1 of example 1 is inf"),
        "{e}"
    );
    let e = DataSet::classified(0, vec![], 2, vec![]).unwrap_err();
    assert!(e.to_string().contains("size 0"), "{e}");
}

#[test]
fn progress_counts_examples_within_an_epoch() {
    let mut rng = Rng::new(1);
    let a = arch(&[2, 3, 3], Output::Softmax, Cost::LogLikelihood);
    let net: Network = Network::new(a, Init::Default, &mut rng);
    let data = blobs(&mut rng, 25);
    let sgd = Sgd {
        eta: 0.5,
        lambda: 0.0,
        batch_size: 10,
    };
    let mut trainer = Trainer::new(net, sgd, data, rng).unwrap();
    let done: Vec<(u32, usize, bool)> = (0..4)
        .map(|_| {
            let p = trainer.step().unwrap();
            assert_eq!(p.epoch_size, 25);
            (p.epoch, p.done, p.epoch_finished)
        })
        .collect();
    assert_eq!(
        done,
        [(0, 10, false), (0, 20, false), (1, 0, true), (1, 10, false)]
    );
    assert_eq!(trainer.progress().done, 10);
}

/// network2.py's `update_mini_batch`, transcribed: for each example its own backpropagation
/// (`backprop`: w·a + b, σ, δᴸ by the cost's `delta`, then δ = wᵀδ ⊙ σ′(z)), the gradients
/// summed, and w ← (1 − ηλ/n)w − (η/m)∇w, b ← b − (η/m)∇b. Matrices as network2 holds them:
/// w[l][j][k] from neuron k to neuron j. Independent of the crate's code but for `sigmoid`.
struct Network2 {
    w: Vec<Vec<Vec<f64>>>,
    b: Vec<Vec<f64>>,
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

impl Network2 {
    fn from(net: &Network<f64>) -> Network2 {
        let sizes = net.architecture().sizes();
        let layers = 1..sizes.len();
        Network2 {
            w: layers
                .clone()
                .map(|l| {
                    (0..sizes[l])
                        .map(|j| (0..sizes[l - 1]).map(|k| net.w(l, j, k)).collect())
                        .collect()
                })
                .collect(),
            b: layers.map(|l| net.layer(l).1.to_vec()).collect(),
        }
    }

    fn update_mini_batch(
        &mut self,
        batch: &[(Vec<f64>, Vec<f64>)],
        cost: Cost,
        eta: f64,
        lambda: f64,
        n: usize,
    ) {
        let mut nabla_w: Vec<Vec<Vec<f64>>> = self
            .w
            .iter()
            .map(|w| w.iter().map(|r| vec![0.0; r.len()]).collect())
            .collect();
        let mut nabla_b: Vec<Vec<f64>> = self.b.iter().map(|b| vec![0.0; b.len()]).collect();
        for (x, y) in batch {
            let mut activations = vec![x.clone()];
            let mut zs = Vec::new();
            for (w, b) in self.w.iter().zip(&self.b) {
                let a = activations.last().unwrap();
                let z: Vec<f64> = w
                    .iter()
                    .zip(b)
                    .map(|(row, b)| row.iter().zip(a).map(|(w, a)| w * a).sum::<f64>() + b)
                    .collect();
                activations.push(z.iter().map(|&z| sigmoid(z)).collect());
                zs.push(z);
            }
            let last = self.w.len() - 1;
            let a = &activations[last + 1];
            let mut delta: Vec<f64> = match cost {
                // QuadraticCost.delta: (a − y) σ′(z).
                Cost::Quadratic => (0..a.len())
                    .map(|j| (a[j] - y[j]) * sigmoid(zs[last][j]) * (1.0 - sigmoid(zs[last][j])))
                    .collect(),
                // CrossEntropyCost.delta: a − y.
                _ => (0..a.len()).map(|j| a[j] - y[j]).collect(),
            };
            for l in (0..=last).rev() {
                for (j, d) in delta.iter().enumerate() {
                    nabla_b[l][j] += d;
                    for (k, a) in activations[l].iter().enumerate() {
                        nabla_w[l][j][k] += d * a;
                    }
                }
                if l > 0 {
                    delta = (0..self.w[l][0].len())
                        .map(|k| {
                            let sp = sigmoid(zs[l - 1][k]) * (1.0 - sigmoid(zs[l - 1][k]));
                            (0..delta.len())
                                .map(|j| self.w[l][j][k] * delta[j])
                                .sum::<f64>()
                                * sp
                        })
                        .collect();
                }
            }
        }
        let m = batch.len() as f64;
        let decay = 1.0 - eta * (lambda / n as f64);
        for l in 0..self.w.len() {
            for j in 0..self.w[l].len() {
                for (w, nw) in self.w[l][j].iter_mut().zip(&nabla_w[l][j]) {
                    *w = decay * *w - (eta / m) * nw;
                }
                self.b[l][j] -= (eta / m) * nabla_b[l][j];
            }
        }
    }
}

#[test]
fn each_mini_batch_step_agrees_with_network2_to_rounding() {
    // [784, 30, 10] on 60 sparse "images", mini-batches of 10, for the book's two sigmoid
    // costs with and without L2. Each step starts network2 from our parameters, so the
    // difference is that step's rounding alone.
    let (n, n_in, m) = (60, 784, 10);
    let mut rng = Rng::new(21);
    let x: Vec<f32> = (0..n * n_in)
        .map(|_| {
            if rng.uniform() < 0.8 {
                0.0
            } else {
                rng.below(256) as f32 / 256.0
            }
        })
        .collect();
    let labels: Vec<u8> = (0..n).map(|_| rng.below(10) as u8).collect();
    let data = DataSet::classified(n_in, x.clone(), 10, labels.clone()).unwrap();
    let example = |i: usize| {
        let mut y = vec![0.0; 10];
        y[usize::from(labels[i])] = 1.0;
        (
            x[i * n_in..(i + 1) * n_in]
                .iter()
                .map(|&v| f64::from(v))
                .collect::<Vec<f64>>(),
            y,
        )
    };
    let mut worst: f64 = 0.0;
    for cost in [Cost::Quadratic, Cost::CrossEntropy] {
        for lambda in [0.0, 5.0] {
            let mut rng = Rng::new(1);
            let net: Network<f64> = Network::new(
                arch(&[n_in, 30, 10], Output::Sigmoid, cost),
                Init::Large,
                &mut rng,
            );
            let sgd = Sgd {
                eta: 0.5,
                lambda,
                batch_size: m,
            };
            // The trainer's shuffles, replayed: it draws from the generator it is given.
            let mut replay = rng.clone();
            let mut order: Vec<u32> = (0..n as u32).collect();
            let mut trainer = Trainer::new(net, sgd, data.clone(), rng).unwrap();
            for step in 0..12 {
                if step % (n / m) == 0 {
                    replay.shuffle(&mut order);
                }
                let start = (step % (n / m)) * m;
                let batch: Vec<_> = order[start..start + m]
                    .iter()
                    .map(|&i| example(i as usize))
                    .collect();
                let mut reference = Network2::from(trainer.network());
                reference.update_mini_batch(&batch, cost, 0.5, lambda, n);
                trainer.step().unwrap();
                let ours = Network2::from(trainer.network());
                for l in 0..2 {
                    for (rw, ow) in reference.w[l]
                        .iter()
                        .flatten()
                        .zip(ours.w[l].iter().flatten())
                    {
                        worst = worst.max((rw - ow).abs() / rw.abs().max(1.0));
                    }
                    for (rb, ob) in reference.b[l].iter().zip(&ours.b[l]) {
                        worst = worst.max((rb - ob).abs() / rb.abs().max(1.0));
                    }
                }
                assert!(
                    worst < 1e-14,
                    "{cost}, λ = {lambda}, step {step}: {worst:e}"
                );
            }
        }
    }
    eprintln!("largest difference from network2 in one step: {worst:e}");
}
