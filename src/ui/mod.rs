//! The Leptos components of the app.
//!
//! Components read state through signals and change the board only by
//! dispatching an [`crate::model::Edit`] through [`state::AppState`];
//! board-level actions (open, import, trash) are methods in `actions.rs`.

// `AppState` is a Copy bundle of signal handles, passed by value the way
// Leptos passes signals; its size is many small ids, not data to copy.
#![allow(clippy::large_types_passed_by_value)]

mod actions;
mod app;
mod boards;
mod chart;
mod crash;
mod display;
mod drag;
mod export_dialog;
mod files;
mod health;
mod links;
mod metric_editor;
mod modal;
mod new_board;
mod outline;
mod phase_panel;
mod present;
mod print;
mod resize;
mod search;
mod share;
mod shortcuts;
mod spins;
mod state;
mod wheel;

pub use app::App;
pub use state::{today, use_app, AppState, Focus, Notice, PanelTab, Problem, Undo};

use leptos::prelude::*;

use crate::document::Restored;
use crate::export::share::ShareError;
use crate::storage::{self, backend, sync};

/// Reads the URL, picks the store, opens the board to show (a shared one,
/// the last one open, or the example on a first start), starts listening
/// to other tabs and mounts the app. An embed (`?embed`) gets only the
/// wheel, and storage is never touched. Timed as `vf:start` until the app
/// is mounted (the benchmark's cold start reads it), including, for a
/// shared board, the wait for the browser to unpack it.
pub fn start() {
    let begin = crate::perf::now();
    crash::install();
    let share::Launch { embed, payload } = share::Launch::from_url();
    let mode = backend::init(embed.is_some());
    if let Some(payload) = payload {
        // The browser unpacks a shared board (in its own zlib, in steps); the
        // app mounts once it has, with index.html's "loading" text shown
        // until then. (A new link pasted in those few milliseconds is not
        // noticed: `reload_on_new_link` starts with the app.)
        wasm_bindgen_futures::spawn_local(async move {
            let shared = crate::export::share::decode(&payload, &files::Browser).await;
            mount(mode, embed, Some(shared), begin);
        });
    } else {
        mount(mode, embed, None, begin);
    }
}

/// Mounts the app, or the embedded wheel, with the shared board the
/// address carried, if any, and records `vf:start` from `begin`.
fn mount(
    mode: backend::Mode,
    embed: Option<share::EmbedOptions>,
    shared: Option<Result<Restored, ShareError>>,
    begin: f64,
) {
    // Remove the "loading" placeholder that index.html shows before the app starts.
    if let Some(placeholder) = document().get_element_by_id("loading") {
        placeholder.remove();
    }
    if let Some(options) = embed {
        mount_to_body(move || {
            let mut state = AppState::new(mode);
            state.is_embedded = true;
            provide_context(state);
            let problem = share::start_embedded(state, options, shared);
            Effect::new(move |_| display::apply(state.settings.get()));
            present::install(state);
            present::install_keys(state);
            view! { <share::EmbedApp problem/> }
        });
    } else {
        mount_app(mode, shared);
    }
    crate::perf::record("vf:start", begin);
}

/// The whole app, with the shared board the address carried, if any.
fn mount_app(mode: backend::Mode, shared: Option<Result<Restored, ShareError>>) {
    mount_to_body(move || {
        let state = AppState::new(mode);
        provide_context(state);
        state.settings.set(storage::load_settings());
        Effect::new(move |_| display::apply(state.settings.get()));
        match shared {
            Some(Ok(restored)) => state.open_shared(restored),
            Some(Err(error)) => {
                share::clear_fragment();
                state.open_initial();
                state.tell_error(format!("{error} Your boards are unchanged."));
            }
            None => state.open_initial(),
        }
        if let Some(step) = present::step_from_url() {
            // A reload during a presentation stays on its step (without
            // fullscreen, which only a user's gesture may ask for).
            state.presenting.set(Some(step));
            if let crate::model::Step::Phase(phase) = step {
                state.selected.set(phase);
            }
        }
        present::install(state);
        share::reload_on_new_link(state);
        sync::listen(move |change| state.take_in(change));
        shortcuts::install(state);
        drag::install(state);
        view! { <App/> }
    });
}
