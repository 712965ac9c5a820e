//! The board as a JSON Canvas 1.0 file (<https://jsoncanvas.org/spec/1.0/>),
//! for Obsidian and other infinite-canvas tools. The layout follows the
//! wheel: a text node in the middle holds the title and north star, and the
//! four phases are groups around it, clockwise (I above, II to the right,
//! III below, IV to the left), labelled "I · Clarity of Purpose" and so on.
//! Each group holds its items as text nodes stacked top to bottom, fully
//! inside the group (an empty phase holds a "No goals yet" note instead).
//!
//! Edges run the cycle between the groups, I → II → III → IV, and IV → I
//! labelled "feeds back"; each link on the board becomes one edge between
//! its two items, labelled with the link's verb ("blocks", "measures").
//!
//! Nodes are listed groups first, as the spec orders nodes by z-index, so
//! every group precedes the nodes inside it. Ids are unique across nodes and
//! edges. Item text is Markdown (title in bold, owner, status, description,
//! a value metric's latest value) with user text escaped by
//! [`escape_markdown`], so it cannot inject markup or links. Node heights
//! are estimated from the text, with [`wrap`].

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{Board, Item, Phase, Status};
use crate::render::layout::metric_summary;
use crate::render::text::wrap;

use super::markdown::{escape_markdown, escape_markdown_line};

/// The width of an item's text node.
const ITEM_WIDTH: i64 = 360;
/// Space between a group's edge and its items, and between items.
const PADDING: i64 = 20;
/// The width of a phase group: one column of items.
const GROUP_WIDTH: i64 = ITEM_WIDTH + 2 * PADDING;
/// The width of the title node in the middle.
const HUB_WIDTH: i64 = 400;
/// Space between the hub and each group.
const GAP: i64 = 100;
/// How a text node's height is estimated: font size, line height, the
/// space between paragraphs and the node's inner padding, in canvas pixels.
const FONT_SIZE: f64 = 16.0;
const LINE_HEIGHT: i64 = 26;
const PARAGRAPH_GAP: i64 = 16;
const TEXT_PADDING: i64 = 24;
/// Text nodes taller than this scroll in the canvas app.
const MAX_TEXT_HEIGHT: i64 = 520;

/// A canvas file: nodes in z-order, then edges.
#[derive(Serialize)]
struct Canvas {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

#[derive(Serialize)]
struct Node {
    id: String,
    #[serde(flatten)]
    content: Content,
    x: i64,
    y: i64,
    width: i64,
    height: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'static str>,
}

/// What a node shows; serialized as its `type` and that type's fields.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Content {
    Text { text: String },
    Group { label: String },
}

#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
enum Side {
    Top,
    Right,
    Bottom,
    Left,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Edge {
    id: String,
    from_node: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_side: Option<Side>,
    to_node: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_side: Option<Side>,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
}

/// The canvas preset colour of a phase, close to the app's phase colours:
/// cyan, orange, green, purple.
fn phase_color(phase: Phase) -> &'static str {
    ["5", "2", "4", "6"][phase.index()]
}

fn group_id(phase: Phase) -> String {
    format!("phase-{}", phase.slug())
}

fn item_node_id(item: &Item) -> String {
    format!("item-{}", item.id)
}

/// A count as a canvas coordinate; no board comes near `i64::MAX` lines.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The estimated height of a text node of `width` showing Markdown `text`:
/// paragraphs are separated by blank lines, `<br>` breaks a line.
fn text_height(text: &str, width: i64) -> i64 {
    let inner = (width - 2 * TEXT_PADDING) as f64;
    let mut lines = 0;
    let mut paragraphs = 0;
    for paragraph in text.split("\n\n") {
        paragraphs += 1;
        for line in paragraph.split('\n').flat_map(|line| line.split("<br>")) {
            lines += wrap(line, inner, FONT_SIZE, usize::MAX).len().max(1);
        }
    }
    let height =
        2 * TEXT_PADDING + count(lines) * LINE_HEIGHT + (count(paragraphs) - 1) * PARAGRAPH_GAP;
    height.min(MAX_TEXT_HEIGHT)
}

