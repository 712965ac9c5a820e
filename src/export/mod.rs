//! Everything a board becomes outside the app, and back: share links
//! (deflate + base64url in the URL fragment), a standalone SVG of the wheel
//! and a PNG that both carry the board's JSON, Markdown, CSV and JSON Canvas.
//! Plain Rust, tested natively; the browser moves the bytes and does the
//! zlib compression both ways (see [`Inflate`]).

pub mod canvas;
pub mod csv;
pub mod markdown;
pub mod png;
pub mod share;
pub mod svg;
#[cfg(test)]
mod testing;

/// Why a zlib stream (RFC 1950) could not be unpacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// It would unpack to more than the limit asked for.
    TooLarge,
    /// It stops before its end.
    CutShort,
    /// What it unpacks to does not match its Adler-32 checksum.
    Checksum,
    /// Anything else: not zlib, or a broken deflate stream.
    Broken,
    /// The browser cannot unpack zlib at all (it is older than 2023).
    Unsupported,
}

/// What unpacks zlib streams, to at most `limit` bytes. The app has the
/// browser do it (`DecompressionStream`, in `ui::files`), so no inflate code
/// ships in the download; the native tests use miniz (`testing::Miniz`).
pub trait Inflate {
    /// The bytes `stream` unpacks to.
    fn inflate(
        &self,
        stream: &[u8],
        limit: usize,
    ) -> impl std::future::Future<Output = Result<Vec<u8>, InflateError>>;
}

/// Why a file could not be read as a board.
#[derive(Debug)]
pub enum ReadError {
    Png(png::PngError),
    Svg(svg::SvgError),
    /// Neither a PNG nor UTF-8 text.
    NotText,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Png(error) => write!(f, "{error}"),
            ReadError::Svg(error) => write!(f, "{error}"),
            ReadError::NotText => f.write_str(
                "It is not a board file: the app opens .json files and the .svg and .png pictures it exports.",
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// The board document inside a file the user opened: a PNG's text chunk,
/// an SVG's metadata, or the file itself (JSON, which `document::restore`
/// then reads like every other board).
///
/// # Errors
/// A picture without a board in it, a damaged picture, or bytes that are
/// neither a PNG nor text.
pub async fn board_text(bytes: &[u8], inflater: &impl Inflate) -> Result<String, ReadError> {
    if png::is_png(bytes) {
        return png::extract(bytes, inflater).await.map_err(ReadError::Png);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotText)?;
    if svg::looks_like_svg(text) {
        return svg::extract(text).map_err(ReadError::Svg);
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_owned())
}

/// Escapes text for XML and HTML content and attribute values: `&`, `<`,
/// `>`, `"` and `'` become entities, and characters XML 1.0 forbids
/// (control characters other than tab, newline and carriage return) are
/// dropped, so user text can never open a tag or end an attribute.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_xml;

    #[test]
    fn escape_xml_neutralises_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape_xml("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape_xml("a\u{1}b\tc\u{FFFF}"), "ab\tc");
        assert_eq!(escape_xml("Ünïcode ✓"), "Ünïcode ✓");
    }
}
