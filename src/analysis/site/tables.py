"""Tables for the book: always escaped, so text from the data files shows as text.

A notebook names the columns to show; headings, code names and joined bilingual columns come
from site.labels, so no notebook carries a heading of its own.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.site.labels import display_column, heading


class Table:
    """A notebook output that renders a DataFrame as an escaped, index-free HTML table."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def _repr_html_(self) -> str:
        return self.frame.to_html(
            index=False, escape=True, border=0, classes="carbon-table", na_rep=""
        )


def table(
    frame: pd.DataFrame,
    columns: list[str] | None = None,
    headings: dict[str, str] | None = None,
) -> Table:
    """Show the named columns (all by default) under their bilingual headings; `headings`
    heads columns whose names are data, such as a plan id."""
    names = list(frame.columns) if columns is None else columns
    extra = headings or {}
    shown = pd.DataFrame(
        {extra.get(c) or heading(c): display_column(frame, c) for c in names},
        index=frame.index,
    )
    return Table(shown)


class Links:
    """A table whose link columns render as links; every text is escaped."""

    def __init__(self, frame: pd.DataFrame, link_columns: list[str]):
        self.frame = frame
        self.link_columns = link_columns

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(heading(c))}</th>" for c in self.frame.columns)
        body = []
        for row in self.frame.to_dict("records"):
            cells = []
            for column, value in row.items():
                text = html.escape(str(value))
                if column in self.link_columns:
                    name = html.escape(str(value).rsplit("/", 1)[-1])
                    text = f'<a href="{text}" download>{name}</a>'
                cells.append(f"<td>{text}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        return (
            f'<table class="carbon-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )


def links(frame: pd.DataFrame, link_columns: list[str]) -> Links:
    return Links(frame, link_columns)


class Bullets:
    """A bilingual list: each item a Chinese sentence and its English twin, escaped."""

    def __init__(self, lines: list[tuple[str, str]]):
        self.lines = lines

    def _repr_html_(self) -> str:
        items = "".join(
            f'<li>{html.escape(zh)}<br><span lang="en">{html.escape(en)}</span></li>'
            for zh, en in self.lines
        )
        return f'<ul class="carbon-findings">{items}</ul>'


def bullets(lines: list[tuple[str, str]]) -> Bullets:
    return Bullets(lines)
