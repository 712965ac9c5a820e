//! The crash screen. When the app panics, the page does not freeze: it shows
//! what happened in plain words, a link that downloads the last good copy of
//! the board, and a link that reloads the app. The screen is built with
//! plain DOM calls inside the panic hook, and its links work without any
//! more app code running, because after a panic none can.

use wasm_bindgen::JsCast as _;

use super::files::blob_url;
use crate::storage::snapshot;

/// Installs the panic hook for the life of the page.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Lets the browser tests check the crash screen in a release build.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = simulatePanic)]
pub fn simulate_panic() {
    panic!("simulated panic, for testing the crash screen");
}

fn show(details: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let element = |tag: &str, text: &str| {
        let node = document.create_element(tag).ok()?;
        node.set_text_content(Some(text));
        Some(node)
    };
    let Some(screen) = element("div", "") else {
        return;
    };
    screen.set_id("crash");
    screen.set_class_name("crash");
    let _ = screen.set_attribute("role", "alert");
    let parts = [
        element("h2", "Something went wrong"),
        element(
            "p",
            "The app stopped because of an internal error. Your last save is still in this \
             browser. Download a copy of your board to be safe, then reload the app.",
        ),
    ];
    for part in parts.into_iter().flatten() {
        let _ = screen.append_child(&part);
    }
    let actions = element("p", "");
    if let Some(actions) = &actions {
        actions.set_class_name("crash-actions");
        if let Some(url) = snapshot::latest().and_then(|text| blob_url(&text, "application/json")) {
            if let Some(link) = element("a", "Download your board") {
                let _ = link.set_attribute("href", &url);
                let _ = link.set_attribute("download", "recovered-flywheel.json");
                link.set_class_name("button button-primary");
                let _ = actions.append_child(&link);
            }
        }
        if let Some(link) = element("a", "Reload the app") {
            let here = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            let _ = link.set_attribute("href", &here);
            link.set_class_name("button");
            let _ = actions.append_child(&link);
        }
        let _ = screen.append_child(actions);
    }
    if let (Some(more), Some(pre)) = (element("details", ""), element("pre", details)) {
        if let Some(summary) = element("summary", "Technical details") {
            let _ = more.append_child(&summary);
        }
        let _ = more.append_child(&pre);
        let _ = screen.append_child(&more);
    }
    let _ = body.append_child(&screen);
    if let Ok(heading) = screen.query_selector("h2") {
        if let Some(heading) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = heading.set_attribute("tabindex", "-1");
            let _ = heading.focus();
        }
    }
}
