"""The CSV downloads cannot carry a formula into a spreadsheet, and any output folder works."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pandas as pd

from analysis.site.downloads import write_downloads
from analysis.warehouse.load import build_warehouse

FORMULA = '=HYPERLINK("http://example.invalid","click")'


def test_formula_cells_are_neutralised_in_csv_only(dataset, tmp_path: Path):
    db = tmp_path / "w.duckdb"
    build_warehouse(dataset, db)
    with duckdb.connect(str(db)) as con:
        con.execute(
            "UPDATE targets SET note = ? WHERE target_id = 'bj-energy-intensity-decline-2025'",
            [FORMULA],
        )
        con.execute(
            "UPDATE targets SET note = '-1+2' WHERE target_id = 'bj-co2-intensity-decline-2025'"
        )
    out = tmp_path / "it's here" / "downloads"  # an apostrophe in the folder's name
    write_downloads(db, out)
    rows = {r["target_id"]: r for r in csv.DictReader((out / "targets.csv").open(encoding="utf-8"))}
    assert rows["bj-energy-intensity-decline-2025"]["note"] == "'" + FORMULA
    assert rows["bj-co2-intensity-decline-2025"]["note"] == "'-1+2"
    assert not any(r["note"].startswith(("=", "+", "-", "@")) for r in rows.values())
    parquet = pd.read_parquet(out / "targets.parquet").set_index("target_id")
    assert parquet.at["bj-energy-intensity-decline-2025", "note"] == FORMULA
