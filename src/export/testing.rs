//! Board-building helpers for the export writers' tests: each change goes
//! through `model::apply`, as in the app.

use crate::model::{apply, Board, Date, Edit, ItemField, ItemId, ItemKind, Link, Sample};

/// Adds an item and returns its id.
pub fn add(board: &mut Board, kind: ItemKind, title: &str) -> ItemId {
    apply(
        board,
        Edit::AddItem {
            kind,
            title: title.to_owned(),
        },
    )
    .unwrap()
    .created
    .unwrap()
}

/// Sets one text field of an item.
pub fn set(board: &mut Board, id: ItemId, field: ItemField, value: &str) {
    apply(
        board,
        Edit::UpdateItem {
            id,
            field,
            value: value.to_owned(),
        },
    )
    .unwrap();
}

/// Links two items.
pub fn link(board: &mut Board, from: ItemId, to: ItemId) {
    apply(
        board,
        Edit::AddLink {
            link: Link { from, to },
        },
    )
    .unwrap();
}

/// Records a metric sample (`date` as YYYY-MM-DD).
pub fn sample(board: &mut Board, id: ItemId, date: &str, value: f64, note: &str) {
    apply(
        board,
        Edit::SetSample {
            id,
            sample: Sample {
                date: Date::parse(date).unwrap(),
                value,
                note: note.to_owned(),
            },
        },
    )
    .unwrap();
}
