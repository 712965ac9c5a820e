//! Keyboard shortcuts, and the help overlay that lists them after a few
//! steps for getting started. One table,
//! [`SHORTCUTS`], is both what the overlay shows and what the handler
//! promises. Shortcuts never fire while the user types in a field, and not
//! while a dialog is open (except Escape, which the dialog handles).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use super::modal::ModalDialog;
use super::state::{set_if_changed, use_app, AppState, Focus, PanelTab};
use crate::model::Phase;

/// Every shortcut: the keys, and what they do.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("1 – 4", "Select phase I, II, III or IV"),
    ("N", "Add an item to the selected phase"),
    ("↑ / ↓", "Move between the items of the phase"),
    (
        "Enter or E",
        "Edit the selected item's title; Enter again leaves it",
    ),
    ("D", "Show or hide the selected item's details"),
    (
        "Esc",
        "Leave a field (back to its item; in search, clear it first), or clear the selection",
    ),
    ("Delete", "Delete the selected item"),
    ("Alt + ↑ / Alt + ↓", "Move the selected item up or down"),
    (
        "L",
        "Link the selected item: type the other's first letters, then Enter",
    ),
    ("/", "Search items"),
    ("Ctrl + Z", "Undo"),
    ("Ctrl + Shift + Z or Ctrl + Y", "Redo"),
    ("O", "Switch between the wheel and the outline"),
    (
        "P",
        "Present: → / Space / Page Down next, ← / Page Up back, Home overview, Esc ends",
    ),
    ("?", "Show this help"),
];

/// Whether keys typed now go into a field rather than to the app.
fn is_typing(target: Option<&web_sys::Element>) -> bool {
    let Some(element) = target else { return false };
    match element.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => {
            let kind = element.get_attribute("type").unwrap_or_default();
            !matches!(
                kind.as_str(),
                "button" | "checkbox" | "radio" | "submit" | "file"
            )
        }
        _ => element
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(web_sys::HtmlElement::is_content_editable),
    }
}

fn is_dialog_open() -> bool {
    document()
        .query_selector("dialog[open]")
        .ok()
        .flatten()
        .is_some()
}

/// Runs `refocus` once the next frame is drawn, if by then the browser has
/// dropped the focus to `<body>`, as it does when the focused element is
/// removed, moved, hidden or disabled by what the user just did (a list
/// row drawn again, a card moved, a button at its end).
pub fn refocus_if_lost(refocus: impl FnOnce() + 'static) {
    request_animation_frame(move || {
        let is_lost = document()
            .active_element()
            .is_none_or(|active| Some(&active) == document().body().as_deref());
        if is_lost {
            refocus();
        }
    });
}

/// Focuses the first element a selector finds. Returns whether there was one.
pub fn focus_selector(selector: &str) -> bool {
    let element = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    element.is_some_and(|element| element.focus().is_ok())
}

/// The item a key acts on: the one whose card the focus is on or in (after
/// Esc has let go of the highlight, or while the pointer rests on another
/// card, which highlights that one), else [`current_item`].
fn item_in_focus(state: AppState, card: Option<&web_sys::Element>) -> Option<crate::model::ItemId> {
    card.and_then(super::drag::item_of)
        .filter(|id| {
            state
                .board
                .with_untracked(|board| board.item(*id).is_some())
        })
        .or_else(|| current_item(state))
}

/// The item the shortcuts act on: the highlighted one, if it is in the
/// selected phase.
fn current_item(state: AppState) -> Option<crate::model::ItemId> {
    let id = state.highlighted.get_untracked()?;
    let phase = state.selected.get_untracked();
    state
        .board
        .with_untracked(|board| board.item(id).is_some_and(|item| item.phase() == phase))
        .then_some(id)
}

/// Takes the focus out of a field in the top bar (Escape, or Enter in a
/// one-line field) to where the shortcuts act: the selected item's card,
/// else the selected phase on the wheel, else nowhere in particular.
pub fn leave_field(state: AppState) {
    if let Some(id) = current_item(state) {
        state.focus_request.set(Some(Focus::Card(id)));
        return;
    }
    if !state.is_outline.get_untracked()
        && super::wheel::focus_phase(state.selected.get_untracked())
    {
        return;
    }
    if let Some(active) = document()
        .active_element()
        .and_then(|active| active.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = active.blur();
    }
}

