"""The emissions chapter: has Beijing peaked? Total CO2 over the long record, per person and per
unit of GDP, China for context, Changping's modelled share, and what drove the change.

Each series stays with its dataset: inventories that define emissions differently are shown side
by side, never merged into one line.
"""

from __future__ import annotations

import math
from itertools import pairwise

import duckdb
import pandas as pd

from analysis.analyses import peaks
from analysis.analyses.data import history
from analysis.contract.schema import CONVERSIONS

# The boundaries: research inventories count territorial (scope 1) CO2; the plans' peaking and
# intensity commitments are measured on the official boundary, which counts imported power.
EMISSIONS = "co2_emissions_territorial"
OFFICIAL = "co2_emissions"
CONSUMPTION = "co2_emissions_consumption"
INTENSITY = "co2_intensity"
REAL_GROWTH = "gdp_growth_real"


def amount(value: float, lang: str) -> str:
    """万吨 as each language's readers expect: 10,504 万吨（105.0 Mt）, 105.0 Mt (10,504 万吨)."""
    if lang == "zh":
        return f"{value:,.0f} 万吨（{value / 100:.1f} Mt）"
    return f"{value / 100:.1f} Mt ({value:,.0f} 万吨)"


def series(con: duckdb.DuckDBPyConnection, geo: str, source_id: str | None = None) -> pd.DataFrame:
    """A geo's territorial CO2 by year (万吨), from one dataset or from every source. A bound
    (a partial year's sum, marked >) is not a value and is left out."""
    return con.execute(
        """
        SELECT year, value, source_value, source_unit, source_id, publisher, source_title
        FROM statistics_ranked
        WHERE geo = ? AND indicator_id = ? AND (? IS NULL OR source_id = ?)
          AND qualifier NOT IN ('>', '<')
        ORDER BY source_id, year
        """,
        [geo, EMISSIONS, source_id, source_id],
    ).df()


def datasets(con: duckdb.DuckDBPyConnection, geo: str) -> pd.DataFrame:
    """The emission datasets that cover a geo, with their years."""
    return con.execute(
        """
        SELECT source_id, any_value(source_title) AS title, any_value(publisher) AS publisher,
               min(year) AS first_year, max(year) AS last_year, count(*) AS years
        FROM statistics_ranked WHERE geo = ? AND indicator_id = ? AND qualifier NOT IN ('>', '<')
        GROUP BY source_id ORDER BY first_year, source_id
        """,
        [geo, EMISSIONS],
    ).df()


def longest_dataset(con: duckdb.DuckDBPyConnection, geo: str) -> str | None:
    """The emission dataset with the most years for a geo (the series a rule is applied to)."""
    found = datasets(con, geo)
    if found.empty:
        return None
    return str(found.sort_values(["years", "source_id"], ascending=[False, True]).source_id.iloc[0])


def dataset_title(con: duckdb.DuckDBPyConnection, source_id: str | None) -> str | None:
    """The title of a dataset's source, as the pages name the dataset."""
    found = con.execute("SELECT title FROM sources WHERE source_id = ?", [source_id]).fetchone()
    return found[0] if found else None


def breaks(con: duckdb.DuckDBPyConnection, source_id: str, kind: str = "break") -> dict:
    """A dataset's breaks (or seams): first year of the new method → (Chinese, English) note."""
    rows = con.execute(
        "SELECT year, note_zh, note_en FROM series_breaks WHERE source_id = ? AND kind = ? "
        "ORDER BY year",
        [source_id, kind],
    ).fetchall()
    return {int(year): (zh, en) for year, zh, en in rows}


def real_growth(con: duckdb.DuckDBPyConnection, geo: str) -> dict[int, float]:
    """Real GDP growth by year (%), where published."""
    frame = _chosen(con, geo, REAL_GROWTH)
    return {int(r.year): float(r.value) for r in frame.itertuples()}


def verdict(con: duckdb.DuckDBPyConnection, geo: str, source_id: str) -> peaks.Verdict:
    """The peak rule on one dataset of a geo, with the dataset's breaks and the geo's growth."""
    return peaks.judge(
        series(con, geo, source_id)[["year", "value"]],
        breaks(con, source_id),
        real_growth(con, geo),
    )


