//! Storage behaviour in a real browser (wasm-bindgen-test in Chromium):
//! writes round-trip, and a full origin is reported as "full" while the
//! earlier save stays intact.
#![cfg(target_arch = "wasm32")]
// A failed unwrap is a failed test, which is what a test should do.
#![allow(clippy::unwrap_used)]

use value_flywheel::storage::{is_available, read, write, SaveError, BOARD_KEY};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage in the test page")
}

#[wasm_bindgen_test]
fn a_write_reads_back_the_same_text() {
    assert!(is_available());
    write(BOARD_KEY, "{\"hello\": \"wörld\"}").unwrap();
    assert_eq!(read(BOARD_KEY).as_deref(), Some("{\"hello\": \"wörld\"}"));
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_full_origin_is_reported_as_full_and_the_last_save_survives() {
    let storage = local_storage();
    storage.clear().unwrap();
    write(BOARD_KEY, "last good save").unwrap();
    let chunk = "x".repeat(512 * 1024);
    let mut filled = 0;
    while storage
        .set_item(&format!("filler-{filled}"), &chunk)
        .is_ok()
    {
        filled += 1;
        assert!(filled < 100, "the quota never ran out");
    }
    assert_eq!(
        write(BOARD_KEY, &"y".repeat(600 * 1024)),
        Err(SaveError::Full)
    );
    assert_eq!(read(BOARD_KEY).as_deref(), Some("last good save"));
    storage.clear().unwrap();
}
