//! Saves the board without the user doing anything.
//!
//! Every change schedules a write; writes are throttled to at most one per
//! [`DELAY_MS`] while the user types, so a long burst of typing still gets
//! saved as it goes. A pending write is flushed at once when the page is
//! hidden or closed (`visibilitychange`, `pagehide`). Nothing is written
//! until a change happens, so a start never overwrites what it just loaded.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use super::{write, SaveError, BOARD_KEY};
use crate::document;
use crate::model::Board;

/// Longest time a change waits before it is written.
pub const DELAY_MS: u64 = 300;

/// What the save indicator shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Everything the user did is in storage.
    Saved,
    /// A change is waiting to be written.
    Pending,
    /// The last write failed; the previous save is still intact.
    Failed(SaveError),
    /// Saving is off here: storage is unavailable or was protected.
    Off,
}

/// The autosave of one board signal.
#[derive(Clone, Copy)]
pub struct Autosave {
    board: RwSignal<Board>,
    status: RwSignal<SaveStatus>,
    timer: StoredValue<Option<TimeoutHandle>>,
    is_enabled: StoredValue<bool>,
}

impl Autosave {
    /// Starts saving every change of `board`. With `is_enabled` false the
    /// status reads "off" and nothing is ever written.
    pub fn start(board: RwSignal<Board>, is_enabled: bool) -> Autosave {
        let autosave = Autosave {
            board,
            status: RwSignal::new(if is_enabled {
                SaveStatus::Saved
            } else {
                SaveStatus::Off
            }),
            timer: StoredValue::new(None),
            is_enabled: StoredValue::new(is_enabled),
        };
        // The first run only subscribes: the board it sees is the one just
        // loaded, and writing it back would gain nothing.
        Effect::new(move |ran_before: Option<()>| {
            board.track();
            if ran_before.is_some() {
                autosave.schedule();
            }
        });
        // These listeners live as long as the page.
        std::mem::forget(window_event_listener(ev::pagehide, move |_| {
            autosave.flush();
        }));
        std::mem::forget(window_event_listener(ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                autosave.flush();
            }
        }));
        autosave
    }

    /// The signal the save indicator reads.
    pub fn status(self) -> ReadSignal<SaveStatus> {
        self.status.read_only()
    }

    fn schedule(self) {
        if !self.is_enabled.get_value() {
            return;
        }
        self.status.set(SaveStatus::Pending);
        if self.timer.get_value().is_some() {
            return;
        }
        let handle = set_timeout_with_handle(
            move || {
                self.timer.set_value(None);
                self.save_now();
            },
            Duration::from_millis(DELAY_MS),
        );
        self.timer.set_value(handle.ok());
    }

    /// Writes a pending change now.
    pub fn flush(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
            self.save_now();
        }
    }

    fn save_now(self) {
        if !self.is_enabled.get_value() {
            return;
        }
        let text = self.board.with_untracked(document::to_json);
        self.status.set(match write(BOARD_KEY, &text) {
            Ok(()) => SaveStatus::Saved,
            Err(error) => SaveStatus::Failed(error),
        });
    }
}
