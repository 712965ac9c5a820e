//! Starting a new board from a template: Blank, Value Flywheel (the book's
//! tenets and personas) or the seed article's data factory example.

use leptos::html;
use leptos::prelude::*;

use super::state::use_app;
use crate::document::templates::Template;

/// The dialog that offers the templates.
#[component]
pub fn NewBoardDialog() -> impl IntoView {
    let state = use_app();
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if state.is_new_board_open.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    view! {
        <dialog
            class="new-board-dialog"
            aria-labelledby="new-board-heading"
            node_ref=dialog
            on:close=move |_| state.is_new_board_open.set(false)
        >
            <div class="dialog-header">
                <h2 id="new-board-heading">"New board"</h2>
                <button
                    type="button"
                    class="button button-quiet button-icon"
                    aria-label="Close new board"
                    on:click=move |_| state.is_new_board_open.set(false)
                >
                    "×"
                </button>
            </div>
            <p class="hint">"Start from a template. Your other boards stay as they are."</p>
            <ul class="template-list">
                {Template::ALL
                    .into_iter()
                    .map(|template| {
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="template"
                                    on:click=move |_| state.new_board(template)
                                >
                                    <span class="template-name">{template.name()}</span>
                                    <span class="template-description">{template.description()}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </dialog>
    }
}
