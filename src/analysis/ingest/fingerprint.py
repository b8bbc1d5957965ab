"""Fingerprints of files: what the caches compare to know an input is byte for byte the same."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from analysis.contract.schema import TABLES


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


def tree_files(
    folder: Path, suffixes: tuple[str, ...] = (), skip_caches: bool = True
) -> list[Path]:
    """The files below a folder; Python's __pycache__ folders are left out of the code's
    inputs, but not out of a published site, where every file is published."""
    if not folder.exists():
        return []
    return [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not (skip_caches and "__pycache__" in p.parts)
        and (not suffixes or p.suffix in suffixes)
    ]


def table_files(data_dir: Path, table: str) -> list[Path]:
    """The files a table is read from: the plans table includes the plan texts, and the sources
    table the checked-in copies of the datasets it names."""
    pattern = TABLES[table].pattern
    files = sorted(data_dir.glob(pattern)) if "*" in pattern else [data_dir / pattern]
    files = [f for f in files if f.exists()]
    if table == "plans":
        files += sorted((data_dir / "plans").glob("*.txt"))
    if table == "sources":
        files += sorted(tree_files(data_dir / "datasets"))
    return files
