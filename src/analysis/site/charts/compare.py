"""Charts of the compare chapter: the district's targets against the city's, and the nation's
headline targets against what the city and the district set for the same year.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.analyses import compare
from analysis.site.charts.plan_colours import plan_colour
from analysis.site.figure import (
    GREYS,
    PALETTE,
    ROW_LABEL_WIDTH,
    ROW_STEP,
    Figure,
    chart_title,
    names_above,
    nothing_to_draw,
    tooltips,
)
from analysis.site.labels import LEVEL_STANCES, STANCE_NAMES, bilingual, joined, joined_column


def dots_on_lines(
    rows: pd.DataFrame,
    row: str,
    value: str,
    axis_title: str,
    labels: dict[str, str],
    named_once: alt.Predicate | str,
    hover: list[alt.Tooltip],
) -> alt.LayerChart:
    """One line per row from its lowest to its highest value, a dot per plan coloured by its
    role, and the row's name written above it once (where `named_once` holds)."""
    base = alt.Chart(rows).encode(y=alt.Y(f"{row}:N", title=None, sort=None, axis=None))
    return alt.layer(
        base.mark_rule(color=GREYS["rule"], strokeWidth=3).encode(
            x=alt.X(f"min({value}):Q", title=axis_title, scale=alt.Scale(zero=False, padding=12)),
            x2=f"max({value}):Q",
        ),
        base.mark_circle(size=150, opacity=0.9).encode(
            x=f"{value}:Q", color=plan_colour(labels), tooltip=hover
        ),
        names_above(base.transform_filter(named_once), row),
    ).properties(width=ROW_LABEL_WIDTH, height=alt.Step(ROW_STEP))


