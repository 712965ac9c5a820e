//! Presentation mode, for a room reading a projector or a big screen: the
//! editing chrome goes, the wheel fills the screen beside a slide in large
//! type, and the presenter steps from an overview through I, II, III and IV
//! and round again with the arrow keys, Space, Page Up/Down (what clickers
//! send) or the on-screen buttons. The step is kept in the URL
//! (`?present=2`), so a reload stays on it. Fullscreen is asked for where
//! the browser allows it; the mode works without it.

use leptos::ev;
use leptos::html;
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
                super::state::set_if_changed(self.is_phase_chosen, true);
            }
        }
    }

    /// Leaves presentation mode (and fullscreen). The slide's controls
    /// go with it; focus goes to "Present".
    pub fn stop_presenting(self) {
        self.presenting.set(None);
        write_url(None);
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
        super::shortcuts::refocus_if_lost(|| {
            let _ = super::shortcuts::focus_selector(".present-button");
        });
    }
}

/// A key pressed anywhere while presenting, in the app or in an embed.
/// Returns whether a presentation is on, in which case no other shortcut
/// applies; the keys it uses do not scroll the page (or a wiki page around
/// an embed). Buttons keep Enter and Space for themselves.
pub fn on_keydown(state: AppState, event: &web_sys::KeyboardEvent) -> bool {
    if state.presenting.get_untracked().is_none() {
        return false;
    }
    let key = event.key();
    let target = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
    let command = event.ctrl_key() || event.meta_key() || event.alt_key();
    let is_for_the_control = matches!(key.as_str(), "Enter" | " ") && is_control(target.as_ref());
    if !event.default_prevented() && !command && !is_for_the_control && handle_key(state, &key) {
        event.prevent_default();
    }
    true
}

/// Keys while presenting. Returns whether the key was used.
fn handle_key(state: AppState, key: &str) -> bool {
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
        "Escape" if !state.is_embedded => state.stop_presenting(),
        _ => return false,
    }
    true
}

/// An embed's keys: it has no other shortcuts, only a presentation's.
pub fn install_keys(state: AppState) {
    let handle = window_event_listener(ev::keydown, move |event| {
        on_keydown(state, &event);
    });
    std::mem::forget(handle);
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
                state.stop_presenting();
            }
        },
    );
    std::mem::forget(handle);
}

/// The smallest share of the slide's type a fitted slide shrinks to.
const MIN_FIT: f64 = 0.55;

/// The most items a phase's slide lists; the rest are counted.
const MAX_SLIDE_ITEMS: usize = 8;

