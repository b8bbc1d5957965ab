"""Draft the target rows of a plan from its text, for a person to review.

Every number and year marker that no target or exclusion covers (the completeness scan's hits)
becomes a proposed row of targets.csv, or of exclusions.csv when it is plainly not a
commitment: a calendar date, a year inside a cited title (《…》) or a document number
(〔2022〕), a year with no amount before the plan's first heading (its notice), and a year whose
sentence names nothing the indicator list measures (a general goal). The fields are read
from the wording around the number by the rules below, which name the cue words of Chinese
planning documents, never the sentences of a particular plan: 达到…以上 is a minimum, 左右
about, 下降 a reduction, 力争 a striving commitment, 十四五 the year 2025. Every rule reads the
reading view (half-width punctuation, traditional script), and every quote is cut from the
cleaned text as published.

The indicator is chosen through the vocabulary's synonyms; where no indicator fits, a new one
is proposed with its unit, direction, measure and sector. A row says how sure the rules are and
why: "high" only when the value, the year, a comparator cue word and the indicator all agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from analysis.authoring.vocabulary import canonical, sector_of
from analysis.ingest.completeness import Hit, uncovered_hits
from analysis.ingest.plan_text import CHINESE_NUMERALS, Section, clause_at, parse_sections
from analysis.ingest.reading import reading_view

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
    (
        ">=",
        ("不低于", "不少于", "至少", "达到", "达", "提升至", "提高到", "提高至", "保持在", "超过"),
    ),
)
STRIVE_CUE = "力争"
ADDED = "新增"  # an amount added (a cumulative measure), not a level
# A range written with a dash: 3%—5%.
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*%?\s*[—–~－-]{1,2}\s*(\d+(?:\.\d+)?)\s*%")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(\S+)")
_YEAR = re.compile(r"(?<![比较])(?<![比较] )(\d{4})\s*年")
_BASE_YEAR = re.compile(r"[比较]\s*(\d{4})\s*年")
# The measure's words, left out when names are compared: the subject decides (单位工业增加值能耗
# is not 单位地区生产总值能耗 because both fell against 2020).
_MEASURE_WORDS = re.compile(r"[比较]\s*(?:\d{4}\s*年|上年)|下降率?|降低|减少|累计|年均")
# Verbs that come before an amount whose name follows it (建成500家绿色工厂).
_LEADING_VERBS = ("建成", "建设", "创建", "培育", "新增", "完成", "推广", "打造", "新建", "达到")
# What is not a commitment: a date, a year inside a cited title, a document number.
_DATE_AFTER = re.compile(r"\s*\d{1,2}\s*月")
_DOCUMENT_NUMBER = re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号")
# Words around an amount that are not the name of what it measures.
_TIME_WORDS = re.compile(
    r"(?:力争|确保|预计)?(?:到|至|在|于)?\s*(?:\d{4}\s*年(?:前|底|末|左右)?|“?十[四五六]五”?"
    r"(?:期间|时期|末)?)[，、]?"
)
_CUE_WORDS = re.compile(
    r"(?:力争|确保|累计|分别|[比较]\s*\d{4}\s*年|比上年|年均|"
    + "|".join(sorted({w for _, ws in (*AFTER_CUES, *BEFORE_CUES) for w in ws}, key=len)[::-1])
    + r")"
)
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


EXCLUSION_COLUMNS = ["plan_id", "context", "reason"]
INDICATOR_COLUMNS = [
    "indicator_id", "name_zh", "name_en", "unit", "direction", "measure", "sector", "definition",
]  # fmt: skip
# A new indicator of a commitment in words, as the indicator list writes one.
STATUS_UNIT = "status"
MIN_NAME_RUN = 3  # fewer of a name's characters than this is no match
MIN_NAME_SHARE = 0.6  # nor less than this share of its name
STRONG_NAME_SHARE = 0.8  # a match this close, and unique, counts towards "high"


@dataclass(frozen=True)
class Draft:
    """The review files of one plan: proposed targets, exclusions and new indicators."""

    targets: pd.DataFrame
    exclusions: pd.DataFrame
    indicators: pd.DataFrame


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


def comparator_of(view: str, hit: Hit, amount: Amount) -> tuple[str, str]:
    """How the amount binds, read from the cue words around it, and the cue that decided: the
    word right after the amount, else the nearest before it in its clause; a reduction before
    it wins over 以上 after it (下降…以上 is a reduction of at least so much)."""
    if amount.value_high is not None:
        return "between", "a range written with a dash"
    before = view[_clause_start(view, hit.start) : hit.start]
    found = [(before.rfind(w), comparator, w) for comparator, words in BEFORE_CUES for w in words]
    found = [f for f in found if f[0] >= 0]
    nearest = max(found, key=lambda f: (f[0] + len(f[2]), len(f[2]))) if found else None
    if nearest and nearest[1] == "reduce_by":
        return "reduce_by", f"{nearest[2]} before the amount"
    after = view[hit.end : hit.end + 4].lstrip()
    for comparator, words in AFTER_CUES:
        if word := next((w for w in words if after.startswith(w)), None):
            return comparator, f"{word} after the amount"
    if nearest:
        return nearest[1], f"{nearest[2]} before the amount"
    return "=", "no cue word: an amount to deliver"


def _year_of(marker: str) -> int | None:
    if marker in PERIOD_YEARS:
        return PERIOD_YEARS[marker]
    m = re.search(r"\d{4}", marker)
    return int(m.group()) if m else None


def target_year_of(view: str, at: int) -> tuple[int | None, str]:
    """The year set before the amount: the nearest 到2025年 or 十四五 of its sentence, else the
    year of its paragraph's opening sentence (到2030年，…取得较大进展。…比重达到25%左右: a
    paragraph that opens with a year governs its sentences); a base year, 比2020年, does not
    count."""
    start = _sentence_start(view, at)
    paragraph = view.rfind("\n", 0, at) + 1
    opening = view[paragraph : view.find("。", paragraph, start) + 1 or paragraph]
    for scope, words in ((view[start:at], "sentence"), (opening, "paragraph's opening")):
        years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(scope)]
        years += [(m.start(), PERIOD_YEARS[m.group()]) for m in re.finditer("十[四五六]五", scope)]
        if years:
            return max(years)[1], f"the nearest year of its {words}"
    return None, "no year in its paragraph"


def base_year_of(view: str, hit: Hit) -> int | None:
    """比2020年 in the amount's clause, else the nearest one before it in its sentence (…能耗
    比2020年下降14%，…二氧化碳排放下降21%: both against 2020): the year a change is measured
    against."""
    for start in (_clause_start(view, hit.start), _sentence_start(view, hit.start)):
        found = list(_BASE_YEAR.finditer(view[start : hit.start]))
        if found:
            return int(found[-1].group(1))
    return None


def _covered(name: str, words: str) -> int:
    """How many characters of a name the words hold, in runs of two or more (longest first,
    each of the name's characters counted once): 风电装机容量 is all held by 风电、太阳能发电
    装机容量, in two runs. A name whose first two characters are not held scores nothing:
    they are what tells it from its neighbours (风电… from 太阳能发电…, 单位地区… from
    单位工业…)."""
    covered, rest = 0, name
    while True:
        run = _longest_run(rest, words)
        if len(run) < 2:
            return covered if rest[:2] == "\0\0" or len(name) < 2 else 0
        covered += len(run)
        rest = rest.replace(run, "\0" * len(run), 1)


def _longest_run(a: str, b: str) -> str:
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def list_item_words(view: str, clause_start: int, hit: Hit) -> str | None:
    """The words of the one item an amount belongs to in a 分别 list (风电、光伏发电装机容量
    分别达到1000万千瓦、2200万千瓦: 1000 is the first item's, 风电 with the head noun the
    items share, 装机容量)."""
    before = view[clause_start : hit.start]
    at = before.find("分别")
    if at < 0:
        return None
    items = re.split("[、和及与]", _TIME_WORDS.sub("", before[:at]))
    index = len(re.findall(r"\d+(?:\.\d+)?", before[at:]))
    if len(items) < 2 or index >= len(items):
        return None
    head = items[-1][len(items[0]) :]
    return items[index] if index == len(items) - 1 else items[index] + head


def _candidates(
    words: str, comparator: str, base_year: int | None, added: bool, indicators: pd.DataFrame
) -> pd.DataFrame:
    """The indicators a clause can name, by measure: a reduction against a base year looks
    among changes against that year, 比上年 or 年均 among year-on-year rates, 新增 among amounts
    added, and anything else among levels."""
    yearly = indicators.name_zh.str.contains("比上年")
    if added and comparator != "reduce_by":
        return indicators[indicators.measure == "cumulative"]
    if comparator == "reduce_by" and ("比上年" in words or "年均" in words):
        return indicators[yearly]
    if comparator == "reduce_by":
        changes = indicators[indicators.measure == "change"]
        if base_year is not None:
            same_base = changes[changes.name_zh.str.contains(f"比{base_year}年")]
            return same_base if len(same_base) else changes
        return changes
    return indicators[(indicators.measure != "change") & ~yearly]


def best_indicator(
    words: str,
    unit: str,
    comparator: str,
    indicators: pd.DataFrame,
    base_year: int | None = None,
    added: bool = False,
) -> tuple[str | None, float, bool]:
    """The indicator whose name the amount's clause holds most of, synonyms in both written
    one way (光伏 as 太阳能发电) and the measure's words and a name's bracketed qualification
    (官方核算口径) left out, among those in the same unit
    and of the right measure; with the share of its name held and whether no other indicator
    ties with it. A name less than MIN_NAME_SHARE held is no match."""
    same_unit = indicators[indicators.unit == unit] if unit else indicators
    pool = _candidates(words, comparator, base_year, added, same_unit)
    words = _MEASURE_WORDS.sub("", canonical(words))
    scored = []
    for indicator_id, name in zip(pool.indicator_id, pool.name_zh, strict=True):
        subject = _MEASURE_WORDS.sub("", canonical(re.sub(r"（[^）]*）", "", name)))
        covered = _covered(subject, words)
        share = covered / max(len(subject), 1)
        if share >= MIN_NAME_SHARE and covered >= MIN_NAME_RUN:
            scored.append((covered, round(share, 3), indicator_id))
    if not scored:
        return None, 0.0, False
    # most of a name held first; between equals, the plainer id (co2_emissions before
    # co2_emissions_territorial, a research boundary no plan targets)
    scored.sort(key=lambda s: (-s[0], -s[1], len(s[2]), s[2]))
    unique = len(scored) == 1 or scored[1][:2] < scored[0][:2]
    return scored[0][2], scored[0][1], unique


def _words_before(view: str, clause_start: int, hit: Hit) -> str:
    """The clause's words before an amount, without its year, cue words, a leading verb, an
    earlier amount of the clause and punctuation: what the amount measures, if anything."""
    words = _CUE_WORDS.sub("", _TIME_WORDS.sub("", view[clause_start : hit.start]))
    words = re.split(r"[\d.%]+|[和及与、]", words)[-1]
    words = next((words[len(v) :] for v in _LEADING_VERBS if words.startswith(v)), words)
    return re.sub(r"[\s，；：“”（）《》]", "", words)


def subject_of(view: str, clause_start: int, hit: Hit) -> str:
    """What an amount measures, as a name for a new indicator: the clause's words before the
    amount (到2025年，光伏发电装机容量达到 → 光伏发电装机容量); the words after it when only a
    verb comes before (建成500家绿色工厂 → 绿色工厂); the subject of the clause before when this
    one has none (…能耗下降16%，力争下降18%)."""
    words = _words_before(view, clause_start, hit)
    if len(words) < 2:
        after = re.split(r"[和及与、，；。（\n]", view[hit.end : _clause_end(view, hit.end)])[0]
        words = re.sub(r"[\s“”]", "", after)
    if len(words) < 2 and clause_start > _sentence_start(view, hit.start):
        earlier = _clause_start(view, clause_start - 1)
        amounts = list(re.finditer(r"\d+(?:\.\d+)?\s*%?", view[earlier : clause_start - 1]))
        if amounts:
            m = amounts[-1]
            return subject_of(view, earlier, Hit(earlier + m.start(), earlier + m.end(), m.group()))
    return words[-24:]


def _new_indicator(
    plan_id: str,
    number: int,
    name: str,
    unit: str,
    comparator: str,
    base_year: int | None,
    added: bool,
) -> dict:
    """A proposed row of indicators.csv for an amount no indicator fits."""
    measure = {"reduce_by": "change"}.get(comparator, "cumulative" if added else "level")
    if measure == "change" and base_year is not None:
        name = f"{name}比{base_year}年下降"
    return {
        "indicator_id": f"{plan_id.split('-')[0]}_new_{number}",
        "name_zh": name,
        "name_en": "",
        "unit": unit or STATUS_UNIT,
        "direction": "down" if comparator == "<=" else "up",
        "measure": measure,
        "sector": sector_of(name),
        "definition": "",
    }


def _confidence(amount_read: bool, year: bool, cue: bool, indicator: bool) -> str:
    """high only when all four agree; one missing makes it medium, more low."""
    return {4: "high", 3: "medium"}.get(amount_read + year + cue + indicator, "low")


def _not_a_commitment(
    view: str, hit: Hit, amount: Amount | None, first_heading: int
) -> str | None:
    """Why a hit is plainly not a commitment of the plan, or None."""
    if re.fullmatch(r"\d{4}\s*年", hit.text) and _DATE_AFTER.match(view, hit.end):
        return "a calendar date (such as the notice's date of issue), not a target year"
    if view.rfind("《", 0, hit.start) > view.rfind("》", 0, hit.start):
        return "inside a cited title (《…》): the year or number of another document"
    for m in _DOCUMENT_NUMBER.finditer(view, max(0, hit.start - 12), hit.end + 12):
        if m.start() <= hit.start < m.end():
            return "part of a document number (〔YYYY〕N号)"
    if hit.start < first_heading and amount is None:
        return "a year before the plan's first heading (its notice or preface), with no amount"
    return None


@dataclass(frozen=True)
class _Plan:
    """One plan as each of its hits is drafted against: the rules read the reading view but
    quote the cleaned text, and every row shares the plan's indicators, units and scope."""

    plan_id: str
    cleaned: str
    view: str
    sections: list[Section]
    indicators: pd.DataFrame
    units: dict[str, str]  # by indicator_id
    scope: tuple[str, str]  # in Chinese and in English


@dataclass(frozen=True)
class _Span:
    """Where a hit's quote lies in the reading view, kept with the start of the hit's own
    clause: the quote is what a reviewer checks a row against, the clause what the rules read."""

    sentence: int
    clause: int
    end: int


@dataclass(frozen=True)
class _Reading:
    """What the wording around a hit says, read before any indicator is chosen: the comparator,
    unit and base year decide which indicators it can mean, and the words are matched to their
    names."""

    comparator: str
    value: float | None
    value_high: float | None
    unit: str
    year: int | None
    year_why: str
    base_year: int | None
    added: bool
    strive: bool
    words: str
    cue: str
    cued: bool


@dataclass(frozen=True)
class _Choice:
    """The indicator a row names and why, with a new indicator to propose when none fits: the
    proposal is returned rather than appended, so that the proposals, numbered in the order they
    are made, are kept in one place."""

    indicator_id: str
    why: str
    strong: bool  # a close and unique match of an existing name, which "high" needs
    proposal: dict | None


def draft_plan_text(
    plan_id: str,
    cleaned: str,
    covering: list[str],
    indicators: pd.DataFrame,
    district: bool,
) -> Draft:
    """A proposed target row for every amount no passage covers, a qualitative row for every
    uncovered year marker whose sentence sets no amount but names an indicator, an exclusion
    for every hit that is plainly not a commitment, and a new indicator for every amount that
    no indicator fits."""
    view = reading_view(cleaned)
    sections = parse_sections(cleaned)
    first_heading = sections[0].start if sections else 0
    hits = [h for h in uncovered_hits(cleaned, covering) if not ends_a_range(view, h)]
    not_commitments, kept = _exclude_non_commitments(plan_id, cleaned, view, hits, first_heading)
    plan = _Plan(
        plan_id=plan_id,
        cleaned=cleaned,
        view=view,
        sections=sections,
        indicators=indicators,
        units=dict(zip(indicators.indicator_id, indicators.unit, strict=True)),
        scope=("全区", "districtwide") if district else ("全市", "citywide"),
    )
    rows, general_goals, proposed = _draft_commitments(plan, kept)
    rows.sort(key=lambda row: row["position"])
    frame = pd.DataFrame(rows, columns=[*DRAFT_COLUMNS[1:], "position"])
    frame.insert(0, "target_id", _ids(plan_id, frame))
    exclusions = [*not_commitments, *general_goals]
    excluded = pd.DataFrame(exclusions, columns=EXCLUSION_COLUMNS).drop_duplicates("context")
    new_indicators = pd.DataFrame(proposed, columns=INDICATOR_COLUMNS)
    return Draft(frame, excluded.reset_index(drop=True), new_indicators)


def _exclude_non_commitments(
    plan_id: str, cleaned: str, view: str, hits: list[Hit], first_heading: int
) -> tuple[list[dict], list[tuple[Hit, Amount | None]]]:
    """The hits that are plainly not commitments, as exclusion rows, and the rest with their
    amounts: a date or a document number drafted as a target would be a row to delete at every
    draft, while as an exclusion it is accepted once and then counts as covered."""
    exclusions = []
    kept = []
    for hit in hits:
        amount = read_amount(hit, view)
        if reason := _not_a_commitment(view, hit, amount, first_heading):
            context = _context(cleaned, view, hit)
            exclusions.append({"plan_id": plan_id, "context": context, "reason": reason})
        else:
            kept.append((hit, amount))
    return exclusions, kept


def _draft_commitments(
    plan: _Plan, kept: list[tuple[Hit, Amount | None]]
) -> tuple[list[dict], list[dict], list[dict]]:
    """The target rows, the exclusions of general goals and the new indicators proposed, in one
    pass because a hit depends on those drafted before it: a year marker an earlier quote holds
    is not drafted again, and an amount reuses a new indicator an earlier one proposed."""
    spans: list[tuple[int, int]] = []  # the quotes drafted so far
    rows: list[dict] = []
    general_goals: list[dict] = []
    proposed: list[dict] = []
    # amounts first, so that a year their quotes hold (到2025年，…达到30%) is not drafted again
    for hit, amount in sorted(kept, key=lambda pair: (pair[1] is None, pair[0].start)):
        if amount is None and any(a <= hit.start < b for a, b in spans):
            continue
        span = _span_of(plan.view, hit, amount)
        spans.append((span.sentence, span.end))
        quote = plan.cleaned[span.sentence : span.end].strip()
        reading = _read_hit(plan.view, hit, amount, span)
        match = _indicator_of(plan, hit, amount, span, reading)
        if match[0] is None and amount is None:
            general_goals.append(
                {
                    "plan_id": plan.plan_id,
                    "context": quote,
                    "reason": "a year in a general goal that names nothing the indicator list "
                    "measures; make it a target if it commits to something measurable",
                }
            )
            continue
        choice = _choose_indicator(plan, hit, span, reading, match, proposed)
        if choice.proposal is not None:
            proposed.append(choice.proposal)
        rows.append(_target_row(plan, hit, amount, quote, reading, choice))
    return rows, general_goals, proposed


def _span_of(view: str, hit: Hit, amount: Amount | None) -> _Span:
    """The hit's sentence up to the end of its clause; for a year marker, of the clause after
    it too when its own ends in ，or ：, since 到2025年， alone says nothing of the commitment."""
    end = _clause_end(view, hit.end)
    if amount is None:
        end = _clause_end(view, end + 1) if view[end : end + 1] in "，：" else end
    return _Span(_sentence_start(view, hit.start), _clause_start(view, hit.start), end)


def _read_hit(view: str, hit: Hit, amount: Amount | None, span: _Span) -> _Reading:
    """The cue words read around an amount, or, for a year marker, a commitment in words: such
    a marker sets a year but no value, so only an indicator its clause names makes it a row."""
    base_year = base_year_of(view, hit)
    # 新增 right before the amount: an amount added (装机容量新增130万千瓦)
    added = ADDED in view[max(span.clause, hit.start - 6) : hit.start]
    clause = view[span.clause : span.end]
    strive = STRIVE_CUE in clause or STRIVE_CUE in view[span.sentence : hit.start][:8]
    if amount is None:
        return _Reading(
            comparator="qualitative",
            value=None,
            value_high=None,
            unit="",
            year=_year_of(hit.text),
            year_why="a year marker with no amount in its sentence",
            base_year=base_year,
            added=added,
            strive=strive,
            words=clause,
            cue="no amount: a commitment in words",
            cued=True,
        )
    year, year_why = target_year_of(view, hit.start)
    comparator, cue = comparator_of(view, hit, amount)
    return _Reading(
        comparator=comparator,
        value=amount.value,
        value_high=amount.value_high,
        unit=amount.unit,
        year=year,
        year_why=year_why,
        base_year=base_year,
        added=added,
        strive=strive,
        words=list_item_words(view, span.clause, hit) or clause,
        cue=cue,
        cued=not cue.startswith("no cue"),
    )


def _indicator_of(
    plan: _Plan, hit: Hit, amount: Amount | None, span: _Span, reading: _Reading
) -> tuple[str | None, float, bool]:
    """best_indicator of the hit's words, else, for an amount with next to no words of its own,
    of the clause before it too: a bare 比重达到20% has its subject in the clause before."""
    match = best_indicator(
        reading.words,
        reading.unit,
        reading.comparator,
        plan.indicators,
        reading.base_year,
        reading.added,
    )
    bare = amount is not None and len(_words_before(plan.view, span.clause, hit)) < 3
    if match[0] is None and bare and span.clause > span.sentence:
        return best_indicator(
            plan.view[_clause_start(plan.view, span.clause - 1) : span.end],
            reading.unit,
            reading.comparator,
            plan.indicators,
            reading.base_year,
            reading.added,
        )
    return match


def _choose_indicator(
    plan: _Plan,
    hit: Hit,
    span: _Span,
    reading: _Reading,
    match: tuple[str | None, float, bool],
    proposed: list[dict],
) -> _Choice:
    """The matched indicator, else a new one named after the amount's subject; one already
    proposed with the same name and unit is reused, so that a subject a plan names twice
    (…能耗下降16%，力争下降18%) is one indicator for the reviewer, not two to merge."""
    indicator, score, unique = match
    strong = score >= STRONG_NAME_SHARE and unique
    if indicator is not None:
        return _Choice(
            indicator, f"{score:.0%} of its name" + ("" if unique else ", tied"), strong, None
        )
    new = _new_indicator(
        plan.plan_id,
        len(proposed) + 1,
        subject_of(plan.view, span.clause, hit),
        reading.unit,
        reading.comparator,
        reading.base_year,
        reading.added,
    )
    key = (new["name_zh"], new["unit"])
    same = [p for p in proposed if (p["name_zh"], p["unit"]) == key]
    why = "no name matches: a new one is proposed"
    if same:
        return _Choice(same[0]["indicator_id"], why, strong, None)
    return _Choice(new["indicator_id"], why, strong, new)


def _target_row(
    plan: _Plan, hit: Hit, amount: Amount | None, quote: str, reading: _Reading, choice: _Choice
) -> dict:
    """One proposed row of targets.csv, with its position in the text to order the rows by and
    a confidence and a why, so that the reviewer knows which rows to check most closely."""
    # a commitment in words is measured in the unit of the indicator it names
    unit = reading.unit if amount is not None else plan.units.get(choice.indicator_id, STATUS_UNIT)
    return {
        "plan_id": plan.plan_id,
        "clause": clause_at(plan.sections, hit.start),
        "indicator_id": choice.indicator_id,
        "comparator": reading.comparator,
        "value": reading.value,
        "value_high": reading.value_high,
        "unit": unit,
        "base_year": reading.base_year,
        "target_year": reading.year,
        "scope_zh": plan.scope[0],
        "scope_en": plan.scope[1],
        "commitment": "strive" if reading.strive else "firm",
        "quote": quote,
        "note": "",
        "confidence": _confidence(
            amount is not None, reading.year is not None, reading.cued, choice.strong
        ),
        "why": f"{hit.text}: {reading.cue}; year: {reading.year_why}; indicator: {choice.why}",
        "position": hit.start,
    }


def _context(cleaned: str, view: str, hit: Hit) -> str:
    """The passage an exclusion names: the hit's clause, cut from the cleaned text."""
    return cleaned[_clause_start(view, hit.start) : _clause_end(view, hit.end)].strip()


def draft_rows(
    plan_id: str, cleaned: str, covering: list[str], indicators: pd.DataFrame, district: bool
) -> pd.DataFrame:
    """The proposed target rows alone (see draft_plan_text)."""
    return draft_plan_text(plan_id, cleaned, covering, indicators, district).targets


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
