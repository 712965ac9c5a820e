//! The board and its rules, in plain Rust.
//!
//! This module owns the domain: phases, items, guidance, every change as
//! an [`Edit`] applied by [`apply`], and the [`Library`] of a user's boards. It imports nothing from the browser, so
//! every rule here is tested natively with `cargo test`.

mod board;
mod edit;
mod library;
mod phase;

pub use board::{Board, Guidance, Item, ItemId, PhaseGuidance};
pub use edit::{apply, Applied, Edit, EditError, ItemField};
pub use library::{copy_title, BoardEntry, BoardId, Library};
pub use phase::{ItemKind, Phase};
