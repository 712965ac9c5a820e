//! Where each part of the wheel sits, in view-box units.
//!
//! Angles are clock angles in degrees: 0 is twelve o'clock and they grow
//! clockwise, so phase I spans 0°–90°, II 90°–180°, III 180°–270° and
//! IV 270°–360°. The wheel has, from the centre out: the hub, the chip area
//! where items sit, the label band with each phase's curved name, and the
//! loop track whose arrows show the wheel turning, IV back into I.

use std::fmt::Write as _;

use crate::model::Phase;

/// The trigonometry the wheel needs: the browser's `Math` in the wasm
/// build, so the download carries no copy of libm's (its argument
/// reduction alone is 6 KB of code and tables), and Rust's own natively,
/// where the tests run. The two agree to a few units in the last place,
/// far below the 0.1 view-box units the paths are written with.
mod trig {
    #[cfg(target_arch = "wasm32")]
    pub use js_sys::Math::{asin, atan2, cos, sin};

    #[cfg(not(target_arch = "wasm32"))]
    pub fn sin(x: f64) -> f64 {
        x.sin()
    }
    #[cfg(not(target_arch = "wasm32"))]
    pub fn cos(x: f64) -> f64 {
        x.cos()
    }
    #[cfg(not(target_arch = "wasm32"))]
    pub fn asin(x: f64) -> f64 {
        x.asin()
    }
    #[cfg(not(target_arch = "wasm32"))]
    pub fn atan2(y: f64, x: f64) -> f64 {
        y.atan2(x)
    }
}

/// Width and height of the wheel's view box.
pub const VIEW_SIZE: f64 = 1000.0;
/// Centre of the wheel.
pub const CENTER: Point = Point { x: 500.0, y: 500.0 };
/// Radius of the hub that shows the title and north star.
pub const HUB_RADIUS: f64 = 148.0;
/// Inner radius of a phase segment.
pub const SEGMENT_INNER: f64 = 156.0;
/// Outer radius of a phase segment.
pub const SEGMENT_OUTER: f64 = 428.0;
/// Inner radius of the band that carries the phase names.
pub const LABEL_BAND_INNER: f64 = 372.0;
/// Radius of the loop track with its arrows.
pub const TRACK_RADIUS: f64 = 452.0;
/// Width of the gap between neighbouring segments.
pub const SEGMENT_GAP: f64 = 10.0;
/// Font size of the phase names on the label band.
pub const LABEL_FONT: f64 = 30.0;
/// Font size of item chips at a chip scale of 1 (see `layout::chip_scale`).
pub const CHIP_FONT: f64 = 19.0;
/// Distance between the baselines of a chip's lines, at a chip scale of 1.
pub const CHIP_LEADING: f64 = 22.0;
/// Space between neighbouring chips.
pub const CHIP_SPACING: f64 = 6.0;
/// Chips narrower than this are not worth drawing.
pub const MIN_CHIP_WIDTH: f64 = 130.0;
/// Padding between a chip's edge and its text.
pub const CHIP_PADDING: f64 = 10.0;

/// A point in view-box units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// An axis-aligned box where one chip is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slot {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Slot {
    /// The width left for text once the padding is taken off.
    pub fn text_width(&self) -> f64 {
        self.width - 2.0 * CHIP_PADDING
    }

    fn corners(&self) -> [Point; 4] {
        [
            Point {
                x: self.x,
                y: self.y,
            },
            Point {
                x: self.x + self.width,
                y: self.y,
            },
            Point {
                x: self.x,
                y: self.y + self.height,
            },
            Point {
                x: self.x + self.width,
                y: self.y + self.height,
            },
        ]
    }
}

/// The point at a clock angle and radius from the centre.
pub fn clock_point(degrees: f64, radius: f64) -> Point {
    let radians = degrees.to_radians();
    Point {
        x: CENTER.x + radius * trig::sin(radians),
        y: CENTER.y - radius * trig::cos(radians),
    }
}

/// The clock angles a phase spans, start then end.
pub fn phase_span(phase: Phase) -> (f64, f64) {
    let start = 90.0 * phase.index() as f64;
    (start, start + 90.0)
}

