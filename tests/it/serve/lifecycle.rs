//! `serve` starting and stopping: a site that never built shows its errors
//! and then recovers, Ctrl-C stops it cleanly with pages open, and its
//! status says whether a rebuild is running.

use super::*;

#[test]
fn a_site_that_never_built_shows_its_errors_then_recovers() {
    let site = TestSite::demo();
    let good = std::fs::read_to_string(site.root().join(BRIEF_FILE)).unwrap();
    site.write(BRIEF_FILE, &good.replacen("date:", "dtae:", 1));
    let server = start(site.root(), &[]);
    let page = server.get("/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("__briefs_overlay") && page.body.contains("dtae"));
    let mut events = server.events();
    site.write(BRIEF_FILE, &good);
    events.until("the fixed site", |s| {
        s["ok"] == true && server.get("/").status == 200
    });
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_with_pages_open() {
    let site = TestSite::demo();
    let mut server = start(site.root(), &[]);
    // An open page: its stream has delivered the first event.
    let mut events = server.events();
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let mut code = None;
    wait_until(LIMIT, "serve to stop", || {
        code = server.child.try_wait().unwrap().map(|s| s.code());
        code.is_some()
    });
    assert_eq!(code.unwrap(), Some(0));
    // The open stream was ended, not left hanging.
    let ended = Instant::now();
    assert!(events.next(ended + LIMIT).is_none());
    assert!(ended.elapsed() < LIMIT);
}

#[test]
fn status_says_whether_a_rebuild_is_running() {
    let site = TestSite::demo();
    let server = start(site.root(), &[]);
    let status = server.status().expect("status");
    assert_eq!(status["building"], serde_json::json!(false), "{status}");
    assert!(status["since"].is_null(), "{status}");
    assert_eq!(status["ok"], serde_json::json!(true), "{status}");
}
