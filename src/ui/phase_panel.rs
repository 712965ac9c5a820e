//! The panel of the selected phase: its guidance (key tenets, people in
//! charge, the phase's goal), editable per board, and its items, which the
//! user adds, edits, reorders and deletes here. Items show a page at a time
//! as closed cards (title and a summary); one card at a time is open with
//! its editors.

use leptos::html;
use leptos::prelude::*;

use super::chart::{describe, MetricChart};
use super::drag;
use super::health::HealthPanel;
use super::links::LinkEditor;
use super::metric_editor::MetricEditor;
use super::outline::{phase_lines, OutlineLine};
use super::spins::SpinsPanel;
use super::state::{use_app, Focus, PanelTab};
use crate::model::{Edit, Item, ItemField, ItemId, ItemKind, Phase, PhaseGuidance, Status};
use crate::render::layout::card_summary;

/// The panel beside (or below) the wheel: tabs for the selected phase, the
/// board's health and its spins.
#[component]
pub fn PhasePanel() -> impl IntoView {
    let state = use_app();
    let phase = state.selected;
    let tab = state.panel_tab;
    let gap_count = Memo::new(move |_| state.analysis.with(|a| a.gaps.len()));
    let spin_count = move || state.board.with(|board| board.spins.len());
    let tabs = [PanelTab::Phase, PanelTab::Health, PanelTab::Spins];
    let tab_id = |t: PanelTab| match t {
        PanelTab::Phase => "tab-phase",
        PanelTab::Health => "tab-health",
        PanelTab::Spins => "tab-spins",
    };
    let on_tab_key = move |ev: web_sys::KeyboardEvent| {
        let index = tabs
            .iter()
            .position(|t| *t == tab.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => tabs[(index + 1) % 3],
            "ArrowLeft" => tabs[(index + 2) % 3],
            "Home" => tabs[0],
            "End" => tabs[2],
            _ => return,
        };
        ev.prevent_default();
        tab.set(next);
        if let Some(element) = document().get_element_by_id(tab_id(next)) {
            if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
                let _ = element.focus();
            }
        }
    };
    let tab_button = move |t: PanelTab| {
        let label = move || match t {
            PanelTab::Phase => format!("Phase {}", phase.get().numeral()),
            PanelTab::Health => format!("Health ({})", gap_count.get()),
            PanelTab::Spins => format!("Spins ({})", spin_count()),
        };
        view! {
            <button
                type="button"
                role="tab"
                id=tab_id(t)
                class="tab"
                aria-selected=move || if tab.get() == t { "true" } else { "false" }
                aria-controls="panel-body"
                tabindex=move || if tab.get() == t { "0" } else { "-1" }
                on:click=move |_| tab.set(t)
                on:keydown=on_tab_key
            >
                {label}
            </button>
        }
    };
    view! {
        <aside class=move || format!("panel panel-{}", phase.get().slug()) aria-label="Details">
            <SpinViewBanner/>
            <div class="tabs" role="tablist" aria-label="Details">
                {tabs.into_iter().map(tab_button).collect_view()}
            </div>
            <div
                id="panel-body"
                class="panel-body"
                role="tabpanel"
                aria-labelledby=move || tab_id(tab.get())
            >
                {move || match tab.get() {
                    PanelTab::Phase => view! { <PhaseView/> }.into_any(),
                    PanelTab::Health => view! { <HealthPanel/> }.into_any(),
                    PanelTab::Spins => view! { <SpinsPanel/> }.into_any(),
                }}
            </div>
        </aside>
    }
}

