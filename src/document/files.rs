//! Names for the files the app writes.

/// A file name made from a board title: lower-case ASCII letters and digits
/// joined by hyphens, at most 60 of them, then the extension. A title with
/// no usable characters gives "flywheel".
pub fn file_name(title: &str, extension: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "flywheel" } else { slug };
    format!("{slug}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_safe_file_names() {
        assert_eq!(
            file_name("Data factory → data mesh!", "json"),
            "data-factory-data-mesh.json"
        );
        assert_eq!(file_name("../../etc/passwd", "json"), "etc-passwd.json");
        assert_eq!(file_name("世界", "svg"), "flywheel.svg");
        assert_eq!(file_name("", "json"), "flywheel.json");
        assert!(file_name(&"a b ".repeat(100), "json").len() <= 65);
    }
}
