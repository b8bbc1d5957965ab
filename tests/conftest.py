"""Shared fixtures: the project's real data, read once, and one real build of the book."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.ingest.dataset import read_data
from analysis.pipeline.build import Timings, build
from analysis.warehouse.load import build_warehouse, connect

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SEEDS = REPO.parent / "shared" / "seeds"
FIXTURES = REPO / "tests" / "fixtures"


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """`python -m analysis …` as a user runs it, with its output and exit status."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def pytest_collection_modifyitems(items) -> None:
    """Under pytest-xdist every test that needs the built book runs in the same worker, so the
    book is built once; the other tests share out the other core."""
    for item in items:
        if "first_build" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("book"))


@pytest.fixture(scope="session")
def dataset():
    return read_data(DATA)


@pytest.fixture(scope="session")
def warehouse(dataset, tmp_path_factory):
    """The real data loaded into a warehouse once, opened read-only as the notebooks open it."""
    db = tmp_path_factory.mktemp("wh") / "w.duckdb"
    build_warehouse(dataset, db)
    with connect(db) as connection:
        yield connection


@pytest.fixture(scope="session")
def texts(dataset) -> dict[str, str]:
    return dataset.cleaned


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break without touching the real files."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def first_build(tmp_path_factory) -> tuple[Path, Timings, str]:
    """The one full build of a test session: the book from the real data, as `make book` builds
    it, with its timings and the working directory after it. Other builds start from a copy."""
    out = tmp_path_factory.mktemp("site") / "html"
    timings = build(DATA, out, out.parent / "carbon.duckdb")
    return out, timings, os.getcwd()


@pytest.fixture(scope="session")
def built_site(first_build) -> Path:
    return first_build[0]


@pytest.fixture
def site_copy(built_site: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the shared build (site, warehouse, notebook cache and Sphinx state)
    that a test may rebuild with changed data: only what the change touches runs again."""
    root = tmp_path / "built"
    shutil.copytree(built_site.parent, root)
    return root / "html", root / "carbon.duckdb"
