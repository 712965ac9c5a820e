//! Turns JSON into a board and back.
//!
//! This module owns the versioned envelope
//! (`{"format": "value-flywheel", "version": 3, "board": {...}}`) and the one
//! [`restore`] function that every reader goes through: local storage,
//! file import and templates. Restore fills defaults for missing fields,
//! migrates older versions, repairs what it can and reports what it repaired.
//! Nothing else in the crate parses user data.

mod files;
mod history;
mod library;
mod migrate;
mod repair;
mod settings;
pub mod templates;

use serde::Serialize;
use serde_json::Value;

use crate::model::{Board, Guidance, Sample};

pub use files::file_name;
pub use history::{history_to_json, restore_history, HISTORY_FORMAT};
pub use library::{library_to_json, restore_library, LIBRARY_FORMAT};
pub use repair::Repair;
pub use settings::{restore_settings, settings_to_json, SETTINGS_FORMAT};

/// The format tag every document carries.
pub const FORMAT: &str = "value-flywheel";

/// The newest document version this build reads and the one it writes.
pub const VERSION: u64 = 3;

/// Documents larger than this are refused before parsing, so a stray
/// multi-gigabyte file cannot freeze the tab.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// A board read from a document, with the repairs restore made to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    pub board: Board,
    pub repairs: Vec<Repair>,
    /// The version the document was written in, when it was older than
    /// [`VERSION`] and had to be migrated.
    pub migrated_from: Option<u64>,
}

/// Why a document could not be read. In every case nothing is loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestoreError {
    /// The document is larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge { bytes: usize },
    /// The text is not valid JSON; `line` and `column` are 1-based.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The JSON is not a value flywheel document (no or another format tag).
    NotAFlywheel,
    /// The document was written by a newer version of the app.
    TooNew { version: u64 },
    /// The document has the right envelope but its board has the wrong shape.
    Invalid { message: String },
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreError::TooLarge { bytes } => write!(
                f,
                "This file is {:.1} MB; the largest board the app opens is {} MB.",
                *bytes as f64 / (1024.0 * 1024.0),
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ),
            RestoreError::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "This file is not valid JSON: {message} at line {line}, column {column}."
            ),
            RestoreError::NotAFlywheel => {
                write!(f, "This file is JSON, but not a value flywheel board.")
            }
            RestoreError::TooNew { version } => write!(
                f,
                "This board was saved by a newer version of the app (format version {version}; \
                 this app reads up to {VERSION}). It was not opened, so nothing in it was changed."
            ),
            RestoreError::Invalid { message } => {
                write!(f, "This board file is damaged: {message}.")
            }
        }
    }
}

impl std::error::Error for RestoreError {}

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    board: &'a Board,
}

/// Writes a board as a current-version document.
pub fn to_json(board: &Board) -> String {
    let envelope = Envelope {
        format: FORMAT,
        version: VERSION,
        board,
    };
    // Serializing plain structs with string keys into a String cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// Reads a document of any supported version into a board.
///
/// # Errors
/// Refuses oversized input, invalid JSON, documents of another format,
/// documents newer than [`VERSION`] and boards of the wrong shape. A refused
/// document is never partly loaded.
pub fn restore(text: &str) -> Result<Restored, RestoreError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(RestoreError::TooLarge { bytes: text.len() });
    }
    let (version, mut board) = open_envelope(parse(text)?)?;
    let migrated_from = (version < VERSION).then_some(version);
    migrate::migrate(&mut board, version)?;
    let (mut board, mut repairs) = read_board(board)?;
    repairs.extend(repair::repair(&mut board));
    Ok(Restored {
        board,
        repairs,
        migrated_from,
    })
}

/// Parses JSON text. `serde_json` stops at 128 levels of nesting, so hostile
/// input cannot overflow the stack.
pub(crate) fn parse(text: &str) -> Result<Value, RestoreError> {
    serde_json::from_str(text).map_err(|error| RestoreError::Syntax {
        line: error.line(),
        column: error.column(),
        message: syntax_message(&error),
    })
}

