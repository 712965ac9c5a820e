//! Value metrics: what a metric measures (unit, direction, baseline, target,
//! how often it is sampled) and its dated samples, plus the rules that read
//! them: the latest value, the trend, staleness, and reading a pasted column
//! of dates and values.

use serde::{Deserialize, Serialize};

use super::date::Date;

/// Which way is better.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
}

/// How often a metric is expected to get a sample.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Weekly,
    #[default]
    Monthly,
    Quarterly,
}

impl Period {
    /// All periods, shortest first.
    pub const ALL: [Period; 3] = [Period::Weekly, Period::Monthly, Period::Quarterly];

    /// The longest gap, in days, before a metric counts as not sampled.
    pub fn days(self) -> i64 {
        match self {
            Period::Weekly => 7,
            Period::Monthly => 31,
            Period::Quarterly => 92,
        }
    }

    /// The day a period after `date`: a week later, or the same day of the
    /// next month or the month three on (the month's last day where it is
    /// shorter: 31 January, then 28 or 29 February).
    pub fn after(self, date: Date) -> Date {
        let months = match self {
            Period::Weekly => return date.plus_days(7),
            Period::Monthly => 1,
            Period::Quarterly => 3,
        };
        let (year, month, day) = date.ymd();
        let index = year * 12 + i64::from(month) - 1 + months;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        (1..=day)
            .rev()
            .find_map(|day| Date::from_ymd(year, month, day))
            .unwrap_or(date)
    }

    /// The word for the period in running text.
    pub fn label(self) -> &'static str {
        match self {
            Period::Weekly => "weekly",
            Period::Monthly => "monthly",
            Period::Quarterly => "quarterly",
        }
    }
}

/// One measurement of a metric on a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    pub date: Date,
    pub value: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Everything about a metric except its samples; edited as one value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetricSettings {
    pub unit: String,
    pub direction: Direction,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub target_date: Option<Date>,
    pub period: Period,
}

/// A value metric's definition and its samples, sorted by date, one per day.
/// Stored as one object: the settings' fields, then `samples`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoredMetric")]
pub struct Metric {
    #[serde(flatten)]
    pub settings: MetricSettings,
    pub samples: Vec<Sample>,
}

/// A [`Metric`] as it is read, field by field. Reading the flattened form
/// directly makes serde buffer every field first, which compiles to about
/// 3 KB more brotli. (Writing it flattened costs less than a hand-written
/// writer, so that stays.)
#[derive(Default, Deserialize)]
#[serde(default)]
struct StoredMetric {
    unit: String,
    direction: Direction,
    baseline: Option<f64>,
    target: Option<f64>,
    target_date: Option<Date>,
    period: Period,
    samples: Vec<Sample>,
}

impl From<StoredMetric> for Metric {
    fn from(stored: StoredMetric) -> Metric {
        // Taken apart by name, so a field added to either struct and not the
        // other fails to compile here.
        let StoredMetric {
            unit,
            direction,
            baseline,
            target,
            target_date,
            period,
            samples,
        } = stored;
        Metric {
            settings: MetricSettings {
                unit,
                direction,
                baseline,
                target,
                target_date,
                period,
            },
            samples,
        }
    }
}

/// Which way a metric moved between its last two samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    /// Better, in the metric's direction.
    Toward,
    /// Worse, in the metric's direction: moving away from its target.
    Away,
    /// No change.
    Flat,
    /// Fewer than two samples.
    Unknown,
}

impl Metric {
    /// The newest sample.
    pub fn latest(&self) -> Option<&Sample> {
        self.samples.last()
    }

    /// How the last two samples compare, in the metric's direction.
    pub fn trend(&self) -> Trend {
        let [.., previous, last] = self.samples.as_slice() else {
            return Trend::Unknown;
        };
        let change = last.value - previous.value;
        let better = match self.settings.direction {
            Direction::HigherIsBetter => change,
            Direction::LowerIsBetter => -change,
        };
        if better > 0.0 {
            Trend::Toward
        } else if better < 0.0 {
            Trend::Away
        } else {
            Trend::Flat
        }
    }

    /// Whether the latest value has reached the target.
    pub fn is_on_target(&self) -> bool {
        match (self.latest(), self.settings.target) {
            (Some(latest), Some(target)) => match self.settings.direction {
                Direction::HigherIsBetter => latest.value >= target,
                Direction::LowerIsBetter => latest.value <= target,
            },
            _ => false,
        }
    }

