//! Repairs a freshly parsed board so that every invariant of the model holds,
//! and reports each repair in words the user can read.

use std::collections::HashSet;

use crate::model::{Board, ItemId, ItemKind, LinkKind, Metric};

/// One thing restore had to fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repair {
    /// An item could not be read (no kind, or a field of the wrong type) and
    /// was left out. `index` is its position in the file's item list.
    DroppedItem { index: usize, reason: String },
    /// Samples of the metric of the item at `index` (in the file's item
    /// list) could not be read (a value that is not a number, a date that
    /// is not a day) and were left out.
    UnreadableSamples { index: usize, dropped: usize },
    /// A link could not be read (an end that is not an id) and was left out.
    UnreadableLink { reason: String },
    /// A spin could not be read and was left out. `index` is its position
    /// in the file's spin list.
    UnreadableSpin { index: usize, reason: String },
    /// A field of the board (`title`, `guidance.next_best_action`, …) was
    /// of the wrong type; it was left at its default.
    UnreadableField { field: String, reason: String },
    /// An item had no id and was given one.
    MissingId { new: ItemId },
    /// Two items shared an id; the later one got a new id.
    DuplicateId { old: ItemId, new: ItemId },
    /// An item's id was above [`MAX_ID`]; it got a new id, and its links
    /// followed it.
    IdTooLarge { old: ItemId, new: ItemId },
    /// The counter for new ids was not above every id on the board.
    NextIdRaised { to: u64 },
    /// An item that is not a value metric carried metric data; it was left out.
    StrayMetric { item: ItemId },
    /// A metric's samples were out of order, repeated a day or held a value
    /// that is not a number; `dropped` samples were left out.
    SamplesTidied { item: ItemId, dropped: usize },
    /// A link pointed to an item that does not exist, or joined two kinds
    /// that cannot be linked, or repeated another link; it was dropped.
    LinkDropped { from: ItemId, to: ItemId },
    /// Two spins shared a number; the later one was renumbered.
    SpinRenumbered { old: u32, new: u32 },
}

impl Repair {
    /// Whether the repair left out something the user wrote, so the original
    /// text is worth keeping aside.
    pub fn loses_data(&self) -> bool {
        match self {
            Repair::DroppedItem { .. }
            | Repair::StrayMetric { .. }
            | Repair::UnreadableSamples { .. }
            | Repair::UnreadableLink { .. }
            | Repair::UnreadableSpin { .. }
            | Repair::UnreadableField { .. } => true,
            Repair::SamplesTidied { dropped, .. } => *dropped > 0,
            _ => false,
        }
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
            Repair::UnreadableSamples { index, dropped } => write!(
                f,
                "Item {}: {dropped} of its metric's samples could not be read and {} left out.",
                index + 1,
                if *dropped == 1 { "was" } else { "were" }
            ),
            Repair::UnreadableLink { reason } => {
                write!(f, "A link could not be read and was left out ({reason}).")
            }
            Repair::UnreadableSpin { index, reason } => write!(
                f,
                "Spin {} of the file could not be read and was left out ({reason}).",
                index + 1
            ),
            Repair::UnreadableField { field, reason } => write!(
                f,
                "The board's \"{field}\" could not be read and was left at its default ({reason})."
            ),
            Repair::MissingId { new } => write!(f, "An item had no id; it now has id {new}."),
            Repair::DuplicateId { old, new } => {
                write!(f, "Two items shared id {old}; one now has id {new}.")
            }
            Repair::IdTooLarge { old, new } => {
                write!(f, "Item id {old} was too large; that item now has id {new}.")
            }
            Repair::NextIdRaised { to } => write!(f, "New items will be numbered from {to}."),
            Repair::StrayMetric { item } => write!(
                f,
                "Item {item} is not a value metric but carried metric data; the data was left out."
            ),
            Repair::SamplesTidied { item, dropped } => write!(
                f,
                "The samples of value metric {item} were put in date order, one per day \
                 ({dropped} left out)."
            ),
            Repair::LinkDropped { from, to } => write!(
                f,
                "A link from item {from} to item {to} pointed nowhere or was not allowed; it was dropped."
            ),
            Repair::SpinRenumbered { old, new } => {
                write!(f, "Two spins were numbered {old}; one is now spin {new}.")
            }
        }
    }
}

/// The largest item id a board keeps: the largest integer every JSON
/// reader holds exactly (2^53 - 1), and far from the end of `u64`, so new
/// ids never run out or wrap around onto old ones.
pub const MAX_ID: u64 = (1 << 53) - 1;