/// The clock angle through the middle of a phase.
pub fn phase_mid_angle(phase: Phase) -> f64 {
    let (start, end) = phase_span(phase);
    f64::midpoint(start, end)
}

/// Whether a phase sits in the top half of the wheel (I and IV).
pub fn is_top(phase: Phase) -> bool {
    matches!(phase, Phase::ClarityOfPurpose | Phase::LongTermValue)
}

/// Horizontal and vertical sign of a phase's quadrant (+x is right, +y down).
fn quadrant_signs(phase: Phase) -> (f64, f64) {
    match phase {
        Phase::ClarityOfPurpose => (1.0, -1.0),
        Phase::ChallengeAndLandscape => (1.0, 1.0),
        Phase::NextBestAction => (-1.0, 1.0),
        Phase::LongTermValue => (-1.0, -1.0),
    }
}

fn fmt_point(out: &mut String, command: char, p: Point) {
    let _ = write!(out, "{command}{:.1} {:.1} ", p.x, p.y);
}

/// The SVG path of a phase's segment: an annular sector with a gap of
/// constant width between it and its neighbours.
pub fn segment_path(phase: Phase) -> String {
    let (start, end) = phase_span(phase);
    let half_gap = SEGMENT_GAP / 2.0;
    let outer_pad = trig::asin(half_gap / SEGMENT_OUTER).to_degrees();
    let inner_pad = trig::asin(half_gap / SEGMENT_INNER).to_degrees();
    let mut d = String::new();
    fmt_point(&mut d, 'M', clock_point(start + outer_pad, SEGMENT_OUTER));
    let _ = write!(d, "A{SEGMENT_OUTER} {SEGMENT_OUTER} 0 0 1 ");
    fmt_point(&mut d, ' ', clock_point(end - outer_pad, SEGMENT_OUTER));
    fmt_point(&mut d, 'L', clock_point(end - inner_pad, SEGMENT_INNER));
    let _ = write!(d, "A{SEGMENT_INNER} {SEGMENT_INNER} 0 0 0 ");
    fmt_point(&mut d, ' ', clock_point(start + inner_pad, SEGMENT_INNER));
    d.push('Z');
    d
}

/// The radius of the baseline of a phase's curved name. Names on the top
/// half sit on the inside of their baseline and names on the bottom half on
/// the outside, so both read upright, centred in the label band.
pub fn label_radius(phase: Phase) -> f64 {
    let middle = f64::midpoint(LABEL_BAND_INNER, SEGMENT_OUTER);
    if is_top(phase) {
        middle - LABEL_FONT * 0.35
    } else {
        middle + LABEL_FONT * 0.35
    }
}

/// The arc a phase's name is written along. It runs left to right as the
/// reader sees it: clockwise on the top half, anticlockwise on the bottom.
pub fn label_arc_path(phase: Phase) -> String {
    let (start, end) = phase_span(phase);
    let radius = label_radius(phase);
    let mut d = String::new();
    if is_top(phase) {
        fmt_point(&mut d, 'M', clock_point(start, radius));
        let _ = write!(d, "A{radius:.1} {radius:.1} 0 0 1 ");
        fmt_point(&mut d, ' ', clock_point(end, radius));
    } else {
        fmt_point(&mut d, 'M', clock_point(end, radius));
        let _ = write!(d, "A{radius:.1} {radius:.1} 0 0 0 ");
        fmt_point(&mut d, ' ', clock_point(start, radius));
    }
    d.trim_end().to_owned()
}

/// Length of the usable label arc, so long names can be shrunk to fit.
pub fn label_arc_length(phase: Phase) -> f64 {
    label_radius(phase) * std::f64::consts::FRAC_PI_2
}

/// Degrees left free on the loop track on each side of a phase boundary,
/// where the arrowheads sit.
const TRACK_PAD: f64 = 3.0;

/// The stretch of the loop track alongside a phase.
pub fn track_arc_path(phase: Phase) -> String {
    let (start, end) = phase_span(phase);
    let mut d = String::new();
    fmt_point(&mut d, 'M', clock_point(start + TRACK_PAD, TRACK_RADIUS));
    let _ = write!(d, "A{TRACK_RADIUS} {TRACK_RADIUS} 0 0 1 ");
    fmt_point(&mut d, ' ', clock_point(end - TRACK_PAD, TRACK_RADIUS));
    d.trim_end().to_owned()
}

