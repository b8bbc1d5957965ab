"""A failed build publishes nothing: the last good site and warehouse stay byte-for-byte."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from analysis.contract.problems import DataError, Problem
from analysis.ingest.dataset import DataSet
from analysis.pipeline import build as build_module
from analysis.pipeline.book import BookError
from analysis.pipeline.build import build
from analysis.pipeline.runner import NotebookError
from analysis.pipeline.validation import read

from ..conftest import REPO


def _fingerprint(*roots: Path) -> dict[str, str]:
    found = {}
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.mark.e2e
def test_bad_data_leaves_site_and_warehouse_untouched(site_copy, data_copy: Path):
    out, db = site_copy
    before = _fingerprint(out, db)
    (data_copy / "statistics" / "2019.csv").write_text(
        "geo,indicator_id,year,value,unit,qualifier,source_id,snippet,note\n"
        "beijing,no_such_indicator,2019,1,%,=,bj-stats-bulletin-2024-copy,数值1%,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError):
        build(data_copy, out, db)
    assert _fingerprint(out, db) == before
    assert not [p.name for p in out.parent.iterdir() if p.name.startswith(".staging-")]


@pytest.mark.e2e
def test_failing_book_build_leaves_site_and_warehouse_untouched(site_copy, tmp_path: Path):
    out, db = site_copy
    before = _fingerprint(out, db)
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo, ignore=shutil.ignore_patterns(".*", "_build", "tests", "data"))
    with (repo / "book" / "methodology.md").open("a", encoding="utf-8") as f:
        f.write("\nSee {doc}`a-chapter-that-does-not-exist`.\n")
    with pytest.raises(BookError, match="a-chapter-that-does-not-exist"):
        build(REPO / "data", out, db, repo=repo)
    assert _fingerprint(out, db) == before
    assert not [p.name for p in out.parent.iterdir() if p.name.startswith(".staging-")]


def _kernels() -> set[int]:
    """The process ids of the Jupyter kernels this test process started.

    Only children count: other pytest workers run builds, and their kernels at the same time.
    """
    found = set()
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
            command = (status.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and b"ipykernel_launcher" in command:
            found.add(int(status.parent.name))
    return found


@pytest.mark.e2e
def test_failing_notebook_names_its_cell_and_leaves_no_kernel(site_copy, tmp_path: Path):
    out, db = site_copy
    before = _fingerprint(out, db)
    running = _kernels()
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo, ignore=shutil.ignore_patterns(".*", "_build", "tests", "data"))
    path = repo / "notebooks" / "plans.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell('raise ValueError("broken on purpose")'))
    nbformat.write(notebook, path)
    with pytest.raises(NotebookError, match=r"plans\.ipynb: cell \d+ .*broken on purpose"):
        build(REPO / "data", out, db, repo=repo)
    assert _fingerprint(out, db) == before
    assert _kernels() <= running  # every kernel the build started was shut down


class _FoundAProblem:
    """Validation that has already found a problem when the notebooks are about to start."""

    def __init__(self, data: DataSet) -> None:
        self.data = data
        self.outcomes: list = []

    @classmethod
    def start(cls, data_dir: Path, *args: object, **options: object) -> _FoundAProblem:
        return cls(read(data_dir))

    def failed(self) -> bool:
        return True

    def result(self) -> list:
        raise DataError([Problem("statistics/2024.csv", 2, "value", "-1", "out of range")])


@pytest.mark.e2e
def test_bad_data_stops_the_build_before_any_notebook_runs(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setattr(build_module, "start_validation", _FoundAProblem.start)
    out = tmp_path / "html"
    with pytest.raises(DataError, match=r"statistics/2024\.csv, line 2"):
        build(REPO / "data", out, tmp_path / "carbon.duckdb")
    log = capsys.readouterr().out
    assert "[notebooks] started" in log and "] started" not in log.split("[notebooks] started")[1]
    assert not out.exists()
