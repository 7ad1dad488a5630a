//! The two costs of the section for a single training example, with their derivatives.
//!
//! Everything is computed from the weighted input `z` rather than from `a = σ(z)`, so that the
//! cross-entropy stays finite when `a` rounds to exactly 0 or 1 in floating point.

use std::fmt;

/// σ(z) = 1 / (1 + e^(−z)), without overflow for large |z|.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// σ′(z) = σ(z)(1 − σ(z)) (the exercise after eq. 62), as σ(z)·σ(−z) so that it does not round to 0
/// early on the saturated side.
pub fn sigmoid_prime(z: f64) -> f64 {
    sigmoid(z) * sigmoid(-z)
}

/// a − y for a = σ(z), as (1 − y)σ(z) − yσ(−z): exact for the targets 0 and 1 even where a rounds
/// to 1 (σ(−z) is 1 − a without the subtraction).
pub fn output_error(z: f64, y: f64) -> f64 {
    (1.0 - y) * sigmoid(z) - y * sigmoid(-z)
}

/// ln(1 + e^t), exact for large |t| (it is t there, not ∞).
pub fn softplus(t: f64) -> f64 {
    t.max(0.0) + (-t.abs()).exp().ln_1p()
}

/// The cost function a neuron is trained with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cost {
    /// C = (y − a)² / 2, eq. (54).
    Quadratic,
    /// C = −[y ln a + (1 − y) ln(1 − a)], eq. (57) for one example.
    CrossEntropy,
    /// The section's second exercise: the expression with a and y swapped,
    /// −[a ln y + (1 − a) ln(1 − y)]. It needs ln y and ln(1 − y), so it is infinite for the
    /// targets 0 and 1; for 0 < y < 1 it is linear in a and has no minimum at a = y. Only the
    /// explorer trains with it (it is not one of [`Cost::ALL`], the costs `data-cost` names).
    Swapped,
}

impl Cost {
    pub const ALL: [Cost; 2] = [Cost::Quadratic, Cost::CrossEntropy];

    /// The option value that names this cost (`data-cost`).
    pub fn name(self) -> &'static str {
        match self {
            Cost::Quadratic => "quadratic",
            Cost::CrossEntropy => "cross-entropy",
            Cost::Swapped => "swapped",
        }
    }

    pub fn from_name(name: &str) -> Option<Cost> {
        Cost::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The cost of output σ(z) against target y.
    ///
    /// Cross-entropy uses −ln σ(z) = softplus(−z) and −ln(1 − σ(z)) = softplus(z), which never
    /// produce ln 0.
    pub fn value(self, z: f64, y: f64) -> f64 {
        match self {
            Cost::Quadratic => {
                let d = output_error(z, y);
                d * d / 2.0
            }
            Cost::CrossEntropy => {
                // Each term is skipped when its weight is 0, so that 0·∞ never makes a NaN.
                let mut c = 0.0;
                if y != 0.0 {
                    c += y * softplus(-z);
                }
                if y != 1.0 {
                    c += (1.0 - y) * softplus(z);
                }
                c
            }
            Cost::Swapped => {
                // −a ln y − (1 − a) ln(1 − y). For y = 0 or 1 one logarithm is ln 0 = −∞ and its
                // weight, a or 1 − a, is above 0 for every real z (even where it rounds to 0): the
                // cost is +∞ everywhere.
                if y <= 0.0 || y >= 1.0 {
                    return f64::INFINITY;
                }
                -(sigmoid(z) * y.ln() + sigmoid(-z) * (-y).ln_1p())
            }
        }
    }

    /// ∂C/∂z = (a − y)σ′(z) for the quadratic cost (the common factor of 55–56), and a − y for
    /// cross-entropy (the common factor of 61–62, where σ′ cancels).
    pub fn dc_dz(self, z: f64, y: f64) -> f64 {
        match self {
            Cost::Quadratic => output_error(z, y) * sigmoid_prime(z),
            Cost::CrossEntropy => output_error(z, y),
            Cost::Swapped => {
                // σ′(z)·ln((1 − y)/y); ±∞ for y = 0 or 1, even where σ′ rounds to 0.
                let slope = Cost::Swapped.dc_da(z, y);
                if slope.is_infinite() {
                    slope
                } else {
                    sigmoid_prime(z) * slope
                }
            }
        }
    }

    /// ∂C/∂a: a − y for the quadratic cost, (a − y) / (a(1 − a)) for cross-entropy.
    ///
    /// For cross-entropy that is (1 − y)/(1 − a) − y/a = (1 − y)(1 + e^z) − y(1 + e^(−z)), which
    /// has no cancellation for y = 0 or 1 and no division by an a(1 − a) that rounds to 0; it grows
    /// without bound as the neuron saturates, as the true derivative does.
    pub fn dc_da(self, z: f64, y: f64) -> f64 {
        match self {
            Cost::Quadratic => output_error(z, y),
            Cost::CrossEntropy => (1.0 - y) * (1.0 + z.exp()) - y * (1.0 + (-z).exp()),
            // The expression is linear in a, with slope ln(1 − y) − ln y.
            Cost::Swapped => (-y).ln_1p() - y.ln(),
        }
    }
}

