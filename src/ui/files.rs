//! Files in and out of the browser: a download made from text or bytes,
//! the bytes of a file the user picked or dropped, and zlib both ways by
//! the browser's own streams (`CompressionStream`, `DecompressionStream`)
//! for share links and PNGs, so the app ships no compression code.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::document::MAX_DOCUMENT_BYTES;
use crate::export::{Inflate, InflateError};

/// Whether the app runs inside another page (an iframe), whose sandbox
/// may block downloads, new windows and the clipboard without telling the
/// page: the app then says so where it offers them.
pub fn is_framed() -> bool {
    let window = leptos::prelude::window();
    window
        .top()
        .ok()
        .flatten()
        .is_none_or(|top| !js_sys::Object::is(&top, &window))
}

/// An object URL for text, for a link the user clicks later (the crash
/// screen needs one that works without running any more app code).
pub fn blob_url(text: &str, mime: &str) -> Option<String> {
    object_url(&JsValue::from_str(text), mime)
}

/// An object URL for a blob of one part (text or bytes) of a type.
fn object_url(part: &JsValue, mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Starts a download of `text` as a file.
///
/// # Errors
/// When the browser refuses to create the file or the link.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_part(file_name, mime, &JsValue::from_str(text))
}

/// Starts a download of `bytes` as a file.
///
/// # Errors
/// When the browser refuses to create the file or the link.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_part(file_name, mime, &js_sys::Uint8Array::from(bytes).into())
}

fn download_part(file_name: &str, mime: &str, part: &JsValue) -> Result<(), String> {
    let url = object_url(part, mime).ok_or("the browser could not create the file")?;
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "the browser could not create a download link")?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The click has started the download; the URL can go once it is read.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Reads a file the user chose, refusing oversized files before reading a
/// byte of them.
///
/// # Errors
/// A sentence for the user when the file is too large or cannot be read.
pub async fn read_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    let size = file.size();
    if size > MAX_DOCUMENT_BYTES as f64 {
        return Err(format!(
            "{} is {:.1} MB; the largest board the app opens is {} MB.",
            crate::model::quoted(&file.name()),
            size / (1024.0 * 1024.0),
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("{} could not be read.", crate::model::quoted(&file.name())))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

// web-sys offers these two only behind its unstable-API flag.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = js_sys::Object)]
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    #[wasm_bindgen(extends = js_sys::Object)]
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// `bytes` deflated in the zlib format (RFC 1950, with its Adler-32
/// checksum) by the browser's `CompressionStream`, in the browser's own
/// zlib and in tasks of its own.
///
/// # Errors
/// A phrase for the user when the browser has no `CompressionStream` (older
/// than 2023) or fails to compress.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    const REFUSED: &str = "this browser cannot compress (it is older than 2023)";
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| REFUSED)?;
    let compressor = CompressionStream::new("deflate").map_err(|_| REFUSED)?;
    // A CompressionStream is a readable and writable pair.
    let compressed = blob.stream().pipe_through(compressor.unchecked_ref());
    let response =
        web_sys::Response::new_with_opt_readable_stream(Some(&compressed)).map_err(|_| REFUSED)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| REFUSED)?)
        .await
        .map_err(|_| "the browser could not compress the board")?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Inflates with the browser's `DecompressionStream`, reading its output a
/// piece at a time and stopping once it passes the limit. The input goes in
/// a slice at a time (see [`sliced`]), so a decompression bomb holds at
/// most the limit plus one piece of a few MB, in either memory.
pub struct Browser;

impl Inflate for Browser {
    async fn inflate(&self, stream: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
        inflate_bounded(stream, limit, &Rc::default()).await
    }
}

/// How many bytes of packed input [`sliced`] hands over at a time.
const SLICE: usize = 4096;

/// Input bytes for a stream, handed over a slice at a time and only when
/// the stream asks for more. Chromium's `DecompressionStream` unpacks each
/// input chunk whole, queueing all of its output at once (a `Blob`'s stream
/// gives a 1.5 MB link as one chunk, which could unpack to 1.5 GB), so small
/// slices keep what one step unpacks under `SLICE` × 1,032 (deflate's
/// largest ratio), about 4 MB. `handed` counts the bytes handed over.
fn sliced(bytes: &[u8], handed: Rc<Cell<usize>>) -> Result<web_sys::ReadableStream, JsValue> {
    let bytes = bytes.to_vec();
    let mut at = 0;
    let pull = Closure::<dyn FnMut(web_sys::ReadableStreamDefaultController)>::new(
        move |controller: web_sys::ReadableStreamDefaultController| {
            let end = (at + SLICE).min(bytes.len());
            let _ = if at == end {
                controller.close()
            } else {
                controller.enqueue_with_chunk(&js_sys::Uint8Array::from(&bytes[at..end]))
            };
            at = end;
            handed.set(end);
        },
    );
    let source = js_sys::Object::new();
    // The stream may still pull after the reader has given up: the browser's
    // garbage collector, not Rust, ends this closure.
    js_sys::Reflect::set(&source, &"pull".into(), &pull.into_js_value())?;
    let strategy = web_sys::QueuingStrategy::new();
    strategy.set_high_water_mark(0.0);
    web_sys::ReadableStream::new_with_underlying_source_and_strategy(&source, &strategy)
}

