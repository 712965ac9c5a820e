//! A value metric's data, in its card: what it measures (unit, direction,
//! baseline, target and target date, how often it is sampled), its chart,
//! its dated samples, and a box for pasting a column of dates and values
//! from a spreadsheet, with an error for each line that cannot be read.

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use super::chart::{describe, MetricChart};
use super::state::{today, use_app, Undo};
use crate::model::{
    parse_number, parse_samples, Date, Direction, Edit, ItemId, Metric, MetricSettings, Period,
    Sample,
};
use crate::render::chart::exact_value;

/// How many samples the table lists before "Show all".
const RECENT_ROWS: usize = 12;

/// The metric editor of one value metric.
#[component]
pub fn MetricEditor(id: ItemId) -> impl IntoView {
    let state = use_app();
    let metric = Memo::new(move |_| {
        state
            .board
            .with(|board| board.item(id).and_then(|item| item.metric.clone()))
    });
    let title = Memo::new(move |_| {
        state.board.with(|board| {
            board
                .item(id)
                .map(|item| item.display_title().to_owned())
                .unwrap_or_default()
        })
    });
    let spins = Memo::new(move |_| state.spin_dates());
    let settings =
        move || metric.with(|m| m.as_ref().map(|m| m.settings.clone()).unwrap_or_default());
    let update = move |change: &dyn Fn(&mut MetricSettings)| {
        let mut next = settings();
        change(&mut next);
        state.dispatch(Edit::UpdateMetric { id, settings: next });
    };
    let number_field =
        move |ev: web_sys::Event, slot: fn(&mut MetricSettings) -> &mut Option<f64>| {
            let text = event_target_value(&ev);
            let value = if text.trim().is_empty() {
                None
            } else {
                match parse_number(&text, true) {
                    Ok(value) => {
                        state.clear_error();
                        Some(value)
                    }
                    Err(reason) => {
                        state.tell_error(format!("{reason}."));
                        metric.with_untracked(|m| {
                            m.as_ref().and_then(|m| *slot(&mut m.settings.clone()))
                        })
                    }
                }
            };
            update(&move |s| *slot(s) = value);
        };
    let shown_number = move |read: fn(&MetricSettings) -> Option<f64>| {
        move || {
            metric.with(|m| {
                m.as_ref()
                    .and_then(|m| read(&m.settings))
                    .map(exact_value)
                    .unwrap_or_default()
            })
        }
    };
    let label = Signal::derive(move || {
        metric.with(|m| {
            m.as_ref()
                .map(|m| describe(&title.get(), m))
                .unwrap_or_default()
        })
    });
    view! {
        <div class="metric-editor">
            <fieldset class="metric-settings">
                <legend>"How it is measured"</legend>
                <label class="field">
                    <span class="field-label">"Unit"</span>
                    <input
                        type="text"
                        placeholder="days, %, €…"
                        prop:value=move || settings().unit
                        on:input=move |ev| {
                            let unit = event_target_value(&ev);
                            update(&move |s| s.unit.clone_from(&unit));
                        }
                    />
                </label>
                <label class="field">
                    <span class="field-label">"Better when"</span>
                    <select
                        prop:value=move || match settings().direction {
                            Direction::HigherIsBetter => "higher",
                            Direction::LowerIsBetter => "lower",
                        }
                        on:change=move |ev| {
                            let direction = if event_target_value(&ev) == "lower" {
                                Direction::LowerIsBetter
                            } else {
                                Direction::HigherIsBetter
                            };
                            update(&move |s| s.direction = direction);
                        }
                    >
                        <option value="higher">"higher"</option>
                        <option value="lower">"lower"</option>
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">"Sampled"</span>
                    <select
                        prop:value=move || settings().period.label()
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            let period = Period::ALL
                                .into_iter()
                                .find(|p| p.label() == text)
                                .unwrap_or_default();
                            update(&move |s| s.period = period);
                        }
                    >
                        {Period::ALL
                            .into_iter()
                            .map(|p| view! { <option value=p.label()>{p.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">"Baseline"</span>
                    <input
                        type="text"
                        inputmode="decimal"
                        prop:value=shown_number(|s| s.baseline)
                        on:change=move |ev| number_field(ev, |s| &mut s.baseline)
                    />
                </label>
                <label class="field">
                    <span class="field-label">"Target"</span>
                    <input
                        type="text"
                        inputmode="decimal"
                        prop:value=shown_number(|s| s.target)
                        on:change=move |ev| number_field(ev, |s| &mut s.target)
                    />
                </label>
                <label class="field">
                    <span class="field-label">"Target date"</span>
                    <input
                        type="date"
                        prop:value=move || settings().target_date.map(|d| d.to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            let date = Date::parse(&event_target_value(&ev));
                            update(&move |s| s.target_date = date);
                        }
                    />
                </label>
            </fieldset>
            <MetricChart metric=metric spins=spins label=label/>
            <Samples id metric/>
            <PasteSamples id metric/>
        </div>
    }
}

/// The table of samples, newest first, with a row for adding one.
#[component]
fn Samples(id: ItemId, metric: Memo<Option<Metric>>) -> impl IntoView {
    let state = use_app();
    let is_showing_all = RwSignal::new(false);
    let count = move || metric.with(|m| m.as_ref().map_or(0, |m| m.samples.len()));
    let rows = move || {
        metric.with(|m| {
            let samples = m.as_ref().map(|m| m.samples.as_slice()).unwrap_or_default();
            let take = if is_showing_all.get() {
                samples.len()
            } else {
                RECENT_ROWS
            };
            samples
                .iter()
                .rev()
                .take(take)
                .map(|s| s.date)
                .collect::<Vec<_>>()
        })
    };
    let new_date = RwSignal::new(today().to_string());
    let new_value = RwSignal::new(String::new());
    let new_note = RwSignal::new(String::new());
    let add = move || {
        let Some(date) = Date::parse(&new_date.get_untracked()) else {
            state.tell_error("Give the sample a date.".into());
            return;
        };
        let value = match parse_number(&new_value.get_untracked(), true) {
            Ok(value) => value,
            Err(_) if new_value.with_untracked(|text| text.trim().is_empty()) => {
                state.tell_error("Give the sample a value.".into());
                return;
            }
            Err(reason) => {
                state.tell_error(format!("{reason}."));
                return;
            }
        };
        let sample = Sample {
            date,
            value,
            note: new_note.get_untracked(),
        };
        if let Some(applied) = state.dispatch(Edit::SetSample { id, sample }) {
            let replaced = matches!(applied.inverse, Edit::SetSample { .. });
            let message = if replaced {
                format!("Replaced the sample of {date}.")
            } else {
                format!("Added a sample for {date}.")
            };
            state.tell_with_undo(message, Undo::History);
            new_value.set(String::new());
            new_note.set(String::new());
            // The next sample is due a period on (today at the latest), so
            // adding one after another never replaces the one just added.
            let period = metric.with_untracked(|m| m.as_ref().map(|m| m.settings.period));
            let next = period.unwrap_or_default().after(date).min(today());
            if next > date {
                new_date.set(next.to_string());
            }
        }
    };
    view! {
        <table class="samples">
            <caption>
                {move || format!("Samples ({})", count())}
            </caption>
            <thead>
                <tr>
                    <th scope="col">"Date"</th>
                    <th scope="col">"Value"</th>
                    <th scope="col">"Note"</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            <tbody>
                <For each=rows key=|date| *date let:date>
                    <SampleRow id date metric/>
                </For>
                // Enter in any of the new sample's fields adds it, as the
                // button does.
                <tr
                    class="new-sample"
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        let in_field = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                            .is_some();
                        if ev.key() == "Enter" && in_field && !ev.is_composing() {
                            ev.prevent_default();
                            add();
                        }
                    }
                >
                    <td>
                        <input
                            type="date"
                            aria-label="Date of the new sample"
                            prop:value=move || new_date.get()
                            on:change=move |ev| new_date.set(event_target_value(&ev))
                        />
                    </td>
                    <td>
                        <input
                            type="text"
                            inputmode="decimal"
                            aria-label="Value of the new sample"
                            prop:value=move || new_value.get()
                            on:input=move |ev| new_value.set(event_target_value(&ev))
                        />
                    </td>
                    <td>
                        <input
                            type="text"
                            aria-label="Note of the new sample"
                            prop:value=move || new_note.get()
                            on:input=move |ev| new_note.set(event_target_value(&ev))
                        />
                    </td>
                    <td>
                        <button type="button" class="button button-small" on:click=move |_| add()>
                            "Add sample"
                        </button>
                    </td>
                </tr>
            </tbody>
        </table>
        <Show when=move || { count() > RECENT_ROWS }>
            <button
                type="button"
                class="button button-small button-quiet"
                on:click=move |_| is_showing_all.update(|all| *all = !*all)
            >
                {move || if is_showing_all.get() { "Show recent samples".to_owned() } else { format!("Show all {} samples", count()) }}
            </button>
        </Show>
    }
}

/// One sample, edited in place. The row is keyed by its date, so changing
/// the value or note keeps the row (and the focus in it); the fields follow
/// the sample, so an undo shows at once.
#[component]
fn SampleRow(id: ItemId, date: Date, metric: Memo<Option<Metric>>) -> impl IntoView {
    let state = use_app();
    let current = move || {
        metric.with(|m| {
            m.as_ref().and_then(|m| {
                m.samples
                    .binary_search_by(|s| s.date.cmp(&date))
                    .ok()
                    .map(|i| m.samples[i].clone())
            })
        })
    };
    let change = move |next: Sample| {
        if next.date == date {
            state.dispatch(Edit::SetSample { id, sample: next });
        } else {
            state.dispatch(Edit::MoveSample {
                id,
                from: date,
                sample: next,
            });
        }
    };
    let with_current = move |update: &dyn Fn(&mut Sample)| {
        if let Some(mut sample) = metric.with_untracked(|m| {
            m.as_ref()
                .and_then(|m| m.samples.iter().find(|s| s.date == date).cloned())
        }) {
            update(&mut sample);
            change(sample);
        }
    };
    view! {
        <tr>
            <td>
                // Taken when the field is left, not on `change`: a date
                // field changes with each part typed (or each arrow key),
                // and the row, keyed by its date, would be drawn again
                // under the cursor, sending the rest of the typing to the
                // shortcuts. A date refused shows the sample's own again.
                <input
                    type="date"
                    aria-label=format!("Date of the sample of {date}")
                    prop:value=date.to_string()
                    on:blur=move |ev| {
                        let Some(input) = ev
                            .target()
                            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
                        else {
                            return;
                        };
                        match Date::parse(&input.value()) {
                            Some(new) if new == date => {}
                            Some(new) => {
                                with_current(&|s| s.date = new);
                                let is_refused = metric.with_untracked(|m| {
                                    m.as_ref().is_some_and(|m| m.samples.iter().any(|s| s.date == date))
                                });
                                if is_refused {
                                    input.set_value(&date.to_string());
                                } else {
                                    // The row is drawn anew under its new date,
                                    // taking the field Tab went to with it.
                                    let value = format!("input[aria-label=\"Value on {new}\"]");
                                    super::shortcuts::refocus_if_lost(move || {
                                        let _ = super::shortcuts::focus_selector(&value);
                                    });
                                }
                            }
                            None => {
                                state.tell_error("A sample needs a date.".into());
                                input.set_value(&date.to_string());
                            }
                        }
                    }
                />
            </td>
            <td>
                <input
                    type="text"
                    inputmode="decimal"
                    aria-label=format!("Value on {date}")
                    prop:value=move || current().map(|s| exact_value(s.value)).unwrap_or_default()
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        match parse_number(&text, true) {
                            Ok(new) => {
                                state.clear_error();
                                with_current(&|s| s.value = new);
                            }
                            Err(reason) => state.tell_error(format!("{reason}.")),
                        }
                    }
                />
            </td>
            <td>
                <input
                    type="text"
                    aria-label=format!("Note on {date}")
                    prop:value=move || current().map(|s| s.note).unwrap_or_default()
                    on:change=move |ev| {
                        let note = event_target_value(&ev);
                        with_current(&|s| s.note.clone_from(&note));
                    }
                />
            </td>
            <td>
                <button
                    type="button"
                    class="button button-small button-quiet button-icon"
                    aria-label=format!("Delete the sample of {date}")
                    on:click=move |_| {
                        if state.dispatch(Edit::RemoveSample { id, date }).is_some() {
                            state.tell_with_undo(format!("Deleted the sample of {date}."), Undo::History);
                        }
                    }
                >
                    "×"
                </button>
            </td>
        </tr>
    }
}

/// Pasting many samples at once.
#[component]
fn PasteSamples(id: ItemId, metric: Memo<Option<Metric>>) -> impl IntoView {
    let state = use_app();
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let add = move |_| {
        let (samples, problems) = parse_samples(&text.get_untracked());
        errors.set(problems.iter().map(ToString::to_string).collect());
        if samples.is_empty() {
            if problems.is_empty() {
                state.tell_error("Paste one date and value per line first.".into());
            }
            return;
        }
        let mut merged = metric.get_untracked().unwrap_or_default();
        let before = merged.samples.len();
        // A day that already had a sample (on the metric, or on an earlier
        // line) takes the later value; the message says how many did.
        let replaced = samples
            .into_iter()
            .filter_map(|sample| merged.upsert(sample))
            .count();
        let added = merged.samples.len() - before;
        if state
            .dispatch(Edit::SetSamples {
                id,
                samples: merged.samples,
            })
            .is_some()
        {
            let replaced = if replaced == 0 {
                String::new()
            } else {
                format!(
                    " {} replaced the sample of a day that already had one.",
                    crate::model::counted(replaced, "line", "lines")
                )
            };
            let rejected = if problems.is_empty() {
                String::new()
            } else {
                format!(
                    " {} could not be read; {} left in the box.",
                    crate::model::counted(problems.len(), "line", "lines"),
                    if problems.len() == 1 {
                        "it is"
                    } else {
                        "they are"
                    }
                )
            };
            state.tell_with_undo(
                format!(
                    "Added {}.{replaced}{rejected}",
                    crate::model::counted(added, "sample", "samples")
                ),
                Undo::History,
            );
            // Keep only the lines that failed, so they can be fixed and added.
            let failed: Vec<usize> = problems.iter().map(|p| p.line).collect();
            let pasted = text.get_untracked();
            let left: Vec<&str> = pasted
                .lines()
                .enumerate()
                .filter(|(i, _)| failed.contains(&(i + 1)))
                .map(|(_, line)| line)
                .collect();
            text.set(left.join("\n"));
        }
    };
    view! {
        <details class="paste-samples">
            <summary>"Paste samples"</summary>
            <label class="field">
                <span class="field-label">
                    "One sample per line: date (YYYY-MM-DD), value, optional note. Tabs, semicolons or commas."
                </span>
                <textarea
                    rows="5"
                    aria-label="Samples to paste"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </label>
            <button type="button" class="button button-small" on:click=add>
                "Add pasted samples"
            </button>
            <Show when=move || errors.with(|e| !e.is_empty())>
                <ul class="paste-errors" role="alert">
                    {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                </ul>
            </Show>
        </details>
    }
}
