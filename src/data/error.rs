//! What can be wrong with a data set or a data file, said so that a person can fix it.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "problem", content = "detail", rename_all = "kebab-case")]
pub enum DataError {
    /// The file starts with other bytes than the IDX magic number expected.
    WrongMagic {
        what: String,
        expected: u32,
        found: u32,
    },
    /// The header's sizes are not the ones this data needs.
    WrongDimensions { what: String, problem: String },
    /// The file ends before the data its header announces (sizes in bytes, header included,
    /// after decompression).
    Truncated {
        what: String,
        expected: u64,
        found: u64,
    },
    /// The file goes on after the data its header announces (`expected` bytes, header
    /// included).
    TrailingBytes { what: String, expected: u64 },
    /// A gzipped file could not be decompressed.
    Gzip { what: String, message: String },
    /// An images file and a labels file that do not describe the same examples.
    CountMismatch { images: usize, labels: usize },
    /// A label that names no class.
    LabelOutOfRange {
        index: usize,
        label: u8,
        classes: usize,
    },
    /// Inputs and targets whose lengths do not fit the stated sizes.
    Shape(String),
    /// A file that could not be read.
    Io { path: String, message: String },
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::WrongMagic {
                what,
                expected,
                found,
            } => write!(
                f,
                "{what}: starts with 0x{found:08x}, not the IDX magic number 0x{expected:08x}; \
                 is this the right file (images and labels are separate files)?"
            ),
            DataError::WrongDimensions { what, problem } => write!(f, "{what}: {problem}"),
            DataError::Truncated {
                what,
                expected,
                found,
            } => write!(
                f,
                "{what}: truncated, {found} bytes where its header needs {expected}; download \
                 the file again"
            ),
            DataError::TrailingBytes { what, expected } => write!(
                f,
                "{what}: longer than the {expected} bytes its header says; the file is damaged \
                 or not an IDX file"
            ),
            DataError::Gzip { what, message } => write!(
                f,
                "{what}: looks gzipped but does not decompress ({message}); download it again"
            ),
            DataError::CountMismatch { images, labels } => write!(
                f,
                "{images} images but {labels} labels: the two files do not belong together"
            ),
            DataError::LabelOutOfRange {
                index,
                label,
                classes,
            } => write!(
                f,
                "label {label} of example {index} is not one of the {classes} classes 0–{}",
                classes.saturating_sub(1)
            ),
            DataError::Shape(problem) => f.write_str(problem),
            DataError::Io { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for DataError {}
