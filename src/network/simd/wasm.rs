//! The wasm32 vector type: simd128's four lanes, fused multiply-add in a relaxed-SIMD build.

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
