//! A PNG that carries its board. [`embed`] puts the board's JSON into an
//! `iTXt` chunk with the keyword [`KEYWORD`] (zlib-compressed, right after
//! `IHDR`), replacing any board chunk already there, so the picture of a
//! wheel can be imported again; [`extract`] reads it back. The caller
//! compresses, and the [`Inflate`] given to `extract` unpacks (the app has
//! the browser do both, so no zlib code ships in the download); [`fits`]
//! says first whether a document may be embedded. Both walk the file chunk
//! by chunk and check every chunk's bounds and CRC-32, so a damaged file is
//! refused rather than half read, and inflating stops past
//! [`MAX_DOCUMENT_BYTES`], so a decompression bomb is refused as soon as
//! its output passes that. Extraction also accepts an uncompressed `iTXt`
//! and a `tEXt` or `zTXt` chunk with our keyword. The JSON itself is checked
//! by `document::restore`, like any other import.

use super::{Inflate, InflateError};
use crate::document::MAX_DOCUMENT_BYTES;

/// The keyword of the text chunk that holds the board.
pub const KEYWORD: &str = "value-flywheel";

/// The eight bytes every PNG starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// The largest chunk length the PNG specification allows (2³¹ − 1).
const MAX_CHUNK_LENGTH: usize = 0x7fff_ffff;

/// Why a board could not be put into or read from a PNG. Nothing is loaded
/// or written in any case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PngError {
    /// The bytes do not start with the PNG signature.
    NotPng,
    /// A chunk is cut short, overruns the file, fails its CRC or is
    /// malformed, or the board chunk inside cannot be unpacked.
    Damaged { reason: String },
    /// The PNG is intact but holds no chunk with our keyword.
    NoBoard,
    /// The board in the PNG would unpack to more than [`MAX_DOCUMENT_BYTES`].
    TooLarge,
    /// The board to embed is larger than [`MAX_DOCUMENT_BYTES`], so the PNG
    /// could not be opened again.
    DocumentTooLarge { bytes: usize },
    /// The browser cannot unpack the board chunk at all.
    Unsupported,
}

impl std::fmt::Display for PngError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let limit_mb = MAX_DOCUMENT_BYTES / (1024 * 1024);
        match self {
            PngError::NotPng => write!(
                f,
                "This file is not a PNG image. Only PNGs exported by this app can be opened."
            ),
            PngError::Damaged { reason } => write!(
                f,
                "This PNG is damaged: {reason}. It may have been cut short while downloading \
                 or changed by another program."
            ),
            PngError::NoBoard => write!(
                f,
                "This PNG holds no board: only PNGs exported by this app can be opened."
            ),
            PngError::TooLarge => write!(
                f,
                "The board in this PNG would unpack to more than {limit_mb} MB, the largest \
                 board the app opens. It was not opened."
            ),
            PngError::Unsupported => f.write_str(
                "This browser cannot unpack the board in a PNG: it is older than 2023. Open the \
                 .json or .svg file instead, or use a current browser.",
            ),
            PngError::DocumentTooLarge { bytes } => write!(
                f,
                "This board is {:.1} MB as JSON; the largest board a PNG can carry is {limit_mb} \
                 MB.",
                *bytes as f64 / (1024.0 * 1024.0)
            ),
        }
    }
}

impl std::error::Error for PngError {}

/// Whether the bytes start with the PNG signature.
pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
}

/// Whether a board's JSON may go into a PNG: a document larger than
/// [`MAX_DOCUMENT_BYTES`] could not be opened again.
///
/// # Errors
/// [`PngError::DocumentTooLarge`] for such a document.
pub fn fits(document_json: &str) -> Result<(), PngError> {
    if document_json.len() > MAX_DOCUMENT_BYTES {
        return Err(PngError::DocumentTooLarge {
            bytes: document_json.len(),
        });
    }
    Ok(())
}

