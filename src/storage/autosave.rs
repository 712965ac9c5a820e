//! Saves the board without the user doing anything.
//!
//! [`crate::ui::AppState::dispatch`] tells autosave about every change.
//! A write waits for a pause of [`DELAY_MS`] in the user's changes, so a
//! burst of typing costs one write at its end rather than one every few
//! keys (a write serialises the whole board on the main thread); a change
//! never waits more than [`MAX_WAIT_MS`] in all, so a long burst is still
//! saved as it goes, and a pending write is flushed at once when the page
//! is hidden or closed
//! (`visibilitychange`, `pagehide`), once the field being typed in has
//! handed over its value. Closing a page whose work is nowhere else (a
//! failed save, or storage unavailable) asks the browser's "Leave site?",
//! and a page closed while its board conflicts with another tab's save
//! leaves its version as a backup. Loading, switching boards and taking in
//! another tab's save never count as changes, so they never write.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use super::{backend, load_library, save_board, snapshot, Mode, SaveError};
use crate::document;
use crate::model::{Board, BoardId, History, Library};
use crate::perf;

/// The pause in changes after which they are written.
pub const DELAY_MS: u64 = 300;

/// Longest time a change waits before it is written, however busy the user.
pub const MAX_WAIT_MS: u64 = 2_000;

/// What the save indicator shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Everything the user did is in storage.
    Saved,
    /// A change is waiting to be written.
    Pending,
    /// Storage is unavailable: work is kept in memory until the tab closes.
    InMemory,
    /// The last write failed; the previous save is still intact.
    Failed(SaveError),
}

/// The autosave of the board on screen.
#[derive(Clone, Copy)]
pub struct Autosave {
    board: RwSignal<Board>,
    history: RwSignal<History>,
    library: RwSignal<Library>,
    /// The board being saved and the revision this tab last loaded or wrote.
    target: StoredValue<Option<(BoardId, u64)>>,
    status: RwSignal<SaveStatus>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// When the oldest unwritten change was made (`Date.now()`).
    pending_since: StoredValue<Option<f64>>,
    /// Whether this page changed a board while storage was unavailable
    /// (kept in memory only, gone with the page).
    edited_in_memory: StoredValue<bool>,
    /// The backup this page keeps its conflicting work in, once written:
    /// a later `pagehide` of the same conflict (the page left for the
    /// back-forward cache and came back) updates it instead of adding one.
    conflict_backup: StoredValue<Option<String>>,
}

