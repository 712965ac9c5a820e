//! The links of one item, in its card: what it addresses, blocks, serves or
//! measures (and what does so to it), each removable, and a picker that
//! links it to any item of a kind the flywheel allows. Only one picker is
//! open at a time, and its options exist only while it is open, so a board
//! of a thousand items does not carry a thousand options per card.

use leptos::html;
use leptos::prelude::*;

use super::state::{use_app, Undo};
use crate::model::{orient, sources_of, targets_of, Edit, ItemId, ItemKind, Link, LinkKind};

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
        let neighbours = state
            .analysis
            .with(|a| a.neighbours.get(&id).cloned().unwrap_or_default());
        state.board.with(|board| {
            state.analysis.with(|analysis| {
                neighbours
                    .into_iter()
                    .filter_map(|n| {
                        Some(LinkRow {
                            link: n.link(id),
                            other: n.other,
                            phrase: n.phrase(),
                            title: analysis.item(board, n.other)?.display_title().to_owned(),
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let is_picking = move || state.link_picker_for.get() == Some(id);
    let title = move || {
        state.board.with(|board| {
            board
                .item(id)
                .map(|i| i.display_title().to_owned())
                .unwrap_or_default()
        })
    };
    // Where focus goes when what had it leaves: a removed link's row, or
    // the picker once it closes.
    let link_to = NodeRef::<html::Button>::new();
    view! {
        <div class="links">
            <h4 class="links-heading">"Links"</h4>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="empty-hint">"Not linked to anything yet."</p>
            </Show>
            <ul class="link-list">
                <For each=move || rows.get() key=|row| (row.link, row.title.clone()) let:row>
                    <LinkLine row link_to/>
                </For>
            </ul>
            <Show
                when=is_picking
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="button button-small"
                            aria-expanded="false"
                            node_ref=link_to
                            on:click=move |_| state.link_picker_for.set(Some(id))
                        >
                            "Link to…"
                        </button>
                    }
                }
            >
                <LinkPicker id kind title=Signal::derive(title) link_to/>
            </Show>
        </div>
    }
}

/// Focuses the editor's "Link to…" button once drawn, if focus was lost.
fn refocus_link_to(link_to: NodeRef<html::Button>) {
    super::shortcuts::refocus_if_lost(move || {
        // The editor may be gone by then (its card closed or moved).
        if let Some(Some(button)) = link_to.try_get_untracked() {
            let _ = button.focus();
        }
    });
}

#[component]
fn LinkLine(row: LinkRow, link_to: NodeRef<html::Button>) -> impl IntoView {
    let state = use_app();
    let LinkRow {
        link,
        other,
        phrase,
        title,
    } = row;
    let remove_label = format!("Remove link: {phrase} {title}");
    view! {
        <li class="link-row">
            <span class="link-phrase">{phrase}</span>
            <button
                type="button"
                class="link-target"
                aria-label=format!("Go to {title}")
                on:click=move |_| state.select_item(other)
                on:mouseenter=move |_| state.highlight(Some(other))
            >
                {title.clone()}
            </button>
            <button
                type="button"
                class="button button-small button-quiet button-icon"
                aria-label=remove_label
                on:click=move |_| {
                    if state.dispatch(Edit::RemoveLink { link }).is_some() {
                        state.tell_with_undo("Link removed.".into(), Undo::History);
                        refocus_link_to(link_to);
                    }
                }
            >
                "×"
            </button>
        </li>
    }
}

/// The open picker: every item this one may link to, grouped by the phrase
/// that would join them.
#[component]
fn LinkPicker(
    id: ItemId,
    kind: ItemKind,
    title: Signal<String>,
    link_to: NodeRef<html::Button>,
) -> impl IntoView {
    let state = use_app();
    let candidates = Memo::new(move |_| {
        let linked: Vec<ItemId> = state.analysis.with(|a| {
            a.neighbours
                .get(&id)
                .map(|n| n.iter().map(|n| n.other).collect())
                .unwrap_or_default()
        });
        state.board.with(|board| {
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
    let picker = NodeRef::<html::Select>::new();
    // The picker opens with focus on it, from a click or from the L shortcut.
    Effect::new(move |_| {
        if let Some(select) = picker.get() {
            let _ = select.focus();
        }
    });
    let close = move || {
        state.link_picker_for.set(None);
        refocus_link_to(link_to);
    };
    let add = move || {
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
                close();
            }
        }
    };
    view! {
        <div class="add-link">
            <Show
                when=move || candidates.with(|c| !c.is_empty())
                fallback=|| view! { <p class="empty-hint">"There is nothing more this item can be linked to."</p> }
            >
                <select
                    node_ref=picker
                    id=format!("link-picker-{id}")
                    aria-label=move || format!("Link {} to", title.get())
                    // Enter adds the link once an item is chosen (by typing
                    // its first letters or with the arrows), so a link is
                    // L, a few letters, Enter; with nothing chosen it is
                    // left to the list.
                    on:keydown=move |ev| match ev.key().as_str() {
                        "Escape" => {
                            ev.prevent_default();
                            ev.stop_propagation();
                            close();
                        }
                        "Enter" if picker.get_untracked().is_some_and(|s| !s.value().is_empty()) => {
                            ev.prevent_default();
                            ev.stop_propagation();
                            add();
                        }
                        _ => {}
                    }
                >
                    <option value="">"Choose an item…"</option>
                    {move || {
                        candidates
                            .get()
                            .into_iter()
                            .map(|(label, options)| {
                                view! {
                                    <optgroup label=label>
                                        {options
                                            .into_iter()
                                            .map(|(other, name)| view! { <option value=other.0.to_string()>{name}</option> })
                                            .collect_view()}
                                    </optgroup>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <button type="button" class="button button-small" on:click=move |_| add()>
                    "Add link"
                </button>
            </Show>
            <button type="button" class="button button-small button-quiet" on:click=move |_| close()>
                "Cancel"
            </button>
        </div>
    }
}
