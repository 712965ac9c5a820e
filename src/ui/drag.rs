//! Dragging items with a mouse, pen or finger (pointer events, so touch
//! works too): drop an item on another of its phase to move it there, or on
//! an item of a kind it can link to, to link them. Chips on the wheel and
//! the handles of the panel's cards start a drag; anything carrying a
//! `data-item` attribute is a place to drop. Keyboard users have Alt+↑/↓
//! and the link picker instead.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use super::state::{use_app, AppState};
use crate::model::ItemId;

/// Pointer travel, in CSS pixels, before a press becomes a drag.
const THRESHOLD: f64 = 6.0;

/// A drag in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Drag {
    pub id: ItemId,
    pub title: String,
    start: (f64, f64),
    /// Where the pointer is now.
    pub at: (f64, f64),
    /// Whether the pointer has moved far enough to be a drag, not a click.
    pub is_moving: bool,
    /// The item under the pointer, if it is not the dragged one.
    pub over: Option<ItemId>,
}

/// Starts following the pointer from an item.
pub fn start(state: AppState, id: ItemId, event: &web_sys::PointerEvent) {
    if event.button() != 0 || state.is_read_only() {
        return;
    }
    let title = state.board.with_untracked(|board| {
        board
            .item(id)
            .map(|item| item.display_title().to_owned())
            .unwrap_or_default()
    });
    let at = (f64::from(event.client_x()), f64::from(event.client_y()));
    state.drag.set(Some(Drag {
        id,
        title,
        start: at,
        at,
        is_moving: false,
        over: None,
    }));
}

/// The item an element stands for: its own or its nearest ancestor's
/// `data-item` (a chip on the wheel, a card in the panel).
pub(super) fn item_of(element: &web_sys::Element) -> Option<ItemId> {
    let carrier = element.closest("[data-item]").ok().flatten()?;
    Some(ItemId(carrier.get_attribute("data-item")?.parse().ok()?))
}

/// The item under a point, ignoring the ghost that follows the pointer.
fn item_at(x: f64, y: f64, except: ItemId) -> Option<ItemId> {
    let elements = document().elements_from_point(x as f32, y as f32);
    elements.iter().find_map(|element| {
        let id = item_of(&element.dyn_into::<web_sys::Element>().ok()?)?;
        (id != except).then_some(id)
    })
}

/// Follows every drag for the life of the page.
pub fn install(state: AppState) {
    let moved = window_event_listener(ev::pointermove, move |event| {
        let Some(mut drag) = state.drag.get_untracked() else {
            return;
        };
        let at = (f64::from(event.client_x()), f64::from(event.client_y()));
        if !drag.is_moving && (at.0 - drag.start.0).hypot(at.1 - drag.start.1) < THRESHOLD {
            return;
        }
        event.prevent_default();
        drag.is_moving = true;
        drag.at = at;
        drag.over = item_at(at.0, at.1, drag.id);
        state.drag.set(Some(drag));
    });
    let released = window_event_listener(ev::pointerup, move |event| {
        let Some(drag) = state.drag.get_untracked() else {
            return;
        };
        state.drag.set(None);
        if !drag.is_moving {
            return;
        }
        // The click that follows the release must not select the chip.
        state.is_click_suppressed.set_value(true);
        let over = item_at(
            f64::from(event.client_x()),
            f64::from(event.client_y()),
            drag.id,
        );
        match over {
            Some(target) => state.drop_item(drag.id, target),
            None => state.announce("Nothing to drop on there.".into()),
        }
    });
    let cancelled = window_event_listener(ev::pointercancel, move |_| state.drag.set(None));
    std::mem::forget((moved, released, cancelled));
}

/// The label that follows the pointer while dragging.
#[component]
pub fn DragGhost() -> impl IntoView {
    let state = use_app();
    move || {
        state.drag.get().filter(|drag| drag.is_moving).map(|drag| {
            view! {
                <div
                    class="drag-ghost"
                    aria-hidden="true"
                    style=format!("left: {:.0}px; top: {:.0}px", drag.at.0 + 12.0, drag.at.1 + 12.0)
                >
                    {drag.title}
                </div>
            }
        })
    }
}
