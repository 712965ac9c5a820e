//! Fits user text into the wheel's fixed boxes: SVG text does not wrap or
//! clip by itself, so titles are wrapped and cut with an ellipsis here.
//!
//! Widths are estimated from per-character classes of a sans-serif face and
//! err on the wide side, so text never spills over its box.

/// Estimated advance width of one character, in ems.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | '\'' | '!' | '|' | ':' | ';' | 'I' | ' ' => 0.32,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '"' => 0.42,
        'm' | 'w' | 'M' | 'W' | '@' | '%' | '…' => 0.92,
        c if c.is_ascii_uppercase() || c.is_ascii_digit() => 0.68,
        c if c.is_ascii() => 0.58,
        // CJK and other wide scripts take about one em.
        c if u32::from(c) >= 0x2E80 => 1.0,
        _ => 0.65,
    }
}

/// Estimated width of a run of text at a font size, in the same units.
pub fn estimate_width(text: &str, font_size: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * font_size
}

/// The text itself if it fits the width, else its longest prefix that fits
/// with an ellipsis. Whitespace runs are collapsed first.
pub fn fit_line(text: &str, width: f64, font_size: f64) -> String {
    let text = collapse_whitespace(text);
    if estimate_width(&text, font_size) <= width {
        text
    } else {
        cut_with_ellipsis(&text, width, font_size)
    }
}

/// Wraps text into at most `max_lines` lines of the given width, breaking
/// at spaces where it can and inside a word where it must; the last line
/// ends with an ellipsis when text was left over.
pub fn wrap(text: &str, width: f64, font_size: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in collapse_whitespace(text)
        .split(' ')
        .filter(|w| !w.is_empty())
    {
        for piece in split_to_fit(word, width, font_size) {
            let candidate = if line.is_empty() {
                piece.clone()
            } else {
                format!("{line} {piece}")
            };
            if estimate_width(&candidate, font_size) <= width {
                line = candidate;
            } else {
                lines.push(std::mem::replace(&mut line, piece));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if max_lines > 0 && lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(cut_with_ellipsis(&rest, width, font_size));
    }
    lines.truncate(max_lines);
    lines
}

/// Splits one word into pieces that each fit the width: after a hyphen of
/// its own where it has one ("Datenplattform-" | "Modernisierung"), else
/// with a hyphen added where the word breaks ("Datenplatt-" | "form").
fn split_to_fit(word: &str, width: f64, font_size: f64) -> Vec<String> {
    if estimate_width(word, font_size) <= width {
        return vec![word.to_owned()];
    }
    let hyphen = char_em('-') * font_size;
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        let advance = char_em(c) * font_size;
        if !piece.is_empty() && estimate_width(&piece, font_size) + advance + hyphen > width {
            // Its last character aside, where the piece has a hyphen whose
            // rest (with this character) fits a line of its own.
            let (last, last_char) = piece.char_indices().last().unwrap_or((0, ' '));
            let own = piece[..last].rfind('-').filter(|&at| {
                at > 0 && estimate_width(&piece[at + 1..], font_size) + advance + hyphen <= width
            });
            let next = match own {
                // Break after the word's own hyphen; the rest moves on.
                Some(at) => piece.split_off(at + 1),
                // Wide scripts (CJK) break between characters, unmarked.
                None if piece.ends_with('-') || char_em(last_char) >= 1.0 => String::new(),
                None => {
                    piece.push('-');
                    String::new()
                }
            };
            pieces.push(std::mem::replace(&mut piece, next));
        }
        piece.push(c);
    }
    pieces.push(piece);
    pieces
}

/// The longest prefix of `text` that fits the width with an ellipsis after it.
fn cut_with_ellipsis(text: &str, width: f64, font_size: f64) -> String {
    let budget = width - estimate_width("…", font_size);
    let mut used = 0.0;
    let mut cut = String::new();
    for c in text.chars() {
        used += char_em(c) * font_size;
        if used > budget {
            break;
        }
        cut.push(c);
    }
    let mut cut = cut.trim_end().to_owned();
    cut.push('…');
    cut
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_left_alone() {
        assert_eq!(fit_line("Ship it", 200.0, 20.0), "Ship it");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis_and_fits() {
        let long = "Publish a first data product with one pilot domain and a data contract";
        let fitted = fit_line(long, 200.0, 20.0);
        assert!(fitted.ends_with('…'), "{fitted}");
        assert!(estimate_width(&fitted, 20.0) <= 200.0);
        assert!(long.starts_with(fitted.trim_end_matches('…')));
    }

    #[test]
    fn wide_glyphs_count_wider_than_narrow_ones() {
        assert!(estimate_width("WWWW", 10.0) > estimate_width("iiii", 10.0) * 2.0);
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_respects_the_line_limit() {
        let lines = wrap(
            "Turn data into business value in every domain",
            160.0,
            20.0,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("Turn data"));
        assert!(lines[1].ends_with('…'));
        for line in &lines {
            assert!(estimate_width(line, 20.0) <= 160.0, "{line}");
        }
    }

    #[test]
    fn a_word_too_long_for_a_line_breaks_after_its_own_hyphen_or_gets_one() {
        let lines = wrap("Datenplattform-Modernisierungsprogramm", 260.0, 20.0, 4);
        assert_eq!(lines[0], "Datenplattform-", "{lines:?}");
        assert!(lines[1].starts_with("Modernis"), "{lines:?}");
        for line in &lines {
            assert!(estimate_width(line, 20.0) <= 260.0, "{line}");
        }
        let lines = wrap("Supercalifragilisticexpialidocious", 200.0, 20.0, 4);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines[..lines.len() - 1] {
            assert!(line.ends_with('-'), "{lines:?}");
        }
        let joined: String = lines
            .iter()
            .map(|line| line.trim_end_matches('-'))
            .collect();
        assert_eq!(joined, "Supercalifragilisticexpialidocious");
        // A wide script breaks between its characters without hyphens.
        let lines = wrap("データプラットフォームの近代化計画", 140.0, 20.0, 6);
        assert!(lines.iter().all(|line| !line.contains('-')), "{lines:?}");
        for line in &lines {
            assert!(estimate_width(line, 20.0) <= 140.0, "{line}");
        }
        // A word's own hyphen is used only where the rest fits a line.
        let lines = wrap("i-WWWWWW", 60.0, 20.0, 6);
        for line in &lines {
            assert!(estimate_width(line, 20.0) <= 60.0, "{lines:?}");
        }
        // Characters of more than one byte break cleanly too.
        let word = "Datenqualitätsverantwortlichkeitsübertragungsvereinbarung";
        let lines = wrap(word, 120.0, 20.0, 12);
        let joined: String = lines
            .iter()
            .map(|line| line.trim_end_matches('-'))
            .collect();
        assert_eq!(joined, word);
    }

    #[test]
    fn wrapping_keeps_all_text_when_it_fits() {
        let lines = wrap("Data as a product", 400.0, 20.0, 3);
        assert_eq!(lines, ["Data as a product"]);
        let lines = wrap("alpha beta gamma", 75.0, 20.0, 3);
        assert_eq!(lines, ["alpha", "beta", "gamma"]);
    }

    #[test]
    fn a_single_endless_word_never_spills() {
        let word = "x".repeat(500);
        for line in wrap(&word, 120.0, 20.0, 3) {
            assert!(estimate_width(&line, 20.0) <= 120.0);
        }
        assert!(wrap("", 100.0, 20.0, 2).is_empty());
    }
}
