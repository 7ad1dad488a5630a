//! e^x, ln x and the functions built on them, from IEEE-754 basic operations only (+, −, ×, ÷,
//! floor), which every platform rounds the same way. The platforms' own `exp` and `ln` come
//! from different libm's natively and in wasm and may differ in the last bit, and one bit is
//! enough for two runs of SGD to drift apart: with these the f64 path gives the same network
//! everywhere (the f32 path's σ is `simd::sigmoid`, from basic operations too).

/// ln 2 in two parts (fdlibm's split): `k * LN2_HI` is exact for the |k| < 2^11 used here.
const LN2_HI: f64 = 6.931_471_803_691_238e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
const LOG2_E: f64 = std::f64::consts::LOG2_E;

/// `[1/0!, 1/1!, …, 1/($n−1)!]` in the float type `$t`, as a constant: the Taylor coefficients
/// of e^r, for this file's e^x in f64 and `simd`'s in f32. The factorials stay whole numbers
/// below 2^24 (f32, $n ≤ 11) or 2^53 (f64, $n ≤ 18), so each is exact and each 1/n! is rounded
/// once, as a written `1.0 / 5040.0` would be. A macro rather than a `const fn`, whose body
/// could be for one float type only.
macro_rules! inverse_factorials {
    ($t:ty, $n:expr) => {{
        let mut table: [$t; $n] = [0.0; $n];
        let (mut k, mut factorial): (usize, $t) = (0, 1.0);
        while k < $n {
            table[k] = 1.0 / factorial;
            k += 1;
            factorial *= k as $t;
        }
        table
    }};
}
// For `simd`'s σ, where there is a `simd`.
#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
pub(super) use inverse_factorials;

/// 1/n! for n = 0..=13: the Taylor series of e^r to r^13/13!, whose remainder is below 1e-17
/// for |r| ≤ 0.35.
const EXP_TAYLOR: [f64; 14] = inverse_factorials!(f64, 14);

/// e^x to within a few units in the last place; 0 below −745.13 and ∞ above 709.78, where
/// the true value is out of range of f64. Without branches or calls, so that a loop of them
/// can be vectorised.
#[inline]
pub fn exp(x: f64) -> f64 {
    // Clamped to where 2^k below stays in range; the clamped ends still round to 0 and ∞. A
    // NaN passes through.
    let x = x.clamp(-745.2, 709.8);
    // x = k ln 2 + r with |r| ≤ ln 2 / 2, so e^x = 2^k e^r; adding and taking away 1.5·2^52
    // rounds to the nearest integer (floor would be a call on x86-64's baseline).
    const ROUND: f64 = 6_755_399_441_055_744.0;
    let k = (x * LOG2_E + ROUND) - ROUND;
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let mut p = 0.0;
    for c in EXP_TAYLOR.iter().rev() {
        p = p * r + c;
    }
    // 2^k in two factors, each a normal number, so that results near the ends of the range
    // neither overflow nor lose the subnormal part too early.
    let k = k as i32;
    let k1 = k / 2;
    p * pow2(k1) * pow2(k - k1)
}

/// 2^n for −1022 ≤ n ≤ 1023, built from its bits.
#[inline]
fn pow2(n: i32) -> f64 {
    f64::from_bits(((n + 1023) as u64) << 52)
}

/// ln x to within a few units in the last place: NaN below 0, −∞ at 0.
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x == f64::INFINITY {
        return x;
    }
    // Subnormals are scaled up by 2^54 to have a full mantissa.
    let (x, e_scale) = if x < f64::MIN_POSITIVE {
        (x * pow2(54), -54)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    // x = m 2^e with √½ < m ≤ √2, where the series below converges fastest.
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023 + e_scale;
    let mut m = f64::from_bits((bits & ((1 << 52) - 1)) | (1023 << 52));
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    // ln m = 2 atanh((m − 1)/(m + 1)); m − 1 is exact.
    let e = e as f64;
    e * LN2_HI + (2.0 * atanh((m - 1.0) / (m + 1.0)) + e * LN2_LO)
}

