//! The board and its rules, in plain Rust.
//!
//! This module owns the domain: phases, items, guidance and every change as
//! an [`Edit`] applied by [`apply`]. It imports nothing from the browser, so
//! every rule here is tested natively with `cargo test`.

mod board;
mod edit;
mod phase;

pub use board::{data_factory_guidance, Board, GuidanceSet, Item, ItemId, PhaseGuidance};
pub use edit::{apply, Applied, Edit, EditError, ItemField};
pub use phase::{ItemKind, Phase};
