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

from analysis.checks.cross_table import SCANS, derived_columns
from analysis.contract.problems import Outcome, Problem
from analysis.contract.schema import SNIPPET_MAX, TABLES, Column, Table
from analysis.ingest.csv_tables import FILE, LINE
from analysis.ingest.dataset import DataSet

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


def _column_rules(table: Table, column: Column, data: DataSet) -> list[Rule]:
    """What the contract says of one column: required, one of a set, a key of another table."""
    found = []
    if column.required:
        found.append(Rule(table.name, "ExpectColumnValuesToNotBeNull", dict(column=column.name),
                          column.name, "is required"))  # fmt: skip
    if column.allowed:
        allowed = list(column.allowed)
        message = f"must be one of: {', '.join(allowed)}"
        found.append(_in_set(table.name, column.name, allowed, message))
    if column.references:
        other, key = column.references.split(".")
        file = TABLES[other].pattern.rsplit("/", 1)[-1]
        article = "an" if key[0] in "aeiou" else "a"
        values = sorted({v for v in data[other][key] if isinstance(v, str) and v})
        found.append(_in_set(table.name, column.name, values, f"is not {article} {key} in {file}"))
    return found


def _key_rule(table: Table) -> list[Rule]:
    if len(table.key) == 1:
        return [Rule(table.name, "ExpectColumnValuesToBeUnique", dict(column=table.key[0]),
                     table.key[0], "is a duplicate: it must be unique")]  # fmt: skip
    if table.key:
        return [Rule(table.name, "ExpectCompoundColumnsToBeUnique",
                     dict(column_list=list(table.key)), "+".join(table.key),
                     f"duplicate row: ({', '.join(table.key)}) must be unique")]  # fmt: skip
    return []


def _in_set(table: str, column: str, values: list, message: str, shown: str = "") -> Rule:
    """A rule that a column's values are among some; `shown` is the column a problem names
    when the rule is asserted on a derived column."""
    return Rule(table, "ExpectColumnValuesToBeInSet", dict(column=column, value_set=values),
                shown or column, message)  # fmt: skip


def _year_rule(table: str, column: str, last: int, what: str) -> Rule:
    return Rule(table, "ExpectColumnValuesToBeBetween",
                dict(column=column, min_value=FIRST_YEAR, max_value=last), column,
                f"must be a year between {FIRST_YEAR} and {what}")  # fmt: skip


_WEB = "must be one web address (http:// or https://) on one line"
_FUTURE = "lies in the future"
# The cross-table facts (computed into boolean columns by cross_table.derived_columns) that
# must hold on every row: (table, derived column, the column a problem names, the rule).
DERIVED: tuple[tuple[str, str, str, str], ...] = (
    ("plans", "sha_matches", "text_sha256",
     "does not match the SHA-256 of the plan text file (the text changed, or the hash is wrong)"),
    ("targets", "quote_in_text", "quote", "is not a verbatim passage of the plan's cleaned text"),
    ("targets", "value_in_quote", "value", "does not appear in the target's quote"),
    ("targets", "range_ordered", "value_high", "is below value: a range runs from low to high"),
    ("targets", "years_ordered", "base_year", "is not before the target year"),
    ("plans", "parent_acyclic", "parent_plan_id", "leads back to the plan itself (a cycle)"),
    ("geos", "parent_acyclic", "parent_geo", "leads back to the area itself (a cycle)"),
    ("plans", "url_is_web", "source_url", _WEB),
    ("sources", "url_is_web", "url", _WEB),
    ("plans", "issued_not_future", "issued_on", _FUTURE),
    ("sources", "accessed_on_not_future", "accessed_on", _FUTURE),
    ("sources", "published_on_not_future", "published_on", _FUTURE),
    ("targets", "unit_matches", "unit", "is not the unit of the target's indicator"),
    ("statistics", "snippet_given", "snippet",
     "is required: a pinpoint quotation of the source (only a dataset row has none)"),
    ("statistics", "snippet_short", "snippet",
     f"is longer than {SNIPPET_MAX} characters: quote only the phrase that shows the subject "
     "and the number, and explain the context in the note"),
    ("statistics", "value_in_snippet", "snippet", "does not contain the row's value"),
    ("statistics", "qualifier_as_worded", "qualifier",
     "disagrees with the snippet's own word next to the value (不足 or 以下 is <, 超过 or 以上 "
     "is >, 约 or 左右 is ~)"),
    ("statistics", "reference_date_in_year", "reference_date",
     "lies after the row's year or in the future"),
    ("statistics", "unit_matches", "unit", "is not the unit of the indicator"),
    *(
        (table, check, "value", message)
        for table in ("statistics", "targets")
        for check, message in (
            ("not_a_fraction",
             "looks like a fraction of 1 while the unit is %: write 14.4 for 14.4%"),
            ("percent_in_range",
             "is a percentage and must lie between 0 and 100 (write 14.4 for 14.4%)"),
        )
    ),
    *(
        (table.name, f"no_markup__{column.name}", column.name,
         "contains HTML markup; data files hold plain text (write the words only)")
        for table in TABLES.values()
        for column in table.columns
        if column.free_text
    ),
)  # fmt: skip


def rules(data: DataSet, this_year: int) -> list[Rule]:
    """Every rule the data must satisfy, as plain data (Great Expectations is imported only
    when a rule must run): first what the contract declares of each table (required columns,
    allowed values, references to other tables' keys, keys), then the year ranges, then the
    cross-table facts of DERIVED."""
    found: list[Rule] = []
    for table in TABLES.values():
        for column in table.columns:
            found += _column_rules(table, column, data)
        found += _key_rule(table)
    found += [
        _year_rule("targets", "base_year", LAST_TARGET_YEAR, str(LAST_TARGET_YEAR)),
        _year_rule("targets", "target_year", LAST_TARGET_YEAR, str(LAST_TARGET_YEAR)),
        _year_rule("statistics", "year", this_year, f"the current year ({this_year})"),
    ]
    found += [_in_set(table, check, [True], message, shown)
              for table, check, shown, message in DERIVED]  # fmt: skip
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

