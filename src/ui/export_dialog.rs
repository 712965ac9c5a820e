//! The one "Export" dialog: the board as a file in every format the app
//! writes (JSON, SVG, PNG, Markdown, CSV, JSON Canvas), a share link with
//! its length, and the code that embeds the wheel in a wiki page. Each
//! export is timed (`vf:export:<format>`) for the benchmark.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::files;
use super::modal::ModalDialog;
use super::share::{board_fragment, embed_code, phase_from_param, share_link, EmbedOptions};
use super::state::{today, use_app, AppState};
use crate::document;
use crate::export::{self, share::MAX_LINK_CHARS};
use crate::model::{Board, Phase, Theme};
use crate::perf;

/// A file format the board can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Svg,
    Png,
    Markdown,
    Csv,
    Canvas,
}

impl Format {
    const ALL: [Format; 6] = [
        Format::Json,
        Format::Svg,
        Format::Png,
        Format::Markdown,
        Format::Csv,
        Format::Canvas,
    ];

    /// The button's name.
    fn label(self) -> &'static str {
        match self {
            Format::Json => "Board file (.json)",
            Format::Svg => "Image (.svg)",
            Format::Png => "Picture (.png)",
            Format::Markdown => "Markdown (.md)",
            Format::Csv => "Spreadsheet (.csv)",
            Format::Canvas => "JSON Canvas (.canvas)",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Format::Json => "The whole board. Import it here or in any copy of the app.",
            Format::Svg => {
                "The wheel, sharp at any size, for documents and slides. Holds the board: import it again."
            }
            Format::Png => "The wheel at twice its size. Holds the board: import it again.",
            Format::Markdown => "An outline for wikis: phases, items, links and a metrics table.",
            Format::Csv => "Items and metric samples, one row each, safe to open in a spreadsheet.",
            Format::Canvas => "Phases as groups and links as edges, for Obsidian and other canvas tools.",
        }
    }

    /// The file name extension and media type.
    fn file(self) -> (&'static str, &'static str) {
        match self {
            Format::Json => ("json", "application/json"),
            Format::Svg => ("svg", "image/svg+xml"),
            Format::Png => ("png", "image/png"),
            Format::Markdown => ("md", "text/markdown"),
            Format::Csv => ("csv", "text/csv"),
            Format::Canvas => ("canvas", "application/json"),
        }
    }

    /// The name of its User Timing measure.
    fn measure(self) -> String {
        format!("vf:export:{}", self.file().0)
    }
}

/// A board in a text format; `None` for the picture.
fn text_of(format: Format, board: &Board) -> Option<String> {
    Some(match format {
        Format::Json => document::to_json(board),
        Format::Svg => svg_of(board, &document::to_json(board)),
        Format::Markdown => export::markdown::to_markdown(board),
        Format::Csv => export::csv::to_csv(board),
        Format::Canvas => export::canvas::to_canvas(board),
        Format::Png => return None,
    })
}

/// The standalone SVG of a board, carrying its document.
fn svg_of(board: &Board, document_json: &str) -> String {
    export::svg::to_svg(board, document_json, today())
}

impl AppState {
    /// Downloads the board on screen in a format.
    pub fn export_as(self, format: Format) {
        let board = self.board.get_untracked();
        let (extension, mime) = format.file();
        let name = document::file_name(&board.title, extension);
        if format == Format::Png {
            leptos::task::spawn_local(async move {
                let start = perf::now();
                match png_of(&board).await {
                    Ok(bytes) => {
                        perf::record(&format.measure(), start);
                        self.finish_export(&name, files::download_bytes(&name, mime, &bytes));
                    }
                    Err(error) => {
                        self.tell_error(format!("The picture could not be made: {error}."));
                    }
                }
            });
            return;
        }
        let text = perf::time(&format.measure(), || text_of(format, &board));
        if let Some(text) = text {
            self.finish_export(&name, files::download(&name, mime, &text));
        }
    }

    /// Says how a download went. Inside another page the browser may drop
    /// it without a word (a sandbox without `allow-downloads`), so the
    /// user is told what to do if no file arrives.
    pub(super) fn finish_export(self, name: &str, outcome: Result<(), String>) {
        match outcome {
            Ok(()) if files::is_framed() => {
                self.tell(format!("Exported {name}. {FRAMED_DOWNLOADS}"));
            }
            Ok(()) => self.announce(format!("Exported {name}.")),
            Err(error) => self.tell_error(format!("The export failed: {error}.")),
        }
    }
}

