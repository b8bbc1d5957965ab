"""The progress chapter: every target judged by one stated rule.

The rule's wording for readers is RULE below, shown on the progress page and in the methodology
chapter; a test holds judge() to the worked cases the wording states.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from analysis.analyses import emissions, peaks
from analysis.analyses.data import history

ACHIEVED = "achieved"
ON_TRACK = "on track"
OFF_TRACK = "off track"
TOO_EARLY = "too early to tell"
NO_DATA = "no data"
NOT_SCORED = "qualitative"
STATUSES = (ACHIEVED, ON_TRACK, OFF_TRACK, TOO_EARLY, NO_DATA, NOT_SCORED)
DEFAULT_BASE_YEAR = 2020

# The rule as readers read it, in both languages. The worked cases at the end are checked
# against judge() by a test, so the wording cannot drift from the code.
RULE = {
    "zh": (
        "从起点到目标年的目标值之间画一条直线。水平值（比重、存量）的起点是基年（未注明时为2020年）"
        "及以后第一个公开数值；基年以来的新增量和相对基年的降幅，起点是基年的0。"
        "最新数值达到目标为“已实现”（数值越大越好的指标，只写数量的目标视为下限）；"
        "未达到时，位于直线正确一侧为“进度正常”，否则为“进度落后”；目标年已过而未达到的，为“进度落后”。"
        "起点之后还没有公开数值、画不出路径的，为“尚难判断”；没有公开数值为“无数据”。定性目标不评分。"
        "逐年降幅按乘法连乘为相对基年的降幅（先降3%再降4%为6.88%），只在每一年都有公开数值时计算。"
        "“碳达峰”承诺按“排放”一章的峰值规则、在方案自身的口径（官方核算口径，计入外调电力）上判断："
        "该口径的年度序列在目标年前已达峰，为“已实现”，否则为“尚难判断”；该口径没有公开的年度序列时为"
        "“无数据”，领土口径的研究数据集只作背景说明，不用于评分。\n\n"
        "例：2020年森林覆盖率40%，2025年目标不低于50%，2023年为47%。直线在2023年位于46%，"
        "47%高于46%，判为“进度正常”；2023年若为45%，判为“进度落后”；若为51%，判为“已实现”。"
    ),
    "en": (
        "A straight path runs from its start to the target in the target year. For a level (a "
        "share, a stock) it starts from the first published value at or after the base year "
        "(2020 unless the target names another); for an amount added since the base year, or a "
        "reduction against it, it starts from 0 in the base year. The target is *achieved* when "
        "the latest value meets it (where more is better, a target written as a bare amount is a "
        "minimum). Otherwise it is *on track* when the latest value lies on the right side of the "
        "path for its year, and *off track* when it does not, or once the target year has passed. "
        "It is *too early to tell* when no value has been published after the path's start, so "
        "no path can be read; *no data* when nothing has been published. Qualitative targets are "
        "not scored. Yearly declines are chained multiplicatively into a decline against the base "
        "year (3% then 4% is 6.88%), only when every year is published. A commitment to peak "
        "CO2 (碳达峰) is judged by the peak rule of the emissions chapter on the plan's own "
        "boundary (the official accounting, which counts imported electricity): *achieved* once "
        "a yearly series on that boundary has peaked by the target year, *too early to tell* "
        "before; *no data* when no yearly series on that boundary is published. Territorial "
        "research datasets are then given as context and never scored.\n\n"
        "Example: forest coverage 40% in 2020, a target of at least 50% in 2025, 47% in 2023. "
        "The path stands at 46% in 2023; 47% is above it, so the target is *on track*; 45% in "
        "2023 would be *off track*, 51% *achieved*."
    ),
}


def rule_markdown() -> str:
    """The rule in both languages, as the progress page and the methodology chapter show it."""
    return RULE["zh"] + "\n\n" + RULE["en"] + "\n"


@dataclass(frozen=True)
class Judgement:
    status: str
    latest_year: int | None = None
    latest_value: float | None = None
    path_value: float | None = None  # where the straight path stands in latest_year
    required_rate: float | None = None  # change a year needed from now to reach the target
    achieved_rate: float | None = None  # average change a year since the path's start
    projected: float | None = None  # where the achieved pace lands in the target year
    path_start_year: int | None = None
    path_start: float | None = None
    peak_year: int | None = None  # for a peaking commitment: the peak the rule found


def _meets(value: float, goal: float, higher_is_better: bool) -> bool:
    return value >= goal if higher_is_better else value <= goal


def _given(value) -> bool:
    return value is not None and not pd.isna(value)


def path_value(start_year: int, start: float, target_year: int, target: float, year: int) -> float:
    """The straight path from (start_year, start) to (target_year, target), read at `year`."""
    if target_year == start_year:
        return target
    return start + (target - start) * (year - start_year) / (target_year - start_year)


def required_annual_change(latest: float, latest_year: int, goal: float, target_year: int) -> float:
    """The constant yearly change that would take the latest value to the target on time."""
    years = target_year - latest_year
    return (goal - latest) / years if years > 0 else float("nan")


def achieved_annual_change(first: float, first_year: int, latest: float, latest_year: int) -> float:
    """The average yearly change between two values."""
    years = latest_year - first_year
    return (latest - first) / years if years > 0 else float("nan")


def judge(
    comparator: str,
    goal: float | None,
    target_year: int | None,
    base_year: int | None,
    direction: str,
    observations: pd.DataFrame,
    as_of: int,
    measure: str = "level",
) -> Judgement:
    """The status of one target from its indicator's published values (columns year, value)."""
    if comparator == "qualitative" or not _given(goal):
        return Judgement(NOT_SCORED)
    higher_is_better = not (comparator == "<=" or direction == "down")
    first_year = int(base_year) if _given(base_year) else DEFAULT_BASE_YEAR
    seen = observations[(observations.year >= first_year) & (observations.year <= as_of)]
    seen = seen.sort_values("year")
    if seen.empty:
        return Judgement(NO_DATA)
    year, value = int(seen.iloc[-1].year), float(seen.iloc[-1].value)
    if measure == "level":
        start_year, start = int(seen.iloc[0].year), float(seen.iloc[0].value)
    else:
        start_year, start = first_year, 0.0
    if not _given(target_year) or year <= start_year:
        status = ACHIEVED if _meets(value, goal, higher_is_better) else TOO_EARLY
        return Judgement(status, year, value)
    target_year = int(target_year)
    achieved = achieved_annual_change(start, start_year, value, year)
    figures = {
        "path_start_year": start_year,
        "path_start": start,
        "required_rate": required_annual_change(value, year, goal, target_year),
        "achieved_rate": achieved,
        "projected": value + achieved * (target_year - year),
    }
    if _meets(value, goal, higher_is_better):
        return Judgement(ACHIEVED, year, value, **figures)
    if year >= target_year:
        return Judgement(OFF_TRACK, year, value, **figures)
    expected = path_value(start_year, start, target_year, goal, year)
    status = ON_TRACK if _meets(value, expected, higher_is_better) else OFF_TRACK
    return Judgement(status, year, value, expected, **figures)


