//! The page frame: the top bar with the board's title, north star, save
//! state and file actions, the messages area, the wheel, the panel of the
//! selected phase, the board list and the drop zone for imports.

use leptos::html;
use leptos::prelude::*;

use super::boards::BoardsDialog;
use super::display::DisplayControls;
use super::drag::DragGhost;
use super::export_dialog::ExportDialog;
use super::files;
use super::new_board::NewBoardDialog;
use super::outline::Outline;
use super::phase_panel::PhasePanel;
use super::present::PresentationSlide;
use super::print::PrintHandout;
use super::search::SearchBox;
use super::share::SharedBanner;
use super::shortcuts::HelpDialog;
use super::state::{use_app, AppState, Notice, Problem};
use super::wheel::WheelArea;
use crate::model::Edit;
use crate::storage::{SaveError, SaveStatus};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = use_app();
    let is_presenting = move || state.presenting.with(Option::is_some);
    view! {
        <div class="app" class:is-presenting=is_presenting>
            <TopBar/>
            <Messages/>
            <main class="workspace">
                <ViewArea/>
                <Show when=is_presenting fallback=|| view! { <PhasePanel/> }>
                    <PresentationSlide/>
                </Show>
            </main>
            <PrintHandout/>
            <BoardsDialog/>
            <NewBoardDialog/>
            <ExportDialog/>
            <HelpDialog/>
            <DropZone/>
            <DragGhost/>
            <p id="announcer" class="visually-hidden" aria-live="polite">
                {move || use_app().announcement.get()}
            </p>
        </div>
    }
}

/// The wheel, or the outline of the same board, with the switch between them.
#[component]
fn ViewArea() -> impl IntoView {
    let state = use_app();
    let is_outline = state.is_outline;
    view! {
        <section class="view-area" aria-label="Flywheel">
            <div class="view-switch" role="group" aria-label="View">
                <button
                    type="button"
                    class="button button-small"
                    aria-pressed=move || if is_outline.get() { "false" } else { "true" }
                    on:click=move |_| is_outline.set(false)
                >
                    "Wheel"
                </button>
                <button
                    type="button"
                    class="button button-small"
                    aria-pressed=move || if is_outline.get() { "true" } else { "false" }
                    on:click=move |_| is_outline.set(true)
                >
                    "Outline"
                </button>
            </div>
            <Show
                when=move || is_outline.get()
                fallback=|| view! { <WheelArea/> }
            >
                // Focusable, so keyboard users can scroll a long outline.
                <div class="outline-area" tabindex="0">
                    <Outline/>
                </div>
            </Show>
        </section>
    }
}

/// Imports the first file of a list, if there is one.
fn import_first(state: &AppState, list: Option<web_sys::FileList>) {
    let state = *state;
    let Some(file) = list.and_then(|list| list.get(0)) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let name = file.name();
        match files::read_bytes(file).await {
            Ok(bytes) => state.import_file(&bytes, &name).await,
            Err(message) => state.tell_error(format!("{message} Your boards are unchanged.")),
        }
    });
}

