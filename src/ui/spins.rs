//! Spins: complete a turn of the wheel (a named, dated snapshot with a
//! note), browse the history, show any past spin read-only on the wheel,
//! and compare two spins (items added, removed or changed, metric deltas).

use leptos::prelude::*;

use super::state::{today, use_app, Undo};
use crate::model::{describe_link, diff, Edit, Link, Spin, SpinDiff};
use crate::render::chart::format_value;

/// The spins tab of the side panel.
#[component]
pub fn SpinsPanel() -> impl IntoView {
    let state = use_app();
    let spins = Memo::new(move |_| state.board.with(|board| board.spins.clone()));
    let newest_first = move || {
        let mut list = spins.get();
        list.reverse();
        list
    };
    let next_number = move || spins.with(|s| s.iter().map(|s| s.number).max().unwrap_or(0) + 1);
    let (name, note) = state.spin_draft;
    let complete = move |_| {
        let typed = name.get_untracked();
        let name_text = if typed.trim().is_empty() {
            format!("Spin {}", next_number())
        } else {
            typed
        };
        let edit = Edit::CompleteSpin {
            name: name_text.clone(),
            date: today(),
            note: note.get_untracked(),
        };
        if state.dispatch(edit).is_some() {
            state.tell_with_undo(
                format!("Completed {}.", crate::model::quoted(&name_text)),
                Undo::History,
            );
            name.set(String::new());
            note.set(String::new());
        }
    };
    view! {
        <section class="spins" aria-labelledby="spins-heading">
            <h2 id="spins-heading">"Spins"</h2>
            <h3>"Complete a spin"</h3>
            <p class="hint">
                "A spin records the board as it is today — items, links and every metric's value — so the next turn can be compared with it."
            </p>
            <label class="field">
                <span class="field-label">"Spin name"</span>
                <input
                    dir="auto"
                    type="text"
                    placeholder=move || format!("Spin {}", next_number())
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </label>
            <label class="field">
                <span class="field-label">"Spin note"</span>
                <textarea
                    dir="auto"
                    rows="2"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </label>
            <button type="button" class="button button-primary" on:click=complete>
                "Complete spin"
            </button>
            <h3>{move || format!("History ({})", spins.with(Vec::len))}</h3>
            <Show
                when=move || spins.with(|s| !s.is_empty())
                fallback=|| view! { <p class="empty-hint">"No spins yet."</p> }
            >
                <ol class="spin-list" reversed>
                    <For each=newest_first key=|spin| (spin.number, spin.name.clone()) let:spin>
                        <SpinRow spin/>
                    </For>
                </ol>
                <Compare spins/>
            </Show>
        </section>
    }
}

#[component]
fn SpinRow(spin: Spin) -> impl IntoView {
    let state = use_app();
    let number = spin.number;
    let is_viewing = move || state.viewing_spin.get() == Some(number);
    let name = spin.name.clone();
    view! {
        <li class="spin-row" class:viewing=is_viewing>
            <div class="spin-head">
                <span class="spin-name">{spin.name.clone()}</span>
                <span class="spin-date">{spin.date.to_string()}</span>
            </div>
            <Show when={
                let note = spin.note.clone();
                move || !note.trim().is_empty()
            }>
                <p class="spin-note">{spin.note.clone()}</p>
            </Show>
            <div class="spin-actions">
                <button
                    type="button"
                    class="button button-small"
                    aria-pressed=move || if is_viewing() { "true" } else { "false" }
                    aria-label=format!("View on wheel: {name}")
                    on:click=move |_| {
                        state.view_spin((!is_viewing()).then_some(number));
                    }
                >
                    "View on wheel"
                </button>
                <button
                    type="button"
                    class="button button-small button-danger"
                    aria-label=format!("Delete {}", spin.name)
                    on:click=move |_| {
                        if state.viewing_spin.get_untracked() == Some(number) {
                            state.view_spin(None);
                        }
                        if state.dispatch(Edit::DeleteSpin { number }).is_some() {
                            state.tell_with_undo("Spin deleted.".into(), Undo::History);
                        }
                    }
                >
                    "Delete"
                </button>
            </div>
        </li>
    }
}

/// "Now" or a spin number, as chosen in a compare picker.
fn pick(value: &str) -> Option<u32> {
    value.parse().ok()
}

