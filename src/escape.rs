//! Escaping text for HTML and XML: element content and quoted attribute
//! values alike (`&`, `<`, `>`, `"` and `'` become references valid in both).

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
