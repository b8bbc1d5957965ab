"""Validation results remembered by the bytes they were computed from.

A unit of validation (one table's suite, or one scan) depends on the files of the tables it
reads, the validation code and the current year (statistics may not be from the future). Its
key is a hash of all of them, so a unit is skipped only when every byte it would look at is the
same as in a run where it passed; any change to a file it reads runs it again in full. Only
passes are remembered: a failure must be reported every time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from analysis.checks.cross_table import SCAN_READS
from analysis.contract.problems import Outcome
from analysis.ingest.dataset import DataSet
from analysis.ingest.fingerprint import files_hash, table_files, tree_files

PACKAGE = Path(__file__).resolve().parents[1]
# The tables whose values every suite's rules are built from (ids, units, kinds, plan texts).
REFERENCES = ("plans", "indicators", "sources", "geos")


def validation_code_hash() -> str:
    """The code that reads and checks the data, and the version of Great Expectations."""
    files = [f for name in ("checks", "contract", "ingest") for f in tree_files(PACKAGE / name)]
    code = files_hash([f for f in files if f.suffix == ".py"], PACKAGE)
    return f"{code}:{metadata.version('great_expectations')}"


class ValidationMemo:
    """Passed units by key, in <folder>/<unit>.json; with no folder it remembers nothing."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def keys(self, data: DataSet, units: list[str], today: dt.date | None = None) -> dict[str, str]:
        year = (today or dt.date.today()).year
        code = validation_code_hash()
        hashes: dict[str, str] = {}

        def tables_hash(tables: tuple[str, ...]) -> str:
            for table in tables:
                if table not in hashes:
                    hashes[table] = files_hash(table_files(data.data_dir, table), data.data_dir)
            return "".join(hashes[t] for t in sorted(set(tables)))

        keys = {}
        for unit in units:
            reads = tables_hash(SCAN_READS.get(unit, (unit, *REFERENCES)))
            keys[unit] = hashlib.sha256(f"{unit}:{reads}:{code}:{year}".encode()).hexdigest()
        return keys

    def passed(self, unit: str, key: str) -> list[Outcome] | None:
        """The outcomes of the unit's last pass when its key is the same, else None."""
        path = self.folder / f"{unit}.json" if self.folder else None
        if path is None or not path.exists():
            return None
        entry = json.loads(path.read_text(encoding="utf-8"))
        return [Outcome(**o) for o in entry["outcomes"]] if entry["key"] == key else None

    def remember(self, unit: str, key: str, outcomes: list[Outcome]) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = {"key": key, "outcomes": [asdict(o) for o in outcomes]}
        (self.folder / f"{unit}.json").write_text(json.dumps(entry, ensure_ascii=False), "utf-8")
