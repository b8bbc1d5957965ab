"""Shared fixtures: the project's real data, read once, and one real build of the book."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.build import build
from analysis.data_files import read_data
from analysis.warehouse import cleaned_texts

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def dataset():
    return read_data(DATA)


@pytest.fixture(scope="session")
def texts(dataset) -> dict[str, str]:
    return cleaned_texts(dataset)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break without touching the real files."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The book built from the real data into a temporary folder, as `make book` builds it."""
    out = tmp_path_factory.mktemp("site") / "html"
    build(DATA, out, out.parent / "carbon.duckdb")
    return out