/// An item as Markdown: title in bold, then owner and status, description
/// and, for a value metric, its latest value and target.
fn item_text(item: &Item) -> String {
    let mut paragraphs = vec![format!(
        "**{}**",
        escape_markdown_line(item.display_title())
    )];
    let mut facts = Vec::new();
    let owner = escape_markdown_line(&item.owner);
    if !owner.is_empty() {
        facts.push(format!("Owner: {owner}"));
    }
    if item.status != Status::Open {
        facts.push(item.status.label().to_owned());
    }
    if !facts.is_empty() {
        paragraphs.push(facts.join(" · "));
    }
    let description = escape_markdown(&item.description);
    if !description.is_empty() {
        paragraphs.push(description);
    }
    if let Some(metric) = &item.metric {
        let mut summary = escape_markdown_line(&metric_summary(metric));
        if let Some(latest) = metric.latest() {
            let _ = write!(summary, " ({})", latest.date);
        }
        paragraphs.push(format!("*{summary}*"));
    }
    paragraphs.join("\n\n")
}

/// The text node in the middle: title and north star.
fn hub_text(board: &Board) -> String {
    let title = if board.title.trim().is_empty() {
        "Untitled flywheel".to_owned()
    } else {
        escape_markdown_line(&board.title)
    };
    let north_star = escape_markdown(&board.north_star);
    if north_star.is_empty() {
        format!("# {title}\n\n*No north star yet.*")
    } else {
        format!("# {title}\n\n**North star:** {north_star}")
    }
}

/// One phase's group and the text nodes inside it, before placing.
struct Column {
    phase: Phase,
    /// Node id, text and height of each node, top to bottom.
    cards: Vec<(String, String, i64)>,
}

impl Column {
    fn of(board: &Board, phase: Phase) -> Column {
        let mut cards: Vec<(String, String, i64)> = board
            .items_in(phase)
            .map(|item| {
                let text = item_text(item);
                let height = text_height(&text, ITEM_WIDTH);
                (item_node_id(item), text, height)
            })
            .collect();
        if cards.is_empty() {
            let text = format!("*No {} yet.*", phase.item_kind().plural());
            let height = text_height(&text, ITEM_WIDTH);
            cards.push((format!("empty-{}", phase.slug()), text, height));
        }
        Column { phase, cards }
    }

    fn height(&self) -> i64 {
        let cards: i64 = self.cards.iter().map(|card| card.2).sum();
        cards + PADDING * (count(self.cards.len()) + 1)
    }
}

