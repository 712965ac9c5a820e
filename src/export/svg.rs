//! The wheel as a standalone SVG file, and the board back out of one.
//!
//! [`to_svg`] draws the wheel as the app shows it in its light theme, with
//! the same geometry and text layout as the live wheel (`render`), but with
//! colours and fonts written as presentation attributes, so that editors
//! that ignore CSS (Inkscape, Illustrator, office suites) show it right. It
//! needs nothing from the network: no web fonts, no external links, no
//! scripts. The board's JSON document rides along, XML-escaped, in a
//! `<metadata>` element, so the picture can be opened again as a board.
//! [`extract`] finds that element with a small scanner that survives an
//! editor re-saving the file (CDATA, another namespace prefix, character
//! references); [`looks_like_svg`] tells an SVG from other text.

use std::fmt::Write as _;

use super::escape_xml;
use crate::model::{Analysis, Board, Date, Phase, MOMENTUM_DEFINITION};
use crate::render::geometry::{
    arrowhead_path, count_anchor, label_arc_path, segment_path, track_arc_path, CENTER, HUB_RADIUS,
    LABEL_FONT, TRACK_RADIUS, VIEW_SIZE,
};
use crate::render::layout::{hub_text, phase_chips, Chip, ChipText, HubLine, HUB_REGULAR};

/// The namespace of the element that carries the board's document. It names
/// no real host (`.invalid` is reserved), so nothing is ever fetched from it.
pub const NAMESPACE: &str = "https://value-flywheel.invalid/ns/1";

/// The id of the `<metadata>` element that holds the document.
pub const METADATA_ID: &str = "value-flywheel-document";

/// Local name of the element inside the metadata that holds the JSON.
const DOCUMENT_ELEMENT: &str = "document";

/// The app's font stack, all system fonts: the file needs no network.
const FONT_FAMILY: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

// The light theme's colours (style/main.css, `:root`).
const BACKGROUND: &str = "#f4f5f7";
const SURFACE: &str = "#ffffff";
const SURFACE_2: &str = "#eef0f3";
const FOREGROUND: &str = "#16181d";
const MUTED: &str = "#4b5260";
const LINE: &str = "#cfd4dc";
const DANGER: &str = "#b42318";
const ON_DANGER: &str = "#ffffff";
/// The momentum figure is drawn in phase III's text colour.
const MOMENTUM: &str = "#006b4e";

/// A phase's colours: its stroke, its text and the tint of its segment.
struct Palette {
    stroke: &'static str,
    text: &'static str,
    tint: &'static str,
}

fn palette(phase: Phase) -> Palette {
    match phase {
        Phase::ClarityOfPurpose => Palette {
            stroke: "#0072b2",
            text: "#005687",
            tint: "#e1eef7",
        },
        Phase::ChallengeAndLandscape => Palette {
            stroke: "#d55e00",
            text: "#a04600",
            tint: "#fbe9dc",
        },
        Phase::NextBestAction => Palette {
            stroke: "#009e73",
            text: "#006b4e",
            tint: "#dcf3ec",
        },
        Phase::LongTermValue => Palette {
            stroke: "#cc79a7",
            text: "#8f3f6c",
            tint: "#f7e7f0",
        },
    }
}

/// Distance of the phase counts from the corners of the view box.
const CORNER_INSET: f64 = 24.0;

fn label_path_id(phase: Phase) -> String {
    format!("vf-label-arc-{}", phase.slug())
}

