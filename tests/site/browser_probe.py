"""Serve a built site on 127.0.0.1, open pages in Debian's Chromium and report what a reader's
browser saw, as JSON.

Run in a separate process, inside a network namespace with only loopback up (`unshare -n`), by
the site tests: any request that leaves 127.0.0.1 fails and is reported. One process visits
every page asked for, at every width asked for, so Chromium starts once per test session.

Usage: browser_probe.py SITE VISITS_JSON, where VISITS_JSON is a list of
{"path": "book/x.html?q=…", "width": 1400, "axe": true, "screenshot": "/…/x-1400.png" | null},
with an optional "axe_skip": ["rule-id", …] of axe rules not to run on that visit.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import sys
import tempfile
import threading

from axe_playwright_python.sync_playwright import Axe
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
HEIGHT = 900
# What pandas and Python print for a missing value: never on a page, and never as a cell of a
# table or a chart's reading ("None" alone: the prose may say "None of them").
MISSING_MARKERS = re.compile(r"<NA>|(?<![A-Za-z])(?:nan|NaN|NaT)(?![A-Za-z])")
MISSING_CELL = re.compile(r"(?<![A-Za-z])None(?![A-Za-z])")
# What counts as horizontal overflow of the page itself (tables scroll in their own box).
# Elements that may reach past the window: inside the scroll box of a table or a code block,
# or hidden off-screen (the theme's closed sidebars, Vega's tooltip).
OFF_PAGE = ", ".join(
    [
        ".carbon-table-wrap",
        "pre",
        ".bd-sidebar-primary",
        ".bd-sidebar-secondary",
        "#vg-tooltip-element",
    ]
)
OVERFLOW = """skip => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest(skip)) continue;
    const box = e.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      wide.push(e.tagName + '.' + String(e.className).slice(0, 40));
    }
  }
  return {
    page: document.documentElement.scrollWidth, body: document.body.scrollWidth, width,
    wide: wide.slice(0, 5),
  };
}"""


# Use the first chart's menu as a reader would: ask for the SVG and the PNG (vega-embed makes
# them when the link is pressed), then read the data the "View data" link opens.
EXPORT = """async () => {
  const links = Array.from(document.querySelectorAll('.carbon-chart .vega-actions'))[0]
    .querySelectorAll('a');
  const find = word => Array.from(links).find(a => a.textContent.includes(word));
  for (const word of ['SVG', 'PNG']) {
    find(word).dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));
  }
  const pending = () => find('SVG').href.endsWith('#') || find('PNG').href.endsWith('#');
  for (let i = 0; i < 50 && pending(); i++) {
    await new Promise(done => setTimeout(done, 100));
  }
  const data = await (await fetch(find('View data').href)).text();
  return {svg: find('SVG').href.slice(0, 30), png: find('PNG').href.slice(0, 30), data};
}"""


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


def _serious(violations: list[dict]) -> list[dict]:
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:3]],
        }
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]


def visit(browser, origin: str, axe: Axe, spec: dict) -> dict:
    errors: list[str] = []
    requests: list[str] = []
    page = browser.new_page()
    page.set_viewport_size({"width": spec["width"], "height": HEIGHT})
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    page.on("request", lambda r: requests.append(r.url))
    page.on(
        "response",
        lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    page.goto(f"{origin}/{spec['path']}", wait_until="load")
    if spec["path"] == "index.html":
        # the site's root page sends the reader on to the first chapter
        page.wait_for_url("**/book/*.html")
        page.wait_for_load_state("load")
    charts = page.locator(".carbon-chart").count()
    if charts:
        page.wait_for_function(
            "n => document.querySelectorAll('.carbon-chart svg.marks').length >= n"
            " && document.querySelectorAll('.carbon-chart .vega-actions').length >= n",
            arg=charts,
            timeout=30_000,
        )
    results = ""
    if spec["path"].startswith("search.html"):
        # results are listed as <li>; a search with no match never lists any
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_selector("#search-results li", timeout=15_000)
        results = page.inner_text("#search-results")
    if spec.get("screenshot"):
        page.screenshot(path=spec["screenshot"], full_page=True)
    overflow = page.evaluate(OVERFLOW, OFF_PAGE)
    # what the page itself logged; axe's own fetches of style sheets come after
    page_errors = list(errors)
    violations = []
    if spec.get("axe"):
        skip = {rule: {"enabled": False} for rule in spec.get("axe_skip", [])}
        options = {"resultTypes": ["violations"], "preload": False, "rules": skip}
        found = axe.run(page, options=options)
        violations = _serious(found.response["violations"])
    actions = page.evaluate(
        "() => Array.from(document.querySelectorAll('.carbon-chart')).map(c =>"
        " Array.from(c.querySelectorAll('.vega-actions a')).map(a => a.textContent))"
    )
    exported = page.evaluate(EXPORT) if charts else None
    labelled = page.locator('.carbon-chart [role="graphics-document"][aria-label]').count()
    # a reader can open every folded passage: read the page with all of them open
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    text = page.inner_text("body")
    cells = page.evaluate(
        "() => Array.from(document.querySelectorAll('td, th, figcaption, .carbon-finding'))"
        ".map(e => e.innerText)"
    )
    seen = {
        "title": page.title(),
        "text": text,
        "charts": charts,
        "rendered_charts": page.locator(".carbon-chart svg.marks").count(),
        "labelled_charts": labelled,
        "actions": actions,
        "exported": exported,
        "missing_markers": sorted(
            set(MISSING_MARKERS.findall(text)) | {m for c in cells for m in MISSING_CELL.findall(c)}
        ),
        "overflow": overflow,
        "violations": violations,
        "search_results": results,
        "errors": page_errors,
        "pwned": page.evaluate("typeof window.__pwned"),
        "external_requests": [u for u in requests if not u.startswith((origin, "data:", "blob:"))],
    }
    page.close()
    return seen


def probe(root: str, visits: list[dict]) -> list[dict]:
    axe = Axe()
    with serve(root) as origin, sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        browser = p.chromium.launch_persistent_context(
            profile, executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True
        )
        seen = [visit(browser, origin, axe, spec) for spec in visits]
        browser.close()
    return seen


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1], json.loads(sys.argv[2])), ensure_ascii=False))
