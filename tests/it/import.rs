//! `briefs import`: the seed brief (as pasted text and as a WordPress feed
//! item) imports into the demo site's hand conversion; fixture WordPress
//! exports import into the files, errors and report they should; a
//! generated export of hundreds of posts imports, builds, checks clean and
//! imports again without changing a file; `--update` and `--dry-run`.

use crate::harness::{Run, TestSite, repo_root};
use crate::wxr_gen::generated_export;
use std::collections::BTreeMap;
use std::path::Path;

const SEED: &str = "../shared/seed/000_5875c0b535182659.txt";
const DEMO_BRIEF: &str =
    "content/briefs/2024/2024-11-07-north-korean-and-ukrainian-troops-clash.md";

fn fixture(name: &str) -> String {
    repo_root()
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn seed() -> String {
    repo_root().join(SEED).display().to_string()
}

/// A content file's front matter as parsed YAML values, and its body.
fn parsed(path: &Path) -> (serde_json::Value, String) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rest = text
        .strip_prefix("---\n")
        .expect("front matter opens the file");
    let end = rest.find("\n---\n").expect("front matter closes");
    let front: serde_json::Value = serde_yaml::from_str(&rest[..end + 1]).unwrap();
    (front, rest[end + 5..].to_string())
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn ok(run: Run) -> Run {
    assert_eq!(
        run.status, 0,
        "import failed:\n{}\n{}",
        run.stdout, run.stderr
    );
    run
}

/// The demo site without its hand-converted brief (kept for comparing).
fn demo_without_seed() -> (TestSite, (serde_json::Value, String)) {
    let site = TestSite::demo();
    let want = parsed(&site.root().join(DEMO_BRIEF));
    site.remove(DEMO_BRIEF);
    (site, want)
}

/// Imports the seed text with the date, topics and author of the demo's
/// hand conversion (the text has none of them).
fn import_seed(site: &TestSite) -> Run {
    let mut args = vec![
        "import".to_string(),
        seed(),
        "--date".into(),
        "2024-11-07".into(),
    ];
    for topic in ["Russia", "Ukraine", "North Korea"] {
        args.extend(["--topic".into(), topic.into()]);
    }
    args.extend(["--author".into(), "John Hardie".into()]);
    ok(site.run(&args.iter().map(String::as_str).collect::<Vec<_>>()))
}

/// Asserts that a run failed (exit 1) saying each of `wants` on stderr.
fn failed(run: &Run, wants: &[&str]) {
    assert_eq!(run.status, 1, "{}", run.stdout);
    for want in wants {
        assert!(
            run.stderr.contains(want),
            "stderr lacks {want:?}:\n{}",
            run.stderr
        );
    }
}

fn check_clean(site: &TestSite) {
    let run = site.run(&["check"]);
    assert_eq!(
        run.status, 0,
        "check failed:\n{}\n{}",
        run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
}

/// The seed text, exactly as in ../shared/seed/, imports into the demo's
/// hand conversion. Compared: the whole front matter as parsed YAML values
/// (title, date, kind, topics, authors, the three responses with their
/// expert ids and quotes, the four related entries with by / by_name /
/// brief) and the body, byte for byte. Topics and authors are not in the
/// text: they are given with --topic and --author. Not compared: the file
/// name (the text has no slug, so it comes from the title).
#[test]
fn seed_text_imports_as_the_demo_brief() {
    let (site, (want_front, want_body)) = demo_without_seed();
    let run = import_seed(&site);
    let path = "content/briefs/2024/2024-11-07-in-escalation-of-russian-invasion-north-korean-and-ukrainian-troops-clash-for.md";
    assert!(run.stdout.contains(path), "{}", run.stdout);
    let (front, body) = parsed(&site.root().join(path));
    assert_eq!(front, want_front);
    assert_eq!(body, want_body);
    assert!(!body.contains("appeared first on"));
    assert!(
        run.stdout.contains("1 briefs, 0 experts"),
        "experts are matched by name, not made: {}",
        run.stdout
    );
    check_clean(&site);
}

/// The same brief as HTML in a WordPress RSS item (dc:creator, categories,
/// a permalink whose last segment is the demo's slug) imports the same
/// way: the same file name, front matter and body, except `date`, which the
/// feed gives with a time of day: compared as the day in the site's time
/// zone (America/New_York).
#[test]
fn seed_as_feed_item_imports_the_same() {
    let (site, (mut want_front, want_body)) = demo_without_seed();
    let run = ok(site.run(&["import", &fixture("seed-feed.xml")]));
    assert!(run.stdout.contains("RSS feed"), "{}", run.stdout);
    let (mut front, body) = parsed(&site.root().join(DEMO_BRIEF));
    assert_eq!(front["date"], "2024-11-07T20:31:00Z");
    let day = "2024-11-07T20:31:00Z"
        .parse::<jiff::Timestamp>()
        .unwrap()
        .in_tz("America/New_York")
        .unwrap()
        .date();
    assert_eq!(day.to_string(), want_front["date"]);
    front["date"] = want_front["date"].take();
    want_front["date"] = front["date"].clone();
    assert_eq!(front, want_front);
    assert_eq!(body, want_body);
    assert!(
        !run.stdout.contains("warning"),
        "the footer's links went with it: {}",
        run.stdout
    );
    check_clean(&site);
}

/// Speakers the site lacks become experts with honorific, role and program.
#[test]
fn seed_speakers_become_experts() {
    let (site, _) = demo_without_seed();
    let demo_experts = ["clifford-d-may", "mark-montgomery", "john-hardie"];
    let mut want = Vec::new();
    for id in demo_experts {
        let path = format!("content/experts/{id}.md");
        want.push(parsed(&site.root().join(&path)).0);
        site.remove(&path);
    }
    import_seed(&site);
    for (id, want) in demo_experts.iter().zip(want) {
        let (got, _) = parsed(&site.root().join(format!("content/experts/{id}.md")));
        for key in ["name", "honorific", "role", "program"] {
            assert_eq!(
                got.get(key).unwrap_or(&"".into()),
                want.get(key).unwrap_or(&"".into()),
                "{id}: {key}"
            );
        }
    }
    check_clean(&site);
}

#[test]
fn pasted_text_needs_a_title_and_a_date() {
    let site = TestSite::with_files(&[("brief.txt", "Latest Developments\n• A: b\n")]);
    let import = |extra: &[&str]| site.run(&[&["import", "brief.txt"], extra].concat());
    let no_title = "brief.txt: error: pasted text has no title";
    failed(&import(&["--date", "2024-11-07"]), &[no_title, "--title"]);
    failed(
        &import(&["--title", "T"]),
        &["pasted text has no date", "--date"],
    );
    failed(
        &import(&["--title", "T", "--date", "2024-02-30"]),
        &["--date: `2024-02-30`"],
    );
    assert!(!site.root().join("content").exists());
}

/// The fixture export: posts in every status, pages, authors (two sharing
/// a name), categories and tags, CDATA split across `]]>`, UTF-8 in every
/// field, Gutenberg blocks, `[caption]` and `[gallery]` shortcodes, links
/// to other posts, to the old site and to uploads, a featured image and a
/// PDF attachment.
#[test]
fn wordpress_export_imports_every_kind_of_item() {
    let site = TestSite::with_files(&[]);
    let run = ok(site.run(&[
        "import",
        &fixture("export.xml"),
        "--uploads",
        &fixture("uploads"),
    ]));
    let out = &run.stdout;
    assert!(out.contains("WordPress export (WXR 1.2)"), "{out}");
    let written: Vec<String> = tree(site.root())
        .into_keys()
        .filter(|p| p != "site.yaml")
        .collect();
    assert_eq!(
        written,
        [
            "briefs-import.json",
            "content/briefs/2024/2024-10-01-sanctions.md",
            "content/briefs/2024/2024-10-02-flash.md",
            "content/briefs/2024/2024-10-05-draft-thoughts.md",
            "content/briefs/2024/2024-10-06-awaiting-review.md",
            "content/briefs/2024/2024-10-07-members-only.md",
            "content/briefs/2024/2024-10-08-sanctions-2.md",
            "content/briefs/2030/2030-01-15-winter.md",
            "content/experts/ada-obi.md",
            "content/experts/sam-lee-2.md",
            "content/experts/sam-lee.md",
            "content/experts/zoe-angstrom.md",
            "content/pages/about-us.md",
            "content/pages/topics-2.md",
            "static/uploads/2024/10/map.jpg",
            "static/uploads/2024/10/report.pdf",
        ]
    );
    let brief = |name: &str| parsed(&site.root().join("content/briefs").join(name));

    // A published post: UTF-8 title with entities, GMT dates, topics
    // without "Uncategorized", the author's id, the featured image copied.
    let (front, body) = brief("2024/2024-10-01-sanctions.md");
    assert_eq!(
        front["title"],
        "Sanctions on Россия: “What Comes Next” & Énergie"
    );
    assert_eq!(
        (front["date"].as_str(), front["updated"].as_str()),
        (Some("2024-10-01T14:00:00Z"), Some("2024-10-03T13:00:00Z"))
    );
    assert_eq!(front["topics"], serde_json::json!(["Russia", "Énergie"]));
    assert_eq!(front["authors"], serde_json::json!(["zoe-angstrom"]));
    assert_eq!(front["extra"]["featured_image"], "/uploads/2024/10/map.jpg");
    assert!(front.get("draft").is_none() && front.get("embargo").is_none());
    // Gutenberg comments gone, CDATA joined across `]]>`, the caption an
    // image and its text, the gallery kept verbatim, links moved.
    assert!(!body.contains("wp:"), "{body}");
    assert!(body.contains("`a]]>b`"), "{body}");
    assert!(
        body.contains(
            "![Map of the pipeline](/uploads/2024/10/map.jpg)\n\nThe pipeline, as of October."
        ),
        "{body}"
    );
    assert!(
        body.contains("[gallery ids=\"201,202\" columns=\"2\"]"),
        "{body}"
    );
    assert!(body.contains("[the flash brief](/briefs/flash/)"), "{body}");
    assert!(
        body.contains("[our events](https://old.example.org/events/)"),
        "{body}"
    );
    assert!(
        body.contains("[full report](/uploads/2024/10/report.pdf)"),
        "{body}"
    );

    // The flash-brief shape in Gutenberg HTML.
    let (front, body) = brief("2024/2024-10-02-flash.md");
    assert_eq!(front["kind"], "Flash Brief");
    assert_eq!(
        body,
        "## Latest Developments\n\n- **Explosion at Sea:** A blast damaged the pipeline early on October 2.\n- **Prices Jump:** Gas prices rose 12 percent by noon.\n"
    );
    assert_eq!(
        front["responses"],
        serde_json::json!([
            {"expert": "zoe-angstrom", "quote": "This is sabotage, plain and simple."},
            {"expert": "ada-obi", "quote": "Markets will calm within a week."},
        ])
    );
    assert_eq!(
        front["related"],
        serde_json::json!([
            {"title": "Sanctions on Россия: “What Comes Next” & Énergie", "by": ["zoe-angstrom"], "brief": "sanctions"},
            {"title": "Pipes and Power", "by": ["ada-obi"], "by_name": ["Ben Ng"], "url": "https://journal.example.net/pipes"},
            {"title": "An Older Piece", "label": "Policy Institute Flash Brief", "url": "https://old.example.org/2023/05/05/not-exported/"},
        ])
    );
    assert_eq!(
        front["extra"]["attachments"],
        serde_json::json!(["/uploads/2024/10/report.pdf"])
    );
    let (ada, _) = parsed(&site.root().join("content/experts/ada-obi.md"));
    assert_eq!(
        ada,
        serde_json::json!({"name": "Ada Obi", "honorific": "Dr.", "role": "Director of the Institute’s Energy Program", "program": "Energy Program"})
    );

    // Statuses: draft (a local date only, read with the export's offset,
    // -4 h as its other posts show), pending, private, scheduled.
    let (front, body) = brief("2024/2024-10-05-draft-thoughts.md");
    assert_eq!(
        (front["draft"].as_bool(), front["date"].as_str()),
        (Some(true), Some("2024-10-05T13:30:00Z"))
    );
    assert_eq!(
        body,
        "Classic editor text.\n\nA second paragraph  \nwith a line break.\n"
    );
    assert_eq!(brief("2024/2024-10-06-awaiting-review.md").0["draft"], true);
    assert_eq!(brief("2024/2024-10-07-members-only.md").0["draft"], true);
    let (front, _) = brief("2030/2030-01-15-winter.md");
    assert_eq!(front["embargo"], "2030-01-15T12:00:00Z");

    // Pages, and two authors sharing a name.
    assert_eq!(
        parsed(&site.root().join("content/pages/about-us.md")),
        (
            serde_json::json!({"title": "About Us"}),
            "We study energy & security.\n".into()
        )
    );
    assert_eq!(
        brief("2024/2024-10-08-sanctions-2.md").0["authors"],
        serde_json::json!(["sam-lee-2"])
    );

    // The report: skipped items, clashes, review and warnings.
    for line in [
        "nav_menu_item 300 “Home”: a WordPress `nav_menu_item` item, not a post or page",
        "post 301 “Deleted Post”: its status is `trash`",
        "the slug `sanctions` is taken by export.xml: post 101",
        "imported as `sanctions-2`",
        "the slug `topics` is taken by briefs’s own /topics/; imported as `topics-2`",
        "the expert id `sam-lee` is taken; “Sam Lee” is `sam-lee-2`",
        "shortcode kept verbatim: [gallery ids=\"201,202\" columns=\"2\"]",
        "content/experts/ada-obi.md: a new expert, made from an author or a quote's attribution",
        "post 106 “Members Only”: private in WordPress: imported as a draft",
        "https://old.example.org/events/: the import did not bring the page it points to",
        "related “An Older Piece” links to https://old.example.org/2023/05/05/not-exported/",
    ] {
        assert!(out.contains(line), "report lacks {line:?}:\n{out}");
    }
    assert!(
        !out.contains("No Posts"),
        "an author without posts is no expert: {out}"
    );
    site.build_ok(&[]);
    check_clean(&site);
}

/// WXR 1.0 and 1.1 (1.0 has no `wp:author` list: logins are the names).
#[test]
fn every_wxr_version_imports() {
    let text = std::fs::read_to_string(fixture("export.xml")).unwrap();
    for version in ["1.0", "1.1"] {
        let mut old = text
            .replace("export/1.2/", &format!("export/{version}/"))
            .replace("<wp:wxr_version>1.2", &format!("<wp:wxr_version>{version}"));
        if version == "1.0" {
            old = old
                .lines()
                .filter(|l| !l.contains("<wp:author>"))
                .collect::<Vec<_>>()
                .join("\n");
        }
        let site = TestSite::with_files(&[("export.xml", &old)]);
        let run = ok(site.run(&["import", "export.xml"]));
        assert!(
            run.stdout.contains(&format!("(WXR {version})")),
            "{}",
            run.stdout
        );
        let authors = parsed(
            &site
                .root()
                .join("content/briefs/2024/2024-10-01-sanctions.md"),
        )
        .0["authors"]
            .clone();
        let want = if version == "1.0" {
            "zoe"
        } else {
            "zoe-angstrom"
        };
        assert_eq!(authors, serde_json::json!([want]), "{version}");
        check_clean(&site);
    }
}

/// A malformed file is an error at its line and column, and nothing is
/// written, not even from the good sources beside it.
#[test]
fn malformed_export_writes_nothing() {
    let site = TestSite::with_files(&[]);
    let before = tree(site.root());
    let run = site.run(&["import", &fixture("export.xml"), &fixture("malformed.xml")]);
    failed(
        &run,
        &["malformed.xml:9:22: error: malformed XML", "`</titel>`"],
    );
    assert_eq!(tree(site.root()), before);
}

/// Entity declarations (an entity bomb) and external DTDs are refused at
/// the DOCTYPE; an undeclared entity is left as written, not expanded.
#[test]
fn hostile_xml_is_refused_or_left_unexpanded() {
    let site = TestSite::with_files(&[]);
    for (file, message) in [
        (
            "entity-bomb.xml:2:1: error: the DOCTYPE declares entities",
            "entity-bomb.xml",
        ),
        (
            "external-entity.xml:2:1: error: the DOCTYPE names an external DTD",
            "external-entity.xml",
        ),
    ] {
        let run = site.run(&["import", &fixture(message)]);
        failed(&run, &[file]);
    }
    assert!(!site.root().join("content").exists());
    let feed = "<rss version=\"2.0\"><channel><link>https://o.example.org</link><item><title>Caf&#233; &amp; &nbsp; &xxe;</title><link>https://o.example.org/cafe/</link><pubDate>Tue, 01 Oct 2024 14:00:00 +0000</pubDate><description>&lt;p&gt;Hi&lt;/p&gt;</description></item></channel></rss>";
    site.write("feed.xml", feed);
    ok(site.run(&["import", "feed.xml"]));
    let (front, body) = parsed(&site.root().join("content/briefs/2024/2024-10-01-cafe.md"));
    assert_eq!(front["title"], "Café & &nbsp; &xxe;");
    assert_eq!(body, "Hi\n");
}

#[test]
fn dry_run_writes_nothing() {
    let site = TestSite::with_files(&[]);
    let before = tree(site.root());
    let run = ok(site.run(&["import", &fixture("export.xml"), "--dry-run"]));
    assert!(
        run.stdout.contains("would import 7 briefs"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("would create (13)"), "{}", run.stdout);
    assert_eq!(tree(site.root()), before);
}

/// Hundreds of posts import, build and check clean; a second import
/// changes no file.
#[test]
fn generated_export_round_trips() {
    let site = TestSite::with_files(&[("export.xml", &generated_export(300))]);
    let run = ok(site.run(&["import", "export.xml"]));
    assert!(run.stdout.contains("imported 300 briefs"), "{}", run.stdout);
    assert!(
        run.stdout.contains("clashes resolved (5)"),
        "{}",
        run.stdout
    );
    let flash = parsed(
        &site
            .root()
            .join("content/briefs/2023/2023-04-04-brief-3.md"),
    )
    .0;
    assert_eq!(flash["kind"], "Flash Brief");
    assert_eq!(
        flash["responses"][0]["quote"],
        "Quote 3 is “nested” and long."
    );
    assert_eq!(flash["related"][0]["brief"], "brief-2");
    assert_eq!(flash["related"][1]["brief"], "brief-1");
    let (montgomery, _) = parsed(&site.root().join("content/experts/mark-montgomery.md"));
    assert_eq!(montgomery["program"], "Center on Cyber and Technology");
    site.build_ok(&[]);
    check_clean(&site);
    std::fs::remove_dir_all(site.root().join("public")).unwrap();
    let before = tree(site.root());
    let again = ok(site.run(&["import", "export.xml"]));
    assert!(!again.stdout.contains("created"), "{}", again.stdout);
    // Every file the first import wrote is what the second would write.
    let written = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("created ("))
        .unwrap();
    let unchanged = format!("unchanged: {} files", written.trim_end_matches("):"));
    assert!(again.stdout.contains(&unchanged), "{}", again.stdout);
    assert!(!again.stdout.contains("skipped"), "{}", again.stdout);
    assert_eq!(tree(site.root()), before, "a second import changed files");
}

/// `--update` rewrites files the importer wrote that nobody edited; an
/// edited file is left alone, with or without it.
#[test]
fn update_rewrites_only_unedited_imports() {
    let site = TestSite::with_files(&[(
        "export.xml",
        &std::fs::read_to_string(fixture("export.xml")).unwrap(),
    )]);
    ok(site.run(&["import", "export.xml"]));
    let edited = site
        .root()
        .join("content/briefs/2024/2024-10-08-sanctions-2.md");
    let pending = site
        .root()
        .join("content/briefs/2024/2024-10-06-awaiting-review.md");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("\nAn editor's addition.\n");
    std::fs::write(&edited, &text).unwrap();
    let export = std::fs::read_to_string(site.root().join("export.xml")).unwrap();
    site.write(
        "export.xml",
        &export
            .replace("Same slug as another post.", "Changed at the source.")
            .replace("Pending text.", "Pending, revised."),
    );

    let run = ok(site.run(&["import", "export.xml"]));
    assert!(run.stdout.contains("content/briefs/2024/2024-10-08-sanctions-2.md: edited since it was imported: left alone"), "{}", run.stdout);
    assert!(run.stdout.contains("content/briefs/2024/2024-10-06-awaiting-review.md: imported earlier and not edited since, but the import now differs: --update rewrites it"), "{}", run.stdout);
    assert!(
        std::fs::read_to_string(&pending)
            .unwrap()
            .contains("Pending text.")
    );

    let run = ok(site.run(&["import", "export.xml", "--update"]));
    assert!(
        run.stdout
            .contains("updated (1):\n  content/briefs/2024/2024-10-06-awaiting-review.md"),
        "{}",
        run.stdout
    );
    assert!(
        std::fs::read_to_string(&pending)
            .unwrap()
            .contains("Pending, revised.")
    );
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), text);
    site.remove("content/pages/topics-2.md");
    let after = tree(site.root());
    let run = ok(site.run(&["import", "export.xml", "--update"]));
    let deleted = "content/pages/topics-2.md: deleted since it was imported: not written again";
    assert!(run.stdout.contains(deleted), "{}", run.stdout);
    assert_eq!(
        tree(site.root()),
        after,
        "a repeated --update changed files"
    );
}

