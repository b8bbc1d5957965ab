"""The plans' commitments as readers see them: one line per target, with its words and agencies."""

from __future__ import annotations

import altair as alt
import duckdb
import pandas as pd

from analysis.charts import bilingual, plan_colour, tooltips

_SYMBOLS = {">=": "≥", "<=": "≤", "=": "", "approx": "≈"}


def _number(value: float) -> str:
    return f"{value:g}"


def describe(comparator: str, value, value_high, unit: str | None, base_year) -> str:
    """A target in a few characters: ≥ 14.4 %, ≈ 25 %, 3–5 %, −14 % vs 2020, or 定性 qualitative."""
    unit = unit or ""
    if comparator == "qualitative" or value is None or pd.isna(value):
        return "定性 qualitative"
    if comparator == "between":
        return f"{_number(value)}–{_number(value_high)} {unit}"
    if comparator == "reduce_by":
        base = f" vs {int(base_year)}" if base_year is not None and pd.notna(base_year) else ""
        return f"−{_number(value)} {unit}{base}"
    return f"{_SYMBOLS[comparator]} {_number(value)} {unit}".strip()


def described(frame: pd.DataFrame, prefix: str = "") -> list[str]:
    """describe() for every row, reading the columns that start with `prefix` (the unit too,
    when the frame has a prefixed one)."""
    return [
        describe(
            row[f"{prefix}comparator"],
            row[f"{prefix}value"],
            row[f"{prefix}value_high"],
            row.get(f"{prefix}unit", row["unit"]),
            row[f"{prefix}base_year"],
        )
        for row in frame.to_dict("records")
    ]


def targets_of(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """Every target of a plan in the order of the text, with its indicator and agencies."""
    frame = con.execute(
        """
        SELECT t.target_id, t.clause, i.name_zh, i.name_en, i.sector, t.comparator, t.value,
               t.value_high, t.unit, t.base_year, t.target_year, t.scope, t.commitment, t.quote,
               strpos(p.cleaned_text, t.quote) AS text_position,
               string_agg(DISTINCT a.name_zh, '、') AS agencies
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
    frame["target"] = described(frame)
    frame["year"] = frame.target_year.map(lambda y: "" if pd.isna(y) else str(int(y)))
    frame["indicator"] = frame.name_zh + " · " + frame.name_en
    frame["commitment"] = frame.commitment.map({"firm": "确定 firm", "strive": "力争 strive"})
    return frame


def count_targets(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> pd.DataFrame:
    """How many targets each plan sets per sector, quantified and qualitative."""
    return con.execute(
        """
        SELECT t.plan_id, i.sector,
               CASE WHEN t.comparator = 'qualitative' THEN '定性 qualitative'
                    ELSE '定量 quantified' END AS kind,
               count(*) AS targets
        FROM targets t JOIN indicators i USING (indicator_id)
        WHERE t.plan_id IN (SELECT unnest(?))
        GROUP BY ALL ORDER BY ALL
        """,
        [plan_ids],
    ).df()


def counts_chart(counts: pd.DataFrame, titles: dict[str, str]) -> alt.Chart:
    """Targets per sector, one bar per plan, split into quantified and qualitative."""
    frame = counts.assign(plan=counts.plan_id.map(titles))
    plans = list(dict.fromkeys(frame.plan_id))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("sector:N", title=bilingual("领域", "sector")),
            yOffset=alt.YOffset("plan:N"),
            x=alt.X("sum(targets):Q", title=bilingual("目标数", "number of targets")),
            color=plan_colour(titles, plans),
            opacity=alt.Opacity(
                "kind:O",
                title=bilingual("类型", "kind"),
                sort=["定量 quantified", "定性 qualitative"],
                scale=alt.Scale(domain=["定量 quantified", "定性 qualitative"], range=[1, 0.45]),
            ),
            tooltip=tooltips(
                ("plan:N", "方案", "plan"),
                ("sector:N", "领域", "sector"),
                ("kind:N", "类型", "kind"),
                ("sum(targets):Q", "目标数", "targets"),
            ),
        )
        .properties(
            width=480,
            title=alt.Title(
                bilingual("各领域目标数", "Targets per sector"),
                subtitle=bilingual("来源：两份方案原文", "source: the two plan texts"),
            ),
        )
    )


def shared_targets(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """The district's targets that share an indicator and year with its parent plan's."""
    frame = con.execute(
        """
        SELECT tp.*, i.name_zh, i.name_en, pt.base_year AS parent_base_year, t.base_year
        FROM target_pairs tp
        JOIN indicators i USING (indicator_id)
        JOIN targets pt ON pt.target_id = tp.parent_target_id
        JOIN targets t ON t.target_id = tp.target_id
        WHERE tp.plan_id = ?
        ORDER BY tp.target_year, i.sector, tp.indicator_id, tp.target_id
        """,
        [plan_id],
    ).df()
    frame["indicator"] = frame.name_zh + " · " + frame.name_en
    frame["parent_target"] = described(frame, prefix="parent_")
    frame["target"] = described(frame)
    return frame
