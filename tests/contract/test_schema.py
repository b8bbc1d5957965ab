"""The contract describes every column a reader can download, and the README's table of data
files is the one the contract makes."""

from __future__ import annotations

import duckdb
import pytest

from analysis.contract.schema import DOWNLOADS, TABLES, column_descriptions, data_files_markdown
from analysis.warehouse.load import build_warehouse

from ..conftest import REPO


@pytest.fixture(scope="module")
def warehouse_columns(dataset, tmp_path_factory) -> dict[str, list[str]]:
    db = tmp_path_factory.mktemp("schema") / "w.duckdb"
    build_warehouse(dataset, db)
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            name: [row[0] for row in con.execute(f"DESCRIBE {name}").fetchall()]
            for name in DOWNLOADS
        }


@pytest.mark.parametrize("name", DOWNLOADS)
def test_every_downloadable_column_is_described(warehouse_columns, name):
    described = column_descriptions(name)
    assert sorted(warehouse_columns[name]) == sorted(described)
    assert all(text.strip() for text in described.values())


def test_every_data_file_column_has_a_description():
    for table in TABLES.values():
        assert table.description.strip(), table.name
        for column in table.columns:
            assert column.description.strip(), (table.name, column.name)


def test_readme_lists_the_data_files_as_the_contract_describes_them():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert data_files_markdown() in readme
