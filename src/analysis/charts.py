"""Altair charts that render offline: one theme, bilingual labels, Vega from the site itself.

Altair's default renderer fetches Vega from a CDN, which shows nothing to an offline reader.
Charts are emitted instead as a <div> and a vegaEmbed call; the site serves the Vega bundle from
its own _static folder (see book_site.write_vega_bundle).
"""

from __future__ import annotations

import hashlib
import json

import altair as alt

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, sans-serif"
PALETTE = ["#1b6ca8", "#e07b39", "#3a9d5d", "#8c5fb0", "#c94c4c", "#6b7b8c"]
PLAN_COLOURS = {"beijing-2022": PALETTE[0], "changping-2023": PALETTE[1]}


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


def bilingual(zh: str, en: str) -> str:
    """A label in both languages, Chinese first, as the book's readers read both."""
    return f"{zh} {en}"


def tooltips(*fields: tuple[str, str, str]) -> list[alt.Tooltip]:
    """Bilingual tooltips from (field, Chinese, English) triples."""
    return [alt.Tooltip(field, title=bilingual(zh, en)) for field, zh, en in fields]


def plan_colour(titles: dict[str, str], plan_ids: list[str]) -> alt.Color:
    """The same colour for a plan on every chart: the city blue, the district orange."""
    return alt.Color(
        "plan:N",
        title=bilingual("方案", "plan"),
        scale=alt.Scale(
            domain=[titles[p] for p in plan_ids],
            range=[PLAN_COLOURS.get(p, PALETTE[-1]) for p in plan_ids],
        ),
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
        return chart_html(self.chart)


def show(chart: alt.TopLevelMixin) -> Chart:
    return Chart(chart)
