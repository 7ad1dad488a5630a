//! The inner loops, where the time goes, and which of their builds runs.
//!
//! Training calls them through [`Kernels`], a table that [`Real::kernels`] gives for the number
//! type: for f64 the plain loops below (the precise path, checked against network2.py's
//! arithmetic), for f32 the explicit SIMD ones of `simd` where the target has SIMD (AVX2 + FMA
//! or SSE2 natively, chosen at run time; simd128 in wasm), else the plain loops too.
//!
//! In the plain loops every addition is in the order this code writes it, the same with and
//! without auto-vectorisation: a sum keeps LANES partial sums, since the compiler may not split
//! one floating-point sum itself (addition is not associative).

use super::math;
use super::net::Network;
use super::rows::RowUpdate;
use super::Real;

/// The kernels one training step uses, for numbers of type T.
#[derive(Clone, Copy)]
pub struct Kernels<T> {
    /// Which build: "avx512", "avx2+fma", "sse2", "simd128", "simd128+relaxed" or "scalar".
    pub name: &'static str,
    /// z ← init + Σᵢ val[i]·(row idx[i] of w), rows of n numbers, init None for 0; in the order
    /// of the list.
    ///
    /// # Safety
    /// z and init hold n numbers, every idx[i] < w.len()/n, val is as long as idx: the SIMD
    /// builds do not check (the callers' lists are built to fit, and debug builds check).
    #[allow(clippy::type_complexity)]
    pub axpys:
        unsafe fn(z: &mut [T], init: Option<&[T]>, w: &[T], n: usize, idx: &[u16], val: &[T]),
    /// The first layer's update of the rows it touches, in place, their old values kept in
    /// `undo` (see `simd::update_rows`), and whether every new value is finite.
    ///
    /// # Safety
    /// As `simd::update_rows` says: every listed row and entry exists.
    pub update_rows: unsafe fn(w: &mut [T], undo: &mut [T], update: &RowUpdate<T>) -> bool,
    /// g ← d·w − c·g, and whether all of it is finite.
    pub step: fn(g: &mut [T], w: &[T], d: T, c: T) -> bool,
    /// w ← d·w.
    pub scale: fn(w: &mut [T], d: T),
    /// a ← σ(a).
    pub sigmoid: fn(a: &mut [T]),
    /// δ ← δ ⊙ a(1 − a).
    pub times_sigma_prime: fn(delta: &mut [T], a: &[T]),
}

/// The plain loops, for any number type.
pub fn scalar<T: Real>() -> Kernels<T> {
    Kernels {
        name: "scalar",
        axpys: axpys_scalar::<T>,
        update_rows: update_rows_scalar::<T>,
        step: step::<T>,
        scale: |w, d| w.iter_mut().for_each(|w| *w = d * *w),
        sigmoid: |a| {
            a.iter_mut()
                .for_each(|a| *a = T::from_f64(math::sigmoid(a.to_f64())))
        },
        times_sigma_prime: |delta, a| {
            for (d, &a) in delta.iter_mut().zip(a) {
                *d = *d * (a * (T::ONE - a));
            }
        },
    }
}

/// Whether every listed row of w exists and z (and init) hold n numbers: what the unchecked SIMD
/// loops rely on, checked in debug builds.
#[cfg_attr(
    not(any(
        target_arch = "x86_64",
        all(target_arch = "wasm32", target_feature = "simd128")
    )),
    allow(dead_code)
)]
fn axpys_fits<T>(z: &[T], init: Option<&[T]>, w: &[T], n: usize, idx: &[u16], val: &[T]) -> bool {
    let rows = w.len().checked_div(n).unwrap_or(0);
    let top = idx.iter().fold(0, |m, &k| m.max(usize::from(k) + 1));
    z.len() >= n
        && init.is_none_or(|b| b.len() >= n)
        && val.len() >= idx.len()
        && (idx.is_empty() || top <= rows)
}

