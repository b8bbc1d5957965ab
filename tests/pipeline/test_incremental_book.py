"""What lets an incremental Sphinx build publish exactly what a cold build would: the mirror of
the sources touches only changed files and names removed ones; stale search words are dropped."""

from __future__ import annotations

import json
import os
from pathlib import Path

from analysis.pipeline.book import drop_stale_search_terms, sync_tree


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


def _index(html: Path, index: dict, separators: tuple[str, str] = (", ", ": ")) -> Path:
    path = html / "searchindex.js"
    text = json.dumps(index, sort_keys=True, separators=separators)
    path.write_text(f"Search.setIndex({text})", encoding="utf-8")
    return path


def test_words_no_page_has_any_more_are_dropped_from_the_search_index(tmp_path: Path):
    index = {
        "docnames": ["book/a", "book/b"],
        "terms": {"carbon": [0, 1], "49843.1": [], "peak": 1},
        "titleterms": {"old": [], "plan": 0},
    }
    path = _index(tmp_path, index)
    assert drop_stale_search_terms(tmp_path) == 2
    kept = json.loads(path.read_text(encoding="utf-8")[len("Search.setIndex(") : -1])
    assert kept["terms"] == {"carbon": [0, 1], "peak": 1}
    assert kept["titleterms"] == {"plan": 0}
    assert kept["docnames"] == index["docnames"]


def test_a_search_index_without_stale_words_is_left_as_sphinx_wrote_it(tmp_path: Path):
    path = _index(tmp_path, {"terms": {"carbon": [0]}}, separators=(",", ":"))
    before = path.read_bytes()
    assert drop_stale_search_terms(tmp_path) == 0
    assert path.read_bytes() == before
