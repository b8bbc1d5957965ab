"""The built book, opened in headless Chromium with no network at all (unshare -n)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("browser_probe.py")


def _open_offline(page: Path) -> dict:
    """Load a page in Chromium inside a network namespace with no interfaces up."""
    assert shutil.which("unshare") and Path("/usr/bin/chromium").exists()
    done = subprocess.run(
        ["unshare", "-n", sys.executable, str(PROBE), page.as_uri()],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# page: (charts it must draw, words a reader must see)
PAGES = {
    "book/plans.html": (1, ["北京市碳达峰实施方案", "昌平区碳达峰实施方案"]),
    "book/targets.html": (1, ["可再生能源消费比重达到25.7%", "生活垃圾资源化利用率提升至80%"]),
    "book/progress.html": (1, ["进度正常 on track", "无数据 no data"]),
    "book/data.html": (0, ["森林覆盖率", "全部来源 · All sources"]),
    "book/updating.html": (0, ["make book", "data/statistics/2026.csv"]),
}


@pytest.mark.e2e
@pytest.mark.parametrize("page", sorted(PAGES))
def test_chapter_renders_charts_and_chinese_offline(built_site: Path, page: str):
    charts, words = PAGES[page]
    seen = _open_offline(built_site / page)
    assert seen["errors"] == []
    assert seen["external_requests"] == []
    assert seen["charts"] >= charts and seen["rendered_charts"] == seen["charts"]
    for text in words:
        assert text in seen["text"]


@pytest.mark.e2e
def test_index_page_loads_offline(built_site: Path):
    seen = _open_offline(built_site / "index.html")
    assert seen["errors"] == []
    assert seen["external_requests"] == []
    assert "碳达峰" in seen["title"] + seen["text"]


@pytest.mark.e2e
def test_site_declares_no_remote_assets(built_site: Path):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for marker in (
            'src="http',
            "src='http",
            'href="http://',
            '<link rel="stylesheet" href="http',
        ):
            assert marker not in html, (page, marker)
    bundle = built_site / "_static" / "vega-bundle.js"
    assert bundle.stat().st_size > 500_000
