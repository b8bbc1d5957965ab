"""Plan texts are read with their problems reported, and a position of the cleaned text is
traced back to its line in the file as collected."""

from __future__ import annotations

from analysis.ingest.dataset import raw_lines
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
    at = [cleaned.index(words) for words in ("工作目标", "2025年", "20万千瓦")]
    assert raw_lines(RAW, cleaned, at) == [4, 6, 8]


def test_page_markers_do_not_shift_the_lines():
    raw = "一、目标\n—1—\n到2025年，比重达到30%。\n第2页 共3页\n到2030年，比重达到40%。\n"
    cleaned = clean_plan_text(raw)
    at = [cleaned.index(words) for words in ("30%", "40%")]
    assert raw_lines(raw, cleaned, at) == [3, 5]
