"""Find every quantity and every year marker in a plan, so that none can be missed as a target.

A hit is a number followed by a unit (or %), a year (2025年), a five-year-plan period
(“十四五”), or an amount written in Chinese numerals where plans write them: a grade (二星级),
a count of kinds (一种), a step of a standard (第五步) or a scale (千亿级). Each hit must be
covered by a target's quote or an exclusion's context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.ingest.plan_text import CHINESE_NUMERALS
from analysis.ingest.reading import reading_view

# Longest units first so that 万平方米 wins over 平方米.
UNITS = sorted(
    [
        "%",
        "％",
        "万千瓦",
        "千瓦",
        "亿千瓦时",
        "千瓦时",
        "亿平方米",
        "万平方米",
        "平方米",
        "万立方米",
        "立方米",
        "万辆",
        "辆",
        "吨",
        "家",
        "座",
        "年",
        "号线",
        "级",
        "个",
        "种",
        "万人",
        "亿元",
        "万元",
        "倍",
    ],
    key=len,
    reverse=True,
)
_NUMBER_WITH_UNIT = re.compile(r"\d+(?:\.\d+)?\s*(?:" + "|".join(re.escape(u) for u in UNITS) + ")")
_PERIOD = re.compile(r"十[四五六]五")
# Chinese numerals count only before these words: 一批, 进一步, 十九大 are not amounts.
_CHINESE_AMOUNT = re.compile(
    rf"[{CHINESE_NUMERALS}两]+(?:星级|种)|第[{CHINESE_NUMERALS}]+步|[十百千万]+亿级"
)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str


def find_hits(cleaned: str) -> list[Hit]:
    """Every quantity or period marker in the cleaned text, in order, read through the reading
    view (２０２５年, 萬千瓦 and 十四五 are found as 2025年, 万千瓦 and 十四五); a hit's text is
    written as the view reads it."""
    view = reading_view(cleaned)
    found = [*_NUMBER_WITH_UNIT.finditer(view), *_PERIOD.finditer(view)]
    found += _CHINESE_AMOUNT.finditer(view)
    return sorted((Hit(m.start(), m.end(), m.group()) for m in found), key=lambda h: h.start)


def spans_of(cleaned: str, passages: Iterable[str]) -> list[tuple[int, int]]:
    """Every place where each passage occurs in the text (a passage may occur more than once)."""
    spans: list[tuple[int, int]] = []
    for passage in passages:
        if not passage:
            continue
        at = cleaned.find(passage)
        while at >= 0:
            spans.append((at, at + len(passage)))
            at = cleaned.find(passage, at + 1)
    return spans


def uncovered_hits(cleaned: str, covering: Iterable[str]) -> list[Hit]:
    """Hits that no covering passage (target quote or exclusion context) contains.

    One sweep over hits and spans, both in order of their start: the furthest end of the spans
    begun so far says whether a hit is inside one, so the scan grows with the text, not with
    hits times passages.
    """
    spans = sorted(spans_of(cleaned, covering))
    uncovered, at, furthest = [], 0, -1
    for hit in find_hits(cleaned):
        while at < len(spans) and spans[at][0] <= hit.start:
            furthest = max(furthest, spans[at][1])
            at += 1
        if furthest < hit.end:
            uncovered.append(hit)
    return uncovered
