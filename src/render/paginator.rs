//! The paginator of a listing page: previous and next, first and last, and
//! the numbered links around the current page, with gaps ("…") where
//! numbers are left out, so a listing of 500 pages keeps a short bar.

use super::values::map;
use crate::model::{Site, paths};
use tera::Value;

/// Pages on each side of the current one that get their own number.
const AROUND: usize = 2;

/// The page numbers to show for page `current` of `total`; `None` is a gap.
pub(crate) fn numbers(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let shown = |n: usize| n == 1 || n == total || n.abs_diff(current) <= AROUND;
    for n in 1..=total {
        if shown(n) {
            out.push(Some(n));
        } else if out.last().is_some_and(Option::is_some) {
            out.push(None);
        }
    }
    out
}

/// The `paginator` value of page `current` of `total` of the listing at `base`.
pub(crate) fn paginator(
    site: &Site,
    base: &str,
    current: usize,
    total: usize,
    items: usize,
) -> Value {
    let url = |n: usize| site.config.url(&paths::listing_page(base, n));
    let pages: Vec<Value> = numbers(current, total)
        .into_iter()
        .map(|n| match n {
            Some(n) => map! { "number" => n, "url" => url(n), "current" => n == current },
            None => map! { "gap" => true },
        })
        .collect();
    map! {
        "current" => current,
        "total" => total,
        "items" => items,
        "first" => url(1),
        "last" => url(total),
        "previous" => (current > 1).then(|| url(current - 1)),
        "next" => (current < total).then(|| url(current + 1)),
        "pages" => pages,
    }
}

#[cfg(test)]
mod tests {
    use super::numbers;

    #[test]
    fn gaps_where_numbers_are_left_out() {
        let show = |c, t| {
            numbers(c, t)
                .iter()
                .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let cases = [
            ((1, 1), "1"),
            ((1, 3), "1 2 3"),
            ((1, 15), "1 2 3 … 15"),
            ((8, 15), "1 … 6 7 8 9 10 … 15"),
            ((15, 15), "1 … 13 14 15"),
            ((4, 15), "1 2 3 4 5 6 … 15"),
        ];
        for ((c, t), want) in cases {
            assert_eq!(show(c, t), want, "page {c} of {t}");
        }
    }
}
