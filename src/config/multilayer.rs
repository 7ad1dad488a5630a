//! The multi-layer saturation demo's options.

use super::reader::{OptionError, Range, Reader};
use crate::multilayer::{self, MultilayerSetup};

/// The multi-layer saturation widget's configuration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MultilayerConfig {
    pub demo: MultilayerSetup,
    /// Epochs per second while running.
    pub speed: f64,
}

impl Default for MultilayerConfig {
    fn default() -> MultilayerConfig {
        MultilayerConfig {
            demo: MultilayerSetup::default(),
            speed: 30.0,
        }
    }
}

const MULTILAYER_OPTIONS: &[&str] = &["nndl", "lang", "theme", "eta", "epochs", "seed", "speed"];

pub(super) fn parse_multilayer(
    options: &[(&str, &str)],
) -> Result<MultilayerConfig, Vec<OptionError>> {
    let mut r = Reader::new(options, MULTILAYER_OPTIONS.to_vec());
    let mut c = MultilayerConfig::default();
    r.number("eta", &mut c.demo.eta, Range::Positive(100.0));
    r.whole("epochs", &mut c.demo.epochs, 1, multilayer::MAX_EPOCHS);
    let mut seed = c.demo.seed as u32;
    r.whole("seed", &mut seed, 0, u32::MAX);
    c.demo.seed = u64::from(seed);
    // An epoch of the three runs takes about 0.2 ms; faster would eat the page's frames.
    r.number(
        "speed",
        &mut c.speed,
        Range::Closed(super::neuron::MIN_SPEED, 1000.0),
    );
    r.finish(c)
}
