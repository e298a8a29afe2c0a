//! A brief's short texts, by one rule of where a sentence ends: the dek
//! of listing cards (one or two sentences of its summary, which is the
//! body's first paragraph when no `summary` is written) and the
//! description for `<meta name="description">` and social cards (the
//! summary when one is written, else the first sentence, at most [`MAX`]
//! characters, cut at a word with an ellipsis).

/// The longest description search engines show whole.
pub(crate) const MAX: usize = 160;

/// The first sentence of `text` (all of it when no sentence ends before
/// its end); see [`dek`] for where a sentence ends.
pub(crate) fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    sentence_end(text, 0).map_or(text, |end| text[..end].trim_end())
}

/// Cards show a second sentence only while the dek stays this short.
const TWO_SENTENCES_MAX: usize = 240;

/// The first sentence of `summary`, and the second too when both together
/// stay under [`TWO_SENTENCES_MAX`] characters.
pub(crate) fn dek(summary: &str) -> &str {
    let summary = summary.trim();
    let Some(first) = sentence_end(summary, 0) else {
        return summary;
    };
    match sentence_end(summary, first) {
        Some(second) if summary[..second].chars().count() <= TWO_SENTENCES_MAX => {
            summary[..second].trim_end()
        }
        _ => summary[..first].trim_end(),
    }
}

/// The byte offset just past the sentence that starts at `from` (with its
/// closing quote or bracket), or `None` when the text ends first.
fn sentence_end(text: &str, from: usize) -> Option<usize> {
    let rest = &text[from..];
    let mut chars = rest.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let mut end = at + c.len_utf8();
        while let Some(&(i, q)) = chars.peek() {
            if !matches!(q, '”' | '’' | '"' | '\'' | ')' | ']') {
                break;
            }
            end = i + q.len_utf8();
            chars.next();
        }
        let after = &rest[end..];
        if after.trim().is_empty() {
            return Some(from + end);
        }
        let next = after.trim_start().chars().next();
        let starts_sentence = after.starts_with(char::is_whitespace)
            && next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "“‘\"(".contains(n));
        if starts_sentence && (c != '.' || !is_abbreviation(&rest[..at])) {
            return Some(from + end);
        }
    }
    None
}

/// Whether the word before a full stop is an abbreviation or an initial
/// ("Maj. Gen. Pat Ryder", "Clifford D. May", "U.S."), not a sentence end.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“')
        .next()
        .unwrap_or("");
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if word.contains('.') || (letters == 1 && word.chars().count() == 1) {
        return true;
    }
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    let title_case = capital && !word.chars().all(char::is_uppercase);
    title_case && letters <= 3 && word.chars().count() == letters
}

/// `text` cut to at most `max` characters at a word boundary, with `…`
/// when cut.
pub(crate) fn cut(text: &str, max: usize) -> String {
    let mut out = String::new();
    // Characters in `out`, kept as it grows (counting again is quadratic).
    let mut chars = 0;
    for w in text.split_whitespace() {
        let extra = usize::from(!out.is_empty()) + w.chars().count();
        if chars + extra > max.saturating_sub(1) {
            let trimmed = out.trim_end_matches([',', ';', ':', ' ', '—', '–']);
            return format!("{trimmed}…");
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        chars += extra;
    }
    out
}

/// The meta description of a brief: its `summary` when written, else the
/// first sentence of its body's first paragraph (`summary` then holds that
/// paragraph), cut to [`MAX`] characters.
pub(crate) fn description(summary: &str, summary_written: bool) -> String {
    let text = if summary_written {
        summary
    } else {
        first_sentence(summary)
    };
    cut(text, MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_or_two_sentences() {
        let cases = [
            ("Short. Also short.", "Short. Also short."),
            ("One sentence only", "One sentence only"),
            (
                "Maj. Gen. Pat Ryder said so. Then more.",
                "Maj. Gen. Pat Ryder said so. Then more.",
            ),
            (
                "Clifford D. May spoke. Next.",
                "Clifford D. May spoke. Next.",
            ),
            ("The U.S. acted. “Quote.” More.", "The U.S. acted. “Quote.”"),
            ("Is it war? Perhaps.", "Is it war? Perhaps."),
            ("NATO met. 12 states came.", "NATO met. 12 states came."),
            ("He said “go.” Then left.", "He said “go.” Then left."),
            ("Since August 2023. Then.", "Since August 2023. Then."),
        ];
        for (input, want) in cases {
            assert_eq!(dek(input), want, "{input}");
        }
    }

    #[test]
    fn long_second_sentence_is_dropped() {
        let long = format!("First one. Then {}.", "word ".repeat(60));
        assert_eq!(dek(&long), "First one.");
    }

    #[test]
    fn seed_brief_keeps_its_first_sentence() {
        let s = "Clashes Reported in Kursk Region: Ukrainian officials claimed on November 5 that Ukrainian troops traded artillery fire with North Korean units in Russia’s Kursk Oblast. A day earlier, Pentagon spokesman Maj. Gen. Pat Ryder said the United States estimated that North Korea had sent “around 11,000 to 12,000” troops to Russia.";
        assert!(dek(s).ends_with("Kursk Oblast."));
    }

    #[test]
    fn first_sentences() {
        for (text, want) in [
            ("Troops moved. Talks stalled.", "Troops moved."),
            ("No end", "No end"),
            ("He said “go.” Then left.", "He said “go.”"),
            (
                "Pentagon spokesman Maj. Gen. Pat Ryder said so. Next.",
                "Pentagon spokesman Maj. Gen. Pat Ryder said so.",
            ),
            ("Version 2.0 is out. Yes.", "Version 2.0 is out."),
            ("Is it? Yes.", "Is it?"),
        ] {
            assert_eq!(first_sentence(text), want, "{text}");
        }
    }

    #[test]
    fn cuts_at_a_word() {
        assert_eq!(cut("short text", 160), "short text");
        let long = "word ".repeat(50);
        let c = cut(&long, 160);
        assert!(c.chars().count() <= 160, "{c}");
        assert!(c.ends_with("word…"), "{c}");
        assert_eq!(cut("alpha beta, gamma", 13), "alpha beta…");
    }
}
