//! The board as a wiki-ready Markdown outline: the title as a heading, the
//! north star as a quote, one section per phase in wheel order (I to IV)
//! listing its items (title in bold, owner, status when not open, the
//! description, and what each item is linked to), then a table of the value
//! metrics with their latest value, target and baseline.
//!
//! User text can never add structure: `&`, `<` and `>` become entities (so
//! `<script>` shows as text), the characters Markdown reads anywhere in a
//! line are backslash-escaped, so are those that only matter at the start
//! of a line, and a field's line breaks become `<br>` (or spaces), so no
//! field can end a list item or a table row. [`escape_markdown`] is shared
//! with the JSON Canvas writer.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::model::{
    neighbour_map, Board, Direction, Item, ItemId, ItemKind, Metric, Neighbour, Phase, Status,
};
use crate::render::chart::format_value;

/// Characters that mean something wherever they stand in a line: escapes,
/// code, emphasis, strikethrough, links and images, table cells, tags.
const INLINE_SPECIALS: &[char] = &['\\', '`', '*', '_', '[', ']', '(', ')', '|', '~', '!', '#'];

/// Characters that only mean something at the start of a line: list
/// markers and setext underlines.
const LINE_START_SPECIALS: &[char] = &['-', '+', '='];

/// User text as Markdown that shows exactly that text: `&`, `<` and `>`
/// become entities, Markdown punctuation is backslash-escaped, and each
/// line of the text (trimmed, blank lines dropped) is joined by `<br>`, so
/// the result is one line that cannot break a list item or a table row.
pub(crate) fn escape_markdown(text: &str) -> String {
    escape_joined(text, "<br>")
}

/// Like [`escape_markdown`], but the lines are joined by spaces: for titles
/// and other one-line fields.
pub(crate) fn escape_markdown_line(text: &str) -> String {
    escape_joined(text, " ")
}

fn escape_joined(text: &str, joiner: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(escape_segment)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(joiner)
}

/// Escapes one line of user text that may stand at the start of a Markdown
/// line (so `# x`, `- x`, `1. x` and `===` are escaped too).
fn escape_segment(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut at_start = true;
    let mut leading_digits = true;
    for c in line.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' => out.push(' '),
            c if c.is_control() => continue,
            c if INLINE_SPECIALS.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c if at_start && LINE_START_SPECIALS.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            // "1. x" would start an ordered list.
            '.' if leading_digits && !at_start => out.push_str("\\."),
            c => out.push(c),
        }
        leading_digits = leading_digits && c.is_ascii_digit();
        at_start = false;
    }
    out
}

/// Writes the board as a Markdown outline.
pub fn to_markdown(board: &Board) -> String {
    let mut out = String::new();
    let title = if board.title.trim().is_empty() {
        "Untitled flywheel".to_owned()
    } else {
        escape_markdown_line(&board.title)
    };
    let _ = writeln!(out, "# {title}\n");
    let north_star = escape_markdown(&board.north_star);
    if north_star.is_empty() {
        out.push_str("> *No north star yet.*\n");
    } else {
        let _ = writeln!(out, "> **North star:** {north_star}");
    }

    let neighbours = neighbour_map(board);
    for phase in Phase::ALL {
        write_phase(&mut out, board, phase, &neighbours);
    }
    write_metrics_table(&mut out, board);
    out
}

fn write_phase(
    out: &mut String,
    board: &Board,
    phase: Phase,
    neighbours: &HashMap<ItemId, Vec<Neighbour>>,
) {
    let _ = writeln!(out, "\n## {} · {}\n", phase.numeral(), phase.name());
    let goal = escape_markdown(&board.guidance_for(phase).goal);
    if !goal.is_empty() {
        let _ = writeln!(out, "*Phase goal:* {goal}\n");
    }
    let mut items = board.items_in(phase).peekable();
    if items.peek().is_none() {
        let _ = writeln!(out, "*No {} yet.*", phase.item_kind().plural());
        return;
    }
    let mut first = true;
    for item in items {
        if !first {
            out.push('\n');
        }
        first = false;
        write_item(
            out,
            board,
            item,
            neighbours.get(&item.id).map_or(&[], Vec::as_slice),
        );
    }
}

