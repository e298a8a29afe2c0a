//! Pasted plain text of a flash brief (from an e-mail or a document) made
//! into Markdown: one paragraph per line, `•` (or `-`, `*`, `·`) lines
//! into list items, every character that Markdown would read as markup
//! escaped so the text shows exactly as given. The flash-brief shape is
//! recognised afterwards, as for HTML ([`super::flash`]).

/// The Markdown of `text`.
pub(crate) fn to_markdown(text: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut in_list = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            in_list = false;
            continue;
        }
        match bullet(line) {
            Some(item) => {
                let item = format!("- {}", escape(item, false));
                match blocks.last_mut() {
                    Some(list) if in_list => {
                        list.push('\n');
                        list.push_str(&item);
                    }
                    _ => blocks.push(item),
                }
                in_list = true;
            }
            None => {
                blocks.push(escape(line, true));
                in_list = false;
            }
        }
    }
    blocks.join("\n\n")
}

/// The text of a bulleted line, without its bullet.
fn bullet(line: &str) -> Option<&str> {
    ["•", "·", "◦", "▪", "- ", "* ", "– "]
        .iter()
        .find_map(|b| line.strip_prefix(b))
        .map(str::trim_start)
        .filter(|rest| !rest.is_empty())
}

/// `text` with Markdown's markup characters escaped; `line_start` also
/// escapes what would start a heading, list or quote.
pub(crate) fn escape(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let special = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' => true,
            '&' => next.is_some_and(|n| n.is_ascii_alphabetic() || n == '#'),
            '#' | '-' | '+' => line_start && i == 0,
            '.' | ')' => line_start && i > 0 && chars[..i].iter().all(char::is_ascii_digit),
            '|' => true,
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_blocks() {
        let text = "Latest Developments\n• A: one\n• B: two\n\nPara *x* [1] a_b\n1. not a list\n";
        assert_eq!(
            to_markdown(text),
            "Latest Developments\n\n- A: one\n- B: two\n\nPara \\*x\\* \\[1\\] a\\_b\n\n1\\. not a list"
        );
    }

    #[test]
    fn escaped_text_reads_back_as_written() {
        for s in [
            "a *b* _c_ `d`",
            "<b>&amp;</b>",
            "# not a heading",
            "[x](y)",
            "~~z~~ | w",
            "2024. Year",
        ] {
            let md = escape(s, true);
            assert_eq!(crate::parse::markdown::to_text_as_written(&md), s, "{md}");
        }
    }

    proptest::proptest! {
        /// Whatever is pasted or exported, conversion and recognition
        /// never panic.
        #[test]
        fn any_input_converts(text in "(\\PC|[•“”\"—:\\[\\]<>*_#\n-]){0,200}") {
            let md = to_markdown(&text);
            let _ = crate::import::flash::recognise(&md);
            let html = crate::import::html::to_markdown(&text, &Default::default());
            let _ = crate::import::flash::recognise(&html.markdown);
            let _ = crate::import::shortcode::prepare(&text);
        }
    }
}