/// Moves the selection to the previous or next item of the phase: from
/// the item [`item_in_focus`] finds, else from an end.
fn step_item(state: AppState, step: isize, focused: Option<&web_sys::Element>) {
    let phase = state.selected.get_untracked();
    let ids: Vec<_> = state
        .board
        .with_untracked(|board| board.items_in(phase).map(|item| item.id).collect());
    if ids.is_empty() {
        return;
    }
    let from = item_in_focus(state, focused);
    let next = match from.and_then(|id| ids.iter().position(|other| *other == id)) {
        Some(at) => at.saturating_add_signed(step).min(ids.len() - 1),
        None if step > 0 => 0,
        None => ids.len() - 1,
    };
    state.highlight(Some(ids[next]));
    state.focus_request.set(Some(Focus::Card(ids[next])));
}

fn handle(state: AppState, event: &web_sys::KeyboardEvent) {
    // A past spin on show is read-only: only the keys that look around
    // work (a phase, the outline, help, Escape back to now).
    let looks_around = || {
        matches!(
            event.key().as_str(),
            "Escape" | "1" | "2" | "3" | "4" | "o" | "O" | "?"
        )
    };
    if event.default_prevented() || state.viewing_spin.get_untracked().is_some() && !looks_around()
    {
        return;
    }
    if super::present::on_keydown(state, event) {
        return;
    }
    let target = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
    let key = event.key();
    let command = event.ctrl_key() || event.meta_key();
    if is_typing(target.as_ref()) {
        // Escape leaves a field inside an item's card for the card itself,
        // so the shortcuts work on that item again; so does Enter in an
        // item's title, which is one line. Either leaves the board's title
        // and north star for the selected item or phase.
        let is_in = |selector: &str| {
            target
                .as_ref()
                .and_then(|t| t.closest(selector).ok().flatten())
                .is_some()
        };
        // (Worked out only for these two keys: typing pays nothing here.)
        let is_one_line = || {
            target
                .as_ref()
                .is_some_and(|t| t.class_list().contains("item-title") || is_in(".board-fields"))
        };
        let leaves = key == "Escape" || key == "Enter" && !event.is_composing() && is_one_line();
        if leaves && is_in(".item-card") {
            if let Some(id) = state.highlighted.get_untracked() {
                event.prevent_default();
                state.focus_request.set(Some(Focus::Card(id)));
            }
        } else if leaves && is_in(".board-fields") {
            event.prevent_default();
            leave_field(state);
        } else if key == "Escape" {
            // A guidance field: Escape leaves it for its "Done editing"
            // button, and the form stays open.
            let done = target
                .as_ref()
                .and_then(|t| t.closest(".guidance").ok().flatten())
                .and_then(|section| {
                    section
                        .query_selector(".section-heading .button")
                        .ok()
                        .flatten()
                })
                .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(done) = done {
                event.prevent_default();
                let _ = done.focus();
            }
        }
        return;
    }
    if is_dialog_open() {
        return;
    }
    // The card the focus is on or in: a button inside a card (Details,
    // Link to…, a link's ×) is part of its item, as its fields are.
    let card = target
        .as_ref()
        .and_then(|t| t.closest(".item-card").ok().flatten());
    let on_card = card.is_some() && card == target;
    let item = || item_in_focus(state, card.as_ref());
    let handled = match key.as_str() {
        "z" | "Z" if command && !event.shift_key() => {
            state.undo();
            true
        }
        "z" | "Z" | "y" | "Y" if command => {
            state.redo();
            true
        }
        _ if command => false,
        "ArrowUp" | "ArrowDown" if event.alt_key() => {
            if let Some(id) = item() {
                state.move_item(id, if key == "ArrowUp" { -1 } else { 1 });
                state.focus_request.set(Some(Focus::Card(id)));
            }
            true
        }
        _ if event.alt_key() => false,
        "1" | "2" | "3" | "4" => {
            let index = key.parse::<usize>().unwrap_or(1) - 1;
            let phase = Phase::from_index(index);
            // Focus in the pane of the phase left behind would be dropped
            // as the pane hides: it goes to the new phase's "Add …" button.
            let was_in_pane = target
                .as_ref()
                .and_then(|t| t.closest(".phase-pane").ok().flatten())
                .is_some();
            let is_other_phase = state.selected.get_untracked() != phase;
            state.show_phase(phase);
            if was_in_pane && is_other_phase {
                state.focus_request.set(Some(Focus::AddButton));
            }
            true
        }
        "n" | "N" => {
            state.add_item(state.selected.get_untracked().item_kind());
            true
        }
        // From a card or a button in it, from nowhere, from the "Add …"
        // button a phase key leaves the focus on, or from the top bar and
        // the panel's tabs (where a closed dialog leaves it); a phase on
        // the wheel steps through the phases itself.
        "ArrowUp" | "ArrowDown"
            if card.is_some()
                || target.as_ref().is_none_or(|t| {
                    t.tag_name() == "BODY"
                        || t.class_list().contains("add-item")
                        || t.closest(".topbar, .tabs").ok().flatten().is_some()
                }) =>
        {
            step_item(state, if key == "ArrowUp" { -1 } else { 1 }, card.as_ref());
            true
        }
        // Esc from a button in a card goes back to the card, as from its fields.
        "Escape" if card.is_some() && !on_card => {
            if let Some(card) = card.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = card.focus();
            }
            true
        }
        "Enter" if on_card => {
            if let Some(id) = item() {
                state.focus_request.set(Some(Focus::Title(id)));
            }
            true
        }
        "e" | "E" => {
            match item() {
                Some(id) => state.focus_request.set(Some(Focus::Title(id))),
                None => step_item(state, 1, None),
            }
            true
        }
        "Delete" | "Backspace" => {
            if let Some(id) = item() {
                state.delete_item(id);
            }
            true
        }
        "d" | "D" => {
            if let Some(id) = item() {
                state.toggle_card(id);
                // From a control inside the details, which close under it,
                // the focus goes back to the card rather than to <body>.
                state.focus_request.set(Some(Focus::Card(id)));
            }
            true
        }
        "l" | "L" => {
            if let Some(id) = item() {
                state.show_tab(PanelTab::Phase);
                state.open_card.set(Some(id));
                state.link_picker_for.set(Some(id));
            }
            true
        }
        "/" => {
            focus_selector("#search");
            true
        }
        "?" => {
            state.is_help_open.set(true);
            true
        }
        "o" | "O" => {
            state.is_outline.update(|outline| *outline = !*outline);
            // Focus on the wheel, which goes, would fall to the page: it
            // goes to the Outline button (the outline has nothing to focus).
            let was_in_view = target
                .as_ref()
                .and_then(|t| t.closest(".view-area").ok().flatten())
                .is_some();
            if was_in_view {
                refocus_if_lost(|| {
                    focus_selector(".view-switch [aria-pressed=true]");
                });
            }
            true
        }
        "p" | "P" => {
            state.start_presenting(crate::model::Step::Overview);
            true
        }
        "Escape" => {
            // Only what changes is set: setting the spin on show again,
            // even to None, would build the focused card anew and drop
            // the focus to <body>.
            state.highlight(None);
            set_if_changed(state.query, String::new());
            set_if_changed(state.viewing_spin, None);
            true
        }
        _ => false,
    };
    if handled {
        event.prevent_default();
    }
}

