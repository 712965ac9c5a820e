//! Files in and out of the browser: a download made from text, and the
//! text of a file the user picked or dropped.

use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::document::MAX_DOCUMENT_BYTES;

/// An object URL for text, for a link the user clicks later (the crash
/// screen needs one that works without running any more app code).
pub fn blob_url(text: &str, mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
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
    let url = blob_url(text, mime).ok_or("the browser could not create the file")?;
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

/// Reads a file the user chose as text, refusing oversized files before
/// reading a byte of them.
///
/// # Errors
/// A sentence for the user when the file is too large or cannot be read.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let size = file.size();
    if size > MAX_DOCUMENT_BYTES as f64 {
        return Err(format!(
            "“{}” is {:.1} MB; the largest board the app opens is {} MB.",
            file.name(),
            size / (1024.0 * 1024.0),
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| format!("“{}” could not be read.", file.name()))?;
    text.as_string()
        .ok_or_else(|| format!("“{}” is not a text file.", file.name()))
}