/// The PNG with a board's JSON, already zlib-compressed (RFC 1950), in an
/// `iTXt` chunk right after `IHDR`. Any board chunk already in the file is
/// dropped, so embedding twice replaces the board; every other chunk is
/// kept as it was, and anything after `IEND` is left out. Check the JSON
/// with [`fits`] before compressing it.
///
/// # Errors
/// Refuses bytes that are not a PNG, and a PNG with a damaged chunk or
/// without its `IHDR` first and `IEND` last.
pub fn embed(png: &[u8], zlib_document: &[u8]) -> Result<Vec<u8>, PngError> {
    let chunks = walk(png)?;
    let mut data = Vec::with_capacity(KEYWORD.len() + 5 + zlib_document.len());
    data.extend_from_slice(KEYWORD.as_bytes());
    // Keyword end, compression flag (on), method (zlib), empty language tag,
    // empty translated keyword.
    data.extend_from_slice(&[0, 1, 0, 0, 0]);
    data.extend_from_slice(zlib_document);
    let mut out = Vec::with_capacity(png.len() + data.len() + 12);
    out.extend_from_slice(&SIGNATURE);
    let mut chunks = chunks.iter();
    // `walk` guarantees IHDR comes first.
    if let Some(header) = chunks.next() {
        out.extend_from_slice(header.raw);
    }
    write_chunk(&mut out, *b"iTXt", &data);
    for chunk in chunks.filter(|chunk| board_keyword(chunk).is_none()) {
        out.extend_from_slice(chunk.raw);
    }
    Ok(out)
}

/// The board's JSON from a PNG made by [`embed`] (or any PNG with an
/// `iTXt`, `tEXt` or `zTXt` chunk with our keyword). The JSON is not parsed
/// here: hand it to `document::restore`.
///
/// # Errors
/// Refuses bytes that are not a PNG, a PNG with any damaged chunk, a PNG
/// with no board chunk, a board chunk that cannot be unpacked or is not
/// UTF-8 text, and a board that would unpack to more than
/// [`MAX_DOCUMENT_BYTES`].
pub async fn extract(png: &[u8], inflater: &impl Inflate) -> Result<String, PngError> {
    let chunks = walk(png)?;
    let (chunk, text) = chunks
        .iter()
        .find_map(|chunk| board_keyword(chunk).map(|text| (chunk, text)))
        .ok_or(PngError::NoBoard)?;
    match &chunk.kind {
        b"tEXt" => Ok(latin1_or_utf8(bounded(text)?.to_vec())),
        b"zTXt" => {
            let (&method, stream) = text
                .split_first()
                .ok_or_else(|| damaged("its board chunk is cut short"))?;
            if method != 0 {
                return Err(damaged("its board chunk uses an unknown compression"));
            }
            Ok(latin1_or_utf8(inflate(inflater, stream).await?))
        }
        _ => {
            let [flag, method, rest @ ..] = text else {
                return Err(damaged("its board chunk is cut short"));
            };
            let (_language, rest) =
                split_at_zero(rest).ok_or_else(|| damaged("its board chunk is malformed"))?;
            let (_translated, text) =
                split_at_zero(rest).ok_or_else(|| damaged("its board chunk is malformed"))?;
            let bytes = match (*flag, *method) {
                (0, _) => bounded(text)?.to_vec(),
                (1, 0) => inflate(inflater, text).await?,
                _ => return Err(damaged("its board chunk uses an unknown compression")),
            };
            String::from_utf8(bytes).map_err(|_| damaged("its board text is not valid UTF-8"))
        }
    }
}

/// One chunk of a PNG, borrowed from the file.
struct Chunk<'a> {
    kind: [u8; 4],
    data: &'a [u8],
    /// The whole chunk as stored: length, type, data and CRC.
    raw: &'a [u8],
}

