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
mod files;
mod health;
mod links;
mod metric_editor;
mod new_board;
mod outline;
mod phase_panel;
mod present;
mod print;
mod search;
mod shortcuts;
mod spins;
mod state;
mod wheel;

pub use app::App;
pub use state::{today, use_app, AppState, Focus, Notice, PanelTab, Problem, Undo};

use leptos::prelude::*;

use crate::storage::{self, backend, sync};

/// Picks the store, opens the last board (or the example on a first start),
/// starts listening to other tabs and mounts the app.
pub fn start() {
    crash::install();
    let mode = backend::init(false);
    // Remove the "loading" placeholder that index.html shows before the app starts.
    if let Some(placeholder) = document().get_element_by_id("loading") {
        placeholder.remove();
    }
    mount_to_body(move || {
        let state = AppState::new(mode);
        provide_context(state);
        state.settings.set(storage::load_settings());
        Effect::new(move |_| display::apply(state.settings.get()));
        state.open_initial();
        if let Some(step) = present::step_from_url() {
            // A reload during a presentation stays on its step (without
            // fullscreen, which only a user's gesture may ask for).
            state.presenting.set(Some(step));
            if let crate::model::Step::Phase(phase) = step {
                state.selected.set(phase);
            }
        }
        present::install(state);
        sync::listen(move |change| state.take_in(change));
        shortcuts::install(state);
        drag::install(state);
        view! { <App/> }
    });
}
