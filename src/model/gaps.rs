//! What the board is missing, and how much momentum it has.
//!
//! Gaps are the places where the wheel does not connect: a goal nothing
//! measures, a challenge nobody addresses, an action that serves nothing,
//! a metric that has not been sampled in its period or is getting worse.
//! Momentum sums up whether the goals' metrics are moving the right way.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use super::board::{Board, Item, ItemId};
use super::date::Date;
use super::link::{neighbour_map, LinkKind, Neighbour};
use super::metric::{Metric, Trend};
use super::phase::{ItemKind, Phase};

/// One gap in the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gap {
    /// A goal that no value metric measures.
    GoalWithoutMetric(ItemId),
    /// A challenge that no action addresses.
    ChallengeUnaddressed(ItemId),
    /// An action that neither serves a goal nor addresses a challenge.
    ActionServesNothing(ItemId),
    /// A value metric with no sample in its last period.
    MetricNotSampled(ItemId),
    /// A value metric whose last sample moved away from its target.
    MetricMovingAway(ItemId),
}

impl Gap {
    /// The item the gap is about.
    pub fn item(self) -> ItemId {
        match self {
            Gap::GoalWithoutMetric(id)
            | Gap::ChallengeUnaddressed(id)
            | Gap::ActionServesNothing(id)
            | Gap::MetricNotSampled(id)
            | Gap::MetricMovingAway(id) => id,
        }
    }

    /// The gap in words, naming the item.
    pub fn describe(self, board: &Board) -> String {
        let title = super::quoted(
            board
                .item(self.item())
                .map_or("An item", |item| item.display_title()),
        );
        match self {
            Gap::GoalWithoutMetric(_) => {
                format!("Goal {title} has no value metric measuring it.")
            }
            Gap::ChallengeUnaddressed(_) => {
                format!("Challenge {title} is not addressed by any action.")
            }
            Gap::ActionServesNothing(_) => {
                format!("Action {title} serves no goal and addresses no challenge.")
            }
            Gap::MetricNotSampled(id) => {
                let metric = board.item(id).and_then(|item| item.metric.as_ref());
                let period = metric.map_or("monthly", |m| m.settings.period.label());
                match metric.and_then(|m| m.latest()) {
                    Some(latest) => format!(
                        "Value metric {title} is {period} but was last sampled on {}.",
                        latest.date
                    ),
                    None => format!("Value metric {title} has no samples yet."),
                }
            }
            Gap::MetricMovingAway(_) => {
                format!("Value metric {title} is moving away from its target.")
            }
        }
    }
}

/// Which items have which kinds of link, from one pass over the links.
struct Connections {
    /// Goals a value metric measures.
    measured: HashSet<ItemId>,
    /// Challenges an action addresses.
    addressed: HashSet<ItemId>,
    /// Actions that serve a goal or address a challenge.
    acting: HashSet<ItemId>,
}

impl Connections {
    fn of(board: &Board) -> Connections {
        let kinds = board.kinds();
        let mut found = Connections {
            measured: HashSet::new(),
            addressed: HashSet::new(),
            acting: HashSet::new(),
        };
        for link in &board.links {
            let (Some(from), Some(to)) = (kinds.get(&link.from), kinds.get(&link.to)) else {
                continue;
            };
            match LinkKind::between(*from, *to) {
                Some(LinkKind::Measures) => {
                    found.measured.insert(link.to);
                }
                Some(LinkKind::Addresses) => {
                    found.addressed.insert(link.to);
                    found.acting.insert(link.from);
                }
                Some(LinkKind::Serves) => {
                    found.acting.insert(link.from);
                }
                Some(LinkKind::Blocks) | None => {}
            }
        }
        found
    }
}

