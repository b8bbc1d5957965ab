"""The quality chapter: what the validation checked at build time."""

from __future__ import annotations

import duckdb
import pandas as pd


def rules_per_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per table: how many rules ran, how many cell checks they made, how many failed."""
    return con.execute(
        "SELECT table_name, count(*) AS rules, sum(checked) AS rows_checked, sum(failed) AS failed "
        "FROM validation_results GROUP BY ALL ORDER BY table_name"
    ).df()


def rules(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every rule, in plain words, with its result."""
    return con.execute(
        "SELECT table_name, column_name, rule, checked, failed, "
        "CASE WHEN failed = 0 THEN 'passed' ELSE 'failed' END AS result "
        "FROM validation_results ORDER BY table_name, column_name, rule"
    ).df()


def normalisations(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What the reader normalised in the data files (byte-order marks, full-width digits...)."""
    return con.execute("SELECT note FROM data_notes ORDER BY note").df()
