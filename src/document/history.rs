//! A board's undo history as stored next to it:
//! `{"format": "value-flywheel-history", "version": 2, "revision": N,
//! "history": {...}}`. The revision says which save of the board the
//! history belongs to; a history that does not match the board is dropped,
//! because its steps would undo the wrong things. Version 2 stores each
//! step's edit as `{"add_item": {...}}` and its typing target as
//! `{"item": {...}}` or `"board_title"`; version 1 stored them as
//! `{"edit": "add_item", ...}` and `{"field": "item", ...}`, and is
//! converted when read.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{invalid, parse, RestoreError, MAX_DOCUMENT_BYTES};
use crate::model::History;

/// The format tag of a stored history.
pub const HISTORY_FORMAT: &str = "value-flywheel-history";

/// The history version this build writes, and the newest it reads.
const HISTORY_VERSION: u64 = 2;

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
        version: HISTORY_VERSION,
        revision,
        history,
    })
    .unwrap_or_default()
}

/// Reads a stored history and the board revision it belongs to.
///
/// # Errors
/// On anything but a readable version 1 or 2 history.
pub fn restore_history(text: &str) -> Result<(History, u64), RestoreError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(RestoreError::TooLarge { bytes: text.len() });
    }
    let mut value = parse(text)?;
    if value.get("format").and_then(Value::as_str) != Some(HISTORY_FORMAT) {
        return Err(RestoreError::NotAFlywheel);
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(1) => tag_steps_outside(&mut value),
        Some(HISTORY_VERSION) => {}
        Some(version) if version > HISTORY_VERSION => return Err(RestoreError::TooNew { version }),
        _ => return Err(invalid("the version number is missing")),
    }
    let stored: Stored =
        serde_json::from_value(value).map_err(|error| invalid(&error.to_string()))?;
    Ok((stored.history, stored.revision))
}

/// Version 1 to 2: each step's edit and typing target from serde's
/// internally tagged form (`{"edit": "add_item", "kind": …}`,
/// `{"field": "item", "id": …}`) to the externally tagged one
/// (`{"add_item": {"kind": …}}`, `{"item": {"id": …}}`).
fn tag_steps_outside(document: &mut Value) {
    for stack in ["undo", "redo"] {
        let Some(steps) = document
            .pointer_mut(&format!("/history/{stack}"))
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        for step in steps {
            for (field, tag) in [("edit", "edit"), ("typing", "field")] {
                if let Some(value) = step.get_mut(field) {
                    tag_outside(value, tag);
                }
            }
        }
    }
}

/// `{tag: "name", …fields}` to `{"name": {…fields}}`, or to `"name"` when
/// there are no fields (a variant without any). Anything else is left as
/// it is, so reading it fails and says why.
fn tag_outside(value: &mut Value, tag: &str) {
    let Value::Object(fields) = value else {
        return;
    };
    let Some(Value::String(name)) = fields.get(tag) else {
        return;
    };
    let name = name.clone();
    fields.remove(tag);
    *value = if fields.is_empty() {
        Value::String(name)
    } else {
        let fields = std::mem::take(fields);
        let mut tagged = serde_json::Map::new();
        tagged.insert(name, Value::Object(fields));
        Value::Object(tagged)
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{apply, Board, Edit, ItemField, ItemId, ItemKind, TextTarget};

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

    /// A history saved by an earlier release (version 1, each edit tagged
    /// inside) still reads, into the same steps.
    #[test]
    fn a_version_1_history_still_reads() {
        let stored = r#"{"format":"value-flywheel-history","version":1,"revision":4,"history":{
            "undo":[
                {"edit":{"edit":"delete_item","id":3},"typing":null,"at_ms":10},
                {"edit":{"edit":"update_item","id":2,"field":"title","value":"Old"},"typing":{"field":"item","id":2,"part":"title"},"at_ms":20}
            ],
            "redo":[{"edit":{"edit":"set_title","title":"Board"},"typing":{"field":"board_title"},"at_ms":30}]}}"#;
        let (history, revision) = restore_history(stored).unwrap();
        assert_eq!(revision, 4);
        let edits: Vec<&Edit> = history.undo.iter().map(|step| &step.edit).collect();
        assert_eq!(
            edits,
            [
                &Edit::DeleteItem { id: ItemId(3) },
                &Edit::UpdateItem {
                    id: ItemId(2),
                    field: ItemField::Title,
                    value: "Old".into()
                }
            ]
        );
        assert_eq!(
            history.undo[1].typing,
            Some(TextTarget::Item {
                id: ItemId(2),
                part: ItemField::Title
            })
        );
        assert_eq!(
            history.redo[0].edit,
            Edit::SetTitle {
                title: "Board".into()
            }
        );
        assert_eq!(history.redo[0].typing, Some(TextTarget::BoardTitle));
        assert_eq!(history.undo[0].typing, None);
        // Saved again, it is a version 2 history that reads the same.
        let again = history_to_json(&history, revision);
        assert!(again.contains(r#""version":2"#));
        assert!(again.contains(r#"{"delete_item":{"id":3}}"#));
        assert!(again.contains(r#""typing":"board_title""#));
        assert_eq!(restore_history(&again).unwrap(), (history, 4));
    }

    #[test]
    fn a_damaged_or_foreign_history_is_refused() {
        assert!(restore_history("{").is_err());
        assert_eq!(restore_history("{}"), Err(RestoreError::NotAFlywheel));
        assert_eq!(
            restore_history(r#"{"format":"value-flywheel-history","version":3}"#),
            Err(RestoreError::TooNew { version: 3 })
        );
        assert!(restore_history(
            r#"{"format":"value-flywheel-history","version":1,"revision":1,"history":{"undo":[{"edit":{"edit":"nope"}}]}}"#
        )
        .is_err());
    }
}
