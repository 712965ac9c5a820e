//! Undo and redo for a board.
//!
//! Every applied [`Edit`] leaves its inverse here. Undo applies the newest
//! inverse and keeps what undoes *that* for redo. Typing coalesces: a run of
//! changes to the same text field, each within [`COALESCE_MS`] of the last,
//! is one step. The history is capped at [`CAP`] steps and serializes, so it
//! can be kept with the board and survive a reload.

use serde::{Deserialize, Serialize};

use super::board::{Board, ItemId};
use super::edit::{apply, Applied, Edit, EditError, ItemField};
use super::phase::Phase;

/// Most steps kept; the oldest go first.
pub const CAP: usize = 200;

/// Longest pause, in milliseconds, between two keystrokes of one step.
pub const COALESCE_MS: u64 = 1_200;

/// What a run of typing edits, so that consecutive changes to the same
/// field merge into one step. Stored externally tagged, like [`Edit`]
/// (`"board_title"`, `{"item": {"id": 2, "part": "title"}}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextTarget {
    BoardTitle,
    NorthStar,
    Guidance { phase: Phase },
    Item { id: ItemId, part: ItemField },
    Metric { id: ItemId },
}

impl TextTarget {
    /// The text field an edit types into, if it is that kind of edit.
    pub fn of(edit: &Edit) -> Option<TextTarget> {
        match edit {
            Edit::SetTitle { .. } => Some(TextTarget::BoardTitle),
            Edit::SetNorthStar { .. } => Some(TextTarget::NorthStar),
            Edit::SetGuidance { phase, .. } => Some(TextTarget::Guidance { phase: *phase }),
            Edit::UpdateItem { id, field, .. } => Some(TextTarget::Item {
                id: *id,
                part: *field,
            }),
            Edit::UpdateMetric { id, .. } => Some(TextTarget::Metric { id: *id }),
            _ => None,
        }
    }
}

/// One undoable step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryStep {
    /// The edit that takes the step back (or, on the redo stack, forward).
    pub edit: Edit,
    /// Set while the step is a run of typing that may still grow.
    #[serde(default)]
    pub typing: Option<TextTarget>,
    /// When the step last grew, in milliseconds.
    #[serde(default)]
    pub at_ms: u64,
}

/// The undo and redo stacks of one board.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct History {
    pub undo: Vec<HistoryStep>,
    pub redo: Vec<HistoryStep>,
}

impl History {
    /// Whether there is anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Records an edit that was just applied, given what `apply` returned.
    /// A new edit clears the redo stack.
    pub fn record(&mut self, edit: &Edit, applied: &Applied, now_ms: u64) {
        self.redo.clear();
        let typing = TextTarget::of(edit);
        if let (Some(target), Some(last)) = (typing, self.undo.last_mut()) {
            if last.typing == Some(target) && now_ms.saturating_sub(last.at_ms) <= COALESCE_MS {
                // The oldest inverse of the run already restores the text as
                // it was before the run began; only the time moves on.
                last.at_ms = now_ms;
                return;
            }
        }
        self.undo.push(HistoryStep {
            edit: applied.inverse.clone(),
            typing,
            at_ms: now_ms,
        });
        if self.undo.len() > CAP {
            let excess = self.undo.len() - CAP;
            self.undo.drain(..excess);
        }
    }

