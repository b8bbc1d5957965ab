"""Who is responsible for each clause: the agency lists that close the plans' paragraphs.

Beijing writes "（市发展改革委、…等按职责分工负责）", Changping "（责任单位：…）" or
"[责任单位：…]". Names are split by matching the known aliases of data/agencies.csv, longest
first, because some names contain the separator themselves (各镇政府、街道办事处).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.ingest.plan_text import clause_at, parse_sections

# A bracketed group that closes a paragraph; inner brackets are allowed, as in
# 未来科学城管委会（生命科学园管委会）.
_NOTE = re.compile(r"(?:（((?:[^（）]|（[^（）]*）)+)）|\[([^\[\]]+)\])\s*$")
_PREFIX = re.compile(r"^责任单位[：:]\s*")
_SUFFIX = re.compile(r"(?:等)?按职责分工负责$")
_SEPARATORS = "、，,；; \n"


@dataclass(frozen=True)
class Assignment:
    plan_id: str
    clause: str
    position: int  # 1 = named first, usually the lead agency
    alias: str
    paragraph_start: int


@dataclass(frozen=True)
class UnknownName:
    plan_id: str
    clause: str
    fragment: str


def split_agencies(note: str, aliases: list[str]) -> tuple[list[str], list[str]]:
    """The aliases named in a note, in order, and any fragments that match no alias."""
    ordered = sorted(aliases, key=len, reverse=True)
    found: list[str] = []
    unknown: list[str] = []
    rest = note
    while rest:
        if rest[0] in _SEPARATORS:
            rest = rest[1:]
            continue
        alias = next((a for a in ordered if rest.startswith(a)), None)
        if alias:
            found.append(alias)
            rest = rest[len(alias) :]
            continue
        cut = min((i for i, ch in enumerate(rest) if ch in _SEPARATORS), default=len(rest))
        unknown.append(rest[:cut])
        rest = rest[cut:]
    return found, unknown


def _note_of(paragraph: str) -> tuple[str, bool] | None:
    """The agency list closing a paragraph, and whether it declares itself a list of agencies."""
    found = _NOTE.search(paragraph)
    if not found:
        return None
    note = (found.group(1) or found.group(2)).strip()
    explicit = bool(found.group(2) or _PREFIX.match(note) or _SUFFIX.search(note))
    return _SUFFIX.sub("", _PREFIX.sub("", note)), explicit


def assignments(
    plan_id: str, cleaned: str, aliases: list[str]
) -> tuple[list[Assignment], list[UnknownName]]:
    """Every (clause, agency) pair the plan names, and names that are not in the alias table.

    A closing bracket group counts as a note when it says so (责任单位 / 按职责分工负责, or the
    square brackets Changping uses only for notes) or when every name in it is a known agency,
    as in Beijing's bare "（市生态环境局）".
    """
    sections = parse_sections(cleaned)
    found: list[Assignment] = []
    unknown: list[UnknownName] = []
    offset = 0
    for paragraph in cleaned.split("\n\n"):
        start, offset = offset, offset + len(paragraph) + 2
        note = _note_of(paragraph)
        if note is None:
            continue
        names, strays = split_agencies(note[0], aliases)
        if strays and not note[1]:
            continue
        clause = clause_at(sections, start)
        unknown += [UnknownName(plan_id, clause, stray) for stray in strays]
        found += [
            Assignment(plan_id, clause, i, name, start) for i, name in enumerate(names, start=1)
        ]
    return found, unknown


def responsibility_frame(texts: dict[str, str], agencies: pd.DataFrame) -> pd.DataFrame:
    """One row per clause and agency (first mention kept), with the normalised agency id."""
    ids = dict(zip(agencies.alias, agencies.agency_id, strict=True))
    rows = [
        {
            "plan_id": a.plan_id,
            "clause": a.clause,
            "paragraph_start": a.paragraph_start,
            "position": a.position,
            "alias": a.alias,
            "agency_id": ids[a.alias],
        }
        for plan_id, text in texts.items()
        for a in assignments(plan_id, text, list(ids))[0]
    ]
    columns = ["plan_id", "clause", "paragraph_start", "position", "alias", "agency_id"]
    return pd.DataFrame(rows, columns=columns)


def target_agencies(
    targets: pd.DataFrame, responsibilities: pd.DataFrame, texts: dict[str, str]
) -> pd.DataFrame:
    """The agencies named in the note of the paragraph that carries each target's quote."""
    rows = []
    for target in targets.to_dict("records"):
        text = texts.get(target["plan_id"], "")
        at = text.find(target["quote"])
        if at < 0:
            continue
        paragraph_start = text.rfind("\n\n", 0, at) + 2 if "\n\n" in text[:at] else 0
        named = responsibilities[
            (responsibilities.plan_id == target["plan_id"])
            & (responsibilities.paragraph_start == paragraph_start)
        ]
        rows += [
            {"target_id": target["target_id"], "agency_id": a, "position": p}
            for a, p in zip(named.agency_id, named.position, strict=True)
        ]
    return pd.DataFrame(rows, columns=["target_id", "agency_id", "position"])
