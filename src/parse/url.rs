//! The one URL rule for everything an editor writes, in front matter and in
//! Markdown alike: takes a URL as written (entities already decoded) and
//! what it is used for, returns whether it may be emitted. Allowed: http(s),
//! mailto and tel, any URL without a scheme (a path on this site, a
//! fragment, a query), and `data:image/…` for images only. Anything else
//! (`javascript:`, `vbscript:`, `data:text/html`, unknown schemes) is
//! refused. The scheme is read the way a browser reads it: leading
//! whitespace and control characters, and tabs or newlines anywhere, are
//! ignored, and case does not matter. A percent-encoded scheme is no scheme
//! to a browser, and not one of the allowed ones here: it is refused too.

/// What a URL is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlUse {
    /// A link (`href`): the page goes there when clicked.
    Link,
    /// An image (`src`): only loaded, never run, so `data:image/…` is fine.
    Image,
}

/// Checks a URL written by an editor; the error says what is wrong.
pub(crate) fn check_url(url: &str, usage: UrlUse) -> Result<(), String> {
    // What a browser reads: no whitespace or control characters, any case.
    let mut read = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase());
    let mut scheme = String::new();
    let mut has_scheme = false;
    for c in read.by_ref() {
        match c {
            ':' => {
                has_scheme = true;
                break;
            }
            '/' | '?' | '#' => break,
            c => scheme.push(c),
        }
    }
    match (has_scheme, scheme.as_str()) {
        (false, _) if !url.trim().is_empty() => Ok(()),
        (false, _) => Err("the URL is empty".into()),
        (true, "http" | "https" | "mailto" | "tel") => Ok(()),
        (true, "data") if usage == UrlUse::Image && read.take(6).eq("image/".chars()) => Ok(()),
        (true, "data") => Err(format!(
            "the URL `{}` uses the `data:` scheme, which is allowed only for images (`data:image/…`)",
            shown(url)
        )),
        (true, s) => Err(format!(
            "the URL `{}` uses the `{s}:` scheme, which is not allowed",
            shown(url)
        )),
    }
}

/// The hint that goes with a refused URL.
pub(crate) const URL_HINT: &str = "use an http(s) URL or a path on this site";

/// The URL with control characters made visible, for messages.
fn shown(url: &str) -> String {
    url.chars()
        .map(|c| match c.is_control() {
            true => c.escape_default().to_string(),
            false => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use UrlUse::{Image, Link};

    #[test]
    fn urls() {
        for (u, usage, ok) in [
            ("https://x.org", Link, true),
            ("/images/a.jpg", Link, true),
            ("mailto:a@b.org", Link, true),
            ("tel:+15551234", Link, true),
            ("#fn-1", Link, true),
            ("../x/?a=b:c", Link, true),
            ("javascript:alert(1)", Link, false),
            (" JaVa\tScript:alert(1)", Link, false),
            ("\u{1}\u{8}javascript:x", Link, false),
            ("java\nscript:x", Image, false),
            ("VBScript:msgbox", Link, false),
            ("%6Aavascript:alert(1)", Link, false),
            ("data:text/html,x", Link, false),
            ("data:image/png;base64,AA", Link, false),
            ("data:image/png;base64,AA", Image, true),
            (" DATA:Image/svg+xml,<svg/>", Image, true),
            ("data:text/html,x", Image, false),
            ("", Link, false),
        ] {
            assert_eq!(check_url(u, usage).is_ok(), ok, "{u:?} as {usage:?}");
        }
    }

    #[test]
    fn messages_name_the_scheme() {
        for (u, usage, want) in [
            (
                "javascript:x",
                Link,
                "the URL `javascript:x` uses the `javascript:` scheme, which is not allowed",
            ),
            ("java\tscript:x", Link, "`java\\tscript:x`"),
            ("data:text/html,x", Image, "allowed only for images"),
        ] {
            let m = check_url(u, usage).unwrap_err();
            assert!(m.contains(want), "{u:?}: {m}");
        }
    }
}
