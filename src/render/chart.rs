//! The chart of a value metric: samples as a line with points on a dated
//! x axis, the target as a dashed line, the baseline as a faint one, and a
//! mark where each spin began. Written against plotters' generic
//! `DrawingBackend`, so the app draws it on a `<canvas>` (at
//! `devicePixelRatio`) and the tests draw the very same chart as SVG.
//!
//! The x axis is labelled with calendar dates chosen here (`date_ticks`):
//! days, weeks, months or years, as many as fit the axis without touching,
//! never outside the plotted range. Text is sized from the page's text size
//! (`ChartStyle::font_size`), so the chart grows with the rest of the page.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontTransform;

use crate::model::{Date, Metric};

/// Colours and scale of a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel: line widths and fonts are multiplied by it.
    pub scale: f64,
    /// The page's text size in CSS pixels (1rem): the chart's text and the
    /// room it keeps for labels are sized from it.
    pub font_size: f64,
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    pub line: RGBColor,
    pub target: RGBColor,
    pub spin: RGBColor,
}

impl ChartStyle {
    /// Dark lines on a light background.
    pub fn light(scale: f64, font_size: f64) -> ChartStyle {
        ChartStyle {
            scale,
            font_size,
            background: RGBColor(255, 255, 255),
            text: RGBColor(22, 24, 29),
            grid: RGBColor(222, 226, 232),
            line: RGBColor(143, 63, 108),
            target: RGBColor(0, 107, 78),
            spin: RGBColor(0, 86, 135),
        }
    }

    /// Light lines on a dark background.
    pub fn dark(scale: f64, font_size: f64) -> ChartStyle {
        ChartStyle {
            scale,
            font_size,
            background: RGBColor(26, 29, 36),
            text: RGBColor(238, 240, 244),
            grid: RGBColor(57, 64, 80),
            line: RGBColor(240, 166, 207),
            target: RGBColor(95, 214, 176),
            spin: RGBColor(124, 196, 240),
        }
    }

    fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.scale).round().max(1.0) as u32
    }

    /// Device pixels of a line or mark `css_pixels` wide at the browser's
    /// default text size (16 px), grown or shrunk with the page's text, so
    /// lines keep their weight beside the text.
    fn weight(&self, css_pixels: f64) -> u32 {
        self.px(css_pixels * self.font_size / 16.0)
    }

    /// Device pixels of `ems` of the page's text size.
    fn em(&self, ems: f64) -> u32 {
        self.px(ems * self.font_size)
    }
}

/// The size of axis labels, in ems of the page's text (12 px at 16 px).
const LABEL_EM: f64 = 0.75;

/// Samples above this count are drawn as a line only: a point per sample
/// would be a smear, and slow to draw.
pub const MAX_MARKED_SAMPLES: usize = 300;

/// The ranges a chart spans: days on x, values on y, padded so nothing
/// sits on the frame.
pub fn chart_ranges(metric: &Metric, spins: &[(u32, Date)]) -> Option<((i64, i64), (f64, f64))> {
    let first = metric.samples.first()?;
    let last = metric.latest()?;
    let mut days = (first.date.days(), last.date.days());
    let mut values = metric
        .samples
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), s| {
            (lo.min(s.value), hi.max(s.value))
        });
    let settings = &metric.settings;
    for value in [settings.target, settings.baseline].into_iter().flatten() {
        values = (values.0.min(value), values.1.max(value));
    }
    for date in spins
        .iter()
        .map(|(_, date)| *date)
        .chain(settings.target_date)
    {
        days = (days.0.min(date.days()), days.1.max(date.days()));
    }
    let day_pad = ((days.1 - days.0) / 20).max(1);
    let span = values.1 - values.0;
    let value_pad = if span > 0.0 {
        span * 0.1
    } else {
        values.0.abs().max(1.0) * 0.1
    };
    Some((
        (days.0 - day_pad, days.1 + day_pad),
        (values.0 - value_pad, values.1 + value_pad),
    ))
}

