"""The emissions chapter: has Beijing peaked? Total CO2 over the long record, per person and per
unit of GDP, China for context, Changping's modelled share, and what drove the change.

Each series stays with its dataset: inventories that define emissions differently are shown side
by side, never merged into one line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import pandas as pd

from analysis.analyses.data import history

EMISSIONS = "co2_emissions"
# A maximum counts as the peak only when this many later years are published and all are lower.
FOLLOWING_YEARS = 3
PEAK_RULE = {
    "zh": (
        f"峰值年是序列最高值所在的年份，条件是其后至少有 {FOLLOWING_YEARS} 个年份的公开数值，"
        "且全部低于最高值；最高值之后数据不足，或其后又有更高的值，都不能判定已经达峰。"
        "一年的回落不算达峰。"
    ),
    "en": (
        "The peak year is the year of the series' highest value, provided that at least "
        f"{FOLLOWING_YEARS} later years are published and every one of them is lower. When the "
        "maximum is too recent, no peak is reported; a one-year dip is not a peak."
    ),
}

PEAKED = "peaked"
NOT_YET = "not shown"
NO_SERIES = "no data"


@dataclass(frozen=True)
class Peak:
    status: str
    year: int | None = None
    value: float | None = None
    later_years: int = 0  # published years after the maximum
    last_year: int | None = None


def find_peak(series: pd.DataFrame, following: int = FOLLOWING_YEARS) -> Peak:
    """Apply the peak rule to a series (columns year, value)."""
    if series.empty:
        return Peak(NO_SERIES)
    ordered = series.sort_values("year")
    top = ordered.loc[ordered.value.idxmax()]
    later = ordered[ordered.year > top.year]
    year, value = int(top.year), float(top.value)
    last = int(ordered.year.iloc[-1])
    if len(later) >= following and (later.value < value).all():
        return Peak(PEAKED, year, value, len(later), last)
    return Peak(NOT_YET, year, value, len(later), last)


def series(con: duckdb.DuckDBPyConnection, geo: str, source_id: str | None = None) -> pd.DataFrame:
    """A geo's CO2 emissions by year (万吨), from one dataset or from every source."""
    return con.execute(
        """
        SELECT year, value, source_value, source_unit, source_id, publisher, source_title
        FROM statistics_ranked
        WHERE geo = ? AND indicator_id = ? AND (? IS NULL OR source_id = ?)
        ORDER BY source_id, year
        """,
        [geo, EMISSIONS, source_id, source_id],
    ).df()


def datasets(con: duckdb.DuckDBPyConnection, geo: str) -> pd.DataFrame:
    """The emission datasets that cover a geo, with their years."""
    return con.execute(
        """
        SELECT source_id, any_value(source_title) AS title, any_value(publisher) AS publisher,
               min(year) AS first_year, max(year) AS last_year, count(*) AS years
        FROM statistics_ranked WHERE geo = ? AND indicator_id = ?
        GROUP BY source_id ORDER BY first_year, source_id
        """,
        [geo, EMISSIONS],
    ).df()


def longest_dataset(con: duckdb.DuckDBPyConnection, geo: str) -> str | None:
    """The emission dataset with the most years for a geo (the series a rule is applied to)."""
    found = datasets(con, geo)
    if found.empty:
        return None
    return str(found.sort_values(["years", "source_id"], ascending=[False, True]).source_id.iloc[0])


def dataset_title(con: duckdb.DuckDBPyConnection, source_id: str | None) -> str | None:
    """The title of a dataset's source, as the pages name the dataset."""
    found = con.execute("SELECT title FROM sources WHERE source_id = ?", [source_id]).fetchone()
    return found[0] if found else None


def peak_sentences(
    con: duckdb.DuckDBPyConnection, geo: str, name_zh: str, name_en: str, longest: bool = False
) -> list[tuple[str, str]]:
    """What the peak rule finds for a geo on each dataset (or on the longest only), as sentences
    in both languages."""
    lines = []
    found = datasets(con, geo)
    if longest:
        found = found[found.source_id == longest_dataset(con, geo)]
    for d in found.itertuples():
        peak = find_peak(series(con, geo, d.source_id))
        span = f"{d.first_year}–{d.last_year}"
        if peak.status == PEAKED:
            lines.append(
                (
                    f"按{d.title}（{span}），{name_zh}的排放在 {peak.year} 年达到峰值 "
                    f"{peak.value:,.0f} 万吨，其后 {peak.later_years} 年均低于峰值。",
                    f"In {d.title} ({span}), {name_en}'s emissions peaked in {peak.year} at "
                    f"{peak.value:,.0f} (10,000 t); all {peak.later_years} later years are lower.",
                )
            )
        else:
            lines.append(
                (
                    f"按{d.title}（{span}），最高值在 {peak.year} 年，其后只有 "
                    f"{peak.later_years} 年或又有更高值，尚不能判定达峰。",
                    f"In {d.title} ({span}), the highest value is in {peak.year}, with "
                    f"{peak.later_years} later years: no peak can be reported yet.",
                )
            )
    return lines


