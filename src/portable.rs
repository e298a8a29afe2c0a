//! The one rule for names that become output path segments (slugs, topic
//! and kind slugs, expert ids, page paths, static file names): a name that
//! works on Linux must work on every host a site is built, copied or synced
//! on. Windows reserves device names (`con`, `nul`, `com1`, … with any
//! extension), drops a trailing dot or space and refuses `<>:"|?*`; no
//! common file system takes a name over 255 bytes. Case is the other half:
//! macOS and Windows fold it, so [`fold`] gives the key two names clash on.

/// The longest name, in bytes, that ext4, APFS and NTFS all accept.
pub(crate) const MAX_NAME_BYTES: usize = 255;

/// Device names Windows reserves, with or without an extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "conin$",
    "conout$",
];

/// Why a name cannot be a file or folder name on every host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A device name Windows reserves (given in upper case: `CON`).
    Reserved(String),
    TrailingDot,
    TrailingSpace,
    /// Longer than [`MAX_NAME_BYTES`]: the length in bytes.
    TooLong(usize),
    /// A character Windows does not allow in a name.
    Character(char),
}

impl Problem {
    /// The rest of a sentence about the name, starting with its verb:
    /// "`con` " + "is a name Windows reserves (the device `CON`)".
    pub(crate) fn tail(&self) -> String {
        match self {
            Problem::Reserved(device) => {
                format!("is a name Windows reserves (the device `{device}`)")
            }
            Problem::TrailingDot => "ends in a dot, which Windows drops".into(),
            Problem::TrailingSpace => "ends in a space, which Windows drops".into(),
            Problem::TooLong(n) => {
                format!("is {n} bytes long, over the {MAX_NAME_BYTES} bytes a file name may have")
            }
            Problem::Character(c) => format!(
                "contains `{}`, which Windows does not allow in a file name",
                c.escape_default()
            ),
        }
    }

    /// "`<name>` <tail>", the name shortened when it is very long.
    pub(crate) fn describe(&self, name: &str) -> String {
        format!("`{}` {}", shorten(name), self.tail())
    }

    /// How to fix it.
    pub(crate) fn hint(&self) -> &'static str {
        match self {
            Problem::TooLong(_) => "shorten the name",
            _ => "choose another name: the site could not be copied to Windows with this one",
        }
    }
}

/// Checks one path segment (a file or folder name).
pub(crate) fn check(name: &str) -> Result<(), Problem> {
    if name.len() > MAX_NAME_BYTES {
        return Err(Problem::TooLong(name.len()));
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_ascii_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
    {
        return Err(Problem::Character(c));
    }
    if name.ends_with('.') && name != "." && name != ".." {
        return Err(Problem::TrailingDot);
    }
    if name.ends_with(' ') {
        return Err(Problem::TrailingSpace);
    }
    // `nul.tar.gz` and `nul .txt` are the device too.
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    if stem.len() <= 7 {
        let lower = stem.to_ascii_lowercase();
        if RESERVED.contains(&lower.as_str()) {
            return Err(Problem::Reserved(lower.to_ascii_uppercase()));
        }
    }
    Ok(())
}

/// Checks every segment of a `/`-separated path; the first bad segment
/// comes back with its index.
pub(crate) fn check_path(path: &str) -> Result<(), (usize, &str, Problem)> {
    for (i, segment) in path.split('/').enumerate() {
        check(segment).map_err(|p| (i, segment, p))?;
    }
    Ok(())
}

/// The key two names clash on where case is folded (macOS, Windows, most
/// sync tools): names with equal keys are one file there.
pub(crate) fn fold(name: &str) -> std::borrow::Cow<'_, str> {
    if name.chars().any(char::is_uppercase) {
        name.to_lowercase().into()
    } else {
        name.into()
    }
}

/// A name cut to 40 characters for messages.
fn shorten(name: &str) -> String {
    match name.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &name[..at]),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let long = "a".repeat(256);
        let longest = "a".repeat(255);
        let reserved = |d: &str| Err(Problem::Reserved(d.into()));
        for (name, want) in [
            ("brief", Ok(())),
            ("north-korea", Ok(())),
            ("v1.2", Ok(())),
            ("console", Ok(())),
            ("con-txt", Ok(())),
            ("com10", Ok(())),
            ("lpt0", Ok(())),
            ("style.css", Ok(())),
            (".gitkeep", Ok(())),
            (longest.as_str(), Ok(())),
            ("con", reserved("CON")),
            ("CON", reserved("CON")),
            ("Nul", reserved("NUL")),
            ("aux.txt", reserved("AUX")),
            ("prn.tar.gz", reserved("PRN")),
            ("nul .txt", reserved("NUL")),
            ("com1", reserved("COM1")),
            ("COM9.log", reserved("COM9")),
            ("lpt1", reserved("LPT1")),
            ("lpt9", reserved("LPT9")),
            ("conout$", reserved("CONOUT$")),
            ("brief.", Err(Problem::TrailingDot)),
            ("notes ", Err(Problem::TrailingSpace)),
            (long.as_str(), Err(Problem::TooLong(256))),
            ("a:b", Err(Problem::Character(':'))),
            ("what?", Err(Problem::Character('?'))),
            ("tab\there", Err(Problem::Character('\t'))),
        ] {
            assert_eq!(check(name), want, "{name:?}");
        }
    }

    #[test]
    fn paths_and_folding() {
        assert_eq!(check_path("about/team"), Ok(()));
        assert_eq!(
            check_path("aux/team"),
            Err((0, "aux", Problem::Reserved("AUX".into())))
        );
        assert_eq!(fold("Briefs"), "briefs");
        assert_eq!(fold("Énergie"), "énergie");
        assert!(matches!(fold("briefs"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            Problem::Reserved("CON".into()).describe("con.txt"),
            "`con.txt` is a name Windows reserves (the device `CON`)"
        );
    }
}
