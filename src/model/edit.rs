//! Every change to a board is an [`Edit`] value, and [`apply`] is the one
//! function that carries it out. `apply` returns the edit that undoes it, so
//! history, autosave and tab sync all see every change the same way.

use serde::{Deserialize, Serialize};

use super::board::{Board, Item, ItemId, PhaseGuidance};
use super::phase::{ItemKind, Phase};

/// The text fields of an item that the user edits in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemField {
    Title,
    Description,
    Owner,
}

/// One change to a board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    /// Rename the board.
    SetTitle { title: String },
    /// Change the one-line purpose in the hub.
    SetNorthStar { north_star: String },
    /// Replace one phase's guidance.
    SetGuidance {
        phase: Phase,
        guidance: PhaseGuidance,
    },
    /// Add a new item at the end of its kind's phase; the board picks the id.
    AddItem { kind: ItemKind, title: String },
    /// Put back an item with a known id at a position within its phase.
    /// This is how a delete is undone.
    InsertItem { item: Item, position: usize },
    /// Change one text field of an item.
    UpdateItem {
        id: ItemId,
        field: ItemField,
        value: String,
    },
    /// Move an item to a position within its phase (clamped to the phase).
    MoveItem { id: ItemId, position: usize },
    /// Remove an item.
    DeleteItem { id: ItemId },
    /// Swap in a whole board, e.g. "Start blank".
    ReplaceBoard { board: Box<Board> },
}

/// Why an edit could not be applied. The board is unchanged in every case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The edit names an item the board does not have (it was deleted,
    /// perhaps in another tab).
    UnknownItem(ItemId),
    /// An item with this id is already on the board.
    DuplicateId(ItemId),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::UnknownItem(id) => write!(f, "item {id} is no longer on this board"),
            EditError::DuplicateId(id) => write!(f, "an item with id {id} already exists"),
        }
    }
}

impl std::error::Error for EditError {}

/// What applying an edit did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The edit that restores the board as it was before.
    pub inverse: Edit,
    /// The id of the item the edit created, if it created one.
    pub created: Option<ItemId>,
}

impl Applied {
    fn undo_with(inverse: Edit) -> Applied {
        Applied {
            inverse,
            created: None,
        }
    }
}

/// Applies one edit to the board and returns how to undo it.
///
/// # Errors
/// Fails without touching the board when the edit names an item that does not
/// exist, or would add an item whose id is taken.
pub fn apply(board: &mut Board, edit: Edit) -> Result<Applied, EditError> {
    match edit {
        Edit::SetTitle { title } => {
            let old = std::mem::replace(&mut board.title, title);
            Ok(Applied::undo_with(Edit::SetTitle { title: old }))
        }
        Edit::SetNorthStar { north_star } => {
            let old = std::mem::replace(&mut board.north_star, north_star);
            Ok(Applied::undo_with(Edit::SetNorthStar { north_star: old }))
        }
        Edit::SetGuidance { phase, guidance } => {
            let old = std::mem::replace(board.guidance.get_mut(phase), guidance);
            Ok(Applied::undo_with(Edit::SetGuidance {
                phase,
                guidance: old,
            }))
        }
        Edit::AddItem { kind, title } => {
            let id = ItemId(board.next_id);
            let item = Item {
                id,
                kind,
                title,
                ..Item::default()
            };
            let position = board.count_in(kind.phase());
            insert_in_phase(board, item, position);
            Ok(Applied {
                inverse: Edit::DeleteItem { id },
                created: Some(id),
            })
        }
        Edit::InsertItem { item, position } => {
            let id = item.id;
            if board.item(id).is_some() {
                return Err(EditError::DuplicateId(id));
            }
            insert_in_phase(board, item, position);
            Ok(Applied {
                inverse: Edit::DeleteItem { id },
                created: Some(id),
            })
        }
        Edit::UpdateItem { id, field, value } => {
            let item = board
                .items
                .iter_mut()
                .find(|item| item.id == id)
                .ok_or(EditError::UnknownItem(id))?;
            let slot = match field {
                ItemField::Title => &mut item.title,
                ItemField::Description => &mut item.description,
                ItemField::Owner => &mut item.owner,
            };
            let old = std::mem::replace(slot, value);
            Ok(Applied::undo_with(Edit::UpdateItem {
                id,
                field,
                value: old,
            }))
        }
        Edit::MoveItem { id, position } => {
            let old_position = board
                .position_in_phase(id)
                .ok_or(EditError::UnknownItem(id))?;
            let item = remove_item(board, id).ok_or(EditError::UnknownItem(id))?;
            insert_in_phase(board, item, position);
            Ok(Applied::undo_with(Edit::MoveItem {
                id,
                position: old_position,
            }))
        }
        Edit::DeleteItem { id } => {
            let position = board
                .position_in_phase(id)
                .ok_or(EditError::UnknownItem(id))?;
            let item = remove_item(board, id).ok_or(EditError::UnknownItem(id))?;
            Ok(Applied::undo_with(Edit::InsertItem { item, position }))
        }
        Edit::ReplaceBoard { board: new_board } => {
            let old = std::mem::replace(board, *new_board);
            Ok(Applied::undo_with(Edit::ReplaceBoard {
                board: Box::new(old),
            }))
        }
    }
}

