//! The MNIST training job, run inside the Web Worker (www/mnist-worker.js): a [`DigitsRun`]
//! that trains in time slices and reports typed [`FromWorker`] messages, carried to JS by
//! serde-wasm-bindgen. Errors are thrown as typed [`WorkerError`]s, which the page words.
//!
//! Built only with the `worker` feature, into its own module (pkg-worker/), so that the page's
//! module carries none of the training code and data reading.

use crate::config::MnistConfig;
use crate::data::idx;
use crate::digits::{DigitsRun, StartError};
use crate::messages::{FromWorker, Sizes, WorkerError};
use js_sys::{Array, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js(value: &impl Serialize) -> JsValue {
    // Only our own message types cross here, and each serialises.
    serde_wasm_bindgen::to_value(value).unwrap_or_else(|e| JsValue::from_str(&e.to_string()))
}

fn thrown(error: WorkerError) -> JsValue {
    to_js(&error)
}

#[wasm_bindgen]
pub struct MnistJob {
    run: DigitsRun,
    config: MnistConfig,
    /// The widget's number for this run, which every report carries.
    id: u32,
}

#[wasm_bindgen]
impl MnistJob {
    /// Run number `id` of the MNIST configuration `config` (as the page sent it in its start
    /// message), on the bytes of four IDX files, gzipped or not.
    #[wasm_bindgen(constructor)]
    pub fn new(
        id: u32,
        config: JsValue,
        train_images: &[u8],
        train_labels: &[u8],
        test_images: &[u8],
        test_labels: &[u8],
    ) -> Result<MnistJob, JsValue> {
        let config: MnistConfig = serde_wasm_bindgen::from_value(config).map_err(|e| {
            thrown(WorkerError::Other {
                message: format!("nndl-widgets: not an MNIST configuration: {e}"),
            })
        })?;
        let run = DigitsRun::from_idx(
            &config,
            (train_images, train_labels),
            (test_images, test_labels),
        )
        .map_err(|e| match e {
            StartError::Data(error) => thrown(WorkerError::Data { error }),
            StartError::Setup(e) => thrown(WorkerError::Other {
                message: e.to_string(),
            }),
        })?;
        Ok(MnistJob { run, config, id })
    }

    /// The `loaded` message: the sets' sizes, and the first `n` test digits for the grid.
    pub fn loaded(&self, n: usize) -> JsValue {
        let (pixels, labels) = self.run.test_digits(n);
        to_js(&FromWorker::Loaded {
            run: self.id,
            sizes: Sizes {
                training: self.run.training_size(),
                validation: self.run.validation_size(),
                test: self.run.test_size(),
            },
            kernels: self.run.kernels().to_owned(),
            pixels,
            labels,
        })
    }

    /// Trains mini-batches for about `budget_ms` milliseconds, stopping early at the end of an
    /// epoch. Returns the `progress` message.
    pub fn train(&mut self, budget_ms: f64) -> Result<JsValue, JsValue> {
        let start = js_sys::Date::now();
        loop {
            let p = self.run.step().map_err(|d| {
                thrown(WorkerError::Diverged {
                    epoch: d.epoch,
                    batch: d.batch,
                })
            })?;
            if p.epoch_finished || js_sys::Date::now() - start >= budget_ms {
                return Ok(to_js(&FromWorker::Progress {
                    run: self.id,
                    epoch: p.epoch,
                    done: p.done,
                    size: p.epoch_size,
                    epoch_finished: p.epoch_finished,
                }));
            }
        }
    }

    /// Whether the run has had all its epochs.
    pub fn finished(&self) -> bool {
        self.run.progress().epoch >= self.config.epochs
    }

    /// The `epoch` message for the network as it is: accuracy and cost on the test images,
    /// validation accuracy when there are validation images, and its guesses for the first `n`
    /// test images.
    pub fn report(&self, n: usize) -> JsValue {
        let r = self.run.evaluate();
        to_js(&FromWorker::Epoch {
            run: self.id,
            epoch: r.epoch,
            accuracy: r.test.accuracy(),
            cost: r.test.cost,
            validation_accuracy: r.validation.map(|v| v.accuracy()),
            guesses: self.run.guesses(n),
        })
    }

    /// The `done` message.
    pub fn done(&self) -> JsValue {
        to_js(&FromWorker::Done { run: self.id })
    }
}

/// An `error` message for what went wrong in the worker's own script (a fetch, a read): run
/// `run` (none for the reader's files), and the error as thrown (already a [`WorkerError`] when
/// it came from this module).
#[wasm_bindgen(js_name = errorMessage)]
pub fn error_message(run: Option<u32>, error: JsValue) -> JsValue {
    let error = serde_wasm_bindgen::from_value(error.clone()).unwrap_or_else(|_| {
        let message = js_sys::Reflect::get(&error, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| error.as_string())
            .unwrap_or_else(|| "the worker failed".into());
        WorkerError::Other { message }
    });
    to_js(&FromWorker::Error { run, error })
}

/// The `files` message, once the reader's files were taken.
#[wasm_bindgen(js_name = filesMessage)]
pub fn files_message(names: Vec<String>) -> JsValue {
    to_js(&FromWorker::Files { names })
}

/// Puts a reader's own IDX files in the order a job takes them (training images, training
/// labels, test images, test labels), telling them apart by their headers: images or labels,
/// and the larger set is the training set. Throws a typed error for anything else.
#[wasm_bindgen(js_name = sortIdxFiles)]
pub fn sort_idx_files(names: Vec<String>, files: Vec<Uint8Array>) -> Result<Array, JsValue> {
    if files.len() != 4 {
        return Err(thrown(WorkerError::FileCount { given: files.len() }));
    }
    let mut found = Vec::new();
    for (name, file) in names.iter().zip(&files) {
        // Only the header is read: a file of any size costs this module 16 bytes here.
        let bytes = file.subarray(0, file.length().min(16)).to_vec();
        let dims = idx::dims(&bytes, name).map_err(|error| thrown(WorkerError::Data { error }))?;
        found.push((dims, file.clone()));
    }
    let mut images: Vec<_> = found.iter().filter(|(d, _)| d.len() == 3).collect();
    let mut labels: Vec<_> = found.iter().filter(|(d, _)| d.len() == 1).collect();
    if images.len() != 2 || labels.len() != 2 {
        return Err(thrown(WorkerError::FileKinds {
            images: images.len(),
            labels: labels.len(),
        }));
    }
    images.sort_by_key(|(d, _)| std::cmp::Reverse(d[0]));
    labels.sort_by_key(|(d, _)| std::cmp::Reverse(d[0]));
    Ok([images[0], labels[0], images[1], labels[1]]
        .iter()
        .map(|(_, f)| JsValue::from(f.clone()))
        .collect())
}
