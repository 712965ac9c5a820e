//! Finding items: free words match an item's title, description or owner;
//! `owner:` and `status:` narrow the search; all of it case-insensitive.
//! For example `pipeline owner:ana status:done`.

use super::board::{Board, Item, ItemId, Status};

/// A parsed search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Every word must appear in the title, description or owner.
    pub words: Vec<String>,
    /// The owner must contain this.
    pub owner: Option<String>,
    /// The status must be this.
    pub status: Option<Status>,
    /// Asked for a status no item can have, so nothing matches.
    pub is_impossible: bool,
}

impl Query {
    /// Reads what the user typed. `status:` accepts `open`, `in-progress`
    /// (or `progress`) and `done`; an unknown status matches nothing.
    pub fn parse(text: &str) -> Query {
        let mut query = Query::default();
        for token in text.split_whitespace() {
            let lower = token.to_lowercase();
            if let Some(owner) = lower.strip_prefix("owner:") {
                if !owner.is_empty() {
                    query.owner = Some(owner.to_owned());
                }
            } else if let Some(status) = lower.strip_prefix("status:") {
                match status {
                    "open" => query.status = Some(Status::Open),
                    "in-progress" | "in_progress" | "progress" | "doing" => {
                        query.status = Some(Status::InProgress);
                    }
                    "done" => query.status = Some(Status::Done),
                    "" => {}
                    _ => query.is_impossible = true,
                }
            } else {
                query.words.push(lower);
            }
        }
        query
    }

    /// Whether the query asks for anything at all.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.owner.is_none()
            && self.status.is_none()
            && !self.is_impossible
    }

    /// Whether an item matches.
    pub fn matches(&self, item: &Item) -> bool {
        if self.is_impossible || self.status.is_some_and(|status| item.status != status) {
            return false;
        }
        let owner = item.owner.to_lowercase();
        if self
            .owner
            .as_ref()
            .is_some_and(|wanted| !owner.contains(wanted.as_str()))
        {
            return false;
        }
        let haystack = format!(
            "{}\n{}\n{owner}",
            item.title.to_lowercase(),
            item.description.to_lowercase()
        );
        self.words
            .iter()
            .all(|word| haystack.contains(word.as_str()))
    }
}

/// The items a query finds, in wheel order.
pub fn search(board: &Board, query: &Query) -> Vec<ItemId> {
    if query.is_empty() {
        return Vec::new();
    }
    board
        .items
        .iter()
        .filter(|item| query.matches(item))
        .map(|item| item.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{apply, Edit, ItemField, ItemKind};

    fn board() -> Board {
        let mut board = Board::blank();
        for (kind, title, owner, description) in [
            (ItemKind::Goal, "Grow the Nordic market", "Ana", ""),
            (
                ItemKind::Challenge,
                "Slow data pipeline",
                "Bo",
                "nightly batch",
            ),
            (ItemKind::Action, "Stream the pipeline", "ana", ""),
        ] {
            let id = apply(
                &mut board,
                Edit::AddItem {
                    kind,
                    title: title.into(),
                },
            )
            .unwrap()
            .created
            .unwrap();
            for (field, value) in [
                (ItemField::Owner, owner),
                (ItemField::Description, description),
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
        }
        let action = board.items[2].id;
        apply(
            &mut board,
            Edit::SetStatus {
                id: action,
                status: Status::Done,
            },
        )
        .unwrap();
        board
    }

    fn titles(board: &Board, text: &str) -> Vec<String> {
        search(board, &Query::parse(text))
            .into_iter()
            .map(|id| board.item(id).unwrap().title.clone())
            .collect()
    }

    #[test]
    fn words_match_title_description_and_owner_in_any_case() {
        let board = board();
        assert_eq!(
            titles(&board, "PIPELINE"),
            ["Slow data pipeline", "Stream the pipeline"]
        );
        assert_eq!(titles(&board, "nightly"), ["Slow data pipeline"]);
        assert_eq!(titles(&board, "bo slow"), ["Slow data pipeline"]);
        assert!(
            titles(&board, "pipeline nordic").is_empty(),
            "every word must match"
        );
    }

    #[test]
    fn owner_and_status_narrow_the_search() {
        let board = board();
        assert_eq!(
            titles(&board, "owner:ana"),
            ["Grow the Nordic market", "Stream the pipeline"]
        );
        assert_eq!(
            titles(&board, "pipeline status:done"),
            ["Stream the pipeline"]
        );
        assert_eq!(
            titles(&board, "status:open"),
            ["Grow the Nordic market", "Slow data pipeline"]
        );
        assert_eq!(titles(&board, "status:in-progress"), Vec::<String>::new());
        assert!(titles(&board, "status:bogus").is_empty());
    }

    #[test]
    fn an_empty_search_finds_nothing() {
        assert!(titles(&board(), "   ").is_empty());
        assert!(Query::parse("owner:").is_empty());
    }
}
