"""Charts of the progress chapter: the visual scorecard (also small, on the landing page) and
one small multiple per indicator with published data, with the path to its target and where the
current pace lands."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.analyses import progress
from analysis.analyses.progress import Panel
from analysis.site.charts.statuses import counts_sentence, scored_targets, status_colour
from analysis.site.figure import (
    GREYS,
    MUTED,
    PALETTE,
    TARGET_COLOUR,
    Figure,
    Grid,
    chart_title,
    nothing_to_draw,
    tooltips,
)
from analysis.site.labels import bilingual, describe, status_name


def scorecard(
    cards: dict[str, pd.DataFrame], labels: dict[str, str], compact: bool = False
) -> Figure:
    """Every scored target as a square coloured by its status, a row per sector and a panel per
    plan; hovering a square shows the target's words, its latest value and the source."""
    frame = scored_targets(cards, labels)
    if frame.empty:
        return nothing_to_draw("没有量化目标", "no quantified target.")
    size, step = (90, 14) if compact else (300, 24)
    chart = (
        alt.Chart(frame)
        .mark_square(size=size, opacity=1, stroke=GREYS["white"], strokeWidth=0.5)
        .encode(
            x=alt.X("slot:O", axis=None, scale=alt.Scale(paddingOuter=0.3)),
            y=alt.Y(
                "sector_label:N",
                title=None,
                sort=alt.EncodingSortField("sector_rank"),
                axis=alt.Axis(grid=False, labelFontSize=11 if compact else 12),
            ),
            color=status_colour(),
            tooltip=tooltips(
                "plan:N",
                "indicator:N",
                "target:N",
                "target_year:N",
                ("quote:N", "原文", "words"),
                ("latest:N", "最新值", "latest"),
                ("source:N", "来源", "source"),
                ("status_label:N", "状态", "status"),
            ),
        )
        .properties(width=alt.Step(step), height=alt.Step(step + 5))
        .facet(
            row=alt.Row(
                "plan:N",
                title=None,
                sort=list(labels.values()),
                header=alt.Header(
                    labelOrient="top", labelAngle=0, labelAnchor="start", labelFontWeight="bold"
                ),
            ),
            spacing=14,
        )
        .resolve_scale(x="independent")
    )
    zh, en = counts_sentence(frame)
    title = chart_title(
        "目标记分卡",
        "Scorecard of the targets",
        "每个方块是一项可评分的目标；悬停可见原文",
        "a square per target that can be scored; hover for its words",
    )
    return Figure(chart.properties(title=title), zh, en)


def _pace_applies(target: dict) -> bool:
    """Where the current pace lands matters only for a target still to be met."""
    return target["status"] in (progress.ON_TRACK, progress.OFF_TRACK) and pd.notna(
        target["projected"]
    )


def _panel_reading(panel: Panel) -> tuple[str, str]:
    last = panel.history.iloc[-1]
    year, value = int(last.year), float(last.value)
    parts_zh, parts_en = [], []
    for t in panel.targets.to_dict("records"):
        goal = describe(t["comparator"], t["value"], t["value_high"], t["unit"], t["base_year"])
        status_zh, status_en = status_name(t["status"]).split(" ", 1)
        pace_zh = pace_en = ""
        if _pace_applies(t):
            pace_zh = f"，按现速度 {t['target_year']} 年约为 {t['projected']:.4g}"
            pace_en = f"; at the current pace it reaches {t['projected']:.4g} by {t['target_year']}"
        parts_zh.append(f"{t['target_year']} 年目标 {goal}：{status_zh}{pace_zh}")
        parts_en.append(f"target {goal} by {t['target_year']}: {status_en}{pace_en}")
    if len(panel.history) == 1:
        lead_zh = f"只有 {year} 年一个公开数值（{value:g} {panel.unit}），画不出趋势"
        lead_en = f"Only {year} is published ({value:g} {panel.unit}): no trend can be drawn"
    else:
        lead_zh = f"{year} 年为 {value:g} {panel.unit}"
        lead_en = f"{value:g} {panel.unit} in {year}"
    return (
        f"{lead_zh}；" + "；".join(parts_zh) + "。",
        f"{lead_en}; " + "; ".join(parts_en) + ".",
    )