/// Other flash briefs than the seed: pasted text with `-` bullets,
/// straight quotes, "Expert Responses" and `&` bylines; and a feed item
/// whose quotes and background lines share paragraphs (`<br>`) and link
/// out. Both keep unrelated paragraphs in the body.
#[test]
fn other_flash_briefs_are_recognised() {
    let site = TestSite::with_files(&[
        (
            "content/experts/jo-park.md",
            "---\nname: Jo Park\nrole: Fellow\n---\n",
        ),
        (
            "brief.txt",
            "An opening paragraph with *stars* and a_b.\n\nLatest Developments\n- Talks Stall: Negotiators left Geneva.\n- Second point without a lead in\n\nTI Expert Responses\n\"Talks will resume.\" - Jo Park, Fellow\n\"Doubtful.\" — Gen. (Ret.) Max Roe, Chair of TI's Security Program\n\nTI Background and Analysis\n\"Geneva Again,\" by Jo Park & Kim Li\n",
        ),
    ]);
    ok(site.run(&[
        "import",
        "brief.txt",
        "--title",
        "Talks Stall",
        "--date",
        "2024-05-02",
        "--author",
        "jo-park",
    ]));
    let (front, body) = parsed(
        &site
            .root()
            .join("content/briefs/2024/2024-05-02-talks-stall.md"),
    );
    assert_eq!(
        body,
        "An opening paragraph with \\*stars\\* and a\\_b.\n\n## Latest Developments\n\n- **Talks Stall:** Negotiators left Geneva.\n- Second point without a lead in\n"
    );
    assert_eq!(
        front["authors"],
        serde_json::json!(["jo-park"]),
        "an expert id as --author"
    );
    assert_eq!(
        front["responses"],
        serde_json::json!([
            {"expert": "jo-park", "quote": "Talks will resume."},
            {"expert": "max-roe", "quote": "Doubtful."},
        ])
    );
    assert_eq!(
        front["related"],
        serde_json::json!([{"title": "Geneva Again", "by": ["jo-park"], "by_name": ["Kim Li"]}])
    );
    let (roe, _) = parsed(&site.root().join("content/experts/max-roe.md"));
    assert_eq!(
        roe,
        serde_json::json!({"name": "Max Roe", "honorific": "Gen. (Ret.)", "role": "Chair of TI's Security Program", "program": "Security Program"})
    );

    let html = "<p>Context first.</p><h2>Latest Developments</h2><ul><li><b>Ceasefire</b>: Both sides agreed.</li></ul>\
        <p><strong>TI Expert Response</strong></p>\
        <p>“It will hold.” — Jo Park, Fellow<br>“It will not.” — Ann Ng, Analyst</p>\
        <p><strong>TI Background and Analysis</strong></p>\
        <p><a href=\"https://journal.example.net/a\">“Piece A,”</a> by Ann Ng<br><a href=\"https://journal.example.net/b\">“Piece B,”</a> TI Flash Brief</p>\
        <p>Closing note.</p>";
    let feed = format!(
        "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><link>https://ti.example.org</link><item><title>Ceasefire Agreed</title><link>https://ti.example.org/ceasefire/</link><pubDate>Fri, 03 May 2024 12:00:00 GMT</pubDate><content:encoded><![CDATA[{html}]]></content:encoded></item></channel></rss>"
    );
    site.write("feed.xml", &feed);
    ok(site.run(&["import", "feed.xml"]));
    let (front, body) = parsed(
        &site
            .root()
            .join("content/briefs/2024/2024-05-03-ceasefire.md"),
    );
    assert_eq!(
        body,
        "Context first.\n\n## Latest Developments\n\n- **Ceasefire:** Both sides agreed.\n\nClosing note.\n"
    );
    assert_eq!(front["kind"], "Flash Brief");
    assert_eq!(
        front["responses"],
        serde_json::json!([
            {"expert": "jo-park", "quote": "It will hold."},
            {"expert": "ann-ng", "quote": "It will not."},
        ])
    );
    assert_eq!(
        front["related"],
        serde_json::json!([
            {"title": "Piece A", "by": ["ann-ng"], "url": "https://journal.example.net/a"},
            {"title": "Piece B", "label": "TI Flash Brief", "url": "https://journal.example.net/b"},
        ])
    );
    check_clean(&site);
}

