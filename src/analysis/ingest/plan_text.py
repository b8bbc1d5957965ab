"""Turn a plan text, as collected, into the cleaned text that quotes are checked against.

The collected copies are kept byte-for-byte under ``data/plans``; every repair happens here so
that anyone can see (and test) exactly what was changed, by general rules, never for one plan:

- a news-site preface before the plan's own first line is dropped;
- a byte-order mark, CRLF or CR line endings, and spaces at the ends of lines are dropped;
- PDF page markers standing on a line of their own (—2—, - 2 -, 第2页, 第2页 共9页, 2/9) are
  dropped;
- lines that a PDF extract wrapped at its page width (十四 / 五, 至 / 少) are joined, and so are
  paragraphs a page break cut in two;
- white space between two Chinese characters (下 降), which Chinese does not use, is dropped;
- a heading on a line of its own becomes a paragraph of its own, whether blank lines surround
  it or, as in most web copies, single line breaks.

Punctuation, digits and script are not changed here: the rules read them through
``reading.reading_view``, one character for one character, so quotes stay as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.ingest.reading import reading_view

CHINESE_NUMERALS = "一二三四五六七八九十"
# The clause of a target no heading governs: in a text with no headings (a news summary of a
# plan's targets), or before the first heading.
WHOLE_TEXT = "全文"

# A paragraph that ends with one of these closes a sentence or a responsibility note, so a
# blank line after it is a real paragraph break, not a page break.
_TERMINAL = "。！？；）]】"
# A line ending with one of these is a whole line, however long: a PDF wrap never ends on them.
_LINE_END = _TERMINAL + "：，"
# Page-break artefacts only occur inside body text; short lines (titles, signatures, dates)
# legitimately end without punctuation.
_MIN_BODY_PARAGRAPH = 40

_CHAPTER = re.compile(rf"^([{CHINESE_NUMERALS}]+)、(.+)$")
_SECTION = re.compile(rf"^（([{CHINESE_NUMERALS}]+)）(.*)$")
_ITEM = re.compile(r"^(\d{1,2})[.、]\s*(\S.*)$")
_BLANK = " \t\u3000"
# A PDF page number on a line of its own: —2—, - 2 -, 第2页, 第 2 页 共 9 页, 2/9.
PAGE_MARKER = re.compile(
    rf"^[{_BLANK}]*(?:[—–－-]{{1,2}}[{_BLANK}]*\d{{1,3}}[{_BLANK}]*[—–－-]{{1,2}}"
    rf"|第[{_BLANK}]*\d{{1,3}}[{_BLANK}]*页(?:[{_BLANK}]*[,，/／]?[{_BLANK}]*共[{_BLANK}]*\d{{1,3}}[{_BLANK}]*页)?"
    rf"|\d{{1,3}}[{_BLANK}]*[/／][{_BLANK}]*\d{{1,3}})[{_BLANK}]*(?:\n|$)",
    re.M,
)
# The same page number standing inside a line, where a PDF's text layer flattened the page.
_INLINE_PAGE_MARKER = re.compile(rf"[{_BLANK}]+[—–－]{{1,2}}\d{{1,3}}[—–－]{{1,2}}(?=[{_BLANK}])")
_HAN = "\u3400-\u9fff"
_SPACE_IN_WORD = re.compile(rf"(?<=[{_HAN}])[{_BLANK}]+(?=[{_HAN}])")
# A flattened text's headings: after a sentence's end, a heading label (一、 （一） 1.) starts
# a line; its title runs to the next space, where the body starts.
_LABEL = rf"(?:[{CHINESE_NUMERALS}]+、|（[{CHINESE_NUMERALS}]+）|\d{{1,2}}[.、])"
_HEADING_INSIDE = re.compile(rf"(?<=[。！？；])[{_BLANK}]+(?={_LABEL})")
_TITLE_THEN_BODY = re.compile(rf"(?m)^({_LABEL}[^\s。]{{1,30}})[{_BLANK}]+(?=\S[^\n]{{20}})")


@dataclass(frozen=True)
class Section:
    """One heading of a plan and the text it governs, located in the cleaned text."""

    level: int  # 1 chapter (一、), 2 section (（三）), 3 item (1.)
    label: str  # as printed, without its punctuation: "三", "（十三）" keeps its brackets, "1"
    clause: str  # the full reference, e.g. "五（十三）" or "三（四）1"
    title: str
    start: int  # offset of the heading in the cleaned text
    end: int  # offset where the next heading of the same or a higher level starts


def blank_page_markers(text: str) -> str:
    """The text with every page marker written over by spaces, line breaks kept: what cleaning
    drops, without moving any other character."""
    for pattern in (PAGE_MARKER, _INLINE_PAGE_MARKER):
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return text


def _line_breaks(text: str, pattern: re.Pattern) -> str:
    """Put a line break where the pattern finds, in the reading view, the blanks between
    two lines a PDF's text layer ran together (the view reads 。 written as .)."""
    view, out, last = reading_view(text), [], 0
    for m in pattern.finditer(view):
        start = m.end(1) if m.lastindex else m.start()  # the blanks after a title's group
        out += [text[last:start], "\n"]
        last = m.end()
    return "".join([*out, text[last:]])


def _normalise_lines(text: str) -> list[str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _INLINE_PAGE_MARKER.sub("", PAGE_MARKER.sub("", text))
    text = _line_breaks(_line_breaks(text, _HEADING_INSIDE), _TITLE_THEN_BODY)
    text = _SPACE_IN_WORD.sub("", text)
    return [line.strip(_BLANK + "\ufeff") for line in text.split("\n")]


def is_heading(paragraph: str) -> bool:
    """A heading line of any level that carries no body text of its own."""
    first_line = reading_view(paragraph.split("\n", 1)[0])
    if "。" in first_line:
        return False
    return bool(_CHAPTER.match(first_line) or _SECTION.match(first_line) or _ITEM.match(first_line))


def wrap_width(lines: list[str]) -> int | None:
    """The width a PDF extract wrapped its lines at, or None when the lines are not wrapped.

    Wrapped body lines are nearly all of one length; lines of a web copy, one a paragraph, are
    not. The width is taken a little below the common length, since digits are narrower.
    """
    long = sorted(len(line) for line in lines if len(line) >= 10)
    if len(long) < 5:
        return None
    common = long[(len(long) - 1) * 3 // 4]
    near = sum(0.85 * common <= n <= 1.15 * common for n in long)
    return int(0.85 * common) if near >= 0.5 * len(long) else None


def _block_lines(block: list[str], width: int | None) -> list[list[str]]:
    """A block's lines with wrapped lines joined, split so that each heading line stands alone."""
    joined: list[str] = []
    for line in block:
        wrapped = (
            joined
            and width
            and len(joined[-1]) >= width
            and reading_view(joined[-1][-1]) not in _LINE_END
            and not is_heading(line)
        )
        if wrapped:
            joined[-1] += line
        else:
            joined.append(line)
    parts: list[list[str]] = [[]]
    for line in joined:
        if parts[-1] and (is_heading(line) or is_heading(parts[-1][-1])):
            parts.append([])
        parts[-1].append(line)
    return parts


def _paragraph_lines(text: str) -> list[list[str]]:
    lines = _normalise_lines(text)
    width = wrap_width(lines)
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [p for block in blocks if block for p in _block_lines(block, width)]


def paragraphs(text: str) -> list[str]:
    """Split on blank lines and around heading lines; other single newlines stay inside their
    paragraph (signature blocks), unless they are a PDF extract's wraps."""
    return ["\n".join(p) for p in _paragraph_lines(text)]


def cleaning_report(raw: str, body_starts_with: str | None = None) -> list[str]:
    """What cleaning changed in a text, one phrase per kind, as add-plan prints it."""
    text = drop_preface(raw, body_starts_with)
    unix = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line for line in _normalise_lines(text) if line]
    parts = _paragraph_lines(text)
    _, page_joins = join_page_breaks(["\n".join(p) for p in parts])
    counts = {
        "a byte-order mark dropped": raw.startswith("\ufeff"),
        "CR or CRLF line endings read as line breaks": text.count("\r"),
        "lines before the plan's own first line dropped": raw[: len(raw) - len(text)].count("\n"),
        "PDF page markers dropped": len(PAGE_MARKER.findall(unix)),
        "spaces between Chinese characters dropped": len(_SPACE_IN_WORD.findall(unix)),
        "wrapped lines joined": len(lines) - sum(len(p) for p in parts),
        "paragraphs cut by a page break joined": page_joins,
    }
    return [f"{kind}: {int(n)}" for kind, n in counts.items() if n]


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
    # a line starts after LF, CR or CRLF, and a byte-order mark may stand before the first
    found = re.search(r"(?:\A|(?<=[\r\n]))[ \t\u3000\ufeff]*" + re.escape(body_starts_with), text)
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
    """Level, label and title of a heading; labels are read through the reading view, so
    (一) and （一） are one label, and the title is cut from the text as written."""
    first_line = paragraph.split("\n", 1)[0]
    view = reading_view(first_line)
    if m := _CHAPTER.match(view):
        if "。" not in view:
            return 1, m.group(1), first_line[m.start(2) :]
        return None
    if m := _SECTION.match(view):
        return 2, f"（{m.group(1)}）", first_line[m.start(2) :].split("。", 1)[0]
    if m := _ITEM.match(view):
        return 3, m.group(1), first_line[m.start(2) :].split("。", 1)[0]
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


def clause_at(sections: list[Section], position: int) -> str:
    """The innermost clause whose span contains a position of the cleaned text; 全文 where no
    heading governs it (a text with no headings, or the lines before the first)."""
    containing = [s for s in sections if s.start <= position < s.end]
    return max(containing, key=lambda s: s.level).clause if containing else WHOLE_TEXT
