//! Hostile values in front matter and site.yaml: every page, parsed by an
//! HTML5 parser, holds them only as text or as whole attribute values —
//! never as elements or attributes of their own (SPEC section 8).

use crate::harness::TestSite;
use scraper::{Html, Selector};

const TITLE: &str = "T <script>alert(1)</script> \"q\" 'a' ]]> &amp; \u{1}end";
const QUOTE: &str = "\"><svg onload=alert(5)> </blockquote><script>x</script>";
const NAME: &str = "Eve <script>alert('n')</script>";
const ROLE: &str = "\"><img src=x onerror=alert(2)>";
const RELATED: &str = "</a><script>alert(6)</script>";
const URL: &str = "https://x.org/?a=\"onmouseover=\"alert(7)\"&b=<i>";
const PHOTO: &str = "/p.jpg?x=\"><script>alert(8)</script>";

/// YAML double-quoted form of `s` (escapes `"`, `\` and control characters).
fn yq(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn hostile_site() -> TestSite {
    let site = TestSite::empty();
    // The expert's photo is a file of the site (its query string aside).
    site.write("static/p.jpg", "not really a JPEG");
    site.write(
        "site.yaml",
        &format!(
            "title: {}\nbase_url: https://x.example.org/\ndescription: {}\norganisation: {}\n",
            yq("Inst <script>alert(0)</script>"),
            yq(ROLE),
            yq("]]><b>Org</b>")
        ),
    );
    site.write(
        "content/experts/eve.md",
        &format!(
            "---\nname: {}\nrole: {}\nprogram: {}\nhonorific: {}\nphoto: {}\nemail: {}\nlinks:\n  {}: {}\n---\nBio with <span id=\"raw-bio\">raw HTML</span>.\n",
            yq(NAME),
            yq(ROLE),
            yq("</p><p onclick=x>"),
            yq("<b>Dr</b>"),
            yq(PHOTO),
            yq("a&b@x.org"),
            yq("<b>Site</b>"),
            yq(URL)
        ),
    );
    site.write(
        "content/briefs/2024-01-01-h.md",
        &format!(
            "---\ntitle: {}\ndate: 2024-01-01\nkind: {}\nsummary: {}\ntopics: [{}]\nauthors: [eve]\nresponses:\n  - expert: eve\n    quote: {}\nrelated:\n  - title: {}\n    by: [eve]\n    by_name: [{}]\n    url: {}\n---\nBody with <span id=\"raw\">raw HTML</span>.\n",
            yq(TITLE),
            yq("<i>Kind</i>"),
            yq("<img src=x onerror=alert(9)>"),
            yq("<b>Topic</b>"),
            yq(QUOTE),
            yq(RELATED),
            yq("<u>Someone</u>"),
            yq(URL)
        ),
    );
    site.write(
        "content/pages/about.md",
        &format!(
            "---\ntitle: {}\ndescription: {}\n---\nAbout.\n",
            yq(TITLE),
            yq(ROLE)
        ),
    );
    site
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef) -> String {
    e.text().collect()
}

/// No element or attribute came from a value: no scripts, no event
/// handlers, none of the tags the hostile values contain.
fn assert_no_injection(path: &str, doc: &Html) {
    for e in select(doc, "*") {
        let name = e.value().name();
        if name == "script" && e.value().attr("type") == Some("application/ld+json") {
            // The theme's one JSON-LD block: values stay inside its JSON.
            let json = text(&e);
            assert!(!json.contains('<'), "{path}: raw < in JSON-LD");
            serde_json::from_str::<serde_json::Value>(&json)
                .unwrap_or_else(|err| panic!("{path}: JSON-LD is not JSON: {err}"));
            continue;
        }
        // The theme's own script for the share buttons is no injection.
        let theme_script = name == "script"
            && e.value().attr("src") == Some("/actions.js")
            && e.text().next().is_none();
        assert!(
            theme_script || !["script", "svg", "u", "i", "b"].contains(&name),
            "{path}: injected <{name}>"
        );
        if name == "img" {
            assert_eq!(e.value().attr("src"), Some(PHOTO), "{path}: img src");
        }
        for (attr, value) in e.value().attrs() {
            assert!(
                !attr.starts_with("on") && (attr != "src" || name == "img" || theme_script),
                "{path}: injected attribute {attr}={value:?} on <{name}>"
            );
        }
    }
}

#[test]
fn front_matter_reaches_pages_only_as_text() {
    let site = hostile_site();
    site.build_ok(&[]);
    let out = site.root().join("public");
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let rel = entry
                .path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert_no_injection(&rel, &Html::parse_document(&html));
            pages += 1;
        }
    }
    assert!(pages >= 8, "only {pages} pages");

    let brief = Html::parse_document(&site.read("briefs/h/index.html"));
    let h1: Vec<String> = select(&brief, "h1").iter().map(text).collect();
    // HTML forbids the control character U+0001: pages drop it, nothing else.
    let title_in_html = TITLE.replace('\u{1}', "");
    assert_eq!(h1, [title_in_html.as_str()]);
    let title = text(&select(&brief, "title")[0]);
    assert!(title.contains(&title_in_html), "{title:?}");
    let quote = text(&select(&brief, ".responses blockquote")[0]);
    assert_eq!(quote.trim(), QUOTE);
    let caption = text(&select(&brief, ".responses figcaption")[0]);
    assert!(
        caption.contains(NAME) && caption.contains(ROLE),
        "{caption:?}"
    );
    let related = select(&brief, ".background li a");
    assert_eq!(related[0].value().attr("href"), Some(URL));
    assert!(
        text(&related[0]).contains(RELATED),
        "{:?}",
        text(&related[0])
    );
    let li = text(&select(&brief, ".background li")[0]);
    assert!(li.contains("<u>Someone</u>"), "{li:?}");
    assert!(text(&select(&brief, ".brief-head .tags")[0]).contains("<b>Topic</b>"));
    assert!(text(&select(&brief, ".brief-head .kind")[0]).contains("<i>Kind</i>"));
    // Markdown bodies are trusted: their raw HTML stays HTML.
    assert_eq!(select(&brief, ".body span#raw").len(), 1);

    let expert = Html::parse_document(&site.read("experts/eve/index.html"));
    assert!(text(&select(&expert, "h1")[0]).contains(NAME));
    assert!(text(&select(&expert, ".expert-head .kind")[0]).contains("</p><p onclick=x>"));
    assert!(text(&select(&expert, ".expert-head .role")[0]).contains(ROLE));
    let links: Vec<&str> = select(&expert, ".links a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, ["mailto:a&b@x.org", URL]);
    assert_eq!(select(&expert, ".bio span#raw-bio").len(), 1);

    let about = Html::parse_document(&site.read("about/index.html"));
    let description: Vec<&str> = select(&about, "meta[name=description]")
        .iter()
        .filter_map(|m| m.value().attr("content"))
        .collect();
    assert_eq!(description, [ROLE]);
}

#[test]
fn xml_outputs_stay_well_formed() {
    let site = hostile_site();
    site.build_ok(&[]);
    for entry in walkdir::WalkDir::new(site.root().join("public")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "xml") {
            let xml = std::fs::read_to_string(entry.path()).unwrap();
            assert!(!xml.contains("<script"), "{}", entry.path().display());
            assert!(
                !xml.contains('\u{1}'),
                "{}: a control character is not allowed in XML 1.0",
                entry.path().display()
            );
        }
    }
}
