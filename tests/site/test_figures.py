"""Every chart of the book, built from the real warehouse: bilingual, in the one palette, with a
reading that becomes its text alternative, and escaped whatever the data says."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from analysis.analyses import compare, data, emissions, plans, progress, targets
from analysis.analyses import responsibilities as agencies
from analysis.site import figure, labels
from analysis.site.charts import compare as compare_charts
from analysis.site.charts import data as data_charts
from analysis.site.charts import emissions as emission_charts
from analysis.site.charts import plans as plan_charts
from analysis.site.charts import progress as progress_charts
from analysis.site.charts import quality as quality_charts
from analysis.site.charts import responsibilities as agency_charts
from analysis.site.charts import sectors as sector_charts
from analysis.site.charts import statuses
from analysis.site.charts import targets as target_charts

PARENT, DISTRICT = "beijing-2022", "changping-2023"
AS_OF = 2025
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


@pytest.fixture(scope="module")
def figures(warehouse) -> dict[str, figure.Figure]:
    """Every figure the notebooks draw, by name."""
    con = warehouse
    ids = [PARENT, DISTRICT]
    names = labels.plan_labels(con, ids)
    geos = plans.geos(con)
    city, district = geos[PARENT], geos[DISTRICT]
    cards = {p: progress.scorecard(con, p, AS_OF) for p in ids}
    longest = emissions.longest_dataset(con, city)
    history = emissions.series(con, city)
    per_table = pd.DataFrame(
        {
            "table_name": ["targets", "statistics"],
            "rules": [30, 40],
            "rows_checked": [900, 4000],
            "failed": [0, 0],
        }
    )
    found = {
        "emissions": emission_charts.emissions_history(
            history,
            emissions.verdict(con, city, longest),
            emissions.dataset_title(con, longest),
            emissions.plan_years(con, ids),
        ),
        "per_unit": emission_charts.per_unit(emissions.intensities(con, city, longest)),
        "district_share": emission_charts.district_share(
            emissions.district_shares(
                con, city, district, emissions.longest_dataset(con, district)
            ),
            "昌平区",
            "Changping",
        ),
        "decomposition": emission_charts.decomposition(
            *emissions.decomposition(con, city, longest)
        ),
        "scorecard": progress_charts.scorecard(cards, names),
        "status": sector_charts.status_bars(cards, names),
        "sector": sector_charts.status_bars(cards, names, "energy"),
        "chapters": plan_charts.chapter_lengths(plans.chapter_structure(con, ids), names),
        "targets": target_charts.target_counts(targets.count_targets(con, ids), names),
        "dumbbell": compare_charts.level_dumbbell(compare.level_pairs(con, DISTRICT), names),
        "shares": compare_charts.district_shares(
            compare.amount_shares(con, DISTRICT),
            compare.context_shares(con, district, city),
            names[DISTRICT],
        ),
        "agencies": agency_charts.agency_matrix(agencies.agency_sector_matrix(con, ids), names),
        "coverage": data_charts.coverage(data.coverage(con, city, AS_OF), "北京市", "Beijing"),
        "checks": quality_charts.checks(per_table),
    }
    panels = progress.indicator_panels(con, cards)
    grid = progress_charts.progress_panels(panels, labels.place_labels(con))
    found.update({f"panel {i}": f for i, f in enumerate(grid.figures)})
    return found


def _strings(spec, key: str) -> list[str]:
    """Every string under `key` anywhere in a spec but its data (titles may be a list of
    lines)."""
    found = []
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k == "datasets":
                continue
            if k == key and isinstance(v, str):
                found.append(v)
            elif k == key and isinstance(v, dict) and isinstance(v.get("text"), (str, list)):
                text = v["text"]
                found.append(" ".join(text) if isinstance(text, list) else text)
            elif k == key and isinstance(v, list) and all(isinstance(x, str) for x in v):
                found.append(" ".join(v))
            else:
                found += _strings(v, key)
    elif isinstance(spec, list):
        for item in spec:
            found += _strings(item, key)
    return found


def test_every_figure_has_a_chart_and_a_reading_in_both_languages(figures):
    for name, fig in figures.items():
        assert fig.chart is not None, name
        assert CJK.search(fig.reading_zh) and LATIN.search(fig.reading_en), name


def test_every_title_axis_and_legend_is_bilingual(figures):
    for name, fig in figures.items():
        spec = fig.chart.to_dict()
        titles = [t for t in _strings(spec, "title") if t.strip()]
        assert titles, name
        for title in titles:
            assert CJK.search(title) and LATIN.search(title), (name, title)


def test_every_colour_comes_from_the_one_palette(figures):
    allowed = {c.lower() for c in [*figure.PALETTE, *figure.SEQUENTIAL, *figure.GREYS.values()]}
    allowed |= {c.lower() for c in figure.OKABE_ITO.values()}
    theme = json.dumps(figure.theme())
    for name, fig in [*figures.items(), ("theme", None)]:
        text = theme if fig is None else json.dumps(fig.chart.to_dict())
        colours = {c.lower() for c in HEX.findall(text)}
        assert colours <= allowed, (name, colours - allowed)


def test_status_colours_are_distinct_and_named_for_every_scored_status():
    assert set(statuses.STATUS_COLOURS) == set(progress.STATUSES) - {progress.NOT_SCORED}
    assert len(set(statuses.STATUS_COLOURS.values())) == len(statuses.STATUS_COLOURS)


def test_the_reading_is_the_charts_text_alternative_and_is_escaped():
    chart = alt.Chart(pd.DataFrame({"x": [1], "label": ["</script><script>alert(1)</script>"]}))
    fig = figure.Figure(
        chart.mark_point().encode(x="x:Q", tooltip="label:N"), "读<b>数</b>", "a & b"
    )
    html = fig._repr_html_()
    assert "</script><script>alert" not in html
    assert "\\u003c/script\\u003e" in html
    assert "读&lt;b&gt;数&lt;/b&gt;" in html and "a &amp; b" in html
    spec = re.search(r"carbonChart\('chart-[0-9a-f]+', (.*)\);</script>", html).group(1)
    assert json.loads(spec)["description"] == "读<b>数</b> a & b"


def test_a_tooltip_names_a_column_in_its_heading_as_the_charts_write_it():
    assert labels.heading("plan") == "方案 Plan"
    assert labels.field_title("plan") == "方案 plan"
    assert labels.field_title("rows_checked") == "检查行次 row checks"
    # an acronym keeps its capitals
    assert labels.field_title("co2") == "排放 万吨 CO2, 10,000 t"
    assert labels.field_title("url") == "网址 URL"
    # an aggregated field is titled by the column it aggregates
    (tip,) = figure.tooltips("sum(targets):Q")
    assert tip.to_dict() == {
        "aggregate": "sum",
        "field": "targets",
        "type": "quantitative",
        "title": "目标数 targets",
    }


def test_nothing_to_draw_says_so_without_a_chart():
    html = figure.nothing_to_draw("排放总量", "on total emissions.")._repr_html_()
    assert "carbon-chart" not in html
    assert (
        "无可绘制的公开数据：排放总量" in html and "no published data on total emissions." in html
    )


def test_the_scorecard_has_one_mark_per_scored_target_with_its_words(warehouse):
    ids = [PARENT, DISTRICT]
    cards = {p: progress.scorecard(warehouse, p, AS_OF) for p in ids}
    marks = statuses.scored_targets(cards, labels.plan_labels(warehouse, ids))
    scored = sum(int((c.status != progress.NOT_SCORED).sum()) for c in cards.values())
    assert len(marks) == scored
    for (_, _), group in marks.groupby(["plan", "sector"]):
        assert sorted(group.slot) == list(range(len(group)))
    assert (marks.quote.str.len() <= statuses.QUOTE_CHARACTERS).all()
    for column in ("plan", "sector_label", "status_label"):
        assert marks[column].map(lambda v: bool(CJK.search(v) and LATIN.search(v))).all()
    no_data = marks[marks.status == progress.NO_DATA]
    assert (no_data.latest == "— 无公开数值 none published").all()
    assert (marks[marks.status == progress.ACHIEVED].source != "—").all()


def _marks(chart) -> list[str]:
    spec = chart.to_dict()
    return [
        layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        for layer in spec["layer"]
    ]


def _panel(history: pd.DataFrame, status: str) -> progress.Panel:
    target = {
        "target_id": "t",
        "target_year": 2025,
        "value": 50.0,
        "value_high": None,
        "comparator": ">=",
        "unit": "%",
        "base_year": None,
        "status": status,
        "path_start_year": 2020,
        "path_start": 40.0,
        "projected": 52.0,
        "latest_year": int(history.year.max()),
        "latest_value": float(history.value.iloc[-1]),
    }
    return progress.Panel(
        "testqu",
        "森林覆盖率",
        "Forest coverage",
        "%",
        history.assign(publisher="p"),
        pd.DataFrame([target]),
    )


def test_a_lone_published_value_is_written_not_drawn_as_a_dot():
    fig = progress_charts.progress_panel(
        _panel(pd.DataFrame({"year": [2024], "value": [47.0]}), progress.TOO_EARLY),
        (2020, 2025),
        "测试区 · Testqu",
    )
    assert _marks(fig.chart)[0] == "text"
    assert (
        "只有 2024 年一个公开数值" in fig.reading_zh and "Only 2024 is published" in fig.reading_en
    )


def test_a_panel_shows_the_path_the_target_and_where_the_pace_lands():
    history = pd.DataFrame({"year": [2020, 2023], "value": [40.0, 47.0]})
    fig = progress_charts.progress_panel(_panel(history, progress.ON_TRACK), (2020, 2025), "x")
    assert _marks(fig.chart) == ["line", "line", "line", "point"]
    assert "按现速度 2025 年约为 52" in fig.reading_zh
    achieved = progress_charts.progress_panel(_panel(history, progress.ACHIEVED), (2020, 2025), "x")
    assert _marks(achieved.chart) == ["line", "line", "point"]  # no pace once it is met
    assert "pace" not in achieved.reading_en


def test_panels_share_one_year_axis(figures):
    domains = {
        json.dumps(layer["encoding"]["x"]["scale"]["domain"])
        for name, fig in figures.items()
        if name.startswith("panel")
        for layer in fig.chart.to_dict()["layer"][:1]
    }
    assert len(domains) == 1
