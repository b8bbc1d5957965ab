"""The targets' statuses as two chapters draw them, the progress chapter's scorecard and the
sectors chapter's status bars: one colour per status on every chart, the scored targets as marks,
and the sentence that counts them, so both charts read the same way.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.analyses import progress
from analysis.site.figure import GREYS, OKABE_ITO
from analysis.site.labels import (
    NAME_SEPARATOR,
    SECTOR_NAMES,
    bilingual,
    describe,
    joined,
    sector_name,
    status_name,
)

# Each status has its colour of the palette, on every chart: done green, on track blue, behind
# vermillion, too early orange, nothing published grey.
STATUS_COLOURS = {
    progress.ACHIEVED: OKABE_ITO["bluish_green"],
    progress.ON_TRACK: OKABE_ITO["sky_blue"],
    progress.OFF_TRACK: OKABE_ITO["vermillion"],
    progress.TOO_EARLY: OKABE_ITO["orange"],
    progress.NO_DATA: GREYS["no_data"],
}
SCORED = list(STATUS_COLOURS)
QUOTE_CHARACTERS = 90


def status_colour() -> alt.Color:
    """Each status in its own colour, in the order of SCORED, with the legend under the chart."""
    return alt.Color(
        "status_label:N",
        title=bilingual("状态", "status"),
        scale=alt.Scale(
            domain=[status_name(s) for s in SCORED], range=list(STATUS_COLOURS.values())
        ),
        legend=alt.Legend(orient="bottom", columns=2),
    )


def _short(text: str, limit: int = QUOTE_CHARACTERS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _latest(row: dict) -> str:
    if row["latest_year"] is None or pd.isna(row["latest_year"]):
        return "— 无公开数值 none published"
    return f"{row['latest_value']:g} {row['unit']}（{int(row['latest_year'])}）"


def scored_targets(cards: dict[str, pd.DataFrame], labels: dict[str, str]) -> pd.DataFrame:
    """Every scored target of the plans, one row each, with what a mark shows when hovered."""
    rows = []
    sector_order = list(SECTOR_NAMES)
    for plan_id, card in cards.items():
        scored = card[card.status != progress.NOT_SCORED]
        for t in scored.to_dict("records"):
            rows.append(
                {
                    "plan": labels[plan_id],
                    "sector": t["sector"],
                    "sector_label": sector_name(t["sector"]),
                    "sector_rank": sector_order.index(t["sector"]),
                    "status": t["status"],
                    "status_label": status_name(t["status"]),
                    "indicator": joined(t["indicator_zh"], t["indicator_en"]),
                    "target": describe(
                        t["comparator"], t["value"], t["value_high"], t["unit"], t["base_year"]
                    ),
                    "target_year": "" if pd.isna(t["target_year"]) else str(t["target_year"]),
                    "quote": _short(t["quote"]),
                    "latest": _latest(t),
                    "source": "—" if pd.isna(t["latest_source"]) else t["latest_source"],
                    "target_id": t["target_id"],
                }
            )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    frame = frame.sort_values(["plan", "sector_rank", "target_year", "target_id"], kind="stable")
    frame["slot"] = frame.groupby(["plan", "sector"]).cumcount()
    return frame.reset_index(drop=True)


def counts_sentence(frame: pd.DataFrame) -> tuple[str, str]:
    """The reading of a chart of statuses, plan by plan: how many of its scored targets are
    achieved, on track, off track and without data, in the words both status charts use."""
    parts_zh, parts_en = [], []
    for plan, marks in frame.groupby("plan", sort=False):
        n = marks.status.value_counts()
        done, on, off = (int(n.get(s, 0)) for s in SCORED[:3])
        none = int(n.get(progress.NO_DATA, 0))
        parts_zh.append(
            f"{plan.split(NAME_SEPARATOR)[0]} {len(marks)} 项中已实现 {done}、进度正常 {on}、"
            f"落后 {off}、无数据 {none}"
        )
        parts_en.append(
            f"{plan.split(NAME_SEPARATOR)[-1]}: {done} of {len(marks)} achieved, {on} on track, "
            f"{off} off track, {none} without data"
        )
    return "；".join(parts_zh) + "。", "; ".join(parts_en) + "."
