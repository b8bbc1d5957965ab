"""What a notebook reads from the warehouse, so that a build can tell whether its page can change.

A page depends on its notebook's source, its parameters, the analysis code and the rows its
queries return, nothing else: notebooks read data only through `connect()`. While the build
executes a notebook it names a log in the kernel's environment; `connect()` then hands out a
connection that writes down every query it runs. The build keeps a fingerprint of each query's
result. On the next build the same queries run against the new warehouse, which takes
milliseconds: when every result is the same, so is the page, and the notebook is not run again.
An edited note thus re-runs only the notebooks whose queries return notes. The one thing a page
reads besides the warehouse, the sizes of the downloads, is logged and compared the same way.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

QUERY_LOG = "CARBON_QUERY_LOG"


@dataclass(frozen=True)
class Read:
    """One query a notebook ran (or a file whose size it showed) and a fingerprint of the answer."""

    sql: str | None
    parameters: list | None
    file: str | None
    answer: str


def _write(log: Path, entry: dict) -> None:
    with log.open("a", encoding="utf-8") as f:
        f.write(json.dumps(entry, default=_plain, ensure_ascii=False) + "\n")


def note_file_size(path: Path) -> None:
    """Log the size of a file a page shows (the downloads), when a build is listening."""
    if log := os.environ.get(QUERY_LOG):
        _write(Path(log), {"file": str(path)})


def _plain(value: Any) -> Any:
    """Parameters as JSON keeps them (numpy integers become ints, not strings)."""
    return value.item() if hasattr(value, "item") else str(value)


class RecordingConnection:
    """A read-only warehouse connection that logs each query before running it.

    Only `execute` is offered: a read through any other method would escape the log, and a
    page built from it could go stale, so it fails loudly instead.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, log: Path):
        self._con = con
        self._log = log

    def execute(self, query: str, parameters: list | None = None) -> duckdb.DuckDBPyConnection:
        _write(self._log, {"sql": query, "parameters": parameters})
        if parameters is None:
            return self._con.execute(query)
        return self._con.execute(query, parameters)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> RecordingConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(
            f"the warehouse connection has no {name!r} during a build: notebooks read the "
            "warehouse through execute() only, so that the build knows what each page shows"
        )


def logged_reads(log: Path) -> list[dict]:
    """The distinct entries of a log, in the order they were first made."""
    seen: dict[str, dict] = {}
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            seen.setdefault(line, json.loads(line))
    return list(seen.values())


def result_sha256(con: duckdb.DuckDBPyConnection, sql: str, parameters: list | None) -> str:
    """A fingerprint of a query's column names and rows, in the order the query returns them."""
    cursor = con.execute(sql, parameters) if parameters is not None else con.execute(sql)
    names = [column[0] for column in cursor.description or []]
    digest = hashlib.sha256(repr(names).encode())
    while rows := cursor.fetchmany(10_000):
        digest.update(repr(rows).encode())
    return digest.hexdigest()


class Answers:
    """What a warehouse (and the files beside it) answer to reads, each read asked once: the
    notebooks share many queries (plan names, places), and the build asks from several threads."""

    def __init__(self, db_path: Path, cwd: Path):
        self._con = duckdb.connect(str(db_path), read_only=True)
        self._cwd = cwd
        self._known: dict[str, str] = {}
        self._lock = threading.Lock()

    def answer(self, entry: dict) -> str:
        """The fingerprint of one read; "failed" for a query that no longer runs (a column was
        renamed, say), which therefore counts as changed."""
        entry = {k: entry.get(k) for k in ("sql", "parameters", "file")}
        line = json.dumps(entry, sort_keys=True, default=_plain)
        with self._lock:
            if line not in self._known:
                self._known[line] = self._answer(entry)
            return self._known[line]

    def _answer(self, entry: dict) -> str:
        if entry.get("file") is not None:
            path = self._cwd / entry["file"]
            return str(path.stat().st_size) if path.exists() else "absent"
        try:
            return result_sha256(self._con, entry["sql"], entry.get("parameters"))
        except duckdb.Error:
            return "failed"

    def fingerprint(self, log: Path) -> list[Read]:
        """What the logged reads return."""
        return [
            Read(e.get("sql"), e.get("parameters"), e.get("file"), self.answer(e))
            for e in logged_reads(log)
        ]

    def unchanged(self, reads: list[Read]) -> bool:
        """Whether every read returns what it returned when it was recorded."""
        return all(self.answer(asdict(r)) == r.answer for r in reads)

    def close(self) -> None:
        self._con.close()
