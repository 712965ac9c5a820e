//! The board and its rules, in plain Rust.
//!
//! This module owns the domain: phases, items, guidance, links, value
//! metrics and their samples, spins, gaps and momentum, every change as an
//! [`Edit`] applied by [`apply`], and the [`Library`] of a user's boards. It imports nothing from the browser, so
//! every rule here is tested natively with `cargo test`.

mod board;
mod date;
mod edit;
mod gaps;
mod history;
mod library;
mod link;
mod metric;
mod order;
mod phase;
mod search;
mod settings;
mod spin;

pub use board::{Board, Guidance, Item, ItemId, PhaseGuidance, Status};
pub use date::Date;
pub use edit::{apply, Applied, Edit, EditError, ItemField};
pub use gaps::{
    gaps, momentum, Analysis, Gap, Momentum, MOMENTUM_DEFINITION, MOMENTUM_HALF_LIFE_DAYS,
};
pub use history::{History, HistoryStep, TextTarget, CAP as HISTORY_CAP, COALESCE_MS};
pub use library::{copy_title, BoardEntry, BoardId, Library};
pub use link::{
    neighbour_map, neighbours, orient, related, sources_of, targets_of, Link, LinkKind, Neighbour,
};
pub use metric::{
    parse_number, parse_samples, Direction, LineError, Metric, MetricSettings, Period, Sample,
    Trend,
};
pub use order::{sort_by, sort_by_key};
pub use phase::{ItemKind, Phase};
pub use search::{search, Query};
pub use settings::{Settings, Step, Theme, TEXT_SCALE_RANGE, TEXT_SCALE_STEP};
pub use spin::{describe_link, diff, ItemChange, MetricDelta, MetricValue, Spin, SpinDiff};

/// User text as a message quotes it: in curly quotes, and isolated from the
/// sentence around it (U+2068 … U+2069, plain text's `<bdi>`), so a title
/// in a right-to-left script neither reorders the message's own words and
/// punctuation nor takes them into its run.
pub fn quoted(text: &str) -> String {
    format!("“\u{2068}{text}\u{2069}”")
}

/// A count and its noun, singular for one: "1 sample", "3 samples".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::{counted, quoted};

    #[test]
    fn a_count_of_one_takes_the_singular() {
        assert_eq!(counted(1, "goal", "goals"), "1 goal");
        assert_eq!(counted(0, "goal", "goals"), "0 goals");
        assert_eq!(counted(2, "sample", "samples"), "2 samples");
    }

    #[test]
    fn quoted_text_is_isolated_from_the_sentence_around_it() {
        // A Hebrew title ending in a digit: without the isolate, the "2" and
        // the closing quote would join the title's right-to-left run.
        let message = format!("Deleted goal {}.", quoted("תוכנית 2"));
        assert_eq!(message, "Deleted goal “\u{2068}תוכנית 2\u{2069}”.");
        assert_eq!(quoted(""), "“\u{2068}\u{2069}”");
    }
}
