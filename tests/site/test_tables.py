"""Tables that read: dashes for empty cells, numbers to the right, passages folded, markup shown
as text, and a wide table scrolling inside its own box."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.site import tables


def _html(frame: pd.DataFrame, columns: list[str] | None = None) -> str:
    return tables.table(frame, columns)._repr_html_()


def _cells(html: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)


def test_empty_cells_are_dashes_with_a_legend():
    frame = pd.DataFrame(
        {
            "value": pd.array([1.5, None], dtype="Float64"),
            "year": pd.array([2020, None], dtype="Int64"),
            "note": [None, np.nan],
            "published_on": [pd.NaT, pd.Timestamp("2024-01-02")],
        }
    )
    html = _html(frame)
    assert _cells(html).count("—") == 5
    assert "无数值 · no value" in html
    for marker in ("<NA>", "nan", "None", "NaT"):
        assert marker not in html


def test_a_full_table_has_no_legend():
    assert "no value" not in _html(pd.DataFrame({"value": [1.0, 2.5]}))


def test_numbers_stand_right_under_a_right_aligned_heading():
    frame = pd.DataFrame(
        {
            "indicator_zh": ["森林", "水"],
            "indicator_en": ["forest", "water"],
            "value": [45.0, 3164.25],
            "coverage": ["≈3.1", "18ᵖ"],
        }
    )
    html = tables.render(frame[["value", "coverage", "indicator_zh"]], ["v", "c", "i"], frozenset())
    assert '<th scope="col" class="num">v</th>' in html
    assert '<th scope="col" class="num">c</th>' in html
    assert '<th scope="col">i</th>' in html
    assert '<td class="num">3164.25</td>' in html and '<td class="num">45</td>' in html
    assert '<td class="num">≈3.1</td>' in html


def test_long_passages_fold_behind_their_first_words():
    quote = "到2025年，可再生能源消费比重达到14.4%以上，" * 3
    html = _html(pd.DataFrame({"quote": [quote, "短句"]}))
    folded = re.search(r"<details><summary>(.*?)</summary>(.*?)</details>", html)
    assert folded and folded.group(2) == quote
    assert folded.group(1) == quote[: tables.SUMMARY_CHARACTERS] + "…"
    assert "<td>短句</td>" in html


def test_names_do_not_fold_however_long():
    name = "新建公共建筑绿色建筑星级 · Green-building star level of new public buildings"
    html = _html(pd.DataFrame({"indicator_zh": [name], "indicator_en": [""]}), ["indicator"])
    assert "<details>" not in html and name in html


def test_markup_in_any_cell_is_shown_as_text():
    attack = '<img src=x onerror="alert(1)">' * 3
    html = _html(
        pd.DataFrame({"quote": [attack], "title": [attack], "url": ["https://a.b/?q=<x>"]})
    )
    assert "<img" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert '<a href="https://a.b/?q=&lt;x&gt;">' in html


def test_only_web_addresses_become_links():
    html = _html(pd.DataFrame({"url": ["javascript:alert(1)", "http://example.org/x"]}))
    assert 'href="javascript' not in html
    assert '<a href="http://example.org/x">' in html


def test_tables_scroll_in_a_focusable_box_and_long_ones_keep_their_height():
    short = _html(pd.DataFrame({"value": range(3)}))
    tall = _html(pd.DataFrame({"value": range(tables.TALL_AFTER + 1)}))
    assert 'class="carbon-table-wrap" tabindex="0" role="region"' in short
    assert 'class="carbon-table-wrap carbon-table-tall"' in tall


def test_rows_stay_plain_for_readers_and_tests_alike():
    html = _html(pd.DataFrame({"value": [1, 2]}))
    assert html.count("<tr>") == 3  # the heading row and two rows, without attributes