/// An arrowhead at the end of a phase's stretch of track, pointing clockwise
/// into the next phase. The one at the end of IV is the wheel's return to I.
pub fn arrowhead_path(phase: Phase) -> String {
    let (_, end) = phase_span(phase);
    let tip_angle = end + TRACK_PAD * 0.6;
    let tip = clock_point(tip_angle, TRACK_RADIUS);
    // Direction of travel (clockwise tangent) and the outward normal.
    let radians = tip_angle.to_radians();
    let (tx, ty) = (trig::cos(radians), trig::sin(radians));
    let (nx, ny) = (ty, -tx);
    let (length, half_width) = (22.0, 11.0);
    let back = Point {
        x: tip.x - tx * length,
        y: tip.y - ty * length,
    };
    let mut d = String::new();
    fmt_point(&mut d, 'M', tip);
    fmt_point(
        &mut d,
        'L',
        Point {
            x: back.x + nx * half_width,
            y: back.y + ny * half_width,
        },
    );
    fmt_point(
        &mut d,
        'L',
        Point {
            x: back.x - nx * half_width,
            y: back.y - ny * half_width,
        },
    );
    d.push('Z');
    d
}

/// Where the count of a phase's items is drawn when chips do not fit.
pub fn count_anchor(phase: Phase) -> Point {
    clock_point(
        phase_mid_angle(phase),
        f64::midpoint(SEGMENT_INNER, LABEL_BAND_INNER),
    )
}

/// The horizontal extent available for a chip row between `near` and `far`
/// distances from the horizontal axis, measured away from the vertical axis.
fn row_extent(near: f64, far: f64) -> Option<(f64, f64)> {
    let outer = LABEL_BAND_INNER - 8.0;
    let inner = SEGMENT_INNER + 8.0;
    if far >= outer {
        return None;
    }
    let x_max = (outer * outer - far * far).sqrt();
    let x_min = if near < inner {
        (inner * inner - near * near).sqrt()
    } else {
        0.0
    }
    .max(SEGMENT_GAP / 2.0 + 8.0);
    (x_max - x_min >= MIN_CHIP_WIDTH).then_some((x_min, x_max))
}

/// Height of a chip that holds `lines` lines of text at chip scale `scale`.
pub fn chip_height(lines: usize, scale: f64) -> f64 {
    lines as f64 * CHIP_LEADING * scale + 8.0
}

/// Every chip row a quadrant has room for, top to bottom on screen, for
/// chips of `lines` lines at chip scale `scale`.
fn rows(phase: Phase, lines: usize, scale: f64) -> Vec<Slot> {
    let height = chip_height(lines, scale);
    let (sx, sy) = quadrant_signs(phase);
    let first_gap = SEGMENT_GAP / 2.0 + 6.0;
    let mut found = Vec::new();
    let mut near = first_gap;
    while near + height < LABEL_BAND_INNER {
        let far = near + height;
        if let Some((x_min, x_max)) = row_extent(near, far) {
            let x = if sx > 0.0 {
                CENTER.x + x_min
            } else {
                CENTER.x - x_max
            };
            let y = if sy > 0.0 {
                CENTER.y + near
            } else {
                CENTER.y - far
            };
            found.push(Slot {
                x,
                y,
                width: x_max - x_min,
                height,
            });
        }
        near += height + CHIP_SPACING;
    }
    crate::model::sort_by(&mut found, |a, b| a.y.total_cmp(&b.y));
    found
}

/// How many chips of `lines` lines a phase can show at most.
pub fn chip_capacity(phase: Phase, lines: usize, scale: f64) -> usize {
    rows(phase, lines, scale).len()
}

