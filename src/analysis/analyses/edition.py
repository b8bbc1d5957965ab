"""What changed in this edition: the data and the scorecard against the last recorded edition.

An edition is recorded by `python -m analysis record-edition`, which writes the figures the
analyses use and every target's status to data/editions/. Each build compares the data with the
newest record there: figures added, revised (old → new, with both sources) or dropped, targets
whose status changed, and sources that came or went. The record lives with the data, so the
comparison is part of what the build reads, and a fork starts with no record (a first edition).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import pandas as pd

from analysis.analyses import progress

FIGURE_KEY = ["geo", "indicator_id", "year"]
FIGURE_COLUMNS = [*FIGURE_KEY, "value", "qualifier", "source_id"]
TARGET_COLUMNS = ["target_id", "status"]


@dataclass(frozen=True)
class Changes:
    previous: str | None  # the recorded edition compared with; None for a first edition
    new_figures: pd.DataFrame
    revised_figures: pd.DataFrame
    dropped_figures: pd.DataFrame
    status_changes: pd.DataFrame
    new_sources: list[str]
    dropped_sources: list[str]

    @property
    def nothing_new(self) -> bool:
        return all(
            len(part) == 0
            for part in (
                self.new_figures,
                self.revised_figures,
                self.dropped_figures,
                self.status_changes,
                self.new_sources,
                self.dropped_sources,
            )
        )


def current_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The figure the analyses use for every area, indicator and year, with its source."""
    return con.execute(
        f"SELECT {', '.join(FIGURE_COLUMNS)} FROM statistics_chosen "
        "ORDER BY geo, indicator_id, year"
    ).df()


def current_targets(
    con: duckdb.DuckDBPyConnection, plan_ids: list[str], as_of: int
) -> pd.DataFrame:
    """Every target of the plans with its status as of a year."""
    cards = [progress.scorecard(con, plan_id, as_of)[TARGET_COLUMNS] for plan_id in plan_ids]
    return pd.concat(cards, ignore_index=True).sort_values("target_id", ignore_index=True)


def latest_edition(con: duckdb.DuckDBPyConnection) -> str | None:
    """The newest recorded edition, if any."""
    return con.execute("SELECT max(edition) FROM edition_figures").fetchone()[0]


def _recorded(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[str], edition: str
) -> pd.DataFrame:
    return con.execute(
        f"SELECT {', '.join(columns)} FROM {table} WHERE edition = ? ORDER BY ALL", [edition]
    ).df()


def _same(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def compare(
    previous: pd.DataFrame,
    current: pd.DataFrame,
    previous_targets: pd.DataFrame,
    current_targets: pd.DataFrame,
    edition: str | None,
) -> Changes:
    """The differences between a recorded edition and the data now."""
    both = previous.merge(
        current, on=FIGURE_KEY, how="outer", suffixes=("_old", "_new"), indicator=True
    )
    new = both[both._merge == "right_only"]
    dropped = both[both._merge == "left_only"]
    kept = both[both._merge == "both"]
    differs = pd.Series(
        [
            not _same(r.value_old, r.value_new)
            or r.source_id_old != r.source_id_new
            or r.qualifier_old != r.qualifier_new
            for r in kept.itertuples()
        ],
        index=kept.index,
        dtype=bool,
    )
    revised = kept[differs]
    statuses = previous_targets.merge(
        current_targets, on="target_id", how="outer", suffixes=("_old", "_new")
    ).fillna({"status_old": "—", "status_new": "—"})
    changed = statuses[statuses.status_old != statuses.status_new]
    old_sources, new_sources = set(previous.source_id), set(current.source_id)
    strip = {f"{c}_new": c for c in ("value", "qualifier", "source_id")}
    return Changes(
        edition,
        new[[*FIGURE_KEY, *strip]].rename(columns=strip).reset_index(drop=True),
        revised[
            [*FIGURE_KEY, "value_old", "source_id_old", "value_new", "source_id_new"]
        ].reset_index(drop=True),
        dropped[[*FIGURE_KEY, "value_old", "source_id_old"]].reset_index(drop=True),
        changed.reset_index(drop=True),
        sorted(new_sources - old_sources) if edition else [],
        sorted(old_sources - new_sources),
    )


def plan_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every plan: an edition records the status of every target."""
    return [p for (p,) in con.execute("SELECT plan_id FROM plans ORDER BY plan_id").fetchall()]


def changes(con: duckdb.DuckDBPyConnection, as_of: int) -> Changes:
    """This edition against the newest recorded one; nothing to list for a first edition."""
    edition = latest_edition(con)
    if edition is None:
        figures = pd.DataFrame(columns=FIGURE_COLUMNS)
        targets = pd.DataFrame(columns=TARGET_COLUMNS)
        return compare(figures, figures, targets, targets, None)
    return compare(
        _recorded(con, "edition_figures", FIGURE_COLUMNS, edition),
        current_figures(con),
        _recorded(con, "edition_targets", TARGET_COLUMNS, edition),
        current_targets(con, plan_ids(con), as_of),
        edition,
    )


def record(con: duckdb.DuckDBPyConnection, as_of: int, edition: str) -> dict[str, pd.DataFrame]:
    """The rows that record this edition: its figures and its targets' statuses."""
    return {
        "figures": current_figures(con).assign(edition=edition)[["edition", *FIGURE_COLUMNS]],
        "targets": current_targets(con, plan_ids(con), as_of).assign(edition=edition)[
            ["edition", *TARGET_COLUMNS]
        ],
    }


def editions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every recorded edition, oldest first."""
    rows = con.execute("SELECT DISTINCT edition FROM edition_figures ORDER BY 1").fetchall()
    return [name for (name,) in rows]


def summary(con: duckdb.DuckDBPyConnection, found: Changes) -> list[tuple[str, str]]:
    """What the page says first: the edition compared with and how much changed, or that this
    is the first edition on record."""
    recorded = editions(con)
    if found.previous is None or (found.nothing_new and len(recorded) == 1):
        name = f"（{recorded[0]}）" if recorded else ""
        name_en = f" ({recorded[0]})" if recorded else ""
        return [
            (
                f"这是本书有记录的第一版{name}：没有更早的版本可以对照。"
                "以后每一版都与最近记录的一版比较。",
                f"This is the book's first recorded edition{name_en}: there is no earlier one to "
                "compare with. Every later edition is compared with the newest recorded one.",
            )
        ]
    counts = (
        len(found.new_figures),
        len(found.revised_figures),
        len(found.dropped_figures),
        len(found.status_changes),
    )
    lines = [
        (
            f"与 {found.previous} 版相比：新增数值 {counts[0]} 个，修订 {counts[1]} 个，"
            f"删去 {counts[2]} 个；{counts[3]} 项目标的状态改变。",
            f"Against the edition of {found.previous}: {counts[0]} new figures, {counts[1]} "
            f"revised, {counts[2]} dropped; {counts[3]} targets changed status.",
        )
    ]
    if found.new_sources or found.dropped_sources:
        new, gone = ", ".join(found.new_sources) or "—", ", ".join(found.dropped_sources) or "—"
        lines.append(
            (
                f"新来源：{new}；不再使用的来源：{gone}。",
                f"New sources: {new}; sources no longer used: {gone}.",
            )
        )
    return lines
