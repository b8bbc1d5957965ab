"""The sectors chapter: both plans' targets, one sector at a time, with their words, agencies
and latest data."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.analyses.progress import scorecard
from analysis.analyses.targets import targets_of


def sector_targets(
    con: duckdb.DuckDBPyConnection, plan_ids: list[str], titles: dict[str, str], as_of: int
) -> pd.DataFrame:
    """Every target of the plans, with the plan's title, its status and the latest figure."""
    frames = []
    for plan_id in plan_ids:
        words = targets_of(con, plan_id)
        status = scorecard(con, plan_id, as_of)[
            ["target_id", "status", "latest_year", "latest_value"]
        ]
        frames.append(words.merge(status, on="target_id").assign(plan=titles[plan_id]))
    return pd.concat(frames, ignore_index=True)


def of_sector(targets: pd.DataFrame, sector: str) -> pd.DataFrame:
    return targets[targets.sector == sector]
