//! What text goes where on the wheel: the chips of each phase and the lines
//! of the hub. Pure functions of the board's text, so that "a long title
//! never spills over the wheel" is a native test, not a hope.

use super::chart::format_value;
use super::geometry::{
    chip_capacity, chip_slots, Slot, CENTER, CHIP_FONT, CHIP_LEADING, CHIP_PADDING, VIEW_SIZE,
};
use super::text::{fit_line, wrap};
use crate::model::{Item, ItemId, Metric, Phase, Status};

/// What a chip says about one item.
#[derive(Clone, Debug, PartialEq)]
pub struct ChipText {
    pub id: ItemId,
    pub title: String,
    /// A second, smaller line: a value metric's latest value and trend.
    pub detail: Option<String>,
    /// Whether the item has a gap, which the chip marks.
    pub has_gap: bool,
}

impl ChipText {
    /// What the chip of `item` says: its title (marked ✓ when done), a
    /// metric's summary, and whether it has a gap.
    pub fn of(item: &Item, has_gap: bool) -> ChipText {
        ChipText {
            id: item.id,
            title: if item.status == Status::Done {
                format!("✓ {}", item.display_title())
            } else {
                item.display_title().to_owned()
            },
            detail: item.metric.as_ref().map(metric_summary),
            has_gap,
        }
    }
}

/// One chip as drawn: its box, the lines of title that fit in it, the
/// detail line, and the full text for the tooltip.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// The item, or `None` for the "+N more" chip.
    pub id: Option<ItemId>,
    pub slot: Slot,
    pub lines: Vec<String>,
    pub detail: Option<String>,
    pub full_text: String,
    pub has_gap: bool,
    /// The font size of its text, in view-box units.
    pub font: f64,
}

impl Chip {
    /// Whether this is the last chip of a crowded phase, counting the rest.
    pub fn is_overflow(&self) -> bool {
        self.id.is_none()
    }

    /// A key that two chips share only when they draw the same: the wheel
    /// keeps such a chip's elements when the board changes, so an edit
    /// redraws only the chips it changed.
    pub fn key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.id.hash(&mut hasher);
        for side in [self.slot.x, self.slot.y, self.slot.width, self.slot.height] {
            side.to_bits().hash(&mut hasher);
        }
        self.lines.hash(&mut hasher);
        self.detail.hash(&mut hasher);
        self.full_text.hash(&mut hasher);
        self.has_gap.hash(&mut hasher);
        self.font.to_bits().hash(&mut hasher);
        hasher.finish()
    }

    /// The distance between the baselines of its lines.
    pub fn leading(&self) -> f64 {
        self.font * (CHIP_LEADING / CHIP_FONT)
    }

    /// The baseline of its line `index` (its title lines, then the detail).
    pub fn baseline(&self, index: usize) -> f64 {
        self.text_origin().1 + index as f64 * self.leading()
    }

    /// Where the chip's text starts (left edge) and the first baseline.
    pub fn text_origin(&self) -> (f64, f64) {
        let count = self.lines.len() + usize::from(self.detail.is_some());
        let text_height = count as f64 * self.leading();
        let top = self.slot.y + (self.slot.height - text_height) / 2.0;
        (
            self.slot.x + CHIP_PADDING,
            top + self.leading() * 0.5 + self.font * 0.35,
        )
    }
}

/// Lays out the chips of one phase, in order. A phase with few items gets
/// two-line chips, so that titles read in full more often (a metric's
/// second line is its latest value); a crowded one gets one-line chips, and
/// when even those run out the last slot says "+N more".
pub fn phase_chips(phase: Phase, items: &[ChipText]) -> Vec<Chip> {
    phase_chips_of(phase, items, items.len(), 1.0)
}

/// How much wider a chip's bold detail line (a metric's value) runs than
/// the same text in regular weight, for fitting it to its chip.
const BOLD_WIDTH: f64 = 1.1;

/// The most items a phase ever shows as chips (one-line chips at chip
/// scale 1); only that many need a [`ChipText`] for [`phase_chips_of`].
pub fn most_chips(phase: Phase) -> usize {
    chip_capacity(phase, 1, 1.0)
}

/// The largest chip scale a small wheel sets by itself (see
/// [`chip_scale`]), which keeps room for a handful of chips per phase.
pub const CHIP_SCALE_AUTO_MAX: f64 = 1.25;

