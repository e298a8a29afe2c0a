//! Publication metadata (issue 14) on the `publication` fixture: two
//! authors (one with an ORCID), a lead image and a PDF beside the brief, a
//! DOI, a report number and a series; an unsigned brief of a kind mapped
//! to `NewsArticle`. The head is parsed with an HTML5 parser, the JSON-LD
//! with serde_json, the BibTeX with the `biblatex` crate.

use crate::harness::{Page, TestSite};
use serde_json::Value;

const GRID: &str = "briefs/grid/index.html";

fn built() -> TestSite {
    let site = TestSite::fixture("publication");
    site.build_ok(&[]);
    site
}

/// `content` of every `<meta>` whose `attr` is `key`.
fn meta(page: &Page, attr: &str, key: &str) -> Vec<String> {
    page.attrs(&format!("meta[{attr}=\"{key}\"]"), "content")
}

fn one(page: &Page, attr: &str, key: &str) -> String {
    let all = meta(page, attr, key);
    assert_eq!(all.len(), 1, "one {key}: {all:?}");
    all[0].clone()
}

fn graph(page: &Page) -> Vec<Value> {
    let scripts = page.texts("script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 1, "one JSON-LD script");
    let v: Value = serde_json::from_str(&scripts[0]).expect("JSON-LD is JSON");
    assert_eq!(v["@context"], "https://schema.org");
    v["@graph"].as_array().expect("an @graph").clone()
}

fn of_type<'a>(nodes: &'a [Value], ty: &str) -> Vec<&'a Value> {
    nodes.iter().filter(|n| n["@type"] == ty).collect()
}

#[test]
fn brief_head_carries_opengraph_twitter_and_highwire_tags() {
    let site = built();
    let page = site.html(GRID);
    let url = "https://pi.example.org/briefs/grid/";
    let desc = "Winter demand peaks expose the grid’s weakest links. Operators have three months to harden them.";
    for (attr, key, want) in [
        ("name", "description", desc),
        ("property", "og:title", "Grid Security & the Winter Peak"),
        ("property", "og:description", desc),
        ("property", "og:url", url),
        ("property", "og:type", "article"),
        ("property", "og:site_name", "Policy Institute Briefs"),
        (
            "property",
            "og:image",
            "https://pi.example.org/briefs/grid/lead.png",
        ),
        ("property", "og:image:alt", "Transmission towers at dusk"),
        (
            "property",
            "article:published_time",
            "2024-03-01T00:00:00-05:00",
        ),
        (
            "property",
            "article:modified_time",
            "2024-03-04T00:00:00-05:00",
        ),
        ("property", "article:section", "Policy Brief"),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:site", "@PolicyInst"),
        (
            "name",
            "twitter:image",
            "https://pi.example.org/briefs/grid/lead.png",
        ),
        ("name", "citation_title", "Grid Security & the Winter Peak"),
        ("name", "citation_publication_date", "2024/03/01"),
        ("name", "citation_online_date", "2024/03/01"),
        (
            "name",
            "citation_technical_report_institution",
            "Policy Institute for Testing",
        ),
        ("name", "citation_technical_report_number", "PB-7"),
        ("name", "citation_doi", "10.5555/pi.2024.3"),
        (
            "name",
            "citation_pdf_url",
            "https://pi.example.org/briefs/grid/grid.pdf",
        ),
        ("name", "citation_abstract_html_url", url),
        ("name", "citation_language", "en"),
    ] {
        assert_eq!(one(&page, attr, key), want, "{key}");
    }
    assert_eq!(
        meta(&page, "name", "citation_author"),
        ["Ann Lee", "Bo Chen"]
    );
    assert_eq!(
        meta(&page, "property", "article:author"),
        [
            "https://pi.example.org/experts/ann-lee/",
            "https://pi.example.org/experts/bo-chen/"
        ]
    );
    assert_eq!(
        meta(&page, "property", "article:tag"),
        ["Energy", "Security"]
    );
}

#[test]
fn brief_json_ld_holds_report_people_organisation_quotes_and_breadcrumbs() {
    let site = built();
    let nodes = graph(&site.html(GRID));
    let report = of_type(&nodes, "Report");
    assert_eq!(report.len(), 1);
    let r = report[0];
    assert_eq!(r["headline"], "Grid Security & the Winter Peak");
    assert_eq!(r["datePublished"], "2024-03-01T00:00:00-05:00");
    assert_eq!(r["dateModified"], "2024-03-04T00:00:00-05:00");
    assert_eq!(
        r["image"]["url"],
        "https://pi.example.org/briefs/grid/lead.png"
    );
    assert_eq!(
        r["associatedMedia"]["contentUrl"],
        "https://pi.example.org/briefs/grid/grid.pdf"
    );
    assert_eq!(r["identifier"][0]["value"], "10.5555/pi.2024.3");
    assert_eq!(r["identifier"][1]["value"], "PB-7");
    assert_eq!(r["isPartOf"][0]["name"], "Energy Security Series");
    assert_eq!(r["about"][0]["name"], "Energy");
    assert_eq!(r["author"].as_array().unwrap().len(), 2);
    let people = of_type(&nodes, "Person");
    assert_eq!(people.len(), 2);
    assert_eq!(people[0]["name"], "Ann Lee");
    assert_eq!(people[0]["jobTitle"], "Senior Fellow");
    assert_eq!(
        people[0]["sameAs"],
        serde_json::json!([
            "https://orcid.org/0000-0002-1825-0097",
            "https://ann.example.org/"
        ])
    );
    let org = of_type(&nodes, "Organization");
    assert_eq!(org.len(), 1);
    assert_eq!(org[0]["name"], "Policy Institute for Testing");
    assert_eq!(
        org[0]["logo"]["url"],
        "https://pi.example.org/images/logo.png"
    );
    let quotes = of_type(&nodes, "Quotation");
    assert_eq!(quotes.len(), 2, "one Quotation per response");
    assert_eq!(quotes[1]["creator"]["@id"], people[1]["@id"]);
    assert_eq!(quotes[0]["isPartOf"]["@id"], r["@id"]);
    assert_eq!(of_type(&nodes, "BreadcrumbList").len(), 1);
}

