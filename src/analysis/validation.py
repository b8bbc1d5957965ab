"""Great Expectations suites for every table, and the checks that tie the tables together.

Cross-table rules (a quote is in its plan's text, a snippet contains its value, a hash matches)
are computed into boolean columns first and then asserted by the same suites, so that every
failure is reported the same way: file, line, column, value and the rule in plain words.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass

import pandas as pd

from analysis.data_files import FILE, LINE, DataSet
from analysis.errors import Problem
from analysis.numbers import number_appears
from analysis.responsibilities import assignments
from analysis.schema import TABLES
from analysis.warehouse import cleaned_texts

FIRST_YEAR = 1990
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>|javascript:", re.IGNORECASE)
LAST_TARGET_YEAR = 2060


@dataclass(frozen=True)
class Rule:
    """One expectation and the sentence that explains a failure of it to a person."""

    table: str
    expectation: object
    column: str
    message: str


@dataclass(frozen=True)
class Outcome:
    table: str
    column: str
    message: str
    checked: int
    failed: int


def _derived_columns(data: DataSet) -> dict[str, pd.DataFrame]:
    """Copies of the tables with the cross-table facts each rule needs, as plain columns."""
    texts = cleaned_texts(data)
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


def rules(data: DataSet, this_year: int) -> list[Rule]:
    """Every rule the data must satisfy, built from the schema and the reference tables."""
    import great_expectations.expectations as gxe

    found: list[Rule] = []
    for table in TABLES.values():
        for column in table.columns:
            if column.required:
                found.append(
                    Rule(
                        table.name,
                        gxe.ExpectColumnValuesToNotBeNull(column=column.name),
                        column.name,
                        "is required",
                    )
                )
            if column.allowed:
                found.append(
                    Rule(
                        table.name,
                        gxe.ExpectColumnValuesToBeInSet(
                            column=column.name, value_set=list(column.allowed)
                        ),
                        column.name,
                        f"must be one of: {', '.join(column.allowed)}",
                    )
                )
        if len(table.key) == 1:
            found.append(
                Rule(
                    table.name,
                    gxe.ExpectColumnValuesToBeUnique(column=table.key[0]),
                    table.key[0],
                    "is a duplicate: it must be unique",
                )
            )
        elif table.key:
            found.append(
                Rule(
                    table.name,
                    gxe.ExpectCompoundColumnsToBeUnique(column_list=list(table.key)),
                    "+".join(table.key),
                    f"duplicate row: ({', '.join(table.key)}) must be unique",
                )
            )

    def in_set(table: str, column: str, values, what: str) -> None:
        found.append(
            Rule(
                table,
                gxe.ExpectColumnValuesToBeInSet(
                    column=column, value_set=sorted({v for v in values if v})
                ),
                column,
                what,
            )
        )

    def true(table: str, column: str, shown: str, what: str) -> None:
        found.append(
            Rule(
                table, gxe.ExpectColumnValuesToBeInSet(column=column, value_set=[True]), shown, what
            )
        )

    plan_ids = data["plans"].plan_id.dropna().tolist()
    indicator_ids = data["indicators"].indicator_id.dropna().tolist()
    in_set("plans", "parent_plan_id", plan_ids, "is not a plan_id in plans.csv")
    true(
        "plans",
        "sha_matches",
        "text_sha256",
        "does not match the SHA-256 of the plan text file (the text changed, or the hash is wrong)",
    )
    in_set("targets", "plan_id", plan_ids, "is not a plan_id in plans.csv")
    in_set("targets", "indicator_id", indicator_ids, "is not an indicator_id in indicators.csv")
    true(
        "targets", "quote_in_text", "quote", "is not a verbatim passage of the plan's cleaned text"
    )
    true("targets", "value_in_quote", "value", "does not appear in the target's quote")
    true("targets", "unit_matches", "unit", "is not the unit of the target's indicator")
    for column in ("base_year", "target_year"):
        found.append(
            Rule(
                "targets",
                gxe.ExpectColumnValuesToBeBetween(
                    column=column, min_value=FIRST_YEAR, max_value=LAST_TARGET_YEAR
                ),
                column,
                f"must be a year between {FIRST_YEAR} and {LAST_TARGET_YEAR}",
            )
        )
    in_set(
        "indicator_links", "indicator_id", indicator_ids, "is not an indicator_id in indicators.csv"
    )
    in_set(
        "indicator_links",
        "related_indicator_id",
        indicator_ids,
        "is not an indicator_id in indicators.csv",
    )
    in_set("exclusions", "plan_id", plan_ids, "is not a plan_id in plans.csv")
    in_set("statistics", "indicator_id", indicator_ids, "is not an indicator_id in indicators.csv")
    in_set(
        "statistics",
        "source_id",
        data["sources"].source_id.dropna().tolist(),
        "is not a source_id in sources.csv",
    )
    in_set(
        "statistics",
        "geo",
        data["plans"].geo.dropna().tolist(),
        "is not a geo of any plan in plans.csv",
    )
    found.append(
        Rule(
            "statistics",
            gxe.ExpectColumnValuesToBeBetween(
                column="year", min_value=FIRST_YEAR, max_value=this_year
            ),
            "year",
            f"must be a year between {FIRST_YEAR} and the current year ({this_year})",
        )
    )
    true("statistics", "value_in_snippet", "snippet", "does not contain the row's value")
    true("statistics", "unit_matches", "unit", "is not the unit of the indicator")
    for table in TABLES.values():
        for column in table.columns:
            if column.free_text:
                true(
                    table.name,
                    f"no_markup__{column.name}",
                    column.name,
                    "contains HTML markup; data files hold plain text (write the words only)",
                )
    for table in ("statistics", "targets"):
        true(
            table,
            "not_a_fraction",
            "value",
            "looks like a fraction of 1 while the unit is %: write 14.4 for 14.4%",
        )
        true(
            table,
            "percent_in_range",
            "value",
            "is a percentage and must lie between 0 and 100 (write 14.4 for 14.4%)",
        )
    return found


def _quiet_context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def validate(data: DataSet, today: dt.date | None = None) -> tuple[list[Problem], list[Outcome]]:
    """Run every rule; return the problems (empty when the data is good) and a summary per rule."""
    import great_expectations as gx

    this_year = (today or dt.date.today()).year
    frames = _derived_columns(data)
    context = _quiet_context()
    source = context.data_sources.add_pandas("carbon")
    by_table: dict[str, list[Rule]] = {}
    for rule in rules(data, this_year):
        by_table.setdefault(rule.table, []).append(rule)

    problems: list[Problem] = []
    outcomes: list[Outcome] = []
    for name, table_rules in by_table.items():
        frame = frames[name].reset_index(drop=True)
        if frame.empty:
            outcomes += [Outcome(name, r.column, r.message, 0, 0) for r in table_rules]
            continue
        frame = frame.astype(object).where(frame.notna(), None)
        batch = (
            source.add_dataframe_asset(name)
            .add_batch_definition_whole_dataframe("all")
            .get_batch(batch_parameters={"dataframe": frame})
        )
        suite = gx.ExpectationSuite(name=f"{name}_suite")
        for number, rule in enumerate(table_rules):
            rule.expectation.meta = {"rule": number}
            suite.add_expectation(rule.expectation)
        result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
        for res in result.results:
            rule = table_rules[res.expectation_config.meta["rule"]]
            bad = sorted(res.result.get("unexpected_index_list") or [])
            if not res.success and not bad:
                raise RuntimeError(
                    f"validation rule on {name}.{rule.column} could not run: "
                    f"{(res.exception_info or {}).get('exception_message')}"
                )
            outcomes.append(Outcome(name, rule.column, rule.message, len(frame), len(bad)))
            for index in bad:
                row = frame.iloc[index]
                value = row.get(rule.column) if rule.column in frame else None
                problems.append(
                    Problem(
                        row[FILE],
                        int(row[LINE]),
                        rule.column,
                        None if value is None else str(value),
                        rule.message,
                    )
                )
    return problems + unknown_agencies(data), outcomes


def unknown_agencies(data: DataSet) -> list[Problem]:
    """Agencies a plan names that agencies.csv does not know, so none is silently dropped."""
    aliases = data["agencies"].alias.tolist()
    files = dict(zip(data["plans"].plan_id, data["plans"].text_file, strict=True))
    return [
        Problem(
            f"data/plans/{files[u.plan_id]}",
            None,
            None,
            u.fragment,
            f"clause {u.clause} names an agency that is not an alias in data/agencies.csv",
        )
        for plan_id, text in cleaned_texts(data).items()
        for u in assignments(plan_id, text, aliases)[1]
    ]
