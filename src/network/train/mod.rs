//! One SGD step on a mini-batch, arranged for speed: the same feedforward, backpropagation and
//! update as `batch` and `sgd` describe (and the same sums, term for term, in the same order),
//! with every inner loop one call of a [`Kernels`] table.
//!
//! - The training inputs are listed once, at the start, as their non-zero entries (four pixels
//!   in five of an MNIST image are 0), so a step reads no zeros and converts no bytes.
//! - The first layer's weight gradient is never built whole. For each input k that is non-zero
//!   somewhere in the mini-batch, the examples that have it are listed (in example order), its
//!   row of the gradient, Σᵣ x_rk δ¹_r, is summed in registers, and the row's update computed
//!   at once. Rows that no example touches change only by the weight decay (not at all when
//!   λ = 0). That is most of the memory traffic of the step saved: with mini-batches of 10 a
//!   step touches about 350 of the 784 rows.
//! - A step whose update is not finite leaves the network as it was: the later layers' new
//!   values are computed aside and stored only once all are known to be finite; the first
//!   layer's touched rows are updated in place (a copy would cost as much as the update) with
//!   their old values kept aside, and put back if anything was not finite.
//!
//! The examples' rows index u16 lists, so this path takes mini-batches of up to `MAX_BATCH`;
//! `sgd` steps larger ones with `batch`'s plain loops.

use super::batch::{activate, output_delta};
use super::kernels::Kernels;
use super::net::Network;
use super::rows::RowUpdate;
use super::spec::{Cost, Output, MAX_LAYER};
use super::Real;
use crate::data::DataSet;

/// Largest mini-batch this path takes: example rows are numbered in u16.
pub(crate) const MAX_BATCH: usize = u16::MAX as usize;

// Inputs are numbered in u16 too.
const _: () = assert!(MAX_LAYER <= u16::MAX as usize);

/// The training inputs as lists of their non-zero entries: example i's are idx/val[start[i]..
/// start[i + 1]], in increasing position.
struct SparseInputs<T> {
    start: Vec<u32>,
    idx: Vec<u16>,
    val: Vec<T>,
}

impl<T: Real> SparseInputs<T> {
    fn new(data: &DataSet) -> SparseInputs<T> {
        let mut x = vec![T::ZERO; data.n_in()];
        let mut s = SparseInputs {
            start: Vec::with_capacity(data.len() + 1),
            idx: Vec::new(),
            val: Vec::new(),
        };
        s.start.push(0);
        for i in 0..data.len() {
            data.input_into(i, &mut x);
            for (k, &v) in x.iter().enumerate() {
                if v != T::ZERO {
                    s.idx.push(k as u16);
                    s.val.push(v);
                }
            }
            s.start
                .push(u32::try_from(s.idx.len()).expect("at most 2^32 non-zero inputs"));
        }
        s
    }

    fn span(&self, i: usize) -> std::ops::Range<usize> {
        self.start[i] as usize..self.start[i + 1] as usize
    }

    fn entries(&self, span: &std::ops::Range<usize>) -> (&[u16], &[T]) {
        (&self.idx[span.clone()], &self.val[span.clone()])
    }
}

pub(crate) struct Workspace<T> {
    kernels: Kernels<T>,
    inputs: SparseInputs<T>,
    sizes: Vec<usize>,
    output: Output,
    cost: Cost,
    /// Where each example of the mini-batch has its entries in `inputs`.
    spans: Vec<std::ops::Range<usize>>,
    /// a[l] for l ≥ 1, one row per example (a[0] stays empty: the inputs are `inputs`).
    a: Vec<Vec<T>>,
    /// zᴸ, one row per example.
    z: Vec<T>,
    /// δˡ for l ≥ 1, one row per example.
    delta: Vec<Vec<T>>,
    y: Vec<T>,
    /// aˡ⁻¹ transposed (one row per neuron, one column per example), for ∂C/∂wˡ.
    at: Vec<T>,
    /// wˡ as the book writes it (one row per neuron of layer l), for δˡ⁻¹ = (wˡ)ᵀδˡ ⊙ σ′.
    w: Vec<T>,
    /// 0, 1, 2, …: the index list of a dense sum.
    iota: Vec<u16>,
    ones: Vec<T>,
    /// The new parameters, laid out as the network's: all but the first layer's weights,
    /// which go to `rows`.
    new: Vec<T>,
    /// Per input k: its entries in the mini-batch, then (while listing them) where the next
    /// goes; 0 again after each step.
    count: Vec<u32>,
    first: Vec<u32>,
    /// The inputs whose row of w¹ this step changes, in increasing order, and their old rows.
    touched: Vec<u16>,
    undo: Vec<T>,
    /// For each touched input, the examples with a non-zero entry there and the entry.
    entry_r: Vec<u16>,
    entry_x: Vec<T>,
}

