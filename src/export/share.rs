//! Share links: the whole board travels in the URL fragment, so a link
//! opens the board with no server. The payload is the board's document
//! (`document::to_json`), deflated in a zlib wrapper (whose Adler-32 checksum
//! catches a changed character that raw deflate would silently unpack into a
//! different board), written in base64url without padding and prefixed with
//! a one-character codec tag ([`CODEC`]) so later codecs can be told apart.
//! Decoding checks the length, the tag and the base64, inflates through the
//! given [`Inflate`] with a hard bound of [`MAX_DOCUMENT_BYTES`] (a
//! decompression bomb is refused as soon as its output passes that), checks
//! the checksum and UTF-8 and hands the
//! text to [`document::restore`], the one function every reader goes through,
//! so a link is either refused or opened whole, never in part.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use super::{Inflate, InflateError};
use crate::document::{self, RestoreError, Restored, MAX_DOCUMENT_BYTES};

/// The tag of the codec this build writes: zlib-wrapped deflate (RFC 1950,
/// with its Adler-32 checksum), then base64url without padding.
pub const CODEC: char = '1';

/// The key of the board in the URL fragment: `#board=<payload>`.
pub const FRAGMENT_KEY: &str = "board";

/// Links longer than this may be cut by chat tools, mail clients and some
/// browsers; above it the app warns and offers the board as a file instead.
pub const MAX_LINK_CHARS: usize = 8_000;

/// The longest payload [`decode`] reads. Base64 turns 3 bytes into 4
/// characters, so a payload holding [`MAX_DOCUMENT_BYTES`] uncompressed would
/// be about 4/3 of that; since the payload is compressed, 2,000,000 characters
/// (1.5 MB of deflate) is far more than any real board needs.
pub const MAX_PAYLOAD_CHARS: usize = {
    let base64_of_max = MAX_DOCUMENT_BYTES.div_ceil(3) * 4;
    if base64_of_max < 2_000_000 {
        base64_of_max
    } else {
        2_000_000
    }
};

/// Why a share link could not be opened. In every case nothing is loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The link carries no payload at all.
    Empty,
    /// The payload starts with a codec tag this build does not know.
    UnknownCodec { tag: char },
    /// The payload is longer than [`MAX_PAYLOAD_CHARS`].
    TooLong { chars: usize },
    /// The payload is not valid base64url, its deflate stream is broken or
    /// cut short, or the text inside is not UTF-8.
    Damaged { reason: String },
    /// The board would inflate to more than [`MAX_DOCUMENT_BYTES`].
    TooLarge,
    /// The browser cannot unpack the link at all.
    Unsupported,
    /// The payload unpacked, but the document inside was refused by
    /// [`document::restore`] (for instance it is newer than this app).
    Document(RestoreError),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const DAMAGED: &str = "This share link is incomplete or damaged";
        const ASK_AGAIN: &str = "Ask for the link again, or for the board as a file.";
        let limit_mb = MAX_DOCUMENT_BYTES / (1024 * 1024);
        match self {
            ShareError::Empty => write!(
                f,
                "This share link holds no board: the part after \"#{FRAGMENT_KEY}=\" is empty. \
                 {ASK_AGAIN}"
            ),
            ShareError::UnknownCodec { tag } => write!(
                f,
                "This share link uses a link format this app does not know (\"{tag}\"). It may \
                 have been made by a newer version of the app; it was not opened."
            ),
            ShareError::TooLong { chars } => write!(
                f,
                "This share link is too long to open ({chars} characters; the longest the app \
                 opens is {MAX_PAYLOAD_CHARS}). Ask for the board as a file instead."
            ),
            ShareError::Damaged { reason } => write!(f, "{DAMAGED}: {reason}. {ASK_AGAIN}"),
            ShareError::Unsupported => f.write_str(
                "This share link cannot be opened in this browser, which is older than 2023. Open \
                 it in a current browser, or ask for the board as a file.",
            ),
            ShareError::TooLarge | ShareError::Document(RestoreError::TooLarge { .. }) => write!(
                f,
                "This share link would unpack to more than {limit_mb} MB, the largest board the \
                 app opens. It was not opened."
            ),
            ShareError::Document(RestoreError::TooNew { version }) => write!(
                f,
                "This share link was made by a newer version of the app (format version \
                 {version}; this app reads up to {}). It was not opened; open it in the newer \
                 version.",
                document::VERSION
            ),
            ShareError::Document(RestoreError::Syntax { message, .. }) => write!(
                f,
                "{DAMAGED}: the board inside is not valid JSON ({message}). {ASK_AGAIN}"
            ),
            ShareError::Document(RestoreError::NotAFlywheel) => write!(
                f,
                "{DAMAGED}: it does not hold a value flywheel board. {ASK_AGAIN}"
            ),
            ShareError::Document(RestoreError::Invalid { message }) => {
                write!(f, "{DAMAGED}: {message}. {ASK_AGAIN}")
            }
        }
    }
}

