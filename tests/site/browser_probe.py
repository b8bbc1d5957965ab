"""Serve a built site on 127.0.0.1, open one page in Debian's Chromium and report what a
reader's browser saw, as JSON.

Run in a separate process, inside a network namespace with only loopback up (`unshare -n`), by
the site tests: any request that leaves 127.0.0.1 fails and is reported.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import sys
import tempfile
import threading

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(root: str):
    handler = functools.partial(_QuietHandler, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def probe(root: str, path: str) -> dict:
    errors: list[str] = []
    requests: list[str] = []
    with serve(root) as origin, sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        browser = p.chromium.launch_persistent_context(
            profile, executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page()
        page.on(
            "console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None
        )
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
        page.on("request", lambda r: requests.append(r.url))
        page.on(
            "response",
            lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
        )
        page.goto(f"{origin}/{path}", wait_until="load")
        charts = page.locator(".carbon-chart").count()
        if charts:
            page.wait_for_function(
                "n => document.querySelectorAll('.carbon-chart svg, .carbon-chart canvas')"
                ".length >= n",
                arg=charts,
                timeout=15_000,
            )
        results = ""
        if path.startswith("search.html"):
            # results are listed as <li>; a search with no match never lists any
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_selector("#search-results li", timeout=15_000)
            results = page.inner_text("#search-results")
        seen = {
            "title": page.title(),
            "text": page.inner_text("body"),
            "charts": charts,
            "rendered_charts": page.locator(
                ".carbon-chart svg.marks, .carbon-chart canvas"
            ).count(),
            "search_results": results,
            "errors": errors,
            "pwned": page.evaluate("typeof window.__pwned"),
            "external_requests": [
                u for u in requests if not u.startswith((origin, "data:", "blob:"))
            ],
        }
        browser.close()
    return seen


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1], sys.argv[2]), ensure_ascii=False))
