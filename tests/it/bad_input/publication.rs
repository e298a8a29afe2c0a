//! Bad-input rows for the publication keys (issue 14): a brief's `image`,
//! `pdf` and `doi`, an expert's `orcid` and `photo`, and site.yaml's
//! `organisation` block, `social_image`, `x_handle` and `schema_types`.

use super::{B, Case, Write};

pub(super) const PUBLICATION: &[Case] = &[
    case!("lead image without alt", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nimage:\n  src: https://x.org/a.png\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "the lead image has no `alt` text", help: "add `alt: \"…\"`"),
    case!(
        "lead image file missing",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\nimage:\n  src: lead.png\n  alt: A\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:5:8",
        "`lead.png` not found: there is no file content/briefs/lead.png"
    ),
    case!(
        "lead image that is not an image",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\nimage:\n  src: notes.txt\n  alt: A\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:5:8",
        "does not have the extension of an image"
    ),
    case!("lead image key misspelt", [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nimage:\n  src: https://x.org/a.png\n  alt: A\n  captoin: C\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:7:3", "unknown field `captoin`", help: "did you mean `caption`?"),
    case!(
        "PDF file missing",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\npdf: brief.pdf\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:4:6",
        "`brief.pdf` not found"
    ),
    case!(
        "PDF as a URL",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\npdf: https://x.org/a.pdf\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:4:6",
        "must be a file of this site"
    ),
    case!(
        "PDF outside static/",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\npdf: /a/../../b.pdf\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:4:6",
        "is not a path under static/"
    ),
    case!(
        "malformed DOI",
        [Write(
            B,
            b"---\ntitle: X\ndate: 2024-03-01\ndoi: 10.abc\n---\nB\n"
        )],
        "content/briefs/2024-03-01-bad.md:4:6",
        "`10.abc` is not a DOI"
    ),
    case!(
        "ORCID with a wrong check digit",
        [Write(
            "content/experts/ann-lee.md",
            b"---\nname: Ann Lee\norcid: 0000-0002-1825-0098\n---\nBio\n"
        )],
        "content/experts/ann-lee.md:3:8",
        "its check digit should be 7"
    ),
    case!(
        "malformed ORCID",
        [Write(
            "content/experts/ann-lee.md",
            b"---\nname: Ann Lee\norcid: 1234\n---\nBio\n"
        )],
        "content/experts/ann-lee.md:3:8",
        "`1234` is not an ORCID iD"
    ),
    case!(
        "expert photo missing",
        [Write(
            "content/experts/ann-lee.md",
            b"---\nname: Ann Lee\nphoto: /images/none.jpg\n---\nBio\n"
        )],
        "content/experts/ann-lee.md:3:8",
        "photo `/images/none.jpg` not found"
    ),
    case!("organisation block key misspelt", [Write("site.yaml", b"title: T\nbase_url: https://x.org/\norganisation:\n  name: TI\n  plase: DC\n")],
        "site.yaml:5:3", "unknown field `plase`", help: "did you mean `place`?"),
    case!(
        "organisation logo missing",
        [Write(
            "site.yaml",
            b"title: T\nbase_url: https://x.org/\norganisation:\n  name: TI\n  logo: /logo.png\n"
        )],
        "site.yaml:5:3",
        "`/logo.png` not found: there is no file static/logo.png"
    ),
    case!(
        "organisation URL not http",
        [Write(
            "site.yaml",
            b"title: T\nbase_url: https://x.org/\norganisation:\n  name: TI\n  url: ftp://x.org/\n"
        )],
        "site.yaml:5:3",
        "is not an http(s) URL"
    ),
    case!(
        "social image missing",
        [Write(
            "site.yaml",
            b"title: T\nbase_url: https://x.org/\nsocial_image: /social.png\n"
        )],
        "site.yaml:3:1",
        "`/social.png` not found"
    ),
    case!(
        "X handle with a space",
        [Write(
            "site.yaml",
            b"title: T\nbase_url: https://x.org/\nx_handle: \"@a b\"\n"
        )],
        "site.yaml:3:1",
        "is not an X handle"
    ),
    case!("unknown schema.org type for a kind", [Write("site.yaml", b"title: T\nbase_url: https://x.org/\nschema_types:\n  Flash Brief: Blog\n")],
        "site.yaml:4:3", "`Blog` is not a schema.org type", help: "did you mean `BlogPosting`?"),
];
