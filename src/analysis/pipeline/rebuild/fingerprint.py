"""Fingerprints of folders: the SHA-256 of every file, taken once per build and shared.

A build reads the data folder's fingerprint once; the build key, each validation unit's key,
the checks that a plan text or a dataset copy still has its recorded hash, and the manifest all
take their hashes from it, so no file is hashed twice and all of them agree on what was read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from analysis.contract.schema import TABLES

PACKAGE = Path(__file__).resolve().parents[2]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def combined(checksums: Mapping[str, str]) -> str:
    """One hash of named checksums, in a stable order (the manifest's sha256_of_all)."""
    lines = "".join(f"{name}\0{digest}\n" for name, digest in sorted(checksums.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


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


@dataclass(frozen=True)
class Fingerprint:
    """The SHA-256 of each file of a folder, by its path in the folder (posix)."""

    root: Path
    files: Mapping[str, str]

    @classmethod
    def of(cls, root: Path, paths: Iterable[Path] | None = None) -> Fingerprint:
        """Hash the given files under root, or every file below it."""
        chosen = tree_files(root) if paths is None else paths
        return cls(root, {p.relative_to(root).as_posix(): sha256(p) for p in sorted(set(chosen))})

    def combined(self, names: Iterable[str] | None = None) -> str:
        """One hash of all files, or of the named ones (a name absent from the folder counts as
        absent, so a file that appears or disappears changes the hash)."""
        if names is None:
            return combined(self.files)
        return combined({n: self.files.get(n, "absent") for n in names})

    def under(self, prefix: str) -> list[str]:
        return [name for name in self.files if name.startswith(prefix)]


def table_files(data: Fingerprint, table: str) -> list[str]:
    """The files a table is read from: the plans table includes the plan texts, and the sources
    table the checked-in copies of the datasets it names."""
    pattern = TABLES[table].pattern
    glob = "*" in pattern
    files = sorted(n for n in data.files if Path(n).match(pattern)) if glob else [pattern]
    if table == "plans":
        files += sorted(n for n in data.under("plans/") if n.endswith(".txt"))
    if table == "sources":
        files += sorted(data.under("datasets/"))
    return files


def package_fingerprint() -> Fingerprint:
    """The analysis package's code and SQL: any change to them can change any output."""
    return Fingerprint.of(PACKAGE, tree_files(PACKAGE, (".py", ".sql")))


def code_checksum(package: Fingerprint, stages: tuple[str, ...] | None = None) -> str:
    """The package's code, or that of some of its stages (validation depends on contract,
    ingest and checks only)."""
    if stages is None:
        return package.combined()
    return package.combined([n for n in package.files if n.split("/", 1)[0] in stages])
