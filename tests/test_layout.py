"""The package's layout rules that the import contracts cannot state: short functions, and
hashing kept to the rebuild machinery (pipeline/rebuild) and the places that write hashes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "src" / "analysis"
LONGEST = 80  # lines, from `def` to the function's last line
# The stages that read, check and load data: they compare hashes they are given, and compute none.
NO_HASHING = ("ingest", "checks", "warehouse")


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(PACKAGE)}:{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > LONGEST
    ]


def test_no_function_is_longer_than_80_lines():
    assert [f for path in _modules(PACKAGE) for f in _long_functions(path)] == []


@pytest.mark.parametrize("stage", NO_HASHING)
def test_reading_checking_and_loading_compute_no_hash(stage: str):
    importing = []
    for path in _modules(PACKAGE / stage):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names] if isinstance(node, ast.Import)
                else [node.module or ""] if isinstance(node, ast.ImportFrom)
                else []
            )  # fmt: skip
            if "hashlib" in names:
                importing.append(path.relative_to(PACKAGE).as_posix())
    assert importing == []