/// A fingerprint of everything [`Analysis::of`] reads: the day, the items'
/// ids, order, kinds and statuses, their metrics (but not a metric's unit
/// or a sample's note) and the links. The text people type (titles,
/// descriptions, owners, the board's title, north star and guidance) is
/// left out, so an edit of text keeps the key, and any edit that could
/// change a gap, the momentum, a link or a position changes it.
pub fn analysis_key(board: &Board, today: Date) -> u64 {
    let mut hasher = DefaultHasher::new();
    today.hash(&mut hasher);
    board.items.len().hash(&mut hasher);
    for item in &board.items {
        item.id.hash(&mut hasher);
        item.kind.hash(&mut hasher);
        item.status.hash(&mut hasher);
        let Some(metric) = &item.metric else {
            0_u8.hash(&mut hasher);
            continue;
        };
        1_u8.hash(&mut hasher);
        let settings = &metric.settings;
        settings.direction.hash(&mut hasher);
        settings.period.hash(&mut hasher);
        settings.baseline.map(f64::to_bits).hash(&mut hasher);
        settings.target.map(f64::to_bits).hash(&mut hasher);
        settings.target_date.hash(&mut hasher);
        metric.samples.len().hash(&mut hasher);
        for sample in &metric.samples {
            sample.date.hash(&mut hasher);
            sample.value.to_bits().hash(&mut hasher);
        }
    }
    board.links.hash(&mut hasher);
    hasher.finish()
}

/// Every gap on the board, in wheel order, as of `today`. One pass over
/// the links and one over the items.
pub fn gaps(board: &Board, today: Date) -> Vec<Gap> {
    let connections = Connections::of(board);
    let mut found = Vec::new();
    for item in &board.items {
        let id = item.id;
        match item.kind {
            ItemKind::Goal if !connections.measured.contains(&id) => {
                found.push(Gap::GoalWithoutMetric(id));
            }
            ItemKind::Challenge if !connections.addressed.contains(&id) => {
                found.push(Gap::ChallengeUnaddressed(id));
            }
            ItemKind::Action if !connections.acting.contains(&id) => {
                found.push(Gap::ActionServesNothing(id));
            }
            ItemKind::ValueMetric => {
                let stale = item.metric.as_ref().is_none_or(|m| m.is_stale(today));
                if stale {
                    found.push(Gap::MetricNotSampled(id));
                }
                if item
                    .metric
                    .as_ref()
                    .is_some_and(|m| m.trend() == Trend::Away)
                {
                    found.push(Gap::MetricMovingAway(id));
                }
            }
            _ => {}
        }
    }
    found
}

/// How many days it takes a sample's weight in momentum to halve.
pub const MOMENTUM_HALF_LIFE_DAYS: f64 = 30.0;

/// What a vote's weight is multiplied by for each day of age:
/// 0.5^(1 / [`MOMENTUM_HALF_LIFE_DAYS`]). Written out, so the weight is a
/// `powi` of it: `powf` would bring libm's `pow` and its 4 KB exp table into
/// the download for this one line (a test checks the two agree).
const MOMENTUM_DAILY_DECAY: f64 = 0.977_159_968_434_245_9;

/// A vote's weight after `age` days: it halves every
/// [`MOMENTUM_HALF_LIFE_DAYS`].
fn decay(age: i64) -> f64 {
    MOMENTUM_DAILY_DECAY.powi(i32::try_from(age).unwrap_or(i32::MAX))
}

/// The definition shown next to the momentum figure.
pub const MOMENTUM_DEFINITION: &str = "Momentum is the share of goals whose value metrics are \
moving toward their targets. Each metric with at least two samples votes on its goal: 1 if its \
last sample improved (or it is flat at its target), ½ if it did not move, 0 if it got worse. \
Votes count less the older they are: a vote's weight halves every 30 days since the metric's \
latest sample. A goal scores the weighted average of its metrics' votes; a goal with no such \
metric scores 0. Momentum is the average over all goals. With no such metric on the board at \
all, there is nothing to go on, and no figure (–).";

/// The momentum figure of a board.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Momentum {
    /// From 0 (nothing is moving the right way) to 1 (everything is);
    /// `None` when no goal has a metric with two samples to compare (a
    /// board without goals, a new one, a past spin, which keeps no samples).
    pub score: Option<f64>,
    pub goals: usize,
    /// Goals with no metric that has two samples to compare.
    pub goals_without_evidence: usize,
}

