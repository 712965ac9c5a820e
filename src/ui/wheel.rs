//! The wheel: an SVG of four phase segments around a hub, with curved phase
//! names, item chips and a loop track whose arrows show IV feeding back
//! into I. Each phase is a focusable button named after its phase.

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use std::collections::HashSet;
use std::time::Duration;

use super::drag;
use super::search::matches;
use super::state::{set_if_changed, use_app, AppState, PanelTab};
use crate::model::{related, ItemId, ItemKind, Phase, MOMENTUM_DEFINITION};
use crate::perf;
use crate::render::geometry::{
    arrowhead_path, count_anchor, label_arc_path, segment_path, track_arc_path, HUB_RADIUS,
    LABEL_FONT, TRACK_RADIUS,
};
use crate::render::layout::{
    chip_scale, hub_style, hub_text, most_chips, phase_chips_of, Chip, ChipText, HubLine, HubStyle,
    HubText, HUB_COMPACT,
};

fn label_path_id(phase: Phase) -> String {
    format!("label-arc-{}", phase.slug())
}

fn segment_id(phase: Phase) -> String {
    format!("phase-{}", phase.slug())
}

/// Moves keyboard focus to a phase's segment. Returns whether there was one.
pub(super) fn focus_phase(phase: Phase) -> bool {
    document()
        .get_element_by_id(&segment_id(phase))
        .and_then(|element| element.dyn_into::<web_sys::SvgElement>().ok())
        .is_some_and(|element| element.focus().is_ok())
}

/// Below this width or height (CSS pixels) the wheel is too small for chips:
/// each phase shows its count instead (see `.wheel-area.is-compact`). From
/// here up, chips are legible: their type is at least `CHIP_MIN_PX` on
/// screen at the largest chip scale (see `layout::chip_scale`).
const COMPACT_BELOW: f64 = 500.0;

/// The box the wheel fills, marked compact when it is small. A resize
/// observer sets the class: a CSS size container would do the same, but
/// makes the browser lay out the whole wheel again on every edit.
///
/// The same observer gives the wheel its size in pixels (`--wheel-width`,
/// `--wheel-height`). An SVG sized in percentages is laid out whole, every
/// text of it, after any change inside it: a new chip or a count cost about
/// 2 ms of layout at 1,000 items; at a size in pixels, 0.1 ms.
#[component]
pub fn WheelArea() -> impl IntoView {
    let area = NodeRef::<leptos::html::Div>::new();
    let is_compact = RwSignal::new(false);
    let size = use_app().wheel_size;
    Effect::new(move |_| {
        if let Some(element) = area.get() {
            let sized = element.clone();
            super::resize::observe_size(&element, move |width, height| {
                let _ = sized.set_attribute(
                    "style",
                    &format!("--wheel-width: {width}px; --wheel-height: {height}px"),
                );
                set_if_changed(is_compact, width.min(height) <= COMPACT_BELOW);
                set_if_changed(size, Some(width.min(height)));
            });
        }
    });
    view! {
        <div class="wheel-area" class:is-compact=move || is_compact.get() node_ref=area>
            <Wheel/>
        </div>
    }
}

