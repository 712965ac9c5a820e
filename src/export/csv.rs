//! The board as one CSV file for spreadsheets: a header row, one row per
//! item (`record` = `item`, in wheel order), then one row per metric sample
//! (`record` = `sample`, each metric's samples oldest first, carrying the
//! metric's item id, phase, kind, title and unit). The columns are
//! [`COLUMNS`].
//!
//! The format is RFC 4180: lines end with CRLF (the last one too), and a
//! field is put in double quotes when it holds a comma, a double quote, CR
//! or LF, with its quotes doubled. The text is UTF-8 and starts with a
//! byte order mark, which Excel needs to read it as UTF-8 (other
//! spreadsheets and `utf-8-sig` readers skip it).
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a
//! formula (and tab or CR can hide such a start), so every cell that holds
//! user text (title, description, owner, sample note, unit) and starts with
//! one of those characters gets a single quote `'` in front, as OWASP
//! advises against CSV injection. The cells the app writes itself are left
//! as they are, so numbers stay numbers: ids, dates (`YYYY-MM-DD`), phase,
//! kind, status, direction, the links (`blocked by 2; measured by 7`, by
//! item id) and the values, baselines and targets, which are written exactly
//! (Rust's shortest round-trip form, never rounded; a negative value keeps
//! its minus sign).

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::{neighbour_map, Board, Item, ItemId, Neighbour};

use super::markdown::direction_words;

/// The header row, in column order.
pub const COLUMNS: [&str; 17] = [
    "record",
    "item_id",
    "phase",
    "kind",
    "title",
    "description",
    "owner",
    "status",
    "links",
    "date",
    "value",
    "note",
    "unit",
    "direction",
    "baseline",
    "target",
    "target_date",
];

/// One line of the file; empty fields stay empty.
#[derive(Default)]
struct Row {
    record: &'static str,
    item_id: String,
    phase: &'static str,
    kind: &'static str,
    title: String,
    description: String,
    owner: String,
    status: &'static str,
    links: String,
    date: String,
    value: String,
    note: String,
    unit: String,
    direction: &'static str,
    baseline: String,
    target: String,
    target_date: String,
}

impl Row {
    /// The fields common to an item's row and its samples' rows.
    fn about(record: &'static str, item: &Item) -> Row {
        Row {
            record,
            item_id: item.id.to_string(),
            phase: item.phase().name(),
            kind: item.kind.label(),
            title: user_text(&item.title),
            unit: item
                .metric
                .as_ref()
                .map(|metric| user_text(&metric.settings.unit))
                .unwrap_or_default(),
            ..Row::default()
        }
    }

    fn cells(&self) -> [&str; COLUMNS.len()] {
        [
            self.record,
            &self.item_id,
            self.phase,
            self.kind,
            &self.title,
            &self.description,
            &self.owner,
            self.status,
            &self.links,
            &self.date,
            &self.value,
            &self.note,
            &self.unit,
            self.direction,
            &self.baseline,
            &self.target,
            &self.target_date,
        ]
    }
}

/// User text made safe to open in a spreadsheet: a leading `=`, `+`, `-`,
/// `@`, tab or CR gets a `'` in front, so it cannot start a formula.
fn user_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A field as RFC 4180 writes it: quoted, with quotes doubled, when it
/// holds a comma, a quote, CR or LF.
fn quote(field: &str) -> Cow<'_, str> {
    if field.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(field)
    }
}

fn push_row(out: &mut String, cells: &[&str]) {
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str(&quote(cell));
    }
    out.push_str("\r\n");
}

/// An item's links, by the other item's id: `blocked by 2; measured by 7`.
fn links_cell(neighbours: Option<&Vec<Neighbour>>) -> String {
    neighbours
        .into_iter()
        .flatten()
        .map(|n| format!("{} {}", n.phrase(), n.other))
        .collect::<Vec<_>>()
        .join("; ")
}

fn item_row(item: &Item, neighbours: &HashMap<ItemId, Vec<Neighbour>>) -> Row {
    let mut row = Row::about("item", item);
    row.description = user_text(&item.description);
    row.owner = user_text(&item.owner);
    row.status = item.status.label();
    row.links = links_cell(neighbours.get(&item.id));
    if let Some(metric) = &item.metric {
        let settings = &metric.settings;
        row.direction = direction_words(settings.direction);
        row.baseline = settings.baseline.map(number).unwrap_or_default();
        row.target = settings.target.map(number).unwrap_or_default();
        row.target_date = settings
            .target_date
            .map(|date| date.to_string())
            .unwrap_or_default();
    }
    row
}

