//! The app's shared state and its one writer.
//!
//! Components read the board through signals and change it only by calling
//! [`AppState::dispatch`] with an [`Edit`]; that single path is what
//! autosave (and later history and tab sync) watch.

use leptos::prelude::*;

use crate::model::{apply, Applied, Board, Edit, ItemId, Phase};
use crate::storage::Autosave;

/// A message shown to the user in the page, with an optional undo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub message: String,
    /// Errors go into a `role="alert"` region, other notices into `role="status"`.
    pub is_error: bool,
    /// The edit that takes back what the notice reports, if any.
    pub undo: Option<Edit>,
}

/// Everything the components share, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub board: RwSignal<Board>,
    pub selected: RwSignal<Phase>,
    pub notice: RwSignal<Option<Notice>>,
    /// A lasting problem with storage, shown as a banner until it is solved.
    pub storage_problem: RwSignal<Option<String>>,
    /// The item whose title field should take focus once it is drawn.
    pub focus_request: RwSignal<Option<ItemId>>,
    pub autosave: Autosave,
}

impl AppState {
    /// Creates the state around a loaded board and starts autosave.
    pub fn new(board: Board, is_saving_enabled: bool) -> AppState {
        let board = RwSignal::new(board);
        AppState {
            board,
            selected: RwSignal::new(Phase::ClarityOfPurpose),
            notice: RwSignal::new(None),
            storage_problem: RwSignal::new(None),
            focus_request: RwSignal::new(None),
            autosave: Autosave::start(board, is_saving_enabled),
        }
    }

    /// Applies an edit to the board: the only way the UI changes it. An edit
    /// that cannot apply leaves the board alone and says why on screen.
    pub fn dispatch(self, edit: Edit) -> Option<Applied> {
        let mut outcome = None;
        self.board.maybe_update(|board| match apply(board, edit) {
            Ok(applied) => {
                outcome = Some(applied);
                true
            }
            Err(error) => {
                self.notice.set(Some(Notice {
                    message: format!("That change could not be made: {error}."),
                    is_error: true,
                    undo: None,
                }));
                false
            }
        });
        outcome
    }

    /// Shows a notice that offers to undo what was just done.
    pub fn tell_with_undo(self, message: String, undo: Edit) {
        self.notice.set(Some(Notice {
            message,
            is_error: false,
            undo: Some(undo),
        }));
    }
}

/// The app state provided by [`crate::ui::App`].
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
