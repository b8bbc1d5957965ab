"""The peak rule and the Kaya decomposition, on cases worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.analyses import emissions
from analysis.analyses.emissions import (
    chained_lmdi,
    constant_prices,
    indexed,
    kaya,
    lmdi,
    log_mean,
)

from .test_progress import obs as series


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


def _frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "co2", "population", "gdp", "energy"])


def test_chained_steps_add_up_to_each_step_and_to_the_span():
    # three years: population doubles in the first step, CO2 per unit of energy halves in the
    # second; each step's effects sum to its own change, and the steps sum to 1000 − 1000 = 0.
    frame = _frame(
        (2010, 1000, 100, 1000, 500),
        (2011, 2000, 200, 2000, 1000),
        (2012, 1000, 200, 2000, 1000),
    )
    steps = chained_lmdi(frame)
    by_step = steps.groupby("end").effect.sum()
    assert by_step[2011] == pytest.approx(1000)
    assert by_step[2012] == pytest.approx(-1000)
    assert steps.effect.sum() == pytest.approx(0)
    first = steps[steps.end == 2011].set_index("factor").effect
    assert first["population"] == pytest.approx(1000)
    second = steps[steps.end == 2012].set_index("factor").effect
    # L(1000, 2000) × ln(1/2) = (1000 / ln 2) × (−ln 2) = −1000, all from CO2 per energy
    assert second["co2_per_energy"] == pytest.approx(-1000)


def test_a_chain_differs_from_a_single_step_over_the_same_span():
    frame = _frame(
        (2010, 1000, 100, 1000, 500),
        (2011, 1800, 150, 1900, 700),
        (2012, 1200, 160, 2600, 650),
    )
    chained = chained_lmdi(frame).groupby("factor").effect.sum()
    single = lmdi(*(kaya(frame.iloc[[i]]).iloc[0].to_dict() for i in (0, 2)))
    assert chained.sum() == pytest.approx(200)
    assert sum(single.values()) == pytest.approx(200)
    assert chained["population"] != pytest.approx(single["population"])


def test_constant_prices_chain_the_real_growth_rates():
    # 100 in 2015 at current prices; +10% then +5% real growth: 110 and 115.5 at 2015 prices,
    # whatever the current-price GDP of the later years was.
    gdp = pd.DataFrame({"year": [2015, 2016, 2017], "gdp": [100.0, 130.0, 160.0]})
    out = constant_prices(gdp, {2016: 10.0, 2017: 5.0, 2019: 3.0}, 2015)
    assert list(out.year) == [2015, 2016, 2017]
    assert list(out.gdp) == pytest.approx([100, 110, 115.5])


def test_constant_prices_stop_where_a_growth_rate_is_missing():
    gdp = pd.DataFrame({"year": [2015], "gdp": [100.0]})
    assert list(constant_prices(gdp, {2017: 5.0}, 2015).year) == [2015]
    assert constant_prices(gdp, {2016: 5.0}, 2014).empty


def test_the_fuel_and_the_sector_split_each_add_up_to_the_inventory_total(warehouse):
    fuels = emissions.parts(warehouse, "beijing", "fuel").groupby("year").value.sum()
    sectors = emissions.parts(warehouse, "beijing", "sector").groupby("year").value.sum()
    total = emissions.series(warehouse, "beijing", "ceads-provinces-beijing").set_index("year")
    assert list(fuels.index) == list(range(1997, 2020))
    for year, value in total.value.items():
        # the total is the workbook's Mt × 10^6 truncated to whole tonnes: within 1 t (1e-4 万吨)
        assert fuels[year] == pytest.approx(value, abs=1e-4)
        assert sectors[year] == pytest.approx(fuels[year], rel=1e-12)
