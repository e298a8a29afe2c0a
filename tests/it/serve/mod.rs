//! `briefs serve` as a user meets it: the real binary on a port it picks
//! itself (`--port 0`) and prints, spoken to over raw TCP (so the test
//! controls the exact request bytes). Changes are awaited on the reload
//! event stream, never by sleeping; every wait has a deadline; the server is
//! killed when a test ends.
//!
//! (`serves_pages_and_reloads_edits_keeping_the_last_good_site` runs past 80
//! lines: one server session, each step building on the last.)

use crate::harness::{TestSite, brief, copy_dir, repo_root};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod lifecycle;

mod safety;

const BRIEF: &str = "briefs/north-korean-and-ukrainian-troops-clash/";
pub(crate) const BRIEF_FILE: &str =
    "content/briefs/2024/2024-11-07-north-korean-and-ukrainian-troops-clash.md";

/// How long any one wait may take before the test fails: long enough for a
/// debug build on a busy machine, short enough to end a hung test.
const LIMIT: Duration = Duration::from_secs(30);

/// A running `briefs serve`, killed on drop.
pub(crate) struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn start(root: &std::path::Path, extra: &[&str]) -> Server {
    start_with_env(root, extra, &[])
}

/// Starts `briefs serve --port 0` and reads the port from its first line,
/// `serving at http://127.0.0.1:<port>/`, printed once it listens.
fn start_with_env(root: &std::path::Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefs"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .envs(env.iter().copied())
        .current_dir(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (lines, printed) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    // Reads stdout to its end, so the server never blocks on a full pipe.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let deadline = Instant::now() + LIMIT;
    let port = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = printed
            .recv_timeout(left)
            .unwrap_or_else(|e| panic!("serve printed no address ({e})"));
        if let Some(port) = listening_port(&line) {
            break port;
        }
    };
    Server { child, port }
}

/// The port in `serving at http://127.0.0.1:<port>/ (Ctrl-C to stop)`.
fn listening_port(line: &str) -> Option<u16> {
    let url = line.strip_prefix("serving at http://")?;
    let host = url.split('/').next()?;
    host.rsplit_once(':')?.1.parse().ok()
}

/// Polls `f` every 20 ms until it holds; panics after `limit`. Only for
/// what the event stream does not announce (a process exiting).
pub(crate) fn wait_until(limit: Duration, what: &str, mut f: impl FnMut() -> bool) -> Duration {
    let started = Instant::now();
    while started.elapsed() < limit {
        if f() {
            return started.elapsed();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out after {limit:?} waiting for {what}");
}

/// The reload event stream (`/__briefs/events`), as an open page holds it:
/// the state when it connects, then one `build` event per rebuild.
pub(crate) struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// Connects and reads the headers. HTTP/1.0, so the body is the bare
    /// stream rather than chunks.
    fn open(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET /__briefs/events HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(s);
        let mut head = String::new();
        while !head.ends_with("\r\n\r\n") {
            let before = head.len();
            reader.read_line(&mut head).unwrap();
            assert!(head.len() > before, "events closed in the headers: {head}");
        }
        assert!(
            head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200"),
            "{head}"
        );
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: text/event-stream"),
            "{head}"
        );
        Events { reader }
    }

    /// The data of the next `build` event; `None` if the stream ends or
    /// `deadline` passes first.
    fn next(&mut self, deadline: Instant) -> Option<serde_json::Value> {
        let mut event = String::new();
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            self.reader
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .ok()?;
            let mut line = String::new();
            if self.reader.read_line(&mut line).ok()? == 0 {
                return None;
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                if event == "build" {
                    return Some(serde_json::from_str(data).unwrap());
                }
            }
        }
    }

    /// Reads `build` events until `f` holds for one (it may ask the server
    /// about pages); returns that event. Panics after [`LIMIT`].
    pub(crate) fn until(
        &mut self,
        what: &str,
        mut f: impl FnMut(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let started = Instant::now();
        loop {
            match self.next(started + LIMIT) {
                Some(status) if f(&status) => {
                    eprintln!("{what}: after {:?}", started.elapsed());
                    return status;
                }
                Some(_) => {}
                None => panic!("no build event with {what} within {LIMIT:?}"),
            }
        }
    }
}

/// A response: status, lowercase header lines, body.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: String,
    pub(crate) body: String,
}

impl Server {
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends `GET <target>` with the given Host header (none if `None`).
    fn request(&self, target: &str, host: Option<&str>) -> Option<Reply> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        write!(
            s,
            "GET {target} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"
        )
        .ok()?;
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).ok()?;
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n")?;
        let status = head.split_whitespace().nth(1)?.parse().ok()?;
        Some(Reply {
            status,
            headers: head.to_ascii_lowercase(),
            body: body.to_string(),
        })
    }

    pub(crate) fn get(&self, path: &str) -> Reply {
        self.request(path, Some(&self.host()))
            .unwrap_or_else(|| panic!("no answer for {path}"))
    }

    /// The event stream, its first event (the state now) already read: a
    /// change made after this call is announced by a later event.
    pub(crate) fn events(&self) -> Events {
        let mut events = Events::open(self.port);
        events
            .next(Instant::now() + LIMIT)
            .expect("the current state");
        events
    }

    /// `/__briefs/status`, if the server answers with JSON.
    pub(crate) fn status(&self) -> Option<serde_json::Value> {
        let r = self.request("/__briefs/status", Some(&self.host()))?;
        serde_json::from_str(&r.body).ok()
    }
}