/// Checks the format tag and version and hands back the board inside.
fn open_envelope(value: Value) -> Result<(u64, Value), RestoreError> {
    let Value::Object(mut envelope) = value else {
        return Err(RestoreError::NotAFlywheel);
    };
    if envelope.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(RestoreError::NotAFlywheel);
    }
    let version = envelope
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| invalid("the version number is missing"))?;
    if version > VERSION {
        return Err(RestoreError::TooNew { version });
    }
    if version == 0 {
        return Err(invalid("version 0 does not exist"));
    }
    let board = envelope
        .remove("board")
        .ok_or_else(|| invalid("it holds no board"))?;
    Ok((version, board))
}

/// Reads a current-version board so that what cannot be read costs only
/// itself. Items, their samples, links and spins are read one by one, and a
/// damaged one is left out (and reported). A board-level field of the wrong
/// type (the title, a phase's guidance) is left at its default and reported
/// by name. A `next_id` that is not a count is left for the repair to set.
fn read_board(value: Value) -> Result<(Board, Vec<Repair>), RestoreError> {
    let Value::Object(mut fields) = value else {
        return Err(invalid("the board is not an object"));
    };
    let mut repairs = Vec::new();
    let mut items = fields.remove("items");
    let links = fields.remove("links");
    // Spins that are not a list go with the other fields below: they cost
    // only themselves, where items or links that are not a list refuse it.
    let spins = if fields.get("spins").is_some_and(Value::is_array) {
        fields.remove("spins")
    } else {
        None
    };
    if fields
        .get("next_id")
        .is_some_and(|id| id.as_u64().is_none())
    {
        fields.remove("next_id");
    }
    // The fields left are few and small: the copy is cheap, and only a
    // board with a damaged field needs it.
    let mut board = if let Ok(board) = serde_json::from_value(Value::Object(fields.clone())) {
        board
    } else {
        if let Some(Value::Object(guidance)) = fields.get_mut("guidance") {
            drop_unreadable_fields::<Guidance>(guidance, "guidance.", &mut repairs);
        }
        drop_unreadable_fields::<Board>(&mut fields, "", &mut repairs);
        serde_json::from_value::<Board>(Value::Object(fields))
            .map_err(|error| invalid(&error.to_string()))?
    };
    board.links = read_each(links, "links", &mut repairs, |_, reason| {
        Repair::UnreadableLink { reason }
    })?;
    if let Some(spins) = spins {
        board.spins = read_each(Some(spins), "spins", &mut repairs, |index, reason| {
            Repair::UnreadableSpin { index, reason }
        })?;
    }
    if let Some(Value::Array(items)) = &mut items {
        for (index, item) in items.iter_mut().enumerate() {
            let dropped = drop_unreadable_samples(item);
            if dropped > 0 {
                repairs.push(Repair::UnreadableSamples { index, dropped });
            }
        }
    }
    board.items = read_each(items, "items", &mut repairs, |index, reason| {
        Repair::DroppedItem { index, reason }
    })?;
    Ok((board, repairs))
}

/// Reads a list one element at a time, so an element that cannot be read
/// costs only itself: it is left out, and `unreadable` reports it from its place
/// in the list and serde's reason. No list is an empty one; anything else
/// that is not a list refuses the board.
fn read_each<T: serde::de::DeserializeOwned>(
    list: Option<Value>,
    name: &str,
    repairs: &mut Vec<Repair>,
    unreadable: impl Fn(usize, String) -> Repair,
) -> Result<Vec<T>, RestoreError> {
    match list {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(values)) => {
            let mut read = Vec::with_capacity(values.len());
            for (index, value) in values.into_iter().enumerate() {
                match serde_json::from_value(value) {
                    Ok(value) => read.push(value),
                    Err(error) => repairs.push(unreadable(index, error.to_string())),
                }
            }
            Ok(read)
        }
        Some(_) => Err(invalid(&format!("its {name} are not a list"))),
    }
}

