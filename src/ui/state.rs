//! The app's shared state and its one writer.
//!
//! Components read the board through signals and change it only by calling
//! [`AppState::dispatch`] with an [`Edit`]; that single path is what
//! autosave (and later history) watch. Board-level actions (open, create,
//! import, trash) live in `actions.rs`.

use leptos::prelude::*;

use crate::model::{
    apply, Analysis, Applied, Board, BoardId, Date, Edit, History, ItemField, ItemId, Library,
    Phase, Settings, Step,
};
use crate::storage::{Autosave, Mode};

/// What an "Undo" button in a notice takes back. A notice loses its offer
/// as soon as an edit is made, unless [`Undo::outlives_edits`].
#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    /// The newest step of the board's history: the edit the notice reports.
    History,
    /// A board moved to the trash.
    Untrash(BoardId),
    /// A board opened from a file, and the board that was open before.
    Unimport {
        id: BoardId,
        back_to: Option<BoardId>,
    },
    /// Unsaved changes the user discarded after a failed save, with the
    /// undo history that made them, to put back on screen while their board
    /// still is.
    Undiscard {
        id: BoardId,
        board: Box<Board>,
        history: Box<History>,
    },
}

impl Undo {
    /// Whether the offer still holds after another edit. Undoing an edit,
    /// an import or a discard then would take that edit with it; taking a
    /// board out of the trash costs no work.
    pub fn outlives_edits(&self) -> bool {
        matches!(self, Undo::Untrash(_))
    }
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
    /// Storage is there but refused the first board (full, or refusing
    /// writes); work lives in memory until a retry succeeds.
    StorageRefused,
    /// A saved board could not be opened.
    CouldNotOpen {
        title: String,
        reason: String,
        backup_key: Option<String>,
    },
}

/// Where keyboard focus should go once the panel has drawn it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// An item's title field, to type in.
    Title(ItemId),
    /// An item's card, to act on it with shortcuts.
    Card(ItemId),
    /// The "Add …" button of the selected phase.
    AddButton,
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
    /// Gaps, momentum and links of the board the wheel shows, worked out
    /// once per change for every view to share.
    pub analysis: Memo<Analysis>,
    /// The item whose link picker is open; one at a time.
    pub link_picker_for: RwSignal<Option<ItemId>>,
    /// The item card that shows its editors (status, owner, description,
    /// metric, links); the others show a one-line summary. One at a time,
    /// so a phase opens with light cards.
    pub open_card: RwSignal<Option<ItemId>>,
    /// Undo and redo for the board on screen; saved with it.
    pub history: RwSignal<History>,
    /// A board-level action (an import, a board to the trash) that the next
    /// Undo takes back, as long as no edit was made since.
    pub board_undo: RwSignal<Option<Undo>>,
    /// A short sentence for screen readers about what just changed.
    pub announcement: RwSignal<String>,
    /// What the search box holds.
    pub query: RwSignal<String>,
    pub is_help_open: RwSignal<bool>,
    pub is_new_board_open: RwSignal<bool>,
    /// Whether the main area shows the outline instead of the wheel.
    pub is_outline: RwSignal<bool>,
    /// The board on screen, once one is open.
    pub board_id: RwSignal<Option<BoardId>>,
    pub library: RwSignal<Library>,
    pub selected: RwSignal<Phase>,
    /// Whether `selected` shows as chosen: an embed whose link names no
    /// phase starts with none until the reader picks one.
    pub is_phase_chosen: RwSignal<bool>,
    /// The name and note typed for the next spin, kept while another tab
    /// of the panel shows (each board starts without one).
    pub spin_draft: (RwSignal<String>, RwSignal<String>),
    pub notice: RwSignal<Option<Notice>>,
    pub problems: RwSignal<Vec<Problem>>,
    /// Where focus should go once the panel has drawn it.
    pub focus_request: RwSignal<Option<Focus>>,
    pub is_boards_open: RwSignal<bool>,
    /// The item whose links light up on the wheel.
    pub highlighted: RwSignal<Option<ItemId>>,
    /// The spin shown read-only on the wheel instead of the board as it is.
    pub viewing_spin: RwSignal<Option<u32>>,
    pub panel_tab: RwSignal<PanelTab>,
    /// Theme and text size.
    pub settings: RwSignal<Settings>,
    /// The presentation step on screen, while presenting.
    pub presenting: RwSignal<Option<Step>>,
    /// Whether the app runs embedded in another page (read-only, no storage).
    pub is_embedded: bool,
    /// Whether the board on screen came from a share link: read-only and
    /// stored nowhere until the user makes a copy.
    pub is_shared: RwSignal<bool>,
    /// Whether the export and share dialog is open.
    pub is_export_open: RwSignal<bool>,
    /// The wheel's size on screen: the smaller of its box's width and
    /// height in CSS pixels, as the wheel's area last measured it (`None`
    /// before that).
    pub wheel_size: RwSignal<Option<f64>>,
    /// The item being dragged, if any.
    pub drag: RwSignal<Option<super::drag::Drag>>,
    /// Set when a drag ends, so the click that follows selects nothing.
    pub is_click_suppressed: StoredValue<bool>,
    pub autosave: Autosave,
    pub mode: Mode,
}