    /// Whether no sample falls within the last period before `today`.
    pub fn is_stale(&self, today: Date) -> bool {
        self.latest()
            .is_none_or(|latest| today.days_since(latest.date) > self.settings.period.days())
    }

    /// The value on a day: the latest sample on or before it.
    pub fn value_on(&self, day: Date) -> Option<f64> {
        let index = self.samples.partition_point(|sample| sample.date <= day);
        index.checked_sub(1).map(|i| self.samples[i].value)
    }

    /// Adds a sample, or replaces the one on the same day; returns the one replaced.
    pub fn upsert(&mut self, sample: Sample) -> Option<Sample> {
        match self.samples.binary_search_by(|s| s.date.cmp(&sample.date)) {
            Ok(index) => Some(std::mem::replace(&mut self.samples[index], sample)),
            Err(index) => {
                self.samples.insert(index, sample);
                None
            }
        }
    }

    /// Removes the sample of a day, if there is one.
    pub fn remove(&mut self, date: Date) -> Option<Sample> {
        let index = self.samples.binary_search_by(|s| s.date.cmp(&date)).ok()?;
        Some(self.samples.remove(index))
    }

    /// Restores the invariants: finite values, sorted by date, one sample a
    /// day (the later one in the list wins). Returns how many samples went.
    pub fn normalise(&mut self) -> usize {
        let before = self.samples.len();
        self.samples.retain(|sample| sample.value.is_finite());
        let finite = |value: &mut Option<f64>| {
            if value.is_some_and(|v| !v.is_finite()) {
                *value = None;
            }
        };
        finite(&mut self.settings.baseline);
        finite(&mut self.settings.target);
        // A stable sort keeps list order within a day, so the last one wins.
        super::sort_by_key(&mut self.samples, |sample| sample.date);
        let mut kept: Vec<Sample> = Vec::with_capacity(self.samples.len());
        for sample in self.samples.drain(..) {
            match kept.last_mut() {
                Some(last) if last.date == sample.date => *last = sample,
                _ => kept.push(sample),
            }
        }
        self.samples = kept;
        before - self.samples.len()
    }
}

/// A line of pasted samples that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number in the pasted text.
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Line {}: {}", self.line, self.reason)
    }
}

/// Reads pasted lines of `date, value[, note]`, separated by tabs (as from
/// a spreadsheet), semicolons or commas. With tabs or semicolons a decimal
/// comma is accepted. A first line that is not data is taken as a header.
pub fn parse_samples(text: &str) -> (Vec<Sample>, Vec<LineError>) {
    let mut samples = Vec::new();
    let mut errors = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let separator = ['\t', ';', ','].into_iter().find(|s| line.contains(*s));
        let fields: Vec<&str> = match separator {
            Some(separator) => line.splitn(3, separator).map(str::trim).collect(),
            None => line.split_whitespace().collect(),
        };
        // A field in quotes, as a spreadsheet writes one with a separator
        // in it: the quotes go, and doubled quotes inside are one. Other
        // quotes (not around the whole field, or single ones inside) are
        // the user's own text.
        let unquote = |field: &str| match field
            .strip_prefix('"')
            .and_then(|inner| inner.strip_suffix('"'))
            .filter(|inner| !inner.replace("\"\"", "").contains('"'))
        {
            Some(inner) => inner.replace("\"\"", "\"").trim().to_owned(),
            None => field.to_owned(),
        };
        let (Some(date), Some(value)) = (fields.first(), fields.get(1)) else {
            errors.push(LineError {
                line: index + 1,
                reason: "a date and a value are needed, like 2026-01-31, 42".into(),
            });
            continue;
        };
        let (date, value) = (unquote(date), unquote(value));
        let parsed_date = Date::parse(&date);
        let decimal_comma = matches!(separator, Some('\t' | ';'));
        let parsed_value = parse_number(&value, decimal_comma);
        match (parsed_date, parsed_value) {
            (Some(date), Ok(value)) => samples.push(Sample {
                date,
                value,
                note: fields.get(2).map(|note| unquote(note)).unwrap_or_default(),
            }),
            (None, Err(_)) if index == 0 => {} // a header row
            (None, _) => errors.push(LineError {
                line: index + 1,
                reason: format!(
                    "{} is not a date; write dates as YYYY-MM-DD",
                    super::quoted(&date)
                ),
            }),
            (_, Err(reason)) => errors.push(LineError {
                line: index + 1,
                reason,
            }),
        }
    }
    (samples, errors)
}