impl<T: Real> Workspace<T> {
    /// Buffers for mini-batches of up to `capacity` (≤ MAX_BATCH) examples of `training`.
    pub fn new(net: &Network<T>, training: &DataSet, capacity: usize) -> Workspace<T> {
        debug_assert!(capacity <= MAX_BATCH);
        let sizes = net.architecture().sizes();
        let rows = |n: usize| vec![T::ZERO; capacity * n];
        let widest = sizes.iter().copied().max().unwrap_or(0);
        let largest_w = sizes[1..]
            .windows(2)
            .map(|p| p[0] * p[1])
            .max()
            .unwrap_or(0);
        let n_out = net.architecture().n_out();
        Workspace {
            kernels: T::kernels(),
            inputs: SparseInputs::new(training),
            sizes: sizes.to_vec(),
            output: net.architecture().output(),
            cost: net.architecture().cost(),
            spans: Vec::with_capacity(capacity),
            a: sizes
                .iter()
                .enumerate()
                .map(|(l, &n)| if l == 0 { Vec::new() } else { rows(n) })
                .collect(),
            z: rows(n_out),
            delta: sizes
                .iter()
                .enumerate()
                .map(|(l, &n)| if l == 0 { Vec::new() } else { rows(n) })
                .collect(),
            y: rows(n_out),
            at: rows(widest),
            w: vec![T::ZERO; largest_w],
            iota: (0..capacity.max(widest)).map(|i| i as u16).collect(),
            ones: vec![T::ONE; capacity],
            new: vec![T::ZERO; net.params().len()],
            count: vec![0; sizes[0]],
            first: vec![0; sizes[0]],
            touched: Vec::with_capacity(sizes[0]),
            undo: vec![T::ZERO; sizes[0] * sizes[1]],
            entry_r: Vec::new(),
            entry_x: Vec::new(),
        }
    }

