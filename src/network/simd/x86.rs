//! The x86-64 vector types: AVX2 + FMA (eight lanes) and the baseline SSE2 (four).

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

/// Sixteen lanes in a 512-bit AVX-512 register (AVX-512F, which has FMA). A part of a vector
/// is loaded and stored under a lane mask, which AVX-512 does at full speed (and which never
/// touches the lanes it leaves out).
#[derive(Clone, Copy)]
pub(crate) struct Avx512(__m512);

#[target_feature(enable = "avx512f")]
#[inline]
fn mask16(t: usize) -> __mmask16 {
    ((1u32 << t) - 1) as __mmask16
}

impl Lanes for Avx512 {
    const N: usize = 16;
    // Four 16-lane registers cover a layer of up to 64 neurons in one pass; with the two
    // chains, 8 of the 32 registers hold sums. A layer of 30 takes two vectors, and its sums
    // are added in the same order as AVX2's four: lane for lane, the same numbers.
    const BLOCK: usize = 4;
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn splat(x: f32) -> Self {
        Avx512(_mm512_set1_ps(x))
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn load(p: *const f32) -> Self {
        Avx512(_mm512_loadu_ps(p))
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn load_part(p: *const f32, t: usize) -> Self {
        Avx512(_mm512_maskz_loadu_ps(mask16(t), p))
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn store(self, p: *mut f32) {
        _mm512_storeu_ps(p, self.0)
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn store_part(self, p: *mut f32, t: usize) {
        _mm512_mask_storeu_ps(p, mask16(t), self.0)
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn add(self, b: Self) -> Self {
        Avx512(_mm512_add_ps(self.0, b.0))
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn sub(self, b: Self) -> Self {
        Avx512(_mm512_sub_ps(self.0, b.0))
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn mul(self, b: Self) -> Self {
        Avx512(_mm512_mul_ps(self.0, b.0))
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn div(self, b: Self) -> Self {
        Avx512(_mm512_div_ps(self.0, b.0))
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn madd(a: Self, b: Self, c: Self) -> Self {
        Avx512(_mm512_fmadd_ps(a.0, b.0, c.0))
    }
    // vminps/vmaxps return their second operand when either is NaN, as in SSE and AVX.
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn min(self, b: Self) -> Self {
        Avx512(_mm512_min_ps(b.0, self.0))
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn max(self, b: Self) -> Self {
        Avx512(_mm512_max_ps(b.0, self.0))
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn pow2(k: Self) -> Self {
        let k = _mm512_cvtps_epi32(k.0);
        let bits = _mm512_slli_epi32::<23>(_mm512_add_epi32(k, _mm512_set1_epi32(127)));
        Avx512(_mm512_castsi512_ps(bits))
    }
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn all_zero(self) -> bool {
        _mm512_cmp_ps_mask::<_CMP_EQ_OQ>(self.0, _mm512_setzero_ps()) == 0xffff
    }
}
