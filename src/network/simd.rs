//! The f32 kernels in explicit SIMD, written once over a small vector type ([`Lanes`]) and
//! compiled for each instruction set the code may meet:
//!
//! - x86-64 with AVX2 and FMA, chosen at run time (`is_x86_feature_detected!`), so that a
//!   release build for the baseline x86-64 still runs at the machine's speed;
//! - x86-64's baseline SSE2 otherwise;
//! - wasm32 with simd128, where a multiply-add is fused when the module is built with relaxed
//!   SIMD (`f32x4_relaxed_madd`) and is a multiply then an add otherwise.
//!
//! Rounding: a fused multiply-add rounds once where a multiply then an add round twice, so the
//! AVX2 + FMA kernels, the SSE2 ones and the two wasm builds give slightly different numbers
//! (and relaxed SIMD may fuse or not depending on the CPU under the engine). Each of them is
//! deterministic: the order of every operation is fixed by this code, never by the data or the
//! timing, so a seed gives the same run again on the same machine and engine.

#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
pub(crate) use imp::*;

#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
mod imp {
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
    /// k = rows[t], its gradient row g = Σ x·(row r of delta) over its entries (r, x) =
    /// (entry_r, entry_x)[first[k]..end[k]], and row k of w ← d·(row k of w) − c·g, in place,
    /// its old value copied to row t of undo. Returns whether every new value is finite.
    ///
    /// # Safety
    /// The instruction set of `V` is available; undo holds rows.len()·n numbers; every k in
    /// rows indexes first, end and a row of w; every entry range lies in entry_r and entry_x;
    /// every r is a row of delta (rows of n).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    pub(crate) unsafe fn update_rows<V: Lanes>(
        w: &mut [f32],
        undo: &mut [f32],
        rows: &[u16],
        first: &[u32],
        end: &[u32],
        entry_r: &[u16],
        entry_x: &[f32],
        delta: &[f32],
        n: usize,
        d: f32,
        c: f32,
    ) -> bool {
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
    const EXP_TAYLOR: [f32; 8] = [
        1.0,
        1.0,
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5040.0,
    ];

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
    pub(crate) use x86::{Avx2, Sse2};

    #[cfg(target_arch = "x86_64")]
    mod x86 {
        use super::Lanes;
        use std::arch::x86_64::*;

        /// Eight lanes in a 256-bit AVX register, with FMA.
        #[derive(Clone, Copy)]
        pub(crate) struct Avx2(__m256);

        /// Lane masks for `maskload`/`maskstore`: the first t lanes are MASKS[8 − t..16 − t].
        static MASKS: [i32; 16] = [-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0];

        #[target_feature(enable = "avx2,fma")]
        #[inline]
        unsafe fn mask(t: usize) -> __m256i {
            _mm256_loadu_si256(MASKS.as_ptr().add(8 - t).cast())
        }

        impl Lanes for Avx2 {
            const N: usize = 8;
            // Four 8-lane registers cover a layer of up to 32 neurons in one pass; with the
            // two chains, 8 of the 16 registers hold sums.
            const BLOCK: usize = 4;
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn splat(x: f32) -> Self {
                Avx2(_mm256_set1_ps(x))
            }
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn load(p: *const f32) -> Self {
                Avx2(_mm256_loadu_ps(p))
            }
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn load_part(p: *const f32, t: usize) -> Self {
                Avx2(_mm256_maskload_ps(p, mask(t)))
            }
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn store(self, p: *mut f32) {
                _mm256_storeu_ps(p, self.0)
            }
            // Not vmaskmovps: a masked store takes tens of cycles on AMD's cores. The part is
            // written as a 128-bit, a 64-bit and a 32-bit store, as many as it needs.
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn store_part(self, p: *mut f32, t: usize) {
                if t == 8 {
                    return _mm256_storeu_ps(p, self.0);
                }
                let (mut v, mut p, mut t) = (_mm256_castps256_ps128(self.0), p, t);
                if t >= 4 {
                    _mm_storeu_ps(p, v);
                    v = _mm256_extractf128_ps::<1>(self.0);
                    p = p.add(4);
                    t -= 4;
                }
                if t >= 2 {
                    _mm_store_sd(p.cast(), _mm_castps_pd(v));
                    v = _mm_movehl_ps(v, v);
                    p = p.add(2);
                    t -= 2;
                }
                if t == 1 {
                    _mm_store_ss(p, v);
                }
            }
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn add(self, b: Self) -> Self {
                Avx2(_mm256_add_ps(self.0, b.0))
            }
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn sub(self, b: Self) -> Self {
                Avx2(_mm256_sub_ps(self.0, b.0))
            }
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn mul(self, b: Self) -> Self {
                Avx2(_mm256_mul_ps(self.0, b.0))
            }
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn div(self, b: Self) -> Self {
                Avx2(_mm256_div_ps(self.0, b.0))
            }
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn madd(a: Self, b: Self, c: Self) -> Self {
                Avx2(_mm256_fmadd_ps(a.0, b.0, c.0))
            }
            // minps/maxps return their second operand when either is NaN.
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn min(self, b: Self) -> Self {
                Avx2(_mm256_min_ps(b.0, self.0))
            }
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn max(self, b: Self) -> Self {
                Avx2(_mm256_max_ps(b.0, self.0))
            }
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn pow2(k: Self) -> Self {
                let k = _mm256_cvtps_epi32(k.0);
                let bits = _mm256_slli_epi32::<23>(_mm256_add_epi32(k, _mm256_set1_epi32(127)));
                Avx2(_mm256_castsi256_ps(bits))
            }
            #[target_feature(enable = "avx2,fma")]
            #[inline]
            unsafe fn all_zero(self) -> bool {
                let eq = _mm256_cmp_ps::<_CMP_EQ_OQ>(self.0, _mm256_setzero_ps());
                _mm256_movemask_ps(eq) == 0xff
            }
        }

        /// Four lanes in a 128-bit SSE register: x86-64's baseline, without FMA.
        #[derive(Clone, Copy)]
        pub(crate) struct Sse2(__m128);

        impl Lanes for Sse2 {
            const N: usize = 4;
            // Eight 4-lane registers cover up to 32 neurons in one pass over the rows (one
            // chain, 8 of the 16 registers).
            const BLOCK: usize = 8;
            #[inline(always)]
            unsafe fn splat(x: f32) -> Self {
                Sse2(_mm_set1_ps(x))
            }
            #[inline(always)]
            unsafe fn load(p: *const f32) -> Self {
                Sse2(_mm_loadu_ps(p))
            }
            #[inline(always)]
            unsafe fn load_part(p: *const f32, t: usize) -> Self {
                Sse2(match t {
                    1 => _mm_load_ss(p),
                    2 => _mm_castpd_ps(_mm_load_sd(p.cast())),
                    3 => _mm_movelh_ps(_mm_castpd_ps(_mm_load_sd(p.cast())), _mm_load_ss(p.add(2))),
                    _ => _mm_loadu_ps(p),
                })
            }
            #[inline(always)]
            unsafe fn store(self, p: *mut f32) {
                _mm_storeu_ps(p, self.0)
            }
            #[inline(always)]
            unsafe fn store_part(self, p: *mut f32, t: usize) {
                match t {
                    1 => _mm_store_ss(p, self.0),
                    2 => _mm_store_sd(p.cast(), _mm_castps_pd(self.0)),
                    3 => {
                        _mm_store_sd(p.cast(), _mm_castps_pd(self.0));
                        _mm_store_ss(p.add(2), _mm_movehl_ps(self.0, self.0));
                    }
                    _ => _mm_storeu_ps(p, self.0),
                }
            }
            #[inline(always)]
            unsafe fn add(self, b: Self) -> Self {
                Sse2(_mm_add_ps(self.0, b.0))
            }
            #[inline(always)]
            unsafe fn sub(self, b: Self) -> Self {
                Sse2(_mm_sub_ps(self.0, b.0))
            }
            #[inline(always)]
            unsafe fn mul(self, b: Self) -> Self {
                Sse2(_mm_mul_ps(self.0, b.0))
            }
            #[inline(always)]
            unsafe fn div(self, b: Self) -> Self {
                Sse2(_mm_div_ps(self.0, b.0))
            }
            #[inline(always)]
            unsafe fn madd(a: Self, b: Self, c: Self) -> Self {
                Sse2(_mm_add_ps(_mm_mul_ps(a.0, b.0), c.0))
            }
            #[inline(always)]
            unsafe fn min(self, b: Self) -> Self {
                Sse2(_mm_min_ps(b.0, self.0))
            }
            #[inline(always)]
            unsafe fn max(self, b: Self) -> Self {
                Sse2(_mm_max_ps(b.0, self.0))
            }
            #[inline(always)]
            unsafe fn pow2(k: Self) -> Self {
                let k = _mm_cvtps_epi32(k.0);
                let bits = _mm_slli_epi32::<23>(_mm_add_epi32(k, _mm_set1_epi32(127)));
                Sse2(_mm_castsi128_ps(bits))
            }
            #[inline(always)]
            unsafe fn all_zero(self) -> bool {
                _mm_movemask_ps(_mm_cmpeq_ps(self.0, _mm_setzero_ps())) == 0xf
            }
        }
    }

    #[cfg(target_arch = "wasm32")]
    pub(crate) use wasm::Simd128;

    #[cfg(target_arch = "wasm32")]
    mod wasm {
        use super::Lanes;
        use core::arch::wasm32::*;

        /// Four lanes in a wasm simd128 register.
        #[derive(Clone, Copy)]
        pub(crate) struct Simd128(v128);

        impl Lanes for Simd128 {
            const N: usize = 4;
            // Eight 4-lane registers cover up to 32 neurons in one pass over the rows (one
            // chain, 8 of the 16 registers).
            const BLOCK: usize = 8;
            #[inline(always)]
            unsafe fn splat(x: f32) -> Self {
                Simd128(f32x4_splat(x))
            }
            #[inline(always)]
            unsafe fn load(p: *const f32) -> Self {
                Simd128(v128_load(p.cast()))
            }
            #[inline(always)]
            unsafe fn load_part(p: *const f32, t: usize) -> Self {
                Simd128(match t {
                    1 => v128_load32_zero(p.cast()),
                    2 => v128_load64_zero(p.cast()),
                    3 => v128_load32_lane::<2>(v128_load64_zero(p.cast()), p.add(2).cast()),
                    _ => v128_load(p.cast()),
                })
            }
            #[inline(always)]
            unsafe fn store(self, p: *mut f32) {
                v128_store(p.cast(), self.0)
            }
            #[inline(always)]
            unsafe fn store_part(self, p: *mut f32, t: usize) {
                match t {
                    1 => v128_store32_lane::<0>(self.0, p.cast()),
                    2 => v128_store64_lane::<0>(self.0, p.cast()),
                    3 => {
                        v128_store64_lane::<0>(self.0, p.cast());
                        v128_store32_lane::<2>(self.0, p.add(2).cast());
                    }
                    _ => v128_store(p.cast(), self.0),
                }
            }
            #[inline(always)]
            unsafe fn add(self, b: Self) -> Self {
                Simd128(f32x4_add(self.0, b.0))
            }
            #[inline(always)]
            unsafe fn sub(self, b: Self) -> Self {
                Simd128(f32x4_sub(self.0, b.0))
            }
            #[inline(always)]
            unsafe fn mul(self, b: Self) -> Self {
                Simd128(f32x4_mul(self.0, b.0))
            }
            #[inline(always)]
            unsafe fn div(self, b: Self) -> Self {
                Simd128(f32x4_div(self.0, b.0))
            }
            /// Fused where the engine's CPU has FMA, in a relaxed-SIMD build; a multiply and
            /// an add otherwise.
            #[inline(always)]
            unsafe fn madd(a: Self, b: Self, c: Self) -> Self {
                #[cfg(target_feature = "relaxed-simd")]
                {
                    Simd128(f32x4_relaxed_madd(a.0, b.0, c.0))
                }
                #[cfg(not(target_feature = "relaxed-simd"))]
                {
                    Simd128(f32x4_add(f32x4_mul(a.0, b.0), c.0))
                }
            }
            // The IEEE-style min and max, which pass a NaN on.
            #[inline(always)]
            unsafe fn min(self, b: Self) -> Self {
                Simd128(f32x4_min(self.0, b.0))
            }
            #[inline(always)]
            unsafe fn max(self, b: Self) -> Self {
                Simd128(f32x4_max(self.0, b.0))
            }
            #[inline(always)]
            unsafe fn pow2(k: Self) -> Self {
                let k = i32x4_trunc_sat_f32x4(k.0);
                Simd128(i32x4_shl(i32x4_add(k, i32x4_splat(127)), 23))
            }
            #[inline(always)]
            unsafe fn all_zero(self) -> bool {
                i32x4_all_true(f32x4_eq(self.0, f32x4_splat(0.0)))
            }
        }
    }
}