/// Draws a metric's chart on any plotters backend, and returns the labels
/// it put on the x axis, in order, separated by `|` (none without samples).
///
/// # Errors
/// Whatever the backend reports while drawing.
pub fn draw_metric_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    metric: &Metric,
    spins: &[(u32, Date)],
    style: &ChartStyle,
) -> Result<String, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&style.background)?;
    // Sizes in ems of the page's text. plotters draws text at 1/1.24 of the
    // size it is given; the factor undoes that.
    let font = |ems: f64| {
        ("sans-serif", ems * style.font_size * 1.24 * style.scale)
            .into_font()
            .color(&style.text)
    };
    let Some(((x0, x1), (y0, y1))) = chart_ranges(metric, spins) else {
        let (width, height) = root.dim_in_pixel();
        let half = |n: u32| i32::try_from(n / 2).unwrap_or(0);
        let offset = i32::try_from(style.em(3.0)).unwrap_or(0);
        root.draw(&Text::new(
            "No samples yet",
            (half(width) - offset, half(height)),
            font(0.875),
        ))?;
        return Ok(String::new());
    };
    let unit = metric.settings.unit.trim();
    let margin = style.em(0.75);
    // Room on the left for the unit (read upwards) and the widest value.
    let values: Vec<(f64, String)> = value_ticks(y0, y1, 5)
        .into_iter()
        .map(|value| (value, format_value(value)))
        .collect();
    let widest = values
        .iter()
        .map(|(_, label)| label_width(label) * LABEL_EM)
        .fold(0.0, f64::max);
    let y_label_area = style.em((widest + 1.6).max(4.0));
    // The axis's length and the room either side of it, in label ems: the
    // y labels' corner on the left, the margin on the right.
    let label_px = f64::from(style.em(LABEL_EM));
    let axis = f64::from(
        root.dim_in_pixel()
            .0
            .saturating_sub(2 * margin + y_label_area),
    );
    let ticks = date_ticks(
        (x0, x1),
        axis / label_px,
        (
            f64::from(y_label_area + margin) / label_px,
            f64::from(margin) / label_px,
        ),
    );
    // The plot, with room on the left for the values and the unit, and
    // below for the dates. Both axes are drawn here rather than by plotters'
    // mesh: its x ticks were round numbers of days since 1970, and the
    // mesh's code is more than these few lines.
    let mut chart = ChartBuilder::on(root)
        .margin(margin)
        .margin_left(margin + y_label_area)
        .margin_bottom(margin + style.em(2.1))
        .build_cartesian_2d(x0..x1, y0..y1)?;
    let grid = style.grid.stroke_width(1);
    let gap = i32::try_from(style.em(0.4)).unwrap_or(0);
    let value_style = font(LABEL_EM).pos(Pos::new(HPos::Right, VPos::Center));
    for (value, label) in values {
        chart.draw_series(LineSeries::new([(x0, value), (x1, value)], grid))?;
        let (x, y) = chart.backend_coord(&(x0, value));
        root.draw(&Text::new(label, (x - gap, y), value_style.clone()))?;
    }
    let date_style = font(LABEL_EM).pos(Pos::new(HPos::Center, VPos::Top));
    let mut labels = String::new();
    for tick in &ticks {
        if !labels.is_empty() {
            labels.push('|');
        }
        labels.push_str(&tick.label);
        chart.draw_series(LineSeries::new([(tick.day, y0), (tick.day, y1)], grid))?;
        let (x, y) = chart.backend_coord(&(tick.day, y0));
        root.draw(&Text::new(
            tick.label.as_str(),
            (x, y + gap),
            date_style.clone(),
        ))?;
    }
    chart.draw_series(LineSeries::new(
        [(x0, y1), (x0, y0), (x1, y0)],
        style.text.mix(0.6).stroke_width(1),
    ))?;
    // The unit, read upwards along the y axis.
    let (_, middle) = chart.backend_coord(&(x0, f64::midpoint(y0, y1)));
    root.draw(&Text::new(
        if unit.is_empty() { "value" } else { unit },
        (i32::try_from(margin).unwrap_or(0), middle),
        font(0.8125)
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;

    if let Some(baseline) = metric.settings.baseline {
        chart.draw_series(LineSeries::new(
            [(x0, baseline), (x1, baseline)],
            style.text.mix(0.35).stroke_width(style.weight(1.0)),
        ))?;
    }
    if let Some(target) = metric.settings.target {
        chart.draw_series(DashedLineSeries::new(
            [(x0, target), (x1, target)],
            style.weight(8.0),
            style.weight(5.0),
            style.target.stroke_width(style.weight(2.0)),
        ))?;
    }
    for (number, date) in spins {
        let day = date.days();
        chart.draw_series(DashedLineSeries::new(
            [(day, y0), (day, y1)],
            style.weight(3.0),
            style.weight(4.0),
            style.spin.stroke_width(style.weight(1.5)),
        ))?;
        chart.draw_series(std::iter::once(Text::new(
            format!("Spin {number}"),
            (day, y1),
            font(0.6875).color(&style.spin),
        )))?;
    }
    let points = metric.samples.iter().map(|s| (s.date.days(), s.value));
    chart.draw_series(LineSeries::new(
        points,
        style.line.stroke_width(style.weight(2.5)),
    ))?;
    if metric.samples.len() <= MAX_MARKED_SAMPLES {
        let radius = style.weight(3.5);
        chart.draw_series(
            metric
                .samples
                .iter()
                .map(|s| Circle::new((s.date.days(), s.value), radius, style.line.filled())),
        )?;
    }
    root.present()?;
    Ok(labels)
}

/// Most date labels an x axis shows: more would crowd a card-wide chart.
pub const MAX_DATE_TICKS: usize = 6;

/// The least space between neighbouring date labels, in ems of their font.
const TICK_GAP_EM: f64 = 0.6;

/// The steps between date ticks, finest first: days when positive,
/// counted from a Monday (so 7 and 14 fall on Mondays); months when
/// negative, counted from January of year 0 (so 12 and more fall on
/// 1 January). Ticks of one step fall on the same dates in every chart.
const TICK_STEPS: [i32; 21] = [
    1, 2, 3, 7, 14, -1, -2, -3, -6, -12, -24, -60, -120, -240, -600, -1_200, -2_400, -6_000,
    -12_000, -24_000, -60_000,
];

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A labelled date on the x axis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTick {
    /// Days since 1970-01-01, as the chart's x coordinate.
    pub day: i64,
    /// "3 Mar 2025" on a step of days, "Mar 2025" of months, "2025" of years.
    pub label: String,
}

/// The width of a date label in ems, by the estimate the wheel's text
/// fitting uses (it errs on the wide side).
fn label_width(label: &str) -> f64 {
    crate::render::text::estimate_width(label, 1.0)
}

/// The label of a tick on `date` of a step (see `TICK_STEPS`).
fn tick_label(date: Date, step: i64) -> String {
    let (year, month, day) = date.ymd();
    let month = MONTHS[(month as usize + 11) % 12];
    if step > 0 {
        format!("{day} {month} {year}")
    } else if step % 12 != 0 {
        format!("{month} {year}")
    } else {
        year.to_string()
    }
}

/// The 1st of a month counted from January of year 0.
fn month_start(months: i64) -> Option<Date> {
    let month = u32::try_from(months.rem_euclid(12) + 1).ok()?;
    Date::from_ymd(months.div_euclid(12), month, 1)
}

/// The dated ticks of an x axis over the days `x0..x1`, strictly inside
/// it: those of the finest step whose labels fit the axis without touching,
/// at most `MAX_DATE_TICKS`, or else the middle day alone. `width` is the
/// axis's length and `overhang` the room left and right of it that labels
/// may use, in ems of the label font; a label that would pass it is left
/// out. Empty only when no label fits at all.
pub fn date_ticks((x0, x1): (i64, i64), width: f64, overhang: (f64, f64)) -> Vec<DateTick> {
    if x1 <= x0 || width <= 0.0 {
        return Vec::new();
    }
    let at = |day: i64| (day - x0) as f64 / (x1 - x0) as f64 * width;
    // Where a label centred on `day` starts and ends, if it fits the axis.
    let span = |day: i64, label: &str| {
        let (centre, half) = (at(day), label_width(label) / 2.0);
        (centre - half >= -overhang.0 && centre + half <= width + overhang.1)
            .then_some((centre - half, centre + half))
    };
    let next_multiple = |value: i64, n: i64| value + n - value.rem_euclid(n);
    // Ticks start inside the calendar `Date` knows.
    let start = Date::from_ymd(-9_999, 1, 1).map_or(x0, |first| x0.max(first.days() - 1));
    let (year, month, _) = Date::from_days(start).ymd();
    let start_month = year * 12 + i64::from(month) - 1;
    'steps: for step in TICK_STEPS.map(i64::from) {
        let nth = |i: i64| {
            if step > 0 {
                // 1970-01-05 (day 4) was a Monday.
                Some(Date::from_days(
                    next_multiple(start - 4, step) + 4 + i * step,
                ))
            } else {
                month_start(next_multiple(start_month, -step) - i * step)
            }
        };
        let mut ticks = Vec::new();
        let mut end = f64::NEG_INFINITY;
        // A few dates past what can show (two ends may yet be left out), so
        // a step with far too many is known without listing every day.
        for i in (0_i64..).take(MAX_DATE_TICKS + 3) {
            let Some(date) = nth(i).filter(|date| date.days() < x1) else {
                if ticks.is_empty() {
                    continue 'steps;
                }
                return ticks;
            };
            let label = tick_label(date, step);
            if let Some((left, right)) = span(date.days(), &label) {
                if left < end + TICK_GAP_EM || ticks.len() == MAX_DATE_TICKS {
                    continue 'steps;
                }
                end = right;
                ticks.push(DateTick {
                    day: date.days(),
                    label,
                });
            }
        }
    }
    let middle = x0 + (x1 - x0) / 2;
    let label = tick_label(Date::from_days(middle), 1);
    match span(middle, &label) {
        Some(_) if middle > x0 => vec![DateTick { day: middle, label }],
        _ => Vec::new(),
    }
}

