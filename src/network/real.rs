//! The number type a network computes in.
//!
//! Training uses `f32`: twice the numbers per SIMD register and half the memory traffic of
//! `f64`, which is what the inner loops are bound by, and SGD's own noise dwarfs f32's rounding.
//! The same code runs in `f64` for the gradient checks, where finite differences need the
//! precision.

use super::kernels::{self, Kernels};
use std::fmt::Debug;
use std::ops::{Add, AddAssign, Mul, Sub};

pub trait Real:
    Copy
    + Debug
    + Default
    + PartialOrd
    + 'static
    + From<f32>
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + AddAssign
{
    const ZERO: Self;
    const ONE: Self;
    /// Rounds to the nearest value of this type.
    fn from_f64(x: f64) -> Self;
    fn to_f64(self) -> f64;
    /// The inner loops for this type (see `kernels`).
    #[doc(hidden)]
    fn kernels() -> Kernels<Self>;
}

impl Real for f32 {
    const ZERO: f32 = 0.0;
    const ONE: f32 = 1.0;
    fn from_f64(x: f64) -> f32 {
        x as f32
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    fn kernels() -> Kernels<f32> {
        kernels::f32_kernels()
    }
}

impl Real for f64 {
    const ZERO: f64 = 0.0;
    const ONE: f64 = 1.0;
    fn from_f64(x: f64) -> f64 {
        x
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn kernels() -> Kernels<f64> {
        kernels::scalar()
    }
}