fn update_rows_scalar<T: Real>(w: &mut [T], undo: &mut [T], u: &RowUpdate<T>) -> bool {
    let n = u.n;
    let mut finite = true;
    let mut g = vec![T::ZERO; n];
    for (t, &k) in u.rows.iter().enumerate() {
        let k = usize::from(k);
        let entries = u.first[k] as usize..u.end[k] as usize;
        axpys_scalar(
            &mut g,
            None,
            u.delta,
            n,
            &u.entry_r[entries.clone()],
            &u.entry_x[entries],
        );
        let row = &mut w[k * n..(k + 1) * n];
        undo[t * n..(t + 1) * n].copy_from_slice(row);
        finite &= step(&mut g, row, u.d, u.c);
        row.copy_from_slice(&g);
    }
    finite
}

fn axpys_scalar<T: Real>(
    z: &mut [T],
    init: Option<&[T]>,
    w: &[T],
    n: usize,
    idx: &[u16],
    val: &[T],
) {
    let z = &mut z[..n];
    match init {
        Some(b) => z.copy_from_slice(&b[..n]),
        None => z.fill(T::ZERO),
    }
    for (&k, &x) in idx.iter().zip(val) {
        let k = usize::from(k);
        axpy(z, x, &w[k * n..(k + 1) * n]);
    }
}

/// The f32 table for this machine: the fastest build its CPU runs (AVX-512, else AVX2 + FMA,
/// else SSE2), chosen once. The environment variable NNDL_KERNELS=avx2, =sse2 or =scalar picks
/// a slower one natively, for `make bench` to show what each step of vectorisation buys.
pub fn f32_kernels() -> Kernels<f32> {
    #[cfg(target_arch = "x86_64")]
    {
        use std::sync::OnceLock;
        static CHOSEN: OnceLock<Kernels<f32>> = OnceLock::new();
        *CHOSEN.get_or_init(|| {
            let asked = std::env::var("NNDL_KERNELS").unwrap_or_default();
            let (avx2, avx512) = (x86::has_avx2(), x86::has_avx512());
            match asked.as_str() {
                "scalar" => scalar(),
                "sse2" => x86::sse2(),
                "avx2" if avx2 => x86::avx2::kernels(),
                _ if avx512 => x86::avx512::kernels(),
                _ if avx2 => x86::avx2::kernels(),
                _ => x86::sse2(),
            }
        })
    }
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::simd128()
    }
    #[cfg(not(any(
        target_arch = "x86_64",
        all(target_arch = "wasm32", target_feature = "simd128")
    )))]
    {
        scalar()
    }
}

