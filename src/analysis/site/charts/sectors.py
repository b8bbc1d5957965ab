"""Charts of the sectors chapter: how many targets of a sector are in each status, a bar per
plan (the findings chapter shows it for all sectors at once)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.site.charts.statuses import SCORED, counts_sentence, scored_targets, status_colour
from analysis.site.figure import Figure, chart_title, nothing_to_draw, tooltips
from analysis.site.labels import SECTOR_NAMES, bilingual


def status_bars(
    cards: dict[str, pd.DataFrame], labels: dict[str, str], sector: str | None = None
) -> Figure:
    """How many scored targets of each plan (of one sector, or all) are in each status, one
    stacked bar per plan."""
    frame = scored_targets(cards, labels)
    if sector is not None and len(frame):
        frame = frame[frame.sector == sector]
    name_zh, name_en = SECTOR_NAMES[sector] if sector else ("", "")
    if frame.empty:
        return nothing_to_draw(f"{name_zh}没有量化目标", f"{name_en} has no quantified target.")
    what_zh = f"{name_zh}：量化目标的状态" if sector else "量化目标的状态"
    what_en = (
        f"{name_en}: where the quantified targets stand"
        if sector
        else ("Where the quantified targets stand")
    )
    counts = (
        frame.groupby(["plan", "status", "status_label"], as_index=False)
        .size()
        .rename(columns={"size": "targets"})
    )
    counts["order"] = counts.status.map(SCORED.index)
    chart = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y("plan:N", title=None, sort=list(labels.values())),
            x=alt.X(
                "targets:Q",
                title=bilingual("可评分的目标数", "targets that can be scored"),
                axis=alt.Axis(format="d", tickMinStep=1),
            ),
            color=status_colour(),
            order=alt.Order("order:Q"),
            tooltip=tooltips(
                "plan:N",
                ("status_label:N", "状态", "status"),
                "targets:Q",
            ),
        )
        .properties(
            width=340,
            height=alt.Step(30),
            title=chart_title(
                what_zh, what_en, "判断规则见“进展”一章", "the rule is in Where things stand"
            ),
        )
    )
    zh, en = counts_sentence(frame)
    return Figure(chart, zh, en)
