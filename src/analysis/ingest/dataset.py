"""The data folder as one typed object: every table, every plan text raw and cleaned.

Problems with a plan text (not UTF-8, a start marker that no line begins with) are reported
like any other data problem, with the file and line, so a bad text never ends in a traceback.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.contract.problems import DataError, Problem
from analysis.contract.schema import MAX_TEXT_BYTES, TABLES
from analysis.ingest.csv_tables import FILE, LINE, decode, read_table
from analysis.ingest.plan_text import blank_page_markers, clean_plan_text, drop_preface


@dataclass
class DataSet:
    """Every table of the data folder, typed, with the file and line each row came from."""

    data_dir: Path
    tables: dict[str, pd.DataFrame]
    plan_texts: dict[str, bytes] = field(default_factory=dict)
    cleaned: dict[str, str] = field(default_factory=dict)  # the text quotes are checked against
    notes: list[str] = field(default_factory=list)  # what was normalised, and where
    # Cells that could not be read (kept empty), reported with the rules' problems so that a
    # file's problems come at once, not in layers; only read_data(strict=False) leaves any.
    read_problems: list[Problem] = field(default_factory=list)
    # The SHA-256 of each file of the folder, by its path in it, as the pipeline's fingerprint
    # took them: the checks of recorded hashes compare with these, so nothing is hashed twice.
    digests: Mapping[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def text_file(self, plan_id: str) -> str:
        """The plan's text file as the messages name it (data/plans/…)."""
        plans = self.tables["plans"]
        name = plans.loc[plans.plan_id == plan_id, "text_file"].iloc[0]
        return f"{self.data_dir.name}/plans/{name}"

    def digest(self, path: Path) -> str:
        """The SHA-256 of a file of the folder, as fingerprinted when the folder was read."""
        names = [path.resolve().relative_to(self.data_dir.resolve()).as_posix()]
        if path.is_relative_to(self.data_dir):  # a link is fingerprinted by its own name
            names.insert(0, path.relative_to(self.data_dir).as_posix())
        for name in names:
            if name in self.digests:
                return self.digests[name]
        raise RuntimeError(
            f"{names[-1]} was read without its fingerprint: read and validate the data through "
            "analysis.pipeline.validation, which hashes the folder once"
        )


def _cleaned(
    raw: bytes, row: dict, shown: str, notes: list[str]
) -> tuple[str | None, list[Problem]]:
    try:
        text = decode(raw, shown, notes)
    except DataError as err:
        return None, err.problems
    marker = row["body_starts_with"]
    try:
        drop_preface(text, marker)
    except ValueError:
        return None, [
            Problem(
                row[FILE],
                row[LINE],
                "body_starts_with",
                marker,
                f"no line of {shown} starts with this text; copy the first words of the "
                "plan's own first line",
            )
        ]
    return clean_plan_text(text, marker), []


def _unusable_text_file(data_dir: Path, path: Path) -> str | None:
    """Why a plan's text file cannot be read, checked before it is: outside data/plans/,
    missing, or larger than any plan."""
    if (data_dir / "plans").resolve() != path.resolve().parent:
        return "must name a file in data/plans/ (a name, not a path)"
    if not path.is_file():
        return "plan text file not found"
    if path.stat().st_size > MAX_TEXT_BYTES:
        return f"is larger than {MAX_TEXT_BYTES // 1_000_000} MB, more than any plan's text"
    return None


def read_data(
    data_dir: Path, *, strict: bool = True, digests: Mapping[str, str] | None = None
) -> DataSet:
    """Every table and plan text; raise DataError listing all problems if any file is unusable.

    Not strict, a cell that cannot be read is left empty and its problem kept in
    ``read_problems``, for validation to report together with every rule's problems; a file
    that cannot be read at all still stops here.
    """
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    notes: list[str] = []
    for name, table in TABLES.items():
        tables[name], found = read_table(data_dir, table, notes)
        problems += found
    cell_problems = [p for p in problems if p.line is not None and p.column is not None]
    if problems and (strict or len(cell_problems) < len(problems)):
        raise DataError(problems)
    raw_texts: dict[str, bytes] = {}
    cleaned: dict[str, str] = {}
    for row in tables["plans"].to_dict("records"):
        path = data_dir / "plans" / row["text_file"]
        unusable = _unusable_text_file(data_dir, path)
        if unusable:
            problems.append(Problem(row[FILE], row[LINE], "text_file", row["text_file"], unusable))
            continue
        shown = path.relative_to(data_dir.parent).as_posix()
        raw_texts[row["plan_id"]] = path.read_bytes()
        text, found = _cleaned(raw_texts[row["plan_id"]], row, shown, notes)
        problems += found
        if text is not None:
            cleaned[row["plan_id"]] = text
    if len(problems) > len(cell_problems):
        raise DataError(problems)
    return DataSet(data_dir, tables, raw_texts, cleaned, notes, cell_problems, digests or {})


def raw_lines(raw: str, cleaned: str, offsets: list[int]) -> list[int]:
    """The line of the collected text where each position of the cleaned text stands.

    Cleaning drops a preface, a PDF's page markers and white space, so a position is found by
    counting the characters that are not white space from the end of both texts, with the page
    markers of the collected text blanked first. One pass over each text, whatever the number
    of positions.
    """
    masked = blank_page_markers(raw)
    solid = [at for at, ch in enumerate(masked) if not ch.isspace()]
    after = [0] * (len(cleaned) + 1)  # characters that are not white space from i to the end
    for at in range(len(cleaned) - 1, -1, -1):
        after[at] = after[at + 1] + (not cleaned[at].isspace())
    breaks = [at for at, ch in enumerate(raw) if ch == "\n"]
    lines = []
    for offset in offsets:
        tail = after[min(offset, len(cleaned))]
        at = solid[-tail] if 0 < tail <= len(solid) else 0
        lines.append(bisect.bisect_left(breaks, at) + 1)
    return lines
