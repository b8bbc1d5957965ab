"""The two plans side by side: what they are and how their texts are organised."""

from __future__ import annotations

import altair as alt
import duckdb
import pandas as pd

from analysis.charts import bilingual, plan_colour, tooltips


def plan_metadata(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> pd.DataFrame:
    """One row per plan: titles, issuer, document number, date, parent, length of the text."""
    return con.execute(
        """
        SELECT p.plan_id, p.title_zh, p.title_en, p.issuer,
               coalesce(p.document_number, '') AS document_number, p.issued_on,
               coalesce(p.parent_plan_id, '') AS parent_plan_id,
               t.text_length AS characters,
               (SELECT count(*) FROM sections s WHERE s.plan_id = p.plan_id) AS headings
        FROM plans p JOIN plan_texts t USING (plan_id)
        WHERE p.plan_id IN (SELECT unnest(?))
        ORDER BY p.issued_on
        """,
        [plan_ids],
    ).df()


def chapter_structure(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> pd.DataFrame:
    """Per chapter of each plan: its title, how many sections and items it has, its length."""
    return con.execute(
        """
        SELECT c.plan_id, c.position, c.label AS chapter, c.title, c.text_length AS characters,
               count(s.clause) FILTER (WHERE s.level = 2) AS sections,
               count(s.clause) FILTER (WHERE s.level = 3) AS items
        FROM sections c
        LEFT JOIN sections s
          ON s.plan_id = c.plan_id AND s.chapter = c.label AND s.level > 1
        WHERE c.level = 1 AND c.plan_id IN (SELECT unnest(?))
        GROUP BY ALL
        ORDER BY c.plan_id, c.position
        """,
        [plan_ids],
    ).df()


def chapter_length_chart(chapters: pd.DataFrame, titles: dict[str, str]) -> alt.Chart:
    """How each plan spends its words: characters per chapter, in the order printed."""
    frame = chapters.assign(
        plan=chapters.plan_id.map(titles),
        chapter_title=chapters.chapter + "、" + chapters.title,
    )
    plans = list(dict.fromkeys(frame.plan_id))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("chapter_title:N", sort=None, title=None),
            x=alt.X("characters:Q", title=bilingual("字数", "characters")),
            color=plan_colour(titles, plans),
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
