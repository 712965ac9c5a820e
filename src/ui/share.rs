//! Boards that travel in links. The page's URL says how the app starts:
//! `#board=…` opens a shared board read-only, with "Make a copy" to keep it;
//! `?embed` (with optional `phase=`, `theme=` and `present`) shows only the
//! wheel, read-only, for an iframe in a wiki page, and never touches
//! storage. This module reads the URL, runs both views and builds the links
//! and the embed code the export dialog offers.

use leptos::prelude::*;

use super::files;
use super::present::PresentationSlide;
use super::state::{use_app, AppState};
use super::wheel::WheelArea;
use crate::document::Restored;
use crate::export::share::{self, ShareError};
use crate::model::{Phase, Settings, Step, Theme};

/// How the page was asked to start.
pub struct Launch {
    /// `?embed`: the wheel alone, read-only, storage untouched.
    pub embed: Option<EmbedOptions>,
    /// The payload of the board in the fragment (`#board=…`), when there
    /// is one, still packed: `share::decode` opens it.
    pub payload: Option<String>,
}

/// What an embed link asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    pub phase: Option<Phase>,
    pub theme: Option<Theme>,
    pub present: bool,
}

impl Launch {
    /// Reads the page's URL.
    pub fn from_url() -> Launch {
        let location = window().location();
        let search = location.search().unwrap_or_default();
        let hash = location.hash().unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
        let param = |name: &str| params.as_ref().and_then(|p| p.get(name));
        let has = |name: &str| params.as_ref().is_some_and(|p| p.has(name));
        let embed = has("embed").then(|| EmbedOptions {
            phase: param("phase").and_then(|value| phase_from_param(&value)),
            theme: param("theme").and_then(|value| Theme::from_slug(&value)),
            present: has("present"),
        });
        let payload = share::payload_from_fragment(&hash).map(str::to_owned);
        Launch { embed, payload }
    }
}

/// A phase from a `phase=1`…`4` value; `None` for anything else.
pub fn phase_from_param(value: &str) -> Option<Phase> {
    match Step::from_param(value)? {
        Step::Phase(phase) => Some(phase),
        Step::Overview => None,
    }
}

/// The fragment (`#board=…`) that carries a board's document: what a
/// share link and an embed have in common, encoded once for both.
///
/// # Errors
/// A phrase for the user when the browser cannot compress.
pub async fn board_fragment(document_json: &str) -> Result<String, String> {
    let deflated = files::deflate(document_json.as_bytes()).await?;
    Ok(share::fragment(&share::payload(&deflated)))
}

/// The page's address without query or fragment: where the app lives.
fn app_address() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// A link that opens the board of a [`board_fragment`] read-only in the app.
pub fn share_link(fragment: &str) -> String {
    format!("{}{fragment}", app_address())
}

/// The `<iframe>` code that embeds the board of a [`board_fragment`] (its
/// title is the frame's accessible name), with the chosen options.
pub fn embed_code(title: &str, fragment: &str, options: EmbedOptions) -> String {
    let mut query = String::from("?embed");
    if let Some(theme) = options.theme.and_then(Theme::slug) {
        query.push_str("&theme=");
        query.push_str(theme);
    }
    if let Some(phase) = options.phase {
        query.push_str("&phase=");
        query.push_str(&(phase.index() + 1).to_string());
    }
    if options.present {
        query.push_str("&present");
    }
    let src = format!("{}{query}{fragment}", app_address());
    let title = crate::export::escape_xml(&format!("Value flywheel: {title}"));
    format!(
        "<iframe src=\"{}\" title=\"{title}\" width=\"960\" height=\"720\" \
         style=\"border:0;width:100%;max-width:960px;height:auto;aspect-ratio:4/3\" loading=\"lazy\" \
         sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\"></iframe>",
        crate::export::escape_xml(&src)
    )
}

/// Takes the fragment (and with it the shared board) out of the address,
/// without reloading.
pub fn clear_fragment() {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    let address = format!("{}{search}", app_address());
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
}

impl AppState {
    /// Shows a board from a link, read-only, without storing it anywhere.
    pub fn open_shared(self, restored: Restored) {
        self.library.set(crate::storage::load_library());
        self.history.set(crate::model::History::default());
        self.board.set(restored.board);
        self.board_id.set(None);
        self.is_shared.set(true);
        if !restored.repairs.is_empty() {
            let repairs: Vec<String> = restored.repairs.iter().map(ToString::to_string).collect();
            self.tell(format!(
                "Repaired while opening the link: {}",
                repairs.join(" ")
            ));
        }
    }

    /// Stores the shared board on screen as a new board of this browser's
    /// and opens it for editing.
    pub fn copy_shared(self) {
        let board = self.board.get_untracked();
        let message = format!(
            "{} is now one of your boards.",
            crate::model::quoted(&board.title)
        );
        // Opening the copy ends the shared view (see `show`).
        self.create(&board, Some(message));
    }

