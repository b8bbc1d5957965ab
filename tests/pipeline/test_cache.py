"""The rebuild cache: a changed data file re-runs exactly the notebooks that read it, and an
unchanged build re-runs none."""

from __future__ import annotations

import os
import shutil

import nbformat
import pytest

from analysis.contract.schema import TABLES
from analysis.pipeline.build import build

from ..conftest import DATA, REPO


def _readers_of(table: str) -> set[str]:
    """Notebooks that declare they read a table (or every table), from their metadata."""
    found = set()
    for path in (REPO / "notebooks").glob("*.ipynb"):
        reads = nbformat.read(path, as_version=4).metadata["carbon"]["reads"]
        if table in reads or "*" in reads:
            found.add(path.stem)
    return found


@pytest.fixture(scope="module")
def site(built_site, tmp_path_factory):
    """A copy of the session's build and of its data, rebuilt by the tests in order."""
    root = tmp_path_factory.mktemp("cache")
    shutil.copytree(DATA, root / "data")
    shutil.copytree(built_site.parent, root / "site")
    return root, root / "site" / "html", root / "site" / "carbon.duckdb"


@pytest.mark.e2e
def test_first_build_runs_every_notebook(first_build):
    _, first, cwd_after = first_build
    assert sorted(first.executed) == sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
    # notebooks run in parallel threads: none may move the process's working directory
    assert cwd_after == os.getcwd()


@pytest.mark.e2e
def test_unchanged_build_does_nothing(site):
    root, out, db = site
    again = build(root / "data", out, db)
    assert again.stages == {} and again.executed == []


@pytest.mark.e2e
def test_unchanged_inputs_take_every_notebook_from_the_cache(site):
    root, out, db = site
    out.with_name(out.name + ".build-key").unlink()  # force the pipeline to run
    again = build(root / "data", out, db)
    assert again.executed == []
    assert "book" in again.stages


@pytest.mark.e2e
def test_changed_statistics_rerun_exactly_their_readers(site):
    root, out, db = site
    path = root / "data" / "statistics" / "2024.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("2024 bulletin, preliminary;", "2024 bulletin (preliminary);", 1),
        encoding="utf-8",
    )
    assert path.read_text(encoding="utf-8") != text
    again = build(root / "data", out, db)
    assert set(again.executed) == _readers_of("statistics")
    assert {"plans", "targets"}.isdisjoint(again.executed)


def test_every_notebook_declares_what_it_reads():
    for path in (REPO / "notebooks").glob("*.ipynb"):
        reads = nbformat.read(path, as_version=4).metadata["carbon"]["reads"]
        assert reads and set(reads) <= {*TABLES, "*"}, path.name
