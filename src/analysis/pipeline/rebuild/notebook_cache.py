"""Executed notebooks, kept with what each read, so that a build re-runs only the notebooks
whose page can change.

Jupyter Book's own execution cache looks at a notebook's source only, not at the data it reads,
so it would show stale figures after a data update. Here a notebook's ingredients are its
source, its parameters (the page's names among them) and the analysis package's code; its entry
also holds a fingerprint of every query it ran on the warehouse (logged by
warehouse.connection's connect() during a build). On the next build the same queries run
against the new warehouse, which takes milliseconds: when every answer is the same, so is the
page, and the notebook is not run again. An edited note thus re-runs only the notebooks whose
queries return notes. The one thing a page reads besides the warehouse, the sizes of the
downloads, is logged and compared the same way.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from analysis.pipeline.rebuild.fingerprint import sha256
from analysis.pipeline.rebuild.step import key_of
from analysis.warehouse.connection import json_value


@dataclass(frozen=True)
class Read:
    """One query a notebook ran (or a file whose size it showed) and a fingerprint of the answer."""

    sql: str | None
    parameters: list | None
    file: str | None
    answer: str


def logged_reads(log: Path) -> list[dict]:
    """The distinct entries of a query log, in the order they were first made."""
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
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []

    def answer(self, entry: dict) -> str:
        """The fingerprint of one read; "failed" for a query that no longer runs (a column was
        renamed, say), which therefore counts as changed. Threads ask through cursors of their
        own, so that their queries run side by side."""
        entry = {k: entry.get(k) for k in ("sql", "parameters", "file")}
        line = json.dumps(entry, sort_keys=True, default=json_value)
        with self._lock:
            known = self._known.get(line)
        if known is None:
            known = self._answer(entry)
            with self._lock:
                self._known.setdefault(line, known)
        return known

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        if not hasattr(self._local, "cursor"):
            with self._lock:
                self._local.cursor = self._con.cursor()
                self._cursors.append(self._local.cursor)
        return self._local.cursor

    def _answer(self, entry: dict) -> str:
        if entry.get("file") is not None:
            path = self._cwd / entry["file"]
            return str(path.stat().st_size) if path.exists() else "absent"
        try:
            return result_sha256(self._cursor(), entry["sql"], entry.get("parameters"))
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
        for cursor in self._cursors:
            cursor.close()
        self._con.close()


@dataclass(frozen=True)
class NotebookStep:
    """One notebook of the book: <folder>/<name>/<key>.ipynb and <key>.reads.json. It is dirty
    unless an entry with its ingredients' key exists and the warehouse answers each recorded
    read as before."""

    name: str
    source: str
    parameters: str
    code: str
    folder: Path
    answers: Answers

    def ingredients(self) -> dict[str, str]:
        return {"source": self.source, "parameters": self.parameters, "code": self.code}

    def _entry(self) -> Path:
        return self.folder / self.name / f"{key_of(self.ingredients())}.ipynb"

    def cached(self) -> Path | None:
        """The executed notebook to reuse, if any."""
        path = self._entry()
        reads_file = path.with_suffix(".reads.json")
        if not (path.exists() and reads_file.exists()):
            return None
        recorded = [Read(**r) for r in json.loads(reads_file.read_text(encoding="utf-8"))]
        return path if self.answers.unchanged(recorded) else None

    def is_dirty(self) -> bool:
        return self.cached() is None

    def store(self, executed: Path, log: Path) -> None:
        """Keep one entry per notebook, with the answers to what it read: the last run is the
        one the next build compares with."""
        target = self.folder / self.name
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        made = self.answers.fingerprint(log)
        entry = self._entry()
        entry.with_suffix(".reads.json").write_text(
            json.dumps([asdict(r) for r in made], ensure_ascii=False, indent=1), encoding="utf-8"
        )
        shutil.copy2(executed, entry)


def notebook_step(
    notebook: Path, parameters: dict, code: str, folder: Path, answers: Answers
) -> NotebookStep:
    """A notebook's unit. The warehouse's path is not an ingredient: every build stages its own,
    and what the notebook reads from it is compared apart."""
    stable = {k: v for k, v in parameters.items() if k != "warehouse"}
    return NotebookStep(
        notebook.stem,
        sha256(notebook),
        hashlib.sha256(json.dumps(stable, sort_keys=True).encode()).hexdigest(),
        code,
        folder,
        answers,
    )
