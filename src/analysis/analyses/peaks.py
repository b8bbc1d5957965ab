"""The peak test: has a series of annual emissions peaked?

A maximum is easy to find and easy to over-read. The rule below is written to survive
backtesting: applied to every truncation of every series the book holds, it never declares a
peak that later years overturn (tests/analyses/test_peaks.py). It follows the spirit of Shan et
al. (2022, Science Bulletin), who count a city as peaked only after at least five years of
decline, and it tells a fall during economic growth apart from one that coincides with a
recession, where real GDP growth is published.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

DECLINE_YEARS = 5  # published years after the maximum, all lower, before a peak is declared
MARGIN = 0.05  # each of the last three years must lie more than this far below the maximum

PEAKED = "peaked"
PLATEAU = "plateau"
NOT_YET = "not yet"
CANNOT_TELL = "cannot tell"
NO_SERIES = "no data"
VERDICTS = (PEAKED, PLATEAU, NOT_YET, CANNOT_TELL)

VERDICT_ZH = {
    PEAKED: "已达峰",
    PLATEAU: "平台期",
    NOT_YET: "尚未达峰",
    CANNOT_TELL: "无法判断",
    NO_SERIES: "无数据",
}

RULE = {
    "zh": (
        f"**峰值规则。** 只在一个数据集的连续年度序列上判断，不与其他数据集拼接。"
        f"序列有缺年，或在其年份范围内有方法断点的，判为“无法判断”，并说明原因。"
        f"最高值之后公开的年份不足 {DECLINE_YEARS} 个的，判为“尚未达峰”。"
        f"最高值之后已有至少 {DECLINE_YEARS} 个年份、且全部低于最高值时："
        f"最后三年每一年都比最高值低 {MARGIN:.0%} 以上，判为“已达峰”；"
        f"否则判为“平台期”。每个结论都给出最高值与最新值之差，"
        f"以及与最高值相差不到 {MARGIN:.0%} 的年份（峰顶的范围）。"
        "有实际GDP增速的地区，还说明下降期间经济是否负增长：经济增长中的下降是主动达峰，"
        "伴随经济衰退的下降不能算作达峰的证据。"
    ),
    "en": (
        "**The peak rule.** It is applied to one dataset's run of consecutive years, never to "
        "datasets joined together. A series with a missing year, or with a break of method "
        "inside its span, gets *cannot tell*, with the reason. When fewer than "
        f"{DECLINE_YEARS} years are published after the maximum, the verdict is *not yet*. "
        f"When at least {DECLINE_YEARS} later years are published, all of them lower, the "
        f"verdict is *peaked* if each of the last three years lies more than {MARGIN:.0%} below "
        "the maximum, and *plateau* otherwise. Each verdict "
        "comes with the margin between the maximum and the latest value, and with the years "
        f"within {MARGIN:.0%} of the maximum (the top of the curve). Where real GDP growth is "
        "published, the verdict also says whether the economy shrank during the decline: a "
        "fall while the economy grows is a peak by policy and structure, a fall during a "
        "recession is no evidence of one."
    ),
}


@dataclass(frozen=True)
class Verdict:
    status: str
    reason_zh: str
    reason_en: str
    year: int | None = None  # the year of the maximum
    value: float | None = None
    latest_year: int | None = None
    latest: float | None = None
    later_years: int = 0
    top_first: int | None = None  # the first and last year within MARGIN of the maximum
    top_last: int | None = None
    recession_years: tuple[int, ...] | None = None  # None: growth not published for them

    @property
    def margin(self) -> float | None:
        """How far the latest value lies below the maximum, as a fraction of the maximum."""
        if self.value is None or self.latest is None:
            return None
        return (self.value - self.latest) / self.value


def _gaps(years: list[int]) -> list[int]:
    return sorted(set(range(years[0], years[-1] + 1)) - set(years))


def judge(
    series: pd.DataFrame,
    breaks: dict[int, tuple[str, str]] | None = None,
    real_growth: dict[int, float] | None = None,
) -> Verdict:
    """The peak rule on one dataset's series (columns year, value).

    `breaks` maps the first year of a new method to its reason (Chinese, English);
    `real_growth` maps years to real GDP growth in % (absent years are not checked).
    """
    if series.empty:
        return Verdict(NO_SERIES, "没有数据", "no data")
    ordered = series.sort_values("year")
    years = [int(y) for y in ordered.year]
    values = [float(v) for v in ordered.value]
    gaps = _gaps(years)
    if gaps:
        shown = ", ".join(str(y) for y in gaps)
        return Verdict(CANNOT_TELL, f"序列缺少 {shown} 年", f"the series has no value for {shown}")
    inside = {y: why for y, why in (breaks or {}).items() if years[0] < y <= years[-1]}
    if inside:
        year = min(inside)
        return Verdict(
            CANNOT_TELL,
            f"序列在 {year} 年有方法断点（{inside[year][0]}），前后数值不可比",
            f"the series breaks in {year} ({inside[year][1]}), so values before and after it "
            "are not comparable",
        )
    top = max(range(len(values)), key=lambda i: (values[i], years[i]))
    peak, latest = values[top], values[-1]
    later = years[top + 1 :]
    close = [y for y, v in zip(years, values, strict=True) if v >= peak * (1 - MARGIN)]
    common = dict(
        year=years[top],
        value=peak,
        latest_year=years[-1],
        latest=latest,
        later_years=len(later),
        top_first=min(close),
        top_last=max(close),
    )
    if len(later) < DECLINE_YEARS:
        return Verdict(
            NOT_YET,
            f"最高值在 {years[top]} 年，其后只有 {len(later)} 个年份"
            f"（需要至少 {DECLINE_YEARS} 个）",
            f"the maximum is in {years[top]}, with {len(later)} later years "
            f"(at least {DECLINE_YEARS} are needed)",
            **common,
        )
    if max(values[-3:]) >= peak * (1 - MARGIN):
        return Verdict(
            PLATEAU,
            f"最高值在 {years[top]} 年，其后 {len(later)} 个年份都更低，"
            f"但最后三年中有一年距最高值不到 {MARGIN:.0%}",
            f"the maximum is in {years[top]} and all {len(later)} later years are lower, but "
            f"one of the last three years is within {MARGIN:.0%} of it",
            **common,
        )
    checked = [y for y in later if real_growth and y in real_growth]
    recession = (
        tuple(y for y in checked if real_growth[y] < 0) if len(checked) == len(later) else None
    )
    return Verdict(
        PEAKED,
        f"最高值在 {years[top]} 年，其后 {len(later)} 个年份都更低，最后三年都低 {MARGIN:.0%} 以上",
        f"the maximum is in {years[top]}, all {len(later)} later years are lower, and the last "
        f"three by more than {MARGIN:.0%}",
        **common,
        recession_years=recession,
    )


def backtest(
    series: pd.DataFrame, breaks: dict[int, tuple[str, str]] | None = None
) -> list[str]:
    """Every peak the rule declared on a shorter series that later data overturn: for each
    truncation declared peaked, every longer truncation must keep the same maximum year and
    still be read (peaked or plateau, never not yet or cannot tell). Returns the
    contradictions in words (empty when the rule holds)."""
    ordered = series.sort_values("year").reset_index(drop=True)
    verdicts = [judge(ordered.iloc[: n + 1], breaks) for n in range(len(ordered))]
    found = []
    for n, early in enumerate(verdicts):
        if early.status != PEAKED:
            continue
        for late in verdicts[n + 1 :]:
            if late.status not in (PEAKED, PLATEAU) or late.year != early.year:
                found.append(
                    f"to {early.latest_year}: peaked in {early.year}; to {late.latest_year}: "
                    f"{late.status} (maximum {late.year})"
                )
                break
    return found

