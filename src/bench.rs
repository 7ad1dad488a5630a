//! The work the benchmark times, the same code natively (`cargo run --release --bin bench`) and
//! in the browser (`bench_neuron`, in a wasm module built with `--features bench`): `make bench` prints the two side by side.

use crate::config::Preset;
use crate::neuron::{NeuronTrainer, Rule};

/// Trains saturation2's neuron (quadratic cost, true gradient) for `epochs` epochs, computing the
/// state a widget shows after each (the snapshot), and returns the last cost so that none of the
/// work can be optimised away.
pub fn neuron_epochs(epochs: u32) -> f64 {
    let mut setup = Preset::Saturation2.config().setup;
    setup.rule = Rule::Gradient;
    let mut t = NeuronTrainer::new(setup);
    let mut cost = 0.0;
    for _ in 0..epochs {
        if t.step().is_err() {
            break;
        }
        cost = t.snapshot().cost;
    }
    cost
}
