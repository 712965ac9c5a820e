//! The app's shared state and its one writer.
//!
//! Components read the board through signals and change it only by calling
//! [`AppState::dispatch`] with an [`Edit`]; that single path is what
//! autosave (and later history) watch. Board-level actions (open, create,
//! import, trash) live in `actions.rs`.

use leptos::prelude::*;

use crate::model::{apply, Applied, Board, BoardId, Date, Edit, ItemId, Library, Phase};
use crate::storage::{Autosave, Mode};

/// What an "Undo" button in a notice takes back.
#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    /// An edit of the board on screen.
    Edit(Edit),
    /// A board moved to the trash.
    Untrash(BoardId),
    /// A board opened from a file, and the board that was open before.
    Unimport {
        id: BoardId,
        back_to: Option<BoardId>,
    },
}

/// A message shown to the user in the page, with an optional undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub message: String,
    /// Errors go into a `role="alert"` region, other notices into `role="status"`.
    pub is_error: bool,
    pub undo: Option<Undo>,
}

/// A lasting problem, shown as a banner until it is solved or dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Storage cannot be used here; work lives in memory.
    StorageUnavailable,
    /// A saved board could not be opened.
    CouldNotOpen {
        title: String,
        reason: String,
        backup_key: Option<String>,
    },
}

/// Which view the side panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelTab {
    /// The selected phase: guidance and items.
    Phase,
    /// Momentum and gaps.
    Health,
    /// Recorded spins.
    Spins,
}

/// Today, in the browser's time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(
        i64::from(now.get_full_year()),
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_else(|| Date::from_days((js_sys::Date::now() / 86_400_000.0) as i64))
}

/// Everything the components share, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub board: RwSignal<Board>,
    /// The board on screen, once one is open.
    pub board_id: RwSignal<Option<BoardId>>,
    pub library: RwSignal<Library>,
    pub selected: RwSignal<Phase>,
    pub notice: RwSignal<Option<Notice>>,
    pub problems: RwSignal<Vec<Problem>>,
    /// The item whose title field should take focus once it is drawn.
    pub focus_request: RwSignal<Option<ItemId>>,
    pub is_boards_open: RwSignal<bool>,
    /// The item whose links light up on the wheel.
    pub highlighted: RwSignal<Option<ItemId>>,
    /// The spin shown read-only on the wheel instead of the board as it is.
    pub viewing_spin: RwSignal<Option<u32>>,
    pub panel_tab: RwSignal<PanelTab>,
    pub autosave: Autosave,
    pub mode: Mode,
}

impl AppState {
    /// Creates the state; no board is open yet.
    pub fn new(mode: Mode) -> AppState {
        let board = RwSignal::new(Board::blank());
        let library = RwSignal::new(Library::default());
        AppState {
            board,
            board_id: RwSignal::new(None),
            library,
            selected: RwSignal::new(Phase::ClarityOfPurpose),
            notice: RwSignal::new(None),
            problems: RwSignal::new(if mode == Mode::Memory {
                vec![Problem::StorageUnavailable]
            } else {
                Vec::new()
            }),
            focus_request: RwSignal::new(None),
            is_boards_open: RwSignal::new(false),
            highlighted: RwSignal::new(None),
            viewing_spin: RwSignal::new(None),
            panel_tab: RwSignal::new(PanelTab::Phase),
            autosave: Autosave::new(board, library),
            mode,
        }
    }

    /// Reads the board the wheel shows: the board as it is, or the spin
    /// being viewed. Tracks both, so views follow either.
    pub fn with_shown<T>(self, read: impl FnOnce(&Board) -> T) -> T {
        match self.viewing_spin.get() {
            Some(number) => self.board.with(|board| {
                match board.spins.iter().find(|spin| spin.number == number) {
                    Some(spin) => read(&spin.as_board(board)),
                    None => read(board),
                }
            }),
            None => self.board.with(read),
        }
    }

    /// Whether the wheel shows a past spin, which cannot be edited.
    pub fn is_read_only(self) -> bool {
        self.viewing_spin.get().is_some()
    }

    /// Selects an item: its phase opens, its links light up and its card
    /// takes focus.
    pub fn select_item(self, id: ItemId) {
        let phase = self
            .board
            .with_untracked(|board| board.item(id).map(crate::model::Item::phase));
        if let Some(phase) = phase {
            self.selected.set(phase);
            self.panel_tab.set(PanelTab::Phase);
            self.highlighted.set(Some(id));
            self.focus_request.set(Some(id));
        }
    }

    /// Applies an edit to the board: the only way the UI changes it. An edit
    /// that cannot apply leaves the board alone and says why on screen.
    pub fn dispatch(self, edit: Edit) -> Option<Applied> {
        if self.viewing_spin.get_untracked().is_some() {
            self.tell_error("A past spin is shown, and it cannot be changed. Go back to the board as it is to edit.".into());
            return None;
        }
        let mut outcome = None;
        self.board.maybe_update(|board| match apply(board, edit) {
            Ok(applied) => {
                outcome = Some(applied);
                true
            }
            Err(error) => {
                self.tell_error(format!("That change could not be made: {error}."));
                false
            }
        });
        if outcome.is_some() {
            self.autosave.changed();
        }
        outcome
    }

    /// Shows an informational notice.
    pub fn tell(self, message: String) {
        self.notice.set(Some(Notice {
            message,
            is_error: false,
            undo: None,
        }));
    }

    /// Shows an error notice.
    pub fn tell_error(self, message: String) {
        self.notice.set(Some(Notice {
            message,
            is_error: true,
            undo: None,
        }));
    }

    /// Shows a notice that offers to undo what was just done.
    pub fn tell_with_undo(self, message: String, undo: Undo) {
        self.notice.set(Some(Notice {
            message,
            is_error: false,
            undo: Some(undo),
        }));
    }

    /// Adds a lasting problem, once.
    pub fn report(self, problem: Problem) {
        self.problems.update(|problems| {
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        });
    }
}

/// The app state provided by [`crate::ui::App`].
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
