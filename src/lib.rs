//! Value Flywheel canvas: draw, run and present a value flywheel.
//!
//! The crate is one client-only web app. [`model`], [`document`],
//! [`export`] and [`render`] are plain Rust and tested natively; [`storage`] and [`ui`]
//! talk to the browser and exist only in the WebAssembly build.

pub mod document;
pub mod export;
pub mod model;
#[cfg(target_arch = "wasm32")]
pub mod perf;
pub mod render;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
