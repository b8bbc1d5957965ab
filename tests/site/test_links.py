"""Every internal link of the published site leads somewhere: the file exists, and an anchor
names an element of that page. (External links are not followed: the build is offline.)"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("id", "name"):
            if found.get(name):
                self.ids.add(found[name])
        for name in ("href", "src"):
            if found.get(name):
                self.links.append(found[name])


def _pages(site: Path) -> dict[Path, _Page]:
    """The site's pages (the theme's Jinja macro files copied into _static are not pages)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).parts[0] == "_static":
            continue
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path] = page
    return pages


@pytest.mark.e2e
def test_every_internal_link_and_anchor_resolves(built_site: Path):
    pages = _pages(built_site)
    broken = []
    checked = 0
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "javascript:")) or not link:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)}: {link} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(built_site)}: {link} (no such anchor)")
    assert checked > 500
    assert broken == [], "\n".join(broken[:30])