def verdict_sentence(v: peaks.Verdict, dataset: str, span: str) -> tuple[str, str]:
    """One dataset's verdict with its margin, the top of the curve and the growth check."""
    zh = f"按{dataset}（{span}）：结论为“{peaks.VERDICT_ZH[v.status]}”。{v.reason_zh}。"
    en = f"By {dataset} ({span}): verdict {v.status}. {v.reason_en[0].upper()}{v.reason_en[1:]}."
    if v.status == peaks.NOT_YET:
        zh += f"最高值 {amount(v.value, 'zh')}。"
        en += f" Maximum {amount(v.value, 'en')}."
    elif v.status in (peaks.PEAKED, peaks.PLATEAU):
        zh += (
            f"最高值 {amount(v.value, 'zh')}；{v.latest_year} 年 {amount(v.latest, 'zh')}，"
            f"低 {v.margin:.1%}；与最高值相差不到 {peaks.MARGIN:.0%} 的年份："
            f"{v.top_first}–{v.top_last} 年。"
        )
        en += (
            f" Maximum {amount(v.value, 'en')}; {v.latest_year}: {amount(v.latest, 'en')}, "
            f"{v.margin:.1%} lower; years within {peaks.MARGIN:.0%} of the maximum: "
            f"{v.top_first}–{v.top_last}."
        )
    if v.status == peaks.PEAKED:
        if v.recession_years is None:
            zh += "下降期间的实际GDP增速未全部公开，未检查是否伴随衰退。"
            en += (
                " Real GDP growth is not published for every year of the decline, so a "
                "recession was not ruled out."
            )
        elif v.recession_years:
            shown = ", ".join(str(y) for y in v.recession_years)
            zh += f"但 {shown} 年实际GDP负增长，下降可能来自衰退。"
            en += f" Real GDP shrank in {shown}, so the fall may reflect a recession."
        else:
            zh += "下降期间实际GDP每年都在增长。"
            en += " Real GDP grew in every year of the decline."
    return zh, en


def peak_sentences(
    con: duckdb.DuckDBPyConnection, geo: str, longest: bool = False
) -> list[tuple[str, str]]:
    """What the peak rule finds for a geo on each territorial dataset (or on the longest only)."""
    found = datasets(con, geo)
    if longest:
        found = found[found.source_id == longest_dataset(con, geo)]
    return [
        verdict_sentence(verdict(con, geo, d.source_id), d.title, f"{d.first_year}–{d.last_year}")
        for d in found.itertuples()
    ]


def boundary_series(con: duckdb.DuckDBPyConnection, geo: str) -> pd.DataFrame:
    """Every dataset of a geo on every boundary (territorial, consumption-based), one series
    each, labelled by dataset and boundary: never joined into one line."""
    frame = con.execute(
        """
        SELECT s.year, s.value, s.source_id, s.source_title, i.indicator_id,
               i.name_zh AS boundary_zh, i.name_en AS boundary_en
        FROM statistics_ranked s JOIN indicators i USING (indicator_id)
        WHERE s.geo = ? AND s.indicator_id IN (?, ?) AND s.qualifier NOT IN ('>', '<')
        ORDER BY s.source_id, i.indicator_id, s.year
        """,
        [geo, EMISSIONS, CONSUMPTION],
    ).df()
    label = frame.indicator_id.map({EMISSIONS: "territorial", CONSUMPTION: "consumption-based"})
    return frame.assign(source_title=frame.source_title + " · " + label)


def seam_marks(con: duckdb.DuckDBPyConnection, source_ids: list[str]) -> pd.DataFrame:
    """The seams and breaks of some datasets, as the charts label them."""
    frame = con.execute(
        "SELECT b.year, b.kind, b.note_en, s.title FROM series_breaks b "
        "JOIN sources s USING (source_id) WHERE b.source_id IN (SELECT unnest(?)) ORDER BY ALL",
        [source_ids],
    ).df()
    return frame.assign(label=frame.year.astype(str) + " " + frame.kind + ": " + frame.title)


