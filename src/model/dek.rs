//! A brief's dek for `<meta name="description">` and social cards: the
//! summary when one is written, else the body's first sentence, at most
//! [`MAX`] characters, cut at a word with an ellipsis.

/// The longest description search engines show whole.
pub(crate) const MAX: usize = 160;

/// The first sentence of `text`: up to the first `.`, `?` or `!` (and any
/// closing quote) followed by a space and a capital letter, a digit or a
/// quote, unless the word before it is an abbreviation ("Maj. Gen. Pat
/// Ryder", "U.S. officials"); all of `text` when there is no such place.
pub(crate) fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let mut j = i + 1;
        while chars
            .get(j)
            .is_some_and(|&(_, c)| matches!(c, '"' | '”' | '’' | '\'' | ')'))
        {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(a, _)| a);
        let space = chars.get(j).is_some_and(|&(_, c)| c.is_whitespace());
        let next = chars.get(j + 1).map(|&(_, c)| c);
        let starts = next.is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘')
        });
        let word = text[..at].rsplit(char::is_whitespace).next().unwrap_or("");
        if space && starts && !is_abbreviation(word) {
            return &text[..end];
        }
    }
    text
}

/// Titles and abbreviations a full stop follows inside a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Maj", "Col", "Lt", "Sgt", "Capt", "Adm", "Cmdr",
    "Sen", "Rep", "Gov", "Pres", "Amb", "St", "Jr", "Sr", "No", "Vol", "Ret", "Brig",
];

/// Whether `word` (before a full stop) is an abbreviation: a known one, a
/// single letter (an initial) or one with inner dots (`U.S`).
fn is_abbreviation(word: &str) -> bool {
    let word = word.trim_start_matches(['(', '"', '“']);
    ABBREVIATIONS.contains(&word) || word.chars().count() == 1 || word.contains('.')
}

/// `text` cut to at most `max` characters at a word boundary, with `…`
/// when cut.
pub(crate) fn cut(text: &str, max: usize) -> String {
    let words = text.split_whitespace();
    let mut out = String::new();
    for w in words {
        let extra = usize::from(!out.is_empty()) + w.chars().count();
        if out.chars().count() + extra > max.saturating_sub(1) {
            let trimmed = out.trim_end_matches([',', ';', ':', ' ', '—', '–']);
            return format!("{trimmed}…");
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
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
    fn first_sentences() {
        for (text, want) in [
            ("One. Two.", "One."),
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
