//! The printed handout: on paper the page shows the wheel beside the
//! board's phases with their items, the value metrics with their latest
//! values and targets, and the gaps, on one landscape page in black and
//! white (the print stylesheet decides what shows). On screen it is hidden,
//! and it is only built while the page prints (`beforeprint`, or the print
//! media query matching), so editing a big board never pays for it.

use std::fmt::Write as _;

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use super::state::use_app;
use crate::model::Phase;
use crate::render::chart::format_value;

/// One value metric's line in the handout's table.
#[derive(Clone, Debug, PartialEq)]
struct MetricRow {
    title: String,
    latest: String,
    target: String,
}

/// Whether the page is being printed: from `beforeprint` to `afterprint`,
/// or while the print media query matches (print previews and emulation).
fn printing() -> ReadSignal<bool> {
    let (is_printing, set_printing) = signal(false);
    let query = window().match_media("print").ok().flatten();
    if let Some(query) = &query {
        set_printing.set(query.matches());
    }
    let listeners = [
        window_event_listener(leptos::ev::beforeprint, move |_| set_printing.set(true)),
        window_event_listener(leptos::ev::afterprint, move |_| set_printing.set(false)),
    ];
    let on_change = query.map(|query| {
        let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |event: web_sys::MediaQueryListEvent| set_printing.set(event.matches()),
        );
        let _ = query.add_event_listener_with_callback("change", closure.as_ref().unchecked_ref());
        send_wrapper::SendWrapper::new((query, closure))
    });
    on_cleanup(move || {
        for listener in listeners {
            listener.remove();
        }
        if let Some(pair) = on_change {
            let (query, closure) = pair.take();
            let _ = query
                .remove_event_listener_with_callback("change", closure.as_ref().unchecked_ref());
        }
    });
    is_printing
}

/// The handout, hidden except in print.
#[component]
pub fn PrintHandout() -> impl IntoView {
    let is_printing = printing();
    view! {
        <Show when=move || is_printing.get()>
            <Handout/>
        </Show>
    }
}

/// The handout's content, for the board as it is.
#[component]
fn Handout() -> impl IntoView {
    let state = use_app();
    let content = Memo::new(move |_| {
        state.board.with(|board| {
            let phases: Vec<(Phase, Vec<String>)> = Phase::ALL
                .iter()
                .map(|phase| {
                    let items = board
                        .items_in(*phase)
                        .map(|item| {
                            let mut line = item.display_title().to_owned();
                            if !item.owner.trim().is_empty() {
                                let _ = write!(line, " ({})", item.owner);
                            }
                            if item.status != crate::model::Status::Open {
                                let _ = write!(line, " — {}", item.status.label());
                            }
                            line
                        })
                        .collect();
                    (*phase, items)
                })
                .collect();
            let metrics: Vec<MetricRow> = board
                .items_in(Phase::LongTermValue)
                .filter_map(|item| {
                    let metric = item.metric.as_ref()?;
                    let unit = metric.settings.unit.trim();
                    let show = |v: f64| format!("{} {unit}", format_value(v)).trim().to_owned();
                    Some(MetricRow {
                        title: item.display_title().to_owned(),
                        latest: metric.latest().map_or_else(
                            || "no samples".to_owned(),
                            |s| format!("{} ({})", show(s.value), s.date),
                        ),
                        target: metric.settings.target.map_or_else(|| "–".to_owned(), show),
                    })
                })
                .collect();
            let gaps: Vec<String> = state
                .analysis
                .with(|a| a.gaps.iter().map(|gap| gap.describe(board)).collect());
            (
                board.title.clone(),
                board.north_star.clone(),
                phases,
                metrics,
                gaps,
            )
        })
    });
    let momentum = move || state.analysis.with(|a| a.momentum.percent_text());
    view! {
        <section class="print-handout" aria-hidden="true">
            {move || {
                let (title, north_star, phases, metrics, gaps) = content.get();
                view! {
                    <h1 class="print-title">{title}</h1>
                    <p class="print-north-star">{north_star}</p>
                    <p class="print-momentum">{format!("Momentum {}", momentum())}</p>
                    <div class="print-phases">
                        {phases
                            .into_iter()
                            .map(|(phase, items)| {
                                view! {
                                    <section class="print-phase">
                                        <h2>{phase.accessible_name()}</h2>
                                        <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                                    </section>
                                }
                            })
                            .collect_view()}
                    </div>
                    {(!metrics.is_empty()).then(|| view! {
                        <table class="print-metrics">
                            <caption>"Value metrics"</caption>
                            <thead><tr><th>"Metric"</th><th>"Latest"</th><th>"Target"</th></tr></thead>
                            <tbody>
                                {metrics.into_iter().map(|m| view! { <tr><td>{m.title}</td><td>{m.latest}</td><td>{m.target}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                    })}
                    <section class="print-gaps">
                        <h2>{format!("Gaps ({})", gaps.len())}</h2>
                        <ul>{gaps.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                    </section>
                }
            }}
        </section>
    }
}
