//! Export followed by import gives back an identical board, for arbitrary
//! boards (property test), and restore never panics on 100,000 mutated or
//! generated inputs (randomized test).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use value_flywheel::document::{restore, templates, to_json, Restored};
use value_flywheel::model::{
    apply, orient, Board, Date, Direction, Edit, Guidance, Item, ItemId, ItemKind, Metric,
    MetricSettings, Period, Phase, PhaseGuidance, Sample,
};

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".*",
        "[a-zA-Z ]{0,30}",
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just(r#""><svg onload=alert(1)>"#.to_owned()),
        Just("\u{0}\u{1f}\u{7f}\u{2028}\u{feff}".to_owned()),
        Just("🦀 ünïcödé 世界".to_owned()),
    ]
}

fn any_guidance() -> impl Strategy<Value = PhaseGuidance> {
    (
        prop::collection::vec(any_text(), 0..4),
        any_text(),
        any_text(),
    )
        .prop_map(|(tenets, people, goal)| PhaseGuidance {
            tenets,
            people,
            goal,
        })
}

fn any_kind() -> impl Strategy<Value = ItemKind> {
    prop::sample::select(ItemKind::ALL.to_vec())
}

fn any_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e12f64..1e12,
        Just(0.0),
        Just(-0.0),
        Just(1e-300),
        Just(f64::MAX)
    ]
}

fn any_date() -> impl Strategy<Value = Date> {
    (-30_000i64..60_000).prop_map(Date::from_days)
}

prop_compose! {
    fn any_metric()(
        unit in any_text(),
        lower in any::<bool>(),
        baseline in prop::option::of(any_value()),
        target in prop::option::of(any_value()),
        target_date in prop::option::of(any_date()),
        period in prop::sample::select(Period::ALL.to_vec()),
        samples in prop::collection::vec((any_date(), any_value(), any_text()), 0..12),
    ) -> Metric {
        let mut metric = Metric {
            settings: MetricSettings {
                unit,
                direction: if lower { Direction::LowerIsBetter } else { Direction::HigherIsBetter },
                baseline,
                target,
                target_date,
                period,
            },
            samples: samples
                .into_iter()
                .map(|(date, value, note)| Sample { date, value, note })
                .collect(),
        };
        // Boards hold samples sorted, one per day.
        metric.normalise();
        metric
    }
}

prop_compose! {
    fn any_board()(
        title in any_text(),
        north_star in any_text(),
        guidance in prop::array::uniform4(any_guidance()),
        items in prop::collection::vec(
            (any_kind(), any_text(), any_text(), any_text(), 1u64..4, any_metric()),
            0..25,
        ),
        link_picks in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..30),
        spin_dates in prop::collection::vec((any_date(), any_text()), 0..3),
        spare in 0u64..5,
    ) -> Board {
        let [g1, g2, g3, g4] = guidance;
        // Ids are unique, non-zero and below next_id, as on any real board.
        let mut next = 1;
        let mut items: Vec<Item> = items
            .into_iter()
            .map(|(kind, title, description, owner, gap, metric)| {
                next += gap;
                Item {
                    description,
                    owner,
                    metric: (kind == ItemKind::ValueMetric).then_some(metric),
                    ..Item::new(ItemId(next - gap), kind, title)
                }
            })
            .collect();
        // Boards keep their items grouped in wheel order.
        items.sort_by_key(Item::phase);
        let mut board = Board {
            title,
            north_star,
            guidance: Guidance {
                clarity_of_purpose: g1,
                challenge_and_landscape: g2,
                next_best_action: g3,
                long_term_value: g4,
            },
            items,
            next_id: next + spare,
            ..Board::blank()
        };
        if !board.items.is_empty() {
            for (a, b) in link_picks {
                let (a, b) = (a.get(&board.items).id, b.get(&board.items).id);
                if let Some(link) = orient(&board, a, b) {
                    // Duplicates are refused by apply, which is fine here.
                    let _ = apply(&mut board, Edit::AddLink { link });
                }
            }
        }
        for (date, name) in spin_dates {
            apply(&mut board, Edit::CompleteSpin { name, date, note: String::new() })
                .expect("recording a spin always works");
        }
        board
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn exporting_then_importing_gives_back_an_identical_board(board in any_board()) {
        let restored = restore(&to_json(&board)).expect("an exported board always imports");
        prop_assert_eq!(&restored.board, &board);
        prop_assert!(restored.repairs.is_empty(), "{:?}", restored.repairs);
    }
}

/// A small, fast, seeded generator, so the randomized test is repeatable.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e999",
    "-0",
    "18446744073709551616",
    "\"version\"",
    "\"format\"",
    "\"value-flywheel\"",
    "\"board\"",
    "\"items\"",
    "\"guidance\"",
    "\"id\"",
    "\"kind\"",
    "\"goal\"",
    "\"value_metric\"",
    "\\u0000",
    "\\ud800",
    "\u{feff}",
    "[[[[[[[[",
    "]]]]]]]]",
    "{\"a\":",
    "9",
    "2",
    "1",
    " ",
];

fn mutate(rng: &mut XorShift, seed: &str) -> String {
    let mut bytes = seed.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
            1 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            3 => bytes.truncate(at),
            4 if !bytes.is_empty() => {
                let start = rng.below(bytes.len());
                let end = (start + rng.below(60)).min(bytes.len());
                let slice = bytes[start..end].to_vec();
                bytes.splice(at..at, slice);
            }
            _ => {
                let deep = rng.below(300);
                let nest = "[".repeat(deep) + &"]".repeat(rng.below(deep + 1));
                bytes.splice(at..at, nest.bytes());
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn assert_invariants(restored: &Restored) {
    let board = &restored.board;
    let mut ids: Vec<ItemId> = board.items.iter().map(|item| item.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), board.items.len(), "ids are unique");
    assert!(
        ids.iter().all(|id| id.0 > 0 && id.0 < board.next_id),
        "ids are below next_id"
    );
    for phase in Phase::ALL {
        assert!(board.items_in(phase).all(|item| item.phase() == phase));
    }
}

#[test]
fn restore_survives_100_000_mutated_and_generated_inputs() {
    const RUNS: u32 = 100_000;
    let mut seeds: Vec<String> = vec![
        to_json(&templates::data_factory()),
        to_json(&Board::blank()),
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/documents/v1.json"
        ))
        .unwrap(),
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/documents/v2.json"
        ))
        .unwrap(),
        String::new(),
        "{}".into(),
    ];
    let mut rng = XorShift(0x5eed_f1e1_d0c5_2026);
    let (mut boards, mut errors) = (0u32, 0u32);
    for run in 0..RUNS {
        let seed = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, seed);
        match restore(&input) {
            Ok(restored) => {
                assert_invariants(&restored);
                boards += 1;
                // Feed survivors back in, so mutations compound.
                if run % 97 == 0 && seeds.len() < 64 {
                    seeds.push(input);
                }
            }
            Err(error) => {
                assert!(!error.to_string().is_empty());
                errors += 1;
            }
        }
    }
    assert_eq!(boards + errors, RUNS);
    // Both outcomes must actually occur, or the mutations are too weak or too strong.
    assert!(
        boards > 1_000 && errors > 1_000,
        "boards {boards}, errors {errors}"
    );
    println!("restore: {RUNS} inputs, {boards} boards, {errors} errors, no panics");
}
