//! The four phases of the value flywheel and the one kind of item each holds.
//!
//! The order is fixed by the method: I Clarity of Purpose → II Challenge and
//! Landscape → III Next Best Action → IV Long-Term Value → back to I.

use serde::{Deserialize, Serialize};

/// One quarter of the wheel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// I: the north star and the goals that serve it.
    ClarityOfPurpose,
    /// II: what stands in the way.
    ChallengeAndLandscape,
    /// III: small, owned steps that remove obstacles.
    NextBestAction,
    /// IV: how we know value is being created, over time.
    LongTermValue,
}

impl Phase {
    /// All phases in wheel order, clockwise from the top.
    pub const ALL: [Phase; 4] = [
        Phase::ClarityOfPurpose,
        Phase::ChallengeAndLandscape,
        Phase::NextBestAction,
        Phase::LongTermValue,
    ];

    /// Position in wheel order, 0 to 3.
    pub fn index(self) -> usize {
        match self {
            Phase::ClarityOfPurpose => 0,
            Phase::ChallengeAndLandscape => 1,
            Phase::NextBestAction => 2,
            Phase::LongTermValue => 3,
        }
    }

    /// The phase at a wheel position; positions wrap around, as the wheel does.
    pub fn from_index(index: usize) -> Phase {
        Phase::ALL[index % 4]
    }

    /// The Roman numeral the book gives the phase.
    pub fn numeral(self) -> &'static str {
        ["I", "II", "III", "IV"][self.index()]
    }

    /// The phase's name as the book spells it.
    pub fn name(self) -> &'static str {
        [
            "Clarity of Purpose",
            "Challenge and Landscape",
            "Next Best Action",
            "Long-Term Value",
        ][self.index()]
    }

    /// The name assistive technology announces, e.g. "Phase I: Clarity of Purpose".
    pub fn accessible_name(self) -> String {
        format!("Phase {}: {}", self.numeral(), self.name())
    }

    /// The phase the wheel turns to next; IV feeds back into I.
    #[must_use]
    pub fn next(self) -> Phase {
        Phase::from_index(self.index() + 1)
    }

    /// The phase before this one; I follows IV backwards.
    #[must_use]
    pub fn previous(self) -> Phase {
        Phase::from_index(self.index() + 3)
    }

    /// The kind of item this phase holds.
    pub fn item_kind(self) -> ItemKind {
        ItemKind::ALL[self.index()]
    }

    /// A short stable slug, used in URLs and CSS classes.
    pub fn slug(self) -> &'static str {
        ["purpose", "landscape", "action", "value"][self.index()]
    }
}

/// What an item is. The kind fixes the phase the item lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A goal of phase I: a business outcome the north star needs.
    Goal,
    /// A challenge of phase II: debt, a bottleneck, a gap in ownership.
    Challenge,
    /// An action of phase III: a small, owned, incremental step.
    Action,
    /// A value metric of phase IV: measured over time.
    ValueMetric,
}

impl ItemKind {
    /// All kinds, in the order of their phases.
    pub const ALL: [ItemKind; 4] = [
        ItemKind::Goal,
        ItemKind::Challenge,
        ItemKind::Action,
        ItemKind::ValueMetric,
    ];

    /// The phase that holds items of this kind.
    pub fn phase(self) -> Phase {
        match self {
            ItemKind::Goal => Phase::ClarityOfPurpose,
            ItemKind::Challenge => Phase::ChallengeAndLandscape,
            ItemKind::Action => Phase::NextBestAction,
            ItemKind::ValueMetric => Phase::LongTermValue,
        }
    }

    /// The noun in running text: "goal", "value metric".
    pub fn noun(self) -> &'static str {
        ["goal", "challenge", "action", "value metric"][self.phase().index()]
    }

    /// The plural noun: "goals", "value metrics".
    pub fn plural(self) -> &'static str {
        ["goals", "challenges", "actions", "value metrics"][self.phase().index()]
    }

    /// The noun at the start of a sentence or label: "Goal", "Value metric".
    pub fn label(self) -> &'static str {
        ["Goal", "Challenge", "Action", "Value metric"][self.phase().index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_run_clockwise_and_four_feeds_back_into_one() {
        assert_eq!(Phase::ClarityOfPurpose.next(), Phase::ChallengeAndLandscape);
        assert_eq!(Phase::ChallengeAndLandscape.next(), Phase::NextBestAction);
        assert_eq!(Phase::NextBestAction.next(), Phase::LongTermValue);
        assert_eq!(Phase::LongTermValue.next(), Phase::ClarityOfPurpose);
        for phase in Phase::ALL {
            assert_eq!(phase.next().previous(), phase);
            assert_eq!(Phase::from_index(phase.index()), phase);
        }
    }

    #[test]
    fn each_phase_has_its_numeral_name_and_accessible_name() {
        let names: Vec<String> = Phase::ALL.iter().map(|p| p.accessible_name()).collect();
        assert_eq!(
            names,
            [
                "Phase I: Clarity of Purpose",
                "Phase II: Challenge and Landscape",
                "Phase III: Next Best Action",
                "Phase IV: Long-Term Value",
            ]
        );
    }

    #[test]
    fn each_kind_lives_in_exactly_one_phase_and_back() {
        for phase in Phase::ALL {
            assert_eq!(phase.item_kind().phase(), phase);
        }
        assert_eq!(ItemKind::ValueMetric.noun(), "value metric");
        assert_eq!(ItemKind::Action.label(), "Action");
        assert_eq!(ItemKind::Challenge.plural(), "challenges");
    }

    #[test]
    fn phases_and_kinds_serialize_as_stable_snake_case_words() {
        assert_eq!(
            serde_json::to_string(&Phase::LongTermValue).unwrap(),
            "\"long_term_value\""
        );
        assert_eq!(
            serde_json::to_string(&ItemKind::ValueMetric).unwrap(),
            "\"value_metric\""
        );
    }
}