impl Autosave {
    /// Creates the autosave for a board signal and flushes it whenever the
    /// page is hidden or closed.
    pub fn new(
        board: RwSignal<Board>,
        history: RwSignal<History>,
        library: RwSignal<Library>,
    ) -> Autosave {
        let autosave = Autosave {
            board,
            history,
            library,
            target: StoredValue::new(None),
            status: RwSignal::new(SaveStatus::Saved),
            timer: StoredValue::new(None),
            pending_since: StoredValue::new(None),
            edited_in_memory: StoredValue::new(false),
            conflict_backup: StoredValue::new(None),
        };
        // These listeners live as long as the page.
        std::mem::forget(window_event_listener(ev::pagehide, move |_| {
            commit_focused_field(true);
            autosave.flush();
            autosave.keep_conflicted_aside();
        }));
        // Closing a page whose work exists nowhere else (the last save
        // failed, or storage was unavailable) asks the browser's "Leave
        // site?" first.
        std::mem::forget(window_event_listener(ev::beforeunload, move |event| {
            commit_focused_field(false);
            autosave.flush();
            let is_unkept = autosave.edited_in_memory.get_value()
                || autosave
                    .status
                    .with_untracked(|status| matches!(status, SaveStatus::Failed(_)));
            if is_unkept {
                event.prevent_default();
                // What browsers before the standard read.
                event.set_return_value("");
            }
        }));
        std::mem::forget(window_event_listener(ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                commit_focused_field(false);
                autosave.flush();
            }
        }));
        autosave
    }

    /// Points autosave at the board now on screen, loaded at `revision`.
    /// Any pending write for the previous board must be flushed first.
    pub fn attach(self, id: BoardId, revision: u64) {
        self.cancel_timer();
        self.target.set_value(Some((id, revision)));
        self.status.set(settled_status());
        // Work kept in memory is in storage once a board is attached there.
        if backend::mode() == Mode::Local {
            self.edited_in_memory.set_value(false);
        }
        // A board loaded anew ends any conflict: its next one is kept apart.
        self.conflict_backup.set_value(None);
    }

    /// The board being saved.
    pub fn board_id(self) -> Option<BoardId> {
        self.target
            .with_value(|target| target.as_ref().map(|(id, _)| id.clone()))
    }

    /// The revision this tab last loaded or wrote.
    pub fn revision(self) -> u64 {
        self.target
            .with_value(|target| target.as_ref().map_or(0, |(_, revision)| *revision))
    }

    /// The signal the save indicator reads.
    pub fn status(self) -> ReadSignal<SaveStatus> {
        self.status.read_only()
    }

    /// Whether a change is waiting to be written.
    pub fn is_pending(self) -> bool {
        self.timer.with_value(Option::is_some)
    }

    /// Records that the board changed; the write follows after a pause of
    /// [`DELAY_MS`], and at most [`MAX_WAIT_MS`] after the oldest unwritten
    /// change.
    pub fn changed(self) {
        if backend::mode() == Mode::Memory {
            self.edited_in_memory.set_value(true);
        }
        if self
            .status
            .with_untracked(|status| *status != SaveStatus::Pending)
        {
            self.status.set(SaveStatus::Pending);
        }
        let now = js_sys::Date::now();
        let since = self.pending_since.get_value().unwrap_or(now);
        self.pending_since.set_value(Some(since));
        // Waiting for another pause would pass the longest wait: the write
        // already planned goes ahead.
        if self.is_pending() && now - since + DELAY_MS as f64 > MAX_WAIT_MS as f64 {
            return;
        }
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
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

    /// Records that another tab saved `stored` while this tab had unsaved
    /// changes: nothing more is written until the user chooses a version.
    pub fn mark_stale(self, stored: u64) {
        self.cancel_timer();
        self.status
            .set(SaveStatus::Failed(SaveError::Stale { stored }));
    }

    /// Forgets a pending write, for when the user chose another version.
    pub fn discard_pending(self) {
        self.cancel_timer();
    }

    /// A page that goes while its board conflicts with another tab's save
    /// has written its work nowhere: it is kept as a backup of the board
    /// (listed under Boards, downloadable) instead of being lost.
    fn keep_conflicted_aside(self) {
        let is_in_conflict = self
            .status
            .with_untracked(|status| matches!(status, SaveStatus::Failed(SaveError::Stale { .. })));
        if let (true, Some(id)) = (is_in_conflict, self.board_id()) {
            let text = self.board.with_untracked(document::to_json);
            match self.conflict_backup.get_value() {
                Some(key) => {
                    let _ = backend::set(&key, &text);
                }
                None => self
                    .conflict_backup
                    .set_value(super::keep_aside(&id, &text)),
            }
        }
    }

    /// Writes a pending change now, or tries a failed write again (space
    /// may have been freed since), unless another tab saved the board.
    pub fn flush(self) {
        let is_retry = self.status.with_untracked(|status| {
            matches!(status, SaveStatus::Failed(error) if !matches!(error, SaveError::Stale { .. }))
        });
        if self.is_pending() || is_retry {
            self.cancel_timer();
            self.save_now();
        }
    }

    fn cancel_timer(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        self.timer.set_value(None);
        self.pending_since.set_value(None);
    }

    fn save_now(self) {
        self.pending_since.set_value(None);
        let Some((id, revision)) = self.target.get_value() else {
            return;
        };
        perf::time("vf:autosave", || {
            let (text, title) = self
                .board
                .with_untracked(|board| (document::to_json(board), board.title.clone()));
            snapshot::remember(&text);
            match save_board(&id, &text, &title, revision) {
                Ok(next) => {
                    self.history
                        .with_untracked(|history| super::save_history(&id, history, next));
                    self.target.set_value(Some((id, next)));
                    self.status.set(settled_status());
                    self.library.set(load_library());
                }
                Err(error) => self.status.set(SaveStatus::Failed(error)),
            }
        });
    }
}

/// A field that takes its value on `change` (a number) or when it is left
/// (a date) holds what was typed until then, so a page closed or hidden
/// with it focused would lose that. A `change` event hands a number over
/// and leaves the focus where it is, for a tab only hidden; a page going
/// away (`is_leaving`) also blurs the field, which hands a date over.
fn commit_focused_field(is_leaving: bool) {
    use wasm_bindgen::JsCast as _;
    let Some(field) = document()
        .active_element()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let is_typed_in = match field.tag_name().as_str() {
        "TEXTAREA" => true,
        "INPUT" => matches!(
            field.get_attribute("type").unwrap_or_default().as_str(),
            "" | "text" | "search" | "number" | "date"
        ),
        _ => false,
    };
    if !is_typed_in {
        return;
    }
    if let Ok(change) = web_sys::Event::new("change") {
        let _ = field.dispatch_event(&change);
    }
    if is_leaving {
        let _ = field.blur();
    }
}

fn settled_status() -> SaveStatus {
    match backend::mode() {
        Mode::Local => SaveStatus::Saved,
        Mode::Memory => SaveStatus::InMemory,
    }
}