/// Round values for the y axis over `y0..=y1`: multiples of a step of 1, 2
/// or 5 times a power of ten, the smallest step that gives no more than
/// `most` of them. Found by multiplying and dividing by ten, as the app
/// keeps `powf` and logarithms out of its download.
pub fn value_ticks(y0: f64, y1: f64, most: usize) -> Vec<f64> {
    let span = y1 - y0;
    if !(span.is_finite() && span > 0.0) || most == 0 {
        return Vec::new();
    }
    // The power of ten at or below the span: unit <= span < 10 * unit.
    let mut unit = 1.0;
    while unit * 10.0 <= span {
        unit *= 10.0;
    }
    while unit > span {
        unit /= 10.0;
    }
    for factor in [0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0] {
        let step = unit * factor;
        let (first, last) = ((y0 / step).ceil(), (y1 / step).floor());
        if last - first < most as f64 {
            // Counted in steps, so values do not gather rounding errors.
            return (0..=((last - first) as usize))
                .map(|i| (first + i as f64) * step)
                .collect();
        }
    }
    Vec::new()
}

/// A value for an axis label or a sentence, in plain digits (no `e`
/// notation): up to three decimals, three significant digits below 0.001,
/// and millions, billions and trillions as `M`, `B` and `T` (`12.346M`).
/// No trailing zeros. Beyond that range, every digit.
pub fn format_value(value: f64) -> String {
    let size = value.abs();
    let (scaled, suffix) = match size {
        // Far out of any business range: every digit, as the field shows it
        // (no `e` notation, whose formatting code would ship for this alone).
        _ if !(1e-12..1e15).contains(&size) && size != 0.0 => return exact_value(value),
        _ if size >= 1e12 => (value / 1e12, "T"),
        _ if size >= 1e9 => (value / 1e9, "B"),
        _ if size >= 1e6 => (value / 1e6, "M"),
        _ => (value, ""),
    };
    let mut decimals = 3;
    if size != 0.0 && size < 1e-3 {
        // Three significant digits: a decimal more for each zero after the
        // point (counted, as the app keeps logarithms out of its download).
        let mut shifted = size;
        while shifted < 0.1 {
            shifted *= 10.0;
            decimals += 1;
        }
    }
    let text = format!("{scaled:.decimals$}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        format!("{text}{suffix}")
    }
}

