//! Escaping for the XML formats (JUnit, checkstyle).

use std::fmt::Write;

/// Text made safe for an XML 1.0 attribute value or element content.
///
/// `&`, `<`, `>`, `"` and `'` become entities; tab, line feed and carriage return become
/// character references, so that attribute-value normalization keeps them; characters XML
/// 1.0 cannot carry at all (other C0 controls, U+FFFE, U+FFFF) become U+FFFD.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Text made safe for element content: as [`escape`], but tab and line feed stay as they
/// are (they need no reference there and read better).
pub(super) fn escape_text(text: &str) -> String {
    escape(text).replace("&#9;", "\t").replace("&#10;", "\n")
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_text};

    #[test]
    fn element_content_keeps_line_feeds_and_tabs() {
        assert_eq!(
            escape_text("a\tb\r\nc & &#10;"),
            "a\tb&#13;\nc &amp; &amp;#10;"
        );
    }

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;"
        );
    }

    #[test]
    fn whitespace_survives_attribute_normalization() {
        assert_eq!(escape("a\tb\nc\r\nd"), "a&#9;b&#10;c&#13;&#10;d");
    }

    #[test]
    fn characters_xml_cannot_carry_are_replaced() {
        assert_eq!(
            escape("a\u{0}b\u{1b}c\u{7f}\u{fffe}"),
            "a\u{fffd}b\u{fffd}c\u{7f}\u{fffd}"
        );
    }

    #[test]
    fn entities_are_not_double_unescaped_and_unicode_stays() {
        assert_eq!(escape("&amp; café ✓"), "&amp;amp; café ✓");
    }
}
