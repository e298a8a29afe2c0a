//! The time zone of a WordPress export, as its posts show it: each item
//! with both `wp:post_date` (local) and `wp:post_date_gmt` gives the UTC
//! offset at its time. A date that has only its local time (a draft's) is
//! read with the offset of the nearest such item in time, so daylight
//! saving is followed; with none, it stays local (the site's time zone).

use jiff::SignedDuration;
use jiff::civil::DateTime;

/// UTC offsets seen in an export, by local time.
#[derive(Debug, Default)]
pub(crate) struct Offsets {
    seen: Vec<(DateTime, SignedDuration)>,
    sorted: bool,
}

fn civil(s: &str) -> Option<DateTime> {
    s.trim().replace(' ', "T").parse().ok()
}

impl Offsets {
    /// Notes the offset an item's two dates show, if both are real.
    pub(crate) fn observe(&mut self, local: Option<&str>, gmt: Option<&str>) {
        if let (Some(l), Some(g)) = (local.and_then(civil), gmt.and_then(civil)) {
            let offset = l.duration_since(g);
            // Real offsets lie within ±18 hours; anything else is no offset.
            if offset.as_secs().abs() <= 18 * 3600 {
                self.seen.push((l, offset));
                self.sorted = false;
            }
        }
    }

    /// `local` (`YYYY-MM-DDTHH:MM:SS`) as UTC (`…Z`), with the offset of
    /// the nearest observation; `None` when there is none.
    pub(crate) fn utc_of(&mut self, local: &str) -> Option<String> {
        let l = civil(local)?;
        if !self.sorted {
            self.seen.sort();
            self.sorted = true;
        }
        let at = self.seen.partition_point(|(t, _)| *t < l);
        let nearest = [at.checked_sub(1), Some(at)]
            .into_iter()
            .flatten()
            .filter_map(|i| self.seen.get(i))
            .min_by_key(|(t, _)| t.duration_since(l).abs())?;
        let utc = l.checked_sub(nearest.1).ok()?;
        Some(format!("{}Z", utc.strftime("%Y-%m-%dT%H:%M:%S")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_offset_follows_daylight_saving() {
        let mut o = Offsets::default();
        o.observe(Some("2024-01-10 09:00:00"), Some("2024-01-10 14:00:00"));
        o.observe(Some("2024-07-10 09:00:00"), Some("2024-07-10 13:00:00"));
        o.observe(Some("2024-07-10 09:00:00"), Some("0000-00-00 00:00:00"));
        assert_eq!(
            o.utc_of("2024-02-01T08:00:00").as_deref(),
            Some("2024-02-01T13:00:00Z")
        );
        assert_eq!(
            o.utc_of("2024-08-01T08:00:00").as_deref(),
            Some("2024-08-01T12:00:00Z")
        );
        assert_eq!(Offsets::default().utc_of("2024-08-01T08:00:00"), None);
    }
}
