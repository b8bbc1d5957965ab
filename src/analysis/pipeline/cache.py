"""Rebuild only what changed: fingerprints of the inputs, and a cache of executed notebooks.

Jupyter Book's own execution cache looks at a notebook's source only, not at the data it reads,
so it would show stale figures after a data update. Here a notebook's key covers its source,
its parameters, the code of the analysis package and the data files of the tables it declares
(notebook metadata "carbon": {"reads": [...]}; "*" means every table).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import nbformat

from analysis.contract.schema import TABLES

PACKAGE = Path(__file__).resolve().parents[1]


def files_hash(paths: Iterable[Path], root: Path | None = None) -> str:
    """One hash over the names and bytes of files, in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        name = path.relative_to(root).as_posix() if root else path.name
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def tree_files(folder: Path, suffixes: tuple[str, ...] = ()) -> list[Path]:
    if not folder.exists():
        return []
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and (not suffixes or p.suffix in suffixes)
    ]


def table_files(data_dir: Path, table: str) -> list[Path]:
    """The data files a table is read from; the plans table includes the plan texts."""
    pattern = TABLES[table].pattern
    files = sorted(data_dir.glob(pattern)) if "*" in pattern else [data_dir / pattern]
    files = [f for f in files if f.exists()]
    if table == "plans":
        files += sorted((data_dir / "plans").glob("*.txt"))
    return files


def code_hash() -> str:
    """Any change to the analysis package (its code and its SQL) can change any output."""
    return files_hash(tree_files(PACKAGE, (".py", ".sql")), PACKAGE)


def declared_reads(notebook: Path) -> list[str]:
    """The tables a notebook says it reads; every table when it says "*" or nothing."""
    meta = nbformat.read(notebook, as_version=4).metadata.get("carbon", {})
    reads = meta.get("reads", ["*"])
    return list(TABLES) if "*" in reads else reads


def notebook_key(notebook: Path, parameters: dict, data_dir: Path, code: str) -> str:
    """What a notebook's output depends on: source, parameters (the page's names among them),
    code, the data it reads."""
    stable = {k: v for k, v in parameters.items() if k != "warehouse"}
    data = [f for table in declared_reads(notebook) for f in table_files(data_dir, table)]
    digest = hashlib.sha256()
    for part in (
        notebook.read_bytes(),
        json.dumps(stable, sort_keys=True).encode(),
        code.encode(),
        files_hash(data, data_dir).encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


class NotebookCache:
    """Executed notebooks stored by key: <folder>/<notebook name>/<key>.ipynb."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get(self, name: str, key: str) -> Path | None:
        path = self.folder / name / f"{key}.ipynb"
        return path if path.exists() else None

    def put(self, name: str, key: str, executed: Path) -> None:
        """Keep one entry per notebook: older keys can never match again once data moved on."""
        target = self.folder / name
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        shutil.copy2(executed, target / f"{key}.ipynb")


def sync_tree(source: Path, target: Path) -> int:
    """Make target a copy of source, touching only files whose bytes differ (so that Sphinx,
    which compares modification times, re-reads only what changed). Returns files written."""
    written = 0
    wanted = {p.relative_to(source) for p in tree_files(source)}
    for relative in sorted(wanted):
        src, dst = source / relative, target / relative
        if dst.exists() and dst.read_bytes() == src.read_bytes():
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
        written += 1
    for path in tree_files(target):
        if path.relative_to(target) not in wanted:
            path.unlink()
    return written