/// Writes the board as a JSON Canvas 1.0 document.
pub fn to_canvas(board: &Board) -> String {
    let columns: Vec<Column> = Phase::ALL.iter().map(|p| Column::of(board, *p)).collect();
    let hub = hub_text(board);
    let hub_height = text_height(&hub, HUB_WIDTH);
    let (hub_x, hub_y) = (-HUB_WIDTH / 2, -hub_height / 2);

    // Top-left corner of each group, clockwise around the hub.
    let corner = |column: &Column| -> (i64, i64) {
        let height = column.height();
        match column.phase {
            Phase::ClarityOfPurpose => (-GROUP_WIDTH / 2, hub_y - GAP - height),
            Phase::ChallengeAndLandscape => (hub_x + HUB_WIDTH + GAP, -height / 2),
            Phase::NextBestAction => (-GROUP_WIDTH / 2, hub_y + hub_height + GAP),
            Phase::LongTermValue => (hub_x - GAP - GROUP_WIDTH, -height / 2),
        }
    };

    let mut nodes = Vec::new();
    for column in &columns {
        let (x, y) = corner(column);
        nodes.push(Node {
            id: group_id(column.phase),
            content: Content::Group {
                label: format!("{} · {}", column.phase.numeral(), column.phase.name()),
            },
            x,
            y,
            width: GROUP_WIDTH,
            height: column.height(),
            color: Some(phase_color(column.phase)),
        });
    }
    nodes.push(Node {
        id: "hub".to_owned(),
        content: Content::Text { text: hub },
        x: hub_x,
        y: hub_y,
        width: HUB_WIDTH,
        height: hub_height,
        color: None,
    });
    for column in columns {
        let (x, mut y) = corner(&column);
        y += PADDING;
        for (id, text, height) in column.cards {
            nodes.push(Node {
                id,
                content: Content::Text { text },
                x: x + PADDING,
                y,
                width: ITEM_WIDTH,
                height,
                color: None,
            });
            y += height + PADDING;
        }
    }

    let sides = [
        (Side::Right, Side::Top),
        (Side::Bottom, Side::Right),
        (Side::Left, Side::Bottom),
        (Side::Top, Side::Left),
    ];
    let mut edges: Vec<Edge> = Phase::ALL
        .iter()
        .zip(sides)
        .map(|(phase, (from_side, to_side))| Edge {
            id: format!("cycle-{}-{}", phase.slug(), phase.next().slug()),
            from_node: group_id(*phase),
            from_side: Some(from_side),
            to_node: group_id(phase.next()),
            to_side: Some(to_side),
            color: Some(phase_color(*phase)),
            label: (*phase == Phase::LongTermValue).then(|| "feeds back".to_owned()),
        })
        .collect();
    for link in &board.links {
        let (Some(from), Some(to), Some(kind)) = (
            board.item(link.from),
            board.item(link.to),
            board.link_kind(link),
        ) else {
            continue;
        };
        edges.push(Edge {
            id: format!("link-{}-{}", link.from, link.to),
            from_node: item_node_id(from),
            from_side: None,
            to_node: item_node_id(to),
            to_side: None,
            color: None,
            label: Some(kind.verb().to_owned()),
        });
    }

    // Serializing plain structs with string keys into a String cannot fail.
    serde_json::to_string_pretty(&Canvas { nodes, edges }).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::export::testing::add;
    use std::collections::{HashMap, HashSet};

    use serde_json::Value;

    use super::*;
    use crate::document::templates::data_factory;
    use crate::model::{apply, Edit, ItemField, ItemKind, Link};

    /// A node's rectangle: x, y, width, height.
    type Rect = (i64, i64, i64, i64);

    fn rect(node: &Value) -> Rect {
        let get = |key: &str| node[key].as_i64().unwrap();
        (get("x"), get("y"), get("width"), get("height"))
    }

    fn inside(inner: Rect, outer: Rect) -> bool {
        inner.0 >= outer.0
            && inner.1 >= outer.1
            && inner.0 + inner.2 <= outer.0 + outer.2
            && inner.1 + inner.3 <= outer.1 + outer.3
    }

    fn overlap(a: Rect, b: Rect) -> bool {
        a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
    }

    fn parse(board: &Board) -> Value {
        serde_json::from_str(&to_canvas(board)).unwrap()
    }

    fn nodes(canvas: &Value) -> &Vec<Value> {
        canvas["nodes"].as_array().unwrap()
    }

    fn edges(canvas: &Value) -> &Vec<Value> {
        canvas["edges"].as_array().unwrap()
    }

    fn node<'a>(canvas: &'a Value, id: &str) -> &'a Value {
        nodes(canvas).iter().find(|n| n["id"] == id).unwrap()
    }

    /// The seed template plus items that try to inject markup, one with a
    /// very long description, and an extra link.
    fn board() -> Board {
        let mut board = data_factory();
        board.title = "<script>alert(1)</script>".into();
        let goal = add(
            &mut board,
            ItemKind::Goal,
            "[x](javascript:alert(1)) *bold*",
        );
        apply(
            &mut board,
            Edit::UpdateItem {
                id: goal,
                field: ItemField::Description,
                value: "Line one\n# not a heading\n".repeat(30),
            },
        )
        .unwrap();
        apply(
            &mut board,
            Edit::UpdateItem {
                id: goal,
                field: ItemField::Owner,
                value: "<b>Ann</b>".into(),
            },
        )
        .unwrap();
        let action = add(&mut board, ItemKind::Action, "Pipe | action");
        apply(
            &mut board,
            Edit::AddLink {
                link: Link {
                    from: action,
                    to: goal,
                },
            },
        )
        .unwrap();
        board
    }

    fn is_color(color: &str) -> bool {
        matches!(color, "1" | "2" | "3" | "4" | "5" | "6")
            || (color.len() == 7
                && color.starts_with('#')
                && color[1..].chars().all(|c| c.is_ascii_hexdigit()))
    }

    #[test]
    fn every_node_and_edge_has_the_fields_the_spec_requires() {
        for board in [board(), Board::blank()] {
            let canvas = parse(&board);
            let mut top: Vec<&String> = canvas.as_object().unwrap().keys().collect();
            top.sort();
            assert_eq!(top, ["edges", "nodes"]);
            let ids: HashSet<&str> = nodes(&canvas)
                .iter()
                .map(|n| n["id"].as_str().unwrap())
                .collect();
            for node in nodes(&canvas) {
                for key in ["x", "y", "width", "height"] {
                    assert!(node[key].is_i64(), "{key} of {node}");
                }
                assert!(node["width"].as_i64().unwrap() > 0);
                assert!(node["height"].as_i64().unwrap() > 0);
                match node["type"].as_str().unwrap() {
                    "text" => assert!(node["text"].is_string(), "{node}"),
                    "group" => assert!(node["label"].is_string(), "{node}"),
                    other => panic!("unexpected node type {other}"),
                }
                if let Some(color) = node.get("color") {
                    assert!(is_color(color.as_str().unwrap()), "{node}");
                }
            }
            for edge in edges(&canvas) {
                assert!(edge["id"].is_string(), "{edge}");
                for end in ["fromNode", "toNode"] {
                    assert!(ids.contains(edge[end].as_str().unwrap()), "{end} of {edge}");
                }
                for side in ["fromSide", "toSide"] {
                    if let Some(side) = edge.get(side) {
                        let side = side.as_str().unwrap();
                        assert!(["top", "right", "bottom", "left"].contains(&side), "{edge}");
                    }
                }
                if let Some(color) = edge.get("color") {
                    assert!(is_color(color.as_str().unwrap()), "{edge}");
                }
                if let Some(label) = edge.get("label") {
                    assert!(label.is_string());
                }
            }
        }
    }

    #[test]
    fn ids_are_unique_across_nodes_and_edges() {
        let board = board();
        let canvas = parse(&board);
        let all: Vec<&str> = nodes(&canvas)
            .iter()
            .chain(edges(&canvas))
            .map(|v| v["id"].as_str().unwrap())
            .collect();
        let unique: HashSet<&str> = all.iter().copied().collect();
        assert_eq!(unique.len(), all.len(), "{all:?}");
        // Four groups, the hub and one node per item.
        assert_eq!(nodes(&canvas).len(), 4 + 1 + board.items.len());
    }

    #[test]
    fn every_item_sits_inside_its_phase_group_without_overlapping() {
        let board = board();
        let canvas = parse(&board);
        let hub = rect(node(&canvas, "hub"));
        let mut groups = Vec::new();
        for phase in Phase::ALL {
            let group = rect(node(&canvas, &group_id(phase)));
            assert!(!overlap(group, hub), "{phase:?} clears the hub");
            let cards: Vec<Rect> = board
                .items_in(phase)
                .map(|item| rect(node(&canvas, &item_node_id(item))))
                .collect();
            assert!(!cards.is_empty());
            for (index, card) in cards.iter().enumerate() {
                // With a margin, so the card clears the group's border.
                let margin = (
                    card.0 - PADDING,
                    card.1 - PADDING,
                    card.2 + 2 * PADDING,
                    card.3 + 2 * PADDING,
                );
                assert!(
                    inside(margin, group),
                    "{phase:?} item {index}: {card:?} in {group:?}"
                );
                for other in &cards[index + 1..] {
                    assert!(!overlap(*card, *other), "{card:?} and {other:?}");
                    assert!(
                        other.1 >= card.1 + card.3 + PADDING,
                        "stacked top to bottom with a gap"
                    );
                }
            }
            groups.push(group);
        }
        for (index, group) in groups.iter().enumerate() {
            for other in &groups[index + 1..] {
                assert!(!overlap(*group, *other), "{group:?} and {other:?}");
            }
        }
        // Clockwise around the hub: I above, II right, III below, IV left.
        let [one, two, three, four] = [groups[0], groups[1], groups[2], groups[3]];
        assert!(one.1 + one.3 <= hub.1);
        assert!(two.0 >= hub.0 + hub.2);
        assert!(three.1 >= hub.1 + hub.3);
        assert!(four.0 + four.2 <= hub.0);
    }

    #[test]
    fn long_text_makes_a_taller_node() {
        let board = board();
        let canvas = parse(&board);
        let heights: HashMap<&str, i64> = nodes(&canvas)
            .iter()
            .map(|n| (n["id"].as_str().unwrap(), n["height"].as_i64().unwrap()))
            .collect();
        let long = board
            .items
            .iter()
            .find(|i| i.description.len() > 400)
            .unwrap();
        let short = board.items_in(Phase::ClarityOfPurpose).next().unwrap();
        assert!(
            heights[item_node_id(long).as_str()] > 2 * heights[item_node_id(short).as_str()],
            "{heights:?}"
        );
        assert_eq!(heights[item_node_id(long).as_str()], MAX_TEXT_HEIGHT);
    }

    #[test]
    fn groups_come_before_the_nodes_inside_them() {
        let canvas = parse(&board());
        let list = nodes(&canvas);
        for (index, group) in list.iter().enumerate() {
            if group["type"] != "group" {
                continue;
            }
            for (other_index, other) in list.iter().enumerate() {
                if other["type"] != "group" && inside(rect(other), rect(group)) {
                    assert!(
                        index < other_index,
                        "{} precedes {}",
                        group["id"],
                        other["id"]
                    );
                }
            }
        }
        let kinds: Vec<&str> = list.iter().map(|n| n["type"].as_str().unwrap()).collect();
        assert_eq!(kinds[..4], ["group"; 4]);
        assert!(!kinds[4..].contains(&"group"));
    }

    #[test]
    fn each_board_link_becomes_one_labelled_edge() {
        let board = board();
        let canvas = parse(&board);
        let link_edges: Vec<&Value> = edges(&canvas)
            .iter()
            .filter(|e| e["fromNode"].as_str().unwrap().starts_with("item-"))
            .collect();
        assert_eq!(link_edges.len(), board.links.len());
        assert_eq!(edges(&canvas).len(), 4 + board.links.len());
        for link in &board.links {
            let (from, to) = (board.item(link.from).unwrap(), board.item(link.to).unwrap());
            let matching: Vec<&&Value> = link_edges
                .iter()
                .filter(|e| e["fromNode"] == item_node_id(from) && e["toNode"] == item_node_id(to))
                .collect();
            assert_eq!(matching.len(), 1, "{link:?}");
            let verb = board.link_kind(link).unwrap().verb();
            assert_eq!(matching[0]["label"], verb);
        }
        let labels: HashSet<&str> = link_edges
            .iter()
            .map(|e| e["label"].as_str().unwrap())
            .collect();
        assert_eq!(
            labels,
            HashSet::from(["blocks", "serves", "addresses", "measures"])
        );
    }

    #[test]
    fn the_groups_form_the_wheels_cycle_and_four_feeds_back_into_one() {
        let canvas = parse(&Board::blank());
        let labels: Vec<&str> = nodes(&canvas)
            .iter()
            .filter(|n| n["type"] == "group")
            .map(|n| n["label"].as_str().unwrap())
            .collect();
        assert_eq!(
            labels,
            [
                "I · Clarity of Purpose",
                "II · Challenge and Landscape",
                "III · Next Best Action",
                "IV · Long-Term Value",
            ]
        );
        let cycle: Vec<(&str, &str, Option<&str>)> = edges(&canvas)
            .iter()
            .map(|e| {
                (
                    e["fromNode"].as_str().unwrap(),
                    e["toNode"].as_str().unwrap(),
                    e.get("label").and_then(Value::as_str),
                )
            })
            .collect();
        assert_eq!(
            cycle,
            [
                ("phase-purpose", "phase-landscape", None),
                ("phase-landscape", "phase-action", None),
                ("phase-action", "phase-value", None),
                ("phase-value", "phase-purpose", Some("feeds back")),
            ]
        );
    }

    #[test]
    fn an_empty_board_shows_its_phases_with_placeholders() {
        let canvas = parse(&Board::blank());
        assert_eq!(nodes(&canvas).len(), 4 + 1 + 4);
        assert_eq!(
            node(&canvas, "hub")["text"],
            "# Untitled flywheel\n\n*No north star yet.*"
        );
        for (phase, text) in Phase::ALL.iter().zip([
            "*No goals yet.*",
            "*No challenges yet.*",
            "*No actions yet.*",
            "*No value metrics yet.*",
        ]) {
            let placeholder = node(&canvas, &format!("empty-{}", phase.slug()));
            assert_eq!(placeholder["text"], text);
            assert!(inside(
                rect(placeholder),
                rect(node(&canvas, &group_id(*phase)))
            ));
        }
    }

    #[test]
    fn item_text_is_markdown_with_user_text_escaped() {
        let board = board();
        let json = to_canvas(&board);
        assert!(!json.contains("<script"), "{json}");
        assert!(!json.contains("<b>"));
        let canvas = parse(&board);
        assert_eq!(
            node(&canvas, "hub")["text"],
            "# &lt;script&gt;alert\\(1\\)&lt;/script&gt;\n\n**North star:** Turn data into business value in every domain, with the data factory as an enabling platform"
        );
        let hostile = board
            .items
            .iter()
            .find(|i| i.owner == "<b>Ann</b>")
            .unwrap();
        let text = node(&canvas, &item_node_id(hostile))["text"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            text.starts_with(
                "**\\[x\\]\\(javascript:alert\\(1\\)\\) \\*bold\\***\n\nOwner: &lt;b&gt;Ann&lt;/b&gt;\n\nLine one<br>\\# not a heading<br>Line one"
            ),
            "{text}"
        );
        let action = board
            .items
            .iter()
            .find(|i| i.title == "Pipe | action")
            .unwrap();
        assert_eq!(
            node(&canvas, &item_node_id(action))["text"],
            "**Pipe \\| action**"
        );
        // A value metric shows its latest value, unit, target and date.
        let metric = board
            .items
            .iter()
            .find(|i| i.metric.as_ref().is_some_and(|m| m.latest().is_some()))
            .unwrap();
        let text = node(&canvas, &item_node_id(metric))["text"]
            .as_str()
            .unwrap()
            .to_owned();
        let latest = metric.metric.as_ref().unwrap().latest().unwrap();
        assert!(text.contains(&format!("({})*", latest.date)), "{text}");
        assert!(
            text.contains(&metric.metric.as_ref().unwrap().settings.unit),
            "{text}"
        );
        assert!(text.contains("target"), "{text}");
    }
}