impl AppState {
    /// Creates the state; no board is open yet.
    pub fn new(mode: Mode) -> AppState {
        let board = RwSignal::new(Board::blank());
        let history = RwSignal::new(History::default());
        let library = RwSignal::new(Library::default());
        let viewing_spin = RwSignal::new(None);
        // Typing changes only text, which no gap, link or metric depends
        // on: `Analysis::update` then keeps the analysis (and notifies no
        // one) after one pass of hashing.
        let analysis = Memo::new_owning(move |previous| {
            let today = today();
            with_shown(board, viewing_spin, |shown| {
                Analysis::update(previous, shown, today)
            })
        });
        AppState {
            board,
            analysis,
            link_picker_for: RwSignal::new(None),
            open_card: RwSignal::new(None),
            history,
            board_undo: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            query: RwSignal::new(String::new()),
            is_help_open: RwSignal::new(false),
            is_new_board_open: RwSignal::new(false),
            is_outline: RwSignal::new(false),
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
            is_phase_chosen: RwSignal::new(true),
            spin_draft: (RwSignal::new(String::new()), RwSignal::new(String::new())),
            viewing_spin,
            panel_tab: RwSignal::new(PanelTab::Phase),
            settings: RwSignal::new(Settings::default()),
            presenting: RwSignal::new(None),
            is_embedded: false,
            is_shared: RwSignal::new(false),
            is_export_open: RwSignal::new(false),
            wheel_size: RwSignal::new(None),
            drag: RwSignal::new(None),
            is_click_suppressed: StoredValue::new(false),
            autosave: Autosave::new(board, history, library),
            mode,
        }
    }

    /// Reads the board the wheel shows: the board as it is, or the spin
    /// being viewed. Tracks both, so views follow either.
    pub fn with_shown<T>(self, read: impl FnOnce(&Board) -> T) -> T {
        with_shown(self.board, self.viewing_spin, read)
    }

    /// Shows a past spin on the wheel, read-only (`Some`), or the board as
    /// it is now (`None`). The selection and a notice's Undo belong to the
    /// board as it is now, so a spin starts without them: the Undo would
    /// act on a board out of sight.
    pub fn view_spin(self, number: Option<u32>) {
        if self.viewing_spin.get_untracked() == number {
            return;
        }
        if number.is_some() {
            self.highlight(None);
            if self
                .notice
                .with_untracked(|n| n.as_ref().is_some_and(|n| n.undo.is_some()))
            {
                self.notice.set(None);
            }
        }
        self.viewing_spin.set(number);
    }

