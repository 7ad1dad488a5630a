//! Feedforward and backpropagation for a whole mini-batch at once, as matrices with one row per
//! example, in buffers allocated once and reused for every batch.
//!
//! Notation as in the book: layer 0 is the input x = a⁰, layer L the output; zˡ = wˡaˡ⁻¹ + bˡ,
//! aˡ = σ(zˡ) (eq. 25); δˡ = ∂C/∂zˡ.
//!
//! The weights are stored transposed (see `Network`), so that zˡ is built as bˡ plus, for each
//! input k, aˡ⁻¹_k times row k of wˡᵀ: every inner loop runs along the neurons of a layer, and an
//! input that is 0 can be skipped whole. Most of an MNIST image is 0 (four pixels in five), so
//! the first layer, nearly all of the work, gets about five times cheaper; the sums are the same,
//! term for term, as the dense ones.

use super::kernels::{axpy, dot};
use super::math;
use super::net::Network;
use super::spec::{Cost, Output};
use super::Real;
use crate::data::DataSet;

pub(crate) struct Batch<T> {
    /// Most examples the buffers hold.
    capacity: usize,
    /// Examples loaded now.
    m: usize,
    /// a[l]: each example's activations of layer l, one row each; a[0] holds the inputs.
    a: Vec<Vec<T>>,
    /// For each loaded example, the positions k where its input x_k is not 0: row r holds
    /// `nonzero_len[r]` of them, from `r·n_in` on.
    nonzero: Vec<u32>,
    nonzero_len: Vec<usize>,
    /// zᴸ: the cross-entropy, the log-likelihood and σ′(zᴸ) are computed from it, so that they
    /// stay finite and non-zero where aᴸ rounds to 0 or 1.
    z: Vec<T>,
    /// delta[l] for l ≥ 1, one row per example; delta[0] stays empty, the inputs need none.
    delta: Vec<Vec<T>>,
    /// The desired outputs y, one row per example.
    y: Vec<T>,
    /// Each example's class, for the accuracy.
    class: Vec<usize>,
    /// Σₓ ∂Cₓ/∂w and Σₓ ∂Cₓ/∂b over the examples backpropagated since it was last cleared, laid
    /// out as the network's parameters.
    pub grad: Vec<T>,
}

