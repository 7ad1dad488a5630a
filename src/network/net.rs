//! A fully connected network: its weights and biases and their layout. What it does with data
//! (outputs, cost, accuracy, gradient) is in `evaluate`.

use super::rng::Rng;
use super::spec::{invalid, Architecture, Init, SetupError};
use super::Real;
use crate::data::DataSet;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq)]
pub struct Network<T: Real = f32> {
    arch: Architecture,
    /// All weights and biases, layer after layer: first wˡ transposed, nˡ⁻¹ rows of nˡ (so
    /// that element k·nˡ + j is wˡ_jk, the weight from neuron k of layer l − 1 to neuron j of
    /// layer l), then bˡ. Transposed because the inner loops then run along a layer's neurons
    /// (see `batch`).
    params: Vec<T>,
    /// Where wˡ starts in `params`, for l = 1..=L, and then the end.
    starts: Vec<usize>,
}

/// How a network does on a data set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluation {
    /// Examples evaluated.
    pub n: usize,
    /// Examples whose largest output is their class.
    pub correct: usize,
    /// The mean cost plus the L2 term ½(λ/n)Σw², n being this data set's size, as network2.py's
    /// `total_cost`.
    pub cost: f64,
}

impl Evaluation {
    /// The fraction classified right.
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.n as f64
    }
}

impl<T: Real> Network<T> {
    /// A network with random weights and biases drawn from `rng`: biases N(0, 1), weights
    /// N(0, 1) or N(0, 1/n_in), in network2.py's order (all biases, then all weights).
    pub fn new(arch: Architecture, init: Init, rng: &mut Rng) -> Network<T> {
        let sizes = arch.sizes();
        let mut starts = vec![0];
        for p in sizes.windows(2) {
            starts.push(starts[starts.len() - 1] + (p[0] + 1) * p[1]);
        }
        let mut net = Network {
            params: vec![T::ZERO; starts[starts.len() - 1]],
            starts,
            arch,
        };
        for l in 1..=net.arch.layers() {
            let b = net.layer_range(l).1;
            for b in &mut net.params[b] {
                *b = T::from_f64(rng.normal());
            }
        }
        for l in 1..=net.arch.layers() {
            let scale = match init {
                Init::Large => 1.0,
                Init::Default => 1.0 / (net.arch.sizes()[l - 1] as f64).sqrt(),
            };
            // Drawn row by row of wˡ, as numpy fills `randn(n_out, n_in)`.
            let (n_in, n) = (net.arch.sizes()[l - 1], net.arch.sizes()[l]);
            let start = net.layer_range(l).0.start;
            for j in 0..n {
                for k in 0..n_in {
                    net.params[start + k * n + j] = T::from_f64(rng.normal() * scale);
                }
            }
        }
        net
    }

    pub fn architecture(&self) -> &Architecture {
        &self.arch
    }

    /// All weights and biases: for each layer in turn, its weights as [`Network::layer`]
    /// gives them, then its biases.
    pub fn params(&self) -> &[T] {
        &self.params
    }

    /// All weights and biases, for setting them (e.g. to check a gradient numerically).
    pub fn params_mut(&mut self) -> &mut [T] {
        &mut self.params
    }

    /// wˡ_jk, the weight from neuron k of layer l − 1 to neuron j of layer l (l = 1..=L).
    pub fn w(&self, l: usize, j: usize, k: usize) -> T {
        self.layer(l).0[k * self.arch.sizes()[l] + j]
    }

    pub(crate) fn params_vec_mut(&mut self) -> &mut Vec<T> {
        &mut self.params
    }

    /// The positions of wˡ and bˡ in [`Network::params`], for l = 1..=L (1 is the first layer
    /// after the input).
    pub fn layer_range(&self, l: usize) -> (Range<usize>, Range<usize>) {
        let n = self.arch.sizes()[l];
        let (start, end) = (self.starts[l - 1], self.starts[l]);
        (start..end - n, end - n..end)
    }

    /// wˡ transposed (nˡ⁻¹ rows of nˡ: element k·nˡ + j is wˡ_jk) and bˡ, for l = 1..=L.
    pub fn layer(&self, l: usize) -> (&[T], &[T]) {
        let (w, b) = self.layer_range(l);
        (&self.params[w], &self.params[b])
    }

    /// Checks that `data` fits this network: as many inputs and outputs, and some examples.
    pub fn check_data(&self, data: &DataSet, what: &str) -> Result<(), SetupError> {
        let (n_in, n_out) = (self.arch.n_in(), self.arch.n_out());
        if data.n_in() != n_in || data.n_out() != n_out {
            return invalid(format!(
                "the {what} data has {} inputs and {} outputs per example, the network {n_in} \
                 and {n_out} (sizes {:?})",
                data.n_in(),
                data.n_out(),
                self.arch.sizes()
            ));
        }
        if data.is_empty() {
            return invalid(format!("the {what} data has no examples"));
        }
        Ok(())
    }
}

pub(crate) fn check_lambda(lambda: f64) -> Result<(), SetupError> {
    if !(lambda.is_finite() && lambda >= 0.0) {
        return invalid(format!(
            "λ = {lambda}: the regularisation parameter must be a number ≥ 0 (0 for none)"
        ));
    }
    Ok(())
}
