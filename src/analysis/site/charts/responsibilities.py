"""Charts of the responsibilities chapter: which agencies carry the targets, in which sectors."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.site.figure import Figure, chart_title, tooltips
from analysis.site.labels import bilingual, sector_name


def agency_matrix(matrix: pd.DataFrame, labels: dict[str, str], top: int = 20) -> Figure:
    """A heat map per plan of the agencies with most targets, by sector."""
    totals = matrix.groupby(["plan_id", "agency"]).targets.sum().reset_index()
    keep = (
        totals.sort_values(["targets", "agency"], ascending=[False, True])
        .groupby("plan_id")
        .head(top)
    )
    frame = matrix.merge(keep[["plan_id", "agency"]]).assign(
        plan=lambda f: f.plan_id.map(labels), sector=lambda f: f.sector.map(sector_name)
    )
    chart = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X(
                "sector:N",
                title=bilingual("领域", "sector"),
                axis=alt.Axis(labelAngle=-40, labelLimit=160),
            ),
            y=alt.Y("agency:N", sort="-color", title=None),
            color=alt.Color("targets:Q", title=bilingual("目标数", "targets")),
            column=alt.Column("plan:N", title=None, sort=list(labels.values())),
            tooltip=tooltips(
                "plan:N",
                "agency:N",
                ("agency_en:N", "英文名称", "English name"),
                "sector:N",
                "targets:Q",
            ),
        )
        .resolve_scale(y="independent")
        .properties(
            width=alt.Step(24),
            title=chart_title(
                "责任单位与领域",
                "Agencies by sector",
                "来源：方案各条款末尾的责任单位",
                "source: the agency notes closing each clause",
            ),
        )
    )
    leaders = keep.drop_duplicates("plan_id").assign(plan=lambda f: f.plan_id.map(labels))
    zh = "；".join(
        f"{r.plan}承担目标最多的单位是{r.agency}（{r.targets} 项）" for r in leaders.itertuples()
    )
    en = "; ".join(
        f"{r.plan}: {r.agency} carries most targets ({r.targets})" for r in leaders.itertuples()
    )
    return Figure(chart, zh + "。", en + ".")
