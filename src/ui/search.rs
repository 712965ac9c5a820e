//! Searching the board: a box in the top bar; the items it finds light up
//! on the wheel (the rest dim) and are listed under the box, each a button
//! that selects the item.

use std::collections::HashSet;

use leptos::prelude::*;

use super::state::use_app;
use crate::model::{search, ItemId, Query};

/// The items the search box finds, or `None` when it is empty.
pub fn matches(query: &str, board: &crate::model::Board) -> Option<HashSet<ItemId>> {
    let query = Query::parse(query);
    (!query.is_empty()).then(|| search(board, &query).into_iter().collect())
}

/// The search box and its results.
#[component]
pub fn SearchBox() -> impl IntoView {
    let state = use_app();
    let results = Memo::new(move |_| {
        let query = state.query.get();
        state.board.with(|board| {
            matches(&query, board).map(|found| {
                board
                    .items
                    .iter()
                    .filter(|item| found.contains(&item.id))
                    .map(|item| (item.id, item.kind.label(), item.display_title().to_owned()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let on_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            let first = results
                .with_untracked(|r| r.as_ref().and_then(|r| r.first().map(|(id, _, _)| *id)));
            if let Some(id) = first {
                state.select_item(id);
            }
        }
        // The first Escape clears the search; the next leaves the field.
        "Escape" => {
            ev.prevent_default();
            if state.query.with_untracked(String::is_empty) {
                super::shortcuts::leave_field(state);
            } else {
                state.query.set(String::new());
            }
        }
        _ => {}
    };
    view! {
        <div class="search" role="search">
            <label class="field">
                <span class="field-label">"Search"</span>
                <input
                    dir="auto"
                    id="search"
                    type="search"
                    placeholder="Words, owner:ana, status:done"
                    aria-describedby="search-results"
                    prop:value=move || state.query.get()
                    on:input=move |ev| state.query.set(event_target_value(&ev))
                    on:keydown=on_key
                />
            </label>
            {move || {
                results
                    .get()
                    .map(|found| {
                        let count = found.len();
                        view! {
                            <div class="search-results" id="search-results">
                                <p class="search-count" role="status">
                                    {match count {
                                        0 => "No items match.".to_owned(),
                                        1 => "1 item matches.".to_owned(),
                                        n => format!("{n} items match."),
                                    }}
                                </p>
                                <ul>
                                    {found
                                        .into_iter()
                                        .take(12)
                                        .map(|(id, kind, title)| {
                                            view! {
                                                <li>
                                                    <button
                                                        type="button"
                                                        class="search-hit"
                                                        on:click=move |_| state.select_item(id)
                                                    >
                                                        <span class="search-kind">{kind}</span>
                                                        {title}
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
