"""The DuckDB warehouse: every table of the data folder, the cleaned plan texts and their sections.

The warehouse is written by one process (the build) and opened read-only by the notebooks, so
that executing notebooks in parallel never fights over DuckDB's single-writer lock.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from analysis.contract.schema import CONVERSIONS, TABLES, Table
from analysis.ingest.agency_notes import responsibility_frame, target_agencies
from analysis.ingest.csv_tables import FILE, LINE
from analysis.ingest.dataset import DataSet
from analysis.ingest.plan_text import parse_sections

VIEWS = Path(__file__).with_name("views.sql")

_SQL_TYPES = {"str": "VARCHAR", "int": "INTEGER", "float": "DOUBLE", "date": "DATE"}


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
    # one INSERT from the registered frame, cast to the declared types (row by row took seconds)
    con.register("incoming", rows)
    con.execute(f"INSERT INTO {table.name} SELECT * FROM incoming")
    con.unregister("incoming")


def build_warehouse(data: DataSet, db_path: Path, outcomes: list | None = None) -> dict[str, int]:
    """Write every table into a new DuckDB file; return the row count of each table."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if db_path.exists():
        db_path.unlink()
    texts = data.cleaned
    # the hash recorded in plans.csv, which validation checks against the file's bytes
    sha256s = dict(zip(data["plans"].plan_id, data["plans"].text_sha256, strict=True))
    with duckdb.connect(str(db_path)) as con:
        for name, table in TABLES.items():
            _create(con, table, data[name])
        extras = pd.DataFrame(
            [
                {
                    "plan_id": plan_id,
                    "cleaned_text": text,
                    "text_length": len(text),
                    "raw_sha256": sha256s[plan_id],
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
            "unit_conversions": pd.DataFrame(
                [(f, t, factor) for (f, t), factor in CONVERSIONS.items()],
                columns=["from_unit", "to_unit", "factor"],
            ),
        }
        for name, frame in derived.items():
            con.register(f"{name}_frame", frame)
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_frame")
        con.execute(VIEWS.read_text(encoding="utf-8"))
        counts = {
            name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
    return counts

