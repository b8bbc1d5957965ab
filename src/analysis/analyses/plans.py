"""The plans chapter: what the plans are and how their texts are organised."""

from __future__ import annotations

import duckdb
import pandas as pd


def plan_metadata(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> pd.DataFrame:
    """One row per plan: titles, issuer, document number, date, parent, length of the text."""
    return con.execute(
        """
        SELECT p.plan_id, p.title_zh, p.title_en, p.issuer,
               coalesce(p.document_number, '') AS document_number, p.issued_on,
               coalesce(p.parent_plan_id, '') AS parent_plan_id,
               t.text_length AS characters,
               (SELECT count(*) FROM sections s WHERE s.plan_id = p.plan_id) AS headings
        FROM plans p JOIN plan_texts t USING (plan_id)
        WHERE p.plan_id IN (SELECT unnest(?))
        ORDER BY p.issued_on, p.plan_id
        """,
        [plan_ids],
    ).df()


def titles(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> dict[str, str]:
    """The Chinese title of each plan, in the order given (the parent first)."""
    found = dict(con.execute("SELECT plan_id, title_zh FROM plans ORDER BY plan_id").fetchall())
    return {plan_id: found[plan_id] for plan_id in plan_ids}


def geos(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The geo of every plan."""
    return dict(con.execute("SELECT plan_id, geo FROM plans ORDER BY plan_id").fetchall())


def chapter_structure(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> pd.DataFrame:
    """Per chapter of each plan: its title, how many sections and items it has, its length."""
    return con.execute(
        """
        SELECT c.plan_id, c.position, c.label AS chapter, c.title, c.text_length AS characters,
               count(s.clause) FILTER (WHERE s.level = 2) AS sections,
               count(s.clause) FILTER (WHERE s.level = 3) AS items
        FROM sections c
        LEFT JOIN sections s
          ON s.plan_id = c.plan_id AND s.chapter = c.label AND s.level > 1
        WHERE c.level = 1 AND c.plan_id IN (SELECT unnest(?))
        GROUP BY ALL
        ORDER BY c.plan_id, c.position
        """,
        [plan_ids],
    ).df()


def geo_names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every geo with its names and the area it belongs to, indexed by geo."""
    return con.execute(
        "SELECT geo, name_zh, name_en, parent_geo, level FROM geos ORDER BY geo"
    ).df().set_index("geo")