/// Checks the signature and every chunk up to and including `IEND`: that it
/// fits in the file, has a valid type and a matching CRC; that `IHDR` comes
/// first; and that `IEND` is there. Bytes after `IEND` are ignored.
fn walk(png: &[u8]) -> Result<Vec<Chunk<'_>>, PngError> {
    if !is_png(png) {
        return Err(PngError::NotPng);
    }
    let mut chunks = Vec::new();
    let mut rest = &png[SIGNATURE.len()..];
    loop {
        let Some((length, after_length)) = rest.split_first_chunk::<4>() else {
            return Err(damaged("it was cut short before its end chunk"));
        };
        let length = u32::from_be_bytes(*length) as usize;
        if length > MAX_CHUNK_LENGTH {
            return Err(damaged("a chunk claims an impossible length"));
        }
        let Some((kind, after_kind)) = after_length.split_first_chunk::<4>() else {
            return Err(damaged("it was cut short in the middle of a chunk"));
        };
        if !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(damaged("a chunk has an invalid name"));
        }
        if after_kind.len() < length + 4 {
            return Err(damaged("it was cut short in the middle of a chunk"));
        }
        let (data, after_data) = after_kind.split_at(length);
        let (crc, after_crc) = after_data.split_at(4);
        if crc32(&[kind, data]).to_be_bytes() != crc {
            return Err(damaged(&format!(
                "the checksum of its {} chunk does not match",
                String::from_utf8_lossy(kind)
            )));
        }
        let raw = &rest[..12 + length];
        let kind = *kind;
        if chunks.is_empty() && &kind != b"IHDR" {
            return Err(damaged("it does not start with a header chunk"));
        }
        chunks.push(Chunk { kind, data, raw });
        if &kind == b"IEND" {
            return Ok(chunks);
        }
        rest = after_crc;
    }
}

/// For a text chunk with our keyword, what follows the keyword's NUL.
fn board_keyword<'a>(chunk: &Chunk<'a>) -> Option<&'a [u8]> {
    if !matches!(&chunk.kind, b"tEXt" | b"zTXt" | b"iTXt") {
        return None;
    }
    let (keyword, rest) = split_at_zero(chunk.data)?;
    (keyword == KEYWORD.as_bytes()).then_some(rest)
}

/// The bytes before the first NUL and those after it.
fn split_at_zero(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = bytes.iter().position(|b| *b == 0)?;
    Some((&bytes[..at], &bytes[at + 1..]))
}

/// Uncompressed text, refused when it is over the limit.
fn bounded(text: &[u8]) -> Result<&[u8], PngError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        Err(PngError::TooLarge)
    } else {
        Ok(text)
    }
}

/// Inflates a zlib stream, never to more than [`MAX_DOCUMENT_BYTES`].
async fn inflate(inflater: &impl Inflate, stream: &[u8]) -> Result<Vec<u8>, PngError> {
    inflater
        .inflate(stream, MAX_DOCUMENT_BYTES)
        .await
        .map_err(|error| match error {
            InflateError::TooLarge => PngError::TooLarge,
            InflateError::CutShort => damaged("its board chunk is cut short"),
            InflateError::Checksum => damaged("its board does not match its checksum"),
            InflateError::Broken => damaged("its board chunk cannot be unpacked"),
            InflateError::Unsupported => PngError::Unsupported,
        })
}

/// `tEXt` and `zTXt` hold Latin-1, but some writers put UTF-8 there; text
/// that is valid UTF-8 is read as such, anything else as Latin-1.
fn latin1_or_utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|error| error.into_bytes().into_iter().map(char::from).collect())
}

fn write_chunk(out: &mut Vec<u8>, kind: [u8; 4], data: &[u8]) {
    // Board chunks are at most a few MB (the JSON is capped at 10 MB before
    // compression), far below the 2³¹ − 1 a chunk may hold.
    out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(&kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(&[&kind, data]).to_be_bytes());
}

