"""Add a plan to the data folder in one step, as a researcher forking the book would by hand:
the text copied byte for byte into plans/, its SHA-256, the line where the plan's own text
starts, and its row in plans.csv.

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

from analysis.ingest.plan_text import Section, clean_plan_text, parse_sections

# The first line of a plan's own text: the government's notice that issues it, when the copy
# carries one (北京市人民政府关于印发《北京市碳达峰实施方案》的通知).
_NOTICE = re.compile(r"关于印发.*的通知")


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


@dataclass(frozen=True)
class AddedPlan:
    text_file: Path
    row: dict[str, str]
    sections: list[Section]


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def find_body_start(text: str, title_zh: str) -> str:
    """The line the plan's own text starts with: its notice, else the first line that names
    its title, else the first line; a news preface or a source address before it is dropped."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for wanted in (lambda line: _NOTICE.search(line), lambda line: title_zh in line):
        found = next((line for line in lines if wanted(line)), None)
        if found:
            return found
    return lines[0] if lines else ""


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
    raw = text.read_bytes()
    decoded = _decoded(raw, text)
    body = body_starts_with or find_body_start(decoded, plan.title_zh)
    try:
        cleaned = clean_plan_text(decoded, body)
    except ValueError as err:
        raise PlanRefused(f"{text}: {err}") from None
    sections = parse_sections(cleaned)
    if not sections:
        raise PlanRefused(
            f"{text}: no section headings recognised (一、…, （一）…, 1. …); is this the plan's "
            "full text?"
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
    }
    target.write_bytes(raw)
    existing = plans_csv.read_bytes()
    header = next(csv.reader(io.StringIO(existing.decode("utf-8-sig"))))
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([row.get(c, "") for c in header])
    lead = b"" if existing.endswith(b"\n") else b"\n"
    plans_csv.write_bytes(existing + lead + line.getvalue().encode("utf-8"))
    return AddedPlan(target, row, sections)


def outline(sections: list[Section]) -> list[str]:
    """The recognised headings, indented by level, as the command prints them."""
    return [f"{'  ' * s.level}{s.clause}  {s.title}" for s in sections]
