//! The inner loops, where the time goes. Each runs along contiguous memory with independent
//! lanes, which the compiler turns into SIMD registers (SSE/AVX natively, simd128 in wasm). A
//! sum keeps LANES partial sums: the compiler may not split a single floating-point sum itself,
//! because addition is not associative. The order of every addition is fixed by this code, not
//! by the target, so the results are the same with and without SIMD.

use super::Real;

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
