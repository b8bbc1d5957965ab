"""Altair charts that render offline: one theme, bilingual labels, Vega from the site itself.

Altair's default renderer fetches Vega from a CDN, which shows nothing to an offline reader.
Charts are emitted instead as a <div> and a vegaEmbed call; the site serves the Vega bundle from
its own _static folder (see pipeline.book.write_vega_bundle).
"""

from __future__ import annotations

import hashlib
import json

import altair as alt
import pandas as pd

from analysis.analyses.emissions import Peak
from analysis.analyses.progress import Panel
from analysis.site.labels import (
    KAYA_NAMES,
    TARGET_KINDS,
    bilingual,
    joined,
    joined_column,
    sector_name,
)

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, sans-serif"
PALETTE = ["#1b6ca8", "#e07b39", "#3a9d5d", "#8c5fb0", "#c94c4c", "#6b7b8c"]


def theme() -> dict:
    """The one look of every chart in the book."""
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 300},
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#555"},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "grid": True,
                "gridColor": "#e6e6e6",
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "range": {"category": PALETTE},
        }
    }


alt.theme.register("carbon", enable=True)(theme)


def tooltips(*fields: tuple[str, str, str]) -> list[alt.Tooltip]:
    """Bilingual tooltips from (field, Chinese, English) triples."""
    return [alt.Tooltip(field, title=bilingual(zh, en)) for field, zh, en in fields]


def plan_colour(titles: dict[str, str]) -> alt.Color:
    """The same colour for a role on every chart: the parent plan (given first) blue, the
    district plan orange, whatever the plans are."""
    return alt.Color(
        "plan:N",
        title=bilingual("方案", "plan"),
        scale=alt.Scale(domain=list(titles.values()), range=PALETTE[: len(titles)]),
    )


def _safe_json(spec: dict) -> str:
    """JSON that cannot end the <script> it sits in, whatever text the data carries."""
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_html(chart: alt.TopLevelMixin) -> str:
    """The HTML that draws a chart with the site's own vegaEmbed, once the bundle is loaded."""
    spec = {k: v for k, v in chart.to_dict().items() if k != "$schema"}
    spec_json = _safe_json(spec)
    chart_id = "chart-" + hashlib.sha256(spec_json.encode()).hexdigest()[:12]
    return (
        f'<div id="{chart_id}" class="carbon-chart"></div>\n'
        "<script>(function () {\n"
        f"  var draw = function () {{ vegaEmbed('#{chart_id}', {spec_json}, "
        '{"actions": false, "renderer": "svg"}); };\n'
        "  if (window.vegaEmbed) { draw(); } else { window.addEventListener('load', draw); }\n"
        "})();</script>"
    )


class Chart:
    """A notebook output that shows as the offline-rendered chart in the book."""

    def __init__(self, chart: alt.TopLevelMixin):
        self.chart = chart

    def _repr_html_(self) -> str:
        if self.chart is None:
            return '<p class="carbon-empty">无可绘制的数据 · nothing to draw: no published data</p>'
        return chart_html(self.chart)


def show(chart: alt.TopLevelMixin | None) -> Chart:
    """The chart for the page; None (nothing to draw) shows a line that says so."""
    return Chart(chart)


def chapter_lengths(chapters: pd.DataFrame, titles: dict[str, str]) -> alt.Chart:
    """How each plan spends its words: characters per chapter, in the order printed."""
    frame = chapters.assign(
        plan=chapters.plan_id.map(titles),
        chapter_title=chapters.chapter + "、" + chapters.title,
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("chapter_title:N", sort=None, title=None),
            x=alt.X("characters:Q", title=bilingual("字数", "characters")),
            color=plan_colour(titles),
            row=alt.Row("plan:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left")),
            tooltip=tooltips(
                ("plan:N", "方案", "plan"),
                ("chapter_title:N", "章", "chapter"),
                ("characters:Q", "字数", "characters"),
                ("sections:Q", "节", "sections"),
            ),
        )
        .resolve_scale(y="independent")
        .properties(
            width=480,
            title=alt.Title(
                bilingual("各章篇幅", "Length of each chapter"),
                subtitle=bilingual("清洗后正文字数", "characters of the cleaned text"),
            ),
        )
    )


