//! Escaping text for HTML and XML: element content and quoted attribute
//! values alike (`&`, `<`, `>`, `"` and `'` become references valid in both);
//! and dropping the code points each of the two forbids in a document, so
//! that a control character in front matter cannot make output invalid.

use std::borrow::Cow;

/// `text` with `& < > " '` replaced by `&amp; &lt; &gt; &quot; &#39;`.
pub(crate) fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // The five are ASCII, so runs between them are copied whole.
    let mut done = 0;
    for (at, byte) in text.bytes().enumerate() {
        let reference = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[done..at]);
        out.push_str(reference);
        done = at + 1;
    }
    out.push_str(&text[done..]);
    out
}

/// `text` without the code points HTML forbids in a document (controls
/// other than whitespace, and noncharacters); borrowed when it has none.
pub(crate) fn html_safe(text: &str) -> Cow<'_, str> {
    // Every forbidden one is a C0 control or DEL, or its UTF-8 form starts
    // with 0xC2 (C1 controls), 0xEF (U+FDD0–U+FDEF, U+FFFE, U+FFFF) or 0xF0–0xF4.
    // Plain comparisons, so the scan of each block vectorises: every
    // escaped string of every page passes here.
    let suspect = |b: u8| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
            || b == 0x7f
            || b == 0xc2
            || b == 0xef
            || b >= 0xf0
    };
    without(text, suspect, |c| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FDD0}'..='\u{FDEF}')
            || (c as u32 & 0xFFFE) == 0xFFFE
    })
}

/// `text` without the code points XML 1.0 forbids (C0 controls other than
/// tab, line feed and carriage return; U+FFFE; U+FFFF).
pub(crate) fn xml_safe(text: &str) -> String {
    // Every forbidden one is a C0 control byte or starts with 0xEF.
    let suspect = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF;
    without(text, suspect, |c| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
    })
    .into_owned()
}

/// `text` without the code points `forbidden` names. `suspect` is a quick
/// byte scan first: no byte it accepts means no forbidden code point.
fn without(
    text: &str,
    suspect: impl Fn(u8) -> bool,
    forbidden: impl Fn(char) -> bool,
) -> Cow<'_, str> {
    let any_suspect = (text.as_bytes().chunks(64))
        .any(|block| block.iter().fold(false, |seen, &b| seen | suspect(b)));
    if !any_suspect || !text.chars().any(&forbidden) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| !forbidden(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_five() {
        for (raw, want) in [
            ("a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&#39;"),
            ("plain é", "plain é"),
            ("", ""),
            ("&&", "&amp;&amp;"),
            ("é<ü>😀'", "é&lt;ü&gt;😀&#39;"),
        ] {
            assert_eq!(super::markup(raw), want);
        }
    }
}
