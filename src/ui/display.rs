//! How the page looks: the colour theme (system, light, dark or the
//! high-contrast projector theme) and the text size, applied to the page
//! root and remembered across visits.

use leptos::prelude::*;

use super::state::use_app;
use crate::model::{Settings, Theme, TEXT_SCALE_RANGE};
use crate::storage;

/// Puts settings on the page: `data-theme` on the root element (none for
/// the system theme, so `prefers-color-scheme` decides) and the text scale
/// as a CSS custom property.
pub fn apply(settings: Settings) {
    let Some(root) = document().document_element() else {
        return;
    };
    match settings.theme.slug() {
        Some(slug) => {
            let _ = root.set_attribute("data-theme", slug);
        }
        None => {
            let _ = root.remove_attribute("data-theme");
        }
    }
    let style = format!("--text-scale: {}", f64::from(settings.text_scale) / 100.0);
    let _ = root.set_attribute("style", &style);
}

/// `aria-disabled` for a text size button: "true" once the size is at the
/// end the button moves towards.
fn at_limit(scale: u16, limit: u16) -> &'static str {
    if scale == limit {
        "true"
    } else {
        "false"
    }
}

/// The theme picker and the text size buttons.
#[component]
pub fn DisplayControls() -> impl IntoView {
    let state = use_app();
    let settings = state.settings;
    let change = move |next: Settings| {
        settings.set(next);
        if !state.is_embedded {
            storage::save_settings(&next);
        }
    };
    view! {
        <div class="display-controls" role="group" aria-label="Display">
            <label class="field">
                <span class="field-label">"Theme"</span>
                <select
                    prop:value=move || settings.get().theme.slug().unwrap_or("system")
                    on:change=move |ev| {
                        let theme = Theme::from_slug(&event_target_value(&ev)).unwrap_or(Theme::System);
                        change(Settings { theme, ..settings.get_untracked() });
                    }
                >
                    {Theme::ALL
                        .into_iter()
                        .map(|theme| view! { <option value=theme.slug().unwrap_or("system")>{theme.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            <div class="text-size" role="group" aria-label="Text size">
                <button
                    type="button"
                    class="button button-small"
                    aria-label="A− Smaller text"
                    title="Smaller text"
                    // Not `disabled`: that would drop the focus of someone
                    // pressing it on the keyboard.
                    aria-disabled=move || at_limit(settings.get().text_scale, TEXT_SCALE_RANGE.0)
                    on:click=move |_| change(settings.get_untracked().scaled(false))
                >
                    "A−"
                </button>
                <span class="text-size-value" aria-live="polite">
                    {move || format!("{}%", settings.get().text_scale)}
                </span>
                <button
                    type="button"
                    class="button button-small"
                    aria-label="A+ Larger text"
                    title="Larger text"
                    aria-disabled=move || at_limit(settings.get().text_scale, TEXT_SCALE_RANGE.1)
                    on:click=move |_| change(settings.get_untracked().scaled(true))
                >
                    "A+"
                </button>
            </div>
        </div>
    }
}
