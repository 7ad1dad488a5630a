//! The multi-layer saturation demo (eqs. 63–70): one small network, started with its output
//! layer saturated, trained three times side by side from the same weights, on the same data, in
//! the same mini-batch order. Only the output activation and the cost differ:
//!
//! - sigmoid outputs with the quadratic cost: δᴸ = (aᴸ − y) ⊙ σ′(zᴸ), so ∂C/∂wᴸⱼₖ carries the
//!   factor σ′(zᴸⱼ) (eq. 65), nearly 0 while the output neuron is saturated: a long plateau;
//! - sigmoid outputs with the cross-entropy: δᴸ = aᴸ − y (eqs. 66–67), no σ′, no plateau;
//! - linear outputs with the quadratic cost: δᴸ = aᴸ − y (eqs. 68–70), no plateau either.
//!
//! Plain Rust with no web types: the widget calls [`MultilayerDemo::step_epoch`] from its frame
//! loop and draws the histories. An epoch of all three runs with the preset, measurements
//! included, takes about 0.15 ms natively (`tests/saturation.rs` prints it), well under a
//! frame's budget.
//!
//! The three costs start on very different scales (about 0.38, 5.4 and 24 with the preset): a
//! chart compares them best as C/C₀ or on a log scale.
//!
//! ```
//! use nndl_widgets::multilayer::{Pairing, MultilayerSetup, MultilayerDemo};
//!
//! let mut demo = MultilayerDemo::new(MultilayerSetup::default())?;
//! for _ in 0..20 {
//!     demo.step_epoch()?;
//! }
//! let fallen = |p| demo.run(p).cost() / demo.run(p).start_cost();
//! // After 20 epochs the saturated sigmoid-quadratic run has barely moved; the others have.
//! assert!(fallen(Pairing::SigmoidQuadratic) > 0.9);
//! assert!(fallen(Pairing::SigmoidCrossEntropy) < 0.1);
//! assert!(fallen(Pairing::LinearQuadratic) < 0.1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::data::DataSet;
use crate::history::History;
use crate::network::{
    self, Architecture, Cost, Init, Network, Output, Rng, SetupError, Sgd, Trainer,
};
use std::fmt;

/// Most epochs a run may be configured for. [`History`] would keep any number bounded; this
/// only catches a typo before a page spins for minutes.
pub const MAX_EPOCHS: u32 = 100_000;
/// Most hidden neurons: beyond this an epoch of the three runs no longer fits comfortably in
/// one animation frame on a slow machine.
pub const MAX_HIDDEN: usize = 100;
/// Most examples, for the same reason.
pub const MAX_EXAMPLES: usize = 1_000;
/// Largest |bᴸ| at the start. At 20 already σ′(zᴸ) ≈ 2·10⁻⁹: the sigmoid-quadratic run would
/// not visibly move in any number of epochs a page can show, and the linear run starts with a
/// cost in the hundreds.
pub const MAX_OUTPUT_BIAS: f64 = 20.0;

/// The three output activation and cost pairs the demo compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pairing {
    /// Sigmoid outputs, quadratic cost: learns slowly while saturated (eq. 65).
    SigmoidQuadratic,
    /// Sigmoid outputs, cross-entropy cost (eqs. 63, 66–67).
    SigmoidCrossEntropy,
    /// Linear outputs, quadratic cost (eqs. 68–70).
    LinearQuadratic,
}

impl Pairing {
    /// The three runs, in the order the demo shows them.
    pub const ALL: [Pairing; 3] = [
        Pairing::SigmoidQuadratic,
        Pairing::SigmoidCrossEntropy,
        Pairing::LinearQuadratic,
    ];

    /// The name of the run, for options, labels and CSS classes.
    pub fn name(self) -> &'static str {
        match self {
            Pairing::SigmoidQuadratic => "sigmoid-quadratic",
            Pairing::SigmoidCrossEntropy => "sigmoid-cross-entropy",
            Pairing::LinearQuadratic => "linear-quadratic",
        }
    }

    pub fn output(self) -> Output {
        match self {
            Pairing::SigmoidQuadratic | Pairing::SigmoidCrossEntropy => Output::Sigmoid,
            Pairing::LinearQuadratic => Output::Linear,
        }
    }

    pub fn cost(self) -> Cost {
        match self {
            Pairing::SigmoidQuadratic | Pairing::LinearQuadratic => Cost::Quadratic,
            Pairing::SigmoidCrossEntropy => Cost::CrossEntropy,
        }
    }

    /// The equations that give this pairing's output-layer gradient.
    pub fn equations(self) -> &'static str {
        match self {
            Pairing::SigmoidQuadratic => "65",
            Pairing::SigmoidCrossEntropy => "66–67",
            Pairing::LinearQuadratic => "68–70",
        }
    }

    /// Its position in [`Pairing::ALL`].
    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Pairing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Everything that determines the demo: one seed fixes the data set, the starting weights and
