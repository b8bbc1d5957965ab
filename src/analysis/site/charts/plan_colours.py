"""The colour of a plan's role, shared by every chapter that draws plans side by side: the parent
plan (given first) blue and the district plan orange on every chart, so a reader learns them
once."""

from __future__ import annotations

import altair as alt

from analysis.site.figure import PALETTE
from analysis.site.labels import bilingual


def plan_colour(labels: dict[str, str]) -> alt.Color:
    """The same colour for a role on every chart: the parent plan (given first) blue, the
    district plan orange, whatever the plans are."""
    return alt.Color(
        "plan:N",
        title=bilingual("方案", "plan"),
        scale=alt.Scale(domain=list(labels.values()), range=PALETTE[: len(labels)]),
    )
