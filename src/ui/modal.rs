//! The app's modal dialogs share one frame: a `<dialog>` shown with
//! `showModal()` while its signal is true (so focus is trapped and Esc
//! closes it), a heading that names it, and a close button. A dialog's
//! content exists only while it is open, so the app's start builds none of
//! it (the boards list alone, with its dates, cost about 25 ms there).
//! A notice that comes while a dialog is open shows in the dialog: the page
//! behind a modal dialog is inert, so screen readers do not read its live
//! regions, and its banners sit under the backdrop.

use leptos::html;
use leptos::prelude::*;

use super::app::notice_banner;
use super::state::{use_app, Notice};

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
    let state = use_app();
    let dialog = NodeRef::<html::Dialog>::new();
    // The notice on show when the dialog opened belongs to the page.
    let notice_at_open = RwSignal::new(None::<Notice>);
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() {
            if !dialog.open() {
                notice_at_open.set(state.notice.get_untracked());
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    let fresh = move |is_error: bool| {
        let notice = state
            .notice
            .get()
            .filter(|notice| notice.is_error == is_error)?;
        let is_fresh =
            open.get() && notice_at_open.with(|at_open| at_open.as_ref() != Some(&notice));
        is_fresh.then(|| notice_banner(state, notice))
    };
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
            // Both live regions are there before any notice, so a notice
            // that appears in one is read out.
            <div class="dialog-alert" role="alert">{move || fresh(true)}</div>
            <div class="dialog-status" role="status">{move || fresh(false)}</div>
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}
