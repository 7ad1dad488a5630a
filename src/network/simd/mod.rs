//! The f32 kernels in explicit SIMD, written once over a small vector type ([`Lanes`]) and
//! compiled for each instruction set the code may meet:
//!
//! - x86-64 with AVX-512, or AVX2 and FMA, chosen at run time (`is_x86_feature_detected!`),
//!   so that a release build for the baseline x86-64 still runs at the machine's speed;
//! - x86-64's baseline SSE2 otherwise;
//! - wasm32 with simd128, where a multiply-add is fused when the module is built with relaxed
//!   SIMD (`f32x4_relaxed_madd`) and is a multiply then an add otherwise.
//!
//! Rounding: a fused multiply-add rounds once where a multiply then an add round twice, so the
//! AVX2 + FMA kernels, the SSE2 ones and the two wasm builds give slightly different numbers
//! (and relaxed SIMD may fuse or not depending on the CPU under the engine). Each of them is
//! deterministic: the order of every operation is fixed by this code, never by the data or the
//! timing, so a seed gives the same run again on the same machine and engine.

use super::math::inverse_factorials;
use super::rows::RowUpdate;

/// A vector of `N` f32 lanes. Every method is `unsafe` because it is compiled for an
/// instruction set that the caller must have checked is there (natively) or that the
/// module was built for (wasm); pointers must be valid for the lanes they touch.
pub(crate) trait Lanes: Copy {
    const N: usize;
    /// Vectors per column block: up to this many accumulators stay in registers while
    /// the rows stream by (see `blocks`).
    const BLOCK: usize;
    unsafe fn splat(x: f32) -> Self;
    unsafe fn load(p: *const f32) -> Self;
    /// The first `t` lanes from `p` (1 ≤ t ≤ N), the others 0; nothing past them is read.
    unsafe fn load_part(p: *const f32, t: usize) -> Self;
    unsafe fn store(self, p: *mut f32);
    /// Writes the first `t` lanes (1 ≤ t ≤ N) to `p`; nothing past them is written.
    unsafe fn store_part(self, p: *mut f32, t: usize);
    unsafe fn add(self, b: Self) -> Self;
    unsafe fn sub(self, b: Self) -> Self;
    unsafe fn mul(self, b: Self) -> Self;
    unsafe fn div(self, b: Self) -> Self;
    /// a·b + c: fused (one rounding) where the instruction set has it.
    unsafe fn madd(a: Self, b: Self, c: Self) -> Self;
    /// The smaller and the larger of the two, with a NaN in `self` passed on.
    unsafe fn min(self, b: Self) -> Self;
    unsafe fn max(self, b: Self) -> Self;
    /// 2^k for lanes holding whole numbers k in −126..=127.
    unsafe fn pow2(k: Self) -> Self;
    /// Whether every lane is 0 (NaN is not).
    unsafe fn all_zero(self) -> bool;
}

/// Column blocks of at most this many vectors have their terms split over two chains of
/// accumulators (see `sum`); wider ones have enough independent chains already.
const TWO_CHAINS_UP_TO: usize = 4;

