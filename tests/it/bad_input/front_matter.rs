//! Bad-input rows for front matter syntax and types.

use super::*;

/// Cases in front matter syntax and types.
pub(super) const FRONT_MATTER: &[Case] = &[
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
