//! Links between items across phases, and the rules that make the wheel a
//! wheel: an action addresses a challenge, a challenge blocks a goal, an
//! action serves a goal, and a value metric measures a goal. No other pair
//! can be linked.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::board::{Board, ItemId};
use super::phase::ItemKind;

/// A directed link from one item to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Link {
    pub from: ItemId,
    pub to: ItemId,
}

/// What a link means; fixed by the kinds of its two ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// Action → challenge.
    Addresses,
    /// Challenge → goal.
    Blocks,
    /// Action → goal.
    Serves,
    /// Value metric → goal.
    Measures,
}

impl LinkKind {
    /// The link kind between items of these kinds, in this direction.
    pub fn between(from: ItemKind, to: ItemKind) -> Option<LinkKind> {
        match (from, to) {
            (ItemKind::Action, ItemKind::Challenge) => Some(LinkKind::Addresses),
            (ItemKind::Challenge, ItemKind::Goal) => Some(LinkKind::Blocks),
            (ItemKind::Action, ItemKind::Goal) => Some(LinkKind::Serves),
            (ItemKind::ValueMetric, ItemKind::Goal) => Some(LinkKind::Measures),
            _ => None,
        }
    }

    /// The verb, read from the link's start: "addresses".
    pub fn verb(self) -> &'static str {
        match self {
            LinkKind::Addresses => "addresses",
            LinkKind::Blocks => "blocks",
            LinkKind::Serves => "serves",
            LinkKind::Measures => "measures",
        }
    }

    /// The phrase read from the link's end: "addressed by".
    pub fn passive(self) -> &'static str {
        match self {
            LinkKind::Addresses => "addressed by",
            LinkKind::Blocks => "blocked by",
            LinkKind::Serves => "served by",
            LinkKind::Measures => "measured by",
        }
    }
}

/// The kinds an item of `kind` can link to (as the start of the link).
pub fn targets_of(kind: ItemKind) -> Vec<ItemKind> {
    ItemKind::ALL
        .into_iter()
        .filter(|to| LinkKind::between(kind, *to).is_some())
        .collect()
}

/// The kinds that can link to an item of `kind` (as the end of the link).
pub fn sources_of(kind: ItemKind) -> Vec<ItemKind> {
    ItemKind::ALL
        .into_iter()
        .filter(|from| LinkKind::between(*from, kind).is_some())
        .collect()
}

/// Orders a link between two items so that it runs the way the rules allow,
/// whichever of the two was picked first (for linking by drag and drop).
pub fn orient(board: &Board, a: ItemId, b: ItemId) -> Option<Link> {
    let (kind_a, kind_b) = (board.item(a)?.kind, board.item(b)?.kind);
    if LinkKind::between(kind_a, kind_b).is_some() {
        Some(Link { from: a, to: b })
    } else if LinkKind::between(kind_b, kind_a).is_some() {
        Some(Link { from: b, to: a })
    } else {
        None
    }
}

/// One item at the other end of a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Neighbour {
    pub other: ItemId,
    pub kind: LinkKind,
    /// Whether the item this belongs to is the link's start.
    pub is_start: bool,
}

impl Neighbour {
    /// The link itself, given the item this neighbour belongs to.
    pub fn link(self, id: ItemId) -> Link {
        if self.is_start {
            Link {
                from: id,
                to: self.other,
            }
        } else {
            Link {
                from: self.other,
                to: id,
            }
        }
    }

    /// The phrase joining the item to its neighbour: "addresses", "blocked by".
    pub fn phrase(self) -> &'static str {
        if self.is_start {
            self.kind.verb()
        } else {
            self.kind.passive()
        }
    }
}

/// The neighbours of every item, in one pass over the links.
pub fn neighbour_map(board: &Board) -> HashMap<ItemId, Vec<Neighbour>> {
    let kinds = board.kinds();
    let mut map: HashMap<ItemId, Vec<Neighbour>> = HashMap::new();
    for link in &board.links {
        let (Some(from), Some(to)) = (kinds.get(&link.from), kinds.get(&link.to)) else {
            continue;
        };
        let Some(kind) = LinkKind::between(*from, *to) else {
            continue;
        };
        map.entry(link.from).or_default().push(Neighbour {
            other: link.to,
            kind,
            is_start: true,
        });
        map.entry(link.to).or_default().push(Neighbour {
            other: link.from,
            kind,
            is_start: false,
        });
    }
    map
}

