#!/usr/bin/env python3
"""Writes a generated WordPress export (WXR 1.2) of N posts to stdout, for
measuring `briefs import`: flash briefs (Latest Developments, quotes from a
pool of speakers, background lines naming earlier posts), classic-editor
paragraphs, Gutenberg blocks with [caption] shortcodes, drafts, scheduled
posts, UTF-8 titles, repeated slugs, three authors and six topics.
The same shapes as `generated_export` in tests/it/import.rs.

usage: gen_wxr.py N > export.xml
"""
import sys

SPEAKERS = [
    "Clifford D. May, Founder and President",
    "RADM (Ret.) Mark Montgomery, Senior Director of FDD’s Center on Cyber and Technology",
    "John Hardie, Deputy Director of FDD’s Russia Program",
    "Dr. Ada Obi, Senior Fellow",
    "Amb. Élodie Brun, Director of the Institute’s Europe Program",
    "Lt. Gen. (Ret.) Sam Lee, Senior Advisor",
]
TOPICS = ["Russia", "Ukraine", "Iran", "Énergie", "Cyber", "中国"]


def title(i):
    return f"Brief {i}: Sanctions, Drones & “Quotes” — Россия {i % 7}"


def content(i):
    if i % 3 == 0 and i > 2:
        s, o = SPEAKERS[i % len(SPEAKERS)], SPEAKERS[(i + 1) % len(SPEAKERS)]
        prev = title(i - 2).replace("&", "&amp;")
        return (f"<h3>Latest Developments</h3><ul><li><strong>Event {i}:</strong> Something happened.</li>"
                f"<li>Reaction {i}: Markets moved.</li></ul><h3>FDD Expert Response</h3>"
                f"<p>“Quote {i} is “nested” and long.” — {s}</p><p>“Second quote {i}.” — {o}</p>"
                f"<h3>FDD Background and Analysis</h3><ul><li><a href=\"https://old.example.org/2023/brief-{i-1}/\">"
                f"“Brief {i-1}: Linked,”</a> by Ada Obi and Nobody Known</li><li>“{prev},” FDD Flash Brief</li></ul>"
                f"<p>The post {title(i).replace('&', '&amp;')} appeared first on <a href=\"https://old.example.org\">FDD</a>.</p>")
    if i % 3 == 1:
        return (f"Classic paragraph {i} with *stars* and [brackets].\n\nSecond paragraph\nwith a break and "
                f"<a href=\"https://old.example.org/2023/brief-{i+1}/\">a link</a>.")
    return (f"<!-- wp:paragraph --><p>Gutenberg {i} <em>text</em>.</p><!-- /wp:paragraph -->"
            f"[caption id=\"attachment_{i}\" width=\"300\"]<img src=\"https://cdn.example.net/{i}.jpg\" alt=\"Image {i}\"> Caption {i}[/caption]"
            f"<!-- wp:list --><ul><li>One</li><li>Two</li></ul><!-- /wp:list -->")


def item(i):
    day = f"2023-{1 + i % 12:02}-{1 + i % 28:02} {i % 24:02}:00:00"
    slug = "repeated" if i % 50 == 0 else f"brief-{i}"
    status = {0: "draft", 7: "future"}.get(i % 20, "publish")
    author = ["zoe", "slee", "ada"][i % 3]
    t1, t2 = TOPICS[i % len(TOPICS)], TOPICS[(i // 2) % len(TOPICS)]
    return (f"<item><title><![CDATA[{title(i)}]]></title><link>https://old.example.org/2023/brief-{i}/</link>"
            f"<dc:creator><![CDATA[{author}]]></dc:creator><guid isPermaLink=\"false\">https://old.example.org/?p={i}</guid>"
            f"<content:encoded><![CDATA[{content(i)}]]></content:encoded><wp:post_id>{i}</wp:post_id>"
            f"<wp:post_date><![CDATA[{day}]]></wp:post_date><wp:post_date_gmt><![CDATA[{day}]]></wp:post_date_gmt>"
            f"<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[{status}]]></wp:status>"
            f"<wp:post_type><![CDATA[post]]></wp:post_type>"
            f"<category domain=\"category\" nicename=\"a\"><![CDATA[{t1}]]></category>"
            f"<category domain=\"post_tag\" nicename=\"b\"><![CDATA[{t2}]]></category></item>\n")


def main(n):
    out = sys.stdout
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
              "xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" "
              "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
              "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n"
              "<channel><title>Generated</title><link>https://old.example.org</link><wp:wxr_version>1.2</wp:wxr_version>"
              "<wp:base_site_url>https://old.example.org</wp:base_site_url>")
    for login, name in [("zoe", "Zoë Ångström"), ("slee", "Sam Lee"), ("ada", "Ada Obi")]:
        out.write(f"<wp:author><wp:author_login>{login}</wp:author_login>"
                  f"<wp:author_display_name><![CDATA[{name}]]></wp:author_display_name></wp:author>")
    out.write("\n")
    for i in range(1, n + 1):
        out.write(item(i))
    out.write("</channel></rss>\n")


if __name__ == "__main__":
    main(int(sys.argv[1]))