/// Slots for `count` chips of `lines` lines in a phase, top to bottom,
/// chosen as the run of consecutive rows whose narrowest row is widest.
/// Returns fewer slots than asked for when the phase has no room for more.
pub fn chip_slots(phase: Phase, count: usize, lines: usize, scale: f64) -> Vec<Slot> {
    let all = rows(phase, lines, scale);
    if count >= all.len() {
        return all;
    }
    if count == 0 {
        return Vec::new();
    }
    let best_start = (0..=all.len() - count)
        .max_by(|&a, &b| {
            let narrowest = |start: usize| {
                all[start..start + count]
                    .iter()
                    .map(|slot| slot.width)
                    .fold(f64::INFINITY, f64::min)
            };
            // Prefer the run nearer the middle of the quadrant on ties.
            narrowest(a).total_cmp(&narrowest(b)).then(b.cmp(&a))
        })
        .unwrap_or(0);
    all[best_start..best_start + count].to_vec()
}

/// The phase whose segment contains a point, if any: the hub, the gaps and
/// the outside belong to no phase.
pub fn hit_test(point: Point) -> Option<Phase> {
    let (dx, dy) = (point.x - CENTER.x, point.y - CENTER.y);
    let radius = dx.hypot(dy);
    if !(SEGMENT_INNER..=SEGMENT_OUTER).contains(&radius) {
        return None;
    }
    if dx.abs() < SEGMENT_GAP / 2.0 || dy.abs() < SEGMENT_GAP / 2.0 {
        return None;
    }
    let degrees = trig::atan2(dx, -dy).to_degrees().rem_euclid(360.0);
    Some(Phase::from_index((degrees / 90.0) as usize))
}