/// The whole wheel.
#[component]
pub fn Wheel() -> impl IntoView {
    let state = use_app();
    let is_settling = RwSignal::new(false);
    let settled_board = settled_tick(state, SETTLE, is_settling);
    // What lights up: the items a search finds, else everything linked to
    // the highlighted item, within two links. The query and the highlight
    // light items up at once; a change of the board itself shows once it
    // settles, like the chips.
    let related = Memo::new(move |_| {
        let query = state.query.get();
        let highlighted = state.highlighted.get();
        settled_board.track();
        untrack(|| {
            if let Some(found) = state.with_shown(|board| matches(&query, board)) {
                return Some(found);
            }
            let id = highlighted?;
            state.with_shown(|board| {
                state.analysis.with(|a| {
                    a.item(board, id)
                        .is_some()
                        .then(|| related(&a.neighbours, id))
                })
            })
        })
    });
    view! {
        <svg
            class="wheel"
            class:is-tracing=move || related.with(Option::is_some)
            class:is-presenting=move || state.presenting.with(Option::is_some)
            class:is-presenting-phase=move || {
                matches!(state.presenting.get(), Some(crate::model::Step::Phase(_)))
            }
            class:is-read-only=move || state.is_read_only()
            viewBox="0 0 1000 1000"
            xmlns="http://www.w3.org/2000/svg"
            role="group"
            aria-label="Value flywheel"
            aria-busy=move || is_settling.get().then_some("true")
            on:mouseleave=move |_| state.highlight(None)
        >
            <defs>
                {Phase::ALL
                    .into_iter()
                    .map(|phase| view! { <path id=label_path_id(phase) d=label_arc_path(phase)/> })
                    .collect_view()}
            </defs>
            <Loop/>
            {Phase::ALL
                .into_iter()
                .map(|phase| view! { <PhaseSegment phase related settled_board/> })
                .collect_view()}
            <Hub settled_board/>
        </svg>
    }
}

/// How long the wheel's text (chips, counts, hub) waits for a change to
/// settle.
const SETTLE: Duration = Duration::from_millis(120);

/// A counter that goes up once the board on show has not changed for
/// `delay`. The wheel's chips, counts and hub text are worked out again
/// only then (they read the board untracked): working out the chips' text
/// and drawing it costs time, so while the user types or adds items in a
/// burst the panel answers each key at once and the wheel catches up when
/// they pause.
///
/// `is_settling` is true from a change until the tick: the wheel says so
/// with `aria-busy`, for assistive technology and for tests. Each catch-up
/// is measured as `vf:wheel-settle`, from the tick until the task after
/// the frame that shows it (its work, style, layout and paint).
fn settled_tick(state: AppState, delay: Duration, is_settling: RwSignal<bool>) -> ReadSignal<u64> {
    let (tick, set_tick) = signal(0_u64);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |previous: Option<()>| {
        state.board.track();
        state.viewing_spin.track();
        if previous.is_none() {
            return;
        }
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        if !is_settling.get_untracked() {
            is_settling.set(true);
        }
        let handle = set_timeout_with_handle(
            move || {
                let start = perf::now();
                timer.set_value(None);
                // The timer is cleared when the wheel goes, so both live.
                set_tick.update(|tick| *tick += 1);
                is_settling.set(false);
                request_animation_frame(move || {
                    set_timeout(
                        move || perf::record("vf:wheel-settle", start),
                        Duration::ZERO,
                    );
                });
            },
            delay,
        );
        timer.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(handle) = timer.try_get_value().flatten() {
            handle.clear();
        }
    });
    tick
}

/// A memo of `compute`, worked out at first and then again only when
/// `tick` moves (see [`settled_tick`]); what `compute` reads is not tracked.
fn settled<T>(tick: ReadSignal<u64>, compute: impl Fn() -> T + Send + Sync + 'static) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| {
        tick.track();
        untrack(&compute)
    })
}

/// The track around the wheel with an arrow at every phase boundary; the
/// arrow from IV into I is marked as the start of the next spin.
#[component]
fn Loop() -> impl IntoView {
    view! {
        <g class="loop" aria-hidden="true">
            {Phase::ALL
                .into_iter()
                .map(|phase| {
                    let is_return = phase == Phase::LongTermValue;
                    view! {
                        <path class="loop-track" class:loop-return=is_return d=track_arc_path(phase)/>
                        <path class="loop-arrow" class:loop-return=is_return d=arrowhead_path(phase)/>
                    }
                })
                .collect_view()}
            <text
                class="loop-caption"
                x="488"
                y=format!("{:.1}", 500.0 - TRACK_RADIUS - 16.0)
                text-anchor="end"
                font-size="24"
            >
                "↻ IV feeds back into I"
            </text>
        </g>
    }
}