/// Brand, board title, north star, save indicator and the file actions.
#[component]
fn TopBar() -> impl IntoView {
    let state = use_app();
    let title = move || state.board.with(|board| board.title.clone());
    let north_star = move || state.board.with(|board| board.north_star.clone());
    let file_input = NodeRef::<html::Input>::new();
    let board_count = move || state.library.with(|library| library.live().len());
    view! {
        <header class="topbar">
            <h1 class="brand">
                <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
                    <circle cx="16" cy="16" r="12" fill="none" stroke="currentColor" stroke-width="4"
                        stroke-dasharray="16 3"/>
                </svg>
                <span>"Value Flywheel"</span>
            </h1>
            <div class="board-fields">
                <label class="field field-title">
                    <span class="field-label">"Board title"</span>
                    <input
                        dir="auto"
                        type="text"
                        readonly=move || state.is_read_only()
                        prop:value=title
                        on:input=move |ev| {
                            state.dispatch(Edit::SetTitle { title: event_target_value(&ev) });
                        }
                    />
                </label>
                <label class="field field-north-star">
                    <span class="field-label">"North star"</span>
                    <input
                        dir="auto"
                        type="text"
                        placeholder="One line: the purpose this flywheel serves"
                        readonly=move || state.is_read_only()
                        prop:value=north_star
                        on:input=move |ev| {
                            state.dispatch(Edit::SetNorthStar {
                                north_star: event_target_value(&ev),
                            });
                        }
                    />
                </label>
            </div>
            <SearchBox/>
            <DisplayControls/>
            <div class="topbar-actions">
                <SaveIndicator/>
                <button
                    type="button"
                    class="button button-icon"
                    aria-label="Undo"
                    title="Undo (Ctrl+Z)"
                    disabled=move || !state.can_undo()
                    on:click=move |_| state.undo()
                >
                    "↶"
                </button>
                <button
                    type="button"
                    class="button button-icon"
                    aria-label="Redo"
                    title="Redo (Ctrl+Shift+Z)"
                    disabled=move || !state.can_redo()
                    on:click=move |_| state.redo()
                >
                    "↷"
                </button>
                <button
                    type="button"
                    class="button"
                    aria-haspopup="dialog"
                    on:click=move |_| state.is_boards_open.set(true)
                >
                    "Boards "
                    <span class="badge">{board_count}</span>
                </button>
                <button
                    type="button"
                    class="button"
                    aria-haspopup="dialog"
                    on:click=move |_| state.is_new_board_open.set(true)
                >
                    "New board"
                </button>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        if let Some(input) = file_input.get_untracked() {
                            input.click();
                        }
                    }
                >
                    "Import"
                </button>
                <input
                    type="file"
                    class="visually-hidden"
                    accept=".json,.svg,.png,application/json,image/svg+xml,image/png"
                    tabindex="-1"
                    aria-hidden="true"
                    node_ref=file_input
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        import_first(&state, input.files());
                        // Picking the same file again must fire "change" again.
                        input.set_value("");
                    }
                />
                <button
                    type="button"
                    class="button"
                    aria-haspopup="dialog"
                    on:click=move |_| state.is_export_open.set(true)
                >
                    "Export"
                </button>
                <button
                    type="button"
                    class="button button-primary present-button"
                    title="Present (P)"
                    on:click=move |_| state.start_presenting(crate::model::Step::Overview)
                >
                    "Present"
                </button>
                <button
                    type="button"
                    class="button button-icon"
                    aria-label="Help and keyboard shortcuts"
                    aria-haspopup="dialog"
                    title="Help and keyboard shortcuts (?)"
                    on:click=move |_| state.is_help_open.set(true)
                >
                    "?"
                </button>
            </div>
        </header>
    }
}

/// A small word that says whether the work is in storage.
#[component]
fn SaveIndicator() -> impl IntoView {
    let state = use_app();
    let status = state.autosave.status();
    let text = move || match status.get() {
        _ if state.is_shared.get() => "Not stored",
        SaveStatus::Saved => "Saved",
        SaveStatus::Pending => "Saving…",
        SaveStatus::InMemory | SaveStatus::Failed(_) => "Not saved",
    };
    let class = move || match status.get() {
        _ if state.is_shared.get() => "save-status is-pending",
        SaveStatus::Saved => "save-status is-saved",
        SaveStatus::Pending => "save-status is-pending",
        SaveStatus::InMemory | SaveStatus::Failed(_) => "save-status is-unsaved",
    };
    view! { <span class=class>{text}</span> }
}

