//! Mini-batch stochastic gradient descent with L2 regularisation, as network2.py's `SGD`: each
//! epoch shuffles the training data and steps once per mini-batch of m examples,
//!
//!   w ← (1 − ηλ/n) w − (η/m) Σₓ ∂Cₓ/∂w,   b ← b − (η/m) Σₓ ∂Cₓ/∂b
//!
//! (the section "Regularization", with the gradients of the unregularised cost Cₓ), n the size of the training set. The last mini-batch of an epoch is smaller when m does
//! not divide n, and m is then its own size, as in network2.py.
//!
//! The trainer steps one mini-batch at a time, so that a Web Worker can report progress within
//! an epoch. The buffers are allocated in [`Trainer::new`]; only the lists of a mini-batch's
//! non-zero inputs grow, to the largest mini-batch's.

use super::batch::Batch;
use super::kernels;
use super::net::{check_lambda, Evaluation, Network};
use super::rng::Rng;
use super::spec::{invalid, SetupError};
use super::train::{Workspace, MAX_BATCH};
use super::Real;
use crate::data::DataSet;
use std::fmt;

/// The hyper-parameters of a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sgd {
    /// The learning rate η.
    pub eta: f64,
    /// The regularisation parameter λ; 0 for none.
    pub lambda: f64,
    /// The mini-batch size m.
    pub batch_size: usize,
}

/// Where a run is, after a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Epochs completed.
    pub epoch: u32,
    /// Examples of the current epoch trained on so far (0 right after an epoch ends).
    pub done: usize,
    /// Examples per epoch: the training set's size.
    pub epoch_size: usize,
    /// Whether this step finished an epoch.
    pub epoch_finished: bool,
}

/// A mini-batch whose update would leave a weight or bias infinite or NaN. The network keeps
/// its last finite state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Diverged {
    /// The epoch it happened in, counting from 0.
    pub epoch: u32,
    /// The mini-batch of that epoch, counting from 0.
    pub batch: usize,
}

impl fmt::Display for Diverged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "diverged: the update for mini-batch {} of epoch {} is not a finite number (try a \
             smaller η)",
            self.batch, self.epoch
        )
    }
}

impl std::error::Error for Diverged {}

pub struct Trainer<T: Real = f32> {
    net: Network<T>,
    sgd: Sgd,
    training: DataSet,
    rng: Rng,
    /// The order of the training examples in this epoch.
    order: Vec<u32>,
    /// Examples of this epoch done; the next mini-batch starts at `order[done]`.
    done: usize,
    epoch: u32,
    engine: Engine<T>,
}

/// How a step is computed: `train`'s fast path, or for mini-batches too large for it the
/// plain loops of `batch`.
enum Engine<T> {
    Fast(Box<Workspace<T>>),
    Plain(Batch<T>),
}

impl<T: Real> Trainer<T> {
    /// A trainer for `net` on `training`; `rng` shuffles the data each epoch (pass on the
    /// generator that initialised the network, and one seed fixes the whole run).
    pub fn new(
        net: Network<T>,
        sgd: Sgd,
        training: DataSet,
        rng: Rng,
    ) -> Result<Trainer<T>, SetupError> {
        net.check_data(&training, "training")?;
        if !(sgd.eta.is_finite() && sgd.eta > 0.0) {
            return invalid(format!(
                "η = {}: the learning rate must be a number > 0, e.g. 0.5",
                sgd.eta
            ));
        }
        check_lambda(sgd.lambda)?;
        let n = training.len();
        if sgd.batch_size == 0 || sgd.batch_size > n {
            return invalid(format!(
                "mini-batch size {}: it must be between 1 and the {n} training examples",
                sgd.batch_size
            ));
        }
        let Ok(count) = u32::try_from(n) else {
            return invalid(format!("{n} training examples: at most {} fit", u32::MAX));
        };
        let engine = if sgd.batch_size <= MAX_BATCH {
            Engine::Fast(Box::new(Workspace::new(&net, &training, sgd.batch_size)))
        } else {
            Engine::Plain(Batch::new(&net, sgd.batch_size))
        };
        Ok(Trainer {
            net,
            sgd,
            training,
            rng,
            order: (0..count).collect(),
            done: 0,
            epoch: 0,
            engine,
        })
    }