/// One phase: its segment, curved name, item chips and count.
#[component]
fn PhaseSegment(
    phase: Phase,
    related: Memo<Option<HashSet<ItemId>>>,
    settled_board: ReadSignal<u64>,
) -> impl IntoView {
    let state = use_app();
    let is_selected = move || state.is_phase_chosen.get() && state.selected.get() == phase;
    // Only the items that can show as chips get a chip's text; the rest
    // are counted. So a keystroke costs the same at 50 items as at 5,000.
    let chip_texts = settled(settled_board, move || {
        state.with_shown(|board| {
            state.analysis.with(|a| {
                let texts = board
                    .items_in(phase)
                    .take(most_chips(phase))
                    .map(|item| ChipText::of(item, a.gap_items.contains(&item.id)))
                    .collect::<Vec<_>>();
                (texts, board.items_in(phase).count())
            })
        })
    });
    // The chips grow with the page's text size, and on a small wheel
    // (chip_scale); the texts above are enough for the most chips, which
    // the smallest scale shows.
    let scale = Memo::new(move |_| {
        chip_scale(
            state.settings.with(|s| s.text_scale),
            state.wheel_size.get(),
        )
    });
    let chips = Memo::new(move |_| {
        let scale = scale.get();
        chip_texts.with(|(items, count)| phase_chips_of(phase, items, *count, scale))
    });
    // Whether a lit item of this phase has no chip of its own (it is
    // counted in "+N more"): then that chip lights up for it, rather than
    // the whole phase dimming, as after adding an item to a long phase.
    let is_more_related = Memo::new(move |_| {
        related.with(|related| {
            let Some(related) = related else {
                return false;
            };
            chips.with(|chips| {
                untrack(|| {
                    state.with_shown(|board| {
                        state.analysis.with(|a| {
                            related.iter().any(|id| {
                                a.item(board, *id).is_some_and(|item| item.phase() == phase)
                                    && !chips.iter().any(|chip| chip.id == Some(*id))
                            })
                        })
                    })
                })
            })
        })
    });
    let kind = phase.item_kind();
    let count = move || chip_texts.with(|(_, count)| *count);
    let count_noun = move || {
        if count() == 1 {
            kind.noun()
        } else {
            kind.plural()
        }
    };
    // Choosing a phase on the wheel always shows it in the panel.
    let select = move || state.show_phase(phase);
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let target = match ev.key().as_str() {
            "Enter" | " " => {
                ev.prevent_default();
                select();
                return;
            }
            "ArrowRight" | "ArrowDown" => phase.next(),
            "ArrowLeft" | "ArrowUp" => phase.previous(),
            _ => return,
        };
        ev.prevent_default();
        state.show_phase(target);
        focus_phase(target);
    };
    let anchor = count_anchor(phase);
    view! {
        <g
            class=format!("phase phase-{}", phase.slug())
            class:selected=is_selected
            class:is-current=move || state.presenting.get() == Some(crate::model::Step::Phase(phase))
        >
            // The button holds only the segment and the phase's name, so its
            // accessible name matches what it shows; the chips beside it are
            // text, and clicking one selects its item.
            <g
                id=segment_id(phase)
                class="phase-button"
                role="button"
                tabindex="0"
                aria-label=phase.accessible_name()
                aria-pressed=move || if is_selected() { "true" } else { "false" }
                on:click=move |_| select()
                on:keydown=on_keydown
            >
                <path class="segment" d=segment_path(phase)/>
                // Hover, selection and focus light this ring up with stroke opacity
                // and colour only: a changed stroke-width would lay the whole
                // wheel out again (it is a layout property in SVG).
                <path class="segment-ring" d=segment_path(phase)/>
                <text class="phase-label" font-size=LABEL_FONT.to_string()>
                    <textPath
                        href=format!("#{}", label_path_id(phase))
                        startOffset="50%"
                        text-anchor="middle"
                    >
                        {format!("{} · {}", phase.numeral(), phase.name())}
                    </textPath>
                </text>
            </g>
            <g class="chips">
                // Keyed by what each chip draws, so an edit rebuilds only
                // the chips it changed (often just the "+N more" one), not
                // every chip of the phase with its handlers.
                <For each=move || chips.get() key=Chip::key let:chip>
                    <ChipView chip kind related is_more_related/>
                </For>
                <Show when=move || count() == 0>
                    <text
                        class="phase-empty"
                        x=format!("{:.1}", anchor.x)
                        y=format!("{:.1}", anchor.y)
                        text-anchor="middle"
                        font-size="22"
                    >
                        {format!("No {} yet", kind.plural())}
                    </text>
                </Show>
            </g>
            <text class="phase-count" text-anchor="middle">
                <tspan
                    class="phase-count-number"
                    x=format!("{:.1}", anchor.x)
                    y=format!("{:.1}", anchor.y + 8.0)
                    font-size="76"
                >
                    {count}
                </tspan>
                " "
                <tspan x=format!("{:.1}", anchor.x) y=format!("{:.1}", anchor.y + 48.0) font-size="32">
                    {count_noun}
                </tspan>
            </text>
        </g>
    }
}

