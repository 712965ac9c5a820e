//! The wheel: an SVG of four phase segments around a hub, with curved phase
//! names, item chips and a loop track whose arrows show IV feeding back
//! into I. Each phase is a focusable button named after its phase.

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use super::state::use_app;
use crate::model::Phase;
use crate::render::geometry::{
    arrowhead_path, count_anchor, label_arc_path, segment_path, track_arc_path, CHIP_FONT,
    CHIP_LEADING, HUB_RADIUS, LABEL_FONT, TRACK_RADIUS,
};
use crate::render::layout::{
    hub_text, phase_chips, HubLine, HubStyle, HubText, HUB_COMPACT, HUB_REGULAR,
};

fn label_path_id(phase: Phase) -> String {
    format!("label-arc-{}", phase.slug())
}

fn segment_id(phase: Phase) -> String {
    format!("phase-{}", phase.slug())
}

/// Moves keyboard focus to a phase's segment.
fn focus_phase(phase: Phase) {
    if let Some(element) = document().get_element_by_id(&segment_id(phase)) {
        if let Ok(element) = element.dyn_into::<web_sys::SvgElement>() {
            let _ = element.focus();
        }
    }
}

/// The whole wheel.
#[component]
pub fn Wheel() -> impl IntoView {
    view! {
        <svg
            class="wheel"
            viewBox="0 0 1000 1000"
            xmlns="http://www.w3.org/2000/svg"
            role="group"
            aria-label="Value flywheel"
        >
            <defs>
                {Phase::ALL
                    .into_iter()
                    .map(|phase| view! { <path id=label_path_id(phase) d=label_arc_path(phase)/> })
                    .collect_view()}
            </defs>
            <Loop/>
            {Phase::ALL.into_iter().map(|phase| view! { <PhaseSegment phase/> }).collect_view()}
            <Hub/>
        </svg>
    }
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
                y=format!("{:.1}", 500.0 - TRACK_RADIUS - 14.0)
                text-anchor="end"
                font-size="18"
            >
                "↻ IV feeds back into I"
            </text>
        </g>
    }
}

/// One phase: its segment, curved name, item chips and count.
#[component]
fn PhaseSegment(phase: Phase) -> impl IntoView {
    let state = use_app();
    let is_selected = move || state.selected.get() == phase;
    let titles = Memo::new(move |_| {
        state.board.with(|board| {
            board
                .items_in(phase)
                .map(|item| item.display_title().to_owned())
                .collect::<Vec<_>>()
        })
    });
    let kind = phase.item_kind();
    let count_noun = move || {
        if titles.with(Vec::len) == 1 {
            kind.noun()
        } else {
            kind.plural()
        }
    };
    let select = move || state.selected.set(phase);
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
        state.selected.set(target);
        focus_phase(target);
    };
    let anchor = count_anchor(phase);
    view! {
        <g class=format!("phase phase-{}", phase.slug()) class:selected=is_selected>
            // The button holds only the segment and the phase's name, so its
            // accessible name matches what it shows; the chips are plain text
            // beside it that clicks pass through.
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
                {move || {
                    titles
                        .with(|titles| phase_chips(phase, titles))
                        .into_iter()
                        .map(|chip| {
                            let (text_x, text_y) = chip.text_origin();
                            let last = chip.lines.len().saturating_sub(1);
                            let lines = chip
                                .lines
                                .into_iter()
                                .enumerate()
                                .map(|(i, line)| {
                                    // A space between lines keeps the words apart
                                    // for find-in-page and copying.
                                    let line = if i < last { format!("{line} ") } else { line };
                                    view! {
                                        <tspan
                                            x=format!("{text_x:.1}")
                                            y=format!("{:.1}", text_y + i as f64 * CHIP_LEADING)
                                        >
                                            {line}
                                        </tspan>
                                    }
                                })
                                .collect_view();
                            view! {
                                <g class="chip" class:chip-more=chip.is_overflow>
                                    <title>{chip.full_text}</title>
                                    <rect
                                        x=format!("{:.1}", chip.slot.x)
                                        y=format!("{:.1}", chip.slot.y)
                                        width=format!("{:.1}", chip.slot.width)
                                        height=format!("{:.1}", chip.slot.height)
                                        rx="9"
                                    />
                                    <text font-size=CHIP_FONT.to_string()>{lines}</text>
                                </g>
                            }
                        })
                        .collect_view()
                }}
                <Show when=move || titles.with(Vec::is_empty)>
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
                    {move || titles.with(Vec::len)}
                </tspan>
                " "
                <tspan x=format!("{:.1}", anchor.x) y=format!("{:.1}", anchor.y + 48.0) font-size="32">
                    {count_noun}
                </tspan>
            </text>
        </g>
    }
}

/// The hub: the board's title and north star, set twice (regular and
/// compact); a container query shows the one that suits the wheel's size.
#[component]
fn Hub() -> impl IntoView {
    view! {
        <g class="hub">
            <circle class="hub-disc" cx="500" cy="500" r=HUB_RADIUS.to_string()/>
            <HubLines style=HUB_REGULAR class="hub-text hub-regular"/>
            <HubLines style=HUB_COMPACT class="hub-text hub-compact"/>
        </g>
    }
}

#[component]
fn HubLines(style: HubStyle, class: &'static str) -> impl IntoView {
    let state = use_app();
    let text = Memo::new(move |_| {
        state
            .board
            .with(|board| hub_text(board.title.as_str(), board.north_star.as_str(), &style))
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
            <text class="hub-title" text-anchor="middle" font-size=style.title_font.to_string()>
                {lines(|text| text.title)}
            </text>
            <text
                class="hub-north-star"
                text-anchor="middle"
                font-size=style.north_star_font.to_string()
            >
                {lines(|text| text.north_star)}
            </text>
        </g>
    }
}
