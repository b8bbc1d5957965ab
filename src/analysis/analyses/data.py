"""The data chapter: what is covered, what is missing, where sources differ, every source."""

from __future__ import annotations

import duckdb
import pandas as pd

MISSING = "—"
FIRST_YEAR = 2005  # the national plans measure CO2 intensity against 2005


def shown_value(value: float, qualifier: str) -> str:
    """A figure with its qualifier as tables show it: >5, ≈350, 6.1ᵖ."""
    prefix = {"=": "", ">": ">", "<": "<", "~": "≈", "preliminary": ""}[qualifier]
    suffix = "ᵖ" if qualifier == "preliminary" else ""
    return f"{prefix}{value:g}{suffix}"


def tracked_indicators(con: duckdb.DuckDBPyConnection, geo: str) -> pd.DataFrame:
    """Indicators a plan of this geo sets a number for, plus the context indicators."""
    return con.execute(
        """
        SELECT DISTINCT i.indicator_id, i.name_zh AS indicator_zh, i.name_en AS indicator_en,
               i.unit, i.sector
        FROM indicators i
        LEFT JOIN targets t ON t.indicator_id = i.indicator_id AND t.value IS NOT NULL
        LEFT JOIN plans p ON p.plan_id = t.plan_id
        WHERE p.geo = ? OR i.sector = 'context'
           OR i.indicator_id IN (SELECT indicator_id FROM statistics WHERE geo = ?)
        ORDER BY i.sector, i.indicator_id
        """,
        [geo, geo],
    ).df()


def coverage(con: duckdb.DuckDBPyConnection, geo: str, as_of: int) -> pd.DataFrame:
    """Indicator × year: the value the analyses use, or a dash where nothing is published."""
    indicators = tracked_indicators(con, geo)
    chosen = con.execute(
        "SELECT indicator_id, year, value, qualifier FROM statistics_chosen "
        "WHERE geo = ? AND year BETWEEN ? AND ? ORDER BY indicator_id, year",
        [geo, FIRST_YEAR, as_of],
    ).df()
    years = list(range(FIRST_YEAR, as_of + 1))
    cells = {
        (r.indicator_id, r.year): shown_value(r.value, r.qualifier) for r in chosen.itertuples()
    }
    table = indicators[["indicator_id", "indicator_zh", "indicator_en", "unit"]].copy()
    for year in years:
        table[str(year)] = [cells.get((i, year), MISSING) for i in table.indicator_id]
    table["years_covered"] = [sum((i, y) in cells for y in years) for i in table.indicator_id]
    return table


def conflicts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every figure for which sources disagree, with the one the analyses use marked."""
    return con.execute(
        """
        SELECT r.geo, i.name_zh AS indicator_zh, i.name_en AS indicator_en, r.year, r.value,
               r.unit, r.qualifier, r.publisher, r.source_kind, r.snippet, r.choice = 1 AS used
        FROM statistics_ranked r JOIN indicators i USING (indicator_id)
        WHERE r.distinct_values > 1
        ORDER BY r.geo, r.indicator_id, r.year, r.choice, r.source_id
        """
    ).df()


def sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source with how many figures it gives."""
    return con.execute(
        """
        SELECT s.source_id, s.publisher, s.title, s.url, s.published_on, s.kind, s.host_quality,
               count(st.value) AS figures
        FROM sources s LEFT JOIN statistics st USING (source_id)
        GROUP BY ALL ORDER BY s.kind, s.published_on DESC NULLS LAST, s.source_id
        """
    ).df()


def history(con: duckdb.DuckDBPyConnection, geo: str, indicator_id: str) -> pd.DataFrame:
    """The chosen value of every year for one indicator, with its source."""
    return con.execute(
        "SELECT year, value, qualifier, unit, publisher, source_url, snippet "
        "FROM statistics_chosen WHERE geo = ? AND indicator_id = ? ORDER BY year",
        [geo, indicator_id],
    ).df()


def indicator_dictionary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every indicator with its unit, direction, measure, sector and definition."""
    return con.execute(
        "SELECT indicator_id, name_zh, name_en, unit, direction, measure, sector, definition "
        "FROM indicators ORDER BY sector, indicator_id"
    ).df()


def datasets(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every research dataset by area and indicator, each apart, with the one the analyses use
    marked (the one covering the most years; the others never fill its gaps). Provinces no plan
    covers are left out: they serve only the comparison of provinces."""
    return con.execute(
        """
        SELECT g.name_zh AS geo_zh, g.name_en AS geo_en, i.name_zh AS indicator_zh,
               i.name_en AS indicator_en, s.title, d.first_year, d.last_year, d.years,
               d.dataset_order = 1 AS used
        FROM dataset_choice d
        JOIN geos g USING (geo)
        JOIN indicators i USING (indicator_id)
        JOIN sources s USING (source_id)
        WHERE g.level <> 'province' OR d.geo IN (SELECT geo FROM plans)
        ORDER BY g.level, d.geo, d.indicator_id, d.dataset_order
        """
    ).df()
