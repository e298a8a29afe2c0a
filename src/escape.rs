//! Escaping text for HTML and XML: element content and quoted attribute
//! values alike (`&`, `<`, `>`, `"` and `'` become references valid in both).

/// `text` with `& < > " '` replaced by `&amp; &lt; &gt; &quot; &#39;`.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_five() {
        for (raw, want) in [
            ("a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&#39;"),
            ("plain é", "plain é"),
        ] {
            assert_eq!(super::markup(raw), want);
        }
    }
}