/// z = init + Σᵢ val[i] · row idx[i] of w, rows of `n` numbers; `init` None for 0. The sum
/// runs in the order of the list, one multiply-add per term: a column block of z stays in
/// registers while the rows go by, so that each row is read once and z written once.
///
/// # Safety
/// The instruction set of `V` is available; z and init hold n numbers; every idx[i] <
/// w.len()/n; val is as long as idx.
#[inline(always)]
pub(crate) unsafe fn axpys<V: Lanes>(
    z: &mut [f32],
    init: Option<&[f32]>,
    w: &[f32],
    n: usize,
    idx: &[u16],
    val: &[f32],
) {
    let (zp, w) = (z.as_mut_ptr(), w.as_ptr());
    let init = init.map(|b| b.as_ptr());
    blocks::<V>(n, |j0, nv, tail| {
        let init = init.map(|b| b.add(j0));
        let (w, z) = (w.add(j0), zp.add(j0));
        match nv {
            1 => store::<V, 1>(sum::<V, 1>(init, w, n, idx, val, tail), z, tail),
            2 => store::<V, 2>(sum::<V, 2>(init, w, n, idx, val, tail), z, tail),
            3 => store::<V, 3>(sum::<V, 3>(init, w, n, idx, val, tail), z, tail),
            4 => store::<V, 4>(sum::<V, 4>(init, w, n, idx, val, tail), z, tail),
            5 => store::<V, 5>(sum::<V, 5>(init, w, n, idx, val, tail), z, tail),
            6 => store::<V, 6>(sum::<V, 6>(init, w, n, idx, val, tail), z, tail),
            7 => store::<V, 7>(sum::<V, 7>(init, w, n, idx, val, tail), z, tail),
            _ => store::<V, 8>(sum::<V, 8>(init, w, n, idx, val, tail), z, tail),
        }
    });
}

/// The first layer's update for the inputs it touches (see `train`): for each listed input
/// k = rows[t], its gradient row g (see [`RowUpdate`]), and row k of w ← d·(row k of w) − c·g,
/// in place, its old value copied to row t of undo. Returns whether every new value is finite.
///
/// # Safety
/// The instruction set of `V` is available; undo holds rows.len()·n numbers; every k in
/// rows indexes first, end and a row of w; every entry range lies in entry_r and entry_x;
/// every r is a row of delta (rows of n).
#[inline(always)]
pub(crate) unsafe fn update_rows<V: Lanes>(
    w: &mut [f32],
    undo: &mut [f32],
    update: &RowUpdate<f32>,
) -> bool {
    let RowUpdate {
        rows,
        first,
        end,
        entry_r,
        entry_x,
        delta,
        n,
        d,
        c,
    } = *update;
    let (up, dp, wp) = (undo.as_mut_ptr(), delta.as_ptr(), w.as_mut_ptr());
    let (dv, minus_c, zero) = (V::splat(d), V::splat(-c), V::splat(0.0));
    let mut check = zero;
    for (t, &k) in rows.iter().enumerate() {
        let k = usize::from(k);
        let (s, e) = (
            *first.get_unchecked(k) as usize,
            *end.get_unchecked(k) as usize,
        );
        let (idx, val) = (entry_r.get_unchecked(s..e), entry_x.get_unchecked(s..e));
        let (u, wr) = (up.add(t * n), wp.add(k * n));
        blocks::<V>(n, |j0, nv, tail| {
            let (u, wr, dp) = (u.add(j0), wr.add(j0), dp.add(j0));
            // The row's new values from its gradient, block by block.
            let mut one = |grad: &[V]| {
                for (v, g) in grad.iter().enumerate() {
                    let lanes = if v + 1 == grad.len() { tail } else { V::N };
                    let old = V::load_part(wr.add(v * V::N), lanes);
                    old.store_part(u.add(v * V::N), lanes);
                    let new = V::madd(minus_c, *g, dv.mul(old));
                    new.store_part(wr.add(v * V::N), lanes);
                    check = check.add(new.mul(zero));
                }
            };
            match nv {
                1 => one(&sum::<V, 1>(None, dp, n, idx, val, tail)),
                2 => one(&sum::<V, 2>(None, dp, n, idx, val, tail)),
                3 => one(&sum::<V, 3>(None, dp, n, idx, val, tail)),
                4 => one(&sum::<V, 4>(None, dp, n, idx, val, tail)),
                5 => one(&sum::<V, 5>(None, dp, n, idx, val, tail)),
                6 => one(&sum::<V, 6>(None, dp, n, idx, val, tail)),
                7 => one(&sum::<V, 7>(None, dp, n, idx, val, tail)),
                _ => one(&sum::<V, 8>(None, dp, n, idx, val, tail)),
            }
        });
    }
    check.all_zero()
}