/// One chip: an item's title (and a metric's latest value) in its box, a
/// mark when the item has a gap, lit up or dimmed while an item is selected.
#[component]
fn ChipView(
    chip: Chip,
    kind: ItemKind,
    related: Memo<Option<HashSet<ItemId>>>,
    is_more_related: Memo<bool>,
) -> impl IntoView {
    let state = use_app();
    // Read as one image named in full: its lines are cut to fit (and end
    // in "…"), and the gap mark alone would be read as "!".
    let label = match chip.id {
        Some(_) => {
            // (A metric's full text has its value already.)
            let mut label = format!("{}: {}", kind.label(), chip.full_text);
            if chip.has_gap {
                label.push_str(", has a gap (see Health)");
            }
            label
        }
        None => format!("{} {}", chip.full_text, kind.plural()),
    };
    let text_x = chip.text_origin().0;
    let baselines: Vec<f64> = (0..chip.lines.len() + usize::from(chip.detail.is_some()))
        .map(|i| chip.baseline(i))
        .collect();
    let font = chip.font;
    let mut lines: Vec<(String, bool)> = chip.lines.into_iter().map(|line| (line, false)).collect();
    if let Some(detail) = chip.detail {
        lines.push((detail, true));
    }
    let last = lines.len().saturating_sub(1);
    let tspans = lines
        .into_iter()
        .enumerate()
        .map(|(i, (line, is_detail))| {
            // A space between lines keeps the words apart for find-in-page
            // and copying.
            let line = if i < last { format!("{line} ") } else { line };
            view! {
                <tspan
                    class:chip-detail=is_detail
                    x=format!("{text_x:.1}")
                    y=format!("{:.1}", baselines[i])
                >
                    {line}
                </tspan>
            }
        })
        .collect_view();
    let id = chip.id;
    // Only these classes follow the highlight, so hovering redraws no chip.
    let is_related = move || match id {
        Some(id) => related.with(|r| r.as_ref().is_some_and(|r| r.contains(&id))),
        None => is_more_related.get(),
    };
    let is_dimmed = move || related.with(Option::is_some) && !is_related();
    let is_focus = move || id.is_some() && state.highlighted.get() == id;
    let is_drop_target =
        move || id.is_some() && state.drag.with(|d| d.as_ref().and_then(|d| d.over)) == id;
    let is_dragged = move || {
        id.is_some()
            && state
                .drag
                .with(|d| d.as_ref().filter(|d| d.is_moving).map(|d| d.id))
                == id
    };
    let slot = chip.slot;
    view! {
        <g
            class="chip"
            role="img"
            aria-label=label
            class:chip-more=id.is_none()
            class:is-related=is_related
            class:is-focus=is_focus
            class:is-dimmed=is_dimmed
            class:has-gap=chip.has_gap
            class:is-drop-target=is_drop_target
            class:is-dragged=is_dragged
            data-item=id.map(|id| id.to_string())
            on:pointerdown=move |ev| {
                if let Some(id) = id {
                    drag::start(state, id, &ev);
                }
            }
            on:click=move |ev| {
                ev.stop_propagation();
                if state.is_click_suppressed.get_value() {
                    state.is_click_suppressed.set_value(false);
                    return;
                }
                match id {
                    Some(id) => state.select_item(id),
                    None => state.show_tab(PanelTab::Phase),
                }
            }
            on:mouseenter=move |_| {
                if let Some(id) = id {
                    state.highlight(Some(id));
                }
            }
        >
            <title>{chip.full_text}</title>
            <rect
                x=format!("{:.1}", slot.x)
                y=format!("{:.1}", slot.y)
                width=format!("{:.1}", slot.width)
                height=format!("{:.1}", slot.height)
                rx="9"
            />
            <text font-size=format!("{font:.1}")>{tspans}</text>
            {chip.has_gap.then(|| {
                let (cx, cy) = (slot.x + slot.width - 2.0, slot.y + 2.0);
                view! {
                    <g class="gap-badge">
                        <circle cx=format!("{cx:.1}") cy=format!("{cy:.1}") r="10"/>
                        <text x=format!("{cx:.1}") y=format!("{:.1}", cy + 6.0) text-anchor="middle" font-size="16">
                            "!"
                        </text>
                    </g>
                }
            })}
        </g>
    }
}

