//! nndl-widgets: the live demos of *Neural Networks and Deep Learning*, chapter 3, "The
//! cross-entropy cost function".
//!
//! Everything but `web` is plain Rust with no web types: it builds and is tested natively. Only
//! `web`, built for wasm32, touches the DOM. Data flows one way:
//!
//! options (`data-*`, a link, a script) → `config` (the one reader; typed per widget kind) → a
//! run (`neuron_run`, `explorer`, `multilayer_run`, or `digits` in the MNIST worker), stepped by
//! `runner` → `web` (one `WidgetKind` per kind, drawn with `plot`'s numbers) → the page.
//!
//! - The maths: `cost` (54, 57 and the swapped expression), `neuron` (the one-input neuron and
//!   its trainer), `network` (any small network, backprop, mini-batch SGD with L2), `multilayer`
//!   (the three-network saturation demo, 63–70), `surface` (the cost surface and σ′ identity),
//!   `data` (IDX files, data sets), `digits` (the MNIST run).
//! - Runs: `runner` (actions, states, the player and the one clocked loop), `clock`, `history`,
//!   `neuron_run`, `explorer`, `multilayer_run`.
//! - Options and words: `config` (a file per widget kind, and `reader`, the one parser),
//!   `slider`, `share` (links), `lang` and `i18n` (every word, English and Chinese), `messages`
//!   (what the MNIST widget and its worker send each other), `plot` (numbers for charts).
//! - `bench`: the work `make bench` times natively and in the browser.

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

/// The wasm modules' allocator: talc, a few KiB smaller than Rust's default for wasm (dlmalloc),
/// which is what a reader downloads (`make bench` prints each module's size).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