def target_counts(counts: pd.DataFrame, titles: dict[str, str]) -> alt.Chart:
    """Targets per sector, one bar per plan, split into quantified and qualitative."""
    frame = counts.assign(
        plan=counts.plan_id.map(titles),
        sector=counts.sector.map(sector_name),
        kind=counts.target_kind.map(lambda k: bilingual(*TARGET_KINDS[k])),
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("sector:N", title=bilingual("领域", "sector")),
            yOffset=alt.YOffset("plan:N"),
            x=alt.X("sum(targets):Q", title=bilingual("目标数", "number of targets")),
            color=plan_colour(titles),
            opacity=alt.Opacity(
                "kind:O",
                title=bilingual("类型", "kind"),
                sort=["定量 quantified", "定性 qualitative"],
                scale=alt.Scale(domain=["定量 quantified", "定性 qualitative"], range=[1, 0.45]),
            ),
            tooltip=tooltips(
                ("plan:N", "方案", "plan"),
                ("sector:N", "领域", "sector"),
                ("kind:N", "类型", "kind"),
                ("sum(targets):Q", "目标数", "targets"),
            ),
        )
        .properties(
            width=480,
            title=alt.Title(
                bilingual("各领域目标数", "Targets per sector"),
                subtitle=bilingual("来源：两份方案原文", "source: the two plan texts"),
            ),
        )
    )


def district_shares(amounts: pd.DataFrame, context: pd.DataFrame) -> alt.Chart:
    """The district's share of each city amount next to its share of people, output and land."""
    bars = pd.concat(
        [
            amounts.assign(
                what=joined_column(amounts, "district_indicator"), kind="目标 target amount"
            )[["what", "share", "kind"]],
            context.dropna(subset=["share"]).assign(
                what=lambda f: joined_column(f, "what"), kind="背景 context"
            )[["what", "share", "kind"]],
        ],
        ignore_index=True,
    )
    return (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            y=alt.Y("what:N", sort=None, title=None),
            x=alt.X("share:Q", title=bilingual("占全市比例 %", "share of the city, %")),
            color=alt.Color("kind:N", title=bilingual("类别", "kind")),
            tooltip=tooltips(
                ("what:N", "项目", "item"),
                ("share:Q", "占比 %", "share %"),
                ("kind:N", "类别", "kind"),
            ),
        )
        .properties(
            width=420,
            title=alt.Title(
                bilingual("区级目标占市级目标的比例", "District targets as a share of the city's"),
                subtitle=bilingual(
                    "来源：两份方案；背景数据见“数据与来源”",
                    "sources: the two plans; context figures as in Data and sources",
                ),
            ),
        )
    )


def agency_matrix(matrix: pd.DataFrame, titles: dict[str, str], top: int = 20) -> alt.Chart:
    """A heat map per plan of the agencies with most targets, by sector."""
    totals = matrix.groupby(["plan_id", "agency"]).targets.sum().reset_index()
    keep = totals.sort_values("targets", ascending=False).groupby("plan_id").head(top)
    frame = matrix.merge(keep[["plan_id", "agency"]]).assign(
        plan=lambda f: f.plan_id.map(titles), sector=lambda f: f.sector.map(sector_name)
    )
    return (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X("sector:N", title=bilingual("领域", "sector")),
            y=alt.Y("agency:N", sort="-color", title=None),
            color=alt.Color(
                "targets:Q", title=bilingual("目标数", "targets"), scale=alt.Scale(scheme="blues")
            ),
            column=alt.Column("plan:N", title=None),
            tooltip=tooltips(
                ("plan:N", "方案", "plan"),
                ("agency:N", "单位", "agency"),
                ("sector:N", "领域", "sector"),
                ("targets:Q", "目标数", "targets"),
            ),
        )
        .resolve_scale(y="independent")
        .properties(
            width=220,
            title=alt.Title(
                bilingual("责任单位与领域", "Agencies by sector"),
                subtitle=bilingual(
                    "来源：方案各条款末尾的责任单位", "source: the agency notes closing each clause"
                ),
            ),
        )
    )