/// The wheel drawn at twice its size into a PNG that carries the board.
async fn png_of(board: &Board) -> Result<Vec<u8>, String> {
    const SCALE: f64 = 2.0;
    let json = document::to_json(board);
    export::png::fits(&json).map_err(|error| error.to_string())?;
    // First, so a browser that cannot compress says so before any drawing.
    let packed = files::deflate(json.as_bytes()).await?;
    let svg = svg_of(board, &json);
    let url = files::blob_url(&svg, "image/svg+xml").ok_or("the browser refused the image")?;
    let image = web_sys::HtmlImageElement::new().map_err(|_| "no image element")?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(|_| "the browser could not draw the wheel")?;
    let (width, height) = (image.natural_width(), image.natural_height());
    let canvas: web_sys::HtmlCanvasElement = document()
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .unchecked_into();
    canvas.set_width((f64::from(width) * SCALE) as u32);
    canvas.set_height((f64::from(height) * SCALE) as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("no canvas")?
        .unchecked_into();
    context.set_fill_style_str("#ffffff");
    context.fill_rect(
        0.0,
        0.0,
        f64::from(canvas.width()),
        f64::from(canvas.height()),
    );
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        )
        .map_err(|_| "the browser could not draw the wheel")?;
    let blob = JsFuture::from(js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = canvas.to_blob(&resolve);
    }))
    .await
    .map_err(|_| "the browser could not encode the picture")?;
    let blob: web_sys::Blob = blob
        .dyn_into()
        .map_err(|_| "the browser could not encode the picture")?;
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| "the picture could not be read")?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    export::png::embed(&bytes, &packed).map_err(|error| error.to_string())
}

/// A button that copies `text` to the clipboard; where the browser refuses
/// (some frames, no permission), it selects the field with id `field_id`
/// for the user to copy with Ctrl+C, and says so.
#[component]
fn CopyButton(
    text: Memo<String>,
    field_id: &'static str,
    /// What is copied, for the announcement: "Link", "Embed code".
    what: &'static str,
    label: &'static str,
) -> impl IntoView {
    let state = use_app();
    let copied = RwSignal::new(false);
    let refused = RwSignal::new(false);
    let copy = move |_| {
        let text = text.get_untracked();
        leptos::task::spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            if JsFuture::from(clipboard.write_text(&text)).await.is_ok() {
                state.announce(format!("{what} copied."));
                copied.set(true);
                refused.set(false);
                return;
            }
            refused.set(true);
            if let Some(field) = document().get_element_by_id(field_id) {
                if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
                    let _ = input.focus();
                    input.select();
                } else if let Some(area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                    let _ = area.focus();
                    area.select();
                }
            }
            copied.set(false);
            state.announce(format!(
                "The browser did not allow copying here. The {} is selected: press Ctrl+C.",
                what.to_lowercase()
            ));
        });
    };
    view! {
        <button type="button" class="button" on:click=copy disabled=move || text.with(String::is_empty)>
            {move || if copied.get() { "Copied ✓" } else { label }}
        </button>
        <Show when=move || refused.get()>
            <p class="copy-refused">"This page does not let the app copy. The text is selected: press Ctrl+C (⌘C on a Mac)."</p>
        </Show>
    }
}

/// What to do when a download does not arrive inside another page.
const FRAMED_DOWNLOADS: &str = "If no file arrives, the page around this app blocks downloads: \
     copy the share link in Export instead. It holds the whole board, and opened in a \
     browser tab it lets you keep a copy.";

