"""Downloads for readers: every table as CSV and Parquet, the DuckDB file, a datapackage.json.

The files are written into the site's _static folder by the build, so the published book
carries its own data and anyone can check a figure without rerunning anything.

In the CSV files, a text cell that begins with =, +, -, @, a tab or a carriage return gets a
leading apostrophe, as OWASP recommends against CSV injection: a spreadsheet would otherwise run
it as a formula. The Parquet and DuckDB files keep every cell as it is.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd

from analysis.contract.schema import DOWNLOADS, column_descriptions, description
from analysis.warehouse.connection import note_file_size

_FRICTIONLESS = {
    "VARCHAR": "string",
    "INTEGER": "integer",
    "BIGINT": "integer",
    "DOUBLE": "number",
    "DATE": "date",
    "BOOLEAN": "boolean",
}


def sql_text(value: str) -> str:
    """A string as a quoted SQL literal (an apostrophe in a folder name stays text)."""
    return "'" + value.replace("'", "''") + "'"


# A text cell a spreadsheet would run: it starts with =, +, -, @, a tab or a carriage return.
_FORMULA_START = r"^[=+\-@\t\r]"


def _csv_safe(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """The table's columns for the CSV, text cells that a spreadsheet would run neutralised."""
    columns = []
    for column, kind, *_ in con.execute(f"DESCRIBE {name}").fetchall():
        quoted = f'"{column}"'
        if kind == "VARCHAR":
            columns.append(
                f"CASE WHEN regexp_matches({quoted}, {sql_text(_FORMULA_START)}) "
                f"THEN {sql_text(chr(39))} || {quoted} ELSE {quoted} END AS {quoted}"
            )
        else:
            columns.append(quoted)
    return ", ".join(columns)


def write_downloads(db_path: Path, out_dir: Path) -> list[Path]:
    """Write every table as CSV and Parquet, copy the warehouse, describe them all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    resources = []
    with duckdb.connect(str(db_path), read_only=True) as con:
        for name in DOWNLOADS:
            described = column_descriptions(name)
            csv_path, parquet_path = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
            # every column in the order: the same rows come out in the same order on every build
            ordered = f"SELECT * FROM {name} ORDER BY ALL"
            safe = f"SELECT {_csv_safe(con, name)} FROM ({ordered})"
            con.execute(f"COPY ({safe}) TO {sql_text(str(csv_path))} (HEADER, DELIMITER ',')")
            con.execute(f"COPY ({ordered}) TO {sql_text(str(parquet_path))} (FORMAT parquet)")
            fields = [
                {
                    "name": column,
                    "type": _FRICTIONLESS.get(kind.split("(")[0], "any"),
                    "description": described[column],
                }
                for column, kind, *_ in con.execute(f"DESCRIBE {name}").fetchall()
            ]
            resources.append(
                {
                    "name": name.replace("_", "-"),
                    "path": csv_path.name,
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "description": description(name),
                    "schema": {"fields": fields},
                }
            )
            written += [csv_path, parquet_path]
    shutil.copy2(db_path, out_dir / "carbon.duckdb")
    package = {
        "name": "carbon-peaking-beijing-changping",
        "title": "Carbon-peaking plans of Beijing and Changping: targets and statistics",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "resources": resources,
    }
    (out_dir / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return [*written, out_dir / "carbon.duckdb", out_dir / "datapackage.json"]


def downloads_table(folder: Path, href_prefix: str) -> pd.DataFrame:
    """One row per table with links to its CSV and Parquet files, for the data page."""
    for name in DOWNLOADS:
        note_file_size(folder / f"{name}.csv")
    rows = [
        {
            "table": name,
            "description": description(name),
            "csv": f"{href_prefix}/{name}.csv",
            "parquet": f"{href_prefix}/{name}.parquet",
            "size_kb": round((folder / f"{name}.csv").stat().st_size / 1024, 1),
        }
        for name in DOWNLOADS
        if (folder / f"{name}.csv").exists()
    ]
    return pd.DataFrame(rows)