/// Reads a number as people type it or copy it from a spreadsheet: spaces
/// or underscores between digits, a trailing `%`, and digit groups marked
/// by commas or dots (`1,250.75`, `1.250,75`, `1,000,000`). With
/// `decimal_comma`, a lone comma is the decimal mark (`2,5`), except where
/// it could as well mark thousands (`1,000`: one thousand, or one): that is
/// refused and said, never guessed.
///
/// # Errors
/// Why the text is not a number, in words for the user.
pub fn parse_number(text: &str, decimal_comma: bool) -> Result<f64, String> {
    let text = text.trim();
    let not_a_number = || format!("{} is not a number", super::quoted(text));
    let cleaned: String = text
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    let count = |mark: char| cleaned.matches(mark).count();
    // The decimal mark, if there is one, and the digit-group mark.
    let (decimal, group) = match (count(','), count('.')) {
        (0, 0 | 1) => ('.', None),
        (0, _) => (',', Some('.')),
        (1, 0) if decimal_comma => {
            let (whole, fraction) = cleaned.split_once(',').unwrap_or_default();
            let whole = whole.trim_start_matches(['-', '+']);
            let is_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
            if fraction.len() == 3
                && is_digits(fraction)
                && (1..=3).contains(&whole.len())
                && is_digits(whole)
                && whole != "0"
            {
                return Err(format!(
                    "{} could mean {} or {}: type it without the comma, or with a dot",
                    super::quoted(text),
                    cleaned.replace(',', ""),
                    cleaned.replace(',', "."),
                ));
            }
            (',', None)
        }
        (_, 0) => ('.', Some(',')),
        _ => {
            // Both marks: the last one is the decimal mark.
            let last = if cleaned.rfind(',') > cleaned.rfind('.') {
                ','
            } else {
                '.'
            };
            (last, Some(if last == ',' { '.' } else { ',' }))
        }
    };
    let (whole, fraction) = match cleaned.split_once(decimal) {
        Some((_, fraction)) if fraction.contains(decimal) => return Err(not_a_number()),
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (cleaned.as_str(), None),
    };
    let whole = match group {
        Some(mark) if whole.contains(mark) => {
            // Groups of three digits after the first group of one to three.
            let digits = whole.trim_start_matches(['-', '+']);
            let mut groups = digits.split(mark);
            let first = groups.next().unwrap_or_default();
            let is_grouped = (1..=3).contains(&first.len())
                && groups.all(|group| group.len() == 3)
                && digits
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == mark as u8);
            if !is_grouped {
                return Err(not_a_number());
            }
            whole.replace(mark, "")
        }
        _ => whole.to_owned(),
    };
    let normal = match fraction {
        Some(fraction) => format!("{whole}.{fraction}"),
        None => whole,
    };
    normal
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
        .ok_or_else(not_a_number)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_period_after_a_day_is_a_week_or_the_same_day_months_on() {
        let day = |text: &str| Date::parse(text).unwrap();
        assert_eq!(Period::Weekly.after(day("2026-12-28")), day("2027-01-04"));
        assert_eq!(Period::Monthly.after(day("2026-09-01")), day("2026-10-01"));
        assert_eq!(Period::Monthly.after(day("2026-12-15")), day("2027-01-15"));
        assert_eq!(Period::Monthly.after(day("2026-01-31")), day("2026-02-28"));
        assert_eq!(Period::Monthly.after(day("2028-01-31")), day("2028-02-29"));
        assert_eq!(
            Period::Quarterly.after(day("2026-11-30")),
            day("2027-02-28")
        );
    }

    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn metric(direction: Direction, values: &[(&str, f64)]) -> Metric {
        Metric {
            settings: MetricSettings {
                direction,
                ..MetricSettings::default()
            },
            samples: values
                .iter()
                .map(|(date, value)| Sample {
                    date: day(date),
                    value: *value,
                    note: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_trend_follows_the_metrics_direction() {
        let up = [("2026-01-01", 10.0), ("2026-02-01", 12.0)];
        assert_eq!(
            metric(Direction::HigherIsBetter, &up).trend(),
            Trend::Toward
        );
        assert_eq!(metric(Direction::LowerIsBetter, &up).trend(), Trend::Away);
        let flat = [("2026-01-01", 10.0), ("2026-02-01", 10.0)];
        assert_eq!(metric(Direction::LowerIsBetter, &flat).trend(), Trend::Flat);
        assert_eq!(
            metric(Direction::LowerIsBetter, &up[..1]).trend(),
            Trend::Unknown
        );
    }

    #[test]
    fn a_metric_is_stale_without_a_sample_in_its_last_period() {
        let m = metric(Direction::HigherIsBetter, &[("2026-01-01", 1.0)]);
        assert!(!m.is_stale(day("2026-01-31")));
        assert!(
            m.is_stale(day("2026-02-02")),
            "monthly: 32 days is too long"
        );
        assert!(
            Metric::default().is_stale(day("2026-01-01")),
            "no samples at all"
        );
    }

    #[test]
    fn reaching_the_target_depends_on_direction() {
        let mut m = metric(Direction::LowerIsBetter, &[("2026-01-01", 4.0)]);
        m.settings.target = Some(5.0);
        assert!(m.is_on_target());
        m.settings.direction = Direction::HigherIsBetter;
        assert!(!m.is_on_target());
    }

    #[test]
    fn samples_stay_sorted_with_one_per_day() {
        let mut m = Metric::default();
        for (date, value) in [
            ("2026-03-01", 3.0),
            ("2026-01-01", 1.0),
            ("2026-02-01", 2.0),
        ] {
            assert_eq!(
                m.upsert(Sample {
                    date: day(date),
                    value,
                    note: String::new()
                }),
                None
            );
        }
        let replaced = m.upsert(Sample {
            date: day("2026-02-01"),
            value: 9.0,
            note: "fixed".into(),
        });
        assert_eq!(replaced.map(|s| s.value), Some(2.0));
        let values: Vec<f64> = m.samples.iter().map(|s| s.value).collect();
        assert_eq!(values, [1.0, 9.0, 3.0]);
        assert_eq!(m.value_on(day("2026-02-15")), Some(9.0));
        assert_eq!(m.value_on(day("2025-12-31")), None);
        assert_eq!(m.remove(day("2026-01-01")).map(|s| s.value), Some(1.0));
        assert_eq!(m.remove(day("2026-01-01")), None);
    }

    #[test]
    fn normalising_sorts_dedups_and_drops_non_finite_values() {
        let mut m = metric(
            Direction::HigherIsBetter,
            &[
                ("2026-02-01", 2.0),
                ("2026-01-01", f64::NAN),
                ("2026-02-01", 5.0),
                ("2026-01-15", 1.0),
            ],
        );
        m.settings.target = Some(f64::INFINITY);
        assert_eq!(m.normalise(), 2);
        let values: Vec<f64> = m.samples.iter().map(|s| s.value).collect();
        assert_eq!(values, [1.0, 5.0]);
        assert_eq!(m.settings.target, None);
    }

    #[test]
    fn pasted_samples_are_read_from_tabs_semicolons_or_commas() {
        let (samples, errors) = parse_samples(
            "date\tvalue\tnote\n2026-01-31\t1 200,5\tfirst\n2026-02-28;7;second\n2026/03/31, 42%, with, commas\n\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let values: Vec<f64> = samples.iter().map(|s| s.value).collect();
        assert_eq!(values, [1200.5, 7.0, 42.0]);
        assert_eq!(samples[0].note, "first");
        assert_eq!(samples[2].note, "with, commas");
        assert_eq!(samples[2].date, day("2026-03-31"));
    }

    #[test]
    fn every_unreadable_pasted_line_gets_its_own_error() {
        let (samples, errors) = parse_samples(
            "2026-01-31,5\n2026-02-30,6\n2026-03-01,six\nlonely\n2026-04-01,1e999\n2026-05-01,8",
        );
        assert_eq!(samples.len(), 2);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        assert!(errors[0]
            .to_string()
            .starts_with("Line 2: “\u{2068}2026-02-30\u{2069}” is not a date"));
        assert!(errors[1]
            .reason
            .contains("“\u{2068}six\u{2069}” is not a number"));
        assert!(errors[2].reason.contains("a date and a value are needed"));
    }

    #[test]
    fn digit_groups_are_read_and_an_ambiguous_comma_is_refused_not_guessed() {
        // A spreadsheet copies "2,500" for two and a half thousand: it was
        // read as 2.5, and "1,000" as 1.
        let read = |text: &str| parse_number(text, true);
        for (text, value) in [
            ("1,000,000", 1_000_000.0),
            ("1,250.75", 1250.75),
            ("1.250,75", 1250.75),
            ("1.000.000", 1_000_000.0),
            ("-12,345,678.5", -12_345_678.5),
            ("1 200,5", 1200.5),
            ("2,5", 2.5),
            ("0,125", 0.125),
            ("12,3456", 12.3456),
            ("1234,567", 1234.567),
            ("1.000", 1.0),
            ("1e12", 1e12),
            ("0.0001", 0.0001),
            ("42%", 42.0),
        ] {
            assert_eq!(read(text), Ok(value), "{text}");
        }
        for text in ["1,000", "2,500", "-1,250", "999,999"] {
            let reason = read(text).unwrap_err();
            assert!(reason.contains("could mean"), "{text}: {reason}");
        }
        assert_eq!(
            read("2,500").unwrap_err(),
            "“\u{2068}2,500\u{2069}” could mean 2500 or 2.500: type it without the comma, or with a dot"
        );
        for text in [
            "1,00,000",
            "12,34,567.5",
            "1.2.3,4,5",
            "1.5.5",
            "six",
            "",
            "1e999",
        ] {
            let reason = read(text).unwrap_err();
            assert!(reason.ends_with("is not a number"), "{text}: {reason}");
        }
        // Without a decimal comma (a comma-separated paste), a lone comma
        // groups digits.
        assert_eq!(parse_number("1,000", false), Ok(1000.0));
        // A paste from a spreadsheet: the ambiguous line is refused, the
        // others are read.
        let (samples, errors) =
            parse_samples("2026-01-12\t2,500\n2026-01-13\t1,000,000\n2026-01-14\t1,250.75");
        let values: Vec<f64> = samples.iter().map(|s| s.value).collect();
        assert_eq!(values, [1_000_000.0, 1250.75]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().starts_with("Line 1: “"));
    }

    #[test]
    fn quotes_in_a_pasted_note_are_kept_unless_they_wrap_it() {
        // Each lost a quote mark at its start or end.
        let (samples, errors) = parse_samples(
            "2026-01-01\t1\tnote, with \"quotes\"\n2026-01-02\t2\t\"Quoted\" start\n\
             2026-01-03;3;semi \"q\"\n2026-01-04\t\"4\"\t\"a \"\"cell\"\" in quotes\"\n\
             2026-01-05\t5\t\"Both\" ends \"quoted\"",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let notes: Vec<&str> = samples.iter().map(|s| s.note.as_str()).collect();
        assert_eq!(
            notes,
            [
                "note, with \"quotes\"",
                "\"Quoted\" start",
                "semi \"q\"",
                "a \"cell\" in quotes",
                "\"Both\" ends \"quoted\""
            ]
        );
        assert!((samples[3].value - 4.0).abs() < f64::EPSILON);
    }

    #[test]
    fn a_header_is_only_skipped_on_the_first_line() {
        let (_, errors) = parse_samples("2026-01-01,1\ndate,value");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 2);
    }

    #[test]
    fn metric_settings_sit_beside_the_samples_in_json() {
        let mut m = metric(Direction::LowerIsBetter, &[("2026-01-01", 3.0)]);
        m.settings.unit = "days".into();
        m.settings.target = Some(2.0);
        let json = serde_json::to_string(&m).unwrap();
        assert!(
            json.contains(r#""unit":"days","direction":"lower_is_better""#),
            "{json}"
        );
        assert!(
            json.contains(r#""samples":[{"date":"2026-01-01","value":3.0}]"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Metric>(&json).unwrap(), m);
    }

    #[test]
    fn a_metric_missing_fields_reads_with_defaults() {
        assert_eq!(
            serde_json::from_str::<Metric>("{}").unwrap(),
            Metric::default()
        );
        let read: Metric =
            serde_json::from_str(r#"{"target": 5, "unknown": true, "samples": []}"#).unwrap();
        assert_eq!(read.settings.target, Some(5.0));
        assert_eq!(read.settings.unit, "");
        assert!(serde_json::from_str::<Metric>(r#"{"baseline": "high"}"#).is_err());
    }
}
