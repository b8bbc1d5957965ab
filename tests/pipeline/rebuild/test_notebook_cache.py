"""What a notebook reads is logged and fingerprinted, so a cached page is reused only when the
warehouse answers every one of its reads as before."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from analysis.pipeline.rebuild.notebook_cache import Answers
from analysis.warehouse.connection import QUERY_LOG, connect, note_file_size


def _warehouse(path: Path, rows: list[tuple[int, str, str]]) -> Path:
    if path.exists():
        path.unlink()
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE stats (year INTEGER, value VARCHAR, note VARCHAR)")
        con.executemany("INSERT INTO stats VALUES (?, ?, ?)", rows)
    return path


ROWS = [(2023, "1.5", "first"), (2024, "2.5", "second")]


@pytest.fixture
def recorded(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A warehouse, and the log of a 'notebook' that read the values (not the notes) of it."""
    db = _warehouse(tmp_path / "w.duckdb", ROWS)
    log = tmp_path / "reads.jsonl"
    monkeypatch.setenv(QUERY_LOG, str(log))
    with connect(db) as con:
        con.execute("SELECT year, value FROM stats WHERE year >= ? ORDER BY year", [2023]).df()
        for _ in range(2):
            con.execute("SELECT count(*) FROM stats").fetchone()
    monkeypatch.delenv(QUERY_LOG)
    return db, log


def _unchanged_after(db: Path, log: Path, rows: list[tuple[int, str, str]]) -> bool:
    answers = Answers(db, db.parent)
    made = answers.fingerprint(log)
    answers.close()
    _warehouse(db, rows)
    answers = Answers(db, db.parent)
    try:
        return answers.unchanged(made)
    finally:
        answers.close()


def test_every_query_is_logged_once_with_its_parameters(recorded):
    db, log = recorded
    answers = Answers(db, db.parent)
    made = answers.fingerprint(log)
    answers.close()
    shown = [(r.sql.split()[1], r.parameters) for r in made]
    assert shown == [("year,", [2023]), ("count(*)", None)]


def test_a_change_the_queries_do_not_see_keeps_the_page(recorded):
    db, log = recorded
    assert _unchanged_after(db, log, [(2023, "1.5", "first, edited"), (2024, "2.5", "second")])


def test_a_changed_value_changes_the_page(recorded):
    db, log = recorded
    assert not _unchanged_after(db, log, [(2023, "1.5", "first"), (2024, "2.6", "second")])


def test_a_new_row_changes_the_page(recorded):
    db, log = recorded
    assert not _unchanged_after(db, log, [*ROWS, (2025, "3.5", "third")])


def test_a_query_that_no_longer_runs_changes_the_page(recorded):
    db, log = recorded
    answers = Answers(db, db.parent)
    made = answers.fingerprint(log)
    answers.close()
    with duckdb.connect(str(db)) as con:
        con.execute("ALTER TABLE stats RENAME COLUMN value TO amount")
    answers = Answers(db, db.parent)
    assert not answers.unchanged(made)
    answers.close()


def test_the_size_of_a_file_the_page_shows_is_compared(tmp_path, monkeypatch):
    db = _warehouse(tmp_path / "w.duckdb", ROWS)
    (tmp_path / "table.csv").write_text("a\n1\n", encoding="utf-8")
    log = tmp_path / "reads.jsonl"
    monkeypatch.setenv(QUERY_LOG, str(log))
    note_file_size(Path("table.csv"))
    answers = Answers(db, tmp_path)
    made = answers.fingerprint(log)
    assert answers.unchanged(made)
    answers.close()
    (tmp_path / "table.csv").write_text("a\n1\n2\n", encoding="utf-8")
    answers = Answers(db, tmp_path)
    assert not answers.unchanged(made)
    answers.close()