/// The CRC-32 of PNG chunks (ISO 3309, reflected polynomial `0xEDB88320`) of
/// the parts in turn, a byte at a time from one 1 KB table. `crc32fast`'s
/// sixteen tables put 16 KB of incompressible data into the download, for a
/// speed (a few GB/s against about 1 here) no PNG this app reads needs.
fn crc32(parts: &[&[u8]]) -> u32 {
    let mut crc = !0u32;
    for byte in parts.iter().flat_map(|part| part.iter()) {
        crc = CRC_TABLE[((crc ^ u32::from(*byte)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// The CRC-32 of each byte value, computed when the app is compiled.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

fn damaged(reason: &str) -> PngError {
    PngError::Damaged {
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::testing::{deflate, ready, Miniz, Refuses};

    #[test]
    fn crc32_matches_the_published_check_values() {
        // The check value of CRC-32/ISO-HDLC, and the CRC every PNG's IEND
        // chunk carries (over its name and no data).
        assert_eq!(crc32(&[b"123456789"]), 0xcbf4_3926);
        assert_eq!(crc32(&[b"IEND", b""]), 0xae42_6082);
        assert_eq!(crc32(&[]), 0);
        assert_eq!(crc32(&[b"1234", b"", b"56789"]), crc32(&[b"123456789"]));
        assert_eq!(
            crc32(&[b"The quick brown fox jumps over the lazy dog"]),
            0x414f_a339
        );
    }

    /// A chunk with its length and a correct CRC.
    fn chunk(kind: [u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        write_chunk(&mut out, kind, data);
        out
    }

    /// A valid 1×1 RGBA PNG: signature, IHDR, the given extra chunks, an
    /// IDAT holding one zlib-compressed scanline, IEND.
    fn png_with(extra: &[Vec<u8>]) -> Vec<u8> {
        let mut header = Vec::new();
        header.extend_from_slice(&1u32.to_be_bytes()); // width
        header.extend_from_slice(&1u32.to_be_bytes()); // height
        header.extend_from_slice(&[8, 6, 0, 0, 0]); // depth, RGBA, deflate, filter, no interlace
        let scanline = [0u8, 0x3d, 0x7a, 0xb8, 0xff]; // filter type 0, one pixel
        let mut png = SIGNATURE.to_vec();
        png.extend(chunk(*b"IHDR", &header));
        for extra in extra {
            png.extend_from_slice(extra);
        }
        png.extend(chunk(
            *b"IDAT",
            &miniz_oxide::deflate::compress_to_vec_zlib(&scanline, 6),
        ));
        png.extend(chunk(*b"IEND", &[]));
        png
    }

    /// [`embed`] of a JSON text, checked with [`fits`] and compressed here
    /// as the browser does it in the app.
    pub(super) fn embed_json(png: &[u8], json: &str) -> Result<Vec<u8>, PngError> {
        fits(json)?;
        embed(png, &deflate(json.as_bytes()))
    }

    /// [`super::extract`], inflating with miniz where the app has the
    /// browser do it.
    pub(super) fn extract(png: &[u8]) -> Result<String, PngError> {
        ready(super::extract(png, &Miniz))
    }

    fn tiny_png() -> Vec<u8> {
        png_with(&[])
    }

    /// The data of a text chunk: keyword, NUL, then `rest`.
    fn text_data(keyword: &str, rest: &[u8]) -> Vec<u8> {
        let mut data = keyword.as_bytes().to_vec();
        data.push(0);
        data.extend_from_slice(rest);
        data
    }

    /// An iTXt chunk with our keyword and the given flag, method and text.
    fn itxt(flag: u8, method: u8, text: &[u8]) -> Vec<u8> {
        let mut rest = vec![flag, method];
        rest.extend_from_slice(b"en\0Wertschwungrad\0");
        rest.extend_from_slice(text);
        chunk(*b"iTXt", &text_data(KEYWORD, &rest))
    }

    /// The chunk types of a PNG, in order, checked by `walk`.
    fn kinds(png: &[u8]) -> Vec<String> {
        walk(png)
            .unwrap()
            .iter()
            .map(|chunk| String::from_utf8_lossy(&chunk.kind).into_owned())
            .collect()
    }

    /// Where the first chunk of this type starts and ends in the file.
    fn span_of(png: &[u8], kind: [u8; 4]) -> std::ops::Range<usize> {
        let chunks = walk(png).unwrap();
        let chunk = chunks.iter().find(|chunk| chunk.kind == kind).unwrap();
        let start = chunk.raw.as_ptr() as usize - png.as_ptr() as usize;
        start..start + chunk.raw.len()
    }

    fn seed_json() -> String {
        crate::document::to_json(&crate::document::templates::data_factory())
    }

    fn damaged_reason(result: Result<impl std::fmt::Debug, PngError>) -> String {
        match result {
            Err(PngError::Damaged { reason }) => reason,
            other => panic!("expected a damaged error, got {other:?}"),
        }
    }

    #[test]
    fn the_test_png_is_well_formed() {
        let png = tiny_png();
        assert!(is_png(&png));
        assert_eq!(kinds(&png), ["IHDR", "IDAT", "IEND"]);
        // The CRC of an empty IEND chunk is the well-known AE 42 60 82.
        assert_eq!(&png[png.len() - 4..], &[0xae, 0x42, 0x60, 0x82]);
        assert_eq!(extract(&png), Err(PngError::NoBoard));
    }

    #[test]
    fn the_seed_board_round_trips() {
        let json = seed_json();
        let png = embed_json(&tiny_png(), &json).unwrap();
        assert_eq!(extract(&png).unwrap(), json);
        let restored = crate::document::restore(&extract(&png).unwrap()).unwrap();
        assert_eq!(restored.board, crate::document::templates::data_factory());
        // Compressed, the board costs far less than its JSON.
        assert!(
            png.len() < tiny_png().len() + json.len() / 2,
            "{} bytes",
            png.len()
        );
    }

    #[test]
    fn non_ascii_text_round_trips() {
        let json = r#"{"title":"Ünïcödé 🦀 世界 \u0000 <b>&amp;</b>","x":"é"}"#;
        let png = embed_json(&tiny_png(), json).unwrap();
        assert_eq!(extract(&png).unwrap(), json);
    }

    #[test]
    fn a_megabyte_of_text_round_trips() {
        use std::fmt::Write as _;
        let mut json = String::with_capacity(1 << 20);
        let mut n: u32 = 1;
        while json.len() < 1 << 20 {
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            write!(json, "{n:x} ü ").unwrap();
        }
        assert!(json.len() >= 1 << 20);
        let png = embed_json(&tiny_png(), &json).unwrap();
        assert!(png.len() < json.len(), "{} bytes", png.len());
        assert_eq!(extract(&png).unwrap(), json);
    }

    #[test]
    fn the_board_goes_right_after_the_header_and_the_rest_is_kept() {
        let original = png_with(&[chunk(*b"tEXt", &text_data("Software", b"a painter"))]);
        let png = embed_json(&original, "{}").unwrap();
        assert_eq!(&png[..8], &SIGNATURE);
        assert_eq!(kinds(&png), ["IHDR", "iTXt", "tEXt", "IDAT", "IEND"]);
        // IHDR, the other text chunk, IDAT and IEND are kept byte for byte.
        let header = span_of(&original, *b"IHDR");
        assert_eq!(&png[header.clone()], &original[header.clone()]);
        let after_ours = span_of(&png, *b"iTXt").end;
        assert_eq!(&png[after_ours..], &original[header.end..]);
        assert!(png.ends_with(&chunk(*b"IEND", &[])));
        // The board chunk is laid out as the PNG specification says.
        let chunks = walk(&png).unwrap();
        let data = chunks[1].data;
        assert!(data.starts_with(b"value-flywheel\0\x01\x00\x00\x00"));
        let stream = &data[KEYWORD.len() + 5..];
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec_zlib(stream).unwrap(),
            b"{}"
        );
    }

    #[test]
    fn the_image_data_still_decodes_after_embedding() {
        let png = embed_json(&tiny_png(), &seed_json()).unwrap();
        let chunks = walk(&png).unwrap();
        let idat = chunks.iter().find(|chunk| &chunk.kind == b"IDAT").unwrap();
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec_zlib(idat.data).unwrap(),
            [0u8, 0x3d, 0x7a, 0xb8, 0xff]
        );
    }

    #[test]
    fn embedding_again_replaces_the_board() {
        let once = embed_json(&tiny_png(), "first").unwrap();
        let twice = embed_json(&once, "second").unwrap();
        assert_eq!(extract(&twice).unwrap(), "second");
        assert_eq!(kinds(&twice), ["IHDR", "iTXt", "IDAT", "IEND"]);
        assert_eq!(twice, embed_json(&tiny_png(), "second").unwrap());
        // Board chunks of every type are replaced, wherever they are; other
        // keywords stay.
        let other = chunk(*b"iTXt", &text_data("Comment", b"\0\0\0\0hello"));
        let stale = png_with(&[
            chunk(*b"tEXt", &text_data(KEYWORD, b"old")),
            other.clone(),
            chunk(*b"zTXt", &text_data(KEYWORD, b"\0x")),
        ]);
        let fresh = embed_json(&stale, "new").unwrap();
        assert_eq!(kinds(&fresh), ["IHDR", "iTXt", "iTXt", "IDAT", "IEND"]);
        assert_eq!(extract(&fresh).unwrap(), "new");
        assert!(fresh.windows(other.len()).any(|window| window == other));
    }

    #[test]
    fn a_png_without_our_chunk_holds_no_board() {
        let others = png_with(&[
            chunk(*b"tEXt", &text_data("Software", b"value-flywheel")),
            chunk(*b"tEXt", &text_data("value-flywheel-old", b"{}")),
            chunk(*b"iTXt", &text_data("value-flywhee", b"\0\0\0\0{}")),
            chunk(*b"tEXt", b"no keyword end"),
        ]);
        let error = extract(&others).unwrap_err();
        assert_eq!(error, PngError::NoBoard);
        assert_eq!(
            error.to_string(),
            "This PNG holds no board: only PNGs exported by this app can be opened."
        );
    }

    #[test]
    fn an_uncompressed_itxt_a_text_and_a_ztxt_chunk_are_read() {
        let json = r#"{"title":"Café ✓"}"#;
        let plain = png_with(&[itxt(0, 0, json.as_bytes())]);
        assert_eq!(extract(&plain).unwrap(), json);
        // tEXt is Latin-1: the byte E9 is "é".
        let latin1 = png_with(&[chunk(*b"tEXt", &text_data(KEYWORD, b"{\"t\":\"Caf\xe9\"}"))]);
        assert_eq!(extract(&latin1).unwrap(), r#"{"t":"Café"}"#);
        // Some writers put UTF-8 into tEXt; it is read as such.
        let utf8 = png_with(&[chunk(*b"tEXt", &text_data(KEYWORD, json.as_bytes()))]);
        assert_eq!(extract(&utf8).unwrap(), json);
        let mut compressed = vec![0];
        compressed.extend(miniz_oxide::deflate::compress_to_vec_zlib(
            json.as_bytes(),
            6,
        ));
        let ztxt = png_with(&[chunk(*b"zTXt", &text_data(KEYWORD, &compressed))]);
        assert_eq!(extract(&ztxt).unwrap(), json);
    }

    #[test]
    fn the_first_board_chunk_wins() {
        let png = png_with(&[itxt(0, 0, b"one"), itxt(0, 0, b"two")]);
        assert_eq!(extract(&png).unwrap(), "one");
    }

    #[test]
    fn a_changed_byte_anywhere_in_our_chunk_is_damage() {
        let png = embed_json(&tiny_png(), &seed_json()).unwrap();
        let ours = span_of(&png, *b"iTXt");
        assert!(ours.len() > 100);
        for at in ours {
            for flip in [0x01, 0x80, 0xff] {
                let mut changed = png.clone();
                changed[at] ^= flip;
                let error = extract(&changed).unwrap_err();
                assert!(
                    matches!(error, PngError::Damaged { .. }),
                    "byte {at} ^ {flip:#x}: {error:?}"
                );
            }
        }
    }

    #[test]
    fn a_bad_crc_names_its_chunk() {
        let mut png = embed_json(&tiny_png(), "{}").unwrap();
        let idat = span_of(&png, *b"IDAT");
        png[idat.end - 1] ^= 1;
        let reason = damaged_reason(extract(&png));
        assert_eq!(reason, "the checksum of its IDAT chunk does not match");
        assert!(damaged_reason(embed_json(&png, "{}")).contains("IDAT"));
    }

    #[test]
    fn a_truncated_file_is_refused_at_every_length() {
        let png = embed_json(&tiny_png(), &seed_json()).unwrap();
        for keep in 0..png.len() {
            let error = extract(&png[..keep]).unwrap_err();
            if keep < SIGNATURE.len() {
                assert_eq!(error, PngError::NotPng, "cut to {keep}");
            } else {
                assert!(
                    matches!(error, PngError::Damaged { .. }),
                    "cut to {keep}: {error:?}"
                );
            }
            assert!(embed_json(&png[..keep], "{}").is_err(), "cut to {keep}");
        }
        let error = extract(&png[..png.len() - 12]).unwrap_err();
        assert!(error.to_string().contains("cut short"), "{error}");
    }

    #[test]
    fn bytes_after_the_end_chunk_are_ignored_and_dropped() {
        let mut png = embed_json(&tiny_png(), "board").unwrap();
        let clean = png.clone();
        png.extend_from_slice(b"trailing garbage");
        assert_eq!(extract(&png).unwrap(), "board");
        assert_eq!(embed_json(&png, "board").unwrap(), clean);
    }

    #[test]
    fn a_file_that_is_not_a_png_is_refused() {
        let jpeg = [
            0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1,
        ];
        for bytes in [
            &b""[..],
            b"{\"format\":\"value-flywheel\"}",
            &jpeg,
            &SIGNATURE[..7],
        ] {
            assert!(!is_png(bytes));
            assert_eq!(extract(bytes), Err(PngError::NotPng));
            assert_eq!(embed_json(bytes, "{}"), Err(PngError::NotPng));
        }
        assert!(is_png(&SIGNATURE));
        assert!(PngError::NotPng
            .to_string()
            .starts_with("This file is not a PNG"));
    }

    #[test]
    fn a_png_must_start_with_its_header_and_chunks_must_be_well_formed() {
        let mut headless = SIGNATURE.to_vec();
        headless.extend(chunk(*b"IDAT", b"x"));
        headless.extend(chunk(*b"IEND", &[]));
        assert_eq!(
            damaged_reason(extract(&headless)),
            "it does not start with a header chunk"
        );
        let mut bad_name = tiny_png();
        bad_name.truncate(bad_name.len() - 12);
        bad_name.extend(chunk(*b"IE D", &[]));
        assert_eq!(
            damaged_reason(extract(&bad_name)),
            "a chunk has an invalid name"
        );
        let mut huge = SIGNATURE.to_vec();
        huge.extend_from_slice(&[0x80, 0, 0, 0]);
        huge.extend_from_slice(b"IHDR");
        assert_eq!(
            damaged_reason(extract(&huge)),
            "a chunk claims an impossible length"
        );
        let mut endless = tiny_png();
        endless.truncate(endless.len() - 12);
        assert_eq!(
            damaged_reason(extract(&endless)),
            "it was cut short before its end chunk"
        );
    }

    #[test]
    fn a_malformed_board_chunk_is_damage() {
        let cases: [(Vec<u8>, &str); 6] = [
            (
                itxt(2, 0, b"{}"),
                "its board chunk uses an unknown compression",
            ),
            (
                itxt(1, 7, b"{}"),
                "its board chunk uses an unknown compression",
            ),
            (
                itxt(1, 0, b"not zlib at all"),
                "its board chunk cannot be unpacked",
            ),
            (itxt(0, 0, b"\xff\xfe"), "its board text is not valid UTF-8"),
            (
                chunk(*b"iTXt", &text_data(KEYWORD, b"\0\0no second nul")),
                "its board chunk is malformed",
            ),
            (
                chunk(*b"iTXt", &text_data(KEYWORD, b"\x01")),
                "its board chunk is cut short",
            ),
        ];
        for (board_chunk, expected) in cases {
            assert_eq!(damaged_reason(extract(&png_with(&[board_chunk]))), expected);
        }
        let stream = miniz_oxide::deflate::compress_to_vec_zlib(b"{\"a\":1}", 6);
        let cut = itxt(1, 0, &stream[..stream.len() - 6]);
        assert_eq!(
            damaged_reason(extract(&png_with(&[cut]))),
            "its board chunk is cut short"
        );
        let mut wrong_sum = stream.clone();
        let last = wrong_sum.len() - 1;
        wrong_sum[last] ^= 1;
        assert_eq!(
            damaged_reason(extract(&png_with(&[itxt(1, 0, &wrong_sum)]))),
            "its board does not match its checksum"
        );
        let ztxt = chunk(*b"zTXt", &text_data(KEYWORD, b"\x05abc"));
        assert_eq!(
            damaged_reason(extract(&png_with(&[ztxt]))),
            "its board chunk uses an unknown compression"
        );
    }

    #[test]
    fn a_decompression_bomb_is_refused_as_too_large() {
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; 50 * 1024 * 1024], 9);
        assert!(bomb.len() < 200_000, "{} bytes", bomb.len());
        let png = png_with(&[itxt(1, 0, &bomb)]);
        let error = extract(&png).unwrap_err();
        assert_eq!(error, PngError::TooLarge);
        assert!(error.to_string().contains("more than 10 MB"), "{error}");
        let mut ztxt = vec![0];
        ztxt.extend_from_slice(&bomb);
        let png = png_with(&[chunk(*b"zTXt", &text_data(KEYWORD, &ztxt))]);
        assert_eq!(extract(&png), Err(PngError::TooLarge));
    }

    #[test]
    fn uncompressed_text_over_the_limit_is_too_large() {
        let text = vec![b' '; MAX_DOCUMENT_BYTES + 1];
        let png = png_with(&[chunk(*b"tEXt", &text_data(KEYWORD, &text))]);
        assert_eq!(extract(&png), Err(PngError::TooLarge));
        let png = png_with(&[itxt(0, 0, &text)]);
        assert_eq!(extract(&png), Err(PngError::TooLarge));
        // Exactly at the limit still opens.
        let png = png_with(&[itxt(
            1,
            0,
            &miniz_oxide::deflate::compress_to_vec_zlib(&text[1..], 6),
        )]);
        assert_eq!(extract(&png).map(|json| json.len()), Ok(MAX_DOCUMENT_BYTES));
    }

    #[test]
    fn a_board_over_the_limit_is_not_embedded() {
        let json = " ".repeat(MAX_DOCUMENT_BYTES + 1);
        let error = embed_json(&tiny_png(), &json).unwrap_err();
        assert_eq!(
            error,
            PngError::DocumentTooLarge {
                bytes: MAX_DOCUMENT_BYTES + 1
            }
        );
        assert_eq!(
            error.to_string(),
            "This board is 10.0 MB as JSON; the largest board a PNG can carry is 10 MB."
        );
    }

    #[test]
    fn a_browser_that_cannot_inflate_is_told_apart_from_a_damaged_png() {
        let png = embed_json(&tiny_png(), &seed_json()).unwrap();
        assert_eq!(
            ready(super::extract(&png, &Refuses)),
            Err(PngError::Unsupported)
        );
    }

    #[test]
    fn every_error_has_a_message_for_users() {
        let errors = [
            PngError::NotPng,
            damaged("it was cut short"),
            PngError::NoBoard,
            PngError::TooLarge,
            PngError::DocumentTooLarge { bytes: 1 },
            PngError::Unsupported,
        ];
        for error in errors {
            let message = error.to_string();
            assert!(
                message.starts_with("This ") || message.starts_with("The "),
                "{message}"
            );
            assert!(message.ends_with('.'), "{message}");
        }
        assert_eq!(
            damaged("it was cut short").to_string(),
            "This PNG is damaged: it was cut short. It may have been cut short while \
             downloading or changed by another program."
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod fuzz {
        use super::super::*;
        use super::{embed_json, extract, seed_json, tiny_png};
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2_000))]

            #[test]
            fn random_bytes_after_the_signature_never_panic(
                tail in prop::collection::vec(any::<u8>(), 0..512),
            ) {
                let mut png = SIGNATURE.to_vec();
                png.extend(tail);
                prop_assert!(extract(&png).is_err());
                let _ = embed_json(&png, "{}");
            }

            #[test]
            fn a_changed_board_png_is_refused_or_reads_the_same(
                changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
                cut in any::<prop::sample::Index>(),
                truncate in any::<bool>(),
            ) {
                let json = seed_json();
                let mut png = embed_json(&tiny_png(), &json).unwrap();
                let pristine = png.clone();
                for (at, byte) in changes {
                    let at = at.index(png.len());
                    png[at] = byte;
                }
                if truncate {
                    png.truncate(cut.index(png.len()));
                }
                match extract(&png) {
                    Ok(text) => {
                        prop_assert_eq!(&png, &pristine);
                        prop_assert_eq!(text, json);
                    }
                    Err(error) => prop_assert!(!error.to_string().is_empty()),
                }
            }
        }
    }
}
