"""The district against its city: same metrics, related metrics, what only one plan sets, and the
district's share of the city's amounts against its share of people, output and land."""

from __future__ import annotations

import altair as alt
import duckdb
import pandas as pd

from analysis.charts import bilingual, tooltips
from analysis.targets_report import described

CONTEXT = {
    "resident_population": "常住人口 resident population",
    "gdp": "地区生产总值 GDP",
    "area": "土地面积 land area",
}
# Units that are rates or grades: a district's share of them means nothing.
_NOT_AMOUNTS = {"%", "星级", "步", "种", "status"}


def related_targets(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """District targets whose indicator is related to (not the same as) a city target's."""
    frame = con.execute(
        """
        SELECT ci.name_zh || ' · ' || ci.name_en AS city_indicator,
               di.name_zh || ' · ' || di.name_en AS district_indicator,
               p.target_year, p.comparator AS parent_comparator, p.value AS parent_value,
               p.value_high AS parent_value_high, p.base_year AS parent_base_year,
               p.unit AS parent_unit, c.comparator, c.value, c.value_high, c.base_year, c.unit,
               l.reason
        FROM targets c
        JOIN plans pl ON pl.plan_id = c.plan_id
        JOIN indicator_links l
          ON l.relation = 'related'
         AND c.indicator_id IN (l.indicator_id, l.related_indicator_id)
        JOIN targets p
          ON p.plan_id = pl.parent_plan_id
         AND p.indicator_id IN (l.indicator_id, l.related_indicator_id)
         AND p.indicator_id <> c.indicator_id
         AND p.target_year IS NOT DISTINCT FROM c.target_year
        JOIN indicators ci ON ci.indicator_id = p.indicator_id
        JOIN indicators di ON di.indicator_id = c.indicator_id
        WHERE c.plan_id = ?
        ORDER BY p.target_year, city_indicator
        """,
        [plan_id],
    ).df()
    frame["city_target"] = described(frame, "parent_")
    frame["target"] = described(frame)
    both_qualitative = (frame.parent_comparator == "qualitative") & (
        frame.comparator == "qualitative"
    )
    return frame[~both_qualitative].reset_index(drop=True)


def only_in(con: duckdb.DuckDBPyConnection, plan_id: str, other_plan_id: str) -> pd.DataFrame:
    """Targets of one plan whose indicator the other plan does not use at all."""
    frame = con.execute(
        """
        SELECT t.clause, i.name_zh || ' · ' || i.name_en AS indicator, i.sector, t.comparator,
               t.value, t.value_high, t.unit, t.base_year, t.target_year, t.scope, t.quote
        FROM targets t JOIN indicators i USING (indicator_id)
        WHERE t.plan_id = ?
          AND t.indicator_id NOT IN (SELECT indicator_id FROM targets WHERE plan_id = ?)
          AND t.indicator_id NOT IN (
              SELECT l.related_indicator_id FROM indicator_links l
              JOIN targets o ON o.indicator_id = l.indicator_id AND o.plan_id = ?
              UNION
              SELECT l.indicator_id FROM indicator_links l
              JOIN targets o ON o.indicator_id = l.related_indicator_id AND o.plan_id = ?)
        ORDER BY i.sector, t.target_year NULLS LAST, t.clause
        """,
        [plan_id, other_plan_id, other_plan_id, other_plan_id],
    ).df()
    frame["target"] = described(frame)
    frame["year"] = frame.target_year.astype("Int64")
    return frame


def deferred(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """District commitments that set no number of their own and defer to the city's target."""
    return con.execute(
        """
        SELECT t.clause, i.name_zh || ' · ' || i.name_en AS indicator, t.target_year, t.quote
        FROM targets t JOIN indicators i USING (indicator_id)
        WHERE t.plan_id = ? AND t.comparator = 'qualitative' AND t.quote LIKE '%市级下达%'
        ORDER BY t.target_year, indicator
        """,
        [plan_id],
    ).df()


def amount_shares(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """Where both plans set an amount for the same year, the district's as a share of the city's."""
    frame = con.execute(
        """
        SELECT ci.name_zh || ' · ' || ci.name_en AS city_indicator,
               di.name_zh || ' · ' || di.name_en AS district_indicator,
               p.target_year AS year, p.value AS city, c.value AS district, c.unit,
               c.scope AS district_scope,
               CASE WHEN p.indicator_id = c.indicator_id THEN 'same' ELSE 'related' END AS match
        FROM targets c
        JOIN plans pl ON pl.plan_id = c.plan_id
        JOIN targets p
          ON p.plan_id = pl.parent_plan_id
         AND p.target_year IS NOT DISTINCT FROM c.target_year
         AND p.unit = c.unit
        JOIN indicators ci ON ci.indicator_id = p.indicator_id
        JOIN indicators di ON di.indicator_id = c.indicator_id
         AND (p.indicator_id = c.indicator_id OR (
              ci.measure = 'cumulative' AND di.measure = 'cumulative' AND EXISTS (
              SELECT 1 FROM indicator_links l WHERE l.relation = 'related'
              AND ((l.indicator_id, l.related_indicator_id) = (p.indicator_id, c.indicator_id)
                OR (l.indicator_id, l.related_indicator_id) = (c.indicator_id, p.indicator_id)))))
        WHERE c.plan_id = ? AND c.value IS NOT NULL AND p.value IS NOT NULL
          AND c.comparator <> 'reduce_by' AND p.comparator <> 'reduce_by'
        ORDER BY match DESC, city_indicator
        """,
        [plan_id],
    ).df()
    frame = frame[~frame.unit.isin(_NOT_AMOUNTS)].reset_index(drop=True)
    frame["share"] = (frame.district / frame.city * 100).round(1)
    return frame


def context_shares(con: duckdb.DuckDBPyConnection, geo: str, parent_geo: str) -> pd.DataFrame:
    """The district's share of the city's population, GDP and area: from the latest year both
    are published for, else from each one's latest year, said in the note; missing when either
    is never published."""
    rows = []
    for indicator, label in CONTEXT.items():
        pair = con.execute(
            """
            SELECT d.year, d.value, d.qualifier, c.year, c.value, c.qualifier, d.unit
            FROM statistics_chosen d JOIN statistics_chosen c
              ON c.indicator_id = d.indicator_id AND c.geo = ?
            WHERE d.geo = ? AND d.indicator_id = ?
            ORDER BY (d.year = c.year) DESC, d.year DESC, c.year DESC LIMIT 1
            """,
            [parent_geo, geo, indicator],
        ).fetchone()
        if pair is None:
            rows.append(
                {
                    "what": label,
                    "district_year": None,
                    "district": None,
                    "city_year": None,
                    "city": None,
                    "unit": "",
                    "share": None,
                    "note": "未找到数据 not published for both",
                }
            )
            continue
        d_year, district, d_qual, c_year, city, c_qual, unit = pair
        notes = [] if d_year == c_year else [f"different years 年份不同: {d_year} / {c_year}"]
        if {d_qual, c_qual} != {"="}:
            notes.append(f"qualifiers 限定: {d_qual} / {c_qual}")
        rows.append(
            {
                "what": label,
                "district_year": d_year,
                "district": district,
                "city_year": c_year,
                "city": city,
                "unit": unit,
                "share": round(district / city * 100, 1),
                "note": "; ".join(notes),
            }
        )
    frame = pd.DataFrame(rows)
    frame[["district_year", "city_year"]] = frame[["district_year", "city_year"]].astype("Int64")
    return frame


def shares_chart(amounts: pd.DataFrame, context: pd.DataFrame) -> alt.Chart:
    """The district's share of each city amount next to its share of people, output and land."""
    bars = pd.concat(
        [
            amounts.assign(what=amounts.district_indicator, kind="目标 target amount")[
                ["what", "share", "kind"]
            ],
            context.dropna(subset=["share"]).assign(kind="背景 context")[["what", "share", "kind"]],
        ],
        ignore_index=True,
    )
    return (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            y=alt.Y("what:N", sort=None, title=None),
            x=alt.X("share:Q", title=bilingual("占全市比例 %", "share of the city, %")),
            color=alt.Color("kind:N", title=bilingual("类别", "kind")),
            tooltip=tooltips(
                ("what:N", "项目", "item"),
                ("share:Q", "占比 %", "share %"),
                ("kind:N", "类别", "kind"),
            ),
        )
        .properties(
            width=420,
            title=alt.Title(
                bilingual("区级目标占市级目标的比例", "District targets as a share of the city's"),
                subtitle=bilingual(
                    "来源：两份方案；背景数据见“数据与来源”",
                    "sources: the two plans; context figures as in Data and sources",
                ),
            ),
        )
    )
