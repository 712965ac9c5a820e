//! The board: a title, a north star, guidance for each phase and the items
//! attached to the phases. Plain data with read-only queries; every change
//! goes through [`crate::model::apply`].

use serde::{Deserialize, Serialize};

use super::link::{Link, LinkKind};
use super::metric::Metric;
use super::phase::{ItemKind, Phase};
use super::spin::Spin;

/// Identifies an item within one board. Ids are never reused on a board, so an
/// undo that brings an item back cannot collide with a newer one.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct ItemId(pub u64);

impl std::fmt::Display for ItemId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How far along an item is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Open,
    InProgress,
    Done,
}

impl Status {
    /// All statuses, in order of progress.
    pub const ALL: [Status; 3] = [Status::Open, Status::InProgress, Status::Done];

    /// The word users see and search for.
    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in progress",
            Status::Done => "done",
        }
    }

    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
    fn is_open(&self) -> bool {
        *self == Status::Open
    }
}

/// A goal, challenge, action or value metric attached to its phase.
///
/// When read from a document, `kind` is required (an item of unknown kind
/// cannot be placed on the wheel); a missing id reads as 0, which is never a
/// valid id, and restore gives the item a fresh one. Value metrics, and
/// only they, carry a [`Metric`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    #[serde(default)]
    pub id: ItemId,
    pub kind: ItemKind,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Status::is_open")]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<Metric>,
}

impl Default for Item {
    fn default() -> Self {
        Item {
            id: ItemId(0),
            kind: ItemKind::Goal,
            title: String::new(),
            description: String::new(),
            owner: String::new(),
            status: Status::Open,
            metric: None,
        }
    }
}

impl Item {
    /// A new item of a kind; value metrics start with an empty metric.
    pub fn new(id: ItemId, kind: ItemKind, title: String) -> Item {
        Item {
            id,
            kind,
            title,
            metric: (kind == ItemKind::ValueMetric).then(Metric::default),
            ..Item::default()
        }
    }

    /// The phase this item is attached to; its kind decides.
    pub fn phase(&self) -> Phase {
        self.kind.phase()
    }

    /// The title to show when the user has not written one yet.
    pub fn display_title(&self) -> &str {
        if self.title.trim().is_empty() {
            "Untitled"
        } else {
            &self.title
        }
    }
}

/// What a phase is about on this board: its key tenets, the people in charge
/// and the phase's goal. Editable per board; defaults to the seed article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct PhaseGuidance {
    pub tenets: Vec<String>,
    pub people: String,
    pub goal: String,
}

impl PhaseGuidance {
    /// The guidance of the seed article's "data factory" adaptation, which
    /// every new board starts with until the user edits it.
    pub fn data_factory(phase: Phase) -> PhaseGuidance {
        let (tenets, people, goal): (&[&str], &str, &str) = match phase {
            Phase::ClarityOfPurpose => (
                &[
                    "Alignment on business goals",
                    "Connect data initiatives directly to business outcomes",
                ],
                "Leadership, executive sponsors and domain experts",
                "Ensure that data and business teams work towards the same strategic goals, \
                 preventing misalignment in expectations or priorities.",
            ),
            Phase::ChallengeAndLandscape => (
                &[
                    "Awareness of technological debt",
                    "Bottlenecks",
                    "Organisational inefficiencies",
                ],
                "Engineering: technology leads and data engineers",
                "Examine the current infrastructure, tools and systems, and identify the \
                 challenges that may slow down the spinning of the flywheel.",
            ),
            Phase::NextBestAction => (
                &[
                    "Iterative progress and agile development",
                    "Unlocking quick wins",
                    "Decentralising responsibilities",
                ],
                "Domain leaders, product teams and data engineers",
                "Focus on the minimum viable actions needed to eliminate the identified pain \
                 points, and prioritise pragmatic solutions that bring value without \
                 over-complication.",
            ),
            Phase::LongTermValue => (
                &[
                    "A federated model where all teams contribute to shared goals",
                    "Creating sustainable value",
                ],
                "Chief Data Officers, domain-specific data teams and architects",
                "Architect the system to work at scale, ensuring consistency, governance \
                 and long-lasting value for the entire company.",
            ),
        };
        PhaseGuidance {
            tenets: tenets.iter().map(|t| (*t).to_owned()).collect(),
            people: people.to_owned(),
            goal: goal.to_owned(),
        }
    }
}

/// Guidance for the four phases, one entry per phase. Serialized as an
/// object keyed by phase (`"clarity_of_purpose": {...}`), so a document that
/// lacks a phase still loads, with that phase's default.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Guidance {
    pub clarity_of_purpose: PhaseGuidance,
    pub challenge_and_landscape: PhaseGuidance,
    pub next_best_action: PhaseGuidance,
    pub long_term_value: PhaseGuidance,
}

impl Default for Guidance {
    fn default() -> Self {
        Guidance::data_factory()
    }
}

impl Guidance {
    /// The seed article's guidance for all four phases.
    pub fn data_factory() -> Guidance {
        Guidance {
            clarity_of_purpose: PhaseGuidance::data_factory(Phase::ClarityOfPurpose),
            challenge_and_landscape: PhaseGuidance::data_factory(Phase::ChallengeAndLandscape),
            next_best_action: PhaseGuidance::data_factory(Phase::NextBestAction),
            long_term_value: PhaseGuidance::data_factory(Phase::LongTermValue),
        }
    }

