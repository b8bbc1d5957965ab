"""Whether the district asks more than its city, worked out by hand."""

from __future__ import annotations

import pytest

from analysis.analyses.compare import LOOSER, SAME, STRICTER, level_pairs, stance


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