/// A value as a field holds it for editing: every digit it has, in plain
/// digits, so leaving the field unchanged changes nothing.
pub fn exact_value(value: f64) -> String {
    if value == 0.0 {
        "0".to_owned()
    } else {
        value.to_string()
    }
}

// The SVG backend exists only in native builds, where these tests run.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)] // clippy only exempts plain `#[cfg(test)]` modules
mod tests {
    use super::*;
    use crate::model::{Direction, MetricSettings, Sample};
    use crate::render::text::estimate_width;

    fn metric(values: &[(&str, f64)]) -> Metric {
        Metric {
            settings: MetricSettings {
                unit: "days".into(),
                direction: Direction::LowerIsBetter,
                baseline: Some(30.0),
                target: Some(10.0),
                ..MetricSettings::default()
            },
            samples: values
                .iter()
                .map(|(date, value)| Sample {
                    date: Date::parse(date).unwrap(),
                    value: *value,
                    note: String::new(),
                })
                .collect(),
        }
    }

    fn svg(metric: &Metric, spins: &[(u32, Date)]) -> String {
        drawn(metric, spins, 640, 16.0).0
    }

    /// The chart as SVG on a canvas `width` pixels wide with the page's text
    /// at `font_size`, and the x labels it reports.
    fn drawn(
        metric: &Metric,
        spins: &[(u32, Date)],
        width: u32,
        font_size: f64,
    ) -> (String, Vec<String>) {
        let mut out = String::new();
        let labels = {
            let root = SVGBackend::with_string(&mut out, (width, 320)).into_drawing_area();
            let style = ChartStyle::light(1.0, font_size);
            draw_metric_chart(&root, metric, spins, &style).unwrap()
        };
        let labels = labels
            .split('|')
            .filter(|l| !l.is_empty())
            .map(str::to_owned);
        (out, labels.collect())
    }

