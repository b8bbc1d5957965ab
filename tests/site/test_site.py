"""The built book, opened in headless Chromium with no network at all (unshare -n)."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from ..conftest import REPO

PROBE = Path(__file__).with_name("browser_probe.py")

# Every chapter of _toc.yml: (charts it must draw, words a reader must see).
PAGES = {
    "book/intro": (0, ["北京与昌平碳达峰方案", "Every number in the book comes from a file"]),
    "book/findings": (0, ["共有 44 项目标", "The two plans set targets on", "peaked in 2010"]),
    "book/emissions": (5, ["峰值规则 · The peak rule", "LMDI", "Kaya", "2010"]),
    "book/plans": (1, ["北京市碳达峰实施方案", "昌平区碳达峰实施方案"]),
    "book/targets": (1, ["可再生能源消费比重达到25.7%", "生活垃圾资源化利用率提升至80%"]),
    "book/compare": (1, ["≥ 14.4 %", "完成市级下达目标", "森林蓄积量"]),
    "book/progress": (1, ["进度正常 on track", "无数据 no data"]),
    "book/sectors": (0, ["循环经济 · Circular economy", "区城市管理委"]),
    "book/responsibilities": (1, ["北京市发展和改革委员会", "Named first"]),
    "book/data": (
        0,
        ["森林覆盖率", "全部来源 · All sources", "datapackage.json", "targets.parquet"],
    ),
    "book/quality": (0, ["is not a verbatim passage of the plan's cleaned text", "通过 passed"]),
    "book/methodology": (0, ["How progress is judged"]),
    "book/updating": (0, ["make book", "data/statistics/2026.csv"]),
    "book/forking": (0, ["--plan haidian-2023"]),
}


def _toc_files() -> list[str]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *(chapter["file"] for chapter in toc["chapters"])]


def _open_offline(page: Path, query: str = "") -> dict:
    """Serve the site on 127.0.0.1 and load a page in Chromium, inside a network namespace
    where only loopback is up: nothing can be fetched from another host."""
    assert shutil.which("unshare") and Path("/usr/bin/chromium").exists()
    site = next(p for p in page.parents if (p / "index.html").exists())
    command = (
        f"ip link set lo up && exec {shlex.quote(sys.executable)} {shlex.quote(str(PROBE))} "
        f"{shlex.quote(str(site))} {shlex.quote(page.relative_to(site).as_posix() + query)}"
    )
    done = subprocess.run(
        ["unshare", "-n", "sh", "-c", command],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_chapter_has_expectations():
    assert sorted(_toc_files()) == sorted(PAGES)


@pytest.mark.e2e
@pytest.mark.parametrize("chapter", sorted(PAGES))
def test_chapter_loads_offline_with_its_charts(built_site: Path, chapter: str):
    charts, words = PAGES[chapter]
    seen = _open_offline(built_site / f"{chapter}.html")
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


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("word", "page"), [("可再生能源", "全部目标"), ("森林覆盖率", "进展"), ("责任单位", "责任单位")]
)
def test_search_finds_chinese_words(built_site: Path, word: str, page: str):
    seen = _open_offline(built_site / "search.html", f"?q={quote(word)}")
    assert seen["errors"] == []
    assert page in seen["search_results"]


@pytest.mark.e2e
def test_site_declares_no_remote_assets(built_site: Path):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for marker in ('src="http', "src='http", '<link rel="stylesheet" href="http'):
            assert marker not in html, (page, marker)
    assert (built_site / "_static" / "vega-bundle.js").stat().st_size > 500_000
    assert (built_site / "_static" / "downloads" / "datapackage.json").exists()