/// Says that a past spin is on the wheel, and leads back to the present.
#[component]
fn SpinViewBanner() -> impl IntoView {
    let state = use_app();
    let spin = Memo::new(move |_| {
        let number = state.viewing_spin.get()?;
        state.board.with(|board| {
            board
                .spins
                .iter()
                .find(|s| s.number == number)
                .map(|s| (s.name.clone(), s.date))
        })
    });
    // The button goes with the banner: the focus goes to the tab on show.
    let back_to_now = move || {
        state.view_spin(None);
        super::shortcuts::refocus_if_lost(|| {
            super::shortcuts::focus_selector(".tabs [aria-selected=\"true\"]");
        });
    };
    view! {
        {move || spin.get().map(|(name, date)| view! {
            <p class="banner banner-info spin-banner" role="status">
                <span>{format!("Showing {name} from {date}, read-only.")}</span>
                <button type="button" class="button button-small" on:click=move |_| back_to_now()>
                    "Back to now"
                </button>
            </p>
        })}
    }
}

/// The selected phase: its name, guidance and items.
#[component]
fn PhaseView() -> impl IntoView {
    let state = use_app();
    let phase = state.selected;
    view! {
        <header class="panel-header">
            <span class="panel-numeral" aria-hidden="true">{move || phase.get().numeral()}</span>
            <h2 id="panel-heading">{move || phase.get().accessible_name()}</h2>
        </header>
        {move || {
            if state.is_read_only() {
                (move || view! { <ReadOnlyItems phase=phase.get()/> }).into_any()
            } else {
                Phase::ALL.map(|phase| view! { <PhasePane phase/> }).into_any()
            }
        }}
    }
}

/// One phase's guidance and items. A pane is built the first time its
/// phase is selected and then kept, hidden while another phase shows:
/// going back to a phase shows it at once, on the page it was left on,
/// instead of building its cards again and taking down the last phase's.
#[component]
fn PhasePane(phase: Phase) -> impl IntoView {
    let state = use_app();
    let is_shown = Memo::new(move |_| state.selected.get() == phase);
    let was_shown = Memo::new(move |seen: Option<&bool>| seen == Some(&true) || is_shown.get());
    view! {
        <div class="phase-pane" hidden=move || !is_shown.get()>
            {move || {
                was_shown.get().then(|| view! {
                    <Guidance phase is_shown/>
                    <ItemList phase is_shown/>
                })
            }}
        </div>
    }
}

/// A memo of a pane's that follows `compute` while the pane is on show and
/// keeps its last value while it is hidden, so an edit (a keystroke, above
/// all) wakes nothing in a hidden pane. `compute` gets the last value, to
/// compare with and keep when it still holds, and says whether it changed.
fn while_shown<T: Send + Sync + 'static>(
    is_shown: Memo<bool>,
    compute: impl Fn(Option<T>) -> (T, bool) + Send + Sync + 'static,
) -> Memo<T> {
    Memo::new_owning(move |last: Option<T>| match last {
        Some(last) if !is_shown.get() => (last, false),
        last => compute(last),
    })
}

/// `now`, and whether it differs from `last`.
fn compared<T: PartialEq>(last: Option<T>, now: T) -> (T, bool) {
    let changed = last.is_none_or(|last| last != now);
    (now, changed)
}

