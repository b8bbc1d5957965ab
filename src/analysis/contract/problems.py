"""Data problems a person can act on: which file, which line, which column, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        what = f"column '{self.column}'" if self.column else ""
        if self.value is not None:
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            what += f" value {shown!r}" if what else f"value {shown!r}"
        return f"{where}: {what}: {self.rule}" if what else f"{where}: {self.rule}"


class DataError(Exception):
    """Raised when data files cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Outcome:
    """How one rule fared: rows or items checked, and how many failed (the quality page)."""

    table: str
    column: str
    message: str
    checked: int
    failed: int