impl<T: Real> Batch<T> {
    pub fn new(net: &Network<T>, capacity: usize) -> Batch<T> {
        let sizes = net.architecture().sizes();
        let rows = |n: usize| vec![T::ZERO; capacity * n];
        Batch {
            capacity,
            m: 0,
            a: sizes.iter().map(|&n| rows(n)).collect(),
            nonzero: vec![0; capacity * sizes[0]],
            nonzero_len: vec![0; capacity],
            z: rows(net.architecture().n_out()),
            delta: sizes
                .iter()
                .enumerate()
                .map(|(l, &n)| if l == 0 { Vec::new() } else { rows(n) })
                .collect(),
            y: rows(net.architecture().n_out()),
            class: vec![0; capacity],
            grad: vec![T::ZERO; net.params().len()],
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Copies the examples `indices` of `data` in (at most `capacity` of them).
    pub fn load(&mut self, data: &DataSet, indices: impl ExactSizeIterator<Item = usize>) {
        let (n_in, n_out) = (data.n_in(), data.n_out());
        self.m = indices.len().min(self.capacity);
        for (r, i) in indices.take(self.m).enumerate() {
            let x = &mut self.a[0][r * n_in..(r + 1) * n_in];
            data.input_into(i, x);
            // Without a branch, which the pattern of the zeros would keep mispredicting.
            let nonzero = &mut self.nonzero[r * n_in..(r + 1) * n_in];
            let mut len = 0;
            for (k, &x) in x.iter().enumerate() {
                nonzero[len] = k as u32;
                len += usize::from(x != T::ZERO);
            }
            self.nonzero_len[r] = len;
            data.target_into(i, &mut self.y[r * n_out..(r + 1) * n_out]);
            self.class[r] = data.class(i);
        }
    }

    /// aˡ = σ(wˡaˡ⁻¹ + bˡ) for every layer (eq. 25), and the output activation for the last.
    pub fn feedforward(&mut self, net: &Network<T>) {
        let sizes = net.architecture().sizes();
        let last = sizes.len() - 1;
        for l in 1..=last {
            let (n_in, n) = (sizes[l - 1], sizes[l]);
            let (wt, b) = net.layer(l);
            let (before, after) = self.a.split_at_mut(l);
            let out = if l == last {
                &mut self.z
            } else {
                &mut after[0]
            };
            for r in 0..self.m {
                let x = &before[l - 1][r * n_in..(r + 1) * n_in];
                let z = &mut out[r * n..(r + 1) * n];
                z.copy_from_slice(b);
                // z = b + Σ_k x_k (row k of wᵀ), over the inputs that are not 0.
                for k in inputs(&self.nonzero, &self.nonzero_len, l, n_in, r) {
                    axpy(z, x[k], &wt[k * n..(k + 1) * n]);
                }
                if l < last {
                    for a in z {
                        *a = T::from_f64(math::sigmoid(a.to_f64()));
                    }
                }
            }
        }
        let n = sizes[last];
        for r in 0..self.m {
            let z = &self.z[r * n..(r + 1) * n];
            let a = &mut self.a[last][r * n..(r + 1) * n];
            activate(net.architecture().output(), z, a);
        }
    }

    /// Adds Σₓ ∂Cₓ/∂w and Σₓ ∂Cₓ/∂b over the loaded examples to `grad`, by backpropagation
    /// (BP1–BP4), with δᴸ by the output's rule. Call after [`Batch::feedforward`].
    pub fn backprop(&mut self, net: &Network<T>) {
        let arch = net.architecture();
        let sizes = arch.sizes();
        let last = sizes.len() - 1;
        let n = sizes[last];
        for r in 0..self.m {
            let rows = r * n..(r + 1) * n;
            output_delta(
                arch.output(),
                arch.cost(),
                &self.z[rows.clone()],
                &self.a[last][rows.clone()],
                &self.y[rows.clone()],
                &mut self.delta[last][rows],
            );
        }
        for l in (1..=last).rev() {
            let (n_in, n) = (sizes[l - 1], sizes[l]);
            let (wt, _) = net.layer(l);
            let (gw, gb) = net.layer_range(l);
            let (gw, gb) = self.grad[gw.start..gb.end].split_at_mut(gw.len());
            let (before, after) = self.delta.split_at_mut(l);
            for r in 0..self.m {
                let delta = &after[0][r * n..(r + 1) * n];
                let a = &self.a[l - 1][r * n_in..(r + 1) * n_in];
                // ∂C/∂bˡ = δˡ (BP3); ∂C/∂wˡ_jk = aˡ⁻¹_k δˡ_j (BP4), row k of the transposed
                // gradient at a time, skipping inputs that are 0.
                axpy(gb, T::ONE, delta);
                for k in inputs(&self.nonzero, &self.nonzero_len, l, n_in, r) {
                    axpy(&mut gw[k * n..(k + 1) * n], a[k], delta);
                }
                // δˡ⁻¹ = ((wˡ)ᵀ δˡ) ⊙ σ′(zˡ⁻¹) (BP2), with σ′(z) = a(1 − a) from the stored
                // activations. The inputs need no δ.
                if l > 1 {
                    let d = &mut before[l - 1][r * n_in..(r + 1) * n_in];
                    for k in 0..n_in {
                        d[k] = dot(&wt[k * n..(k + 1) * n], delta) * (a[k] * (T::ONE - a[k]));
                    }
                }
            }
        }
    }

    /// Σₓ Cₓ over the loaded examples, in f64. Call after [`Batch::feedforward`].
    pub fn cost_sum(&self, net: &Network<T>) -> f64 {
        let arch = net.architecture();
        let n = arch.n_out();
        let last = arch.layers();
        (0..self.m)
            .map(|r| {
                let rows = r * n..(r + 1) * n;
                cost(
                    arch.output(),
                    arch.cost(),
                    &self.z[rows.clone()],
                    &self.a[last][rows.clone()],
                    &self.y[rows],
                )
            })
            .sum()
    }

    /// How many loaded examples the network classifies right: the output neuron with the
    /// largest activation is the example's class. Call after [`Batch::feedforward`].
    pub fn correct(&self, net: &Network<T>) -> usize {
        let n = net.architecture().n_out();
        let a = &self.a[net.architecture().layers()];
        (0..self.m)
            .filter(|&r| crate::data::argmax(&a[r * n..(r + 1) * n]) == self.class[r])
            .count()
    }

    /// The output activations of the loaded examples, one row each.
    pub fn output(&self, net: &Network<T>) -> &[T] {
        let arch = net.architecture();
        &self.a[arch.layers()][..self.m * arch.n_out()]
    }
}

/// The positions k of layer l − 1 that feed layer l for example r: the non-zero inputs for the
/// first layer, every neuron for the others (a sigmoid is never exactly 0 where it matters, and
/// checking would cost more than it saves).
fn inputs<'a>(
    nonzero: &'a [u32],
    nonzero_len: &[usize],
    l: usize,
    n_in: usize,
    r: usize,
) -> Inputs<'a> {
    if l == 1 {
        Inputs::Listed(nonzero[r * n_in..r * n_in + nonzero_len[r]].iter())
    } else {
        Inputs::All(0..n_in)
    }
}

