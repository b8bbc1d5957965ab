"""The built book, opened in headless Chromium with no network at all (unshare -n), at a
desktop width and a phone width, with axe-core checking every page."""

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
SCREENSHOTS = REPO / "_build" / "screenshots"
WIDTHS = (1400, 390)
SECTORS = 9  # the sectors of the book's indicators that carry targets, one chart each
NO_CHARTS = ("book/changes", "book/methodology", "book/updating", "book/forking")


def progress_panels(dataset) -> int:
    """The small multiples the progress page must draw: one per place and indicator with a
    quantified target of the two plans and at least one published value (from the data files,
    not from the code that draws them)."""
    plans = dataset["plans"].set_index("plan_id")
    targets = dataset["targets"]
    quantified = targets[
        targets.plan_id.isin(["beijing-2022", "changping-2023"])
        & (targets.comparator != "qualitative")
    ]
    wanted = {(plans.at[t.plan_id, "geo"], t.indicator_id) for t in quantified.itertuples()}
    stats = dataset["statistics"]
    published = set(zip(stats.geo, stats.indicator_id, strict=True))
    return len(wanted & published)


def expected_charts(dataset) -> dict[str, int]:
    """Chart views per chapter of _toc.yml, as each chapter is designed."""
    return {
        "book/intro": 2,  # the emissions headline and the small scorecard
        "book/findings": 4,  # one beside each finding
        # the two totals (Beijing, China), peers, fuel and sector, per unit, against China,
        # the district's share and the decomposition
        "book/emissions": 8,
        "book/plans": 1,
        "book/targets": 1,
        "book/compare": 3,  # the three levels, the dumbbell and the district's shares
        "book/progress": 1 + progress_panels(dataset),  # the scorecard, a panel per indicator
        "book/sectors": SECTORS,
        "book/responsibilities": 1,
        "book/data": 2,  # the coverage of the city and of the district
        "book/quality": 1,
        **dict.fromkeys(NO_CHARTS, 0),
    }


# Every chapter of _toc.yml: words a reader must see (with folded passages opened).
WORDS = {
    "book/intro": ["北京与昌平碳达峰方案", "Every number in the book comes from a file", "2010"],
    "book/findings": [
        "共有 44 项目标",
        "The two plans set targets on",
        "the maximum is in 2010",
        "official accounting boundary",
    ],
    "book/changes": ["本版更新 · What changed in this edition", "first recorded edition"],
    "book/emissions": [
        "峰值规则 · The peak rule",
        "LMDI",
        "Kaya",
        "Without kerosene (jet fuel)",
        "The book therefore gives no peak verdict for Changping",
    ],
    "book/plans": ["北京市碳达峰实施方案", "昌平区碳达峰实施方案"],
    "book/targets": ["可再生能源消费比重达到25.7%", "生活垃圾资源化利用率提升至80%"],
    "book/compare": ["≥ 14.4 %", "完成市级下达目标", "森林蓄积量"],
    "book/progress": ["进度正常 on track", "无数据 no data", "The final account of the period"],
    "book/sectors": ["循环经济 · Circular economy", "区城市管理委"],
    "book/responsibilities": ["北京市发展和改革委员会", "Named first"],
    "book/data": ["森林覆盖率", "全部来源 · All sources", "datapackage.json", "targets.parquet"],
    "book/quality": ["is not a verbatim passage of the plan's cleaned text", "通过 passed"],
    "book/methodology": ["How progress is judged"],
    "book/updating": ["make book", "data/statistics/2026.csv"],
    "book/forking": ["--plan haidian-2023"],
}


def _toc_files() -> list[str]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *(chapter["file"] for chapter in toc["chapters"])]


