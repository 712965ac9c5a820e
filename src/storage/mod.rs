//! The only module that touches `localStorage`.
//!
//! It picks the store ([`backend`]: `localStorage`, or memory where storage
//! is blocked), keeps each board under a key of its own next to a revision
//! counter, keeps the list of boards, reads everything through
//! [`crate::document`], moves an unreadable save aside instead of
//! overwriting it, refuses to let a stale tab overwrite a newer save, and
//! runs the debounced autosave.
//!
//! Keys, all under `value-flywheel/`:
//! `library` (the board list), `board/<id>` (a board document),
//! `revision/<id>` (how many times that board was saved), `history/<id>`
//! (its undo history, for the revision it was saved with), and
//! `backup/<id>/<ms>` (raw text kept aside, never overwritten).

pub mod autosave;
pub mod backend;
pub mod snapshot;
pub mod sync;

use crate::document::{
    self, history_to_json, library_to_json, restore_history, restore_library, restore_settings,
    settings_to_json, Repair, RestoreError,
};
use crate::model::{Board, BoardId, History, Library, Settings};

pub use autosave::{Autosave, SaveStatus};
pub use backend::{is_quota_error, Mode};

/// The board list.
pub const LIBRARY_KEY: &str = "value-flywheel/library";
/// Where the first release kept its single board; moved into the list at start.
pub const LEGACY_BOARD_KEY: &str = "value-flywheel/board";
/// Prefix of board documents.
pub const BOARD_PREFIX: &str = "value-flywheel/board/";
/// Prefix of revision counters.
pub const REVISION_PREFIX: &str = "value-flywheel/revision/";
/// Prefix of raw text kept aside.
pub const BACKUP_PREFIX: &str = "value-flywheel/backup/";
/// The user's settings (theme, text size).
pub const SETTINGS_KEY: &str = "value-flywheel/settings";
/// Prefix of undo histories.
pub const HISTORY_PREFIX: &str = "value-flywheel/history/";

/// A stored history larger than this loses its oldest steps: undo is worth
/// less than room for the boards themselves.
const MAX_HISTORY_CHARS: usize = 512 * 1024;

/// About how many characters of keys and values browsers let one site keep
/// in `localStorage` (5 Mi UTF-16 code units in Chromium and Firefox).
pub const QUOTA_CHARS: usize = 5 * 1024 * 1024;

/// The key of a board's document.
pub fn board_key(id: &BoardId) -> String {
    format!("{BOARD_PREFIX}{id}")
}

/// The key of a board's undo history.
pub fn history_key(id: &BoardId) -> String {
    format!("{HISTORY_PREFIX}{id}")
}

/// The key of a board's revision counter.
pub fn revision_key(id: &BoardId) -> String {
    format!("{REVISION_PREFIX}{id}")
}

/// Why a write did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The origin's storage quota is used up; the previous save is intact.
    Full,
    /// Storage refused the write for another reason.
    Refused(String),
    /// Another tab saved this board since this tab loaded it; writing now
    /// would throw that newer work away, so nothing was written.
    Stale { stored: u64 },
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Full => write!(f, "the browser's storage for this site is full"),
            SaveError::Refused(reason) => write!(f, "the browser refused to save ({reason})"),
            SaveError::Stale { .. } => {
                write!(f, "this board was changed in another tab or window")
            }
        }
    }
}

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A new board id: the time in base 36 and a random tail.
pub fn new_board_id() -> BoardId {
    let time = to_base36(now_ms());
    let random = to_base36((js_sys::Math::random() * 2f64.powi(40)) as u64);
    BoardId(format!("{time}-{random}"))
}

fn to_base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// How many times a board has been saved; 0 when never.
pub fn revision(id: &BoardId) -> u64 {
    backend::get(&revision_key(id))
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(0)
}

/// A board read from storage.
#[derive(Clone, Debug)]
pub struct Opened {
    pub board: Board,
    pub revision: u64,
    pub repairs: Vec<Repair>,
    /// Where the original text was kept when a repair left something out.
    pub backup_key: Option<String>,
}

