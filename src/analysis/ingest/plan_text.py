"""Turn a plan text, as collected, into the cleaned text that quotes are checked against.

The collected copies are kept byte-for-byte under ``data/plans``; every repair happens here so
that anyone can see (and test) exactly what was changed: a news-site preface is dropped, and
paragraphs that a PDF page break cut in two are joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CHINESE_NUMERALS = "一二三四五六七八九十"

# A paragraph that ends with one of these closes a sentence or a responsibility note, so a
# blank line after it is a real paragraph break, not a page break.
_TERMINAL = "。！？；）]】"
# Page-break artefacts only occur inside body text; short lines (titles, signatures, dates)
# legitimately end without punctuation.
_MIN_BODY_PARAGRAPH = 40

_CHAPTER = re.compile(rf"^([{CHINESE_NUMERALS}]+)、(.+)$")
_SECTION = re.compile(rf"^（([{CHINESE_NUMERALS}]+)）(.*)$")
_ITEM = re.compile(r"^(\d{1,2})\.\s*(\S.*)$")


@dataclass(frozen=True)
class Section:
    """One heading of a plan and the text it governs, located in the cleaned text."""

    level: int  # 1 chapter (一、), 2 section (（三）), 3 item (1.)
    label: str  # as printed, without its punctuation: "三", "（十三）" keeps its brackets, "1"
    clause: str  # the full reference, e.g. "五（十三）" or "三（四）1"
    title: str
    start: int  # offset of the heading in the cleaned text
    end: int  # offset where the next heading of the same or a higher level starts


def _normalise_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip(" \t\u3000\ufeff") for line in text.split("\n")]


def paragraphs(text: str) -> list[str]:
    """Split on blank lines; a single newline stays inside its paragraph (signature blocks)."""
    paras: list[list[str]] = [[]]
    for line in _normalise_lines(text):
        if line:
            paras[-1].append(line)
        elif paras[-1]:
            paras.append([])
    return ["\n".join(p) for p in paras if p]


def is_heading(paragraph: str) -> bool:
    """A heading line of any level that carries no body text of its own."""
    first_line = paragraph.split("\n", 1)[0]
    if "。" in first_line:
        return False
    return bool(_CHAPTER.match(first_line) or _SECTION.match(first_line) or _ITEM.match(first_line))


def _cut_by_page_break(paragraph: str, following: str) -> bool:
    return (
        len(paragraph) >= _MIN_BODY_PARAGRAPH
        and paragraph[-1] not in _TERMINAL
        and not is_heading(paragraph)
        and not is_heading(following)
    )


def join_page_breaks(paras: list[str]) -> tuple[list[str], int]:
    """Join paragraphs split by a page break; return the paragraphs and how many joins happened."""
    joined: list[str] = []
    joins = 0
    for para in paras:
        if joined and _cut_by_page_break(joined[-1], para):
            joined[-1] += para
            joins += 1
        else:
            joined.append(para)
    return joined, joins


def drop_preface(text: str, body_starts_with: str | None) -> str:
    """Drop whatever precedes the plan's own first line (a source URL, a news preface).

    The marker must begin a line: a news preface may quote the plan's title mid-sentence.
    """
    if not body_starts_with:
        return text
    found = re.search(r"(?m)^[ \t\u3000]*" + re.escape(body_starts_with), text)
    if not found:
        raise ValueError(
            f"the plan text has no line starting with its start marker {body_starts_with!r}"
        )
    return text[found.start() :]


def clean_plan_text(raw: str, body_starts_with: str | None = None) -> str:
    """The cleaned text: preface dropped, lines trimmed, page breaks joined, one blank line
    between paragraphs."""
    paras, _ = join_page_breaks(paragraphs(drop_preface(raw, body_starts_with)))
    return "\n\n".join(paras) + "\n"


def _heading_of(paragraph: str) -> tuple[int, str, str] | None:
    first_line = paragraph.split("\n", 1)[0]
    if m := _CHAPTER.match(first_line):
        if "。" not in first_line:
            return 1, m.group(1), m.group(2)
        return None
    if m := _SECTION.match(first_line):
        return 2, f"（{m.group(1)}）", m.group(2).split("。", 1)[0]
    if m := _ITEM.match(first_line):
        return 3, m.group(1), m.group(2).split("。", 1)[0]
    return None


def parse_sections(cleaned: str) -> list[Section]:
    """The heading structure of a cleaned plan text, each heading with the span it governs.

    Clause references join the labels of the enclosing headings ("三（四）1"), because the
    district plan restarts its numbering in every chapter and a bare "（一）1" is ambiguous.
    """
    found: list[tuple[int, str, str, int]] = []
    offset = 0
    for para in cleaned.split("\n\n"):
        heading = _heading_of(para)
        if heading:
            found.append((*heading, offset))
        offset += len(para) + 2

    sections: list[Section] = []
    path: dict[int, str] = {}
    for i, (level, label, title, start) in enumerate(found):
        path = {lvl: lab for lvl, lab in path.items() if lvl < level}
        path[level] = label
        end = next(
            (later[3] for later in found[i + 1 :] if later[0] <= level),
            len(cleaned),
        )
        clause = "".join(path[lvl] for lvl in sorted(path))
        sections.append(Section(level, label, clause, title.strip(), start, end))
    return sections


def clause_at(sections: list[Section], position: int) -> str | None:
    """The innermost clause whose span contains a position of the cleaned text."""
    containing = [s for s in sections if s.start <= position < s.end]
    return max(containing, key=lambda s: s.level).clause if containing else None
