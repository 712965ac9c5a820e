//! Numbered migrations that bring an older board up to the current version,
//! one step at a time. Each step is a function from version N to N + 1 on
//! the board's JSON, so old files keep loading forever. A meta-test checks
//! that every step is exercised by a fixture in `tests/fixtures/documents`.

use serde_json::{Map, Value};

use super::{RestoreError, VERSION};

/// One migration: the version it reads and how it rewrites the board.
pub(super) struct Migration {
    pub from: u64,
    pub describe: &'static str,
    pub apply: fn(&mut Value) -> Result<(), String>,
}

/// Every migration, in order; `MIGRATIONS[i].from == i + 1`.
pub(super) const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        describe: "guidance moves from a list of four entries to an object keyed by phase",
        apply: v1_to_v2,
    },
    Migration {
        from: 2,
        describe: "value metrics get their data, and the board its links and spins",
        apply: v2_to_v3,
    },
];

/// Runs every migration from `version` up to [`VERSION`].
pub(super) fn migrate(board: &mut Value, version: u64) -> Result<(), RestoreError> {
    for migration in MIGRATIONS
        .iter()
        .filter(|m| m.from >= version && m.from < VERSION)
    {
        (migration.apply)(board).map_err(|message| RestoreError::Invalid {
            message: format!(
                "it could not be brought up from version {} (where {}): {message}",
                migration.from, migration.describe
            ),
        })?;
    }
    Ok(())
}

/// Version 1 kept guidance as a list in wheel order; a short or long list
/// could not load. Version 2 keys it by phase.
fn v1_to_v2(board: &mut Value) -> Result<(), String> {
    const KEYS: [&str; 4] = [
        "clarity_of_purpose",
        "challenge_and_landscape",
        "next_best_action",
        "long_term_value",
    ];
    let Some(board) = board.as_object_mut() else {
        return Err("the board is not an object".into());
    };
    match board.remove("guidance") {
        None | Some(Value::Null) => {}
        Some(Value::Array(entries)) => {
            let keyed: Map<String, Value> = KEYS
                .iter()
                .zip(entries)
                .map(|(key, entry)| ((*key).to_owned(), entry))
                .collect();
            board.insert("guidance".into(), Value::Object(keyed));
        }
        Some(_) => return Err("its guidance is not a list".into()),
    }
    Ok(())
}

/// Version 3 adds links between items, metric data on value metrics and
/// recorded spins. A version 2 board has none of them yet.
fn v2_to_v3(board: &mut Value) -> Result<(), String> {
    let Some(board) = board.as_object_mut() else {
        return Err("the board is not an object".into());
    };
    for key in ["links", "spins"] {
        board.entry(key).or_insert_with(|| Value::Array(Vec::new()));
    }
    if let Some(Value::Array(items)) = board.get_mut("items") {
        for item in items.iter_mut().filter_map(Value::as_object_mut) {
            if item.get("kind").and_then(Value::as_str) == Some("value_metric") {
                item.entry("metric")
                    .or_insert_with(|| serde_json::json!({ "samples": [] }));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::restore;
    use crate::model::{Guidance, Phase};

    #[test]
    fn migrations_are_numbered_without_gaps_up_to_the_current_version() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.from, index as u64 + 1, "{}", migration.describe);
        }
        assert_eq!(MIGRATIONS.len() as u64, VERSION - 1);
    }

    #[test]
    fn v1_guidance_list_becomes_keyed_by_phase() {
        let restored = restore(
            r#"{"format":"value-flywheel","version":1,"board":{"guidance":[
                {"tenets":["a"],"people":"p1","goal":"g1"},
                {"tenets":[],"people":"p2","goal":"g2"},
                {"tenets":[],"people":"p3","goal":"g3"},
                {"tenets":[],"people":"p4","goal":"g4"}]}}"#,
        )
        .unwrap();
        assert_eq!(restored.migrated_from, Some(1));
        let guidance = &restored.board.guidance;
        assert_eq!(guidance.get(Phase::ClarityOfPurpose).tenets, ["a"]);
        assert_eq!(guidance.get(Phase::LongTermValue).people, "p4");
    }

    #[test]
    fn a_short_v1_guidance_list_keeps_what_it_has_and_defaults_the_rest() {
        let restored = restore(
            r#"{"format":"value-flywheel","version":1,"board":{"guidance":[{"people":"only one"}]}}"#,
        )
        .unwrap();
        let guidance = &restored.board.guidance;
        assert_eq!(guidance.get(Phase::ClarityOfPurpose).people, "only one");
        // Phases the file lacks get the seed article's guidance.
        assert_eq!(
            guidance.get(Phase::NextBestAction),
            Guidance::data_factory().get(Phase::NextBestAction)
        );
    }

    #[test]
    fn a_v1_board_with_broken_guidance_is_refused_with_the_step_named() {
        let error = restore(r#"{"format":"value-flywheel","version":1,"board":{"guidance":7}}"#)
            .unwrap_err();
        assert!(error.to_string().contains("version 1"), "{error}");
    }
}
