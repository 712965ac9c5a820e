//! Repairs a freshly parsed board so that every invariant of the model holds,
//! and reports each repair in words the user can read.

use std::collections::HashSet;

use crate::model::{Board, ItemId};

/// One thing restore had to fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repair {
    /// Two items shared an id; the later one got a new id.
    DuplicateId { old: ItemId, new: ItemId },
    /// The counter for new ids was not above every id on the board.
    NextIdRaised { to: u64 },
}

impl std::fmt::Display for Repair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Repair::DuplicateId { old, new } => {
                write!(f, "Two items shared id {old}; one now has id {new}.")
            }
            Repair::NextIdRaised { to } => write!(f, "New items will be numbered from {to}."),
        }
    }
}

/// Fixes what can be fixed in place and returns what was fixed.
pub(super) fn repair(board: &mut Board) -> Vec<Repair> {
    let mut repairs = Vec::new();
    let highest = board.items.iter().map(|item| item.id.0).max().unwrap_or(0);
    if board.next_id <= highest {
        board.next_id = highest.saturating_add(1);
        repairs.push(Repair::NextIdRaised { to: board.next_id });
    }
    let mut seen = HashSet::with_capacity(board.items.len());
    for item in &mut board.items {
        if !seen.insert(item.id) {
            let new = ItemId(board.next_id);
            board.next_id += 1;
            repairs.push(Repair::DuplicateId { old: item.id, new });
            item.id = new;
            seen.insert(new);
        }
    }
    repairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::restore;

    #[test]
    fn duplicate_ids_get_new_ids_and_are_reported() {
        let restored = restore(
            r#"{"format":"value-flywheel","version":1,"board":{"next_id":9,"items":[
                {"id":3,"kind":"goal","title":"a"},{"id":3,"kind":"goal","title":"b"}]}}"#,
        )
        .unwrap();
        let ids: Vec<u64> = restored.board.items.iter().map(|i| i.id.0).collect();
        assert_eq!(ids, [3, 9]);
        assert_eq!(
            restored.repairs,
            [Repair::DuplicateId {
                old: ItemId(3),
                new: ItemId(9)
            }]
        );
        assert_eq!(restored.board.next_id, 10);
    }

    #[test]
    fn a_stale_id_counter_is_raised_above_every_id() {
        let restored = restore(
            r#"{"format":"value-flywheel","version":1,"board":{"next_id":2,"items":[{"id":7,"kind":"goal"}]}}"#,
        )
        .unwrap();
        assert_eq!(restored.board.next_id, 8);
        assert_eq!(restored.repairs, [Repair::NextIdRaised { to: 8 }]);
    }
}