/// The hub: the board's title and north star, set twice (regular and
/// compact); the compact class of the wheel area picks the one that suits its size.
#[component]
fn Hub(settled_board: ReadSignal<u64>) -> impl IntoView {
    let state = use_app();
    let momentum = Memo::new(move |_| state.analysis.with(|a| a.momentum));
    let open_health = move |_| state.show_tab(PanelTab::Health);
    // Larger page text sets the hub in its larger style too, as it does
    // the chips (see chip_scale).
    let regular = Signal::derive(move || hub_style(state.settings.with(|s| s.text_scale)));
    view! {
        <g class="hub">
            <circle class="hub-disc" cx="500" cy="500" r=HUB_RADIUS.to_string()/>
            <HubLines style=regular class="hub-text hub-regular" settled_board/>
            <HubLines style=Signal::stored(HUB_COMPACT) class="hub-text hub-compact" settled_board/>
            <text class="hub-momentum" x="500" y="624" text-anchor="middle" font-size="21" on:click=open_health>
                <title>{MOMENTUM_DEFINITION}</title>
                {move || format!("Momentum {}", momentum.get().percent_text())}
            </text>
        </g>
    }
}

#[component]
fn HubLines(
    style: Signal<HubStyle>,
    class: &'static str,
    settled_board: ReadSignal<u64>,
) -> impl IntoView {
    let state = use_app();
    // Like the chips, the hub follows the title and north star once typing
    // pauses: its text is SVG text too.
    let words = settled(settled_board, move || {
        state.with_shown(|board| (board.title.clone(), board.north_star.clone()))
    });
    let text = Memo::new(move |_| {
        let style = style.get();
        words.with(|(title, north_star)| hub_text(title, north_star, &style))
    });
    let lines = move |pick: fn(HubText) -> Vec<HubLine>| {
        move || {
            pick(text.get())
                .into_iter()
                .map(|line| view! { <tspan x="500" y=format!("{:.1}", line.y)>{line.text}</tspan> })
                .collect_view()
        }
    };
    view! {
        <g class=class>
            <text
                class="hub-title"
                text-anchor="middle"
                font-size=move || style.get().title_font.to_string()
            >
                {lines(|text| text.title)}
            </text>
            <text
                class="hub-north-star"
                text-anchor="middle"
                font-size=move || style.get().north_star_font.to_string()
            >
                {lines(|text| text.north_star)}
            </text>
        </g>
    }
}
