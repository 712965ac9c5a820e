//! The stored list of boards, as JSON: `{"format": "value-flywheel-library",
//! "version": 1, "library": {...}}`. Read through the same parser and limits
//! as board documents; entries with unusable ids are left out.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::Value;

use super::{invalid, parse, RestoreError};
use crate::model::Library;

/// The format tag of the stored board list.
pub const LIBRARY_FORMAT: &str = "value-flywheel-library";

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    library: &'a Library,
}

/// Writes the board list.
pub fn library_to_json(library: &Library) -> String {
    serde_json::to_string(&Envelope {
        format: LIBRARY_FORMAT,
        version: 1,
        library,
    })
    .unwrap_or_default()
}

/// Reads the board list, leaving out entries whose id is unusable or repeated.
///
/// # Errors
/// Fails on invalid JSON, on another format and on a newer version.
pub fn restore_library(text: &str) -> Result<Library, RestoreError> {
    let Value::Object(mut envelope) = parse(text)? else {
        return Err(RestoreError::NotAFlywheel);
    };
    if envelope.get("format").and_then(Value::as_str) != Some(LIBRARY_FORMAT) {
        return Err(RestoreError::NotAFlywheel);
    }
    match envelope.get("version").and_then(Value::as_u64) {
        Some(1) => {}
        Some(version) if version > 1 => return Err(RestoreError::TooNew { version }),
        _ => return Err(invalid("the version number is missing")),
    }
    let mut library: Library =
        serde_json::from_value(envelope.remove("library").unwrap_or(Value::Null))
            .map_err(|error| invalid(&error.to_string()))?;
    let mut seen = HashSet::new();
    library
        .boards
        .retain(|entry| entry.id.is_valid() && seen.insert(entry.id.clone()));
    if library
        .last_open
        .as_ref()
        .is_some_and(|id| library.entry(id).is_none())
    {
        library.last_open = None;
    }
    Ok(library)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BoardId;

    #[test]
    fn the_board_list_round_trips() {
        let mut library = Library::default();
        library.record_save(&BoardId("abc".into()), "Mesh", 5);
        library.record_save(&BoardId("def".into()), "Growth", 6);
        library.trash(&BoardId("def".into()), 7);
        library.last_open = Some(BoardId("abc".into()));
        assert_eq!(restore_library(&library_to_json(&library)), Ok(library));
    }

    #[test]
    fn bad_and_repeated_ids_are_left_out() {
        let library = restore_library(
            r#"{"format":"value-flywheel-library","version":1,"library":{"last_open":"zz","boards":[
                {"id":"ok","title":"A"},{"id":"ok","title":"B"},{"id":"../x","title":"C"},{"id":"","title":"D"}]}}"#,
        )
        .unwrap();
        let titles: Vec<&str> = library.boards.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["A"]);
        assert_eq!(library.last_open, None);
    }

    #[test]
    fn a_newer_or_foreign_list_is_refused() {
        assert_eq!(
            restore_library(r#"{"format":"value-flywheel-library","version":3}"#),
            Err(RestoreError::TooNew { version: 3 })
        );
        assert_eq!(restore_library("{}"), Err(RestoreError::NotAFlywheel));
        assert!(matches!(
            restore_library("{"),
            Err(RestoreError::Syntax { .. })
        ));
    }
}