def level_dumbbell(pairs: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """The rates and grades both plans set: a dot per plan on one line per target, so a gap
    shows where the district asks more or less than the city."""
    if pairs.empty:
        return nothing_to_draw("两份方案没有共同的比例目标", "the plans share no rate target.")
    parent, district = labels.values()
    wide = pairs.assign(
        target=[
            f"{y} · {joined(z, e)}"
            for z, e, y in zip(
                pairs.indicator_zh, pairs.indicator_en, pairs.target_year, strict=True
            )
        ],
        stance_label=pairs.stance.map(lambda s: bilingual(*STANCE_NAMES[s])),
    )
    long = pd.concat(
        [
            wide.assign(plan=parent, level=wide.parent_value),
            wide.assign(plan=district, level=wide.value),
        ],
        ignore_index=True,
    )
    hover = tooltips(
        "plan:N",
        "target:N",
        ("level:Q", "目标值", "level"),
        ("stance_label:N", "区级相对市级", "district against city"),
    )
    views = [
        dots_on_lines(
            rows,
            "target",
            "level",
            bilingual("目标值", "target") + f" {unit}",
            labels,
            alt.datum.plan == parent,
            hover,
        )
        for unit, rows in long.groupby("unit", sort=False)
    ]
    chart = (
        alt.vconcat(*views)
        .resolve_scale(color="shared")
        .properties(
            title=chart_title(
                "同一比例目标：市级与区级",
                "The same rate target: city and district",
                "两点重合表示目标相同",
                "one dot hiding the other: the same level",
            )
        )
    )
    n = pairs.stance.value_counts()
    stricter = wide[wide.stance == compare.STRICTER]
    detail_zh = "".join(
        f"；{r.indicator_zh} {r.target_year} 年区级 {r.value:g}{r.unit}，"
        f"市级 {r.parent_value:g}{r.unit}"
        for r in stricter.itertuples()
    )
    detail_en = "".join(
        f"; {r.indicator_en} {r.target_year}: district {r.value:g}{r.unit}, city "
        f"{r.parent_value:g}{r.unit}"
        for r in stricter.itertuples()
    )
    return Figure(
        chart,
        f"两份方案都定了数值的 {len(pairs)} 项比例目标中，"
        f"区级与市级相同 {n.get(compare.SAME, 0)} 项，"
        f"更严 {n.get(compare.STRICTER, 0)} 项，更宽 {n.get(compare.LOOSER, 0)} 项{detail_zh}。",
        f"Of the {len(pairs)} rate targets both plans set, the district matches the city on "
        f"{n.get(compare.SAME, 0)}, asks more on {n.get(compare.STRICTER, 0)} and less on "
        f"{n.get(compare.LOOSER, 0)}{detail_en}.",
    )


def district_shares(amounts: pd.DataFrame, context: pd.DataFrame, district: str) -> Figure:
    """The district's share of each city amount next to its share of people, output and land."""
    people = context.dropna(subset=["share"])
    if amounts.empty:
        return nothing_to_draw("两份方案没有可比的数量目标", "the plans share no amount.")
    target_kind, context_kind = "目标 target amount", "背景 context"
    bars = pd.concat(
        [
            amounts.assign(what=joined_column(amounts, "district_indicator"), kind=target_kind)[
                ["what", "share", "kind"]
            ],
            people.assign(what=lambda f: joined_column(f, "what"), kind=context_kind)[
                ["what", "share", "kind"]
            ],
        ],
        ignore_index=True,
    )
    base = alt.Chart(bars).encode(y=alt.Y("what:N", sort=None, title=None, axis=None))
    chart = alt.layer(
        base.mark_bar(size=14).encode(
            x=alt.X("share:Q", title=bilingual("占全市比例 %", "share of the city, %")),
            color=alt.Color(
                "kind:N",
                title=bilingual("类别", "kind"),
                scale=alt.Scale(domain=[target_kind, context_kind], range=PALETTE[1:3]),
            ),
            tooltip=tooltips(
                "what:N",
                ("share:Q", "占比 %", "share %"),
                ("kind:N", "类别", "kind"),
            ),
        ),
        names_above(base, "what"),
    ).properties(
        width=ROW_LABEL_WIDTH,
        height=alt.Step(ROW_STEP),
        title=chart_title(
            "区级目标占市级目标的比例",
            "District targets as a share of the city's",
            "来源：两份方案；背景数据见“数据与来源”",
            "sources: the two plans; context figures as in Data and sources",
        ),
    )
    low, high = amounts.share.min(), amounts.share.max()
    if people.empty:
        context_zh = context_en = ""
    else:
        first = people.iloc[0]
        context_zh = f"；作为对照，{first.what_zh}占 {first.share:g}%"
        context_en = f"; for comparison, its {first.what_en} is {first.share:g}% of the city's"
    return Figure(
        chart,
        f"{district}的数量目标占市级目标的 {low:g}%–{high:g}%{context_zh}。",
        f"{district}'s amounts are {low:g}–{high:g}% of the city's{context_en}.",
    )


def level_chain(levels: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """The nation's headline targets and what the city and the district set for the same year
    (`labels` names the plans from the top down):
    a dot per level that sets a number, on one line per target; the levels that set none are
    in the table and the reading."""
    if levels.empty:
        return nothing_to_draw("没有上一级方案", "no plan above the city's.")
    # the city and the district keep their colours of every other chart; the nation comes third
    ids = list(labels)
    labels = {plan_id: labels[plan_id] for plan_id in [*ids[-2:], *ids[:-2]]}
    frame = levels.assign(
        plan=levels.plan_id.map(labels),
        headline=[
            f"{y} · {joined(z, e)}"
            for z, e, y in zip(
                levels.headline_zh, levels.headline_en, levels.target_year, strict=True
            )
        ],
        indicator=[
            joined(z, e) for z, e in zip(levels.indicator_zh, levels.indicator_en, strict=True)
        ],
        stance_label=levels.stance.map(lambda s: bilingual(*LEVEL_STANCES[s]).strip()),
    )
    chart = dots_on_lines(
        frame[frame.value.notna()],
        "headline",
        "value",
        bilingual("目标值 %", "target, %"),
        labels,
        alt.datum.level == 0,
        tooltips(
            "plan:N",
            "indicator:N",
            ("value:Q", "目标值", "target"),
            ("stance_label:N", "相对上一级", "against the level above"),
        ),
    ).properties(
        title=chart_title(
            "国家、市、区三级目标",
            "Nation, city and district",
            "每行一项国家目标；点为设定数值的各级方案",
            "a line per national target; a dot per level that sets a number",
        ),
    )
    below = frame[frame.level > 0]
    n = below.stance.value_counts()
    heads = int((levels.level == 0).sum())
    stricter = below[below.stance == compare.STRICTER]
    detail_zh = "".join(
        f"；{r.plan}的{r.indicator_zh}（{r.target_year}）{r.value:g}%"
        for r in stricter.itertuples()
    )
    detail_en = "".join(
        f"; {r.plan}: {r.indicator_en} ({r.target_year}) {r.value:g}%"
        for r in stricter.itertuples()
    )
    return Figure(
        chart,
        f"在国家的 {heads} 项头条目标上，下级方案更严 {n.get(compare.STRICTER, 0)} 处、"
        f"相同 {n.get(compare.SAME, 0)} 处、完成上级下达目标 {n.get(compare.DEFERS, 0)} 处、"
        f"口径不同 {n.get(compare.OTHER_MEASURE, 0)} 处{detail_zh}。",
        f"Against the nation's {heads} headline targets, the levels below "
        f"ask more in {n.get(compare.STRICTER, 0)} places, the same in {n.get(compare.SAME, 0)}, "
        f"defer to the assigned target in {n.get(compare.DEFERS, 0)} and use a different measure "
        f"in {n.get(compare.OTHER_MEASURE, 0)}{detail_en}.",
    )
