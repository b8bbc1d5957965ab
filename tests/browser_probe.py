"""Open one page in Debian's Chromium and report what a reader's browser saw, as JSON.

Run in a separate process (under `unshare -n`) by the site tests.
"""

from __future__ import annotations

import json
import sys
import tempfile

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def probe(url: str) -> dict:
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        browser = p.chromium.launch_persistent_context(
            profile, executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page()
        page.on(
            "console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None
        )
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url, wait_until="load")
        charts = page.locator(".carbon-chart").count()
        if charts:
            page.wait_for_function(
                "n => document.querySelectorAll('.carbon-chart svg, .carbon-chart canvas')"
                ".length >= n",
                arg=charts,
                timeout=15_000,
            )
        seen = {
            "title": page.title(),
            "text": page.inner_text("body"),
            "charts": charts,
            "rendered_charts": page.locator(
                ".carbon-chart svg.marks, .carbon-chart canvas"
            ).count(),
            "errors": errors,
            "pwned": page.evaluate("typeof window.__pwned"),
            "external_requests": [u for u in requests if not u.startswith(("file:", "data:"))],
        }
        browser.close()
    return seen


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1]), ensure_ascii=False))
