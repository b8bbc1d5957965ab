"""Draft a plan's targets into review files, and accept a reviewed file in one step.

Drafting never writes into data/: it writes up to three review files beside each other,
``ID-targets.csv`` (rows of targets.csv with two more cells, confidence and why),
``ID-exclusions.csv`` (passages that are plainly not commitments, with the reason) and
``ID-indicators.csv`` (new indicators proposed where none of indicators.csv fits). The reviewer
deletes the rows they reject, corrects the others (a new indicator needs its English name), and
accepts: the rows are checked first, with the review file's own line numbers, and appended to
the data files only when every one of them can be read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from analysis.contract.problems import DataError, Problem
from analysis.contract.schema import TABLES
from analysis.ingest.csv_tables import read_table_file
from analysis.ingest.dataset import read_data
from analysis.ingest.drafting import DRAFT_COLUMNS, Draft, draft_plan_text

# Which table a review file feeds, told by its header, and where that table's file is.
_KINDS = {"targets": "quote", "exclusions": "reason", "indicators": "direction"}


def review_files(out: Path) -> dict[str, Path]:
    """The three review files of a draft, named from the targets file's path."""
    stem = out.name.removesuffix("-targets.csv").removesuffix(".csv")
    return {kind: out.with_name(f"{stem}-{kind}.csv") for kind in _KINDS}


def draft_plan(data_dir: Path, plan_id: str, out: Path) -> Draft:
    """Draft rows for every number of the plan that its targets and exclusions leave
    uncovered and write the review files; KeyError for an unknown plan."""
    data = read_data(data_dir)
    plans = data["plans"].set_index("plan_id")
    geo = plans.loc[plan_id, "geo"]
    level = data["geos"].set_index("geo").level.get(geo, "")
    targets, exclusions = data["targets"], data["exclusions"]
    covering = [
        *targets[targets.plan_id == plan_id].quote,
        *exclusions[exclusions.plan_id == plan_id].context,
    ]
    draft = draft_plan_text(
        plan_id, data.cleaned[plan_id], covering, data["indicators"], level == "district"
    )
    # years as targets.csv writes them (2025, not 2025.0), so a row is accepted as it is
    rows = draft.targets[DRAFT_COLUMNS].astype({"base_year": "Int64", "target_year": "Int64"})
    files = review_files(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    for kind, frame in (("targets", rows), ("exclusions", draft.exclusions)):
        frame.to_csv(files[kind], index=False, lineterminator="\n")
    if len(draft.indicators):
        draft.indicators.to_csv(files["indicators"], index=False, lineterminator="\n")
    else:
        files["indicators"].unlink(missing_ok=True)
    return Draft(rows, draft.exclusions, draft.indicators)


@dataclass(frozen=True)
class Accepted:
    file: Path  # the data file the rows were appended to
    rows: int


def _kind(path: Path, header: list[str]) -> str:
    for kind, column in _KINDS.items():
        if column in header:
            return kind
    raise DataError(
        [
            Problem(
                str(path),
                1,
                None,
                None,
                "is not a review file of draft-targets (its header has none of the columns "
                "quote, reason or direction)",
            )
        ]
    )


def accept(data_dir: Path, reviewed: list[Path]) -> list[Accepted]:
    """Append the rows of reviewed files to targets.csv, exclusions.csv and indicators.csv.

    Every file is read with its table's rules first, and nothing is written unless all of them
    can be read: a refusal names the review file, its line and the cell to correct.
    """
    problems: list[Problem] = []
    planned: list[tuple[Path, list[str], list[dict]]] = []
    for path in reviewed:
        text = path.read_text(encoding="utf-8-sig")
        header = next(csv.reader(io.StringIO(text)), [])
        kind = _kind(path, header)
        table = TABLES[kind]
        _, found = read_table_file(path, table, str(path), [])
        problems += found
        target = data_dir / table.pattern
        columns = next(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
        cells = list(csv.DictReader(io.StringIO(text)))
        planned.append((target, columns, cells))
    if problems:
        raise DataError(problems)
    accepted = []
    for target, columns, cells in planned:
        existing = target.read_bytes()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for cell in cells:
            writer.writerow([cell.get(c, "") for c in columns])
        lead = b"" if not existing or existing.endswith(b"\n") else b"\n"
        target.write_bytes(existing + lead + out.getvalue().encode("utf-8"))
        accepted.append(Accepted(target, len(cells)))
    return accepted

