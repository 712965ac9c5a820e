//! The Leptos components of the app.
//!
//! Components read state through signals and change the board only by
//! dispatching an [`crate::model::Edit`] through [`state::AppState`].

mod app;
mod phase_panel;
mod state;
mod wheel;

pub use app::App;
pub use state::{use_app, AppState, Notice};

use leptos::prelude::*;

use crate::document::templates;
use crate::storage::{self, Loaded};

/// Loads the saved board (or the example on a first start) and mounts the app.
pub fn start() {
    console_error_panic_hook::set_once();
    let (board, is_saving_enabled, problem) = match storage::load() {
        Loaded::Board(restored) => (restored.board, true, None),
        Loaded::Empty => (templates::data_factory(), true, None),
        Loaded::Unreadable { error, backup } => {
            let kept = match &backup {
                Some(key) => format!("The unreadable save was kept under \"{key}\"."),
                None => "The unreadable save was left untouched, so saving is off.".into(),
            };
            (
                templates::data_factory(),
                backup.is_some(),
                Some(format!(
                    "Your saved board could not be opened: {error} {kept} The example board is shown instead."
                )),
            )
        }
        Loaded::Unavailable => (
            templates::data_factory(),
            false,
            Some(
                "This browser is not letting the app use storage here (it may be blocked in \
                 this frame or in private browsing). You can work normally, but changes \
                 will be lost when you close this tab."
                    .into(),
            ),
        ),
    };
    // Remove the "loading" placeholder that index.html shows before the app starts.
    if let Some(placeholder) = document().get_element_by_id("loading") {
        placeholder.remove();
    }
    mount_to_body(move || {
        let state = AppState::new(board, is_saving_enabled);
        state.storage_problem.set(problem);
        provide_context(state);
        view! { <App/> }
    });
}
