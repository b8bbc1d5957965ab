"""Rebuild only what changed: fingerprints of the inputs, and a cache of executed notebooks.

Jupyter Book's own execution cache looks at a notebook's source only, not at the data it reads,
so it would show stale figures after a data update. Here a notebook's key covers its source,
its parameters and the code of the analysis package, and an entry also holds the fingerprints
of what the notebook read from the warehouse (see warehouse.reads): a data update re-runs only
the notebooks to which the warehouse now answers differently.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict
from pathlib import Path

from analysis.ingest.fingerprint import files_hash, tree_files
from analysis.warehouse.reads import Answers, Read

PACKAGE = Path(__file__).resolve().parents[1]


def code_hash() -> str:
    """Any change to the analysis package (its code and its SQL) can change any output."""
    return files_hash(tree_files(PACKAGE, (".py", ".sql")), PACKAGE)


def notebook_key(notebook: Path, parameters: dict, code: str) -> str:
    """What a notebook's output depends on besides the data: its source, its parameters (the
    page's names among them) and the code. The data it reads is checked apart (see Entry)."""
    stable = {k: v for k, v in parameters.items() if k != "warehouse"}
    digest = hashlib.sha256()
    for part in (
        notebook.read_bytes(),
        json.dumps(stable, sort_keys=True).encode(),
        code.encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


class NotebookCache:
    """Executed notebooks by key, each with the reads it made:
    <folder>/<notebook name>/<key>.ipynb and <key>.reads.json.

    An entry is used only when the new warehouse answers every one of its reads as before.
    """

    def __init__(self, folder: Path):
        self.folder = folder

    def get(self, name: str, key: str, answers: Answers) -> Path | None:
        path = self.folder / name / f"{key}.ipynb"
        reads_file = path.with_suffix(".reads.json")
        if not (path.exists() and reads_file.exists()):
            return None
        recorded = [Read(**r) for r in json.loads(reads_file.read_text(encoding="utf-8"))]
        return path if answers.unchanged(recorded) else None

    def put(self, name: str, key: str, executed: Path, made: list[Read]) -> None:
        """Keep one entry per notebook: the last run is the one the next build compares with."""
        target = self.folder / name
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        (target / f"{key}.reads.json").write_text(
            json.dumps([asdict(r) for r in made], ensure_ascii=False, indent=1), encoding="utf-8"
        )
        shutil.copy2(executed, target / f"{key}.ipynb")


def sync_tree(source: Path, target: Path) -> list[Path]:
    """Make target a copy of source, touching only files whose bytes differ (so that Sphinx,
    which compares modification times, re-reads only what changed). Returns the files removed
    from target: what was built from them may still lie in an output folder."""
    wanted = {p.relative_to(source) for p in tree_files(source)}
    for relative in sorted(wanted):
        src, dst = source / relative, target / relative
        if dst.exists() and dst.read_bytes() == src.read_bytes():
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
    removed = sorted({p.relative_to(target) for p in tree_files(target)} - wanted)
    for relative in removed:
        (target / relative).unlink()
    return removed
