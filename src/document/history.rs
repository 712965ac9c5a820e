//! A board's undo history as stored next to it:
//! `{"format": "value-flywheel-history", "version": 1, "revision": N,
//! "history": {...}}`. The revision says which save of the board the
//! history belongs to; a history that does not match the board is dropped,
//! because its steps would undo the wrong things.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{invalid, parse, RestoreError, MAX_DOCUMENT_BYTES};
use crate::model::History;

/// The format tag of a stored history.
pub const HISTORY_FORMAT: &str = "value-flywheel-history";

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    revision: u64,
    history: &'a History,
}

#[derive(Deserialize)]
struct Stored {
    revision: u64,
    history: History,
}

/// Writes a history for the board's `revision`.
pub fn history_to_json(history: &History, revision: u64) -> String {
    serde_json::to_string(&Envelope {
        format: HISTORY_FORMAT,
        version: 1,
        revision,
        history,
    })
    .unwrap_or_default()
}

/// Reads a stored history and the board revision it belongs to.
///
/// # Errors
/// On anything but a readable version 1 history.
pub fn restore_history(text: &str) -> Result<(History, u64), RestoreError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(RestoreError::TooLarge { bytes: text.len() });
    }
    let value = parse(text)?;
    if value.get("format").and_then(Value::as_str) != Some(HISTORY_FORMAT) {
        return Err(RestoreError::NotAFlywheel);
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(1) => {}
        Some(version) if version > 1 => return Err(RestoreError::TooNew { version }),
        _ => return Err(invalid("the version number is missing")),
    }
    let stored: Stored =
        serde_json::from_value(value).map_err(|error| invalid(&error.to_string()))?;
    Ok((stored.history, stored.revision))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{apply, Board, Edit, ItemKind};

    #[test]
    fn a_history_round_trips_with_its_revision() {
        let mut board = Board::blank();
        let mut history = History::default();
        let edit = Edit::AddItem {
            kind: ItemKind::Goal,
            title: "g".into(),
        };
        let applied = apply(&mut board, edit.clone()).unwrap();
        history.record(&edit, &applied, 5);
        let (back, revision) = restore_history(&history_to_json(&history, 7)).unwrap();
        assert_eq!((back, revision), (history, 7));
    }

    #[test]
    fn a_damaged_or_foreign_history_is_refused() {
        assert!(restore_history("{").is_err());
        assert_eq!(restore_history("{}"), Err(RestoreError::NotAFlywheel));
        assert_eq!(
            restore_history(r#"{"format":"value-flywheel-history","version":2}"#),
            Err(RestoreError::TooNew { version: 2 })
        );
        assert!(restore_history(
            r#"{"format":"value-flywheel-history","version":1,"revision":1,"history":{"undo":[{"edit":{"edit":"nope"}}]}}"#
        )
        .is_err());
    }
}