/// The positions that feed a layer: a list, or all of them.
enum Inputs<'a> {
    Listed(std::slice::Iter<'a, u32>),
    All(std::ops::Range<usize>),
}

impl Iterator for Inputs<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        match self {
            Inputs::Listed(it) => it.next().map(|&k| k as usize),
            Inputs::All(it) => it.next(),
        }
    }
}

/// aᴸ from zᴸ for one example.
pub(crate) fn activate<T: Real>(output: Output, z: &[T], a: &mut [T]) {
    match output {
        Output::Sigmoid => {
            for (a, &z) in a.iter_mut().zip(z) {
                *a = T::from_f64(math::sigmoid(z.to_f64()));
            }
        }
        Output::Linear => a.copy_from_slice(z),
        Output::Softmax => {
            // e^(z_j − max z) never overflows and gives the same ratios (eq. 78).
            let max = max_f64(z);
            let mut sum = 0.0;
            for (a, &z) in a.iter_mut().zip(z) {
                let e = math::exp(z.to_f64() - max);
                sum += e;
                *a = T::from_f64(e);
            }
            for a in a.iter_mut() {
                *a = T::from_f64(a.to_f64() / sum);
            }
        }
    }
}

/// δᴸ = ∂C/∂zᴸ for one example, by the book's rule for each pair that `Architecture` accepts.
pub(crate) fn output_delta<T: Real>(
    output: Output,
    cost: Cost,
    z: &[T],
    a: &[T],
    y: &[T],
    delta: &mut [T],
) {
    match (output, cost) {
        // δᴸ = (aᴸ − y) ⊙ σ′(zᴸ), eq. (65): σ′ from z, where it stays positive however far
        // the neuron saturates (from a it would round to 0).
        (Output::Sigmoid, Cost::Quadratic) => {
            for j in 0..delta.len() {
                let zj = z[j].to_f64();
                let sigma_prime = math::sigmoid(zj) * math::sigmoid(-zj);
                delta[j] = (a[j] - y[j]) * T::from_f64(sigma_prime);
            }
        }
        // δᴸ = (Σ_j y_j) aᴸ − y, which is aᴸ − y (eqs. 81–82) when y sums to 1, as a label's
        // unit vector does; the general form keeps the gradient exact for any y.
        (Output::Softmax, _) => {
            let total = y.iter().fold(T::ZERO, |s, &y| s + y);
            for j in 0..delta.len() {
                delta[j] = total * a[j] - y[j];
            }
        }
        // δᴸ = aᴸ − y: sigmoid with cross-entropy (66), linear with quadratic (68).
        _ => {
            for j in 0..delta.len() {
                delta[j] = a[j] - y[j];
            }
        }
    }
}

/// Cₓ for one example, in f64.
fn cost<T: Real>(output: Output, cost: Cost, z: &[T], a: &[T], y: &[T]) -> f64 {
    match cost {
        Cost::Quadratic => {
            a.iter()
                .zip(y)
                .map(|(&a, &y)| (a.to_f64() - y.to_f64()).powi(2))
                .sum::<f64>()
                / 2.0
        }
        // −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = y softplus(−z) + (1 − y) softplus(z), finite
        // where a rounds to 0 or 1; a term with weight 0 is skipped so that 0·∞ never appears.
        Cost::CrossEntropy => z
            .iter()
            .zip(y)
            .map(|(&z, &y)| {
                let (z, y) = (z.to_f64(), y.to_f64());
                let mut c = 0.0;
                if y != 0.0 {
                    c += y * math::softplus(-z);
                }
                if y != 1.0 {
                    c += (1.0 - y) * math::softplus(z);
                }
                c
            })
            .sum(),
        // −Σ_j y_j ln a_j with ln a_j = z_j − max z − ln Σ_k e^(z_k − max z), finite even where
        // a_j rounds to 0.
        Cost::LogLikelihood => {
            debug_assert_eq!(output, Output::Softmax, "Architecture allows no other");
            let max = max_f64(z);
            let log_sum = math::ln(z.iter().map(|&z| math::exp(z.to_f64() - max)).sum());
            z.iter()
                .zip(y)
                .filter(|(_, &y)| y != T::ZERO)
                .map(|(&z, &y)| -y.to_f64() * (z.to_f64() - max - log_sum))
                .sum()
        }
    }
}

fn max_f64<T: Real>(v: &[T]) -> f64 {
    v.iter()
        .map(|x| x.to_f64())
        .fold(f64::NEG_INFINITY, f64::max)
}
