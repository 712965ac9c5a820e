//! The chart of a value metric on a `<canvas>`, drawn by plotters-canvas at
//! `devicePixelRatio` so it stays sharp on projectors, with text as large
//! as the page's, and redrawn when the metric changes, the canvas is
//! resized or the theme or text size changes. The canvas carries a sentence
//! that says what it shows, for screen readers, and the dates on its x
//! axis in `data-x-labels` (separated by `|`), for tests.

use std::fmt::Write as _;

use leptos::html;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use crate::model::{Date, Metric};
use crate::perf;
use crate::render::chart::{draw_metric_chart, format_value, ChartStyle};

/// Whether the page is showing its dark colours.
pub fn is_dark() -> bool {
    let theme = document()
        .document_element()
        .and_then(|root| root.get_attribute("data-theme"));
    match theme.as_deref() {
        Some("dark" | "projector") => true,
        Some(_) => false,
        None => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches()),
    }
}

/// The canvas's font size in CSS pixels, which it inherits from the page
/// (the text size setting scales it). Reading it recalculates styles if
/// they changed, never the layout.
fn font_size(canvas: &web_sys::HtmlCanvasElement) -> f64 {
    window()
        .get_computed_style(canvas)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("font-size").ok())
        .and_then(|size| size.strip_suffix("px")?.parse::<f64>().ok())
        .filter(|size| size.is_finite() && *size > 0.0)
        .unwrap_or(16.0)
}

/// Sizes the canvas to its CSS box (`css_size`, as the resize observer last
/// reported it, so drawing never forces a layout) at the device pixel ratio,
/// draws, and puts the x axis's labels in `data-x-labels`.
pub fn draw(
    canvas: &web_sys::HtmlCanvasElement,
    css_size: (f64, f64),
    metric: &Metric,
    spins: &[(u32, Date)],
) {
    let ratio = window().device_pixel_ratio().max(1.0);
    let width = (css_size.0 * ratio).round() as u32;
    let height = (css_size.1 * ratio).round() as u32;
    if width == 0 || height == 0 {
        return;
    }
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    let font_size = font_size(canvas);
    let style = if is_dark() {
        ChartStyle::dark(ratio, font_size)
    } else {
        ChartStyle::light(ratio, font_size)
    };
    let labels = perf::time("vf:chart", || {
        let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
        draw_metric_chart(&backend.into_drawing_area(), metric, spins, &style).ok()
    });
    let _ = canvas.set_attribute("data-x-labels", &labels.unwrap_or_default());
}

/// A sentence describing the chart, for its accessible name.
pub fn describe(title: &str, metric: &Metric) -> String {
    let unit = metric.settings.unit.trim();
    let value = |v: f64| format!("{} {unit}", format_value(v)).trim_end().to_owned();
    let mut text = format!("Chart of {title}: ");
    match (metric.samples.first(), metric.latest()) {
        (Some(first), Some(last)) => {
            let _ = write!(
                text,
                "{} from {} to {}, latest {}",
                crate::model::counted(metric.samples.len(), "sample", "samples"),
                first.date,
                last.date,
                value(last.value)
            );
        }
        _ => text.push_str("no samples yet"),
    }
    if let Some(target) = metric.settings.target {
        let _ = write!(text, ", target {}", value(target));
    }
    text.push('.');
    text
}

/// The chart of one metric.
#[component]
pub fn MetricChart(
    /// The metric to draw; `None` draws nothing.
    #[prop(into)]
    metric: Signal<Option<Metric>>,
    /// The dates where spins began, with their numbers.
    #[prop(into)]
    spins: Signal<Vec<(u32, Date)>>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let canvas = NodeRef::<html::Canvas>::new();
    // The canvas's CSS size, as the resize observer last reported it.
    let size = StoredValue::new(None::<(f64, f64)>);
    let redraw = move || {
        if let (Some(canvas), Some(css_size)) = (canvas.get_untracked(), size.get_value()) {
            metric.with_untracked(|metric| {
                if let Some(metric) = metric {
                    spins.with_untracked(|spins| draw(&canvas, css_size, metric, spins));
                }
            });
        }
    };
    let settings = super::state::use_app().settings;
    Effect::new(move |_| {
        // Subscribe to the data and the theme; the first draw waits for the
        // first size.
        metric.track();
        spins.track();
        settings.track();
        if canvas.get().is_some() {
            redraw();
        }
    });
    // Draw when the canvas gets or changes its size (panel resized,
    // projector, zoom). The observer reports a first size right away.
    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        super::resize::observe_size(&element, move |width, height| {
            size.set_value(Some((width, height)));
            redraw();
        });
    });
    view! { <canvas class="metric-chart" node_ref=canvas role="img" aria-label=label></canvas> }
}
