//! Files in and out of the browser: a download made from text or bytes,
//! the bytes of a file the user picked or dropped, and zlib both ways by
//! the browser's own streams (`CompressionStream`, `DecompressionStream`)
//! for share links and PNGs, so the app ships no compression code.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::document::MAX_DOCUMENT_BYTES;
use crate::export::{Inflate, InflateError};

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
            "“{}” is {:.1} MB; the largest board the app opens is {} MB.",
            file.name(),
            size / (1024.0 * 1024.0),
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("“{}” could not be read.", file.name()))?;
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
/// checksum) by the browser's `CompressionStream`, which reads them off the
/// main thread.
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
/// piece at a time and stopping once it passes the limit, so a
/// decompression bomb costs no more memory than the limit.
pub struct Browser;

impl Inflate for Browser {
    async fn inflate(&self, stream: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(stream));
        let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)
            .map_err(|_| InflateError::Unsupported)?;
        let inflater =
            DecompressionStream::new("deflate").map_err(|_| InflateError::Unsupported)?;
        // A DecompressionStream is a readable and writable pair.
        let reader: web_sys::ReadableStreamDefaultReader = blob
            .stream()
            .pipe_through(inflater.unchecked_ref())
            .get_reader()
            .unchecked_into();
        let mut out = Vec::new();
        loop {
            let step = JsFuture::from(reader.read()).await.map_err(|error| {
                // Chromium names the failure after zlib's; other browsers
                // may say less, and the stream is then just "broken".
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
            let done =
                js_sys::Reflect::get(&step, &"done".into()).map_err(|_| InflateError::Broken)?;
            if done.is_truthy() {
                return Ok(out);
            }
            let piece: js_sys::Uint8Array = js_sys::Reflect::get(&step, &"value".into())
                .map_err(|_| InflateError::Broken)?
                .unchecked_into();
            if out.len() + piece.length() as usize > limit {
                let _ = reader.cancel();
                return Err(InflateError::TooLarge);
            }
            let start = out.len();
            out.resize(start + piece.length() as usize, 0);
            piece.copy_to(&mut out[start..]);
        }
    }
}
