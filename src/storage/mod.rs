//! The only module that touches `localStorage`.
//!
//! It probes for storage before using it (in sandboxed iframes and some
//! private modes touching `localStorage` throws, and `gloo_storage` would
//! turn that into an uncaught exception), loads the saved board through
//! [`crate::document::restore`], keeps a corrupt save aside instead of
//! overwriting it, and runs the debounced autosave that is flushed when the
//! page is hidden or closed.

mod autosave;

use gloo_storage::Storage as _;

use crate::document::{self, RestoreError, Restored};

pub use autosave::{Autosave, SaveStatus};

/// Where the board is saved.
pub const BOARD_KEY: &str = "value-flywheel/board";
/// Prefix of the keys that keep unreadable saves aside.
pub const BACKUP_PREFIX: &str = "value-flywheel/backup/";

/// Why a write did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The origin's storage quota is used up; the previous save is intact.
    Full,
    /// Storage exists but refused the write for another reason.
    Refused(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Full => write!(f, "the browser's storage for this site is full"),
            SaveError::Refused(reason) => write!(f, "the browser refused to save ({reason})"),
        }
    }
}

/// What start-up found in storage.
#[derive(Debug)]
pub enum Loaded {
    /// Storage works and holds no board yet: a first start.
    Empty,
    /// The saved board, read through restore.
    Board(Restored),
    /// The saved board could not be read. The raw text was copied to
    /// `backup` (when that copy succeeded) and is never overwritten.
    Unreadable {
        error: RestoreError,
        backup: Option<String>,
    },
    /// Storage cannot be used at all here (blocked, sandboxed, disabled).
    Unavailable,
}

/// Whether `localStorage` can be read here, found without letting the
/// browser throw an uncaught exception.
pub fn is_available() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.local_storage() {
        Ok(Some(storage)) => storage.get_item(BOARD_KEY).is_ok(),
        _ => false,
    }
}

/// Reads the saved board.
pub fn load() -> Loaded {
    if !is_available() {
        return Loaded::Unavailable;
    }
    let storage = gloo_storage::LocalStorage::raw();
    let Ok(Some(text)) = storage.get_item(BOARD_KEY) else {
        return Loaded::Empty;
    };
    match document::restore(&text) {
        Ok(restored) => Loaded::Board(restored),
        Err(error) => {
            let key = format!("{BACKUP_PREFIX}{}", js_sys::Date::now() as u64);
            let backup = write(&key, &text).ok().map(|()| key);
            Loaded::Unreadable { error, backup }
        }
    }
}

/// Reads raw text from a key, e.g. a backup the user wants to download.
pub fn read(key: &str) -> Option<String> {
    if !is_available() {
        return None;
    }
    gloo_storage::LocalStorage::raw()
        .get_item(key)
        .ok()
        .flatten()
}

/// Writes raw text under a key.
///
/// # Errors
/// [`SaveError::Full`] when the quota is exceeded (Chromium's
/// `QuotaExceededError` and Firefox's `NS_ERROR_DOM_QUOTA_REACHED`), and
/// [`SaveError::Refused`] for anything else the browser throws.
pub fn write(key: &str, text: &str) -> Result<(), SaveError> {
    if !is_available() {
        return Err(SaveError::Refused("storage is not available".into()));
    }
    gloo_storage::LocalStorage::raw()
        .set_item(key, text)
        .map_err(|error| classify(&error))
}

fn classify(error: &wasm_bindgen::JsValue) -> SaveError {
    use wasm_bindgen::JsCast as _;
    let name = error
        .dyn_ref::<web_sys::DomException>()
        .map(web_sys::DomException::name)
        .or_else(|| {
            error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.name()))
        })
        .unwrap_or_default();
    if is_quota_error(&name) {
        SaveError::Full
    } else {
        SaveError::Refused(if name.is_empty() {
            "unknown error".into()
        } else {
            name
        })
    }
}

/// Whether an exception name means "storage is full", in any browser.
pub fn is_quota_error(name: &str) -> bool {
    matches!(name, "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED")
}