    /// Ends the current run of typing, so the next keystroke starts a new step.
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.typing = None;
        }
    }

    /// Undoes the newest step on `board`. Returns what it applied, or
    /// `None` when there is nothing to undo.
    ///
    /// # Errors
    /// When the step no longer applies (its item is gone); the step is
    /// dropped and the board is unchanged.
    pub fn undo(&mut self, board: &mut Board) -> Result<Option<Applied>, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        let applied = apply(board, step.edit)?;
        self.redo.push(HistoryStep {
            edit: applied.inverse.clone(),
            typing: None,
            at_ms: step.at_ms,
        });
        Ok(Some(applied))
    }

    /// Redoes the newest undone step on `board`.
    ///
    /// # Errors
    /// When the step no longer applies; the step is dropped and the board
    /// is unchanged.
    pub fn redo(&mut self, board: &mut Board) -> Result<Option<Applied>, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        let applied = apply(board, step.edit)?;
        self.undo.push(HistoryStep {
            edit: applied.inverse.clone(),
            typing: None,
            at_ms: step.at_ms,
        });
        Ok(Some(applied))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Item, ItemKind, Link, MetricSettings, PhaseGuidance, Sample};

    /// Applies and records an edit at a time.
    fn edit(board: &mut Board, history: &mut History, edit: Edit, at: u64) -> Applied {
        let applied = apply(board, edit.clone()).unwrap();
        history.record(&edit, &applied, at);
        applied
    }

    fn add(board: &mut Board, history: &mut History, kind: ItemKind, at: u64) -> ItemId {
        edit(
            board,
            history,
            Edit::AddItem {
                kind,
                title: String::new(),
            },
            at,
        )
        .created
        .unwrap()
    }

    fn title(id: ItemId, value: &str) -> Edit {
        Edit::UpdateItem {
            id,
            field: ItemField::Title,
            value: value.into(),
        }
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn every_edit_kind_undoes_and_redoes() {
        let mut board = Board::blank();
        let mut history = History::default();
        let goal = add(&mut board, &mut history, ItemKind::Goal, 0);
        let challenge = add(&mut board, &mut history, ItemKind::Challenge, 0);
        let metric = add(&mut board, &mut history, ItemKind::ValueMetric, 0);
        let sample = |date: &str, value: f64| Sample {
            date: day(date),
            value,
            note: String::new(),
        };
        let edits = vec![
            Edit::SetTitle { title: "T".into() },
            Edit::SetNorthStar {
                north_star: "N".into(),
            },
            Edit::SetGuidance {
                phase: Phase::NextBestAction,
                guidance: PhaseGuidance::default(),
            },
            Edit::AddItem {
                kind: ItemKind::Action,
                title: "a".into(),
            },
            Edit::InsertItem {
                item: Item::new(ItemId(90), ItemKind::Goal, "back".into()),
                position: 0,
                links: vec![],
            },
            title(goal, "renamed"),
            Edit::SetStatus {
                id: goal,
                status: crate::model::Status::InProgress,
            },
            Edit::MoveItem {
                id: goal,
                position: 1,
            },
            Edit::AddLink {
                link: Link {
                    from: challenge,
                    to: goal,
                },
            },
            Edit::RemoveLink {
                link: Link {
                    from: challenge,
                    to: goal,
                },
            },
            Edit::UpdateMetric {
                id: metric,
                settings: MetricSettings {
                    unit: "d".into(),
                    ..MetricSettings::default()
                },
            },
            Edit::SetSample {
                id: metric,
                sample: sample("2026-01-01", 1.0),
            },
            Edit::MoveSample {
                id: metric,
                from: day("2026-01-01"),
                sample: sample("2026-01-02", 2.0),
            },
            Edit::RemoveSample {
                id: metric,
                date: day("2026-01-02"),
            },
            Edit::SetSamples {
                id: metric,
                samples: vec![sample("2026-02-01", 3.0)],
            },
            Edit::CompleteSpin {
                name: "s".into(),
                date: day("2026-03-01"),
                note: String::new(),
            },
            Edit::DeleteSpin { number: 1 },
            Edit::DeleteItem { id: challenge },
            Edit::ReplaceBoard {
                board: Box::new(Board::blank()),
            },
        ];
        for (at, next) in edits.into_iter().enumerate() {
            let before = board.clone();
            edit(
                &mut board,
                &mut history,
                next.clone(),
                10_000 * (at as u64 + 1),
            );
            let after = board.clone();
            history.undo(&mut board).unwrap().unwrap();
            assert_eq!(board.items, before.items, "undo of {next:?}");
            assert_eq!(board.links, before.links, "undo of {next:?}");
            assert_eq!(board.spins, before.spins, "undo of {next:?}");
            assert_eq!(
                (&board.title, &board.north_star, &board.guidance),
                (&before.title, &before.north_star, &before.guidance)
            );
            history.redo(&mut board).unwrap().unwrap();
            assert_eq!(board.items, after.items, "redo of {next:?}");
            assert_eq!(board.links, after.links, "redo of {next:?}");
            assert_eq!(board.spins, after.spins, "redo of {next:?}");
        }
    }

    #[test]
    fn typing_a_word_is_one_step() {
        let mut board = Board::blank();
        let mut history = History::default();
        let id = add(&mut board, &mut history, ItemKind::Goal, 0);
        let mut text = String::new();
        for (i, c) in "growth".chars().enumerate() {
            text.push(c);
            edit(
                &mut board,
                &mut history,
                title(id, &text),
                5_000 + i as u64 * 150,
            );
        }
        assert_eq!(history.undo.len(), 2, "the add, then one step for the word");
        history.undo(&mut board).unwrap();
        assert_eq!(board.item(id).unwrap().title, "");
        history.redo(&mut board).unwrap();
        assert_eq!(board.item(id).unwrap().title, "growth");
    }

    #[test]
    fn a_pause_another_field_or_a_seal_starts_a_new_step() {
        let mut board = Board::blank();
        let mut history = History::default();
        let id = add(&mut board, &mut history, ItemKind::Goal, 0);
        edit(&mut board, &mut history, title(id, "a"), 10_000);
        edit(
            &mut board,
            &mut history,
            title(id, "ab"),
            10_000 + COALESCE_MS + 1,
        );
        assert_eq!(history.undo.len(), 3, "a long pause splits the run");
        let owner = Edit::UpdateItem {
            id,
            field: ItemField::Owner,
            value: "x".into(),
        };
        edit(&mut board, &mut history, owner, 30_000);
        assert_eq!(history.undo.len(), 4, "another field is another step");
        edit(&mut board, &mut history, title(id, "abc"), 30_100);
        history.seal();
        edit(&mut board, &mut history, title(id, "abcd"), 30_200);
        assert_eq!(history.undo.len(), 6, "sealing ends the run");
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut board = Board::blank();
        let mut history = History::default();
        add(&mut board, &mut history, ItemKind::Goal, 0);
        history.undo(&mut board).unwrap();
        assert!(history.can_redo());
        add(&mut board, &mut history, ItemKind::Action, 10_000);
        assert!(!history.can_redo());
    }

    #[test]
    fn the_history_is_capped_and_drops_the_oldest_steps() {
        let mut board = Board::blank();
        let mut history = History::default();
        for i in 0..(CAP as u64 + 25) {
            add(&mut board, &mut history, ItemKind::Goal, i * 10_000);
        }
        assert_eq!(history.undo.len(), CAP);
        while history.undo(&mut board).unwrap().is_some() {}
        assert_eq!(
            board.items.len(),
            25,
            "the 25 oldest adds can no longer be undone"
        );
    }

    #[test]
    fn a_step_that_no_longer_applies_is_dropped_without_touching_the_board() {
        let mut board = Board::blank();
        let mut history = History::default();
        let id = add(&mut board, &mut history, ItemKind::Goal, 0);
        edit(&mut board, &mut history, title(id, "x"), 10_000);
        // Another tab deleted the item meanwhile.
        apply(&mut board, Edit::DeleteItem { id }).unwrap();
        let before = board.clone();
        assert!(history.undo(&mut board).is_err());
        assert_eq!(board, before);
        assert_eq!(history.undo.len(), 1);
    }

    #[test]
    fn the_history_survives_serialization() {
        let mut board = Board::blank();
        let mut history = History::default();
        let id = add(&mut board, &mut history, ItemKind::ValueMetric, 0);
        let sample = Sample {
            date: day("2026-01-01"),
            value: 0.1,
            note: "n".into(),
        };
        edit(
            &mut board,
            &mut history,
            Edit::SetSample { id, sample },
            10_000,
        );
        edit(&mut board, &mut history, title(id, "m"), 20_000);
        history.undo(&mut board).unwrap();
        let json = serde_json::to_string(&history).unwrap();
        let mut restored: History = serde_json::from_str(&json).unwrap();
        assert_eq!(restored, history);
        restored.redo(&mut board).unwrap();
        assert_eq!(board.item(id).unwrap().title, "m");
        restored.undo(&mut board).unwrap();
        restored.undo(&mut board).unwrap();
        assert!(board
            .item(id)
            .unwrap()
            .metric
            .as_ref()
            .unwrap()
            .samples
            .is_empty());
    }
}
