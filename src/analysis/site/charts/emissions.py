"""Charts of the emissions chapter (and the landing page's headline): total CO2 by dataset, per
person and per unit of GDP, against China, the district's share, and the Kaya decomposition."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.analyses.emissions import amount
from analysis.analyses.peaks import PEAKED, VERDICT_ZH, Verdict
from analysis.site.figure import (
    MUTED,
    PALETTE,
    TARGET_COLOUR,
    Figure,
    chart_title,
    nothing_to_draw,
    tooltips,
)
from analysis.site.labels import KAYA_NAMES, PART_NAMES, bilingual

# China's decennial population censuses: resident population is re-based on them.
CENSUS_YEARS = (2000, 2010, 2020)
YEAR = alt.X("year:Q", title=bilingual("年份", "year"), axis=alt.Axis(format="d", tickMinStep=1))


def _peak_reading(peak: Verdict, dataset: str) -> tuple[str, str]:
    zh = f"按{dataset}（领土口径），峰值规则的结论是“{VERDICT_ZH[peak.status]}”：{peak.reason_zh}。"
    en = (
        f"By {dataset} (territorial boundary), the peak rule says {peak.status}: "
        f"{peak.reason_en}."
    )
    if peak.status == PEAKED:
        zh += f"最高值 {amount(peak.value, 'zh')}，峰顶范围 {peak.top_first}–{peak.top_last} 年。"
        en += (
            f" Maximum {amount(peak.value, 'en')}; the top of the curve spans "
            f"{peak.top_first}–{peak.top_last}."
        )
    return zh, en


def _target_years(plan_years: list[int]) -> pd.DataFrame:
    """The plans' target years, each labelled: the dashed rules a reader holds the curve
    against."""
    return pd.DataFrame(
        {"year": plan_years, "label": [f"{y} 目标年 target year" for y in plan_years]}
    )


def _peak_point(peak: Verdict) -> pd.DataFrame:
    """The one point of the peak the rule found, labelled, for the triangle that marks it."""
    return pd.DataFrame([{"year": peak.year, "value": peak.value, "label": "峰值 peak"}])


def emissions_history(
    frame: pd.DataFrame,
    peak: Verdict,
    peak_dataset: str,
    plan_years: list[int],
    compact: bool = False,
    seams: pd.DataFrame | None = None,
    boundary: tuple[str, str] = ("领土口径", "territorial boundary"),
) -> Figure:
    """Total territorial CO2 by year, one line per dataset (never merged), the peak the rule
    finds on the longest dataset marked, the seams and breaks of the datasets as short ticks,
    and the plans' target years as vertical rules."""
    if frame.empty:
        return nothing_to_draw("排放总量", "on total emissions.")
    data = frame.assign(dataset=frame.source_title)
    lines = (
        alt.Chart(data)
        .mark_line(point=not compact)
        .encode(
            x=YEAR,
            y=alt.Y("value:Q", title=bilingual("万吨二氧化碳", "10,000 t CO2 (万吨)")),
            color=alt.Color(
                "dataset:N",
                title=bilingual("数据集", "dataset"),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            tooltip=tooltips(
                "year:Q",
                ("value:Q", "万吨", "10,000 t"),
                ("source_value:Q", "原值", "as published"),
                ("source_unit:N", "原单位", "unit published"),
                ("dataset:N", "数据集", "dataset"),
            ),
        )
    )
    rules = (
        alt.Chart(_target_years(plan_years))
        .mark_rule(strokeDash=[4, 4], color=MUTED)
        .encode(x="year:Q", tooltip=[alt.Tooltip("label:N", title=" ")])
    )
    layers = [lines, rules]
    if seams is not None and len(seams):
        layers.append(
            alt.Chart(seams)
            .mark_tick(thickness=2, size=14, color=MUTED, orient="vertical")
            .encode(
                x="year:Q",
                y=alt.value(0),
                tooltip=[alt.Tooltip("label:N", title=" ")],
            )
        )
    if peak.status == PEAKED:
        layers.append(
            alt.Chart(_peak_point(peak))
            .mark_point(shape="triangle-up", size=160, filled=True, color=TARGET_COLOUR)
            .encode(
                x="year:Q",
                y="value:Q",
                tooltip=[alt.Tooltip("label:N", title=" "), *tooltips("year:Q")],
            )
        )
    zh, en = _peak_reading(peak, peak_dataset)
    return Figure(
        alt.layer(*layers).properties(
            width=300 if compact else 540,
            height=200 if compact else 300,
            title=chart_title(
                f"二氧化碳排放总量（{boundary[0]}）",
                f"Total CO2 emissions ({boundary[1]})",
                "每条线一个数据集；虚线为方案目标年；三角为峰值；顶部短线为数据集的接缝或断点",
                "one line per dataset; dashed: the plans' target years; triangle: the peak; "
                "ticks at the top: seams or breaks of a dataset",
            ),
        ),
        zh,
        en,
    )


def _with_year_marks(chart: alt.Chart, marks: pd.DataFrame) -> alt.LayerChart:
    """A chart with a dotted rule at each year of `marks` (columns year, label), labelled on
    hover. No layer when there is none: an empty one leaves a mark container axe reports."""
    if marks.empty:
        return alt.layer(chart)
    rules = (
        alt.Chart(marks)
        .mark_rule(strokeDash=[2, 3], color=MUTED)
        .encode(x="year:Q", tooltip=[alt.Tooltip("label:N", title=" ")])
    )
    return alt.layer(chart, rules)


def per_unit(frame: pd.DataFrame) -> Figure:
    """Emissions per person and per unit of GDP, side by side."""
    frame = frame.dropna(subset=["per_person", "per_gdp"], how="all")
    if frame.empty:
        return nothing_to_draw("人均或单位GDP排放", "per person or per unit of GDP.")

    years = set(frame.year)
    census = pd.DataFrame(
        {"year": [y for y in CENSUS_YEARS if y in years], "label": "人口普查年 census year"}
    )

    def panel(field: str, zh: str, en: str) -> alt.LayerChart:
        line = (
            alt.Chart(frame.dropna(subset=[field]))
            .mark_line(point=True, color=PALETTE[0])
            .encode(
                x=YEAR,
                y=alt.Y(f"{field}:Q", title=bilingual(zh, en), scale=alt.Scale(zero=False)),
                tooltip=tooltips("year:Q", (f"{field}:Q", zh, en)),
            )
        )
        return _with_year_marks(line, census).properties(width=250, height=190)

    gdp = frame.dropna(subset=["per_gdp"]).sort_values("year")
    first, last = gdp.iloc[0], gdp.iloc[-1]
    fall = (1 - last.per_gdp / first.per_gdp) * 100
    return Figure(
        alt.hconcat(
            panel("per_person", "人均 吨", "t per person"),
            panel("per_gdp", "每万元GDP 吨", "t per 10,000 yuan GDP"),
        ).properties(
            title=chart_title(
                "人均与单位GDP排放",
                "Emissions per person and per unit of GDP",
                "GDP为当年价；虚线为人口普查年，人口数据在普查年前后可能不连续",
                "GDP at current prices; dotted: census years, where the population series may "
                "not join smoothly",
            )
        ),
        f"每万元GDP排放从 {int(first.year)} 年的 {first.per_gdp:.2f} 吨降到 {int(last.year)} 年的 "
        f"{last.per_gdp:.2f} 吨，降幅 {fall:.0f}%（当年价）。",
        f"CO2 per 10,000 yuan of GDP fell from {first.per_gdp:.2f} t in {int(first.year)} to "
        f"{last.per_gdp:.2f} t in {int(last.year)}, {fall:.0f}% lower (current prices).",
    )


def indexed_series(frame: pd.DataFrame) -> Figure:
    """Several series on one index (base year = 100)."""
    if frame.empty:
        return nothing_to_draw("两个序列没有共同年份", "the series share no year.")
    base = int(frame.base_year.iloc[0])
    last_year = int(frame.year.max())
    ends = frame[frame.year == last_year].sort_values("index")
    parts_zh = "，".join(f"{r.series}为 {r.index:.0f}" for r in ends.itertuples())
    parts_en = ", ".join(f"{r.series} {r.index:.0f}" for r in ends.itertuples())
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=YEAR,
            y=alt.Y("index:Q", title=bilingual(f"指数 {base}=100", f"index, {base} = 100")),
            color=alt.Color("series:N", title=bilingual("序列", "series")),
            tooltip=tooltips(
                ("series:N", "序列", "series"),
                "year:Q",
                ("index:Q", "指数", "index"),
                ("value:Q", "万吨", "10,000 t"),
            ),
        )
        .properties(
            width=540,
            height=260,
            title=chart_title(
                "与全国对照",
                "Against China",
                "两条线各自以基年为100",
                "each line indexed to the base year",
            ),
        )
    )
    return Figure(
        chart,
        f"以 {base} 年为100，到 {last_year} 年{parts_zh}。",
        f"With {base} = 100, by {last_year}: {parts_en}.",
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def district_share(frame: pd.DataFrame, district_zh: str, district_en: str) -> Figure:
    """A district's share of all districts' modelled emissions, year by year."""
    if frame.empty:
        return nothing_to_draw("区县级排放", "on district emissions.")
    first, last = frame.iloc[0], frame.iloc[-1]
    chart = (
        alt.Chart(frame)
        .mark_line(point=True, color=PALETTE[1])
        .encode(
            x=YEAR,
            y=alt.Y(
                "share:Q",
                title=bilingual("占16区合计 %", "share of the 16 districts' total, %"),
                scale=alt.Scale(zero=False),
            ),
            tooltip=tooltips(
                "year:Q",
                ("share:Q", "占比 %", "share %"),
                "rank:Q",
                ("value:Q", "万吨", "10,000 t"),
            ),
        )
        .properties(
            width=540,
            height=220,
            title=chart_title(
                f"{district_zh}占全市各区排放的比例",
                f"{district_en}'s share of the districts' emissions",
                "区县级模型估算",
                "modelled county-level estimates",
            ),
        )
    )
    return Figure(
        chart,
        f"{district_zh}占全市各区排放的比例从 {int(first.year)} 年的 {first.share:g}% 变为 "
        f"{int(last.year)} 年的 {last.share:g}%，{int(last.year)} 年在 {int(last.districts)} 个区中"
        f"排第 {int(last['rank'])} 位。",
        f"{district_en}'s share of the districts' emissions went from {first.share:g}% in "
        f"{int(first.year)} to {last.share:g}% in {int(last.year)}, when it ranked "
        f"{_ordinal(int(last['rank']))} of {int(last.districts)}.",
    )


def decomposition(frame: pd.DataFrame, first: int | None, last: int | None) -> Figure:
    """The change of CO2 split into the Kaya factors, one bar each, and the total."""
    if not first:
        return nothing_to_draw("分解所需的四项数据", "for all four factors of the decomposition.")
    data = frame.assign(
        label=frame.factor.map(lambda f: bilingual(*KAYA_NAMES[f])),
        sign=frame.effect.map(lambda e: "增加 up" if e > 0 else "减少 down"),
    )
    factors = data[data.factor != "total"]
    up, down = factors.loc[factors.effect.idxmax()], factors.loc[factors.effect.idxmin()]
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=None, title=None),
            x=alt.X("effect:Q", title=bilingual("万吨二氧化碳", "10,000 t CO2")),
            color=alt.Color(
                "sign:N",
                title=bilingual("方向", "direction"),
                scale=alt.Scale(domain=["增加 up", "减少 down"], range=[PALETTE[3], PALETTE[0]]),
            ),
            tooltip=tooltips(("label:N", "因素", "factor"), ("effect:Q", "万吨", "10,000 t")),
        )
        .properties(
            width=460,
            title=chart_title(
                f"{first}–{last}年排放变化的来源",
                f"What changed CO2, {first}–{last}",
                "LMDI 分解：各因素之和等于总变化",
                "LMDI: the effects add up to the total change",
            ),
        )
    )
    up_zh, up_en = KAYA_NAMES[up.factor]
    down_zh, down_en = KAYA_NAMES[down.factor]
    return Figure(
        chart,
        f"{first}–{last} 年（不变价GDP），推高排放最多的是{up_zh}（{up.effect:+,.0f} 万吨），"
        f"压低最多的是{down_zh}（{down.effect:+,.0f} 万吨）；敏感性见下表。",
        f"From {first} to {last} (GDP at constant prices), {up_en} pushed emissions up most "
        f"({up.effect / 100:+.1f} Mt, {up.effect:+,.0f} 万吨) and {down_en} pulled them down most "
        f"({down.effect / 100:+.1f} Mt, {down.effect:+,.0f} 万吨); the table below gives the "
        "sensitivity.",
    )