    /// Leaves the shared board for this browser's own boards.
    pub fn leave_shared(self) {
        self.is_shared.set(false);
        clear_fragment();
        self.open_initial();
    }
}

/// Says that the board on screen came from a link, and offers to keep it.
#[component]
pub fn SharedBanner() -> impl IntoView {
    let state = use_app();
    view! {
        <Show when=move || state.is_shared.get()>
            <div class="banner banner-info shared-banner" role="region" aria-label="Shared board">
                <p>
                    <strong>"A shared board, read-only. "</strong>
                    "It came inside the link and is not stored on this device. Make a copy to edit it; your own boards are untouched."
                </p>
                <div class="banner-actions">
                    <button type="button" class="button button-primary" on:click=move |_| state.copy_shared()>
                        "Make a copy"
                    </button>
                    <button type="button" class="button" on:click=move |_| state.leave_shared()>
                        "Go to my boards"
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// Prepares the state of an embedded wheel: the board from the link, the
/// theme, phase and presentation step it asks for. Nothing is read from or
/// written to storage.
pub fn start_embedded(
    state: AppState,
    options: EmbedOptions,
    shared: Option<Result<Restored, ShareError>>,
) -> Option<String> {
    if let Some(theme) = options.theme {
        state.settings.set(Settings {
            theme,
            ..Settings::default()
        });
    }
    match options.phase {
        Some(phase) => state.selected.set(phase),
        None => state.is_phase_chosen.set(false),
    }
    if options.present {
        state
            .presenting
            .set(Some(options.phase.map_or(Step::Overview, Step::Phase)));
    }
    match shared {
        Some(Ok(restored)) => {
            state.board.set(restored.board);
            None
        }
        Some(Err(error)) => Some(format!("This embedded board could not be shown: {error}")),
        None => Some(
            "This embed holds no board. Copy the embed code again from the app's Export dialog."
                .to_owned(),
        ),
    }
}

/// The address of the full app for the board an embed shows.
fn full_view_address() -> String {
    let hash = window().location().hash().unwrap_or_default();
    format!("{}{hash}", app_address())
}

/// The whole page of an embed: the wheel, and a link to the full view.
#[component]
pub fn EmbedApp(problem: Option<String>) -> impl IntoView {
    let state = use_app();
    let is_presenting = move || state.presenting.with(Option::is_some);
    let has_board = problem.is_none();
    view! {
        <div class="app is-embedded" class:is-presenting=is_presenting>
            <main class="embed-main">
                {problem.map(|message| view! { <p class="banner banner-error embed-problem" role="alert">{message}</p> })}
                {has_board.then(|| view! {
                    <WheelArea/>
                    <Show when=is_presenting>
                        <PresentationSlide/>
                    </Show>
                })}
            </main>
            {has_board.then(|| view! { <FullViewLink/> })}
        </div>
    }
}

/// The link from an embed to the full app. A wiki's sandbox may forbid new
/// windows (no `allow-popups`) and the browser then does nothing, so the
/// link opens its window itself and, when refused, shows the address to
/// copy instead.
#[component]
fn FullViewLink() -> impl IntoView {
    let address = full_view_address();
    let refused = RwSignal::new(false);
    let open = {
        let address = address.clone();
        move |event: web_sys::MouseEvent| {
            // Let a modified click (new tab, new window) do what it does.
            if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
                return;
            }
            event.prevent_default();
            match window().open_with_url_and_target(&address, "_blank") {
                Ok(Some(opened)) => {
                    // As rel="noopener" would: the new page cannot reach this one.
                    let _ = opened.set_opener(&wasm_bindgen::JsValue::NULL);
                    refused.set(false);
                }
                _ => refused.set(true),
            }
        }
    };
    let shown = address.clone();
    view! {
        <footer>
            <Show when=move || refused.get()>
                <div class="embed-refused" role="alert">
                    <p>"This page does not let the embed open a window. Copy the full view's address:"</p>
                    <input type="text" readonly aria-label="Full view address" value=shown.clone()
                        on:focus=|event| {
                            use wasm_bindgen::JsCast as _;
                            if let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        }
                    />
                    <button type="button" class="button button-small" on:click=move |_| refused.set(false)>"Close"</button>
                </div>
            </Show>
            <a class="embed-open" href=address target="_blank" rel="noopener" on:click=open>
                "Open full view ↗"
            </a>
        </footer>
    }
}

/// A share link pasted into the address bar of an open app changes only
/// the fragment, which loads nothing: start again from the new address
/// (after saving what is pending), so the shared board opens as usual. So
/// does Back from a shared board to the address before it.
pub fn reload_on_new_link(state: AppState) {
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = window().location().hash().unwrap_or_default();
        // A new link; or Back (or an edited address) took the link away
        // while its board is on screen: start again, from the user's own.
        let is_link_gone = state.is_shared.get_untracked();
        if share::payload_from_fragment(&hash).is_some() || is_link_gone {
            state.autosave.flush();
            let _ = window().location().reload();
        }
    });
    on_cleanup(move || listener.remove());
}