/// every epoch's shuffle, the same natively and in wasm.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MultilayerSetup {
    pub seed: u64,
    /// How many epochs the runs go for.
    pub epochs: u32,
    /// The learning rate η, the same for all three runs so that they differ only in δᴸ.
    pub eta: f64,
    /// The mini-batch size m.
    pub batch_size: usize,
    /// Neurons in the one hidden layer: the network is [2, hidden, 1].
    pub hidden: usize,
    /// Examples in the generated data set (see [`corner`]).
    pub examples: usize,
    /// The output neuron's starting bias bᴸ, the same in all three runs. Large and positive,
    /// it saturates the output layer: zᴸ ≈ bᴸ for every example, so a sigmoid output starts
    /// near 1 while most targets are 0.
    pub output_bias: f64,
}

impl Default for MultilayerSetup {
    /// The demo's preset: [2, 8, 1] on 100 examples, η = 0.5, mini-batches of 10, 300 epochs,
    /// bᴸ = 7 (σ(7) ≈ 0.9991, σ′(7) ≈ 0.00091). The sigmoid-quadratic run then stays on its
    /// plateau for about 95 epochs (65 to 225 for seeds 1 to 8, as the hidden layer's random
    /// start varies), while the other two have learned the problem within 10. A smaller η
    /// slows the two fast runs visibly; with η = 1 the linear run's first steps, with δᴸ ≈ 7,
    /// are so large that it settles at three times the cost.
    fn default() -> MultilayerSetup {
        MultilayerSetup {
            seed: 1,
            epochs: 300,
            eta: 0.5,
            batch_size: 10,
            hidden: 8,
            examples: 100,
            output_bias: 7.0,
        }
    }
}

impl MultilayerSetup {
    /// Checks what the network's own checks do not (η and the mini-batch size are checked by
    /// [`Trainer::new`]).
    fn check(&self) -> Result<(), SetupError> {
        let fail = |m: String| Err(SetupError(m));
        if self.epochs == 0 || self.epochs > MAX_EPOCHS {
            return fail(format!(
                "epochs = {}: the demo runs between 1 and {MAX_EPOCHS} epochs, e.g. 300",
                self.epochs
            ));
        }
        if self.hidden == 0 || self.hidden > MAX_HIDDEN {
            return fail(format!(
                "hidden = {}: the hidden layer needs between 1 and {MAX_HIDDEN} neurons, e.g. 8",
                self.hidden
            ));
        }
        if self.examples == 0 || self.examples > MAX_EXAMPLES {
            return fail(format!(
                "examples = {}: the data set needs between 1 and {MAX_EXAMPLES} examples, e.g. \
                 100",
                self.examples
            ));
        }
        if !(self.output_bias.is_finite() && self.output_bias.abs() <= MAX_OUTPUT_BIAS) {
            return fail(format!(
                "output bias = {}: the output neuron's starting bias must be a number between \
                 −{MAX_OUTPUT_BIAS} and {MAX_OUTPUT_BIAS}, e.g. 7 to saturate it",
                self.output_bias
            ));
        }
        Ok(())
    }
}

/// The line that splits the examples: a point x is labelled 1 where x₁ + x₂ > `CORNER`, the
/// corner of the square [−1, 1]² beyond it, 1.125 of its area 4. So about 28% of the targets are
/// 1 and the rest 0, while the saturated sigmoid outputs all start near 1.
const CORNER: f64 = 0.5;

/// `n` points x uniform in the square [−1, 1]², with target y = 1 in the corner
/// x₁ + x₂ > ½ and 0 elsewhere: the 0 and 1 of the cross-entropy's derivation, on a problem
/// that the network learns in a few epochs once its output is no longer saturated, so that the
/// only plateau on the curves is the one eq. (65) explains.
pub fn corner(rng: &mut Rng, n: usize) -> Result<DataSet, SetupError> {
    let mut x = Vec::with_capacity(2 * n);
    let mut y = Vec::with_capacity(n);
    for _ in 0..n {
        let (x1, x2) = (2.0 * rng.uniform() - 1.0, 2.0 * rng.uniform() - 1.0);
        x.extend([x1 as f32, x2 as f32]);
        y.push(if x1 + x2 > CORNER { 1.0 } else { 0.0 });
    }
    DataSet::new(2, x, 1, y).map_err(|e| SetupError(e.to_string()))
}

/// A run's update that would leave a weight or bias infinite or NaN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Diverged {
    pub pairing: Pairing,
    pub at: network::Diverged,
}

impl fmt::Display for Diverged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} run {}", self.pairing, self.at)
    }
}

