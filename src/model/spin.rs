//! Spins: each turn of the wheel is recorded as a named, dated snapshot of
//! the board (its items, links and the value of every metric that day),
//! so that turns can be compared and momentum seen.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::board::{Board, Item, ItemId};
use super::date::Date;
use super::link::Link;
use super::metric::Metric;

/// The value a metric had when a spin was recorded.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricValue {
    pub item: ItemId,
    pub value: f64,
}

/// One recorded turn of the wheel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spin {
    /// 1 for the first spin of a board, then counting up; never reused.
    pub number: u32,
    pub name: String,
    pub date: Date,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub north_star: String,
    /// The items as they were; metrics keep their settings but not their
    /// samples, whose values that day are in `values`.
    #[serde(default)]
    pub items: Vec<Item>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub values: Vec<MetricValue>,
}

impl Spin {
    /// Records the board as it is on `date`.
    pub fn capture(board: &Board, number: u32, name: String, date: Date, note: String) -> Spin {
        let mut values = Vec::new();
        let items = board
            .items
            .iter()
            .map(|item| {
                let mut item = item.clone();
                if let Some(metric) = &mut item.metric {
                    if let Some(value) = metric.value_on(date) {
                        values.push(MetricValue {
                            item: item.id,
                            value,
                        });
                    }
                    metric.samples.clear();
                }
                item
            })
            .collect();
        Spin {
            number,
            name,
            date,
            note,
            title: board.title.clone(),
            north_star: board.north_star.clone(),
            items,
            links: board.links.clone(),
            values,
        }
    }

    /// The value a metric had in this spin.
    pub fn value_of(&self, id: ItemId) -> Option<f64> {
        self.values.iter().find(|v| v.item == id).map(|v| v.value)
    }

    /// The board as it was, to show read-only: the recorded items, links and
    /// values, with today's guidance.
    pub fn as_board(&self, live: &Board) -> Board {
        let items = self
            .items
            .iter()
            .map(|item| {
                let mut item = item.clone();
                if let (Some(metric), Some(value)) = (&mut item.metric, self.value_of(item.id)) {
                    metric.samples = vec![super::metric::Sample {
                        date: self.date,
                        value,
                        note: String::new(),
                    }];
                }
                item
            })
            .collect();
        Board {
            title: self.title.clone(),
            north_star: self.north_star.clone(),
            guidance: live.guidance.clone(),
            items,
            links: self.links.clone(),
            spins: Vec::new(),
            next_id: live.next_id,
        }
    }
}

/// How an item differs between two spins.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemChange {
    pub before: Item,
    pub after: Item,
    /// The names of the fields that changed: "title", "owner"…
    pub fields: Vec<&'static str>,
}

/// How a metric's value moved between two spins.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricDelta {
    pub item: ItemId,
    pub title: String,
    pub unit: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

impl MetricDelta {
    /// After minus before, when both are known.
    pub fn change(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }
}

/// What changed from one spin to another.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpinDiff {
    pub added: Vec<Item>,
    pub removed: Vec<Item>,
    pub changed: Vec<ItemChange>,
    pub links_added: Vec<Link>,
    pub links_removed: Vec<Link>,
    pub metric_deltas: Vec<MetricDelta>,
}

impl SpinDiff {
    /// Whether nothing changed at all.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.links_added.is_empty()
            && self.links_removed.is_empty()
            && self.metric_deltas.iter().all(|d| d.before == d.after)
    }
}

fn changed_fields(before: &Item, after: &Item) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if before.title != after.title {
        fields.push("title");
    }
    if before.description != after.description {
        fields.push("description");
    }
    if before.owner != after.owner {
        fields.push("owner");
    }
    if before.status != after.status {
        fields.push("status");
    }
    let settings = |metric: &Option<Metric>| metric.as_ref().map(|m| m.settings.clone());
    if settings(&before.metric) != settings(&after.metric) {
        fields.push("metric settings");
    }
    fields
}

