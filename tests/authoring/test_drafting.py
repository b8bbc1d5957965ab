"""Drafting targets from a plan's words: the cue rules on sentences written for the test, and
the drafts of the two seed plans measured against their curated rows."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.authoring.drafting import DRAFT_COLUMNS, draft_rows
from analysis.contract.schema import TABLES
from analysis.ingest.completeness import spans_of

TEXT = (
    "测试区碳达峰实施方案\n\n"
    "一、主要目标\n\n"
    "到2025年，可再生能源消费比重达到30%以上，单位地区生产总值能耗比2020年下降15%，"
    "力争新增热泵供暖面积200万平方米左右。"
    "“十五五”期间，电网高峰负荷削峰能力达到最高用电负荷4%—6%，森林覆盖率不低于50%。\n\n"
    "二、重点任务\n\n"
    "（一）建筑\n\n"
    "新建公共建筑执行绿色建筑三星级标准，推广新能源和可再生能源供暖面积1.2亿平方米。\n\n"
    "到2030年，城市生活垃圾分类实现全覆盖。\n"
)


@pytest.fixture(scope="module")
def draft(dataset) -> pd.DataFrame:
    return draft_rows("testqu-2024", TEXT, [], dataset["indicators"], district=True)


def _row(draft: pd.DataFrame, value: float) -> dict:
    rows = draft[draft.value == value]
    assert len(rows) == 1, draft[["value", "quote"]]
    return rows.iloc[0].to_dict()


def test_the_review_file_has_the_columns_of_targets_csv_and_two_more(draft):
    assert list(draft.columns[: len(DRAFT_COLUMNS)]) == DRAFT_COLUMNS
    assert DRAFT_COLUMNS[:-2] == [c.name for c in TABLES["targets"].columns]
    assert DRAFT_COLUMNS[-2:] == ["confidence", "why"]


@pytest.mark.parametrize(
    ("value", "comparator", "unit", "year", "indicator"),
    [
        (30, ">=", "%", 2025, "renewable_energy_share"),  # 达到…以上
        (15, "reduce_by", "%", 2025, "energy_intensity_decline_vs_2020"),  # 比2020年下降
        (200, "approx", "万平方米", 2025, "heat_pump_heating_area_added"),  # 左右
        (4, "between", "%", 2030, "grid_peak_shaving_capacity_share"),  # 4%—6%, 十五五
        (50, ">=", "%", 2030, "forest_coverage"),  # 不低于
        (3, "=", "星级", None, "green_building_star_level_new_public"),  # 三星级, no year
        (12000, "=", "万平方米", None, "renewable_heating_area"),  # 1.2亿平方米
    ],
)
def test_fields_are_read_from_the_cue_words(draft, value, comparator, unit, year, indicator):
    row = _row(draft, value)
    assert row["comparator"] == comparator
    assert row["unit"] == unit
    assert (row["target_year"] == year) if year else math.isnan(row["target_year"])
    assert row["indicator_id"] == indicator
    assert row["quote"] in TEXT


def test_a_range_is_one_row_with_both_bounds(draft):
    assert _row(draft, 4)["value_high"] == 6
    assert (draft.value == 6).sum() == 0


def test_base_year_and_strive(draft):
    assert _row(draft, 15)["base_year"] == 2020
    assert _row(draft, 200)["commitment"] == "strive"
    assert _row(draft, 30)["commitment"] == "firm"


def test_a_year_with_no_amount_is_a_qualitative_draft(draft):
    words = draft[draft.comparator == "qualitative"]
    assert words.target_year.tolist() == [2030]
    assert words.quote.iloc[0] == "到2030年，城市生活垃圾分类实现全覆盖"


def test_covered_numbers_are_not_drafted(dataset):
    covered = draft_rows(
        "testqu-2024", TEXT, ["森林覆盖率不低于50%"], dataset["indicators"], district=True
    )
    assert 50 not in covered.value.tolist()
    assert len(covered) > 0


def test_clauses_scopes_and_ids(draft):
    # the last paragraph still stands under （一）: no heading closes it
    assert set(draft.clause) == {"一", "二（一）"}
    assert set(draft.scope_zh) == {"全区"}
    assert draft.target_id.is_unique
    assert _row(draft, 30)["target_id"] == "testqu-renewable-energy-share-2025"


def _score(plan_id: str, dataset, texts) -> dict[str, float]:
    """The draft of a seed plan with its own rows removed, against those rows."""
    text = texts[plan_id]
    targets, exclusions = dataset["targets"], dataset["exclusions"]
    curated = targets[targets.plan_id == plan_id]
    contexts = exclusions[exclusions.plan_id == plan_id].context.tolist()
    level = dataset["geos"].set_index("geo").level
    geo = dataset["plans"].set_index("plan_id").geo[plan_id]
    draft = draft_rows(plan_id, text, contexts, dataset["indicators"], level[geo] == "district")
    quantified = curated[curated.comparator != "qualitative"]
    found = comparators = indicators = 0
    fully_right: set[int] = set()  # drafted rows whose every field a curated row confirms
    for target in curated.itertuples():
        spans = spans_of(text, [target.quote])
        inside = draft[draft.position.map(lambda p, s=spans: any(a <= p < b for a, b in s))]
        same_year = (inside.target_year == target.target_year) | (
            inside.target_year.isna() & pd.isna(target.target_year)
        )
        same = inside[same_year & (inside.comparator == target.comparator)]
        fully_right |= set(same[same.indicator_id == target.indicator_id].index)
        if target.comparator == "qualitative":
            continue
        right = inside[(inside.value == target.value) & (inside.unit == target.unit) & same_year]
        if len(right):
            found += 1
            comparators += bool((right.comparator == target.comparator).any())
            indicators += bool((right.indicator_id == target.indicator_id).any())
    high = draft[draft.confidence == "high"]
    every = spans_of(text, [*curated.quote, *contexts])
    unmatched = (~draft.position.map(lambda p: any(a <= p < b for a, b in every))).sum()
    return {
        "curated": len(curated),
        "quantified": len(quantified),
        "drafted": len(draft),
        "recall": found / len(quantified),
        "comparator": comparators / found,
        "indicator": indicators / found,
        "unmatched": int(unmatched),
        "high": len(high),
        "high_right": len(set(high.index) & fully_right),
        "other_right": len(fully_right - set(high.index)) / max(len(draft) - len(high), 1),
    }


@pytest.mark.parametrize("plan_id", ["beijing-2022", "changping-2023"])
def test_drafts_of_the_seed_plans_find_their_curated_targets(dataset, texts, plan_id):
    score = _score(plan_id, dataset, texts)
    print(
        f"\n{plan_id}: {score['drafted']} rows drafted for {score['curated']} curated targets "
        f"({score['quantified']} quantified); recall {score['recall']:.0%} (value, unit and "
        f"year right), comparator right {score['comparator']:.0%}, indicator right "
        f"{score['indicator']:.0%}, rows matching no curated target or exclusion "
        f"{score['unmatched']}; high confidence: {score['high_right']} of {score['high']} rows "
        f"right in every field (other rows: {score['other_right']:.0%})"
    )
    assert score["recall"] >= 0.90
    assert score["comparator"] >= 0.85
    assert score["indicator"] >= 0.75
    assert score["unmatched"] <= score["curated"] / 5
    assert score["high_right"] >= 0.9 * score["high"]


WEB = (
    "某市人民政府关于印发《某市碳达峰实施方案》的通知\n"
    "现将《某市碳达峰实施方案》印发给你们，请贯彻《2030年前碳达峰行动方案》。\n"
    "2024年3月1日\n"
    "一、主要目標\n"
    "到2025年,全市光伏裝機容量達到120萬千瓦,力爭風電裝機容量達到30萬千瓦;"
    "单位地区生产总值能耗较2020年下降14%以上;规上单位工业增加值能耗下降16%。"
    "“十五五”期间，经济社会发展全面绿色转型取得显著成效。"
    "到2030年，生物质发电装机容量达到20万千瓦，建成50家零碳工厂。\n"
)


@pytest.fixture(scope="module")
def web(dataset):
    from analysis.authoring.drafting import draft_plan_text
    from analysis.ingest.plan_text import clean_plan_text

    cleaned = clean_plan_text(WEB)
    return draft_plan_text("moushi-2024", cleaned, [], dataset["indicators"], district=False)


def test_what_is_not_a_commitment_is_proposed_as_an_exclusion(web):
    reasons = dict(zip(web.exclusions.context, web.exclusions.reason, strict=True))
    assert any("cited title" in r for c, r in reasons.items() if "2030年前碳达峰行动方案" in c)
    assert any("calendar date" in r for c, r in reasons.items() if "2024年3月1日" in c)
    assert any("general goal" in r for c, r in reasons.items() if "十五五" in c)
    # none of them is drafted as a target
    assert not web.targets.quote.str.contains("2024年3月1日|行动方案|全面绿色转型").any()


def test_web_punctuation_and_traditional_script_are_read(web):
    solar = _row(web.targets, 120)
    assert (solar["indicator_id"], solar["comparator"]) == ("solar_capacity", ">=")
    assert solar["commitment"] == "firm"  # the next clause's 力爭 is not its own
    wind = _row(web.targets, 30)
    assert (wind["indicator_id"], wind["commitment"]) == ("wind_capacity", "strive")
    assert solar["clause"] == wind["clause"] == "一"
    assert "光伏裝機容量達到120萬千瓦" in solar["quote"]  # quoted as published


def test_a_reduction_of_at_least_is_a_reduction_against_its_base_year(web):
    row = _row(web.targets, 14)
    assert (row["comparator"], row["base_year"], row["target_year"]) == ("reduce_by", 2020, 2025)
    assert row["indicator_id"] == "energy_intensity_decline_vs_2020"


def test_where_no_indicator_fits_a_new_one_is_proposed(web):
    new = web.indicators.set_index("name_zh")
    industry = _row(web.targets, 16)["indicator_id"]
    name = "规上单位工业增加值能耗比2020年下降"  # the base year of its sentence
    assert new.loc[name, "indicator_id"] == industry  # not the GDP one
    assert new.loc[name, "measure"] == "change"
    biomass = new.loc["生物质发电装机容量"]
    assert (biomass.unit, biomass.sector, biomass.direction) == ("万千瓦", "energy", "up")
    assert new.loc["零碳工厂"].tolist()[2:6] == ["家", "up", "level", "industry"]  # after 建成
    assert _row(web.targets, 20)["indicator_id"] == biomass.indicator_id


def test_confidence_is_high_only_when_every_cue_agrees(web):
    assert _row(web.targets, 120)["confidence"] == "high"
    # no year in its sentence, no cue word: a new indicator, an amount to deliver
    assert _row(web.targets, 50)["confidence"] != "high"
    assert _row(web.targets, 16)["confidence"] != "high"  # its indicator is only proposed