impl std::error::Error for Diverged {}

/// One of the three runs: its trainer and what it measured after each epoch.
pub struct Run {
    pairing: Pairing,
    trainer: Trainer,
    /// The total cost C over the data set (eq. 63 or the quadratic cost).
    cost: History,
    /// ‖∂C/∂wᴸ‖, the Euclidean norm of the output layer's weight gradient.
    gradient_norm: History,
    /// The two measurements at the current epoch, which the bounded histories may not keep.
    now: (f64, f64),
}

impl Run {
    /// A run from `net`, its measurements at epoch 0 taken.
    fn new(
        pairing: Pairing,
        net: Network,
        sgd: Sgd,
        data: &DataSet,
        rng: Rng,
    ) -> Result<Run, SetupError> {
        let mut run = Run {
            pairing,
            trainer: Trainer::new(net, sgd, data.clone(), rng)?,
            cost: History::default(),
            gradient_norm: History::default(),
            now: (f64::NAN, f64::NAN),
        };
        run.record(0)?;
        Ok(run)
    }

    /// Measures the network as it is after `epoch` epochs.
    fn record(&mut self, epoch: u32) -> Result<(), SetupError> {
        let net = self.trainer.network();
        let data = self.trainer.training();
        let cost = net.evaluate(data, 0.0)?.cost;
        self.cost.push(epoch, cost);
        let gradient = net.gradient(data, 0.0)?;
        let w = net.layer_range(net.architecture().layers()).0;
        let norm = gradient[w]
            .iter()
            .map(|&g| f64::from(g).powi(2))
            .sum::<f64>()
            .sqrt();
        self.gradient_norm.push(epoch, norm);
        self.now = (cost, norm);
        Ok(())
    }

    pub fn pairing(&self) -> Pairing {
        self.pairing
    }

    pub fn network(&self) -> &Network {
        self.trainer.network()
    }

    /// The total cost now.
    pub fn cost(&self) -> f64 {
        self.now.0
    }

    /// The total cost at epoch 0.
    pub fn start_cost(&self) -> f64 {
        self.cost.points()[0].1
    }

    /// ‖∂C/∂wᴸ‖ now.
    pub fn gradient_norm(&self) -> f64 {
        self.now.1
    }

    /// The mean σ′(zᴸ) over the data set now, for the sigmoid runs; worked out when asked (the
    /// widget shows the gradient norm, which carries it).
    pub fn sigma_prime(&self) -> Option<f64> {
        if self.pairing.output() != Output::Sigmoid {
            return None;
        }
        let net = self.trainer.network();
        SigmaProbe::new(self.trainer.training(), net)
            .and_then(|mut probe| probe.mean_sigma_prime(net))
            .ok()
    }

    /// (epoch, total cost) after each epoch so far, epoch 0 first, bounded in number.
    pub fn cost_history(&self) -> &[(u32, f64)] {
        self.cost.points()
    }

    /// (epoch, ‖∂C/∂wᴸ‖), as [`Run::cost_history`].
    pub fn gradient_norm_history(&self) -> &[(u32, f64)] {
        self.gradient_norm.points()
    }
}

/// Measures the mean σ′(zᴸ) of a network with one sigmoid output, by the identity
/// σ′(z) = a(1 − a) = ¼ − (a − ½)² = ¼ − 2·C(a, ½), C being the quadratic cost against the
/// target ½: one pass of [`Network::evaluate`], with the network's own portable arithmetic,
/// instead of a feedforward per example (an allocation each, which made it most of an epoch).
struct SigmaProbe {
    /// The data set's inputs, every target ½.
    halves: DataSet,
    /// Takes the measured network's weights and biases; sigmoid output, quadratic cost.
    net: Network,
}

impl SigmaProbe {
    fn new(data: &DataSet, start: &Network) -> Result<SigmaProbe, SetupError> {
        let n = data.len();
        let mut x = vec![0.0; n * data.n_in()];
        for (i, x) in x.chunks_exact_mut(data.n_in()).enumerate() {
            data.input_into(i, x);
        }
        let halves =
            DataSet::new(data.n_in(), x, 1, vec![0.5; n]).map_err(|e| SetupError(e.to_string()))?;
        let arch = Architecture::new(
            start.architecture().sizes(),
            Output::Sigmoid,
            Cost::Quadratic,
        )?;
        // `Network` is made only with random weights: any will do, they are overwritten.
        let mut net = Network::new(arch, Init::Default, &mut Rng::new(0));
        net.params_mut().copy_from_slice(start.params());
        Ok(SigmaProbe { halves, net })
    }