def plan_years(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> list[int]:
    """The years the plans set for their emission commitments."""
    rows = con.execute(
        "SELECT DISTINCT target_year FROM targets WHERE plan_id IN (SELECT unnest(?)) "
        "AND indicator_id = ? AND target_year IS NOT NULL ORDER BY 1",
        [plan_ids, OFFICIAL],
    ).fetchall()
    return [int(year) for (year,) in rows]


def _chosen(con: duckdb.DuckDBPyConnection, geo: str, indicator_id: str) -> pd.DataFrame:
    """The chosen value of each year, without bounds (> 21,330 is not a value to divide by)."""
    found = history(con, geo, indicator_id)
    return found[~found.qualifier.isin([">", "<"])][["year", "value"]]


def intensities(con: duckdb.DuckDBPyConnection, geo: str, source_id: str) -> pd.DataFrame:
    """Emissions per person (t) and per 10,000 yuan of GDP (t), where both are published.

    万吨 ÷ 万人 is tonnes per person; 万吨 ÷ 亿元 is tonnes per 10,000 yuan (current prices).
    """
    frame = series(con, geo, source_id)[["year", "value"]].rename(columns={"value": "co2"})
    frame = frame.merge(
        _chosen(con, geo, "resident_population").rename(columns={"value": "population"}),
        on="year",
        how="left",
    ).merge(_chosen(con, geo, "gdp").rename(columns={"value": "gdp"}), on="year", how="left")
    frame["per_person"] = (frame.co2 / frame.population).round(2)
    frame["per_gdp"] = (frame.co2 / frame.gdp).round(3)
    return frame


def indexed(frames: dict[str, pd.DataFrame], base_year: int | None = None) -> pd.DataFrame:
    """Several series as an index (base year = 100), on the first year they all cover unless
    one is given; long format with a `series` column."""
    common = set.intersection(*(set(f.year) for f in frames.values())) if frames else set()
    if not common:
        return pd.DataFrame(columns=["series", "year", "value", "index"])
    base = base_year if base_year in common else min(common)
    rows = []
    for name, frame in frames.items():
        start = float(frame.loc[frame.year == base, "value"].iloc[0])
        rows.append(frame.assign(series=name, index=(frame.value / start * 100).round(1)))
    out = pd.concat(rows, ignore_index=True)[["series", "year", "value", "index"]]
    return out.assign(base_year=base)


def district_shares(
    con: duckdb.DuckDBPyConnection, parent_geo: str, geo: str, source_id: str
) -> pd.DataFrame:
    """A district's emissions in one dataset against the sum of all the parent's districts in
    the same dataset, year by year, with its rank among them (1 = the largest emitter)."""
    return con.execute(
        """
        WITH d AS (
            SELECT s.year, s.geo, s.value
            FROM statistics_ranked s JOIN geos g ON g.geo = s.geo
            WHERE g.parent_geo = ? AND s.indicator_id = ? AND s.source_id = ?
        ), ranked AS (
            SELECT year, geo, value,
                   rank() OVER (PARTITION BY year ORDER BY value DESC) AS rank,
                   count(*) OVER (PARTITION BY year) AS districts,
                   sum(value) OVER (PARTITION BY year) AS total
            FROM d
        )
        SELECT year, round(value, 1) AS value, round(total, 1) AS total,
               round(value / total * 100, 1) AS share, rank, districts
        FROM ranked WHERE geo = ? ORDER BY year
        """,
        [parent_geo, EMISSIONS, source_id, geo],
    ).df()


# The Kaya identity: CO2 = population × GDP per person × energy per GDP × CO2 per energy.
KAYA_FACTORS = ("population", "gdp_per_person", "energy_per_gdp", "co2_per_energy")


def log_mean(a: float, b: float) -> float:
    """The logarithmic mean L(a, b) = (a − b) / (ln a − ln b), and a when a = b."""
    if a == b:
        return a
    return (a - b) / (math.log(a) - math.log(b))


def lmdi(start: dict[str, float], end: dict[str, float]) -> dict[str, float]:
    """The change of CO2 between two years split into the Kaya factors' effects (additive LMDI-I):
    effect of x = L(C_end, C_start) × ln(x_end / x_start). The effects add up to the change
    exactly, with no residual."""
    weight = log_mean(end["co2"], start["co2"])
    return {f: weight * math.log(end[f] / start[f]) for f in KAYA_FACTORS}


def kaya(frame: pd.DataFrame) -> pd.DataFrame:
    """The Kaya factors per year from columns co2, population, gdp and energy."""
    return frame.assign(
        gdp_per_person=frame.gdp / frame.population,
        energy_per_gdp=frame.energy / frame.gdp,
        co2_per_energy=frame.co2 / frame.energy,
    )


def constant_prices(gdp: pd.DataFrame, growth: dict[int, float], start: int) -> pd.DataFrame:
    """GDP at the prices of `start` (columns year, gdp), chained from the published real
    growth rates: each year is the previous year's volume × (1 + growth). The chain stops at
    the first year whose growth rate is not published."""
    anchor = gdp[gdp.year == start]
    if anchor.empty:
        return gdp.iloc[0:0]
    volume, rows = float(anchor.gdp.iloc[0]), [(start, float(anchor.gdp.iloc[0]))]
    year = start + 1
    while year in growth:
        volume *= 1 + growth[year] / 100
        rows.append((year, volume))
        year += 1
    return pd.DataFrame(rows, columns=["year", "gdp"])


def chained_lmdi(frame: pd.DataFrame) -> pd.DataFrame:
    """LMDI effects for each step between consecutive years of a frame with columns year, co2,
    population, gdp and energy: one row per step and factor. Each step's effects add up to its
    change, so the steps of a span add up to the change over the span."""
    factors = kaya(frame.sort_values("year").reset_index(drop=True))
    rows = []
    records = factors.to_dict("records")
    for a, b in pairwise(records):
        for factor, effect in lmdi(a, b).items():
            rows.append((int(a["year"]), int(b["year"]), factor, effect))
    return pd.DataFrame(rows, columns=["start", "end", "factor", "effect"])


def kaya_inputs(
    con: duckdb.DuckDBPyConnection,
    geo: str,
    source_id: str,
    prices: str = "constant",
    energy: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The years with emissions (one dataset), population, GDP and energy all published; GDP at
    current prices, or at the first such year's prices chained from real growth."""
    gdp = _chosen(con, geo, "gdp").rename(columns={"value": "gdp"})
    if energy is None:
        energy = _chosen(con, geo, "total_energy_consumption")
    frame = (
        series(con, geo, source_id)[["year", "value"]]
        .rename(columns={"value": "co2"})
        .merge(
            _chosen(con, geo, "resident_population").rename(columns={"value": "population"}),
            on="year",
        )
        .merge(energy.rename(columns={"value": "energy"})[["year", "energy"]], on="year")
        .merge(gdp[["year"]], on="year")
        .dropna()
        .sort_values("year")
    )
    if prices == "constant" and len(frame):
        gdp = constant_prices(gdp, real_growth(con, geo), int(frame.year.iloc[0]))
    return frame.merge(gdp, on="year").dropna().reset_index(drop=True)


def decomposition(
    con: duckdb.DuckDBPyConnection, geo: str, source_id: str, prices: str = "constant"
) -> tuple[pd.DataFrame, int | None, int | None]:
    """The chained LMDI split of the change in CO2 from the first to the last year where every
    input is published: the effects summed over the steps, and the total."""
    steps = chained_lmdi(kaya_inputs(con, geo, source_id, prices))
    if steps.empty:
        return pd.DataFrame(columns=["factor", "effect"]), None, None
    summed = steps.groupby("factor", sort=False, as_index=False).effect.sum()
    total = pd.DataFrame({"factor": ["total"], "effect": [summed.effect.sum()]})
    out = pd.concat([summed, total], ignore_index=True)
    return out.assign(effect=out.effect.round(1)), int(steps.start.min()), int(steps.end.max())


def energy_alternatives(con: duckdb.DuckDBPyConnection, geo: str) -> list[pd.DataFrame]:
    """Every energy series that swaps one conflicting year's chosen total for another source's
    value: the inputs of the sensitivity line for conflicting energy totals."""
    ranked = con.execute(
        "SELECT year, value, choice FROM statistics_ranked WHERE geo = ? AND indicator_id = ? "
        "AND distinct_values > 1 ORDER BY year, choice",
        [geo, "total_energy_consumption"],
    ).df()
    chosen = _chosen(con, geo, "total_energy_consumption")
    out = []
    for r in ranked[ranked.choice > 1].itertuples():
        swapped = chosen.copy()
        swapped.loc[swapped.year == r.year, "value"] = r.value
        out.append(swapped.assign(swapped_year=r.year))
    return out


def sensitivity(con: duckdb.DuckDBPyConnection, geo: str, source_id: str) -> pd.DataFrame:
    """Each factor's summed effect at constant prices, at current prices, and its range over
    the conflicting energy totals (constant prices)."""
    base, _, _ = decomposition(con, geo, source_id, "constant")
    current, _, _ = decomposition(con, geo, source_id, "current")
    frame = base.rename(columns={"effect": "constant_prices"}).merge(
        current.rename(columns={"effect": "current_prices"}), on="factor", how="outer"
    )
    swaps = []
    for energy in energy_alternatives(con, geo):
        steps = chained_lmdi(kaya_inputs(con, geo, source_id, "constant", energy))
        if len(steps):
            swaps.append(steps.groupby("factor").effect.sum())
    table = pd.concat(swaps, axis=1) if swaps else pd.DataFrame(index=frame.factor)
    frame["energy_low"] = frame.factor.map(table.min(axis=1)).round(1)
    frame["energy_high"] = frame.factor.map(table.max(axis=1)).round(1)
    return frame


def official_statements(con: duckdb.DuckDBPyConnection, geo: str) -> pd.DataFrame:
    """Every published figure on the official boundary: CO2-intensity levels and declines, and
    any yearly total, each with its source's words (these are the only official-boundary
    series; they are never joined to a research dataset)."""
    return con.execute(
        """
        SELECT r.year, i.name_zh AS indicator_zh, i.name_en AS indicator_en, r.value, r.unit,
               r.qualifier, r.publisher, r.snippet, r.source_url, r.choice = 1 AS used
        FROM statistics_ranked r JOIN indicators i USING (indicator_id)
        WHERE r.geo = ? AND r.indicator_id IN (?, ?, ?, ?)
        ORDER BY r.year, r.indicator_id, r.choice
        """,
        [geo, OFFICIAL, INTENSITY, "co2_intensity_decline_yoy", "co2_intensity_decline_vs_2020"],
    ).df()


def _half_last_digit(value: float) -> float:
    """Half a unit of the last printed decimal: 0.005 for 0.42, 0.05 for 0.5."""
    decimals = len(f"{value:g}".partition(".")[2])
    return 0.5 * 10**-decimals


def implied_official(con: duckdb.DuckDBPyConnection, geo: str) -> pd.DataFrame:
    """The official-boundary total implied by a published intensity level and the same year's
    GDP: t per 10,000 yuan × 亿元 gives 万吨. A level is printed to one or two decimals, so the
    low and high columns carry half a unit of its last digit either way (±1.2% for 0.42)."""
    frame = _chosen(con, geo, INTENSITY).merge(
        _chosen(con, geo, "gdp").rename(columns={"value": "gdp"}), on="year"
    )
    half = frame.value.map(_half_last_digit)
    return frame.assign(
        implied=(frame.value * frame.gdp).round(0),
        low=((frame.value - half) * frame.gdp).round(0),
        high=((frame.value + half) * frame.gdp).round(0),
    )


def official_sentence(con: duckdb.DuckDBPyConnection, geo: str) -> tuple[str, str]:
    """What the official boundary, on which the plans' peaking commitment is measured, shows."""
    implied = implied_official(con, geo)
    zh = (
        "方案的碳达峰承诺按官方核算口径（计入外调电力）衡量，"
        "该口径没有公开的年度排放总量，也没有公布达峰年份。"
    )
    en = (
        "The plans' peaking commitment is measured on the official accounting boundary, which "
        "counts imported electricity; no yearly total on that boundary has been published, and "
        "no official peak year."
    )
    if implied.empty:
        return zh, en
    last = implied.iloc[-1]
    zh += (
        f"{int(last.year)} 年官方公布的单位GDP二氧化碳排放为 {last.value:g} 吨/万元，"
        f"乘以当年GDP约为 {amount(last.implied, 'zh')}"
        f"（按小数位的舍入，在 {last.low / 100:.0f}–{last.high / 100:.0f} Mt 之间）。"
    )
    en += (
        f" The official CO2 intensity for {int(last.year)} was {last.value:g} t per 10,000 "
        f"yuan; times that year's GDP it implies about {amount(last.implied, 'en')} "
        f"({last.low / 100:.0f}–{last.high / 100:.0f} Mt given the rounding of the level)."
    )
    territorial = series(con, geo)
    same = territorial[territorial.year == last.year]
    if len(same):
        row = same.sort_values("source_id").iloc[0]
        ratio = last.implied / row.value
        zh += f"这是{row.source_title}同年领土口径估计值的 {ratio:.1f} 倍。"
        en += f" That is {ratio:.1f} times {row.source_title}'s territorial estimate for that year."
    return zh, en


def district_coverage(
    con: duckdb.DuckDBPyConnection, parent_geo: str, parent_source: str, district_source: str
) -> pd.DataFrame:
    """The parent's districts summed in the county dataset, against the parent's own total in
    its inventory: how much of the city the county model covers, year by year (%)."""
    return con.execute(
        """
        WITH d AS (
            SELECT s.year, sum(s.value) AS total
            FROM statistics_ranked s JOIN geos g ON g.geo = s.geo
            WHERE g.parent_geo = ? AND s.indicator_id = ? AND s.source_id = ?
            GROUP BY s.year
        )
        SELECT d.year, round(d.total, 1) AS total, round(c.value, 1) AS inventory_total,
               round(d.total / c.value * 100, 1) AS share
        FROM d JOIN statistics_ranked c
          ON c.year = d.year AND c.geo = ? AND c.indicator_id = ? AND c.source_id = ?
        ORDER BY d.year
        """,
        [parent_geo, EMISSIONS, district_source, parent_geo, EMISSIONS, parent_source],
    ).df()


def peers(con: duckdb.DuckDBPyConnection, nation: str) -> pd.DataFrame:
    """The peak rule on every province of a nation, each on its longest territorial dataset:
    the verdict, the year of the maximum and how far the latest value lies below it."""
    rows = []
    provinces = con.execute(
        "SELECT geo, name_zh, name_en FROM geos WHERE parent_geo = ? AND level = 'province' "
        "ORDER BY geo",
        [nation],
    ).fetchall()
    for geo, name_zh, name_en in provinces:
        source_id = longest_dataset(con, geo)
        if source_id is None:
            continue
        v = verdict(con, geo, source_id)
        rows.append(
            {
                "geo": geo,
                "name_zh": name_zh,
                "name_en": name_en,
                "status": v.status,
                "peak_year": v.year,
                "latest_year": v.latest_year,
                "margin": None if v.margin is None else round(v.margin * 100, 1),
            }
        )
    return pd.DataFrame(rows)


def verdict_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """How many areas get each verdict."""
    counts = frame.status.value_counts().reindex(list(peaks.VERDICTS), fill_value=0)
    return counts.rename_axis("verdict").reset_index(name="areas")


def parts(con: duckdb.DuckDBPyConnection, geo: str, dimension: str) -> pd.DataFrame:
    """A geo's inventory split by fuel or by sector, summed into the book's groups, in 万吨 (the
    workbook's Mt converted with the contract's factor), one row per year and group."""
    factor = CONVERSIONS[("Mt CO2", "万吨二氧化碳")]
    return con.execute(
        """
        SELECT year, "group", sum(value) * ? AS value
        FROM emission_parts WHERE geo = ? AND dimension = ?
        GROUP BY ALL ORDER BY year, "group"
        """,
        [factor, geo, dimension],
    ).df()


def without_kerosene(con: duckdb.DuckDBPyConnection, geo: str) -> pd.DataFrame:
    """The territorial total without kerosene (the column that holds jet fuel), from the fuel
    split: the boundary a city would draw if aviation were left to the nation."""
    fuels = parts(con, geo, "fuel")
    kept = fuels[fuels.group != "kerosene"]
    return kept.groupby("year", as_index=False).value.sum()


def part_sources(con: duckdb.DuckDBPyConnection, geo: str) -> list[str]:
    """The datasets the fuel and sector split of a geo comes from."""
    rows = con.execute(
        "SELECT DISTINCT source_id FROM emission_parts WHERE geo = ? ORDER BY 1", [geo]
    ).fetchall()
    return [source_id for (source_id,) in rows]


def boundary_sentences(con: duckdb.DuckDBPyConnection, geo: str) -> list[tuple[str, str]]:
    """The peak rule on the territorial total without kerosene (the boundary that leaves
    aviation to the nation), from the dataset of the fuel split; none without a split."""
    sources = part_sources(con, geo)
    if not sources:
        return []
    frame = without_kerosene(con, geo)
    title = "; ".join(dataset_title(con, s) for s in sources)
    span = f"{int(frame.year.min())}–{int(frame.year.max())}"
    found = peaks.judge(frame, breaks(con, sources[0]), real_growth(con, geo))
    zh, en = verdict_sentence(found, title, span)
    return [(f"不计煤油（航空燃料）：{zh}", f"Without kerosene (jet fuel): {en}")]


def shares(frame: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Each group's share of the total (%) in two years, and the change in points."""
    table = frame[frame.year.isin(years)].pivot(index="group", columns="year", values="value")
    share = (table / table.sum() * 100).round(1)
    first, last = years
    return pd.DataFrame(
        {
            "group": share.index,
            "first_share": share[first].values,
            "last_share": share[last].values,
            "change": (share[last] - share[first]).round(1).values,
        }
    ).sort_values("last_share", ascending=False, ignore_index=True)