/// The dialog with every export, the share link and the embed code.
#[component]
pub fn ExportDialog() -> impl IntoView {
    let state = use_app();
    view! {
        <ModalDialog
            open=state.is_export_open
            class="export-dialog"
            heading_id="export-heading"
            title="Export and share"
            close_label="Close export"
        >
            <section aria-labelledby="export-files-heading">
                <h3 id="export-files-heading">"Download"</h3>
                {files::is_framed().then(|| view! { <p class="hint framed-hint">{FRAMED_DOWNLOADS}</p> })}
                <ul class="template-list export-list">
                    {Format::ALL
                        .into_iter()
                        .map(|format| {
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="template"
                                        on:click=move |_| state.export_as(format)
                                    >
                                        <span class="template-name">{format.label()}</span>
                                        <span class="template-description">{format.description()}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
            // The board is encoded only while the dialog is open (its
            // content exists only then), once for the link and the embed
            // code together; the browser compresses it, so the link comes a
            // moment after the dialog. `None` until then.
            {
                let fragment = RwSignal::new(None);
                // Each board gets its own encoding; a result that comes
                // back after a newer board's encoding started is dropped.
                let started = StoredValue::new(0_u32);
                Effect::new(move |_| {
                    let start = perf::now();
                    let json = state.board.with(document::to_json);
                    let run = started.get_value().wrapping_add(1);
                    started.set_value(run);
                    // No link of an older board meanwhile.
                    fragment.set(None);
                    leptos::task::spawn_local(async move {
                        let encoded = board_fragment(&json).await;
                        if started.try_get_value() == Some(run) {
                            perf::record("vf:export:link", start);
                            fragment.set(Some(encoded));
                        }
                    });
                });
                view! {
                    <ShareLink fragment/>
                    <EmbedCode fragment/>
                }
            }
        </ModalDialog>
    }
}

/// A board's fragment once the browser has compressed it (`None` before),
/// or why it could not.
type Fragment = Option<Result<String, String>>;

/// The share link, its length, and a warning when it is too long to send
/// or could not be made.
#[component]
fn ShareLink(fragment: RwSignal<Fragment>) -> impl IntoView {
    let state = use_app();
    let link = Memo::new(move |_| {
        fragment.with(|fragment| match fragment {
            Some(Ok(fragment)) => share_link(fragment),
            _ => String::new(),
        })
    });
    // Only the reason is copied, never the link.
    let problem = move || fragment.with(|fragment| fragment.as_ref()?.as_ref().err().cloned());
    let length = move || link.with(|link| link.chars().count());
    view! {
        <section aria-labelledby="share-heading">
            <h3 id="share-heading">"Share link"</h3>
            <p class="hint">
                "The whole board travels inside the link; no server sees it. Whoever opens it sees the board read-only and can make their own copy."
            </p>
            <div class="copy-row">
                <input
                    type="text"
                    readonly
                    id="share-link"
                    class="share-link"
                    aria-label="Share link"
                    prop:value=move || link.get()
                />
                <CopyButton text=link field_id="share-link" what="Link" label="Copy link"/>
            </div>
            <p class="link-length">
                {move || match length() {
                    0 if problem().is_none() => "Making the link…".to_string(),
                    0 => String::new(),
                    length => format!("{} characters", group_digits(length)),
                }}
            </p>
            {move || problem().map(|problem| view! {
                <div class="banner banner-error" role="alert">
                    <p>{format!("The link could not be made: {problem}. Send the board file instead.")}</p>
                    <button type="button" class="button" on:click=move |_| state.export_as(Format::Json)>
                        "Export board file"
                    </button>
                </div>
            })}
            <Show when=move || { length() > MAX_LINK_CHARS }>
                <div class="banner banner-warning" role="status">
                    <p>
                        {move || format!(
                            "This link is {} characters long. Chat tools, email and wikis often cut links longer than {}; send the board file instead.",
                            group_digits(length()),
                            group_digits(MAX_LINK_CHARS),
                        )}
                    </p>
                    <button type="button" class="button" on:click=move |_| state.export_as(Format::Json)>
                        "Export board file instead"
                    </button>
                </div>
            </Show>
        </section>
    }
}

/// The `<iframe>` code for a wiki page, with its options.
#[component]
fn EmbedCode(fragment: RwSignal<Fragment>) -> impl IntoView {
    let state = use_app();
    let options = RwSignal::new(EmbedOptions::default());
    let code = Memo::new(move |_| {
        let options = options.get();
        fragment.with(|fragment| match fragment {
            Some(Ok(fragment)) => state
                .board
                .with(|board| embed_code(&board.title, fragment, options)),
            _ => String::new(),
        })
    });
    view! {
        <section aria-labelledby="embed-heading">
            <h3 id="embed-heading">"Embed in a wiki page"</h3>
            <p class="hint">
                "Paste this into Confluence, Notion, MediaWiki or any page that allows iframes. The wheel shows read-only and never uses the reader's storage."
            </p>
            <div class="embed-options">
                <label class="field">
                    <span class="field-label">"Theme"</span>
                    <select on:change=move |ev| {
                        let theme = Theme::from_slug(&event_target_value(&ev));
                        options.update(|o| o.theme = theme);
                    }>
                        {Theme::ALL
                            .into_iter()
                            .map(|theme| view! {
                                <option value=theme.slug().unwrap_or("")>{theme.label()}</option>
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">"Phase"</span>
                    <select on:change=move |ev| {
                        let phase = phase_from_param(&event_target_value(&ev));
                        options.update(|o| o.phase = phase);
                    }>
                        <option value="">"None selected"</option>
                        {Phase::ALL
                            .into_iter()
                            .map(|phase| view! {
                                <option value=(phase.index() + 1).to_string()>{phase.accessible_name()}</option>
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        on:change=move |ev| options.update(|o| o.present = event_target_checked(&ev))
                    />
                    " Presentation"
                </label>
            </div>
            <textarea
                id="embed-code"
                class="embed-code"
                readonly
                rows="4"
                aria-label="Embed code"
                prop:value=move || code.get()
            ></textarea>
            <CopyButton text=code field_id="embed-code" what="Embed code" label="Copy embed code"/>
        </section>
    }
}

/// 12345 → "12,345".
fn group_digits(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
