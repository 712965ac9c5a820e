//! Presentation mode, for a room reading a projector or a big screen: the
//! editing chrome goes, the wheel fills the screen beside a slide in large
//! type, and the presenter steps from an overview through I, II, III and IV
//! and round again with the arrow keys, Space, Page Up/Down (what clickers
//! send) or the on-screen buttons. The step is kept in the URL
//! (`?present=2`), so a reload stays on it. Fullscreen is asked for where
//! the browser allows it; the mode works without it.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use super::state::{use_app, AppState};
use crate::model::{Phase, Step};
use crate::render::layout::metric_summary;

/// The `present` parameter of the page's URL, if it has one.
pub fn step_from_url() -> Option<Step> {
    let search = window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params
        .get("present")
        .and_then(|value| Step::from_param(&value))
}

/// Writes the step into the URL (or takes it out) without reloading.
fn write_url(step: Option<Step>) {
    let location = window().location();
    let Ok(href) = location.href() else { return };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    match step {
        Some(step) => url.search_params().set("present", &step.to_param()),
        None => url.search_params().delete("present"),
    }
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

impl AppState {
    /// Starts presenting at a step, in fullscreen where the browser allows.
    pub fn start_presenting(self, step: Step) {
        self.presenting.set(Some(step));
        write_url(Some(step));
        if document().fullscreen_element().is_none() {
            if let Some(root) = document().document_element() {
                // Refused in frames without `allowfullscreen`: the mode
                // works in the window as it is.
                let _ = root.request_fullscreen();
            }
        }
    }

    /// Moves the presentation to another step.
    pub fn present_step(self, step: Step) {
        if self.presenting.get_untracked().is_some() {
            self.presenting.set(Some(step));
            write_url(Some(step));
            if let Step::Phase(phase) = step {
                super::state::set_if_changed(self.selected, phase);
            }
        }
    }

    /// Leaves presentation mode (and fullscreen).
    pub fn stop_presenting(self) {
        self.presenting.set(None);
        write_url(None);
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
    }
}

/// Keys while presenting. Returns whether the key was used.
pub fn handle_key(state: AppState, key: &str) -> bool {
    let Some(step) = state.presenting.get_untracked() else {
        return false;
    };
    match key {
        "ArrowRight" | "ArrowDown" | "PageDown" | " " | "Enter" | "n" => {
            state.present_step(step.next());
        }
        "ArrowLeft" | "ArrowUp" | "PageUp" | "Backspace" | "p" => {
            state.present_step(step.previous());
        }
        "Home" | "o" => state.present_step(Step::Overview),
        "1" | "2" | "3" | "4" => {
            let index = key.parse::<usize>().unwrap_or(1) - 1;
            state.present_step(Step::Phase(Phase::from_index(index)));
        }
        "Escape" => state.stop_presenting(),
        _ => return false,
    }
    true
}

/// Leaves presentation mode when the browser leaves fullscreen (its own
/// Escape handling), so one press of Esc always ends the presentation.
pub fn install(state: AppState) {
    let handle = window_event_listener(
        ev::Custom::<web_sys::Event>::new("fullscreenchange"),
        move |_| {
            if document().fullscreen_element().is_none()
                && state.presenting.get_untracked().is_some()
            {
                state.presenting.set(None);
                write_url(None);
            }
        },
    );
    std::mem::forget(handle);
}

/// The slide beside the wheel while presenting.
#[component]
pub fn PresentationSlide() -> impl IntoView {
    let state = use_app();
    let step = move || state.presenting.get().unwrap_or(Step::Overview);
    let position = move || match step() {
        Step::Overview => 1,
        Step::Phase(phase) => phase.index() + 2,
    };
    view! {
        <section class="slide" aria-label="Presentation" aria-live="polite">
            // The top bar with the page's heading is hidden while presenting.
            <h1 class="visually-hidden">
                {move || state.board.with(|board| format!("{} — presentation", board.title))}
            </h1>
            {move || match step() {
                Step::Overview => view! { <OverviewSlide/> }.into_any(),
                Step::Phase(phase) => view! { <PhaseSlide phase/> }.into_any(),
            }}
            <nav class="slide-controls" aria-label="Presentation controls">
                <button type="button" class="button" on:click=move |_| state.present_step(step().previous())>
                    "Previous"
                </button>
                <span class="slide-position">{move || format!("{} / 5", position())}</span>
                <button type="button" class="button button-primary" on:click=move |_| state.present_step(step().next())>
                    "Next"
                </button>
                <button type="button" class="button" on:click=move |_| state.present_step(Step::Overview)>
                    "Overview"
                </button>
                <button type="button" class="button" on:click=move |_| state.stop_presenting()>
                    "Exit presentation"
                </button>
            </nav>
        </section>
    }
}

#[component]
fn OverviewSlide() -> impl IntoView {
    let state = use_app();
    let summary = move || {
        state.board.with(|board| {
            let phases: Vec<(Phase, usize)> = Phase::ALL
                .iter()
                .map(|p| (*p, board.count_in(*p)))
                .collect();
            (board.title.clone(), board.north_star.clone(), phases)
        })
    };
    let momentum = move || state.analysis.with(|a| a.momentum.percent_text());
    view! {
        {move || {
            let (title, north_star, phases) = summary();
            view! {
                <h2 class="slide-title">{title}</h2>
                <p class="slide-north-star">{north_star}</p>
                <p class="slide-momentum">{format!("Momentum {}", momentum())}</p>
                <ul class="slide-list">
                    {phases
                        .into_iter()
                        .map(|(phase, count)| {
                            let kind = phase.item_kind();
                            let noun = if count == 1 { kind.noun() } else { kind.plural() };
                            view! {
                                <li class=format!("slide-phase panel-{}", phase.slug())>
                                    <strong>{format!("{} · {}", phase.numeral(), phase.name())}</strong>
                                    {format!(" — {count} {noun}")}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        }}
    }
}

#[component]
fn PhaseSlide(phase: Phase) -> impl IntoView {
    let state = use_app();
    let content = move || {
        state.board.with(|board| {
            let goal = board.guidance_for(phase).goal.clone();
            let items: Vec<(String, String, Option<String>, bool)> = board
                .items_in(phase)
                .map(|item| {
                    (
                        item.display_title().to_owned(),
                        item.owner.clone(),
                        item.metric.as_ref().map(metric_summary),
                        item.status == crate::model::Status::Done,
                    )
                })
                .collect();
            (goal, items)
        })
    };
    view! {
        <div class=format!("slide-phase-body panel-{}", phase.slug())>
            <h2 class="slide-title">
                <span class="slide-numeral">{phase.numeral()}</span>
                {phase.name()}
            </h2>
            {move || {
                let (goal, items) = content();
                let kind = phase.item_kind();
                view! {
                    <p class="slide-goal">{goal}</p>
                    {if items.is_empty() {
                        view! { <p class="slide-empty">{format!("No {} yet.", kind.plural())}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="slide-list">
                                {items
                                    .into_iter()
                                    .map(|(title, owner, detail, is_done)| {
                                        view! {
                                            <li>
                                                <span class="slide-item">{if is_done { format!("✓ {title}") } else { title }}</span>
                                                {(!owner.trim().is_empty()).then(|| view! { <span class="slide-owner">{owner}</span> })}
                                                {detail.map(|d| view! { <span class="slide-detail">{d}</span> })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                }
            }}
        </div>
    }
}

/// Whether an element is a control that keeps its own keys while presenting.
pub fn is_control(target: Option<&web_sys::Element>) -> bool {
    target.is_some_and(|t| {
        t.dyn_ref::<web_sys::HtmlButtonElement>().is_some()
            || t.dyn_ref::<web_sys::HtmlSelectElement>().is_some()
    })
}