/// Why a board could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// No document is stored for the board.
    Missing,
    /// The document was written by a newer version of the app. It is left
    /// exactly where it is, for that version to open.
    TooNew { version: u64 },
    /// The document could not be read. Its text was moved to `backup_key`
    /// (or, if even that failed, left in place untouched).
    Unreadable {
        error: RestoreError,
        backup_key: Option<String>,
    },
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Missing => write!(f, "nothing is saved for it"),
            OpenError::TooNew { version } => write!(
                f,
                "it was saved by a newer version of the app (format version {version}); \
                 it is kept unchanged for that version to open"
            ),
            OpenError::Unreadable { error, backup_key } => {
                write!(f, "{error}")?;
                match backup_key {
                    Some(_) => write!(f, " The unreadable save was kept as a backup."),
                    None => write!(f, " The unreadable save was left untouched."),
                }
            }
        }
    }
}

/// Keeps raw text aside under a fresh backup key and returns the key.
pub fn keep_aside(id: &BoardId, text: &str) -> Option<String> {
    let key = format!("{BACKUP_PREFIX}{id}/{}", now_ms());
    backend::set(&key, text).ok().map(|()| key)
}

/// Reads a board.
///
/// # Errors
/// See [`OpenError`]. An unreadable document is moved to a backup key and
/// its board dropped from the list, so nothing ever writes over it.
pub fn open_board(id: &BoardId) -> Result<Opened, OpenError> {
    let key = board_key(id);
    let text = backend::get(&key).ok_or(OpenError::Missing)?;
    let revision = revision(id);
    match document::restore(&text) {
        Ok(restored) => {
            let backup_key = if restored.repairs.iter().any(Repair::loses_data) {
                keep_aside(id, &text)
            } else {
                None
            };
            Ok(Opened {
                board: restored.board,
                revision,
                repairs: restored.repairs,
                backup_key,
            })
        }
        Err(RestoreError::TooNew { version }) => Err(OpenError::TooNew { version }),
        Err(error) => {
            let backup_key = keep_aside(id, &text);
            if backup_key.is_some() {
                backend::remove(&key);
                backend::remove(&revision_key(id));
                let _ = update_library(|library| {
                    library.remove(id);
                });
            }
            Err(OpenError::Unreadable { error, backup_key })
        }
    }
}

/// Saves a board over the revision this tab last loaded or saved, and
/// returns the new revision. The document is written before the revision,
/// and nothing is written when another tab saved in between.
///
/// # Errors
/// [`SaveError::Stale`] when the stored revision is not `base_revision`;
/// [`SaveError::Full`] or [`SaveError::Refused`] when storage refuses. In
/// every case the previous save is intact.
pub fn save_board(
    id: &BoardId,
    text: &str,
    title: &str,
    base_revision: u64,
) -> Result<u64, SaveError> {
    let stored = revision(id);
    if stored != base_revision {
        return Err(SaveError::Stale { stored });
    }
    backend::set(&board_key(id), text)?;
    let next = base_revision + 1;
    backend::set(&revision_key(id), &next.to_string())?;
    // The board itself is saved by now; a list that cannot be updated only
    // shows an older title, so it does not fail the save.
    let _ = update_library(|library| library.record_save(id, title, now_ms()));
    Ok(next)
}

/// Stores a new board under a fresh id and lists it.
///
/// # Errors
/// When storage refuses the write.
pub fn create_board(board: &Board) -> Result<BoardId, SaveError> {
    let id = new_board_id();
    save_board(&id, &document::to_json(board), &board.title, 0)?;
    Ok(id)
}

/// Deletes a board's document, revision and list entry for good. Backups
/// stay until the user deletes them.
///
/// # Errors
/// When the list cannot be written.
pub fn delete_board_forever(id: &BoardId) -> Result<Library, SaveError> {
    backend::remove(&board_key(id));
    backend::remove(&revision_key(id));
    backend::remove(&history_key(id));
    update_library(|library| {
        library.remove(id);
    })
}

/// The undo history stored with a board, if it belongs to `revision`;
/// otherwise (none stored, unreadable, or saved with another revision) an
/// empty one.
pub fn load_history(id: &BoardId, revision: u64) -> History {
    backend::get(&history_key(id))
        .and_then(|text| restore_history(&text).ok())
        .filter(|(_, saved_with)| *saved_with == revision)
        .map(|(history, _)| history)
        .unwrap_or_default()
}

