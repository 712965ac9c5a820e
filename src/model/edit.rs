//! Every change to a board is an [`Edit`] value, and [`apply`] is the one
//! function that carries it out. `apply` returns the edit that undoes it, so
//! history, autosave and tab sync all see every change the same way.

use serde::{Deserialize, Serialize};

use super::board::{Board, Item, ItemId, PhaseGuidance, Status};
use super::date::Date;
use super::link::{Link, LinkKind};
use super::metric::{Metric, MetricSettings, Sample};
use super::phase::{ItemKind, Phase};
use super::spin::Spin;

/// The text fields of an item that the user edits in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemField {
    Title,
    Description,
    Owner,
}

/// One change to a board. Stored (in the undo history) as
/// `{"add_item": {"kind": …, "title": …}}`: an externally tagged enum reads
/// without serde's buffering of every field, which made this type's reader
/// the largest function in the download (history version 1 wrote
/// `{"edit": "add_item", …}`; `document::history` converts it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// Put back an item with a known id at a position within its phase,
    /// with its links. This is how a delete is undone.
    InsertItem {
        item: Item,
        position: usize,
        #[serde(default)]
        links: Vec<Link>,
    },
    /// Change one text field of an item.
    UpdateItem {
        id: ItemId,
        field: ItemField,
        value: String,
    },
    /// Mark how far along an item is.
    SetStatus { id: ItemId, status: Status },
    /// Move an item to a position within its phase (clamped to the phase).
    MoveItem { id: ItemId, position: usize },
    /// Remove an item and its links.
    DeleteItem { id: ItemId },
    /// Link two items; only the flywheel's four kinds of link are allowed.
    AddLink { link: Link },
    /// Remove a link.
    RemoveLink { link: Link },
    /// Change what a value metric measures and how.
    UpdateMetric {
        id: ItemId,
        settings: MetricSettings,
    },
    /// Add a sample to a value metric, or replace the one on the same day.
    SetSample { id: ItemId, sample: Sample },
    /// Replace the sample of day `from` with `sample`, whose date may differ.
    MoveSample {
        id: ItemId,
        from: Date,
        sample: Sample,
    },
    /// Remove the sample of a day.
    RemoveSample { id: ItemId, date: Date },
    /// Replace all samples of a value metric (a paste, or its undo).
    SetSamples { id: ItemId, samples: Vec<Sample> },
    /// Record the board as it is as a new spin.
    CompleteSpin {
        name: String,
        date: Date,
        note: String,
    },
    /// Forget a recorded spin.
    DeleteSpin { number: u32 },
    /// Put back a spin that was deleted.
    RestoreSpin { spin: Box<Spin> },
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
    /// Items of these kinds cannot be linked this way.
    NotLinkable { from: ItemKind, to: ItemKind },
    /// The two items are already linked.
    DuplicateLink,
    /// The board has no such link.
    UnknownLink,
    /// The item is not a value metric.
    NotAMetric(ItemId),
    /// A value must be a finite number.
    NotFinite,
    /// The metric already has a sample on that day.
    SampleDateTaken(Date),
    /// The metric has no sample on that day.
    UnknownSample(Date),
    /// The board has no spin with that number.
    UnknownSpin(u32),
    /// A spin with that number exists already.
    SpinNumberTaken(u32),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::UnknownItem(id) => write!(f, "item {id} is no longer on this board"),
            EditError::DuplicateId(id) => write!(f, "an item with id {id} already exists"),
            EditError::NotLinkable { from, to } => {
                write!(f, "a {} cannot be linked to a {}", from.noun(), to.noun())
            }
            EditError::DuplicateLink => write!(f, "these items are already linked"),
            EditError::UnknownLink => write!(f, "that link no longer exists"),
            EditError::NotAMetric(id) => write!(f, "item {id} is not a value metric"),
            EditError::NotFinite => write!(f, "a value must be a number"),
            EditError::SampleDateTaken(date) => write!(f, "there is already a sample on {date}"),
            EditError::UnknownSample(date) => write!(f, "there is no sample on {date}"),
            EditError::UnknownSpin(number) => write!(f, "spin {number} no longer exists"),
            EditError::SpinNumberTaken(number) => write!(f, "spin {number} exists already"),
        }
    }
}

