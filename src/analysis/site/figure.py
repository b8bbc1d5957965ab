"""How a chart reaches a page: one palette, one theme, and a figure with a reading beside it.

Altair's default renderer fetches Vega from a CDN, which shows nothing to an offline reader.
A chart is emitted instead as a <div> and a call to carbonChart (in _static/carbon-charts.js),
which runs the site's own vegaEmbed with its actions menu (save as SVG or PNG, view or download
the data) and names the menu for screen readers. Every figure carries a one-sentence reading in
both languages: shown under the chart, and given to Vega as the chart's description, which
becomes the SVG's aria-label.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass

import altair as alt

from analysis.site.labels import bilingual, field_title

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, sans-serif"

# Okabe & Ito's colour-blind-safe palette: the only colours the charts use. Categories take them
# in this order; heat maps run from white to OKABE_ITO["blue"].
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#999999",
    "black": "#000000",
}
PALETTE = [
    OKABE_ITO[name]
    for name in (
        "blue",
        "orange",
        "bluish_green",
        "vermillion",
        "sky_blue",
        "reddish_purple",
        "grey",
    )
]
SEQUENTIAL = ["#f2f7fb", OKABE_ITO["blue"]]
# The neutrals around the data: lines, grids, empty cells.
GREYS = {
    "white": "#ffffff",
    "empty": "#eeeeee",
    "grid": "#e6e6e6",
    "no_data": "#d9d9d9",
    "rule": "#bbbbbb",
    "subtitle": "#444444",
}
MUTED = OKABE_ITO["grey"]
TARGET_COLOUR = OKABE_ITO["vermillion"]


def theme() -> dict:
    """The one look of every chart in the book."""
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 520, "continuousHeight": 280},
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": GREYS["subtitle"]},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "grid": True,
                "gridColor": GREYS["grid"],
                "labelLimit": 260,
            },
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "bottom",
                "labelLimit": 480,
            },
            "header": {"labelFontSize": 13, "titleFontSize": 13},
            "range": {"category": PALETTE, "ramp": SEQUENTIAL, "heatmap": SEQUENTIAL},
        }
    }


alt.theme.register("carbon", enable=True)(theme)


def _safe_json(spec: dict) -> str:
    """JSON that cannot end the <script> it sits in, whatever text the data carries."""
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_html(chart: alt.TopLevelMixin, description: str) -> str:
    """The HTML that draws a chart with the site's own vegaEmbed."""
    spec = {k: v for k, v in chart.to_dict().items() if k != "$schema"}
    spec["description"] = description
    spec_json = _safe_json(spec)
    chart_id = "chart-" + hashlib.sha256(spec_json.encode()).hexdigest()[:12]
    return (
        f'<div id="{chart_id}" class="carbon-chart"></div>\n'
        f"<script>carbonChart('{chart_id}', {spec_json});</script>"
    )


@dataclass(frozen=True)
class Figure:
    """A chart with its reading: what a reader should take from it, in both languages.

    A figure without a chart says why there is nothing to draw, in the reading's place.
    """

    chart: alt.TopLevelMixin | None
    reading_zh: str
    reading_en: str

    def _repr_html_(self) -> str:
        reading = (
            f'<span lang="zh-CN">{html.escape(self.reading_zh)}</span> '
            f'<span lang="en">{html.escape(self.reading_en)}</span>'
        )
        if self.chart is None:
            return f'<p class="carbon-empty">{reading}</p>'
        body = chart_html(self.chart, f"{self.reading_zh} {self.reading_en}")
        return (
            f'<figure class="carbon-figure">{body}'
            f'<figcaption class="carbon-reading">{reading}</figcaption></figure>'
        )


def nothing_to_draw(zh: str = "", en: str = "") -> Figure:
    """The figure for a chart with no published data to draw, saying what is missing."""
    return Figure(
        None,
        f"无可绘制的公开数据{('：' + zh) if zh else '。'}",
        f"Nothing to draw: no published data{(' ' + en) if en else '.'}",
    )


@dataclass(frozen=True)
class Grid:
    """Several figures side by side, wrapping to one a row on a phone."""

    figures: list[Figure]

    def _repr_html_(self) -> str:
        cells = "".join(f'<div class="carbon-cell">{f._repr_html_()}</div>' for f in self.figures)
        return f'<div class="carbon-grid">{cells}</div>'


def chart_title(zh: str, en: str, sub_zh: str, sub_en: str) -> alt.Title:
    """A chart's title in both languages, and its subtitle as two lines, one per language, so
    that neither is cut off on a narrow chart."""
    return alt.Title(bilingual(zh, en), subtitle=[sub_zh, sub_en])


# Rows whose name is written above them, not on an axis beside them.
ROW_STEP = 40
ROW_LABEL_WIDTH = 330


def names_above(chart: alt.Chart, field: str) -> alt.Chart:
    """Each row's name written just above its marks, from the left edge. Long bilingual names
    then keep the chart narrow enough to read on a phone, where an axis of names beside the
    marks would take half the width."""
    return chart.mark_text(
        align="left", baseline="bottom", dy=-9, fontSize=11, limit=ROW_LABEL_WIDTH
    ).encode(x=alt.value(0), text=f"{field}:N")


def tooltips(*fields: tuple[str, str, str] | str) -> list[alt.Tooltip]:
    """Bilingual tooltips from (field, Chinese, English) triples, or from a bare field
    ("plan:N", "sum(targets):Q") titled with its column's heading in the charts' lower case
    (labels.field_title), so that a column a table also shows is named in the same words."""
    return [
        alt.Tooltip(field, title=field_title(alt.utils.parse_shorthand(field)["field"]))
        if isinstance(field, str)
        else alt.Tooltip(field[0], title=bilingual(*field[1:]))
        for field in fields
    ]
