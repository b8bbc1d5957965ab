"""The statistics as the book shows them: what is covered, what is missing, where sources differ."""

from __future__ import annotations

import altair as alt
import duckdb
import pandas as pd

from analysis.charts import bilingual, tooltips

MISSING = "—"
FIRST_YEAR = 2020


def _cell(value: float, qualifier: str) -> str:
    prefix = {"=": "", ">": ">", "<": "<", "~": "≈", "preliminary": ""}[qualifier]
    suffix = "ᵖ" if qualifier == "preliminary" else ""
    return f"{prefix}{value:g}{suffix}"


def tracked_indicators(con: duckdb.DuckDBPyConnection, geo: str) -> pd.DataFrame:
    """Indicators a plan of this geo sets a number for, plus the context indicators."""
    return con.execute(
        """
        SELECT DISTINCT i.indicator_id, i.name_zh, i.name_en, i.unit, i.sector
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
        "WHERE geo = ? AND year BETWEEN ? AND ?",
        [geo, FIRST_YEAR, as_of],
    ).df()
    years = list(range(FIRST_YEAR, as_of + 1))
    cells = {(r.indicator_id, r.year): _cell(r.value, r.qualifier) for r in chosen.itertuples()}
    table = indicators.assign(indicator=indicators.name_zh + " · " + indicators.name_en)[
        ["indicator_id", "indicator", "unit"]
    ]
    for year in years:
        table[str(year)] = [cells.get((i, year), MISSING) for i in table.indicator_id]
    table["years covered"] = [sum((i, y) in cells for y in years) for i in table.indicator_id]
    return table


def conflicts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every figure for which sources disagree, with the one the analyses use marked."""
    return con.execute(
        """
        SELECT r.geo, i.name_zh || ' · ' || i.name_en AS indicator, r.year, r.value, r.unit,
               r.qualifier, r.publisher, r.source_kind, r.snippet,
               CASE WHEN r.choice = 1 THEN '采用 used' ELSE '' END AS used
        FROM statistics_ranked r JOIN indicators i USING (indicator_id)
        WHERE r.distinct_values > 1
        ORDER BY r.geo, r.indicator_id, r.year, r.choice
        """
    ).df()


def sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source with how many figures it gives."""
    return con.execute(
        """
        SELECT s.source_id, s.publisher, s.title, s.url, s.published_on, s.kind,
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


def history_chart(
    frame: pd.DataFrame,
    target: float | None,
    target_year: int | None,
    title: str,
    unit: str,
    path: pd.DataFrame | None = None,
    subtitle: str = "",
) -> alt.LayerChart:
    """Published values over time, the plan's target as a marked point, and the straight path
    to it (dashed) when one can be drawn."""
    points = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "year:Q",
                title=bilingual("年份", "year"),
                axis=alt.Axis(format="d", tickMinStep=1),
                scale=alt.Scale(zero=False),
            ),
            y=alt.Y("value:Q", title=f"{unit}", scale=alt.Scale(zero=False)),
            tooltip=tooltips(
                ("year:Q", "年份", "year"),
                ("value:Q", "数值", "value"),
                ("qualifier:N", "限定", "qualifier"),
                ("publisher:N", "来源", "source"),
            ),
        )
    )
    layers = [points]
    if path is not None:
        layers.append(
            alt.Chart(path.assign(label="目标路径 path to target"))
            .mark_line(strokeDash=[5, 4], color="#888")
            .encode(x="year:Q", y="value:Q", tooltip=[alt.Tooltip("label:N", title=" ")])
        )
    if target is not None and target_year is not None:
        goal = pd.DataFrame([{"year": target_year, "value": target, "label": "目标 target"}])
        layers.append(
            alt.Chart(goal)
            .mark_point(shape="diamond", size=120, filled=True, color="#c94c4c")
            .encode(
                x="year:Q",
                y="value:Q",
                tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("value:Q")],
            )
        )
    return alt.layer(*layers).properties(
        width=520,
        height=220,
        title=alt.Title(title, subtitle=f"{subtitle} · " + bilingual("单位", "unit") + f" {unit}"),
    )