impl std::error::Error for EditError {}

/// What applying an edit did.
#[derive(Clone, Debug, PartialEq)]
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
            let item = Item::new(id, kind, title);
            let position = board.count_in(kind.phase());
            insert_in_phase(board, item, position);
            Ok(Applied {
                inverse: Edit::DeleteItem { id },
                created: Some(id),
            })
        }
        Edit::InsertItem {
            item,
            position,
            links,
        } => {
            let id = item.id;
            if board.item(id).is_some() {
                return Err(EditError::DuplicateId(id));
            }
            insert_in_phase(board, item, position);
            for link in links {
                // Links whose other end is gone stay gone.
                if board.link_kind(&link).is_some() {
                    insert_link(board, link);
                }
            }
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
        Edit::SetStatus { id, status } => {
            let item = board
                .items
                .iter_mut()
                .find(|item| item.id == id)
                .ok_or(EditError::UnknownItem(id))?;
            let old = std::mem::replace(&mut item.status, status);
            Ok(Applied::undo_with(Edit::SetStatus { id, status: old }))
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
            let (links, kept): (Vec<Link>, Vec<Link>) = board
                .links
                .iter()
                .partition(|link| link.from == id || link.to == id);
            board.links = kept;
            Ok(Applied::undo_with(Edit::InsertItem {
                item,
                position,
                links,
            }))
        }
        Edit::AddLink { link } => {
            let from = board
                .item(link.from)
                .ok_or(EditError::UnknownItem(link.from))?;
            let to = board.item(link.to).ok_or(EditError::UnknownItem(link.to))?;
            if LinkKind::between(from.kind, to.kind).is_none() {
                return Err(EditError::NotLinkable {
                    from: from.kind,
                    to: to.kind,
                });
            }
            if !insert_link(board, link) {
                return Err(EditError::DuplicateLink);
            }
            Ok(Applied::undo_with(Edit::RemoveLink { link }))
        }
        Edit::RemoveLink { link } => {
            let index = board
                .links
                .binary_search(&link)
                .map_err(|_| EditError::UnknownLink)?;
            board.links.remove(index);
            Ok(Applied::undo_with(Edit::AddLink { link }))
        }
        Edit::UpdateMetric { id, settings } => {
            let finite = |value: Option<f64>| value.is_none_or(f64::is_finite);
            if !finite(settings.baseline) || !finite(settings.target) {
                return Err(EditError::NotFinite);
            }
            let metric = metric_mut(board, id)?;
            let old = std::mem::replace(&mut metric.settings, settings);
            Ok(Applied::undo_with(Edit::UpdateMetric { id, settings: old }))
        }
        Edit::SetSample { id, sample } => {
            if !sample.value.is_finite() {
                return Err(EditError::NotFinite);
            }
            let date = sample.date;
            let inverse = match metric_mut(board, id)?.upsert(sample) {
                Some(old) => Edit::SetSample { id, sample: old },
                None => Edit::RemoveSample { id, date },
            };
            Ok(Applied::undo_with(inverse))
        }
        Edit::MoveSample { id, from, sample } => {
            if !sample.value.is_finite() {
                return Err(EditError::NotFinite);
            }
            let metric = metric_mut(board, id)?;
            if sample.date != from && metric.samples.iter().any(|s| s.date == sample.date) {
                return Err(EditError::SampleDateTaken(sample.date));
            }
            let old = metric.remove(from).ok_or(EditError::UnknownSample(from))?;
            let to = sample.date;
            metric.upsert(sample);
            Ok(Applied::undo_with(Edit::MoveSample {
                id,
                from: to,
                sample: old,
            }))
        }
        Edit::RemoveSample { id, date } => {
            let old = metric_mut(board, id)?
                .remove(date)
                .ok_or(EditError::UnknownSample(date))?;
            Ok(Applied::undo_with(Edit::SetSample { id, sample: old }))
        }
        Edit::SetSamples { id, samples } => {
            if samples.iter().any(|s| !s.value.is_finite()) {
                return Err(EditError::NotFinite);
            }
            let metric = metric_mut(board, id)?;
            let mut next = Metric {
                settings: MetricSettings::default(),
                samples,
            };
            next.normalise();
            let old = std::mem::replace(&mut metric.samples, next.samples);
            Ok(Applied::undo_with(Edit::SetSamples { id, samples: old }))
        }
        Edit::CompleteSpin { name, date, note } => {
            let number = board.spins.iter().map(|s| s.number).max().unwrap_or(0) + 1;
            let spin = Spin::capture(board, number, name, date, note);
            board.spins.push(spin);
            Ok(Applied::undo_with(Edit::DeleteSpin { number }))
        }
        Edit::DeleteSpin { number } => {
            let index = board
                .spins
                .iter()
                .position(|s| s.number == number)
                .ok_or(EditError::UnknownSpin(number))?;
            let spin = board.spins.remove(index);
            Ok(Applied::undo_with(Edit::RestoreSpin {
                spin: Box::new(spin),
            }))
        }
        Edit::RestoreSpin { spin } => {
            let number = spin.number;
            if board.spins.iter().any(|s| s.number == number) {
                return Err(EditError::SpinNumberTaken(number));
            }
            let index = board.spins.partition_point(|s| s.number < number);
            board.spins.insert(index, *spin);
            Ok(Applied::undo_with(Edit::DeleteSpin { number }))
        }
        Edit::ReplaceBoard { board: new_board } => {
            let old = std::mem::replace(board, *new_board);
            Ok(Applied::undo_with(Edit::ReplaceBoard {
                board: Box::new(old),
            }))
        }
    }
}