/// Compares two spins: items added, removed or changed, links added or
/// removed, and how every metric's value moved.
pub fn diff(before: &Spin, after: &Spin) -> SpinDiff {
    let old: HashMap<ItemId, &Item> = before.items.iter().map(|i| (i.id, i)).collect();
    let new: HashMap<ItemId, &Item> = after.items.iter().map(|i| (i.id, i)).collect();
    let mut result = SpinDiff::default();
    for item in &after.items {
        match old.get(&item.id) {
            None => result.added.push(item.clone()),
            Some(previous) => {
                let fields = changed_fields(previous, item);
                if !fields.is_empty() {
                    result.changed.push(ItemChange {
                        before: (*previous).clone(),
                        after: item.clone(),
                        fields,
                    });
                }
            }
        }
    }
    result.removed = before
        .items
        .iter()
        .filter(|item| !new.contains_key(&item.id))
        .cloned()
        .collect();
    result.links_added = after
        .links
        .iter()
        .filter(|link| !before.links.contains(link))
        .copied()
        .collect();
    result.links_removed = before
        .links
        .iter()
        .filter(|link| !after.links.contains(link))
        .copied()
        .collect();
    let metrics = after
        .items
        .iter()
        .chain(
            before
                .items
                .iter()
                .filter(|item| !new.contains_key(&item.id)),
        )
        .filter_map(|item| item.metric.as_ref().map(|metric| (item, metric)));
    result.metric_deltas = metrics
        .map(|(item, metric)| MetricDelta {
            item: item.id,
            title: item.title.clone(),
            unit: metric.settings.unit.clone(),
            before: before.value_of(item.id),
            after: after.value_of(item.id),
        })
        .collect();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{apply, Edit, ItemField, ItemKind, Sample};

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
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

    fn sample(board: &mut Board, id: ItemId, date: &str, value: f64) {
        let sample = Sample {
            date: day(date),
            value,
            note: String::new(),
        };
        apply(board, Edit::SetSample { id, sample }).unwrap();
    }

    #[test]
    fn a_spin_records_items_links_and_each_metrics_value_that_day() {
        let mut board = Board::blank();
        let goal = add(&mut board, ItemKind::Goal, "Goal");
        let metric = add(&mut board, ItemKind::ValueMetric, "Metric");
        apply(
            &mut board,
            Edit::AddLink {
                link: Link {
                    from: metric,
                    to: goal,
                },
            },
        )
        .unwrap();
        sample(&mut board, metric, "2026-01-01", 1.0);
        sample(&mut board, metric, "2026-03-01", 3.0);
        let spin = Spin::capture(&board, 1, "Q1".into(), day("2026-02-15"), "note".into());
        assert_eq!(spin.items.len(), 2);
        assert_eq!(spin.links, board.links);
        assert_eq!(
            spin.value_of(metric),
            Some(1.0),
            "the value on the spin's day"
        );
        assert!(
            spin.items[1].metric.as_ref().unwrap().samples.is_empty(),
            "samples are not copied"
        );
        let shown = spin.as_board(&board);
        let latest = shown
            .item(metric)
            .unwrap()
            .metric
            .as_ref()
            .unwrap()
            .latest()
            .cloned();
        assert_eq!(latest.map(|s| s.value.to_bits()), Some(1.0f64.to_bits()));
        assert!(shown.spins.is_empty());
    }

    #[test]
    fn comparing_two_spins_lists_added_removed_changed_and_metric_deltas() {
        let mut board = Board::blank();
        let kept = add(&mut board, ItemKind::Goal, "Kept");
        let dropped = add(&mut board, ItemKind::Challenge, "Dropped");
        let metric = add(&mut board, ItemKind::ValueMetric, "Lead time");
        sample(&mut board, metric, "2026-01-01", 10.0);
        let first = Spin::capture(&board, 1, "one".into(), day("2026-01-02"), String::new());
        apply(&mut board, Edit::DeleteItem { id: dropped }).unwrap();
        let added = add(&mut board, ItemKind::Action, "Added");
        apply(
            &mut board,
            Edit::UpdateItem {
                id: kept,
                field: ItemField::Owner,
                value: "Ana".into(),
            },
        )
        .unwrap();
        apply(
            &mut board,
            Edit::AddLink {
                link: Link {
                    from: added,
                    to: kept,
                },
            },
        )
        .unwrap();
        sample(&mut board, metric, "2026-02-01", 7.5);
        let second = Spin::capture(&board, 2, "two".into(), day("2026-02-02"), String::new());

        let change = diff(&first, &second);
        assert_eq!(
            change.added.iter().map(|i| i.id).collect::<Vec<_>>(),
            [added]
        );
        assert_eq!(
            change.removed.iter().map(|i| i.id).collect::<Vec<_>>(),
            [dropped]
        );
        assert_eq!(change.changed.len(), 1);
        assert_eq!(change.changed[0].fields, ["owner"]);
        assert_eq!(
            change.links_added,
            [Link {
                from: added,
                to: kept
            }]
        );
        assert!(change.links_removed.is_empty());
        assert_eq!(change.metric_deltas.len(), 1);
        assert_eq!(change.metric_deltas[0].change(), Some(-2.5));
        assert!(!change.is_empty());
        assert!(diff(&second, &second).is_empty());
    }
}
