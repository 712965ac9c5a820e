//! Where the bytes go: the browser's `localStorage` when it works here, and
//! an in-memory map when it does not (sandboxed or cross-origin frames,
//! storage disabled, some private modes, embeds). The rest of the app uses
//! one API and never touches `localStorage` itself.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use gloo_storage::Storage as _;
use wasm_bindgen::JsCast as _;

use super::SaveError;

/// Which store is in use for this page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The browser's `localStorage`: work survives a reload.
    Local,
    /// A map in memory: work lasts until the tab closes.
    Memory,
}

thread_local! {
    static MODE: Cell<Mode> = const { Cell::new(Mode::Memory) };
    static MEMORY: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Picks the store for this page. `localStorage` is probed by reading from
/// it, without letting the browser throw an uncaught exception; with
/// `is_memory_only`, storage is not even probed (embeds never touch it).
pub fn init(is_memory_only: bool) -> Mode {
    let mode = if !is_memory_only && probe() {
        Mode::Local
    } else {
        Mode::Memory
    };
    MODE.with(|m| m.set(mode));
    mode
}

/// The store picked by [`init`].
pub fn mode() -> Mode {
    MODE.with(Cell::get)
}

fn probe() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.local_storage() {
        Ok(Some(storage)) => storage.get_item("value-flywheel/probe").is_ok(),
        _ => false,
    }
}

/// Reads a key; `None` when it is absent or cannot be read.
pub fn get(key: &str) -> Option<String> {
    match mode() {
        Mode::Local => gloo_storage::LocalStorage::raw()
            .get_item(key)
            .ok()
            .flatten(),
        Mode::Memory => MEMORY.with(|memory| memory.borrow().get(key).cloned()),
    }
}

/// Writes a key.
///
/// # Errors
/// [`SaveError::Full`] when the quota is exceeded (Chromium's
/// `QuotaExceededError`, Firefox's `NS_ERROR_DOM_QUOTA_REACHED`), and
/// [`SaveError::Refused`] for anything else the browser throws. A failed
/// write leaves the previous value in place.
pub fn set(key: &str, value: &str) -> Result<(), SaveError> {
    match mode() {
        Mode::Local => gloo_storage::LocalStorage::raw()
            .set_item(key, value)
            .map_err(|error| classify(&error)),
        Mode::Memory => {
            MEMORY.with(|memory| memory.borrow_mut().insert(key.to_owned(), value.to_owned()));
            Ok(())
        }
    }
}

/// Removes a key; removing a missing key does nothing.
pub fn remove(key: &str) {
    match mode() {
        Mode::Local => {
            let _ = gloo_storage::LocalStorage::raw().remove_item(key);
        }
        Mode::Memory => {
            MEMORY.with(|memory| memory.borrow_mut().remove(key));
        }
    }
}

/// Every key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    match mode() {
        Mode::Local => {
            let storage = gloo_storage::LocalStorage::raw();
            let count = storage.length().unwrap_or(0);
            (0..count)
                .filter_map(|index| storage.key(index).ok().flatten())
                .filter(|key| key.starts_with(prefix))
                .collect()
        }
        Mode::Memory => MEMORY.with(|memory| {
            memory
                .borrow()
                .keys()
                .filter(|key| key.starts_with(prefix))
                .cloned()
                .collect()
        }),
    }
}

fn classify(error: &wasm_bindgen::JsValue) -> SaveError {
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
    } else if name.is_empty() {
        SaveError::Refused("unknown error".into())
    } else {
        SaveError::Refused(name)
    }
}

/// Whether an exception name means "storage is full", in any browser.
pub fn is_quota_error(name: &str) -> bool {
    matches!(name, "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED")
}
