"""The notebooks run for another district's plan when its data files exist, and its pages
name that district by the role it plays, never the district the book ships with.

The plan, its targets and its figures are made up for this test and live only in a temporary
copy of data/.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb
import pytest

from analysis.pipeline.build import build

PLAN_TEXT = (
    "测试区碳达峰实施方案\n\n一、工作目标\n\n"
    "到2025年，可再生能源消费比重达到30%，森林覆盖率达到50%。（责任单位：测试区发展改革委）\n"
)
TARGETS = (
    "tq-renewable-share-2025,testqu-2024,一,renewable_energy_share,>=,30,,%,,2025,"
    "全区,districtwide,firm,到2025年，可再生能源消费比重达到30%,made up for a test\n"
    "tq-forest-coverage-2025,testqu-2024,一,forest_coverage,>=,50,,%,,2025,"
    "全区,districtwide,firm,森林覆盖率达到50%,made up for a test\n"
)
FIGURES = (
    "geo,indicator_id,year,value,unit,qualifier,source_id,snippet,note\n"
    "testqu,forest_coverage,2020,40,%,=,test-source,测试：森林覆盖率40%,made up,,\n"
    "testqu,forest_coverage,2023,47,%,=,test-source,测试：森林覆盖率47%,made up,,\n"
)


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


# The pages drawn from notebooks; hand-written chapters (intro, methodology) describe the book
# as shipped, and the data page lists every source in data/, the shipped district's too.
ROLE_PAGES = ("findings", "plans", "targets", "compare", "progress", "sectors", "responsibilities")


@pytest.mark.e2e
def test_book_builds_for_a_made_up_district(data_copy: Path, site_copy: tuple[Path, Path]):
    text = PLAN_TEXT.encode("utf-8")
    (data_copy / "plans" / "testqu-2024.txt").write_bytes(text)
    _append(
        data_copy / "plans" / "plans.csv",
        f"testqu-2024,beijing-2022,testqu,测试区碳达峰实施方案,Test District Plan,"
        "测试区人民政府,,"
        f"2024-01-01,,testqu-2024.txt,{hashlib.sha256(text).hexdigest()},,测试区碳达峰实施方案,"
        "full\n",
    )
    _append(data_copy / "geos.csv", "testqu,测试区,Testqu,beijing,district,\n")
    _append(data_copy / "targets.csv", TARGETS)
    _append(
        data_copy / "agencies.csv",
        "测试区发展改革委,testqu-drc,测试区发展和改革委员会,Testqu Development and Reform "
        "Commission,district\n",
    )
    _append(
        data_copy / "sources.csv",
        "test-source,Test,Made-up source for a test,http://localhost/,2024-01-01,2024-01-02,"
        "news report,official,made up,,,,,,,,\n",
    )
    (data_copy / "statistics" / "2023.csv").write_text(
        (data_copy / "statistics" / "2023.csv").read_text(encoding="utf-8")
        + "".join(FIGURES.splitlines(keepends=True)[1:]),
        encoding="utf-8",
    )
    out, db = site_copy

    build(data_copy, out, db, plan_id="testqu-2024")

    for page in ROLE_PAGES:
        html = (out / "book" / f"{page}.html").read_text(encoding="utf-8")
        # the page's own content; the book's title in the header names the shipped plans
        article = re.search(r"<article.*?</article>", html, flags=re.S).group()
        assert "昌平" not in article and "Changping" not in article, page
    for page in ("progress", "responsibilities", "data"):
        html = (out / "book" / f"{page}.html").read_text(encoding="utf-8")
        assert "测试区 · Testqu" in html, page

    progress = (out / "book" / "progress.html").read_text(encoding="utf-8")
    # the status counts head a column with the fork's place
    assert re.search(r"<th[^>]*>测试区 · Testqu</th>", progress)
    rows = [r for r in re.findall(r"<tr>.*?</tr>", progress, flags=re.S) if "森林覆盖率" in r]
    # 40 (2020) → 50 (2025): 2 a year, the path stands at 46 in 2023; 47 is ahead
    assert any("47" in r and "46" in r and "进度正常 on track" in r for r in rows)
    compare = (out / "book" / "compare.html").read_text(encoding="utf-8")
    assert "≥ 30 %" in compare and "≥ 14.4 %" in compare
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "SELECT parent_value, value FROM target_pairs WHERE plan_id = 'testqu-2024' "
            "AND indicator_id = 'renewable_energy_share'"
        ).fetchall() == [(14.4, 30.0)]