    /// The name of the kernels' build (see [`Kernels::name`]).
    pub fn kernels_name(&self) -> &'static str {
        self.kernels.name
    }

    /// One step on the examples `examples` of `training` (the set given to `new`): the update
    /// w ← d·w − c·Σₓ∂Cₓ/∂w, b ← b − c·Σₓ∂Cₓ/∂b. Returns false, with the network unchanged, if
    /// any new value would not be finite.
    pub fn step(
        &mut self,
        net: &mut Network<T>,
        training: &DataSet,
        examples: &[u32],
        d: T,
        c: T,
    ) -> bool {
        let m = examples.len();
        let Workspace {
            kernels: k,
            inputs,
            sizes,
            output,
            cost,
            spans,
            a,
            z,
            delta,
            y,
            at,
            w,
            iota,
            ones,
            new,
            count,
            first,
            touched,
            undo,
            entry_r,
            entry_x,
        } = self;
        let (sizes, output, cost) = (&sizes[..], *output, *cost);
        let last = sizes.len() - 1;
        let n_out = sizes[last];

        // The examples' places in the lists, and every cache line of their entries (a line
        // holds 32 positions, or 16 f32 values), read in loops of their own: the examples are
        // scattered over the training set, and loads that do not wait on each other wait for
        // memory together (reading only each one's first line here made the native epoch about
        // a fifth slower).
        spans.clear();
        spans.extend(examples.iter().map(|&i| inputs.span(i as usize)));
        let mut touch = 0u32;
        for s in spans.iter() {
            for i in s.clone().step_by(32) {
                touch = touch.wrapping_add(u32::from(inputs.idx[i]));
            }
            for i in s.clone().step_by(16) {
                touch = touch.wrapping_add(u32::from(inputs.val[i] != T::ZERO));
            }
        }
        std::hint::black_box(touch);
        for (r, &i) in examples.iter().enumerate() {
            training.target_into(i as usize, &mut y[r * n_out..(r + 1) * n_out]);
        }

        // Feedforward: zˡ = bˡ + Σ_k aˡ⁻¹_k (row k of wˡᵀ), over the non-zero inputs for the
        // first layer; aˡ = σ(zˡ).
        for l in 1..=last {
            let (n_in, n) = (sizes[l - 1], sizes[l]);
            let (wt, b) = net.layer(l);
            let (before, after) = a.split_at_mut(l);
            let out = if l == last { &mut *z } else { &mut after[0] };
            for (r, span) in spans.iter().enumerate() {
                let zr = &mut out[r * n..(r + 1) * n];
                // SAFETY (both): zr and b hold n numbers; wt has n_in rows of n, and the lists
                // name rows below n_in: input positions, or 0..n_in.
                if l == 1 {
                    let (idx, val) = inputs.entries(span);
                    unsafe { (k.axpys)(zr, Some(b), wt, n, idx, val) };
                } else {
                    let x = &before[l - 1][r * n_in..(r + 1) * n_in];
                    unsafe { (k.axpys)(zr, Some(b), wt, n, &iota[..n_in], x) };
                }
            }
            if l < last {
                (k.sigmoid)(&mut out[..m * n]);
            }
        }
        let rows_out = ..m * n_out;
        if output == Output::Sigmoid {
            a[last][rows_out].copy_from_slice(&z[rows_out]);
            (k.sigmoid)(&mut a[last][rows_out]);
        } else {
            for r in 0..m {
                let row = r * n_out..(r + 1) * n_out;
                activate(output, &z[row.clone()], &mut a[last][row]);
            }
        }
        for r in 0..m {
            let row = r * n_out..(r + 1) * n_out;
            output_delta(
                output,
                cost,
                &z[row.clone()],
                &a[last][row.clone()],
                &y[row.clone()],
                &mut delta[last][row],
            );
        }

        // Backpropagation, layer by layer, each layer's new parameters computed as soon as its
        // gradient is known (the old weights stay in the network for δˡ⁻¹).
        let mut finite = true;
        for l in (2..=last).rev() {
            let (n_in, n) = (sizes[l - 1], sizes[l]);
            let (w_range, b_range) = net.layer_range(l);
            let (wt, b) = net.layer(l);
            let (d_before, d_after) = delta.split_at_mut(l);
            let dl = &d_after[0][..m * n];
            // ∂C/∂bˡ = Σᵣ δˡ_r (BP3).
            let gb = &mut new[b_range];
            // SAFETY: gb holds n numbers, dl has m rows of n.
            unsafe { (k.axpys)(gb, None, dl, n, &iota[..m], &ones[..m]) };
            finite &= (k.step)(gb, b, T::ONE, c);
            // ∂C/∂wˡ_jk = Σᵣ aˡ⁻¹_rk δˡ_rj (BP4), row k of the transposed gradient at a time.
            let a_prev = &a[l - 1][..m * n_in];
            for r in 0..m {
                for kk in 0..n_in {
                    at[kk * m + r] = a_prev[r * n_in + kk];
                }
            }
            let gw = &mut new[w_range];
            for kk in 0..n_in {
                let g = &mut gw[kk * n..(kk + 1) * n];
                // SAFETY: g holds n numbers, dl has m rows of n.
                unsafe { (k.axpys)(g, None, dl, n, &iota[..m], &at[kk * m..(kk + 1) * m]) };
            }
            finite &= (k.step)(gw, wt, d, c);
            // δˡ⁻¹ = ((wˡ)ᵀ δˡ) ⊙ σ′(zˡ⁻¹) (BP2), from the weights the feedforward used.
            for j in 0..n {
                for kk in 0..n_in {
                    w[j * n_in + kk] = wt[kk * n + j];
                }
            }
            let dp = &mut d_before[l - 1][..m * n_in];
            for r in 0..m {
                let row = r * n_in..(r + 1) * n_in;
                let dr = &dl[r * n..(r + 1) * n];
                // SAFETY: the row holds n_in numbers, w has n rows of n_in.
                unsafe { (k.axpys)(&mut dp[row], None, &w[..n * n_in], n_in, &iota[..n], dr) };
            }
            (k.times_sigma_prime)(dp, a_prev);
        }
        // The first layer: its biases aside, its touched rows in place.
        let n1 = sizes[1];
        let d1 = &delta[1][..m * n1];
        let (w1, b1) = net.layer_range(1);
        // SAFETY: new[b1] holds n1 numbers, d1 has m rows of n1.
        unsafe { (k.axpys)(&mut new[b1.clone()], None, d1, n1, &iota[..m], &ones[..m]) };
        finite &= (k.step)(&mut new[b1.clone()], &net.params()[b1.clone()], T::ONE, c);
        if !finite {
            return false;
        }
        let params = net.params_mut();
        let wt1 = &mut params[w1.clone()];
        if !first_layer(
            k, inputs, spans, wt1, n1, d1, d, c, count, first, touched, undo, entry_r, entry_x,
        ) {
            for (t, &kk) in touched.iter().enumerate() {
                let kk = usize::from(kk);
                wt1[kk * n1..(kk + 1) * n1].copy_from_slice(&undo[t * n1..(t + 1) * n1]);
            }
            return false;
        }
        // All finite: the rest goes in.
        params[b1.clone()].copy_from_slice(&new[b1]);
        for l in 2..=last {
            let (w_range, b_range) = layer_range(sizes, l);
            params[w_range.start..b_range.end].copy_from_slice(&new[w_range.start..b_range.end]);
        }
        // Untouched rows: d·w, which is what the update gives them (their gradient is 0).
        // With |d| ≤ 1 (else every row was touched) d·w stays finite.
        if d != T::ONE {
            let wt1 = &mut params[w1];
            let mut from = 0;
            for &kk in touched.iter().chain(std::iter::once(&(sizes[0] as u16))) {
                let kk = usize::from(kk);
                if kk > from {
                    (k.scale)(&mut wt1[from * n1..kk * n1], d);
                }
                from = kk + 1;
            }
        }
        true
    }
}

