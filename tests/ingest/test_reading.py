"""The reading view: one character for one character, written the way the rules read."""

from __future__ import annotations

import pytest

from analysis.ingest.reading import normalised, reading_view


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("到2025年,比重达到30%;(一)", "到2025年，比重达到30%；（一）"),  # half-width
        ("力爭達到1,000萬千瓦", "力争达到1,000万千瓦"),  # traditional; 1,000 keeps its comma
        ("１４．５％", "14.5%"),  # full-width digits and signs
        ("「十四五」时期", "“十四五”时期"),  # corner quotes
        ("制定本方案. 1.推广 3.5%", "制定本方案。 1.推广 3.5%"),  # a PDF's full stop
        ("印发«方案»", "印发《方案》"),
    ],
)
def test_the_view_reads_one_way(text: str, read: str):
    assert reading_view(text) == read
    assert len(reading_view(text)) == len(text)


def test_what_was_read_differently_is_counted():
    report = normalised("力爭達到30%,")
    assert report == [
        "half-width punctuation read as the official text writes it: 1",
        "traditional characters read as the official text writes it: 2",
    ]
    assert normalised("到2025年，比重达到30%。") == []
