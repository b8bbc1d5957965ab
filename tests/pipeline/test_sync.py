"""The mirror that Sphinx builds from: only changed files are touched, removed files are named."""

from __future__ import annotations

import os
from pathlib import Path

from analysis.pipeline.cache import sync_tree


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_sync_touches_only_changed_files_and_names_the_removed_ones(tmp_path: Path):
    source, mirror = tmp_path / "source", tmp_path / "mirror"
    _write(source, {"a.md": "a", "book/b.md": "b", "book/c.md": "c"})
    assert sync_tree(source, mirror) == []
    kept = mirror / "a.md"
    os.utime(kept, (1, 1))
    (source / "book" / "c.md").unlink()
    _write(source, {"book/b.md": "b, edited", "book/d.md": "d"})

    assert sync_tree(source, mirror) == [Path("book/c.md")]
    found = sorted(p.relative_to(mirror).as_posix() for p in mirror.rglob("*") if p.is_file())
    assert found == ["a.md", "book/b.md", "book/d.md"]
    assert (mirror / "book" / "b.md").read_text(encoding="utf-8") == "b, edited"
    assert kept.stat().st_mtime == 1  # unchanged bytes: Sphinx sees an unchanged page
