"""Serve a built site on 127.0.0.1, open pages in Debian's Chromium and report what a reader's
browser saw, as JSON.

Run in a separate process, inside a network namespace with only loopback up (`unshare -n`), by
the site tests: any request that leaves 127.0.0.1 fails and is reported. One process visits
every page asked for, at every width asked for, one after another in one tab, so that Chromium
starts once per run and does not start a renderer per page.

Usage: browser_probe.py SITE VISITS_JSON, where VISITS_JSON is a list of
{"path": "book/x.html?q=…", "width": 1400, "axe": true, "screenshot": "/…/x-1400.png" | null},
with an optional "axe_skip": ["rule-id", …] of axe rules not to run on that visit.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import re
import sys
import tempfile
import threading
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
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
# them when the link is pressed, and sets each link's href when its image is ready), then read
# the data the "View data" link opens. A link whose image has not come in 5 s keeps its "#".
EXPORT = """async () => {
  const links = Array.from(document.querySelectorAll('.carbon-chart .vega-actions'))[0]
    .querySelectorAll('a');
  const find = word => Array.from(links).find(a => a.textContent.includes(word));
  const made = ['SVG', 'PNG'].map(word => new Promise(done => {
    const observer = new MutationObserver(() => { observer.disconnect(); done(); });
    observer.observe(find(word), {attributes: true, attributeFilter: ['href']});
    find(word).dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));
  }));
  await Promise.race([Promise.all(made), new Promise(done => setTimeout(done, 5000))]);
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


def screenshot(page, path: str) -> None:
    """The whole page as a PNG, for a person to look at. Chromium is asked directly, to encode
    for speed: Playwright's full-page screenshot compresses harder, which took half as long
    again over the chapters, for files a fifth smaller."""
    cdp = page.context.new_cdp_session(page)
    size = cdp.send("Page.getLayoutMetrics")["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    shot = cdp.send(
        "Page.captureScreenshot",
        {"format": "png", "clip": clip, "captureBeyondViewport": True, "optimizeForSpeed": True},
    )
    cdp.detach()
    Path(path).write_bytes(base64.b64decode(shot["data"]))


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


def visit(page, origin: str, axe: Axe, spec: dict) -> dict:
    """What a reader sees of one page, opened in the tab of the visits before it."""
    errors: list[str] = []
    requests: list[str] = []
    listeners = {
        "console": lambda m: errors.append(m.text) if m.type in ("error", "warning") else None,
        "pageerror": lambda e: errors.append(str(e)),
        "requestfailed": lambda r: errors.append(f"failed: {r.url}"),
        "request": lambda r: requests.append(r.url),
        "response": lambda r: (
            errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None
        ),
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        seen = _look(page, origin, axe, spec, errors, requests)
        # leave the page while its listeners still hear it: what it does as it unloads (requests
        # cut short, say) is its own, not the next page's
        page.goto("about:blank")
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
    return seen


def _look(page, origin: str, axe: Axe, spec: dict, errors: list, requests: list) -> dict:
    page.set_viewport_size({"width": spec["width"], "height": HEIGHT})
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
        # Sphinx lists the results one by one, then writes its summary line (found or not)
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary')?.textContent"
        )
        results = page.inner_text("#search-results")
    if spec.get("screenshot"):
        screenshot(page, spec["screenshot"])
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
    return {
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


def probe(root: str, visits: list[dict]) -> list[dict]:
    axe = Axe()
    with serve(root) as origin, sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        browser = p.chromium.launch_persistent_context(
            profile, executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True
        )
        # one tab for every visit: a new tab starts a new renderer process, and loading the
        # chapters one per new tab took half as long again as in one tab
        page = browser.new_page()
        seen = [visit(page, origin, axe, spec) for spec in visits]
        browser.close()
    return seen


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1], json.loads(sys.argv[2])), ensure_ascii=False))