    /// The mean over the data set of σ′(zᴸ) for `net`'s weights and biases.
    fn mean_sigma_prime(&mut self, net: &Network) -> Result<f64, SetupError> {
        self.net.params_mut().copy_from_slice(net.params());
        Ok(0.25 - 2.0 * self.net.evaluate(&self.halves, 0.0)?.cost)
    }
}

/// The demo: three runs in step, and the state they all started from.
pub struct MultilayerDemo {
    config: MultilayerSetup,
    data: DataSet,
    /// The starting network of each run: the same weights and biases, different outputs and
    /// costs.
    start: [Network; 3],
    /// The generator after the data and the weights were drawn: each run shuffles with a
    /// copy, so that all three see the same mini-batches.
    shuffle: Rng,
    runs: [Run; 3],
    epoch: u32,
    diverged: Option<Diverged>,
}

impl MultilayerDemo {
    pub fn new(config: MultilayerSetup) -> Result<MultilayerDemo, SetupError> {
        config.check()?;
        let mut rng = Rng::new(config.seed);
        let data = corner(&mut rng, config.examples)?;
        let sizes = [2, config.hidden, 1];
        let network = |pairing: Pairing, rng: &mut Rng| -> Result<Network, SetupError> {
            let arch = Architecture::new(&sizes, pairing.output(), pairing.cost())?;
            let mut net = Network::new(arch, Init::Default, rng);
            let b = net.layer_range(2).1;
            net.params_mut()[b].fill(config.output_bias as f32);
            Ok(net)
        };
        // Each network from a copy of the same generator: the initialisation does not depend on
        // the output or the cost, so the three start with the same numbers. The first copy,
        // then past those draws, shuffles.
        let mut shuffle = rng.clone();
        let start = [
            network(Pairing::SigmoidQuadratic, &mut shuffle)?,
            network(Pairing::SigmoidCrossEntropy, &mut rng.clone())?,
            network(Pairing::LinearQuadratic, &mut rng.clone())?,
        ];
        let runs = make_runs(&config, &start, &data, &shuffle)?;
        Ok(MultilayerDemo {
            config,
            data,
            start,
            shuffle,
            runs,
            epoch: 0,
            diverged: None,
        })
    }

    pub fn config(&self) -> &MultilayerSetup {
        &self.config
    }

    /// The generated data set all three runs train on.
    pub fn data(&self) -> &DataSet {
        &self.data
    }

    /// Epochs completed by all three runs.
    pub fn epoch(&self) -> u32 {
        self.epoch
    }

    /// Whether the runs reached the configured number of epochs.
    pub fn is_finished(&self) -> bool {
        self.epoch == self.config.epochs
    }

    /// The divergence that stopped the demo, if one did.
    pub fn diverged(&self) -> Option<Diverged> {
        self.diverged
    }

    pub fn run(&self, pairing: Pairing) -> &Run {
        &self.runs[pairing.index()]
    }

    pub fn runs(&self) -> &[Run; 3] {
        &self.runs
    }

    /// One epoch of each run, then their measurements. Does nothing once the runs are
    /// finished. If a run diverges the demo stops, its epoch and histories where all three
    /// last completed an epoch (the runs trained before the diverging one did finish theirs,
    /// unmeasured), and returns the same error until [`MultilayerDemo::reset`].
    pub fn step_epoch(&mut self) -> Result<(), Diverged> {
        if let Some(d) = self.diverged {
            return Err(d);
        }
        if self.is_finished() {
            return Ok(());
        }
        for run in &mut self.runs {
            if let Err(at) = run.trainer.run_epoch() {
                let d = Diverged {
                    pairing: run.pairing,
                    at,
                };
                self.diverged = Some(d);
                return Err(d);
            }
        }
        self.epoch += 1;
        for run in &mut self.runs {
            run.record(self.epoch)
                .expect("the data set fits the network: both were checked in new");
        }
        Ok(())
    }

    /// Back to epoch 0: the same data, starting weights and shuffles.
    pub fn reset(&mut self) {
        self.runs = make_runs(&self.config, &self.start, &self.data, &self.shuffle)
            .expect("the same setup was accepted by new");
        self.epoch = 0;
        self.diverged = None;
    }
}

fn make_runs(
    config: &MultilayerSetup,
    start: &[Network; 3],
    data: &DataSet,
    shuffle: &Rng,
) -> Result<[Run; 3], SetupError> {
    let sgd = Sgd {
        eta: config.eta,
        lambda: 0.0,
        batch_size: config.batch_size,
    };
    let [a, b, c] = Pairing::ALL;
    Ok([
        Run::new(a, start[0].clone(), sgd, data, shuffle.clone())?,
        Run::new(b, start[1].clone(), sgd, data, shuffle.clone())?,
        Run::new(c, start[2].clone(), sgd, data, shuffle.clone())?,
    ])
}
