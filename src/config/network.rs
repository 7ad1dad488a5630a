//! The multi-layer saturation demo's options.

use super::reader::{OptionError, Range, Reader};
use crate::saturation::{self, SaturationConfig};

/// The multi-layer saturation widget's configuration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetworkConfig {
    pub demo: SaturationConfig,
    /// Epochs per second while running.
    pub speed: f64,
}

impl Default for NetworkConfig {
    fn default() -> NetworkConfig {
        NetworkConfig {
            demo: SaturationConfig::default(),
            speed: 30.0,
        }
    }
}

const NETWORK_OPTIONS: &[&str] = &["nndl", "lang", "eta", "epochs", "seed", "speed"];

pub(super) fn parse_network(options: &[(&str, &str)]) -> Result<NetworkConfig, Vec<OptionError>> {
    let mut r = Reader::new(options, NETWORK_OPTIONS.to_vec());
    let mut c = NetworkConfig::default();
    r.number("eta", &mut c.demo.eta, Range::Positive(100.0));
    r.whole("epochs", &mut c.demo.epochs, 1, saturation::MAX_EPOCHS);
    let mut seed = c.demo.seed as u32;
    r.whole("seed", &mut seed, 0, u32::MAX);
    c.demo.seed = u64::from(seed);
    // An epoch of the three runs takes about 0.2 ms; faster would eat the page's frames.
    r.number("speed", &mut c.speed, Range::Positive(1000.0));
    r.finish(c)
}
