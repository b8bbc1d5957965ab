"""The words drafting reads a plan with, kept apart from the rules that use them.

Plans name one indicator in several ways: 光伏 and 太阳能发电, 能耗强度 and 单位地区生产总值能耗,
单位GDP and 单位地区生产总值. Before an indicator is chosen, the clause's words are rewritten into
the names indicators.csv uses, longest phrase first, so that the choice does not depend on which
plan's wording the indicator list was written from. Add a synonym here, not a rule elsewhere.
"""

from __future__ import annotations

import re

# Applied longest first; a name mapped to itself stops a shorter synonym inside it (太阳能 in
# 太阳能发电) from being rewritten.
SYNONYMS = {
    "太阳能发电": "太阳能发电",
    "森林覆盖率": "森林覆盖率",
    "森林蓄积量": "森林蓄积量",
    "太阳能光伏发电": "太阳能发电",
    "光伏发电": "太阳能发电",
    "光伏": "太阳能发电",
    "太阳能": "太阳能发电",
    "风力发电": "风电",
    "万元地区生产总值": "单位地区生产总值",
    "万元国内生产总值": "单位地区生产总值",
    "单位国内生产总值": "单位地区生产总值",
    "单位GDP": "单位地区生产总值",
    "万元GDP": "单位地区生产总值",
    "能耗强度": "单位地区生产总值能耗",
    "能源消耗强度": "单位地区生产总值能耗",
    "二氧化碳排放强度": "单位地区生产总值二氧化碳排放",
    "碳排放强度": "单位地区生产总值二氧化碳排放",
    "碳强度": "单位地区生产总值二氧化碳排放",
    "非化石能源占能源消费总量比重": "非化石能源消费比重",
    "非化石能源占一次能源消费比重": "非化石能源消费比重",
    "非化石能源消费占比": "非化石能源消费比重",
    "非化石能源比重": "非化石能源消费比重",
    "可再生能源占能源消费总量比重": "可再生能源消费比重",
    "可再生能源比重": "可再生能源消费比重",
    "煤炭消费比重": "煤炭占能源消费比重",
    "煤炭消费占比": "煤炭占能源消费比重",
    "电动汽车": "新能源汽车",
    "新能源车": "新能源汽车",
    "森林覆盖": "森林覆盖率",
    "森林蓄积": "森林蓄积量",
    "碳达峰": "二氧化碳排放总量",
    "碳排放达峰": "二氧化碳排放总量",
    "二氧化碳排放达到峰值": "二氧化碳排放总量",
    "二氧化碳排放达峰": "二氧化碳排放总量",
}
_SYNONYM = re.compile("|".join(re.escape(w) for w in sorted(SYNONYMS, key=len, reverse=True)))

# The sector a proposed indicator belongs to, from the first of these words its name holds.
SECTOR_WORDS = (
    ("heating", ("供暖", "供热", "热泵")),
    ("buildings", ("建筑", "住宅", "屋顶")),
    ("transport", ("交通", "汽车", "车辆", "公交", "出行", "充电", "加氢", "船", "港口")),
    ("carbon_sinks", ("森林", "绿化", "湿地", "碳汇", "草原")),
    ("circular_economy", ("垃圾", "固体废物", "固废", "回收", "再生资源", "资源化")),
    ("public_sector", ("公共机构", "机关", "学校")),
    ("industry", ("工业", "企业", "工厂", "钢铁", "水泥", "产能", "园区", "数据中心")),
    ("energy", ("能源", "电力", "发电", "装机", "风电", "煤", "天然气", "储能", "电网", "电")),
)


def canonical(words: str) -> str:
    """The words with every synonym written as indicators.csv names it."""
    return _SYNONYM.sub(lambda m: SYNONYMS[m.group()], words)


def sector_of(name: str) -> str:
    """The sector of a proposed indicator, read from its name; overall when none fits."""
    return next(
        (sector for sector, words in SECTOR_WORDS if any(w in name for w in words)), "overall"
    )