    /// Where each spin of the board on screen began, with its number: the
    /// marks on a metric's chart.
    pub fn spin_dates(self) -> Vec<(u32, Date)> {
        self.with_shown(|board| board.spins.iter().map(|s| (s.number, s.date)).collect())
    }

    /// Whether the board on screen cannot be edited: a past spin, a shared
    /// board not yet copied, or an embed.
    pub fn is_read_only(self) -> bool {
        self.is_embedded || self.is_shared.get() || self.viewing_spin.get().is_some()
    }

    /// Shows a phase in the panel. Signals notify even when set to the
    /// value they hold, and the panel redraws on every notification, so
    /// nothing is set that is already so. While presenting, the
    /// presentation goes to the phase too.
    pub fn show_phase(self, phase: Phase) {
        set_if_changed(self.selected, phase);
        set_if_changed(self.is_phase_chosen, true);
        self.show_tab(PanelTab::Phase);
        let step = crate::model::Step::Phase(phase);
        if self
            .presenting
            .get_untracked()
            .is_some_and(|now| now != step)
        {
            self.present_step(step);
        }
    }

    /// Shows a tab of the panel (see [`AppState::show_phase`]).
    pub fn show_tab(self, tab: PanelTab) {
        set_if_changed(self.panel_tab, tab);
    }

    /// Lights up an item and its links on the wheel, or nothing. Hovering
    /// and focusing ask again for what is already lit; that wakes nobody.
    pub fn highlight(self, id: Option<ItemId>) {
        set_if_changed(self.highlighted, id);
    }

    /// Selects an item: its phase opens, its links light up and its card
    /// opens and takes focus.
    pub fn select_item(self, id: ItemId) {
        let phase = self
            .board
            .with_untracked(|board| board.item(id).map(crate::model::Item::phase));
        if let Some(phase) = phase {
            self.show_phase(phase);
            self.highlight(Some(id));
            set_if_changed(self.open_card, Some(id));
            self.focus_request.set(Some(Focus::Card(id)));
        }
    }

    /// Opens an item's card, or closes it when it is the open one.
    pub fn toggle_card(self, id: ItemId) {
        self.open_card
            .update(|open| *open = if *open == Some(id) { None } else { Some(id) });
    }

    /// Applies an edit to the board: the only way the UI changes it. An edit
    /// that cannot apply leaves the board alone and says why on screen.
    pub fn dispatch(self, edit: Edit) -> Option<Applied> {
        if self.viewing_spin.get_untracked().is_some() {
            self.tell_error("A past spin is shown, and it cannot be changed. Go back to the board as it is to edit.".into());
            return None;
        }
        if self.is_embedded || self.is_shared.get_untracked() {
            self.tell_error("This shared board is read-only. Make a copy to edit it.".into());
            return None;
        }
        let mut outcome = None;
        let message = self
            .board
            .with_untracked(|board| edit_message(board, &edit));
        self.board
            .maybe_update(|board| match apply(board, edit.clone()) {
                Ok(applied) => {
                    outcome = Some(applied);
                    true
                }
                Err(error) => {
                    self.tell_error(format!("That change could not be made: {error}."));
                    false
                }
            });
        if let Some(applied) = &outcome {
            let now = js_sys::Date::now() as u64;
            self.history
                .update(|history| history.record(&edit, applied, now));
            // An offer that this edit would take back with it goes, as
            // Ctrl+Z loses the action below (see `Undo::outlives_edits`).
            // Signals are written only when this changes them, so a
            // keystroke does not redraw the messages area.
            self.notice.maybe_update(|notice| match notice {
                Some(notice)
                    if notice
                        .undo
                        .as_ref()
                        .is_some_and(|undo| !undo.outlives_edits()) =>
                {
                    notice.undo = None;
                    true
                }
                _ => false,
            });
            if let Some(message) = message {
                self.announce(message);
            }
            self.board_undo.maybe_update(|undo| undo.take().is_some());
            self.autosave.changed();
        }
        outcome
    }

