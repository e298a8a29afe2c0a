//! Dates in the words of a language: the translation file's `date_format`
//! (`{month} {day}, {year}`; also `{month_number}`) with its month names
//! `month_1` … `month_12` (CLDR's wide names, in the form a date uses:
//! Russian `ноября`, not `ноябрь`).

use super::strings::Words;

/// `date` (`YYYY-MM-DD`) in the words of a language; the text as given
/// when it is not such a date.
pub(crate) fn format(date: &str, words: &Words) -> String {
    DateWords::of(words).format(date)
}

/// What formatting a date needs of a language's words, looked up once
/// (dates are formatted on every card of every listing).
pub(crate) struct DateWords {
    /// `month_1` … `month_12`, where the words have them.
    months: [Option<String>; 12],
    pattern: String,
}

impl DateWords {
    pub(crate) fn of(words: &Words) -> DateWords {
        DateWords {
            months: std::array::from_fn(|i| words.get(&format!("month_{}", i + 1)).cloned()),
            pattern: (words.get("date_format").cloned())
                .unwrap_or_else(|| "{year}-{month_number}-{day}".into()),
        }
    }

    /// `date` (`YYYY-MM-DD`) in these words; the text as given when it is
    /// not such a date.
    pub(crate) fn format(&self, date: &str) -> String {
        let mut parts = date.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return date.to_string();
        };
        let (Ok(month), Ok(day)) = (m.parse::<u8>(), d.get(..2).unwrap_or(d).parse::<u8>()) else {
            return date.to_string();
        };
        let name = (usize::from(month).checked_sub(1))
            .and_then(|i| self.months.get(i)?.as_deref())
            .unwrap_or(m);
        // One pass over the pattern: each placeholder filled once.
        let mut out = String::with_capacity(self.pattern.len() + name.len() + 8);
        let mut rest = self.pattern.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            rest = &rest[open..];
            let placeholder = ["{month_number}", "{month}", "{day}", "{year}"]
                .into_iter()
                .find(|p| rest.starts_with(p));
            match placeholder {
                Some(p) => {
                    match p {
                        "{month_number}" => out.push_str(&month.to_string()),
                        "{month}" => out.push_str(name),
                        "{day}" => out.push_str(&day.to_string()),
                        _ => out.push_str(y),
                    }
                    rest = &rest[p.len()..];
                }
                None => {
                    out.push('{');
                    rest = &rest[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(pairs: &[(&str, &str)]) -> Words {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn formats() {
        let en = words(&[
            ("date_format", "{month} {day}, {year}"),
            ("month_11", "November"),
        ]);
        let ar = words(&[
            ("date_format", "{day} {month} {year}"),
            ("month_11", "نوفمبر"),
        ]);
        let zh = words(&[("date_format", "{year}年{month_number}月{day}日")]);
        assert_eq!(format("2024-11-07", &en), "November 7, 2024");
        assert_eq!(format("2024-11-07", &ar), "7 نوفمبر 2024");
        assert_eq!(format("2024-11-07", &zh), "2024年11月7日");
        assert_eq!(format("soon", &en), "soon");
    }
}
