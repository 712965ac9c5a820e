//! The chart of a value metric: samples as a line with points on a dated
//! x axis, the target as a dashed line, the baseline as a faint one, and a
//! mark where each spin began. Written against plotters' generic
//! `DrawingBackend`, so the app draws it on a `<canvas>` (at
//! `devicePixelRatio`) and the tests draw the very same chart as SVG.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::model::{Date, Metric};

/// Colours and scale of a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel: line widths and fonts are multiplied by it.
    pub scale: f64,
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    pub line: RGBColor,
    pub target: RGBColor,
    pub spin: RGBColor,
}

impl ChartStyle {
    /// Dark lines on a light background.
    pub fn light(scale: f64) -> ChartStyle {
        ChartStyle {
            scale,
            background: RGBColor(255, 255, 255),
            text: RGBColor(22, 24, 29),
            grid: RGBColor(222, 226, 232),
            line: RGBColor(143, 63, 108),
            target: RGBColor(0, 107, 78),
            spin: RGBColor(0, 86, 135),
        }
    }

    /// Light lines on a dark background.
    pub fn dark(scale: f64) -> ChartStyle {
        ChartStyle {
            scale,
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
}

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

/// Draws a metric's chart on any plotters backend.
///
/// # Errors
/// Whatever the backend reports while drawing.
pub fn draw_metric_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    metric: &Metric,
    spins: &[(u32, Date)],
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&style.background)?;
    // plotters draws text at 1/1.24 of the size it is given; this undoes that.
    let font = |size: f64| {
        ("sans-serif", size * 1.24 * style.scale)
            .into_font()
            .color(&style.text)
    };
    let Some(((x0, x1), (y0, y1))) = chart_ranges(metric, spins) else {
        let (width, height) = root.dim_in_pixel();
        let half = |n: u32| i32::try_from(n / 2).unwrap_or(0);
        let offset = i32::try_from(style.px(50.0)).unwrap_or(0);
        root.draw(&Text::new(
            "No samples yet",
            (half(width) - offset, half(height)),
            font(14.0),
        ))?;
        return Ok(());
    };
    let unit = metric.settings.unit.trim();
    let mut chart = ChartBuilder::on(root)
        .margin(style.px(12.0))
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(x0..x1, y0..y1)?;
    chart
        .configure_mesh()
        .light_line_style(style.grid.mix(0.5))
        .bold_line_style(style.grid)
        .axis_style(style.text.mix(0.6))
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&|day| Date::from_days(*day).to_string())
        .y_label_formatter(&|value| format_value(*value))
        .y_desc(if unit.is_empty() { "value" } else { unit })
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .draw()?;

    if let Some(baseline) = metric.settings.baseline {
        chart.draw_series(LineSeries::new(
            [(x0, baseline), (x1, baseline)],
            style.text.mix(0.35).stroke_width(style.px(1.0)),
        ))?;
    }
    if let Some(target) = metric.settings.target {
        chart.draw_series(DashedLineSeries::new(
            [(x0, target), (x1, target)],
            style.px(8.0),
            style.px(5.0),
            style.target.stroke_width(style.px(2.0)),
        ))?;
    }
    for (number, date) in spins {
        let day = date.days();
        chart.draw_series(DashedLineSeries::new(
            [(day, y0), (day, y1)],
            style.px(3.0),
            style.px(4.0),
            style.spin.stroke_width(style.px(1.5)),
        ))?;
        chart.draw_series(std::iter::once(Text::new(
            format!("Spin {number}"),
            (day, y1),
            font(11.0).color(&style.spin),
        )))?;
    }
    let points = metric.samples.iter().map(|s| (s.date.days(), s.value));
    chart.draw_series(LineSeries::new(
        points,
        style.line.stroke_width(style.px(2.5)),
    ))?;
    if metric.samples.len() <= MAX_MARKED_SAMPLES {
        let radius = style.px(3.5);
        chart.draw_series(
            metric
                .samples
                .iter()
                .map(|s| Circle::new((s.date.days(), s.value), radius, style.line.filled())),
        )?;
    }
    root.present()?;
    Ok(())
}

/// A value for an axis label or a sentence: no more than four significant
/// decimals, no trailing zeros.
pub fn format_value(value: f64) -> String {
    if value.abs() >= 1e6 || (value != 0.0 && value.abs() < 1e-3) {
        return format!("{value:.3e}");
    }
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

// The SVG backend exists only in native builds, where these tests run.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)] // clippy only exempts plain `#[cfg(test)]` modules
mod tests {
    use super::*;
    use crate::model::{Direction, MetricSettings, Sample};

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
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (640, 320)).into_drawing_area();
            draw_metric_chart(&root, metric, spins, &ChartStyle::light(1.0)).unwrap();
        }
        out
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
        // The axis names the unit, and dates label the x axis.
        let texts: Vec<&str> = out
            .split("<text")
            .skip(1)
            .filter_map(|t| t.split('>').nth(1))
            .map(|t| {
                t.trim_start_matches('\n')
                    .split('<')
                    .next()
                    .unwrap_or("")
                    .trim()
            })
            .collect();
        assert!(texts.contains(&"days"), "unit label in {texts:?}");
        assert!(
            texts.iter().any(|t| t.starts_with("2026-")),
            "date labels in {texts:?}"
        );
        assert!(texts.contains(&"Spin 1"), "spin mark in {texts:?}");
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
    fn values_print_short() {
        assert_eq!(format_value(18.0), "18");
        assert_eq!(format_value(2.5), "2.5");
        assert_eq!(format_value(1.0 / 3.0), "0.333");
        assert_eq!(format_value(-0.0001), "-1.000e-4");
        assert_eq!(format_value(12_345_678.0), "1.235e7");
    }
}
