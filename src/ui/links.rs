//! The links of one item, in its card: what it addresses, blocks, serves or
//! measures (and what does so to it), each removable, and a picker that
//! links it to any item of a kind the flywheel allows.

use leptos::html;
use leptos::prelude::*;

use super::state::{use_app, Undo};
use crate::model::{
    neighbours, orient, sources_of, targets_of, Edit, ItemId, ItemKind, Link, LinkKind,
};

/// One line of the list: the other item, the phrase that joins them and
/// the link itself.
#[derive(Clone, Debug, PartialEq)]
struct LinkRow {
    link: Link,
    other: ItemId,
    phrase: &'static str,
    title: String,
}

/// The links editor of one item.
#[component]
pub fn LinkEditor(id: ItemId, kind: ItemKind) -> impl IntoView {
    let state = use_app();
    let rows = Memo::new(move |_| {
        state.board.with(|board| {
            neighbours(board, id)
                .into_iter()
                .filter_map(|(other, link_kind, is_start)| {
                    let title = board.item(other)?.display_title().to_owned();
                    let link = if is_start {
                        Link {
                            from: id,
                            to: other,
                        }
                    } else {
                        Link {
                            from: other,
                            to: id,
                        }
                    };
                    let phrase = if is_start {
                        link_kind.verb()
                    } else {
                        link_kind.passive()
                    };
                    Some(LinkRow {
                        link,
                        other,
                        phrase,
                        title,
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    // Candidates, grouped by the phrase that would join them.
    let candidates = Memo::new(move |_| {
        state.board.with(|board| {
            let linked: Vec<ItemId> = neighbours(board, id)
                .iter()
                .map(|(other, _, _)| *other)
                .collect();
            let groups = targets_of(kind)
                .into_iter()
                .map(|to| (to, LinkKind::between(kind, to).map_or("", LinkKind::verb)))
                .chain(sources_of(kind).into_iter().map(|from| {
                    (
                        from,
                        LinkKind::between(from, kind).map_or("", LinkKind::passive),
                    )
                }));
            groups
                .map(|(other_kind, phrase)| {
                    let options: Vec<(ItemId, String)> = board
                        .items_in(other_kind.phase())
                        .filter(|item| !linked.contains(&item.id))
                        .map(|item| (item.id, item.display_title().to_owned()))
                        .collect();
                    (format!("{phrase} ({})", other_kind.plural()), options)
                })
                .filter(|(_, options)| !options.is_empty())
                .collect::<Vec<_>>()
        })
    });
    let title = move || {
        state.board.with(|board| {
            board
                .item(id)
                .map(|i| i.display_title().to_owned())
                .unwrap_or_default()
        })
    };
    let picker = NodeRef::<html::Select>::new();
    let add = move |_| {
        let Some(select) = picker.get_untracked() else {
            return;
        };
        let Ok(other) = select.value().parse::<u64>() else {
            state.tell_error("Choose an item to link to first.".into());
            return;
        };
        let link = state
            .board
            .with_untracked(|board| orient(board, id, ItemId(other)));
        if let Some(link) = link {
            if state.dispatch(Edit::AddLink { link }).is_some() {
                state.tell("Link added.".into());
                select.set_value("");
            }
        }
    };
    view! {
        <div class="links">
            <h4 class="links-heading">"Links"</h4>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="empty-hint">"Not linked to anything yet."</p>
            </Show>
            <ul class="link-list">
                <For each=move || rows.get() key=|row| (row.link, row.title.clone()) let:row>
                    {
                        let LinkRow { link, other, phrase, title } = row;
                        let remove_label = format!("Remove link: {phrase} {title}");
                        view! {
                            <li class="link-row">
                                <span class="link-phrase">{phrase}</span>
                                <button
                                    type="button"
                                    class="link-target"
                                    aria-label=format!("Go to {title}")
                                    on:click=move |_| state.select_item(other)
                                    on:mouseenter=move |_| state.highlighted.set(Some(other))
                                >
                                    {title.clone()}
                                </button>
                                <button
                                    type="button"
                                    class="button button-small button-quiet button-icon"
                                    aria-label=remove_label
                                    on:click=move |_| {
                                        if let Some(applied) = state.dispatch(Edit::RemoveLink { link }) {
                                            state.tell_with_undo("Link removed.".into(), Undo::Edit(applied.inverse));
                                        }
                                    }
                                >
                                    "×"
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || candidates.with(|c| !c.is_empty())>
                <div class="add-link">
                    <select node_ref=picker aria-label=move || format!("Link {} to", title())>
                        <option value="">"Link to…"</option>
                        {move || {
                            candidates
                                .get()
                                .into_iter()
                                .map(|(label, options)| {
                                    view! {
                                        <optgroup label=label>
                                            {options
                                                .into_iter()
                                                .map(|(other, name)| {
                                                    view! { <option value=other.0.to_string()>{name}</option> }
                                                })
                                                .collect_view()}
                                        </optgroup>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                    <button type="button" class="button button-small" on:click=add>
                        "Add link"
                    </button>
                </div>
            </Show>
        </div>
    }
}
