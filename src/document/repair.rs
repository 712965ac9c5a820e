//! Repairs a freshly parsed board so that every invariant of the model holds,
//! and reports each repair in words the user can read.

use std::collections::HashSet;

use crate::model::{Board, ItemId};

/// One thing restore had to fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repair {
    /// An item could not be read (no kind, or a field of the wrong type) and
    /// was left out. `index` is its position in the file's item list.
    DroppedItem { index: usize, reason: String },
    /// An item had no id and was given one.
    MissingId { new: ItemId },
    /// Two items shared an id; the later one got a new id.
    DuplicateId { old: ItemId, new: ItemId },
    /// The counter for new ids was not above every id on the board.
    NextIdRaised { to: u64 },
}

impl Repair {
    /// Whether the repair left out something the user wrote, so the original
    /// text is worth keeping aside.
    pub fn loses_data(&self) -> bool {
        matches!(self, Repair::DroppedItem { .. })
    }
}

impl std::fmt::Display for Repair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Repair::DroppedItem { index, reason } => write!(
                f,
                "Item {} could not be read and was left out ({reason}).",
                index + 1
            ),
            Repair::MissingId { new } => write!(f, "An item had no id; it now has id {new}."),
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
        if item.id == ItemId(0) {
            let new = ItemId(board.next_id);
            board.next_id += 1;
            repairs.push(Repair::MissingId { new });
            item.id = new;
            seen.insert(new);
        } else if !seen.insert(item.id) {
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
    fn an_item_without_an_id_gets_a_fresh_one() {
        let restored = restore(
            r#"{"format":"value-flywheel","version":2,"board":{"next_id":5,"items":[{"kind":"goal"}]}}"#,
        )
        .unwrap();
        assert_eq!(restored.board.items[0].id, ItemId(5));
        assert_eq!(restored.repairs, [Repair::MissingId { new: ItemId(5) }]);
    }

    #[test]
    fn an_unreadable_item_is_left_out_and_the_rest_of_the_board_loads() {
        let restored = restore(
            r#"{"format":"value-flywheel","version":2,"board":{"title":"Kept","items":[
                {"id":1,"kind":"goal","title":"fine"},
                {"id":2,"kind":"wish","title":"unknown kind"},
                {"id":3,"title":"no kind"},
                {"id":4,"kind":"action","title":7},
                {"id":5,"kind":"action","title":"also fine"}]}}"#,
        )
        .unwrap();
        assert_eq!(restored.board.title, "Kept");
        let titles: Vec<&str> = restored
            .board
            .items
            .iter()
            .map(|i| i.title.as_str())
            .collect();
        assert_eq!(titles, ["fine", "also fine"]);
        let dropped: Vec<usize> = restored
            .repairs
            .iter()
            .filter_map(|r| match r {
                Repair::DroppedItem { index, .. } => Some(*index),
                _ => None,
            })
            .collect();
        assert_eq!(dropped, [1, 2, 3]);
        assert_eq!(
            restored.repairs.iter().filter(|r| r.loses_data()).count(),
            3
        );
        assert!(restored.repairs[0]
            .to_string()
            .starts_with("Item 2 could not be read"));
        assert!(!Repair::NextIdRaised { to: 6 }.loses_data());
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
