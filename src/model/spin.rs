//! Spins: each turn of the wheel is recorded as a named, dated snapshot of
//! the board (its items, links and the value of every metric that day),
//! so that turns can be compared and momentum seen.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::board::{Board, Item, ItemId};
use super::date::Date;
use super::link::{Link, LinkKind};
use super::metric::{Metric, MetricSettings};
use super::quoted;

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

impl ItemChange {
    /// What changed, with the old and new value of the short fields:
    /// "owner Ana → Ben; status open → done; description".
    pub fn describe(&self) -> String {
        let (before, after) = (&self.before, &self.after);
        let moved = |old: &str, new: &str| {
            let shown = |text: &str| {
                if text.trim().is_empty() {
                    "none".to_owned()
                } else {
                    quoted(text.trim())
                }
            };
            format!("{} → {}", shown(old), shown(new))
        };
        self.fields
            .iter()
            .map(|field| match *field {
                "title" => format!("title {}", moved(&before.title, &after.title)),
                "owner" => format!("owner {}", moved(&before.owner, &after.owner)),
                "status" => format!(
                    "status {} → {}",
                    before.status.label(),
                    after.status.label()
                ),
                "metric settings" => {
                    let settings = |item: &Item| item.metric.as_ref().map(|m| m.settings.clone());
                    let (old, new) = (settings(before), settings(after));
                    let unit = |s: &Option<MetricSettings>| s.as_ref().map(|s| s.unit.clone());
                    if unit(&old) == unit(&new) {
                        return "metric settings".to_owned();
                    }
                    let (old_unit, new_unit) = (
                        unit(&old).unwrap_or_default(),
                        unit(&new).unwrap_or_default(),
                    );
                    // The settings but the unit, compared on their own.
                    let others = |s: Option<MetricSettings>| {
                        s.map(|mut s| {
                            s.unit.clear();
                            s
                        })
                    };
                    let unit_change = format!("unit {}", moved(&old_unit, &new_unit));
                    if others(old) == others(new) {
                        unit_change
                    } else {
                        format!("{unit_change}; other metric settings")
                    }
                }
                other => other.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// How a metric's value moved between two spins.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricDelta {
    pub item: ItemId,
    pub title: String,
    /// The unit in the later spin, and in the earlier one (they differ
    /// when the metric's unit was changed in between).
    pub unit: String,
    pub unit_before: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

impl MetricDelta {
    /// After minus before, when both are known in the same unit.
    pub fn change(&self) -> Option<f64> {
        if self.unit.trim() != self.unit_before.trim() {
            return None;
        }
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
    let unit_in = |items: &HashMap<ItemId, &Item>, id: ItemId, fallback: &str| {
        items
            .get(&id)
            .and_then(|item| item.metric.as_ref())
            .map_or_else(|| fallback.to_owned(), |m| m.settings.unit.clone())
    };
    result.metric_deltas = metrics
        .map(|(item, metric)| MetricDelta {
            item: item.id,
            title: item.display_title().to_owned(),
            unit: unit_in(&new, item.id, &metric.settings.unit),
            unit_before: unit_in(&old, item.id, &metric.settings.unit),
            before: before.value_of(item.id),
            after: after.value_of(item.id),
        })
        .collect();
    result
}

/// A link as a sentence, named by the titles its ends have in the later
/// spin (or the earlier, for an item gone since): "Pilot addresses Silos".
pub fn describe_link(before: &Spin, after: &Spin, link: &Link) -> String {
    let find = |id: ItemId| {
        after
            .items
            .iter()
            .chain(&before.items)
            .find(|item| item.id == id)
    };
    match (find(link.from), find(link.to)) {
        (Some(from), Some(to)) => {
            let verb = LinkKind::between(from.kind, to.kind).map_or("linked to", LinkKind::verb);
            format!("{} {verb} {}", from.display_title(), to.display_title())
        }
        _ => "a link to an item no longer known".to_owned(),
    }
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
            change.changed[0].describe(),
            "owner none → “\u{2068}Ana\u{2069}”"
        );
        assert_eq!(
            change.links_added,
            [Link {
                from: added,
                to: kept
            }]
        );
        assert!(change.links_removed.is_empty());
        assert_eq!(
            describe_link(&first, &second, &change.links_added[0]),
            "Added serves Kept"
        );
        assert_eq!(change.metric_deltas.len(), 1);
        assert_eq!(change.metric_deltas[0].change(), Some(-2.5));
        assert!(!change.is_empty());
        assert!(diff(&second, &second).is_empty());
    }

    #[test]
    fn a_metric_whose_unit_changed_has_no_change_and_each_spin_keeps_its_unit() {
        let mut board = Board::blank();
        let metric = add(&mut board, ItemKind::ValueMetric, "Lead time");
        let mut settings = board.item(metric).unwrap().metric.clone().unwrap().settings;
        settings.unit = "days".into();
        apply(
            &mut board,
            Edit::UpdateMetric {
                id: metric,
                settings: settings.clone(),
            },
        )
        .unwrap();
        sample(&mut board, metric, "2026-01-01", 10.0);
        let first = Spin::capture(&board, 1, "one".into(), day("2026-01-02"), String::new());
        settings.unit = "hours".into();
        apply(
            &mut board,
            Edit::UpdateMetric {
                id: metric,
                settings,
            },
        )
        .unwrap();
        sample(&mut board, metric, "2026-02-01", 200.0);
        let second = Spin::capture(&board, 2, "two".into(), day("2026-02-02"), String::new());
        let delta = &diff(&first, &second).metric_deltas[0];
        assert_eq!(
            (delta.unit_before.as_str(), delta.unit.as_str()),
            ("days", "hours")
        );
        assert_eq!(
            delta.change(),
            None,
            "10 days and 200 hours do not subtract"
        );
        let change = &diff(&first, &second).changed[0];
        assert_eq!(
            change.describe(),
            "unit “\u{2068}days\u{2069}” → “\u{2068}hours\u{2069}”"
        );
    }

    #[test]
    fn a_change_says_what_each_short_field_was_and_is() {
        let mut board = Board::blank();
        let goal = add(&mut board, ItemKind::Goal, "Old name");
        let first = Spin::capture(&board, 1, "one".into(), day("2026-01-02"), String::new());
        for (field, value) in [
            (ItemField::Title, "New name"),
            (ItemField::Description, "Why"),
        ] {
            apply(
                &mut board,
                Edit::UpdateItem {
                    id: goal,
                    field,
                    value: value.into(),
                },
            )
            .unwrap();
        }
        apply(
            &mut board,
            Edit::SetStatus {
                id: goal,
                status: crate::model::Status::Done,
            },
        )
        .unwrap();
        let second = Spin::capture(&board, 2, "two".into(), day("2026-02-02"), String::new());
        assert_eq!(
            diff(&first, &second).changed[0].describe(),
            "title “\u{2068}Old name\u{2069}” → “\u{2068}New name\u{2069}”; description; status open → done"
        );
    }
}