/// Calls `f(j0, nv, tail)` for each column block of a row of n: from column j0, nv vectors
/// (at most V::BLOCK, itself at most 8), the last of them with `tail` lanes.
#[inline(always)]
unsafe fn blocks<V: Lanes>(n: usize, mut f: impl FnMut(usize, usize, usize)) {
    let mut j0 = 0;
    while j0 < n {
        let width = (n - j0).min(V::BLOCK.min(8) * V::N);
        let nv = width.div_ceil(V::N);
        f(j0, nv, width - (nv - 1) * V::N);
        j0 += width;
    }
}

/// One column block of a sum of rows: NV vectors, the last with `tail` lanes, starting
/// from init (or 0), plus val[i] times each listed row. The terms go alternately into two
/// sets of accumulators, added at the end: one chain of multiply-adds would wait on each
/// one's latency, two keep the unit busy. The order is fixed all the same: init and the
/// even terms in turn, the odd terms in turn, then the two sums.
#[inline(always)]
unsafe fn sum<V: Lanes, const NV: usize>(
    init: Option<*const f32>,
    w: *const f32,
    n: usize,
    idx: &[u16],
    val: &[f32],
    tail: usize,
) -> [V; NV] {
    let last = NV - 1;
    let mut even = [V::splat(0.0); NV];
    let mut odd = [V::splat(0.0); NV];
    if let Some(b) = init {
        for (v, a) in even.iter_mut().enumerate().take(last) {
            *a = V::load(b.add(v * V::N));
        }
        even[last] = V::load_part(b.add(last * V::N), tail);
    }
    let full = tail == V::N;
    let term = |acc: &mut [V; NV], k: u16, x: f32| {
        let row = w.add(usize::from(k) * n);
        let x = V::splat(x);
        for (v, a) in acc.iter_mut().enumerate().take(last) {
            *a = V::madd(x, V::load(row.add(v * V::N)), *a);
        }
        let p = row.add(last * V::N);
        let r = if full {
            V::load(p)
        } else {
            V::load_part(p, tail)
        };
        acc[last] = V::madd(x, r, acc[last]);
    };
    let len = idx.len().min(val.len());
    let mut i = 0;
    if NV > TWO_CHAINS_UP_TO {
        while i < len {
            term(&mut even, *idx.get_unchecked(i), *val.get_unchecked(i));
            i += 1;
        }
        return even;
    }
    while i + 1 < len {
        term(&mut even, *idx.get_unchecked(i), *val.get_unchecked(i));
        term(
            &mut odd,
            *idx.get_unchecked(i + 1),
            *val.get_unchecked(i + 1),
        );
        i += 2;
    }
    if i < len {
        term(&mut even, *idx.get_unchecked(i), *val.get_unchecked(i));
    }
    for (e, o) in even.iter_mut().zip(odd) {
        *e = e.add(o);
    }
    even
}

#[inline(always)]
unsafe fn store<V: Lanes, const NV: usize>(acc: [V; NV], z: *mut f32, tail: usize) {
    for (v, a) in acc.iter().enumerate().take(NV - 1) {
        a.store(z.add(v * V::N));
    }
    acc[NV - 1].store_part(z.add((NV - 1) * V::N), tail);
}

/// g ← d·w − c·g, and whether every result is finite (see `kernels::step`).
///
/// # Safety
/// The instruction set of `V` is available.
#[inline(always)]
pub(crate) unsafe fn step<V: Lanes>(g: &mut [f32], w: &[f32], d: f32, c: f32) -> bool {
    let n = g.len().min(w.len());
    let (gp, wp) = (g.as_mut_ptr(), w.as_ptr());
    let (d, minus_c) = (V::splat(d), V::splat(-c));
    let zero = V::splat(0.0);
    let mut check = zero;
    let mut i = 0;
    while i < n {
        let t = (n - i).min(V::N);
        let new = V::madd(
            minus_c,
            V::load_part(gp.add(i), t),
            d.mul(V::load_part(wp.add(i), t)),
        );
        new.store_part(gp.add(i), t);
        // v·0 is 0 for a finite v and NaN for ±∞ or NaN.
        check = check.add(new.mul(zero));
        i += t;
    }
    check.all_zero()
}