impl std::error::Error for ShareError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ShareError::Document(error) => Some(error),
            _ => None,
        }
    }
}

impl From<RestoreError> for ShareError {
    fn from(error: RestoreError) -> Self {
        ShareError::Document(error)
    }
}

/// The payload of a share link: the codec tag, then the board's document
/// (`document::to_json`), already zlib-deflated by the caller (the app has
/// the browser do it, so no deflate code ships in the download), in
/// base64url without padding. Only URL-safe characters (`A–Z a–z 0–9 - _`)
/// appear, so nothing needs escaping.
pub fn payload(deflated: &[u8]) -> String {
    let mut payload = String::with_capacity(1 + deflated.len().div_ceil(3) * 4);
    payload.push(CODEC);
    URL_SAFE_NO_PAD.encode_string(deflated, &mut payload);
    payload
}

/// Reads the payload of a share link back into a board, through
/// [`document::restore`]. Surrounding whitespace (a pasted newline) is
/// ignored.
///
/// # Errors
/// Refuses an empty or overlong payload, an unknown codec tag, invalid
/// base64url, a broken, truncated or checksum-failing deflate stream, a
/// board that would inflate past [`MAX_DOCUMENT_BYTES`], text that is not
/// UTF-8 and every document `restore` refuses. A refused link is never partly loaded.
pub async fn decode(payload: &str, inflater: &impl Inflate) -> Result<Restored, ShareError> {
    let payload = payload.trim();
    let mut chars = payload.chars();
    let Some(tag) = chars.next() else {
        return Err(ShareError::Empty);
    };
    // A valid payload is ASCII, so its length in bytes is its length in
    // characters; only a longer one needs counting.
    if payload.len() > MAX_PAYLOAD_CHARS {
        let chars = payload.chars().count();
        if chars > MAX_PAYLOAD_CHARS {
            return Err(ShareError::TooLong { chars });
        }
    }
    if tag != CODEC {
        return Err(ShareError::UnknownCodec { tag });
    }
    let body = chars.as_str();
    if body.is_empty() {
        return Err(ShareError::Empty);
    }
    let deflated = URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|error| damaged(&base64_reason(&error)))?;
    let bytes = inflater
        .inflate(&deflated, MAX_DOCUMENT_BYTES)
        .await
        .map_err(|error| match error {
            InflateError::TooLarge => ShareError::TooLarge,
            InflateError::CutShort => damaged("it was cut short"),
            InflateError::Checksum => damaged("its contents do not match their checksum"),
            InflateError::Broken => damaged("its compressed data is broken"),
            InflateError::Unsupported => ShareError::Unsupported,
        })?;
    let text = String::from_utf8(bytes).map_err(|_| damaged("its text is not valid UTF-8"))?;
    Ok(document::restore(&text)?)
}

