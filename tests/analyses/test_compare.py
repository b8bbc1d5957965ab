"""Whether the district asks more than its city, worked out by hand."""

from __future__ import annotations

import pytest

from analysis.analyses.compare import (
    DEFERS,
    LOOSER,
    OTHER_MEASURE,
    SAME,
    STRICTER,
    level_pairs,
    levels,
    plan_chain,
    stance,
)


@pytest.mark.parametrize(
    ("comparator", "direction", "city", "district", "expected"),
    [
        (">=", "up", 14.4, 25.7, STRICTER),  # a larger renewable share asks more
        (">=", "up", 80, 80, SAME),
        (">=", "up", 55, 50, LOOSER),
        ("<=", "down", 10, 8, STRICTER),  # a lower ceiling asks more
        ("<=", "up", 10, 12, LOOSER),  # a ceiling is read as one whatever the direction
        ("reduce_by", "down", 14, 21, STRICTER),  # a larger cut asks more
        ("reduce_by", "up", 14, 10, LOOSER),
    ],
)
def test_stance(comparator, direction, city, district, expected):
    assert stance(comparator, direction, city, district) == expected


def test_level_pairs_hold_only_rates_both_plans_set_a_number_for(warehouse):
    pairs = level_pairs(warehouse, "changping-2023")
    assert len(pairs)
    assert pairs.unit.isin(["%", "星级", "步", "种"]).all()
    assert pairs.parent_value.notna().all() and pairs.value.notna().all()
    renewable = pairs[pairs.indicator_en.str.startswith("Renewable energy share")]
    assert renewable[["parent_value", "value", "stance"]].values.tolist() == [
        [14.4, 25.7, STRICTER]
    ]


def test_the_chain_runs_from_the_nation_to_the_district(warehouse):
    assert plan_chain(warehouse, "changping-2023") == [
        "national-2021",
        "beijing-2022",
        "changping-2023",
    ]
    assert plan_chain(warehouse, "national-2021") == ["national-2021"]


def _level(frame, headline_en: str, year: int, plan_id: str) -> dict:
    rows = frame[
        frame.headline_en.str.startswith(headline_en)
        & (frame.target_year == year)
        & (frame.plan_id == plan_id)
    ]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


def test_each_level_stands_against_the_nearest_level_above_that_set_a_number(warehouse):
    chain = levels(warehouse, "changping-2023")
    energy = "Decline in energy consumption per unit of GDP vs 2020"
    assert _level(chain, energy, 2025, "national-2021")["value"] == 13.5
    assert _level(chain, energy, 2025, "beijing-2022")["stance"] == STRICTER  # 14 against 13.5
    assert _level(chain, energy, 2025, "changping-2023")["stance"] == SAME  # 14 against 14
    co2 = "Decline in CO2 emissions per unit of GDP vs 2020"
    assert _level(chain, co2, 2025, "beijing-2022")["stance"] == DEFERS  # 确保完成国家下达目标
    # the city set no number, so the district's 21% stands against the nation's 18%
    assert _level(chain, co2, 2025, "changping-2023")["stance"] == STRICTER
    share = "Non-fossil energy share"
    city = _level(chain, share, 2025, "beijing-2022")
    assert city["indicator_id"] == "renewable_energy_share" and city["stance"] == OTHER_MEASURE
    assert "nuclear" in city["reason"]
    assert _level(chain, share, 2030, "changping-2023")["stance"] == DEFERS