/// ln(1 + u) for 0 ≤ u ≤ 1, exact to the last bits even for tiny u (where 1 + u rounds to 1).
pub fn ln_1p_unit(u: f64) -> f64 {
    2.0 * atanh(u / (2.0 + u))
}

/// 1/(2i + 1) for i = 0..19: atanh s = s + s³/3 + s⁵/5 + … for |s| ≤ 1/3, where these 19
/// terms leave a remainder below 1e-19.
const ATANH_SERIES: [f64; 19] = [
    1.0,
    1.0 / 3.0,
    1.0 / 5.0,
    1.0 / 7.0,
    1.0 / 9.0,
    1.0 / 11.0,
    1.0 / 13.0,
    1.0 / 15.0,
    1.0 / 17.0,
    1.0 / 19.0,
    1.0 / 21.0,
    1.0 / 23.0,
    1.0 / 25.0,
    1.0 / 27.0,
    1.0 / 29.0,
    1.0 / 31.0,
    1.0 / 33.0,
    1.0 / 35.0,
    1.0 / 37.0,
];

fn atanh(s: f64) -> f64 {
    let s2 = s * s;
    let mut p = 0.0;
    for c in ATANH_SERIES.iter().rev() {
        p = p * s2 + c;
    }
    s * p
}

/// σ(z) = 1 / (1 + e^(−z)); 0 and 1 far out, never NaN for a number.
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + exp(-z))
}

/// ln(1 + e^t), exact for large |t| (it is t there, not ∞): −ln σ(−t), the cross-entropy's terms.
pub fn softplus(t: f64) -> f64 {
    t.max(0.0) + ln_1p_unit(exp(-t.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(a: f64, b: f64) -> f64 {
        (a - b).abs() / (b.abs() * f64::EPSILON).max(f64::MIN_POSITIVE)
    }

    #[test]
    fn exp_agrees_with_the_platform_to_a_few_ulps() {
        let mut x = -708.0;
        while x < 709.7 {
            assert!(
                ulps(exp(x), x.exp()) <= 4.0,
                "exp({x}) = {} vs {}",
                exp(x),
                x.exp()
            );
            x += 0.0137;
        }
        for x in [0.0, 1e-300, -1e-20, 1.0, -1.0, 0.5 * std::f64::consts::LN_2] {
            assert!(ulps(exp(x), x.exp()) <= 2.0, "exp({x})");
        }
        // Subnormal results, with fewer bits to be right in.
        for x in [-720.0, -740.0, -745.0] {
            assert!((exp(x) - x.exp()).abs() <= 4.0 * 5e-324, "exp({x})");
        }
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(-746.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
    }

    #[test]
    fn ln_agrees_with_the_platform_to_a_few_ulps() {
        let mut x: f64 = 1e-310;
        while x < 1e300 {
            assert!(
                ulps(ln(x), x.ln()) <= 4.0,
                "ln({x}) = {} vs {}",
                ln(x),
                x.ln()
            );
            x *= 1.37;
        }
        for x in [1.0, 2.0, 0.5, 1.0 + 1e-15, 1.0 - 1e-15, std::f64::consts::E] {
            assert!((ln(x) - x.ln()).abs() <= 4.0 * f64::EPSILON * x.ln().abs().max(1e-16));
        }
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ln(-1.0).is_nan());
    }

    #[test]
    fn ln_1p_keeps_tiny_arguments() {
        for u in [0.0, 1e-300, 1e-17, 1e-9, 0.1, 0.5, 1.0] {
            assert!(ulps(ln_1p_unit(u), u.ln_1p()) <= 4.0, "ln_1p({u})");
        }
    }

    #[test]
    fn softplus_is_finite_far_out() {
        assert_eq!(softplus(800.0), 800.0);
        assert_eq!(softplus(-800.0), 0.0);
        assert!(ulps(softplus(0.0), std::f64::consts::LN_2) <= 2.0);
        assert_eq!(sigmoid(800.0), 1.0);
        assert_eq!(sigmoid(-800.0), 0.0);
    }
}
