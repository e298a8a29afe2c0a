//! Filters the themes may use beyond Tera's own.
//!
//! - `json_script`: the value as JSON safe to embed inside `<script>` (for
//!   JSON-LD): `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`.
//!
//! Also the escape function of autoescaped templates: Tera's HTML escaping,
//! minus the code points HTML forbids, so that a control character in front
//! matter cannot make a page invalid.

use tera::{Kwargs, State, Tera, Value};

/// Registers every filter of this module.
pub(crate) fn register(tera: &mut Tera) {
    tera.register_filter("json_script", json_script);
}

fn json_script(value: &Value, _: Kwargs, _: &State) -> Value {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    Value::safe_string(&script_safe(&json))
}

/// Tera's HTML escaping with the code points HTML forbids dropped (set
/// with `Tera::set_escape_fn`).
pub(crate) fn escape_html(input: &str, buf: &mut dyn std::io::Write) -> std::io::Result<()> {
    tera::escape_html(&crate::escape::html_safe(input), buf)
}

/// JSON text made safe inside an HTML `<script>` element.
pub(crate) fn script_safe(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    let mut done = 0;
    // Bytes, not chars: U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
    for (at, &b) in bytes.iter().enumerate() {
        let (escaped, len) = match b {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 if bytes[at..].starts_with(&[0xE2, 0x80, 0xA8]) => ("\\u2028", 3),
            0xE2 if bytes[at..].starts_with(&[0xE2, 0x80, 0xA9]) => ("\\u2029", 3),
            _ => continue,
        };
        out.push_str(&json[done..at]);
        out.push_str(escaped);
        done = at + len;
    }
    out.push_str(&json[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_drops_forbidden_code_points() {
        for (raw, want) in [
            ("a<b & \"c\"", "a&lt;b &amp; &quot;c&quot;"),
            ("x\u{1}y\u{1b}z\u{7f}\u{85}", "xyz"),
            ("tab\tnl\ncr\r ff\u{c}", "tab\tnl\ncr\r ff\u{c}"),
            ("\u{fdd0}\u{fffe}\u{1ffff}🛰️", "🛰️"),
        ] {
            let mut out = Vec::new();
            escape_html(raw, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want, "{raw:?}");
        }
    }

    #[test]
    fn script_safe_json() {
        let mut t = Tera::new();
        register(&mut t);
        let mut ctx = tera::Context::new();
        ctx.insert("v", "</script><b>&");
        let out = t.render_str("{{ v | json_script }}", &ctx, true).unwrap();
        assert_eq!(out, "\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"");
        assert_eq!(
            script_safe("\"a\u{2028}b\u{2029}ü<>\""),
            "\"a\\u2028b\\u2029ü\\u003c\\u003e\""
        );
    }
}