    pub fn network(&self) -> &Network<T> {
        &self.net
    }

    pub fn into_network(self) -> Network<T> {
        self.net
    }

    pub fn training(&self) -> &DataSet {
        &self.training
    }

    /// Which build of the inner loops trains (see `kernels`): "avx2+fma", "sse2", "simd128",
    /// "simd128+relaxed" or "scalar". Runs with different ones round differently.
    pub fn kernels(&self) -> &'static str {
        match &self.engine {
            Engine::Fast(w) => w.kernels_name(),
            Engine::Plain(_) => "scalar",
        }
    }

    pub fn progress(&self) -> Progress {
        Progress {
            epoch: self.epoch,
            done: self.done,
            epoch_size: self.training.len(),
            epoch_finished: false,
        }
    }

    /// One mini-batch: feedforward, backpropagation and the update. The first of an epoch
    /// shuffles the training data.
    pub fn step(&mut self) -> Result<Progress, Diverged> {
        if self.done == 0 {
            self.rng.shuffle(&mut self.order);
        }
        let n = self.order.len();
        let end = n.min(self.done + self.sgd.batch_size);
        let m = end - self.done;
        let finite = match &mut self.engine {
            Engine::Fast(work) => {
                let (d, c) = self.sgd.factors::<T>(m, self.training.len());
                work.step(
                    &mut self.net,
                    &self.training,
                    &self.order[self.done..end],
                    d,
                    c,
                )
            }
            Engine::Plain(batch) => {
                batch.load(
                    &self.training,
                    self.order[self.done..end].iter().map(|&i| i as usize),
                );
                batch.feedforward(&self.net);
                batch.grad.fill(T::ZERO);
                batch.backprop(&self.net);
                update(
                    &mut self.net,
                    &self.sgd,
                    &mut batch.grad,
                    m,
                    self.training.len(),
                )
            }
        };
        if !finite {
            return Err(Diverged {
                epoch: self.epoch,
                batch: self.done / self.sgd.batch_size,
            });
        }
        self.done = end;
        let epoch_finished = end == n;
        if epoch_finished {
            self.done = 0;
            self.epoch += 1;
        }
        Ok(Progress {
            epoch_finished,
            ..self.progress()
        })
    }

    /// Mini-batches until the current epoch ends.
    pub fn run_epoch(&mut self) -> Result<Progress, Diverged> {
        loop {
            let p = self.step()?;
            if p.epoch_finished {
                return Ok(p);
            }
        }
    }

    /// The network's accuracy and total cost on `data`, with this run's λ.
    pub fn evaluate(&self, data: &DataSet) -> Result<Evaluation, SetupError> {
        self.net.evaluate(data, self.sgd.lambda)
    }
}

impl Sgd {
    /// The update's factors for a mini-batch of m examples out of n: the weight decay
    /// d = 1 − ηλ/n and c = η/m.
    fn factors<T: Real>(&self, m: usize, n: usize) -> (T, T) {
        (
            T::from_f64(1.0 - self.eta * self.lambda / n as f64),
            T::from_f64(self.eta / m as f64),
        )
    }
}

/// The update rule above for a mini-batch of m examples whose summed gradient is in `grad`. The
/// new parameters are written over the gradient and swapped in only if all are finite; the old
/// ones then sit in `grad`, which the next step clears.
fn update<T: Real>(net: &mut Network<T>, sgd: &Sgd, grad: &mut Vec<T>, m: usize, n: usize) -> bool {
    let (decay, c) = sgd.factors::<T>(m, n);
    kernels::step_all(net, grad, decay, c)
}
