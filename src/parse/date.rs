//! Dates in front matter: `YYYY-MM-DD` (midnight in the site's time zone),
//! an RFC 3339 date-time with offset, or a date-time without offset (read in
//! the site's time zone).

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// An instant from front matter, remembering whether only a date was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Moment {
    pub(crate) timestamp: Timestamp,
    pub(crate) date_only: bool,
}

impl Moment {
    /// The moment in the site's time zone.
    pub(crate) fn zoned(&self, tz: &TimeZone) -> Zoned {
        self.timestamp.to_zoned(tz.clone())
    }

    /// The moment as RFC 3339 in the site's time zone.
    pub(crate) fn rfc3339(&self, tz: &TimeZone) -> String {
        rfc3339(&self.zoned(tz))
    }
}

/// `z` as RFC 3339 (2024-11-07T06:00:00-05:00): how every date-time in the
/// output is written (feeds, sitemap, templates).
pub(crate) fn rfc3339(z: &Zoned) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The hint shown with every date error.
pub(crate) const DATE_HINT: &str =
    "write a date as YYYY-MM-DD (2024-11-07) or an RFC 3339 date-time (2024-11-07T06:00:00-05:00)";

/// Parses a front-matter date.
pub(crate) fn parse(raw: &str, tz: &TimeZone) -> Result<Moment, String> {
    let raw = raw.trim();
    // jiff also reads ISO 8601 forms such as `20241107`; the format is stricter.
    let shaped = raw.len() >= 10
        && raw.bytes().take(10).enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
        && (raw.len() == 10 || matches!(raw.as_bytes()[10], b'T' | b't' | b' '));
    if !shaped {
        return Err(format!(
            "`{raw}` is not a valid date: it must start YYYY-MM-DD"
        ));
    }
    if raw.len() == 10 {
        let date: Date = raw
            .parse()
            .map_err(|e| format!("`{raw}` is not a valid date: {}", short(&e)))?;
        let zoned = date
            .to_zoned(tz.clone())
            .map_err(|e| format!("`{raw}` does not exist in the site's time zone: {e}"))?;
        return Ok(Moment {
            timestamp: zoned.timestamp(),
            date_only: true,
        });
    }
    if let Ok(ts) = raw.parse::<Timestamp>() {
        return Ok(Moment {
            timestamp: ts,
            date_only: false,
        });
    }
    let dt: DateTime = raw
        .parse()
        .map_err(|e| format!("`{raw}` is not a valid date or date-time: {}", short(&e)))?;
    let zoned = dt
        .to_zoned(tz.clone())
        .map_err(|e| format!("`{raw}` does not exist in the site's time zone: {e}"))?;
    Ok(Moment {
        timestamp: zoned.timestamp(),
        date_only: false,
    })
}

/// jiff's messages nest causes with `: `; the last one says what is wrong.
fn short(e: &jiff::Error) -> String {
    let s = e.to_string();
    s.rsplit(": ").next().unwrap_or(&s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        let ny = TimeZone::get("America/New_York").unwrap();
        for (raw, tz, want) in [
            ("2024-11-07", TimeZone::UTC, "2024-11-07T00:00:00Z"),
            ("2024-11-07", ny.clone(), "2024-11-07T05:00:00Z"),
            (
                "2024-11-07T06:00:00-05:00",
                TimeZone::UTC,
                "2024-11-07T11:00:00Z",
            ),
            ("2024-11-07T06:00:00", ny, "2024-11-07T11:00:00Z"),
        ] {
            assert_eq!(
                parse(raw, &tz).unwrap().timestamp.to_string(),
                want,
                "{raw}"
            );
        }
    }

    #[test]
    fn impossible_dates_rejected() {
        for raw in [
            "2024-13-45",
            "2024-02-30",
            "yesterday",
            "2024-11-07T25:00:00Z",
            "20241107",
            "2024-1-7",
            "2024-11-07X06:00",
            "",
        ] {
            assert!(parse(raw, &TimeZone::UTC).is_err(), "{raw}");
        }
    }
}