    /// Each `<text>` element's attributes and text, in order.
    fn text_elements(svg: &str) -> impl Iterator<Item = (&str, &str)> {
        svg.split("<text").skip(1).filter_map(|t| {
            let (attributes, rest) = t.split_once('>')?;
            Some((attributes, rest.split('<').next().unwrap_or("").trim()))
        })
    }

    /// The text of every `<text>` element, in order.
    fn texts(svg: &str) -> Vec<&str> {
        text_elements(svg).map(|(_, text)| text).collect()
    }

    /// The font size of the `<text>` element that says `text`.
    fn font_size_of(svg: &str, text: &str) -> f64 {
        let (element, _) = text_elements(svg).find(|(_, t)| *t == text).unwrap();
        element
            .split("font-size=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }

    /// A year of monthly samples, the first of each month of `year`.
    fn monthly(year: i64) -> Metric {
        let mut m = metric(&[]);
        m.samples = (1..=12)
            .map(|month| Sample {
                date: Date::from_ymd(year, month, 1).unwrap(),
                value: f64::from(month),
                note: String::new(),
            })
            .collect();
        m
    }

    #[test]
    fn the_chart_draws_every_sample_the_target_the_unit_and_the_spins() {
        let metric = metric(&[
            ("2026-07-31", 28.0),
            ("2026-08-31", 24.0),
            ("2026-09-30", 21.0),
            ("2026-10-31", 18.0),
        ]);
        let spin = Date::parse("2026-09-01").unwrap();
        let out = svg(&metric, &[(1, spin)]);
        // One marker per sample, in the line colour.
        assert_eq!(out.matches("<circle").count(), 4, "{out}");
        assert_eq!(out.matches("fill=\"#8F3F6C\"").count(), 4);
        // The sample line joins the four points.
        let line = out
            .lines()
            .find(|l| l.contains("<polyline") && l.contains("#8F3F6C"))
            .expect("the sample line");
        let points = line
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(points.split_whitespace().count(), 4, "{line}");
        // The target (dashed, so several segments) in its own colour.
        assert!(out.matches("#006B4E").count() >= 2, "target line");
        // The axis names the unit, and the months label the x axis.
        let texts = texts(&out);
        assert!(texts.contains(&"days"), "unit label in {texts:?}");
        for month in ["Aug 2026", "Sep 2026", "Oct 2026"] {
            assert!(texts.contains(&month), "{month} in {texts:?}");
        }
        assert!(texts.contains(&"Spin 1"), "spin mark in {texts:?}");
    }

    // Audit: a year of monthly samples in 2025 showed one x label,
    // "2026-02-16", a date after the last sample; no month could be read.
    #[test]
    fn a_year_of_monthly_samples_is_labelled_with_its_months() {
        for width in [480, 640, 1_200] {
            let (out, labels) = drawn(&monthly(2025), &[], width, 16.0);
            assert!(
                (3..=MAX_DATE_TICKS).contains(&labels.len()),
                "{width} px: {labels:?}"
            );
            for label in &labels {
                assert!(
                    MONTHS.iter().any(|m| *label == format!("{m} 2025")),
                    "{width} px: {label} is a month of the data"
                );
            }
            // The labels reported are the ones drawn.
            let texts = texts(&out);
            assert!(labels.iter().all(|l| texts.contains(&l.as_str())));
        }
    }

    #[test]
    fn chart_text_follows_the_page_text_size() {
        let metric = monthly(2025);
        let (normal, labels) = drawn(&metric, &[], 640, 16.0);
        let (large, large_labels) = drawn(&metric, &[], 640, 32.0);
        let label = &large_labels[0];
        assert!((font_size_of(&normal, "days") * 2.0 - font_size_of(&large, "days")).abs() < 0.5);
        assert!(
            (font_size_of(&large, label) - 32.0 * LABEL_EM).abs() < 0.5,
            "{large}"
        );
        // Larger labels take more room, so no more of them fit.
        assert!(large_labels.len() <= labels.len(), "{large_labels:?}");
        assert!(!large_labels.is_empty());
        // The data line keeps its weight beside the text: 2.5 px at 16 px
        // text (drawn 3), 5 at 32.
        assert_eq!(line_width_of(&normal), 3);
        assert_eq!(line_width_of(&large), 5);
    }

    /// The stroke width of the metric's own line, in the light colours.
    fn line_width_of(svg: &str) -> u32 {
        let line = svg
            .split('<')
            .find(|element| element.starts_with("polyline") && element.contains("#8F3F6C"))
            .unwrap_or_else(|| panic!("no data line in {svg}"));
        line.split("stroke-width=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|width| width.parse().ok())
            .unwrap()
    }

    /// The ticks `chart_ranges` and `draw_metric_chart` would pick for
    /// samples from `first` over `span` days on an axis `width` ems long.
    fn ticks_for(first: Date, span: i64, width: f64) -> ((i64, i64), Vec<DateTick>) {
        let mut m = metric(&[]);
        m.settings = MetricSettings::default();
        m.samples = [0, span]
            .into_iter()
            .map(|days| Sample {
                date: first.plus_days(days),
                value: 1.0,
                note: String::new(),
            })
            .collect();
        m.samples.dedup_by_key(|s| s.date);
        let (range, _) = chart_ranges(&m, &[]).unwrap();
        (range, date_ticks(range, width, (5.0, 1.0)))
    }

    #[test]
    fn date_ticks_lie_inside_the_range_spread_over_it_and_never_crowd() {
        let starts = ["2025-01-01", "2024-02-29", "1999-12-30", "2025-06-17"];
        let spans = [
            0, 1, 2, 3, 5, 9, 16, 31, 45, 75, 120, 200, 364, 400, 800, 1_500, 3_000, 7_000, 15_000,
            40_000, 100_000, 1_000_000,
        ];
        for start in starts.map(|s| Date::parse(s).unwrap()) {
            for span in spans {
                for width in [12.0, 20.0, 33.0, 60.0] {
                    let ((x0, x1), ticks) = ticks_for(start, span, width);
                    let case = format!("{start} + {span} days at {width} em: {ticks:?}");
                    assert!(
                        (1..=MAX_DATE_TICKS).contains(&ticks.len()),
                        "count of {case}"
                    );
                    assert!(
                        ticks.iter().all(|t| x0 < t.day && t.day < x1),
                        "inside {case}"
                    );
                    assert!(
                        ticks.windows(2).all(|p| p[0].day < p[1].day),
                        "in order {case}"
                    );
                    // Labels never overlap: the room between two centres
                    // holds half of each label.
                    let at = |day: i64| (day - x0) as f64 / (x1 - x0) as f64 * width;
                    for pair in ticks.windows(2) {
                        let room = at(pair[1].day) - at(pair[0].day);
                        let needed = f64::midpoint(
                            estimate_width(&pair[0].label, 1.0),
                            estimate_width(&pair[1].label, 1.0),
                        );
                        assert!(room >= needed, "apart {case}");
                    }
                    // Spread over the range: neither end is further from
                    // its nearest tick than two of the steps between ticks.
                    if let [first, .., last] = ticks.as_slice() {
                        let step = (last.day - first.day) / i64::try_from(ticks.len() - 1).unwrap();
                        assert!(first.day - x0 <= 2 * step + 1, "start covered {case}");
                        assert!(x1 - last.day <= 2 * step + 1, "end covered {case}");
                    }
                    // With room for a few labels (the axis of a 480 px chart
                    // is about 33 ems of 12 px labels), anything longer than a day
                    // gets at least two.
                    if width >= 33.0 && span >= 1 {
                        assert!(ticks.len() >= 2, "two or more for {case}");
                    }
                }
            }
        }
    }

    #[test]
    fn date_ticks_pick_days_months_or_years_by_the_span() {
        let start = Date::parse("2025-03-10").unwrap();
        let labels = |span, width| {
            ticks_for(start, span, width)
                .1
                .into_iter()
                .map(|t| t.label)
                .collect::<Vec<_>>()
        };
        // One sample: its own day, and nothing else.
        assert_eq!(labels(0, 30.0), ["10 Mar 2025"]);
        // Two samples a day apart: both days.
        assert_eq!(labels(1, 30.0), ["10 Mar 2025", "11 Mar 2025"]);
        // A few days: days, every day if there is room.
        assert_eq!(
            labels(3, 40.0),
            ["10 Mar 2025", "11 Mar 2025", "12 Mar 2025", "13 Mar 2025"]
        );
        let days = labels(9, 30.0);
        assert!(
            days.len() >= 2 && days.iter().all(|l| l.ends_with(" Mar 2025")),
            "{days:?}"
        );
        // A few months: months.
        assert_eq!(
            labels(120, 30.0),
            ["Apr 2025", "May 2025", "Jun 2025", "Jul 2025"]
        );
        // Many years: years.
        let decades = labels(365 * 30, 30.0);
        assert!(decades.iter().all(|l| l.len() == 4), "{decades:?}");
        assert!(decades.len() >= 3, "{decades:?}");
    }

    #[test]
    fn date_labels_are_measured_no_narrower_than_the_text_estimate() {
        for label in [
            "10 Mar 2025",
            "1 May 1970",
            "Mar 2025",
            "Jul 1999",
            "2025",
            "-9000",
        ] {
            assert!(
                label_width(label) >= 0.95 * estimate_width(label, 1.0),
                "{label}"
            );
        }
    }

    #[test]
    fn date_ticks_fall_back_gracefully_on_odd_input() {
        // No room, or no range: no ticks rather than a crowd.
        assert!(date_ticks((100, 200), 0.0, (0.0, 0.0)).is_empty());
        assert!(date_ticks((100, 100), 30.0, (0.0, 0.0)).is_empty());
        // Room for one label: one.
        assert_eq!(date_ticks((100, 102), 8.0, (0.0, 0.0)).len(), 1);
        // The whole calendar the app accepts, and past it, in bounded time.
        let (x0, x1) = (
            Date::from_ymd(-9_999, 1, 1).unwrap().days() - 1_000,
            Date::from_ymd(9_999, 12, 31).unwrap().days() + 1_000,
        );
        let ticks = date_ticks((x0, x1), 40.0, (5.0, 1.0));
        assert!((1..=MAX_DATE_TICKS).contains(&ticks.len()), "{ticks:?}");
    }

    #[test]
    fn a_chart_without_samples_says_so() {
        assert!(svg(&metric(&[]), &[]).contains("No samples yet"));
    }

    #[test]
    fn large_series_are_drawn_as_a_line_without_markers() {
        let start = Date::parse("2000-01-01").unwrap();
        let mut big = metric(&[]);
        big.samples = (0..1_000)
            .map(|i| Sample {
                date: start.plus_days(i),
                value: (i as f64).sin(),
                note: String::new(),
            })
            .collect();
        let out = svg(&big, &[]);
        assert_eq!(out.matches("<circle").count(), 0);
        let line = out
            .lines()
            .find(|l| l.contains("<polyline") && l.contains("#8F3F6C"))
            .unwrap();
        assert_eq!(
            line.split("points=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .split_whitespace()
                .count(),
            1_000
        );
    }

    #[test]
    fn ranges_cover_samples_target_baseline_and_spins_with_padding() {
        let m = metric(&[("2026-01-01", 20.0), ("2026-02-01", 25.0)]);
        let spin = Date::parse("2026-03-01").unwrap();
        let ((x0, x1), (y0, y1)) = chart_ranges(&m, &[(2, spin)]).unwrap();
        assert!(x0 < Date::parse("2026-01-01").unwrap().days());
        assert!(x1 > spin.days());
        assert!(
            y0 < 10.0 && y1 > 30.0,
            "target 10 and baseline 30 are in view"
        );
        let flat = metric(&[("2026-01-01", 0.0)]);
        let (_, (y0, y1)) = chart_ranges(
            &Metric {
                settings: MetricSettings::default(),
                ..flat
            },
            &[],
        )
        .unwrap();
        assert!(y0 < 0.0 && y1 > 0.0, "a single zero still gets a range");
    }

    #[test]
    fn value_ticks_are_round_inside_the_range_and_few() {
        assert_eq!(value_ticks(7.0, 70.0, 5), [20.0, 40.0, 60.0]);
        assert_eq!(value_ticks(0.0, 10.0, 5), [0.0, 5.0, 10.0]);
        assert_eq!(value_ticks(-1.0, 1.0, 5), [-1.0, -0.5, 0.0, 0.5, 1.0]);
        let cases = [
            (0.9, 1.1),
            (-0.1, 0.1),
            (13.5, 66.6),
            (1e6, 3e7),
            (-5e-5, 4e-4),
            (2.0, 2.000_001),
        ];
        for (y0, y1) in cases {
            let ticks = value_ticks(y0, y1, 5);
            assert!((2..=5).contains(&ticks.len()), "{y0}..{y1}: {ticks:?}");
            assert!(
                ticks.iter().all(|v| (y0..=y1).contains(v)),
                "{y0}..{y1}: {ticks:?}"
            );
        }
        assert!(value_ticks(1.0, 1.0, 5).is_empty());
        assert!(value_ticks(0.0, f64::INFINITY, 5).is_empty());
        assert!(value_ticks(f64::NAN, 1.0, 5).is_empty());
    }

    #[test]
    fn values_print_short() {
        assert_eq!(format_value(18.0), "18");
        assert_eq!(format_value(2.5), "2.5");
        assert_eq!(format_value(1.0 / 3.0), "0.333");
        assert_eq!(format_value(-0.0001), "-0.0001");
        assert_eq!(format_value(0.000_25), "0.00025");
        assert_eq!(format_value(1.234_56e-5), "0.0000123");
        assert_eq!(format_value(12_345_678.0), "12.346M");
        assert_eq!(format_value(1.5e12), "1.5T");
        assert_eq!(format_value(-2.5e9), "-2.5B");
        assert_eq!(format_value(999_999.0), "999999");
        assert_eq!(format_value(1e20), "100000000000000000000");
        for value in [1e12, 0.0001, 1.234_567_89e-7, 123_456_789.123, -0.0] {
            assert_eq!(
                crate::model::parse_number(&exact_value(value), true),
                Ok(value),
                "{value}"
            );
            assert!(!exact_value(value).contains('e'));
        }
    }
}
