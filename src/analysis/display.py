"""Tables for the book: always escaped, so text from the data files shows as text."""

from __future__ import annotations

import pandas as pd


class Table:
    """A notebook output that renders a DataFrame as an escaped, index-free HTML table."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def _repr_html_(self) -> str:
        return self.frame.to_html(
            index=False, escape=True, border=0, classes="carbon-table", na_rep=""
        )


def table(frame: pd.DataFrame, columns: dict[str, str] | None = None) -> Table:
    """Show selected columns under reader-facing (bilingual) headings."""
    if columns:
        frame = frame[list(columns)].rename(columns=columns)
    return Table(frame)
