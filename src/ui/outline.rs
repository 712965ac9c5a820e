//! The outline: the same board as a structured list, with a heading per
//! phase and, for each item, its owner, status, description, links and
//! metric value. Its lines are also the read-only panel's. For
//! screen readers, keyboard users and copying into a document.

use leptos::prelude::*;

use super::state::use_app;
use crate::model::{Analysis, Board, ItemId, Phase, Status};
use crate::render::layout::metric_summary;

/// One item as the outline and the read-only panel show it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Line {
    pub id: ItemId,
    title: String,
    description: String,
    owner: String,
    status: Status,
    links: Vec<String>,
    metric: Option<String>,
}

/// The lines of one phase's items, in the board's order.
pub(super) fn phase_lines(board: &Board, analysis: &Analysis, phase: Phase) -> Vec<Line> {
    board
        .items_in(phase)
        .map(|item| Line {
            id: item.id,
            title: item.display_title().to_owned(),
            description: item.description.trim().to_owned(),
            owner: item.owner.clone(),
            status: item.status,
            links: analysis
                .neighbours
                .get(&item.id)
                .into_iter()
                .flatten()
                .filter_map(|n| {
                    let other = analysis.item(board, n.other)?.display_title().to_owned();
                    Some(format!("{} {other}", n.phrase()))
                })
                .collect(),
            metric: item.metric.as_ref().map(metric_summary),
        })
        .collect()
}

/// The outline view of the board on screen.
#[component]
pub fn Outline() -> impl IntoView {
    let state = use_app();
    let phases = Memo::new(move |_| {
        state.with_shown(|board| {
            state.analysis.with(|analysis| {
                Phase::ALL
                    .into_iter()
                    .map(|phase| (phase, phase_lines(board, analysis, phase)))
                    .collect::<Vec<_>>()
            })
        })
    });
    let title = move || state.with_shown(|board| board.title.clone());
    let north_star = move || state.with_shown(|board| board.north_star.clone());
    view! {
        <article class="outline" aria-label="Outline of the board">
            <h2 class="outline-title">{title}</h2>
            <p class="outline-north-star">{north_star}</p>
            {move || {
                phases
                    .get()
                    .into_iter()
                    .map(|(phase, lines)| {
                        let kind = phase.item_kind();
                        view! {
                            <section class=format!("outline-phase panel-{}", phase.slug())>
                                <h3>{phase.accessible_name()}</h3>
                                {if lines.is_empty() {
                                    view! { <p class="empty-hint">{format!("No {} yet.", kind.plural())}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul>
                                            {lines.into_iter().map(|line| view! { <OutlineLine line/> }).collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                            </section>
                        }
                    })
                    .collect_view()
            }}
        </article>
    }
}

/// One item: its title, then owner, status and metric on the same line,
/// its description below, then its links; `children` (a chart) last.
#[component]
pub(super) fn OutlineLine(
    line: Line,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let mut facts = Vec::new();
    if !line.owner.trim().is_empty() {
        facts.push(format!("owner {}", line.owner));
    }
    if line.status != Status::Open {
        facts.push(line.status.label().to_owned());
    }
    if let Some(metric) = line.metric {
        facts.push(metric);
    }
    view! {
        <li>
            <strong>{line.title}</strong>
            {(!facts.is_empty()).then(|| format!(" — {}", facts.join("; ")))}
            {(!line.description.is_empty()).then(|| view! { <p class="line-description">{line.description}</p> })}
            {(!line.links.is_empty()).then(|| view! {
                <ul class="outline-links">
                    {line.links.into_iter().map(|link| view! { <li>{link}</li> }).collect_view()}
                </ul>
            })}
            {children.map(|children| children())}
        </li>
    }
}
