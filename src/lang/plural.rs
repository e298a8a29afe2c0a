//! Plural categories (CLDR's `zero`, `one`, `two`, `few`, `many`, `other`)
//! of a count in the languages the built-in theme ships, and a sensible
//! `one`/`other` rule for the rest.

/// The CLDR plural category of the whole number `n` in language `tag`.
pub(crate) fn category(tag: &str, n: u64) -> &'static str {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    let (n10, n100) = (n % 10, n % 100);
    match primary.as_str() {
        "zh" | "ja" | "ko" | "vi" | "th" | "id" | "ms" => "other",
        "fr" | "pt" if n <= 1 => "one",
        "fr" | "pt" => "other",
        "ru" | "uk" | "be" => match (n10, n100) {
            (1, n) if n != 11 => "one",
            (2..=4, n) if !(12..=14).contains(&n) => "few",
            _ => "many",
        },
        "ar" => match (n, n100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        _ if n == 1 => "one",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::category;

    #[test]
    fn categories() {
        for (tag, n, want) in [
            ("en", 1, "one"),
            ("en", 0, "other"),
            ("fr", 0, "one"),
            ("fr", 2, "other"),
            ("ru", 21, "one"),
            ("ru", 11, "many"),
            ("ru", 3, "few"),
            ("ru", 5, "many"),
            ("ar", 0, "zero"),
            ("ar", 2, "two"),
            ("ar", 5, "few"),
            ("ar", 11, "many"),
            ("ar", 100, "other"),
            ("zh-Hans", 1, "other"),
        ] {
            assert_eq!(category(tag, n), want, "{tag} {n}");
        }
    }
}
