//! The one-input sigmoid neuron of the section (eqs. 54–62) and its trainer.
//!
//! One epoch is one update on the single training example (x, y). The trainer knows two update
//! rules: true gradient descent, and the rule the book site's widgets actually use.

use crate::cost::{sigmoid, Cost};
use std::fmt;

named! {
    /// How w and b are updated each epoch (`data-rule`).
    pub enum Rule {
        /// Gradient descent: w ← w − η ∂C/∂w, b ← b − η ∂C/∂b with the gradients (55–56) or
        /// (61–62).
        Gradient = "gradient",
        /// As published on the book's site: w and b both step by η·∂C/∂z for the quadratic cost
        /// (the gradient itself when x = 1) and by η·∂C/∂a for cross-entropy, which is the
        /// gradient (61–62) divided by σ′(z).
        Published = "published",
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Everything that determines a training run of the neuron.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Setup {
    pub cost: Cost,
    pub rule: Rule,
    /// The input.
    pub x: f64,
    /// The desired output.
    pub y: f64,
    /// The learning rate η.
    pub eta: f64,
    /// The starting weight.
    pub w: f64,
    /// The starting bias.
    pub b: f64,
}

/// The neuron at one epoch: its parameters, output, cost and the gradient of the cost there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Snapshot {
    pub epoch: u32,
    pub w: f64,
    pub b: f64,
    pub z: f64,
    pub a: f64,
    pub cost: f64,
    /// ∂C/∂w, eq. (55) or (61), whatever rule the run uses.
    pub dw: f64,
    /// ∂C/∂b, eq. (56) or (62).
    pub db: f64,
}

/// An update that would leave w or b non-finite. The trainer keeps the last finite state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Diverged {
    pub epoch: u32,
}

impl fmt::Display for Diverged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "diverged: the update after epoch {} is not a finite number (try a smaller η)",
            self.epoch
        )
    }
}

/// Trains one neuron, one epoch at a time.
#[derive(Clone, Debug)]
pub struct NeuronTrainer {
    setup: Setup,
    w: f64,
    b: f64,
    epoch: u32,
}

impl NeuronTrainer {
    pub fn new(setup: Setup) -> NeuronTrainer {
        NeuronTrainer {
            setup,
            w: setup.w,
            b: setup.b,
            epoch: 0,
        }
    }

    pub fn setup(&self) -> &Setup {
        &self.setup
    }

    pub fn epoch(&self) -> u32 {
        self.epoch
    }

    /// A new learning rate, from the next epoch on.
    pub fn set_eta(&mut self, eta: f64) {
        self.setup.eta = eta;
    }

    /// Moves the neuron to weight `w` and bias `b`, at the same epoch (the explorer's reader
    /// setting w or b while paused).
    pub fn set_params(&mut self, w: f64, b: f64) {
        self.w = w;
        self.b = b;
    }

    /// z = w·x + b.
    fn z(&self) -> f64 {
        self.w * self.setup.x + self.b
    }

    /// (∂C/∂w, ∂C/∂b) at the current state: eqs. (55–56) for the quadratic cost, (61–62) for
    /// cross-entropy. Both are ∂C/∂z times ∂z/∂w = x and ∂z/∂b = 1.
    pub fn gradient(&self) -> (f64, f64) {
        let Setup { cost, x, y, .. } = self.setup;
        let dz = cost.dc_dz(self.z(), y);
        (dz * x, dz)
    }

    /// The amounts w and b move by this epoch, before the minus sign: η times the gradient, or
    /// for the published rule η times ∂C/∂z (quadratic) or ∂C/∂a (cross-entropy) for both.
    fn update(&self) -> (f64, f64) {
        let Setup {
            cost, rule, y, eta, ..
        } = self.setup;
        match rule {
            Rule::Gradient => {
                let (dw, db) = self.gradient();
                (eta * dw, eta * db)
            }
            Rule::Published => {
                let z = self.z();
                let d = match cost {
                    Cost::Quadratic => cost.dc_dz(z, y),
                    Cost::CrossEntropy | Cost::Swapped => cost.dc_da(z, y),
                };
                (eta * d, eta * d)
            }
        }
    }

    /// One epoch: one update on the single example.
    pub fn step(&mut self) -> Result<(), Diverged> {
        let (uw, ub) = self.update();
        let (w, b) = (self.w - uw, self.b - ub);
        if !(w.is_finite() && b.is_finite() && (w * self.setup.x + b).is_finite()) {
            return Err(Diverged { epoch: self.epoch });
        }
        self.w = w;
        self.b = b;
        self.epoch += 1;
        Ok(())
    }

    pub fn snapshot(&self) -> Snapshot {
        let z = self.z();
        let (dw, db) = self.gradient();
        Snapshot {
            epoch: self.epoch,
            w: self.w,
            b: self.b,
            z,
            a: sigmoid(z),
            cost: self.setup.cost.value(z, self.setup.y),
            dw,
            db,
        }
    }
}