def plan_years(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> list[int]:
    """The years the plans set for their emission commitments."""
    rows = con.execute(
        "SELECT DISTINCT target_year FROM targets WHERE plan_id IN (SELECT unnest(?)) "
        "AND indicator_id = ? AND target_year IS NOT NULL ORDER BY 1",
        [plan_ids, EMISSIONS],
    ).fetchall()
    return [int(year) for (year,) in rows]


def _chosen(con: duckdb.DuckDBPyConnection, geo: str, indicator_id: str) -> pd.DataFrame:
    return history(con, geo, indicator_id)[["year", "value"]]


def intensities(con: duckdb.DuckDBPyConnection, geo: str, source_id: str) -> pd.DataFrame:
    """Emissions per person (t) and per 10,000 yuan of GDP (t), where both are published.

    万吨 ÷ 万人 is tonnes per person; 万吨 ÷ 亿元 is tonnes per 10,000 yuan (current prices).
    """
    frame = series(con, geo, source_id)[["year", "value"]].rename(columns={"value": "co2"})
    frame = frame.merge(
        _chosen(con, geo, "resident_population").rename(columns={"value": "population"}),
        on="year",
        how="left",
    ).merge(_chosen(con, geo, "gdp").rename(columns={"value": "gdp"}), on="year", how="left")
    frame["per_person"] = (frame.co2 / frame.population).round(2)
    frame["per_gdp"] = (frame.co2 / frame.gdp).round(3)
    return frame


def indexed(frames: dict[str, pd.DataFrame], base_year: int | None = None) -> pd.DataFrame:
    """Several series as an index (base year = 100), on the first year they all cover unless
    one is given; long format with a `series` column."""
    common = set.intersection(*(set(f.year) for f in frames.values())) if frames else set()
    if not common:
        return pd.DataFrame(columns=["series", "year", "value", "index"])
    base = base_year if base_year in common else min(common)
    rows = []
    for name, frame in frames.items():
        start = float(frame.loc[frame.year == base, "value"].iloc[0])
        rows.append(frame.assign(series=name, index=(frame.value / start * 100).round(1)))
    out = pd.concat(rows, ignore_index=True)[["series", "year", "value", "index"]]
    return out.assign(base_year=base)


def district_shares(
    con: duckdb.DuckDBPyConnection, parent_geo: str, geo: str, source_id: str
) -> pd.DataFrame:
    """A district's emissions in one dataset against the sum of all the parent's districts in
    the same dataset, year by year, with its rank among them (1 = the largest emitter)."""
    return con.execute(
        """
        WITH d AS (
            SELECT s.year, s.geo, s.value
            FROM statistics_ranked s JOIN geos g ON g.geo = s.geo
            WHERE g.parent_geo = ? AND s.indicator_id = ? AND s.source_id = ?
        ), ranked AS (
            SELECT year, geo, value,
                   rank() OVER (PARTITION BY year ORDER BY value DESC) AS rank,
                   count(*) OVER (PARTITION BY year) AS districts,
                   sum(value) OVER (PARTITION BY year) AS total
            FROM d
        )
        SELECT year, round(value, 1) AS value, round(total, 1) AS total,
               round(value / total * 100, 1) AS share, rank, districts
        FROM ranked WHERE geo = ? ORDER BY year
        """,
        [parent_geo, EMISSIONS, source_id, geo],
    ).df()


# The Kaya identity: CO2 = population × GDP per person × energy per GDP × CO2 per energy.
KAYA_FACTORS = ("population", "gdp_per_person", "energy_per_gdp", "co2_per_energy")


def log_mean(a: float, b: float) -> float:
    """The logarithmic mean L(a, b) = (a − b) / (ln a − ln b), and a when a = b."""
    if a == b:
        return a
    return (a - b) / (math.log(a) - math.log(b))


def lmdi(start: dict[str, float], end: dict[str, float]) -> dict[str, float]:
    """The change of CO2 between two years split into the Kaya factors' effects (additive LMDI-I):
    effect of x = L(C_end, C_start) × ln(x_end / x_start). The effects add up to the change
    exactly, with no residual."""
    weight = log_mean(end["co2"], start["co2"])
    return {f: weight * math.log(end[f] / start[f]) for f in KAYA_FACTORS}


def kaya(frame: pd.DataFrame) -> pd.DataFrame:
    """The Kaya factors per year from columns co2, population, gdp and energy."""
    return frame.assign(
        gdp_per_person=frame.gdp / frame.population,
        energy_per_gdp=frame.energy / frame.gdp,
        co2_per_energy=frame.co2 / frame.energy,
    )


def decomposition(
    con: duckdb.DuckDBPyConnection, geo: str, source_id: str
) -> tuple[pd.DataFrame, int | None, int | None]:
    """The LMDI split of the change in CO2 between the first and the last year for which
    emissions, population, GDP and energy use are all published; empty when there are none."""
    frame = intensities(con, geo, source_id).merge(
        _chosen(con, geo, "total_energy_consumption").rename(columns={"value": "energy"}),
        on="year",
    )
    frame = frame.dropna(subset=["co2", "population", "gdp", "energy"]).sort_values("year")
    if len(frame) < 2:
        return pd.DataFrame(columns=["factor", "effect"]), None, None
    factors = kaya(frame)
    first, last = factors.iloc[0], factors.iloc[-1]
    effects = lmdi(dict(first), dict(last))
    out = pd.DataFrame({"factor": list(effects), "effect": [round(v, 1) for v in effects.values()]})
    total = pd.DataFrame({"factor": ["total"], "effect": [round(last.co2 - first.co2, 1)]})
    return pd.concat([out, total], ignore_index=True), int(first.year), int(last.year)