/// Every f32 build this machine runs, for the tests to check each against the plain loops.
#[cfg(test)]
pub fn every_f32_build() -> Vec<Kernels<f32>> {
    #[allow(unused_mut)]
    let mut builds = vec![scalar(), f32_kernels()];
    #[cfg(target_arch = "x86_64")]
    {
        builds.push(x86::sse2());
        if x86::has_avx2() {
            builds.push(x86::avx2::kernels());
        }
        if x86::has_avx512() {
            builds.push(x86::avx512::kernels());
        }
    }
    builds
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::super::simd::{self, Avx2, Avx512, Sse2};
    use super::{axpys_fits, Kernels, RowUpdate};

    /// A table of kernels compiled for an instruction set beyond x86-64's baseline: each entry a
    /// function compiled for those features, into which the generic kernel and its vector
    /// operations inline. Only to be called after the CPU was checked (see `f32_kernels`).
    macro_rules! table {
        ($table:ident, $lanes:ty, $features:literal, $name:literal) => {
            pub(super) mod $table {
                use super::*;

                #[target_feature(enable = $features)]
                unsafe fn axpys(
                    z: &mut [f32],
                    init: Option<&[f32]>,
                    w: &[f32],
                    n: usize,
                    idx: &[u16],
                    val: &[f32],
                ) {
                    simd::axpys::<$lanes>(z, init, w, n, idx, val)
                }
                #[target_feature(enable = $features)]
                unsafe fn update_rows(w: &mut [f32], undo: &mut [f32], u: &RowUpdate<f32>) -> bool {
                    simd::update_rows::<$lanes>(w, undo, u)
                }
                #[target_feature(enable = $features)]
                unsafe fn step(g: &mut [f32], w: &[f32], d: f32, c: f32) -> bool {
                    simd::step::<$lanes>(g, w, d, c)
                }
                #[target_feature(enable = $features)]
                unsafe fn scale(w: &mut [f32], d: f32) {
                    simd::scale::<$lanes>(w, d)
                }
                #[target_feature(enable = $features)]
                unsafe fn sigmoid(a: &mut [f32]) {
                    simd::sigmoid::<$lanes>(a)
                }
                #[target_feature(enable = $features)]
                unsafe fn times_sigma_prime(delta: &mut [f32], a: &[f32]) {
                    simd::times_sigma_prime::<$lanes>(delta, a)
                }

                /// Only for a CPU with these features (see `f32_kernels`).
                pub(in super::super) fn kernels() -> Kernels<f32> {
                    // SAFETY (each): f32_kernels checked the CPU for the features before
                    // choosing this table; the unsafe entries pass their callers' promises on.
                    Kernels {
                        name: $name,
                        axpys: |z, init, w, n, idx, val| unsafe {
                            debug_assert!(axpys_fits(z, init, w, n, idx, val));
                            axpys(z, init, w, n, idx, val)
                        },
                        update_rows: |w, undo, update| unsafe { update_rows(w, undo, update) },
                        step: |g, w, d, c| unsafe { step(g, w, d, c) },
                        scale: |w, d| unsafe { scale(w, d) },
                        sigmoid: |a| unsafe { sigmoid(a) },
                        times_sigma_prime: |delta, a| unsafe { times_sigma_prime(delta, a) },
                    }
                }
            }
        };
    }

    table!(avx2, Avx2, "avx2,fma", "avx2+fma");
    table!(avx512, Avx512, "avx512f", "avx512");

    /// Whether this CPU runs each table.
    pub(super) fn has_avx2() -> bool {
        is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")
    }
    pub(super) fn has_avx512() -> bool {
        is_x86_feature_detected!("avx512f")
    }

    /// SSE2 is part of x86-64 itself.
    pub(super) fn sse2() -> Kernels<f32> {
        // SAFETY (each): every x86-64 CPU has SSE2; the unsafe entries pass their callers'
        // promises on.
        Kernels {
            name: "sse2",
            axpys: |z, init, w, n, idx, val| unsafe {
                debug_assert!(axpys_fits(z, init, w, n, idx, val));
                simd::axpys::<Sse2>(z, init, w, n, idx, val)
            },
            update_rows: |w, undo, update| unsafe { simd::update_rows::<Sse2>(w, undo, update) },
            step: |g, w, d, c| unsafe { simd::step::<Sse2>(g, w, d, c) },
            scale: |w, d| unsafe { simd::scale::<Sse2>(w, d) },
            sigmoid: |a| unsafe { simd::sigmoid::<Sse2>(a) },
            times_sigma_prime: |delta, a| unsafe { simd::times_sigma_prime::<Sse2>(delta, a) },
        }
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm {
    use super::super::simd::{self, Simd128};
    use super::{axpys_fits, Kernels};

    pub(super) fn simd128() -> Kernels<f32> {
        // SAFETY (each): the module was built with simd128, which the engine checked when it
        // compiled it; the unsafe entries pass their callers' promises on.
        Kernels {
            name: if cfg!(target_feature = "relaxed-simd") {
                "simd128+relaxed"
            } else {
                "simd128"
            },
            axpys: |z, init, w, n, idx, val| unsafe {
                debug_assert!(axpys_fits(z, init, w, n, idx, val));
                simd::axpys::<Simd128>(z, init, w, n, idx, val)
            },
            update_rows: |w, undo, update| unsafe { simd::update_rows::<Simd128>(w, undo, update) },
            step: |g, w, d, c| unsafe { simd::step::<Simd128>(g, w, d, c) },
            scale: |w, d| unsafe { simd::scale::<Simd128>(w, d) },
            sigmoid: |a| unsafe { simd::sigmoid::<Simd128>(a) },
            times_sigma_prime: |delta, a| unsafe { simd::times_sigma_prime::<Simd128>(delta, a) },
        }
    }
}

/// Eight f32 fill two 128-bit registers (SSE, wasm simd128) or one 256-bit (AVX).
const LANES: usize = 8;

/// Σ_k x_k y_k.
#[inline]
pub fn dot<T: Real>(x: &[T], y: &[T]) -> T {
    let n = x.len().min(y.len());
    let (x, y) = (&x[..n], &y[..n]);
    let mut acc = [T::ZERO; LANES];
    let (xs, ys) = (x.chunks_exact(LANES), y.chunks_exact(LANES));
    let (xr, yr) = (xs.remainder(), ys.remainder());
    for (xc, yc) in xs.zip(ys) {
        for l in 0..LANES {
            acc[l] += xc[l] * yc[l];
        }
    }
    let mut tail = T::ZERO;
    for (a, b) in xr.iter().zip(yr) {
        tail += *a * *b;
    }
    sum_lanes(acc) + tail
}

/// y ← y + α x.
#[inline]
pub fn axpy<T: Real>(y: &mut [T], alpha: T, x: &[T]) {
    for (y, &x) in y.iter_mut().zip(x) {
        *y += alpha * x;
    }
}

/// g ← d·w − c·g for every element, the SGD update written over the gradient (see `sgd`), and
/// whether every result is finite.
#[inline]
pub fn step<T: Real>(g: &mut [T], w: &[T], d: T, c: T) -> bool {
    // v·0 is 0 for a finite v and NaN for ±∞ or NaN, so the lanes stay 0 while all is well.
    let mut acc = [T::ZERO; LANES];
    let n = g.len().min(w.len());
    let (g, w) = (&mut g[..n], &w[..n]);
    let mut gs = g.chunks_exact_mut(LANES);
    let mut ws = w.chunks_exact(LANES);
    for (gc, wc) in gs.by_ref().zip(ws.by_ref()) {
        for l in 0..LANES {
            gc[l] = d * wc[l] - c * gc[l];
            acc[l] += gc[l] * T::ZERO;
        }
    }
    let mut tail = T::ZERO;
    for (g, &w) in gs.into_remainder().iter_mut().zip(ws.remainder()) {
        *g = d * w - c * *g;
        tail += *g * T::ZERO;
    }
    (sum_lanes(acc) + tail) == T::ZERO
}

/// The SGD update of a whole network from its summed gradient `grad` (laid out as its
/// parameters): weights ← d·w − c·g, biases ← b − c·g, written over `grad` and swapped in only
/// if all are finite; the old parameters are then in `grad`.
pub fn step_all<T: Real>(net: &mut Network<T>, grad: &mut Vec<T>, d: T, c: T) -> bool {
    let mut finite = true;
    for l in 1..=net.architecture().layers() {
        let (w, b) = net.layer_range(l);
        let params = net.params();
        finite &= step(&mut grad[w.clone()], &params[w], d, c);
        finite &= step(&mut grad[b.clone()], &params[b], T::ONE, c);
    }
    if finite {
        std::mem::swap(net.params_vec_mut(), grad);
    }
    finite
}

/// The lanes summed pairwise.
#[inline]
fn sum_lanes<T: Real>(a: [T; LANES]) -> T {
    ((a[0] + a[4]) + (a[1] + a[5])) + ((a[2] + a[6]) + (a[3] + a[7]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_dot(x: &[f64], y: &[f64]) -> f64 {
        x.iter().zip(y).map(|(a, b)| a * b).sum()
    }

    #[test]
    fn the_kernels_compute_what_they_say_for_every_length() {
        for n in [0, 1, 7, 8, 9, 17, 30, 784] {
            let row = |s: f64| (0..n).map(|k| (k as f64 * s).sin()).collect::<Vec<f64>>();
            let (w, x) = (row(0.3), row(0.7));
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + b.abs());
            assert!(close(dot(&w, &x), naive_dot(&w, &x)), "n={n}");
            let mut y = w.clone();
            axpy(&mut y, 2.0, &x);
            assert!((0..n).all(|k| y[k] == w[k] + 2.0 * x[k]));
            let mut g = x.clone();
            assert!(step(&mut g, &w, 0.5, 2.0));
            assert!((0..n).all(|k| g[k] == 0.5 * w[k] - 2.0 * x[k]));
        }
    }

    #[test]
    fn step_reports_a_non_finite_result_in_any_position() {
        for n in [1, 8, 13] {
            for bad in 0..n {
                let w = vec![1.0f32; n];
                let mut g = vec![0.5f32; n];
                g[bad] = f32::INFINITY;
                assert!(!step(&mut g, &w, 1.0, 1.0), "n={n} bad={bad}");
                let mut g = vec![0.5f32; n];
                g[bad] = f32::MAX;
                assert!(!step(&mut g, &w, 1.0, -4.0), "overflow n={n} bad={bad}");
            }
        }
    }
}
