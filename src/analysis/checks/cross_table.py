"""The facts that tie the tables to each other and to the plan texts, as plain columns and
problems, so that the suites can assert them like any other rule.

Also the scans of the plan texts themselves: every agency a plan names must be known, and every
number and year marker of every plan in plans.csv must be covered by a target or an exclusion.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from analysis.contract.problems import Problem
from analysis.contract.schema import TABLES
from analysis.ingest.agency_notes import assignments
from analysis.ingest.completeness import find_hits, uncovered_hits
from analysis.ingest.dataset import DataSet, raw_line
from analysis.ingest.number_text import number_appears

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>|javascript:", re.IGNORECASE)


def derived_columns(data: DataSet) -> dict[str, pd.DataFrame]:
    """Copies of the tables with the cross-table facts each rule needs, as plain columns."""
    texts = data.cleaned
    frames = {name: frame.copy() for name, frame in data.tables.items()}

    plans = frames["plans"]
    plans["sha_matches"] = [
        hashlib.sha256(data.plan_texts[p]).hexdigest() == sha
        for p, sha in zip(plans.plan_id, plans.text_sha256, strict=True)
    ]

    targets = frames["targets"]
    targets["quote_in_text"] = [
        q in texts.get(p, "") for p, q in zip(targets.plan_id, targets.quote, strict=True)
    ]
    targets["value_in_quote"] = [
        v is None or pd.isna(v) or number_appears(v, q, u or "")
        for v, q, u in zip(targets.value, targets.quote, targets.unit, strict=True)
    ]

    stats = frames["statistics"]
    stats["value_in_snippet"] = [
        number_appears(v, s, u)
        for v, s, u in zip(stats.value, stats.snippet, stats.unit, strict=True)
    ]
    units = dict(zip(frames["indicators"].indicator_id, frames["indicators"].unit, strict=True))
    stats["unit_matches"] = [
        units.get(i) in (None, u) for i, u in zip(stats.indicator_id, stats.unit, strict=True)
    ]
    targets["unit_matches"] = [
        units.get(i) in (None, u) or (c in ("qualitative",) and not u)
        for i, u, c in zip(targets.indicator_id, targets.unit, targets.comparator, strict=True)
    ]
    for frame, words in ((stats, stats.snippet), (targets, targets.quote)):
        frame["not_a_fraction"] = [
            not (
                u == "%"
                and v is not None
                and pd.notna(v)
                and 0 < abs(v) < 1
                and number_appears(round(v * 100, 6), w, u)
            )
            for u, v, w in zip(frame.unit, frame.value, words, strict=True)
        ]
    for name, table in TABLES.items():
        for column in table.columns:
            if column.free_text:
                frames[name][f"no_markup__{column.name}"] = [
                    not (isinstance(v, str) and MARKUP.search(v)) for v in frames[name][column.name]
                ]
    for frame in (stats, targets):
        frame["percent_in_range"] = [
            u != "%" or v is None or pd.isna(v) or 0 <= v <= 100
            for u, v in zip(frame.unit, frame.value, strict=True)
        ]
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
    for plan_id, text in data.cleaned.items():
        covering = targets.loc[targets.plan_id == plan_id, "quote"].tolist()
        covering += exclusions.loc[exclusions.plan_id == plan_id, "context"].tolist()
        raw = data.plan_texts[plan_id].decode("utf-8-sig")
        checked += len(find_hits(text))
        problems += [
            Problem(
                data.text_file(plan_id),
                raw_line(raw, text, hit.start),
                None,
                text[max(0, hit.start - 12) : hit.end + 12].replace("\n", " "),
                f"the number or year marker {hit.text!r} is in no target's quote and no "
                "exclusion's context: add a target to targets.csv, or the passage with a "
                "reason to plans/exclusions.csv",
            )
            for hit in uncovered_hits(text, covering)
        ]
    return checked, problems


# The scans of the plan texts: (the rule in plain words, the scan).
TEXT_RULES = ((AGENCY_RULE, unknown_agencies), (NUMBER_RULE, uncovered_numbers))
