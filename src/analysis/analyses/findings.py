"""The findings chapter: what a reader learns in one minute, computed from the warehouse
(never typed in). Each function gives the sentences of one finding, which the page sets beside
the chart that shows it."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.analyses import compare, emissions, plans, progress

Lines = list[tuple[str, str]]


def _place(con: duckdb.DuckDBPyConnection, plan_id: str) -> tuple[str, str, str]:
    geo = plans.geos(con)[plan_id]
    name_zh, name_en = con.execute(
        "SELECT name_zh, name_en FROM geos WHERE geo = ?", [geo]
    ).fetchone()
    return geo, name_zh, name_en


def peak_lines(con: duckdb.DuckDBPyConnection, parent: str) -> Lines:
    """What the peak rule finds on the city's longest territorial dataset, and what the
    official boundary, on which the plans' commitment is measured, allows us to say."""
    geo = _place(con, parent)[0]
    return [
        *emissions.peak_sentences(con, geo, longest=True),
        emissions.official_sentence(con, geo),
    ]


def plan_lines(con: duckdb.DuckDBPyConnection, plan: str, card: pd.DataFrame, as_of: int) -> Lines:
    """How many targets a plan sets, and where the scored ones stand."""
    title = plans.titles(con, [plan])[plan]
    title_en = con.execute("SELECT title_en FROM plans WHERE plan_id = ?", [plan]).fetchone()[0]
    scored = card[card.status != progress.NOT_SCORED]
    numbered = int((card.comparator != "qualitative").sum())
    strive = int((card.commitment == "strive").sum())
    n = card.status.value_counts().to_dict()
    achieved, on, off, early, none = (n.get(status, 0) for status in progress.STATUSES[:5])
    with_data = len(scored) - none
    return [
        (
            f"《{title}》共有 {len(card)} 项目标，其中 {numbered} 项有数值、{strive} 项为“力争”。",
            f"The {title_en} sets {len(card)} targets: {numbered} with a number, "
            f"{strive} marked 力争 (strive).",
        ),
        (
            f"截至 {as_of} 年，可评分的 {len(scored)} 项中有公开数据可判断的 {with_data} 项："
            f"已实现 {achieved}，进度正常 {on}，进度落后 {off}，尚难判断 {early}；"
            f"另有 {none} 项找不到公开数据。",
            f"As of {as_of}, {with_data} of the {len(scored)} that can be scored have published "
            f"data: {achieved} achieved, {on} on track, {off} off track, {early} too early to "
            f"tell; {none} have no published figure.",
        ),
    ]


def shared_lines(con: duckdb.DuckDBPyConnection, district: str) -> Lines:
    """How many indicators both plans set targets on."""
    shared = con.execute(
        "SELECT count(DISTINCT indicator_id) FROM target_pairs WHERE plan_id = ?", [district]
    ).fetchone()[0]
    return [
        (
            f"两份方案在 {shared} 个相同指标上都设了目标。",
            f"The two plans set targets on {shared} of the same indicators.",
        )
    ]


def share_lines(con: duckdb.DuckDBPyConnection, parent: str, district: str) -> Lines:
    """The district's amounts as shares of the city's, against its share of the population."""
    amounts = compare.amount_shares(con, district)
    context = compare.context_shares(con, _place(con, district)[0], _place(con, parent)[0])
    people = context.dropna(subset=["share"])
    if amounts.empty or people.empty:
        return []
    first = people.iloc[0]
    parts_zh = "、".join(
        f"{r.district_indicator_zh}（{r.district_scope_zh}）{r.share:g}%"
        for r in amounts.itertuples()
    )
    parts_en = ", ".join(
        f"{r.district_indicator_en} ({r.district_scope_en}) {r.share:g}%"
        for r in amounts.itertuples()
    )
    return [
        (
            f"区级数量目标占市级的比例：{parts_zh}；作为对照，{first.what_zh}占全市 "
            f"{first.share:g}%（{first.district_year} 年）。",
            f"The district's amounts as a share of the city's: {parts_en}; for comparison its "
            f"{first.what_en} is {first.share:g}% of the city's ({first.district_year}).",
        )
    ]
