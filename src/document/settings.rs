//! A user's settings as stored: `{"format": "value-flywheel-settings",
//! "version": 1, "settings": {...}}`. Anything unreadable gives the defaults:
//! losing a theme choice costs nothing worth an error.

use serde::Serialize;
use serde_json::Value;

use super::parse;
use crate::model::Settings;

/// The format tag of stored settings.
pub const SETTINGS_FORMAT: &str = "value-flywheel-settings";

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    settings: &'a Settings,
}

/// Writes settings.
pub fn settings_to_json(settings: &Settings) -> String {
    serde_json::to_string(&Envelope {
        format: SETTINGS_FORMAT,
        version: 1,
        settings,
    })
    .unwrap_or_default()
}

/// Reads settings, falling back to the defaults for anything unreadable.
pub fn restore_settings(text: &str) -> Settings {
    let Ok(mut value) = parse(text) else {
        return Settings::default();
    };
    if value.get("format").and_then(Value::as_str) != Some(SETTINGS_FORMAT)
        || value.get("version").and_then(Value::as_u64) != Some(1)
    {
        return Settings::default();
    }
    serde_json::from_value::<Settings>(value["settings"].take())
        .map(Settings::sanitized)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Theme;

    #[test]
    fn settings_round_trip_and_junk_gives_the_defaults() {
        let settings = Settings {
            theme: Theme::Projector,
            text_scale: 130,
        };
        assert_eq!(restore_settings(&settings_to_json(&settings)), settings);
        for junk in [
            "",
            "{",
            "[]",
            r#"{"format":"value-flywheel-settings","version":2}"#,
        ] {
            assert_eq!(restore_settings(junk), Settings::default(), "{junk}");
        }
        let wild = r#"{"format":"value-flywheel-settings","version":1,"settings":{"theme":"dark","text_scale":5}}"#;
        assert_eq!(
            restore_settings(wild),
            Settings {
                theme: Theme::Dark,
                text_scale: 70
            }
        );
    }
}
