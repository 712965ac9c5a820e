//! Storage behaviour in a real browser (wasm-bindgen-test in Chromium):
//! writes round-trip, a full origin is reported as full while the earlier
//! save stays intact, a stale tab cannot overwrite a newer save, and an
//! unreadable save is moved aside instead of being overwritten.
#![cfg(target_arch = "wasm32")]
// A failed unwrap is a failed test, which is what a test should do.
#![allow(clippy::unwrap_used)]

use value_flywheel::document::to_json;
use value_flywheel::model::{Board, BoardId};
use value_flywheel::storage::{
    backend, backups, board_key, create_board, load_library, open_board, read_raw, save_board,
    OpenError, SaveError,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage in the test page")
}

fn fresh_local() {
    local_storage().clear().unwrap();
    assert_eq!(backend::init(false), backend::Mode::Local);
}

#[wasm_bindgen_test]
fn a_created_board_opens_again_with_its_revision() {
    fresh_local();
    let mut board = Board::blank();
    board.title = "Wörld ✓".into();
    let id = create_board(&board).unwrap();
    let opened = open_board(&id).unwrap();
    assert_eq!(opened.board, board);
    assert_eq!(opened.revision, 1);
    assert_eq!(load_library().entry(&id).unwrap().title, "Wörld ✓");
}

#[wasm_bindgen_test]
fn a_full_origin_is_reported_as_full_and_the_last_save_survives() {
    fresh_local();
    let id = create_board(&Board::blank()).unwrap();
    let before = read_raw(&board_key(&id)).unwrap();
    let storage = local_storage();
    let chunk = "x".repeat(512 * 1024);
    let mut filled = 0;
    while storage
        .set_item(&format!("filler-{filled}"), &chunk)
        .is_ok()
    {
        filled += 1;
        assert!(filled < 100, "the quota never ran out");
    }
    let mut big = Board::blank();
    big.north_star = "y".repeat(600 * 1024);
    assert_eq!(
        save_board(&id, &to_json(&big), "big", 1),
        Err(SaveError::Full)
    );
    assert_eq!(read_raw(&board_key(&id)).unwrap(), before);
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
fn a_stale_revision_never_overwrites_a_newer_save() {
    fresh_local();
    let id = create_board(&Board::blank()).unwrap();
    // Another tab saves revision 2 ...
    let mut theirs = Board::blank();
    theirs.title = "theirs".into();
    assert_eq!(save_board(&id, &to_json(&theirs), "theirs", 1), Ok(2));
    // ... and this tab, still at revision 1, tries to save.
    let mut mine = Board::blank();
    mine.title = "mine".into();
    assert_eq!(
        save_board(&id, &to_json(&mine), "mine", 1),
        Err(SaveError::Stale { stored: 2 })
    );
    assert_eq!(open_board(&id).unwrap().board.title, "theirs");
}

#[wasm_bindgen_test]
fn an_unreadable_save_is_moved_to_a_backup_and_never_overwritten() {
    fresh_local();
    let id = create_board(&Board::blank()).unwrap();
    local_storage()
        .set_item(&board_key(&id), "{ not json")
        .unwrap();
    let error = open_board(&id).unwrap_err();
    let OpenError::Unreadable {
        backup_key: Some(key),
        ..
    } = error
    else {
        panic!("expected an unreadable board, got {error:?}");
    };
    assert_eq!(read_raw(&key).as_deref(), Some("{ not json"));
    assert_eq!(backups().len(), 1);
    assert!(read_raw(&board_key(&id)).is_none(), "moved, not copied");
    assert!(load_library().entry(&id).is_none());
}

#[wasm_bindgen_test]
fn a_board_from_a_newer_version_is_left_exactly_where_it_is() {
    fresh_local();
    let id = BoardId("newer-one".into());
    let text = r#"{"format":"value-flywheel","version":999,"board":{}}"#;
    local_storage().set_item(&board_key(&id), text).unwrap();
    assert_eq!(
        open_board(&id).unwrap_err(),
        OpenError::TooNew { version: 999 }
    );
    assert_eq!(read_raw(&board_key(&id)).as_deref(), Some(text));
    assert!(backups().is_empty());
}

#[wasm_bindgen_test]
fn memory_mode_never_touches_local_storage() {
    local_storage().clear().unwrap();
    assert_eq!(backend::init(true), backend::Mode::Memory);
    let id = create_board(&Board::blank()).unwrap();
    assert!(open_board(&id).is_ok());
    assert_eq!(local_storage().length().unwrap(), 0);
    backend::init(false);
}

#[wasm_bindgen_test]
fn a_lost_or_garbled_board_list_is_rebuilt_from_the_boards() {
    fresh_local();
    let mut board = Board::blank();
    board.title = "Still here".into();
    let id = create_board(&board).unwrap();
    local_storage()
        .set_item("value-flywheel/library", "garbage{")
        .unwrap();
    let library = load_library();
    assert_eq!(library.entry(&id).unwrap().title, "Still here");
    local_storage()
        .remove_item("value-flywheel/library")
        .unwrap();
    assert_eq!(load_library().entry(&id).unwrap().title, "Still here");
}
