"""Draft a plan's targets into a review file: the rows the text suggests, never written into
data/targets.csv, so that a person accepts each one."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.ingest.dataset import read_data
from analysis.ingest.drafting import DRAFT_COLUMNS, draft_rows


def draft_plan(data_dir: Path, plan_id: str, out: Path) -> pd.DataFrame:
    """Draft rows for every number of the plan that its targets and exclusions leave
    uncovered, write them to `out` and return them; KeyError for an unknown plan."""
    data = read_data(data_dir)
    plans = data["plans"].set_index("plan_id")
    geo = plans.loc[plan_id, "geo"]
    level = data["geos"].set_index("geo").level.get(geo, "")
    targets, exclusions = data["targets"], data["exclusions"]
    covering = [
        *targets[targets.plan_id == plan_id].quote,
        *exclusions[exclusions.plan_id == plan_id].context,
    ]
    draft = draft_rows(
        plan_id, data.cleaned[plan_id], covering, data["indicators"], level == "district"
    )[DRAFT_COLUMNS]
    # years as targets.csv writes them (2025, not 2025.0), so a row is accepted by copying it
    draft = draft.astype({"base_year": "Int64", "target_year": "Int64"})
    out.parent.mkdir(parents=True, exist_ok=True)
    draft.to_csv(out, index=False, lineterminator="\n")
    return draft
