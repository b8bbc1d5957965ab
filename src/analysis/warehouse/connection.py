"""The one way to read the warehouse: `connect()`, for notebooks, analyses and tests alike.

A page depends on its notebook's source, its parameters, the analysis code and the rows its
queries return, nothing else, provided every read goes through a connection that can say what
it read. So the connection offers `execute()` only, in every mode: a read through `sql()` or
any other method would fail in a test exactly as it would in a build, instead of only in a
build. During a build the runner names a log in the kernel's environment (QUERY_LOG) and each
query is written to it before it runs; the rebuild cache (pipeline.rebuild.notebook_cache)
fingerprints the answers. Outside a build nothing is written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import duckdb

QUERY_LOG = "CARBON_QUERY_LOG"


def json_value(value: Any) -> Any:
    """Parameters as JSON keeps them (numpy integers become ints, not strings)."""
    return value.item() if hasattr(value, "item") else str(value)


def _log(entry: dict) -> None:
    if log := os.environ.get(QUERY_LOG):
        with Path(log).open("a", encoding="utf-8") as f:
            f.write(json.dumps(entry, default=json_value, ensure_ascii=False) + "\n")


def note_file_size(path: Path) -> None:
    """Log the size of a file a page shows (the downloads), when a build is listening."""
    _log({"file": str(path)})


class Connection:
    """A read-only warehouse connection that offers `execute` only and, during a build, logs
    each query before running it."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con

    def execute(self, query: str, parameters: list | None = None) -> duckdb.DuckDBPyConnection:
        _log({"sql": query, "parameters": parameters})
        if parameters is None:
            return self._con.execute(query)
        return self._con.execute(query, parameters)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(
            f"the warehouse connection has no {name!r}: pages read the warehouse through "
            "execute() only, so that a build knows what each page shows"
        )


def connect(db_path: Path) -> Connection:
    """A read-only connection: readers must never hold the writer's lock."""
    return Connection(duckdb.connect(str(db_path), read_only=True))
