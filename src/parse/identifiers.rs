//! Identifiers a citation carries, checked as their registries define
//! them: a DOI (`10.<registrant>/<suffix>`, as written or as a doi.org
//! URL) and an ORCID iD (16 digits in four groups, the last a checksum by
//! ISO 7064 MOD 11-2, as written or as an orcid.org URL). Each returns the
//! bare identifier, or the message saying what is wrong.

/// A DOI without its `https://doi.org/` or `doi:` prefix.
pub(crate) fn check_doi(raw: &str) -> Result<String, String> {
    let t = raw.trim();
    let bare = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "doi:",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p))
    .unwrap_or(t);
    let bad = || format!("`{raw}` is not a DOI");
    let (prefix, suffix) = bare.split_once('/').ok_or_else(bad)?;
    let registrant = prefix.strip_prefix("10.").ok_or_else(bad)?;
    let digits_ok = !registrant.is_empty()
        && registrant
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let suffix_ok = !suffix.is_empty()
        && suffix
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control())
        && !suffix.contains(['"', '<', '>']);
    if digits_ok && suffix_ok {
        Ok(bare.to_string())
    } else {
        Err(bad())
    }
}

/// An ORCID iD (`0000-0002-1825-0097`) without its `https://orcid.org/`.
pub(crate) fn check_orcid(raw: &str) -> Result<String, String> {
    let t = raw.trim();
    let bare = ["https://orcid.org/", "http://orcid.org/"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t);
    let groups: Vec<&str> = bare.split('-').collect();
    let shaped = groups.len() == 4
        && groups.iter().all(|g| g.len() == 4)
        && bare.bytes().enumerate().all(|(i, b)| match i {
            4 | 9 | 14 => b == b'-',
            18 => b.is_ascii_digit() || b == b'X',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(format!(
            "`{raw}` is not an ORCID iD (four groups of four digits, e.g. 0000-0002-1825-0097)"
        ));
    }
    let digits: Vec<u32> = bare
        .bytes()
        .filter(u8::is_ascii_digit)
        .take(15)
        .map(|b| u32::from(b - b'0'))
        .collect();
    let total = digits.iter().fold(0, |acc, d| (acc + d) * 2);
    let check = (12 - total % 11) % 11;
    let want = if check == 10 {
        'X'
    } else {
        char::from_digit(check, 10).unwrap_or('?')
    };
    if bare.ends_with(want) {
        Ok(bare.to_string())
    } else {
        Err(format!(
            "`{raw}` is not a valid ORCID iD: its check digit should be {want}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois() {
        for (raw, want) in [
            ("10.1000/182", Some("10.1000/182")),
            (
                "https://doi.org/10.5555/fdd.2024.7",
                Some("10.5555/fdd.2024.7"),
            ),
            ("doi:10.1234.5/x(y)", Some("10.1234.5/x(y)")),
            ("10.1000", None),
            ("11.1000/x", None),
            ("10.abc/x", None),
            ("10.1000/a b", None),
        ] {
            assert_eq!(check_doi(raw).ok().as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn orcids() {
        for (raw, ok) in [
            ("0000-0002-1825-0097", true),
            ("https://orcid.org/0000-0001-5109-3700", true),
            ("0000-0002-1694-233X", true),
            ("0000-0002-1825-0098", false),
            ("0000-0002-1825-009", false),
            ("0000000218250097", false),
        ] {
            assert_eq!(check_orcid(raw).is_ok(), ok, "{raw}");
        }
    }
}
