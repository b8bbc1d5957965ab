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
from analysis.checks.memo import ValidationMemo
from analysis.contract.problems import DataError, Outcome, Problem
from analysis.contract.schema import SNIPPET_MAX, TABLES
from analysis.ingest.csv_tables import FILE, LINE
from analysis.ingest.dataset import DataSet, read_data

FIRST_YEAR = 1990
LAST_TARGET_YEAR = 2060


@dataclass(frozen=True)
class Rule:
    """One expectation and the sentence that explains a failure of it to a person."""

    table: str
    expectation: str  # the name of a Great Expectations expectation class
    arguments: dict
    column: str
    message: str


def rules(data: DataSet, this_year: int) -> list[Rule]:
    """Every rule the data must satisfy, built from the schema and the reference tables, as
    plain data: Great Expectations is imported only when a rule must run."""
    found: list[Rule] = []
    for table in TABLES.values():
        for column in table.columns:
            if column.required:
                found.append(
                    Rule(
                        table.name,
                        "ExpectColumnValuesToNotBeNull",
                        dict(column=column.name),
                        column.name,
                        "is required",
                    )
                )
            if column.allowed:
                found.append(
                    Rule(
                        table.name,
                        "ExpectColumnValuesToBeInSet",
                        dict(column=column.name, value_set=list(column.allowed)),
                        column.name,
                        f"must be one of: {', '.join(column.allowed)}",
                    )
                )
        if len(table.key) == 1:
            found.append(
                Rule(
                    table.name,
                    "ExpectColumnValuesToBeUnique",
                    dict(column=table.key[0]),
                    table.key[0],
                    "is a duplicate: it must be unique",
                )
            )
        elif table.key:
            found.append(
                Rule(
                    table.name,
                    "ExpectCompoundColumnsToBeUnique",
                    dict(column_list=list(table.key)),
                    "+".join(table.key),
                    f"duplicate row: ({', '.join(table.key)}) must be unique",
                )
            )

    def in_set(table: str, column: str, values, what: str) -> None:
        found.append(
            Rule(
                table,
                "ExpectColumnValuesToBeInSet",
                dict(column=column, value_set=sorted({v for v in values if v})),
                column,
                what,
            )
        )

    def true(table: str, column: str, shown: str, what: str) -> None:
        found.append(
            Rule(
                table,
                "ExpectColumnValuesToBeInSet",
                dict(column=column, value_set=[True]),
                shown,
                what,
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
    true("targets", "range_ordered", "value_high", "is below value: a range runs from low to high")
    true("targets", "years_ordered", "base_year", "is not before the target year")
    true("plans", "parent_acyclic", "parent_plan_id", "leads back to the plan itself (a cycle)")
    true("geos", "parent_acyclic", "parent_geo", "leads back to the area itself (a cycle)")
    web = "must be one web address (http:// or https://) on one line"
    true("plans", "url_is_web", "source_url", web)
    true("sources", "url_is_web", "url", web)
    true("plans", "issued_not_future", "issued_on", "lies in the future")
    for column in ("accessed_on", "published_on"):
        true("sources", f"{column}_not_future", column, "lies in the future")
    true("targets", "unit_matches", "unit", "is not the unit of the target's indicator")
    for column in ("base_year", "target_year"):
        found.append(
            Rule(
                "targets",
                "ExpectColumnValuesToBeBetween",
                dict(column=column, min_value=FIRST_YEAR, max_value=LAST_TARGET_YEAR),
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
        "series_breaks",
        "source_id",
        data["sources"].source_id.dropna().tolist(),
        "is not a source_id in sources.csv",
    )
    in_set(
        "emission_parts",
        "source_id",
        data["sources"].source_id.dropna().tolist(),
        "is not a source_id in sources.csv",
    )
    geos = data["geos"].geo.dropna().tolist()
    in_set("statistics", "geo", geos, "is not a geo of geos.csv")
    in_set("plans", "geo", geos, "is not a geo of geos.csv")
    in_set("emission_parts", "geo", geos, "is not a geo of geos.csv")
    in_set("geos", "parent_geo", geos, "is not a geo of geos.csv")
    found.append(
        Rule(
            "statistics",
            "ExpectColumnValuesToBeBetween",
            dict(column="year", min_value=FIRST_YEAR, max_value=this_year),
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
    true(
        "statistics",
        "qualifier_as_worded",
        "qualifier",
        "disagrees with the snippet's own word next to the value (不足 or 以下 is <, 超过 or 以上 "
        "is >, 约 or 左右 is ~)",
    )
    true(
        "statistics",
        "reference_date_in_year",
        "reference_date",
        "lies after the row's year or in the future",
    )
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


def _by_table(data: DataSet, this_year: int) -> dict[str, list[Rule]]:
    by_table: dict[str, list[Rule]] = {}
    for rule in rules(data, this_year):
        by_table.setdefault(rule.table, []).append(rule)
    return by_table


def units(data: DataSet, today: dt.date | None = None) -> list[str]:
    """The parts validation runs and caches one by one: each table's suite, then each scan,
    in the order the outcomes are reported."""
    this_year = (today or dt.date.today()).year
    return [*_by_table(data, this_year), *(scan.__name__ for *_, scan in SCANS)]


def passing_outcomes(
    data: DataSet, today: dt.date | None = None, only: set[str] | None = None
) -> dict[str, list[Outcome]]:
    """The outcome each rule has when the data passes it, without running it: every row checked,
    none failed (the scans count what they check, which takes no Great Expectations). A build
    loads these while the real validation runs beside it, and publishes only if they match."""
    this_year = (today or dt.date.today()).year
    found = {
        name: [Outcome(name, r.column, r.message, len(data[name]), 0) for r in table_rules]
        for name, table_rules in _by_table(data, this_year).items()
        if only is None or name in only
    }
    for table, column, message, scan in SCANS:
        if only is None or scan.__name__ in only:
            found[scan.__name__] = [Outcome(table, column, message, scan(data)[0], 0)]
    return found


def validate(
    data: DataSet, today: dt.date | None = None, only: set[str] | None = None
) -> tuple[list[Problem], dict[str, list[Outcome]]]:
    """Run the rules of the given units (all by default); return the problems (empty when the
    data is good) and the outcome of each rule, by unit. Great Expectations is imported only
    when a table's suite is among them."""
    this_year = (today or dt.date.today()).year
    by_table = {
        name: table_rules
        for name, table_rules in _by_table(data, this_year).items()
        if only is None or name in only
    }
    problems: list[Problem] = []
    outcomes: dict[str, list[Outcome]] = {}
    if by_table:
        problems += _run_suites(data, by_table, outcomes, today)
    for table, column, message, scan in SCANS:
        if only is None or scan.__name__ in only:
            checked, found = scan(data)
            outcomes[scan.__name__] = [Outcome(table, column, message, checked, len(found))]
            problems += found
    return problems, outcomes


def _shown(value: object) -> str | None:
    """A cell as a problem names it: 2025, not 2025.0 (years and counts read as floats)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _run_suites(
    data: DataSet,
    by_table: dict[str, list[Rule]],
    outcomes: dict[str, list[Outcome]],
    today: dt.date | None = None,
) -> list[Problem]:
    import great_expectations as gx
    import great_expectations.expectations as gxe

    frames = derived_columns(data, today)
    context = _quiet_context()
    source = context.data_sources.add_pandas("carbon")
    problems: list[Problem] = []
    for name, table_rules in by_table.items():
        frame = frames[name].reset_index(drop=True)
        if frame.empty:
            outcomes[name] = [Outcome(name, r.column, r.message, 0, 0) for r in table_rules]
            continue
        outcomes[name] = []
        frame = frame.astype(object).where(frame.notna(), None)
        # plain lists: a bad file of 200,000 rows has a million problems, and frame.iloc per
        # problem took over a minute
        columns = {column: frame[column].tolist() for column in frame.columns}
        batch = (
            source.add_dataframe_asset(name)
            .add_batch_definition_whole_dataframe("all")
            .get_batch(batch_parameters={"dataframe": frame})
        )
        suite = gx.ExpectationSuite(name=f"{name}_suite")
        for number, rule in enumerate(table_rules):
            expectation = getattr(gxe, rule.expectation)(**rule.arguments)
            expectation.meta = {"rule": number}
            suite.add_expectation(expectation)
        result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
        # in the order the rules were written, whatever order Great Expectations reports them in
        for res in sorted(result.results, key=lambda r: r.expectation_config.meta["rule"]):
            rule = table_rules[res.expectation_config.meta["rule"]]
            bad = sorted(res.result.get("unexpected_index_list") or [])
            if not res.success and not bad:
                raise RuntimeError(
                    f"validation rule on {name}.{rule.column} could not run: "
                    f"{(res.exception_info or {}).get('exception_message')}"
                )
            outcomes[name].append(Outcome(name, rule.column, rule.message, len(frame), len(bad)))
            values = columns[rule.column] if rule.column in columns else [None] * len(frame)
            problems += [
                Problem(
                    columns[FILE][i],
                    int(columns[LINE][i]),
                    rule.column,
                    _shown(values[i]),
                    rule.message,
                )
                for i in bad
            ]
    return problems


def in_order(data: DataSet, by_unit: dict[str, list[Outcome]], today: dt.date | None = None):
    """The outcomes of every unit, in the order of `units`, however they were obtained."""
    return [o for unit in units(data, today) for o in by_unit[unit]]


def with_read_problems(data: DataSet, problems: list[Problem]) -> list[Problem]:
    """The cells that could not be read, then the rules' problems, less those about a cell
    already reported as unreadable (an empty cell read as missing says nothing new)."""
    unreadable = {(p.file, p.line, p.column) for p in data.read_problems}
    return [
        *data.read_problems,
        *(p for p in problems if (p.file, p.line, p.column) not in unreadable),
    ]


def checked_data(
    data_dir: Path, today: dt.date | None = None, memo: ValidationMemo | None = None
) -> tuple[DataSet, list[Outcome]]:
    """The data, read and validated, with the outcome of every rule; raises DataError.

    With a memo, a unit whose inputs are byte for byte those of an earlier pass is not run again.
    """
    data = read_data(data_dir, strict=False)
    memo = memo or ValidationMemo(None)
    keys = memo.keys(data, units(data, today), today)
    known = {unit: memo.passed(unit, key) for unit, key in keys.items()}
    todo = {unit for unit, outcomes in known.items() if outcomes is None}
    problems, fresh = validate(data, today, todo) if todo else ([], {})
    for unit, outcomes in fresh.items():
        if not any(o.failed for o in outcomes):
            memo.remember(unit, keys[unit], outcomes)
    problems = with_read_problems(data, problems)
    if problems:
        raise DataError(problems)
    return data, in_order(data, {**known, **fresh}, today)