/// The URL fragment for a payload: `#board=<payload>`.
pub fn fragment(payload: &str) -> String {
    format!("#{FRAGMENT_KEY}={payload}")
}

/// The payload in a URL fragment (`location.hash`), with or without its
/// leading `#`. Other `&`-separated parameters are ignored, and so is
/// surrounding whitespace. `None` when the fragment has no `board=` key;
/// `Some("")` when the key is there with nothing after it, which [`decode`]
/// reports as [`ShareError::Empty`].
pub fn payload_from_fragment(hash: &str) -> Option<&str> {
    let hash = hash.trim();
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    hash.split('&').find_map(|part| {
        part.strip_prefix(FRAGMENT_KEY)
            .and_then(|rest| rest.strip_prefix('='))
    })
}

fn damaged(reason: &str) -> ShareError {
    ShareError::Damaged {
        reason: reason.to_owned(),
    }
}

fn base64_reason(error: &base64::DecodeError) -> String {
    match error {
        base64::DecodeError::InvalidByte(offset, byte) => format!(
            "it contains a character links never hold ({:?} at position {})",
            char::from(*byte),
            offset + 2
        ),
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(..) => {
            "it was cut short or changed".to_owned()
        }
        base64::DecodeError::InvalidPadding => "it ends in padding links never hold".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::templates::{self, Template};
    use crate::export::testing::{deflate, ready, Miniz, Refuses};
    use crate::model::{
        apply, orient, Board, Date, Edit, ItemField, ItemId, ItemKind, Sample, Status,
    };

    /// A board's payload, deflated here the way the browser does it in the app.
    fn encode(board: &Board) -> String {
        payload(&deflate(document::to_json(board).as_bytes()))
    }

    /// [`super::decode`], inflating with miniz where the app has the
    /// browser do it.
    fn decode(payload: &str) -> Result<Restored, ShareError> {
        ready(super::decode(payload, &Miniz))
    }

    /// A board like a real one: the book's guidance, `n` items of every kind
    /// with titles, descriptions, owners and statuses drawn from varied words,
    /// links between them and value metrics with samples.
    fn board_with(n: usize) -> Board {
        const WORDS: &[&str] = &[
            "reduce",
            "lead",
            "time",
            "for",
            "customer",
            "onboarding",
            "platform",
            "team",
            "serverless",
            "migrate",
            "legacy",
            "billing",
            "pipeline",
            "weekly",
            "deploys",
            "observability",
            "ownership",
            "domain",
            "data",
            "mesh",
            "cost",
            "per",
            "order",
            "revenue",
            "growth",
            "churn",
            "security",
            "review",
            "backlog",
            "experiment",
            "latency",
            "checkout",
            "mobile",
            "partner",
            "API",
            "retire",
            "mainframe",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut word = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            WORDS[(seed % WORDS.len() as u64) as usize]
        };
        let mut phrase = |words: usize| (0..words).map(|_| word()).collect::<Vec<_>>().join(" ");
        let mut board = Template::ValueFlywheel.board();
        board.title = format!("Board of {n} items");
        board.north_star = phrase(12);
        let mut ids: Vec<(ItemKind, ItemId)> = Vec::new();
        for i in 0..n {
            let kind = ItemKind::ALL[i % 4];
            let title = phrase(4 + i % 5);
            let id = apply(&mut board, Edit::AddItem { kind, title })
                .unwrap()
                .created
                .unwrap();
            for (field, words) in [(ItemField::Description, 10), (ItemField::Owner, 2)] {
                let value = phrase(words);
                apply(&mut board, Edit::UpdateItem { id, field, value }).unwrap();
            }
            let status = Status::ALL[i % 3];
            apply(&mut board, Edit::SetStatus { id, status }).unwrap();
            if kind == ItemKind::ValueMetric {
                for day in 0..6 {
                    let sample = Sample {
                        date: Date::from_days(20_000 + day * 30),
                        value: (i as f64) * 1.5 + day as f64 * 0.25,
                        note: if day == 0 { phrase(3) } else { String::new() },
                    };
                    apply(&mut board, Edit::SetSample { id, sample }).unwrap();
                }
            }
            ids.push((kind, id));
        }
        let goals: Vec<ItemId> = ids
            .iter()
            .filter(|(kind, _)| *kind == ItemKind::Goal)
            .map(|(_, id)| *id)
            .collect();
        let challenges: Vec<ItemId> = ids
            .iter()
            .filter(|(kind, _)| *kind == ItemKind::Challenge)
            .map(|(_, id)| *id)
            .collect();
        for (i, (kind, id)) in ids.iter().enumerate() {
            let mut targets = Vec::new();
            if *kind != ItemKind::Goal && !goals.is_empty() {
                targets.push(goals[i % goals.len()]);
            }
            if *kind == ItemKind::Action && !challenges.is_empty() {
                targets.push(challenges[i % challenges.len()]);
            }
            for target in targets {
                let link = orient(&board, *id, target).unwrap();
                apply(&mut board, Edit::AddLink { link }).unwrap();
            }
        }
        board
    }

    fn restore_error(payload: &str) -> ShareError {
        match decode(payload) {
            Ok(restored) => panic!("{payload:.40}… decoded to {:?}", restored.board.title),
            Err(error) => error,
        }
    }

    /// A payload made of arbitrary text, encoded the way [`encode`] does.
    fn payload_of_text(text: &[u8]) -> String {
        payload(&deflate(text))
    }

    #[test]
    fn the_seed_example_round_trips_identically() {
        let board = templates::data_factory();
        assert!(board.items.len() >= 8 && !board.links.is_empty());
        let payload = encode(&board);
        let restored = decode(&payload).unwrap();
        assert_eq!(restored.board, board);
        assert!(restored.repairs.is_empty(), "{:?}", restored.repairs);
        assert_eq!(restored.migrated_from, None);
        // The seed example (3.8 KB of JSON) packs into about 2,060 characters.
        assert!(payload.len() < 2_600, "{} characters", payload.len());
        assert!(fragment(&payload).len() < MAX_LINK_CHARS);
    }

    #[test]
    fn every_template_round_trips() {
        for template in Template::ALL {
            let board = template.board();
            assert_eq!(
                decode(&encode(&board)).unwrap().board,
                board,
                "{template:?}"
            );
        }
    }

    #[test]
    fn boards_with_items_links_and_metrics_round_trip() {
        for n in [0, 1, 10, 50, 200] {
            let board = board_with(n);
            assert_eq!(board.items.len(), n);
            let restored = decode(&encode(&board)).unwrap();
            assert_eq!(restored.board, board, "{n} items");
            assert!(restored.repairs.is_empty(), "{:?}", restored.repairs);
        }
        let board = board_with(10);
        assert!(board.links.len() >= 6);
        assert!(board
            .items
            .iter()
            .any(|item| item.metric.as_ref().is_some_and(|m| m.samples.len() == 6)));
    }

    #[test]
    fn non_ascii_and_markup_survive_the_link() {
        let mut board = templates::data_factory();
        board.title = "Ünïcödé 🦀 世界 <script>alert('x')</script> & \"q\" #board=1&x".into();
        board.north_star = "\u{0}\u{1f}\u{2028}\u{feff}".into();
        let payload = encode(&board);
        assert_eq!(decode(&payload).unwrap().board, board);
    }

    #[test]
    fn a_payload_holds_only_url_safe_characters_after_its_tag() {
        let payload = encode(&board_with(50));
        assert!(payload.starts_with(CODEC));
        assert!(payload[1..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn link_lengths_stay_reasonable() {
        let lengths: Vec<usize> = [10, 50, 200]
            .into_iter()
            .map(|n| {
                let board = board_with(n);
                let payload = encode(&board);
                // Deflate must pay off: the payload is well under the JSON.
                assert!(
                    payload.len() * 2 < document::to_json(&board).len(),
                    "{n} items"
                );
                fragment(&payload).len()
            })
            .collect();
        assert!(lengths[0] < MAX_LINK_CHARS / 2, "{lengths:?}");
        assert!(lengths[1] < MAX_LINK_CHARS, "{lengths:?}");
        assert!(
            lengths[0] < lengths[1] && lengths[1] < lengths[2],
            "{lengths:?}"
        );
    }

    #[test]
    fn an_empty_payload_is_refused() {
        for payload in ["", "   ", "\n", "1", " 1\n"] {
            assert_eq!(restore_error(payload), ShareError::Empty, "{payload:?}");
        }
        assert!(ShareError::Empty.to_string().contains("holds no board"));
    }

    #[test]
    fn trailing_whitespace_is_ignored() {
        let board = templates::data_factory();
        let payload = format!("{}\r\n", encode(&board));
        assert_eq!(decode(&payload).unwrap().board, board);
    }

    #[test]
    fn an_unknown_codec_tag_is_refused() {
        let payload = encode(&templates::data_factory());
        let other = format!("2{}", &payload[1..]);
        let error = restore_error(&other);
        assert_eq!(error, ShareError::UnknownCodec { tag: '2' });
        assert!(error.to_string().contains("newer version"), "{error}");
        assert_eq!(
            restore_error("é-abc"),
            ShareError::UnknownCodec { tag: 'é' }
        );
    }

    #[test]
    fn a_truncated_payload_is_refused() {
        let payload = encode(&templates::data_factory());
        for keep in [
            2,
            3,
            10,
            payload.len() / 2,
            payload.len() - 5,
            payload.len() - 1,
        ] {
            let error = restore_error(&payload[..keep]);
            assert!(
                matches!(error, ShareError::Damaged { .. }),
                "cut to {keep}: {error:?}"
            );
            assert_says_damaged(&error);
        }
    }

    /// The message a damaged link shows.
    fn assert_says_damaged(error: &ShareError) {
        assert!(
            error
                .to_string()
                .starts_with("This share link is incomplete or damaged: "),
            "{error}"
        );
    }

    #[test]
    fn a_bad_base64_character_is_refused() {
        let payload = encode(&templates::data_factory());
        for bad in ['+', '/', '=', '%', ' ', '.', 'é'] {
            let mut broken = payload.clone();
            broken.insert(payload.len() / 2, bad);
            let error = restore_error(&broken);
            assert!(
                matches!(error, ShareError::Damaged { .. }),
                "{bad:?}: {error:?}"
            );
        }
        let padded = format!("{payload}==");
        assert!(matches!(restore_error(&padded), ShareError::Damaged { .. }));
    }

    /// Every single changed character is refused, or (when it only touched
    /// bits the decoder ignores, such as the zlib header's level hint) gives
    /// back exactly the same board: never a different or partial one. Raw
    /// deflate, which has no checksum, let about one flip in five through
    /// as a silently different board; the zlib wrapper's Adler-32 stops them.
    #[test]
    fn changing_any_character_never_yields_a_different_board() {
        let board = templates::data_factory();
        let payload = encode(&board);
        let alphabet: Vec<char> = ('A'..='Z')
            .chain('a'..='z')
            .chain('0'..='9')
            .chain(['-', '_'])
            .collect();
        let mut refused = 0;
        let mut total = 0;
        for at in 1..payload.len() {
            for offset in [1, 17, 40] {
                let old = payload.as_bytes()[at] as char;
                let index = alphabet.iter().position(|c| *c == old).unwrap();
                let new = alphabet[(index + offset) % alphabet.len()];
                let mut changed = payload.clone();
                changed.replace_range(at..=at, &new.to_string());
                total += 1;
                match decode(&changed) {
                    Err(_) => refused += 1,
                    Ok(restored) => assert_eq!(restored.board, board, "{new:?} at {at}"),
                }
            }
        }
        assert!(refused + 12 >= total, "{refused} of {total} refused");
    }

    #[test]
    fn a_decompression_bomb_is_refused_as_too_large() {
        let bomb = vec![b' '; 50 * 1024 * 1024];
        let payload = payload_of_text(&bomb);
        drop(bomb);
        assert!(payload.len() < 200_000, "{} characters", payload.len());
        let error = restore_error(&payload);
        assert_eq!(error, ShareError::TooLarge);
        assert!(error.to_string().contains("more than 10 MB"), "{error}");
    }

    #[test]
    fn a_document_just_over_the_limit_is_too_large() {
        let payload = payload_of_text(&vec![b' '; MAX_DOCUMENT_BYTES + 1]);
        assert_eq!(restore_error(&payload), ShareError::TooLarge);
    }

    #[test]
    fn an_overlong_payload_is_refused_before_decoding() {
        let payload = format!("1{}", "A".repeat(MAX_PAYLOAD_CHARS));
        assert_eq!(
            restore_error(&payload),
            ShareError::TooLong {
                chars: MAX_PAYLOAD_CHARS + 1
            }
        );
        assert_eq!(MAX_PAYLOAD_CHARS, 2_000_000);
        // Characters are counted, not bytes.
        let wide = format!("1{}", "é".repeat(MAX_PAYLOAD_CHARS - 1));
        assert!(matches!(restore_error(&wide), ShareError::Damaged { .. }));
        let wider = format!("1{}", "é".repeat(MAX_PAYLOAD_CHARS));
        assert_eq!(
            restore_error(&wider),
            ShareError::TooLong {
                chars: MAX_PAYLOAD_CHARS + 1
            }
        );
    }

    #[test]
    fn a_document_from_a_newer_version_is_refused_and_says_so() {
        let payload = payload_of_text(br#"{"format":"value-flywheel","version":99,"board":{}}"#);
        let error = restore_error(&payload);
        assert_eq!(
            error,
            ShareError::Document(RestoreError::TooNew { version: 99 })
        );
        let message = error.to_string();
        assert!(
            message.starts_with("This share link was made by a newer version of the app"),
            "{message}"
        );
        assert!(std::error::Error::source(&error).is_some());
    }

    #[test]
    fn an_older_document_is_migrated() {
        let payload = payload_of_text(
            br#"{"format":"value-flywheel","version":2,"board":{"items":[{"id":4,"kind":"action","title":"Go"}]}}"#,
        );
        let restored = decode(&payload).unwrap();
        assert_eq!(restored.migrated_from, Some(2));
        assert_eq!(restored.board.items[0].title, "Go");
    }

    #[test]
    fn text_that_is_not_a_board_is_refused() {
        type Case = (&'static [u8], fn(&ShareError) -> bool);
        let cases: [Case; 4] = [
            (b"\xff\xfe not utf-8", |e| {
                matches!(e, ShareError::Damaged { .. })
            }),
            (b"{not json", |e| {
                matches!(e, ShareError::Document(RestoreError::Syntax { .. }))
            }),
            (br#"{"format":"excalidraw"}"#, |e| {
                *e == ShareError::Document(RestoreError::NotAFlywheel)
            }),
            (
                br#"{"format":"value-flywheel","version":3,"board":{"items":7}}"#,
                |e| matches!(e, ShareError::Document(RestoreError::Invalid { .. })),
            ),
        ];
        for (text, expected) in cases {
            let error = restore_error(&payload_of_text(text));
            assert!(
                expected(&error),
                "{:?}: {error:?}",
                String::from_utf8_lossy(text)
            );
            assert_says_damaged(&error);
        }
    }

    #[test]
    fn fragments_carry_the_payload_under_their_key() {
        let payload = encode(&templates::data_factory());
        let hash = fragment(&payload);
        assert_eq!(hash, format!("#board={payload}"));
        assert_eq!(payload_from_fragment(&hash), Some(payload.as_str()));
        assert_eq!(payload_from_fragment(&hash[1..]), Some(payload.as_str()));
        assert_eq!(
            payload_from_fragment(&format!("#view=present&board={payload}&step=2\n")),
            Some(payload.as_str())
        );
        assert_eq!(
            payload_from_fragment(&format!("{hash}  \n")),
            Some(payload.as_str())
        );
        assert_eq!(payload_from_fragment("#board="), Some(""));
        assert_eq!(payload_from_fragment(""), None);
        assert_eq!(payload_from_fragment("#"), None);
        assert_eq!(payload_from_fragment("#boards=1abc"), None);
        assert_eq!(payload_from_fragment("#step=2&myboard=1abc"), None);
        assert_eq!(
            decode(payload_from_fragment(&hash).unwrap()).unwrap().board,
            templates::data_factory()
        );
    }

    #[test]
    fn bytes_after_the_end_of_the_stream_are_damage() {
        let mut stream = deflate(document::to_json(&templates::data_factory()).as_bytes());
        stream.extend_from_slice(b"junk");
        assert_eq!(
            restore_error(&payload(&stream)),
            damaged("its compressed data is broken")
        );
    }

    #[test]
    fn a_browser_that_cannot_inflate_is_told_apart_from_a_damaged_link() {
        let payload = encode(&templates::data_factory());
        assert_eq!(
            ready(super::decode(&payload, &Refuses)).map(|restored| restored.board),
            Err(ShareError::Unsupported)
        );
    }

    #[test]
    fn every_error_has_a_message_for_users() {
        let errors = [
            ShareError::Empty,
            ShareError::UnknownCodec { tag: '9' },
            ShareError::TooLong { chars: 3_000_000 },
            damaged("it was cut short"),
            ShareError::TooLarge,
            ShareError::Unsupported,
            ShareError::Document(RestoreError::TooNew { version: 4 }),
            ShareError::Document(RestoreError::TooLarge { bytes: 1 }),
            ShareError::Document(RestoreError::NotAFlywheel),
        ];
        for error in errors {
            let message = error.to_string();
            assert!(message.starts_with("This share link "), "{message}");
            assert!(message.ends_with('.'), "{message}");
        }
        assert!(ShareError::TooLong { chars: 3_000_000 }
            .to_string()
            .contains("3000000 characters"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod fuzz {
        use super::super::*;
        use super::{decode, encode};
        use proptest::prelude::*;

        fn any_payload() -> impl Strategy<Value = String> {
            prop_oneof![
                ".*",
                "1[A-Za-z0-9_-]{0,200}",
                "[12][A-Za-z0-9_+/=-]{0,64}",
                // A real payload, cut and with one character changed.
                (0usize..2_000, 0usize..2_000, "[A-Za-z0-9_-]").prop_map(|(cut, at, c)| {
                    let mut payload = encode(&crate::document::templates::data_factory());
                    payload.truncate(cut.max(1).min(payload.len()));
                    let at = at.min(payload.len() - 1).max(1);
                    if at < payload.len() {
                        payload.replace_range(at..=at, &c);
                    }
                    payload
                }),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2_000))]

            #[test]
            fn decoding_random_text_never_panics(payload in any_payload()) {
                match decode(&payload) {
                    Ok(restored) => prop_assert!(restored.board.next_id > 0),
                    Err(error) => prop_assert!(!error.to_string().is_empty()),
                }
            }

            #[test]
            fn fragments_of_random_text_never_panic(hash in ".*") {
                if let Some(payload) = payload_from_fragment(&hash) {
                    prop_assert!(hash.contains(payload));
                }
            }
        }
    }
}