/// [`Browser`]'s inflate, counting in `handed` how much of `stream` the
/// browser asked for (for the test of the bound).
async fn inflate_bounded(
    stream: &[u8],
    limit: usize,
    handed: &Rc<Cell<usize>>,
) -> Result<Vec<u8>, InflateError> {
    let inflater = DecompressionStream::new("deflate").map_err(|_| InflateError::Unsupported)?;
    let input = sliced(stream, Rc::clone(handed)).map_err(|_| InflateError::Unsupported)?;
    // A DecompressionStream is a readable and writable pair.
    let reader: web_sys::ReadableStreamDefaultReader = input
        .pipe_through(inflater.unchecked_ref())
        .get_reader()
        .unchecked_into();
    let mut out = Vec::new();
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(|error| {
            // Chromium names the failure after zlib's; other browsers may
            // say less, and the stream is then just "broken".
            let message = error
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.message()))
                .unwrap_or_default();
            if message.contains("truncated") {
                InflateError::CutShort
            } else if message.contains("data check") {
                InflateError::Checksum
            } else {
                InflateError::Broken
            }
        })?;
        let done = js_sys::Reflect::get(&step, &"done".into()).map_err(|_| InflateError::Broken)?;
        if done.is_truthy() {
            return Ok(out);
        }
        let piece: js_sys::Uint8Array = js_sys::Reflect::get(&step, &"value".into())
            .map_err(|_| InflateError::Broken)?
            .unchecked_into();
        if out.len() + piece.length() as usize > limit {
            let _ = JsFuture::from(reader.cancel()).await;
            return Err(InflateError::TooLarge);
        }
        let start = out.len();
        out.resize(start + piece.length() as usize, 0);
        piece.copy_to(&mut out[start..]);
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    use std::rc::Rc;

    use super::{deflate, inflate_bounded, Browser, SLICE};
    use crate::export::{Inflate, InflateError};

    wasm_bindgen_test_configure!(run_in_browser);

    const LIMIT: usize = 10 * 1024 * 1024;

    #[wasm_bindgen_test]
    async fn what_the_browser_deflates_it_inflates() {
        let text = "a board, a board, ü 🦀 ".repeat(5_000);
        let packed = deflate(text.as_bytes()).await.unwrap();
        assert!(packed.len() < text.len() / 10, "{} bytes", packed.len());
        assert_eq!(
            Browser.inflate(&packed, LIMIT).await.unwrap(),
            text.as_bytes()
        );
    }

    #[wasm_bindgen_test]
    async fn a_bomb_is_refused_before_the_browser_unpacks_it_all() {
        // 64 MB of zeros in about 64 KB: handed over whole, the browser
        // would unpack all of it before the limit could be checked. Handed
        // over in slices, it asks for the next only as the app reads, and
        // the app stops reading at 10 MB: about 10 KB of input at deflate's
        // ratio of 1,032, and a slice or two ahead.
        let bomb = deflate(&vec![0; 64 * 1024 * 1024]).await.unwrap();
        assert!(bomb.len() < 100_000, "{} bytes", bomb.len());
        let handed = Rc::default();
        let result = inflate_bounded(&bomb, LIMIT, &handed).await;
        assert_eq!(result, Err(InflateError::TooLarge));
        assert!(
            handed.get() > 0 && handed.get() <= LIMIT / 1024 + 2 * SLICE,
            "{} of {} bytes handed over",
            handed.get(),
            bomb.len()
        );
    }

    #[wasm_bindgen_test]
    async fn damage_is_told_by_its_kind() {
        let packed = deflate(b"{\"format\":\"value-flywheel\"}").await.unwrap();
        let cut = &packed[..packed.len() - 3];
        assert_eq!(
            Browser.inflate(cut, LIMIT).await,
            Err(InflateError::CutShort)
        );
        let mut wrong_sum = packed.clone();
        *wrong_sum.last_mut().unwrap() ^= 1;
        assert_eq!(
            Browser.inflate(&wrong_sum, LIMIT).await,
            Err(InflateError::Checksum)
        );
        assert_eq!(
            Browser.inflate(b"not zlib", LIMIT).await,
            Err(InflateError::Broken)
        );
        let mut trailing = packed.clone();
        trailing.extend_from_slice(b"junk");
        assert_eq!(
            Browser.inflate(&trailing, LIMIT).await,
            Err(InflateError::Broken)
        );
    }
}
