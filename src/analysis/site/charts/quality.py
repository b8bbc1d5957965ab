"""Charts of the quality chapter: the rules this build checked each table against, and whether
any failed."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.site.figure import PALETTE, Figure, chart_title, tooltips
from analysis.site.labels import bilingual


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
            tooltip=tooltips("table_name:N", "rules:Q", "rows_checked:Q", "failed:Q"),
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
