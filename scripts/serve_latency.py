#!/usr/bin/env python3
"""Save-to-served latency of `briefs serve`, measured from outside.

    scripts/serve_latency.py BRIEFS_BINARY SITE_ROOT BRIEF_FILE [EDITS] [text|updated|date|topic|add|publish|rename]

Starts `briefs serve` on SITE_ROOT, then EDITS times (default 20), a second
apart (SERVE_LATENCY_PAUSE=seconds to change that): appends a unique line to
BRIEF_FILE (relative to SITE_ROOT) and does what the live-reload script in a
browser does: waits for the server's
`build` event on /__briefs/events, then fetches the brief's page (again on
each event until the page holds the line). The time from just before the
write to the end of that response is the save-to-served latency: file-system
notification, the watcher's debounce, the rebuild, publishing and the page
request included. Prints each figure and the median; restores the file.
With `updated`, each edit also sets the brief's `updated:` date (shown in the
sitemap and feeds; the brief keeps its place, so still serve's quick path);
with `date`, it moves the brief's `date:` to another day of December 2024,
which moves it in the listing order; with `topic`, it adds a topic no brief
had, which makes a new topic page. With `add`, even edits save a new brief
beside BRIEF_FILE, dated after every other (so it tops every listing and
every listing page shifts), and odd edits delete it again: the figure is the
time until its page is served, or answers 404. With `publish`, even edits
make the brief a draft (until its page answers 404) and odd ones publish it
again. With `rename`, even edits spell the brief's first topic in lower case
(the newest brief names the topic, so every brief in it shows the new name)
and odd ones spell it as it was. After each edit it reads /__briefs/status
and counts the rebuilds that took the full path, with their reasons.
"""

import collections
import http.client
import json
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(conn, path):
    conn.request("GET", path)
    resp = conn.getresponse()
    return resp.status, resp.read()


def listen(port, events):
    """Puts the arrival time of every `build` event on `events`."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/__briefs/events")
    stream = conn.getresponse()
    while True:
        line = stream.fp.readline()
        if not line:
            return
        if line.startswith(b"event: build"):
            events.put(time.perf_counter())


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binary, root, rel = sys.argv[1:4]
    edits = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    edit = sys.argv[5] if len(sys.argv) > 5 else "text"
    if edit not in ("text", "updated", "date", "topic", "add", "publish", "rename"):
        sys.exit(f"unknown edit {edit}: text, updated, date, topic, add, publish or rename")
    stem = os.path.splitext(os.path.basename(rel))[0]
    slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem)
    page = f"/briefs/{slug}/"
    port = free_port()
    server = subprocess.Popen(
        [binary, "serve", "--root", root, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    path = os.path.join(root, rel)
    with open(path, encoding="utf-8") as f:
        original = f.read()
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                if get(conn, page)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                sys.exit(f"{page} was not served within 120 s")
            time.sleep(0.2)
        events = queue.Queue()
        threading.Thread(target=listen, args=(port, events), daemon=True).start()
        events.get(timeout=30)  # the stream's first event: the current build
        times, shifted = [], []
        fallbacks = collections.Counter()
        pause = float(os.environ.get("SERVE_LATENCY_PAUSE", "1"))
        for i in range(edits):
            time.sleep(pause)
            while not events.empty():
                events.get()
            marker = f"Latency probe {i} {time.time_ns()}"
            start = time.perf_counter()
            text = original
            target, wanted, gone = path, page, False
            if edit == "updated":
                updated = f"updated: 2025-01-{i % 28 + 1:02}\n---\n"
                text = text.replace("\n---\n", "\n" + updated, 1)
            elif edit == "topic":
                text = text.replace("\ntopics: [", f'\ntopics: ["Probe {i}", ', 1)
            elif edit == "date":
                text = re.sub(r"\ndate: [^\n]*", f"\ndate: 2024-12-{i % 28 + 1:02}", text, count=1)
            elif edit == "add":
                target = os.path.join(os.path.dirname(path), "2025-06-01-latency-probe.md")
                wanted, gone = "/briefs/latency-probe/", i % 2 == 1
                text = re.sub(r"\ndate: [^\n]*", "\ndate: 2025-06-01", text, count=1)
            elif edit == "rename" and i % 2 == 0:
                text = re.sub(r'\ntopics: \["([^"]*)"', lambda m: f'\ntopics: ["{m.group(1).lower()}"', text, count=1)
            elif edit == "publish":
                gone = i % 2 == 0
                if gone:
                    text = text.replace("\n---\n", "\ndraft: true\n---\n", 1)
            if edit == "add" and gone:
                os.remove(target)
            else:
                with open(target, "w", encoding="utf-8") as f:
                    f.write(f"{text}\n{marker}\n")
            while True:
                events.get(timeout=30)
                status, body = get(conn, wanted)
                if (status == 404) if gone else (marker.encode() in body):
                    break
            times.append((time.perf_counter() - start) * 1000)
            # Home page 2 shows other briefs (or a new count) now: served
            # once what follows the first pages has been rendered.
            get(conn, "/page/2/")
            shifted.append((time.perf_counter() - start) * 1000)
            status = json.loads(get(conn, "/__briefs/status")[1])
            taken = status.get("last_path")
            if taken == "full":
                fallbacks[status.get("fallback")] += 1
            print(
                f"edit {i}: served after {times[-1]:.1f} ms, /page/2/ after {shifted[-1]:.1f} ms"
                f" ({taken} path{': ' + status['fallback'] if status.get('fallback') else ''})",
                flush=True,
            )
        for what, figures in (("save-to-served", times), ("save to /page/2/ served", shifted)):
            print(
                f"{what} over {edits} edits: median {statistics.median(figures):.1f} ms, "
                f"min {min(figures):.1f} ms, max {max(figures):.1f} ms"
            )
        print(f"full path taken: {sum(fallbacks.values())} of {edits} rebuilds")
        for reason, count in fallbacks.most_common():
            print(f"  {count}x {reason}")
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        probe = os.path.join(os.path.dirname(path), "2025-06-01-latency-probe.md")
        if os.path.exists(probe):
            os.remove(probe)
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