/// The largest chip scale: the text size takes the chips this far (a room
/// reading a projector, where the presenter asks for larger text), and no
/// further, so a phase keeps room for a few of them.
pub const CHIP_SCALE_MAX: f64 = 1.6;

/// The smallest size, in CSS pixels on screen, the wheel sets its chips'
/// type at when the chip scale allows (see [`chip_scale`]).
pub const CHIP_MIN_PX: f64 = 12.0;

/// How large the wheel's chips are set for the page's text size (a
/// percentage) and, where known, the wheel's size on screen (the smaller
/// of its width and height, in CSS pixels). They grow with the text size,
/// from 100 % up to [`CHIP_SCALE_MAX`], so a room reading a projector gets
/// larger chip text when the presenter asks for larger text; and on a
/// small wheel (a laptop, a 720p projector) as far as [`CHIP_MIN_PX`] on
/// screen, up to [`CHIP_SCALE_AUTO_MAX`], so larger text still enlarges
/// the chips there. Smaller text leaves the chips as they are. The scale
/// comes in steps of 0.05, so resizing a window does not lay the chips out
/// again at every pixel.
pub fn chip_scale(text_scale: u16, wheel_px: Option<f64>) -> f64 {
    let for_text = (f64::from(text_scale) / 100.0).min(CHIP_SCALE_MAX);
    let for_size = wheel_px
        .filter(|px| *px > 0.0)
        .map_or(1.0, |px| CHIP_MIN_PX * VIEW_SIZE / (CHIP_FONT * px))
        .min(CHIP_SCALE_AUTO_MAX);
    let scale = for_text.max(for_size).max(1.0);
    // Up to the next step (never below the size asked for), past float noise.
    ((scale * 20.0 - 1e-9).ceil() / 20.0).min(CHIP_SCALE_MAX)
}

/// [`phase_chips`] for a phase of `total` items of which `first` holds at
/// least the first [`most_chips`] (or all, when there are fewer), with
/// chips at chip scale `scale` (see [`chip_scale`]): larger type, so
/// shorter lines and fewer chips.
pub fn phase_chips_of(phase: Phase, first: &[ChipText], total: usize, scale: f64) -> Vec<Chip> {
    let items = first;
    let font = CHIP_FONT * scale;
    let lines = if total <= chip_capacity(phase, 2, scale) {
        2
    } else {
        1
    };
    let capacity = chip_capacity(phase, lines, scale);
    let (shown, hidden) = if total > capacity {
        let shown = capacity.saturating_sub(1);
        (shown, total - shown)
    } else {
        (total, 0)
    };
    let slots = chip_slots(phase, shown + usize::from(hidden > 0), lines, scale);
    slots
        .into_iter()
        .enumerate()
        .map(|(index, slot)| {
            let Some(item) = items.get(index).filter(|_| index < shown) else {
                let text = format!("+{hidden} more");
                return Chip {
                    id: None,
                    lines: vec![fit_line(&text, slot.text_width(), font)],
                    detail: None,
                    slot,
                    full_text: text,
                    has_gap: false,
                    font,
                };
            };
            let detail = item
                .detail
                .as_ref()
                .filter(|_| lines > 1)
                .map(|detail| fit_line(detail, slot.text_width(), font * BOLD_WIDTH));
            let title_lines = lines - usize::from(detail.is_some());
            let full_text = match &item.detail {
                Some(detail) => format!("{} — {detail}", item.title),
                None => item.title.clone(),
            };
            Chip {
                id: Some(item.id),
                lines: wrap(&item.title, slot.text_width(), font, title_lines),
                detail,
                slot,
                full_text,
                has_gap: item.has_gap,
                font,
            }
        })
        .collect()
}

/// A value metric's compact trend for its chip: the direction of the last
/// move, the latest value with its unit, and the target.
pub fn metric_summary(metric: &Metric) -> String {
    let unit = metric.settings.unit.trim();
    let with_unit = |value: f64| {
        let value = format_value(value);
        if unit.is_empty() {
            value
        } else {
            format!("{value} {unit}")
        }
    };
    let Some(latest) = metric.latest() else {
        return "no samples yet".to_owned();
    };
    let arrow = match metric.samples.as_slice() {
        [.., previous, last] if last.value > previous.value => "↗ ",
        [.., previous, last] if last.value < previous.value => "↘ ",
        [_, _, ..] => "→ ",
        _ => "",
    };
    match metric.settings.target {
        Some(target) if metric.is_on_target() => {
            format!(
                "{arrow}{} ✓ target {}",
                with_unit(latest.value),
                format_value(target)
            )
        }
        Some(target) => format!(
            "{arrow}{} · target {}",
            with_unit(latest.value),
            format_value(target)
        ),
        None => format!("{arrow}{}", with_unit(latest.value)),
    }
}