    /// One phase's guidance.
    pub fn get(&self, phase: Phase) -> &PhaseGuidance {
        match phase {
            Phase::ClarityOfPurpose => &self.clarity_of_purpose,
            Phase::ChallengeAndLandscape => &self.challenge_and_landscape,
            Phase::NextBestAction => &self.next_best_action,
            Phase::LongTermValue => &self.long_term_value,
        }
    }

    /// One phase's guidance, to change it.
    pub fn get_mut(&mut self, phase: Phase) -> &mut PhaseGuidance {
        match phase {
            Phase::ClarityOfPurpose => &mut self.clarity_of_purpose,
            Phase::ChallengeAndLandscape => &mut self.challenge_and_landscape,
            Phase::NextBestAction => &mut self.next_best_action,
            Phase::LongTermValue => &mut self.long_term_value,
        }
    }
}

/// One value flywheel: what a user draws, runs and presents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Board {
    pub title: String,
    /// The one-line purpose shown in the hub of the wheel.
    pub north_star: String,
    pub guidance: Guidance,
    /// All items, grouped in wheel order (goals, challenges, actions, value
    /// metrics); within a phase, in the order the user chose.
    pub items: Vec<Item>,
    /// Links between items, sorted, each allowed by [`LinkKind::between`].
    pub links: Vec<Link>,
    /// Recorded turns of the wheel, oldest first.
    pub spins: Vec<Spin>,
    /// The id the next new item gets. Always above every id on the board.
    pub next_id: u64,
}

impl Default for Board {
    fn default() -> Self {
        Board::blank()
    }
}

impl Board {
    /// An empty board with the seed article's guidance.
    pub fn blank() -> Board {
        Board {
            title: "Untitled flywheel".to_owned(),
            north_star: String::new(),
            guidance: Guidance::data_factory(),
            items: Vec::new(),
            links: Vec::new(),
            spins: Vec::new(),
            next_id: 1,
        }
    }

    /// The item with this id, if the board has it.
    pub fn item(&self, id: ItemId) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }

    /// The items attached to a phase, in the user's order.
    pub fn items_in(&self, phase: Phase) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |item| item.phase() == phase)
    }

    /// How many items a phase holds.
    pub fn count_in(&self, phase: Phase) -> usize {
        self.items_in(phase).count()
    }

    /// The guidance the board gives for a phase.
    pub fn guidance_for(&self, phase: Phase) -> &PhaseGuidance {
        self.guidance.get(phase)
    }

    /// The kind of every item, by id: one pass, for work that would
    /// otherwise look items up one by one.
    pub fn kinds(&self) -> std::collections::HashMap<ItemId, ItemKind> {
        self.items.iter().map(|item| (item.id, item.kind)).collect()
    }

    /// What a link means, if both its ends exist and may be linked.
    pub fn link_kind(&self, link: &Link) -> Option<LinkKind> {
        LinkKind::between(self.item(link.from)?.kind, self.item(link.to)?.kind)
    }

    /// The position of an item among the items of its phase.
    pub fn position_in_phase(&self, id: ItemId) -> Option<usize> {
        let item = self.item(id)?;
        self.items_in(item.phase()).position(|other| other.id == id)
    }

    /// The item that takes an item's place once it is gone: the next one in
    /// its phase, else the one before; `None` when it is alone there (or
    /// not on the board).
    pub fn neighbour_of(&self, id: ItemId) -> Option<ItemId> {
        let phase = self.item(id)?.phase();
        let ids: Vec<ItemId> = self.items_in(phase).map(|item| item.id).collect();
        let at = ids.iter().position(|other| *other == id)?;
        ids.get(at + 1)
            .or_else(|| at.checked_sub(1).and_then(|before| ids.get(before)))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_board_starts_with_the_seed_guidance_and_no_items() {
        let board = Board::blank();
        assert!(board.items.is_empty());
        for phase in Phase::ALL {
            let guidance = board.guidance_for(phase);
            assert!(!guidance.tenets.is_empty(), "{phase:?} has tenets");
            assert!(!guidance.people.is_empty());
            assert!(!guidance.goal.is_empty());
        }
        assert!(board
            .guidance_for(Phase::LongTermValue)
            .people
            .contains("Chief Data Officers"));
    }

    #[test]
    fn an_items_neighbour_is_the_next_in_its_phase_else_the_one_before() {
        let item = |id: u64, kind: ItemKind| Item {
            id: ItemId(id),
            kind,
            ..Item::default()
        };
        let board = Board {
            items: vec![
                item(1, ItemKind::Goal),
                item(2, ItemKind::Challenge),
                item(3, ItemKind::Goal),
                item(4, ItemKind::Goal),
            ],
            ..Board::blank()
        };
        assert_eq!(board.neighbour_of(ItemId(1)), Some(ItemId(3)));
        assert_eq!(board.neighbour_of(ItemId(3)), Some(ItemId(4)));
        assert_eq!(board.neighbour_of(ItemId(4)), Some(ItemId(3)));
        assert_eq!(board.neighbour_of(ItemId(2)), None, "alone in its phase");
        assert_eq!(board.neighbour_of(ItemId(9)), None, "not on the board");
    }

    #[test]
    fn an_item_without_a_title_is_shown_as_untitled() {
        let item = Item {
            title: "  ".into(),
            ..Item::default()
        };
        assert_eq!(item.display_title(), "Untitled");
    }
}
