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


# A year or a date is not an amount: 2020年, 2020年3月5日, 3月5日, 2020-03-05.
_DATES = re.compile(
    r"(?<![\d.])(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?:19|20)\d{2}[-/]\d{1,2}(?:[-/]\d{1,2})?(?![\d.])"
    r"|(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}(?![\d.]))"
)
# A run of Chinese numerals, read whole (十二 is 12, and 二 is not found inside it).
_CHINESE_RUN = re.compile(rf"[{''.join(_CHINESE_DIGITS)}百]+(?=[{_MEASURE_WORDS}])")


def chinese_number(run: str) -> int | None:
    """The value of a run of Chinese numerals up to 999 (二十三 → 23, 一百零 → None)."""
    total, digit = 0, None
    for ch in run:
        if ch in "十百":
            total += (1 if digit is None else digit) * (10 if ch == "十" else 100)
            digit = None
        elif digit is not None:
            return None  # two digits in a row: 二三 is not a number
        else:
            digit = _CHINESE_DIGITS[ch]
    return total + (digit or 0)


def _read_amounts(text: str) -> tuple[str, list[tuple[re.Match, Decimal]]]:
    """The text as numbers are read in it (normalised, years and dates blanked), and every
    number written there with its amount in base units."""
    text = _DATES.sub(" ", _normalise(text))
    found = []
    for pattern, digits in _NOTATIONS:
        for m in pattern.finditer(text):
            scale = _SCALE_WORDS[m.group(2).lower()] if m.group(2) else Decimal(1)
            found.append((m, Decimal(digits(m.group(1))) * scale))
    return text, found


def written_amounts(text: str) -> list[Decimal]:
    """Every number written in the text, in base units (1.45亿 → 145000000); years and dates are
    not amounts."""
    return [amount for _, amount in _read_amounts(text)[1]]


def number_appears(value: float, text: str, unit: str = "") -> bool:
    """True if the text writes this value (in `unit`), allowing the notations described above."""
    wanted = abs(Decimal(repr(value)))
    in_base_units = wanted * unit_scale(unit)
    for amount in written_amounts(text):
        if amount in (wanted, in_base_units):
            return True
    if wanted == wanted.to_integral_value() and 0 < wanted < 1000:
        return any(chinese_number(m.group()) == wanted for m in _CHINESE_RUN.finditer(text))
    return False


# Words that bound a figure, and the qualifier each one means: before it (不足5%) or after it
# and its unit (5万辆以上).
QUALIFIER_CUES = (
    ("<", ("不足", "不到", "低于", "少于"), ("以下", "以内")),
    (">", ("超过", "逾", "多于", "高于"), ("以上", "多")),
    ("~", ("约", "近", "大约"), ("左右",)),
)


def qualifier_cue(value: float, text: str, unit: str = "") -> tuple[str, str] | None:
    """The qualifier that a text's own cue word next to this value gives it, and the word; None
    when no cue word stands next to it."""
    wanted = abs(Decimal(repr(value)))
    targets = {wanted, wanted * unit_scale(unit)}
    text, found = _read_amounts(text)
    for m, amount in found:
        if amount not in targets:
            continue
        before, after = text[max(0, m.start() - 3) : m.start()], text[m.end() : m.end() + 8]
        after = re.split(r"[，。；,;、（(]", after)[0]
        for qualifier, leading, trailing in QUALIFIER_CUES:
            word = next((w for w in leading if before.rstrip().endswith(w)), None)
            word = word or next((w for w in trailing if w in after), None)
            if word:
                return qualifier, word
    return None
