//! nndl-widgets: the live demos of *Neural Networks and Deep Learning*, chapter 3, "The
//! cross-entropy cost function".
//!
//! Everything but `web` is plain Rust with no web types (the costs, the neuron and its runs, the
//! networks, the data sets, options and words): it builds and is tested natively. Only `web`,
//! built for wasm32, touches the DOM.

#[macro_use]
mod names;

pub mod bench;
pub mod clock;
pub mod config;
pub mod cost;
pub mod data;
pub mod digits;
pub mod explorer;
pub mod history;
pub mod i18n;
pub mod lang;
pub mod messages;
pub mod multilayer;
pub mod multilayer_run;
pub mod network;
pub mod neuron;
pub mod neuron_run;
pub mod plot;
pub mod runner;
pub mod share;
pub mod slider;
pub mod surface;

#[cfg(target_arch = "wasm32")]
pub mod web;
