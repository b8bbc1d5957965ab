"""Draft the target rows of a plan from its text, for a person to review.

Every number and year marker that no target or exclusion covers (the completeness scan's hits)
becomes a proposed row of targets.csv. Its fields are read from the wording around the number
by the rules below, which name the cue words of Chinese planning documents, never the sentences
of a particular plan: 达到…以上 is a minimum, 左右 about, 下降 a reduction, 力争 a striving
commitment, 十四五 the year 2025. A row says how sure the rules are and why, so the reviewer
knows where to look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from analysis.ingest.completeness import Hit, uncovered_hits
from analysis.ingest.plan_text import CHINESE_NUMERALS, clause_at, parse_sections

PERIOD_YEARS = {"十四五": 2025, "十五五": 2030, "十六五": 2035}
_CHINESE_VALUES = dict(zip(CHINESE_NUMERALS, range(1, 11), strict=True)) | {"两": 2}
_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10_000}

# Comparator cues, strongest first: the words right after the amount, then the nearest word
# before it in its clause.
AFTER_CUES = (("approx", ("左右",)), (">=", ("以上", "及以上")), ("<=", ("以下", "以内")))
BEFORE_CUES = (
    ("approx", ("约为", "约")),
    ("reduce_by", ("下降", "降低", "减少")),
    ("<=", ("不超过", "不高于", "控制在")),
    (">=", ("不低于", "不少于", "至少", "达到", "提升至", "提高到", "提高至", "保持在", "超过")),
)
STRIVE_CUE = "力争"
# A range written with a dash: 3%—5%.
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*%?\s*[—–~－-]{1,2}\s*(\d+(?:\.\d+)?)\s*%")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(\S+)")
_YEAR = re.compile(r"(?<!比)(?<!比 )(\d{4})\s*年")
_BASE_YEAR = re.compile(r"比\s*(\d{4})\s*年")
# Units a plan writes at a larger scale than the indicators hold them.
SCALED_UNITS = {"亿平方米": ("万平方米", 10_000), "亿千瓦": ("万千瓦", 10_000)}
# Where a clause and a sentence end.
_CLAUSE_END = "，；。：\n"
_SENTENCE_END = "。\n"

DRAFT_COLUMNS = [
    "target_id", "plan_id", "clause", "indicator_id", "comparator", "value", "value_high",
    "unit", "base_year", "target_year", "scope_zh", "scope_en", "commitment", "quote", "note",
    "confidence", "why",
]  # fmt: skip


@dataclass(frozen=True)
class Amount:
    value: float | None
    unit: str
    value_high: float | None = None


def read_amount(hit: Hit, text: str) -> Amount | None:
    """The value and unit a hit writes (None for a year marker): 1.45亿平方米 → 14500 万平方米,
    二星级 → 2 星级, 第五步 → 5 步, 3%—5% → 3 to 5 %."""
    written = hit.text
    if re.fullmatch(r"\d{4}\s*年", written) or written in PERIOD_YEARS:
        return None
    if m := _RANGE.match(text, hit.start):
        return Amount(float(m.group(1)), "%", float(m.group(2)))
    if m := re.fullmatch(rf"第?([{CHINESE_NUMERALS}两]+)(星级|种|步)", written):
        return Amount(float(_chinese_number(m.group(1))), m.group(2))
    if m := re.fullmatch(r"([十百千万]+)亿级", written):
        return Amount(float(_chinese_scale(m.group(1))), "亿元")
    m = _AMOUNT.fullmatch(written)
    value, unit = Decimal(m.group(1)), m.group(2).replace("％", "%")
    if unit in SCALED_UNITS:
        unit, factor = SCALED_UNITS[unit]
        value *= factor
    return Amount(float(value), unit)


def ends_a_range(text: str, hit: Hit) -> bool:
    """The hit is the upper bound of a range (the 5% of 3%—5%), drafted with its lower bound."""
    return bool(re.search(r"\d\s*%?\s*[—–~－-]{1,2}\s*$", text[max(0, hit.start - 12) : hit.start]))


def _chinese_number(numeral: str) -> int:
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _CHINESE_VALUES[numeral[1]]
    if len(numeral) == 2 and numeral[1] == "十":
        return _CHINESE_VALUES[numeral[0]] * 10
    return _CHINESE_VALUES[numeral[0]]


def _chinese_scale(scale: str) -> int:
    product = 1
    for ch in scale:
        product *= _SCALES[ch]
    return product


def _clause_start(text: str, at: int) -> int:
    return max(text.rfind(ch, 0, at) for ch in _CLAUSE_END) + 1


def _sentence_start(text: str, at: int) -> int:
    return max(text.rfind(ch, 0, at) for ch in _SENTENCE_END) + 1


def _clause_end(text: str, at: int) -> int:
    ends = [i for i in (text.find(ch, at) for ch in _CLAUSE_END) if i >= 0]
    return min(ends) if ends else len(text)


def comparator_of(text: str, hit: Hit, amount: Amount) -> tuple[str, str]:
    """How the amount binds, read from the cue words around it, and the cue that decided."""
    if amount.value_high is not None:
        return "between", "a range written with a dash"
    after = text[hit.end : hit.end + 4].lstrip()
    for comparator, words in AFTER_CUES:
        if word := next((w for w in words if after.startswith(w)), None):
            return comparator, f"{word} after the amount"
    before = text[_clause_start(text, hit.start) : hit.start]
    found = [(before.rfind(w), comparator, w) for comparator, words in BEFORE_CUES for w in words]
    found = [f for f in found if f[0] >= 0]
    if found:
        _, comparator, word = max(found, key=lambda f: (f[0] + len(f[2]), len(f[2])))
        return comparator, f"{word} before the amount"
    return "=", "no cue word: an amount to deliver"


def _year_of(marker: str) -> int | None:
    if marker in PERIOD_YEARS:
        return PERIOD_YEARS[marker]
    m = re.search(r"\d{4}", marker)
    return int(m.group()) if m else None


def target_year_of(text: str, at: int) -> tuple[int | None, str]:
    """The year the sentence sets before the amount: the nearest 到2025年 or 十四五 (a base
    year, 比2020年, does not count)."""
    sentence = text[_sentence_start(text, at) : at]
    years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(sentence)]
    years += [(m.start(), PERIOD_YEARS[m.group()]) for m in re.finditer("十[四五六]五", sentence)]
    if not years:
        return None, "no year in its sentence"
    return max(years)[1], "the nearest year of its sentence"


def base_year_of(text: str, hit: Hit) -> int | None:
    """比2020年 in the amount's clause: the year a change is measured against."""
    m = _BASE_YEAR.search(text[_clause_start(text, hit.start) : hit.start])
    return int(m.group(1)) if m else None


