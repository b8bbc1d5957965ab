"""Progress towards a target, judged by one stated rule.

The rule: draw a straight path from the first published value at or after the plan's base year
(2020 unless the target names another) to the target in the target year. A target is
*achieved* when the latest value meets it, *on track* when the latest value is on the right
side of the path for its year, *off track* otherwise (and always once the target year has
passed unmet), *too early to tell* with fewer than two published years, *no data* with none.
Qualitative targets are not scored. "Meets" reads the indicator's direction: for an up
indicator a target written as a bare amount (达到 4500万平方米) is a minimum.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import duckdb
import pandas as pd

from analysis.statistics_report import history, history_chart
from analysis.targets_report import described

ACHIEVED = "achieved"
ON_TRACK = "on track"
OFF_TRACK = "off track"
TOO_EARLY = "too early to tell"
NO_DATA = "no data"
NOT_SCORED = "qualitative"
LABELS = {
    ACHIEVED: "已实现 achieved",
    ON_TRACK: "进度正常 on track",
    OFF_TRACK: "进度落后 off track",
    TOO_EARLY: "尚难判断 too early to tell",
    NO_DATA: "无数据 no data",
    NOT_SCORED: "定性 qualitative",
}
DEFAULT_BASE_YEAR = 2020


@dataclass(frozen=True)
class Judgement:
    status: str
    latest_year: int | None = None
    latest_value: float | None = None
    path_value: float | None = None  # where the straight path stands in latest_year


def _meets(value: float, goal: float, higher_is_better: bool) -> bool:
    return value >= goal if higher_is_better else value <= goal


def path_value(start_year: int, start: float, target_year: int, target: float, year: int) -> float:
    """The straight path from (start_year, start) to (target_year, target), read at `year`."""
    if target_year == start_year:
        return target
    return start + (target - start) * (year - start_year) / (target_year - start_year)


def judge(
    comparator: str,
    goal: float | None,
    target_year: int | None,
    base_year: int | None,
    direction: str,
    observations: pd.DataFrame,
    as_of: int,
) -> Judgement:
    """The status of one target from its indicator's published values (columns year, value)."""
    if comparator == "qualitative" or goal is None or pd.isna(goal):
        return Judgement(NOT_SCORED)
    higher_is_better = not (comparator == "<=" or direction == "down")
    start_year = (
        int(base_year) if base_year is not None and pd.notna(base_year) else DEFAULT_BASE_YEAR
    )
    seen = observations[(observations.year >= start_year) & (observations.year <= as_of)]
    seen = seen.sort_values("year")
    if seen.empty:
        return Judgement(NO_DATA)
    latest = seen.iloc[-1]
    year, value = int(latest.year), float(latest.value)
    if _meets(value, goal, higher_is_better):
        return Judgement(ACHIEVED, year, value)
    if target_year is not None and pd.notna(target_year) and year >= int(target_year):
        return Judgement(OFF_TRACK, year, value)
    if len(seen) < 2 or target_year is None or pd.isna(target_year):
        return Judgement(TOO_EARLY, year, value)
    first = seen.iloc[0]
    expected = path_value(int(first.year), float(first.value), int(target_year), goal, year)
    status = ON_TRACK if _meets(value, expected, higher_is_better) else OFF_TRACK
    return Judgement(status, year, value, expected)


def required_annual_change(latest: float, latest_year: int, goal: float, target_year: int) -> float:
    """The constant yearly change that would take the latest value to the target on time."""
    years = target_year - latest_year
    return (goal - latest) / years if years > 0 else float("nan")


def achieved_annual_change(first: float, first_year: int, latest: float, latest_year: int) -> float:
    """The average yearly change between two published values."""
    years = latest_year - first_year
    return (latest - first) / years if years > 0 else float("nan")


def scorecard(con: duckdb.DuckDBPyConnection, plan_id: str, as_of: int) -> pd.DataFrame:
    """Every target of a plan with its status as of a year, and the figures behind it."""
    targets = con.execute(
        """
        SELECT t.target_id, t.clause, t.indicator_id, i.name_zh || ' · ' || i.name_en AS indicator,
               i.direction, t.comparator, t.value, t.value_high, t.unit, t.base_year,
               t.target_year, t.scope, p.geo
        FROM targets t JOIN indicators i USING (indicator_id) JOIN plans p USING (plan_id)
        WHERE t.plan_id = ?
        ORDER BY t.target_year NULLS LAST, i.sector, t.target_id
        """,
        [plan_id],
    ).df()
    stats = con.execute("SELECT geo, indicator_id, year, value FROM statistics_chosen").df()
    rows = []
    for t in targets.to_dict("records"):
        observed = stats[(stats.geo == t["geo"]) & (stats.indicator_id == t["indicator_id"])]
        # a range (3%—5%) is met from its lower bound: `value` holds it
        j = judge(
            t["comparator"],
            t["value"],
            t["target_year"],
            t["base_year"],
            t["direction"],
            observed,
            as_of,
        )
        rows.append(
            {
                **t,
                "status": j.status,
                "status_label": LABELS[j.status],
                "latest_year": j.latest_year,
                "latest_value": j.latest_value,
                "path_value": j.path_value,
            }
        )
    frame = pd.DataFrame(rows)
    frame["target_text"] = described(frame)
    years = ["base_year", "target_year", "latest_year"]
    frame[years] = frame[years].astype("Int64")
    return frame


def status_counts(cards: dict[str, pd.DataFrame], titles: dict[str, str]) -> pd.DataFrame:
    """How many targets of each plan are in each status."""
    counts = (
        pd.DataFrame({titles[plan]: card.status.value_counts() for plan, card in cards.items()})
        .reindex(list(LABELS))
        .fillna(0)
        .astype(int)
    )
    counts.index = [LABELS[s] for s in counts.index]
    return counts.rename_axis("状态 Status").reset_index()


def history_charts(
    con: duckdb.DuckDBPyConnection, cards: dict[str, pd.DataFrame]
) -> alt.VConcatChart | None:
    """One small chart per scored target whose indicator has at least two published years."""
    panels = []
    for card in cards.values():
        for t in card[card.status != NOT_SCORED].to_dict("records"):
            hist = history(con, t["geo"], t["indicator_id"])
            if len(hist) < 2:
                continue
            title = f"{t['indicator']} ({t['geo']}, {t['target_id']})"
            panels.append(history_chart(hist, t["value"], t["target_year"], title, t["unit"]))
    return alt.vconcat(*panels) if panels else None