/// Every item linked to `id`.
pub fn neighbours(board: &Board, id: ItemId) -> Vec<Neighbour> {
    neighbour_map(board).remove(&id).unwrap_or_default()
}

/// The items to light up when `id` is selected: everything within two links
/// of it, so a goal shows its metrics, its blocking challenges, the actions
/// serving it and the actions addressing those challenges. Includes `id`.
/// Walks a [`neighbour_map`] (the one the board's analysis holds), so a
/// hover costs the few links it follows, not a pass over every link.
pub fn related<S: std::hash::BuildHasher>(
    neighbours: &HashMap<ItemId, Vec<Neighbour>, S>,
    id: ItemId,
) -> HashSet<ItemId> {
    let mut found = HashSet::from([id]);
    let mut frontier = vec![id];
    for _ in 0..2 {
        let mut next = Vec::new();
        for item in frontier {
            for neighbour in neighbours.get(&item).into_iter().flatten() {
                if found.insert(neighbour.other) {
                    next.push(neighbour.other);
                }
            }
        }
        frontier = next;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_four_flywheel_links_exist() {
        let mut allowed = Vec::new();
        for from in ItemKind::ALL {
            for to in ItemKind::ALL {
                if let Some(kind) = LinkKind::between(from, to) {
                    allowed.push((from, to, kind.verb()));
                }
            }
        }
        assert_eq!(
            allowed,
            [
                (ItemKind::Challenge, ItemKind::Goal, "blocks"),
                (ItemKind::Action, ItemKind::Goal, "serves"),
                (ItemKind::Action, ItemKind::Challenge, "addresses"),
                (ItemKind::ValueMetric, ItemKind::Goal, "measures"),
            ]
        );
        assert_eq!(
            targets_of(ItemKind::Action),
            [ItemKind::Goal, ItemKind::Challenge]
        );
        assert_eq!(
            sources_of(ItemKind::Goal),
            [ItemKind::Challenge, ItemKind::Action, ItemKind::ValueMetric]
        );
        assert!(targets_of(ItemKind::Goal).is_empty());
    }

    #[test]
    fn selecting_a_goal_lights_up_its_metrics_challenges_and_their_actions() {
        use crate::model::{apply, Edit};
        let mut board = Board::blank();
        let mut add = |kind: ItemKind| {
            apply(
                &mut board,
                Edit::AddItem {
                    kind,
                    title: String::new(),
                },
            )
            .unwrap()
            .created
            .unwrap()
        };
        let (goal, other_goal) = (add(ItemKind::Goal), add(ItemKind::Goal));
        let challenge = add(ItemKind::Challenge);
        let (action, lone_action) = (add(ItemKind::Action), add(ItemKind::Action));
        let metric = add(ItemKind::ValueMetric);
        for (from, to) in [
            (challenge, goal),
            (action, challenge),
            (metric, goal),
            (lone_action, other_goal),
        ] {
            apply(
                &mut board,
                Edit::AddLink {
                    link: Link { from, to },
                },
            )
            .unwrap();
        }
        assert_eq!(
            related(&neighbour_map(&board), goal),
            HashSet::from([goal, challenge, action, metric])
        );
        assert_eq!(
            related(&neighbour_map(&board), action),
            HashSet::from([action, challenge, goal])
        );
        assert_eq!(
            related(&neighbour_map(&board), lone_action),
            HashSet::from([lone_action, other_goal])
        );
        // Links can be picked in either order and come out the right way round.
        assert_eq!(
            orient(&board, goal, metric),
            Some(Link {
                from: metric,
                to: goal
            })
        );
        assert_eq!(orient(&board, goal, other_goal), None);
        let names: Vec<&str> = neighbours(&board, goal)
            .iter()
            .map(|n| n.phrase())
            .collect();
        assert_eq!(names, ["blocked by", "measured by"]);
    }
}
