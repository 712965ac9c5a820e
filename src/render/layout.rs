//! What text goes where on the wheel: the chips of each phase and the lines
//! of the hub. Pure functions of the board's text, so that "a long title
//! never spills over the wheel" is a native test, not a hope.

use super::geometry::{chip_capacity, chip_slots, Slot, CENTER, CHIP_FONT, CHIP_PADDING};
use super::text::{fit_line, wrap};
use crate::model::Phase;

/// One chip as drawn: its box, the text that fits in it and the full text
/// for the tooltip.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    pub slot: Slot,
    pub text: String,
    pub full_text: String,
    /// The last chip of a crowded phase says how many more items there are.
    pub is_overflow: bool,
}

impl Chip {
    /// Where the chip's text starts (left edge) and its baseline.
    pub fn text_origin(&self) -> (f64, f64) {
        (
            self.slot.x + CHIP_PADDING,
            self.slot.y + self.slot.height / 2.0 + CHIP_FONT * 0.35,
        )
    }
}

/// Lays out the chips of one phase from its item titles, in order. When the
/// titles outnumber the room, the last slot says "+N more".
pub fn phase_chips(phase: Phase, titles: &[String]) -> Vec<Chip> {
    let capacity = chip_capacity(phase);
    let (shown, hidden) = if titles.len() > capacity {
        let shown = capacity.saturating_sub(1);
        (shown, titles.len() - shown)
    } else {
        (titles.len(), 0)
    };
    let slots = chip_slots(phase, shown + usize::from(hidden > 0));
    slots
        .into_iter()
        .enumerate()
        .map(|(index, slot)| {
            let (full_text, is_overflow) = if index < shown {
                (titles[index].clone(), false)
            } else {
                (format!("+{hidden} more"), true)
            };
            Chip {
                text: fit_line(&full_text, slot.text_width(), CHIP_FONT),
                slot,
                full_text,
                is_overflow,
            }
        })
        .collect()
}

/// Font size of the board title in the hub.
pub const HUB_TITLE_FONT: f64 = 30.0;
/// Font size of the north star in the hub.
pub const HUB_NORTH_STAR_FONT: f64 = 18.0;
const HUB_TITLE_WIDTH: f64 = 236.0;
const HUB_NORTH_STAR_WIDTH: f64 = 220.0;
const HUB_TITLE_LEADING: f64 = 34.0;
const HUB_NORTH_STAR_LEADING: f64 = 23.0;
const HUB_GAP: f64 = 12.0;

/// A line of hub text and its baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct HubLine {
    pub text: String,
    pub y: f64,
}

/// The hub's text, centred as a block.
#[derive(Clone, Debug, PartialEq)]
pub struct HubText {
    pub title: Vec<HubLine>,
    pub north_star: Vec<HubLine>,
}

/// Wraps the title (two lines at most) and the north star (four lines at
/// most) and centres them vertically in the hub. Every line but the last
/// keeps a trailing space, so the text reads as one sentence to find-in-page
/// and to anything that copies it.
pub fn hub_text(title: &str, north_star: &str) -> HubText {
    let title_lines = joinable(wrap(title, HUB_TITLE_WIDTH, HUB_TITLE_FONT, 2));
    let north_lines = joinable(wrap(
        north_star,
        HUB_NORTH_STAR_WIDTH,
        HUB_NORTH_STAR_FONT,
        4,
    ));
    let title_height = title_lines.len() as f64 * HUB_TITLE_LEADING;
    let north_height = north_lines.len() as f64 * HUB_NORTH_STAR_LEADING;
    let gap = if north_lines.is_empty() { 0.0 } else { HUB_GAP };
    let top = CENTER.y - (title_height + gap + north_height) / 2.0;
    let title = title_lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| HubLine {
            text,
            y: top + HUB_TITLE_LEADING * (i as f64 + 0.78),
        })
        .collect();
    let north_top = top + title_height + gap;
    let north_star = north_lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| HubLine {
            text,
            y: north_top + HUB_NORTH_STAR_LEADING * (i as f64 + 0.78),
        })
        .collect();
    HubText { title, north_star }
}

fn joinable(mut lines: Vec<String>) -> Vec<String> {
    let count = lines.len();
    for line in lines.iter_mut().take(count.saturating_sub(1)) {
        line.push(' ');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::geometry::{slot_is_inside, HUB_RADIUS};
    use crate::render::text::estimate_width;

    fn titles(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("Item number {i}")).collect()
    }

    #[test]
    fn a_long_title_is_cut_to_its_chip_and_keeps_its_full_text_for_the_tooltip() {
        let long =
            "A very long goal title that goes on and on well past any chip on the wheel".to_owned();
        for phase in Phase::ALL {
            let chips = phase_chips(phase, std::slice::from_ref(&long));
            let chip = &chips[0];
            assert!(chip.text.ends_with('…'));
            assert!(estimate_width(&chip.text, CHIP_FONT) <= chip.slot.text_width());
            assert_eq!(chip.full_text, long);
            assert!(slot_is_inside(phase, &chip.slot));
        }
    }

    #[test]
    fn a_crowded_phase_ends_with_a_count_of_the_rest() {
        let phase = Phase::NextBestAction;
        let capacity = chip_capacity(phase);
        let chips = phase_chips(phase, &titles(capacity + 5));
        assert_eq!(chips.len(), capacity);
        let last = chips.last().unwrap();
        assert!(last.is_overflow);
        assert_eq!(last.full_text, "+6 more");
        assert!(chips[..capacity - 1].iter().all(|c| !c.is_overflow));
    }

    #[test]
    fn a_phase_that_fits_shows_every_title_in_order() {
        let chips = phase_chips(Phase::ClarityOfPurpose, &titles(3));
        let texts: Vec<&str> = chips.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Item number 0", "Item number 1", "Item number 2"]);
        assert!(phase_chips(Phase::ClarityOfPurpose, &[]).is_empty());
    }

    #[test]
    fn hub_text_stays_inside_the_hub() {
        let hub = hub_text(
            "A board title that is far too long for the hub of the wheel",
            "A north star that rambles on for many words and would never fit in four lines \
             of the hub no matter how small we made it",
        );
        assert_eq!(hub.title.len(), 2);
        assert_eq!(hub.north_star.len(), 4);
        assert!(hub.north_star[3].text.ends_with('…'));
        let lines = hub.title.iter().map(|line| (line, HUB_TITLE_FONT)).chain(
            hub.north_star
                .iter()
                .map(|line| (line, HUB_NORTH_STAR_FONT)),
        );
        for (line, font) in lines {
            // The line's box (baseline plus ascent) must fit the hub's chord.
            let farthest = (line.y - CENTER.y)
                .abs()
                .max((line.y - font - CENTER.y).abs());
            let chord = 2.0 * (HUB_RADIUS.powi(2) - farthest.powi(2)).sqrt();
            assert!(estimate_width(&line.text, font) <= chord, "{line:?}");
        }
    }

    #[test]
    fn wrapped_hub_lines_join_back_into_the_original_words() {
        let hub = hub_text("Data factory to data mesh", "");
        let joined: String = hub.title.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, "Data factory to data mesh");
    }

    #[test]
    fn an_empty_north_star_centres_the_title_alone() {
        let hub = hub_text("Mesh", "");
        assert!(hub.north_star.is_empty());
        assert!((hub.title[0].y - (CENTER.y + HUB_TITLE_LEADING * 0.28)).abs() < 1.0);
    }
}
