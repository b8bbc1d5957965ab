"""How sources write numbers: each case written out by hand."""

from __future__ import annotations

import pytest

from analysis.ingest.number_text import number_appears, qualifier_cue, unit_scale, written_amounts


@pytest.mark.parametrize(
    ("value", "text", "unit"),
    [
        (14.4, "可再生能源消费比重达到14.4%以上", "%"),
        (14.4, "达到１４．４％", "%"),  # full-width digits
        (49843.1, "地区生产总值49,843.1亿元", "亿元"),  # thousands separator
        (14500, "供暖面积达到1.45亿平方米左右", "万平方米"),  # 1.45亿 = 14500万
        (10100, "增长到2021年1.01億平方米", "万平方米"),  # traditional 億
        (226.9487, "昌平区:2269487人", "万人"),  # a head count, in 万人
        (72, "has totaled 720,000.", "万辆"),  # English, sentence full stop after it
        (407, "reaching 40.7 billion kWh", "亿千瓦时"),  # 40.7 billion = 407亿
        (2, "执行绿色建筑二星级及以上标准", "星级"),
        (1, "至少使用一种可再生能源", "种"),
        (-3.5, "万元地区生产总值能耗上升3.5%", "%"),  # a negative change is written as a word
    ],
)
def test_written_forms_are_found(value, text, unit):
    assert number_appears(value, text, unit)


@pytest.mark.parametrize(
    ("value", "text", "unit"),
    [
        (14.5, "1.45亿平方米", "万平方米"),  # the digits are there, the amount is not
        (35, "下降3.5%", "%"),
        (2, "二氧化碳排放下降", "%"),  # 二 inside a word is not a number
        (4, "14.4%", "%"),  # a number is never matched inside another
        (14, "14.4%", "%"),
    ],
)
def test_absent_numbers_are_not_found(value, text, unit):
    assert not number_appears(value, text, unit)


def test_units_carry_their_scale():
    assert unit_scale("万平方米") == 10_000
    assert unit_scale("亿千瓦时") == 100_000_000
    assert unit_scale("%") == 1
    assert written_amounts("3450万立方米和3%") == [34_500_000, 3]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1340.8, "亿元", "PIB regional de 134,08 bilhões de yuan"),
        (226.7, "万人", "população residente de 2.267.000 pessoas"),
        (1633, "万人", "Beijing was 16.33 mln at the end of 2007"),
        (35371.3, "亿元", "regional GDP of 3.53713 trillion yuan"),
    ],
)
def test_european_notation_and_english_abbreviations_are_read(value, unit, text):
    assert number_appears(value, text, unit)


def test_european_notation_does_not_invent_numbers():
    assert not number_appears(1340.9, "134,08 bilhões de yuan", "亿元")
    assert not number_appears(2267, "2.267.000 pessoas", "万人")



@pytest.mark.parametrize(
    ("value", "text", "found"),
    [
        (12, "建成十二个示范区", True),  # read whole
        (2, "建成十二个示范区", False),  # not the 二 inside 十二
        (20, "二十个", True),
        (2020, "到2020年，比重达到30%", False),  # a year is not an amount
        (3, "2023年3月5日发布", False),  # nor a month or a day
        (30, "到2020年，比重达到30%", True),
    ],
)
def test_years_dates_and_chinese_numerals_are_read_whole(value, text, found):
    assert number_appears(value, text) is found


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("占比不足5%", ("<", "不足")),
        ("5万辆以上", (">", "以上")),
        ("约5%", ("~", "约")),
        ("规模以上工业增长5%", None),  # 以上 of another phrase, not next to the value
        ("增长5%", None),
    ],
)
def test_the_word_next_to_a_value_gives_its_qualifier(text, cue):
    assert qualifier_cue(5, text, "万辆" if "万辆" in text else "%") == cue
