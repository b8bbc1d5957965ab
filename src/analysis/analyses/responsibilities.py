"""The responsibilities chapter: agencies named by each plan, by clause and by sector."""

from __future__ import annotations

import duckdb
import pandas as pd


def agency_counts(con: duckdb.DuckDBPyConnection, plan_id: str, top: int = 15) -> pd.DataFrame:
    """The agencies named in most clauses of a plan, and how often they are named first."""
    return con.execute(
        """
        SELECT a.name_zh AS agency_zh, a.name_en AS agency_en,
               count(DISTINCT r.clause) AS clauses,
               count(DISTINCT r.clause) FILTER (WHERE r.position = 1) AS named_first,
               count(DISTINCT ta.target_id) AS targets
        FROM responsibilities r
        JOIN (SELECT DISTINCT agency_id, name_zh, name_en FROM agencies) a USING (agency_id)
        LEFT JOIN target_agencies ta
          ON ta.agency_id = r.agency_id
         AND ta.target_id IN (SELECT target_id FROM targets WHERE plan_id = r.plan_id)
        WHERE r.plan_id = ?
        GROUP BY ALL ORDER BY clauses DESC, named_first DESC, a.name_zh, a.name_en
        LIMIT ?
        """,
        [plan_id, top],
    ).df()


def agency_sector_matrix(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> pd.DataFrame:
    """Agency × sector: how many targets of each plan name the agency in their clause's note."""
    return con.execute(
        """
        SELECT t.plan_id, a.name_zh AS agency, a.name_en AS agency_en, i.sector,
               count(DISTINCT t.target_id) AS targets
        FROM target_agencies ta
        JOIN targets t USING (target_id)
        JOIN indicators i USING (indicator_id)
        JOIN (SELECT DISTINCT agency_id, name_zh, name_en FROM agencies) a USING (agency_id)
        WHERE t.plan_id IN (SELECT unnest(?))
        GROUP BY ALL ORDER BY ALL
        """,
        [plan_ids],
    ).df()


def matrix_table(matrix: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """The matrix as a table: a row per plan and agency, a column per sector."""
    return (
        matrix.assign(plan=matrix.plan_id.map(titles))
        .pivot_table(index=["plan", "agency"], columns="sector", values="targets", fill_value=0)
        .reset_index()
        .rename_axis(columns=None)
    )
