"""Read the plain CSV files into typed tables, collecting every problem with its file and line.

People edit these files by hand in spreadsheet programs, so the reader accepts what is messy but
unambiguous (a byte-order mark, Windows line endings, blank lines, stray spaces, full-width
digits, thousands separators) and rejects what could silently change a number.
"""

from __future__ import annotations

import _csv
import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from analysis.contract.problems import DataError, Problem
from analysis.contract.schema import Column, Table

LINE = "_line"
FILE = "_file"
# Control characters other than tab and line breaks: invisible on screen, left by copies from
# PDFs or binary files, and able to break a page or a download that carries the text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(raw: bytes, shown: str, notes: list[str]) -> str:
    """UTF-8 (with or without a byte-order mark) only: any other encoding is refused by name.

    A GBK file is refused rather than converted: a snippet must stay the source's exact words,
    and a wrong guess of the encoding would change them silently.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        notes.append(f"{shown}: UTF-8 byte-order mark removed")
    if b"\r\n" in raw:
        notes.append(f"{shown}: Windows line endings read as plain line endings")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        try:
            raw.decode("gb18030")
            guess = "it looks like GBK/GB18030"
        except UnicodeDecodeError:
            guess = "the encoding is unknown"
        raise DataError(
            [
                Problem(
                    shown,
                    raw[: err.start].count(b"\n") + 1,
                    None,
                    None,
                    f"the file is not UTF-8 ({guess}); save it as UTF-8 and run again",
                )
            ]
        ) from None


def normalise_number_text(text: str) -> str:
    """Full-width digits and punctuation to ASCII, thousands separators removed."""
    text = unicodedata.normalize("NFKC", text).strip()
    return text.replace(",", "").replace(" ", "")


def convert(value: str, column: Column) -> object:
    """Convert one cell; raise ValueError with a plain-words reason."""
    if value == "":
        return None
    if column.type == "str":
        return value
    text = normalise_number_text(value)
    if column.type == "int":
        if not text.lstrip("-").isdigit():
            raise ValueError("must be a whole number")
        return int(text)
    if column.type == "float":
        try:
            number = float(text)
        except ValueError:
            raise ValueError("must be a number (digits and a decimal point)") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError("must be a finite number")
        return number
    if column.type == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError("must be a date written YYYY-MM-DD") from None
    raise AssertionError(f"unknown column type {column.type}")


def read_table_file(
    path: Path, table: Table, shown: str, notes: list[str]
) -> tuple[list[dict], list[Problem]]:
    """Rows of one CSV file as dicts of typed values, plus the problems found in it."""
    text = decode(path.read_bytes(), shown, notes)
    if not text.strip():
        return [], [Problem(shown, None, None, None, "the file is empty (no header row)")]
    trimmed = re.sub(r"[ \t]+(?=\r?\n|$)", "", text)
    if trimmed != text:
        notes.append(f"{shown}: spaces at the ends of lines removed")
    reader = csv.reader(io.StringIO(trimmed, newline=""), strict=True)
    problems: list[Problem] = []
    rows: list[dict] = []
    try:
        header = [h.strip() for h in next(reader)]
        missing = [c.name for c in table.columns if c.required and c.name not in header]
        if missing:
            return [], [
                Problem(
                    shown, 1, ", ".join(missing), None, "required column missing from the header"
                )
            ]
        for line, cells in _records(reader):
            if len(cells) != len(header):
                problems.append(
                    Problem(
                        shown,
                        line,
                        None,
                        None,
                        f"has {len(cells)} fields but the header has {len(header)}"
                        " (a missing or extra comma, or an unquoted comma inside a value)",
                    )
                )
                continue
            raw = dict(zip(header, (c.strip() for c in cells), strict=True))
            row, row_problems, row_notes = _typed_row(raw, table, shown, line)
            rows.append(row)
            problems.extend(row_problems)
            notes.extend(row_notes)
    except csv.Error as err:
        problems.append(
            Problem(
                shown,
                reader.line_num,
                None,
                None,
                f"cannot be read as CSV: {err} (often an opening quote without its closing quote)",
            )
        )
    return rows, problems


def _records(reader: _csv.Reader) -> Iterator[tuple[int, list[str]]]:
    """The records that hold anything, each with the line it starts on: a quoted value can run
    over several lines, and a person looks for a row where it begins, not where the reader
    stopped; blank lines are what spreadsheet programs leave behind, not rows."""
    start = reader.line_num
    for cells in reader:
        line = start + 1
        start = reader.line_num
        if any(c.strip() for c in cells):
            yield line, cells


def _typed_row(
    raw: dict[str, str], table: Table, shown: str, line: int
) -> tuple[dict, list[Problem], list[str]]:
    """One record's cells converted by their columns, with a problem for every cell that cannot
    be and a note for every number the reader rewrote: all of a row's problems are reported at
    once so that a person fixes the row in one pass, and the notes say which numbers were read
    differently from how they are written."""
    row: dict = {FILE: shown, LINE: line}
    problems: list[Problem] = []
    notes: list[str] = []
    for column in table.columns:
        cell = raw.get(column.name, "")
        if found := _CONTROL.search(cell):
            problems.append(
                Problem(
                    shown,
                    line,
                    column.name,
                    _CONTROL.sub("?", cell),
                    f"contains the control character U+{ord(found.group()):04X} "
                    "(invisible; often left by a copy from a PDF): delete it",
                )
            )
            continue
        if cell == "" and column.required:
            problems.append(Problem(shown, line, column.name, "", "is required"))
            continue
        try:
            row[column.name] = convert(cell, column)
        except ValueError as err:
            problems.append(Problem(shown, line, column.name, cell, str(err)))
            continue
        if column.type != "str" and cell and normalise_number_text(cell) != cell:
            notes.append(
                f"{shown}, line {line}: column '{column.name}' {cell!r} read as {row[column.name]}"
            )
    return row, problems, notes


def _files_of(data_dir: Path, table: Table) -> list[Path]:
    if "*" in table.pattern:
        return sorted(data_dir.glob(table.pattern))
    path = data_dir / table.pattern
    return [path] if path.exists() else []


def read_table(
    data_dir: Path, table: Table, notes: list[str]
) -> tuple[pd.DataFrame, list[Problem]]:
    files = _files_of(data_dir, table)
    if not files and not table.optional_file:
        return _empty(table), [Problem(table.pattern, None, None, None, "file not found")]
    rows: list[dict] = []
    problems: list[Problem] = []
    for path in files:
        shown = path.relative_to(data_dir.parent).as_posix()
        try:
            file_rows, file_problems = read_table_file(path, table, shown, notes)
        except DataError as err:
            file_rows, file_problems = [], err.problems
        rows += file_rows
        problems += file_problems
    if not rows:
        return _empty(table), problems
    frame = pd.DataFrame(rows)
    for column in table.columns:
        if column.name not in frame:
            frame[column.name] = None
    return frame[[*table.column_names, FILE, LINE]], problems


def _empty(table: Table) -> pd.DataFrame:
    return pd.DataFrame(columns=[*table.column_names, FILE, LINE])
