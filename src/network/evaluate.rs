//! What a network does with a whole data set: its output for one input, its accuracy and total
//! cost, and the gradient of that cost. Each goes through a [`Batch`] of examples at a time.

use super::batch::Batch;
use super::net::{check_lambda, Evaluation, Network};
use super::spec::{invalid, SetupError};
use super::Real;
use crate::data::DataSet;

/// Examples per pass when evaluating: enough rows for the four-at-a-time kernels, few enough
/// that the buffers stay in cache.
const EVAL_ROWS: usize = 100;

impl<T: Real> Network<T> {
    /// The output aᴸ for one input x (network2.py's `feedforward`). It allocates: for many
    /// inputs, [`Network::evaluate`] is the fast way.
    pub fn feedforward(&self, x: &[f32]) -> Result<Vec<T>, SetupError> {
        let n_in = self.architecture().n_in();
        if x.len() != n_in {
            return invalid(format!(
                "an input of {} numbers for a network with {n_in} inputs",
                x.len()
            ));
        }
        let y = vec![0.0; self.architecture().n_out()];
        let data =
            DataSet::new(n_in, x.to_vec(), y.len(), y).map_err(|e| SetupError(e.to_string()))?;
        let mut batch = Batch::new(self, 1);
        batch.load(&data, 0..1);
        batch.feedforward(self);
        Ok(batch.output(self).to_vec())
    }

    /// Accuracy and total cost on `data` with regularisation parameter λ (network2.py's
    /// `accuracy` and `total_cost`).
    pub fn evaluate(&self, data: &DataSet, lambda: f64) -> Result<Evaluation, SetupError> {
        self.check_data(data, "evaluation")?;
        check_lambda(lambda)?;
        let mut batch = Batch::new(self, EVAL_ROWS.min(data.len()));
        let (mut cost, mut correct) = (0.0, 0);
        for start in (0..data.len()).step_by(batch.capacity()) {
            batch.load(data, start..data.len().min(start + batch.capacity()));
            batch.feedforward(self);
            cost += batch.cost_sum(self);
            correct += batch.correct(self);
        }
        let n = data.len();
        Ok(Evaluation {
            n,
            correct,
            cost: cost / n as f64 + 0.5 * lambda / n as f64 * self.sum_of_squared_weights(),
        })
    }

    /// Σ w² over all weights (not biases), in f64.
    fn sum_of_squared_weights(&self) -> f64 {
        (1..=self.architecture().layers())
            .flat_map(|l| self.layer(l).0)
            .map(|w| w.to_f64() * w.to_f64())
            .sum()
    }

    /// ∂C/∂w and ∂C/∂b, laid out as [`Network::params`], of the total cost C that
    /// [`Network::evaluate`] reports: (1/n) Σₓ ∂Cₓ/∂w + (λ/n) w, and (1/n) Σₓ ∂Cₓ/∂b.
    pub fn gradient(&self, data: &DataSet, lambda: f64) -> Result<Vec<T>, SetupError> {
        self.check_data(data, "gradient")?;
        check_lambda(lambda)?;
        let mut batch = Batch::new(self, EVAL_ROWS.min(data.len()));
        for start in (0..data.len()).step_by(batch.capacity()) {
            batch.load(data, start..data.len().min(start + batch.capacity()));
            batch.feedforward(self);
            batch.backprop(self);
        }
        let n = data.len() as f64;
        let mut grad = batch.grad;
        for g in grad.iter_mut() {
            *g = T::from_f64(g.to_f64() / n);
        }
        for l in 1..=self.architecture().layers() {
            let w = self.layer_range(l).0;
            for (g, &w) in grad[w.clone()].iter_mut().zip(&self.params()[w]) {
                *g += T::from_f64(lambda / n * w.to_f64());
            }
        }
        Ok(grad)
    }
}