/// The one line a closed item card shows under its title: status, owner,
/// how many links it has and, for a value metric, its latest value; the
/// same facts its open card edits.
pub fn card_summary(item: &Item, links: usize) -> String {
    let mut parts = vec![item.status.label().to_owned()];
    let owner = item.owner.trim();
    if !owner.is_empty() {
        parts.push(owner.to_owned());
    }
    parts.push(match links {
        0 => "no links".to_owned(),
        1 => "1 link".to_owned(),
        n => format!("{n} links"),
    });
    if let Some(metric) = &item.metric {
        parts.push(metric_summary(metric));
    }
    parts.join(" · ")
}

/// How the hub sets its text: sizes, measures and line limits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HubStyle {
    pub title_font: f64,
    pub title_width: f64,
    pub title_lines: usize,
    pub north_star_font: f64,
    pub north_star_width: f64,
    pub north_star_lines: usize,
}

/// The hub on a wheel drawn large enough for chips.
pub const HUB_REGULAR: HubStyle = HubStyle {
    title_font: 30.0,
    title_width: 236.0,
    title_lines: 2,
    north_star_font: 18.0,
    north_star_width: 220.0,
    north_star_lines: 4,
};

/// The hub on a small wheel (phones, small embeds): bigger type, fewer lines.
pub const HUB_COMPACT: HubStyle = HubStyle {
    title_font: 36.0,
    title_width: 250.0,
    title_lines: 2,
    north_star_font: 25.0,
    north_star_width: 246.0,
    north_star_lines: 2,
};

/// The hub's style on a wheel large enough for chips, for the page's text
/// size (a percentage): from 120 % on, the larger type of [`HUB_COMPACT`],
/// as the chips grow with the text too (see [`chip_scale`]).
pub fn hub_style(text_scale: u16) -> HubStyle {
    if chip_scale(text_scale, None) >= 1.2 {
        HUB_COMPACT
    } else {
        HUB_REGULAR
    }
}

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

