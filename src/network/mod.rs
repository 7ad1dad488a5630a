//! Small fully connected networks, trained as the book's network2.py trains them: sigmoid
//! hidden layers, a sigmoid, linear or softmax output layer, the quadratic, cross-entropy or
//! log-likelihood cost, backpropagation, mini-batch SGD with L2 regularisation.
//!
//! Plain Rust with no web types. Training works on whole mini-batches in buffers allocated once:
//! `train` arranges a step around the inputs that are not 0 (most of an MNIST image) and
//! `kernels` holds its inner loops, in explicit SIMD for f32 (AVX2 + FMA natively when the CPU
//! has them, chosen at run time; SSE2 otherwise; simd128, with or without relaxed SIMD, in
//! wasm) and plain loops for f64.
//!
//! Determinism: e^x and ln x are computed here from basic operations rather than taken from the
//! platform's libm, the generator ([`Rng`]) is our own, and every sum runs in an order fixed by
//! the code, so a seed gives the same run again on the same machine and engine. Across machines
//! the f32 figures may differ in the last bits: a fused multiply-add (AVX2 + FMA, relaxed SIMD
//! on a CPU with FMA) rounds once where a multiply and an add round twice. The f64 path uses no
//! fused operations and follows network2.py's update to rounding.
//!
//! ```
//! use nndl_widgets::data::DataSet;
//! use nndl_widgets::network::{Architecture, Cost, Init, Network, Output, Rng, Sgd, Trainer};
//!
//! // XOR, four examples.
//! let x = vec![0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0];
//! let data = DataSet::classified(2, x, 2, vec![0, 1, 1, 0])?;
//! let arch = Architecture::new(&[2, 8, 2], Output::Softmax, Cost::LogLikelihood)?;
//! let mut rng = Rng::new(1);
//! let net: Network = Network::new(arch, Init::Default, &mut rng);
//! let sgd = Sgd { eta: 1.0, lambda: 0.0, batch_size: 2 };
//! let mut trainer = Trainer::new(net, sgd, data.clone(), rng)?;
//! for _ in 0..2000 {
//!     trainer.run_epoch()?;
//! }
//! assert_eq!(trainer.evaluate(&data)?.correct, 4);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod batch;
mod evaluate;
mod kernels;
mod math;
mod net;
mod real;
mod rng;
mod rows;
mod sgd;
// Only where there is a vector instruction set to compile it for; elsewhere f32 uses the plain
// loops (see `kernels`).
#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
mod simd;
mod spec;
mod train;

pub use net::{Evaluation, Network};
pub use real::Real;
pub use rng::Rng;
pub use sgd::{Diverged, Progress, Sgd, Trainer};
pub use spec::{Architecture, Cost, Init, Output, SetupError, MAX_LAYER, MAX_PARAMETERS};
