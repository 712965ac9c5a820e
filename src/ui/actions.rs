//! Board-level actions: opening, creating, duplicating, renaming, trashing
//! and importing boards, exporting the one on screen, and taking in what
//! other tabs saved. Each ends with a message on screen, and none can lose
//! the work on screen: a pending save is flushed before another board opens.

use leptos::prelude::*;

use super::files;
use super::state::{AppState, Focus, Problem, Undo};
use crate::document::{self, templates};
use crate::model::{
    copy_title, orient, sources_of, targets_of, Board, BoardId, Edit, ItemId, ItemKind,
};
use crate::perf;
use crate::storage::{self, sync::Change, OpenError, SaveError, SaveStatus};

impl AppState {
    /// Adds an empty item of a kind to its phase and puts the cursor in its
    /// title. Its card stays closed, so adding one item after another is a
    /// title each; Details (or D) opens the rest.
    pub fn add_item(self, kind: ItemKind) {
        self.show_phase(kind.phase());
        if let Some(applied) = self.dispatch(Edit::AddItem {
            kind,
            title: String::new(),
        }) {
            if let Some(id) = applied.created {
                self.highlight(Some(id));
                self.focus_request.set(Some(Focus::Title(id)));
            }
        }
    }

    /// Deletes an item with an undo, and moves focus to its neighbour in
    /// the phase (the next one, else the previous), or to "Add …".
    pub fn delete_item(self, id: ItemId) {
        let Some((kind, title, neighbour)) = self.board.with_untracked(|board| {
            let item = board.item(id)?;
            Some((
                item.kind,
                item.display_title().to_owned(),
                board.neighbour_of(id),
            ))
        }) else {
            return;
        };
        if self.dispatch(Edit::DeleteItem { id }).is_some() {
            self.tell_with_undo(
                format!("Deleted {} {}.", kind.noun(), crate::model::quoted(&title)),
                Undo::History,
            );
            self.highlight(neighbour);
            self.focus_request
                .set(Some(neighbour.map_or(Focus::AddButton, Focus::Card)));
        }
    }

    /// Drops one item on another: within a phase it moves there; across
    /// phases the two are linked, when the flywheel allows it.
    pub fn drop_item(self, dragged: ItemId, target: ItemId) {
        let plan = self.board.with_untracked(|board| {
            let (from, to) = (board.item(dragged)?, board.item(target)?);
            Some(if from.phase() == to.phase() {
                Err(board.position_in_phase(target)?)
            } else {
                Ok((
                    orient(board, dragged, target),
                    from.kind,
                    to.kind,
                    from.display_title().to_owned(),
                    to.display_title().to_owned(),
                ))
            })
        });
        match plan {
            Some(Err(position)) => {
                self.dispatch(Edit::MoveItem {
                    id: dragged,
                    position,
                });
            }
            Some(Ok((Some(link), _, _, from, to)))
                if self.dispatch(Edit::AddLink { link }).is_some() =>
            {
                let verb = self
                    .board
                    .with_untracked(|board| {
                        board.link_kind(&link).map(crate::model::LinkKind::verb)
                    })
                    .unwrap_or("links to");
                let (start, end) = if link.from == dragged {
                    (from, to)
                } else {
                    (to, from)
                };
                self.tell_with_undo(
                    format!(
                        "Linked: {} {verb} {}.",
                        crate::model::quoted(&start),
                        crate::model::quoted(&end)
                    ),
                    Undo::History,
                );
            }
            Some(Ok((None, from_kind, to_kind, _, _))) => self.tell_error(format!(
                "A {} cannot be linked to a {}. Drop it on a {} instead.",
                from_kind.noun(),
                to_kind.noun(),
                linkable_to(from_kind)
            )),
            _ => {}
        }
    }

    /// Moves an item up (negative) or down within its phase, keeping focus on it.
    pub fn move_item(self, id: ItemId, step: isize) {
        let Some(position) = self
            .board
            .with_untracked(|board| board.position_in_phase(id))
        else {
            return;
        };
        let Some(to) = position.checked_add_signed(step) else {
            return;
        };
        self.dispatch(Edit::MoveItem { id, position: to });
    }

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

