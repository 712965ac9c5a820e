//! Starting a new board from a template: Blank, Value Flywheel (the book's
//! tenets and personas) or the seed article's data factory example.

use leptos::prelude::*;

use super::modal::ModalDialog;
use super::state::use_app;
use crate::document::templates::Template;

/// The dialog that offers the templates.
#[component]
pub fn NewBoardDialog() -> impl IntoView {
    let state = use_app();
    view! {
        <ModalDialog
            open=state.is_new_board_open
            class="new-board-dialog"
            heading_id="new-board-heading"
            title="New board"
            close_label="Close new board"
        >
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
        </ModalDialog>
    }
}
