"""The data contract: which files hold which tables, their columns, types and keys.

One declaration serves the reader (required columns), the warehouse (column types) and the
validation suites (keys, enumerations), so the three can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

COMPARATORS = (">=", "<=", "=", "approx", "reduce_by", "between", "qualitative")
COMMITMENTS = ("firm", "strive")
DIRECTIONS = ("up", "down", "none")
# level: a stock or rate read as is; cumulative: an amount added since the base year;
# change: a percentage change against the base year. The last two start from 0 in the base year.
MEASURES = ("level", "cumulative", "change")
QUALIFIERS = ("=", ">", "<", "~", "preliminary")
SOURCE_KINDS = (
    "statistical bulletin",
    "government press release",
    "press conference",
    "news report",
    "dataset",
)
RELATIONS = ("related", "compounds_to", "sums_to")
AGENCY_LEVELS = ("city", "district", "central", "other")


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "str"  # str | int | float | date
    required: bool = True
    allowed: tuple[str, ...] = ()
    free_text: bool = False  # prose copied by people: checked for stray HTML markup


@dataclass(frozen=True)
class Table:
    name: str
    pattern: str  # a path under the data folder; a glob for tables split over files
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    optional_file: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


FREE_TEXT = {
    "title_zh",
    "title_en",
    "issuer",
    "name_zh",
    "name_en",
    "definition",
    "scope",
    "quote",
    "note",
    "reason",
    "context",
    "publisher",
    "title",
    "snippet",
    "url",
    "source_url",
}


def _c(name: str, type_: str = "str", required: bool = True, allowed: tuple[str, ...] = ()):
    return Column(name, type_, required, allowed, free_text=name in FREE_TEXT)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "plans",
            "plans/plans.csv",
            (
                _c("plan_id"),
                _c("parent_plan_id", required=False),
                _c("geo"),
                _c("title_zh"),
                _c("title_en"),
                _c("issuer"),
                _c("document_number", required=False),
                _c("issued_on", "date"),
                _c("source_url", required=False),
                _c("text_file"),
                _c("text_sha256"),
                _c("collected_as", required=False),
                _c("body_starts_with", required=False),
            ),
            key=("plan_id",),
        ),
        Table(
            "indicators",
            "indicators.csv",
            (
                _c("indicator_id"),
                _c("name_zh"),
                _c("name_en"),
                _c("unit"),
                _c("direction", allowed=DIRECTIONS),
                _c("measure", allowed=MEASURES),
                _c("sector"),
                _c("definition", required=False),
            ),
            key=("indicator_id",),
            optional_file=True,
        ),
        Table(
            "targets",
            "targets.csv",
            (
                _c("target_id"),
                _c("plan_id"),
                _c("clause"),
                _c("indicator_id"),
                _c("comparator", allowed=COMPARATORS),
                _c("value", "float", required=False),
                _c("value_high", "float", required=False),
                _c("unit", required=False),
                _c("base_year", "int", required=False),
                _c("target_year", "int", required=False),
                _c("scope"),
                _c("commitment", allowed=COMMITMENTS),
                _c("quote"),
                _c("note", required=False),
            ),
            key=("target_id",),
            optional_file=True,
        ),
        Table(
            "indicator_links",
            "indicator_links.csv",
            (
                _c("indicator_id"),
                _c("related_indicator_id"),
                _c("relation", allowed=RELATIONS),
                _c("reason"),
            ),
            key=("indicator_id", "related_indicator_id"),
            optional_file=True,
        ),
        Table(
            "exclusions",
            "plans/exclusions.csv",
            (_c("plan_id"), _c("context"), _c("reason")),
            key=("plan_id", "context"),
            optional_file=True,
        ),
        Table(
            "agencies",
            "agencies.csv",
            (
                _c("alias"),
                _c("agency_id"),
                _c("name_zh"),
                _c("name_en"),
                _c("level", allowed=AGENCY_LEVELS),
            ),
            key=("alias",),
            optional_file=True,
        ),
        Table(
            "sources",
            "sources.csv",
            (
                _c("source_id"),
                _c("publisher"),
                _c("title"),
                _c("url"),
                _c("published_on", "date", required=False),
                _c("accessed_on", "date"),
                _c("kind", allowed=SOURCE_KINDS),
                _c("note", required=False),
            ),
            key=("source_id",),
            optional_file=True,
        ),
        Table(
            "statistics",
            "statistics/*.csv",
            (
                _c("geo"),
                _c("indicator_id"),
                _c("year", "int"),
                _c("value", "float"),
                _c("unit"),
                _c("qualifier", allowed=QUALIFIERS),
                _c("source_id"),
                _c("snippet"),
                _c("note", required=False),
            ),
            key=("geo", "indicator_id", "year", "source_id"),
            optional_file=True,
        ),
    )
}
