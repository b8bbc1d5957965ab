"""Charts of the plans chapter: how each plan spends its words, chapter by chapter."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.site.charts.plan_colours import plan_colour
from analysis.site.figure import (
    ROW_LABEL_WIDTH,
    ROW_STEP,
    Figure,
    chart_title,
    names_above,
    tooltips,
)
from analysis.site.labels import bilingual


def chapter_lengths(chapters: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """How each plan spends its words: characters per chapter, in the order printed."""
    frame = chapters.assign(
        plan=chapters.plan_id.map(labels),
        chapter_title=chapters.chapter + "、" + chapters.title,
    )
    views = []
    for plan_id, label in labels.items():
        base = alt.Chart(frame[frame.plan_id == plan_id]).encode(
            y=alt.Y("chapter_title:N", sort=None, title=None, axis=None)
        )
        bars = base.mark_bar(size=14).encode(
            x=alt.X("characters:Q", title=bilingual("字数", "characters")),
            color=plan_colour(labels),
            tooltip=tooltips(
                "plan:N",
                ("chapter_title:N", "章", "chapter"),
                "characters:Q",
                "sections:Q",
            ),
        )
        views.append(
            alt.layer(bars, names_above(base, "chapter_title")).properties(
                width=ROW_LABEL_WIDTH,
                height=alt.Step(ROW_STEP),
                title=alt.Title(label, fontSize=13),
            )
        )
    chart = (
        alt.vconcat(*views)
        .resolve_scale(x="shared")
        .properties(
            title=chart_title(
                "各章篇幅",
                "Length of each chapter",
                "清洗后正文字数",
                "characters of the cleaned text",
            ),
        )
    )
    longest = frame.loc[frame.groupby("plan_id").characters.idxmax()]
    zh = "；".join(
        f"{r.plan}篇幅最长的是“{r.chapter_title}”（{r.characters:,} 字）"
        for r in longest.itertuples()
    )
    en = "; ".join(
        f"{r.plan}: the longest chapter is {r.chapter} ({r.characters:,} characters)"
        for r in longest.itertuples()
    )
    return Figure(chart, zh + "。", en + ".")