/// Listens for shortcuts for the life of the page.
pub fn install(state: AppState) {
    let handle_key = window_event_listener(ev::keydown, move |event| handle(state, &event));
    std::mem::forget(handle_key);
}

/// How to work the wheel, in a few steps, for a first visit.
const GETTING_STARTED: &[&str] = &[
    "The wheel turns clockwise through four phases: I Clarity of Purpose \
     (goals), II Challenge and Landscape (challenges), III Next Best Action \
     (actions) and IV Long-Term Value (value metrics), which feeds back into I.",
    "Choose a phase on the wheel, or press 1 – 4, and add its items in the \
     panel beside it.",
    "Link the items: a challenge blocks a goal, an action addresses a \
     challenge, a metric measures a goal. Drag a card's handle onto an item \
     on the wheel, or choose Link to… in the card's Details. Health lists \
     what is missing.",
    "A value metric's Details take its samples, typed or pasted from a \
     spreadsheet, and chart them.",
    "Complete a spin (Spins) to record the board as it stands and compare it \
     later. Present shows the wheel phase by phase on a shared screen.",
    "Your work is saved in this browser as you go. Export makes a file, a \
     picture or a link to share.",
];

/// The help overlay: how to start, and every shortcut.
#[component]
pub fn HelpDialog() -> impl IntoView {
    let state = use_app();
    view! {
        <ModalDialog
            open=state.is_help_open
            class="help-dialog"
            heading_id="help-heading"
            title="Help and keyboard shortcuts"
            close_label="Close help"
        >
            <h3>"Getting started"</h3>
            <ol class="getting-started">
                {GETTING_STARTED.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}
            </ol>
            <h3>"Keyboard shortcuts"</h3>
            <table class="shortcuts">
                <thead>
                    <tr>
                        <th scope="col">"Keys"</th>
                        <th scope="col">"What they do"</th>
                    </tr>
                </thead>
                <tbody>
                    {SHORTCUTS
                        .iter()
                        .map(|(keys, what)| view! { <tr><td><kbd>{*keys}</kbd></td><td>{*what}</td></tr> })
                        .collect_view()}
                </tbody>
            </table>
            <p class="hint">"Shortcuts do nothing while you type in a field. Cmd works instead of Ctrl on a Mac."</p>
        </ModalDialog>
    }
}
