//! Board-level actions: opening, creating, duplicating, renaming, trashing
//! and importing boards, exporting the one on screen, and taking in what
//! other tabs saved. Each ends with a message on screen, and none can lose
//! the work on screen: a pending save is flushed before another board opens.

use leptos::prelude::*;

use super::files;
use super::state::{AppState, Problem, Undo};
use crate::document::{self, templates};
use crate::model::{copy_title, Board, BoardId, Edit};
use crate::perf;
use crate::storage::{self, sync::Change, OpenError, SaveError, SaveStatus};

impl AppState {
    /// Opens the board to show at start-up: the last one open, else the
    /// newest, else (on a first start) a new board from the example template.
    pub fn open_initial(self) {
        if let Some(Err(error)) = storage::adopt_legacy_board() {
            self.report_open_failure("Your saved board", &error);
        }
        self.library.set(storage::load_library());
        let mut tried: Vec<BoardId> = Vec::new();
        loop {
            let library = self.library.get_untracked();
            let next = library
                .board_to_open()
                .filter(|id| !tried.contains(id))
                .or_else(|| {
                    library
                        .live()
                        .into_iter()
                        .map(|entry| entry.id.clone())
                        .find(|id| !tried.contains(id))
                });
            let Some(id) = next else { break };
            if self.open(&id) {
                return;
            }
            tried.push(id);
        }
        self.create(&templates::data_factory(), None);
    }

    /// Opens a stored board in place of the one on screen. Returns whether
    /// it opened; when it did not, a banner says why.
    pub fn open(self, id: &BoardId) -> bool {
        self.autosave.flush();
        match storage::open_board(id) {
            Ok(opened) => {
                self.show(id.clone(), opened.board, opened.revision);
                if !opened.repairs.is_empty() {
                    let kept = if opened.backup_key.is_some() {
                        " The original was kept as a backup (see Boards)."
                    } else {
                        ""
                    };
                    let repairs: Vec<String> =
                        opened.repairs.iter().map(ToString::to_string).collect();
                    self.tell(format!(
                        "Repaired while opening: {}{kept}",
                        repairs.join(" ")
                    ));
                }
                true
            }
            Err(error) => {
                let title = self
                    .library
                    .with_untracked(|library| library.entry(id).map(|e| e.title.clone()))
                    .unwrap_or_else(|| "A board".into());
                self.report_open_failure(&format!("“{title}”"), &error);
                self.library.set(storage::load_library());
                false
            }
        }
    }

    fn report_open_failure(self, title: &str, error: &OpenError) {
        let backup_key = match error {
            OpenError::Unreadable { backup_key, .. } => backup_key.clone(),
            _ => None,
        };
        self.report(Problem::CouldNotOpen {
            title: title.to_owned(),
            reason: error.to_string(),
            backup_key,
        });
    }

    /// Puts a board on screen without counting it as a change.
    fn show(self, id: BoardId, board: Board, revision: u64) {
        self.board.set(board);
        self.autosave.attach(id.clone(), revision);
        self.board_id.set(Some(id.clone()));
        if let Ok(library) = storage::update_library(|library| library.last_open = Some(id)) {
            self.library.set(library);
        }
    }

    /// Stores a new board, opens it, and returns its id. `message` is told
    /// when it worked.
    fn create(self, board: &Board, message: Option<String>) -> Option<BoardId> {
        self.autosave.flush();
        match storage::create_board(board) {
            Ok(id) => {
                self.show(id.clone(), board.clone(), 1);
                if let Some(message) = message {
                    self.tell(message);
                }
                Some(id)
            }
            Err(error) => {
                self.tell_error(format!("A new board could not be stored: {error}."));
                None
            }
        }
    }

    /// Creates an empty board and opens it.
    pub fn new_board(self) {
        if self
            .create(&Board::blank(), Some("Started a new, blank board.".into()))
            .is_some()
        {
            self.is_boards_open.set(false);
        }
    }

    /// Stores a copy of a board and opens the copy.
    pub fn duplicate(self, id: &BoardId) {
        self.autosave.flush();
        let board = if self.board_id.get_untracked().as_ref() == Some(id) {
            Ok(self.board.get_untracked())
        } else {
            storage::open_board(id).map(|opened| opened.board)
        };
        match board {
            Ok(mut board) => {
                board.title = copy_title(&board.title);
                let message = format!("Opened “{}”.", board.title);
                self.create(&board, Some(message));
            }
            Err(error) => self.tell_error(format!("That board could not be copied: {error}.")),
        }
    }

    /// Renames a board, on screen or not.
    pub fn rename(self, id: &BoardId, title: String) {
        if self.board_id.get_untracked().as_ref() == Some(id) {
            self.dispatch(Edit::SetTitle { title });
            self.autosave.flush();
            return;
        }
        let outcome = storage::open_board(id)
            .map_err(|e| e.to_string())
            .and_then(|opened| {
                let mut board = opened.board;
                board.title.clone_from(&title);
                storage::save_board(id, &document::to_json(&board), &title, opened.revision)
                    .map_err(|e| e.to_string())
            });
        match outcome {
            Ok(_) => self.library.set(storage::load_library()),
            Err(error) => self.tell_error(format!("That board could not be renamed: {error}.")),
        }
    }

