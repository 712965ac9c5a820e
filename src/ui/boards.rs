//! The board list: open, rename, duplicate and delete boards, bring them
//! back from the trash, and download or delete the backups of saves that
//! could not be read. A modal `<dialog>`, so focus stays inside and Esc
//! closes it.

use leptos::html;
use leptos::prelude::*;

use super::modal::ModalDialog;
use super::state::use_app;
use crate::model::{BoardEntry, BoardId};
use crate::storage::{self, Backup};

fn when(ms: u64) -> String {
    if ms == 0 {
        return "date unknown".into();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

/// The dialog with every board.
#[component]
pub fn BoardsDialog() -> impl IntoView {
    let state = use_app();
    let backups = RwSignal::new(Vec::<Backup>::new());
    // The backups list is read from storage each time the dialog opens.
    Effect::new(move |_| {
        if state.is_boards_open.get() {
            backups.set(storage::backups());
        }
    });
    let live = move || {
        state
            .library
            .with(|library| library.live().into_iter().cloned().collect::<Vec<_>>())
    };
    let trashed = move || {
        state
            .library
            .with(|library| library.trashed().into_iter().cloned().collect::<Vec<_>>())
    };
    view! {
        <ModalDialog
            open=state.is_boards_open
            class="boards-dialog"
            heading_id="boards-heading"
            title="Boards"
            close_label="Close boards"
        >
            <button
                type="button"
                class="button button-primary"
                aria-haspopup="dialog"
                on:click=move |_| {
                    state.is_boards_open.set(false);
                    state.is_new_board_open.set(true);
                }
            >
                "New board"
            </button>
            <ul class="board-list">
                <For each=live key=|entry| (entry.id.clone(), entry.title.clone()) let:entry>
                    <BoardRow entry/>
                </For>
            </ul>
            <Show when=move || !trashed().is_empty()>
                <h3>"Trash"</h3>
                <ul class="board-list">
                    <For each=trashed key=|entry| entry.id.clone() let:entry>
                        <TrashRow entry/>
                    </For>
                </ul>
            </Show>
            <Show when=move || backups.with(|b| !b.is_empty())>
                <h3>"Backups of saves that could not be read"</h3>
                <ul class="board-list">
                    <For each=move || backups.get() key=|backup| backup.key.clone() let:backup>
                        <BackupRow backup backups/>
                    </For>
                </ul>
            </Show>
        </ModalDialog>
    }
}

#[component]
fn BoardRow(entry: BoardEntry) -> impl IntoView {
    let state = use_app();
    let id = entry.id.clone();
    let is_current = {
        let id = id.clone();
        Memo::new(move |_| state.board_id.with(|current| current.as_ref() == Some(&id)))
    };
    let is_renaming = RwSignal::new(false);
    let name_input = NodeRef::<html::Input>::new();
    let title = if entry.title.trim().is_empty() {
        "Untitled flywheel".to_owned()
    } else {
        entry.title.clone()
    };
    let open = {
        let id = id.clone();
        move |_| {
            if state.switch_to(&id) {
                state.is_boards_open.set(false);
            }
        }
    };
    let save_name = {
        let id = id.clone();
        move || {
            if let Some(input) = name_input.get_untracked() {
                state.rename(&id, input.value());
            }
            is_renaming.set(false);
            refocus_in_dialog();
        }
    };
    let duplicate = {
        let id = id.clone();
        move |_| {
            state.duplicate(&id);
            state.is_boards_open.set(false);
        }
    };
    let trash = {
        let id = id.clone();
        move |_| {
            state.trash(&id);
            refocus_in_dialog();
        }
    };
    let rename_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if is_renaming.get() {
            if let Some(input) = name_input.get() {
                let _ = input.focus();
                input.select();
            }
        }
    });
    let (t1, t2, t3, t4) = (title.clone(), title.clone(), title.clone(), title.clone());
    view! {
        <li class="board-row" class:current=is_current>
            <Show
                when=move || is_renaming.get()
                fallback=move || {
                    let open = open.clone();
                    view! {
                        <div class="board-main">
                            <button
                                type="button"
                                class="board-open"
                                aria-label=format!("Open board: {t1}")
                                aria-current=move || is_current.get().then_some("true")
                                on:click=open
                            >
                                <span class="board-title">{t1.clone()}</span>
                            </button>
                            <span class="board-meta">{format!("Changed {}", when(entry.updated_ms))}</span>
                        </div>
                    }
                }
            >
                <form
                    class="rename-form"
                    on:submit={
                        let save_name = save_name.clone();
                        move |ev| {
                            ev.prevent_default();
                            save_name();
                        }
                    }
                >
                    <input
                        dir="auto"
                        type="text"
                        node_ref=name_input
                        aria-label=format!("New name for {t2}")
                        prop:value=t2.clone()
                        on:keydown=move |ev| {
                            if ev.key() == "Escape" {
                                ev.prevent_default();
                                ev.stop_propagation();
                                is_renaming.set(false);
                                // The field goes: the focus goes back to Rename.
                                refocus_on(rename_button);
                            }
                        }
                    />
                    <button type="submit" class="button button-small">"Save name"</button>
                </form>
            </Show>
            <div class="board-actions">
                <button
                    type="button"
                    class="button button-small"
                    aria-label=format!("Rename board: {t3}")
                    node_ref=rename_button
                    on:click=move |_| is_renaming.set(true)
                >
                    "Rename"
                </button>
                <button
                    type="button"
                    class="button button-small"
                    aria-label=format!("Duplicate board: {t4}")
                    on:click=duplicate
                >
                    "Duplicate"
                </button>
                <button
                    type="button"
                    class="button button-small button-danger"
                    aria-label=format!("Delete board: {title}")
                    on:click=trash
                >
                    "Delete"
                </button>
            </div>
        </li>
    }
}