fn write_item(out: &mut String, board: &Board, item: &Item, links: &[Neighbour]) {
    let _ = write!(out, "- **{}**", escape_markdown_line(item.display_title()));
    let owner = escape_markdown_line(&item.owner);
    if !owner.is_empty() {
        let _ = write!(out, " · owner: {owner}");
    }
    if item.status != Status::Open {
        let _ = write!(out, " · {}", item.status.label());
    }
    out.push('\n');
    let description = escape_markdown(&item.description);
    if !description.is_empty() {
        let _ = writeln!(out, "\n  {description}");
    }
    if !links.is_empty() {
        out.push('\n');
    }
    for neighbour in links {
        let Some(other) = board.item(neighbour.other) else {
            continue;
        };
        let arrow = if neighbour.is_start { "→" } else { "←" };
        let _ = writeln!(
            out,
            "  - {arrow} {}: **{}**",
            neighbour.phrase(),
            escape_markdown_line(other.display_title())
        );
    }
}

/// The words for a metric's direction.
pub(crate) fn direction_words(direction: Direction) -> &'static str {
    match direction {
        Direction::HigherIsBetter => "higher is better",
        Direction::LowerIsBetter => "lower is better",
    }
}

fn write_metrics_table(out: &mut String, board: &Board) {
    out.push_str("\n## Value metrics\n\n");
    let mut metrics = board.items_in(ItemKind::ValueMetric.phase()).peekable();
    if metrics.peek().is_none() {
        let _ = writeln!(out, "*No {} yet.*", ItemKind::ValueMetric.plural());
        return;
    }
    out.push_str("| Metric | Latest value | Target | Baseline | Unit | Direction |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- |\n");
    let empty = Metric::default();
    for item in metrics {
        let metric = item.metric.as_ref().unwrap_or(&empty);
        let settings = &metric.settings;
        let latest = metric.latest().map_or_else(
            || "—".to_owned(),
            |sample| format!("{} ({})", format_value(sample.value), sample.date),
        );
        let target = match (settings.target, settings.target_date) {
            (Some(target), Some(date)) => format!("{} by {date}", format_value(target)),
            (Some(target), None) => format_value(target),
            (None, Some(date)) => format!("by {date}"),
            (None, None) => "—".to_owned(),
        };
        let baseline = settings
            .baseline
            .map_or_else(|| "—".to_owned(), format_value);
        let unit = escape_markdown(&settings.unit);
        let unit = if unit.is_empty() {
            "—".to_owned()
        } else {
            unit
        };
        let _ = writeln!(
            out,
            "| {} | {latest} | {target} | {baseline} | {unit} | {} |",
            escape_markdown(item.display_title()),
            direction_words(settings.direction)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::testing::{add, link, sample, set};
    use crate::model::{apply, Date, Edit, ItemField, MetricSettings};

    /// A board whose every text field tries to inject markup.
    fn hostile_board() -> Board {
        let mut board = Board::blank();
        board.title = "<script>alert(1)</script> & co".into();
        board.north_star = "# Be *great*\n> quoted\n- listed".into();
        let goal = add(&mut board, ItemKind::Goal, "Pipes | and *stars*");
        set(
            &mut board,
            goal,
            ItemField::Description,
            "[x](javascript:alert(1))\n\n1. not a list\n---\n<img src=x onerror=alert(1)>",
        );
        set(&mut board, goal, ItemField::Owner, "_Ann_ `rm -rf`");
        let challenge = add(
            &mut board,
            ItemKind::Challenge,
            "Line\nbreak | in [x](javascript:void)",
        );
        let action = add(&mut board, ItemKind::Action, "![img](http://x/y.png)");
        let metric = add(
            &mut board,
            ItemKind::ValueMetric,
            "Lead | time\nnew row | x |",
        );
        apply(
            &mut board,
            Edit::UpdateMetric {
                id: metric,
                settings: MetricSettings {
                    unit: "days | <b>".into(),
                    direction: Direction::LowerIsBetter,
                    baseline: Some(30.0),
                    target: Some(5.0),
                    target_date: Date::parse("2026-12-31"),
                    ..MetricSettings::default()
                },
            },
        )
        .unwrap();
        sample(&mut board, metric, "2026-01-31", 20.0, "");
        sample(&mut board, metric, "2026-02-28", -12.5, "");
        link(&mut board, challenge, goal);
        link(&mut board, action, challenge);
        link(&mut board, metric, goal);
        board
    }

    /// The number of cells in a table row: pipes that are not escaped, less one.
    fn cells(row: &str) -> usize {
        let mut pipes = 0;
        let mut chars = row.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '|' => pipes += 1,
                _ => {}
            }
        }
        pipes - 1
    }

    /// Whether `needle` occurs somewhere not preceded by a backslash.
    fn has_unescaped(text: &str, needle: &str) -> bool {
        text.match_indices(needle).any(|(at, _)| {
            let backslashes = text[..at].chars().rev().take_while(|c| *c == '\\').count();
            backslashes % 2 == 0
        })
    }

    #[test]
    fn escaping_neutralises_html_and_markdown_structure() {
        assert_eq!(
            escape_markdown("<script>alert(1)</script>"),
            "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
        );
        assert_eq!(
            escape_markdown("[x](javascript:y)"),
            "\\[x\\]\\(javascript:y\\)"
        );
        assert_eq!(
            escape_markdown("a | b * c _ d ` e ~ f \\"),
            "a \\| b \\* c \\_ d \\` e \\~ f \\\\"
        );
        assert_eq!(escape_markdown("# heading"), "\\# heading");
        assert_eq!(
            escape_markdown("- item\n+ item\n==="),
            "\\- item<br>\\+ item<br>\\==="
        );
        assert_eq!(escape_markdown("1. first"), "1\\. first");
        assert_eq!(escape_markdown("> quote & more"), "&gt; quote &amp; more");
        // Mid-line dashes, dots and pluses mean nothing and stay readable.
        assert_eq!(escape_markdown("Long-Term 2.5 a+b"), "Long-Term 2.5 a+b");
        assert_eq!(escape_markdown("a\r\n\r\n  b\u{7}  \n"), "a<br>b");
        assert_eq!(escape_markdown_line("a\nb"), "a b");
        assert_eq!(escape_markdown(" \n\t "), "");
    }

    #[test]
    fn hostile_text_cannot_inject_html_links_or_structure() {
        let markdown = to_markdown(&hostile_board());
        assert!(!markdown.contains("<script"), "{markdown}");
        assert!(!markdown.contains("<img"), "{markdown}");
        assert!(!markdown.contains("<b>"), "{markdown}");
        assert!(markdown.contains("# &lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp; co\n"));
        assert!(!has_unescaped(&markdown, "]("), "{markdown}");
        assert!(!has_unescaped(&markdown, "!["), "{markdown}");
        // The only `<` left are the line breaks this writer puts in.
        assert_eq!(
            markdown.matches('<').count(),
            markdown.matches("<br>").count(),
            "{markdown}"
        );
        // No user line starts a heading, list, quote or rule of its own.
        let headings: Vec<&str> = markdown.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(headings.len(), 6, "{headings:?}");
        for line in markdown.lines() {
            let body = line.trim_start();
            assert!(
                !body.starts_with("---") && !body.starts_with("1."),
                "{line}"
            );
        }
        assert!(markdown
            .contains("> **North star:** \\# Be \\*great\\*<br>&gt; quoted<br>\\- listed\n"));
        assert!(
            markdown.contains("- **Pipes \\| and \\*stars\\*** · owner: \\_Ann\\_ \\`rm -rf\\`\n")
        );
        assert!(markdown.contains("- **Line break \\| in \\[x\\]\\(javascript:void\\)**\n"));
    }

    #[test]
    fn every_table_row_has_six_cells() {
        let markdown = to_markdown(&hostile_board());
        let rows: Vec<&str> = markdown.lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(rows.len(), 3, "header, rule and one metric: {rows:?}");
        for row in &rows {
            assert_eq!(cells(row), 6, "{row}");
        }
        assert_eq!(
            rows[2],
            "| Lead \\| time<br>new row \\| x \\| | -12.5 (2026-02-28) | 5 by 2026-12-31 | 30 | days \\| &lt;b&gt; | lower is better |"
        );
    }

    #[test]
    fn phases_come_in_wheel_order_with_their_items_and_links() {
        let markdown = to_markdown(&hostile_board());
        let positions: Vec<usize> = [
            "## I · Clarity of Purpose",
            "## II · Challenge and Landscape",
            "## III · Next Best Action",
            "## IV · Long-Term Value",
            "## Value metrics",
        ]
        .iter()
        .map(|heading| markdown.find(&format!("\n{heading}\n")).unwrap())
        .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        let phase_one = &markdown[positions[0]..positions[1]];
        assert!(phase_one.contains("*Phase goal:* Ensure that data and business teams"));
        assert!(phase_one.contains("Pipes \\| and"));
        // The goal lists the challenge that blocks it and the metric measuring it.
        assert!(
            phase_one.contains("  - ← blocked by: **Line break \\| in"),
            "{phase_one}"
        );
        assert!(
            phase_one.contains("  - ← measured by: **Lead \\| time new row"),
            "{phase_one}"
        );
        // The description is its own paragraph inside the list item.
        assert!(phase_one.contains(
            "\n\n  \\[x\\]\\(javascript:alert\\(1\\)\\)<br>1\\. not a list<br>\\---<br>&lt;img"
        ));
        let phase_three = &markdown[positions[2]..positions[3]];
        assert!(
            phase_three.contains("  - → addresses: **Line break"),
            "{phase_three}"
        );
        assert!(!phase_three.contains("No actions yet"));
    }

    #[test]
    fn owner_and_status_show_only_when_set() {
        let mut board = Board::blank();
        board.title = "Plain".into();
        board.north_star = "Ship value".into();
        let open = add(&mut board, ItemKind::Action, "Open one");
        let doing = add(&mut board, ItemKind::Action, "Busy one");
        set(&mut board, doing, ItemField::Owner, "Bo");
        apply(
            &mut board,
            Edit::SetStatus {
                id: doing,
                status: Status::InProgress,
            },
        )
        .unwrap();
        add(&mut board, ItemKind::Action, "  ");
        let markdown = to_markdown(&board);
        assert!(markdown.starts_with("# Plain\n\n> **North star:** Ship value\n"));
        assert!(markdown.contains("- **Open one**\n"), "{markdown}");
        assert!(markdown.contains("- **Busy one** · owner: Bo · in progress\n"));
        assert!(markdown.contains("- **Untitled**\n"));
        assert!(board.item(open).is_some());
    }

    #[test]
    fn an_empty_board_says_what_is_missing() {
        let mut board = Board::blank();
        board.title = "   ".into();
        let markdown = to_markdown(&board);
        assert!(markdown.starts_with("# Untitled flywheel\n\n> *No north star yet.*\n"));
        for text in [
            "*No goals yet.*",
            "*No challenges yet.*",
            "*No actions yet.*",
            "## Value metrics\n\n*No value metrics yet.*\n",
        ] {
            assert!(markdown.contains(text), "{text} in {markdown}");
        }
        assert!(!markdown.contains('|'), "no table without metrics");
    }

    #[test]
    fn a_metric_without_samples_or_target_shows_dashes() {
        let mut board = Board::blank();
        add(&mut board, ItemKind::ValueMetric, "Adoption");
        let markdown = to_markdown(&board);
        assert!(
            markdown.contains("| Adoption | — | — | — | — | higher is better |\n"),
            "{markdown}"
        );
    }
}
