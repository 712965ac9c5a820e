//! The page frame: the top bar with the board's title, north star and save
//! state, the messages area, the wheel and the panel of the selected phase.

use leptos::prelude::*;

use super::phase_panel::PhasePanel;
use super::state::{use_app, Notice};
use super::wheel::Wheel;
use crate::model::{Board, Edit};
use crate::storage::SaveStatus;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <div class="app">
            <TopBar/>
            <Messages/>
            <main class="workspace">
                <section class="wheel-area" aria-label="Flywheel">
                    <Wheel/>
                </section>
                <PhasePanel/>
            </main>
        </div>
    }
}

/// Brand, board title, north star, save indicator and "Start blank".
#[component]
fn TopBar() -> impl IntoView {
    let state = use_app();
    let title = move || state.board.with(|board| board.title.clone());
    let north_star = move || state.board.with(|board| board.north_star.clone());
    let start_blank = move |_| {
        if let Some(applied) = state.dispatch(Edit::ReplaceBoard {
            board: Box::new(Board::blank()),
        }) {
            state.tell_with_undo("Started a blank board.".into(), applied.inverse);
        }
    };
    view! {
        <header class="topbar">
            <h1 class="brand">
                <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
                    <circle cx="16" cy="16" r="12" fill="none" stroke="currentColor" stroke-width="4"
                        stroke-dasharray="16 3"/>
                </svg>
                <span>"Value Flywheel"</span>
            </h1>
            <div class="board-fields">
                <label class="field field-title">
                    <span class="field-label">"Board title"</span>
                    <input
                        type="text"
                        prop:value=title
                        on:input=move |ev| {
                            state.dispatch(Edit::SetTitle { title: event_target_value(&ev) });
                        }
                    />
                </label>
                <label class="field field-north-star">
                    <span class="field-label">"North star"</span>
                    <input
                        type="text"
                        placeholder="One line: the purpose this flywheel serves"
                        prop:value=north_star
                        on:input=move |ev| {
                            state.dispatch(Edit::SetNorthStar {
                                north_star: event_target_value(&ev),
                            });
                        }
                    />
                </label>
            </div>
            <div class="topbar-actions">
                <SaveIndicator/>
                <button type="button" class="button" on:click=start_blank>"Start blank"</button>
            </div>
        </header>
    }
}

/// A small word that says whether the work is in storage.
#[component]
fn SaveIndicator() -> impl IntoView {
    let state = use_app();
    let status = state.autosave.status();
    let text = move || match status.get() {
        SaveStatus::Saved => "Saved",
        SaveStatus::Pending => "Saving…",
        SaveStatus::Failed(_) | SaveStatus::Off => "Not saved",
    };
    let class = move || match status.get() {
        SaveStatus::Saved => "save-status is-saved",
        SaveStatus::Pending => "save-status is-pending",
        SaveStatus::Failed(_) | SaveStatus::Off => "save-status is-unsaved",
    };
    view! { <span class=class>{text}</span> }
}

/// Banners for lasting problems and the latest notice, each in a live region.
#[component]
fn Messages() -> impl IntoView {
    let state = use_app();
    let status = state.autosave.status();
    let save_failure = move || match status.get() {
        SaveStatus::Failed(error) => Some(format!(
            "Your latest changes are not saved: {error}. Your previous save is intact."
        )),
        _ => None,
    };
    let alert_text = move || {
        let mut parts: Vec<String> = Vec::new();
        if let Some(problem) = state.storage_problem.get() {
            parts.push(problem);
        }
        if let Some(failure) = save_failure() {
            parts.push(failure);
        }
        if let Some(Notice {
            message,
            is_error: true,
            ..
        }) = state.notice.get()
        {
            parts.push(message);
        }
        parts
    };
    let info = move || state.notice.get().filter(|notice| !notice.is_error);
    let undo = move |_| {
        if let Some(edit) = state.notice.get_untracked().and_then(|n| n.undo) {
            state.dispatch(edit);
        }
        state.notice.set(None);
    };
    view! {
        <div class="messages">
            <div class="alert" role="alert">
                {move || {
                    alert_text()
                        .into_iter()
                        .map(|text| view! { <p class="banner banner-error">{text}</p> })
                        .collect_view()
                }}
            </div>
            <div class="status" role="status">
                {move || {
                    info()
                        .map(|notice| {
                            let has_undo = notice.undo.is_some();
                            view! {
                                <p class="banner banner-info">
                                    <span>{notice.message}</span>
                                    <Show when=move || has_undo>
                                        <button type="button" class="button button-small" on:click=undo>
                                            "Undo"
                                        </button>
                                    </Show>
                                    <button
                                        type="button"
                                        class="button button-small button-quiet"
                                        aria-label="Dismiss message"
                                        on:click=move |_| state.notice.set(None)
                                    >
                                        "×"
                                    </button>
                                </p>
                            }
                        })
                }}
            </div>
        </div>
    }
}
