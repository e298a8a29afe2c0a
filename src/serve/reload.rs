//! What `serve` adds to HTML responses (never to built output): a small
//! script that listens on the server-sent events endpoint and reloads the
//! page after a good rebuild, and an overlay showing the diagnostics of a
//! failed one (HTML-escaped on the server, `textContent` in the browser).

/// The server-sent events endpoint.
pub(crate) const EVENTS_PATH: &str = "/__briefs/events";
/// A JSON status endpoint: generation and current errors.
pub(crate) const STATUS_PATH: &str = "/__briefs/status";

const SCRIPT: &str = r#"<script>/* briefs serve: live reload */
(function () {
  var shown = GEN, es = new EventSource("/__briefs/events");
  function overlay(text) {
    var o = document.getElementById("__briefs_overlay");
    if (!o) {
      o = document.createElement("div");
      o.id = "__briefs_overlay";
      o.setAttribute("style", "STYLE");
      o.appendChild(document.createElement("pre"));
      document.body.appendChild(o);
    }
    o.firstChild.textContent = text;
  }
  es.addEventListener("build", function (e) {
    var s = JSON.parse(e.data);
    if (s.error) { overlay(s.error); }
    else if (s.generation !== shown) { es.close(); location.reload(); }
  });
})();
</script>"#;

const STYLE: &str = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;background:rgba(20,0,0,.92);color:#fdd;font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap";

/// Adds the reload script (and, if the latest build failed, the overlay)
/// before `</body>`, or at the end when there is none.
pub(crate) fn inject(html: &[u8], generation: u64, error: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(error) = error {
        extra.push_str(&overlay(error));
    }
    extra.push_str(
        &SCRIPT
            .replace("GEN", &generation.to_string())
            .replace("STYLE", STYLE),
    );
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The overlay element with the escaped diagnostics.
pub(crate) fn overlay(error: &str) -> String {
    format!(
        "<div id=\"__briefs_overlay\" style=\"{STYLE}\"><pre>{}</pre></div>",
        escape(error)
    )
}

/// A page for when no build has succeeded yet.
pub(crate) fn no_site_page(generation: u64, error: Option<&str>) -> Vec<u8> {
    let body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>briefs serve: build failed</title></head><body><p>The site has not built yet.</p></body></html>";
    inject(body.as_bytes(), generation, error)
}

fn find_body_end(html: &[u8]) -> Option<usize> {
    let needle = b"</body";
    (0..html.len().saturating_sub(needle.len() - 1))
        .rev()
        .find(|&i| html[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    crate::escape::markup(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_body_end() {
        let out = String::from_utf8(inject(b"<p>x</p></BODY></html>", 7, Some("<bad>"))).unwrap();
        assert!(out.starts_with("<p>x</p><div id=\"__briefs_overlay\""));
        assert!(out.contains("&lt;bad&gt;"));
        assert!(out.contains("shown = 7,"));
        assert!(out.ends_with("</script></BODY></html>"));
        let out = String::from_utf8(inject(b"<p>no body", 1, None)).unwrap();
        assert!(out.starts_with("<p>no body<script>"));
    }
}
