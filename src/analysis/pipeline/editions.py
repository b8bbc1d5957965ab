"""Recording an edition: the baseline the next edition's "what changed" page compares with.

Run it once an edition is published (`python -m analysis record-edition`). It validates and
loads the data as a build does, then writes the figures the analyses use and every target's
status to data/editions/<edition>-figures.csv and -targets.csv.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from analysis.analyses import edition
from analysis.ingest.dataset import read_data
from analysis.pipeline import build
from analysis.warehouse.connection import connect


def record_edition(data_dir: Path, name: str | None = None, as_of: int | None = None) -> list[Path]:
    """Write the record of the edition the data make now; return the files written."""
    name = name or dt.date.today().isoformat()
    as_of = as_of or build.default_as_of(read_data(data_dir))
    folder = data_dir / "editions"
    folder.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "edition.duckdb"
        build.load(data_dir, db)
        with connect(db) as con:
            rows = edition.record(con, as_of, name)
    written = []
    for part, frame in rows.items():
        path = folder / f"{name}-{part}.csv"
        frame.to_csv(path, index=False, lineterminator="\n", float_format="%.15g")
        written.append(path)
    return written
