"""Validation results remembered by the bytes they were computed from.

A unit of validation (one table's suite, or one scan) depends on the files of the tables it
reads, the code that reads and checks the data, the version of Great Expectations and the
current year (statistics may not be from the future). Those are its ingredients, so a unit is
skipped only when every byte it would look at is the same as in a run where it passed; any
change to a file it reads runs it again in full. Only passes are remembered: a failure must be
reported every time.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from analysis.checks.cross_table import SCAN_READS
from analysis.contract.problems import Outcome
from analysis.pipeline.rebuild.fingerprint import Fingerprint, code_checksum, table_files
from analysis.pipeline.rebuild.step import key_of

# The tables whose values every suite's rules are built from (ids, units, kinds, plan texts).
REFERENCES = ("plans", "indicators", "sources", "geos")
# The stages whose code decides a validation outcome.
VALIDATION_CODE = ("contract", "ingest", "checks")


@dataclass(frozen=True)
class ValidationUnit:
    """One table's suite or one scan, with where its last pass is kept (None: nowhere)."""

    name: str
    data: str  # the checksum of the files of the tables the unit reads
    code: str
    year: int
    folder: Path | None

    def ingredients(self) -> dict[str, str]:
        return {"data": self.data, "code": self.code, "year": str(self.year)}

    def stored(self) -> list[Outcome] | None:
        """The outcomes of the unit's last pass when its ingredients are the same, else None."""
        path = self.folder / f"{self.name}.json" if self.folder else None
        if path is None or not path.exists():
            return None
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry["key"] != key_of(self.ingredients()):
            return None
        return [Outcome(**o) for o in entry["outcomes"]]

    def is_dirty(self) -> bool:
        return self.stored() is None

    def remember(self, outcomes: list[Outcome]) -> None:
        """Keep a pass; a failure is not kept, so that it is reported again."""
        if self.folder is None or any(o.failed for o in outcomes):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = {"key": key_of(self.ingredients()), "outcomes": [asdict(o) for o in outcomes]}
        (self.folder / f"{self.name}.json").write_text(
            json.dumps(entry, ensure_ascii=False), encoding="utf-8"
        )


class ValidationMemo:
    """Passed units by their ingredients, in <folder>/<unit>.json; with no folder it remembers
    nothing and every unit is dirty."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def units(
        self,
        data: Fingerprint,
        package: Fingerprint,
        names: list[str],
        today: dt.date | None = None,
    ) -> dict[str, ValidationUnit]:
        year = (today or dt.date.today()).year
        code = f"{code_checksum(package, VALIDATION_CODE)}:{metadata.version('great_expectations')}"
        by_table: dict[str, str] = {}

        def tables_checksum(tables: tuple[str, ...]) -> str:
            for table in tables:
                if table not in by_table:
                    by_table[table] = data.combined(table_files(data, table))
            return ":".join(by_table[t] for t in sorted(set(tables)))

        return {
            name: ValidationUnit(
                name,
                tables_checksum(SCAN_READS.get(name, (name, *REFERENCES))),
                code,
                year,
                self.folder,
            )
            for name in names
        }
