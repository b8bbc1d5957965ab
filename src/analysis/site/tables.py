"""Tables for the book: always escaped, so text from the data files shows as text.

A notebook names the columns to show; headings, code names and joined bilingual columns come
from site.labels, so no notebook carries a heading of its own. Every table is drawn by one
renderer that reads well: an empty cell is a dash explained under the table, numbers stand
right-aligned, long passages fold away behind their first words, web addresses are links, and
a wide table scrolls inside its own box instead of widening the page.
"""

from __future__ import annotations

import html
import numbers
import re

import pandas as pd

from analysis.site.labels import PASSAGES, display_column, heading

EMPTY = "—"
# A passage (a quote, a snippet, a rule) longer than this folds into a <details> element that
# shows its first words.
FOLD_AFTER = 40
SUMMARY_CHARACTERS = 22
# A table with more rows than this scrolls inside a box of its own height, headings in view.
TALL_AFTER = 25
# Text longer than this gets a column wide enough to read, instead of a character a line.
WIDE_TEXT = 16
LEGEND = f'<p class="carbon-legend">{EMPTY} 无数值 · no value</p>'
# A number written as text, as the coverage table writes them: >45, ≈3.1, 18ᵖ, 10,504.
WRITTEN_NUMBER = re.compile(r"^[<>≈~]?[−-]?\d[\d,]*(\.\d+)?ᵖ?$")


def _is_empty(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _number(value) -> str:
    if isinstance(value, numbers.Integral):
        return str(int(value))
    return f"{round(float(value), 4):.10g}"


def cell(value, link: bool = False, passage: bool = False) -> tuple[str, str]:
    """One cell as (class, escaped HTML): a dash when empty, a number, a link, a folded
    passage, or plain text."""
    if _is_empty(value) or (isinstance(value, str) and value.strip() in ("", EMPTY)):
        return "empty", EMPTY
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return "num", _number(value)
    text = str(value)
    escaped = html.escape(text)
    if WRITTEN_NUMBER.match(text):
        return "num", escaped
    if link:
        name = html.escape(text.rsplit("/", 1)[-1])
        return "", f'<a href="{escaped}" download>{name}</a>'
    if text.startswith(("https://", "http://")):
        return "url", f'<a href="{escaped}">{escaped}</a>'
    if passage and len(text) > FOLD_AFTER:
        summary = html.escape(text[:SUMMARY_CHARACTERS]) + "…"
        return "long", f"<details><summary>{summary}</summary>{escaped}</details>"
    return ("text" if len(text) > WIDE_TEXT else ""), escaped


def render(frame: pd.DataFrame, headings: list[str], link_columns: frozenset[str]) -> str:
    """The HTML of a table: headings (already worded) over the frame's rows."""
    rows, numeric, any_empty = [], [True] * len(frame.columns), False
    for record in frame.itertuples(index=False):
        cells = []
        for i, (column, value) in enumerate(zip(frame.columns, record, strict=True)):
            kind, text = cell(value, column in link_columns, column in PASSAGES)
            any_empty |= kind == "empty"
            numeric[i] &= kind in ("num", "empty")
            cells.append((kind, text))
        rows.append(cells)
    right = ' class="num"'
    head = "".join(
        f'<th scope="col"{right if numeric[i] else ""}>{html.escape(h)}</th>'
        for i, h in enumerate(headings)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{kind}">{text}</td>' if kind else f"<td>{text}</td>"
            for kind, text in cells
        )
        + "</tr>"
        for cells in rows
    )
    tall = " carbon-table-tall" if len(rows) > TALL_AFTER else ""
    table = (
        f'<div class="carbon-table-wrap{tall}" tabindex="0" role="region" '
        'aria-label="表格 · table">'
        f'<table class="carbon-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        "</table></div>"
    )
    return table + (LEGEND if any_empty else "")


class Output:
    """A notebook output whose plain-text form names only its kind: the default one carries a
    memory address, which would make every build's executed notebooks differ."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class Table(Output):
    """A notebook output that renders a frame through the one table renderer."""

    def __init__(self, frame: pd.DataFrame, headings: list[str], links: frozenset[str]):
        self.frame = frame
        self.headings = headings
        self.links = links

    def _repr_html_(self) -> str:
        if self.frame.empty:
            return '<p class="carbon-empty">（无 · none）</p>'
        return render(self.frame, self.headings, self.links)


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
        {c: display_column(frame, c) for c in names}, index=frame.index
    ).reset_index(drop=True)
    return Table(shown, [extra.get(c) or heading(c) for c in names], frozenset())


def links(frame: pd.DataFrame, link_columns: list[str]) -> Table:
    """A table whose link columns render as download links; every text is escaped."""
    return Table(
        frame.reset_index(drop=True), [heading(c) for c in frame.columns], frozenset(link_columns)
    )


class Bullets(Output):
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


class Finding(Output):
    """One finding: its sentences beside the small chart that shows it."""

    def __init__(self, lines: list[tuple[str, str]], figure):
        self.lines = lines
        self.figure = figure

    def _repr_html_(self) -> str:
        text = "".join(
            f'<p>{html.escape(zh)}<br><span lang="en">{html.escape(en)}</span></p>'
            for zh, en in self.lines
        )
        return (
            f'<div class="carbon-finding"><div class="carbon-finding-text">{text}</div>'
            f'<div class="carbon-finding-chart">{self.figure._repr_html_()}</div></div>'
        )


def finding(lines: list[tuple[str, str]], figure) -> Finding:
    return Finding(lines, figure)
