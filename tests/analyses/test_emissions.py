"""The peak rule and the Kaya decomposition, on cases worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.analyses.emissions import (
    NO_SERIES,
    NOT_YET,
    PEAKED,
    find_peak,
    indexed,
    kaya,
    lmdi,
    log_mean,
)

from .test_progress import obs as series


def test_a_maximum_followed_by_three_lower_years_is_a_peak():
    peak = find_peak(series(y2008=90, y2009=95, y2010=100, y2011=98, y2012=97, y2013=99))
    assert (peak.status, peak.year, peak.value, peak.later_years) == (PEAKED, 2010, 100, 3)


def test_a_maximum_with_two_later_years_is_not_yet_a_peak():
    peak = find_peak(series(y2010=100, y2011=98, y2012=97))
    assert (peak.status, peak.year) == (NOT_YET, 2010)


def test_a_one_year_dip_before_a_new_high_is_not_a_peak():
    peak = find_peak(series(y2010=100, y2011=95, y2012=101, y2013=99))
    assert (peak.status, peak.year) == (NOT_YET, 2012)


def test_no_series_no_peak():
    assert find_peak(series()).status == NO_SERIES


def test_log_mean():
    assert log_mean(2000, 1000) == pytest.approx(1000 / math.log(2))
    assert log_mean(5, 5) == 5


def _factors(co2, population, gdp, energy) -> dict:
    row = kaya(pd.DataFrame([{"co2": co2, "population": population, "gdp": gdp, "energy": energy}]))
    return row.iloc[0].to_dict()


def test_doubled_population_alone_explains_doubled_emissions():
    # 100 people, 1000 GDP, 500 energy, 1000 CO2 → everything doubles but the per-unit ratios:
    # the whole change of 1000 is the population effect, L(2000, 1000) × ln 2 = 1000.
    effects = lmdi(_factors(1000, 100, 1000, 500), _factors(2000, 200, 2000, 1000))
    assert effects["population"] == pytest.approx(1000)
    for factor in ("gdp_per_person", "energy_per_gdp", "co2_per_energy"):
        assert effects[factor] == pytest.approx(0)


def test_cleaner_energy_offsets_population_growth():
    # population doubles, CO2 per unit of energy halves, CO2 unchanged at 1000: the weight is
    # L(1000, 1000) = 1000, so the two effects are +1000 ln 2 and −1000 ln 2 ≈ ±693.1.
    effects = lmdi(_factors(1000, 100, 1000, 500), _factors(1000, 200, 2000, 1000))
    assert effects["population"] == pytest.approx(693.147, abs=1e-3)
    assert effects["co2_per_energy"] == pytest.approx(-693.147, abs=1e-3)
    assert sum(effects.values()) == pytest.approx(0)


def test_effects_add_up_to_the_change_without_residual():
    start, end = _factors(1234, 98, 3456, 777), _factors(1500, 103, 5000, 800)
    assert sum(lmdi(start, end).values()) == pytest.approx(1500 - 1234)


def test_series_are_indexed_to_the_first_common_year():
    frames = {"a": series(y2004=50, y2005=100, y2006=110), "b": series(y2005=20, y2006=30)}
    out = indexed(frames)
    assert set(out.base_year) == {2005}
    assert out.query("series == 'a' and year == 2006")["index"].item() == 110
    assert out.query("series == 'b' and year == 2006")["index"].item() == 150
