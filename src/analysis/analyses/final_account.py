"""The final account of a plan period: for every target due in a year, was it met?

A target is met or missed only on a figure for its own year (or later): a figure two years early
says where things stood, not whether the target was reached, so such a target is *not
published*, with its latest figure shown. Where the indicator itself is not published, the
nearest related figure (a different measure, linked in indicator_links) is shown as context and
never scored.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.analyses import progress
from analysis.analyses.data import shown_value

MET = "met"
MISSED = "missed"
NOT_PUBLISHED = "not published"
OUTCOMES = (MET, MISSED, NOT_PUBLISHED)
OUTCOME_ZH = {MET: "已实现", MISSED: "未实现", NOT_PUBLISHED: "未公布"}


def outcome(status: str, latest_year, target_year: int, bound: bool = False) -> str:
    """Met or missed on a figure for the target year or later; not published otherwise. A
    bound that falls short (more than 130 against at least 200) cannot show a miss: the true
    value may lie anywhere above it, so it settles nothing."""
    if latest_year is None or pd.isna(latest_year) or int(latest_year) < target_year:
        return NOT_PUBLISHED
    if status == progress.ACHIEVED:
        return MET
    return NOT_PUBLISHED if bound else MISSED


def _qualifier(con: duckdb.DuckDBPyConnection, geo: str, indicator_id: str, year) -> str:
    """The qualifier of the figure a target was judged on (= for a chained series)."""
    if year is None or pd.isna(year):
        return ""
    row = con.execute(
        "SELECT qualifier FROM statistics_chosen WHERE geo = ? AND indicator_id = ? AND year = ?",
        [geo, indicator_id, int(year)],
    ).fetchone()
    return row[0] if row else "="


def _related(con: duckdb.DuckDBPyConnection, geo: str, indicator_id: str, as_of: int) -> str:
    """The latest published figure of an indicator linked as related, in words; empty if none."""
    row = con.execute(
        """
        WITH linked AS (
            SELECT related_indicator_id AS other FROM indicator_links
            WHERE indicator_id = ? AND relation = 'related'
            UNION
            SELECT indicator_id FROM indicator_links
            WHERE related_indicator_id = ? AND relation = 'related'
        )
        SELECT i.name_zh, i.name_en, c.value, c.unit, c.year, c.publisher
        FROM statistics_chosen c JOIN linked l ON l.other = c.indicator_id
        JOIN indicators i ON i.indicator_id = c.indicator_id
        WHERE c.geo = ? AND c.year <= ? AND c.qualifier NOT IN ('>', '<')
        ORDER BY c.year DESC, c.indicator_id
        LIMIT 1
        """,
        [indicator_id, indicator_id, geo, as_of],
    ).fetchone()
    if row is None:
        return ""
    name_zh, name_en, value, unit, year, publisher = row
    return (
        f"不同口径，仅供参考：{name_zh} {value:g} {unit}（{year}，{publisher}） · "
        f"a different measure, context only: {name_en} {value:g} {unit} ({year}, {publisher})"
    )


def final_account(
    con: duckdb.DuckDBPyConnection, plan_ids: list[str], year: int, as_of: int
) -> pd.DataFrame:
    """Every quantified target of the plans due in `year`, with its outcome, the latest figure
    behind it and its publisher, and a related figure where the indicator itself is missing."""
    rows = []
    for plan_id in plan_ids:
        card = progress.scorecard(con, plan_id, as_of)
        due = card[(card.target_year == year) & (card.status != progress.NOT_SCORED)]
        for t in due.to_dict("records"):
            qualifier = _qualifier(con, t["geo"], t["indicator_id"], t["latest_year"])
            bound = qualifier in (">", "<")
            result = outcome(t["status"], t["latest_year"], year, bound)
            has_figure = t["latest_year"] is not None and not pd.isna(t["latest_year"])
            related = "" if has_figure else _related(con, t["geo"], t["indicator_id"], as_of)
            rows.append(
                {
                    **t,
                    "plan_id": plan_id,
                    "outcome": result,
                    "latest": shown_value(t["latest_value"], qualifier) if has_figure else "",
                    "related": related,
                }
            )
    columns = [*(rows[0] if rows else {}), "plan_id", "outcome", "related"]
    return pd.DataFrame(rows, columns=list(dict.fromkeys(columns)))


def counts(account: pd.DataFrame, plan_ids: list[str]) -> pd.DataFrame:
    """How many targets of each plan met, missed, or had no figure published."""
    table = (
        pd.DataFrame(
            {p: account[account.plan_id == p].outcome.value_counts() for p in plan_ids}
        )
        .reindex(list(OUTCOMES))
        .fillna(0)
        .astype(int)
    )
    return table.rename_axis("outcome").reset_index()


def sentences(
    con: duckdb.DuckDBPyConnection, account: pd.DataFrame, plan_ids: list[str], year: int
) -> list[tuple[str, str]]:
    """One sentence per plan: of its targets due in the year, how many were met, missed, or
    have no published figure."""
    titles = {
        plan_id: (zh, en)
        for plan_id, zh, en in con.execute(
            "SELECT plan_id, title_zh, title_en FROM plans ORDER BY plan_id"
        ).fetchall()
    }
    lines = []
    for plan_id in plan_ids:
        title_zh, title_en = titles[plan_id]
        n = account[account.plan_id == plan_id].outcome.value_counts()
        met, missed, none = (int(n.get(o, 0)) for o in OUTCOMES)
        total = met + missed + none
        lines.append(
            (
                f"《{title_zh}》{year} 年到期的 {total} 项量化目标：已实现 {met} 项，"
                f"未实现 {missed} 项，{none} 项没有公布 {year} 年的数值。",
                f"The {title_en} set {total} quantified targets for {year}: {met} met, "
                f"{missed} missed, and {none} with no figure published for {year}.",
            )
        )
    return lines