impl Momentum {
    /// The figure as a whole percentage, or a dash.
    pub fn percent_text(&self) -> String {
        self.score
            .map_or_else(|| "–".to_owned(), |s| format!("{:.0}%", s * 100.0))
    }
}

/// Computes momentum as [`MOMENTUM_DEFINITION`] says, as of `today`.
pub fn momentum(board: &Board, today: Date) -> Momentum {
    let metrics: HashMap<ItemId, &Metric> = board
        .items
        .iter()
        .filter_map(|item| item.metric.as_ref().map(|metric| (item.id, metric)))
        .collect();
    // Each goal's (weighted votes, weights), from one pass over the links.
    let mut tallies: HashMap<ItemId, (f64, f64)> = HashMap::new();
    for link in &board.links {
        let Some(metric) = metrics.get(&link.from) else {
            continue;
        };
        let vote = match metric.trend() {
            Trend::Toward => 1.0,
            Trend::Flat if metric.is_on_target() => 1.0,
            Trend::Flat => 0.5,
            Trend::Away => 0.0,
            Trend::Unknown => continue,
        };
        let age = metric
            .latest()
            .map_or(0, |latest| today.days_since(latest.date).max(0));
        let weight = decay(age);
        let tally = tallies.entry(link.to).or_insert((0.0, 0.0));
        tally.0 += weight * vote;
        tally.1 += weight;
    }
    let mut total = 0.0;
    let mut goals = 0;
    let mut without_evidence = 0;
    for goal in board.items_in(Phase::ClarityOfPurpose) {
        goals += 1;
        match tallies.get(&goal.id) {
            Some((weighted, weights)) if *weights > f64::MIN_POSITIVE => {
                total += weighted / weights;
            }
            _ => without_evidence += 1,
        }
    }
    Momentum {
        score: (without_evidence < goals).then(|| total / goals as f64),
        goals,
        goals_without_evidence: without_evidence,
    }
}

/// What the views derive from a board, computed once per change and
/// shared: its gaps, its momentum and every item's links.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The [`analysis_key`] of the board and day this was worked out for.
    pub key: u64,
    pub gaps: Vec<Gap>,
    /// The items that have at least one gap.
    pub gap_items: HashSet<ItemId>,
    pub momentum: Momentum,
    pub neighbours: HashMap<ItemId, Vec<Neighbour>>,
    /// Where each item sits in `board.items`, for lookups without a scan.
    pub positions: HashMap<ItemId, usize>,
}

impl Analysis {
    /// Analyses a board as of `today`.
    pub fn of(board: &Board, today: Date) -> Analysis {
        Analysis::keyed(board, today, analysis_key(board, today))
    }

    /// [`Analysis::of`], with the board's [`analysis_key`] already known.
    fn keyed(board: &Board, today: Date, key: u64) -> Analysis {
        let gaps = gaps(board, today);
        Analysis {
            key,
            gap_items: gaps.iter().map(|gap| gap.item()).collect(),
            gaps,
            momentum: momentum(board, today),
            neighbours: neighbour_map(board),
            positions: board
                .items
                .iter()
                .enumerate()
                .map(|(index, item)| (item.id, index))
                .collect(),
        }
    }

    /// The analysis of `board` as of `today`, reusing `previous` when the
    /// board changed only in its text (see [`analysis_key`]); the flag says
    /// whether the result differs from `previous`. Typing into a title
    /// thus costs one pass of hashing instead of a new analysis.
    pub fn update(previous: Option<Analysis>, board: &Board, today: Date) -> (Analysis, bool) {
        let key = analysis_key(board, today);
        match previous {
            Some(previous) if previous.key == key => (previous, false),
            _ => (Analysis::keyed(board, today, key), true),
        }
    }

