//! Bad-input rows for site.yaml and templates.

use super::*;

/// Cases in site.yaml and templates.
pub(super) const SITE_AND_TEMPLATES: &[Case] = &[
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