#[test]
fn bibtex_parses_with_biblatex_and_equals_the_front_matter() {
    use biblatex::{Bibliography, ChunksExt};
    let site = built();
    let bib = Bibliography::parse(&site.read("briefs/grid/cite.bib")).expect("BibTeX parses");
    assert_eq!(bib.len(), 1);
    let e = bib.get("grid").expect("keyed by slug");
    let field = |k: &str| e.get(k).map(|c| c.format_verbatim()).unwrap_or_default();
    assert_eq!(field("title"), "Grid Security & the Winter Peak");
    assert_eq!(field("institution"), "Policy Institute for Testing");
    assert_eq!(field("number"), "PB-7");
    assert_eq!(field("doi"), "10.5555/pi.2024.3");
    assert_eq!(field("year"), "2024");
    assert_eq!(field("url"), "https://pi.example.org/briefs/grid/");
    let authors = e.author().expect("authors");
    let names: Vec<(String, String)> = authors
        .iter()
        .map(|p| (p.given_name.clone(), p.name.clone()))
        .collect();
    assert_eq!(
        names,
        [("Ann".into(), "Lee".into()), ("Bo".into(), "Chen".into())]
    );
}

#[test]
fn ris_and_csl_json_carry_the_same_reference() {
    let site = built();
    let ris = site.read("briefs/grid/cite.ris");
    assert!(ris.starts_with("TY  - RPRT\r\n"), "{ris}");
    for line in [
        "AU  - Lee, Ann",
        "AU  - Chen, Bo",
        "DO  - 10.5555/pi.2024.3",
        "SN  - PB-7",
        "PB  - Policy Institute for Testing",
        "L1  - https://pi.example.org/briefs/grid/grid.pdf",
    ] {
        assert!(ris.contains(&format!("{line}\r\n")), "{line} in {ris}");
    }
    assert!(ris.ends_with("ER  - \r\n"));
    let json: Value = serde_json::from_str(&site.read("briefs/grid/cite.json")).unwrap();
    let items = json.as_array().expect("an array");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["type"], "report");
    assert_eq!(items[0]["DOI"], "10.5555/pi.2024.3");
    assert_eq!(items[0]["author"][1]["family"], "Chen");
    assert_eq!(
        items[0]["issued"]["date-parts"],
        serde_json::json!([[2024, 3, 1]])
    );
}

#[test]
fn cite_block_shows_three_styles_and_the_downloads() {
    let site = built();
    let page = site.html(GRID);
    assert_eq!(page.texts(".cite dt"), ["Chicago", "APA", "MLA"]);
    let apa = &page.texts("#cite-apa")[0];
    assert!(apa.starts_with("Lee, A., & Chen, B. (2024)."), "{apa}");
    assert!(apa.contains("Policy Institute for Testing"), "{apa}");
    assert!(apa.contains("https://doi.org/10.5555/pi.2024.3"), "{apa}");
    assert_eq!(
        page.attrs(".cite-files a", "href"),
        [
            "/briefs/grid/cite.bib",
            "/briefs/grid/cite.ris",
            "/briefs/grid/cite.json"
        ]
    );
    assert_eq!(page.texts(".pdf a"), ["Download PDF (2 kB)"]);
    assert_eq!(page.attrs(".lead img", "src"), ["/briefs/grid/lead.png"]);
    assert_eq!(
        page.texts(".lead figcaption"),
        ["High-voltage lines near Baltimore. Photo: Jo Park"]
    );
    let copied = std::fs::read(site.root().join("public/briefs/grid/grid.pdf")).unwrap();
    let source = std::fs::read(site.root().join("content/briefs/2024/grid.pdf")).unwrap();
    assert_eq!(copied, source, "the PDF is copied beside the page");
}

