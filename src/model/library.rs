//! The user's boards: which exist, what they are called, when they last
//! changed, and which are in the trash. Plain data with the rules for
//! creating, renaming, trashing and restoring entries; storage keeps it
//! under one key and the board documents under keys of their own.

use serde::{Deserialize, Serialize};

/// Identifies a board in storage. Made of time and randomness by the
/// storage layer; any non-empty string of `[0-9a-z-]` is accepted.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BoardId(pub String);

impl BoardId {
    /// Whether the id is safe to use inside a storage key.
    pub fn is_valid(&self) -> bool {
        !self.0.is_empty()
            && self.0.len() <= 64
            && self
                .0
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }
}

impl std::fmt::Display for BoardId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One board in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardEntry {
    pub id: BoardId,
    #[serde(default)]
    pub title: String,
    /// When the board was last saved, in milliseconds since the Unix epoch.
    #[serde(default)]
    pub updated_ms: u64,
    /// When the board was moved to the trash; `None` while it is live.
    #[serde(default)]
    pub deleted_ms: Option<u64>,
}

impl BoardEntry {
    /// Whether the board is in the trash.
    pub fn is_trashed(&self) -> bool {
        self.deleted_ms.is_some()
    }
}

/// All of a user's boards.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Library {
    pub boards: Vec<BoardEntry>,
    /// The board to open at start-up.
    pub last_open: Option<BoardId>,
}

impl Library {
    /// The entry of a board, live or trashed.
    pub fn entry(&self, id: &BoardId) -> Option<&BoardEntry> {
        self.boards.iter().find(|entry| &entry.id == id)
    }

    fn entry_mut(&mut self, id: &BoardId) -> Option<&mut BoardEntry> {
        self.boards.iter_mut().find(|entry| &entry.id == id)
    }

    /// Live boards, most recently changed first.
    pub fn live(&self) -> Vec<&BoardEntry> {
        let mut live: Vec<&BoardEntry> = self
            .boards
            .iter()
            .filter(|entry| !entry.is_trashed())
            .collect();
        super::sort_by(&mut live, |a, b| {
            b.updated_ms.cmp(&a.updated_ms).then(a.title.cmp(&b.title))
        });
        live
    }

    /// Boards in the trash, most recently trashed first.
    pub fn trashed(&self) -> Vec<&BoardEntry> {
        let mut trashed: Vec<&BoardEntry> = self
            .boards
            .iter()
            .filter(|entry| entry.is_trashed())
            .collect();
        super::sort_by_key(&mut trashed, |entry| std::cmp::Reverse(entry.deleted_ms));
        trashed
    }

    /// Records that a board was saved with this title: adds it if it is new,
    /// and brings it back from the trash if it was there (a save means the
    /// user is working on it).
    pub fn record_save(&mut self, id: &BoardId, title: &str, now_ms: u64) {
        match self.entry_mut(id) {
            Some(entry) => {
                title.clone_into(&mut entry.title);
                entry.updated_ms = now_ms;
                entry.deleted_ms = None;
            }
            None => self.boards.push(BoardEntry {
                id: id.clone(),
                title: title.to_owned(),
                updated_ms: now_ms,
                deleted_ms: None,
            }),
        }
    }

    /// Moves a board to the trash. Returns false when there is no such live board.
    pub fn trash(&mut self, id: &BoardId, now_ms: u64) -> bool {
        match self.entry_mut(id) {
            Some(entry) if !entry.is_trashed() => {
                entry.deleted_ms = Some(now_ms);
                if self.last_open.as_ref() == Some(id) {
                    self.last_open = None;
                }
                true
            }
            _ => false,
        }
    }

    /// Brings a board back from the trash. Returns false when it is not there.
    pub fn untrash(&mut self, id: &BoardId) -> bool {
        match self.entry_mut(id) {
            Some(entry) if entry.is_trashed() => {
                entry.deleted_ms = None;
                true
            }
            _ => false,
        }
    }

    /// Forgets a board entirely and returns its entry.
    pub fn remove(&mut self, id: &BoardId) -> Option<BoardEntry> {
        let index = self.boards.iter().position(|entry| &entry.id == id)?;
        if self.last_open.as_ref() == Some(id) {
            self.last_open = None;
        }
        Some(self.boards.remove(index))
    }

    /// The board to open at start-up: the last one open if it is still
    /// live, else the most recently changed live board.
    pub fn board_to_open(&self) -> Option<BoardId> {
        self.last_open
            .as_ref()
            .filter(|id| self.entry(id).is_some_and(|entry| !entry.is_trashed()))
            .cloned()
            .or_else(|| self.live().first().map(|entry| entry.id.clone()))
    }
}

/// The title a duplicate of a board gets.
pub fn copy_title(title: &str) -> String {
    if title.trim().is_empty() {
        "Copy of untitled flywheel".to_owned()
    } else {
        format!("Copy of {title}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> BoardId {
        BoardId(s.to_owned())
    }

    fn library() -> Library {
        let mut library = Library::default();
        library.record_save(&id("a"), "Alpha", 10);
        library.record_save(&id("b"), "Beta", 30);
        library.record_save(&id("c"), "Gamma", 20);
        library
    }

    #[test]
    fn live_boards_list_the_most_recently_changed_first() {
        let library = library();
        let titles: Vec<&str> = library.live().iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Beta", "Gamma", "Alpha"]);
    }

    #[test]
    fn saving_updates_the_title_and_time_of_an_existing_entry() {
        let mut library = library();
        library.record_save(&id("a"), "Alpha 2", 40);
        assert_eq!(library.boards.len(), 3);
        assert_eq!(library.live()[0].title, "Alpha 2");
    }

    #[test]
    fn a_trashed_board_leaves_the_live_list_and_can_come_back() {
        let mut library = library();
        library.last_open = Some(id("b"));
        assert!(library.trash(&id("b"), 50));
        assert!(!library.trash(&id("b"), 51), "trashing twice does nothing");
        assert_eq!(library.live().len(), 2);
        assert_eq!(library.trashed()[0].id, id("b"));
        assert_eq!(library.last_open, None);
        assert_eq!(library.board_to_open(), Some(id("c")));
        assert!(library.untrash(&id("b")));
        assert_eq!(library.live().len(), 3);
        assert!(!library.untrash(&id("b")));
    }

    #[test]
    fn removing_forgets_the_board() {
        let mut library = library();
        assert_eq!(
            library.remove(&id("a")).map(|e| e.title),
            Some("Alpha".into())
        );
        assert!(library.entry(&id("a")).is_none());
        assert!(library.remove(&id("a")).is_none());
    }

    #[test]
    fn the_last_open_board_is_reopened_while_it_is_live() {
        let mut library = library();
        library.last_open = Some(id("a"));
        assert_eq!(library.board_to_open(), Some(id("a")));
        library.last_open = Some(id("missing"));
        assert_eq!(library.board_to_open(), Some(id("b")));
        assert_eq!(Library::default().board_to_open(), None);
    }

    #[test]
    fn board_ids_must_be_safe_inside_storage_keys() {
        assert!(id("m3x9k2-ab12").is_valid());
        let long = "x".repeat(65);
        for bad in ["", "A", "a/b", "a b", long.as_str()] {
            assert!(!id(bad).is_valid(), "{bad:?}");
        }
    }

    #[test]
    fn duplicates_are_named_after_their_original() {
        assert_eq!(copy_title("Mesh"), "Copy of Mesh");
        assert_eq!(copy_title(" "), "Copy of untitled flywheel");
    }
}