def history_chart(
    frame: pd.DataFrame,
    target: float | None,
    target_year: int | None,
    title: str,
    unit: str,
    path: pd.DataFrame | None = None,
    subtitle: str = "",
) -> alt.LayerChart:
    """Published values over time, the plan's target as a marked point, and the straight path
    to it (dashed) when one can be drawn."""
    points = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "year:Q",
                title=bilingual("年份", "year"),
                axis=alt.Axis(format="d", tickMinStep=1),
                scale=alt.Scale(zero=False),
            ),
            y=alt.Y("value:Q", title=f"{unit}", scale=alt.Scale(zero=False)),
            tooltip=tooltips(
                ("year:Q", "年份", "year"),
                ("value:Q", "数值", "value"),
                ("qualifier:N", "限定", "qualifier"),
                ("publisher:N", "来源", "source"),
            ),
        )
    )
    layers = [points]
    if path is not None:
        layers.append(
            alt.Chart(path.assign(label="目标路径 path to target"))
            .mark_line(strokeDash=[5, 4], color="#888")
            .encode(x="year:Q", y="value:Q", tooltip=[alt.Tooltip("label:N", title=" ")])
        )
    if target is not None and target_year is not None:
        goal = pd.DataFrame([{"year": target_year, "value": target, "label": "目标 target"}])
        layers.append(
            alt.Chart(goal)
            .mark_point(shape="diamond", size=120, filled=True, color="#c94c4c")
            .encode(
                x="year:Q",
                y="value:Q",
                tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("value:Q")],
            )
        )
    return alt.layer(*layers).properties(
        width=520,
        height=220,
        title=alt.Title(title, subtitle=f"{subtitle} · " + bilingual("单位", "unit") + f" {unit}"),
    )


def progress_panels(panels: list[Panel]) -> alt.VConcatChart | None:
    """One small chart per panel: the published history, the path and the target."""
    charts = [
        history_chart(
            p.history,
            p.target["value"],
            p.target["target_year"],
            joined(p.target["indicator_zh"], p.target["indicator_en"]),
            p.target["unit"],
            p.path,
            subtitle=f"{p.target['geo']} · {p.target['target_id']}",
        )
        for p in panels
    ]
    return alt.vconcat(*charts) if charts else None


_YEAR = alt.X("year:Q", title=bilingual("年份", "year"), axis=alt.Axis(format="d", tickMinStep=1))


def emissions_history(
    frame: pd.DataFrame, peak: Peak, plan_years: list[int]
) -> alt.LayerChart | None:
    """Total CO2 by year, one line per dataset (never merged), the peak the rule finds marked,
    and the plans' target years as vertical rules; None when no dataset covers the place."""
    if frame.empty:
        return None
    data = frame.assign(dataset=frame.source_title)
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=_YEAR,
            y=alt.Y("value:Q", title=bilingual("万吨二氧化碳", "10,000 t CO2")),
            color=alt.Color("dataset:N", title=bilingual("数据集", "dataset")),
            tooltip=tooltips(
                ("year:Q", "年份", "year"),
                ("value:Q", "万吨", "10,000 t"),
                ("source_value:Q", "原值", "as published"),
                ("source_unit:N", "原单位", "unit published"),
                ("dataset:N", "数据集", "dataset"),
            ),
        )
    )
    years = pd.DataFrame({"year": plan_years, "label": [f"{y} 目标年 target" for y in plan_years]})
    rules = (
        alt.Chart(years)
        .mark_rule(strokeDash=[4, 4], color="#888")
        .encode(x="year:Q", tooltip=[alt.Tooltip("label:N", title=" ")])
    )
    layers = [lines, rules]
    if peak.year is not None and peak.status == "peaked":
        top = pd.DataFrame([{"year": peak.year, "value": peak.value, "label": "峰值 peak"}])
        layers.append(
            alt.Chart(top)
            .mark_point(shape="triangle-up", size=160, filled=True, color="#c94c4c")
            .encode(
                x="year:Q",
                y="value:Q",
                tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("year:Q", title="year")],
            )
        )
    return alt.layer(*layers).properties(
        width=560,
        height=300,
        title=alt.Title(
            bilingual("二氧化碳排放总量", "Total CO2 emissions"),
            subtitle=bilingual(
                "每条线一个数据集；虚线为方案目标年",
                "one line per dataset; dashed: the plans' target years",
            ),
        ),
    )


