"""Charts of the targets chapter: how many targets each plan sets in each sector, and how many of
them carry a number."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.site.charts.plan_colours import plan_colour
from analysis.site.figure import Figure, chart_title, tooltips
from analysis.site.labels import TARGET_KINDS, bilingual, sector_name


def target_counts(counts: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """Targets per sector, one bar per plan, split into quantified and qualitative."""
    kinds = [bilingual(*TARGET_KINDS[k]) for k in ("quantified", "qualitative")]
    frame = counts.assign(
        plan=counts.plan_id.map(labels),
        sector=counts.sector.map(sector_name),
        kind=counts.target_kind.map(lambda k: bilingual(*TARGET_KINDS[k])),
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("sector:N", title=bilingual("领域", "sector")),
            yOffset=alt.YOffset("plan:N", sort=list(labels.values())),
            x=alt.X("sum(targets):Q", title=bilingual("目标数", "number of targets")),
            color=plan_colour(labels),
            opacity=alt.Opacity(
                "kind:O",
                title=bilingual("类型", "kind"),
                sort=kinds,
                scale=alt.Scale(domain=kinds, range=[1, 0.45]),
            ),
            tooltip=tooltips("plan:N", "sector:N", "kind:N", "sum(targets):Q"),
        )
        .properties(
            width=420,
            title=chart_title(
                "各领域目标数",
                "Targets per sector",
                "来源：两份方案原文",
                "source: the two plan texts",
            ),
        )
    )
    per_sector = counts.groupby("sector").targets.sum().sort_values(ascending=False)
    top = per_sector.index[0]
    zh_top, en_top = sector_name(top).split(" ", 1)
    quantified = int(counts[counts.target_kind == "quantified"].targets.sum())
    total = int(counts.targets.sum())
    return Figure(
        chart,
        f"两份方案共 {total} 项目标，其中 {quantified} 项给出数值；目标最多的领域是{zh_top}"
        f"（{per_sector.iloc[0]} 项）。",
        f"The plans set {total} targets, {quantified} of them with a number; {en_top} has the "
        f"most ({per_sector.iloc[0]}).",
    )
