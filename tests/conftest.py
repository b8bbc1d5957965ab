"""Shared fixtures: the project's real data, read once, and one real build of the book."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.pipeline.build import Timings, build
from analysis.pipeline.lock import BuildBusy
from analysis.pipeline.validation import read
from analysis.warehouse.connection import connect
from analysis.warehouse.load import build_warehouse

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
FIXTURES = REPO / "tests" / "fixtures"


def published_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def run_cli(*args: str, cwd: Path = REPO, new_process: bool = False) -> subprocess.CompletedProcess:
    """`python -m analysis …` as a user runs it, with its output and exit status: the same
    main() in this process (without a new interpreter's start-up and imports), or in a new
    process where the test is about the process itself."""
    if new_process:
        return subprocess.run(
            [sys.executable, "-m", "analysis", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
        )
    out, err, before = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:  # argparse's usage errors
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


# Session fixtures too slow to make twice, and the xdist group of the tests that use each: a
# session fixture is made once per worker, so all its tests must share a worker.
SHARED_FIXTURES = {"fresh_clone_build": "clone", "visits": "browser", "hostile_site": "hostile"}


def pytest_itemcollected(item) -> None:
    """Under pytest-xdist the tests that share a slow fixture run in one worker. (Marked as each
    test is collected: xdist reads the groups in its own pytest_collection_modifyitems, which
    runs before a conftest's.)"""
    names = getattr(item, "fixturenames", ())
    params = item.callspec.params if hasattr(item, "callspec") else {}
    # a parametrized fixture (the browser visits, one per width) is one group per parameter,
    # so that its instances are made in different workers
    groups = {
        f"{group}-{params[fixture]}" if fixture in params else group
        for fixture, group in SHARED_FIXTURES.items()
        if fixture in names
    }
    assert len(groups) <= 1, f"{item.nodeid} needs fixtures made in different workers"
    for group in groups:
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def dataset():
    return read(DATA, strict=True)


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
def built_site() -> Path:
    """The site of a test session: `make book`'s own build, into _build/. After `make book`
    nothing is left to do; on a clean clone (CI) the first worker to get here builds it cold
    while the other waits for the build lock. Tests that change data or code rebuild a copy."""
    out = REPO / "_build" / "html"
    deadline = time.monotonic() + 900
    while True:
        try:
            build(DATA, out, out.parent / "carbon.duckdb")
            return out
        except BuildBusy:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


@pytest.fixture(scope="session")
def fresh_clone_build(tmp_path_factory) -> tuple[Path, Timings, str]:
    """A cold build of a fresh clone of HEAD, in a folder far from the repository: every
    notebook runs, every check runs. Returns the site, the build's timings and the working
    directory after the build."""
    clone = tmp_path_factory.mktemp("elsewhere") / "another" / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    out = clone / "_build" / "html"
    timings = build(clone / "data", out, clone / "_build" / "carbon.duckdb", repo=clone)
    return out, timings, os.getcwd()


@pytest.fixture
def site_copy(built_site: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the shared build (site, warehouse, notebook cache and Sphinx state)
    that a test may rebuild with changed data: only what the change touches runs again."""
    root = tmp_path / "built"
    shutil.copytree(built_site.parent, root)
    return root / "html", root / "carbon.duckdb"
