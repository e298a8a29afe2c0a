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
            .map(|r| words_in_html(&r.quote))
            .sum::<usize>();
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

/// Words in an HTML fragment, counted as the spaces and line breaks that
/// end them: close enough for minutes (a tag's attributes add a few), and
/// a byte count the compiler vectorises, for 10,000 briefs a build.
fn words_in_html(html: &str) -> usize {
    let gaps = (html.as_bytes().iter())
        .filter(|&&b| b == b' ' || b == b'\n')
        .count();
    gaps + usize::from(!html.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::words_in_html;

    #[test]
    fn counts_words_by_their_gaps() {
        let cases = [
            ("", 0),
            ("<p>one two</p>", 2),
            (
                "<ul><li><strong>Lead:</strong> three more words</li></ul>",
                4,
            ),
            ("<p>one\ntwo three</p>\n<p>four</p>", 4),
        ];
        for (html, want) in cases {
            assert_eq!(words_in_html(html), want, "{html}");
        }
    }
}