    /// Moves a board to the trash, with an undo. When it is the board on
    /// screen, the next live board opens (or a new blank one).
    pub fn trash(self, id: &BoardId) {
        self.autosave.flush();
        let title = self
            .library
            .with_untracked(|library| library.entry(id).map(|e| e.title.clone()))
            .unwrap_or_default();
        match storage::update_library(|library| {
            library.trash(id, storage::now_ms());
        }) {
            Ok(library) => self.library.set(library),
            Err(error) => {
                self.tell_error(format!(
                    "That board could not be moved to the trash: {error}."
                ));
                return;
            }
        }
        if self.board_id.get_untracked().as_ref() == Some(id) {
            let next = self
                .library
                .with_untracked(crate::model::Library::board_to_open);
            match next {
                Some(next) if self.open(&next) => {}
                _ => {
                    self.create(&Board::blank(), None);
                }
            }
        }
        self.tell_with_undo(
            format!("Moved “{title}” to the trash."),
            Undo::Untrash(id.clone()),
        );
    }

    /// Brings a board back from the trash and opens it.
    pub fn untrash(self, id: &BoardId) {
        if let Ok(library) = storage::update_library(|library| {
            library.untrash(id);
        }) {
            self.library.set(library);
            if self.open(id) {
                self.tell("The board is back from the trash.".into());
            }
        }
    }

    /// Deletes a trashed board for good.
    pub fn delete_forever(self, id: &BoardId) {
        match storage::delete_board_forever(id) {
            Ok(library) => self.library.set(library),
            Err(error) => self.tell_error(format!("That board could not be deleted: {error}.")),
        }
    }

    /// Opens the text of a board file as a new board, never replacing the
    /// one on screen, with an undo.
    pub fn import_text(self, text: &str, file_name: &str) {
        let restored = perf::time("vf:import", || document::restore(text));
        match restored {
            Ok(restored) => {
                let back_to = self.board_id.get_untracked();
                let title = restored.board.title.clone();
                let Some(id) = self.create(&restored.board, None) else {
                    return;
                };
                let mut message = format!("Opened “{title}” from {file_name} as a new board.");
                if !restored.repairs.is_empty() {
                    let repairs: Vec<String> =
                        restored.repairs.iter().map(ToString::to_string).collect();
                    message = format!("{message} Repaired while opening: {}", repairs.join(" "));
                }
                self.is_boards_open.set(false);
                self.tell_with_undo(message, Undo::Unimport { id, back_to });
            }
            Err(error) => self.tell_error(format!(
                "{file_name} was not opened: {error} Your boards are unchanged."
            )),
        }
    }

    /// Downloads the board on screen as a JSON document.
    pub fn export_current(self) {
        let (text, name) = self.board.with_untracked(|board| {
            (
                document::to_json(board),
                document::file_name(&board.title, "json"),
            )
        });
        if let Err(error) = files::download(&name, "application/json", &text) {
            self.tell_error(format!("The export failed: {error}."));
        }
    }

    /// Downloads raw text kept aside.
    pub fn download_backup(self, key: &str) {
        match storage::read_raw(key) {
            Some(text) => {
                if let Err(error) =
                    files::download("flywheel-backup.json", "application/json", &text)
                {
                    self.tell_error(format!("The download failed: {error}."));
                }
            }
            None => self.tell_error("That backup is no longer stored.".into()),
        }
    }

    /// Carries out the undo a notice offered.
    pub fn undo(self, undo: Undo) {
        self.notice.set(None);
        match undo {
            Undo::Edit(edit) => {
                self.dispatch(edit);
            }
            Undo::Untrash(id) => self.untrash(&id),
            Undo::Unimport { id, back_to } => {
                if let Some(back_to) = back_to {
                    self.open(&back_to);
                }
                match storage::delete_board_forever(&id) {
                    Ok(library) => self.library.set(library),
                    Err(error) => {
                        self.tell_error(format!("The import could not be undone: {error}."));
                    }
                }
            }
        }
    }

    /// Takes in a change another tab saved.
    pub fn take_in(self, change: Change) {
        match change {
            Change::Library => self.library.set(storage::load_library()),
            Change::Board { id, revision } => {
                if self.board_id.get_untracked().as_ref() != Some(&id)
                    || revision <= self.autosave.revision()
                {
                    return;
                }
                if self.autosave.is_pending()
                    || matches!(
                        self.autosave.status().get_untracked(),
                        SaveStatus::Failed(_)
                    )
                {
                    // Both tabs changed the board: keep this tab's work on
                    // screen, write nothing, and let the user choose.
                    self.autosave.mark_stale(revision);
                    return;
                }
                if let Ok(opened) = storage::open_board(&id) {
                    self.board.set(opened.board);
                    self.autosave.attach(id, opened.revision);
                }
            }
        }
    }

    /// Resolves a conflict by loading what the other tab saved.
    pub fn take_theirs(self) {
        if let Some(id) = self.autosave.board_id() {
            self.autosave.discard_pending();
            if self.open(&id) {
                self.tell("Loaded the version saved in the other tab.".into());
            }
        }
    }

    /// Resolves a conflict by keeping this tab's work as a new board.
    pub fn keep_mine(self) {
        let mut board = self.board.get_untracked();
        board.title = format!("{} (my copy)", board.title);
        self.autosave.discard_pending();
        let message = format!(
            "Kept your version as “{}”. The other tab's version is unchanged.",
            board.title
        );
        self.create(&board, Some(message));
    }

    /// Whether the last write failed because another tab saved first.
    pub fn is_in_conflict(self) -> bool {
        matches!(
            self.autosave.status().get(),
            SaveStatus::Failed(SaveError::Stale { .. })
        )
    }
}
