"""Great Expectations suites for every table.

Cross-table rules (a quote is in its plan's text, a snippet contains its value, a hash matches)
are computed into boolean columns first (see cross_table) and then asserted by the same suites,
so that every failure is reported the same way: file, line, column, value and the rule in plain
words. Great Expectations is imported only when a suite runs: the import alone takes seconds.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from analysis.checks.cross_table import SCANS, derived_columns
from analysis.contract.problems import DataError, Problem
from analysis.contract.schema import SNIPPET_MAX, TABLES
from analysis.ingest.csv_tables import FILE, LINE
from analysis.ingest.dataset import DataSet, read_data

FIRST_YEAR = 1990
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
    geos = data["geos"].geo.dropna().tolist()
    in_set("statistics", "geo", geos, "is not a geo of geos.csv")
    in_set("plans", "geo", geos, "is not a geo of geos.csv")
    in_set("geos", "parent_geo", geos, "is not a geo of geos.csv")
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
    true(
        "statistics",
        "snippet_given",
        "snippet",
        "is required: a pinpoint quotation of the source (only a dataset row has none)",
    )
    true(
        "statistics",
        "snippet_short",
        "snippet",
        f"is longer than {SNIPPET_MAX} characters: quote only the phrase that shows the subject "
        "and the number, and explain the context in the note",
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
    frames = derived_columns(data)
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
    for table, column, message, scan in SCANS:
        checked, found = scan(data)
        outcomes.append(Outcome(table, column, message, checked, len(found)))
        problems += found
    return problems, outcomes


def checked_data(data_dir: Path, today: dt.date | None = None) -> tuple[DataSet, list[Outcome]]:
    """The data, read and validated, with the outcome of every rule; raises DataError."""
    data = read_data(data_dir)
    problems, outcomes = validate(data, today)
    if problems:
        raise DataError(problems)
    return data, outcomes
