"""Plan texts are read with their problems reported, and a position of the cleaned text is
traced back to its line in the file as collected."""

from __future__ import annotations

from analysis.ingest.dataset import raw_line
from analysis.ingest.plan_text import clean_plan_text

RAW = (
    "转载网站的导语，不属于方案。\n"  # line 1: a preface the cleaning drops
    "某区碳达峰实施方案\n"  # line 2
    "\n"
    "一、工作目标\n"  # line 4
    "\n"
    "到2025年，可再生能源消费比重达到百分之三十以上，森林覆盖率稳步提升，建筑节能提高，宣\n"  # 6
    "\n"
    "传周活动每年举办，新增光伏装机20万千瓦。\n"  # line 8: the page break is joined
)


def test_a_position_of_the_cleaned_text_maps_to_its_collected_line():
    cleaned = clean_plan_text(RAW, "某区碳达峰实施方案")
    assert "宣传周" in cleaned and "导语" not in cleaned
    assert raw_line(RAW, cleaned, cleaned.index("工作目标")) == 4
    assert raw_line(RAW, cleaned, cleaned.index("2025年")) == 6
    assert raw_line(RAW, cleaned, cleaned.index("20万千瓦")) == 8