/// A read-only phase (a past spin, a shared board, an embed): its guidance
/// and its items as the outline shows them, each metric with its chart one
/// click away (a canvas per metric of a long phase would cost too much).
#[component]
fn ReadOnlyItems(phase: Phase) -> impl IntoView {
    let state = use_app();
    let guidance = move || state.with_shown(|board| board.guidance_for(phase).clone());
    let lines =
        move || state.with_shown(|board| state.analysis.with(|a| phase_lines(board, a, phase)));
    let spins = Signal::derive(move || state.spin_dates());
    let chart = move |id: ItemId| {
        let metric = Signal::derive(move || {
            state.with_shown(|board| board.item(id).and_then(|item| item.metric.clone()))
        });
        let has_samples =
            metric.with_untracked(|m| m.as_ref().is_some_and(|m| m.samples.len() > 1));
        let is_open = RwSignal::new(false);
        let details = NodeRef::<html::Details>::new();
        let label = Signal::derive(move || {
            state.with_shown(|board| {
                board
                    .item(id)
                    .and_then(|item| Some(describe(item.display_title(), item.metric.as_ref()?)))
                    .unwrap_or_default()
            })
        });
        has_samples.then(|| {
            view! {
                <details
                    class="read-only-chart"
                    node_ref=details
                    on:toggle=move |_| is_open.set(details.get_untracked().is_some_and(|d| d.open()))
                >
                    <summary>"Chart"</summary>
                    <Show when=move || is_open.get()>
                        <MetricChart metric spins label/>
                    </Show>
                </details>
            }
        })
    };
    view! {
        {move || {
            guidance_list(&guidance()).map(|list| view! {
                <section class="guidance" aria-labelledby="read-only-guidance">
                    <h3 id="read-only-guidance">"Guidance"</h3>
                    {list}
                </section>
            })
        }}
        <ul class="read-only-items">
            {move || {
                lines()
                    .into_iter()
                    .map(|line| {
                        let id = line.id;
                        view! { <OutlineLine line>{chart(id)}</OutlineLine> }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// A phase's guidance as a list of what it has (key tenets, people in
/// charge, the phase's goal), or `None` when it has none of them.
fn guidance_list(guidance: &PhaseGuidance) -> Option<impl IntoView> {
    let tenets: Vec<String> = guidance
        .tenets
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    let people = guidance.people.trim().to_owned();
    let goal = guidance.goal.trim().to_owned();
    if tenets.is_empty() && people.is_empty() && goal.is_empty() {
        return None;
    }
    Some(view! {
        <dl class="guidance-list">
            {(!tenets.is_empty()).then(|| view! {
                <dt>"Key tenets"</dt>
                <dd>
                    <ul>{tenets.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </dd>
            })}
            {(!people.is_empty()).then(|| view! {
                <dt>"People in charge"</dt>
                <dd>{people}</dd>
            })}
            {(!goal.is_empty()).then(|| view! {
                <dt>"Goal of this phase"</dt>
                <dd>{goal}</dd>
            })}
        </dl>
    })
}

/// The phase's guidance, shown as text with a button to edit it.
#[component]
fn Guidance(phase: Phase, is_shown: Memo<bool>) -> impl IntoView {
    let state = use_app();
    let is_editing = RwSignal::new(false);
    let heading_id = format!("guidance-heading-{}", phase.slug());
    let labelled_by = heading_id.clone();
    let guidance = while_shown(is_shown, move |last| {
        state
            .board
            .with(|board| compared(last, board.guidance_for(phase).clone()))
    });
    let change = move |update: &dyn Fn(&mut PhaseGuidance)| {
        let mut next = guidance.get_untracked();
        update(&mut next);
        state.dispatch(Edit::SetGuidance {
            phase,
            guidance: next,
        });
    };
    let view_mode = move || {
        guidance.with(|g| match guidance_list(g) {
            Some(list) => list.into_any(),
            None => view! {
                <p class="empty-hint">
                    "No guidance for this phase yet: its key tenets, the people in charge and its goal."
                </p>
            }
            .into_any(),
        })
    };
    let edit_mode = move || {
        view! {
            <div class="guidance-form">
                <label class="field">
                    <span class="field-label">"Key tenets (one per line)"</span>
                    <textarea
                        dir="auto"
                        rows="4"
                        prop:value=move || guidance.with(|g| g.tenets.join("\n"))
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            change(&|g| g.tenets = text.split('\n').map(str::to_owned).collect());
                        }
                    ></textarea>
                </label>
                <label class="field">
                    <span class="field-label">"People in charge"</span>
                    <input
                        dir="auto"
                        type="text"
                        prop:value=move || guidance.with(|g| g.people.clone())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            change(&|g| g.people.clone_from(&text));
                        }
                    />
                </label>
                <label class="field">
                    <span class="field-label">"Goal of this phase"</span>
                    <textarea
                        dir="auto"
                        rows="3"
                        prop:value=move || guidance.with(|g| g.goal.clone())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            change(&|g| g.goal.clone_from(&text));
                        }
                    ></textarea>
                </label>
            </div>
        }
    };
    view! {
        <section class="guidance" aria-labelledby=labelled_by>
            <div class="section-heading">
                <h3 id=heading_id>"Guidance"</h3>
                <button
                    type="button"
                    class="button button-small"
                    aria-expanded=move || if is_editing.get() { "true" } else { "false" }
                    on:click=move |_| is_editing.update(|editing| *editing = !*editing)
                >
                    {move || if is_editing.get() { "Done editing guidance" } else { "Edit guidance" }}
                </button>
            </div>
            {move || if is_editing.get() { edit_mode().into_any() } else { view_mode().into_any() }}
        </section>
    }
}

/// Most item cards the panel shows at once.
const PAGE: usize = 12;

/// How many of them the first frame after opening a phase draws.
const FIRST_PAINT: usize = 3;

/// The items of a phase and the button that adds one.
#[component]
fn ItemList(phase: Phase, is_shown: Memo<bool>) -> impl IntoView {
    let state = use_app();
    let kind = phase.item_kind();
    // Compared in place, so an edit that leaves the phase's items where
    // they were (typing, above all) allocates nothing here.
    let ids = while_shown(is_shown, move |last: Option<Vec<ItemId>>| {
        state.board.with(|board| {
            let now = || board.items_in(phase).map(|item| item.id);
            match last {
                Some(last) if last.iter().copied().eq(now()) => (last, false),
                _ => (now().collect(), true),
            }
        })
    });
    // A long phase shows its cards a page at a time, so opening it, adding
    // to it or typing in it costs the same at 30 items as at 3,000. A card
    // asked for (by focus, search, the wheel or the keyboard) brings its
    // page into view.
    let start = RwSignal::new(0_usize);
    // Items added while an earlier page is on show join it, below its
    // cards and numbered where they stand, instead of taking the user to
    // the last page: adding answers at once, and what was on screen stays.
    // Going to another page lets them go.
    let just_added = RwSignal::new(Vec::<ItemId>::new());
    let go_to = move |from: usize| {
        start.set(from);
        if just_added.with_untracked(|added| !added.is_empty()) {
            just_added.set(Vec::new());
        }
    };
    // The first frame after a phase opens draws only the first few cards,
    // so the click answers at once; the rest of the page follows in the
    // next task, after that frame is painted.
    let page = RwSignal::new(FIRST_PAINT);
    request_animation_frame(move || {
        // The list may be gone by then (another phase opened): try_set.
        set_timeout(
            move || {
                let _ = page.try_set(PAGE);
            },
            std::time::Duration::ZERO,
        );
    });
    let shown = Memo::new(move |_| {
        let from = start.get();
        let page = page.get();
        ids.with(|ids| {
            just_added.with(|added| {
                let after = ids.iter().skip(from + page);
                ids.iter()
                    .skip(from)
                    .take(page)
                    .chain(after.filter(|id| added.contains(id)))
                    .copied()
                    .collect::<Vec<_>>()
            })
        })
    });
    // The gap notes of the cards on show only: describing every gap of a
    // long phase on each keystroke would cost more than the page itself.
    let gap_notes = while_shown(is_shown, move |last| {
        let now = shown.with(|shown| {
            state.board.with(|board| {
                state.analysis.with(|a| {
                    shown
                        .iter()
                        .flat_map(|id| a.gaps_of(*id))
                        .map(|gap| (gap.item(), gap.describe(board)))
                        .collect::<Vec<_>>()
                })
            })
        });
        compared(last, now)
    });
    Effect::new(move |_| {
        let request = state.focus_request.get();
        let Some(Focus::Title(target) | Focus::Card(target)) = request else {
            return;
        };
        let Some(position) = ids.with_untracked(|ids| ids.iter().position(|id| *id == target))
        else {
            return;
        };
        let from = start.get_untracked();
        if (from..from + PAGE).contains(&position) || shown.with_untracked(|s| s.contains(&target))
        {
            return;
        }
        // A new item's title asks for focus: it joins the page on show,
        // up to a page's worth of them.
        let is_new = matches!(request, Some(Focus::Title(_))) && position >= from + PAGE;
        if is_new && just_added.with_untracked(|added| added.len() < PAGE) {
            just_added.update(|added| added.push(target));
        } else {
            go_to(position - position % PAGE);
        }
    });
    let page_text = move || {
        let total = ids.with(Vec::len);
        let from = start.get();
        let on_page = total.saturating_sub(from).min(PAGE);
        let added = shown.with(Vec::len).saturating_sub(on_page);
        let to = (from + PAGE).min(total);
        if added > 0 {
            format!("{}–{to} of {total}, and {added} just added", from + 1)
        } else {
            format!("{}–{to} of {total}", from + 1)
        }
    };
    let add_button = NodeRef::<html::Button>::new();
    let add = move |_| state.add_item(kind);
    Effect::new(move |_| {
        // Only the pane on show takes the focus: the others are hidden.
        if state.focus_request.get() == Some(Focus::AddButton) && is_shown.get() {
            if let Some(button) = add_button.get() {
                let _ = button.focus();
                state.focus_request.set(None);
            }
        }
    });
    let heading = move || {
        let count = ids.with(Vec::len);
        format!("{} ({count})", capitalise(kind.plural()))
    };
    let heading_id = format!("items-heading-{}", phase.slug());
    let labelled_by = heading_id.clone();
    view! {
        <section class="items" aria-labelledby=labelled_by>
            <div class="section-heading">
                <h3 id=heading_id>{heading}</h3>
            </div>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty-hint">{format!("No {} yet.", kind.plural())}</p>
            </Show>
            <Show when=move || { start.get() > 0 }>
                <button
                    type="button"
                    class="button button-small page-button"
                    on:click=move |_| go_to(start.get_untracked().saturating_sub(PAGE))
                >
                    {move || format!("Show the previous {} {}", PAGE.min(start.get()), kind.plural())}
                </button>
            </Show>
            <ol class="item-list" start=move || (start.get() + 1).to_string()>
                <For each=move || shown.get() key=|id| *id let:id>
                    <ItemCard id kind ids gap_notes is_shown/>
                </For>
            </ol>
            <Show when=move || ids.with(|ids| ids.len() > PAGE)>
                <p class="page-info">{page_text}</p>
            </Show>
            <Show when=move || ids.with(|ids| start.get() + PAGE < ids.len())>
                <button
                    type="button"
                    class="button button-small page-button"
                    on:click=move |_| go_to(start.get_untracked() + PAGE)
                >
                    {move || {
                        let left = ids.with(Vec::len) - start.get() - PAGE;
                        format!("Show the next {} {}", PAGE.min(left), kind.plural())
                    }}
                </button>
            </Show>
            <button type="button" class="button button-primary add-item" node_ref=add_button on:click=add>
                {format!("Add {}", kind.noun())}
            </button>
        </section>
    }
}

/// The value a status has in the status picker.
fn status_value(status: Status) -> &'static str {
    match status {
        Status::Open => "open",
        Status::InProgress => "in_progress",
        Status::Done => "done",
    }
}

/// The word with its first letter in capitals. Only the app's own ASCII
/// nouns pass through here, so ASCII rules do: the full Unicode table of
/// capitals would add about 12 KB to the download for nothing.
fn capitalise(word: &str) -> String {
    let mut word = word.to_owned();
    if let Some(first) = word.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    word
}

/// One item, edited in place.
#[component]
fn ItemCard(
    id: ItemId,
    kind: ItemKind,
    ids: Memo<Vec<ItemId>>,
    gap_notes: Memo<Vec<(ItemId, String)>>,
    is_shown: Memo<bool>,
) -> impl IntoView {
    let state = use_app();
    let my_gaps = move || {
        gap_notes.with(|notes| {
            notes
                .iter()
                .filter(|(item, _)| *item == id)
                .map(|(_, text)| text.clone())
                .collect::<Vec<_>>()
        })
    };
    let is_highlighted = move || state.highlighted.get() == Some(id);
    // Every edit reaches every card on show, and most leave the card's
    // item as it was: compare it where it lies and clone it only when it
    // changed.
    let item = while_shown(is_shown, move |last: Option<Option<Item>>| {
        state.board.with(|board| {
            state.analysis.with(|a| {
                let now = a.item(board, id);
                match last {
                    Some(last) if last.as_ref() == now => (last, false),
                    _ => (now.cloned(), true),
                }
            })
        })
    });
    let field = move |field: ItemField| {
        move || {
            item.with(|item| {
                item.as_ref()
                    .map(|item| match field {
                        ItemField::Title => item.title.clone(),
                        ItemField::Description => item.description.clone(),
                        ItemField::Owner => item.owner.clone(),
                    })
                    .unwrap_or_default()
            })
        }
    };
    let update = move |field: ItemField| {
        move |ev: web_sys::Event| {
            state.dispatch(Edit::UpdateItem {
                id,
                field,
                value: event_target_value(&ev),
            });
        }
    };
    let position = move || ids.with(|ids| ids.iter().position(|other| *other == id).unwrap_or(0));
    let is_first = move || position() == 0;
    let is_last = move || ids.with(|ids| position() + 1 >= ids.len());
    let shown_title = move || {
        item.with(|item| {
            item.as_ref()
                .map(|item| item.display_title().to_owned())
                .unwrap_or_default()
        })
    };
    let delete = move |_| state.delete_item(id);
    let title_input = NodeRef::<html::Input>::new();
    let card = NodeRef::<html::Li>::new();
    // Moving a card moves its element, which drops the focus, and a button
    // at the end of the list is disabled: focus goes back to the button, or
    // else to the card. A card moved onto another page of the phase is
    // drawn anew there (this one, and its node refs, are gone): the focus
    // request brings that page and focuses the card.
    let move_by = move |step: isize, event: web_sys::MouseEvent| {
        state.move_item(id, step);
        let button = event.current_target().and_then(|target| {
            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlButtonElement>(target).ok()
        });
        super::shortcuts::refocus_if_lost(move || match button {
            Some(button) if button.is_connected() && !button.disabled() => {
                let _ = button.focus();
            }
            _ => match card.try_get_untracked().flatten() {
                Some(card) if card.is_connected() => {
                    let _ = card.focus();
                }
                _ => {
                    let _ = state.focus_request.try_set(Some(Focus::Card(id)));
                }
            },
        });
    };
    Effect::new(move |_| match state.focus_request.get() {
        Some(Focus::Title(target)) if target == id => {
            if let Some(input) = title_input.get() {
                let _ = input.focus();
                input.select();
                state.focus_request.set(None);
            }
        }
        Some(Focus::Card(target)) if target == id => {
            if let Some(card) = card.get() {
                let _ = card.focus();
                state.focus_request.set(None);
            }
        }
        _ => {}
    });
    let label = kind.label();
    // A closed card is a title field and one line of text; its editors
    // (a select, fields, the metric and link editors, buttons) exist only
    // while it is open, so opening a phase builds a dozen light cards.
    // In a hidden pane the open card shows closed, so its editors (which
    // follow every edit) exist only while they can be seen.
    let is_open = move || is_shown.get() && state.open_card.get() == Some(id);
    let summary = move || {
        item.with(|item| {
            item.as_ref()
                .map(|item| {
                    let links = state
                        .analysis
                        .with(|a| a.neighbours.get(&id).map_or(0, Vec::len));
                    card_summary(item, links)
                })
                .unwrap_or_default()
        })
    };
    let details_id = format!("item-{id}-details");
    let controls_id = details_id.clone();
    view! {
        <li
            class="item-card"
            class:highlighted=is_highlighted
            id=format!("item-{id}")
            // Its number in the phase: a card just added follows the page
            // on show, so the list's own count cannot give it.
            value=move || (position() + 1).to_string()
            node_ref=card
            tabindex="-1"
            data-item=id.to_string()
            class:is-drop-target=move || state.drag.with(|d| d.as_ref().and_then(|d| d.over)) == Some(id)
            aria-label=move || format!("{}: {}", kind.label(), shown_title())
            on:focusin=move |_| state.highlight(Some(id))
            on:mouseenter=move |_| state.highlight(Some(id))
        >
            {move || {
                my_gaps()
                    .into_iter()
                    .map(|text| view! { <p class="gap-note"><span class="gap-mark" aria-hidden="true">"!"</span>{text}</p> })
                    .collect_view()
            }}
            <div class="card-top">
                <span
                    class="drag-handle"
                    aria-hidden="true"
                    title="Drag to move, or onto a linkable item on the wheel to link"
                    on:pointerdown=move |ev| drag::start(state, id, &ev)
                >
                    "⠿"
                </span>
            <label class="field field-item-title">
                <span class="visually-hidden">{format!("{label} title")}</span>
                <input
                    dir="auto"
                    type="text"
                    class="item-title"
                    node_ref=title_input
                    placeholder=format!("Name this {}", kind.noun())
                    prop:value=field(ItemField::Title)
                    on:input=update(ItemField::Title)
                />
            </label>
            <button
                type="button"
                class="button button-small card-toggle"
                aria-expanded=move || if is_open() { "true" } else { "false" }
                aria-controls=move || is_open().then(|| controls_id.clone())
                aria-label=move || format!("Details: {}", shown_title())
                on:click=move |_| state.toggle_card(id)
            >
                "Details"
            </button>
            </div>
            <Show
                when=is_open
                fallback=move || view! { <p class="card-summary">{summary}</p> }
            >
                <div class="card-details" id=details_id.clone()>
                <label class="field field-inline">
                    <span class="field-label">"Status"</span>
                    <select
                        prop:value=move || item.with(|i| i.as_ref().map_or("open", |i| status_value(i.status)))
                        on:change=move |ev| {
                            let status = match event_target_value(&ev).as_str() {
                                "in_progress" => Status::InProgress,
                                "done" => Status::Done,
                                _ => Status::Open,
                            };
                            state.dispatch(Edit::SetStatus { id, status });
                        }
                    >
                        {Status::ALL
                            .into_iter()
                            .map(|s| view! { <option value=status_value(s)>{s.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="field field-inline">
                    <span class="field-label">"Owner"</span>
                    <input
                        dir="auto"
                        type="text"
                        placeholder="Who owns it"
                        prop:value=field(ItemField::Owner)
                        on:input=update(ItemField::Owner)
                    />
                </label>
                <label class="field">
                    <span class="field-label">"Description"</span>
                    <textarea
                        dir="auto"
                        rows="2"
                        prop:value=field(ItemField::Description)
                        on:input=update(ItemField::Description)
                    ></textarea>
                </label>
                {(kind == ItemKind::ValueMetric).then(|| view! { <MetricEditor id/> })}
                <LinkEditor id kind/>
                <div class="item-actions">
                    <button
                        type="button"
                        class="button button-small button-icon"
                        aria-label=move || format!("Move {} up: {}", kind.noun(), shown_title())
                        disabled=is_first
                        on:click=move |event| move_by(-1, event)
                    >
                        "↑"
                    </button>
                    <button
                        type="button"
                        class="button button-small button-icon"
                        aria-label=move || format!("Move {} down: {}", kind.noun(), shown_title())
                        disabled=is_last
                        on:click=move |event| move_by(1, event)
                    >
                        "↓"
                    </button>
                    <button
                        type="button"
                        class="button button-small button-danger"
                        aria-label=move || format!("Delete {}: {}", kind.noun(), shown_title())
                        on:click=delete
                    >
                        "Delete"
                    </button>
                </div>
                </div>
            </Show>
        </li>
    }
}
