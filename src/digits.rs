//! An MNIST training run as the digits widget drives it: the book's network2 settings
//! ([`MnistConfig`]), the data split as the book splits it, one mini-batch at a time (so that a
//! Web Worker can report progress within an epoch), and the figures of each finished epoch.

use crate::config::MnistConfig;
use crate::data::{mnist, DataError, DataSet};
use crate::network::{
    Architecture, Diverged, Evaluation, Network, Output, Progress, Rng, SetupError, Sgd, Trainer,
};
use std::fmt;

/// Why a run could not start.
#[derive(Clone, Debug, PartialEq)]
pub enum StartError {
    Data(DataError),
    Setup(SetupError),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::Data(e) => e.fmt(f),
            StartError::Setup(e) => e.fmt(f),
        }
    }
}

/// The figures of a finished epoch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochReport {
    /// Epochs finished, from 1.
    pub epoch: u32,
    pub test: Evaluation,
    /// On the validation images, when the training file was split as the book splits it.
    pub validation: Option<Evaluation>,
}

pub struct DigitsRun {
    trainer: Trainer,
    validation: Option<DataSet>,
    test: DataSet,
}

impl DigitsRun {
    /// A run on the digits of four IDX files (gzipped or not). A training file of MNIST's 60,000
    /// images is split as the book splits it: the first 50,000 to train on, the rest to validate
    /// with; a smaller one is all trained on.
    pub fn from_idx(
        config: &MnistConfig,
        training: (&[u8], &[u8]),
        test: (&[u8], &[u8]),
    ) -> Result<DigitsRun, StartError> {
        let mut training = mnist::digits(training.0, training.1).map_err(StartError::Data)?;
        let test = mnist::digits(test.0, test.1).map_err(StartError::Data)?;
        let validation = (training.len() > mnist::TRAINING_SIZE)
            .then(|| training.split_off(mnist::TRAINING_SIZE));
        DigitsRun::new(config, training, validation, test).map_err(StartError::Setup)
    }

    pub fn new(
        config: &MnistConfig,
        training: DataSet,
        validation: Option<DataSet>,
        test: DataSet,
    ) -> Result<DigitsRun, SetupError> {
        let arch = Architecture::new(
            &[mnist::PIXELS, config.hidden as usize, mnist::CLASSES],
            Output::Sigmoid,
            config.cost,
        )?;
        let mut rng = Rng::new(u64::from(config.seed));
        let net = Network::new(arch, config.init, &mut rng);
        let sgd = Sgd {
            eta: config.eta,
            lambda: config.lambda,
            batch_size: config.batch as usize,
        };
        // The test images must fit the network too; checked here, not at the end of an epoch.
        net.check_data(&test, "test")?;
        if let Some(v) = &validation {
            net.check_data(v, "validation")?;
        }
        Ok(DigitsRun {
            trainer: Trainer::new(net, sgd, training, rng)?,
            validation,
            test,
        })
    }

    /// One mini-batch.
    pub fn step(&mut self) -> Result<Progress, Diverged> {
        self.trainer.step()
    }

    pub fn progress(&self) -> Progress {
        self.trainer.progress()
    }

    /// Which build of the inner loops trains (see `Trainer::kernels`).
    pub fn kernels(&self) -> &'static str {
        self.trainer.kernels()
    }

    pub fn training_size(&self) -> usize {
        self.trainer.training().len()
    }

    pub fn validation_size(&self) -> usize {
        self.validation.as_ref().map_or(0, DataSet::len)
    }

    pub fn test_size(&self) -> usize {
        self.test.len()
    }

    /// Accuracy and cost (with the L2 term, as network2's `total_cost`) of the network as it is.
    pub fn evaluate(&self) -> EpochReport {
        // `new` checked that both sets fit the network, the only way evaluation can fail.
        let eval = |d: &DataSet| {
            self.trainer
                .evaluate(d)
                .expect("DigitsRun::new checked the data sets against the network")
        };
        EpochReport {
            epoch: self.trainer.progress().epoch,
            test: eval(&self.test),
            validation: self.validation.as_ref().map(eval),
        }
    }

    /// The network's guess (0–9) for each of the first `n` test images.
    pub fn guesses(&self, n: usize) -> Vec<u8> {
        let mut x = vec![0.0f32; mnist::PIXELS];
        (0..n.min(self.test.len()))
            .map(|i| {
                self.test.input_into(i, &mut x);
                let a = self
                    .trainer
                    .network()
                    .feedforward(&x)
                    .expect("DigitsRun::new checked the test set against the network");
                let best = a
                    .iter()
                    .enumerate()
                    .fold(0, |best, (j, v)| if *v > a[best] { j } else { best });
                best as u8
            })
            .collect()
    }

    /// The grey levels (0–255, 784 per image) and labels of the first `n` test images.
    pub fn test_digits(&self, n: usize) -> (Vec<u8>, Vec<u8>) {
        let n = n.min(self.test.len());
        let mut x = vec![0.0f32; mnist::PIXELS];
        let mut levels = Vec::with_capacity(n * mnist::PIXELS);
        for i in 0..n {
            self.test.input_into(i, &mut x);
            levels.extend(x.iter().map(|v| (v * 256.0).round().min(255.0) as u8));
        }
        let labels = (0..n).map(|i| self.test.class(i) as u8).collect();
        (levels, labels)
    }
}