/// Draws the board's wheel as a standalone SVG 1.1 file that carries
/// `document_json` (the board's document, as `document::to_json` writes it)
/// in its metadata. `today` decides which items have gaps and the momentum,
/// as in the app.
pub fn to_svg(board: &Board, document_json: &str, today: Date) -> String {
    let analysis = Analysis::of(board, today);
    let mut out = String::with_capacity(24 * 1024 + document_json.len() * 3 / 2);
    let _ = writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" \
         xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" \
         viewBox=\"0 0 {VIEW_SIZE} {VIEW_SIZE}\" width=\"{VIEW_SIZE}\" height=\"{VIEW_SIZE}\" \
         font-family=\"{FONT_FAMILY}\">"
    );
    let title = if board.title.trim().is_empty() {
        "Value flywheel"
    } else {
        board.title.as_str()
    };
    let _ = writeln!(out, "<title>{}</title>", escape_xml(title));
    if !board.north_star.trim().is_empty() {
        let _ = writeln!(out, "<desc>{}</desc>", escape_xml(&board.north_star));
    }
    let _ = writeln!(
        out,
        "<metadata id=\"{METADATA_ID}\"><vf:document xmlns:vf=\"{NAMESPACE}\" \
         type=\"application/json\">{}</vf:document></metadata>",
        escape_xml(&xml_safe_json(document_json))
    );
    out.push_str("<defs>\n");
    for phase in Phase::ALL {
        let _ = writeln!(
            out,
            "<path id=\"{}\" d=\"{}\"/>",
            label_path_id(phase),
            label_arc_path(phase)
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(
        out,
        "<rect width=\"{VIEW_SIZE}\" height=\"{VIEW_SIZE}\" fill=\"{BACKGROUND}\"/>"
    );
    write_loop(&mut out);
    for phase in Phase::ALL {
        write_phase(&mut out, board, &analysis, phase);
    }
    write_hub(&mut out, board, &analysis);
    out.push_str("</svg>\n");
    out
}

/// The document as it goes into XML text. JSON may hold U+FFFE and U+FFFF
/// raw inside strings, which XML forbids (and `escape_xml` drops): they
/// are written as JSON escapes instead, which read back as the same string.
fn xml_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// The loop track, its arrows and the caption that says IV feeds into I.
fn write_loop(out: &mut String) {
    out.push_str("<g id=\"vf-loop\">\n");
    for phase in Phase::ALL {
        let (colour, width, opacity) = if phase == Phase::LongTermValue {
            (FOREGROUND, 4, "0.9")
        } else {
            (MUTED, 3, "0.6")
        };
        let _ = writeln!(
            out,
            "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" \
             stroke-opacity=\"{opacity}\"/>",
            track_arc_path(phase)
        );
        let _ = writeln!(
            out,
            "<path d=\"{}\" fill=\"{colour}\"/>",
            arrowhead_path(phase)
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"488\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"18\" fill=\"{MUTED}\" \
         font-weight=\"600\">↻ IV feeds back into I</text>",
        CENTER.y - TRACK_RADIUS - 14.0
    );
    out.push_str("</g>\n");
}

/// One phase: its segment, curved name, chips (or a note that it has no
/// items) and its count in the nearest corner.
fn write_phase(out: &mut String, board: &Board, analysis: &Analysis, phase: Phase) {
    let colours = palette(phase);
    let texts: Vec<ChipText> = board
        .items_in(phase)
        .map(|item| ChipText::of(item, analysis.gap_items.contains(&item.id)))
        .collect();
    let kind = phase.item_kind();
    let noun = if texts.len() == 1 {
        kind.noun()
    } else {
        kind.plural()
    };
    let _ = writeln!(out, "<g id=\"vf-phase-{}\">", phase.slug());
    let _ = writeln!(
        out,
        "<title>{}: {} {noun}</title>",
        escape_xml(&phase.accessible_name()),
        texts.len()
    );
    let _ = writeln!(
        out,
        "<path d=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>",
        segment_path(phase),
        colours.tint,
        colours.stroke
    );
    let href = format!("#{}", label_path_id(phase));
    let _ = writeln!(
        out,
        "<text font-size=\"{LABEL_FONT}\" font-weight=\"700\" letter-spacing=\"{:.1}\" \
         fill=\"{}\" text-anchor=\"middle\"><textPath xlink:href=\"{href}\" href=\"{href}\" \
         startOffset=\"50%\" text-anchor=\"middle\">{} · {}</textPath></text>",
        LABEL_FONT * 0.01,
        colours.text,
        phase.numeral(),
        escape_xml(phase.name())
    );
    if texts.is_empty() {
        let anchor = count_anchor(phase);
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"22\" \
             font-style=\"italic\" fill=\"{MUTED}\">No {} yet</text>",
            anchor.x,
            anchor.y,
            escape_xml(kind.plural())
        );
    }
    for chip in phase_chips(phase, &texts) {
        write_chip(out, phase, &colours, &chip);
    }
    write_count(out, phase, &colours, texts.len(), noun);
    out.push_str("</g>\n");
}

/// One chip: its box, its lines, its tooltip and its gap badge.
fn write_chip(out: &mut String, phase: Phase, colours: &Palette, chip: &Chip) {
    let is_more = chip.is_overflow();
    let id = chip.id.map_or_else(
        || format!("vf-chip-more-{}", phase.slug()),
        |id| format!("vf-chip-{id}"),
    );
    let slot = chip.slot;
    let _ = writeln!(out, "<g id=\"{id}\">");
    let _ = writeln!(out, "<title>{}</title>", escape_xml(&chip.full_text));
    let _ = writeln!(
        out,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"9\" fill=\"{}\" \
         stroke=\"{}\" stroke-width=\"1.5\"{}/>",
        slot.x,
        slot.y,
        slot.width,
        slot.height,
        if is_more { SURFACE_2 } else { SURFACE },
        colours.stroke,
        if is_more {
            " stroke-dasharray=\"5 4\""
        } else {
            ""
        }
    );
    let text_x = chip.text_origin().0;
    let _ = write!(
        out,
        "<text font-size=\"{}\" font-weight=\"500\" fill=\"{}\"{}>",
        chip.font,
        if is_more { MUTED } else { FOREGROUND },
        if is_more {
            " font-style=\"italic\""
        } else {
            ""
        }
    );
    let lines = chip
        .lines
        .iter()
        .map(|line| (line.as_str(), false))
        .chain(chip.detail.iter().map(|detail| (detail.as_str(), true)));
    let count = chip.lines.len() + usize::from(chip.detail.is_some());
    for (i, (line, is_detail)) in lines.enumerate() {
        // As in the app, a space between lines keeps the words apart for
        // anything that copies the text.
        let space = if i + 1 < count { " " } else { "" };
        let style = if is_detail {
            format!(" fill=\"{}\" font-weight=\"600\"", colours.text)
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<tspan x=\"{text_x:.1}\" y=\"{:.1}\"{style}>{}{space}</tspan>",
            chip.baseline(i),
            escape_xml(line)
        );
    }
    out.push_str("</text>\n");
    if chip.has_gap {
        let (cx, cy) = (slot.x + slot.width - 2.0, slot.y + 2.0);
        let _ = writeln!(
            out,
            "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"10\" fill=\"{DANGER}\" stroke=\"{SURFACE}\" \
             stroke-width=\"2\"/>\n\
             <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"16\" \
             font-weight=\"800\" fill=\"{ON_DANGER}\">!</text>",
            cy + 6.0
        );
    }
    out.push_str("</g>\n");
}

/// The number of items of a phase, in the corner of the view box next to
/// it, where the live wheel's chips leave no room for it.
fn write_count(out: &mut String, phase: Phase, colours: &Palette, count: usize, noun: &str) {
    let right = matches!(
        phase,
        Phase::ClarityOfPurpose | Phase::ChallengeAndLandscape
    );
    let top = matches!(phase, Phase::ClarityOfPurpose | Phase::LongTermValue);
    let (x, anchor) = if right {
        (VIEW_SIZE - CORNER_INSET, "end")
    } else {
        (CORNER_INSET, "start")
    };
    let (number_y, noun_y) = if top {
        (CORNER_INSET + 40.0, CORNER_INSET + 68.0)
    } else {
        (
            VIEW_SIZE - CORNER_INSET - 34.0,
            VIEW_SIZE - CORNER_INSET - 6.0,
        )
    };
    let _ = writeln!(
        out,
        "<text text-anchor=\"{anchor}\" font-size=\"22\" font-weight=\"700\" fill=\"{}\">\
         <tspan x=\"{x:.1}\" y=\"{number_y:.1}\" font-size=\"48\">{count}</tspan> \
         <tspan x=\"{x:.1}\" y=\"{noun_y:.1}\">{}</tspan></text>",
        colours.text,
        escape_xml(noun)
    );
}

/// The hub: the title, the north star and the momentum.
fn write_hub(out: &mut String, board: &Board, analysis: &Analysis) {
    let style = HUB_REGULAR;
    let text = hub_text(board.title.as_str(), board.north_star.as_str(), &style);
    out.push_str("<g id=\"vf-hub\">\n");
    let _ = writeln!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{HUB_RADIUS}\" fill=\"{SURFACE}\" stroke=\"{LINE}\" \
         stroke-width=\"2\"/>",
        CENTER.x, CENTER.y
    );
    let tspans = |lines: &[HubLine]| {
        lines.iter().fold(String::new(), |mut tspans, line| {
            let _ = write!(
                tspans,
                "<tspan x=\"{}\" y=\"{:.1}\">{}</tspan>",
                CENTER.x,
                line.y,
                escape_xml(&line.text)
            );
            tspans
        })
    };
    if !text.title.is_empty() {
        let _ = writeln!(
            out,
            "<text text-anchor=\"middle\" font-size=\"{}\" font-weight=\"700\" \
             fill=\"{FOREGROUND}\">{}</text>",
            style.title_font,
            tspans(&text.title)
        );
    }
    if !text.north_star.is_empty() {
        let _ = writeln!(
            out,
            "<text text-anchor=\"middle\" font-size=\"{}\" font-style=\"italic\" \
             fill=\"{MUTED}\">{}</text>",
            style.north_star_font,
            tspans(&text.north_star)
        );
    }
    let _ = writeln!(
        out,
        "<g>\n<title>{}</title>\n<text x=\"{}\" y=\"624\" text-anchor=\"middle\" \
         font-size=\"21\" font-weight=\"700\" fill=\"{MOMENTUM}\">Momentum {}</text>\n</g>",
        escape_xml(MOMENTUM_DEFINITION),
        CENTER.x,
        escape_xml(&analysis.momentum.percent_text())
    );
    out.push_str("</g>\n");
}

