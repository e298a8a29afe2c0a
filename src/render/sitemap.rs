//! `sitemap.xml` (a sitemap index over several files past 50,000 URLs, as
//! the protocol requires) and `robots.txt`.

use crate::model::Site;

/// Most URLs one sitemap file may hold.
pub(crate) const MAX_URLS: usize = 50_000;

/// One `<url>` entry.
pub(crate) struct Entry {
    pub(crate) loc: String,
    /// `YYYY-MM-DD` or RFC 3339.
    pub(crate) lastmod: Option<String>,
    /// `(hreflang, URL)` of every language's version, and `x-default`.
    pub(crate) alternates: Vec<(String, String)>,
    /// The page's lead image (absolute URL), for Google Images.
    pub(crate) image: Option<String>,
}

/// The sitemap files to write: `(path, bytes)`.
pub(crate) fn sitemaps(site: &Site, entries: &[Entry]) -> Vec<(String, Vec<u8>)> {
    if entries.len() <= MAX_URLS {
        return vec![("sitemap.xml".into(), urlset(entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in entries.chunks(MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape(&site.config.permalink(&name))
        ));
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index.into_bytes()));
    files
}

fn urlset(entries: &[Entry]) -> Vec<u8> {
    let mut out = String::with_capacity(entries.len() * 100 + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\"");
    if entries.iter().any(|e| !e.alternates.is_empty()) {
        out.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    out.push_str(">\n");
    for e in entries {
        out.push_str("  <url><loc>");
        out.push_str(&escape(&e.loc));
        out.push_str("</loc>");
        if let Some(m) = &e.lastmod {
            out.push_str("<lastmod>");
            out.push_str(m);
            out.push_str("</lastmod>");
        }
        if let Some(i) = &e.image {
            out.push_str("<image:image><image:loc>");
            out.push_str(&escape(i));
            out.push_str("</image:loc></image:image>");
        }
        for (lang, href) in &e.alternates {
            out.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(lang),
                escape(href)
            ));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out.into_bytes()
}

/// `robots.txt` allowing everything and naming the sitemap.
pub(crate) fn robots(site: &Site) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.permalink("sitemap.xml")
    )
    .into_bytes()
}

/// Escapes text for XML element content and attributes.
pub(crate) fn escape(s: &str) -> String {
    crate::escape::markup(s)
}
