"""The DuckDB warehouse: every table of the data folder, the cleaned plan texts and their sections.

The warehouse is written by one process (the build) and opened read-only by the notebooks, so
that executing notebooks in parallel never fights over DuckDB's single-writer lock.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pandas as pd

from analysis.data_files import FILE, LINE, DataSet
from analysis.plan_text import clean_plan_text, parse_sections
from analysis.responsibilities import responsibility_frame, target_agencies
from analysis.schema import TABLES, Table

# Pairs a district target with its parent plan's target for the same indicator and year.
VIEWS = """
CREATE VIEW target_pairs AS
SELECT c.indicator_id, c.target_year,
       parent.plan_id AS parent_plan_id, c.plan_id AS plan_id,
       parent.target_id AS parent_target_id, c.target_id AS target_id,
       parent.comparator AS parent_comparator, parent.value AS parent_value,
       parent.value_high AS parent_value_high,
       c.comparator, c.value, c.value_high, c.unit,
       parent.scope AS parent_scope, c.scope,
       parent.quote AS parent_quote, c.quote
FROM targets c
JOIN plans p ON p.plan_id = c.plan_id
JOIN targets parent
  ON parent.plan_id = p.parent_plan_id
 AND parent.indicator_id = c.indicator_id
 AND parent.target_year IS NOT DISTINCT FROM c.target_year;

-- Precedence when sources disagree: a statistical bulletin first, then the government's own
-- releases and press conferences, then published datasets, then news reports; among equals the
-- most recently published source, then the source id (so the choice is always reproducible).
CREATE VIEW statistics_ranked AS
SELECT s.*, src.kind AS source_kind, src.publisher, src.title AS source_title,
       src.url AS source_url, src.published_on,
       CASE src.kind WHEN 'statistical bulletin' THEN 1
                     WHEN 'government press release' THEN 2
                     WHEN 'press conference' THEN 2
                     WHEN 'dataset' THEN 3 ELSE 4 END AS source_rank,
       row_number() OVER (
           PARTITION BY s.geo, s.indicator_id, s.year
           ORDER BY source_rank, src.published_on DESC NULLS LAST, s.source_id
       ) AS choice,
       count(*) OVER (PARTITION BY s.geo, s.indicator_id, s.year) AS sources_for_year,
       count(DISTINCT s.value) OVER (PARTITION BY s.geo, s.indicator_id, s.year) AS distinct_values
FROM statistics s JOIN sources src USING (source_id);

CREATE VIEW statistics_chosen AS
SELECT * EXCLUDE (choice), distinct_values > 1 AS has_conflict
FROM statistics_ranked WHERE choice = 1;
"""

_SQL_TYPES = {"str": "VARCHAR", "int": "INTEGER", "float": "DOUBLE", "date": "DATE"}


def cleaned_texts(data: DataSet) -> dict[str, str]:
    """The cleaned text of every plan, keyed by plan id."""
    starts = dict(zip(data["plans"].plan_id, data["plans"].body_starts_with, strict=True))
    return {
        plan_id: clean_plan_text(raw.decode("utf-8"), starts[plan_id])
        for plan_id, raw in data.plan_texts.items()
    }


def sections_frame(texts: dict[str, str]) -> pd.DataFrame:
    rows = [
        {
            "plan_id": plan_id,
            "position": i,
            "clause": s.clause,
            "level": s.level,
            "label": s.label,
            "title": s.title,
            "chapter": s.clause.split("（", 1)[0],
            "start_offset": s.start,
            "end_offset": s.end,
            "text_length": s.end - s.start,
            "text": text[s.start : s.end].strip(),
        }
        for plan_id, text in texts.items()
        for i, s in enumerate(parse_sections(text))
    ]
    return pd.DataFrame(rows)


def _create(con: duckdb.DuckDBPyConnection, table: Table, frame: pd.DataFrame) -> None:
    columns = [f'"{c.name}" {_SQL_TYPES[c.type]}' for c in table.columns]
    columns += ["source_file VARCHAR", "source_line INTEGER"]
    con.execute(f"CREATE TABLE {table.name} ({', '.join(columns)})")
    if frame.empty:
        return
    rows = frame[[*table.column_names, FILE, LINE]].astype(object)
    rows = rows.where(rows.notna(), None)
    placeholders = ", ".join("?" for _ in range(len(table.columns) + 2))
    con.executemany(f"INSERT INTO {table.name} VALUES ({placeholders})", rows.values.tolist())


def build_warehouse(data: DataSet, db_path: Path, outcomes: list | None = None) -> dict[str, int]:
    """Write every table into a new DuckDB file; return the row count of each table."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if db_path.exists():
        db_path.unlink()
    texts = cleaned_texts(data)
    with duckdb.connect(str(db_path)) as con:
        for name, table in TABLES.items():
            _create(con, table, data[name])
        extras = pd.DataFrame(
            [
                {
                    "plan_id": plan_id,
                    "cleaned_text": text,
                    "text_length": len(text),
                    "raw_sha256": hashlib.sha256(data.plan_texts[plan_id]).hexdigest(),
                }
                for plan_id, text in texts.items()
            ]
        )
        con.register("plan_extras", extras)
        con.execute("CREATE TABLE plan_texts AS SELECT * FROM plan_extras ORDER BY plan_id")
        duties = responsibility_frame(texts, data["agencies"])
        derived = {
            "sections": sections_frame(texts),
            "responsibilities": duties,
            "target_agencies": target_agencies(data["targets"], duties, texts),
            "validation_results": pd.DataFrame(
                [(o.table, o.column, o.message, o.checked, o.failed) for o in outcomes or []],
                columns=["table_name", "column_name", "rule", "checked", "failed"],
            ),
            "data_notes": pd.DataFrame({"note": data.notes}, dtype=object),
        }
        for name, frame in derived.items():
            con.register(f"{name}_frame", frame)
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_frame")
        con.execute(VIEWS)
        counts = {
            name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
    return counts


def connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection: readers must never hold the writer's lock."""
    return duckdb.connect(str(db_path), read_only=True)