/// Stores a board's undo history for `revision`, dropping its oldest steps
/// while it is too large. A history that cannot be stored is not an error
/// worth telling: the board itself is saved, and only undo after a reload
/// is lost.
pub fn save_history(id: &BoardId, history: &History, revision: u64) {
    let mut text = history_to_json(history, revision);
    if text.len() > MAX_HISTORY_CHARS {
        let mut trimmed = history.clone();
        while text.len() > MAX_HISTORY_CHARS && !trimmed.undo.is_empty() {
            let drop = trimmed.undo.len().div_ceil(4);
            trimmed.undo.drain(..drop);
            trimmed.redo.clear();
            text = history_to_json(&trimmed, revision);
        }
    }
    if backend::set(&history_key(id), &text).is_err() {
        backend::remove(&history_key(id));
    }
}

/// The user's settings, or the defaults.
pub fn load_settings() -> Settings {
    backend::get(SETTINGS_KEY).map_or_else(Settings::default, |text| restore_settings(&text))
}

/// Stores the user's settings; a failure only means they are not
/// remembered, which is not worth a message.
pub fn save_settings(settings: &Settings) {
    let _ = backend::set(SETTINGS_KEY, &settings_to_json(settings));
}

/// Reads the board list. A missing or unreadable list is rebuilt from the
/// board documents that are stored.
pub fn load_library() -> Library {
    if let Some(library) = backend::get(LIBRARY_KEY).and_then(|text| restore_library(&text).ok()) {
        return library;
    }
    let mut library = Library::default();
    for key in backend::keys_with_prefix(BOARD_PREFIX) {
        let id = BoardId(key[BOARD_PREFIX.len()..].to_owned());
        if !id.is_valid() {
            continue;
        }
        let title = backend::get(&key)
            .and_then(|text| document::restore(&text).ok())
            .map_or_else(|| "Unreadable board".to_owned(), |r| r.board.title);
        library.record_save(&id, &title, 0);
    }
    library
}

/// Changes the stored board list. It is read fresh first, so a change made
/// by another tab in the meantime is kept, not overwritten.
///
/// # Errors
/// When storage refuses the write.
pub fn update_library(change: impl FnOnce(&mut Library)) -> Result<Library, SaveError> {
    let mut library = load_library();
    change(&mut library);
    backend::set(LIBRARY_KEY, &library_to_json(&library))?;
    Ok(library)
}

/// Moves the first release's single saved board into the board list, once.
pub fn adopt_legacy_board() -> Option<Result<BoardId, OpenError>> {
    let text = backend::get(LEGACY_BOARD_KEY)?;
    let id = new_board_id();
    let outcome = match document::restore(&text) {
        Ok(restored) => create_board(&restored.board).map_err(|_| OpenError::Missing),
        Err(RestoreError::TooNew { version }) => return Some(Err(OpenError::TooNew { version })),
        Err(error) => Err(OpenError::Unreadable {
            error,
            backup_key: keep_aside(&id, &text),
        }),
    };
    // Remove the old key only once its text lives on somewhere else.
    match &outcome {
        Ok(_)
        | Err(OpenError::Unreadable {
            backup_key: Some(_),
            ..
        }) => {
            backend::remove(LEGACY_BOARD_KEY);
        }
        _ => {}
    }
    Some(outcome)
}

/// A piece of raw text kept aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub key: String,
    pub board_id: String,
    pub saved_ms: u64,
    pub chars: usize,
}

/// Every backup, newest first.
pub fn backups() -> Vec<Backup> {
    let mut found: Vec<Backup> = backend::keys_with_prefix(BACKUP_PREFIX)
        .into_iter()
        .filter_map(|key| {
            let rest = &key[BACKUP_PREFIX.len()..];
            let (board_id, ms) = rest.rsplit_once('/')?;
            Some(Backup {
                board_id: board_id.to_owned(),
                saved_ms: ms.parse().ok()?,
                chars: backend::get(&key).map_or(0, |text| text.chars().count()),
                key,
            })
        })
        .collect();
    crate::model::sort_by_key(&mut found, |backup| std::cmp::Reverse(backup.saved_ms));
    found
}

/// Reads raw text, e.g. a backup the user wants to download.
pub fn read_raw(key: &str) -> Option<String> {
    backend::get(key)
}

/// Deletes a backup.
pub fn delete_backup(key: &str) {
    if key.starts_with(BACKUP_PREFIX) {
        backend::remove(key);
    }
}
