//! The bad-input suite (SPEC section 8): one broken thing per case, each
//! built on top of a good site that was built first. Every case must exit 1,
//! name the file, line and column and what is wrong, and leave the previous
//! `public/` byte-identical. The table is the specification: one row per
//! problem an editor can make.

use crate::harness::{Run, TestSite, brief, copy_dir, repo_root};
use std::path::Path;

/// One change to the good site.
enum Step {
    /// Writes a file (creating folders).
    Write(&'static str, &'static [u8]),
    /// Writes a file of `n` bytes of front matter padding.
    Big(&'static str, usize),
    /// Makes a symbolic link at `.0` pointing to `.1`.
    Link(&'static str, &'static str),
    /// Removes a file.
    Remove(&'static str),
    /// Makes a named pipe (FIFO).
    Fifo(&'static str),
}

use Step::{Big, Fifo, Link, Remove, Write};

/// One bad input and what the build must say about it.
struct Case {
    name: &'static str,
    steps: &'static [Step],
    /// `path:line:col` (or `path:` when no position is known) of the error.
    at: &'static str,
    /// A fragment of the message on the same line.
    message: &'static str,
    /// A fragment of the help, when one is promised.
    help: Option<&'static str>,
}

pub(crate) const B: &str = "content/briefs/2024-03-01-bad.md";

macro_rules! case {
    ($name:literal, [$($step:expr),* $(,)?], $at:literal, $msg:literal $(, help: $help:literal)?) => {
        Case {
            name: $name,
            steps: &[$($step),*],
            at: $at,
            message: $msg,
            help: { #[allow(unused_mut, unused_assignments)] let mut h = None; $(h = Some($help);)? h },
        }
    };
}

#[path = "bad_input_publication.rs"]
mod publication;
use publication::PUBLICATION;

/// Cases in front matter syntax and types.
const FRONT_MATTER: &[Case] = &[
    case!(
        "empty file",
        [Write(B, b"")],
        "content/briefs/2024-03-01-bad.md:1:1",
        "the file is empty"
    ),
    case!(
        "only whitespace",
        [Write(B, b"\n  \n")],
        "content/briefs/2024-03-01-bad.md:1:1",
        "the file is empty"
    ),
    case!(
        "no opening fence",
        [Write(B, b"title: X\ndate: 2024-03-01\n---\nBody\n")],
        "content/briefs/2024-03-01-bad.md:1:1",
        "front matter must open with `---`"
    ),
    case!(
        "no closing fence",
        [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nBody\n")],
        "content/briefs/2024-03-01-bad.md:1:1",
        "front matter is never closed"
    ),
    case!("unknown field, nearest suggested", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nautors: [ann-lee]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "unknown field `autors`", help: "did you mean `authors`?"),
    case!("unknown field with BOM", [Write(B, b"\xef\xbb\xbf---\ntitle: X\ndate: 2024-03-01\ntopcis: [a]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "unknown field `topcis`", help: "did you mean `topics`?"),
    case!("unknown field with CRLF", [Write(B, b"---\r\ntitle: X\r\ndate: 2024-03-01\r\n\r\nsumary: s\r\n---\r\nB\r\n")],
        "content/briefs/2024-03-01-bad.md:5:1", "unknown field `sumary`", help: "did you mean `summary`?"),
    case!("nested unknown field", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nresponses:\n  - expert: ann-lee\n    qoute: Q\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:6:5", "unknown field `qoute`", help: "did you mean `quote`?"),
    case!("missing required title", [Write(B, b"---\ndate: 2024-03-01\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:2:1", "missing field `title`", help: "add `title: "),
    case!(
        "missing required date",
        [Write(B, b"---\ntitle: X\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:2:1",
        "missing field `date`"
    ),
    case!(
        "empty front matter",
        [Write(B, b"---\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:2:1",
        "missing field `title`"
    ),
    case!(
        "front matter is a list",
        [Write(B, b"---\n- title\n- date\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:2:1",
        "front matter must be a map of `key: value` lines"
    ),
    case!(
        "front matter is a scalar",
        [Write(B, b"---\njust some words\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:2:1",
        "front matter must be a map of `key: value` lines"
    ),
    case!(
        "string where a list is expected",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\ntopics: Russia\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:4:9",
        "invalid type: string \"Russia\", expected a sequence"
    ),
    case!(
        "list where a string is expected",
        [Write(B, b"---\ntitle: [X, Y]\ndate: 2024-03-01\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:2:8",
        "invalid type: sequence, expected a string"
    ),
    case!(
        "word where a boolean is expected",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\ndraft: maybe\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:4:8",
        "expected a boolean"
    ),
    case!("tab indentation", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nresponses:\n\t- expert: ann-lee\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:5:1", "a tab character where YAML expects spaces", help: "indented with spaces"),
    case!(
        "duplicate key",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\ntitle: Y\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:4:1",
        "`title` is given twice"
    ),
    case!(
        "unclosed quote",
        [Write(B, b"---\ntitle: \"X\ndate: 2024-03-01\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:2:8",
        "this quoted value is never closed"
    ),
    case!("colon in an unquoted value", [Write(B, b"---\ntitle: Iran: a view\ndate: 2024-03-01\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:2:", "mapping values are not allowed", help: "double quotes"),
    case!("impossible month and day", [Write(B, b"---\ntitle: X\ndate: 2024-13-45\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:3:7", "`2024-13-45` is not a valid date", help: "YYYY-MM-DD"),
    case!(
        "February 30th",
        [Write(B, b"---\ntitle: X\ndate: 2024-02-30\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:3:7",
        "`2024-02-30` is not a valid date"
    ),
    case!(
        "February 30th with CRLF and BOM",
        [Write(
            B,
            b"\xef\xbb\xbf---\r\ntitle: X\r\ndate: 2024-02-30\r\n---\r\nB\r\n"
        )],
        "content/briefs/2024-03-01-bad.md:3:7",
        "`2024-02-30` is not a valid date"
    ),
    case!(
        "date is not a date",
        [Write(B, b"---\ntitle: X\ndate: next Tuesday\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:3:7",
        "`next Tuesday` is not a valid date"
    ),
    case!(
        "bad hour in a date-time",
        [Write(
            B,
            b"---\ntitle: X\ndate: \"2024-03-01T25:00:00Z\"\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:3:8",
        "not a valid date"
    ),
    case!(
        "updated before date",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-02\nupdated: 2024-03-01\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:4:1",
        "`updated` (2024-03-01) is before `date` (2024-03-02)"
    ),
    case!(
        "bad embargo",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\nembargo: soon\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:4:10",
        "`soon` is not a valid date"
    ),
    case!(
        "empty title",
        [Write(B, b"---\ntitle: \"  \"\ndate: 2024-03-01\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:2:1",
        "`title` is empty"
    ),
    case!(
        "invisible control character",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\nsummary: Fine\x0bthen\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:4:14",
        "an invisible control character is not allowed here"
    ),
    case!(
        "text where a map is expected",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\nresponses: [ann-lee]\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:4:13",
        "responses[0]: invalid type: string \"ann-lee\", expected a map of `key: value` lines"
    ),
    case!(
        "related piece without a title",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\nrelated:\n  - url: https://x.org/\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:5:",
        "missing field `title`"
    ),
    case!(
        "date written as a number",
        [Write(B, b"---\ntitle: X\ndate: 20240301\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:3:7",
        "`20240301` is not a valid date"
    ),
];

/// Cases in the content model: references, slugs, URLs, files.
const CONTENT: &[Case] = &[
    case!("unknown author, nearest suggested", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nauthors: [bo-chn]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:11", "unknown expert `bo-chn` (author)", help: "did you mean `bo-chen`?"),
    case!("unknown expert in a CRLF file with BOM",
        [Write(B, b"\xef\xbb\xbf---\r\ntitle: X\r\ndate: 2024-03-01\r\nauthors: [ann-lee, bo-chn]\r\n---\r\nB\r\n")],
        "content/briefs/2024-03-01-bad.md:4:20", "unknown expert `bo-chn` (author)"),
    case!("unknown quoted expert", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nresponses:\n  - expert: ann-le\n    quote: Q\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:5:13", "unknown expert `ann-le` (quoted expert)", help: "did you mean `ann-lee`?"),
    case!("unknown expert after wide characters", [Write(B, "---\ntitle: 日本の見方\ndate: 2024-03-01\nauthors: [ann-lee, 日本]\n---\nB\n".as_bytes())],
        "content/briefs/2024-03-01-bad.md:4:20", "unknown expert `日本` (author)"),
    case!("unknown related author", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nrelated:\n  - title: R\n    by: [anne-lee]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:6:10", "unknown expert `anne-lee` (related piece author)", help: "did you mean `ann-lee`?"),
    case!("related brief naming no brief", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nrelated:\n  - title: R\n    brief: tow\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:6:12", "related brief `tow` names no brief", help: "did you mean `two`?"),
    case!("related with both url and brief", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nrelated:\n  - title: R\n    brief: two\n    url: https://x.org/\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:5:12", "has both `url` and `brief`"),
    case!("two briefs with one URL", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: one\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "URL /briefs/one/ is also the URL of content/briefs/2024-01-01-one.md"),
    case!("two briefs with one URL from file names", [Write("content/briefs/2023/one.md", b"---\ntitle: X\ndate: 2023-03-01\n---\nB\n")],
        "content/briefs/2024-01-01-one.md:1:1", "URL /briefs/one/ is also the URL of content/briefs/2023/one.md"),
    case!("two pages with one URL", [Write("content/pages/zz.md", b"---\ntitle: Z\nslug: about\n---\nB\n")],
        "content/pages/zz.md:3:1", "URL /about/ is also the URL of content/pages/about.md"),
    case!("page on a URL briefs makes", [Write("content/pages/experts.md", b"---\ntitle: Our experts\n---\nB\n")],
        "content/pages/experts.md:1:1", "URL /experts/ belongs to pages briefs generates"),
    case!("empty slug", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: \"\"\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "the slug is empty"),
    case!("slug with a slash", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: a/b\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "must be a single URL segment"),
    case!("slug climbing out", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: ..\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "must be a single URL segment"),
    case!("slug with a backslash", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: 'a\\b'\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "must be a single URL segment"),
    case!("slug with URL-unsafe characters", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: \"what?#x\"\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "contains `?`, which is not safe in a URL"),
    case!("page slug with a space", [Write("content/pages/contact.md", b"---\ntitle: C\nslug: contact us\n---\nB\n")],
        "content/pages/contact.md:3:1", "contains ` `, which is not safe in a URL"),
    case!("kind with no usable URL", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nkind: \"!!!\"\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "`kind` `!!!` gives no usable URL"),
    case!("topic with no usable URL", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\ntopics: [Iran, \"???\"]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:17", "topic `???` gives no usable URL"),
    case!("javascript: related url", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nrelated:\n  - title: R\n    url: JavaScript:alert(1)\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:6:10", "uses the `javascript:` scheme"),
    case!("javascript: with a tab and a newline inside", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nrelated:\n  - title: R\n    url: \"java\\tscr\\nipt:alert(1)\"\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:6:5", "the URL `java\\tscr\\nipt:alert(1)` uses the `javascript:` scheme"),
    case!("javascript: expert link", [Write("content/experts/ann-lee.md", b"---\nname: Ann Lee\nlinks:\n  Site: \" jAvAsCrIpT:alert(1)\"\n---\nBio\n")],
        "content/experts/ann-lee.md:4:", "uses the `javascript:` scheme"),
    case!("javascript: expert photo with control character", [Write("content/experts/ann-lee.md", b"---\nname: Ann Lee\nphoto: \"\\x01javascript:alert(1)\"\n---\nBio\n")],
        "content/experts/ann-lee.md:3:", "uses the `javascript:` scheme"),
    case!("data: expert photo", [Write("content/experts/ann-lee.md", b"---\nname: Ann Lee\nphoto: data:text/html;base64,PHNjcmlwdD4=\n---\nBio\n")],
        "content/experts/ann-lee.md:3:8", "uses the `data:` scheme"),
    case!("expert file name is not an id", [Write("content/experts/Carl_Diaz.md", b"---\nname: Carl Diaz\n---\nBio\n")],
        "content/experts/Carl_Diaz.md:1:1", "`Carl_Diaz` is not a valid expert id", help: "rename the file to `carl-diaz.md`"),
    case!("expert file renamed to a name that is not an id",
        [Write("content/experts/Ann_Lee.md", b"---\nname: Ann Lee\n---\nBio\n"), Remove("content/experts/ann-lee.md")],
        "content/briefs/2024-01-01-one.md:7:13", "unknown expert `ann-lee` (quoted expert)",
        help: "content/experts/Ann_Lee.md may be meant: fix its own errors first"),
    case!("expert in a sub-folder", [Write("content/experts/staff/carl-diaz.md", b"---\nname: Carl Diaz\n---\nBio\n")],
        "content/experts/staff/carl-diaz.md:", "expert files must sit directly in content/experts/"),
    case!("expert unknown field", [Write("content/experts/ann-lee.md", b"---\nname: Ann Lee\nrol: Fellow\n---\nBio\n")],
        "content/experts/ann-lee.md:3:1", "unknown field `rol`", help: "did you mean `role`?"),
    case!("expert without a name", [Write("content/experts/ann-lee.md", b"---\nrole: Fellow\n---\nBio\n")],
        "content/experts/ann-lee.md:2:1", "missing field `name`"),
    case!("expert with a bad email", [Write("content/experts/ann-lee.md", b"---\nname: Ann Lee\nemail: ann at x.org\n---\nBio\n")],
        "content/experts/ann-lee.md:3:1", "`ann at x.org` is not an email address"),
    case!("page without a title", [Write("content/pages/about.md", b"---\ndescription: D\n---\nB\n")],
        "content/pages/about.md:2:1", "missing field `title`"),
    case!("not UTF-8", [Write(B, b"---\ntitle: Caf\xe9\ndate: 2024-03-01\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:2:11", "not valid UTF-8 (first bad byte at offset 14)", help: "save the file as UTF-8"),
    case!("file over max_file_size", [
        Write("site.yaml", b"title: Test Institute\nbase_url: https://test.example.org/\nmax_file_size: 2000\n"),
        Big(B, 2001)],
        "content/briefs/2024-03-01-bad.md:", "file is 2001 bytes, over the limit of 2000 bytes", help: "max_file_size"),
    case!("symbolic link loop", [Link("content/briefs/loop", "..")],
        "content/briefs/loop:", "symbolic link loop: it points back to content/"),
    case!("named pipe among the briefs", [Fifo("content/briefs/pipe.md")],
        "content/briefs/pipe.md:", "not a regular file"),
    case!("dangling symbolic link", [Link("content/briefs/gone.md", "nowhere.md")],
        "content/briefs/gone.md:", "symbolic link to nowhere.md, which does not exist"),
];

/// Cases in site.yaml and templates.
const SITE_AND_TEMPLATES: &[Case] = &[
    case!("site.yaml unknown key", [Write("site.yaml", b"title: T\nbase_url: https://x.org/\npaginte: 3\n")],
        "site.yaml:3:1", "unknown field `paginte`", help: "did you mean `paginate`?"),
    case!(
        "site.yaml paginate 0",
        [Write(
            "site.yaml",
            b"title: T\nbase_url: https://x.org/\npaginate: 0\n"
        )],
        "site.yaml:3:1",
        "paginate"
    ),
    case!(
        "site.yaml relative base_url",
        [Write("site.yaml", b"title: T\nbase_url: /here/\n")],
        "site.yaml:2:1",
        "base_url"
    ),
    case!(
        "site.yaml is a list",
        [Write("site.yaml", b"- title\n- base_url\n")],
        "site.yaml:1:1",
        "site.yaml must be a map of `key: value` lines"
    ),
    case!(
        "template syntax error in a site override",
        [Write(
            "templates/brief.html",
            b"<h1>{{ brief.title }}</h1>\n<p>{% if brief.draft %}draft</p>\n"
        )],
        "templates/brief.html:3:1",
        "Unexpected end of input (in the site's override in templates/)",
        help: "is never closed"
    ),
    case!(
        "template syntax error in the theme",
        [Write(
            "themes/default/templates/card.html",
            b"<div>\n{{ brief.title | }}\n</div>\n"
        )],
        "themes/default/templates/card.html:2:",
        "(in the theme's template)"
    ),
    case!(
        "unknown variable in a template",
        [Write(
            "templates/page.html",
            b"<!DOCTYPE html>\n<title>x</title>\n<p>{{ page.nope.deeper }}</p>\n"
        )],
        "templates/page.html:3:",
        "(in the site's override in templates/)"
    ),
    case!(
        "unknown filter in a template",
        [Write(
            "templates/page.html",
            b"<!DOCTYPE html>\n<title>x</title>\n<p>{{ page.title | shout }}</p>\n"
        )],
        "templates/page.html:3:",
        "shout"
    ),
    case!(
        "extends a missing template",
        [Write(
            "templates/brief.html",
            b"{% extends \"nope.html\" %}\n{% block main %}x{% endblock %}\n"
        )],
        "templates/brief.html:1:",
        "nope.html"
    ),
    case!(
        "includes a missing template",
        [Write(
            "templates/page.html",
            b"<!DOCTYPE html>\n<title>x</title>\n{% include \"missing.html\" %}\n"
        )],
        "templates/page.html:3:",
        "missing.html"
    ),
    case!(
        "site.yaml unknown key in a section",
        [Write("site.yaml", b"title: T\nbase_url: https://x.org/\nfeed:\n  limt: 3\n")],
        "site.yaml:4:3",
        "unknown field `limt`",
        help: "did you mean `limit`?"
    ),
    case!(
        "site.yaml missing",
        [Write("site.yaml", b""), Remove("site.yaml")],
        "site.yaml:",
        "cannot read site configuration"
    ),
    case!(
        "theme that does not exist",
        [Write(
            "site.yaml",
            b"title: T\nbase_url: https://x.org/\ntheme: nope\n"
        )],
        "site.yaml:3:1",
        "theme `nope` not found"
    ),
    case!(
        "theme template including one that exists nowhere",
        [
            Write("site.yaml", b"title: T\nbase_url: https://x.org/\ntheme: bare\n"),
            Write("themes/bare/templates/base.html", b"<html>{% include \"sidebar.html\" %}{% block content %}{% endblock %}</html>\n")
        ],
        "themes/bare/templates/base.html:1:18",
        "Unknown template `sidebar.html` (in the theme's template)",
        help: "add templates/sidebar.html"
    ),
    case!(
        "templates including each other",
        [
            Write("templates/a.html", b"{% include \"b.html\" %}\n"),
            Write("templates/b.html", b"{% include \"a.html\" %}\n")
        ],
        "templates/a.html:1:1",
        "includes itself: a.html -> b.html -> a.html (in the site's override in templates/)"
    ),
];

/// A good site (`tests/fixtures/good/`: two experts, two briefs, a page)
/// with the default theme on disk, for cases that break a theme file.
pub(crate) fn good_site() -> TestSite {
    let site = TestSite::fixture("good");
    copy_dir(
        &repo_root().join("themes/default"),
        &site.root().join("themes/default"),
    );
    site
}

fn apply(site: &TestSite, step: &Step) {
    match step {
        Write(path, bytes) => {
            let p = site.root().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        Big(path, n) => {
            let head = "---\ntitle: Big\ndate: 2024-03-01\n---\n";
            let text = format!("{head}{}", "x".repeat(n - head.len()));
            site.write(path, &text);
        }
        Remove(path) => site.remove(path),
        Fifo(path) => {
            let status = std::process::Command::new("mkfifo")
                .arg(site.root().join(path))
                .status()
                .unwrap();
            assert!(status.success());
        }
        Link(path, target) => {
            let p = site.root().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            symlink(Path::new(target), &p);
        }
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path) {
    let _ = std::os::windows::fs::symlink_dir(target, link);
}

/// Runs one case; returns what went wrong, if anything.
fn check(case: &Case) -> Option<String> {
    let site = good_site();
    site.build_ok(&[]);
    let before = site.snapshot();
    for step in case.steps {
        apply(&site, step);
    }
    let run = site.run(&["build"]);
    if std::env::var_os("BAD_INPUT_SHOW").is_some() {
        eprintln!("=== {}\n{}", case.name, run.stderr);
    }
    let mut wrong = Vec::new();
    if run.status != 1 {
        wrong.push(format!("exit status {} (want 1)", run.status));
    }
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with(case.at) && l.contains(": error: "));
    match line {
        None => wrong.push(format!("no error line starting `{}`", case.at)),
        Some(l) if !l.contains(case.message) => {
            wrong.push(format!("error line lacks `{}`: {l}", case.message));
        }
        Some(_) => {}
    }
    if let Some(help) = case.help {
        let helped = run
            .stderr
            .lines()
            .any(|l| l.starts_with("  = help: ") && l.contains(help));
        if !helped {
            wrong.push(format!("no help with `{help}`"));
        }
    }
    if let Some(problem) = summary_problem(&run.stderr) {
        wrong.push(problem);
    }
    if site.snapshot() != before {
        wrong.push("public/ changed".into());
    }
    if let Some(left) = leftovers(&site) {
        wrong.push(format!("left behind: {left}"));
    }
    (!wrong.is_empty()).then(|| describe(case, &wrong, &run))
}

/// What is wrong with the last line of `stderr`, which must be the summary
/// `N error(s) found; nothing was written` counting the `: error: ` lines.
fn summary_problem(stderr: &str) -> Option<String> {
    let n = stderr.lines().filter(|l| l.contains(": error: ")).count();
    let want = match n {
        1 => "1 error found; nothing was written".to_string(),
        n => format!("{n} errors found; nothing was written"),
    };
    let last = stderr.lines().last().unwrap_or_default();
    (last != want).then(|| format!("last line `{last}` is not the summary `{want}`"))
}

pub(crate) fn leftovers(site: &TestSite) -> Option<String> {
    let names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The citation cache a good build keeps is no leftover.
        .filter(|n| n.contains("briefs-") && n != ".briefs-cache")
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn describe(case: &Case, wrong: &[String], run: &Run) -> String {
    format!(
        "case `{}`:\n  - {}\n--- stderr ---\n{}",
        case.name,
        wrong.join("\n  - "),
        run.stderr
    )
}

/// Runs a table, in parallel, and fails listing every case that failed.
fn run_table(cases: &[Case]) {
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(4).max(1))
            .map(|chunk| s.spawn(move || chunk.iter().filter_map(check).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Every table, each run by its own `#[test]`. A table left out of this
/// list is an unused constant, which `cargo clippy -- -D warnings` refuses.
macro_rules! tables {
    ($($test:ident: $table:ident),* $(,)?) => {
        const TABLES: &[&[Case]] = &[$($table),*];
        $(
            #[test]
            fn $test() {
                run_table($table);
            }
        )*
    };
}

tables! {
    front_matter_problems: FRONT_MATTER,
    content_problems: CONTENT,
    site_and_template_problems: SITE_AND_TEMPLATES,
    stalls_and_misplaced_positions: STALLS,
    portability_and_containment_problems: PORTABILITY,
    markdown_url_problems: MARKDOWN_URLS,
    publication_problems: PUBLICATION,
}

/// Adding or removing a case changes this number on purpose.
#[test]
fn suite_has_a_case_for_every_promise() {
    let n: usize = TABLES.iter().map(|t| t.len()).sum();
    assert_eq!(n, 145, "cases in all tables");
}

#[test]
fn all_problems_of_a_build_come_together_sorted() {
    let site = good_site();
    site.build_ok(&[]);
    let before = site.snapshot();
    site.write(
        "content/experts/ann-lee.md",
        "---\nname: Ann Lee\nrol: Fellow\n---\n",
    );
    site.write(
        "content/briefs/2024-03-01-bad.md",
        "---\ntitle: X\ndate: 2024-03-01\nupdated: 2024-02-30\n---\n",
    );
    site.write(
        "content/briefs/2024-03-02-ref.md",
        "---\ntitle: Y\ndate: 2024-03-02\ntopics: [Iran]\nauthors: [bo-chn, ann-lee]\n---\n",
    );
    site.write(
        "content/briefs/2024-01-01-one.md",
        "---\ntitle: One\ndate: 2024-01-01\ntopics: Iran\n---\n",
    );
    std::fs::write(
        site.root().join("content/pages/about.md"),
        b"---\ntitle: \xff\n---\n",
    )
    .unwrap();
    site.write("templates/page.html", "{{ page.title | shout }}");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(|l| l.split(": error: ").next().unwrap())
        .collect();
    assert_eq!(
        errors,
        [
            "content/briefs/2024-01-01-one.md:4:9",
            "content/briefs/2024-03-01-bad.md:4:10",
            "content/briefs/2024-03-02-ref.md:5:11",
            "content/experts/ann-lee.md:3:1",
            "content/pages/about.md:2:8",
            "templates/page.html:1:17",
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("6 errors found; nothing was written\n"),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot(), before);
}

#[test]
fn warnings_are_printed_and_do_not_fail() {
    let site = good_site();
    site.write(
        "content/briefs/2024-03-01-quiet.md",
        &brief("Quiet", "2024-03-01", ""),
    );
    site.write("content/briefs/notes.txt", "scratch");
    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains("content/briefs/2024-03-01-quiet.md: warning: brief has no topics"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/briefs/notes.txt: warning: not a Markdown file; ignored"),
        "{}",
        run.stderr
    );
    assert!(site.exists("briefs/quiet/index.html"));
}

#[test]
fn errors_print_like_rustc_with_the_caret_under_wide_characters() {
    let site = good_site();
    site.write(
        B,
        "---\ntitle: X\ndate: 2024-03-01\ntopics: [Iran]\nresponses: [{quote: \"日本語\", expert: ann-le}]\n---\nB\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    let want = "content/briefs/2024-03-01-bad.md:5:36: error: unknown expert `ann-le` (quoted expert)\n  |\n5 | responses: [{quote: \"日本語\", expert: ann-le}]\n  |                                       ^\n  = help: did you mean `ann-lee`? Experts are files in content/experts/; `briefs new expert \"Full Name\"` makes one\n\n1 error found; nothing was written\n";
    // 35 characters before the caret, three of them two columns wide.
    assert_eq!(run.stderr, want);
}

/// Inputs that once stalled a build or pointed at the wrong place: nesting
/// past the limit (checked before libyaml, which is quadratic in it), an
/// alias bomb at the alias, an unknown key of a related entry at its line.
const STALLS: &[Case] = &[
    case!("deep flow nesting in a brief",
        [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nextra:\n  a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:5:68", "nest more than 64 levels deep"),
    case!("deep block nesting in a brief",
        [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nextra:\n  a:\n  - b:\n    - b:\n      - b:\n        - b:\n          - b:\n            - b:\n              - b:\n                - b:\n                  - b:\n                    - b:\n                      - b:\n                        - b:\n                          - b:\n                            - b:\n                              - b:\n                                - b:\n                                  - b:\n                                    - b:\n                                      - b:\n                                        - b:\n                                          - b:\n                                            - b:\n                                              - b:\n                                                - b:\n                                                  - b:\n                                                    - b:\n                                                      - b:\n                                                        - b:\n                                                          - b:\n                                                            - b:\n                                                              - b:\n                                                                - b:\n                                                                  - b:\n                                                                    - b:\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:37:65", "nest more than 64 levels deep"),
    case!("deep nesting in site.yaml",
        [Write("site.yaml", b"title: T\nbase_url: https://x.org/\nextra:\n  a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n")],
        "site.yaml:4:68", "nest more than 64 levels deep"),
    case!("nesting brackets in quotes and comments do not count",
        [Write(B, b"---\ntitle: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\"\ndate: 2024-03-01 # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\nautors: []\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "unknown field `autors`"),
    case!("alias bomb, at the alias passing the limit",
        [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nextra:\n  a: &a [x,x,x,x,x,x,x,x,x]\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:9:34", "repetition limit exceeded"),
    case!("unknown field of a related entry, at its own line",
        [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nkind: Brief\nrelated:\n  - title: A\n  - title: B\n  - title: C\n  - title: D\n    kind: Analysis\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:10:5", "related[3]: unknown field `kind`"),
];

/// 200 KB of `[` on one line took over a minute; it is refused at once.
#[test]
fn deep_nesting_is_refused_in_milliseconds() {
    let site = good_site();
    let n = 100 * 1024;
    site.write(
        B,
        &format!(
            "---\ntitle: X\ndate: 2024-03-01\nextra:\n  a: {}{}\n---\nB\n",
            "[".repeat(n),
            "]".repeat(n)
        ),
    );
    let started = std::time::Instant::now();
    let run = site.run(&["build"]);
    let took = started.elapsed();
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .starts_with("content/briefs/2024-03-01-bad.md:5:68: error: lists and maps nest"),
        "{}",
        &run.stderr[..run.stderr.len().min(300)]
    );
    assert!(took < std::time::Duration::from_secs(3), "took {took:?}");
}

/// Cases of names that work on Linux but not on every host (macOS and
/// Windows fold case; Windows reserves device names and refuses names
/// ending in a dot or a space; no file system takes a name over 255
/// bytes), and of symbolic links leaving the site root.
const PORTABILITY: &[Case] = &[
    case!("slug with upper-case letters", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: Brief\ntopics: [Iran]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "the slug `Brief` has upper-case letters", help: "write it `brief`"),
    case!("slugs differing only by case", [
        Write("content/briefs/2024-03-02-low.md", b"---\ntitle: Y\ndate: 2024-03-02\nslug: brief\ntopics: [Iran]\n---\nB\n"),
        Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: Brief\ntopics: [Iran]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "upper-case letters", help: "write it `brief`"),
    case!("page slug beside the generated briefs/ folder", [Write("content/pages/about.md", b"---\ntitle: About\nslug: Briefs\n---\nUs.\n")],
        "content/pages/about.md:3:1", "the slug `Briefs` has upper-case letters", help: "write it `briefs`"),
    case!("static folder beside the generated experts/ folder", [Write("static/Experts/x.txt", b"x")],
        "static/Experts:", "`Experts` differs only by case from the generated /experts/"),
    case!("static file beside the generated feed", [Write("static/Feed.xml", b"x")],
        "static/Feed.xml:", "`Feed.xml` differs only by case from the generated /feed.xml"),
    case!("static files differing only by case", [Write("static/Logo.png", b"x"), Write("static/logo.png", b"y")],
        "static/logo.png:", "differs only by case from static/Logo.png"),
    case!("reserved slug", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: con\ntopics: [Iran]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "`con` is a name Windows reserves"),
    case!("reserved slug with an extension", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: com1.txt\ntopics: [Iran]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "`com1.txt` is a name Windows reserves"),
    case!("reserved slug from the file name", [Write("content/briefs/2024-03-01-aux.md", b"---\ntitle: Aux\ndate: 2024-03-01\ntopics: [Iran]\n---\nB\n")],
        "content/briefs/2024-03-01-aux.md:2:1", "`aux` is a name Windows reserves"),
    case!("slug ending in a dot", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: brief.\ntopics: [Iran]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "`brief.` ends in a dot"),
    case!("slug over 255 bytes", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nslug: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\ntopics: [Iran]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "256 bytes long, over the 255 bytes"),
    case!("reserved topic", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\ntopics: [Iran, Con]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:16", "topic `Con` gives the URL segment `con`, which is a name Windows reserves"),
    case!("reserved kind", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nkind: LPT9\ntopics: [Iran]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "`kind` `LPT9` gives the URL segment `lpt9`, which is a name Windows reserves"),
    case!("reserved expert id", [Write("content/experts/prn.md", b"---\nname: Prn\n---\nBio\n")],
        "content/experts/prn.md:1:1", "`prn` is a name Windows reserves"),
    case!("reserved page path", [Write("content/pages/nul.md", b"---\ntitle: Nul\n---\nB\n")],
        "content/pages/nul.md:1:1", "`nul` is a name Windows reserves"),
    case!("reserved page folder", [Write("content/pages/aux/team.md", b"---\ntitle: Team\n---\nB\n")],
        "content/pages/aux/team.md:1:1", "`aux` is a name Windows reserves"),
    case!("reserved static file name", [Write("static/con.txt", b"x")],
        "static/con.txt:", "`con.txt` is a name Windows reserves"),
    case!("reserved static folder name", [Write("static/lpt1/x.css", b"x")],
        "static/lpt1:", "`lpt1` is a name Windows reserves"),
    case!("static file name ending in a dot", [Write("static/notes.", b"x")],
        "static/notes.:", "`notes.` ends in a dot"),
    case!("static file name ending in a space", [Write("static/notes ", b"x")],
        "static/notes :", "`notes ` ends in a space"),
    case!("static link leaving the site", [Link("static/passwd.txt", "/etc/passwd")],
        "static/passwd.txt:", "symbolic link to /etc/passwd, outside the site", help: "copy the file into the site"),
    case!("static folder link leaving the site", [Link("static/etc", "/etc")],
        "static/etc:", "symbolic link to /etc, outside the site"),
    case!("static/ itself a link leaving the site", [Link("static", "/etc")],
        "static:", "symbolic link to /etc, outside the site"),
    case!("brief link leaving the site", [Link("content/briefs/2024-03-01-x.md", "/etc/passwd")],
        "content/briefs/2024-03-01-x.md:", "symbolic link to /etc/passwd, outside the site"),
    case!("content folder link leaving the site", [Link("content/pages/etc", "/etc")],
        "content/pages/etc:", "symbolic link to /etc, outside the site"),
    case!("template link leaving the site", [Link("templates/page.html", "/etc/passwd")],
        "templates/page.html:", "symbolic link to /etc/passwd, outside the site"),
    case!("theme file link leaving the site", [Link("themes/default/static/x.css", "/etc/passwd")],
        "themes/default/static/x.css:", "symbolic link to /etc/passwd, outside the site"),
];

/// Markdown bodies follow the front-matter URL rule: `javascript:`,
/// `vbscript:` and non-image `data:` URLs in links, images, autolinks and
/// reference definitions are refused at the URL in the file (or at the link
/// when the URL is written with character references); heading attributes
/// may not add attributes or take the theme's ids.
const MARKDOWN_URLS: &[Case] = &[
    case!("javascript: link in a brief body", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\n---\nSee [here](javascript:alert(1)).\n")],
        "content/briefs/2024-03-01-bad.md:5:12", "the URL `javascript:alert(1)` uses the `javascript:` scheme, which is not allowed", help: "use an http(s) URL or a path on this site"),
    case!("mixed-case javascript: link in an expert bio", [Write("content/experts/ann-lee.md", b"---\nname: Ann Lee\n---\nBio with [a link](JaVaScRiPt:alert(1)).\n")],
        "content/experts/ann-lee.md:4:19", "uses the `javascript:` scheme"),
    case!("image with a data:text/html URL", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\n---\nIntro.\n\n![chart](data:text/html;base64,PHNjcmlwdD4=)\n")],
        "content/briefs/2024-03-01-bad.md:7:10", "uses the `data:` scheme, which is allowed only for images"),
    case!("data: image URL as a link", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\n---\n[d](data:image/png;base64,AA)\n")],
        "content/briefs/2024-03-01-bad.md:5:5", "allowed only for images"),
    case!("vbscript: reference definition", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\n---\nRead [the memo][m].\n\n[m]: vbscript:msgbox(1)\n")],
        "content/briefs/2024-03-01-bad.md:7:6", "uses the `vbscript:` scheme"),
    case!("unused javascript: reference definition", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\n---\nText.\n\n[m]: javascript:x\n")],
        "content/briefs/2024-03-01-bad.md:7:6", "uses the `javascript:` scheme"),
    case!("javascript: autolink in a page", [Write("content/pages/about.md", b"---\ntitle: About\n---\nWrite <javascript:alert(1)>.\n")],
        "content/pages/about.md:4:8", "uses the `javascript:` scheme"),
    case!("entity-encoded tab in the scheme", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\n---\n[x](java&#x09;script:alert(1))\n")],
        "content/briefs/2024-03-01-bad.md:5:1", "uses the `javascript:` scheme"),
    case!("javascript: link in a CRLF file with BOM", [Write(B, b"\xef\xbb\xbf---\r\ntitle: X\r\ndate: 2024-03-01\r\n---\r\n\r\n[x]( javascript:y)\r\n")],
        "content/briefs/2024-03-01-bad.md:6:6", "uses the `javascript:` scheme"),
    case!("heading attribute other than id and class", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\n---\n## Hi {#hi onclick=alert(1)}\n")],
        "content/briefs/2024-03-01-bad.md:5:1", "the heading attribute `onclick` is not allowed"),
    case!("heading id with a quote", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\n---\n## Hi {#hi\" x}\n")],
        "content/briefs/2024-03-01-bad.md:5:1", "the heading id `hi\\\"` may hold only letters"),
    case!("heading id the theme uses", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\n---\nText.\n\n## Notes {#expert-response}\n")],
        "content/briefs/2024-03-01-bad.md:7:1", "the heading id `expert-response` is already used on this page"),
];