/// The first layer's update (see the module's notes): each touched row's gradient
/// Σᵣ x_rk δ¹_r and then its new value, in place, the old one kept in `undo`. Returns whether
/// all are finite.
#[allow(clippy::too_many_arguments)]
fn first_layer<T: Real>(
    k: &Kernels<T>,
    inputs: &SparseInputs<T>,
    spans: &[std::ops::Range<usize>],
    wt: &mut [T],
    n: usize,
    delta: &[T],
    d: T,
    c: T,
    count: &mut [u32],
    first: &mut [u32],
    touched: &mut Vec<u16>,
    undo: &mut [T],
    entry_r: &mut Vec<u16>,
    entry_x: &mut Vec<T>,
) -> bool {
    for span in spans {
        for &kk in inputs.entries(span).0 {
            count[usize::from(kk)] += 1;
        }
    }
    // With |d| > 1 (an absurd ηλ/n > 2) every row is updated here, so that d·w is checked.
    let all_rows = !(d <= T::ONE && d >= T::ZERO - T::ONE);
    // The touched inputs in order, and where each one's entries start; without branches,
    // which the pattern of the inputs would keep mispredicting.
    touched.resize(count.len(), 0);
    let (mut len, mut total) = (0, 0);
    for (kk, cnt) in count.iter_mut().enumerate() {
        touched[len] = kk as u16;
        len += usize::from(*cnt > 0 || all_rows);
        first[kk] = total;
        total += *cnt;
        *cnt = first[kk];
    }
    touched.truncate(len);
    entry_r.resize(total as usize, 0);
    entry_x.resize(total as usize, T::ZERO);
    for (r, span) in spans.iter().enumerate() {
        let (idx, val) = inputs.entries(span);
        for (&kk, &x) in idx.iter().zip(val) {
            let at = &mut count[usize::from(kk)];
            entry_r[*at as usize] = r as u16;
            entry_x[*at as usize] = x;
            *at += 1;
        }
    }
    // count[k] is now the end of k's entries.
    let update = RowUpdate {
        rows: touched,
        first,
        end: count,
        entry_r,
        entry_x,
        delta,
        n,
        d,
        c,
    };
    // SAFETY: undo holds n numbers per input; the touched inputs index count, first and wt's
    // rows of n; their entries lie in 0..total; every entry's r < m, a row of delta.
    let finite = unsafe { (k.update_rows)(wt, &mut undo[..touched.len() * n], &update) };
    count.fill(0);
    finite
}

/// `Network::layer_range` from the sizes alone, for use while the parameters are borrowed.
fn layer_range(sizes: &[usize], l: usize) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let start: usize = sizes
        .windows(2)
        .take(l - 1)
        .map(|p| (p[0] + 1) * p[1])
        .sum();
    let end = start + (sizes[l - 1] + 1) * sizes[l];
    (start..end - sizes[l], end - sizes[l]..end)
}

#[cfg(test)]
mod tests;