    /// Whether the board on screen may give way to another. A pending save
    /// is written first; if the last save failed (storage full, or another
    /// tab saved the board too), the work on screen exists nowhere else, so
    /// nothing opens in its place and the user is told how to keep it.
    fn may_replace_board(self) -> bool {
        self.autosave.flush();
        let reason = match self.autosave.status().get_untracked() {
            SaveStatus::Failed(SaveError::Stale { .. }) => {
                "This board was also changed in another tab. Choose which version to keep \
                 (above) before opening another board, so neither is lost."
                    .to_owned()
            }
            SaveStatus::Failed(error) => format!(
                "Your latest changes to this board are not saved ({error}), and opening \
                 another board now would lose them. Export this board, free space by \
                 emptying the trash, or discard the unsaved changes, first."
            ),
            _ => return true,
        };
        // The message must not sit behind a dialog.
        self.is_boards_open.set(false);
        self.is_new_board_open.set(false);
        self.tell_error(reason);
        false
    }

    /// After a failed save, puts the board back as it was last saved, so
    /// another board may open in its place: the user's way out when the
    /// work on screen cannot be stored and need not be kept. The discarded
    /// work stays one Undo away while this board is on screen.
    pub fn discard_unsaved(self) {
        let Some(id) = self.autosave.board_id() else {
            return;
        };
        // A last try: space may have been freed since.
        self.autosave.flush();
        if !matches!(
            self.autosave.status().get_untracked(),
            SaveStatus::Failed(_)
        ) {
            self.tell("Your changes were saved after all: nothing was discarded.".into());
            return;
        }
        let discarded = self.board.get_untracked();
        let history = self.history.get_untracked();
        self.autosave.discard_pending();
        match storage::open_board(&id) {
            Ok(opened) => {
                self.show(id.clone(), opened.board, opened.revision);
                self.tell_with_undo(
                    "Discarded the unsaved changes: this board is as it was last saved, and \
                     another board can open now."
                        .into(),
                    Undo::Undiscard {
                        id,
                        board: Box::new(discarded),
                        history: Box::new(history),
                    },
                );
            }
            Err(error) => self.tell_error(format!(
                "The last saved version could not be read ({error}), so your changes stay on \
                 screen."
            )),
        }
    }

