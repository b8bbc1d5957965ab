"""The compare chapter: the district against its city. Same metrics, related metrics, what only
one plan sets, and the district's share of the city's amounts against its share of people,
output and land."""

from __future__ import annotations

import duckdb
import pandas as pd

CONTEXT = {
    "resident_population": ("常住人口", "resident population"),
    "gdp": ("地区生产总值", "GDP"),
    "area": ("土地面积", "land area"),
}
# Units that are rates or grades: a district's share of them means nothing.
_NOT_AMOUNTS = {"%", "星级", "步", "种", "status"}
STRICTER, SAME, LOOSER = "stricter", "same", "looser"
# How a level's target stands against the level above it, besides stricter, same, looser.
DEFERS = "defers"  # no number: it commits to the target the level above assigns (下达目标)
IN_WORDS = "in words"  # a commitment without a number, and without deferring
OTHER_MEASURE = "other measure"  # a related but different indicator: not comparable
NO_TARGET = "no target"
_ASSIGNED = "下达"


def stance(comparator: str, direction: str, parent_value: float, value: float) -> str:
    """Whether the district's level asks more than the city's, as much, or less: more is more
    where higher is better, and a larger cut is more for a reduction."""
    lower_is_better = comparator == "<=" or (direction == "down" and comparator != "reduce_by")
    gap = (parent_value - value) if lower_is_better else (value - parent_value)
    return STRICTER if gap > 0 else SAME if gap == 0 else LOOSER