/// A value exactly as stored: the shortest text that reads back as the
/// same number, never in exponent form.
fn number(value: f64) -> String {
    value.to_string()
}

/// Writes the board's items and metric samples as one CSV file. It starts
/// with a UTF-8 byte-order mark, without which Excel reads the file in the
/// system's code page and garbles "€", "ü" or "日本".
pub fn to_csv(board: &Board) -> String {
    let mut out = String::from('\u{feff}');
    push_row(&mut out, &COLUMNS);
    let neighbours = neighbour_map(board);
    for item in &board.items {
        push_row(&mut out, &item_row(item, &neighbours).cells());
    }
    for item in &board.items {
        let Some(metric) = &item.metric else {
            continue;
        };
        for sample in &metric.samples {
            let row = Row {
                date: sample.date.to_string(),
                value: number(sample.value),
                note: user_text(&sample.note),
                ..Row::about("sample", item)
            };
            push_row(&mut out, &row.cells());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::testing::{add, sample, set};
    use crate::model::{
        apply, Date, Direction, Edit, ItemField, ItemKind, Link, MetricSettings, Status,
    };

    /// Reads RFC 4180 text back into rows of fields. Records must end with
    /// CRLF; a bare CR or LF is only allowed inside quotes.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = text.trim_start_matches('\u{FEFF}').chars().peekable();
        let mut quoted = false;
        let mut field_started = false;
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => {
                        quoted = false;
                        assert!(
                            matches!(chars.peek(), Some(',' | '\r')),
                            "a closing quote ends its field"
                        );
                    }
                    c => field.push(c),
                }
                continue;
            }
            match c {
                '"' => {
                    assert!(!field_started, "a quote inside an unquoted field: {field}");
                    quoted = true;
                    field_started = true;
                }
                ',' => {
                    row.push(std::mem::take(&mut field));
                    field_started = false;
                }
                '\r' => {
                    assert_eq!(chars.next(), Some('\n'), "CR outside quotes ends a record");
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                    field_started = false;
                }
                '\n' => panic!("bare LF outside quotes"),
                c => {
                    field.push(c);
                    field_started = true;
                }
            }
        }
        assert!(!quoted, "unterminated quote");
        assert!(
            row.is_empty() && field.is_empty(),
            "the last record ends with CRLF"
        );
        rows
    }

    const HYPERLINK: &str = "=HYPERLINK(\"http://x\",\"click\")";

    /// A board with one of each kind, links, and injection attempts in
    /// every kind of user text.
    fn board() -> (Board, ItemId, ItemId) {
        let mut board = Board::blank();
        let goal = add(&mut board, ItemKind::Goal, "=1+2");
        set(
            &mut board,
            goal,
            ItemField::Description,
            "+cmd|' /C calc'!A0",
        );
        set(&mut board, goal, ItemField::Owner, "@SUM(A1)");
        let challenge = add(&mut board, ItemKind::Challenge, HYPERLINK);
        set(
            &mut board,
            challenge,
            ItemField::Description,
            "Line one,\r\nline \"two\"",
        );
        set(&mut board, challenge, ItemField::Owner, "\tx");
        let action = add(&mut board, ItemKind::Action, "-2+3");
        set(&mut board, action, ItemField::Description, "\rx");
        apply(
            &mut board,
            Edit::SetStatus {
                id: action,
                status: Status::Done,
            },
        )
        .unwrap();
        let metric = add(&mut board, ItemKind::ValueMetric, "Net margin, %");
        apply(
            &mut board,
            Edit::UpdateMetric {
                id: metric,
                settings: MetricSettings {
                    unit: "-pp".into(),
                    direction: Direction::HigherIsBetter,
                    baseline: Some(-4.25),
                    target: Some(0.1),
                    target_date: Date::parse("2026-12-31"),
                    ..MetricSettings::default()
                },
            },
        )
        .unwrap();
        sample(&mut board, metric, "2026-01-31", -2.5, "=cmd");
        sample(
            &mut board,
            metric,
            "2026-02-28",
            1_234_567.125,
            "fine, thanks",
        );
        for (from, to) in [
            (challenge, goal),
            (action, challenge),
            (action, goal),
            (metric, goal),
        ] {
            apply(
                &mut board,
                Edit::AddLink {
                    link: Link { from, to },
                },
            )
            .unwrap();
        }
        (board, goal, metric)
    }

    fn column(name: &str) -> usize {
        COLUMNS.iter().position(|c| *c == name).unwrap()
    }

    #[test]
    fn the_file_parses_back_into_a_header_items_and_samples() {
        let (board, _, _) = board();
        let csv = to_csv(&board);
        let csv = csv.strip_prefix('\u{FEFF}').expect("a byte order mark");
        assert!(csv.starts_with(
            "record,item_id,phase,kind,title,description,owner,status,links,date,value,note,unit,direction,baseline,target,target_date\r\n"
        ));
        let rows = parse(csv);
        assert_eq!(rows.len(), 1 + 4 + 2, "header, four items, two samples");
        for row in &rows {
            assert_eq!(row.len(), COLUMNS.len(), "{row:?}");
        }
        let records: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            records,
            ["item", "item", "item", "item", "sample", "sample"]
        );
        let kinds: Vec<&str> = rows[1..5]
            .iter()
            .map(|r| r[column("kind")].as_str())
            .collect();
        assert_eq!(kinds, ["Goal", "Challenge", "Action", "Value metric"]);
        assert_eq!(rows[3][column("phase")], "Next Best Action");
        assert_eq!(rows[3][column("status")], "done");
        assert_eq!(rows[1][column("status")], "open");
    }

    #[test]
    fn user_text_that_could_start_a_formula_is_neutralised() {
        let (board, _, _) = board();
        let rows = parse(&to_csv(&board));
        let cell = |row: usize, name: &str| rows[row][column(name)].clone();
        assert_eq!(cell(1, "title"), "'=1+2");
        assert_eq!(cell(1, "description"), "'+cmd|' /C calc'!A0");
        assert_eq!(cell(1, "owner"), "'@SUM(A1)");
        assert_eq!(cell(2, "title"), format!("'{HYPERLINK}"));
        assert_eq!(cell(2, "owner"), "'\tx");
        assert_eq!(cell(3, "title"), "'-2+3");
        assert_eq!(cell(3, "description"), "'\rx");
        assert_eq!(cell(4, "unit"), "'-pp");
        assert_eq!(cell(5, "note"), "'=cmd");
        assert_eq!(cell(5, "unit"), "'-pp");
        // Text that starts harmlessly is left alone, even with specials inside.
        assert_eq!(cell(2, "description"), "Line one,\r\nline \"two\"");
        assert_eq!(cell(4, "title"), "Net margin, %");
        assert_eq!(cell(6, "note"), "fine, thanks");
        // No parsed user cell starts with a formula character.
        for row in &rows[1..] {
            for name in ["title", "description", "owner", "note", "unit"] {
                let text = &row[column(name)];
                assert!(
                    !text.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn fields_with_commas_quotes_or_line_breaks_are_quoted() {
        let (board, _, _) = board();
        let csv = to_csv(&board);
        assert!(
            csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\","),
            "{csv}"
        );
        assert!(csv.contains(",\"Line one,\r\nline \"\"two\"\"\","), "{csv}");
        assert!(csv.contains(",\"'\rx\","), "a lone CR is quoted: {csv}");
        assert!(csv.contains(",'\tx,"), "a tab alone needs no quotes: {csv}");
        // Every line break outside a field is CRLF.
        let rows = parse(&csv);
        assert_eq!(
            csv.matches("\r\n").count(),
            rows.len() + 1,
            "one CRLF inside a field"
        );
    }

    #[test]
    fn numbers_dates_and_links_are_written_as_they_are() {
        let (board, goal, metric) = board();
        let rows = parse(&to_csv(&board));
        let metric_row = &rows[4];
        assert_eq!(metric_row[column("item_id")], metric.to_string());
        assert_eq!(metric_row[column("direction")], "higher is better");
        assert_eq!(
            metric_row[column("baseline")],
            "-4.25",
            "negative stays a number"
        );
        assert_eq!(metric_row[column("target")], "0.1");
        assert_eq!(metric_row[column("target_date")], "2026-12-31");
        assert_eq!(metric_row[column("links")], format!("measures {goal}"));
        let first = &rows[5];
        assert_eq!(first[column("item_id")], metric.to_string());
        assert_eq!(first[column("title")], "Net margin, %");
        assert_eq!(first[column("date")], "2026-01-31");
        assert_eq!(first[column("value")], "-2.5", "negative stays a number");
        assert_eq!(first[column("description")], "");
        assert_eq!(rows[6][column("value")], "1234567.125", "never rounded");
        let goal_row = &rows[1];
        assert_eq!(
            goal_row[column("links")],
            "blocked by 2; served by 3; measured by 4"
        );
        assert_eq!(goal_row[column("value")], "");
        assert_eq!(rows[3][column("links")], "serves 1; addresses 2");
    }

    #[test]
    fn an_empty_board_is_just_the_header() {
        let csv = to_csv(&Board::blank());
        assert_eq!(csv, format!("\u{FEFF}{}\r\n", COLUMNS.join(",")));
        assert_eq!(parse(&csv).len(), 1);
    }
}