/// Adds a link in sorted order; false when it is there already.
fn insert_link(board: &mut Board, link: Link) -> bool {
    match board.links.binary_search(&link) {
        Ok(_) => false,
        Err(index) => {
            board.links.insert(index, link);
            true
        }
    }
}

fn metric_mut(board: &mut Board, id: ItemId) -> Result<&mut Metric, EditError> {
    board
        .items
        .iter_mut()
        .find(|item| item.id == id)
        .ok_or(EditError::UnknownItem(id))?
        .metric
        .as_mut()
        .ok_or(EditError::NotAMetric(id))
}

fn remove_item(board: &mut Board, id: ItemId) -> Option<Item> {
    let index = board.items.iter().position(|item| item.id == id)?;
    Some(board.items.remove(index))
}

/// Inserts an item so that it becomes the `position`-th item of its phase,
/// or the last one when the phase has fewer items. Items stay grouped in
/// wheel order (all goals, then challenges, actions, metrics), so a delete
/// and its undo give back exactly the same list. Keeps `next_id` above every
/// id on the board.
fn insert_in_phase(board: &mut Board, item: Item, position: usize) {
    let phase = item.phase();
    let start = board.items.partition_point(|other| other.phase() < phase);
    let end = board.items.partition_point(|other| other.phase() <= phase);
    let index = start + position.min(end - start);
    board.next_id = board.next_id.max(item.id.0 + 1);
    board.items.insert(index, item);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Link, MetricSettings, Sample};

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

    fn id_of(board: &Board, title: &str) -> ItemId {
        board.items.iter().find(|i| i.title == title).unwrap().id
    }

    fn link(board: &Board, from: &str, to: &str) -> Link {
        Link {
            from: id_of(board, from),
            to: id_of(board, to),
        }
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn sample(date: &str, value: f64) -> Sample {
        Sample {
            date: day(date),
            value,
            note: String::new(),
        }
    }

    /// The sample board with links, metric data and a spin.
    fn rich_board() -> Board {
        let mut board = sample_board();
        for (from, to) in [("c1", "g1"), ("a1", "c1"), ("a1", "g2"), ("m1", "g1")] {
            let link = link(&board, from, to);
            apply(&mut board, Edit::AddLink { link }).unwrap();
        }
        let m1 = id_of(&board, "m1");
        for (date, value) in [("2026-01-01", 1.0), ("2026-02-01", 2.0)] {
            apply(
                &mut board,
                Edit::SetSample {
                    id: m1,
                    sample: sample(date, value),
                },
            )
            .unwrap();
        }
        apply(
            &mut board,
            Edit::CompleteSpin {
                name: "Spin 1".into(),
                date: day("2026-02-02"),
                note: "n".into(),
            },
        )
        .unwrap();
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
                links: vec![],
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
            Edit::SetStatus {
                id: g2,
                status: crate::model::Status::Done,
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
    fn every_link_metric_and_spin_edit_is_undone_by_its_inverse() {
        let board = rich_board();
        let m1 = id_of(&board, "m1");
        let edits = vec![
            Edit::AddLink {
                link: link(&board, "c1", "g2"),
            },
            Edit::RemoveLink {
                link: link(&board, "a1", "c1"),
            },
            Edit::DeleteItem {
                id: id_of(&board, "c1"),
            },
            Edit::DeleteItem {
                id: id_of(&board, "g1"),
            },
            Edit::UpdateMetric {
                id: m1,
                settings: MetricSettings {
                    unit: "days".into(),
                    target: Some(3.0),
                    ..MetricSettings::default()
                },
            },
            Edit::SetSample {
                id: m1,
                sample: sample("2026-03-01", 5.0),
            },
            Edit::SetSample {
                id: m1,
                sample: sample("2026-01-01", 9.0),
            },
            Edit::MoveSample {
                id: m1,
                from: day("2026-01-01"),
                sample: sample("2026-01-15", 1.5),
            },
            Edit::RemoveSample {
                id: m1,
                date: day("2026-02-01"),
            },
            Edit::SetSamples {
                id: m1,
                samples: vec![sample("2025-12-01", 0.5)],
            },
            Edit::CompleteSpin {
                name: "Spin 2".into(),
                date: day("2026-03-01"),
                note: String::new(),
            },
            Edit::DeleteSpin { number: 1 },
        ];
        for edit in edits {
            assert_round_trip(&board, edit);
        }
    }

    #[test]
    fn only_the_flywheels_link_kinds_can_be_made() {
        let mut board = sample_board();
        let before = board.clone();
        for (from, to) in [
            ("g1", "c1"),
            ("c1", "a1"),
            ("g1", "g2"),
            ("m1", "c1"),
            ("a1", "m1"),
            ("g1", "m1"),
        ] {
            let link = link(&board, from, to);
            let error = apply(&mut board, Edit::AddLink { link }).unwrap_err();
            assert!(
                matches!(error, EditError::NotLinkable { .. }),
                "{from} → {to}: {error}"
            );
        }
        assert_eq!(board, before);
        let missing = Link {
            from: ItemId(999),
            to: id_of(&board, "g1"),
        };
        assert_eq!(
            apply(&mut board, Edit::AddLink { link: missing }),
            Err(EditError::UnknownItem(ItemId(999)))
        );
    }

    #[test]
    fn a_link_cannot_be_made_twice() {
        let mut board = sample_board();
        let link = link(&board, "a1", "c1");
        apply(&mut board, Edit::AddLink { link }).unwrap();
        assert_eq!(
            apply(&mut board, Edit::AddLink { link }),
            Err(EditError::DuplicateLink)
        );
        assert_eq!(board.links, [link]);
        apply(&mut board, Edit::RemoveLink { link }).unwrap();
        assert_eq!(
            apply(&mut board, Edit::RemoveLink { link }),
            Err(EditError::UnknownLink)
        );
    }

    #[test]
    fn deleting_an_item_removes_its_links_and_undo_brings_them_back() {
        let mut board = rich_board();
        let c1 = id_of(&board, "c1");
        let applied = apply(&mut board, Edit::DeleteItem { id: c1 }).unwrap();
        assert!(board.links.iter().all(|l| l.from != c1 && l.to != c1));
        assert_eq!(board.links.len(), 2);
        apply(&mut board, applied.inverse).unwrap();
        assert_eq!(board.links.len(), 4);
        assert!(
            board.links.windows(2).all(|w| w[0] < w[1]),
            "links stay sorted"
        );
    }

    #[test]
    fn samples_belong_to_value_metrics_only_and_must_be_numbers() {
        let mut board = sample_board();
        let g1 = id_of(&board, "g1");
        let m1 = id_of(&board, "m1");
        assert_eq!(
            apply(
                &mut board,
                Edit::SetSample {
                    id: g1,
                    sample: sample("2026-01-01", 1.0)
                }
            ),
            Err(EditError::NotAMetric(g1))
        );
        assert_eq!(
            apply(
                &mut board,
                Edit::SetSample {
                    id: m1,
                    sample: sample("2026-01-01", f64::NAN)
                }
            ),
            Err(EditError::NotFinite)
        );
        apply(
            &mut board,
            Edit::SetSample {
                id: m1,
                sample: sample("2026-01-01", 1.0),
            },
        )
        .unwrap();
        apply(
            &mut board,
            Edit::SetSample {
                id: m1,
                sample: sample("2026-02-01", 2.0),
            },
        )
        .unwrap();
        assert_eq!(
            apply(
                &mut board,
                Edit::MoveSample {
                    id: m1,
                    from: day("2026-01-01"),
                    sample: sample("2026-02-01", 3.0)
                }
            ),
            Err(EditError::SampleDateTaken(day("2026-02-01")))
        );
        assert_eq!(
            apply(
                &mut board,
                Edit::RemoveSample {
                    id: m1,
                    date: day("2027-01-01")
                }
            ),
            Err(EditError::UnknownSample(day("2027-01-01")))
        );
    }

    #[test]
    fn a_new_value_metric_starts_with_metric_data_and_other_items_without() {
        let board = sample_board();
        for item in &board.items {
            assert_eq!(
                item.metric.is_some(),
                item.kind == ItemKind::ValueMetric,
                "{}",
                item.title
            );
        }
    }

    #[test]
    fn spins_are_numbered_in_order_and_never_reuse_a_number() {
        let mut board = rich_board();
        let complete = |board: &mut Board| {
            apply(
                board,
                Edit::CompleteSpin {
                    name: "s".into(),
                    date: day("2026-03-01"),
                    note: String::new(),
                },
            )
            .unwrap()
        };
        complete(&mut board);
        assert_eq!(
            board.spins.iter().map(|s| s.number).collect::<Vec<_>>(),
            [1, 2]
        );
        apply(&mut board, Edit::DeleteSpin { number: 1 }).unwrap();
        complete(&mut board);
        assert_eq!(
            board.spins.iter().map(|s| s.number).collect::<Vec<_>>(),
            [2, 3]
        );
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
                    position: 0,
                    links: vec![],
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
                links: vec![],
            },
        )
        .unwrap();
        assert_eq!(titles(&board, Phase::ChallengeAndLandscape), ["c"]);
        assert_eq!(board.next_id, 41);
    }

    #[test]
    fn edits_serialize_with_a_readable_tag() {
        let json = serde_json::to_string(&Edit::DeleteItem { id: ItemId(3) }).unwrap();
        assert_eq!(json, r#"{"delete_item":{"id":3}}"#);
        let back: Edit = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Edit::DeleteItem { id: ItemId(3) });
    }
}
