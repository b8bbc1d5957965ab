"""The data contract: which files hold which tables, their columns, types, keys and meaning.

One declaration serves the reader (required columns), the warehouse (column types), the
validation suites (keys, enumerations) and the published descriptions (datapackage.json, the
downloads table, the README's table of data files), so none of them can disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

COMPARATORS = (">=", "<=", "=", "approx", "reduce_by", "between", "qualitative")
COMMITMENTS = ("firm", "strive")
DIRECTIONS = ("up", "down", "none")
# level: a stock or rate read as is; cumulative: an amount added since the base year;
# change: a percentage change against the base year. The last two start from 0 in the base year.
MEASURES = ("level", "cumulative", "change")
# Where a source or plan was read: a web address on one line, nothing a browser would run or
# read from this machine (javascript:, data:, file:).
WEB_URL = re.compile(r"https?://[^\s<>\"]+")
# A plan's text is a few hundred kilobytes; anything beyond this is not a plan.
MAX_TEXT_BYTES = 5_000_000
QUALIFIERS = ("=", ">", "<", "~", "preliminary")
SOURCE_KINDS = (
    "statistical bulletin",
    "government press release",
    "press conference",
    "news report",
    "dataset",
)
HOST_QUALITIES = ("official", "established outlet", "republisher", "aggregator", "junk host")
RELATIONS = ("related", "compounds_to", "sums_to")
# A snippet is a pinpoint quotation: the shortest phrase showing the subject and the number.
SNIPPET_MAX = 72
# Units a statistic may keep from its source, and the factor to the indicator's unit. The
# warehouse converts; the data page shows the source's value and unit beside the converted one.
CONVERSIONS: dict[tuple[str, str], float] = {
    ("t CO2", "万吨二氧化碳"): 1e-4,
    ("Mt CO2", "万吨二氧化碳"): 100.0,
}
AGENCY_LEVELS = ("city", "district", "central", "other")
GEO_LEVELS = ("country", "province", "district")
BREAK_KINDS = ("break", "seam")
PART_DIMENSIONS = ("fuel", "sector")
PART_GROUPS = (
    "coal",
    "oil",
    "kerosene",
    "gas",
    "process",
    "power_heat",
    "industry",
    "transport",
    "households_services",
)


# How a column is read and stored: text, a whole number, a number, or a day (YYYY-MM-DD).
ColumnType = Literal["str", "int", "float", "date"]


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    type: ColumnType = "str"
    required: bool = True
    allowed: tuple[str, ...] = ()
    free_text: bool = False  # prose copied by people: checked for stray HTML markup
    unit: str = ""
    # "table.column" whose values this column's must be among (a foreign key); validation
    # derives its reference rules from these
    references: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    pattern: str  # a path under the data folder; a glob for tables split over files
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    optional_file: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(
    name: str,
    description: str,
    type_: ColumnType = "str",
    *,
    required: bool = True,
    allowed: tuple[str, ...] = (),
    free_text: bool = False,
    unit: str = "",
    references: str = "",
) -> Column:
    return Column(name, description, type_, required, allowed, free_text, unit, references)


_PLAN_ID = "the plan's id, e.g. beijing-2022"
_INDICATOR_ID = "the indicator's id in indicators.csv"

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "plans",
            "plans/plans.csv",
            "One row per plan: titles, issuer, document number, date, parent plan, source URL, "
            "the text file with its SHA-256 and the line where the plan's own text starts.",
            (
                _c("plan_id", "a short id, e.g. beijing-2022"),
                _c(
                    "parent_plan_id",
                    "the plan this one implements",
                    required=False,
                    references="plans.plan_id",
                ),
                _c("geo", "the area the plan covers, a geo of geos.csv", references="geos.geo"),
                _c("title_zh", "the title in Chinese", free_text=True),
                _c("title_en", "the title in English", free_text=True),
                _c("issuer", "the body that issued the plan", free_text=True),
                _c("document_number", "the notice number, e.g. 京政发〔2022〕31号", required=False),
                _c("issued_on", "the date of issue", "date"),
                _c("source_url", "where the text was published", required=False, free_text=True),
                _c("text_file", "the text file under data/plans/, kept byte for byte"),
                _c("text_sha256", "the SHA-256 of the text file, checked on every build"),
                _c("collected_as", "how the text was collected", required=False),
                _c(
                    "body_starts_with",
                    "the start of the plan's first own line; anything before it is dropped",
                    required=False,
                ),
                _c(
                    "text_scope",
                    "what the text file holds: full (the whole plan; every number in it must be "
                    "covered by a target or an exclusion), excerpt (a part of the plan, such as "
                    "the opening a web page keeps; every number in it must be covered too) or "
                    "headline (only the sentences of its headline targets, as the copy read "
                    "gives them; quotes are still checked)",
                    required=False,
                    allowed=("full", "excerpt", "headline"),
                ),
            ),
            key=("plan_id",),
        ),
        Table(
            "geos",
            "geos.csv",
            "The areas the data describes (country, city, districts), with their names, the "
            "area each belongs to and its administrative code.",
            (
                _c("geo", "a short id, e.g. beijing, changping"),
                _c("name_zh", "the name in Chinese, as headings show it", free_text=True),
                _c("name_en", "the name in English", free_text=True),
                _c("parent_geo", "the area it belongs to", required=False, references="geos.geo"),
                _c("level", "country; province (a province, or a city directly under the "
                   "central government such as Beijing); or district (a district, county or "
                   "prefecture-level city below a province)", allowed=GEO_LEVELS),
                _c("admin_code", "the administrative division code, e.g. 110114",
                   required=False),
            ),
            key=("geo",),
        ),
        Table(
            "indicators",
            "indicators.csv",
            "What each indicator measures, its unit, direction, measure and sector.",
            (
                _c("indicator_id", "a short id, e.g. renewable_energy_share"),
                _c("name_zh", "the name in Chinese", free_text=True),
                _c("name_en", "the name in English", free_text=True),
                _c("unit", "the unit every value and target of the indicator is written in"),
                _c("direction", "up: more is better; down: less is better", allowed=DIRECTIONS),
                _c(
                    "measure",
                    "level: read as is; cumulative: added since the base year; change: "
                    "a percentage change against the base year",
                    allowed=MEASURES,
                ),
                _c("sector", "the sector the book groups it under"),
                _c("definition", "what exactly is counted", required=False, free_text=True),
            ),
            key=("indicator_id",),
            optional_file=True,
        ),
        Table(
            "targets",
            "targets.csv",
            "One row per commitment: indicator, comparator, value (or range), unit, base and "
            "target year, scope, firm or strive (力争), the verbatim quote and its clause.",
            (
                _c("target_id", "a short id, e.g. bj-renewable-share-2025"),
                _c("plan_id", _PLAN_ID, references="plans.plan_id"),
                _c("clause", "the section reference as printed, e.g. 五（十三） or 三（四）1; 全文 "
                   "(the whole text) in a text with no headings, such as a news summary"),
                _c("indicator_id", _INDICATOR_ID, references="indicators.indicator_id"),
                _c(
                    "comparator",
                    "how the value binds: >=, <=, =, approx, reduce_by (a fall against the "
                    "base year), between (a range), qualitative (no number)",
                    allowed=COMPARATORS,
                ),
                _c("value", "the number the plan sets (the lower bound of a range)", "float",
                   required=False),
                _c("value_high", "the upper bound of a range", "float", required=False),
                _c("unit", "the indicator's unit", required=False),
                _c("base_year", "the year a change is measured against", "int", required=False,
                   unit="year"),
                _c("target_year", "the year the target is due", "int", required=False,
                   unit="year"),
                _c("scope_zh", "what the target covers, in Chinese (全市, 新建公共建筑…)",
                   free_text=True),
                _c("scope_en", "what the target covers, in English", free_text=True),
                _c("commitment", "strive where the plan writes 力争, else firm",
                   allowed=COMMITMENTS),
                _c("quote", "the plan's own words, a verbatim passage of its cleaned text",
                   free_text=True),
                _c("note", "how the words were read", required=False, free_text=True),
            ),
            key=("target_id",),
            optional_file=True,
        ),
        Table(
            "indicator_links",
            "indicator_links.csv",
            "Related but different indicators, and why they differ.",
            (
                _c("indicator_id", _INDICATOR_ID, references="indicators.indicator_id"),
                _c(
                    "related_indicator_id",
                    "the related indicator's id",
                    references="indicators.indicator_id",
                ),
                _c(
                    "relation",
                    "related: similar but not comparable; compounds_to: yearly changes that "
                    "chain into the other; sums_to: parts of the other",
                    allowed=RELATIONS,
                ),
                _c("reason", "why the two differ", free_text=True),
            ),
            key=("indicator_id", "related_indicator_id"),
            optional_file=True,
        ),
        Table(
            "exclusions",
            "plans/exclusions.csv",
            "Numbers in the plan texts that are not commitments (dates, document numbers, metro "
            "lines), each with a reason.",
            (
                _c("plan_id", _PLAN_ID, references="plans.plan_id"),
                _c("context", "a verbatim passage of the cleaned text holding the number",
                   free_text=True),
                _c("reason", "why it is not a commitment", free_text=True),
            ),
            key=("plan_id", "context"),
            optional_file=True,
        ),
        Table(
            "agencies",
            "agencies.csv",
            "The responsible agencies named by the plans, each name as printed (alias) with one "
            "normalised agency.",
            (
                _c("alias", "the name as a plan prints it"),
                _c("agency_id", "the normalised agency"),
                _c("name_zh", "the agency's full name in Chinese", free_text=True),
                _c("name_en", "the agency's name in English", free_text=True),
                _c("level", "city, district, central or other", allowed=AGENCY_LEVELS),
            ),
            key=("alias",),
            optional_file=True,
        ),
        Table(
            "sources",
            "sources.csv",
            "Every source of a statistic: publisher, title, URL, dates, kind.",
            (
                _c("source_id", "a short id"),
                _c("publisher", "who published the figure", free_text=True),
                _c("title", "the title of the page or document", free_text=True),
                _c("url", "where it was read", free_text=True),
                _c("published_on", "the date of publication", "date", required=False),
                _c("accessed_on", "the date it was read", "date"),
                _c("kind", "what sort of source it is; sets the precedence when sources "
                   "disagree", allowed=SOURCE_KINDS),
                _c(
                    "host_quality",
                    "who serves the page: official (the publisher's own site), established "
                    "outlet, republisher (names the outlet it copies), aggregator (an automatic "
                    "mirror naming no outlet), junk host",
                    allowed=HOST_QUALITIES,
                ),
                _c("note", "caveats about the source", required=False, free_text=True),
                _c("repository", "for a dataset: the repository it was taken from (owner/name)",
                   required=False),
                _c("commit", "for a dataset: the repository's commit", required=False),
                _c("path", "for a dataset: the file's path in the repository", required=False),
                _c("local_copy", "for a dataset: the checked-in copy of the rows used, under "
                   "data/", required=False),
                _c("key_columns", "for a dataset: the columns that identify a row, comma "
                   "separated", required=False),
                _c("value_column", "for a dataset: the column holding the value",
                   required=False),
                _c("copy_sha256", "for a dataset: the SHA-256 of the checked-in copy, checked "
                   "on every build", required=False),
                _c("value_unit", "for a dataset: the unit of the value column in the copy; "
                   "every row taken from it is written in this unit", required=False),
            ),
            key=("source_id",),
            optional_file=True,
        ),
        Table(
            "statistics",
            "statistics/*.csv",
            "Figures: official statistics, each with a snippet copied from the source that "
            "contains the number, and rows of research datasets, each with its key in the "
            "dataset's checked-in copy; geo, indicator, year, value, unit, qualifier, source.",
            (
                _c("geo", "the area, a geo of geos.csv", references="geos.geo"),
                _c("indicator_id", _INDICATOR_ID, references="indicators.indicator_id"),
                _c("year", "the year the figure refers to", "int", unit="year"),
                _c("value", "the figure, in the unit of the next column", "float"),
                _c("unit", "the indicator's unit, or for a dataset the source's own unit when "
                   "the contract can convert it"),
                _c(
                    "qualifier",
                    "= plain; > more than (超过); < less than (不足); ~ about (约, 左右); "
                    "preliminary (预计, 初步)",
                    allowed=QUALIFIERS,
                ),
                _c("source_id", "the source's id in sources.csv", references="sources.source_id"),
                _c("snippet", "a pinpoint quotation of the source, containing the number (empty "
                   "for a dataset row)", required=False, free_text=True),
                _c("note", "caveats: reference date, conversion, definition", required=False,
                   free_text=True),
                _c("reference_date", "the date the figure describes, when it is not the "
                   "year's end (a mid-year count, a census day)", "date", required=False),
                _c("row_key", "for a dataset row: the values of the dataset's key columns, "
                   "comma separated (e.g. CN-BJ,2010)", required=False),
            ),
            key=("geo", "indicator_id", "year", "source_id"),
            optional_file=True,
        ),
        Table(
            "emission_parts",
            "emission_parts.csv",
            "Parts of a research inventory's total, one cell of its workbook each: a fuel's "
            "CO2 on the total row, or a sector's total; each with the group the book sums it "
            "into and the cell's key in the dataset's checked-in copy.",
            (
                _c("geo", "the area, a geo of geos.csv", references="geos.geo"),
                _c("year", "the year the cell describes", "int", unit="year"),
                _c("dimension", "fuel (a column of the total row) or sector (a row's total)",
                   allowed=PART_DIMENSIONS),
                _c("label", "the fuel or sector as the workbook prints it"),
                _c("group", "the group the book sums the part into", allowed=PART_GROUPS),
                _c("value", "the cell's value, unchanged", "float"),
                _c("unit", "the workbook's unit", allowed=("Mt CO2",)),
                _c("source_id", "the dataset's id in sources.csv", references="sources.source_id"),
                _c("row_key", "the cell's key in the dataset's copy: sheet,cell"),
            ),
            key=("source_id", "row_key"),
            optional_file=True,
        ),
        Table(
            "edition_figures",
            "editions/*-figures.csv",
            "The figures a published edition used (written by record-edition): the next edition "
            "lists what was added, revised or dropped since.",
            (
                _c("edition", "the edition's name, its date of publication"),
                _c("geo", "the area"),
                _c("indicator_id", _INDICATOR_ID),
                _c("year", "the year the figure refers to", "int", unit="year"),
                _c("value", "the figure in the indicator's unit", "float"),
                _c("qualifier", "as in the statistics", allowed=QUALIFIERS),
                _c("source_id", "the source the figure was taken from"),
            ),
            key=("edition", "geo", "indicator_id", "year"),
            optional_file=True,
        ),
        Table(
            "edition_targets",
            "editions/*-targets.csv",
            "Every target's status in a published edition (written by record-edition).",
            (
                _c("edition", "the edition's name, its date of publication"),
                _c("target_id", "the target's id"),
                _c("status", "its status in that edition"),
            ),
            key=("edition", "target_id"),
            optional_file=True,
        ),
        Table(
            "series_breaks",
            "datasets/breaks.csv",
            "Where a dataset's method changes: a break makes values before and after it "
            "incomparable (the peak rule answers cannot tell across it); a seam joins two "
            "releases of one method and is only marked on the charts.",
            (
                _c("source_id", "the dataset's id in sources.csv", references="sources.source_id"),
                _c("year", "the first year of the new method or release", "int", unit="year"),
                _c("kind", "break: not comparable across it; seam: marked only",
                   allowed=BREAK_KINDS),
                _c("note_zh", "what changes, in Chinese", free_text=True),
                _c("note_en", "what changes, in English", free_text=True),
            ),
            key=("source_id", "year"),
            optional_file=True,
        ),
    )
}

# Columns the warehouse adds to every table read from a data file.
ORIGIN_COLUMNS = {
    "source_file": "the data file the row was read from",
    "source_line": "the row's line in that file",
}


@dataclass(frozen=True)
class Derived:
    """A table or view the warehouse computes from the data files."""

    name: str
    description: str
    columns: dict[str, str]


_SOURCE_COLUMNS = {
    "source_value": "the figure as the source gives it",
    "source_unit": "the source's unit",
    "is_snapshot": "true when the figure describes a date other than the year's end",
    "source_kind": "the source's kind",
    "host_quality": "who serves the source's page",
    "publisher": "the source's publisher",
    "source_title": "the source's title",
    "source_url": "the source's URL",
    "published_on": "the source's date of publication",
    "source_rank": "precedence of the source's kind: 1 bulletin, 2 government, 3 dataset, 4 news",
    "dataset_order": "1 for a figure of the one dataset chosen for this geo and indicator (the "
    "one covering most years) or of a source that is not a dataset; 2 and above for the other "
    "datasets, which are shown apart and never chosen",
    "sources_for_year": "how many sources give a figure for this geo, indicator and year",
    "distinct_values": "how many different values those sources give",
}
_PAIR_SIDE = ("comparator", "value", "value_high", "scope_zh", "scope_en", "quote")

DERIVED: dict[str, Derived] = {
    d.name: d
    for d in (
        Derived(
            "plan_texts",
            "The cleaned text of each plan, its length and the SHA-256 of the collected file.",
            {
                "plan_id": _PLAN_ID,
                "cleaned_text": "the text quotes are checked against",
                "text_length": "characters of the cleaned text",
                "raw_sha256": "the SHA-256 of the collected file",
            },
        ),
        Derived(
            "sections",
            "The headings of each plan's cleaned text and the clause references.",
            {
                "plan_id": _PLAN_ID,
                "position": "the heading's order in the text, from 0",
                "clause": "the full reference, e.g. 五（十三）",
                "level": "1 chapter, 2 section, 3 item",
                "label": "the heading's own label as printed",
                "title": "the heading's words",
                "chapter": "the chapter's label",
                "start_offset": "where the heading starts in the cleaned text",
                "end_offset": "where the text it governs ends",
                "text_length": "characters it governs",
                "text": "the text it governs",
            },
        ),
        Derived(
            "responsibilities",
            "Clause × agency, as named at the end of each clause.",
            {
                "plan_id": _PLAN_ID,
                "clause": "the clause reference",
                "paragraph_start": "where the paragraph naming the agency starts",
                "position": "1 for the agency named first, usually the lead",
                "alias": "the name as printed",
                "agency_id": "the normalised agency",
            },
        ),
        Derived(
            "target_agencies",
            "Target × agency, from the note of the paragraph carrying the target.",
            {
                "target_id": "the target's id",
                "agency_id": "the normalised agency",
                "position": "1 for the agency named first",
            },
        ),
        Derived(
            "target_pairs",
            "City and district targets for the same indicator and year, side by side.",
            {
                "indicator_id": _INDICATOR_ID,
                "target_year": "the year both targets are due",
                "parent_plan_id": "the city's (parent) plan",
                "plan_id": "the district's plan",
                "parent_target_id": "the city's target",
                "target_id": "the district's target",
                "unit": "the indicator's unit",
                **{f"parent_{c}": f"the city target's {c}" for c in _PAIR_SIDE},
                **{c: f"the district target's {c}" for c in _PAIR_SIDE},
            },
        ),
        Derived(
            "statistics_chosen",
            "The figure the analyses use per geo, indicator and year, in the indicator's unit.",
            {
                **{c.name: c.description for c in TABLES["statistics"].columns},
                **ORIGIN_COLUMNS,
                **_SOURCE_COLUMNS,
                "value": "the figure in the indicator's unit (converted where the source's "
                "unit differs)",
                "unit": "the indicator's unit",
                "has_conflict": "true when sources give different values",
            },
        ),
        Derived(
            "validation_results",
            "The data-quality rules run at build time and their results.",
            {
                "table_name": "the table checked",
                "column_name": "the column checked",
                "rule": "the rule, as the message a failure prints",
                "checked": "rows checked",
                "failed": "rows that failed",
            },
        ),
        Derived(
            "data_notes",
            "What the reader normalised in the data files (byte-order marks, full-width digits).",
            {"note": "what was normalised, and where"},
        ),
    )
}

# What readers can download from the book, in the order the data page lists it.
DOWNLOADS = (
    "geos",
    "plans",
    "sections",
    "targets",
    "indicators",
    "indicator_links",
    "target_pairs",
    "agencies",
    "responsibilities",
    "target_agencies",
    "sources",
    "statistics",
    "statistics_chosen",
    "validation_results",
)


def description(name: str) -> str:
    """What a table of the warehouse holds, in one sentence."""
    return TABLES[name].description if name in TABLES else DERIVED[name].description


def column_descriptions(name: str) -> dict[str, str]:
    """Every column of a warehouse table with what it holds (origin columns included)."""
    if name in DERIVED:
        return dict(DERIVED[name].columns)
    return {c.name: c.description for c in TABLES[name].columns} | ORIGIN_COLUMNS


def data_files_markdown() -> str:
    """The README's table of data files, made from the contract (a test keeps them equal)."""
    rows = ["| file | what it holds |", "|---|---|"]
    rows.append(
        "| `data/plans/*.txt` | the plan texts, byte for byte as collected (their SHA-256 is in "
        "`plans.csv` and checked on every build) |"
    )
    rows += [f"| `data/{t.pattern}` | {t.description} |" for t in TABLES.values()]
    rows.append(
        "| `data/datasets/*.csv` | the rows the book uses from public datasets, values unchanged; "
        "`data/datasets/README.md` names each upstream repository, commit and file |"
    )
    return "\n".join(rows)
