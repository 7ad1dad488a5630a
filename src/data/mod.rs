//! Data sets for the networks: labelled examples in memory, and MNIST read from its IDX files.
//!
//! Plain Rust with no web types: natively the files are read from disk, in the browser the page
//! fetches their bytes and hands them to [`mnist::digits`].

mod error;
pub mod idx;
pub mod mnist;
mod set;

pub use error::DataError;
pub(crate) use set::argmax;
pub use set::DataSet;
