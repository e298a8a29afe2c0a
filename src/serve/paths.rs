//! Request paths -> keys of the built site, refusing traversal in every
//! encoding. The raw (still percent-encoded) path goes in; out comes the
//! output file to serve, a redirect, or a refusal. Only keys of the built
//! site can ever come out, so nothing outside it is reachable.

/// What to do with a request path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// Serve this output file (`briefs/x/index.html`).
    File(String),
    /// Redirect to this path (`/briefs/x/`).
    Redirect(String),
    /// No such file: serve the 404 page.
    NotFound,
    /// A malformed or hostile path: 400.
    BadRequest,
}

/// Resolves the raw request path against the set of built files.
pub(crate) fn resolve(raw: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let Some(segments) = segments(raw) else {
        return Resolved::BadRequest;
    };
    let dir_request = raw.ends_with('/');
    let key = segments.join("/");
    if dir_request || key.is_empty() {
        let index = if key.is_empty() {
            "index.html".to_string()
        } else {
            format!("{key}/index.html")
        };
        return if exists(&index) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if exists(&key) {
        return Resolved::File(key);
    }
    if exists(&format!("{key}/index.html")) {
        return Resolved::Redirect(format!("{raw}/"));
    }
    Resolved::NotFound
}

/// The decoded segments of a path, or `None` if the path is hostile: not
/// starting with `/`, holding encoded separators or dots, backslashes, NUL,
/// `.`/`..` segments or empty segments (`//`), or invalid UTF-8.
fn segments(raw: &str) -> Option<Vec<String>> {
    let rest = raw.strip_prefix('/')?;
    let lower = raw.to_ascii_lowercase();
    if ["%2f", "%5c", "%2e", "%00"]
        .iter()
        .any(|e| lower.contains(e))
        || raw.contains('\\')
    {
        return None;
    }
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        return Some(Vec::new());
    }
    rest.split('/').map(segment).collect()
}

fn segment(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?
        .into_owned();
    let hostile = decoded.is_empty()
        || decoded == "."
        || decoded == ".."
        || decoded.contains(['/', '\\', '\0', '%'])
        || decoded.contains(':');
    (!hostile).then_some(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(key: &str) -> bool {
        [
            "index.html",
            "briefs/x/index.html",
            "style.css",
            "a b/c.txt",
        ]
        .contains(&key)
    }

    #[test]
    fn resolves_and_refuses() {
        use Resolved::*;
        let file = |s: &str| File(s.to_string());
        for (raw, want) in [
            ("/", file("index.html")),
            ("/briefs/x/", file("briefs/x/index.html")),
            ("/briefs/x", Redirect("/briefs/x/".into())),
            ("/style.css", file("style.css")),
            ("/a%20b/c.txt", file("a b/c.txt")),
            ("/nope/", NotFound),
            ("/nope", NotFound),
            ("/../secret", BadRequest),
            ("/briefs/../../secret", BadRequest),
            ("/%2e%2e/secret", BadRequest),
            ("/%2E%2E/secret", BadRequest),
            ("/..%2fsecret", BadRequest),
            ("/..%2Fsecret", BadRequest),
            ("/..\\secret", BadRequest),
            ("/..%5csecret", BadRequest),
            ("/%252e%252e/secret", BadRequest),
            ("//etc/passwd", BadRequest),
            ("/./index.html", BadRequest),
            ("/C:/x", BadRequest),
            ("/x%00", BadRequest),
            ("/%ff", BadRequest),
            ("relative", BadRequest),
            ("", BadRequest),
        ] {
            assert_eq!(resolve(raw, site), want, "{raw}");
        }
    }
}