/// Why no board could be read from an SVG.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SvgError {
    /// The text is not an SVG image.
    NotSvg,
    /// The SVG carries no board: it was not exported by this app.
    NoBoard,
    /// The SVG carries a board, but its metadata is damaged.
    Damaged { reason: String },
}

impl std::fmt::Display for SvgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SvgError::NotSvg => write!(f, "This file is not an SVG image."),
            SvgError::NoBoard => write!(
                f,
                "This SVG holds no board: only SVGs exported by this app can be opened."
            ),
            SvgError::Damaged { reason } => write!(
                f,
                "The board inside this SVG is damaged ({reason}), so it cannot be opened."
            ),
        }
    }
}

impl std::error::Error for SvgError {}

fn damaged(reason: &str) -> SvgError {
    SvgError::Damaged {
        reason: reason.to_owned(),
    }
}

/// Whether the text is an SVG image: after an optional byte order mark,
/// whitespace, the XML declaration, comments and a doctype, the first
/// element is `<svg>` (with or without a namespace prefix).
pub fn looks_like_svg(text: &str) -> bool {
    let mut scanner = Scanner::new(text);
    loop {
        match scanner.next_token() {
            Ok(Some(Token::Skipped)) => {}
            Ok(Some(Token::Text(text))) if text.trim().is_empty() => {}
            Ok(Some(Token::Start(tag))) => return local_name(tag.name) == "svg",
            _ => return false,
        }
    }
}

/// The board's JSON document from an SVG that [`to_svg`] wrote, even after
/// an SVG editor re-saved it: the text may be wrapped in CDATA, the element
/// may carry any namespace prefix (it is found by its namespace, or inside
/// the metadata element with our id), and entity and character references
/// are decoded. Surrounding whitespace is trimmed.
///
/// # Errors
/// [`SvgError::NotSvg`] for text that is not an SVG, [`SvgError::NoBoard`]
/// for an SVG without our metadata and [`SvgError::Damaged`] when the
/// metadata is there but cannot be read (cut short, empty, unknown entities,
/// markup inside the document).
pub fn extract(svg: &str) -> Result<String, SvgError> {
    if !looks_like_svg(svg) {
        return Err(SvgError::NotSvg);
    }
    let mut scanner = Scanner::new(svg);
    // Names of the open elements, and the namespace prefixes they bind.
    let mut open: Vec<&str> = Vec::new();
    let mut bindings: Vec<(usize, &str, String)> = Vec::new();
    // Depth of our metadata element while it is open, and its own text,
    // for an editor that dropped the element inside it.
    let mut metadata: Option<usize> = None;
    let mut metadata_text: Option<String> = None;
    while let Some(token) = scanner.next_token()? {
        match token {
            Token::Start(tag) => {
                let depth = open.len();
                for (name, value) in &tag.attributes {
                    let prefix = if *name == "xmlns" {
                        Some("")
                    } else {
                        name.strip_prefix("xmlns:")
                    };
                    if let Some(prefix) = prefix {
                        bindings.push((depth, prefix, decode(value)?));
                    }
                }
                let (prefix, local) = split_name(tag.name);
                let namespace = bindings
                    .iter()
                    .rev()
                    .find(|(_, bound, _)| *bound == prefix)
                    .map(|(_, _, uri)| uri.as_str());
                let in_metadata = metadata.is_some_and(|at| depth > at);
                if local == DOCUMENT_ELEMENT && (namespace == Some(NAMESPACE) || in_metadata) {
                    if tag.is_empty {
                        return Err(damaged("the board data is empty"));
                    }
                    return read_document(&mut scanner);
                }
                let is_ours = tag.attributes.iter().any(|(name, value)| {
                    matches!(*name, "id" | "xml:id")
                        && decode(value).is_ok_and(|v| v == METADATA_ID)
                });
                if tag.is_empty {
                    bindings.retain(|(at, _, _)| *at < depth);
                } else {
                    if is_ours && metadata.is_none() {
                        metadata = Some(depth);
                        metadata_text = Some(String::new());
                    }
                    open.push(tag.name);
                }
            }
            Token::End(name) => {
                if let Some(at) = open.iter().rposition(|open| *open == name) {
                    open.truncate(at);
                    bindings.retain(|(depth, _, _)| *depth < at);
                    if metadata.is_some_and(|depth| depth >= at) {
                        metadata = None;
                    }
                }
            }
            Token::Text(text) => {
                if let (Some(at), Some(collected)) = (metadata, metadata_text.as_mut()) {
                    if open.len() == at + 1 {
                        push_decoded(text, collected)?;
                    }
                }
            }
            Token::CData(text) => {
                if let (Some(at), Some(collected)) = (metadata, metadata_text.as_mut()) {
                    if open.len() == at + 1 {
                        push_normalised(text, collected);
                    }
                }
            }
            Token::Skipped => {}
        }
    }
    match metadata_text {
        None => Err(SvgError::NoBoard),
        Some(text) if text.trim().is_empty() => Err(damaged("the board data is missing")),
        Some(text) => Ok(text.trim().to_owned()),
    }
}

/// Reads the text of the document element, whose start tag was just read,
/// up to its end tag.
fn read_document(scanner: &mut Scanner<'_>) -> Result<String, SvgError> {
    let mut json = String::new();
    loop {
        match scanner.next_token()? {
            None => return Err(damaged("the file ends inside the board data")),
            Some(Token::Text(text)) => push_decoded(text, &mut json)?,
            Some(Token::CData(text)) => push_normalised(text, &mut json),
            Some(Token::Skipped) => {}
            Some(Token::Start(_)) => return Err(damaged("there is markup inside the board data")),
            Some(Token::End(_)) => break,
        }
    }
    let json = json.trim();
    if json.is_empty() {
        return Err(damaged("the board data is empty"));
    }
    Ok(json.to_owned())
}

fn split_name(name: &str) -> (&str, &str) {
    name.split_once(':').unwrap_or(("", name))
}

fn local_name(name: &str) -> &str {
    split_name(name).1
}