/// One banner in the alert region, with its actions.
struct Banner {
    text: String,
    /// The gist in a few words, shown instead of `text` in a short frame
    /// (where `text` is still read out).
    short: Option<&'static str>,
    actions: Vec<(&'static str, Callback<()>)>,
}

/// Banners for lasting problems and the latest notice, each in a live region.
#[component]
fn Messages() -> impl IntoView {
    let state = use_app();
    let status = state.autosave.status();
    let export = Callback::new(move |()| state.export_current());
    // Inside another page, downloads may be blocked without a word: the
    // Export dialog also offers the share link, which holds the board.
    let is_framed = super::files::is_framed();
    let open_export = Callback::new(move |()| state.is_export_open.set(true));
    let banners = move || {
        let mut banners: Vec<Banner> = Vec::new();
        for problem in state.problems.get() {
            match problem {
                Problem::StorageUnavailable if is_framed => banners.push(Banner {
                    text: "This page is not letting the app save (storage is blocked in this \
                           frame). You can keep working, but changes will be lost when you close \
                           the page: export your board, or copy its share link, to keep it."
                        .into(),
                    short: Some("Not saved in this frame: changes are lost when the page closes."),
                    actions: vec![("Export or share", open_export)],
                }),
                Problem::StorageUnavailable => banners.push(Banner {
                    text: "This browser is not letting the app save here (storage is blocked in \
                           this frame or in private browsing, or it is full). You can keep \
                           working, but changes will be lost when you close this tab: export \
                           your board to keep it."
                        .into(),
                    short: None,
                    actions: vec![("Export board", export)],
                }),
                Problem::StorageRefused => banners.push(Banner {
                    text: "This browser's storage for this site is full or refusing writes, so \
                           your work is kept in this tab only and is lost when you close it. \
                           Free some space and try saving again, or export your board to keep \
                           it."
                    .into(),
                    short: Some("Not saved: storage is full."),
                    actions: vec![
                        (
                            "Try saving again",
                            Callback::new(move |()| state.retry_storage()),
                        ),
                        ("Export board", export),
                    ],
                }),
                Problem::CouldNotOpen {
                    title,
                    reason,
                    backup_key,
                } => {
                    let mut actions = Vec::new();
                    if let Some(key) = backup_key {
                        actions.push((
                            "Download the unreadable save",
                            Callback::new(move |()| state.download_backup(&key)),
                        ));
                    }
                    banners.push(Banner {
                        text: format!("{title} could not be opened: {reason}"),
                        short: None,
                        actions,
                    });
                }
            }
        }
        match status.get() {
            SaveStatus::Failed(SaveError::Stale { .. }) => banners.push(Banner {
                text: "This board was changed in another tab or window while you were editing \
                       it here. Nothing was overwritten. Choose which version to keep."
                    .into(),
                short: None,
                actions: vec![
                    (
                        "Load the other version",
                        Callback::new(move |()| state.take_theirs()),
                    ),
                    (
                        "Keep mine as a new board",
                        Callback::new(move |()| state.keep_mine()),
                    ),
                ],
            }),
            SaveStatus::Failed(error) => banners.push(Banner {
                text: format!(
                    "Your latest changes are not saved: {error}. Your previous save is intact. \
                     Export the board to keep a copy, or free space by emptying the trash."
                ),
                short: None,
                actions: vec![
                    ("Export board", export),
                    (
                        "Discard unsaved changes",
                        Callback::new(move |()| state.discard_unsaved()),
                    ),
                ],
            }),
            _ => {}
        }
        if let Some(Notice {
            message,
            is_error: true,
            ..
        }) = state.notice.get()
        {
            banners.push(Banner {
                text: message,
                short: None,
                actions: vec![("Dismiss", Callback::new(move |()| state.notice.set(None)))],
            });
        }
        banners
    };
    let info = move || state.notice.get().filter(|notice| !notice.is_error);
    view! {
        <div class="messages">
            <SharedBanner/>
            <div class="alert" role="alert">
                {move || {
                    banners()
                        .into_iter()
                        .map(|banner| {
                            view! {
                                <p class="banner banner-error">
                                    <span class:banner-long=banner.short.is_some()>{banner.text}</span>
                                    {banner
                                        .short
                                        .map(|short| {
                                            view! {
                                                <span class="banner-short" aria-hidden="true">
                                                    {short}
                                                </span>
                                            }
                                        })}
                                    {banner
                                        .actions
                                        .into_iter()
                                        .map(|(label, action)| {
                                            view! {
                                                <button
                                                    type="button"
                                                    class="button button-small"
                                                    on:click=move |_| action.run(())
                                                >
                                                    {label}
                                                </button>
                                            }
                                        })
                                        .collect_view()}
                                </p>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <div class="status" role="status">
                {move || info().map(|notice| notice_banner(state, notice))}
            </div>
        </div>
    }
}

/// A notice as a banner: its message, its Undo when it offers one, and a
/// button that dismisses it.
pub(super) fn notice_banner(state: AppState, notice: Notice) -> impl IntoView {
    let undo = notice.undo;
    view! {
        <p class="banner" class=("banner-error", notice.is_error) class=("banner-info", !notice.is_error)>
            <span>{notice.message}</span>
            {undo
                .map(|undo| {
                    view! {
                        <button
                            type="button"
                            class="button button-small"
                            on:click=move |_| state.take_back(undo.clone())
                        >
                            "Undo"
                        </button>
                    }
                })}
            <button
                type="button"
                class="button button-small button-quiet"
                aria-label="Dismiss message"
                on:click=move |_| state.notice.set(None)
            >
                "×"
            </button>
        </p>
    }
}

/// Shows where to drop a board file while one is dragged over the page,
/// and imports it when dropped.
#[component]
fn DropZone() -> impl IntoView {
    let state = use_app();
    let is_dragging = RwSignal::new(false);
    let carries_files = |event: &web_sys::DragEvent| {
        event
            .data_transfer()
            .is_some_and(|transfer| transfer.types().includes(&"Files".into(), 0))
    };
    let listeners = [
        window_event_listener(leptos::ev::dragover, move |event| {
            if carries_files(&event) {
                event.prevent_default();
                is_dragging.set(true);
            }
        }),
        window_event_listener(leptos::ev::dragleave, move |event| {
            // Leaving the window: no element is entered next.
            if event.related_target().is_none() {
                is_dragging.set(false);
            }
        }),
        window_event_listener(leptos::ev::drop, move |event| {
            if carries_files(&event) {
                event.prevent_default();
                is_dragging.set(false);
                import_first(&state, event.data_transfer().and_then(|t| t.files()));
            }
        }),
    ];
    on_cleanup(move || {
        for listener in listeners {
            listener.remove();
        }
    });
    view! {
        <Show when=move || is_dragging.get()>
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop a board file to open it as a new board"</p>
            </div>
        </Show>
    }
}
