//! Hears what other tabs write. The browser fires a `storage` event in every
//! other tab of the same origin when a key changes; this turns those events
//! into the two changes the app cares about.

use leptos::ev;
use leptos::prelude::*;

use super::{LIBRARY_KEY, REVISION_PREFIX};
use crate::model::BoardId;

/// Something another tab changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A board was saved with this revision.
    Board { id: BoardId, revision: u64 },
    /// The board list changed.
    Library,
}

/// Calls `on_change` for each change another tab makes, for the life of the page.
pub fn listen(on_change: impl Fn(Change) + 'static) {
    let handle = window_event_listener(ev::storage, move |event| {
        let Some(key) = event.key() else {
            // `localStorage.clear()` in another tab: treat it as a list change.
            on_change(Change::Library);
            return;
        };
        if key == LIBRARY_KEY {
            on_change(Change::Library);
        } else if let Some(id) = key.strip_prefix(REVISION_PREFIX) {
            let revision = event
                .new_value()
                .and_then(|value| value.trim().parse().ok())
                .unwrap_or(0);
            on_change(Change::Board {
                id: BoardId(id.to_owned()),
                revision,
            });
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}
