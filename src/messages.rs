//! The messages between the MNIST widget and its Web Worker, typed on both sides. The page
//! parses the options once and sends the typed configuration; the worker reports typed figures
//! and errors, which the page words in its own language. serde-wasm-bindgen carries them across
//! (see `web`); here they are plain Rust, tested natively.

use crate::config::{MnistConfig, MnistData};
use crate::data::DataError;
use serde::{Deserialize, Serialize};

/// Which digits a run trains on: a served set, or the reader's own files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    Small,
    Full,
    Files,
}

impl From<MnistData> for Digits {
    fn from(d: MnistData) -> Digits {
        match d {
            MnistData::Small => Digits::Small,
            MnistData::Full => Digits::Full,
        }
    }
}

/// From the page to the worker. (The reader's own files go as `File` objects, which the shell
/// sends itself: `{ type: "files", names, files }`; and `Quit` goes no further than the shell.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// Load the digits and train run number `run`.
    Start {
        run: u32,
        config: MnistConfig,
        data: Digits,
    },
    Pause,
    Resume,
    Cancel,
    /// Not for the worker but for the shell: end the worker, and with it all the memory it
    /// holds (a WebAssembly memory never shrinks). The widget asks for this whenever the worker
    /// is idle and holds nothing the next runs need; the next message starts a new one.
    Quit,
}

/// How many digits each set has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sizes {
    pub training: usize,
    pub validation: usize,
    pub test: usize,
}

/// From the worker to the page. Every message about a run carries its number: the page ignores
/// what an earlier run was still sending.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    /// The digits are loaded: the sets' sizes, and the first test digits for the grid.
    Loaded {
        run: u32,
        sizes: Sizes,
        /// Which build of the inner loops trains (`Kernels::name`): "simd128" or
        /// "simd128+relaxed" in a browser.
        kernels: String,
        #[serde(with = "serde_bytes")]
        pixels: Vec<u8>,
        #[serde(with = "serde_bytes")]
        labels: Vec<u8>,
    },
    /// How far the epoch under way is.
    #[serde(rename_all = "camelCase")]
    Progress {
        run: u32,
        epoch: u32,
        done: usize,
        size: usize,
        epoch_finished: bool,
    },
    /// An epoch's figures: on the test set, on the validation set if there is one, and the
    /// network's guesses for the grid's digits.
    #[serde(rename_all = "camelCase")]
    Epoch {
        run: u32,
        epoch: u32,
        accuracy: f64,
        cost: f64,
        validation_accuracy: Option<f64>,
        #[serde(with = "serde_bytes")]
        guesses: Vec<u8>,
    },
    Done {
        run: u32,
    },
    /// The reader's files were taken (their names, as given).
    Files {
        names: Vec<String>,
    },
    /// What went wrong; `run` is absent for the reader's files, which belong to no run.
    Error {
        run: Option<u32>,
        error: WorkerError,
    },
}

/// What can go wrong in the worker, typed so that the page says it in its own language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum WorkerError {
    /// A data file that is not what it should be.
    Data { error: DataError },
    /// A run that stopped because its update was not finite.
    Diverged { epoch: u32, batch: usize },
    /// A served file that could not be fetched.
    Fetch { file: String, status: u16 },
    /// A gzipped file that inflates to more than `limit` bytes.
    TooLarge { limit: u64 },
    /// A file that starts as gzip does but does not inflate.
    Gzip { file: String },
    /// The reader's four files hold more than `limit` bytes together (inflated): at least
    /// `total`.
    FilesTooLarge { total: u64, limit: u64 },
    /// Not four files given.
    FileCount { given: usize },
    /// Not two images files and two labels files.
    FileKinds { images: usize, labels: usize },
    /// The page cannot start a worker: it has an opaque origin (a frame sandboxed without
    /// `allow-same-origin`), from which no script URL is same-origin.
    NoWorker,
    /// Anything else, in the words the browser gave (a failed read, a bug).
    Other { message: String },
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::config::MnistConfig;

    #[test]
    fn messages_are_tagged_by_type_in_kebab_case() {
        let m = ToWorker::Start {
            run: 3,
            config: MnistConfig::default(),
            data: Digits::Small,
        };
        let json = serde_json::to_string(&m).unwrap();
        assert!(
            json.starts_with(
                r#"{"type":"start","run":3,"config":{"hidden":30,"cost":"cross-entropy""#
            ),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<ToWorker>(&json).unwrap(), m);
        let e = FromWorker::Error {
            run: None,
            error: WorkerError::Data {
                error: DataError::Shape("x".into()),
            },
        };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"type":"error","run":null,"error":{"kind":"data","error":{"problem":"shape","detail":"x"}}}"#
        );
        assert_eq!(serde_json::from_str::<FromWorker>(&json).unwrap(), e);
    }
}