#[component]
fn Compare(spins: Memo<Vec<Spin>>) -> impl IntoView {
    let state = use_app();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new("now".to_owned());
    let result = Memo::new(move |_| {
        let spin_or_now =
            |choice: &str| -> Option<Spin> {
                match pick(choice) {
                    Some(number) => spins.with(|s| s.iter().find(|s| s.number == number).cloned()),
                    None if choice == "now" => Some(state.board.with(|board| {
                        Spin::capture(board, 0, "Now".into(), today(), String::new())
                    })),
                    None => None,
                }
            };
        let before = spin_or_now(&from.get())?;
        let after = spin_or_now(&to.get())?;
        let change = diff(&before, &after);
        let links = |list: &[Link], sign: &str| {
            list.iter()
                .map(|link| format!("{sign} {}", describe_link(&before, &after, link)))
                .collect::<Vec<_>>()
        };
        let mut link_lines = links(&change.links_added, "Added:");
        link_lines.extend(links(&change.links_removed, "Removed:"));
        Some((before.name.clone(), after.name.clone(), change, link_lines))
    });
    let options = move || {
        spins
            .get()
            .into_iter()
            .map(|s| view! { <option value=s.number.to_string()>{format!("{} ({})", s.name, s.date)}</option> })
            .collect_view()
    };
    view! {
        <h3>"Compare"</h3>
        <div class="compare-pickers">
            <label class="field">
                <span class="field-label">"From"</span>
                <select prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev))>
                    <option value="">"Choose a spin…"</option>
                    {options}
                </select>
            </label>
            <label class="field">
                <span class="field-label">"To"</span>
                <select prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))>
                    <option value="now">"Now"</option>
                    {options}
                </select>
            </label>
        </div>
        {move || result.get().map(|(before, after, change, links)| view! { <DiffView before after change links/> })}
    }
}

#[component]
fn DiffView(before: String, after: String, change: SpinDiff, links: Vec<String>) -> impl IntoView {
    let list = |title: &'static str, lines: Vec<String>| {
        (!lines.is_empty()).then(|| {
            view! {
                <h4>{title}</h4>
                <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            }
        })
    };
    let named = |items: &[crate::model::Item]| -> Vec<String> {
        items
            .iter()
            .map(|i| format!("{}: {}", i.kind.label(), i.display_title()))
            .collect()
    };
    let changed: Vec<String> = change
        .changed
        .iter()
        .map(|c| {
            format!(
                "{}: {} ({})",
                c.after.kind.label(),
                c.after.display_title(),
                c.describe()
            )
        })
        .collect();
    let deltas: Vec<(String, String, String, String)> = change
        .metric_deltas
        .iter()
        .map(|d| {
            // Each spin's figure in its own unit: a unit changed in between
            // leaves no change to work out.
            let show = |v: Option<f64>, unit: &str| {
                v.map_or_else(
                    || "–".to_owned(),
                    |v| format!("{} {unit}", format_value(v)).trim().to_owned(),
                )
            };
            let delta = match d.change() {
                Some(c) => format!(
                    "{}{}",
                    if c > 0.0 { "+" } else { "" },
                    show(Some(c), &d.unit)
                ),
                None if d.unit.trim() != d.unit_before.trim() => "unit changed".to_owned(),
                None => "–".to_owned(),
            };
            (
                d.title.clone(),
                show(d.before, &d.unit_before),
                show(d.after, &d.unit),
                delta,
            )
        })
        .collect();
    let is_empty = change.is_empty();
    view! {
        <div class="diff" aria-live="polite">
            <p class="diff-summary">
                {format!("From {before} to {after}: ")}
                {if is_empty { "nothing changed." } else { "" }}
            </p>
            {list("Added", named(&change.added))}
            {list("Removed", named(&change.removed))}
            {list("Changed", changed)}
            {list("Links", links)}
            {(!deltas.is_empty()).then(|| view! {
                <table class="deltas">
                    <caption>"Metric values"</caption>
                    <thead><tr><th scope="col">"Metric"</th><th scope="col">{before.clone()}</th><th scope="col">{after.clone()}</th><th scope="col">"Change"</th></tr></thead>
                    <tbody>
                        {deltas.into_iter().map(|(title, b, a, d)| view! { <tr><th scope="row">{title}</th><td>{b}</td><td>{a}</td><td>{d}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            })}
        </div>
    }
}