fn remove_item(board: &mut Board, id: ItemId) -> Option<Item> {
    let index = board.items.iter().position(|item| item.id == id)?;
    Some(board.items.remove(index))
}

/// Inserts an item so that it becomes the `position`-th item of its phase,
/// or the last one when the phase has fewer items. Keeps `next_id` above
/// every id on the board.
fn insert_in_phase(board: &mut Board, item: Item, position: usize) {
    let phase = item.phase();
    let mut in_phase = board
        .items
        .iter()
        .enumerate()
        .filter(|(_, other)| other.phase() == phase)
        .map(|(index, _)| index);
    let index = match in_phase.nth(position) {
        Some(index) => index,
        None => board
            .items
            .iter()
            .rposition(|other| other.phase() == phase)
            .map_or(board.items.len(), |last| last + 1),
    };
    board.next_id = board.next_id.max(item.id.0 + 1);
    board.items.insert(index, item);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(board: &Board, phase: Phase) -> Vec<&str> {
        board
            .items_in(phase)
            .map(|item| item.title.as_str())
            .collect()
    }

    fn add(board: &mut Board, kind: ItemKind, title: &str) -> ItemId {
        apply(
            board,
            Edit::AddItem {
                kind,
                title: title.into(),
            },
        )
        .unwrap()
        .created
        .unwrap()
    }

    /// Applies an edit, then its inverse, and checks the board is back as it was.
    fn assert_round_trip(board: &Board, edit: Edit) -> Board {
        let mut changed = board.clone();
        let applied = apply(&mut changed, edit).unwrap();
        let mut restored = changed.clone();
        apply(&mut restored, applied.inverse).unwrap();
        // next_id only ever grows, so that ids are never reused.
        restored.next_id = board.next_id.max(restored.next_id);
        let mut expected = board.clone();
        expected.next_id = restored.next_id;
        assert_eq!(restored, expected);
        changed
    }

    fn sample_board() -> Board {
        let mut board = Board::blank();
        add(&mut board, ItemKind::Goal, "g1");
        add(&mut board, ItemKind::Challenge, "c1");
        add(&mut board, ItemKind::Goal, "g2");
        add(&mut board, ItemKind::Action, "a1");
        add(&mut board, ItemKind::Goal, "g3");
        add(&mut board, ItemKind::ValueMetric, "m1");
        board
    }

    #[test]
    fn adding_an_item_puts_it_last_in_its_own_phase_with_a_fresh_id() {
        let mut board = sample_board();
        let id = add(&mut board, ItemKind::Goal, "g4");
        assert_eq!(
            titles(&board, Phase::ClarityOfPurpose),
            ["g1", "g2", "g3", "g4"]
        );
        assert_eq!(board.item(id).unwrap().kind, ItemKind::Goal);
        assert!(board.items.iter().filter(|i| i.id == id).count() == 1);
        assert!(board.next_id > id.0);
    }

    #[test]
    fn ids_are_never_reused_after_a_delete() {
        let mut board = Board::blank();
        let first = add(&mut board, ItemKind::Action, "a");
        apply(&mut board, Edit::DeleteItem { id: first }).unwrap();
        let second = add(&mut board, ItemKind::Action, "b");
        assert_ne!(first, second);
    }

    #[test]
    fn every_edit_kind_is_undone_by_its_inverse() {
        let board = sample_board();
        let g2 = board.items_in(Phase::ClarityOfPurpose).nth(1).unwrap().id;
        let edits = vec![
            Edit::SetTitle {
                title: "New".into(),
            },
            Edit::SetNorthStar {
                north_star: "Serve".into(),
            },
            Edit::SetGuidance {
                phase: Phase::NextBestAction,
                guidance: PhaseGuidance::default(),
            },
            Edit::AddItem {
                kind: ItemKind::Challenge,
                title: "c2".into(),
            },
            Edit::InsertItem {
                item: Item {
                    id: ItemId(99),
                    kind: ItemKind::Goal,
                    title: "back".into(),
                    ..Item::default()
                },
                position: 1,
            },
            Edit::UpdateItem {
                id: g2,
                field: ItemField::Title,
                value: "renamed".into(),
            },
            Edit::UpdateItem {
                id: g2,
                field: ItemField::Description,
                value: "why".into(),
            },
            Edit::UpdateItem {
                id: g2,
                field: ItemField::Owner,
                value: "Ana".into(),
            },
            Edit::MoveItem {
                id: g2,
                position: 0,
            },
            Edit::MoveItem {
                id: g2,
                position: 7,
            },
            Edit::DeleteItem { id: g2 },
            Edit::ReplaceBoard {
                board: Box::new(Board::blank()),
            },
        ];
        for edit in edits {
            assert_round_trip(&board, edit);
        }
    }

    #[test]
    fn updating_each_field_changes_only_that_field() {
        let mut board = sample_board();
        let id = board.items[0].id;
        for (field, value) in [
            (ItemField::Title, "T"),
            (ItemField::Description, "D"),
            (ItemField::Owner, "O"),
        ] {
            apply(
                &mut board,
                Edit::UpdateItem {
                    id,
                    field,
                    value: value.into(),
                },
            )
            .unwrap();
        }
        let item = board.item(id).unwrap();
        assert_eq!(
            (&*item.title, &*item.description, &*item.owner),
            ("T", "D", "O")
        );
        assert_eq!(item.kind, ItemKind::Goal);
    }

    #[test]
    fn board_title_and_north_star_are_editable() {
        let mut board = Board::blank();
        apply(
            &mut board,
            Edit::SetTitle {
                title: "Mesh".into(),
            },
        )
        .unwrap();
        apply(
            &mut board,
            Edit::SetNorthStar {
                north_star: "Data as a product".into(),
            },
        )
        .unwrap();
        assert_eq!(board.title, "Mesh");
        assert_eq!(board.north_star, "Data as a product");
    }

    #[test]
    fn moving_reorders_within_the_phase_only() {
        let mut board = sample_board();
        let g3 = board.items_in(Phase::ClarityOfPurpose).nth(2).unwrap().id;
        apply(
            &mut board,
            Edit::MoveItem {
                id: g3,
                position: 0,
            },
        )
        .unwrap();
        assert_eq!(titles(&board, Phase::ClarityOfPurpose), ["g3", "g1", "g2"]);
        apply(
            &mut board,
            Edit::MoveItem {
                id: g3,
                position: 1,
            },
        )
        .unwrap();
        assert_eq!(titles(&board, Phase::ClarityOfPurpose), ["g1", "g3", "g2"]);
        // Other phases are untouched and the item keeps its kind.
        assert_eq!(titles(&board, Phase::ChallengeAndLandscape), ["c1"]);
        assert_eq!(board.item(g3).unwrap().kind, ItemKind::Goal);
    }

    #[test]
    fn moving_past_the_end_clamps_to_last_place() {
        let mut board = sample_board();
        let g1 = board.items_in(Phase::ClarityOfPurpose).next().unwrap().id;
        let applied = apply(
            &mut board,
            Edit::MoveItem {
                id: g1,
                position: 50,
            },
        )
        .unwrap();
        assert_eq!(titles(&board, Phase::ClarityOfPurpose), ["g2", "g3", "g1"]);
        assert_eq!(
            applied.inverse,
            Edit::MoveItem {
                id: g1,
                position: 0
            }
        );
    }

    #[test]
    fn deleting_removes_only_that_item_and_undo_restores_its_place() {
        let mut board = sample_board();
        let g2 = board.items_in(Phase::ClarityOfPurpose).nth(1).unwrap().id;
        let applied = apply(&mut board, Edit::DeleteItem { id: g2 }).unwrap();
        assert_eq!(titles(&board, Phase::ClarityOfPurpose), ["g1", "g3"]);
        assert_eq!(board.items.len(), 5);
        apply(&mut board, applied.inverse).unwrap();
        assert_eq!(titles(&board, Phase::ClarityOfPurpose), ["g1", "g2", "g3"]);
    }

    #[test]
    fn edits_naming_a_missing_item_fail_and_change_nothing() {
        let mut board = sample_board();
        let before = board.clone();
        let missing = ItemId(12_345);
        for edit in [
            Edit::DeleteItem { id: missing },
            Edit::MoveItem {
                id: missing,
                position: 0,
            },
            Edit::UpdateItem {
                id: missing,
                field: ItemField::Title,
                value: "x".into(),
            },
        ] {
            assert_eq!(
                apply(&mut board, edit),
                Err(EditError::UnknownItem(missing))
            );
        }
        assert_eq!(board, before);
    }

    #[test]
    fn inserting_an_id_that_exists_is_refused() {
        let mut board = sample_board();
        let before = board.clone();
        let taken = board.items[0].clone();
        let id = taken.id;
        assert_eq!(
            apply(
                &mut board,
                Edit::InsertItem {
                    item: taken,
                    position: 0
                }
            ),
            Err(EditError::DuplicateId(id))
        );
        assert_eq!(board, before);
    }

    #[test]
    fn inserting_into_an_empty_phase_works_wherever_the_phase_sits() {
        let mut board = Board::blank();
        add(&mut board, ItemKind::ValueMetric, "m");
        apply(
            &mut board,
            Edit::InsertItem {
                item: Item {
                    id: ItemId(40),
                    kind: ItemKind::Challenge,
                    title: "c".into(),
                    ..Item::default()
                },
                position: 3,
            },
        )
        .unwrap();
        assert_eq!(titles(&board, Phase::ChallengeAndLandscape), ["c"]);
        assert_eq!(board.next_id, 41);
    }

    #[test]
    fn edits_serialize_with_a_readable_tag() {
        let json = serde_json::to_string(&Edit::DeleteItem { id: ItemId(3) }).unwrap();
        assert_eq!(json, r#"{"edit":"delete_item","id":3}"#);
        let back: Edit = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Edit::DeleteItem { id: ItemId(3) });
    }
}