/// Fixes what can be fixed in place and returns what was fixed.
pub(super) fn repair(board: &mut Board) -> Vec<Repair> {
    let mut repairs = Vec::new();
    // Items are kept grouped in wheel order, each phase in the user's order.
    // Files may interleave them; that is a matter of form, not a repair.
    crate::model::sort_by_key(&mut board.items, crate::model::Item::phase);
    let highest = board
        .items
        .iter()
        .map(|item| item.id.0)
        .filter(|id| *id <= MAX_ID)
        .max()
        .unwrap_or(0);
    if board.next_id <= highest || board.next_id > MAX_ID {
        board.next_id = highest + 1;
        repairs.push(Repair::NextIdRaised { to: board.next_id });
    }
    let mut seen = HashSet::with_capacity(board.items.len());
    // Old id → new id; rare, so a list (a map would add code for nothing).
    let mut moved: Vec<(ItemId, ItemId)> = Vec::new();
    for item in &mut board.items {
        if item.id == ItemId(0) {
            let new = ItemId(board.next_id);
            board.next_id += 1;
            repairs.push(Repair::MissingId { new });
            item.id = new;
            seen.insert(new);
        } else if item.id.0 > MAX_ID {
            let new = ItemId(board.next_id);
            board.next_id += 1;
            repairs.push(Repair::IdTooLarge { old: item.id, new });
            // Links follow the first item that had the id, as they do
            // for a duplicate id.
            if !moved.iter().any(|(old, _)| *old == item.id) {
                moved.push((item.id, new));
            }
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
    for link in &mut board.links {
        for end in [&mut link.from, &mut link.to] {
            if let Some((_, new)) = moved.iter().find(|(old, _)| old == end) {
                *end = *new;
            }
        }
    }
    repair_metrics(board, &mut repairs);
    repair_links(board, &mut repairs);
    repair_spins(board, &mut repairs);
    repairs
}

fn repair_metrics(board: &mut Board, repairs: &mut Vec<Repair>) {
    for item in &mut board.items {
        match (item.kind, &mut item.metric) {
            (ItemKind::ValueMetric, None) => item.metric = Some(Metric::default()),
            (ItemKind::ValueMetric, Some(metric)) => {
                let before = metric.samples.clone();
                let dropped = metric.normalise();
                if metric.samples != before {
                    repairs.push(Repair::SamplesTidied {
                        item: item.id,
                        dropped,
                    });
                }
            }
            (_, Some(_)) => {
                item.metric = None;
                repairs.push(Repair::StrayMetric { item: item.id });
            }
            (_, None) => {}
        }
    }
}

fn repair_links(board: &mut Board, repairs: &mut Vec<Repair>) {
    let links = std::mem::take(&mut board.links);
    let mut kept = Vec::with_capacity(links.len());
    let mut seen = HashSet::new();
    for link in links {
        let allowed = board
            .item(link.from)
            .zip(board.item(link.to))
            .and_then(|(from, to)| LinkKind::between(from.kind, to.kind))
            .is_some();
        if allowed && seen.insert(link) {
            kept.push(link);
        } else {
            repairs.push(Repair::LinkDropped {
                from: link.from,
                to: link.to,
            });
        }
    }
    crate::model::sort_by(&mut kept, Ord::cmp);
    board.links = kept;
}

fn repair_spins(board: &mut Board, repairs: &mut Vec<Repair>) {
    let mut seen = HashSet::new();
    let mut next = board.spins.iter().map(|s| s.number).max().unwrap_or(0) + 1;
    for spin in &mut board.spins {
        if spin.number == 0 || !seen.insert(spin.number) {
            repairs.push(Repair::SpinRenumbered {
                old: spin.number,
                new: next,
            });
            spin.number = next;
            seen.insert(next);
            next += 1;
        }
    }
    crate::model::sort_by_key(&mut board.spins, |spin| spin.number);
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
    fn an_unreadable_sample_costs_only_itself_not_its_metric() {
        // Each of these samples once cost the whole value metric, with its
        // other samples and its links.
        for bad in [
            r#"{"date":"2026-02-01","value":"x"}"#,
            r#"{"date":"2026-02-30","value":3}"#,
            r#"{"date":"2026-02-01","value":null}"#,
            r#"{"date":"2026-01-05T10:00:00Z","value":3}"#,
            r#"{"value":3}"#,
            "7",
        ] {
            let restored = restore(&format!(
                r#"{{"format":"value-flywheel","version":3,"board":{{"items":[
                    {{"id":1,"kind":"goal","title":"Goal"}},
                    {{"id":2,"kind":"value_metric","title":"Lead time","metric":{{"samples":[
                        {{"date":"2026-01-01","value":10}},{bad},{{"date":"2026-03-01","value":12}}]}}}}],
                    "links":[{{"from":2,"to":1}}],"next_id":3}}}}"#
            ))
            .unwrap();
            let metric = restored.board.items[1].metric.as_ref().unwrap();
            assert_eq!(metric.samples.len(), 2, "{bad}");
            assert_eq!(restored.board.links.len(), 1, "{bad}");
            assert_eq!(
                restored.repairs,
                [Repair::UnreadableSamples {
                    index: 1,
                    dropped: 1
                }],
                "{bad}"
            );
            assert!(restored.repairs[0].loses_data());
            assert!(restored.repairs[0]
                .to_string()
                .starts_with("Item 2: 1 of its metric's samples could not be read"));
        }
    }

    #[test]
    fn an_unreadable_link_or_id_counter_costs_only_itself() {
        let restored = restore(
            r#"{"format":"value-flywheel","version":3,"board":{"title":"Kept","next_id":-5,"items":[
                {"id":1,"kind":"goal","title":"Goal"},{"id":2,"kind":"challenge","title":"Block"}],
                "links":[{"from":"a","to":1},{"from":2,"to":1}]}}"#,
        )
        .unwrap();
        assert_eq!(restored.board.title, "Kept");
        assert_eq!(restored.board.items.len(), 2);
        assert_eq!(restored.board.links.len(), 1);
        assert_eq!(restored.board.next_id, 3);
        assert!(matches!(
            restored.repairs.as_slice(),
            [
                Repair::UnreadableLink { .. },
                Repair::NextIdRaised { to: 3 }
            ]
        ));
        for counter in ["1e30", "\"9\"", "2.5"] {
            let restored = restore(&format!(
                r#"{{"format":"value-flywheel","version":3,"board":{{"next_id":{counter},"items":[{{"id":4,"kind":"goal"}}]}}}}"#
            ))
            .unwrap();
            assert_eq!(restored.board.next_id, 5, "{counter}");
        }
        // Links that are not a list still refuse the file: nothing to keep.
        assert!(restore(r#"{"format":"value-flywheel","version":3,"board":{"links":7}}"#).is_err());
    }

    #[test]
    fn a_board_field_of_the_wrong_type_costs_only_itself() {
        // Each of these refused the whole file, with serde's message and no
        // field named.
        let restored = restore(
            r#"{"format":"value-flywheel","version":3,"board":{"title":42,"north_star":"Kept star",
                "guidance":{"clarity_of_purpose":{"goal":"Our own goal"},"next_best_action":"x"},
                "spins":[{"number":1,"name":"Q1","date":"2026-01-05"},{"number":"two"},
                         {"number":3,"name":"Q3","date":"2026-07-05"}],
                "items":[{"id":1,"kind":"goal","title":"Goal"}],"next_id":2}}"#,
        )
        .unwrap();
        let board = &restored.board;
        assert_eq!(board.title, Board::blank().title);
        assert_eq!(board.north_star, "Kept star");
        assert_eq!(board.guidance.clarity_of_purpose.goal, "Our own goal");
        assert_eq!(
            board.guidance.next_best_action,
            Board::blank().guidance.next_best_action
        );
        let spins: Vec<u32> = board.spins.iter().map(|s| s.number).collect();
        assert_eq!(spins, [1, 3]);
        assert_eq!(board.items.len(), 1);
        let messages: Vec<String> = restored.repairs.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with(
            "The board's \"guidance.next_best_action\" could not be read and was left at its default (invalid type"
        ));
        assert!(messages[1].starts_with("The board's \"title\" could not be read"));
        assert!(messages[2].starts_with("Spin 2 of the file could not be read and was left out"));
        assert!(restored.repairs.iter().all(Repair::loses_data));
        // Spins that are not a list cost only the spins.
        let restored = restore(
            r#"{"format":"value-flywheel","version":3,"board":{"title":"Kept","spins":7,
                "items":[{"id":1,"kind":"goal"}],"next_id":2}}"#,
        )
        .unwrap();
        assert_eq!(restored.board.title, "Kept");
        assert!(restored.board.spins.is_empty());
        assert_eq!(restored.board.items.len(), 1);
        assert!(matches!(
            restored.repairs.as_slice(),
            [Repair::UnreadableField { field, .. }] if field == "spins"
        ));
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
    fn links_to_missing_items_or_between_wrong_kinds_are_dropped_and_reported() {
        let restored = restore(
            r#"{"format":"value-flywheel","version":3,"board":{"next_id":9,"items":[
                {"id":1,"kind":"goal"},{"id":2,"kind":"challenge"},{"id":3,"kind":"action"}],
                "links":[{"from":3,"to":2},{"from":2,"to":1},{"from":3,"to":8},
                         {"from":1,"to":2},{"from":3,"to":2}]}}"#,
        )
        .unwrap();
        assert_eq!(restored.board.links.len(), 2);
        let dropped: Vec<(u64, u64)> = restored
            .repairs
            .iter()
            .filter_map(|r| match r {
                Repair::LinkDropped { from, to } => Some((from.0, to.0)),
                _ => None,
            })
            .collect();
        assert_eq!(dropped, [(3, 8), (1, 2), (3, 2)]);
    }

    #[test]
    fn metric_data_is_tidied_and_kept_only_on_value_metrics() {
        let restored = restore(
            r#"{"format":"value-flywheel","version":3,"board":{"next_id":9,"items":[
                {"id":1,"kind":"goal","metric":{"unit":"x"}},
                {"id":2,"kind":"value_metric"},
                {"id":3,"kind":"value_metric","metric":{"samples":[
                    {"date":"2026-02-01","value":2},{"date":"2026-01-01","value":1},
                    {"date":"2026-02-01","value":3}]}}]}}"#,
        )
        .unwrap();
        let items = &restored.board.items;
        assert!(items[0].metric.is_none());
        assert!(
            items[1].metric.is_some(),
            "a value metric always has metric data"
        );
        let values: Vec<f64> = items[2]
            .metric
            .as_ref()
            .unwrap()
            .samples
            .iter()
            .map(|s| s.value)
            .collect();
        assert_eq!(values, [1.0, 3.0]);
        assert_eq!(
            restored.repairs,
            [
                Repair::StrayMetric { item: ItemId(1) },
                Repair::SamplesTidied {
                    item: ItemId(3),
                    dropped: 1
                }
            ]
        );
        assert!(restored.repairs.iter().all(Repair::loses_data));
    }

    #[test]
    fn spins_with_the_same_number_are_renumbered() {
        let restored = restore(
            r#"{"format":"value-flywheel","version":3,"board":{"spins":[
                {"number":2,"name":"b","date":"2026-02-01"},{"number":2,"name":"c","date":"2026-03-01"},
                {"number":1,"name":"a","date":"2026-01-01"}]}}"#,
        )
        .unwrap();
        let names: Vec<(u32, &str)> = restored
            .board
            .spins
            .iter()
            .map(|s| (s.number, s.name.as_str()))
            .collect();
        assert_eq!(names, [(1, "a"), (2, "b"), (3, "c")]);
        assert_eq!(
            restored.repairs,
            [Repair::SpinRenumbered { old: 2, new: 3 }]
        );
    }

    #[test]
    fn ids_too_large_to_count_on_are_renumbered_with_their_links() {
        // The largest u64 as an id (and as the counter) once made every new
        // item take that same id, so typing in one overwrote the others.
        let restored = restore(
            r#"{"format":"value-flywheel","version":3,"board":{"next_id":18446744073709551615,
                "items":[{"id":18446744073709551615,"kind":"goal","title":"max"},
                         {"id":3,"kind":"challenge","title":"small"}],
                "links":[{"from":3,"to":18446744073709551615}]}}"#,
        )
        .unwrap();
        let board = restored.board;
        assert_eq!(board.items[0].title, "max");
        assert_eq!(board.items[0].id, ItemId(4));
        assert_eq!(board.next_id, 5);
        assert_eq!(
            board.links,
            [crate::model::Link {
                from: ItemId(3),
                to: ItemId(4)
            }]
        );
        assert_eq!(
            restored.repairs,
            [
                Repair::NextIdRaised { to: 4 },
                Repair::IdTooLarge {
                    old: ItemId(u64::MAX),
                    new: ItemId(4)
                }
            ]
        );
        // New items then get ids of their own.
        let mut board = board;
        let [a, b] = ["a", "b"].map(|title| {
            let edit = crate::model::Edit::AddItem {
                kind: ItemKind::Goal,
                title: title.into(),
            };
            crate::model::apply(&mut board, edit).unwrap()
        });
        assert_ne!(a.created, b.created);
        let ids: HashSet<ItemId> = board.items.iter().map(|item| item.id).collect();
        assert_eq!(ids.len(), board.items.len());
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
