"""Draft a plan's targets into review files, and accept a reviewed file in one step.

Drafting never writes into data/: it writes up to three review files beside each other,
``ID-targets.csv`` (rows of targets.csv with two more cells, confidence and why),
``ID-exclusions.csv`` (passages that are plainly not commitments, with the reason) and
``ID-indicators.csv`` (new indicators proposed where none of indicators.csv fits). The reviewer
deletes the rows they reject, corrects the others (a new indicator needs its English name and
definition), and accepts: the rows are tried with every rule on a copy of the data folder first,
and appended only when none of them has a problem; a refusal names the review file's own line.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from analysis.authoring.add_plan import append_rows
from analysis.authoring.drafting import DRAFT_COLUMNS, Draft, draft_plan_text
from analysis.contract.problems import DataError, Problem
from analysis.contract.schema import TABLES
from analysis.ingest.dataset import read_data
from analysis.pipeline.validation import validated

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


@dataclass(frozen=True)
class _Append:
    review: Path
    target: Path
    rows: list[dict[str, str]]  # the review file's rows, by column name


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


def _appends(data_dir: Path, reviewed: list[Path]) -> list[_Append]:
    appends = []
    for path in reviewed:
        text = path.read_text(encoding="utf-8-sig")
        kind = _kind(path, next(csv.reader(io.StringIO(text)), []))
        target = data_dir / TABLES[kind].pattern
        appends.append(_Append(path, target, list(csv.DictReader(io.StringIO(text)))))
    return appends


def accept(data_dir: Path, reviewed: list[Path]) -> tuple[list[Accepted], list[Problem]]:
    """Append the rows of reviewed files to targets.csv, exclusions.csv and indicators.csv;
    return what was appended and the problems the data still has.

    The rows are tried first on a copy of the data folder with every rule: when a problem lies
    in one of them, nothing is written and DataError names the review file, its line and the
    cell to correct. Problems elsewhere (a number of the text still uncovered) are returned, for
    the reviewer to see at once.
    """
    appends = _appends(data_dir, reviewed)
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / data_dir.name
        shutil.copytree(data_dir, trial)
        where = {}  # (file as problems name it, line) → (review file, its line)
        for append in appends:
            first = append_rows(trial / append.target.relative_to(data_dir), append.rows)
            shown = append.target.relative_to(data_dir.parent).as_posix()
            for n in range(len(append.rows)):
                where[(shown, first + n)] = (append.review, n + 2)
        try:
            validated(trial)
            problems: list[Problem] = []
        except DataError as err:
            problems = err.problems
    own = [
        replace(p, file=str(where[(p.file, p.line)][0]), line=where[(p.file, p.line)][1])
        for p in problems
        if (p.file, p.line) in where
    ]
    if own:
        raise DataError(own)
    accepted = []
    for append in appends:
        append_rows(append.target, append.rows)
        accepted.append(Accepted(append.target, len(append.rows)))
    return accepted, problems
