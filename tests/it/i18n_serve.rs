//! `briefs serve` on the English and Arabic fixture: every language's
//! pages are served, a percent-encoded Arabic topic URL included, and an
//! edit to a translation is served after the rebuild.

use crate::harness::TestSite;
use crate::serve::start;

#[test]
fn serves_every_language_and_reloads_a_translation() {
    let site = TestSite::fixture("i18n-ar");
    let server = start(site.root(), &[]);
    let brief = server.get("/ar/briefs/troops-clash/");
    assert_eq!(brief.status, 200);
    assert!(brief.body.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(brief.body.contains("hreflang=\"x-default\""));
    let topic = server.get("/ar/topics/%D8%B1%D9%88%D8%B3%D9%8A%D8%A7/");
    assert_eq!(topic.status, 200, "the topic روسيا");
    assert!(topic.body.contains("<h1>روسيا</h1>"), "{}", topic.body);
    assert_eq!(server.get("/ar/feed.xml").status, 200);
    let missing = server.get("/ar/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("الصفحة غير موجودة"),
        "the Arabic 404 page"
    );
    assert!(server.get("/no/such/page/").body.contains("Page not found"));

    let mut events = server.events();
    let file = "content/briefs/2024-11-07-troops-clash.ar.md";
    let text = std::fs::read_to_string(site.root().join(file)).unwrap();
    site.write(file, &text.replace("اشتباك القوات", "اشتباك محدّث"));
    events.until("the translation served", |s| {
        s["ok"] == true && (server.get("/ar/briefs/troops-clash/").body).contains("اشتباك محدّث")
    });
}
