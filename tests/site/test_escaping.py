"""Text from the data files is shown as text: injected markup appears literally and never runs.

Validation refuses markup in data files; this test switches validation off to prove that the
pages escape it anyway (defence in depth), in the HTML and in a real browser.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from analysis.ingest.dataset import DataSet
from analysis.pipeline import build as build_module
from analysis.pipeline.validation import read

from ..conftest import DATA
from .test_site import open_offline

SCRIPT = "<script>window.__pwned = 1</script>"
IMAGE = '<img src=x onerror="window.__pwned = 2">'
BREAKOUT = "Forest</script><script>window.__pwned = 3</script>"
# The pages that show the texts above.
PAGES = ["book/data.html", "book/progress.html", "book/targets.html"]


def _set(path: Path, key: str, key_value: str, column: str, value: str) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    hits = [r for r in rows if r[key] == key_value]
    assert hits, key_value
    for row in hits:
        row[column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_site(built_site: Path, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(DATA, data)
    shutil.copytree(built_site.parent, root / "built")
    _set(data / "sources.csv", "source_id", "bj-stats-bulletin-2024-copy", "title", SCRIPT)
    _set(data / "sources.csv", "source_id", "bj-stats-bulletin-2024-copy", "publisher", IMAGE)
    _set(data / "indicators.csv", "indicator_id", "forest_coverage", "name_en", BREAKOUT)
    _set(data / "targets.csv", "target_id", "bj-forest-coverage-2025", "scope_zh", IMAGE)
    out = root / "built" / "html"
    original = build_module.start_validation
    build_module.start_validation = _Unchecked.start
    try:
        build_module.build(data, out, root / "built" / "carbon.duckdb")
    finally:
        build_module.start_validation = original
    return out


class _Unchecked:
    """Validation that lets everything through, so that markup reaches the pages (validation
    itself refuses it: see test_bad_inputs)."""

    def __init__(self, data: DataSet) -> None:
        self.data = data
        self.outcomes: list = []

    @classmethod
    def start(cls, data_dir: Path, *args: object, **options: object) -> _Unchecked:
        return cls(read(data_dir))

    def failed(self) -> bool:
        return False

    def result(self) -> list:
        return []


@pytest.mark.e2e
@pytest.mark.parametrize("page", PAGES)
def test_markup_from_data_is_escaped_in_html(hostile_site: Path, page: str):
    html = (hostile_site / page).read_text(encoding="utf-8")
    for raw in (SCRIPT, IMAGE, "<script>window.__pwned = 3"):
        assert raw not in html
    assert "window.__pwned" in html  # the text is there, as text


@pytest.fixture(scope="session")
def hostile_visits(hostile_site: Path) -> dict[str, dict]:
    """The PAGES in one browser session: starting Chromium for each took longer than the visit."""
    return open_offline(hostile_site, PAGES)


@pytest.mark.e2e
@pytest.mark.parametrize("page", PAGES)
def test_markup_from_data_never_runs_in_a_browser(hostile_visits: dict, page: str):
    seen = hostile_visits[page]
    assert seen["pwned"] == "undefined"
    assert "window.__pwned" in seen["text"]
