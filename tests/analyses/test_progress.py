"""The status rule and the rate arithmetic, on cases worked out by hand."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from analysis.analyses.progress import (
    ACHIEVED,
    NO_DATA,
    NOT_SCORED,
    OFF_TRACK,
    ON_TRACK,
    TOO_EARLY,
    achieved_annual_change,
    compound_declines,
    judge,
    latest_source,
    path_value,
    required_annual_change,
)


def obs(**years: float) -> pd.DataFrame:
    return pd.DataFrame({"year": [int(y[1:]) for y in years], "value": list(years.values())})


def test_path_is_a_straight_line():
    # from 10 in 2020 to 20 in 2025: 2 a year, so 16 in 2023
    assert path_value(2020, 10, 2025, 20, 2023) == 16
    assert path_value(2020, 10, 2025, 20, 2025) == 20


@pytest.mark.parametrize(
    ("observations", "status", "path"),
    [
        (obs(y2020=10, y2023=17), ON_TRACK, 16),  # 17 ≥ 16 on the path
        (obs(y2020=10, y2023=15), OFF_TRACK, 16),  # 15 < 16
        (obs(y2020=10, y2023=21), ACHIEVED, None),  # 21 ≥ 20 already
        (obs(y2020=10, y2025=18), OFF_TRACK, None),  # target year reached, 18 < 20
        (obs(y2022=12), TOO_EARLY, None),  # one year: no path to read
        (obs(y2019=5), NO_DATA, None),  # before the base year
    ],
)
def test_up_indicator(observations, status, path):
    j = judge(">=", 20, 2025, None, "up", observations, as_of=2025)
    assert j.status == status
    assert j.path_value == path


def test_down_indicator_reads_the_path_the_other_way():
    # from 100 in 2020 to 70 in 2025: −6 a year, so 82 in 2023; 85 is above it: off track
    j = judge("<=", 70, 2025, None, "down", obs(y2020=100, y2023=85), as_of=2025)
    assert (j.status, j.path_value) == (OFF_TRACK, 82)
    j = judge("<=", 70, 2025, None, "down", obs(y2020=100, y2023=80), as_of=2025)
    assert j.status == ON_TRACK


def test_as_of_hides_later_years():
    j = judge(">=", 20, 2025, None, "up", obs(y2020=10, y2024=25), as_of=2023)
    assert (j.status, j.latest_year) == (TOO_EARLY, 2020)


def test_base_year_moves_the_start_of_the_path():
    # base 2021: the path runs from 12 (2021) to 20 (2025): 2 a year, 16 in 2023
    j = judge(">=", 20, 2025, 2021, "up", obs(y2020=0, y2021=12, y2023=16), as_of=2025)
    assert (j.status, j.path_value) == (ON_TRACK, 16)


def test_qualitative_targets_are_not_scored():
    assert judge("qualitative", None, 2030, None, "up", obs(y2020=1), 2025).status == NOT_SCORED


def test_rates():
    # from 16 in 2023 to 20 in 2025: 2 a year needed; from 10 in 2020 to 16 in 2023: 2 a year
    assert required_annual_change(16, 2023, 20, 2025) == 2
    assert achieved_annual_change(10, 2020, 16, 2023) == 2
    assert math.isnan(required_annual_change(16, 2025, 20, 2025))


def test_cumulative_amount_starts_from_zero_in_the_base_year():
    # 4500 to add from 2020 to 2025: 900 a year, so 2700 by 2023; 2500 added is behind
    j = judge("=", 4500, 2025, None, "up", obs(y2023=2500), as_of=2025, measure="cumulative")
    assert (j.status, j.path_value) == (OFF_TRACK, 2700)
    assert j.achieved_rate == 2500 / 3  # 3 years since 2020
    assert j.required_rate == 1000  # 2000 left over 2 years
    assert j.projected == 2500 + 2500 / 3 * 2


def test_reduction_against_base_year_is_a_change_from_zero():
    # −14% from 2020 to 2025: −2.8 points a year, 8.4 by 2023; 9% is ahead
    j = judge("reduce_by", 14, 2025, 2020, "up", obs(y2023=9), as_of=2025, measure="change")
    assert j.status == ON_TRACK
    assert j.path_value == pytest.approx(8.4)


def test_yearly_declines_chain_multiplicatively():
    # 3% then 4%: 1 − 0.97 × 0.96 = 0.0688; a gap in 2023 stops the chain
    yearly = obs(y2021=3, y2022=4, y2024=5)
    chained = compound_declines(yearly, 2020)
    assert chained.year.tolist() == [2021, 2022]
    assert chained.value.tolist() == [3.0, pytest.approx(6.88)]


def test_the_rule_as_worded_agrees_with_judge_on_its_worked_example():
    """The reader-facing wording states a worked case; judge() must reach the same statuses."""
    from analysis.analyses.progress import RULE

    case = re.search(
        r"forest coverage (\d+)% in (\d{4}), a target of at least (\d+)% in (\d{4}), "
        r"(\d+)% in (\d{4})\. The path stands at (\d+)% in \d{4}; \d+% is above it, so the "
        r"target is \*([a-z ]+)\*; (\d+)% in \d{4} would be \*([a-z ]+)\*, (\d+)% \*([a-z ]+)\*",
        RULE["en"],
    )
    assert case, "the worked example is missing from the rule's wording"
    start, start_year, goal, target_year, latest, year, path = map(int, case.groups()[:7])
    stated = [(latest, case[8]), (int(case[9]), case[10]), (int(case[11]), case[12])]
    for value, status in stated:
        seen = pd.DataFrame({"year": [start_year, year], "value": [start, value]})
        judged = judge(">=", goal, target_year, None, "up", seen, as_of=year)
        assert judged.status == status, (value, judged)
    assert path_value(start_year, start, target_year, goal, year) == path
    # the Chinese wording states the same case with the same outcomes, in the same order
    zh = RULE["zh"][RULE["zh"].index("例："):]
    for number in (start, goal, latest, path, stated[1][0], stated[2][0]):
        assert f"{number}%" in zh
    names = {"on track": "进度正常", "off track": "进度落后", "achieved": "已实现"}
    places = [zh.index(f"判为“{names[status]}”") for _, status in stated]
    assert places == sorted(places)


def test_the_latest_value_names_its_publisher_or_the_one_it_was_chained_from():
    stats = pd.DataFrame(
        {
            "geo": ["x", "x", "x"],
            "indicator_id": ["share", "share", "decline_yoy"],
            "year": [2021, 2023, 2023],
            "value": [1.0, 2.0, 3.0],
            "publisher": ["old bulletin", "new bulletin", "yearly release"],
        }
    )
    assert latest_source(stats, "x", "share", 2023, "published") == "new bulletin"
    chained = latest_source(stats, "x", "decline", 2023, "chained from decline_yoy")
    assert chained == "yearly release"
    assert latest_source(stats, "x", "share", None, "published") is None
    assert latest_source(stats, "y", "share", 2023, "published") is None
