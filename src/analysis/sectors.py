"""One sector at a time: both plans' targets with their words, agencies and latest data."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.progress import scorecard
from analysis.targets_report import targets_of

SECTORS = {
    "overall": "总体目标 Overall",
    "energy": "能源 Energy",
    "heating": "供热 Heating",
    "buildings": "建筑 Buildings",
    "transport": "交通 Transport",
    "carbon_sinks": "碳汇 Carbon sinks",
    "circular_economy": "循环经济 Circular economy",
    "industry": "工业 Industry",
    "public_sector": "公共机构 Public sector",
}


def sector_targets(
    con: duckdb.DuckDBPyConnection, plan_ids: list[str], titles: dict[str, str], as_of: int
) -> pd.DataFrame:
    """Every target of the plans, with the plan's title, its status and the latest figure."""
    frames = []
    for plan_id in plan_ids:
        words = targets_of(con, plan_id)
        status = scorecard(con, plan_id, as_of)[
            ["target_id", "status_label", "latest_year", "latest_value"]
        ]
        frames.append(words.merge(status, on="target_id").assign(plan=titles[plan_id]))
    return pd.concat(frames, ignore_index=True)


def of_sector(targets: pd.DataFrame, sector: str) -> pd.DataFrame:
    return targets[targets.sector == sector]
