"""The targets chapter: one line per target, with its words and agencies."""

from __future__ import annotations

import duckdb
import pandas as pd


def targets_of(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """Every target of a plan in the order of the text, with its indicator and agencies."""
    frame = con.execute(
        """
        SELECT t.target_id, t.clause, i.name_zh AS indicator_zh, i.name_en AS indicator_en,
               i.sector, t.comparator, t.value, t.value_high, t.unit, t.base_year,
               t.target_year, t.scope_zh, t.scope_en, t.commitment, t.quote,
               strpos(p.cleaned_text, t.quote) AS text_position,
               string_agg(DISTINCT a.name_zh, '、' ORDER BY a.name_zh) AS agencies
        FROM targets t
        JOIN indicators i USING (indicator_id)
        JOIN plan_texts p USING (plan_id)
        LEFT JOIN target_agencies ta USING (target_id)
        LEFT JOIN (SELECT DISTINCT agency_id, name_zh FROM agencies) a USING (agency_id)
        WHERE t.plan_id = ?
        GROUP BY ALL
        ORDER BY text_position, t.target_id
        """,
        [plan_id],
    ).df()
    frame["target_year"] = frame.target_year.astype("Int64")
    return frame


def count_targets(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> pd.DataFrame:
    """How many targets each plan sets per sector, quantified and qualitative."""
    return con.execute(
        """
        SELECT t.plan_id, i.sector,
               CASE WHEN t.comparator = 'qualitative' THEN 'qualitative'
                    ELSE 'quantified' END AS target_kind,
               count(*) AS targets
        FROM targets t JOIN indicators i USING (indicator_id)
        WHERE t.plan_id IN (SELECT unnest(?))
        GROUP BY ALL ORDER BY ALL
        """,
        [plan_ids],
    ).df()


def count_summary(counts: pd.DataFrame) -> pd.DataFrame:
    """Targets per plan and kind, summed over sectors."""
    return counts.groupby(["plan_id", "target_kind"], as_index=False).targets.sum()


def shared_targets(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """The district's targets that share an indicator and year with its parent plan's."""
    return con.execute(
        """
        SELECT tp.*, i.name_zh AS indicator_zh, i.name_en AS indicator_en,
               pt.base_year AS parent_base_year, t.base_year,
               tp.scope_zh AS district_scope_zh, tp.scope_en AS district_scope_en
        FROM target_pairs tp
        JOIN indicators i USING (indicator_id)
        JOIN targets pt ON pt.target_id = tp.parent_target_id
        JOIN targets t ON t.target_id = tp.target_id
        WHERE tp.plan_id = ?
        ORDER BY tp.target_year, i.sector, tp.indicator_id, tp.target_id, tp.parent_target_id
        """,
        [plan_id],
    ).df()
