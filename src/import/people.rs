//! People named in a brief: the attribution after a quote (`RADM (Ret.)
//! Mark Montgomery, Senior Fellow and Senior Director of FDD’s Center on
//! Cyber and Technology`) split into honorific, name, role and program,
//! and bylines (`Boaz Golany and Jacob Nagel`) split into names.

/// A speaker as the attribution gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Attribution {
    pub(crate) honorific: String,
    pub(crate) name: String,
    pub(crate) role: String,
    pub(crate) program: String,
}

/// Titles that go before a name (compared without dots, any case).
const HONORIFICS: &[&str] = &[
    "dr",
    "amb",
    "ambassador",
    "gen",
    "lt",
    "ltg",
    "maj",
    "mg",
    "bg",
    "brig",
    "col",
    "capt",
    "cmdr",
    "cdr",
    "adm",
    "radm",
    "vadm",
    "hon",
    "rep",
    "sen",
    "gov",
    "prof",
    "mr",
    "ms",
    "mrs",
    "sir",
    "dame",
    "rev",
    "sgt",
    "gen.",
    "general",
    "admiral",
    "colonel",
    "the",
];

/// Words that name a program of an organisation.
const PROGRAM_WORDS: &[&str] = &[
    "Center",
    "Centre",
    "Program",
    "Programme",
    "Project",
    "Initiative",
    "Institute",
    "Forum",
    "Council",
    "Lab",
    "Studies",
];

/// Splits `Name, Role` (with an honorific before the name, if any).
pub(crate) fn attribution(text: &str) -> Attribution {
    let text = text.trim().trim_end_matches('.');
    let (who, role) = match text.split_once(", ") {
        Some((w, r)) => (w.trim(), r.trim()),
        None => (text, ""),
    };
    let words: Vec<&str> = who.split_whitespace().collect();
    let mut n = 0;
    while n + 1 < words.len() && is_honorific(words[n]) {
        n += 1;
    }
    Attribution {
        honorific: words[..n].join(" "),
        name: words[n..].join(" "),
        role: role.to_string(),
        program: program(role).unwrap_or_default(),
    }
}

fn is_honorific(word: &str) -> bool {
    let bare = word.trim_end_matches('.').to_ascii_lowercase();
    (word.starts_with('(') && word.ends_with(')')) || HONORIFICS.contains(&bare.as_str())
}

/// The program in a role, when it can be told apart: what follows `of` or
/// `at` (and an organisation's possessive, `FDD’s`) if it names a center,
/// program, project or the like.
pub(crate) fn program(role: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = [" of ", " at "]
        .iter()
        .filter_map(|w| role[from..].find(w))
        .min()
    {
        let tail = role[from + at + 4..].trim();
        let tail = tail.strip_prefix("the ").unwrap_or(tail);
        let tail = ["’s ", "'s "]
            .iter()
            .find_map(|p| tail.split_once(p).map(|(_, t)| t))
            .unwrap_or(tail);
        let named = tail.starts_with(|c: char| c.is_uppercase())
            && tail.split_whitespace().any(|w| PROGRAM_WORDS.contains(&w));
        if named {
            return Some(tail.to_string());
        }
        from += at + 4;
    }
    None
}

/// The names of a byline: `A, B and C` (or `&`).
pub(crate) fn names(byline: &str) -> Vec<String> {
    byline
        .replace(", and ", ", ")
        .replace(" and ", ", ")
        .replace(" & ", ", ")
        .split(", ")
        .map(|n| n.trim().trim_end_matches('.').trim())
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// A name as compared: case and spacing ignored.
pub(crate) fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributions() {
        for (text, honorific, name, role, program) in [
            (
                "Clifford D. May, Founder and President",
                "",
                "Clifford D. May",
                "Founder and President",
                "",
            ),
            (
                "RADM (Ret.) Mark Montgomery, Senior Fellow and Senior Director of FDD’s Center on Cyber and Technology",
                "RADM (Ret.)",
                "Mark Montgomery",
                "Senior Fellow and Senior Director of FDD’s Center on Cyber and Technology",
                "Center on Cyber and Technology",
            ),
            (
                "John Hardie, Deputy Director of FDD’s Russia Program",
                "",
                "John Hardie",
                "Deputy Director of FDD’s Russia Program",
                "Russia Program",
            ),
            ("Dr. Jane Roe", "Dr.", "Jane Roe", "", ""),
            (
                "Amb. Lt. Gen. (Ret.) A B, Fellow at the Hoover Institute",
                "Amb. Lt. Gen. (Ret.)",
                "A B",
                "Fellow at the Hoover Institute",
                "Hoover Institute",
            ),
            ("Plato", "", "Plato", "", ""),
            (
                "Jo Bloggs, Director of Research",
                "",
                "Jo Bloggs",
                "Director of Research",
                "",
            ),
        ] {
            let a = attribution(text);
            assert_eq!(
                (
                    a.honorific.as_str(),
                    a.name.as_str(),
                    a.role.as_str(),
                    a.program.as_str()
                ),
                (honorific, name, role, program),
                "{text}"
            );
        }
    }

    #[test]
    fn bylines() {
        assert_eq!(
            names("Boaz Golany and Jacob Nagel"),
            ["Boaz Golany", "Jacob Nagel"]
        );
        assert_eq!(names("A, B, and C"), ["A", "B", "C"]);
        assert_eq!(names("Peter Doran"), ["Peter Doran"]);
    }
}
