//! What the explorer's cost-surface and σ′ views plot: the (w, b) window that follows the runs
//! and C(w, b) over it, and the first exercise's σ′ identity.

use crate::cost::{sigmoid, Cost};

/// A (w, b) window for the cost surface.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub w: (f64, f64),
    pub b: (f64, f64),
}

impl Window {
    /// The smallest half-width of a window.
    const MIN_HALF: f64 = 2.0;

    /// A window around `points` (the start, the paths), with a margin and at least
    /// [`Window::MIN_HALF`] either side of their centre; its ends are rounded out to whole
    /// numbers so that it changes rarely as a run goes on.
    pub fn around(points: impl Iterator<Item = (f64, f64)>) -> Window {
        let (mut w, mut b) = ((f64::MAX, f64::MIN), (f64::MAX, f64::MIN));
        for (pw, pb) in points.filter(|(w, b)| w.is_finite() && b.is_finite()) {
            w = (w.0.min(pw), w.1.max(pw));
            b = (b.0.min(pb), b.1.max(pb));
        }
        if w.0 > w.1 {
            w = (0.0, 0.0);
            b = (0.0, 0.0);
        }
        let fit = |(lo, hi): (f64, f64)| {
            let mid = (lo + hi) / 2.0;
            let half = ((hi - lo) / 2.0 * 1.25).max(Window::MIN_HALF);
            ((mid - half).floor(), (mid + half).ceil())
        };
        Window {
            w: fit(w),
            b: fit(b),
        }
    }

    /// Whether (w, b) is inside.
    pub fn contains(&self, w: f64, b: f64) -> bool {
        (self.w.0..=self.w.1).contains(&w) && (self.b.0..=self.b.1).contains(&b)
    }

    /// The centre of cell (i, j) of an n × n grid over the window; j = 0 is the top row (the
    /// largest b).
    pub fn cell(&self, n: usize, i: usize, j: usize) -> (f64, f64) {
        let t = |k: usize| (k as f64 + 0.5) / n as f64;
        (
            self.w.0 + (self.w.1 - self.w.0) * t(i),
            self.b.1 - (self.b.1 - self.b.0) * t(j),
        )
    }

    /// C(w, b) over an n × n grid, row by row from the top: the cost surface of the single
    /// example (x, y).
    pub fn surface(&self, cost: Cost, x: f64, y: f64, n: usize) -> Vec<f64> {
        let mut out = Vec::with_capacity(n * n);
        for j in 0..n {
            for i in 0..n {
                let (w, b) = self.cell(n, i, j);
                out.push(cost.value(w * x + b, y));
            }
        }
        out
    }
}

/// The first exercise: σ′(z) as the derivative of σ (a central difference) beside σ(z)(1 − σ(z)),
/// at `n` points over [lo, hi]: (z, σ′(z), σ(z)(1 − σ(z))).
pub fn sigma_identity(lo: f64, hi: f64, n: usize) -> Vec<(f64, f64, f64)> {
    let h = 1e-5;
    (0..n)
        .map(|k| {
            let z = lo + (hi - lo) * k as f64 / (n - 1).max(1) as f64;
            let derivative = (sigmoid(z + h) - sigmoid(z - h)) / (2.0 * h);
            let s = sigmoid(z);
            (z, derivative, s * (1.0 - s))
        })
        .collect()
}

/// The largest |σ′(z) − σ(z)(1 − σ(z))| over [`sigma_identity`]'s points: what the σ′ view's
/// readout shows.
pub fn max_difference(points: &[(f64, f64, f64)]) -> f64 {
    points
        .iter()
        .map(|(_, d, s)| (d - s).abs())
        .fold(0.0, f64::max)
}

impl Window {
    /// The window to show for runs now at `points` (their current states and the start), given
    /// the one shown before: kept while every point is in it, else fitted again around `path`
    /// (everything the runs went through). A run back at epoch 0 is always fitted afresh.
    pub fn follow(
        shown: Option<Window>,
        at_start: bool,
        mut points: impl Iterator<Item = (f64, f64)>,
        path: impl Iterator<Item = (f64, f64)>,
    ) -> Window {
        match shown {
            Some(w) if !at_start && points.all(|(pw, pb)| w.contains(pw, pb)) => w,
            _ => Window::around(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::sigmoid;

    #[test]
    fn the_window_holds_the_points_with_room_and_moves_only_when_left() {
        let w = Window::around([(2.0, 2.0), (1.5, 1.0)].into_iter());
        assert!(w.contains(2.0, 2.0) && w.contains(1.5, 1.0));
        assert!(w.w.1 - w.w.0 >= 4.0 && w.b.1 - w.b.0 >= 4.0);
        assert_eq!(w.w.0, w.w.0.floor());
        // Kept while the runs stay inside; fitted again when one leaves, or at epoch 0.
        let inside = [(1.0, 1.0)];
        assert_eq!(
            Window::follow(Some(w), false, inside.into_iter(), inside.into_iter()),
            w
        );
        let outside = [(40.0, 1.0)];
        let moved = Window::follow(Some(w), false, outside.into_iter(), outside.into_iter());
        assert!(moved.contains(40.0, 1.0));
        assert_ne!(
            Window::follow(Some(w), true, inside.into_iter(), inside.into_iter()),
            w
        );
        // Non-finite points are left out.
        let w = Window::around([(f64::NAN, 0.0), (0.0, 0.0)].into_iter());
        assert!(w.contains(0.0, 0.0));
    }

    #[test]
    fn surface_window_holds_the_paths() {
        let w = Window::around([(2.0, 2.0), (-3.5, 0.25)].into_iter());
        assert!(w.contains(2.0, 2.0) && w.contains(-3.5, 0.25));
        assert!(w.w.1 - w.w.0 >= 4.0 && w.b.1 - w.b.0 >= 4.0);
        let grid = w.surface(Cost::Quadratic, 1.0, 0.0, 8);
        assert_eq!(grid.len(), 64);
        let (cw, cb) = w.cell(8, 0, 0);
        let a = sigmoid(cw + cb);
        assert_eq!(grid[0], a * a / 2.0);
        assert!(cb > w.cell(8, 0, 7).1, "row 0 is the top");
    }

    #[test]
    fn sigma_prime_identity_holds_over_z() {
        let points = sigma_identity(-10.0, 10.0, 201);
        assert_eq!(points.len(), 201);
        assert_eq!(points[100].0, 0.0);
        for (z, lhs, rhs) in points {
            assert!((lhs - rhs).abs() < 1e-10, "z={z}");
        }
    }

    #[test]
    fn the_sigma_identity_holds_to_rounding() {
        let points = sigma_identity(-10.0, 10.0, 401);
        assert_eq!(points.len(), 401);
        assert_eq!(points[0].0, -10.0);
        assert!(max_difference(&points) < 1e-9);
        assert_eq!(max_difference(&[(0.0, 0.3, 0.25)]), 0.3 - 0.25);
    }
}
