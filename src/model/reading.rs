//! Reading time of a brief: the words of its body and expert responses at
//! [`WORDS_PER_MINUTE`], rounded up, at least one minute.

use super::Brief;

/// An adult reading policy prose on screen.
const WORDS_PER_MINUTE: usize = 230;

/// Whole minutes to read brief `b` (body and responses).
pub(crate) fn minutes(b: &Brief) -> usize {
    let words = words_in_html(&b.body_html)
        + b.responses
            .iter()
            .map(|r| r.quote.split_whitespace().count())
            .sum::<usize>();
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

/// Words in the text of an HTML fragment (tags skipped, not parsed: the
/// count only needs to be close).
fn words_in_html(html: &str) -> usize {
    let mut words = 0;
    let (mut in_tag, mut in_word) = (false, false);
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                in_word = false;
            }
            _ if in_tag => {}
            c if c.is_whitespace() => in_word = false,
            _ => {
                words += usize::from(!in_word);
                in_word = true;
            }
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::words_in_html;

    #[test]
    fn counts_text_words_only() {
        let cases = [
            ("", 0),
            ("<p>one two</p>", 2),
            (
                "<ul><li><strong>Lead:</strong> three more words</li></ul>",
                4,
            ),
            ("<a href=\"x y z\">link</a> text", 2),
        ];
        for (html, want) in cases {
            assert_eq!(words_in_html(html), want, "{html}");
        }
    }
}
