"""The facts that tie the tables to each other and to the plan texts, as plain columns and
problems, so that the suites can assert them like any other rule.

Also the scans of the plan texts themselves: every agency a plan names must be known, and every
number and year marker of every plan in plans.csv must be covered by a target or an exclusion.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from pathlib import Path

import pandas as pd

from analysis.contract.problems import Problem
from analysis.contract.schema import CONVERSIONS, SNIPPET_MAX, TABLES, WEB_URL
from analysis.ingest.agency_notes import assignments
from analysis.ingest.completeness import find_hits, uncovered_hits
from analysis.ingest.csv_tables import FILE, LINE
from analysis.ingest.dataset import DataSet, raw_lines
from analysis.ingest.number_text import number_appears, qualifier_cue

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>|javascript:", re.IGNORECASE)


def _acyclic(ids: pd.Series, parents: pd.Series) -> list[bool]:
    """For each row, whether following its parents never comes back to it."""
    parent = {i: p for i, p in zip(ids, parents, strict=True) if isinstance(p, str) and p}
    result = []
    for start in ids:
        seen, at = {start}, parent.get(start)
        while at is not None and at not in seen:
            seen.add(at)
            at = parent.get(at)
        result.append(at is None)
    return result


def _web_url(value: object) -> bool:
    return not isinstance(value, str) or not value or bool(WEB_URL.fullmatch(value))


def _not_after(value: object, day: dt.date) -> bool:
    return not isinstance(value, dt.date) or value <= day


def _plan_and_source_facts(data: DataSet, frames: dict[str, pd.DataFrame], today: dt.date):
    plans = frames["plans"]
    plans["sha_matches"] = [
        p not in data.plan_texts or data.digest(data.data_dir / "plans" / f) == sha
        for p, f, sha in zip(plans.plan_id, plans.text_file, plans.text_sha256, strict=True)
    ]
    plans["parent_acyclic"] = _acyclic(plans.plan_id, plans.parent_plan_id)
    plans["url_is_web"] = [_web_url(u) for u in plans.source_url]
    plans["issued_not_future"] = [_not_after(d, today) for d in plans.issued_on]
    geos = frames["geos"]
    geos["parent_acyclic"] = _acyclic(geos.geo, geos.parent_geo)
    sources = frames["sources"]
    sources["url_is_web"] = [_web_url(u) for u in sources.url]
    for column in ("accessed_on", "published_on"):
        sources[f"{column}_not_future"] = [_not_after(d, today) for d in sources[column]]


def _target_facts(data: DataSet, frames: dict[str, pd.DataFrame], units: dict[str, str]):
    targets = frames["targets"]
    targets["range_ordered"] = [
        pd.isna(low) or pd.isna(high) or low <= high
        for low, high in zip(targets.value, targets.value_high, strict=True)
    ]
    targets["years_ordered"] = [
        pd.isna(base) or pd.isna(year) or base < year
        for base, year in zip(targets.base_year, targets.target_year, strict=True)
    ]
    targets["quote_in_text"] = [
        q in data.cleaned.get(p, "") for p, q in zip(targets.plan_id, targets.quote, strict=True)
    ]
    targets["value_in_quote"] = [
        v is None or pd.isna(v) or number_appears(v, q, u if isinstance(u, str) else "")
        for v, q, u in zip(targets.value, targets.quote, targets.unit, strict=True)
    ]
    targets["unit_matches"] = [
        units.get(i) in (None, u) or (c in ("qualitative",) and not u)
        for i, u, c in zip(targets.indicator_id, targets.unit, targets.comparator, strict=True)
    ]


def _statistic_facts(frames: dict[str, pd.DataFrame], units: dict[str, str], today: dt.date):
    stats = frames["statistics"]
    kinds = dict(zip(frames["sources"].source_id, frames["sources"].kind, strict=True))
    from_dataset = [kinds.get(source) == "dataset" for source in stats.source_id]
    snippets = [s if isinstance(s, str) else "" for s in stats.snippet]
    stats["snippet_given"] = [
        bool(s) or dataset for s, dataset in zip(snippets, from_dataset, strict=True)
    ]
    stats["snippet_short"] = [len(s) <= SNIPPET_MAX for s in snippets]
    stats["value_in_snippet"] = [
        dataset or not s or number_appears(v, s, u)
        for v, s, u, dataset in zip(stats.value, snippets, stats.unit, from_dataset, strict=True)
    ]
    stats["qualifier_as_worded"] = [
        q == "preliminary" or (cue := qualifier_cue(v, w, u)) is None or cue[0] == q
        for v, w, u, q in zip(stats.value, snippets, stats.unit, stats.qualifier, strict=True)
    ]
    stats["reference_date_in_year"] = [
        not isinstance(d, dt.date) or (d <= today and d.year <= y)
        for d, y in zip(stats.reference_date, stats.year, strict=True)
    ]
    stats["unit_matches"] = [
        units.get(i) in (None, u) or (u, units.get(i)) in CONVERSIONS
        for i, u in zip(stats.indicator_id, stats.unit, strict=True)
    ]


def _value_and_text_facts(frames: dict[str, pd.DataFrame]):
    """Percentages that look like fractions or lie outside 0–100, and markup in free text."""
    stats, targets = frames["statistics"], frames["targets"]
    for frame, words in ((stats, stats.snippet), (targets, targets.quote)):
        frame["not_a_fraction"] = [
            not (
                isinstance(w, str)
                and u == "%"
                and v is not None
                and pd.notna(v)
                and 0 < abs(v) < 1
                and number_appears(round(v * 100, 6), w, u)
            )
            for u, v, w in zip(frame.unit, frame.value, words, strict=True)
        ]
        frame["percent_in_range"] = [
            u != "%" or v is None or pd.isna(v) or 0 <= v <= 100
            for u, v in zip(frame.unit, frame.value, strict=True)
        ]
    for name, table in TABLES.items():
        for column in table.columns:
            if column.free_text:
                frames[name][f"no_markup__{column.name}"] = [
                    not (isinstance(v, str) and MARKUP.search(v)) for v in frames[name][column.name]
                ]


def derived_columns(data: DataSet, today: dt.date | None = None) -> dict[str, pd.DataFrame]:
    """Copies of the tables with the cross-table facts each rule needs, as plain columns (the
    suites' DERIVED rules assert them)."""
    today = today or dt.date.today()
    frames = {name: frame.copy() for name, frame in data.tables.items()}
    units = dict(zip(frames["indicators"].indicator_id, frames["indicators"].unit, strict=True))
    _plan_and_source_facts(data, frames, today)
    _target_facts(data, frames, units)
    _statistic_facts(frames, units, today)
    _value_and_text_facts(frames)
    return frames


AGENCY_RULE = "every agency a plan names at the end of a clause is an alias in agencies.csv"
NUMBER_RULE = "every number and year marker of a plan is in a target's quote or an exclusion"


def unknown_agencies(data: DataSet) -> tuple[int, list[Problem]]:
    """Agencies a plan names that agencies.csv does not know, so none is silently dropped;
    with the number of names checked."""
    aliases = data["agencies"].alias.tolist()
    checked, problems = 0, []
    for plan_id, text in data.cleaned.items():
        known, unknown = assignments(plan_id, text, aliases)
        checked += len(known) + len(unknown)
        problems += [
            Problem(
                data.text_file(plan_id),
                None,
                None,
                u.fragment,
                f"clause {u.clause} names an agency that is not an alias in data/agencies.csv",
            )
            for u in unknown
        ]
    return checked, problems


def uncovered_numbers(data: DataSet) -> tuple[int, list[Problem]]:
    """Numbers and year markers of each plan that no target quote or exclusion covers, with the
    number of markers checked.

    Run on every plan in plans.csv, so a forked district's text is scanned by every build.
    """
    checked, problems = 0, []
    targets, exclusions = data["targets"], data["exclusions"]
    headline = set(data["plans"].query("text_scope == 'headline'").plan_id)
    for plan_id, text in data.cleaned.items():
        if plan_id in headline:
            continue  # only its headline sentences are held: there is no whole text to scan
        covering = targets.loc[targets.plan_id == plan_id, "quote"].tolist()
        covering += exclusions.loc[exclusions.plan_id == plan_id, "context"].tolist()
        raw = data.plan_texts[plan_id].decode("utf-8-sig")
        checked += len(find_hits(text))
        hits = uncovered_hits(text, covering)
        problems += [
            Problem(
                data.text_file(plan_id),
                line,
                None,
                text[max(0, hit.start - 12) : hit.end + 12].replace("\n", " "),
                f"the number or year marker {hit.text!r} is in no target's quote and no "
                "exclusion's context: add a target to targets.csv, or the passage with a "
                "reason to plans/exclusions.csv",
            )
            for hit, line in zip(hits, raw_lines(raw, text, [h.start for h in hits]), strict=True)
        ]
    return checked, problems


DATASET_RULE = "every dataset row has the value of its row in the dataset's checked-in copy"
_DATASET_FIELDS = (
    "repository", "commit", "path", "local_copy", "key_columns", "value_column", "copy_sha256",
    "value_unit",
)  # fmt: skip


def inside(data_dir: Path, name: str) -> Path | None:
    """The file a data file names, when it lies inside the data folder; None otherwise (an
    absolute path, ../, or a link out are refused before anything is read)."""
    root = data_dir.resolve()
    path = (data_dir / name).resolve()
    return path if path.is_relative_to(root) and not Path(name).is_absolute() else None


def _dataset_copy(data: DataSet, source: dict) -> tuple[dict[str, str], list[Problem]]:
    """The value column of a dataset's checked-in copy, keyed by its key columns' values."""
    where = (source[FILE], source[LINE])
    missing = [f for f in _DATASET_FIELDS if not source.get(f)]
    if missing:
        return {}, [
            Problem(*where, ", ".join(missing), None, "a dataset source needs these columns")
        ]
    path = inside(data.data_dir, source["local_copy"])
    if path is None:
        return {}, [
            Problem(*where, "local_copy", source["local_copy"], "must name a file inside data/")
        ]
    if not path.is_file():
        return {}, [Problem(*where, "local_copy", source["local_copy"], "file not found")]
    if data.digest(data.data_dir / source["local_copy"]) != source["copy_sha256"]:
        return {}, [
            Problem(
                *where,
                "copy_sha256",
                source["copy_sha256"],
                f"is not the SHA-256 of data/{source['local_copy']} (the copy changed, or the "
                "hash is wrong; a copy is changed only with its upstream commit and its hash)",
            )
        ]
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    keys = [k.strip() for k in source["key_columns"].split(",")]
    absent = [c for c in [*keys, source["value_column"]] if rows and c not in rows[0]]
    if absent:
        return {}, [
            Problem(*where, "key_columns", ", ".join(absent), f"no such column in {path.name}")
        ]
    copy: dict[str, str] = {}
    problems = []
    for line, row in enumerate(rows, start=2):
        key = ",".join(row[k] for k in keys)
        if key in copy and copy[key] != row[source["value_column"]]:
            shown = f"data/{source['local_copy']}"
            twice = "is a key the copy holds twice, with two values"
            problems.append(Problem(shown, line, "+".join(keys), key, twice))
        copy.setdefault(key, row[source["value_column"]])
    return ({} if problems else copy), problems


def _key_problems(row: dict, source: dict, areas: dict[str, str]) -> list[Problem]:
    """A row's key must name its own year, and one area for one geo across the source."""
    where = (row[FILE], row[LINE])
    keys = [k.strip() for k in source["key_columns"].split(",")]
    parts = dict(zip(keys, str(row["row_key"]).split(","), strict=False))
    problems = []
    if "year" in parts and "year" in row and parts["year"] != str(row["year"]):
        rule = f"names year {parts['year']}, not the row's year {row['year']}"
        problems.append(Problem(*where, "row_key", row["row_key"], rule))
    area = ",".join(v for k, v in parts.items() if k != "year")
    if "year" in parts and areas.setdefault(area, row["geo"]) != row["geo"]:
        rule = f"names the area other rows of this source give to {areas[area]}, not {row['geo']}"
        problems.append(Problem(*where, "row_key", row["row_key"], rule))
    return problems


def _rows_match_copies(data: DataSet, table: str) -> tuple[int, list[Problem]]:
    """Each row of a table taken from a dataset must carry the value of its row in the
    dataset's checked-in copy (the copy's README names the upstream repository, commit and
    file), in the copy's unit, under a key that names the row's own year and area."""
    sources = {s["source_id"]: s for s in data["sources"].to_dict("records")}
    copies: dict[str, dict[str, str]] = {}
    checked, problems = 0, []
    for source_id, source in sources.items():
        if source["kind"] == "dataset":
            copies[source_id], found = _dataset_copy(data, source)
            if table == "statistics":  # a source's own problems are reported once
                problems += found
    areas: dict[str, dict[str, str]] = {}
    for row in data[table].to_dict("records"):
        if row["source_id"] not in copies or not copies[row["source_id"]]:
            continue
        checked += 1
        where = (row[FILE], row[LINE])
        source = sources[row["source_id"]]
        copy = source["local_copy"]
        if row["unit"] != source["value_unit"]:
            rule = f"is not the unit of data/{copy}, {source['value_unit']}"
            problems.append(Problem(*where, "unit", row["unit"], rule))
        problems += _key_problems(row, source, areas.setdefault(row["source_id"], {}))
        text = copies[row["source_id"]].get(row["row_key"] or "")
        if text is None:
            problems.append(
                Problem(*where, "row_key", row["row_key"], f"is not a row of data/{copy}")
            )
        elif not _same_number(text, row["value"]):
            problems.append(
                Problem(
                    *where,
                    "value",
                    f"{row['value']:.15g}",
                    f"differs from {text} in data/{copy}, row {row['row_key']}",
                )
            )
    return checked, problems


def dataset_rows(data: DataSet) -> tuple[int, list[Problem]]:
    """Statistics taken from a dataset carry their copy's values."""
    return _rows_match_copies(data, "statistics")


def emission_part_rows(data: DataSet) -> tuple[int, list[Problem]]:
    """Workbook cells taken into emission_parts carry their copy's values."""
    return _rows_match_copies(data, "emission_parts")


def _same_number(text: str, value: float) -> bool:
    try:
        return math.isclose(float(text), value, rel_tol=1e-12, abs_tol=0.0)
    except ValueError:
        return False


# The rules checked by a scan rather than a suite: (table, column, the rule in words, scan).
SCANS = (
    ("plan_texts", "text", AGENCY_RULE, unknown_agencies),
    ("plan_texts", "text", NUMBER_RULE, uncovered_numbers),
    ("statistics", "value", DATASET_RULE, dataset_rows),
    ("emission_parts", "value", DATASET_RULE, emission_part_rows),
)

# The tables each scan reads (the plans table with its texts, sources with the dataset copies).
SCAN_READS = {
    "unknown_agencies": ("plans", "agencies"),
    "uncovered_numbers": ("plans", "targets", "exclusions"),
    "dataset_rows": ("sources", "statistics"),
    "emission_part_rows": ("sources", "emission_parts"),
}
