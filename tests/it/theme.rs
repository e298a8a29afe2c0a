//! The default theme's structure, read with an HTML5 parser: the demo brief
//! page (response cards, citations, tags, byline), "More on this
//! topic" chosen by shared experts and topics, listing cards with deks,
//! the experts index grouped by program with an A–Z list, the expert page
//! without empty sections and with its topics linked, the identity keys of site.yaml in masthead and
//! footer; the brief page's weight.

use crate::harness::{TestSite, brief, expert};

/// Six briefs: A and B share an expert and a topic, C shares a topic with
/// A, D shares nothing, E and F share an expert with A.
pub(crate) fn related_site() -> TestSite {
    let site = TestSite::with_files(&[]);
    site.write(
        "content/experts/ann.md",
        "---\nname: Ann Lee\nrole: Senior Fellow\nprogram: Russia Program\n---\nBio.\n",
    );
    site.write(
        "content/experts/bo.md",
        "---\nname: Bo Chen\nrole: Director of the Russia Program\nprogram: Russia Program\n---\n",
    );
    site.write("content/experts/cy.md", &expert("Cy Diaz", "Fellow"));
    let briefs = [
        (
            "a",
            "2024-01-10",
            "topics: [Russia, Iran]\nauthors: [ann]\n",
        ),
        ("b", "2024-01-09", "topics: [Russia]\nauthors: [ann]\n"),
        ("c", "2024-01-08", "topics: [Iran]\nauthors: [cy]\n"),
        ("d", "2024-01-07", "topics: [Trade]\nauthors: [cy]\n"),
        (
            "e",
            "2024-01-06",
            "authors: [cy]\nresponses:\n  - expert: ann\n    quote: Q.\n",
        ),
        ("f", "2024-01-05", "topics: [Russia]\nauthors: [bo]\n"),
    ];
    for (slug, date, fm) in briefs {
        site.write(
            &format!("content/briefs/{slug}.md"),
            &brief(&slug.to_uppercase(), date, fm),
        );
    }
    site
}

#[test]
fn demo_brief_page_has_cards_citations_tags_and_byline() {
    let site = TestSite::demo();
    site.build_ok(&[]);
    let page = site.html("briefs/north-korean-and-ukrainian-troops-clash/index.html");
    // Each response card: initials (no photo given), bold name with
    // honorific, role, program, then the quote.
    assert_eq!(
        page.texts(".responses figcaption .name"),
        [
            "Clifford D. May",
            "RADM (Ret.) Mark Montgomery",
            "John Hardie"
        ]
    );
    assert_eq!(page.texts(".responses .initials"), ["CM", "MM", "JH"]);
    assert_eq!(
        page.texts(".responses .role"),
        [
            "Founder and President",
            "Senior Fellow and Senior Director of FDD’s Center on Cyber and Technology",
            "Deputy Director of FDD’s Russia Program"
        ]
    );
    assert_eq!(
        page.texts(".responses .program"),
        ["Center on Cyber and Technology", "Russia Program"]
    );
    // Background and Analysis: URL-less items are citations, not links.
    assert_eq!(
        page.texts(".background cite"),
        [
            "The Sting Doctrine",
            "North Korean Troops in Ukraine: Are We on the Path to World War III?",
            "North Korea’s troops reveal Putin’s Ukraine pickle — no more cannon fodder",
            "Russia Acquires North Korean Missiles, Eyes Iranian Missiles",
        ]
    );
    assert_eq!(page.texts(".background .label"), ["FDD Flash Brief"]);
    assert_eq!(
        page.texts(".background .by"),
        [
            "by Clifford D. May",
            "by Boaz Golany and Jacob Nagel",
            "by Peter Doran"
        ]
    );
    assert_eq!(
        page.texts(".brief-head .tags a"),
        ["Russia", "Ukraine", "North Korea"]
    );
    assert_eq!(page.texts(".byline .name"), ["John Hardie"]);
    assert_eq!(page.texts(".skip-link"), ["Skip to main content"]);
}

#[test]
fn more_on_this_topic_weighs_shared_experts_then_topics() {
    let site = related_site();
    site.build_ok(&[]);
    let a = site.html("briefs/a/index.html");
    // B: expert and topic (3); E: expert (2); C and F: a topic (1), C nearer in time.
    assert_eq!(a.texts(".more-list a"), ["B", "E", "C", "F"]);
    assert_eq!(a.count(".more-list time"), 4);
    let d = site.html("briefs/d/index.html");
    assert_eq!(d.texts(".more-list a"), ["C", "E"]);
}

#[test]
fn a_card_template_is_rendered_once_per_brief_for_every_listing() {
    let site = related_site();
    site.write(
        "templates/card.html",
        "<article class=\"card\" data-lang=\"{{ lang }}\">{{ brief.title }}|{{ words.by }}|{{ site.title }}</article>\n",
    );
    site.build_ok(&[]);
    let cards = |path: &str| site.html(path).texts(".card");
    let by = |titles: &[&str]| -> Vec<String> {
        titles
            .iter()
            .map(|t| format!("{t}|By|Test Institute"))
            .collect()
    };
    assert_eq!(cards("index.html"), by(&["A", "B", "C", "D", "E", "F"]));
    assert_eq!(cards("topics/russia/index.html"), by(&["A", "B", "F"]));
    assert_eq!(cards("topics/iran/index.html"), by(&["A", "C"]));
    assert_eq!(
        site.html("topics/russia/index.html")
            .attrs(".card", "data-lang"),
        ["en", "en", "en"]
    );
    // A card that reads what only a page has fails the build, naming the card.
    site.write("templates/card.html", "{{ group.name }}\n");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("card.html"), "{}", run.stderr);
}

#[test]
fn cards_show_kind_dek_byline_and_date() {
    let site = TestSite::with_files(&[]);
    site.write("content/experts/ann.md", &expert("Ann Lee", "Fellow"));
    site.write(
        "content/briefs/x.md",
        "---\ntitle: X\ndate: 2024-01-01\nauthors: [ann]\n---\nFirst sentence here. Second one follows. A third is too much.\n",
    );
    site.build_ok(&[]);
    let home = site.html("index.html");
    assert_eq!(home.texts(".card .kind"), ["Brief"]);
    assert_eq!(
        home.texts(".card .dek"),
        ["First sentence here. Second one follows."]
    );
    assert_eq!(
        home.texts(".card .byline"),
        ["By Ann Lee · January 1, 2024"]
    );
    assert_eq!(
        home.texts("nav[aria-label=Main] [aria-current=page]"),
        ["Briefs"]
    );
}

#[test]
fn experts_index_is_grouped_by_program_with_an_a_to_z_list() {
    let site = related_site();
    site.build_ok(&[]);
    let index = site.html("experts/index.html");
    assert_eq!(
        index.texts(".program-group h2"),
        ["Russia Program", "Other experts"]
    );
    assert_eq!(
        index.texts(".program-group .expert-grid .name"),
        ["Bo Chen", "Ann Lee", "Cy Diaz"]
    );
    assert_eq!(index.count(".expert-grid .initials"), 3);
    assert_eq!(index.texts(".az a"), ["C", "D", "L"]);
    assert_eq!(
        index.attrs(".az a", "href"),
        ["#letter-c", "#letter-d", "#letter-l"]
    );
    assert_eq!(index.texts("#letter-l + ul a"), ["Lee, Ann"]);
}

#[test]
fn expert_page_shows_program_once_and_hides_empty_sections() {
    let site = related_site();
    site.build_ok(&[]);
    let bo = site.html("experts/bo/index.html");
    assert_eq!(bo.texts(".expert-head .kind"), ["Russia Program"]);
    assert_eq!(
        bo.texts(".expert-head .role"),
        ["Director of the Russia Program"]
    );
    assert_eq!(bo.count(".bio"), 0, "an empty bio is hidden");
    assert_eq!(bo.count("#quotes"), 0, "no quotes: no section");
    assert_eq!(bo.texts("#briefs + ul a"), ["F"]);
    assert_eq!(bo.texts("#briefs + ul time"), ["January 5, 2024"]);
}

#[test]
fn expert_topics_link_to_the_sites_topics_of_that_name_or_slug() {
    let site = TestSite::with_files(&[
        (
            "content/experts/ann.md",
            "---\nname: Ann\ntopics: [Russia, north korea, Cyber]\n---\nBio.\n",
        ),
        (
            "content/briefs/2024-01-01-a.md",
            &brief(
                "A",
                "2024-01-01",
                "authors: [ann]\ntopics: [Russia, North Korea]\n",
            ),
        ),
    ]);
    site.build_ok(&[]);
    let ann = site.html("experts/ann/index.html");
    assert_eq!(
        ann.texts(".expert-head .tags li"),
        ["Russia", "north korea", "Cyber"]
    );
    // Russia by name as briefs spell it, north korea by slug; Cyber is no topic.
    assert_eq!(
        ann.attrs(".expert-head .tags a", "href"),
        ["/topics/russia/", "/topics/north-korea/"]
    );
    assert_eq!(ann.texts(".expert-head .tags span.plain"), ["Cyber"]);
}

#[test]
fn identity_keys_fill_masthead_and_footer() {
    let site = TestSite::with_files(&[]);
    site.write(
        "site.yaml",
        "title: Think\nbase_url: https://t.example.org/sub/\nlogo: /logo.svg\nfavicon: /icon.png\naccent: \"#7a1f1f\"\ntagline: Ideas that travel\ncontact: \"Press: press@t.example.org\"\nnewsletter: https://t.example.org/news\nsocial:\n  Mastodon: https://social.example/@t\ncopyright: \"© 2026 Think\"\n",
    );
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write("static/icon.png", "png");
    site.build_ok(&[]);
    let home = site.html("index.html");
    assert_eq!(home.attrs(".masthead .logo", "src"), ["/sub/logo.svg"]);
    assert_eq!(home.attrs("link[rel=icon]", "href"), ["/sub/icon.png"]);
    assert_eq!(home.attrs("link[rel=icon]", "type"), ["image/png"]);
    assert_eq!(home.texts(".masthead .tagline"), ["Ideas that travel"]);
    assert_eq!(
        home.texts(".site-footer .contact"),
        ["Press: press@t.example.org"]
    );
    assert_eq!(home.texts(".legal"), ["© 2026 Think"]);
    assert_eq!(
        home.attrs(".footer-follow a", "href")[..2],
        [
            "https://t.example.org/news".to_string(),
            "https://social.example/@t".to_string()
        ]
    );
    assert!(home.texts("style")[0].contains("--accent:#7a1f1f"));
}

#[test]
fn identity_keys_are_checked_strictly() {
    let site = TestSite::with_files(&[]);
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://t.example.org/\nlogo: https://cdn.example/logo.svg\naccent: \"#ffee00\"\nfavicon: /nope.ico\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("site.yaml:5:1: error: `favicon` /nope.ico is not a file under static/"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "site.yaml:3:1: error: `logo` `https://cdn.example/logo.svg` is not a path on this site"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("site.yaml:4:1: error: `accent` `#ffee00` has a contrast of"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_default_favicon_is_written_and_linked() {
    let site = TestSite::with_files(&[]);
    site.build_ok(&[]);
    assert!(site.read("favicon.svg").starts_with("<svg"));
    assert_eq!(
        site.html("index.html").attrs("link[rel=icon]", "href"),
        ["/favicon.svg"]
    );
}

#[test]
fn the_demo_brief_page_with_its_css_stays_under_60_kb() {
    let site = TestSite::demo();
    site.build_ok(&[]);
    let html = site.read("briefs/north-korean-and-ukrainian-troops-clash/index.html");
    let css = site.read("style.css");
    let js = site.read("actions.js");
    let total = html.len() + css.len() + js.len();
    assert!(total < 60 * 1024, "{total} bytes");
}