#[test]
fn unsigned_brief_cites_the_organisation_and_takes_its_kinds_type() {
    let site = built();
    let page = site.html("briefs/unsigned/index.html");
    let nodes = graph(&page);
    let article = of_type(&nodes, "NewsArticle");
    assert_eq!(article.len(), 1, "Analysis maps to NewsArticle");
    assert_eq!(
        article[0]["author"][0]["@id"],
        "https://pi.example.org/#organization"
    );
    assert_eq!(
        one(&page, "name", "description"),
        "The Treasury designated twelve firms on Monday."
    );
    assert_eq!(
        meta(&page, "name", "citation_author"),
        ["Policy Institute for Testing"]
    );
    let json: Value = serde_json::from_str(&site.read("briefs/unsigned/cite.json")).unwrap();
    assert_eq!(
        json[0]["author"][0]["literal"],
        "Policy Institute for Testing"
    );
    let bib = biblatex::Bibliography::parse(&site.read("briefs/unsigned/cite.bib")).unwrap();
    let author = bib.get("unsigned").and_then(|e| e.get("author")).unwrap();
    assert_eq!(
        biblatex::ChunksExt::format_verbatim(author),
        "Policy Institute for Testing"
    );
}

#[test]
fn expert_and_listing_pages_carry_profile_and_collection_json_ld() {
    let site = built();
    let expert = site.html("experts/ann-lee/index.html");
    let nodes = graph(&expert);
    let profile = of_type(&nodes, "ProfilePage");
    assert_eq!(profile.len(), 1);
    assert_eq!(
        profile[0]["mainEntity"]["@id"],
        "https://pi.example.org/experts/ann-lee/#person"
    );
    assert_eq!(one(&expert, "property", "og:type"), "profile");
    assert_eq!(
        one(&expert, "property", "og:image"),
        "https://pi.example.org/images/ann-lee.png"
    );
    let home = site.html("index.html");
    let nodes = graph(&home);
    assert_eq!(of_type(&nodes, "WebSite").len(), 1);
    assert_eq!(of_type(&nodes, "CollectionPage").len(), 1);
    assert_eq!(one(&home, "property", "og:type"), "website");
    assert_eq!(
        one(&home, "property", "og:image"),
        "https://pi.example.org/images/social.png"
    );
    assert_eq!(
        one(&home, "property", "og:image:alt"),
        "The Policy Institute's logo on blue"
    );
    let topic = site.html("topics/energy/index.html");
    assert_eq!(of_type(&graph(&topic), "CollectionPage").len(), 1);
}

#[test]
fn feeds_and_sitemap_carry_the_pdf_and_the_image() {
    let site = built();
    let rss = feed_rs::parser::parse(site.read("feed.xml").as_bytes()).unwrap();
    let grid = rss
        .entries
        .iter()
        .find(|e| e.id.contains("/grid/"))
        .unwrap();
    let enclosure = grid
        .media
        .iter()
        .flat_map(|m| &m.content)
        .find_map(|c| c.url.clone());
    assert_eq!(
        enclosure.map(|u| u.to_string()).as_deref(),
        Some("https://pi.example.org/briefs/grid/grid.pdf")
    );
    let rss_text = site.read("feed.xml");
    assert!(rss_text.contains("<enclosure url=\"https://pi.example.org/briefs/grid/grid.pdf\" length=\"1527\" type=\"application/pdf\""), "{rss_text}");
    let atom = site.read("atom.xml");
    assert!(atom.contains("rel=\"enclosure\""), "{atom}");
    let atom = feed_rs::parser::parse(atom.as_bytes()).unwrap();
    let links = &atom
        .entries
        .iter()
        .find(|e| e.id.contains("/grid/"))
        .unwrap()
        .links;
    assert!(
        links
            .iter()
            .any(|l| l.rel.as_deref() == Some("enclosure") && l.length == Some(1527)),
        "{links:?}"
    );
    let json: Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"].as_str().unwrap().contains("/grid/"))
        .unwrap();
    assert_eq!(
        item["attachments"][0]["url"],
        "https://pi.example.org/briefs/grid/grid.pdf"
    );
    assert_eq!(item["attachments"][0]["size_in_bytes"], 1527);
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<image:image><image:loc>https://pi.example.org/briefs/grid/lead.png</image:loc></image:image>"), "{sitemap}");
}

/// The citation cache changes nothing but the time: a build that reads it
/// gives the same files as the first, and an edited brief's citations are
/// formatted anew, not taken from it.
#[test]
fn a_build_with_the_citation_cache_equals_one_without() {
    let site = built();
    let cache = site.root().join(".briefs-cache/citations");
    assert!(cache.is_file(), "the cache is written");
    let first = site.snapshot();
    site.build_ok(&[]);
    assert_eq!(site.snapshot(), first, "a build reading the cache");
    let path = "content/briefs/2024/2024-03-01-grid.md";
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    site.write(path, &text.replacen("title: ", "title: Retitled ", 1));
    site.build_ok(&[]);
    let with_cache = site.snapshot();
    site.remove(".briefs-cache/citations");
    site.build_ok(&[]);
    assert_eq!(
        site.snapshot(),
        with_cache,
        "after an edit, with and without the cache"
    );
    let bib = site.read("briefs/grid/cite.bib");
    assert!(
        bib.contains("Retitled"),
        "the edit reached the citations: {bib}"
    );
    let page = site.read(GRID);
    assert!(page.contains("Retitled"), "and the page's citations");
}
