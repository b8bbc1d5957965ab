"""Every word the pages put around the data, in one place: column headings, the names of codes
(statuses, sectors, kinds), and the one way a Chinese and an English text are joined.

The analyses return codes and separate `_zh` and `_en` columns; the tables and charts turn them
into what a reader sees here, so a heading or a label is changed once for every page.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.analyses import compare, final_account, peaks, plans, progress

NAME_SEPARATOR = " · "


def bilingual(zh: str, en: str) -> str:
    """A label in both languages, Chinese first, as the book's readers read both."""
    return f"{zh} {en}"


def joined(zh, en) -> str:
    """A name in both languages (北京市 · Beijing); one side alone when the other is empty."""
    parts = [str(p) for p in (zh, en) if p is not None and not pd.isna(p) and str(p)]
    return NAME_SEPARATOR.join(parts)


def place_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every geo's name in both languages (北京市 · Beijing), as charts label places."""
    names = plans.geo_names(con)
    return {geo: joined(row.name_zh, row.name_en) for geo, row in names.iterrows()}


def plan_labels(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> dict[str, str]:
    """Each plan named by its place in both languages, in the order given (the parent first):
    short enough for a legend or an axis, and readable in either language."""
    places, geos = place_labels(con), plans.geos(con)
    return {plan_id: places[geos[plan_id]] for plan_id in plan_ids}


def joined_column(frame: pd.DataFrame, stem: str) -> pd.Series:
    """The `stem_zh` and `stem_en` columns of a frame joined for display."""
    return pd.Series(
        [joined(z, e) for z, e in zip(frame[f"{stem}_zh"], frame[f"{stem}_en"], strict=True)],
        index=frame.index,
        dtype=object,
    )


# Column → (Chinese, English) heading.
HEADINGS: dict[str, tuple[str, str]] = {
    "verdict": ("结论", "Verdict"),
    "outcome": ("结果", "Outcome"),
    "target_id": ("目标编号", "Target id"),
    "value_old": ("原值", "Old value"),
    "value_new": ("新值", "New value"),
    "source_id_old": ("原来源", "Old source"),
    "source_id_new": ("新来源", "New source"),
    "status_old": ("原状态", "Old status"),
    "status_new": ("新状态", "New status"),
    "latest": ("最新值", "Latest figure"),
    "latest_source": ("最新数值的来源", "Source of the latest figure"),
    "related": ("相关数值（不同口径）", "Related figure (a different measure)"),
    "group": ("类别", "Group"),
    "first_share": ("起始年占比 %", "Share in the first year, %"),
    "last_share": ("最后一年占比 %", "Share in the last year, %"),
    "change": ("变化 百分点", "Change, points"),
    "inventory_total": ("全市清单 万吨", "City inventory, 10,000 t"),
    "areas": ("地区数", "Areas"),
    "implied": ("推算总量 万吨", "Implied total, 10,000 t"),
    "low": ("下限 万吨", "Low, 10,000 t"),
    "high": ("上限 万吨", "High, 10,000 t"),
    "constant_prices": ("不变价 万吨", "Constant prices, 10,000 t"),
    "current_prices": ("当年价 万吨", "Current prices, 10,000 t"),
    "energy_low": ("能耗数据最低 万吨", "Lowest with other energy totals"),
    "energy_high": ("能耗数据最高 万吨", "Highest with other energy totals"),
    "indicator_zh": ("指标", "Indicator"),
    "qualifier": ("限定", "Qualifier"),
    "achieved_rate": ("实际年均变化", "Achieved a year"),
    "co2": ("排放 万吨", "CO2, 10,000 t"),
    "districts": ("区数", "Districts"),
    "effect": ("贡献 万吨", "Effect, 10,000 t"),
    "factor": ("因素", "Factor"),
    "first_year": ("起始年", "First year"),
    "gdp": ("地区生产总值 亿元", "GDP, 100 million yuan"),
    "last_year": ("截止年", "Last year"),
    "peak_year": ("峰值年", "Peak year"),
    "per_gdp": ("吨/万元", "t per 10,000 yuan"),
    "per_person": ("吨/人", "t per person"),
    "population": ("常住人口 万人", "Population, 10,000"),
    "rank": ("排名", "Rank"),
    "total": ("全市合计 万吨", "All districts, 10,000 t"),
    "years": ("年数", "Years"),
    "agencies": ("责任单位", "Agencies"),
    "agency": ("单位", "Agency"),
    "agency_en": ("英文名称", "English name"),
    "agency_zh": ("单位", "Agency"),
    "chapter": ("章", "Chapter"),
    "characters": ("字数", "Characters"),
    "checked": ("检查行数", "Rows"),
    "city": ("全市", "City"),
    "city_indicator": ("市级指标", "City indicator"),
    "city_year": ("市年份", "City year"),
    "clause": ("条款", "Clause"),
    "clauses": ("条款数", "Clauses"),
    "column_name": ("列", "Column"),
    "commitment": ("力度", "Commitment"),
    "csv": ("CSV", "file"),
    "definition": ("定义", "Definition"),
    "description": ("内容", "Description"),
    "direction": ("方向", "Direction"),
    "district": ("区级", "District"),
    "district_indicator": ("区级指标", "District indicator"),
    "district_scope": ("区级范围", "District scope"),
    "district_target": ("区级", "District"),
    "district_year": ("区年份", "District year"),
    "document_number": ("文号", "Number"),
    "failed": ("未通过", "Failed"),
    "figures": ("数字", "Figures"),
    "geo": ("地区", "Geo"),
    "headline": ("上位目标", "Headline target"),
    "headings": ("标题数", "Headings"),
    "host_quality": ("站点", "Host"),
    "indicator": ("指标", "Indicator"),
    "indicator_id": ("指标编号", "Indicator id"),
    "issued_on": ("印发日期", "Issued"),
    "issuer": ("发布机关", "Issuer"),
    "items": ("条目", "Items"),
    "kind": ("类型", "Kind"),
    "latest_value": ("最新值", "Latest value"),
    "latest_year": ("最新年份", "Latest year"),
    "measure": ("度量", "Measure"),
    "name_en": ("英文名称", "English name"),
    "name_zh": ("名称", "Name"),
    "named_first": ("列首位", "Named first"),
    "note": ("说明", "Note"),
    "parent_plan_id": ("上位方案", "Parent"),
    "parent_scope": ("市级范围", "City scope"),
    "parent_target": ("市级", "City"),
    "parquet": ("Parquet", "file"),
    "path_value": ("路径值", "Path value"),
    "plan": ("方案", "Plan"),
    "projected": ("按现速度到目标年", "At this pace by target year"),
    "publisher": ("来源", "Source"),
    "published_on": ("日期", "Published"),
    "quote": ("原文", "Quote"),
    "reason": ("区别", "Difference"),
    "required_rate": ("所需年均变化", "Needed a year"),
    "result": ("结果", "Result"),
    "rows_checked": ("检查行次", "Row checks"),
    "rule": ("规则（违反时的提示）", "Rule (message on failure)"),
    "rules": ("规则数", "Rules"),
    "scope": ("范围", "Scope"),
    "sector": ("领域", "Sector"),
    "sections": ("节", "Sections"),
    "share": ("占比 %", "Share"),
    "size_kb": ("大小 KB", "Size"),
    "snippet": ("原文", "Snippet"),
    "source_id": ("编号", "Id"),
    "source_kind": ("类型", "Kind"),
    "stance": ("相对上一级", "Against the level above"),
    "status": ("状态", "Status"),
    "table": ("表", "Table"),
    "table_name": ("表", "Table"),
    "target": ("目标", "Target"),
    "target_kind": ("类型", "Kind"),
    "target_year": ("年份", "Year"),
    "targets": ("目标数", "Targets"),
    "title": ("标题", "Title"),
    "title_en": ("英文标题", "English title"),
    "title_zh": ("方案", "Plan"),
    "unit": ("单位", "Unit"),
    "url": ("网址", "URL"),
    "used": ("采用", "Used"),
    "value": ("数值", "Value"),
    "what": ("项目", "Item"),
    "year": ("年份", "Year"),
    "years_covered": ("覆盖年数", "years covered"),
}

# Columns that hold passages of text, which a table folds away behind their first words.
PASSAGES = frozenset({"quote", "snippet", "definition", "reason", "agencies", "note"})

STATUS_NAMES = {
    progress.ACHIEVED: ("已实现", "achieved"),
    progress.ON_TRACK: ("进度正常", "on track"),
    progress.OFF_TRACK: ("进度落后", "off track"),
    progress.TOO_EARLY: ("尚难判断", "too early to tell"),
    progress.NO_DATA: ("无数据", "no data"),
    progress.NOT_SCORED: ("定性", "qualitative"),
}
SECTOR_NAMES = {
    "overall": ("总体目标", "Overall"),
    "energy": ("能源", "Energy"),
    "heating": ("供热", "Heating"),
    "buildings": ("建筑", "Buildings"),
    "transport": ("交通", "Transport"),
    "carbon_sinks": ("碳汇", "Carbon sinks"),
    "circular_economy": ("循环经济", "Circular economy"),
    "industry": ("工业", "Industry"),
    "public_sector": ("公共机构", "Public sector"),
    "context": ("背景", "Context"),
}
KAYA_NAMES = {
    "population": ("人口", "population"),
    "gdp_per_person": ("人均地区生产总值", "GDP per person"),
    "energy_per_gdp": ("单位GDP能耗", "energy per unit of GDP"),
    "co2_per_energy": ("单位能耗碳排放", "CO2 per unit of energy"),
    "total": ("合计", "total change"),
}
PART_NAMES = {
    "coal": ("煤炭", "coal"),
    "oil": ("石油（不含煤油）", "oil (without kerosene)"),
    "kerosene": ("煤油（航空燃料）", "kerosene (jet fuel)"),
    "gas": ("天然气", "natural gas"),
    "process": ("水泥生产过程", "cement process"),
    "power_heat": ("电力和热力生产", "power and heat"),
    "industry": ("工业和建筑业", "industry and construction"),
    "transport": ("交通运输", "transport"),
    "households_services": ("居民生活和服务业", "households and services"),
}
STANCE_NAMES = {
    compare.STRICTER: ("区级更严", "district asks more"),
    compare.SAME: ("相同", "the same"),
    compare.LOOSER: ("区级更宽", "district asks less"),
}
# A level against the level above it (nation → city → district).
LEVEL_STANCES = {
    compare.STRICTER: ("比上一级更严", "asks more than the level above"),
    compare.SAME: ("与上一级相同", "the same as the level above"),
    compare.LOOSER: ("比上一级更宽", "asks less than the level above"),
    compare.DEFERS: ("完成上级下达目标", "defers to the target the level above assigns"),
    compare.IN_WORDS: ("只有文字承诺", "a commitment in words only"),
    compare.OTHER_MEASURE: ("口径不同", "a different measure"),
    compare.NO_TARGET: ("未设目标", "no target"),
    "": ("", ""),
}
TARGET_KINDS = {"quantified": ("定量", "quantified"), "qualitative": ("定性", "qualitative")}
# Column → the names of its codes, shown in place of the codes.
CODE_NAMES: dict[str, dict] = {
    "factor": KAYA_NAMES,
    "stance": LEVEL_STANCES,
    "status": STATUS_NAMES,
    "verdict": {s: (peaks.VERDICT_ZH[s], s) for s in peaks.VERDICTS},
    "group": PART_NAMES,
    "outcome": {o: (final_account.OUTCOME_ZH[o], o) for o in final_account.OUTCOMES},
    "commitment": {"firm": ("确定", "firm"), "strive": ("力争", "strive")},
    "target_kind": TARGET_KINDS,
    "result": {"passed": ("通过", "passed"), "failed": ("未通过", "failed")},
    "used": {True: ("采用", "used"), False: ("", "")},
}


def heading(column: str) -> str:
    """The heading of a column; a year or a sector heads its own column."""
    if column in HEADINGS:
        return bilingual(*HEADINGS[column])
    if column in SECTOR_NAMES:
        return bilingual(*SECTOR_NAMES[column])
    if column.isdigit():
        return column
    raise KeyError(f"no heading for column {column!r}: add it to HEADINGS in site/labels.py")


def field_title(column: str) -> str:
    """A column's heading as a chart writes it: the English in lower case, as on the axes and
    legends (方案 plan for 方案 Plan), except an acronym (排放 万吨 CO2, 10,000 t). A proper noun
    cannot be told from a common word here: a chart writes out the title of a column whose
    English starts with one (英文名称 English name)."""
    zh, en = HEADINGS[column]
    if not en.split(" ")[0].isupper():
        en = en[:1].lower() + en[1:]
    return bilingual(zh, en)


def code_name(column: str, code) -> str:
    """What a reader sees for a code of a column (进度正常 on track for on track)."""
    zh, en = CODE_NAMES[column][code]
    return bilingual(zh, en).strip()


def sector_name(sector: str) -> str:
    return bilingual(*SECTOR_NAMES.get(sector, (sector, "")))


def status_name(status: str) -> str:
    return code_name("status", status)


_SYMBOLS = {">=": "≥", "<=": "≤", "=": "", "approx": "≈"}


def _number(value: float) -> str:
    return f"{value:g}"


def describe(comparator: str, value, value_high, unit: str | None, base_year) -> str:
    """A target in a few characters: ≥ 14.4 %, ≈ 25 %, 3–5 %, −14 % vs 2020, or 定性 qualitative."""
    unit = unit or ""
    if comparator == "qualitative" or value is None or pd.isna(value):
        return bilingual(*TARGET_KINDS["qualitative"])
    if comparator == "between":
        return f"{_number(value)}–{_number(value_high)} {unit}"
    if comparator == "reduce_by":
        base = f" vs {int(base_year)}" if base_year is not None and pd.notna(base_year) else ""
        return f"−{_number(value)} {unit}{base}"
    return f"{_SYMBOLS[comparator]} {_number(value)} {unit}".strip()


def described(frame: pd.DataFrame, prefix: str = "") -> pd.Series:
    """describe() for every row, reading the columns that start with `prefix` (the unit too,
    when the frame has a prefixed one)."""
    return pd.Series(
        [
            describe(
                row[f"{prefix}comparator"],
                row[f"{prefix}value"],
                row[f"{prefix}value_high"],
                row.get(f"{prefix}unit", row["unit"]),
                row[f"{prefix}base_year"],
            )
            for row in frame.to_dict("records")
        ],
        index=frame.index,
        dtype=object,
    )


# Display columns computed from the frame's own columns.
COMPUTED = {
    "target": lambda f: described(f),
    "district_target": lambda f: described(f),
    "parent_target": lambda f: described(f, "parent_"),
}


def display_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """What a table shows in a column: the frame's own values (codes named), a computed column,
    or the `_zh` and `_en` columns joined."""
    if column in frame:
        values = frame[column]
        if column in CODE_NAMES:
            return values.map(lambda code: code_name(column, code))
        if column == "sector":
            return values.map(sector_name)
        return values
    if column in COMPUTED:
        return COMPUTED[column](frame)
    if f"{column}_zh" in frame and f"{column}_en" in frame:
        return joined_column(frame, column)
    raise KeyError(f"the frame has no column {column!r} and no {column}_zh/{column}_en pair")