def peer_verdicts(frame: pd.DataFrame, named: tuple[str, ...]) -> Figure:
    """Each province as a dot: the year of its maximum against how far its latest value lies
    below it, coloured by the peak rule's verdict; the named provinces are labelled."""
    if frame.empty:
        return nothing_to_draw("各省排放", "on the provinces' emissions.")
    data = frame.assign(
        verdict=frame.status.map(lambda s: f"{VERDICT_ZH[s]} {s}"),
        name=frame.name_zh + " " + frame.name_en,
        label=frame.geo.map(lambda g: g in named),
    )
    base = alt.Chart(data).encode(
        x=alt.X(
            "peak_year:Q",
            title=bilingual("最高值所在年份", "year of the maximum"),
            axis=alt.Axis(format="d", tickMinStep=1),
            scale=alt.Scale(zero=False),
        ),
        y=alt.Y("margin:Q", title=bilingual("最新值低于最高值 %", "latest below the maximum, %")),
    )
    dots = base.mark_circle(size=90, opacity=0.85).encode(
        color=alt.Color(
            "verdict:N",
            title=bilingual("结论", "verdict"),
            scale=alt.Scale(range=[PALETTE[0], PALETTE[2], PALETTE[3], MUTED]),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=tooltips(
            ("name:N", "省份", "province"),
            "verdict:N",
            ("peak_year:Q", "最高值年份", "year of the maximum"),
            ("margin:Q", "低于最高值 %", "below the maximum, %"),
        ),
    )
    labels = base.transform_filter(alt.datum.label).mark_text(align="left", dx=7, dy=-6).encode(
        text="name:N"
    )
    counts = data.status.value_counts()
    zh = "，".join(f"{VERDICT_ZH[s]} {counts[s]} 个" for s in counts.index)
    en = ", ".join(f"{counts[s]} {s}" for s in counts.index)
    return Figure(
        alt.layer(dots, labels).properties(
            width=540,
            height=300,
            title=chart_title(
                "各省份的峰值规则结论",
                "The peak rule on every province",
                "CEADs 领土口径；每个点一个省份",
                "CEADs, territorial boundary; a dot per province",
            ),
        ),
        f"按同一规则，{len(data)} 个省份中{zh}。",
        f"By the same rule, of {len(data)} provinces: {en}.",
    )


def parts_areas(fuels: pd.DataFrame, sectors: pd.DataFrame, seams: pd.DataFrame) -> Figure:
    """The territorial total stacked by fuel group and by sector group, side by side, with the
    seams between the inventory's releases marked."""
    if fuels.empty or sectors.empty:
        return nothing_to_draw("按燃料和部门的排放", "on emissions by fuel and sector.")

    def panel(frame: pd.DataFrame, zh: str, en: str) -> alt.LayerChart:
        data = frame.assign(
            part=frame.group.map(lambda g: bilingual(*PART_NAMES[g])),
            order=frame.group.map(list(PART_NAMES).index),
        )
        area = (
            alt.Chart(data)
            .mark_area(opacity=0.9)
            .encode(
                x=YEAR,
                y=alt.Y("value:Q", stack=True, title=bilingual("万吨二氧化碳", "10,000 t CO2")),
                color=alt.Color(
                    "part:N",
                    title=bilingual(zh, en),
                    sort=alt.EncodingSortField("order"),
                    legend=alt.Legend(orient="bottom", direction="vertical"),
                ),
                order=alt.Order("order:Q"),
                tooltip=tooltips("year:Q", ("part:N", zh, en), ("value:Q", "万吨", "10,000 t")),
            )
        )
        return _with_year_marks(area, seams).properties(width=250, height=220)

    first, last = int(fuels.year.min()), int(fuels.year.max())
    by_year = fuels.pivot(index="year", columns="group", values="value")
    coal = by_year.coal / by_year.sum(axis=1) * 100
    kerosene = by_year.kerosene / by_year.sum(axis=1) * 100
    return Figure(
        alt.hconcat(panel(fuels, "燃料", "fuel"), panel(sectors, "部门", "sector"))
        .resolve_scale(color="independent")
        .properties(
            title=chart_title(
                "排放按燃料和部门",
                "Emissions by fuel and by sector",
                "CEADs 领土口径；虚线为版本接缝",
                "CEADs, territorial boundary; dotted lines: seams between releases",
            )
        ),
        f"煤炭占比从 {first} 年的 {coal[first]:.0f}% 降到 {last} 年的 {coal[last]:.0f}%；"
        f"煤油（航空燃料）从 {kerosene[first]:.0f}% 升到 {kerosene[last]:.0f}%。",
        f"Coal's share fell from {coal[first]:.0f}% in {first} to {coal[last]:.0f}% in {last}; "
        f"kerosene's (jet fuel) rose from {kerosene[first]:.0f}% to {kerosene[last]:.0f}%.",
    )