    /// An item of the analysed board, found without a scan.
    pub fn item<'a>(&self, board: &'a Board, id: ItemId) -> Option<&'a Item> {
        let item = board.items.get(*self.positions.get(&id)?)?;
        // A board edited since the analysis may have moved things: check.
        if item.id == id {
            Some(item)
        } else {
            board.item(id)
        }
    }

    /// The gaps of one item.
    pub fn gaps_of(&self, id: ItemId) -> impl Iterator<Item = Gap> + '_ {
        self.gaps
            .iter()
            .copied()
            .filter(move |gap| gap.item() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{apply, Direction, Edit, ItemField, Link, MetricSettings, Sample, Status};

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    struct Fixture {
        board: Board,
    }

    impl Fixture {
        fn new() -> Fixture {
            Fixture {
                board: Board::blank(),
            }
        }

        fn add(&mut self, kind: ItemKind, title: &str) -> ItemId {
            apply(
                &mut self.board,
                Edit::AddItem {
                    kind,
                    title: title.into(),
                },
            )
            .unwrap()
            .created
            .unwrap()
        }

        fn link(&mut self, from: ItemId, to: ItemId) {
            apply(
                &mut self.board,
                Edit::AddLink {
                    link: Link { from, to },
                },
            )
            .unwrap();
        }

        fn samples(&mut self, id: ItemId, direction: Direction, values: &[(&str, f64)]) {
            apply(
                &mut self.board,
                Edit::UpdateMetric {
                    id,
                    settings: MetricSettings {
                        direction,
                        target: Some(100.0),
                        ..MetricSettings::default()
                    },
                },
            )
            .unwrap();
            for (date, value) in values {
                let sample = Sample {
                    date: day(date),
                    value: *value,
                    note: String::new(),
                };
                apply(&mut self.board, Edit::SetSample { id, sample }).unwrap();
            }
        }
    }

    /// A board with one item of every kind, linked, with a sampled metric.
    fn connected() -> (Fixture, [ItemId; 4]) {
        let mut f = Fixture::new();
        let goal = f.add(ItemKind::Goal, "Goal");
        f.add(ItemKind::Goal, "Second goal");
        let challenge = f.add(ItemKind::Challenge, "Challenge");
        let action = f.add(ItemKind::Action, "Action");
        let metric = f.add(ItemKind::ValueMetric, "Metric");
        f.link(metric, goal);
        f.link(action, challenge);
        f.samples(
            metric,
            Direction::HigherIsBetter,
            &[("2026-05-01", 10.0), ("2026-05-20", 20.0)],
        );
        (f, [goal, challenge, action, metric])
    }

    #[test]
    fn editing_text_keeps_the_analysis_and_its_key() {
        let today = day("2026-06-01");
        let (mut f, [goal, _, action, metric]) = connected();
        let before = Analysis::of(&f.board, today);
        let texts = [
            Edit::SetTitle {
                title: "Renamed".into(),
            },
            Edit::SetNorthStar {
                north_star: "Somewhere".into(),
            },
            Edit::UpdateItem {
                id: goal,
                field: ItemField::Title,
                value: "New".into(),
            },
            Edit::UpdateItem {
                id: action,
                field: ItemField::Description,
                value: "Why".into(),
            },
            Edit::UpdateItem {
                id: metric,
                field: ItemField::Owner,
                value: "Ana".into(),
            },
        ];
        for edit in texts {
            apply(&mut f.board, edit.clone()).unwrap();
            let (kept, changed) = Analysis::update(Some(before.clone()), &f.board, today);
            assert!(!changed, "{edit:?} changed the analysis key");
            assert_eq!(
                kept,
                Analysis::of(&f.board, today),
                "{edit:?} left a stale analysis"
            );
        }
    }

    #[test]
    fn every_edit_that_can_change_the_analysis_changes_its_key() {
        let today = day("2026-06-01");
        let (f, [goal, challenge, action, metric]) = connected();
        let key = analysis_key(&f.board, today);
        let structural = [
            Edit::AddItem {
                kind: ItemKind::Goal,
                title: "Another".into(),
            },
            Edit::SetStatus {
                id: action,
                status: Status::Done,
            },
            Edit::MoveItem {
                id: goal,
                position: 1,
            },
            Edit::DeleteItem { id: challenge },
            Edit::AddLink {
                link: Link {
                    from: action,
                    to: goal,
                },
            },
            Edit::RemoveLink {
                link: Link {
                    from: metric,
                    to: goal,
                },
            },
            Edit::UpdateMetric {
                id: metric,
                settings: MetricSettings {
                    target: Some(5.0),
                    ..MetricSettings::default()
                },
            },
            Edit::SetSample {
                id: metric,
                sample: Sample {
                    date: day("2026-05-30"),
                    value: 1.0,
                    note: String::new(),
                },
            },
            Edit::RemoveSample {
                id: metric,
                date: day("2026-05-20"),
            },
        ];
        for edit in structural {
            let mut board = f.board.clone();
            apply(&mut board, edit.clone()).unwrap();
            assert_ne!(
                analysis_key(&board, today),
                key,
                "{edit:?} kept the analysis key"
            );
            let (fresh, changed) =
                Analysis::update(Some(Analysis::of(&f.board, today)), &board, today);
            assert!(changed);
            assert_eq!(fresh, Analysis::of(&board, today));
        }
        assert_ne!(
            analysis_key(&f.board, day("2026-06-02")),
            key,
            "a new day can make a metric stale"
        );
    }

    #[test]
    fn an_unconnected_board_shows_one_gap_per_item() {
        let mut f = Fixture::new();
        let goal = f.add(ItemKind::Goal, "Grow");
        let challenge = f.add(ItemKind::Challenge, "Debt");
        let action = f.add(ItemKind::Action, "Refactor");
        let metric = f.add(ItemKind::ValueMetric, "Revenue");
        let found = gaps(&f.board, day("2026-06-01"));
        assert_eq!(
            found,
            [
                Gap::GoalWithoutMetric(goal),
                Gap::ChallengeUnaddressed(challenge),
                Gap::ActionServesNothing(action),
                Gap::MetricNotSampled(metric),
            ]
        );
        assert_eq!(
            found[0].describe(&f.board),
            "Goal “\u{2068}Grow\u{2069}” has no value metric measuring it."
        );
        assert_eq!(
            found[3].describe(&f.board),
            "Value metric “\u{2068}Revenue\u{2069}” has no samples yet."
        );
    }

    #[test]
    fn linking_closes_the_gaps() {
        let mut f = Fixture::new();
        let goal = f.add(ItemKind::Goal, "Grow");
        let challenge = f.add(ItemKind::Challenge, "Debt");
        let action = f.add(ItemKind::Action, "Refactor");
        let metric = f.add(ItemKind::ValueMetric, "Revenue");
        f.link(metric, goal);
        f.link(action, challenge);
        f.link(challenge, goal);
        f.samples(
            metric,
            Direction::HigherIsBetter,
            &[("2026-05-01", 1.0), ("2026-05-20", 2.0)],
        );
        assert_eq!(gaps(&f.board, day("2026-06-01")), []);
        // An action that serves a goal directly is connected too.
        let other = f.add(ItemKind::Action, "Sell");
        f.link(other, goal);
        assert_eq!(gaps(&f.board, day("2026-06-01")), []);
    }

    #[test]
    fn a_metric_gets_stale_after_its_period_and_flags_moving_away() {
        let mut f = Fixture::new();
        let metric = f.add(ItemKind::ValueMetric, "Lead time");
        f.samples(
            metric,
            Direction::LowerIsBetter,
            &[("2026-01-01", 5.0), ("2026-02-01", 7.0)],
        );
        let found = gaps(&f.board, day("2026-02-10"));
        assert_eq!(found, [Gap::MetricMovingAway(metric)]);
        let later = gaps(&f.board, day("2026-04-01"));
        assert_eq!(
            later,
            [Gap::MetricNotSampled(metric), Gap::MetricMovingAway(metric)]
        );
        assert!(later[0]
            .describe(&f.board)
            .contains("last sampled on 2026-02-01"));
    }

    #[test]
    fn a_weight_halves_every_half_life() {
        for age in 0..5_000 {
            let exact = 0.5f64.powf(age as f64 / MOMENTUM_HALF_LIFE_DAYS);
            let weight = decay(age);
            assert!(
                (weight - exact).abs() <= exact * 1e-12,
                "{age} days: {weight} against {exact}"
            );
        }
        assert!((decay(0) - 1.0).abs() < f64::EPSILON);
        assert!((decay(30) - 0.5).abs() < 1e-15);
        assert!(decay(i64::MAX) < f64::MIN_POSITIVE);
    }

    #[test]
    fn momentum_is_the_share_of_goals_moving_the_right_way() {
        let today = day("2026-06-01");
        let mut f = Fixture::new();
        assert_eq!(momentum(&f.board, today).score, None, "no goals, no figure");
        let up = f.add(ItemKind::Goal, "Up");
        let down = f.add(ItemKind::Goal, "Down");
        let bare = f.add(ItemKind::Goal, "No metric");
        let better = f.add(ItemKind::ValueMetric, "Better");
        let worse = f.add(ItemKind::ValueMetric, "Worse");
        f.link(better, up);
        f.link(worse, down);
        // Goals and metrics, but no two samples anywhere (a new board, a
        // past spin): nothing to go on, so no figure, not a green 0 %.
        let m = momentum(&f.board, today);
        assert_eq!((m.score, m.goals_without_evidence), (None, 3));
        assert_eq!(m.percent_text(), "–");
        f.samples(
            better,
            Direction::HigherIsBetter,
            &[("2026-05-01", 1.0), ("2026-06-01", 2.0)],
        );
        f.samples(
            worse,
            Direction::HigherIsBetter,
            &[("2026-05-01", 2.0), ("2026-06-01", 1.0)],
        );
        let m = momentum(&f.board, today);
        // Up scores 1, Down 0 and the goal without a metric 0: one in three.
        assert!((m.score.unwrap() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!((m.goals, m.goals_without_evidence), (3, 1));
        assert_eq!(m.percent_text(), "33%");
        let _ = bare;
    }

    #[test]
    fn recent_evidence_outweighs_old_evidence() {
        let today = day("2026-06-01");
        let mut f = Fixture::new();
        let goal = f.add(ItemKind::Goal, "Goal");
        let fresh = f.add(ItemKind::ValueMetric, "Fresh");
        let old = f.add(ItemKind::ValueMetric, "Old");
        f.link(fresh, goal);
        f.link(old, goal);
        // The fresh metric improved today; the old one got worse 60 days ago.
        f.samples(
            fresh,
            Direction::HigherIsBetter,
            &[("2026-05-01", 1.0), ("2026-06-01", 2.0)],
        );
        f.samples(
            old,
            Direction::HigherIsBetter,
            &[("2026-03-01", 2.0), ("2026-04-02", 1.0)],
        );
        let score = momentum(&f.board, today).score.unwrap();
        // Weights 1 and 0.25 (two half-lives): (1·1 + 0.25·0) / 1.25 = 0.8.
        assert!((score - 0.8).abs() < 1e-9, "{score}");
    }

    #[test]
    fn a_flat_metric_counts_half_unless_it_sits_on_target() {
        let today = day("2026-06-01");
        let mut f = Fixture::new();
        let goal = f.add(ItemKind::Goal, "Goal");
        let metric = f.add(ItemKind::ValueMetric, "Flat");
        f.link(metric, goal);
        f.samples(
            metric,
            Direction::HigherIsBetter,
            &[("2026-05-01", 5.0), ("2026-06-01", 5.0)],
        );
        assert!((momentum(&f.board, today).score.unwrap() - 0.5).abs() < 1e-9);
        f.samples(
            metric,
            Direction::HigherIsBetter,
            &[("2026-05-01", 120.0), ("2026-06-01", 120.0)],
        );
        assert!((momentum(&f.board, today).score.unwrap() - 1.0).abs() < 1e-9);
    }
}