/// Wraps the title and the north star to the style's limits and centres
/// them vertically in the hub. Every line but the last keeps a trailing
/// space, so the text reads as one sentence to find-in-page and to anything
/// that copies it.
pub fn hub_text(title: &str, north_star: &str, style: &HubStyle) -> HubText {
    let title_leading = style.title_font * 1.15;
    let north_leading = style.north_star_font * 1.25;
    let title_lines = joinable(wrap(
        title,
        style.title_width,
        style.title_font,
        style.title_lines,
    ));
    let north_lines = joinable(wrap(
        north_star,
        style.north_star_width,
        style.north_star_font,
        style.north_star_lines,
    ));
    let title_height = title_lines.len() as f64 * title_leading;
    let north_height = north_lines.len() as f64 * north_leading;
    let gap = if north_lines.is_empty() { 0.0 } else { HUB_GAP };
    let top = CENTER.y - (title_height + gap + north_height) / 2.0;
    let place = |lines: Vec<String>, top: f64, leading: f64| {
        lines
            .into_iter()
            .enumerate()
            .map(|(i, text)| HubLine {
                text,
                y: top + leading * (i as f64 + 0.78),
            })
            .collect()
    };
    HubText {
        title: place(title_lines, top, title_leading),
        north_star: place(north_lines, top + title_height + gap, north_leading),
    }
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
    use crate::render::geometry::{chip_height, slot_is_inside, HUB_RADIUS};
    use crate::render::text::estimate_width;

    fn titles(n: usize) -> Vec<ChipText> {
        (0..n).map(|i| chip(&format!("Item number {i}"))).collect()
    }

    fn chip(title: &str) -> ChipText {
        ChipText {
            id: ItemId(1),
            title: title.to_owned(),
            detail: None,
            has_gap: false,
        }
    }

    #[test]
    fn chip_keys_are_unique_on_a_phase_and_change_only_with_what_a_chip_draws() {
        let phase = Phase::ChallengeAndLandscape;
        let texts = titles(40);
        let chips = phase_chips_of(phase, &texts, 40, 1.0);
        let keys: std::collections::HashSet<u64> = chips.iter().map(Chip::key).collect();
        assert_eq!(keys.len(), chips.len(), "two chips of a phase share a key");
        assert_eq!(
            phase_chips_of(phase, &titles(40), 40, 1.0)
                .iter()
                .map(Chip::key)
                .collect::<Vec<_>>(),
            chips.iter().map(Chip::key).collect::<Vec<_>>(),
            "the same board gives the same keys"
        );
        // One more item changes only the "+N more" chip.
        let more = phase_chips_of(phase, &texts, 41, 1.0);
        let changed: Vec<usize> = (0..chips.len())
            .filter(|i| chips[*i].key() != more[*i].key())
            .collect();
        assert_eq!(changed, vec![chips.len() - 1]);
        assert!(chips[chips.len() - 1].is_overflow());
        // A new title or a gap mark changes that chip's key.
        let mut renamed = texts.clone();
        renamed[0].title = "Renamed".to_owned();
        assert_ne!(
            phase_chips_of(phase, &renamed, 40, 1.0)[0].key(),
            chips[0].key()
        );
        let mut gap = texts;
        gap[1].has_gap = true;
        let marked = phase_chips_of(phase, &gap, 40, 1.0);
        assert_ne!(marked[1].key(), chips[1].key());
        assert_eq!(marked[2].key(), chips[2].key());
    }

    #[test]
    fn a_card_summary_names_status_owner_links_and_a_metrics_latest_value() {
        let mut item = Item::new(ItemId(3), crate::model::ItemKind::Goal, "Grow".to_owned());
        assert_eq!(card_summary(&item, 0), "open · no links");
        item.owner = "  Ana ".to_owned();
        item.status = Status::InProgress;
        assert_eq!(card_summary(&item, 1), "in progress · Ana · 1 link");
        let mut metric = Item::new(
            ItemId(4),
            crate::model::ItemKind::ValueMetric,
            "Lead time".to_owned(),
        );
        metric.status = Status::Done;
        let summary = card_summary(&metric, 2);
        assert!(summary.starts_with("done · 2 links · "), "{summary}");
        assert!(summary.ends_with(&metric_summary(metric.metric.as_ref().unwrap())));
    }

    #[test]
    fn a_long_title_wraps_then_is_cut_and_keeps_its_full_text_for_the_tooltip() {
        let long =
            "A very long goal title that goes on and on well past any chip on the wheel".to_owned();
        for phase in Phase::ALL {
            let chips = phase_chips(phase, &[chip(&long)]);
            let chip = &chips[0];
            assert_eq!(chip.lines.len(), 2);
            assert!(chip.lines[1].ends_with('…'));
            for line in &chip.lines {
                assert!(estimate_width(line, CHIP_FONT) <= chip.slot.text_width());
            }
            assert_eq!(chip.full_text, long);
            assert!(slot_is_inside(phase, &chip.slot));
        }
    }

    #[test]
    fn a_small_wheel_sets_its_chips_larger_up_to_the_limit_and_in_steps() {
        let on_screen = |scale: f64, px: f64| CHIP_FONT * scale * px / VIEW_SIZE;
        // A large wheel keeps scale 1; the text size still counts.
        assert!((chip_scale(100, Some(900.0)) - 1.0).abs() < f64::EPSILON);
        assert!((chip_scale(120, Some(900.0)) - 1.2).abs() < 1e-9);
        // A 1280x720 laptop's wheel (about 570 px): at least 12 px on screen.
        let scale = chip_scale(100, Some(570.0));
        assert!(
            scale > 1.0 && on_screen(scale, 570.0) >= CHIP_MIN_PX,
            "{scale}"
        );
        // Never past the limit, however small the wheel; nothing unknown.
        assert!((chip_scale(100, Some(300.0)) - CHIP_SCALE_AUTO_MAX).abs() < f64::EPSILON);
        // Larger text takes a small wheel's chips past that, to the limit.
        assert!((chip_scale(150, Some(300.0)) - 1.5).abs() < 1e-9);
        assert!((chip_scale(200, Some(300.0)) - CHIP_SCALE_MAX).abs() < f64::EPSILON);
        assert!((chip_scale(100, Some(0.0)) - 1.0).abs() < f64::EPSILON);
        // Steps of 0.05: a pixel more or less gives the same scale.
        assert!((chip_scale(100, Some(570.0)) - chip_scale(100, Some(571.0))).abs() < f64::EPSILON);
        for px in (400..1200).step_by(7) {
            let scale = chip_scale(100, Some(f64::from(px)));
            assert!(
                ((scale * 20.0).round() - scale * 20.0).abs() < 1e-9,
                "{px} {scale}"
            );
        }
    }

    #[test]
    fn larger_text_sets_larger_chips_that_still_fit_their_slots_and_segment() {
        assert!((chip_scale(70, None) - 1.0).abs() < f64::EPSILON);
        assert!((chip_scale(100, None) - 1.0).abs() < f64::EPSILON);
        assert!((chip_scale(120, None) - 1.2).abs() < 1e-9);
        assert!((chip_scale(200, None) - CHIP_SCALE_MAX).abs() < f64::EPSILON);
        assert_eq!(hub_style(70), HUB_REGULAR);
        assert_eq!(hub_style(110), HUB_REGULAR);
        assert_eq!(hub_style(120), HUB_COMPACT);
        assert_eq!(hub_style(200), HUB_COMPACT);
        let long = "A very long goal title that goes on and on well past any chip on the wheel";
        for phase in Phase::ALL {
            for total in [1, 3, 12, 60] {
                let texts: Vec<ChipText> =
                    (0..total).map(|i| chip(&format!("{long} {i}"))).collect();
                let first = &texts[..total.min(most_chips(phase))];
                let regular = phase_chips_of(phase, first, total, 1.0);
                let large = phase_chips_of(phase, first, total, CHIP_SCALE_MAX);
                // Never more chips than at scale 1, each one's type larger.
                assert!(large.len() <= regular.len(), "{phase:?} {total}");
                assert!(!large.is_empty());
                for chip in &large {
                    assert!((chip.font - CHIP_FONT * CHIP_SCALE_MAX).abs() < 1e-9);
                    assert!(slot_is_inside(phase, &chip.slot), "{phase:?} {chip:?}");
                    for line in &chip.lines {
                        assert!(estimate_width(line, chip.font) <= chip.slot.text_width());
                    }
                    if let Some(line) = &chip.detail {
                        assert!(
                            estimate_width(line, chip.font * BOLD_WIDTH) <= chip.slot.text_width()
                        );
                    }
                    // The lines sit inside the chip's box.
                    let count = chip.lines.len() + usize::from(chip.detail.is_some());
                    let last = chip.baseline(count - 1);
                    assert!(chip.baseline(0) - chip.font * 0.75 >= chip.slot.y);
                    assert!(last + chip.font * 0.25 <= chip.slot.y + chip.slot.height);
                }
                assert_ne!(large[0].key(), regular[0].key());
            }
        }
    }

    #[test]
    fn a_busy_phase_switches_to_one_line_chips() {
        let phase = Phase::ClarityOfPurpose;
        let two_line = chip_capacity(phase, 2, 1.0);
        let roomy = phase_chips(phase, &titles(two_line));
        assert!(roomy.iter().all(|c| c.slot.height > chip_height(1, 1.0)));
        let busy = phase_chips(phase, &titles(two_line + 1));
        assert_eq!(busy.len(), two_line + 1);
        assert!(busy.iter().all(|c| c.lines.len() == 1));
    }

    #[test]
    fn a_crowded_phase_ends_with_a_count_of_the_rest() {
        let phase = Phase::NextBestAction;
        let capacity = chip_capacity(phase, 1, 1.0);
        let chips = phase_chips(phase, &titles(capacity + 5));
        assert_eq!(chips.len(), capacity);
        let last = chips.last().unwrap();
        assert!(last.is_overflow());
        assert_eq!(last.full_text, "+6 more");
        assert!(chips[..capacity - 1].iter().all(|c| !c.is_overflow()));
    }

    #[test]
    fn chips_from_the_first_items_and_a_count_match_chips_from_all() {
        for phase in Phase::ALL {
            for total in [0, 1, 3, most_chips(phase), most_chips(phase) + 1, 500] {
                let all = titles(total);
                let first = &all[..total.min(most_chips(phase))];
                assert_eq!(
                    phase_chips_of(phase, first, total, 1.0),
                    phase_chips(phase, &all),
                    "{phase:?} with {total} items"
                );
            }
        }
    }

    #[test]
    fn a_phase_that_fits_shows_every_title_in_order() {
        let chips = phase_chips(Phase::ClarityOfPurpose, &titles(3));
        let texts: Vec<&str> = chips.iter().map(|c| c.lines[0].as_str()).collect();
        assert_eq!(texts, ["Item number 0", "Item number 1", "Item number 2"]);
        assert!(phase_chips(Phase::ClarityOfPurpose, &[]).is_empty());
    }

    #[test]
    fn a_metric_chip_gives_its_second_line_to_the_latest_value() {
        let phase = Phase::LongTermValue;
        let item = ChipText {
            id: ItemId(9),
            title: "Time from business question to insight".into(),
            detail: Some("↘ 18 days · target 10".into()),
            has_gap: true,
        };
        let chips = phase_chips(phase, &[item]);
        assert_eq!(chips[0].lines.len(), 1);
        assert!(chips[0].lines[0].ends_with('…'));
        assert_eq!(chips[0].detail.as_deref(), Some("↘ 18 days · target 10"));
        assert!(chips[0].has_gap);
        assert_eq!(chips[0].id, Some(ItemId(9)));
        assert!(chips[0].full_text.ends_with("— ↘ 18 days · target 10"));
    }

    #[test]
    fn the_metric_summary_shows_trend_value_unit_and_target() {
        use crate::model::{Date, Direction, MetricSettings, Sample};
        let sample = |date: &str, value: f64| Sample {
            date: Date::parse(date).unwrap(),
            value,
            note: String::new(),
        };
        let mut metric = Metric {
            settings: MetricSettings {
                unit: "days".into(),
                direction: Direction::LowerIsBetter,
                target: Some(10.0),
                ..MetricSettings::default()
            },
            samples: vec![],
        };
        assert_eq!(metric_summary(&metric), "no samples yet");
        metric.samples = vec![sample("2026-01-01", 21.0)];
        assert_eq!(metric_summary(&metric), "21 days · target 10");
        metric.samples.push(sample("2026-02-01", 18.0));
        assert_eq!(metric_summary(&metric), "↘ 18 days · target 10");
        metric.samples.push(sample("2026-03-01", 9.5));
        assert_eq!(metric_summary(&metric), "↘ 9.5 days ✓ target 10");
        metric.settings.target = None;
        metric.settings.unit.clear();
        metric.samples.push(sample("2026-04-01", 9.5));
        assert_eq!(metric_summary(&metric), "→ 9.5");
    }

    #[test]
    fn hub_text_stays_inside_the_hub_in_both_styles() {
        for style in [HUB_REGULAR, HUB_COMPACT] {
            let hub = hub_text(
                "A board title that is far too long for the hub of the wheel",
                "A north star that rambles on for many words and would never fit in four \
                 lines of the hub no matter how small we made it",
                &style,
            );
            assert_eq!(hub.title.len(), style.title_lines);
            assert_eq!(hub.north_star.len(), style.north_star_lines);
            assert!(hub.north_star.last().unwrap().text.ends_with('…'));
            let lines = hub.title.iter().map(|line| (line, style.title_font)).chain(
                hub.north_star
                    .iter()
                    .map(|line| (line, style.north_star_font)),
            );
            for (line, font) in lines {
                // The line's box (baseline plus ascent) must fit the hub's chord.
                let farthest = (line.y - CENTER.y)
                    .abs()
                    .max((line.y - font - CENTER.y).abs());
                let chord = 2.0 * (HUB_RADIUS.powi(2) - farthest.powi(2)).sqrt();
                assert!(
                    estimate_width(line.text.trim_end(), font) <= chord,
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn wrapped_hub_lines_join_back_into_the_original_words() {
        let hub = hub_text("Data factory to data mesh", "", &HUB_REGULAR);
        let joined: String = hub.title.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, "Data factory to data mesh");
    }

    #[test]
    fn an_empty_north_star_centres_the_title_alone() {
        let hub = hub_text("Mesh", "", &HUB_REGULAR);
        assert!(hub.north_star.is_empty());
        let leading = HUB_REGULAR.title_font * 1.15;
        assert!((hub.title[0].y - (CENTER.y + leading * 0.28)).abs() < 1.0);
    }
}
