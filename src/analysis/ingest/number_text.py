"""Does a text contain a given number, the way official sources write numbers?

Sources write 1.45亿平方米 where the data file says 14500 (万平方米), 2269487人 where it says
226.9487 (万人), 40.7 billion kWh for 407 (亿千瓦时), use full-width digits (１４．４), thousands
separators (49,843.1), traditional characters (1.01億), Chinese numerals for small counts
(二星级) or European notation (134,08 bilhões, 2.267.000). The check accepts all of these and
still fails when the number is simply not there.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

_CHINESE_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
# A Chinese numeral counts only before a measure word (二星级, 一种), not inside a word (二氧化碳).
_MEASURE_WORDS = "星种步个家座类级倍"
_SCALE_WORDS = {
    "万": Decimal(10) ** 4,
    "萬": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8,
    "億": Decimal(10) ** 8,
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "mln": Decimal(10) ** 6,
    "bln": Decimal(10) ** 9,
    "mil": Decimal(10) ** 3,
    "milhões": Decimal(10) ** 6,
    "bilhões": Decimal(10) ** 9,
}
_SCALES = "|".join(sorted(_SCALE_WORDS, key=len, reverse=True))
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?!\.?\d)\s*(" + _SCALES + ")?", re.IGNORECASE)
# European notation, as the city's Portuguese portal writes: 2.267.000 or 134,08 (bilhões).
_EUROPEAN = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+)(?![\d.,]*\d)\s*(" + _SCALES + ")?",
    re.IGNORECASE,
)

# Each notation: its pattern, and how its digits read as a plain decimal.
_NOTATIONS = (
    (_NUMBER, lambda digits: digits),
    (_EUROPEAN, lambda digits: digits.replace(".", "").replace(",", ".")),
)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    # thousands separators only between digit groups: 49,843.1 → 49843.1
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


def unit_scale(unit: str) -> Decimal:
    """How many base units one unit is: 万平方米 → 10⁴, 亿千瓦时 → 10⁸, % → 1."""
    for word, factor in _SCALE_WORDS.items():
        if unit.startswith(word):
            return factor
    return Decimal(1)


def written_amounts(text: str) -> list[Decimal]:
    """Every number written in the text, in base units (1.45亿 → 145000000)."""
    amounts = []
    text = _normalise(text)
    for pattern, digits in _NOTATIONS:
        for m in pattern.finditer(text):
            scale = _SCALE_WORDS[m.group(2).lower()] if m.group(2) else Decimal(1)
            amounts.append(Decimal(digits(m.group(1))) * scale)
    return amounts


def number_appears(value: float, text: str, unit: str = "") -> bool:
    """True if the text writes this value (in `unit`), allowing the notations described above."""
    wanted = abs(Decimal(repr(value)))
    in_base_units = wanted * unit_scale(unit)
    for amount in written_amounts(text):
        if amount in (wanted, in_base_units):
            return True
    if wanted == wanted.to_integral_value() and 0 < wanted <= 10:
        return any(
            re.search(f"{ch}[{_MEASURE_WORDS}]", text)
            for ch, digit in _CHINESE_DIGITS.items()
            if Decimal(digit) == wanted
        )
    return False
