//! Watching an element's size: a `ResizeObserver` that reports the content
//! box's width and height (right away, then on every change) and is
//! disconnected when the owning component goes.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast as _;

/// Calls `on_size(width, height)` in CSS pixels whenever `element`'s content
/// box changes size, until the current reactive owner is cleaned up.
pub fn observe_size(element: &web_sys::Element, mut on_size: impl FnMut(f64, f64) + 'static) {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
            let rect = entry.content_rect();
            on_size(rect.width(), rect.height());
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(element);
        let observer = send_wrapper::SendWrapper::new(observer);
        let callback = send_wrapper::SendWrapper::new(callback);
        on_cleanup(move || {
            observer.disconnect();
            drop(callback);
        });
    }
}