def _shared_run(a: str, b: str) -> int:
    """The length of the longest run of characters two texts share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def best_indicator(
    words: str, unit: str, comparator: str, indicators: pd.DataFrame
) -> tuple[str | None, int]:
    """The indicator whose name shares the longest run of characters with the amount's clause
    (plans write the name before the amount, 覆盖率达到45%, or after it, 完成3000万平方米公共建筑
    节能改造), among those in the same unit; a reduction looks among changes first."""
    same_unit = indicators[indicators.unit == unit] if unit else indicators
    if comparator == "reduce_by" and (same_unit.measure == "change").any():
        same_unit = same_unit[same_unit.measure == "change"]
    elif comparator != "reduce_by" and (same_unit.measure != "change").any():
        same_unit = same_unit[same_unit.measure != "change"]
    scored = [
        (_shared_run(name, words), -len(name), indicator_id)
        for indicator_id, name in zip(same_unit.indicator_id, same_unit.name_zh, strict=True)
    ]
    if not scored:
        return None, 0
    score, _, indicator_id = max(scored)
    return (indicator_id, score) if score >= 3 else (None, score)


def _confidence(indicator_score: int, year_found: bool, cue: str) -> str:
    points = (indicator_score >= 5) + year_found + (not cue.startswith("no cue"))
    return ("low", "low", "medium", "high")[points]


def draft_rows(
    plan_id: str,
    cleaned: str,
    covering: list[str],
    indicators: pd.DataFrame,
    district: bool,
) -> pd.DataFrame:
    """A proposed target row for every amount no passage covers, and a qualitative row for
    every uncovered year marker whose sentence sets no amount."""
    sections = parse_sections(cleaned)
    hits = [h for h in uncovered_hits(cleaned, covering) if not ends_a_range(cleaned, h)]
    amounts = [(h, read_amount(h, cleaned)) for h in hits]
    with_amounts = {_sentence_start(cleaned, h.start) for h, a in amounts if a is not None}
    scope = ("全区", "districtwide") if district else ("全市", "citywide")
    rows = []
    for hit, amount in amounts:
        sentence = _sentence_start(cleaned, hit.start)
        if amount is None and sentence in with_amounts:
            continue  # the year of an amount in the same sentence
        end = _clause_end(cleaned, hit.end)
        if amount is None:
            end = _clause_end(cleaned, end + 1) if cleaned[end : end + 1] in "，：" else end
        quote = cleaned[sentence:end].strip()
        if amount is None:
            year, year_why = _year_of(hit.text), "a year marker with no amount in its sentence"
            row = {"comparator": "qualitative", "value": None, "value_high": None, "unit": ""}
            words, cue = quote, "no amount: a commitment in words"
        else:
            year, year_why = target_year_of(cleaned, hit.start)
            comparator, cue = comparator_of(cleaned, hit, amount)
            row = {
                "comparator": comparator,
                "value": amount.value,
                "value_high": amount.value_high,
                "unit": amount.unit,
            }
            words = cleaned[_clause_start(cleaned, hit.start) : end]
        indicator, score = best_indicator(words, row["unit"], row["comparator"], indicators)
        clause_text = cleaned[_clause_start(cleaned, hit.start) : end]
        strive = STRIVE_CUE in clause_text or STRIVE_CUE in cleaned[sentence : hit.start][:8]
        rows.append(
            {
                "plan_id": plan_id,
                "clause": clause_at(sections, hit.start) or "",
                "indicator_id": indicator or f"new_indicator_{len(rows) + 1}",
                **row,
                "base_year": base_year_of(cleaned, hit),
                "target_year": year,
                "scope_zh": scope[0],
                "scope_en": scope[1],
                "commitment": "strive" if strive else "firm",
                "quote": quote,
                "note": "",
                "confidence": _confidence(score, year is not None, cue),
                "why": f"{hit.text}: {cue}; year: {year_why}; indicator: "
                + (f"{score} characters of its name" if indicator else "no name matches"),
                "position": hit.start,
            }
        )
    frame = pd.DataFrame(rows, columns=[*DRAFT_COLUMNS[1:], "position"])
    frame.insert(0, "target_id", _ids(plan_id, frame))
    return frame


def _ids(plan_id: str, frame: pd.DataFrame) -> list[str]:
    """Short ids as the curated rows have them: place, indicator, year; made unique."""
    prefix = plan_id.split("-")[0]
    seen: dict[str, int] = {}
    ids = []
    for indicator, year in zip(frame.indicator_id, frame.target_year, strict=True):
        base = f"{prefix}-{str(indicator).replace('_', '-')}-{'' if pd.isna(year) else int(year)}"
        base = base.rstrip("-")
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids
