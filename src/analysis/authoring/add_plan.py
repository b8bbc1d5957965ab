"""Add a plan (and its area) to the data folder in one step, or take it out again.

As a researcher forking the book would by hand: the text copied byte for byte into plans/, its
SHA-256, the line where the plan's own text starts, and its row in plans.csv. The text is taken
as published (single line breaks, half-width punctuation, traditional script, a PDF extract's
page markers and wraps); cleaning happens in code, and the command reports what it changed.

Everything is checked before anything is written, so a refused plan leaves the folder as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.contract.schema import GEO_LEVELS, MAX_TEXT_BYTES, WEB_URL
from analysis.ingest.completeness import find_hits
from analysis.ingest.plan_text import (
    WHOLE_TEXT,
    Section,
    clean_plan_text,
    cleaning_report,
    parse_sections,
)
from analysis.ingest.reading import normalised, reading_view

# The first line of a plan's own text: the government's notice that issues it, when the copy
# carries one (北京市人民政府关于印发《北京市碳达峰实施方案》的通知).
# (not a notice the text cites: 落实《…关于印发〈…〉的通知》).
_NOTICE = re.compile(r"^[^《〈]*关于\s*印发.*的通知")
# A start marker is the start of its line: a flattened PDF's line can hold the whole text.
_MARKER_LENGTH = 60


class PlanRefused(Exception):
    """The plan cannot be added; the message says which file or value and why."""


@dataclass(frozen=True)
class NewPlan:
    plan_id: str
    parent_plan_id: str
    title_zh: str
    issuer: str
    issued_on: str
    source_url: str
    geo: str | None = None
    title_en: str = ""
    document_number: str = ""
    text_scope: str = "full"


@dataclass(frozen=True)
class AddedPlan:
    text_file: Path
    row: dict[str, str]
    sections: list[Section]
    normalised: list[str]  # what cleaning and the reading view changed, one phrase per kind


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def read_text_file(path: Path) -> bytes:
    """A plan text's bytes, read in bounded memory; refused when it is not a regular file or
    larger than any plan (a wrong file, a device, a pipe)."""
    if not path.is_file():
        raise PlanRefused(
            f"{path}: is not a regular file (a folder, a device or a pipe); save the plan's "
            "text to a file and name that"
        )
    with path.open("rb") as f:
        raw = f.read(MAX_TEXT_BYTES + 1)
    if len(raw) > MAX_TEXT_BYTES:
        raise PlanRefused(
            f"{path}: is larger than {MAX_TEXT_BYTES // 1_000_000} MB, more than any plan's "
            "text; is it the right file?"
        )
    return raw


def find_body_start(text: str, title_zh: str) -> str:
    """The line the plan's own text starts with (its first 60 characters): its notice, else
    the first line that names its title, else the first line; a news preface or a source
    address before it is dropped. Lines are read through the reading view (關於印發)."""
    lines = [line.strip(" \t\u3000\ufeff") for line in text.splitlines()]
    lines = [line for line in lines if line]
    title = reading_view(title_zh)
    for wanted in (
        lambda line: _NOTICE.search(reading_view(line)),
        lambda line: title in reading_view(line),
    ):
        found = next((line for line in lines if wanted(line)), None)
        if found:
            return found[:_MARKER_LENGTH]
    return lines[0][:_MARKER_LENGTH] if lines else ""


def _decoded(raw: bytes, source: Path) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise PlanRefused(
            f"{source}: is not UTF-8 (byte {err.start} cannot be read); re-save the text as "
            "UTF-8, for example with iconv -f GBK -t UTF-8"
        ) from None


def _check_ids(plan: NewPlan, plans: list[dict[str, str]], geos: set[str]) -> str:
    ids = {row["plan_id"] for row in plans}
    if plan.plan_id in ids:
        raise PlanRefused(f"plans.csv: a plan with id {plan.plan_id!r} exists already")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", plan.plan_id):
        raise PlanRefused(f"--id {plan.plan_id!r}: use lower-case letters, digits and hyphens")
    if plan.parent_plan_id not in ids:
        raise PlanRefused(
            f"--parent {plan.parent_plan_id!r}: no such plan in plans.csv "
            f"(plans: {', '.join(sorted(ids))})"
        )
    try:
        dt.date.fromisoformat(plan.issued_on)
    except ValueError:
        raise PlanRefused(f"--date {plan.issued_on!r}: write the date as YYYY-MM-DD") from None
    if not WEB_URL.fullmatch(plan.source_url):
        raise PlanRefused(
            f"--url {plan.source_url!r}: give the web address the text was published at "
            "(http:// or https://, on one line)"
        )
    geo = plan.geo or plan.plan_id.rsplit("-", 1)[0]
    if geo not in geos:
        raise PlanRefused(
            f"geos.csv: no area {geo!r} for this plan; add its row to geos.csv or name one "
            "with --geo"
        )
    return geo


def add_plan(
    data_dir: Path, text: Path, plan: NewPlan, body_starts_with: str | None = None
) -> AddedPlan:
    """Check the plan and its text, then copy the text and add its row; raise PlanRefused."""
    plans_csv = data_dir / "plans" / "plans.csv"
    geos = {row["geo"] for row in _rows(data_dir / "geos.csv")}
    geo = _check_ids(plan, _rows(plans_csv), geos)
    raw = read_text_file(text)
    decoded = _decoded(raw, text)
    body = body_starts_with or find_body_start(decoded, plan.title_zh)
    try:
        cleaned = clean_plan_text(decoded, body)
    except ValueError as err:
        raise PlanRefused(f"{text}: {err}") from None
    sections = parse_sections(cleaned)
    if not sections and not find_hits(cleaned):
        raise PlanRefused(
            f"{text}: no section heading (一、…, （一）…, 1. …) and no number or year found; is "
            "this the plan's text?"
        )
    target = data_dir / "plans" / f"{plan.plan_id}.txt"
    if target.exists():
        raise PlanRefused(f"{target}: exists already; remove it or choose another --id")
    row = {
        "plan_id": plan.plan_id,
        "parent_plan_id": plan.parent_plan_id,
        "geo": geo,
        "title_zh": plan.title_zh,
        "title_en": plan.title_en,
        "issuer": plan.issuer,
        "document_number": plan.document_number,
        "issued_on": plan.issued_on,
        "source_url": plan.source_url,
        "text_file": target.name,
        "text_sha256": hashlib.sha256(raw).hexdigest(),
        "collected_as": text.name,
        "body_starts_with": body,
        "text_scope": plan.text_scope,
    }
    target.write_bytes(raw)
    append_rows(plans_csv, [row])
    report = cleaning_report(decoded, body) + normalised(cleaned)
    return AddedPlan(target, row, sections, report)


def outline(sections: list[Section]) -> list[str]:
    """The recognised headings, indented by level, as the command prints them."""
    if not sections:
        return [
            f"  none: the text's targets will name the clause {WHOLE_TEXT} (the whole text). If "
            "the plan has headings, check that each starts a line: 一、…, （一）…, 1. …"
        ]
    return [f"{'  ' * s.level}{s.clause}  {s.title}" for s in sections]


def append_rows(path: Path, rows: list[dict[str, str]]) -> int:
    """Add rows under a CSV file's own header, leaving every existing byte as it was; returns
    the line the first of them gets."""
    existing = path.read_bytes()
    header = next(csv.reader(io.StringIO(existing.decode("utf-8-sig"))))
    lines = io.StringIO()
    writer = csv.writer(lines, lineterminator="\n")
    for row in rows:
        writer.writerow([row.get(c, "") for c in header])
    lead = b"" if existing.endswith(b"\n") else b"\n"
    path.write_bytes(existing + lead + lines.getvalue().encode("utf-8"))
    return (existing + lead).count(b"\n") + 1


def add_area(data_dir: Path, row: dict[str, str]) -> None:
    """Add an area to geos.csv: its id, names, the area it belongs to and its level."""
    path = data_dir / "geos.csv"
    geos = {r["geo"]: r for r in _rows(path)}
    if row["geo"] in geos:
        raise PlanRefused(f"geos.csv: an area with id {row['geo']!r} exists already")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", row["geo"]):
        raise PlanRefused(f"--geo {row['geo']!r}: use lower-case letters, digits and _")
    if row["parent_geo"] and row["parent_geo"] not in geos:
        raise PlanRefused(
            f"--parent {row['parent_geo']!r}: no such area in geos.csv "
            f"(for example: {', '.join(sorted(geos)[:6])}, …)"
        )
    if row["level"] not in GEO_LEVELS:
        raise PlanRefused(f"--level {row['level']!r}: one of {', '.join(GEO_LEVELS)}")
    append_rows(path, [row])


def remove_plan(data_dir: Path, plan_id: str) -> Path:
    """Undo add-plan: take the plan's row out of plans.csv and delete its text; refused while
    a target, an exclusion or another plan still names it. Returns the deleted text file."""
    plans_csv = data_dir / "plans" / "plans.csv"
    plans = _rows(plans_csv)
    row = next((r for r in plans if r["plan_id"] == plan_id), None)
    if row is None:
        raise PlanRefused(f"plans.csv: no plan {plan_id!r}")
    users = [
        f"{n} rows of {name}"
        for name, column in (("targets.csv", "plan_id"), ("plans/exclusions.csv", "plan_id"))
        if (n := sum(r[column] == plan_id for r in _rows(data_dir / name)))
    ]
    users += [f"plan {r['plan_id']} (its parent)" for r in plans if r["parent_plan_id"] == plan_id]
    if users:
        raise PlanRefused(f"{plan_id} is still named by {', '.join(users)}; remove those first")
    text_file = data_dir / "plans" / row["text_file"]
    if text_file.resolve().parent != (data_dir / "plans").resolve():
        raise PlanRefused(f"plans.csv: text_file {row['text_file']!r} is not in plans/")
    raw = plans_csv.read_bytes().decode("utf-8")
    lines = raw.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{plan_id},")]
    plans_csv.write_bytes("".join(kept).encode("utf-8"))
    text_file.unlink(missing_ok=True)
    return text_file