def browse(site: Path, visits: list[dict]) -> list[dict]:
    """Serve the site on 127.0.0.1 and open pages in Chromium, inside a network namespace
    where only loopback is up: nothing can be fetched from another host."""
    assert shutil.which("unshare") and Path("/usr/bin/chromium").exists()
    command = (
        f"ip link set lo up && exec {shlex.quote(sys.executable)} {shlex.quote(str(PROBE))} "
        f"{shlex.quote(str(site))} {shlex.quote(json.dumps(visits))}"
    )
    done = subprocess.run(
        ["unshare", "-n", "sh", "-c", command],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def at_desktop(paths: list[str]) -> list[dict]:
    """Visits of pages at the desktop width, without axe or a screenshot."""
    return [{"path": path, "width": WIDTHS[0], "axe": False, "screenshot": None} for path in paths]


def open_offline(site: Path, paths: list[str]) -> dict[str, dict]:
    """Pages of a site at the desktop width, in one browser session, by their paths."""
    return dict(zip(paths, browse(site, at_desktop(paths)), strict=True))


# Words to search for, each with the title of a page its results must list.
SEARCHES = {"可再生能源": "全部目标", "森林覆盖率": "进展", "责任单位": "责任单位"}


def search(word: str) -> str:
    return f"search.html?q={quote(word)}"


# Pages opened once, at the desktop width, in the browser session of that width's chapters: the
# site's root page and a search for each word.
OTHERS = ["index.html", *map(search, SEARCHES)]


@pytest.fixture(scope="session", params=WIDTHS)
def visits(request, built_site: Path) -> dict:
    """Every chapter at one width in one browser session, checked by axe, with a screenshot of
    each in _build/screenshots/ for a person to look at; at the desktop width the session opens
    OTHERS too, as starting a browser for them took longer than visiting them. One instance per
    width, each in its own worker (see conftest.py): the two widths are visited at the same
    time."""
    width = request.param
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    chapters = _toc_files()
    plan = [
        {
            "path": f"{chapter}.html",
            "width": width,
            "axe": True,
            # colours do not change with the width, and the contrast rule is three quarters of
            # axe's time: it runs at the desktop width only
            "axe_skip": [] if width == WIDTHS[0] else ["color-contrast"],
            "screenshot": str(SCREENSHOTS / f"{chapter.rsplit('/', 1)[-1]}-{width}.png"),
        }
        for chapter in chapters
    ]
    others = OTHERS if width == WIDTHS[0] else []
    seen = browse(built_site, plan + at_desktop(others))
    return {
        "width": width,
        "pages": dict(zip(chapters, seen[: len(chapters)], strict=True)),
        "others": dict(zip(others, seen[len(chapters) :], strict=True)),
    }


def test_every_chapter_has_expectations(dataset):
    assert sorted(_toc_files()) == sorted(WORDS) == sorted(expected_charts(dataset))


def test_the_book_is_chart_first(dataset):
    charts = expected_charts(dataset)
    assert sum(charts.values()) >= 15
    assert all(n >= 1 for chapter, n in charts.items() if chapter not in NO_CHARTS)


CHAPTERS = sorted(WORDS)


@pytest.mark.e2e
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_reads_offline(visits, dataset, chapter: str):
    seen = visits["pages"][chapter]
    assert seen["errors"] == []
    assert seen["external_requests"] == []
    assert seen["charts"] == expected_charts(dataset)[chapter]
    assert seen["rendered_charts"] == seen["charts"] == seen["labelled_charts"]
    assert seen["missing_markers"] == []
    for text in WORDS[chapter]:
        assert text in seen["text"]


@pytest.mark.e2e
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_page_never_scrolls_sideways(visits, chapter: str):
    overflow = visits["pages"][chapter]["overflow"]
    assert overflow["page"] <= overflow["width"] and overflow["body"] <= overflow["width"]
    assert overflow["wide"] == []


@pytest.mark.e2e
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_serious_accessibility_violations(visits, chapter: str):
    assert visits["pages"][chapter]["violations"] == []


@pytest.mark.e2e
def test_every_chart_can_be_saved_and_its_data_seen(visits):
    menus = [menu for seen in visits["pages"].values() for menu in seen["actions"]]
    assert menus
    for menu in menus:
        assert any("SVG" in a for a in menu) and any("PNG" in a for a in menu)
        assert any("View data" in a for a in menu) and any("CSV" in a for a in menu)


@pytest.mark.e2e
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chart_menu_works_offline(visits, chapter: str):
    exported = visits["pages"][chapter]["exported"]
    if visits["pages"][chapter]["charts"] == 0:
        assert exported is None
        return
    assert exported["svg"].startswith(("data:image/svg+xml", "blob:"))
    assert exported["png"].startswith("data:image/png")
    header, *rows = exported["data"].lstrip("\ufeff").splitlines()
    assert "," in header and rows


@pytest.mark.e2e
def test_screenshots_of_every_page_at_both_widths(visits):
    for chapter in visits["pages"]:
        shot = SCREENSHOTS / f"{chapter.rsplit('/', 1)[-1]}-{visits['width']}.png"
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# The tests of OTHERS read the desktop width's visits: parametrized with that width alone, they
# share its instance, and its worker, with the chapters' tests.
desktop_only = pytest.mark.parametrize("visits", [WIDTHS[0]], indirect=True)


@pytest.mark.e2e
@desktop_only
def test_index_page_loads_offline(visits):
    seen = visits["others"]["index.html"]
    assert seen["errors"] == []
    assert seen["external_requests"] == []


@pytest.mark.e2e
@desktop_only
@pytest.mark.parametrize(("word", "page"), SEARCHES.items())
def test_search_finds_chinese_words(visits, word: str, page: str):
    seen = visits["others"][search(word)]
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
