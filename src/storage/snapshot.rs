//! The last document autosave produced, kept outside the reactive system so
//! that the crash screen can still offer it after a panic, when no signal
//! may safely be read.

use std::cell::RefCell;

thread_local! {
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Remembers the newest document text.
pub fn remember(text: &str) {
    LAST.with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = Some(text.to_owned());
        }
    });
}

/// The newest document text, if any was produced and it can be read now.
pub fn latest() -> Option<String> {
    LAST.with(|last| last.try_borrow().ok().and_then(|last| last.clone()))
}