/// Leaves out each field of an object that `T` cannot read, tried on its
/// own (`T`'s other fields take their defaults), and reports it under
/// `prefix` and its key, so `T` can then be read from what is left.
fn drop_unreadable_fields<T: serde::de::DeserializeOwned>(
    fields: &mut serde_json::Map<String, Value>,
    prefix: &str,
    repairs: &mut Vec<Repair>,
) {
    let unreadable: Vec<(String, String)> = fields
        .iter()
        .filter_map(|(key, value)| {
            let alone = serde_json::Map::from_iter([(key.clone(), value.clone())]);
            serde_json::from_value::<T>(Value::Object(alone))
                .err()
                .map(|error| (key.clone(), error.to_string()))
        })
        .collect();
    for (key, reason) in unreadable {
        fields.shift_remove(&key);
        repairs.push(Repair::UnreadableField {
            field: format!("{prefix}{key}"),
            reason,
        });
    }
}

/// Leaves out the samples of an item's metric that cannot be read (a value
/// that is not a number, a date that is not a day), so they cost only
/// themselves, and returns how many.
fn drop_unreadable_samples(item: &mut Value) -> usize {
    let Some(Value::Array(samples)) = item
        .get_mut("metric")
        .and_then(|metric| metric.get_mut("samples"))
    else {
        return 0;
    };
    let before = samples.len();
    samples.retain(|sample| serde_json::from_value::<Sample>(sample.clone()).is_ok());
    before - samples.len()
}

pub(crate) fn invalid(message: &str) -> RestoreError {
    RestoreError::Invalid {
        message: message.to_owned(),
    }
}

