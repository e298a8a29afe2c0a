#!/usr/bin/env python3
"""Reads the publication metadata and citation files of built sites with the
tools their users use: extruct extracts the JSON-LD and OpenGraph of every
brief and expert page (with the expected types), bibtexparser reads every
cite.bib, rispy every cite.ris, and each agrees with the cite.json beside it.

usage: check_citations.py SITE_DIR...
"""
import json, os, re, sys

import bibtexparser
import extruct
import rispy

BRIEF_TYPES = {"Report", "Article", "NewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle",
               "OpinionNewsArticle", "ReportageNewsArticle", "BlogPosting", "ScholarlyArticle", "TechArticle"}


def fail(path, why):
    raise SystemExit(f"{path}: {why}")


def extract(path):
    with open(path, encoding="utf-8") as f:
        html = f.read()
    data = extruct.extract(html, syntaxes=["json-ld", "opengraph"])
    if len(data["json-ld"]) != 1:
        fail(path, f"expected one JSON-LD block, got {len(data['json-ld'])}")
    graph = data["json-ld"][0].get("@graph")
    if not isinstance(graph, list) or not graph:
        fail(path, "JSON-LD without an @graph")
    og = {}
    for block in data["opengraph"]:
        for key, value in block["properties"]:
            og.setdefault(key, value)
    for key in ["og:title", "og:url", "og:type", "og:site_name"]:
        if not og.get(key):
            fail(path, f"no {key}")
    return html, graph, og


def types(graph):
    return [n.get("@type") for n in graph]


def check_brief(path, counts):
    html, graph, og = extract(path)
    if og["og:type"] != "article":
        fail(path, f"og:type {og['og:type']!r}")
    ts = types(graph)
    main = [n for n in graph if n.get("@type") in BRIEF_TYPES]
    if len(main) != 1:
        fail(path, f"one brief node expected, types {ts}")
    brief = main[0]
    for key in ["headline", "datePublished", "dateModified", "url", "author", "publisher"]:
        if key not in brief:
            fail(path, f"the {brief['@type']} has no {key}")
    for needed in ["Organization", "BreadcrumbList"]:
        if needed not in ts:
            fail(path, f"no {needed} in {ts}")
    responses = len(re.findall(r'<figure class="response"', html))
    if ts.count("Quotation") != responses:
        fail(path, f"{responses} responses but {ts.count('Quotation')} Quotation nodes")
    people = {n["@id"] for n in graph if n.get("@type") == "Person"}
    for a in brief["author"]:
        if a["@id"] not in people and not a["@id"].endswith("#organization"):
            fail(path, f"author {a['@id']} has no node")
    counts["pages"] += 1
    check_cite_files(os.path.dirname(path), brief, counts)


def check_expert(path, counts):
    _, graph, og = extract(path)
    if og["og:type"] != "profile":
        fail(path, f"og:type {og['og:type']!r}")
    profile = [n for n in graph if n.get("@type") == "ProfilePage"]
    people = {n["@id"] for n in graph if n.get("@type") == "Person"}
    if len(profile) != 1 or profile[0]["mainEntity"]["@id"] not in people:
        fail(path, f"no ProfilePage about a Person in {types(graph)}")
    counts["pages"] += 1


def plain(text):
    """BibTeX text without braces and escapes."""
    return re.sub(r"\\(.)", r"\1", text.replace("{", "").replace("}", ""))


def check_cite_files(folder, brief, counts):
    with open(os.path.join(folder, "cite.json"), encoding="utf-8") as f:
        items = json.load(f)
    if not isinstance(items, list) or len(items) != 1:
        fail(folder, "cite.json is not an array of one item")
    item = items[0]
    title = item["title"]
    if title != brief["headline"]:
        fail(folder, f"cite.json title {title!r} is not the page's {brief['headline']!r}")
    families = [a.get("family") or a.get("literal") for a in item["author"]]

    with open(os.path.join(folder, "cite.bib"), encoding="utf-8") as f:
        bib = bibtexparser.loads(f.read()).entries
    if len(bib) != 1 or bib[0]["ENTRYTYPE"] != "techreport":
        fail(folder, f"cite.bib: one @techreport expected, got {bib}")
    e = bib[0]
    if plain(e["title"]) != title:
        fail(folder, f"cite.bib title {plain(e['title'])!r} is not {title!r}")
    if e["year"] != str(item["issued"]["date-parts"][0][0]):
        fail(folder, "cite.bib year differs from cite.json")
    bib_authors = [plain(a).split(",")[0].strip() for a in e["author"].split(" and ")]
    if bib_authors != families:
        fail(folder, f"cite.bib authors {bib_authors} are not {families}")
    if plain(e["institution"]) != item["publisher"]:
        fail(folder, "cite.bib institution differs from cite.json publisher")

    with open(os.path.join(folder, "cite.ris"), encoding="utf-8") as f:
        ris = rispy.loads(f.read())
    if len(ris) != 1 or ris[0]["type_of_reference"] != "RPRT":
        fail(folder, f"cite.ris: one RPRT expected, got {ris}")
    r = ris[0]
    if r["title"] != title or r.get("publisher") != item["publisher"]:
        fail(folder, f"cite.ris title or publisher differs: {r}")
    ris_authors = [a.split(",")[0].strip() for a in r.get("authors", [])]
    if ris_authors != families:
        fail(folder, f"cite.ris authors {ris_authors} are not {families}")
    if item.get("DOI") and r.get("doi") != item["DOI"]:
        fail(folder, "cite.ris DOI differs")
    counts["cites"] += 1


def main(dirs):
    for root in dirs:
        counts = {"pages": 0, "cites": 0}
        for kind, check in [("briefs", check_brief), ("experts", check_expert)]:
            base = os.path.join(root, kind)
            for name in sorted(os.listdir(base)):
                page = os.path.join(base, name, "index.html")
                if os.path.isfile(page):
                    check(page, counts)
        if counts["cites"] == 0:
            fail(root, "no citation files found")
        print(f"extruct, bibtexparser, rispy: {root}: {counts['pages']} pages, "
              f"{counts['cites']} × cite.bib, cite.ris, cite.json read")


if __name__ == "__main__":
    main(sys.argv[1:])
