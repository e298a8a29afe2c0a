//! Importing WordPress exports (WXR): every kind of item, every WXR
//! version, a generated export round-tripping, and updates that rewrite only
//! the imports nobody edited. (`wordpress_export_imports_every_kind_of_item`
//! runs past 80 lines: one export, each kind of item checked in turn.)

use super::*;

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