    /// Opens a stored board the user asked for, in place of the one on
    /// screen, unless that would lose unsaved work. Returns whether it opened.
    pub fn switch_to(self, id: &BoardId) -> bool {
        self.may_replace_board() && self.open(id)
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
                self.report_open_failure(&crate::model::quoted(&title), &error);
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

    /// Puts a board on screen, with its history, without counting it as a change.
    fn show(self, id: BoardId, board: Board, revision: u64) {
        if self.is_shared.get_untracked() {
            // A board of the user's own replaces the shared one.
            self.is_shared.set(false);
            super::share::clear_fragment();
        }
        self.history.set(storage::load_history(&id, revision));
        self.board_undo.set(None);
        self.spin_draft.0.set(String::new());
        self.spin_draft.1.set(String::new());
        self.viewing_spin.set(None);
        self.highlight(None);
        self.board.set(board);
        self.autosave.attach(id.clone(), revision);
        self.board_id.set(Some(id.clone()));
        if let Ok(library) = storage::update_library(|library| library.last_open = Some(id)) {
            self.library.set(library);
        }
    }

    /// Tries storage again after it refused the first board (space may
    /// have been freed since): the board on screen is stored as a new
    /// board, with its undo history, and saving goes on from there. If
    /// storage still refuses, the app stays in memory as it was.
    pub fn retry_storage(self) {
        if storage::backend::init(false) == storage::backend::Mode::Local {
            let board = self.board.get_untracked();
            let history = self.history.get_untracked();
            if let Ok(id) = storage::create_board(&board) {
                self.show(id, board, 1);
                self.history.set(history);
                self.problems
                    .update(|problems| problems.retain(|p| *p != Problem::StorageRefused));
                self.tell("Saved: this board is stored in this browser again.".into());
                return;
            }
        }
        storage::backend::init(true);
        self.tell_error(
            "The browser still refuses to store the board: free more space, or export it to keep it."
                .into(),
        );
    }

    /// Stores a new board, opens it, and returns its id. `message` is told
    /// when it worked.
    pub(super) fn create(self, board: &Board, message: Option<String>) -> Option<BoardId> {
        self.autosave.flush();
        match storage::create_board(board) {
            Ok(id) => {
                self.show(id.clone(), board.clone(), 1);
                if let Some(message) = message {
                    self.tell(message);
                }
                Some(id)
            }
            Err(_)
                if self.board_id.get_untracked().is_none()
                    && !self.is_shared.get_untracked()
                    && storage::backend::mode() == storage::backend::Mode::Local =>
            {
                // The first start, and storage takes nothing (full, or
                // refusing writes): work in memory, as when storage is
                // blocked, and say so, rather than on a board that can
                // never be saved. What is stored stays untouched.
                storage::backend::init(true);
                self.report(Problem::StorageRefused);
                self.create(board, message)
            }
            Err(error) => {
                // Full storage: say whether making room can help at all.
                let hint = if error == SaveError::Full {
                    let chars = document::to_json(board).len();
                    if chars * 10 >= storage::QUOTA_CHARS * 9 {
                        format!(
                            " This board alone is {:.1} MB, more than the about 5 MB this \
                             browser keeps for a site, so it cannot be stored here; nothing \
                             else was changed.",
                            chars as f64 / 1_000_000.0
                        )
                    } else {
                        " Empty the trash or delete boards you no longer need (Boards) to make \
                         room, then try again."
                            .to_owned()
                    }
                } else {
                    String::new()
                };
                self.tell_error(format!("A new board could not be stored: {error}.{hint}"));
                None
            }
        }
    }

    /// Creates a board from a template and opens it.
    pub fn new_board(self, template: templates::Template) {
        if !self.may_replace_board() {
            return;
        }
        let message = format!(
            "Started a new board from the {} template.",
            crate::model::quoted(template.name())
        );
        // Closed either way: a failure's message must not sit behind them.
        self.create(&template.board(), Some(message));
        self.is_boards_open.set(false);
        self.is_new_board_open.set(false);
    }

    /// Stores a copy of a board and opens the copy.
    pub fn duplicate(self, id: &BoardId) {
        if !self.may_replace_board() {
            return;
        }
        let board = if self.board_id.get_untracked().as_ref() == Some(id) {
            Ok(self.board.get_untracked())
        } else {
            storage::open_board(id).map(|opened| opened.board)
        };
        match board {
            Ok(mut board) => {
                board.title = copy_title(&board.title);
                let message = format!("Opened {}.", crate::model::quoted(&board.title));
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
        // Trashing the board on screen replaces it; another one only needs
        // a pending save written first.
        if self.board_id.get_untracked().as_ref() == Some(id) {
            if !self.may_replace_board() {
                return;
            }
        } else {
            self.autosave.flush();
        }
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
            format!("Moved {} to the trash.", crate::model::quoted(&title)),
            Undo::Untrash(id.clone()),
        );
    }

    /// Brings a board back from the trash and opens it.
    pub fn untrash(self, id: &BoardId) {
        if !self.may_replace_board() {
            return;
        }
        if let Ok(library) = storage::update_library(|library| {
            library.untrash(id);
        }) {
            self.library.set(library);
            if self.open(id) {
                self.tell("The board is back from the trash.".into());
            }
        }
    }

    /// Deletes a trashed board for good. An offer to take it out of the
    /// trash goes with it (it would fail: there is nothing left): Ctrl+Z's
    /// is dropped, and the notice that offered it gives way to this one.
    pub fn delete_forever(self, id: &BoardId) {
        match storage::delete_board_forever(id) {
            Ok(library) => {
                self.library.set(library);
                self.board_undo.maybe_update(|undo| {
                    matches!(undo, Some(Undo::Untrash(trashed)) if trashed == id)
                        && undo.take().is_some()
                });
                self.tell("Deleted for good.".into());
            }
            Err(error) => self.tell_error(format!("That board could not be deleted: {error}.")),
        }
    }

    /// Opens a board file (JSON, or an SVG or PNG this app exported) as a
    /// new board, never replacing the one on screen, with an undo.
    pub async fn import_file(self, bytes: &[u8], file_name: &str) {
        match crate::export::board_text(bytes, &super::files::Browser).await {
            Ok(text) => self.import_text(&text, file_name),
            Err(error) => self.tell_error(format!(
                "{file_name} was not opened: {error} Your boards are unchanged."
            )),
        }
    }

    /// Opens the text of a board file as a new board, never replacing the
    /// one on screen, with an undo.
    pub fn import_text(self, text: &str, file_name: &str) {
        let restored = perf::time("vf:import", || document::restore(text));
        match restored {
            Ok(restored) => {
                if !self.may_replace_board() {
                    return;
                }
                let back_to = self.board_id.get_untracked();
                let title = restored.board.title.clone();
                let Some(id) = self.create(&restored.board, None) else {
                    return;
                };
                let mut message = format!(
                    "Opened {} from {file_name} as a new board.",
                    crate::model::quoted(&title)
                );
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
        self.finish_export(&name, files::download(&name, "application/json", &text));
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
    pub fn take_back(self, undo: Undo) {
        self.notice.set(None);
        self.board_undo.set(None);
        match undo {
            Undo::History => self.undo(),
            Undo::Untrash(id) => self.untrash(&id),
            Undo::Undiscard { id, board, history } => {
                if self.board_id.get_untracked().as_ref() == Some(&id) {
                    self.board.set(*board);
                    self.history.set(*history);
                    self.autosave.changed();
                } else {
                    self.tell_error(
                        "The discarded changes belong to a board no longer on screen.".into(),
                    );
                }
            }
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
            Change::Library => {
                let library = storage::load_library();
                // The board on screen sent to the trash in another tab: it
                // stays open here, and saved, but the user must know, or
                // their work vanishes from the list at the next start.
                let trashed_now = self.board_id.get_untracked().filter(|id| {
                    let is_trashed = |library: &crate::model::Library| {
                        library
                            .entry(id)
                            .is_some_and(crate::model::BoardEntry::is_trashed)
                    };
                    is_trashed(&library) && !self.library.with_untracked(is_trashed)
                });
                self.library.set(library);
                if let Some(id) = trashed_now {
                    let title = self.board.with_untracked(|board| board.title.clone());
                    self.tell_with_undo(
                        format!(
                            "{} was moved to the trash in another tab. It stays open here and \
                             your changes are still saved to it; Undo takes it out of the trash.",
                            crate::model::quoted(&title)
                        ),
                        Undo::Untrash(id),
                    );
                }
            }
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
                    // The other tab saved its history with its board.
                    self.history
                        .set(storage::load_history(&id, opened.revision));
                    self.board.set(opened.board);
                    self.autosave.attach(id, opened.revision);
                }
            }
        }
    }

    /// Resolves a conflict by loading what the other tab saved.
    pub fn take_theirs(self) {
        if let Some(id) = self.autosave.board_id() {
            if matches!(storage::open_board(&id), Err(OpenError::Missing)) {
                // The other tab deleted the board forever: there is no
                // other version, and this tab's work is all that is left.
                self.keep_as_copy(
                    "The other tab deleted this board, so there was no other version to load.",
                );
                return;
            }
            self.autosave.discard_pending();
            if self.open(&id) {
                self.tell("Loaded the version saved in the other tab.".into());
            }
        }
    }

    /// Resolves a conflict by keeping this tab's work as a new board.
    pub fn keep_mine(self) {
        self.keep_as_copy("The other tab's version is unchanged.");
    }

    /// Stores the board on screen as a new board, "… (my copy)", and says
    /// so, with why.
    fn keep_as_copy(self, why: &str) {
        let mut board = self.board.get_untracked();
        board.title = format!("{} (my copy)", board.title);
        self.autosave.discard_pending();
        let message = format!(
            "Kept your version as {}. {why}",
            crate::model::quoted(&board.title)
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

/// The kinds an item of `kind` can be linked with, in words.
fn linkable_to(kind: ItemKind) -> String {
    let kinds: Vec<&str> = targets_of(kind)
        .into_iter()
        .chain(sources_of(kind))
        .map(ItemKind::noun)
        .collect();
    match kinds.as_slice() {
        [] => "nothing".to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}
