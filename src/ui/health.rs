//! The board's health: its momentum, with the definition of the figure in
//! plain words, and every gap, each a sentence that jumps to its item.

use leptos::prelude::*;

use super::state::use_app;
use crate::model::MOMENTUM_DEFINITION;

/// The health tab of the side panel.
#[component]
pub fn HealthPanel() -> impl IntoView {
    let state = use_app();
    let momentum = Memo::new(move |_| state.analysis.with(|a| a.momentum));
    let gap_list = Memo::new(move |_| {
        state.with_shown(|board| {
            state.analysis.with(|a| {
                a.gaps
                    .iter()
                    .map(|gap| (gap.item(), gap.describe(board)))
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <section class="health" aria-labelledby="health-heading">
            <h2 id="health-heading">"Health"</h2>
            <h3>"Momentum"</h3>
            <p class="momentum-figure">
                <span class="momentum-value">{move || momentum.get().percent_text()}</span>
                {move || {
                    let m = momentum.get();
                    if m.goals == 0 {
                        " — add goals, and value metrics that measure them, to see momentum.".to_owned()
                    } else {
                        format!(
                            " across {}; {} without two samples to compare.",
                            crate::model::counted(m.goals, "goal", "goals"),
                            m.goals_without_evidence
                        )
                    }
                }}
            </p>
            <details class="momentum-definition">
                <summary>"How momentum is worked out"</summary>
                <p>{MOMENTUM_DEFINITION}</p>
            </details>
            <h3>{move || format!("Gaps ({})", gap_list.with(Vec::len))}</h3>
            <Show
                when=move || gap_list.with(|g| !g.is_empty())
                fallback=|| view! { <p class="empty-hint">"No gaps: every part of the wheel is connected."</p> }
            >
                <ul class="gap-list">
                    {move || {
                        gap_list
                            .get()
                            .into_iter()
                            .map(|(id, text)| {
                                view! {
                                    <li>
                                        <span class="gap-mark" aria-hidden="true">"!"</span>
                                        <span>{text.clone()}</span>
                                        <button
                                            type="button"
                                            class="button button-small button-quiet"
                                            aria-label=format!("Show the item: {text}")
                                            on:click=move |_| state.select_item(id)
                                        >
                                            "Show"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </section>
    }
}