/// `serde_json`'s message without its trailing " at line L column C", which
/// [`RestoreError`] states in words of its own.
fn syntax_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    match full.rfind(" at line ") {
        Some(cut) => full[..cut].to_owned(),
        None => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{apply, Edit, ItemKind};

    #[test]
    fn a_saved_board_restores_identically() {
        let mut board = Board::blank();
        apply(
            &mut board,
            Edit::AddItem {
                kind: ItemKind::Challenge,
                title: "Silos \"quoted\" <b>".into(),
            },
        )
        .unwrap();
        let restored = restore(&to_json(&board)).unwrap();
        assert_eq!(restored.board, board);
        assert!(restored.repairs.is_empty());
    }

    #[test]
    fn the_envelope_names_format_and_version() {
        let json = to_json(&Board::blank());
        assert!(json.starts_with(r#"{"format":"value-flywheel","version":3,"board":{"#));
    }

    #[test]
    fn missing_fields_are_filled_with_defaults() {
        let restored = restore(
            r#"{"format":"value-flywheel","version":2,"board":{"items":[{"id":4,"kind":"action"}]}}"#,
        )
        .unwrap();
        let board = restored.board;
        assert_eq!(board.title, Board::blank().title);
        assert_eq!(board.guidance, Board::blank().guidance);
        assert_eq!(board.items[0].title, "");
        assert_eq!(board.items[0].kind, ItemKind::Action);
        assert!(board.next_id > 4);
    }

    #[test]
    fn a_syntax_error_reports_its_line_and_column() {
        let error = restore("{\n  \"format\": \"value-flywheel\",\n  \"version\": 1,\n  oops\n}")
            .unwrap_err();
        let RestoreError::Syntax { line, column, .. } = &error else {
            panic!("expected a syntax error, got {error:?}");
        };
        assert_eq!((*line, *column), (4, 3));
        assert!(error.to_string().contains("line 4, column 3"), "{error}");
    }

    #[test]
    fn a_newer_version_is_refused_and_says_so() {
        let error = restore(r#"{"format":"value-flywheel","version":99,"board":{}}"#).unwrap_err();
        assert_eq!(error, RestoreError::TooNew { version: 99 });
        assert!(error.to_string().contains("newer version"));
    }

    #[test]
    fn json_that_is_not_a_flywheel_is_refused() {
        for text in ["[]", "3", r#"{"format":"excalidraw"}"#, r#"{"board":{}}"#] {
            assert_eq!(restore(text), Err(RestoreError::NotAFlywheel), "{text}");
        }
    }

    #[test]
    fn a_board_of_the_wrong_shape_is_refused() {
        let error = restore(r#"{"format":"value-flywheel","version":2,"board":{"items":"nope"}}"#)
            .unwrap_err();
        assert!(matches!(error, RestoreError::Invalid { .. }), "{error:?}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(matches!(restore(&text), Err(RestoreError::Syntax { .. })));
    }

    fn fixture_path(version: u64) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/fixtures/documents/v{version}.json"))
    }

    fn fixture(version: u64) -> String {
        let path = fixture_path(version);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is missing: add a fixture for it", path.display()))
    }

    /// Every version ever written has a fixture in `tests/fixtures/documents`,
    /// all holding the same board. Each must keep loading, forever, into
    /// exactly the board the newest fixture holds.
    #[test]
    fn every_format_version_has_a_fixture_that_loads_into_the_same_board() {
        let newest = restore(&fixture(VERSION)).unwrap();
        assert_eq!(newest.migrated_from, None);
        assert!(newest.repairs.is_empty(), "{:?}", newest.repairs);
        for version in 1..VERSION {
            let restored = restore(&fixture(version)).unwrap();
            assert_eq!(restored.migrated_from, Some(version));
            assert!(
                restored.repairs.is_empty(),
                "v{version}: {:?}",
                restored.repairs
            );
            assert_eq!(
                restored.board, newest.board,
                "v{version} migrates to the newest board"
            );
        }
        assert!(
            !fixture_path(VERSION + 1).exists(),
            "a fixture is newer than the app"
        );
    }

    /// The meta-test: a migration that its fixture does not exercise (one
    /// that leaves the fixture unchanged) fails here.
    #[test]
    fn each_migration_step_is_exercised_by_its_fixture() {
        for migration in migrate::MIGRATIONS {
            let mut board = parse(&fixture(migration.from)).unwrap()["board"].take();
            let before = board.clone();
            (migration.apply)(&mut board).unwrap();
            assert_ne!(
                board, before,
                "migration from v{} changes its fixture",
                migration.from
            );
        }
    }

    /// The published JSON Schema must describe what `to_json` writes: the
    /// same version, the same field names and the same item kinds.
    #[test]
    fn the_json_schema_matches_what_the_app_writes() {
        let schema: Value =
            serde_json::from_str(include_str!("../../docs/value-flywheel.schema.json")).unwrap();
        assert_eq!(schema["properties"]["version"]["const"], VERSION);
        let written = parse(&to_json(&templates::data_factory())).unwrap();
        let keys = |value: &Value| -> Vec<String> {
            let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        };
        let defs = &schema["$defs"];
        assert_eq!(defs["item"]["properties"]["id"]["maximum"], repair::MAX_ID);
        assert_eq!(
            defs["board"]["properties"]["next_id"]["maximum"],
            repair::MAX_ID
        );
        assert_eq!(keys(&written["board"]), keys(&defs["board"]["properties"]));
        let items = written["board"]["items"].as_array().unwrap();
        let mut item_keys: Vec<String> = items.iter().flat_map(keys).collect();
        item_keys.sort();
        item_keys.dedup();
        assert_eq!(item_keys, keys(&defs["item"]["properties"]));
        let metric = items
            .iter()
            .find(|item| item["kind"] == "value_metric")
            .unwrap();
        assert_eq!(keys(&metric["metric"]), keys(&defs["metric"]["properties"]));
        let mut spin_board = templates::data_factory();
        crate::model::apply(
            &mut spin_board,
            crate::model::Edit::CompleteSpin {
                name: "Spin 1".into(),
                date: crate::model::Date::parse("2026-11-01").unwrap(),
                note: String::new(),
            },
        )
        .unwrap();
        let with_spin = parse(&to_json(&spin_board)).unwrap();
        assert_eq!(
            keys(&with_spin["board"]["spins"][0]),
            keys(&defs["spin"]["properties"])
        );
        assert_eq!(
            keys(&written["board"]["guidance"]),
            keys(&defs["board"]["properties"]["guidance"]["properties"])
        );
        assert_eq!(
            keys(&written["board"]["guidance"]["next_best_action"]),
            keys(&defs["guidance"]["properties"])
        );
        let kinds: Vec<Value> = crate::model::ItemKind::ALL
            .iter()
            .map(|kind| serde_json::to_value(kind).unwrap())
            .collect();
        assert_eq!(
            defs["item"]["properties"]["kind"]["enum"],
            Value::Array(kinds)
        );
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let text = " ".repeat(MAX_DOCUMENT_BYTES + 1);
        assert_eq!(
            restore(&text),
            Err(RestoreError::TooLarge {
                bytes: MAX_DOCUMENT_BYTES + 1
            })
        );
    }
}
