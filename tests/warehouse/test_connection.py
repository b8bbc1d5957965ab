"""One connect() for every reader: the same connection in a build and out of one, logging
only while a build listens."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from analysis.warehouse.connection import QUERY_LOG, connect


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE stats AS SELECT 2024 AS year, 2.5 AS value")
    return path


@pytest.mark.parametrize("in_a_build", [True, False])
def test_reads_that_would_escape_the_log_are_refused_in_every_mode(
    db, tmp_path, monkeypatch, in_a_build
):
    """A test of an analysis fails on con.sql(...) exactly as a build would."""
    if in_a_build:
        monkeypatch.setenv(QUERY_LOG, str(tmp_path / "reads.jsonl"))
    else:
        monkeypatch.delenv(QUERY_LOG, raising=False)
    with connect(db) as con, pytest.raises(AttributeError, match="through execute"):
        con.sql("SELECT * FROM stats")


def test_outside_a_build_nothing_is_logged(db, tmp_path, monkeypatch):
    monkeypatch.delenv(QUERY_LOG, raising=False)
    with connect(db) as con:
        assert con.execute("SELECT value FROM stats").fetchone() == (2.5,)
    assert list(tmp_path.glob("*.jsonl")) == []


def test_the_connection_is_read_only(db):
    with connect(db) as con, pytest.raises(duckdb.Error):
        con.execute("DELETE FROM stats")