/// Whether a box lies wholly inside a phase's segment, clear of the label
/// band: the property every chip slot must have.
pub fn slot_is_inside(phase: Phase, slot: &Slot) -> bool {
    slot.corners().iter().all(|corner| {
        let radius = (corner.x - CENTER.x).hypot(corner.y - CENTER.y);
        hit_test(*corner) == Some(phase) && radius <= LABEL_BAND_INNER
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn clock_angles_start_at_twelve_and_run_clockwise() {
        let top = clock_point(0.0, 100.0);
        assert!(close(top.x, 500.0) && close(top.y, 400.0));
        let right = clock_point(90.0, 100.0);
        assert!(close(right.x, 600.0) && close(right.y, 500.0));
        let bottom = clock_point(180.0, 100.0);
        assert!(close(bottom.x, 500.0) && close(bottom.y, 600.0));
        let left = clock_point(270.0, 100.0);
        assert!(close(left.x, 400.0) && close(left.y, 500.0));
    }

    #[test]
    fn phases_tile_the_circle_clockwise_from_the_top() {
        assert_eq!(phase_span(Phase::ClarityOfPurpose), (0.0, 90.0));
        assert_eq!(phase_span(Phase::LongTermValue), (270.0, 360.0));
        let probe = |deg: f64| hit_test(clock_point(deg, 300.0));
        assert_eq!(probe(45.0), Some(Phase::ClarityOfPurpose));
        assert_eq!(probe(135.0), Some(Phase::ChallengeAndLandscape));
        assert_eq!(probe(225.0), Some(Phase::NextBestAction));
        assert_eq!(probe(315.0), Some(Phase::LongTermValue));
    }

    #[test]
    fn the_hub_the_gaps_and_the_outside_belong_to_no_phase() {
        assert_eq!(hit_test(CENTER), None);
        assert_eq!(hit_test(clock_point(45.0, HUB_RADIUS - 1.0)), None);
        assert_eq!(hit_test(clock_point(45.0, SEGMENT_OUTER + 1.0)), None);
        assert_eq!(hit_test(clock_point(0.0, 300.0)), None);
        assert_eq!(hit_test(clock_point(90.0, 300.0)), None);
    }

    #[test]
    fn the_mid_angle_of_each_phase_is_its_diagonal() {
        let angles: Vec<f64> = Phase::ALL.iter().map(|p| phase_mid_angle(*p)).collect();
        assert_eq!(angles, [45.0, 135.0, 225.0, 315.0]);
        for phase in Phase::ALL {
            assert_eq!(hit_test(count_anchor(phase)), Some(phase));
        }
    }

    #[test]
    fn segment_paths_start_and_end_inside_their_span() {
        for phase in Phase::ALL {
            let d = segment_path(phase);
            assert!(d.starts_with('M') && d.ends_with('Z'), "{d}");
            assert_eq!(d.matches('A').count(), 2, "two arcs: {d}");
        }
        assert!(segment_path(Phase::ClarityOfPurpose).starts_with("M505.0 72.0"));
    }

    #[test]
    fn labels_sit_in_the_band_and_read_upright() {
        for phase in Phase::ALL {
            let radius = label_radius(phase);
            assert!(radius > LABEL_BAND_INNER && radius < SEGMENT_OUTER);
            // Every name fits its arc at the label font size.
            let name = format!("{} · {}", phase.numeral(), phase.name());
            assert!(
                crate::render::text::estimate_width(&name, LABEL_FONT) < label_arc_length(phase),
                "{name}"
            );
        }
        // Top arcs sweep clockwise (flag 1), bottom arcs anticlockwise (flag 0),
        // so that both run left to right.
        assert!(label_arc_path(Phase::ClarityOfPurpose).contains(" 0 0 1 "));
        assert!(label_arc_path(Phase::NextBestAction).contains(" 0 0 0 "));
        for phase in Phase::ALL {
            let path = label_arc_path(phase);
            let numbers: Vec<f64> = path[1..]
                .split([' ', 'A'])
                .filter_map(|n| n.parse().ok())
                .collect();
            let (start_x, end_x) = (numbers[0], numbers[numbers.len() - 2]);
            assert!(
                start_x < end_x,
                "{phase:?}'s name runs left to right: {path}"
            );
        }
    }

    #[test]
    fn there_is_an_arrow_at_every_boundary_including_four_back_to_one() {
        for phase in Phase::ALL {
            let arrow = arrowhead_path(phase);
            assert!(arrow.starts_with('M') && arrow.ends_with('Z'));
            assert!(track_arc_path(phase).starts_with('M'));
        }
        // The arrow ending phase IV points into phase I, just past twelve o'clock.
        let tip: Vec<f64> = arrowhead_path(Phase::LongTermValue)[1..]
            .split(' ')
            .take(2)
            .map(|n| n.trim_start_matches('L').parse().unwrap())
            .collect();
        assert!(
            tip[0] > 500.0 && tip[1] < CENTER.y - TRACK_RADIUS + 1.0,
            "{tip:?}"
        );
    }

    #[test]
    fn every_chip_slot_lies_inside_its_own_segment() {
        let cases = Phase::ALL
            .into_iter()
            .flat_map(|p| [(p, 1), (p, 2)])
            .flat_map(|(p, lines)| [(p, lines, 1.0), (p, lines, 1.25), (p, lines, 1.5)]);
        for (phase, lines, scale) in cases {
            let capacity = chip_capacity(phase, lines, scale);
            // At the largest chip scale a phase still shows a few chips.
            let least = match (lines, scale > 1.0) {
                (1, false) => 8,
                (_, false) => 4,
                (1, true) => 5,
                _ => 2,
            };
            assert!(capacity >= least, "{phase:?} has room for {capacity} chips");
            for count in 0..=capacity + 2 {
                let slots = chip_slots(phase, count, lines, scale);
                assert_eq!(slots.len(), count.min(capacity));
                for slot in &slots {
                    assert!(slot.width >= MIN_CHIP_WIDTH);
                    assert!(slot_is_inside(phase, slot), "{phase:?} {slot:?}");
                }
                // Top to bottom, and never overlapping.
                for pair in slots.windows(2) {
                    assert!(pair[0].y + pair[0].height <= pair[1].y);
                }
            }
        }
    }

    #[test]
    fn quadrants_mirror_each_other() {
        let one = chip_slots(Phase::ClarityOfPurpose, 3, 1, 1.0);
        let four = chip_slots(Phase::LongTermValue, 3, 1, 1.0);
        for (a, b) in one.iter().zip(&four) {
            assert!(close(a.width, b.width));
            assert!(close(a.x - CENTER.x, CENTER.x - (b.x + b.width)));
        }
    }

    #[test]
    fn few_chips_take_the_widest_rows() {
        let all_widths: Vec<f64> = chip_slots(Phase::ChallengeAndLandscape, 99, 1, 1.0)
            .iter()
            .map(|s| s.width)
            .collect();
        let widest = all_widths.iter().copied().fold(0.0, f64::max);
        let one = chip_slots(Phase::ChallengeAndLandscape, 1, 1, 1.0);
        assert!(close(one[0].width, widest));
    }
}
