//! How the app looks for this user: the colour theme and the size of the
//! text, and the steps of a presentation. Plain values with the rules for
//! moving between them and writing them into a URL.

use serde::{Deserialize, Serialize};

use super::phase::Phase;

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Light or dark, as the operating system prefers.
    #[default]
    System,
    Light,
    Dark,
    /// High contrast for projectors and big screens: text at 7:1 or more.
    Projector,
}

impl Theme {
    /// Every theme, in the order they are offered.
    pub const ALL: [Theme; 4] = [Theme::System, Theme::Light, Theme::Dark, Theme::Projector];

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::Projector => "Projector (high contrast)",
        }
    }

    /// The word used in URLs and in the page's `data-theme` attribute;
    /// `None` for the system theme, which sets no attribute.
    pub fn slug(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
            Theme::Projector => Some("projector"),
        }
    }

    /// The theme a URL word names.
    pub fn from_slug(slug: &str) -> Option<Theme> {
        Theme::ALL
            .into_iter()
            .find(|theme| theme.slug() == Some(slug))
    }
}

/// Smallest and largest text size, in percent of the default.
pub const TEXT_SCALE_RANGE: (u16, u16) = (70, 200);
/// How much one press of "Larger text" or "Smaller text" changes it.
pub const TEXT_SCALE_STEP: u16 = 10;

/// A user's preferences, kept across boards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    /// Text size in percent of the default.
    pub text_scale: u16,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::System,
            text_scale: 100,
        }
    }
}

impl Settings {
    /// The text scale one step larger (or smaller), kept in range.
    #[must_use]
    pub fn scaled(self, larger: bool) -> Settings {
        let (low, high) = TEXT_SCALE_RANGE;
        let next = if larger {
            self.text_scale.saturating_add(TEXT_SCALE_STEP)
        } else {
            self.text_scale.saturating_sub(TEXT_SCALE_STEP)
        };
        Settings {
            text_scale: next.clamp(low, high),
            ..self
        }
    }

    /// Brings values read from storage back into range.
    #[must_use]
    pub fn sanitized(self) -> Settings {
        let (low, high) = TEXT_SCALE_RANGE;
        Settings {
            text_scale: self.text_scale.clamp(low, high),
            ..self
        }
    }
}

/// Where a presentation is: the whole wheel, or one phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Overview,
    Phase(Phase),
}

impl Step {
    /// The step after this one: the overview leads to I, and the wheel turns
    /// on, IV back into I.
    #[must_use]
    pub fn next(self) -> Step {
        match self {
            Step::Overview => Step::Phase(Phase::ClarityOfPurpose),
            Step::Phase(phase) => Step::Phase(phase.next()),
        }
    }

    /// The step before this one: back from I is the overview.
    #[must_use]
    pub fn previous(self) -> Step {
        match self {
            Step::Overview | Step::Phase(Phase::ClarityOfPurpose) => Step::Overview,
            Step::Phase(phase) => Step::Phase(phase.previous()),
        }
    }

    /// The value of the `present` URL parameter: `overview` or 1 to 4.
    pub fn to_param(self) -> String {
        match self {
            Step::Overview => "overview".to_owned(),
            Step::Phase(phase) => (phase.index() + 1).to_string(),
        }
    }

    /// Reads the `present` URL parameter; an empty value means the overview.
    pub fn from_param(value: &str) -> Option<Step> {
        match value.trim() {
            "" | "overview" => Some(Step::Overview),
            digit => {
                let number: usize = digit.parse().ok()?;
                (1..=4)
                    .contains(&number)
                    .then(|| Step::Phase(Phase::from_index(number - 1)))
            }
        }
    }

    /// "Overview" or the phase's accessible name.
    pub fn label(self) -> String {
        match self {
            Step::Overview => "Overview".to_owned(),
            Step::Phase(phase) => phase.accessible_name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_presentation_runs_from_the_overview_round_the_wheel_and_on() {
        let mut step = Step::Overview;
        let mut seen = Vec::new();
        for _ in 0..6 {
            step = step.next();
            seen.push(step.to_param());
        }
        assert_eq!(seen, ["1", "2", "3", "4", "1", "2"]);
        assert_eq!(
            Step::Phase(Phase::ClarityOfPurpose).previous(),
            Step::Overview
        );
        assert_eq!(Step::Overview.previous(), Step::Overview);
        assert_eq!(
            Step::Phase(Phase::NextBestAction).previous(),
            Step::Phase(Phase::ChallengeAndLandscape)
        );
    }

    #[test]
    fn steps_round_trip_through_the_url_and_bad_values_are_refused() {
        for step in [Step::Overview, Step::Phase(Phase::LongTermValue)] {
            assert_eq!(Step::from_param(&step.to_param()), Some(step));
        }
        assert_eq!(Step::from_param(""), Some(Step::Overview));
        for bad in ["0", "5", "two", "-1"] {
            assert_eq!(Step::from_param(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_scale_moves_in_steps_and_stays_in_range() {
        let mut settings = Settings::default();
        for _ in 0..30 {
            settings = settings.scaled(true);
        }
        assert_eq!(settings.text_scale, TEXT_SCALE_RANGE.1);
        for _ in 0..30 {
            settings = settings.scaled(false);
        }
        assert_eq!(settings.text_scale, TEXT_SCALE_RANGE.0);
        let wild = Settings {
            text_scale: 9_000,
            ..Settings::default()
        };
        assert_eq!(wild.sanitized().text_scale, TEXT_SCALE_RANGE.1);
    }

    #[test]
    fn themes_have_url_words_except_the_system_one() {
        for theme in Theme::ALL {
            match theme.slug() {
                Some(slug) => assert_eq!(Theme::from_slug(slug), Some(theme)),
                None => assert_eq!(theme, Theme::System),
            }
        }
        assert_eq!(Theme::from_slug("neon"), None);
    }
}
