#!/usr/bin/env python3
"""Parses every feed under the given output folders with an independent
reader and fails on any problem:

- RSS and Atom (`*.xml`): feedparser; any `bozo` (ill-formed) fails, and so
  does an entry without an id or an absolute link.
- JSON Feed (`feed.json`): feedparser 6.0 (the latest release) has no JSON
  Feed parser, so the file is read with a strict JSON parser and checked
  against JSON Feed 1.1: version, required keys and types, absolute URLs,
  RFC 3339 dates.

- With `--lang LANG DIR`, every feed under DIR must also say it is in
  LANG (RSS `<language>`, Atom `xml:lang`, JSON Feed `language`, as the
  reader reports them): a site in several languages has each language's
  feeds under its own folder (`public/ar/`).

usage: check_feeds.py [--lang LANG DIR]... OUT_DIR...
"""
import datetime, json, os, sys
import feedparser

FEED_NAMES = ("feed.xml", "atom.xml", "feed.json")


def feeds_under(root):
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if name in FEED_NAMES:
                yield os.path.join(folder, name)


def absolute(url):
    return isinstance(url, str) and url.startswith(("http://", "https://"))


def rfc3339(value):
    try:
        d = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return d.tzinfo is not None and "T" in value


def json_problems(path):
    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError(f"duplicate keys in {keys}")
        return dict(pairs)
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f, object_pairs_hook=no_duplicates)
    except ValueError as e:
        yield f"not valid JSON: {e}"
        return
    if doc.get("version") != "https://jsonfeed.org/version/1.1":
        yield f"version is {doc.get('version')!r}"
    if not isinstance(doc.get("title"), str) or not doc["title"]:
        yield "no title"
    for key in ("home_page_url", "feed_url"):
        if not absolute(doc.get(key)):
            yield f"{key} is not absolute: {doc.get(key)!r}"
    items = doc.get("items")
    if not isinstance(items, list):
        yield "items is not a list"
        return
    for item in items:
        if not isinstance(item.get("id"), str) or not item["id"]:
            yield f"item without id: {item.get('url')!r}"
        if not absolute(item.get("url")):
            yield f"item url is not absolute: {item.get('url')!r}"
        if not isinstance(item.get("content_html"), str):
            yield f"item without content_html: {item.get('url')!r}"
        for key in ("date_published", "date_modified"):
            if key in item and not rfc3339(item[key]):
                yield f"{key} is not RFC 3339: {item[key]!r}"
        for a in item.get("authors", []) + doc.get("authors", []):
            if not isinstance(a.get("name"), str) or not absolute(a.get("url")):
                yield f"bad author {a!r}"
        if not all(isinstance(t, str) for t in item.get("tags", [])):
            yield f"tags are not strings: {item.get('url')!r}"


def language_of(path):
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            return json.load(f).get("language")
    with open(path, "rb") as f:
        return feedparser.parse(f.read()).feed.get("language")


def problems_of(path, lang=None):
    if lang is not None and language_of(path) != lang:
        yield f"language is {language_of(path)!r}, not {lang!r}"
    if path.endswith(".json"):
        yield from json_problems(path)
        return
    with open(path, "rb") as f:
        parsed = feedparser.parse(f.read())
    if parsed.bozo:
        yield f"not well-formed: {parsed.bozo_exception!r}"
    if not parsed.version:
        yield "feedparser does not recognise the format"
    for entry in parsed.entries:
        link = entry.get("link", "")
        if not link.startswith(("http://", "https://")):
            yield f"entry link is not absolute: {link!r}"
        if not entry.get("id"):
            yield f"entry without id: {link!r}"


def main(args):
    langs, roots = [], []
    while args:
        if args[0] == "--lang" and len(args) >= 3:
            langs.append((args[1], args[2]))
            args = args[3:]
        else:
            roots.append(args[0])
            args = args[1:]
    count, failed = 0, 0
    checked = [(None, r) for r in roots] + langs
    for lang, root in checked:
        for path in feeds_under(root):
            count += lang is None
            for problem in problems_of(path, lang):
                failed += 1
                print(f"{path}: {problem}", file=sys.stderr)
    if count == 0:
        print("no feeds found", file=sys.stderr)
        return 1
    print(f"feeds: {count} checked (feedparser for RSS and Atom, JSON Feed 1.1 rules for JSON), {failed} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
