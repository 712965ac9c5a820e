//! The app's modal dialogs share one frame: a `<dialog>` shown with
//! `showModal()` while its signal is true (so focus is trapped and Esc
//! closes it), a heading that names it, and a close button. A dialog's
//! content exists only while it is open, so the app's start builds none of
//! it (the boards list alone, with its dates, cost about 25 ms there).

use leptos::html;
use leptos::prelude::*;

/// A modal dialog, open while `open` is true; closing it (Esc, the close
/// button) sets `open` to false.
#[component]
pub fn ModalDialog(
    open: RwSignal<bool>,
    /// The dialog's CSS class.
    class: &'static str,
    /// The heading's id, which names the dialog.
    heading_id: &'static str,
    title: &'static str,
    /// The close button's accessible name, such as "Close boards".
    close_label: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    view! {
        <dialog class=class aria-labelledby=heading_id node_ref=dialog on:close=move |_| open.set(false)>
            <div class="dialog-header">
                <h2 id=heading_id>{title}</h2>
                <button
                    type="button"
                    class="button button-quiet button-icon"
                    aria-label=close_label
                    on:click=move |_| open.set(false)
                >
                    "×"
                </button>
            </div>
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}