    /// Undoes the newest step: a board-level action just taken (an import,
    /// a board sent to the trash), else the board's own history.
    pub fn undo(self) {
        if self.viewing_spin.get_untracked().is_some() {
            return;
        }
        if let Some(action) = self.board_undo.get_untracked() {
            self.board_undo.set(None);
            self.take_back(action);
            self.announce("Undone.".into());
            return;
        }
        self.step_history(true);
    }

    /// Whether Undo has anything to take back (nothing while a past spin
    /// is on show: it would change the board out of sight).
    pub fn can_undo(self) -> bool {
        self.viewing_spin.with(Option::is_none)
            && (self.board_undo.with(Option::is_some) || self.history.with(History::can_undo))
    }

    /// Whether Redo has anything to bring back.
    pub fn can_redo(self) -> bool {
        self.viewing_spin.with(Option::is_none) && self.history.with(History::can_redo)
    }

    /// Redoes the newest undone step.
    pub fn redo(self) {
        self.step_history(false);
    }

    fn step_history(self, is_undo: bool) {
        if self.viewing_spin.get_untracked().is_some() {
            return;
        }
        // Where the focus goes if the step takes away the focused card
        // (undoing an add, redoing a delete): the highlighted item, or
        // the one that takes its place.
        let highlighted = self.highlighted.get_untracked();
        let neighbour =
            highlighted.and_then(|id| self.board.with_untracked(|b| b.neighbour_of(id)));
        let mut outcome = Ok(None);
        let mut redone = None;
        self.board.maybe_update(|board| {
            self.history.update(|history| {
                outcome = if is_undo {
                    history.undo(board)
                } else {
                    // A redo says what it brings back, worked out before it
                    // does (the step's edit is the one the user made; an
                    // item it deletes is still there to name).
                    redone = history
                        .redo
                        .last()
                        .and_then(|step| undone_message(board, &step.edit));
                    history.redo(board)
                };
            });
            matches!(outcome, Ok(Some(_)))
        });
        let word = if is_undo { "Undone" } else { "Redone" };
        match outcome {
            Ok(Some(applied)) => {
                // An undo says what it took back: after switching boards or
                // phases, the step may be out of sight. (An undo's inverse
                // is the edit the user made.)
                let what = if is_undo {
                    self.board
                        .with_untracked(|board| undone_message(board, &applied.inverse))
                } else {
                    redone
                };
                self.announce(match what {
                    Some(what) => format!("{word}: {what}"),
                    None => format!("{word}."),
                });
                self.notice.set(None);
                if let Some(id) = applied.created {
                    self.focus_request.set(Some(Focus::Card(id)));
                } else {
                    super::shortcuts::refocus_if_lost(move || {
                        let target = [highlighted, neighbour].into_iter().flatten().find(|id| {
                            self.board.with_untracked(|board| board.item(*id).is_some())
                        });
                        self.highlight(target);
                        self.focus_request
                            .set(Some(target.map_or(Focus::AddButton, Focus::Card)));
                    });
                }
                self.autosave.changed();
            }
            Ok(None) => self.announce(format!(
                "Nothing to {}.",
                if is_undo { "undo" } else { "redo" }
            )),
            Err(error) => self.tell_error(format!(
                "That step could not be {}: {error}. It was dropped from the history.",
                word.to_lowercase()
            )),
        }
    }