def per_unit(frame: pd.DataFrame) -> alt.HConcatChart | None:
    """Emissions per person and per unit of GDP, side by side; None without data."""
    if frame.dropna(subset=["per_person", "per_gdp"], how="all").empty:
        return None

    def panel(field: str, zh: str, en: str) -> alt.Chart:
        return (
            alt.Chart(frame.dropna(subset=[field]))
            .mark_line(point=True)
            .encode(
                x=_YEAR,
                y=alt.Y(f"{field}:Q", title=bilingual(zh, en), scale=alt.Scale(zero=False)),
                tooltip=tooltips(("year:Q", "年份", "year"), (f"{field}:Q", zh, en)),
            )
            .properties(width=260, height=200)
        )

    return alt.hconcat(
        panel("per_person", "人均 吨", "t per person"),
        panel("per_gdp", "每万元GDP 吨", "t per 10,000 yuan GDP"),
    ).properties(
        title=alt.Title(
            bilingual("人均与单位GDP排放", "Emissions per person and per unit of GDP"),
            subtitle=bilingual("GDP为当年价", "GDP at current prices"),
        )
    )


def indexed_series(frame: pd.DataFrame) -> alt.Chart | None:
    """Several series on one index (base year = 100); None when they share no year."""
    if frame.empty:
        return None
    base = int(frame.base_year.iloc[0]) if len(frame) else 0
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=_YEAR,
            y=alt.Y("index:Q", title=bilingual(f"指数 {base}=100", f"index, {base} = 100")),
            color=alt.Color("series:N", title=bilingual("序列", "series")),
            tooltip=tooltips(
                ("series:N", "序列", "series"),
                ("year:Q", "年份", "year"),
                ("index:Q", "指数", "index"),
                ("value:Q", "万吨", "10,000 t"),
            ),
        )
        .properties(
            width=560,
            height=260,
            title=alt.Title(
                bilingual("与全国对照", "Against China"),
                subtitle=bilingual("两条线各自以基年为100", "each line indexed to the base year"),
            ),
        )
    )


def district_share(frame: pd.DataFrame, district: str) -> alt.Chart:
    """A district's share of all districts' modelled emissions, year by year."""
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=_YEAR,
            y=alt.Y(
                "share:Q",
                title=bilingual("占全市 %", "share of the city, %"),
                scale=alt.Scale(zero=False),
            ),
            tooltip=tooltips(
                ("year:Q", "年份", "year"),
                ("share:Q", "占比 %", "share %"),
                ("rank:Q", "排名", "rank"),
                ("value:Q", "万吨", "10,000 t"),
            ),
        )
        .properties(
            width=560,
            height=220,
            title=alt.Title(
                bilingual(
                    f"{district}占全市各区排放的比例",
                    f"{district}'s share of the districts' emissions",
                ),
                subtitle=bilingual("区县级模型估算", "modelled county-level estimates"),
            ),
        )
    )


def decomposition(frame: pd.DataFrame, first: int, last: int) -> alt.Chart:
    """The change of CO2 split into the Kaya factors, one bar each, and the total."""
    data = frame.assign(label=frame.factor.map(lambda f: bilingual(*KAYA_NAMES[f])))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=None, title=None),
            x=alt.X("effect:Q", title=bilingual("万吨二氧化碳", "10,000 t CO2")),
            color=alt.condition("datum.effect > 0", alt.value(PALETTE[4]), alt.value(PALETTE[2])),
            tooltip=tooltips(("label:N", "因素", "factor"), ("effect:Q", "万吨", "10,000 t")),
        )
        .properties(
            width=480,
            title=alt.Title(
                bilingual(f"{first}–{last}年排放变化的来源", f"What changed CO2, {first}–{last}"),
                subtitle=bilingual(
                    "LMDI 分解：各因素之和等于总变化",
                    "LMDI: the effects add up to the total change",
                ),
            ),
        )
    )