/// Sources that cannot be read are errors naming the file (with the line
/// of the first byte that is not UTF-8), all reported together; and an
/// XML file that is neither an export nor a feed is refused.
#[test]
fn unreadable_sources_are_errors() {
    let site = TestSite::with_files(&[("page.xml", "<html><body>Hi</body></html>")]);
    std::fs::write(site.root().join("bad.txt"), b"Title line\n\xff\xfe bad\n").unwrap();
    let before = tree(site.root());
    let run = site.run(&[
        "import",
        "missing.xml",
        "bad.txt",
        "page.xml",
        "--title",
        "T",
        "--date",
        "2024-01-01",
    ]);
    failed(
        &run,
        &[
            "missing.xml: error: cannot read the file:",
            "bad.txt:2:1: error: the text is not UTF-8",
            "page.xml: error: XML that is neither a WordPress export (WXR) nor an RSS 2.0 feed",
            "3 errors found",
        ],
    );
    assert_eq!(tree(site.root()), before);
}

/// The manifest is a file anyone can edit: a path in it that leaves the
/// site's content folders is never written.
#[test]
fn manifest_paths_cannot_leave_the_content_folders() {
    let manifest = r#"{"version": 1, "files": {"content/briefs/../../outside.md": {"sha256": "0", "source": "https://www.fdd.org/?p=253108"}}}"#;
    let site = TestSite::with_files(&[("briefs-import.json", manifest)]);
    ok(site.run(&["import", &fixture("seed-feed.xml")]));
    assert!(!site.root().join("../outside.md").exists());
    assert!(site.root().join(DEMO_BRIEF).is_file());
}

/// A file that cannot be written (here `content/pages` is a file, not a
/// folder) fails the import before any other file is in place.
#[test]
fn a_failed_write_leaves_the_site_as_it_was() {
    let site = TestSite::with_files(&[("content/pages", "not a folder")]);
    let before = tree(site.root());
    let run = site.run(&["import", &fixture("export.xml")]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(run.stderr.contains("cannot create"), "{}", run.stderr);
    assert_eq!(tree(site.root()), before, "files were written");
}
