//! The MNIST widget's options: network2.py's settings and which digits to use.

use super::reader::{OptionError, Range, Reader};
use crate::network;
use serde::{Deserialize, Serialize};

named! {
    /// Which MNIST digits the widget trains and tests on.
    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum MnistData {
        /// The first 5,000 training images and the first 1,000 test images: loads fast.
        Small = "small",
        /// The book's split: 50,000 to train on, 10,000 to validate with, the 10,000 test
        /// images.
        Full = "full",
    }
}

/// An MNIST widget's configuration: network2.py's settings.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MnistConfig {
    /// The hidden layer's size h of [784, h, 10].
    pub hidden: u32,
    /// Quadratic or cross-entropy, with sigmoid outputs.
    pub cost: network::Cost,
    pub eta: f64,
    /// The L2 regularisation parameter λ.
    pub lambda: f64,
    pub batch: u32,
    pub epochs: u32,
    pub init: network::Init,
    pub data: MnistData,
    pub seed: u32,
}

impl Default for MnistConfig {
    /// The book's figure: [784, 30, 10], cross-entropy, η = 0.5, mini-batches of 10, 30 epochs,
    /// N(0, 1) weights; on the small set, which loads fast.
    fn default() -> MnistConfig {
        MnistConfig {
            hidden: 30,
            cost: network::Cost::CrossEntropy,
            eta: 0.5,
            lambda: 0.0,
            batch: 10,
            epochs: 30,
            init: network::Init::Large,
            data: MnistData::Small,
            seed: 1,
        }
    }
}

impl MnistConfig {
    /// Each setting as its option writes it.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("hidden", self.hidden.to_string()),
            ("cost", self.cost.name().into()),
            ("eta", self.eta.to_string()),
            ("lambda", self.lambda.to_string()),
            ("batch", self.batch.to_string()),
            ("epochs", self.epochs.to_string()),
            ("init", self.init.name().into()),
            ("data", self.data.name().into()),
            ("seed", self.seed.to_string()),
        ]
    }

    /// This configuration with the setting `name` given `value` (an option's text), checked as
    /// the option is; a bad value changes nothing and says why.
    pub fn with(&self, name: &str, value: &str) -> Result<MnistConfig, OptionError> {
        let mut pairs = self.pairs();
        match pairs.iter_mut().find(|(n, _)| *n == name) {
            Some(pair) => pair.1 = value.to_string(),
            None => pairs.push(("unknown", value.to_string())),
        }
        let options: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(n, v)| (if *n == "unknown" { name } else { *n }, v.as_str()))
            .collect();
        parse_mnist(&options).map_err(|mut e| e.remove(0))
    }
}

const MNIST_OPTIONS: &[&str] = &[
    "nndl", "lang", "theme", "hidden", "cost", "eta", "lambda", "batch", "epochs", "init", "data",
    "seed",
];

pub(super) fn parse_mnist(options: &[(&str, &str)]) -> Result<MnistConfig, Vec<OptionError>> {
    let mut r = Reader::new(options, MNIST_OPTIONS.to_vec());
    let mut c = MnistConfig::default();
    let costs = [network::Cost::CrossEntropy, network::Cost::Quadratic];
    if let Some(cost) = r.choose("cost", &costs, network::Cost::name) {
        c.cost = cost;
    }
    if let Some(init) = r.choose("init", network::Init::ALL, network::Init::name) {
        c.init = init;
    }
    if let Some(data) = r.choose("data", &MnistData::ALL, MnistData::name) {
        c.data = data;
    }
    r.whole("hidden", &mut c.hidden, 1, 300);
    r.number("eta", &mut c.eta, Range::Positive(100.0));
    r.number("lambda", &mut c.lambda, Range::Closed(0.0, 1000.0));
    r.whole("batch", &mut c.batch, 1, 1000);
    r.whole("epochs", &mut c.epochs, 1, 1000);
    r.whole("seed", &mut c.seed, 0, u32::MAX);
    r.finish(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_changed_by_its_text_is_checked_as_its_option() {
        let c = MnistConfig::default();
        // Its texts give it back.
        let pairs = c.pairs();
        let options: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (*n, v.as_str())).collect();
        assert_eq!(parse_mnist(&options), Ok(c));
        let small = c.with("hidden", "10").unwrap();
        assert_eq!((small.hidden, small.eta), (10, c.eta));
        assert_eq!(c.with("data", "full").unwrap().data, MnistData::Full);
        let e = c.with("eta", "fast").unwrap_err();
        assert_eq!((e.option.as_str(), e.value.as_str()), ("eta", "fast"));
        assert_eq!(c.with("hidden", "0").unwrap_err().option, "hidden");
        assert_eq!(c.with("speed", "1").unwrap_err().option, "speed");
    }
}
