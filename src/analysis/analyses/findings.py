"""The findings chapter: what a reader learns in one minute, computed from the warehouse
(never typed in)."""

from __future__ import annotations

import duckdb

from analysis.analyses import compare, emissions, progress


def headlines(
    con: duckdb.DuckDBPyConnection, parent: str, district: str, as_of: int
) -> list[tuple[str, str]]:
    """Bilingual sentences (Chinese, English) with the book's main figures."""
    titles = dict(con.execute("SELECT plan_id, title_zh FROM plans").fetchall())
    geos = dict(con.execute("SELECT plan_id, geo FROM plans").fetchall())
    names = con.execute(
        "SELECT name_zh, name_en FROM geos WHERE geo = ?", [geos[parent]]
    ).fetchone()
    lines = emissions.peak_sentences(con, geos[parent], *names, longest=True)
    for plan in (parent, district):
        card = progress.scorecard(con, plan, as_of)
        scored = card[card.status != progress.NOT_SCORED]
        strive = int((card.commitment == "strive").sum())
        lines.append(
            (
                f"《{titles[plan]}》共有 {len(card)} 项目标，其中 {len(scored)} 项有数值、"
                f"{strive} 项为“力争”。",
                f"{titles[plan]} sets {len(card)} targets: {len(scored)} with a number, "
                f"{strive} marked 力争 (strive).",
            )
        )
        n = card.status.value_counts().to_dict()
        achieved, on, off, early, none = (
            n.get(status, 0) for status in progress.STATUSES[:5]
        )
        with_data = len(scored) - none
        lines.append(
            (
                f"截至 {as_of} 年，有公开数据可判断的 {with_data} 项中：已实现 {achieved}，"
                f"进度正常 {on}，进度落后 {off}，尚难判断 {early}；另有 {none} 项找不到公开数据。",
                f"As of {as_of}, of the {with_data} with published data: {achieved} achieved, "
                f"{on} on track, {off} off track, {early} too early to tell; {none} have no "
                "published figure.",
            )
        )
    shared = con.execute(
        "SELECT count(DISTINCT indicator_id) FROM target_pairs WHERE plan_id = ?", [district]
    ).fetchone()[0]
    lines.append(
        (
            f"两份方案在 {shared} 个相同指标上都设了目标。",
            f"The two plans set targets on {shared} of the same indicators.",
        )
    )
    amounts = compare.amount_shares(con, district)
    context = compare.context_shares(con, geos[district], geos[parent])
    people = context.dropna(subset=["share"])
    if not amounts.empty and not people.empty:
        first = people.iloc[0]
        parts_zh = "、".join(
            f"{r.district_indicator_zh}（{r.district_scope_zh}）{r.share:g}%"
            for r in amounts.itertuples()
        )
        parts_en = ", ".join(
            f"{r.district_indicator_en} ({r.district_scope_en}) {r.share:g}%"
            for r in amounts.itertuples()
        )
        lines.append(
            (
                f"区级数量目标占市级的比例：{parts_zh}；作为对照，{first.what_zh}占全市 "
                f"{first.share:g}%（{first.district_year} 年）。",
                f"The district's amounts as a share of the city's: {parts_en}; for comparison its "
                f"{first.what_en} is {first.share:g}% of the city's ({first.district_year}).",
            )
        )
    return lines