def _paths_to_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """The two ends of each target's straight path, from where the plan starts counting to the
    target: the steady course a reader sets the published values against. A target with no
    starting point has no path."""
    ends = []
    for t in targets.to_dict("records"):
        if pd.notna(t["path_start_year"]):
            ends += [
                {
                    "year": int(t["path_start_year"]),
                    "value": t["path_start"],
                    "target_id": t["target_id"],
                },
                {"year": int(t["target_year"]), "value": t["value"], "target_id": t["target_id"]},
            ]
    return pd.DataFrame(ends)


def _paces_to_target_years(targets: pd.DataFrame) -> pd.DataFrame:
    """The two ends of each target's current pace, from its latest value to where that pace
    lands in the target year: whether the target will be met at this rate, drawn only for a
    target still to be met."""
    ends = []
    for t in targets.to_dict("records"):
        if _pace_applies(t):
            ends += [
                {
                    "year": int(t["latest_year"]),
                    "value": t["latest_value"],
                    "target_id": t["target_id"],
                },
                {
                    "year": int(t["target_year"]),
                    "value": t["projected"],
                    "target_id": t["target_id"],
                },
            ]
    return pd.DataFrame(ends)


def progress_panel(panel: Panel, years: tuple[int, int], place: str) -> Figure:
    """One indicator: published values, the straight path to each target, the target, and
    where the current pace lands; a lone published value is written out, not drawn as a dot."""
    x = alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=list(years), nice=False),
        axis=alt.Axis(format="d", tickCount=5),
    )
    y = alt.Y("value:Q", title=None, scale=alt.Scale(zero=False))
    hist = panel.history.assign(label="公开数值 published")
    hover = tooltips("year:Q", "value:Q", "publisher:N")
    if len(hist) == 1:
        published = (
            alt.Chart(hist.assign(text=f"{int(hist.year.iloc[0])}：{hist.value.iloc[0]:g}"))
            .mark_text(fontSize=12, fontWeight="bold", color=PALETTE[0], align="right", dx=-6)
            .encode(x=x, y=y, text="text:N", tooltip=hover)
        )
    else:
        published = (
            alt.Chart(hist).mark_line(point=True, color=PALETTE[0]).encode(x=x, y=y, tooltip=hover)
        )
    layers = [published]
    goal = panel.targets.assign(label="目标 target")[["target_year", "value", "label", "target_id"]]
    paths, paces = _paths_to_targets(panel.targets), _paces_to_target_years(panel.targets)
    if len(paths):
        layers.append(
            alt.Chart(paths.assign(label="目标路径 path to target"))
            .mark_line(strokeDash=[5, 4], color=MUTED)
            .encode(
                x="year:Q",
                y="value:Q",
                detail="target_id:N",
                tooltip=[alt.Tooltip("label:N", title=" ")],
            )
        )
    if len(paces):
        pace = paces.assign(label="按现速度 at the current pace")
        layers.append(
            alt.Chart(pace)
            .mark_line(
                strokeDash=[1, 3],
                color=PALETTE[0],
                point=alt.OverlayMarkDef(
                    filled=False, fill=GREYS["white"], color=PALETTE[0], size=50
                ),
            )
            .encode(
                x="year:Q",
                y="value:Q",
                detail="target_id:N",
                tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("value:Q", title=" ")],
            )
        )
    layers.append(
        alt.Chart(goal.rename(columns={"target_year": "year"}))
        .mark_point(shape="diamond", size=110, filled=True, color=TARGET_COLOUR)
        .encode(
            x="year:Q",
            y="value:Q",
            tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("value:Q", title=" ")],
        )
    )
    zh, en = _panel_reading(panel)
    chart = alt.layer(*layers).properties(
        width=250,
        height=150,
        title=alt.Title(
            [panel.indicator_zh, panel.indicator_en],
            subtitle=f"{place} · " + bilingual("单位", "unit") + f" {panel.unit}",
            fontSize=13,
        ),
    )
    return Figure(chart, zh, en)


def progress_panels(panels: list[Panel], places: dict[str, str]) -> Grid | Figure:
    """The small multiples, all on the same year axis: from the first published year shown to
    the last target year."""
    if not panels:
        return nothing_to_draw("没有任何已评分指标的公开数值", "for any scored indicator.")
    first = min(int(p.history.year.min()) for p in panels)
    last = max(int(p.targets.target_year.max()) for p in panels)
    return Grid([progress_panel(p, (first, last), places[p.geo]) for p in panels])