/// Appends text with XML's line-end handling: CR LF and lone CR become LF.
fn push_normalised(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        out.push('\n');
        rest = &rest[at + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
}

/// Appends character data, decoding the five predefined entities and
/// decimal and hexadecimal character references.
fn push_decoded(text: &str, out: &mut String) -> Result<(), SvgError> {
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        push_normalised(&rest[..at], out);
        let after = &rest[at + 1..];
        let end = after
            .find(';')
            .filter(|&end| end <= 12)
            .ok_or_else(|| damaged("it holds an “&” that starts no reference"))?;
        let c = match &after[..end] {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            reference => {
                let number = if let Some(hex) = reference
                    .strip_prefix("#x")
                    .or_else(|| reference.strip_prefix("#X"))
                {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    reference
                        .strip_prefix('#')
                        .and_then(|decimal| decimal.parse::<u32>().ok())
                };
                number
                    .filter(|&n| n != 0)
                    .and_then(char::from_u32)
                    .ok_or_else(|| damaged("it holds an unknown reference"))?
            }
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    push_normalised(rest, out);
    Ok(())
}

fn decode(text: &str) -> Result<String, SvgError> {
    let mut out = String::with_capacity(text.len());
    push_decoded(text, &mut out)?;
    Ok(out)
}

/// A start tag: its name, its attributes (values still escaped) and
/// whether it closes itself.
struct Tag<'a> {
    name: &'a str,
    attributes: Vec<(&'a str, &'a str)>,
    is_empty: bool,
}

/// One piece of XML, as far as finding our metadata needs.
enum Token<'a> {
    Start(Tag<'a>),
    End(&'a str),
    /// Character data, references still escaped.
    Text(&'a str),
    /// The inside of a CDATA section.
    CData(&'a str),
    /// A comment, processing instruction or declaration (the doctype).
    Skipped,
}

/// A forgiving XML tokenizer: enough of XML to walk an SVG's elements and
/// read text, checking only what reading them needs.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

fn cut_short() -> SvgError {
    damaged("the file is cut short")
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        Scanner {
            text: text.strip_prefix('\u{FEFF}').unwrap_or(text),
            at: 0,
        }
    }

    /// Consumes `length` bytes of what is left and returns the token.
    fn take(&mut self, length: usize, token: Token<'a>) -> Token<'a> {
        self.at += length;
        token
    }

    fn next_token(&mut self) -> Result<Option<Token<'a>>, SvgError> {
        let rest = &self.text[self.at..];
        if rest.is_empty() {
            return Ok(None);
        }
        if !rest.starts_with('<') {
            let end = rest.find('<').unwrap_or(rest.len());
            return Ok(Some(self.take(end, Token::Text(&rest[..end]))));
        }
        let token = if let Some(body) = rest.strip_prefix("<!--") {
            let end = body.find("-->").ok_or_else(cut_short)?;
            self.take(4 + end + 3, Token::Skipped)
        } else if let Some(body) = rest.strip_prefix("<![CDATA[") {
            let end = body.find("]]>").ok_or_else(cut_short)?;
            self.take(9 + end + 3, Token::CData(&body[..end]))
        } else if let Some(body) = rest.strip_prefix("<?") {
            let end = body.find("?>").ok_or_else(cut_short)?;
            self.take(2 + end + 2, Token::Skipped)
        } else if rest.starts_with("<!") {
            let end = declaration_end(rest)?;
            self.take(end, Token::Skipped)
        } else if let Some(body) = rest.strip_prefix("</") {
            let end = body.find('>').ok_or_else(cut_short)?;
            self.take(2 + end + 1, Token::End(body[..end].trim()))
        } else {
            let (length, tag) = start_tag(rest)?;
            self.take(length, Token::Start(tag))
        };
        Ok(Some(token))
    }
}

/// The length of a declaration such as a doctype with its internal subset.
fn declaration_end(text: &str) -> Result<usize, SvgError> {
    let mut quote = None;
    let mut depth = 0_usize;
    for (i, byte) in text.bytes().enumerate().skip(2) {
        match (quote, byte) {
            (Some(q), b) if b == q => quote = None,
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'[') => depth += 1,
            (None, b']') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return Ok(i + 1),
            // Inside quotes, or nothing that matters.
            _ => {}
        }
    }
    Err(cut_short())
}

fn is_name_end(byte: u8) -> bool {
    byte.is_ascii_whitespace() || matches!(byte, b'/' | b'>' | b'=' | b'<')
}

/// Reads a start tag at the beginning of `text` (which starts with `<`):
/// its length and the tag.
fn start_tag(text: &str) -> Result<(usize, Tag<'_>), SvgError> {
    let bytes = text.as_bytes();
    let name_end = |from: usize| {
        bytes[from..]
            .iter()
            .position(|&b| is_name_end(b))
            .map_or(bytes.len(), |end| from + end)
    };
    let skip_space = |from: usize| {
        bytes[from..]
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map_or(bytes.len(), |end| from + end)
    };
    let mut i = name_end(1);
    let name = &text[1..i];
    if name.is_empty() {
        return Err(damaged("a tag has no name"));
    }
    let mut attributes = Vec::new();
    loop {
        i = skip_space(i);
        match bytes.get(i) {
            None => return Err(cut_short()),
            Some(b'>') => {
                return Ok((
                    i + 1,
                    Tag {
                        name,
                        attributes,
                        is_empty: false,
                    },
                ))
            }
            Some(b'/') if bytes.get(i + 1) == Some(&b'>') => {
                return Ok((
                    i + 2,
                    Tag {
                        name,
                        attributes,
                        is_empty: true,
                    },
                ))
            }
            Some(_) => {}
        }
        let start = i;
        i = name_end(i);
        let attribute = &text[start..i];
        if attribute.is_empty() {
            return Err(damaged("a tag is malformed"));
        }
        i = skip_space(i);
        if bytes.get(i) != Some(&b'=') {
            return Err(damaged("an attribute has no value"));
        }
        i = skip_space(i + 1);
        let quote = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            None => return Err(cut_short()),
            Some(_) => return Err(damaged("an attribute value is not quoted")),
        };
        let end = bytes[i + 1..]
            .iter()
            .position(|&b| b == quote)
            .ok_or_else(cut_short)?;
        attributes.push((attribute, &text[i + 1..i + 1 + end]));
        i += end + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document;
    use crate::model::{Item, ItemId, ItemKind, Sample, Spin, Status};
    use crate::render::geometry::{CHIP_FONT, CHIP_PADDING};
    use crate::render::layout::metric_summary;
    use crate::render::text::estimate_width;

    fn today() -> Date {
        Date::from_ymd(2026, 11, 15).unwrap()
    }

    fn export(board: &Board) -> String {
        to_svg(board, &document::to_json(board), today())
    }

    /// The seed example with text that XML, CDATA and JSON must all carry:
    /// markup characters, `]]>`, non-ASCII, characters XML forbids.
    fn tricky_board() -> Board {
        let mut board = document::templates::data_factory();
        board.title = "Données → mesh <b>&amp;</b> ]]> «ok»".into();
        board.north_star =
            "Valeur ✓ pour chaque domaine & équipe; 数据 ]]> \"quoted\" 'single'".into();
        board.guidance.get_mut(Phase::NextBestAction).goal = "Tenet with ]]> and <![CDATA[".into();
        board.items[0].description = "Line one\nline two\ttab \u{1} bell \u{FFFF} end".into();
        board.items[1].owner = "Zoë & Åsa <ops>".into();
        board.items[2].title = "Close ]]> the <gap> & ship 🚀".into();
        board.items[5].status = Status::Done;
        if let Some(metric) = board.items[7].metric.as_mut() {
            metric.samples.push(Sample {
                date: Date::from_ymd(2026, 11, 1).unwrap(),
                value: 0.1 + 0.2,
                note: "note with ]]> & <x/>".into(),
            });
        }
        let spin = Spin::capture(&board, 1, "Spin ]]> one".into(), today(), "<note>".into());
        board.spins.push(spin);
        board
    }

    fn hostile_board() -> Board {
        let script = "<script>alert(1)</script>";
        let img = "\"><img src=x onerror=alert(1)>";
        let mut board = document::templates::data_factory();
        board.title = format!("{script}{img}");
        board.north_star = format!("{img} &lt; ]]> <foreignObject> {script}");
        for (i, item) in board.items.iter_mut().enumerate() {
            item.title = if i % 2 == 0 {
                format!("{script} {i}")
            } else {
                format!("{img} &lt; {i}")
            };
            item.owner = format!("' onload='alert(1) {script}");
        }
        if let Some(metric) = board.items[8].metric.as_mut() {
            metric.settings.unit = "<svg onload=alert(1)>".into();
        }
        board
    }

    /// Ten items in every phase, with long titles, so phases overflow.
    fn crowded_board() -> Board {
        let mut board = Board::blank();
        board.title = "W".repeat(80);
        board.north_star = "MMMM ".repeat(60);
        let mut id = 1;
        for kind in ItemKind::ALL {
            for n in 0..10 {
                let title = format!("WWWWWWWW {n} mmmmmmmm WWWWWWWW mmmmmmmmmmmm WWWWWWWWWW");
                board.items.push(Item::new(ItemId(id), kind, title));
                id += 1;
            }
        }
        board.next_id = id;
        board
    }

    // ---------- a strict, test-only XML reader ----------

    #[derive(Debug)]
    enum Node {
        Element(Element),
        Text(String),
    }

    #[derive(Debug)]
    struct Element {
        name: String,
        attributes: Vec<(String, String)>,
        children: Vec<Node>,
    }

    impl Element {
        fn attribute(&self, name: &str) -> Option<&str> {
            self.attributes
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        }

        fn number(&self, name: &str) -> f64 {
            self.attribute(name)
                .unwrap_or_else(|| panic!("<{}> has no {name}", self.name))
                .parse()
                .unwrap()
        }

        fn elements(&self) -> impl Iterator<Item = &Element> {
            self.children.iter().filter_map(|node| match node {
                Node::Element(element) => Some(element),
                Node::Text(_) => None,
            })
        }

        fn descendants(&self) -> Vec<&Element> {
            let mut found = vec![self];
            for child in self.elements() {
                found.extend(child.descendants());
            }
            found
        }

        fn text(&self) -> String {
            self.children
                .iter()
                .map(|node| match node {
                    Node::Element(element) => element.text(),
                    Node::Text(text) => text.clone(),
                })
                .collect()
        }

        fn by_id(&self, id: &str) -> Option<&Element> {
            self.descendants()
                .into_iter()
                .find(|e| e.attribute("id") == Some(id))
        }

        fn named(&self, name: &str) -> Vec<&Element> {
            self.descendants()
                .into_iter()
                .filter(|e| e.name == name)
                .collect()
        }
    }

    /// Parses what `to_svg` writes, refusing anything that is not
    /// well-formed XML: unbalanced or crossed tags, unquoted or repeated
    /// attributes, raw `<` or stray `&`, characters XML forbids.
    fn parse_strict(xml: &str) -> Result<Element, String> {
        let body = xml
            .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            .ok_or("no XML declaration")?;
        if let Some(c) = xml.chars().find(|&c| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
        }) {
            return Err(format!("forbidden character {c:?}"));
        }
        let mut reader = Strict {
            text: body.trim_start(),
        };
        let root = reader.element()?;
        if !reader.text.trim().is_empty() {
            return Err(format!("content after the root: {:.40}", reader.text));
        }
        Ok(root)
    }

    struct Strict<'a> {
        text: &'a str,
    }

    impl Strict<'_> {
        fn name(&mut self) -> Result<String, String> {
            let end = self
                .text
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.')))
                .unwrap_or(self.text.len());
            let name = &self.text[..end];
            if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                return Err(format!("bad name at {:.40}", self.text));
            }
            self.text = &self.text[end..];
            Ok(name.to_owned())
        }

        fn element(&mut self) -> Result<Element, String> {
            self.text = self.text.strip_prefix('<').ok_or("expected <")?;
            let name = self.name()?;
            let mut attributes: Vec<(String, String)> = Vec::new();
            loop {
                let trimmed = self.text.trim_start();
                let had_space = trimmed.len() < self.text.len();
                self.text = trimmed;
                if let Some(rest) = self.text.strip_prefix("/>") {
                    self.text = rest;
                    return Ok(Element {
                        name,
                        attributes,
                        children: Vec::new(),
                    });
                }
                if let Some(rest) = self.text.strip_prefix('>') {
                    self.text = rest;
                    break;
                }
                if !had_space {
                    return Err(format!("no space before attribute in <{name}>"));
                }
                let attribute = self.name()?;
                self.text = self
                    .text
                    .strip_prefix("=\"")
                    .ok_or_else(|| format!("attribute {attribute} of <{name}> is not quoted"))?;
                let end = self.text.find('"').ok_or("unterminated attribute")?;
                let value = decode_strict(&self.text[..end])?;
                self.text = &self.text[end + 1..];
                if attributes.iter().any(|(n, _)| *n == attribute) {
                    return Err(format!("repeated attribute {attribute} in <{name}>"));
                }
                attributes.push((attribute, value));
            }
            let mut children = Vec::new();
            loop {
                if let Some(rest) = self.text.strip_prefix("</") {
                    self.text = rest;
                    let end_name = self.name()?;
                    if end_name != name {
                        return Err(format!("<{name}> closed by </{end_name}>"));
                    }
                    self.text = self.text.strip_prefix('>').ok_or("bad end tag")?;
                    return Ok(Element {
                        name,
                        attributes,
                        children,
                    });
                }
                if self.text.starts_with("<!") || self.text.starts_with("<?") {
                    return Err("unexpected declaration, comment or CDATA".into());
                }
                if self.text.starts_with('<') {
                    children.push(Node::Element(self.element()?));
                    continue;
                }
                let end = self
                    .text
                    .find('<')
                    .ok_or_else(|| format!("<{name}> is never closed"))?;
                let raw = &self.text[..end];
                if raw.contains("]]>") {
                    return Err("]]> in text".into());
                }
                children.push(Node::Text(decode_strict(raw)?));
                self.text = &self.text[end..];
            }
        }
    }

    fn decode_strict(raw: &str) -> Result<String, String> {
        if raw.contains('<') {
            return Err(format!("raw < in {raw:.40}"));
        }
        let mut out = String::new();
        let mut rest = raw;
        while let Some(at) = rest.find('&') {
            out.push_str(&rest[..at]);
            let end = rest[at..].find(';').ok_or("stray &")? + at;
            out.push(match &rest[at + 1..end] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "#39" => '\'',
                other => return Err(format!("unexpected reference &{other};")),
            });
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    // ---------- tests ----------

    #[test]
    fn a_board_survives_the_round_trip_through_its_svg() {
        let board = tricky_board();
        let svg = export(&board);
        let json = extract(&svg).unwrap();
        // The same document, but for U+FFFF, which travels as a JSON escape.
        assert_eq!(json, xml_safe_json(&document::to_json(&board)));
        assert_ne!(json, document::to_json(&board));
        let restored = document::restore(&json).unwrap();
        assert!(restored.repairs.is_empty(), "{:?}", restored.repairs);
        assert_eq!(restored.board, board);
    }

    #[test]
    fn the_document_is_escaped_text_that_user_text_cannot_break() {
        let svg = export(&tricky_board());
        assert!(!svg.contains("<![CDATA["));
        let metadata = &svg[svg.find("<metadata").unwrap()..svg.find("</metadata>").unwrap()];
        assert!(metadata.contains("]]&gt;"));
        assert!(!metadata.contains("]]>"));
        assert!(metadata.contains("&lt;gap&gt;"));
        // The character XML forbids travels as a JSON escape.
        assert!(metadata.contains("\\uffff"));
        let root = parse_strict(&svg).unwrap();
        let element = root.by_id(METADATA_ID).unwrap().elements().next().unwrap();
        assert_eq!(element.name, "vf:document");
        assert_eq!(element.attribute("xmlns:vf"), Some(NAMESPACE));
        assert!(NAMESPACE.starts_with("https://value-flywheel.invalid/"));
    }

    #[test]
    fn user_text_cannot_inject_markup_or_script() {
        let board = hostile_board();
        let svg = export(&board);
        let lower = svg.to_lowercase();
        for needle in [
            "<script",
            "<img",
            "<foreignobject",
            "<svg onload",
            "<iframe",
        ] {
            assert!(!lower.contains(needle), "{needle} in the output");
        }
        let root = parse_strict(&svg).unwrap();
        let allowed = [
            "svg",
            "title",
            "desc",
            "metadata",
            "vf:document",
            "defs",
            "path",
            "rect",
            "g",
            "text",
            "tspan",
            "textPath",
            "circle",
        ];
        for element in root.descendants() {
            assert!(
                allowed.contains(&element.name.as_str()),
                "<{}>",
                element.name
            );
            for (name, value) in &element.attributes {
                assert!(!name.to_lowercase().starts_with("on"), "{name}={value}");
                if name.ends_with("href") {
                    assert!(value.starts_with('#'), "{name}={value}");
                }
            }
        }
        // The hostile text is there, as text.
        assert_eq!(root.named("title")[0].text(), board.title);
        assert_eq!(root.named("desc")[0].text(), board.north_star);
        let chip = root.by_id("vf-chip-2").unwrap();
        assert_eq!(chip.named("title")[0].text(), board.items[1].title);
        let json = extract(&svg).unwrap();
        assert_eq!(document::restore(&json).unwrap().board, board);
    }

    #[test]
    fn the_output_is_well_formed_self_contained_svg() {
        let boards = [
            document::templates::data_factory(),
            Board::blank(),
            crowded_board(),
            tricky_board(),
            hostile_board(),
        ];
        for board in boards {
            let svg = export(&board);
            let root = parse_strict(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
            assert_eq!(root.name, "svg");
            assert_eq!(root.attribute("xmlns"), Some("http://www.w3.org/2000/svg"));
            assert_eq!(
                root.attribute("xmlns:xlink"),
                Some("http://www.w3.org/1999/xlink")
            );
            assert_eq!(root.attribute("version"), Some("1.1"));
            assert_eq!(root.attribute("viewBox"), Some("0 0 1000 1000"));
            assert_eq!(root.attribute("width"), Some("1000"));
            assert_eq!(root.attribute("height"), Some("1000"));
            let children: Vec<&str> = root.elements().map(|e| e.name.as_str()).take(2).collect();
            assert_eq!(children[0], "title");
            for needle in ["<style", "@import", "url(", "class=", "http://", "https://"] {
                let hits = svg.matches(needle).count();
                let allowed = match needle {
                    // The two namespaces on the root.
                    "http://" => 2,
                    // Ours, on the metadata element.
                    "https://" => 1,
                    _ => 0,
                };
                assert_eq!(hits, allowed, "{needle}");
            }
            let ids: Vec<&str> = root
                .descendants()
                .iter()
                .filter_map(|e| e.attribute("id"))
                .collect();
            let mut unique = ids.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), ids.len(), "repeated ids");
            for element in root.descendants() {
                for (name, value) in &element.attributes {
                    if name.ends_with("href") {
                        assert!(ids.contains(&&value[1..]), "{value} points nowhere");
                    }
                }
            }
        }
    }

    fn check_text_style(element: &Element, fill: Option<&str>, size: Option<&str>) {
        let fill = element.attribute("fill").or(fill);
        let size = element.attribute("font-size").or(size);
        if element.name == "text" {
            assert!(fill.is_some_and(|f| f.starts_with('#')), "{element:?}");
            assert!(size.is_some(), "{element:?}");
        }
        for child in element.elements() {
            check_text_style(child, fill, size);
        }
    }

    #[test]
    fn colours_and_fonts_are_presentation_attributes() {
        let svg = export(&document::templates::data_factory());
        let root = parse_strict(&svg).unwrap();
        let family = root.attribute("font-family").unwrap();
        assert!(family.starts_with("system-ui") && family.ends_with("sans-serif"));
        // Every text has a colour and a size of its own or from its parent.
        check_text_style(&root, None, None);
        let segment = root.by_id("vf-phase-landscape").unwrap().named("path")[0];
        assert_eq!(segment.attribute("fill"), Some("#fbe9dc"));
        assert_eq!(segment.attribute("stroke"), Some("#d55e00"));
        let weights: Vec<&str> = root
            .descendants()
            .iter()
            .filter_map(|e| e.attribute("font-weight"))
            .collect();
        assert!(!weights.is_empty());
        // SVG 1.1 knows only the hundreds.
        assert!(weights.iter().all(|w| w.len() == 3 && w.ends_with("00")));
    }

    #[test]
    fn the_wheel_shows_what_the_live_wheel_shows() {
        let mut board = document::templates::data_factory();
        board.items[0].status = Status::Done;
        // No actions: the phase says so.
        let actions: Vec<ItemId> = board
            .items_in(Phase::NextBestAction)
            .map(|item| item.id)
            .collect();
        board.items.retain(|item| item.kind != ItemKind::Action);
        board
            .links
            .retain(|link| !actions.contains(&link.from) && !actions.contains(&link.to));
        let analysis = Analysis::of(&board, today());
        let svg = export(&board);
        let root = parse_strict(&svg).unwrap();
        let arcs = root.named("defs")[0].named("path");
        for phase in Phase::ALL {
            let group = root.by_id(&format!("vf-phase-{}", phase.slug())).unwrap();
            assert_eq!(
                group.named("path")[0].attribute("d"),
                Some(segment_path(phase).as_str())
            );
            let text_path = group.named("textPath")[0];
            let href = format!("#{}", label_path_id(phase));
            assert_eq!(text_path.attribute("href"), Some(href.as_str()));
            assert_eq!(text_path.attribute("xlink:href"), Some(href.as_str()));
            assert_eq!(
                text_path.text(),
                format!("{} · {}", phase.numeral(), phase.name())
            );
            let arc = arcs
                .iter()
                .find(|a| a.attribute("id") == Some(&href[1..]))
                .unwrap();
            assert_eq!(arc.attribute("d"), Some(label_arc_path(phase).as_str()));
            let count = board.count_in(phase);
            let kind = phase.item_kind();
            let noun = if count == 1 {
                kind.noun()
            } else {
                kind.plural()
            };
            assert!(
                group.text().contains(&format!("{count} {noun}")),
                "{phase:?}"
            );
        }
        let loop_group = root.by_id("vf-loop").unwrap();
        let loop_paths: Vec<&str> = loop_group
            .named("path")
            .iter()
            .filter_map(|p| p.attribute("d"))
            .collect();
        for phase in Phase::ALL {
            assert!(loop_paths.contains(&track_arc_path(phase).as_str()));
            assert!(loop_paths.contains(&arrowhead_path(phase).as_str()));
        }
        assert_eq!(loop_group.named("text")[0].text(), "↻ IV feeds back into I");
        let action = root.by_id("vf-phase-action").unwrap();
        assert!(action.text().contains("No actions yet"));
        // A done item is ticked; items with gaps carry the badge.
        let first = root.by_id("vf-chip-1").unwrap();
        assert!(first.named("text")[0].text().starts_with("✓ "));
        for item in &board.items {
            let chip = root.by_id(&format!("vf-chip-{}", item.id)).unwrap();
            let badges = chip.named("circle").len();
            assert_eq!(badges, usize::from(analysis.gap_items.contains(&item.id)));
        }
        assert!(!analysis.gap_items.is_empty());
        // The metric's latest value is its chip's second line.
        let metric = &board.items.last().unwrap();
        let chip = root.by_id(&format!("vf-chip-{}", metric.id)).unwrap();
        assert!(chip
            .text()
            .contains(&metric_summary(metric.metric.as_ref().unwrap())));
        let hub = root.by_id("vf-hub").unwrap();
        let expected = hub_text(&board.title, &board.north_star, &HUB_REGULAR);
        let texts = hub.named("text");
        let lines = |lines: &[HubLine]| lines.iter().map(|l| l.text.clone()).collect::<String>();
        assert_eq!(texts[0].text(), lines(&expected.title));
        assert_eq!(texts[1].text(), lines(&expected.north_star));
        assert_eq!(
            texts[2].text(),
            format!("Momentum {}", analysis.momentum.percent_text())
        );
    }

    /// The x extent of a line of text at its anchor.
    fn extent(x: f64, width: f64, anchor: &str) -> (f64, f64) {
        match anchor {
            "middle" => (x - width / 2.0, x + width / 2.0),
            "end" => (x - width, x),
            _ => (x, x + width),
        }
    }

    #[test]
    fn every_line_of_text_fits_its_chip_and_the_view_box() {
        for board in [
            document::templates::data_factory(),
            crowded_board(),
            hostile_board(),
            tricky_board(),
        ] {
            let root = parse_strict(&export(&board)).unwrap();
            let mut lines = 0;
            for text in root.named("text") {
                let size = text
                    .attribute("font-size")
                    .map_or(16.0, |s| s.parse().unwrap());
                let anchor = text.attribute("text-anchor").unwrap_or("start");
                let positioned: Vec<&Element> = if text.attribute("x").is_some() {
                    vec![text]
                } else {
                    text.named("tspan")
                };
                for line in positioned {
                    let size = line
                        .attribute("font-size")
                        .map_or(size, |s| s.parse().unwrap());
                    let (x, y) = (line.number("x"), line.number("y"));
                    let width = estimate_width(line.text().trim_end(), size);
                    let (left, right) = extent(x, width, anchor);
                    assert!(left >= 0.0 && right <= VIEW_SIZE, "{line:?}");
                    assert!(y - size >= 0.0 && y + size * 0.25 <= VIEW_SIZE, "{line:?}");
                    lines += 1;
                }
            }
            assert!(lines > 20);
            let chips: Vec<&Element> = root
                .descendants()
                .into_iter()
                .filter(|e| {
                    e.attribute("id")
                        .is_some_and(|id| id.starts_with("vf-chip-"))
                })
                .collect();
            assert!(!chips.is_empty());
            for chip in chips {
                let rect = chip.named("rect")[0];
                let (left, top) = (rect.number("x"), rect.number("y"));
                let (right, bottom) = (left + rect.number("width"), top + rect.number("height"));
                assert!(left >= 0.0 && right <= VIEW_SIZE && top >= 0.0 && bottom <= VIEW_SIZE);
                let text = chip.named("text")[0];
                for line in text.named("tspan") {
                    let (x, y) = (line.number("x"), line.number("y"));
                    let width = estimate_width(line.text().trim_end(), CHIP_FONT);
                    assert!(x >= left + CHIP_PADDING - 0.05, "{line:?}");
                    assert!(x + width <= right - CHIP_PADDING + 0.05, "{line:?}");
                    assert!(y - CHIP_FONT * 0.72 >= top, "{line:?}");
                    assert!(y + CHIP_FONT * 0.2 <= bottom, "{line:?}");
                }
            }
        }
    }

    #[test]
    fn the_document_is_found_after_an_editor_rewrites_the_metadata() {
        let board = tricky_board();
        let json = xml_safe_json(&document::to_json(&board));
        let svg = export(&board);
        let start = svg.find("<metadata").unwrap();
        let end = svg.find("</metadata>").unwrap() + "</metadata>".len();
        let with_metadata = |metadata: &str| format!("{}{metadata}{}", &svg[..start], &svg[end..]);
        let cdata = json.replace("]]>", "]]]]><![CDATA[>");
        // Hex and decimal references for every `<` and `"`, `&apos;` for `'`.
        let referenced = json
            .replace('&', "&amp;")
            .replace('<', "&#x3C;")
            .replace('>', "&#62;")
            .replace('"', "&#X22;")
            .replace('\'', "&apos;");
        let variants = [
            // Inkscape: CDATA, the namespace moved to the root, another prefix.
            format!(
                "<svg:metadata id=\"{METADATA_ID}\">\n  <ns0:document type=\"application/json\">\
                 <![CDATA[{cdata}]]></ns0:document>\n</svg:metadata>"
            ),
            // Another prefix declared in place, with references and spaces.
            format!(
                "<metadata id='{METADATA_ID}'>\r\n<x:document xmlns:x = '{NAMESPACE}'>\r\n  \
                 {referenced}\r\n</x:document></metadata>"
            ),
            // The namespace as the default, outside any metadata with our id.
            format!(
                "<metadata><!-- kept --><document xmlns=\"{NAMESPACE}\">{}</document></metadata>",
                escape_xml(&json)
            ),
            // The prefix lost its declaration, but the metadata kept its id.
            format!(
                "<metadata id=\"{METADATA_ID}\"><vf:document>{}</vf:document></metadata>",
                escape_xml(&json)
            ),
            // The element is gone; the text stayed in our metadata.
            format!(
                "<metadata id=\"{METADATA_ID}\">\n<!-- c -->{}\n</metadata>",
                escape_xml(&json)
            ),
        ];
        for (i, metadata) in variants.iter().enumerate() {
            let mut edited = with_metadata(metadata);
            if i == 0 {
                edited = edited.replacen(
                    "<svg ",
                    &format!(
                        "<svg xmlns:ns0=\"{NAMESPACE}\" xmlns:svg=\"http://www.w3.org/2000/svg\" "
                    ),
                    1,
                );
            }
            assert_eq!(extract(&edited).as_ref(), Ok(&json), "variant {i}");
        }
        let restored = document::restore(&extract(&with_metadata(&variants[1])).unwrap());
        assert_eq!(restored.unwrap().board, board);
    }

    #[test]
    fn another_namespace_document_element_is_not_taken_for_the_board() {
        let json = document::to_json(&Board::blank());
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><metadata>\
             <o:document xmlns:o=\"https://example.invalid/other\">{{}}</o:document></metadata>\
             <metadata id=\"{METADATA_ID}\"><vf:document xmlns:vf=\"{NAMESPACE}\">{}</vf:document>\
             </metadata></svg>",
            escape_xml(&json)
        );
        assert_eq!(extract(&svg), Ok(json));
        let other_only = "<svg><metadata><o:document xmlns:o=\"urn:x\">{}</o:document>\
                          </metadata></svg>";
        assert_eq!(extract(other_only), Err(SvgError::NoBoard));
    }

    #[test]
    fn svg_is_told_from_other_text() {
        assert!(looks_like_svg(&export(&Board::blank())));
        assert!(looks_like_svg(
            "\u{FEFF}  <?xml version='1.0'?>\n<!-- made by hand -->\n\
             <!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\" [ <!ENTITY e \">\"> ]>\n\
             <svg width=\"1\"/>"
        ));
        assert!(looks_like_svg(
            "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\">"
        ));
        for text in [
            "",
            "   ",
            "{\"format\":\"value-flywheel\"}",
            "<!DOCTYPE html><html><body><svg></svg></body></html>",
            "<svgx/>",
            "<?xml version=\"1.0\"?><rss/>",
            "hello <svg>",
            "<!-- never closed <svg>",
            "\u{89}PNG\r\n",
        ] {
            assert!(!looks_like_svg(text), "{text:?}");
            assert_eq!(extract(text), Err(SvgError::NotSvg), "{text:?}");
        }
    }

    #[test]
    fn an_svg_without_our_metadata_holds_no_board() {
        let plain = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
                     xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
                     <metadata><rdf:RDF><rdf:Description about=\"document\"/></rdf:RDF>\
                     </metadata><circle r=\"5\"/><text>document</text></svg>";
        let error = extract(plain).unwrap_err();
        assert_eq!(error, SvgError::NoBoard);
        assert_eq!(
            error.to_string(),
            "This SVG holds no board: only SVGs exported by this app can be opened."
        );
        assert_eq!(
            extract("<svg viewBox=\"0 0 10 10\"/>"),
            Err(SvgError::NoBoard)
        );
    }

    #[test]
    fn damaged_metadata_is_reported_not_guessed() {
        let svg = export(&document::templates::data_factory());
        let open = svg.find("<vf:document").unwrap();
        let text_start = open + svg[open..].find('>').unwrap() + 1;
        let close = svg.find("</vf:document>").unwrap();
        let replaced = |inner: &str| format!("{}{inner}{}", &svg[..text_start], &svg[close..]);
        let cases = [
            // Cut short inside the document.
            svg[..svg.floor_char_boundary(text_start + 200)].to_owned(),
            // Cut short inside a later tag.
            svg[..text_start + 20].to_owned() + "<b",
            replaced("{\"a\": \"&nbsp;\"}"),
            replaced("{\"a\": \"&#xZZ;\"}"),
            replaced("{\"a\": \"&#0;\"}"),
            replaced("{\"a\": 1 & 2}"),
            replaced("{<b>markup</b>}"),
            replaced("  \n "),
            svg.replace(
                &svg[open..close + "</vf:document>".len()],
                &format!("<vf:document xmlns:vf=\"{NAMESPACE}\"/>"),
            ),
        ];
        for (i, case) in cases.iter().enumerate() {
            let error = extract(case).unwrap_err();
            assert!(
                matches!(error, SvgError::Damaged { .. }),
                "case {i}: {error:?}"
            );
            assert!(error.to_string().contains("damaged"), "{error}");
        }
    }

    #[test]
    fn the_title_and_description_name_the_board() {
        let mut board = document::templates::data_factory();
        let root = parse_strict(&export(&board)).unwrap();
        assert_eq!(root.named("title")[0].text(), board.title);
        assert_eq!(root.named("desc")[0].text(), board.north_star);
        board.title = "  ".into();
        board.north_star.clear();
        let root = parse_strict(&export(&board)).unwrap();
        assert_eq!(root.named("title")[0].text(), "Value flywheel");
        assert!(root.named("desc").is_empty());
    }
}