/// Fits a slide to its box, so a presenter with a clicker never has to
/// scroll: its type shrinks (`--slide-fit`, a share of its size, found by
/// halving the interval six times, each try laying out the slide alone).
/// Where even `MIN_FIT` is too big, a phase's last items leave the slide
/// and join the count of the rest ("and 6 more goals") first. A slide that
/// still does not fit (one item and a very long goal, at the largest text)
/// scrolls as a last resort, from its top.
fn fit(body: &web_sys::HtmlElement) {
    let style = body.style();
    let overflows = |scale: f64| {
        let _ = style.set_property("--slide-fit", &format!("{scale:.3}"));
        body.scroll_height() > body.client_height() + 1
            || body.scroll_width() > body.client_width() + 1
    };
    let _ = body.class_list().remove_1("is-overfull");
    body.set_scroll_top(0);
    // Only a phase's list has a count to take its items (the overview's
    // four phases always show).
    let more = body.query_selector(".slide-more").ok().flatten();
    let mut items = Vec::new();
    let list = more
        .as_ref()
        .and_then(|_| body.query_selector(".slide-list").ok().flatten());
    let mut next = list.and_then(|list| list.first_element_child());
    while let Some(item) = next {
        next = item.next_element_sibling();
        items.push(item);
    }
    for item in &items {
        let _ = item.remove_attribute("hidden");
    }
    let count_more = |hidden: usize| {
        let Some(more) = &more else { return };
        let listed = more
            .get_attribute("data-more")
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        let total = listed + hidden;
        let noun = more
            .get_attribute(if total == 1 { "data-one" } else { "data-many" })
            .unwrap_or_default();
        let text = format!("and {total} more {noun}");
        // Unchanged text is not written again (the slide is a live region).
        if more.text_content().as_deref() != Some(text.as_str()) {
            more.set_text_content(Some(&text));
        }
        if total == 0 {
            let _ = more.set_attribute("hidden", "");
        } else {
            let _ = more.remove_attribute("hidden");
        }
    };
    count_more(0);
    if !overflows(1.0) {
        return;
    }
    // Items leave from the end (one stays) until the rest fits.
    let mut hidden = 0;
    for item in items.iter().skip(1).rev() {
        if !overflows(MIN_FIT) {
            break;
        }
        let _ = item.set_attribute("hidden", "");
        hidden += 1;
        count_more(hidden);
    }
    if overflows(MIN_FIT) {
        let _ = body.class_list().add_1("is-overfull");
        return;
    }
    let (mut fits, mut too_big) = (MIN_FIT, 1.0);
    for _ in 0..6 {
        let middle = f64::midpoint(fits, too_big);
        if overflows(middle) {
            too_big = middle;
        } else {
            fits = middle;
        }
    }
    overflows(fits);
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
    // A clicker cannot scroll: each slide is fitted to the screen once it
    // is drawn (in the frame that shows it), and again when its box or the
    // text size changes.
    let body = NodeRef::<html::Div>::new();
    let fit_soon = move || {
        request_animation_frame(move || {
            // The slide may be gone by then (the presentation ended).
            if let Some(Some(body)) = body.try_get_untracked() {
                fit(&body);
            }
        });
    };
    Effect::new(move |_| {
        state.presenting.track();
        state.board.track();
        state.settings.track();
        fit_soon();
    });
    Effect::new(move |_| {
        if let Some(element) = body.get() {
            super::resize::observe_size(&element, move |_, _| fit_soon());
        }
    });
    view! {
        <section class="slide" aria-label="Presentation" aria-live="polite">
            // The top bar with the page's heading is hidden while presenting.
            <h1 class="visually-hidden">
                {move || state.board.with(|board| format!("{} — presentation", board.title))}
            </h1>
            <div class="slide-body" node_ref=body>
                {move || match step() {
                    Step::Overview => view! { <OverviewSlide/> }.into_any(),
                    Step::Phase(phase) => view! { <PhaseSlide phase/> }.into_any(),
                }}
            </div>
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
                // An embed presents for as long as it is on its page.
                {(!state.is_embedded).then(|| view! {
                    <button type="button" class="button" aria-label="Exit presentation" on:click=move |_| state.stop_presenting()>
                        "Exit"
                    </button>
                })}
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
            let more = board.count_in(phase).saturating_sub(MAX_SLIDE_ITEMS);
            let items: Vec<(String, String, Option<String>, bool)> = board
                .items_in(phase)
                .take(MAX_SLIDE_ITEMS)
                .map(|item| {
                    (
                        item.display_title().to_owned(),
                        item.owner.clone(),
                        item.metric.as_ref().map(metric_summary),
                        item.status == crate::model::Status::Done,
                    )
                })
                .collect();
            (goal, items, more)
        })
    };
    view! {
        <div class=format!("slide-phase-body panel-{}", phase.slug())>
            <h2 class="slide-title">
                <span class="slide-numeral">{phase.numeral()}</span>
                {phase.name()}
            </h2>
            {move || {
                let (goal, items, more) = content();
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
                            // Its text is the app's fit: the items beyond the
                            // slide's cap and any the screen has no room for.
                            <p class="slide-more" data-more=more data-one=kind.noun() data-many=kind.plural() hidden></p>
                        }
                            .into_any()
                    }}
                }
            }}
        </div>
    }
}

/// Whether an element is a control that keeps its own keys while presenting.
fn is_control(target: Option<&web_sys::Element>) -> bool {
    target.is_some_and(|t| {
        t.dyn_ref::<web_sys::HtmlButtonElement>().is_some()
            || t.dyn_ref::<web_sys::HtmlSelectElement>().is_some()
    })
}
