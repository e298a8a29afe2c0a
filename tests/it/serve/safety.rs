//! `serve` against hostile or unlucky clients: traversal in every encoding
//! and foreign Host headers refused, a taken port reported, a connection
//! that never sends a whole request closed. (The traversal test runs past
//! 80 lines: one row per encoding.)

use super::*;

#[test]
fn refuses_traversal_in_every_encoding_and_foreign_hosts() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("site");
    std::fs::create_dir_all(root.join("static")).unwrap();
    let secret = outer.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-4711").unwrap();
    std::fs::copy(repo_root().join("site.yaml"), root.join("site.yaml")).unwrap();
    std::fs::write(root.join("static/ok.txt"), "fine").unwrap();
    let site_files = TestSite::demo();
    for d in ["content", "themes"] {
        copy_dir(&site_files.root().join(d), &root.join(d));
    }
    std::fs::write(
        root.join("content/briefs/2024-12-01-draft.md"),
        "---\ntitle: \"Draft one\"\ndate: 2024-12-01\ndraft: true\ntopics: [Russia]\n---\nDraft body.\n",
    )
    .unwrap();
    let server = start(&root, &["--drafts"]);
    assert_eq!(server.get("/ok.txt").body, "fine");
    assert_eq!(
        server.get("/briefs/draft/").status,
        200,
        "--drafts shows drafts"
    );
    // A link leaving the site is an error: the last good site stays up.
    #[cfg(unix)]
    {
        let mut events = server.events();
        std::os::unix::fs::symlink(&secret, root.join("static/leak.txt")).unwrap();
        events.until("the link refused", |s| s["ok"] == false);
    }

    let abs = secret.to_string_lossy().into_owned();
    let attempts = [
        "/../secret.txt".to_string(),
        "/../../secret.txt".into(),
        "/briefs/../../secret.txt".into(),
        "/%2e%2e/secret.txt".into(),
        "/%2E%2E/%2e%2e/secret.txt".into(),
        "/.%2e/secret.txt".into(),
        "/..%2fsecret.txt".into(),
        "/..%2F..%2Fsecret.txt".into(),
        "/%2e%2e%2fsecret.txt".into(),
        "/..\\secret.txt".into(),
        "/..%5csecret.txt".into(),
        "/..%5C..%5Csecret.txt".into(),
        "/%252e%252e/secret.txt".into(),
        "//secret.txt".into(),
        format!("/{abs}"),
        format!("/{}", abs.trim_start_matches('/')),
        format!("/..{abs}"),
        "/leak.txt".into(),
        "/static/leak.txt".into(),
        "/../../../../../../etc/passwd".into(),
        format!("http://127.0.0.1:{}/../secret.txt", server.port),
    ];
    for path in &attempts {
        let r = server
            .request(path, Some(&server.host()))
            .unwrap_or_else(|| panic!("{path}: no answer"));
        eprintln!("{path} -> {}", r.status);
        assert!(matches!(r.status, 400 | 404), "{path}: status {}", r.status);
        assert!(!r.body.contains("TOP-SECRET"), "{path} leaked the secret");
        assert!(!r.body.contains("root:x:"), "{path} leaked /etc/passwd");
    }

    for host in [
        "evil.example",
        &format!("evil.example:{}", server.port),
        &format!("127.0.0.1.nip.io:{}", server.port),
        "127.0.0.1:1",
    ] {
        let r = server.request("/", Some(host)).unwrap();
        assert_eq!(r.status, 403, "Host: {host}");
        assert!(!r.headers.contains("access-control-allow-origin"));
    }
    let r = server.request("/", None).unwrap();
    assert!(matches!(r.status, 400 | 403), "no Host: {}", r.status);
    for host in [format!("localhost:{}", server.port), server.host()] {
        assert_eq!(
            server.request("/", Some(&host)).unwrap().status,
            200,
            "{host}"
        );
    }
}

#[test]
fn a_taken_port_is_reported_with_another_to_try() {
    let site = TestSite::demo();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefs"))
        .args(["serve", "--port", &port])
        .current_dir(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut exited = None;
    wait_until(LIMIT, "serve to give up", || {
        exited = child.try_wait().unwrap();
        exited.is_some()
    });
    assert_eq!(exited.unwrap().code(), Some(1));
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(
        err.contains("already in use") && err.contains("--port"),
        "{err}"
    );
}

/// Reads until the server closes `s`; how long that took, or `None` if it
/// stayed open past `limit`.
fn closed_within(s: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    let mut buf = [0u8; 1024];
    while started.elapsed() < limit {
        match s.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[test]
fn a_connection_that_never_sends_a_whole_request_is_closed() {
    let site = TestSite::demo();
    let server = start_with_env(site.root(), &[], &[("BRIEFS_HEADER_TIMEOUT_MS", "300")]);
    let mut half = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(half, "GET / HTTP/1.1\r\nHost: {}\r\n", server.host()).unwrap();
    let mut silent = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let took = closed_within(&mut half, Duration::from_secs(2)).expect("half a request: closed");
    assert!(
        took >= Duration::from_millis(150),
        "closed too early: {took:?}"
    );
    closed_within(&mut silent, Duration::from_secs(2)).expect("no request: closed");
    // Whole requests are still answered.
    assert_eq!(server.get("/").status, 200);
}
