"""A new year of statistics reaches the warehouse and the book with no code change."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from analysis.pipeline.build import build

NEW_SOURCE = (
    "test-source-2026,Test publisher,A made-up release used only by this test,"
    "http://localhost/test,2026-03-01,2026-03-02,statistical bulletin,official,test fixture,"
    ",,,,,,,\n"
)
NEW_YEAR = (
    "geo,indicator_id,year,value,unit,qualifier,source_id,snippet,note\n"
    "beijing,nev_stock,2026,251.5,万辆,=,test-source-2026,新能源汽车保有量达到251.5万辆,test\n"
)


@pytest.mark.e2e
def test_adding_a_year_file_reaches_warehouse_and_book(
    data_copy: Path, site_copy: tuple[Path, Path]
):
    with (data_copy / "sources.csv").open("a", encoding="utf-8") as f:
        f.write(NEW_SOURCE)
    (data_copy / "statistics" / "2026.csv").write_text(NEW_YEAR, encoding="utf-8")
    out, db = site_copy

    build(data_copy, out, db)

    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "SELECT value, source_id FROM statistics_chosen "
            "WHERE geo = 'beijing' AND indicator_id = 'nev_stock' AND year = 2026"
        ).fetchone()
    assert row == (251.5, "test-source-2026")

    progress = (out / "book" / "progress.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>.*?</tr>", progress, flags=re.S)
    nev = [r for r in rows if "新能源汽车累计保有量" in r or "New-energy vehicle" in r]
    assert nev, "the NEV target is missing from the scorecard"
    # the scorecard's table and the final account (a 2026 figure settles a 2025 target)
    assert any("2026" in r and "251.5" in r and "已实现 achieved" in r for r in nev)
    assert any("2026" in r and "251.5" in r and "已实现 met" in r for r in nev)

    coverage = (out / "book" / "data.html").read_text(encoding="utf-8")
    assert re.search(r"<th[^>]*>2026</th>", coverage) and "251.5" in coverage

    # the "what changed" page lists exactly the added row, the source it brings and the one
    # status change it causes, against the edition recorded in data/editions/
    changes = (out / "book" / "changes.html").read_text(encoding="utf-8")

    def rows(section: str) -> list[list[str]]:
        part = changes.split(f'<section id="{section}">')[1].split("</section>")[0]
        found = re.findall(r"<tr>(.*?)</tr>", part, flags=re.S)
        return [re.sub(r"<[^>]+>", " ", r).split() for r in found if "<th" not in r]

    assert rows("new-figures") == [
        ["beijing", "nev_stock", "2026", "251.5", "=", "test-source-2026"]
    ]
    assert rows("revised-figures") == [] and rows("dropped-figures") == []
    assert rows("targets-whose-status-changed") == [
        ["bj-nev-stock-2025", "off", "track", "achieved"]
    ]
    assert "1 new figures, 0 revised, 0 dropped; 1 targets changed status" in changes
    assert "New sources: test-source-2026" in changes