/// The binary entropy −[y ln y + (1 − y) ln(1 − y)], eq. (64): for 0 < y < 1, the least value of
/// the cross-entropy over all outputs a, reached at a = y (the section's third exercise). It is 0
/// for y = 0 and y = 1.
pub fn binary_entropy(y: f64) -> f64 {
    let term = |p: f64| if p > 0.0 { -p * p.ln() } else { 0.0 };
    term(y) + term(1.0 - y)
}

impl fmt::Display for Cost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_symmetric_and_saturates_without_nan() {
        for z in [-800.0, -40.0, -1.0, 0.0, 0.5, 3.0, 40.0, 800.0] {
            let s = sigmoid(z);
            assert!((0.0..=1.0).contains(&s), "σ({z}) = {s}");
            assert!((s + sigmoid(-z) - 1.0).abs() < 1e-15);
        }
        assert_eq!(sigmoid(0.0), 0.5);
    }

    #[test]
    fn sigmoid_prime_is_sigma_times_one_minus_sigma() {
        for z in [-5.0, -0.3, 0.0, 1.7, 6.0] {
            let s = sigmoid(z);
            assert!((sigmoid_prime(z) - s * (1.0 - s)).abs() < 1e-15);
        }
        // Far out on the saturated side σ(z)(1 − σ(z)) is exactly 0, σ′ is not.
        assert!(sigmoid_prime(40.0) > 0.0);
    }

    #[test]
    fn cross_entropy_is_finite_where_a_rounds_to_one() {
        // σ(40) is exactly 1.0 in f64, so −ln(1 − a) would be ∞.
        assert_eq!(sigmoid(40.0), 1.0);
        let c = Cost::CrossEntropy.value(40.0, 0.0);
        assert!((c - 40.0).abs() < 1e-12, "{c}");
        let c = Cost::CrossEntropy.value(-800.0, 1.0);
        assert_eq!(c, 800.0);
        assert_eq!(Cost::CrossEntropy.value(800.0, 1.0), 0.0);
    }

    #[test]
    fn costs_match_their_textbook_forms_where_those_are_finite() {
        for z in [-3.0, -0.5, 0.0, 1.5, 4.0] {
            for y in [0.0, 0.25, 1.0] {
                let a = 1.0 / (1.0 + f64::exp(-z));
                let q = (y - a) * (y - a) / 2.0;
                let mut ce = 0.0;
                if y > 0.0 {
                    ce -= y * a.ln();
                }
                if y < 1.0 {
                    ce -= (1.0 - y) * (1.0 - a).ln();
                }
                assert!((Cost::Quadratic.value(z, y) - q).abs() <= 1e-15 * q.max(1.0));
                assert!((Cost::CrossEntropy.value(z, y) - ce).abs() <= 1e-13 * ce.max(1.0));
            }
        }
    }

    #[test]
    fn derivatives_agree_with_central_differences() {
        let h = 1e-6;
        for cost in Cost::ALL {
            for z in [-4.0, -1.0, 0.0, 0.7, 2.5, 6.0] {
                for y in [0.0, 0.3, 1.0] {
                    let fd = (cost.value(z + h, y) - cost.value(z - h, y)) / (2.0 * h);
                    let g = cost.dc_dz(z, y);
                    assert!(
                        (fd - g).abs() <= 1e-7 * g.abs().max(1e-3),
                        "{cost} z={z} y={y}: {g} vs {fd}"
                    );
                    // ∂C/∂a = ∂C/∂z / σ′(z), eq. (73).
                    let da = cost.dc_da(z, y) * sigmoid_prime(z);
                    assert!(
                        (da - g).abs() <= 1e-12 * g.abs().max(1e-12),
                        "{cost} z={z} y={y}"
                    );
                }
            }
        }
    }

    #[test]
    fn swapped_expression_is_infinite_for_the_targets_0_and_1() {
        for z in [-30.0, -2.0, 0.0, 2.0, 30.0] {
            assert_eq!(Cost::Swapped.value(z, 0.0), f64::INFINITY);
            assert_eq!(Cost::Swapped.value(z, 1.0), f64::INFINITY);
            assert_eq!(Cost::Swapped.dc_dz(z, 0.0), f64::INFINITY);
            assert_eq!(Cost::Swapped.dc_dz(z, 1.0), f64::NEG_INFINITY);
        }
        // Also where a rounds to exactly 0: it is above 0 for every real z.
        assert_eq!(Cost::Swapped.value(-800.0, 0.0), f64::INFINITY);
        assert_eq!(Cost::Swapped.dc_dz(-800.0, 0.0), f64::INFINITY);
    }

    #[test]
    fn swapped_expression_agrees_with_its_textbook_form_and_central_differences() {
        let h = 1e-6;
        for z in [-4.0, -1.0, 0.0, 0.7, 2.5] {
            for y in [0.1, 0.3, 0.5, 0.9] {
                let a = 1.0 / (1.0 + f64::exp(-z));
                let c = -(a * f64::ln(y) + (1.0 - a) * f64::ln(1.0 - y));
                let v = Cost::Swapped.value(z, y);
                assert!((v - c).abs() <= 1e-14 * c.abs().max(1.0), "{v} vs {c}");
                let fd =
                    (Cost::Swapped.value(z + h, y) - Cost::Swapped.value(z - h, y)) / (2.0 * h);
                let g = Cost::Swapped.dc_dz(z, y);
                assert!((fd - g).abs() <= 1e-7 * g.abs().max(1e-3), "z={z} y={y}");
            }
        }
    }

    #[test]
    fn cross_entropy_is_least_at_a_equals_y_where_it_is_the_binary_entropy() {
        for y in [0.05, 0.2, 0.5, 0.73, 0.99] {
            let z_star = f64::ln(y / (1.0 - y));
            let h = binary_entropy(y);
            assert!((Cost::CrossEntropy.value(z_star, y) - h).abs() < 1e-14);
            assert!(Cost::CrossEntropy.dc_dz(z_star, y).abs() < 1e-15);
            for dz in [-1.0, -0.01, 0.01, 1.0] {
                assert!(Cost::CrossEntropy.value(z_star + dz, y) > h);
            }
        }
        assert_eq!(binary_entropy(0.0), 0.0);
        assert_eq!(binary_entropy(1.0), 0.0);
        assert!((binary_entropy(0.5) - std::f64::consts::LN_2).abs() < 1e-16);
    }

    #[test]
    fn names_round_trip() {
        for c in Cost::ALL {
            assert_eq!(Cost::from_name(c.name()), Some(c));
        }
        assert_eq!(Cost::from_name("crossentropy"), None);
    }
}
