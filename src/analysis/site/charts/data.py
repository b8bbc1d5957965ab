"""Charts of the data chapter: which years of each tracked indicator have a published value."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from analysis.analyses.data import MISSING
from analysis.site.figure import GREYS, PALETTE, Figure, chart_title, tooltips
from analysis.site.labels import bilingual, joined_column


def coverage(table: pd.DataFrame, place_zh: str, place_en: str) -> Figure:
    """Which years of each tracked indicator have a published value: the record at a glance."""
    years = [c for c in table.columns if c.isdigit()]
    published, missing = "有公开数值 published", "无 missing"
    # one row per indicator, folded into years in the browser: a page weighs a twentieth
    frame = table.assign(indicator=joined_column(table, "indicator"))[["indicator", "unit", *years]]
    chart = (
        alt.Chart(frame)
        .transform_fold(years, as_=["year", "value"])
        .transform_calculate(
            published=f"datum.value === {json.dumps(MISSING)} ? {json.dumps(missing)} : "
            f"{json.dumps(published)}"
        )
        .mark_rect(stroke=GREYS["white"], strokeWidth=1)
        .encode(
            x=alt.X("year:O", title=bilingual("年份", "year"), axis=alt.Axis(labelAngle=-90)),
            y=alt.Y("indicator:N", title=None, sort=None, axis=alt.Axis(labelLimit=300)),
            color=alt.Color(
                "published:N",
                title=bilingual("数据", "data"),
                scale=alt.Scale(domain=[published, missing], range=[PALETTE[0], GREYS["empty"]]),
            ),
            tooltip=tooltips("indicator:N", "year:O", "value:N", "unit:N"),
        )
        .properties(
            width=alt.Step(16),
            height=alt.Step(14),
            title=chart_title(
                f"{place_zh}：各指标有数据的年份",
                f"{place_en}: the years with data",
                "深色为有公开数值",
                "dark: a published value",
            ),
        )
    )
    covered = int((table.years_covered > 0).sum())
    return Figure(
        chart,
        f"{place_zh}跟踪的 {len(table)} 个指标中，{covered} 个在 {years[0]}–{years[-1]} 年间"
        f"至少有一个公开数值，{len(table) - covered} 个一个也没有。",
        f"Of the {len(table)} indicators tracked for {place_en}, {covered} have at least one "
        f"published value in {years[0]}–{years[-1]} and {len(table) - covered} have none.",
    )