    /// Says something to screen readers through the polite live region.
    /// The same words twice in a row (a second undo, a second goal added)
    /// differ by a trailing no-break space, so the region changes and the
    /// second is spoken too (it was silent).
    pub fn announce(self, message: String) {
        self.announcement.update(|current| {
            *current = if *current == message {
                format!("{message}\u{a0}")
            } else {
                message
            };
        });
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

    /// Takes down an error notice, for when what it was about is put
    /// right (a value that is a number now).
    pub fn clear_error(self) {
        self.notice
            .maybe_update(|notice| notice.take_if(|notice| notice.is_error).is_some());
    }

    /// Shows a notice that offers to undo what was just done. Board-level
    /// actions also become what the next Undo (Ctrl+Z) takes back.
    pub fn tell_with_undo(self, message: String, undo: Undo) {
        if undo != Undo::History {
            self.board_undo.set(Some(undo.clone()));
        }
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

/// Sets a signal only when the value differs, so its readers do not rerun.
pub fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    signal.maybe_update(|current| {
        let changed = *current != value;
        if changed {
            *current = value;
        }
        changed
    });
}

/// Reads the board as it is, or the spin being viewed.
fn with_shown<T>(
    board: RwSignal<Board>,
    viewing_spin: RwSignal<Option<u32>>,
    read: impl FnOnce(&Board) -> T,
) -> T {
    match viewing_spin.get() {
        Some(number) => {
            board.with(
                |board| match board.spins.iter().find(|spin| spin.number == number) {
                    Some(spin) => read(&spin.as_board(board)),
                    None => read(board),
                },
            )
        }
        None => board.with(read),
    }
}

/// The sentence announced after an edit, for the structural ones (typing
/// is not announced: the screen reader already speaks it).
fn edit_message(board: &Board, edit: &Edit) -> Option<String> {
    let kind_of = |id: &ItemId| board.item(*id).map(|item| item.kind.label());
    Some(match edit {
        Edit::AddItem { kind, .. } => format!("{} added.", kind.label()),
        Edit::InsertItem { item, .. } => format!("{} restored.", item.kind.label()),
        Edit::DeleteItem { id } => format!("{} deleted.", kind_of(id)?),
        Edit::MoveItem { id, position } => {
            format!("{} moved to place {}.", kind_of(id)?, position + 1)
        }
        Edit::AddLink { .. } => "Link added.".into(),
        Edit::RemoveLink { .. } => "Link removed.".into(),
        Edit::SetStatus { status, .. } => format!("Marked {}.", status.label()),
        Edit::SetSample { .. } => "Sample saved.".into(),
        Edit::RemoveSample { .. } => "Sample deleted.".into(),
        Edit::SetSamples { samples, .. } => {
            format!(
                "{}.",
                crate::model::counted(samples.len(), "sample", "samples")
            )
        }
        Edit::CompleteSpin { name, .. } => {
            format!("Spin {} completed.", crate::model::quoted(name))
        }
        Edit::DeleteSpin { .. } => "Spin deleted.".into(),
        _ => return None,
    })
}

/// What an undo took back or a redo brings back, in lower case after
/// "Undone: " or "Redone: ", from the edit the user had made (`original`)
/// and the board with the item it names (after an undo, before a redo).
fn undone_message(board: &Board, original: &Edit) -> Option<String> {
    let kind_of = |id: &ItemId| board.item(*id).map(|item| item.kind.label());
    let mut text = match original {
        // Undoing an add takes the item away; its inverse puts it back.
        Edit::InsertItem { item, .. } => format!("{} added.", item.kind.label()),
        Edit::UpdateItem { id, field, .. } => {
            let field = match field {
                ItemField::Title => "'s title edited.",
                ItemField::Description => "'s description edited.",
                ItemField::Owner => "'s owner edited.",
            };
            kind_of(id)?.to_owned() + field
        }
        Edit::SetTitle { .. } => "board title edited.".into(),
        Edit::SetNorthStar { .. } => "north star edited.".into(),
        Edit::SetGuidance { .. } => "guidance edited.".into(),
        Edit::UpdateMetric { .. } => "metric settings changed.".into(),
        other => edit_message(board, other)?,
    };
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    Some(text)
}

/// The app state provided by [`crate::ui::App`].
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
