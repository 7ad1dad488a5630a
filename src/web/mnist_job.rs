//! The MNIST training job, run inside the Web Worker (www/mnist-worker.js): a [`DigitsRun`]
//! that trains in time slices and reports in plain JS objects.
//!
//! Built only with the `worker` feature, into its own module (pkg-worker/), so that the page's
//! module carries none of the training code and data reading.

use super::dom::object;
use crate::config::{self, MnistConfig, WidgetConfig};
use crate::data::idx;
use crate::digits::DigitsRun;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

fn num(v: f64) -> JsValue {
    JsValue::from_f64(v)
}

#[wasm_bindgen]
pub struct MnistJob {
    run: DigitsRun,
    config: MnistConfig,
}

#[wasm_bindgen]
impl MnistJob {
    /// A job for the widget options `options` (an array of [name, value] pairs, as the widget
    /// read them) on the bytes of four IDX files, gzipped or not.
    #[wasm_bindgen(constructor)]
    pub fn new(
        options: Array,
        train_images: &[u8],
        train_labels: &[u8],
        test_images: &[u8],
        test_labels: &[u8],
    ) -> Result<MnistJob, JsError> {
        let pairs: Vec<(String, String)> = options
            .iter()
            .map(|p| {
                let p = Array::from(&p);
                (
                    p.get(0).as_string().unwrap_or_default(),
                    p.get(1).as_string().unwrap_or_default(),
                )
            })
            .collect();
        let parsed = config::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), None);
        let config = match parsed.result {
            Ok(WidgetConfig::Mnist(c)) => c,
            Ok(_) => return Err(JsError::new("these are not an MNIST widget's options")),
            Err(errors) => {
                let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
                return Err(JsError::new(&messages.join(" ")));
            }
        };
        let run = DigitsRun::from_idx(
            &config,
            (train_images, train_labels),
            (test_images, test_labels),
        )
        .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(MnistJob { run, config })
    }

    /// `{ training, validation, test }`: how many digits each set has.
    pub fn sizes(&self) -> JsValue {
        object(&[
            ("training", num(self.run.training_size() as f64)),
            ("validation", num(self.run.validation_size() as f64)),
            ("test", num(self.run.test_size() as f64)),
        ])
    }

    /// Trains mini-batches for about `budget_ms` milliseconds, stopping early at the end of an
    /// epoch. Returns `{ epoch, done, size, epochFinished }`.
    pub fn train(&mut self, budget_ms: f64) -> Result<JsValue, JsError> {
        let start = js_sys::Date::now();
        loop {
            let p = self.run.step().map_err(|d| JsError::new(&d.to_string()))?;
            if p.epoch_finished || js_sys::Date::now() - start >= budget_ms {
                return Ok(object(&[
                    ("epoch", num(f64::from(p.epoch))),
                    ("done", num(p.done as f64)),
                    ("size", num(p.epoch_size as f64)),
                    ("epochFinished", JsValue::from_bool(p.epoch_finished)),
                ]));
            }
        }
    }

    /// Whether the run has had all its epochs.
    pub fn finished(&self) -> bool {
        self.run.progress().epoch >= self.config.epochs
    }

    /// `{ epoch, accuracy, cost, validationAccuracy, guesses }` for the network as it is:
    /// accuracy and cost on the test images (validation accuracy when there are validation
    /// images, else null), and its guesses for the first `n` test images.
    pub fn report(&self, n: usize) -> JsValue {
        let r = self.run.evaluate();
        let validation = r.validation.map_or(JsValue::NULL, |v| num(v.accuracy()));
        object(&[
            ("epoch", num(f64::from(r.epoch))),
            ("accuracy", num(r.test.accuracy())),
            ("cost", num(r.test.cost)),
            ("validationAccuracy", validation),
            (
                "guesses",
                Uint8Array::from(self.run.guesses(n).as_slice()).into(),
            ),
        ])
    }

    /// `{ pixels, labels }` of the first `n` test images, for the widget's grid.
    pub fn digits(&self, n: usize) -> JsValue {
        let (pixels, labels) = self.run.test_digits(n);
        object(&[
            ("pixels", Uint8Array::from(pixels.as_slice()).into()),
            ("labels", Uint8Array::from(labels.as_slice()).into()),
        ])
    }
}

/// Puts a reader's own IDX files in the order a job takes them (training images, training
/// labels, test images, test labels), telling them apart by their headers: images or labels,
/// and the larger set is the training set. Throws a readable error for anything else.
#[wasm_bindgen(js_name = sortIdxFiles)]
pub fn sort_idx_files(names: Vec<String>, files: Vec<Uint8Array>) -> Result<Array, JsError> {
    if files.len() != 4 {
        return Err(JsError::new(&format!(
            "{} file(s) given; four are needed: training images and labels, test images and \
             labels (IDX, gzipped or not)",
            files.len()
        )));
    }
    let mut found = Vec::new();
    for (name, file) in names.iter().zip(&files) {
        let bytes = file.to_vec();
        let dims = idx::dims(&bytes, name).map_err(|e| JsError::new(&e.to_string()))?;
        found.push((dims, file.clone()));
    }
    let mut images: Vec<_> = found.iter().filter(|(d, _)| d.len() == 3).collect();
    let mut labels: Vec<_> = found.iter().filter(|(d, _)| d.len() == 1).collect();
    if images.len() != 2 || labels.len() != 2 {
        return Err(JsError::new(&format!(
            "{} images file(s) and {} labels file(s) given; two of each are needed",
            images.len(),
            labels.len()
        )));
    }
    images.sort_by_key(|(d, _)| std::cmp::Reverse(d[0]));
    labels.sort_by_key(|(d, _)| std::cmp::Reverse(d[0]));
    Ok([images[0], labels[0], images[1], labels[1]]
        .iter()
        .map(|(_, f)| JsValue::from(f.clone()))
        .collect())
}