/// w ← d·w.
///
/// # Safety
/// The instruction set of `V` is available.
#[inline(always)]
pub(crate) unsafe fn scale<V: Lanes>(w: &mut [f32], d: f32) {
    let (n, p, d) = (w.len(), w.as_mut_ptr(), V::splat(d));
    let mut i = 0;
    while i < n {
        let t = (n - i).min(V::N);
        d.mul(V::load_part(p.add(i), t)).store_part(p.add(i), t);
        i += t;
    }
}

/// δ ← δ ⊙ a(1 − a): σ′(z) from the stored activations a = σ(z) (BP2).
///
/// # Safety
/// The instruction set of `V` is available.
#[inline(always)]
pub(crate) unsafe fn times_sigma_prime<V: Lanes>(delta: &mut [f32], a: &[f32]) {
    let n = delta.len().min(a.len());
    let (dp, ap, one) = (delta.as_mut_ptr(), a.as_ptr(), V::splat(1.0));
    let mut i = 0;
    while i < n {
        let t = (n - i).min(V::N);
        let a = V::load_part(ap.add(i), t);
        let sp = a.mul(one.sub(a));
        V::load_part(dp.add(i), t).mul(sp).store_part(dp.add(i), t);
        i += t;
    }
}

/// ln 2 split for f32 (Cephes): k·LN2_HI is exact for |k| < 2^9.
const LN2_HI: f32 = 0.693_359_4;
const LN2_LO: f32 = -2.121_944_4e-4;
/// 1/n! for n = 0..=7: e^r to r⁷/7!, whose remainder is below 6e-9 relative for
/// |r| ≤ ln 2 / 2, a tenth of f32's rounding.
const EXP_TAYLOR: [f32; 8] = inverse_factorials!(f32, 8);

/// a ← σ(a) = 1 / (1 + e^(−a)) in f32, from basic operations only, so that it rounds the
/// same in every build of one instruction set: within a few units in the last place of
/// σ, 1 above z = 87 and about 6e-39 (not the true, smaller value) below −88, where it
/// stays positive. A NaN stays NaN.
///
/// # Safety
/// The instruction set of `V` is available.
#[inline(always)]
pub(crate) unsafe fn sigmoid<V: Lanes>(a: &mut [f32]) {
    let (n, p) = (a.len(), a.as_mut_ptr());
    let one = V::splat(1.0);
    // x = −z, clamped where e^x stays a normal f32: 2^k with −126 ≤ k ≤ 127.
    let (lo, hi) = (V::splat(-87.0), V::splat(88.0));
    // Adding and taking away 1.5·2^23 rounds to the nearest integer.
    let round = V::splat(12_582_912.0);
    let log2e = V::splat(std::f32::consts::LOG2_E);
    let (ln2_hi, ln2_lo) = (V::splat(LN2_HI), V::splat(LN2_LO));
    let mut i = 0;
    while i < n {
        let t = (n - i).min(V::N);
        let z = V::load_part(p.add(i), t);
        let x = V::splat(0.0).sub(z).min(hi).max(lo);
        let k = V::madd(x, log2e, round).sub(round);
        let r = x.sub(k.mul(ln2_hi)).sub(k.mul(ln2_lo));
        let mut e = V::splat(EXP_TAYLOR[7]);
        for &c in EXP_TAYLOR[..7].iter().rev() {
            e = V::madd(e, r, V::splat(c));
        }
        let e = e.mul(V::pow2(k));
        one.div(one.add(e)).store_part(p.add(i), t);
        i += t;
    }
}

#[cfg(target_arch = "x86_64")]
pub(crate) use x86::{Avx2, Avx512, Sse2};

#[cfg(target_arch = "x86_64")]
mod x86;

#[cfg(target_arch = "wasm32")]
pub(crate) use wasm::Simd128;

#[cfg(target_arch = "wasm32")]
mod wasm;
