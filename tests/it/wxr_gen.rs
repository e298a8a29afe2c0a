//! A generated WordPress export (WXR 1.2) of any size, for the import's
//! round-trip test (`tests/it/import/`) and for measuring the import
//! (`examples/gen_wxr.rs`, run by `scripts/import_speed`).
//!
//! (`generated_export` runs past 80 lines: the WXR document written out in
//! the order WordPress writes it.)

/// A WordPress export of `n` posts in several shapes: flash briefs whose
/// quotes come from a pool of speakers (with honorifics and programs) and
/// whose background lines name earlier posts by title and link, classic
/// paragraphs, Gutenberg blocks with captions and links, drafts and
/// scheduled posts, UTF-8 titles, repeated slugs, authors and terms.
pub(crate) fn generated_export(n: usize) -> String {
    const SPEAKERS: &[&str] = &[
        "Clifford D. May, Founder and President",
        "RADM (Ret.) Mark Montgomery, Senior Director of FDD’s Center on Cyber and Technology",
        "John Hardie, Deputy Director of FDD’s Russia Program",
        "Dr. Ada Obi, Senior Fellow",
        "Amb. Élodie Brun, Director of the Institute’s Europe Program",
        "Lt. Gen. (Ret.) Sam Lee, Senior Advisor",
    ];
    const TOPICS: &[&str] = &["Russia", "Ukraine", "Iran", "Énergie", "Cyber", "中国"];
    let mut items = String::new();
    for i in 1..=n {
        let day = format!(
            "2023-{:02}-{:02} {:02}:00:00",
            1 + i % 12,
            1 + i % 28,
            i % 24
        );
        let title = format!("Brief {i}: Sanctions, Drones & “Quotes” — Россия {}", i % 7);
        let slug = if i % 50 == 0 {
            "repeated".to_string()
        } else {
            format!("brief-{i}")
        };
        let status = match i % 20 {
            0 => "draft",
            7 => "future",
            _ => "publish",
        };
        let content = match i % 3 {
            0 if i > 2 => {
                let speaker = SPEAKERS[i % SPEAKERS.len()];
                let other = SPEAKERS[(i + 1) % SPEAKERS.len()];
                let prev_title = format!(
                    "Brief {}: Sanctions, Drones &amp; “Quotes” — Россия {}",
                    i - 2,
                    (i - 2) % 7
                );
                format!(
                    "<h3>Latest Developments</h3><ul><li><strong>Event {i}:</strong> Something happened.</li><li>Reaction {i}: Markets moved.</li></ul>\
                     <h3>FDD Expert Response</h3><p>“Quote {i} is “nested” and long.” — {speaker}</p><p>“Second quote {i}.” — {other}</p>\
                     <h3>FDD Background and Analysis</h3><ul><li><a href=\"https://old.example.org/2023/brief-{prev}/\">“Brief {prev}: Linked,”</a> by Ada Obi and Nobody Known</li>\
                     <li>“{prev_title},” FDD Flash Brief</li></ul>\
                     <p>The post {title_html} appeared first on <a href=\"https://old.example.org\">FDD</a>.</p>",
                    prev = i - 1,
                    title_html = title.replace('&', "&amp;"),
                )
            }
            1 => format!(
                "Classic paragraph {i} with *stars* and [brackets].\n\nSecond paragraph\nwith a break and <a href=\"https://old.example.org/2023/brief-{}/\">a link</a>.",
                i + 1
            ),
            _ => format!(
                "<!-- wp:paragraph --><p>Gutenberg {i} <em>text</em>.</p><!-- /wp:paragraph -->\
                 [caption id=\"attachment_{i}\" width=\"300\"]<img src=\"https://cdn.example.net/{i}.jpg\" alt=\"Image {i}\"> Caption {i}[/caption]\
                 <!-- wp:list --><ul><li>One</li><li>Two</li></ul><!-- /wp:list -->"
            ),
        };
        let author = ["zoe", "slee", "ada"][i % 3];
        let (t1, t2) = (TOPICS[i % TOPICS.len()], TOPICS[(i / 2) % TOPICS.len()]);
        items.push_str(&format!(
            "<item><title><![CDATA[{title}]]></title><link>https://old.example.org/2023/brief-{i}/</link>\
             <dc:creator><![CDATA[{author}]]></dc:creator><guid isPermaLink=\"false\">https://old.example.org/?p={i}</guid>\
             <content:encoded><![CDATA[{content}]]></content:encoded><wp:post_id>{i}</wp:post_id>\
             <wp:post_date><![CDATA[{day}]]></wp:post_date><wp:post_date_gmt><![CDATA[{day}]]></wp:post_date_gmt>\
             <wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[{status}]]></wp:status>\
             <wp:post_type><![CDATA[post]]></wp:post_type>\
             <category domain=\"category\" nicename=\"a\"><![CDATA[{t1}]]></category><category domain=\"post_tag\" nicename=\"b\"><![CDATA[{t2}]]></category></item>\n"
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n\
         <channel><title>Generated</title><link>https://old.example.org</link><wp:wxr_version>1.2</wp:wxr_version>\
         <wp:base_site_url>https://old.example.org</wp:base_site_url>\
         <wp:author><wp:author_login>zoe</wp:author_login><wp:author_display_name><![CDATA[Zoë Ångström]]></wp:author_display_name></wp:author>\
         <wp:author><wp:author_login>slee</wp:author_login><wp:author_display_name><![CDATA[Sam Lee]]></wp:author_display_name></wp:author>\
         <wp:author><wp:author_login>ada</wp:author_login><wp:author_display_name><![CDATA[Ada Obi]]></wp:author_display_name></wp:author>\n\
         {items}</channel></rss>\n"
    )
}
