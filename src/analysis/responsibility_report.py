"""Who carries the commitments: agencies named by each plan, by clause and by sector."""

from __future__ import annotations

import altair as alt
import duckdb
import pandas as pd

from analysis.charts import bilingual, tooltips


def agency_counts(con: duckdb.DuckDBPyConnection, plan_id: str, top: int = 15) -> pd.DataFrame:
    """The agencies named in most clauses of a plan, and how often they are named first."""
    return con.execute(
        """
        SELECT a.name_zh, a.name_en, count(DISTINCT r.clause) AS clauses,
               count(DISTINCT r.clause) FILTER (WHERE r.position = 1) AS named_first,
               count(DISTINCT ta.target_id) AS targets
        FROM responsibilities r
        JOIN (SELECT DISTINCT agency_id, name_zh, name_en FROM agencies) a USING (agency_id)
        LEFT JOIN target_agencies ta
          ON ta.agency_id = r.agency_id
         AND ta.target_id IN (SELECT target_id FROM targets WHERE plan_id = r.plan_id)
        WHERE r.plan_id = ?
        GROUP BY ALL ORDER BY clauses DESC, named_first DESC, a.name_zh
        LIMIT ?
        """,
        [plan_id, top],
    ).df()


def agency_sector_matrix(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> pd.DataFrame:
    """Agency × sector: how many targets of each plan name the agency in their clause's note."""
    return con.execute(
        """
        SELECT t.plan_id, a.name_zh AS agency, i.sector, count(DISTINCT t.target_id) AS targets
        FROM target_agencies ta
        JOIN targets t USING (target_id)
        JOIN indicators i USING (indicator_id)
        JOIN (SELECT DISTINCT agency_id, name_zh FROM agencies) a USING (agency_id)
        WHERE t.plan_id IN (SELECT unnest(?))
        GROUP BY ALL ORDER BY ALL
        """,
        [plan_ids],
    ).df()


def matrix_chart(matrix: pd.DataFrame, titles: dict[str, str], top: int = 20) -> alt.Chart:
    """A heat map per plan of the agencies with most targets, by sector."""
    totals = matrix.groupby(["plan_id", "agency"]).targets.sum().reset_index()
    keep = totals.sort_values("targets", ascending=False).groupby("plan_id").head(top)
    frame = matrix.merge(keep[["plan_id", "agency"]]).assign(plan=lambda f: f.plan_id.map(titles))
    return (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X("sector:N", title=bilingual("领域", "sector")),
            y=alt.Y("agency:N", sort="-color", title=None),
            color=alt.Color(
                "targets:Q", title=bilingual("目标数", "targets"), scale=alt.Scale(scheme="blues")
            ),
            column=alt.Column("plan:N", title=None),
            tooltip=tooltips(
                ("plan:N", "方案", "plan"),
                ("agency:N", "单位", "agency"),
                ("sector:N", "领域", "sector"),
                ("targets:Q", "目标数", "targets"),
            ),
        )
        .resolve_scale(y="independent")
        .properties(
            width=220,
            title=alt.Title(
                bilingual("责任单位与领域", "Agencies by sector"),
                subtitle=bilingual(
                    "来源：方案各条款末尾的责任单位", "source: the agency notes closing each clause"
                ),
            ),
        )
    )
