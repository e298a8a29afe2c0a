//! Reading serde's and libyaml's error messages: the serde path, the
//! unknown, duplicate or missing key, every "at line N column M", the
//! position of a control character, and the private type names made
//! plain. [`super::Block`] turns what they say into a diagnostic.

/// The serde path before an error message (`related[3]` in
/// "related[3]: unknown field …"), if any.
pub(super) fn serde_path(message: &str) -> Option<&str> {
    let (path, _) = message.split_once(": ")?;
    (!path.is_empty() && !path.contains(' ')).then_some(path)
}

/// serde names our private structs ("expected struct RawResponse"); an
/// editor needs to hear "a map".
pub(super) fn plain_types(message: &str) -> String {
    let Some(i) = message.find("expected struct ") else {
        return message.to_string();
    };
    let rest = &message[i + "expected struct ".len()..];
    let end = rest
        .find(|c: char| !c.is_alphanumeric() && c != '_')
        .unwrap_or(rest.len());
    format!(
        "{}expected a map of `key: value` lines{}",
        &message[..i],
        &rest[end..]
    )
}

/// Byte offset in the block of libyaml's "control characters are not
/// allowed at position N".
pub(super) fn control_position(message: &str) -> Option<usize> {
    let rest = message
        .split("control characters are not allowed at position ")
        .nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Every "at line N column M" in a libyaml message, in order.
pub(super) fn marks(message: &str) -> Vec<(usize, usize)> {
    message
        .split(" at line ")
        .skip(1)
        .filter_map(|rest| {
            let (line, rest) = rest.split_once(" column ")?;
            let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some((line.parse().ok()?, col.parse().ok()?))
        })
        .collect()
}

pub(super) fn strip_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// From serde's "unknown field `x`, expected one of `a`, `b`": x and [a, b].
pub(super) fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2).collect();
    Some((field, expected))
}

/// From "duplicate field `x`" or "duplicate entry with key \"x\"": x.
pub(super) fn duplicate_key(message: &str) -> Option<&str> {
    if let Some(rest) = message.split("duplicate field `").nth(1) {
        return rest.split('`').next();
    }
    let rest = message.split("duplicate entry with key \"").nth(1)?;
    rest.split('"').next()
}

pub(super) fn missing_field(message: &str) -> Option<&str> {
    let rest = message.split("missing field `").nth(1)?;
    rest.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libyaml_messages_read() {
        assert_eq!(
            plain_types("x[0]: invalid type: string \"a\", expected struct RawResponse"),
            "x[0]: invalid type: string \"a\", expected a map of `key: value` lines"
        );
        assert_eq!(
            marks(
                "found end at line 3 column 1, while scanning a quoted scalar at line 1 column 8"
            ),
            [(3, 1), (1, 8)]
        );
        assert_eq!(
            control_position("control characters are not allowed at position 8"),
            Some(8)
        );
        assert_eq!(duplicate_key("duplicate field `title`"), Some("title"));
        assert_eq!(duplicate_key("duplicate entry with key \"a\""), Some("a"));
    }
}