def level_pairs(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """The rates and grades both plans set a number for, same indicator and year: the
    district's level against its parent's, and whether it is stricter, the same or looser."""
    frame = con.execute(
        """
        SELECT i.name_zh AS indicator_zh, i.name_en AS indicator_en, i.direction,
               tp.target_year, tp.unit, tp.parent_comparator, tp.parent_value, tp.comparator,
               tp.value
        FROM target_pairs tp JOIN indicators i USING (indicator_id)
        WHERE tp.plan_id = ? AND tp.parent_value IS NOT NULL AND tp.value IS NOT NULL
          AND tp.parent_comparator <> 'qualitative' AND tp.comparator <> 'qualitative'
        ORDER BY tp.target_year, i.sector, tp.indicator_id, tp.target_id, tp.parent_target_id
        """,
        [plan_id],
    ).df()
    frame = frame[frame.unit.isin(_NOT_AMOUNTS)].reset_index(drop=True)
    frame["stance"] = [
        stance(r.comparator, r.direction, r.parent_value, r.value) for r in frame.itertuples()
    ]
    return frame


def related_targets(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """District targets whose indicator is related to (not the same as) a city target's."""
    frame = con.execute(
        """
        SELECT ci.name_zh AS city_indicator_zh, ci.name_en AS city_indicator_en,
               di.name_zh AS district_indicator_zh, di.name_en AS district_indicator_en,
               p.target_year, p.comparator AS parent_comparator, p.value AS parent_value,
               p.value_high AS parent_value_high, p.base_year AS parent_base_year,
               p.unit AS parent_unit, c.comparator, c.value, c.value_high, c.base_year, c.unit,
               l.reason
        FROM targets c
        JOIN plans pl ON pl.plan_id = c.plan_id
        JOIN indicator_links l
          ON l.relation = 'related'
         AND c.indicator_id IN (l.indicator_id, l.related_indicator_id)
        JOIN targets p
          ON p.plan_id = pl.parent_plan_id
         AND p.indicator_id IN (l.indicator_id, l.related_indicator_id)
         AND p.indicator_id <> c.indicator_id
         AND p.target_year IS NOT DISTINCT FROM c.target_year
        JOIN indicators ci ON ci.indicator_id = p.indicator_id
        JOIN indicators di ON di.indicator_id = c.indicator_id
        WHERE c.plan_id = ?
        ORDER BY p.target_year, city_indicator_zh, district_indicator_zh, p.target_id, c.target_id
        """,
        [plan_id],
    ).df()
    both_qualitative = (frame.parent_comparator == "qualitative") & (
        frame.comparator == "qualitative"
    )
    return frame[~both_qualitative].reset_index(drop=True)


def only_in(con: duckdb.DuckDBPyConnection, plan_id: str, other_plan_id: str) -> pd.DataFrame:
    """Targets of one plan whose indicator the other plan does not use at all."""
    frame = con.execute(
        """
        SELECT t.clause, i.name_zh AS indicator_zh, i.name_en AS indicator_en, i.sector,
               t.comparator, t.value, t.value_high, t.unit, t.base_year, t.target_year,
               t.scope_zh, t.scope_en, t.quote
        FROM targets t JOIN indicators i USING (indicator_id)
        WHERE t.plan_id = ?
          AND t.indicator_id NOT IN (SELECT indicator_id FROM targets WHERE plan_id = ?)
          AND t.indicator_id NOT IN (
              SELECT l.related_indicator_id FROM indicator_links l
              JOIN targets o ON o.indicator_id = l.indicator_id AND o.plan_id = ?
              UNION
              SELECT l.indicator_id FROM indicator_links l
              JOIN targets o ON o.indicator_id = l.related_indicator_id AND o.plan_id = ?)
        ORDER BY i.sector, t.target_year NULLS LAST, t.clause, t.target_id
        """,
        [plan_id, other_plan_id, other_plan_id, other_plan_id],
    ).df()
    frame["target_year"] = frame.target_year.astype("Int64")
    return frame


def deferred(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """District commitments that set no number of their own and defer to the city's target."""
    return con.execute(
        """
        SELECT t.clause, i.name_zh AS indicator_zh, i.name_en AS indicator_en, t.target_year,
               t.quote
        FROM targets t JOIN indicators i USING (indicator_id)
        WHERE t.plan_id = ? AND t.comparator = 'qualitative' AND t.quote LIKE '%市级下达%'
        ORDER BY t.target_year, indicator_zh, t.target_id
        """,
        [plan_id],
    ).df()


def amount_shares(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """Where both plans set an amount for the same year, the district's as a share of the city's."""
    frame = con.execute(
        """
        SELECT ci.name_zh AS city_indicator_zh, ci.name_en AS city_indicator_en,
               di.name_zh AS district_indicator_zh, di.name_en AS district_indicator_en,
               p.target_year AS year, p.value AS city, c.value AS district, c.unit,
               c.scope_zh AS district_scope_zh, c.scope_en AS district_scope_en,
               CASE WHEN p.indicator_id = c.indicator_id THEN 'same' ELSE 'related' END AS match
        FROM targets c
        JOIN plans pl ON pl.plan_id = c.plan_id
        JOIN targets p
          ON p.plan_id = pl.parent_plan_id
         AND p.target_year IS NOT DISTINCT FROM c.target_year
         AND p.unit = c.unit
        JOIN indicators ci ON ci.indicator_id = p.indicator_id
        JOIN indicators di ON di.indicator_id = c.indicator_id
         AND (p.indicator_id = c.indicator_id OR (
              ci.measure = 'cumulative' AND di.measure = 'cumulative' AND EXISTS (
              SELECT 1 FROM indicator_links l WHERE l.relation = 'related'
              AND ((l.indicator_id, l.related_indicator_id) = (p.indicator_id, c.indicator_id)
                OR (l.indicator_id, l.related_indicator_id) = (c.indicator_id, p.indicator_id)))))
        WHERE c.plan_id = ? AND c.value IS NOT NULL AND p.value IS NOT NULL
          AND c.comparator <> 'reduce_by' AND p.comparator <> 'reduce_by'
        ORDER BY match DESC, city_indicator_zh, district_indicator_zh, p.target_id, c.target_id
        """,
        [plan_id],
    ).df()
    frame = frame[~frame.unit.isin(_NOT_AMOUNTS)].reset_index(drop=True)
    frame["share"] = (frame.district / frame.city * 100).round(1)
    return frame


def context_shares(con: duckdb.DuckDBPyConnection, geo: str, parent_geo: str) -> pd.DataFrame:
    """The district's share of the city's population, GDP and area: from the latest year both
    are published for, else from each one's latest year, said in the note; missing when either
    is never published."""
    rows = []
    for indicator, (what_zh, what_en) in CONTEXT.items():
        pair = con.execute(
            """
            SELECT d.year, d.value, d.qualifier, c.year, c.value, c.qualifier, d.unit
            FROM statistics_chosen d JOIN statistics_chosen c
              ON c.indicator_id = d.indicator_id AND c.geo = ?
            WHERE d.geo = ? AND d.indicator_id = ?
            ORDER BY (d.year = c.year) DESC, d.year DESC, c.year DESC LIMIT 1
            """,
            [parent_geo, geo, indicator],
        ).fetchone()
        if pair is None:
            rows.append(
                {
                    "what_zh": what_zh,
                    "what_en": what_en,
                    "district_year": None,
                    "district": None,
                    "city_year": None,
                    "city": None,
                    "unit": "",
                    "share": None,
                    "note_zh": "未找到数据",
                    "note_en": "not published for both",
                }
            )
            continue
        d_year, district, d_qual, c_year, city, c_qual, unit = pair
        notes = []
        if d_year != c_year:
            notes.append(("年份不同", "different years", f"{d_year} / {c_year}"))
        if {d_qual, c_qual} != {"="}:
            notes.append(("限定", "qualifiers", f"{d_qual} / {c_qual}"))
        rows.append(
            {
                "what_zh": what_zh,
                "what_en": what_en,
                "district_year": d_year,
                "district": district,
                "city_year": c_year,
                "city": city,
                "unit": unit,
                "share": round(district / city * 100, 1),
                "note_zh": "；".join(f"{zh}：{v}" for zh, _, v in notes),
                "note_en": "; ".join(f"{en}: {v}" for _, en, v in notes),
            }
        )
    frame = pd.DataFrame(rows)
    frame[["district_year", "city_year"]] = frame[["district_year", "city_year"]].astype("Int64")
    return frame


def plan_chain(con: duckdb.DuckDBPyConnection, plan_id: str) -> list[str]:
    """The plan and the plans above it, the top first: nation, city, district."""
    parents = dict(
        con.execute("SELECT plan_id, parent_plan_id FROM plans ORDER BY plan_id").fetchall()
    )
    chain = [plan_id]
    while parents.get(chain[0]) and parents[chain[0]] not in chain:
        chain.insert(0, parents[chain[0]])
    return chain


def _pick(candidates: pd.DataFrame, indicator_id: str) -> dict | None:
    """A level's target for a headline: a number first (on the same indicator before a
    related one), then a commitment to the assigned target, then any other words."""
    if candidates.empty:
        return None
    rank = [
        (
            row.comparator == "qualitative",
            _ASSIGNED not in row.quote,
            row.indicator_id != indicator_id,
            row.target_id,
        )
        for row in candidates.itertuples()
    ]
    return candidates.iloc[min(range(len(rank)), key=rank.__getitem__)].to_dict()


def _against(target: dict | None, above: dict) -> str:
    """How a level's target stands against the nearest level above that set a number."""
    if target is None:
        return NO_TARGET
    if target["comparator"] == "qualitative":
        return DEFERS if _ASSIGNED in target["quote"] else IN_WORDS
    if target["indicator_id"] != above["indicator_id"]:
        return OTHER_MEASURE
    return stance(target["comparator"], target["direction"], above["value"], target["value"])


def levels(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """For every headline target of the top plan: what each level below sets for the same
    year, on the same indicator or a related one, and how it stands against the level above."""
    chain = plan_chain(con, plan_id)
    targets = con.execute(
        """
        SELECT t.target_id, t.plan_id, t.indicator_id, i.name_zh AS indicator_zh,
               i.name_en AS indicator_en, i.direction, t.comparator, t.value, t.value_high,
               t.unit, t.base_year, t.target_year, t.quote
        FROM targets t JOIN indicators i USING (indicator_id)
        WHERE t.plan_id IN (SELECT unnest(?))
        ORDER BY t.target_id
        """,
        [chain],
    ).df()
    links = con.execute(
        "SELECT indicator_id, related_indicator_id, reason FROM indicator_links "
        "WHERE relation = 'related' ORDER BY ALL"
    ).df()
    rows = []
    top = targets[(targets.plan_id == chain[0]) & (targets.comparator != "qualitative")]
    for head in top.to_dict("records"):
        kin = {head["indicator_id"]: ""}
        for link in links.itertuples():
            if head["indicator_id"] in (link.indicator_id, link.related_indicator_id):
                other = ({link.indicator_id, link.related_indicator_id} - kin.keys()).pop()
                kin[other] = link.reason
        above = head
        for level, plan in enumerate(chain):
            same_year = targets.target_year == head["target_year"]
            mine = targets[(targets.plan_id == plan) & targets.indicator_id.isin(kin) & same_year]
            target = head if level == 0 else _pick(mine, head["indicator_id"])
            found = target or {}
            rows.append(
                {
                    "headline_zh": head["indicator_zh"],
                    "headline_en": head["indicator_en"],
                    "target_year": head["target_year"],
                    "level": level,
                    "plan_id": plan,
                    **{
                        k: found.get(k)
                        for k in (
                            "indicator_id",
                            "indicator_zh",
                            "indicator_en",
                            "comparator",
                            "value",
                            "value_high",
                            "unit",
                            "base_year",
                            "quote",
                        )
                    },
                    "stance": "" if level == 0 else _against(target, above),
                    "reason": kin.get(found.get("indicator_id"), "") if target else "",
                }
            )
            if target is not None and target["comparator"] != "qualitative":
                above = target
    frame = pd.DataFrame(rows)
    if len(frame):
        frame[["target_year", "base_year"]] = frame[["target_year", "base_year"]].astype("Int64")
    return frame
