"""Charts of what the plans promise and where the data stands: the plans' structure, targets per
sector, the district against its city, the agencies, the coverage of the record and the checks.

Every builder returns a Figure (site.figure): the chart with a one-sentence reading computed
from the same data, in both languages.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from analysis.analyses import compare
from analysis.analyses.data import MISSING
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
from analysis.site.labels import (
    LEVEL_STANCES,
    STANCE_NAMES,
    TARGET_KINDS,
    bilingual,
    joined,
    joined_column,
    sector_name,
)


def plan_colour(labels: dict[str, str]) -> alt.Color:
    """The same colour for a role on every chart: the parent plan (given first) blue, the
    district plan orange, whatever the plans are."""
    return alt.Color(
        "plan:N",
        title=bilingual("方案", "plan"),
        scale=alt.Scale(domain=list(labels.values()), range=PALETTE[: len(labels)]),
    )


def chapter_lengths(chapters: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """How each plan spends its words: characters per chapter, in the order printed."""
    frame = chapters.assign(
        plan=chapters.plan_id.map(labels),
        chapter_title=chapters.chapter + "、" + chapters.title,
    )
    views = []
    for plan_id, label in labels.items():
        base = alt.Chart(frame[frame.plan_id == plan_id]).encode(
            y=alt.Y("chapter_title:N", sort=None, title=None, axis=None)
        )
        bars = base.mark_bar(size=14).encode(
            x=alt.X("characters:Q", title=bilingual("字数", "characters")),
            color=plan_colour(labels),
            tooltip=tooltips(
                ("plan:N", "方案", "plan"),
                ("chapter_title:N", "章", "chapter"),
                ("characters:Q", "字数", "characters"),
                ("sections:Q", "节", "sections"),
            ),
        )
        views.append(
            alt.layer(bars, names_above(base, "chapter_title")).properties(
                width=ROW_LABEL_WIDTH,
                height=alt.Step(ROW_STEP),
                title=alt.Title(label, fontSize=13),
            )
        )
    chart = (
        alt.vconcat(*views)
        .resolve_scale(x="shared")
        .properties(
            title=chart_title(
                "各章篇幅",
                "Length of each chapter",
                "清洗后正文字数",
                "characters of the cleaned text",
            ),
        )
    )
    longest = frame.loc[frame.groupby("plan_id").characters.idxmax()]
    zh = "；".join(
        f"{r.plan}篇幅最长的是“{r.chapter_title}”（{r.characters:,} 字）"
        for r in longest.itertuples()
    )
    en = "; ".join(
        f"{r.plan}: the longest chapter is {r.chapter} ({r.characters:,} characters)"
        for r in longest.itertuples()
    )
    return Figure(chart, zh + "。", en + ".")


def target_counts(counts: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """Targets per sector, one bar per plan, split into quantified and qualitative."""
    kinds = [bilingual(*TARGET_KINDS[k]) for k in ("quantified", "qualitative")]
    frame = counts.assign(
        plan=counts.plan_id.map(labels),
        sector=counts.sector.map(sector_name),
        kind=counts.target_kind.map(lambda k: bilingual(*TARGET_KINDS[k])),
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("sector:N", title=bilingual("领域", "sector")),
            yOffset=alt.YOffset("plan:N", sort=list(labels.values())),
            x=alt.X("sum(targets):Q", title=bilingual("目标数", "number of targets")),
            color=plan_colour(labels),
            opacity=alt.Opacity(
                "kind:O",
                title=bilingual("类型", "kind"),
                sort=kinds,
                scale=alt.Scale(domain=kinds, range=[1, 0.45]),
            ),
            tooltip=tooltips(
                ("plan:N", "方案", "plan"),
                ("sector:N", "领域", "sector"),
                ("kind:N", "类型", "kind"),
                ("sum(targets):Q", "目标数", "targets"),
            ),
        )
        .properties(
            width=420,
            title=chart_title(
                "各领域目标数",
                "Targets per sector",
                "来源：两份方案原文",
                "source: the two plan texts",
            ),
        )
    )
    per_sector = counts.groupby("sector").targets.sum().sort_values(ascending=False)
    top = per_sector.index[0]
    zh_top, en_top = sector_name(top).split(" ", 1)
    quantified = int(counts[counts.target_kind == "quantified"].targets.sum())
    total = int(counts.targets.sum())
    return Figure(
        chart,
        f"两份方案共 {total} 项目标，其中 {quantified} 项给出数值；目标最多的领域是{zh_top}"
        f"（{per_sector.iloc[0]} 项）。",
        f"The plans set {total} targets, {quantified} of them with a number; {en_top} has the "
        f"most ({per_sector.iloc[0]}).",
    )


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
        ("plan:N", "方案", "plan"),
        ("target:N", "目标", "target"),
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
                ("what:N", "项目", "item"),
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


def agency_matrix(matrix: pd.DataFrame, labels: dict[str, str], top: int = 20) -> Figure:
    """A heat map per plan of the agencies with most targets, by sector."""
    totals = matrix.groupby(["plan_id", "agency"]).targets.sum().reset_index()
    keep = (
        totals.sort_values(["targets", "agency"], ascending=[False, True])
        .groupby("plan_id")
        .head(top)
    )
    frame = matrix.merge(keep[["plan_id", "agency"]]).assign(
        plan=lambda f: f.plan_id.map(labels), sector=lambda f: f.sector.map(sector_name)
    )
    chart = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X(
                "sector:N",
                title=bilingual("领域", "sector"),
                axis=alt.Axis(labelAngle=-40, labelLimit=160),
            ),
            y=alt.Y("agency:N", sort="-color", title=None),
            color=alt.Color("targets:Q", title=bilingual("目标数", "targets")),
            column=alt.Column("plan:N", title=None, sort=list(labels.values())),
            tooltip=tooltips(
                ("plan:N", "方案", "plan"),
                ("agency:N", "单位", "agency"),
                ("agency_en:N", "英文名称", "English name"),
                ("sector:N", "领域", "sector"),
                ("targets:Q", "目标数", "targets"),
            ),
        )
        .resolve_scale(y="independent")
        .properties(
            width=alt.Step(24),
            title=chart_title(
                "责任单位与领域",
                "Agencies by sector",
                "来源：方案各条款末尾的责任单位",
                "source: the agency notes closing each clause",
            ),
        )
    )
    leaders = keep.drop_duplicates("plan_id").assign(plan=lambda f: f.plan_id.map(labels))
    zh = "；".join(
        f"{r.plan}承担目标最多的单位是{r.agency}（{r.targets} 项）" for r in leaders.itertuples()
    )
    en = "; ".join(
        f"{r.plan}: {r.agency} carries most targets ({r.targets})" for r in leaders.itertuples()
    )
    return Figure(chart, zh + "。", en + ".")


def coverage(table: pd.DataFrame, place_zh: str, place_en: str) -> Figure:
    """Which years of each tracked indicator have a published value: the record at a glance."""
    years = [c for c in table.columns if c.isdigit()]
    published, missing = "有公开数值 published", "无 missing"
    # one row per indicator, folded into years in the browser: a page weighs a twentieth
    frame = table.assign(indicator=joined_column(table, "indicator"))[["indicator", "unit", *years]]
    chart = (
        alt.Chart(frame)
        .transform_fold(years, as_=["year", "value"])
        .transform_calculate(
            published=f"datum.value === {json.dumps(MISSING)} ? {json.dumps(missing)} : "
            f"{json.dumps(published)}"
        )
        .mark_rect(stroke=GREYS["white"], strokeWidth=1)
        .encode(
            x=alt.X("year:O", title=bilingual("年份", "year"), axis=alt.Axis(labelAngle=-90)),
            y=alt.Y("indicator:N", title=None, sort=None, axis=alt.Axis(labelLimit=300)),
            color=alt.Color(
                "published:N",
                title=bilingual("数据", "data"),
                scale=alt.Scale(domain=[published, missing], range=[PALETTE[0], GREYS["empty"]]),
            ),
            tooltip=tooltips(
                ("indicator:N", "指标", "indicator"),
                ("year:O", "年份", "year"),
                ("value:N", "数值", "value"),
                ("unit:N", "单位", "unit"),
            ),
        )
        .properties(
            width=alt.Step(16),
            height=alt.Step(14),
            title=chart_title(
                f"{place_zh}：各指标有数据的年份",
                f"{place_en}: the years with data",
                "深色为有公开数值",
                "dark: a published value",
            ),
        )
    )
    covered = int((table.years_covered > 0).sum())
    return Figure(
        chart,
        f"{place_zh}跟踪的 {len(table)} 个指标中，{covered} 个在 {years[0]}–{years[-1]} 年间"
        f"至少有一个公开数值，{len(table) - covered} 个一个也没有。",
        f"Of the {len(table)} indicators tracked for {place_en}, {covered} have at least one "
        f"published value in {years[0]}–{years[-1]} and {len(table) - covered} have none.",
    )


def checks(per_table: pd.DataFrame) -> Figure:
    """How many rules each table was checked against in this build, and whether any failed."""
    frame = per_table.assign(
        result=per_table.failed.map(
            lambda f: "全部通过 all passed" if f == 0 else "有未通过 failures"
        )
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("table_name:N", title=bilingual("表", "table"), sort="-x"),
            x=alt.X("rules:Q", title=bilingual("规则数", "rules")),
            color=alt.Color(
                "result:N",
                title=bilingual("结果", "result"),
                scale=alt.Scale(
                    domain=["全部通过 all passed", "有未通过 failures"],
                    range=[PALETTE[2], PALETTE[3]],
                ),
            ),
            tooltip=tooltips(
                ("table_name:N", "表", "table"),
                ("rules:Q", "规则数", "rules"),
                ("rows_checked:Q", "检查行次", "row checks"),
                ("failed:Q", "未通过", "failed"),
            ),
        )
        .properties(
            width=380,
            height=alt.Step(22),
            title=chart_title(
                "本次构建的数据检查",
                "The checks of this build",
                "每张表运行的规则数",
                "rules run on each table",
            ),
        )
    )
    failed = int((per_table.failed > 0).sum())
    verdict_zh = "全部通过" if failed == 0 else f"{failed} 张表有未通过的规则"
    verdict_en = "all passed" if failed == 0 else f"{failed} tables have failures"
    return Figure(
        chart,
        f"本次构建对 {len(per_table)} 张表运行了 {int(per_table.rules.sum())} 条规则、"
        f"{int(per_table.rows_checked.sum()):,} 行次检查，{verdict_zh}。",
        f"This build ran {int(per_table.rules.sum())} rules on {len(per_table)} tables, "
        f"{int(per_table.rows_checked.sum()):,} row checks: {verdict_en}.",
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
            ("plan:N", "方案", "plan"),
            ("indicator:N", "指标", "indicator"),
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