/// A button of a row that is drawn again (the rename field or the
/// confirmation gone) takes the focus back, if it was dropped.
fn refocus_on(button: NodeRef<leptos::html::Button>) {
    super::shortcuts::refocus_if_lost(move || {
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    });
}

/// A row drawn again (renamed, moved to or out of the trash) takes the
/// focus with it: it goes to the board on screen's row in the dialog.
fn refocus_in_dialog() {
    super::shortcuts::refocus_if_lost(|| {
        let _ = super::shortcuts::focus_selector("dialog[open] .board-row.current .board-open")
            || super::shortcuts::focus_selector("dialog[open] .board-open");
    });
}

#[component]
fn TrashRow(entry: BoardEntry) -> impl IntoView {
    let state = use_app();
    let title = entry.title.clone();
    let restore_id: BoardId = entry.id.clone();
    let delete_id: BoardId = entry.id.clone();
    // Deleting for good cannot be undone, so it asks first, in the row:
    // "Keep" takes the focus and the place of "Restore", so a double click
    // or a second Enter keeps the board.
    let is_confirming = RwSignal::new(false);
    let keep = NodeRef::<leptos::html::Button>::new();
    let delete_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if is_confirming.get() {
            if let Some(keep) = keep.get() {
                let _ = keep.focus();
            }
        }
    });
    let confirm_title = title.clone();
    let confirm = move || {
        let title = confirm_title.clone();
        let delete_id = delete_id.clone();
        view! {
            <span class="board-confirm" role="alert">
                {format!("Delete {} for good? This cannot be undone.", crate::model::quoted(&title))}
            </span>
            <div class="board-actions">
                <button
                    type="button"
                    class="button button-small"
                    node_ref=keep
                    on:click=move |_| {
                        is_confirming.set(false);
                        refocus_on(delete_button);
                    }
                >
                    "Keep"
                </button>
                <button
                    type="button"
                    class="button button-small button-danger"
                    aria-label=format!("Yes, delete forever: {title}")
                    on:click=move |_| {
                        state.delete_forever(&delete_id);
                        refocus_in_dialog();
                    }
                >
                    "Yes, delete forever"
                </button>
            </div>
        }
    };
    let ask = move || {
        let restore_id = restore_id.clone();
        let title = title.clone();
        view! {
            <div class="board-actions">
                <button
                    type="button"
                    class="button button-small"
                    aria-label=format!("Restore board: {title}")
                    on:click=move |_| {
                        state.untrash(&restore_id);
                        state.is_boards_open.set(false);
                    }
                >
                    "Restore"
                </button>
                <button
                    type="button"
                    class="button button-small button-danger"
                    aria-label=format!("Delete forever: {title}")
                    node_ref=delete_button
                    on:click=move |_| is_confirming.set(true)
                >
                    "Delete forever"
                </button>
            </div>
        }
    };
    view! {
        <li class="board-row trashed">
            <span class="board-title">{entry.title.clone()}</span>
            <Show when=move || is_confirming.get() fallback=ask.clone()>
                {confirm.clone()}
            </Show>
        </li>
    }
}

#[component]
fn BackupRow(backup: Backup, backups: RwSignal<Vec<Backup>>) -> impl IntoView {
    let state = use_app();
    let label = format!(
        "Backup from {} ({} characters)",
        when(backup.saved_ms),
        backup.chars
    );
    let (download_key, delete_key) = (backup.key.clone(), backup.key.clone());
    view! {
        <li class="board-row">
            <span class="board-title">{label.clone()}</span>
            <div class="board-actions">
                <button
                    type="button"
                    class="button button-small"
                    aria-label=format!("Download: {label}")
                    on:click=move |_| state.download_backup(&download_key)
                >
                    "Download"
                </button>
                <button
                    type="button"
                    class="button button-small button-danger"
                    aria-label=format!("Delete: {label}")
                    on:click=move |_| {
                        storage::delete_backup(&delete_key);
                        backups.set(storage::backups());
                    }
                >
                    "Delete"
                </button>
            </div>
        </li>
    }
}
