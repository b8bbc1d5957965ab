"""The peak rule on cases worked out by hand, and a backtest on every series the book holds."""

from __future__ import annotations

import pytest

from analysis.analyses import emissions, peaks, progress

from .test_progress import obs as series


def test_five_lower_years_with_the_last_three_well_below_is_a_peak():
    v = peaks.judge(series(y2009=90, y2010=100, y2011=97, y2012=96, y2013=94, y2014=93, y2015=90))
    assert (v.status, v.year, v.later_years) == (peaks.PEAKED, 2010, 5)
    assert v.margin == pytest.approx(0.10)
    # 97 and 96 lie within 5% of 100, 94 does not: the top of the curve is 2010–2012
    assert (v.top_first, v.top_last) == (2010, 2012)


def test_four_lower_years_are_not_yet_a_peak():
    v = peaks.judge(series(y2010=100, y2011=90, y2012=85, y2013=80, y2014=75))
    assert (v.status, v.year, v.later_years) == (peaks.NOT_YET, 2010, 4)


def test_a_rebound_to_within_five_percent_is_a_plateau():
    v = peaks.judge(series(y2010=100, y2011=90, y2012=88, y2013=85, y2014=90, y2015=96))
    assert (v.status, v.year) == (peaks.PLATEAU, 2010)


def test_a_new_high_resets_the_count():
    v = peaks.judge(series(y2010=100, y2011=90, y2012=85, y2013=80, y2014=75, y2015=101))
    assert (v.status, v.year, v.later_years) == (peaks.NOT_YET, 2015, 0)


def test_a_gap_or_a_break_cannot_tell():
    gap = peaks.judge(series(y2010=100, y2011=90, y2013=85, y2014=80, y2015=75, y2016=70))
    assert gap.status == peaks.CANNOT_TELL and "2012" in gap.reason_en
    years = dict(y2010=100, y2011=90, y2012=85, y2013=80, y2014=75, y2015=70, y2016=65)
    broken = peaks.judge(series(**years), {2013: ("模型断点", "a seam of the model")})
    assert broken.status == peaks.CANNOT_TELL and "2013" in broken.reason_en
    # a break before the series starts does not concern it
    assert peaks.judge(series(**years), {2010: ("", "")}).status == peaks.PEAKED


def test_the_growth_check_tells_a_recession_apart():
    years = dict(y2010=100, y2011=90, y2012=85, y2013=80, y2014=75, y2015=70)
    grew = {y: 3.0 for y in range(2011, 2016)}
    assert peaks.judge(series(**years), real_growth=grew).recession_years == ()
    shrank = peaks.judge(series(**years), real_growth={**grew, 2012: -1.5})
    assert shrank.recession_years == (2012,)
    assert peaks.judge(series(**years), real_growth={2011: 3.0}).recession_years is None


def test_the_backtest_catches_a_rule_that_declares_too_early():
    # CEADs China's shape: a maximum, four lower years, then new highs. A three-year rule
    # (the book's old one) would have declared a peak that later years overturn.
    shape = series(y2012=98, y2013=100, y2014=99, y2015=97, y2016=96, y2017=97, y2018=101)
    assert peaks.backtest(shape) == []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(peaks, "DECLINE_YEARS", 3)
        patch.setattr(peaks, "MARGIN", 0.0)
        assert peaks.backtest(shape) == [
            "to 2016: peaked in 2013; to 2018: not yet (maximum 2018)",
            "to 2017: peaked in 2013; to 2018: not yet (maximum 2018)",
        ]


def test_no_truncation_of_any_series_declares_a_peak_that_later_years_overturn(warehouse):
    series_held = warehouse.execute(
        "SELECT DISTINCT geo, source_id, indicator_id FROM statistics_ranked "
        "WHERE indicator_id IN (?, ?) ORDER BY ALL",
        [emissions.EMISSIONS, emissions.CONSUMPTION],
    ).fetchall()
    assert len(series_held) >= 30 + 16 + 3  # the provinces, the districts, China's datasets
    overturned = {}
    for geo, source_id, indicator_id in series_held:
        frame = warehouse.execute(
            "SELECT year, value FROM statistics_ranked WHERE geo = ? AND source_id = ? "
            "AND indicator_id = ? AND qualifier NOT IN ('>', '<') ORDER BY year",
            [geo, source_id, indicator_id],
        ).df()
        found = peaks.backtest(frame, emissions.breaks(warehouse, source_id))
        if found:
            overturned[(geo, source_id, indicator_id)] = found
    assert overturned == {}


def test_ceads_china_cut_at_2016_or_2017_is_not_a_peak(warehouse):
    china = emissions.series(warehouse, "china", "ceads-china")
    for end in (2016, 2017):
        v = peaks.judge(china[china.year <= end][["year", "value"]])
        assert v.status != peaks.PEAKED, end


def test_no_peaking_commitment_is_scored_on_a_territorial_dataset(warehouse):
    for plan in ("beijing-2022", "changping-2023"):
        card = progress.scorecard(warehouse, plan, 2025)
        peaking = card[card.data_origin == "peak rule"]
        assert len(peaking) >= 1, plan
        assert set(peaking.status) == {progress.NO_DATA}, plan
        assert all("territorial context only, not scored" in s for s in peaking.latest_source)


def test_the_chosen_series_never_joins_two_datasets(warehouse):
    joined = warehouse.execute(
        """
        SELECT c.geo, c.indicator_id, count(DISTINCT c.source_id) AS datasets
        FROM statistics_chosen c WHERE c.source_kind = 'dataset'
        GROUP BY ALL HAVING count(DISTINCT c.source_id) > 1
        """
    ).fetchall()
    assert joined == []
    # Beijing's territorial CO2 is held by two datasets; the chosen one covers the most years,
    # so Carbon Monitor's 2020 and 2021 do not extend CEADs' series
    chosen = warehouse.execute(
        "SELECT DISTINCT source_id, max(year) FROM statistics_chosen "
        "WHERE geo = 'beijing' AND indicator_id = ? GROUP BY ALL",
        [emissions.EMISSIONS],
    ).fetchall()
    assert chosen == [("ceads-provinces-beijing", 2019)]