#[test]
fn serves_pages_and_reloads_edits_keeping_the_last_good_site() {
    let site = TestSite::demo();
    let server = start(site.root(), &[]);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers
            .contains("content-type: text/html; charset=utf-8")
    );
    assert!(
        home.body.contains("/__briefs/events"),
        "reload script injected"
    );
    assert!(!home.headers.contains("access-control-allow-origin"));
    let base = format!("http://127.0.0.1:{}/", server.port);
    assert!(
        home.body.contains(&format!("href=\"{base}\"")),
        "base_url is the server"
    );

    let brief = server.get(&format!("/{BRIEF}"));
    assert_eq!(brief.status, 200);
    assert!(
        brief
            .body
            .contains("North Korean and Ukrainian Troops Clash")
    );
    let bare = server.get(&format!("/{}", BRIEF.trim_end_matches('/')));
    assert_eq!(bare.status, 301);
    assert!(bare.headers.contains(&format!("location: /{BRIEF}")));
    let css = server.get("/style.css");
    assert!(css.headers.contains("content-type: text/css"));
    assert!(!css.body.contains("__briefs"), "only HTML gets the script");
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));
    let feed = server.get("/feed.xml");
    if feed.status == 200 {
        assert!(feed.headers.contains("xml"), "{}", feed.headers);
    }

    // An edit is served, and announced to open pages.
    let mut events = server.events();
    let text = std::fs::read_to_string(site.root().join(BRIEF_FILE)).unwrap();
    let edited = text.replacen(
        "title: \"In Escalation",
        "title: \"Edited: In Escalation",
        1,
    );
    assert_ne!(edited, text);
    site.write(BRIEF_FILE, &edited);
    events.until("the edit served", |s| {
        s["ok"] == true
            && server
                .get(&format!("/{BRIEF}"))
                .body
                .contains("Edited: In Escalation")
    });

    // A front-matter error keeps the last good page and shows the error,
    // on the event stream and in the status.
    site.write(BRIEF_FILE, &edited.replacen("title:", "titel:", 1));
    let event = events.until("the error", |s| {
        s["ok"] == false && s["error"].as_str().unwrap().contains("titel")
    });
    let status = server.status().unwrap();
    assert_eq!(status["error"], event["error"]);
    let error = status["error"].as_str().unwrap();
    assert!(
        error.contains(BRIEF_FILE) && error.contains("unknown field `titel`"),
        "{error}"
    );
    let page = server.get(&format!("/{BRIEF}"));
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Edited: In Escalation"),
        "last good page"
    );
    assert!(page.body.contains("__briefs_overlay"));
    assert!(page.body.contains("unknown field `titel`"));

    // Fixing it clears the error.
    site.write(BRIEF_FILE, &text);
    events.until("the fix served", |s| s["ok"] == true);
    let page = server.get(&format!("/{BRIEF}"));
    assert!(!page.body.contains("__briefs_overlay\" style"));
    assert!(!page.body.contains("Edited: In Escalation"));

    // The built output never carries the script.
    site.build_ok(&[]);
    assert!(!site.read("index.html").contains("__briefs"));
}

#[test]
fn a_new_brief_is_served_and_every_listing_page_it_shifts_follows() {
    let site = TestSite::with_files(&[]);
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\norganisation: O\npaginate: 2\n",
    );
    for i in 0..6 {
        site.write(
            &format!("content/briefs/b{i}.md"),
            &brief(
                &format!("Brief number {i}"),
                &format!("2024-01-0{}", i + 1),
                "",
            ),
        );
    }
    let server = start(site.root(), &[]);
    assert_eq!(server.get("/page/4/").status, 404);
    let mut events = server.events();
    // Newer than all: every brief moves one place down the listing.
    site.write(
        "content/briefs/newest.md",
        &brief("Brand new brief", "2024-02-01", ""),
    );
    events.until("the new brief", |_| {
        server.get("/briefs/newest/").status == 200
    });
    let expect = [
        ("/", ["Brand new brief", "Brief number 5"]),
        ("/page/2/", ["Brief number 4", "Brief number 3"]),
        ("/page/3/", ["Brief number 2", "Brief number 1"]),
        ("/page/4/", ["Brief number 0", "Page 4 of 4"]),
    ];
    for (page, titles) in expect {
        let got = server.get(page);
        assert_eq!(got.status, 200, "{page}");
        for title in titles {
            assert!(got.body.contains(title), "{page} lacks {title}");
        }
    }
    assert!(server.get("/feed.xml").body.contains("Brand new brief"));
    // Deleted again: the last page goes.
    site.remove("content/briefs/newest.md");
    events.until("the brief gone", |_| {
        server.get("/briefs/newest/").status == 404
    });
    assert_eq!(server.get("/page/4/").status, 404);
    assert!(server.get("/page/3/").body.contains("Brief number 0"));
    assert!(!server.get("/feed.xml").body.contains("Brand new brief"));
}