def compound_declines(yearly: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Yearly percentage declines chained into the decline against the base year.

    A 3% fall then a 4% fall is a fall of 1 − 0.97 × 0.96 = 6.88%, not 7%. A year is given only
    when every year after the base year up to it is published, so a gap never hides.
    """
    by_year = dict(zip(yearly.year.astype(int), yearly.value.astype(float), strict=True))
    rows, remaining, year = [], 1.0, base_year + 1
    while year in by_year:
        remaining *= 1 - by_year[year] / 100
        rows.append({"year": year, "value": round((1 - remaining) * 100, 6)})
        year += 1
    return pd.DataFrame(rows, columns=["year", "value"])


def observations_for(
    stats: pd.DataFrame, links: pd.DataFrame, geo: str, indicator_id: str, base_year: int
) -> tuple[pd.DataFrame, str]:
    """Published values of an indicator, or values chained from yearly declines when only
    those are published; with a word on where they came from."""
    own = stats[(stats.geo == geo) & (stats.indicator_id == indicator_id)][["year", "value"]]
    if not own.empty:
        return own, "published"
    yearly_ids = links[
        (links.related_indicator_id == indicator_id) & (links.relation == "compounds_to")
    ].indicator_id
    for yearly_id in yearly_ids:
        yearly = stats[(stats.geo == geo) & (stats.indicator_id == yearly_id)]
        chained = compound_declines(yearly, base_year)
        if not chained.empty:
            return chained, f"chained from {yearly_id}"
    return own, "published"


def scorecard(con: duckdb.DuckDBPyConnection, plan_id: str, as_of: int) -> pd.DataFrame:
    """Every target of a plan with its status as of a year, and the figures behind it."""
    targets = con.execute(
        """
        SELECT t.target_id, t.clause, t.indicator_id, i.name_zh AS indicator_zh,
               i.name_en AS indicator_en, i.direction, i.measure, i.sector, t.comparator,
               t.value, t.value_high, t.unit, t.base_year, t.target_year, t.scope_zh,
               t.scope_en, t.commitment, t.quote, p.geo
        FROM targets t JOIN indicators i USING (indicator_id) JOIN plans p USING (plan_id)
        WHERE t.plan_id = ?
        ORDER BY t.target_year NULLS LAST, i.sector, t.target_id
        """,
        [plan_id],
    ).df()
    stats = con.execute(
        "SELECT geo, indicator_id, year, value, publisher FROM statistics_chosen ORDER BY ALL"
    ).df()
    links = con.execute(
        "SELECT indicator_id, related_indicator_id, relation FROM indicator_links ORDER BY ALL"
    ).df()
    rows = []
    for t in targets.to_dict("records"):
        if is_peak_commitment(t):
            j, source = judge_peak(con, t["geo"], t["target_year"], as_of)
            origin = "peak rule"
        else:
            base = int(t["base_year"]) if _given(t["base_year"]) else DEFAULT_BASE_YEAR
            observed, origin = observations_for(stats, links, t["geo"], t["indicator_id"], base)
            # a range (3%—5%) is met from its lower bound, which `value` holds
            j = judge(
                t["comparator"],
                t["value"],
                t["target_year"],
                t["base_year"],
                t["direction"],
                observed,
                as_of,
                t["measure"],
            )
            source = latest_source(stats, t["geo"], t["indicator_id"], j.latest_year, origin)
        rows.append({**t, **vars(j), "data_origin": origin, "latest_source": source})
    frame = pd.DataFrame(rows)
    years = ["base_year", "target_year", "latest_year", "path_start_year", "peak_year"]
    frame[years] = frame[years].astype("Int64")
    computed = ["path_value", "required_rate", "achieved_rate", "projected"]
    frame[computed] = frame[computed].astype(float).round(2)
    return frame


def latest_source(
    stats: pd.DataFrame, geo: str, indicator_id: str, year: int | None, origin: str
) -> str | None:
    """Who published the latest value a target was judged on (the publisher of the figure
    chained from, for a chained series); None when nothing was published."""
    if year is None:
        return None
    indicator = origin.removeprefix("chained from ") if origin != "published" else indicator_id
    rows = stats[(stats.geo == geo) & (stats.indicator_id == indicator) & (stats.year == year)]
    return str(rows.publisher.iloc[0]) if len(rows) else None


def is_peak_commitment(target: dict) -> bool:
    """A qualitative commitment to peak total CO2 (碳达峰), judged by the peak rule."""
    return (
        target["comparator"] == "qualitative"
        and target["indicator_id"] == emissions.OFFICIAL
        and "碳达峰" in target["quote"]
    )


def judge_peak(
    con: duckdb.DuckDBPyConnection, geo: str, target_year: int | None, as_of: int
) -> tuple[Judgement, str]:
    """A peaking commitment by the peak rule, on a series of the plan's own (official)
    boundary: achieved when it has peaked by the target year. Where no such series exists the
    status is no data, and the second value says what the territorial series shows, as
    context only: a commitment is never scored on a dataset that measures something else."""
    official = history(con, geo, emissions.OFFICIAL)
    official = official[official.year <= as_of]
    if official.empty:
        context = emissions.peak_sentences(con, geo, longest=True)
        shown = context[0][1] if context else "no territorial series either"
        return Judgement(NO_DATA), (
            "no yearly total on the plan's (official) boundary is published; territorial "
            f"context only, not scored: {shown}"
        )
    peak = peaks.judge(official[["year", "value"]])
    due = int(target_year) if _given(target_year) else as_of
    status = ACHIEVED if peak.status == peaks.PEAKED and peak.year <= due else TOO_EARLY
    shown = peak.year if peak.status == peaks.PEAKED else None
    return Judgement(status, peak.latest_year, peak.latest, peak_year=shown), "official"


def status_counts(cards: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """How many targets of each plan are in each status: a row per status, a column per plan."""
    counts = (
        pd.DataFrame({plan: card.status.value_counts() for plan, card in cards.items()})
        .reindex(list(STATUSES))
        .fillna(0)
        .astype(int)
    )
    return counts.rename_axis("status").reset_index()


@dataclass(frozen=True)
class Panel:
    """What one small multiple shows: an indicator of a geo, its published history and the
    scored targets set on it (each with its path and where the current pace lands)."""

    geo: str
    indicator_zh: str
    indicator_en: str
    unit: str
    history: pd.DataFrame
    targets: pd.DataFrame


def indicator_panels(con: duckdb.DuckDBPyConnection, cards: dict[str, pd.DataFrame]) -> list[Panel]:
    """One panel per indicator and geo that has a scored target and a published value, in the
    order of the scorecards; a peaking commitment is drawn on the emissions chapter instead."""
    panels = []
    for card in cards.values():
        scored = card[(card.status != NOT_SCORED) & (card.data_origin != "peak rule")]
        for (geo, indicator_id), targets in scored.groupby(["geo", "indicator_id"], sort=False):
            hist = history(con, geo, indicator_id)
            if hist.empty:
                continue
            first = targets.iloc[0]
            panels.append(
                Panel(
                    geo,
                    first.indicator_zh,
                    first.indicator_en,
                    first.unit,
                    hist,
                    targets.sort_values(["target_year", "target_id"]).reset_index(drop=True),
                )
            )
    return panels
