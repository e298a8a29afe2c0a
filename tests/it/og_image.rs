//! `og:image:type`, `og:image:width` and `og:image:height` (issue 14): a
//! lead image beside the brief or under static/ and the site's social
//! image carry their real pixel size and type, read from the files (a PNG
//! and a JPEG written here); an image at a URL carries none; `serve`
//! shows a replaced image's new size as a full build would.

use crate::harness::{Page, TestSite};

/// A PNG's signature and IHDR chunk, `width` × `height`.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend(width.to_be_bytes());
    b.extend(height.to_be_bytes());
    b.extend([
        8, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, b'I', b'E', b'N', b'D',
    ]);
    b
}

/// A baseline JPEG's markers up to its frame header, `width` × `height`.
fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    b.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    b.extend([0xFF, 0xC0, 0x00, 0x11, 0x08]);
    b.extend(height.to_be_bytes());
    b.extend(width.to_be_bytes());
    b.extend([0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
    b.extend([0xFF, 0xD9]);
    b
}

/// `(og:image:type, og:image:width, og:image:height)` of a page.
fn size(page: &Page) -> Vec<String> {
    ["og:image:type", "og:image:width", "og:image:height"]
        .iter()
        .flat_map(|k| page.attrs(&format!("meta[property=\"{k}\"]"), "content"))
        .collect()
}

#[test]
fn local_images_carry_their_size_and_type_and_urls_none() {
    let site = TestSite::fixture("publication");
    let root = site.root();
    std::fs::write(root.join("content/briefs/2024/lead.png"), png(1200, 630)).unwrap();
    std::fs::write(root.join("static/images/social.jpg"), jpeg(1600, 900)).unwrap();
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &yaml.replace("/images/social.png", "/images/social.jpg"),
    );
    site.write(
        "content/briefs/2024-01-15-remote.md",
        "---\ntitle: Remote Image\ndate: 2024-01-15\ntopics: [Energy]\nimage:\n  src: https://cdn.example.org/a.jpg\n  alt: A remote picture\n---\nBody.\n",
    );
    site.build_ok(&[]);
    let grid = site.html("briefs/grid/index.html");
    assert_eq!(size(&grid), ["image/png", "1200", "630"]);
    // The tags follow og:image, before its alt text.
    let order = grid.attrs("meta[property^=\"og:image\"]", "property");
    assert_eq!(
        order,
        [
            "og:image",
            "og:image:type",
            "og:image:width",
            "og:image:height",
            "og:image:alt"
        ]
    );
    // A lead image under static/ (the fixture's 1 × 1 PNG).
    let unsigned = site.html("briefs/unsigned/index.html");
    assert_eq!(size(&unsigned), ["image/png", "1", "1"]);
    for page in ["index.html", "topics/energy/index.html"] {
        assert_eq!(
            size(&site.html(page)),
            ["image/jpeg", "1600", "900"],
            "{page}"
        );
    }
    let remote = site.html("briefs/remote/index.html");
    assert_eq!(
        remote.attrs("meta[property=\"og:image\"]", "content"),
        ["https://cdn.example.org/a.jpg"]
    );
    assert!(size(&remote).is_empty(), "{:?}", size(&remote));
}

#[test]
fn serve_reads_a_replaced_image_again() {
    let site = TestSite::fixture("publication");
    let (store, mut session) = crate::incremental::started(&site);
    let root = site.root();
    let social = root.join("static/images/social.png");
    let lead = root.join("content/briefs/2024/lead.png");
    std::fs::write(&social, png(1200, 630)).unwrap();
    std::fs::write(&lead, png(640, 360)).unwrap();
    session.rebuild_paths(&store, &[social, lead]).unwrap();
    crate::incremental::assert_same(&store, &site, "replacing the social and lead images");
    let files = store.files.lock().unwrap();
    let page = |p: &str| {
        Page(scraper::Html::parse_document(&String::from_utf8_lossy(
            &files[p],
        )))
    };
    assert_eq!(size(&page("index.html")), ["image/png", "1200", "630"]);
    assert_eq!(
        size(&page("briefs/grid/index.html")),
        ["image/png", "640", "360"]
    );
}
