"""The cleaned plan texts: the preface is gone, page breaks are joined, nothing else changed."""

from __future__ import annotations

import re

import pytest

from analysis.ingest.plan_text import (
    clause_at,
    clean_plan_text,
    drop_preface,
    join_page_breaks,
    paragraphs,
    parse_sections,
)

from ..conftest import DATA


def _raw(plan_file: str) -> str:
    return (DATA / "plans" / plan_file).read_text(encoding="utf-8")


def _no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_beijing_preface_is_gone(texts):
    beijing = texts["beijing-2022"]
    assert "炉具网讯" not in beijing
    assert "www.beijing.gov.cn" not in beijing
    assert "方案指出" not in beijing
    assert beijing.startswith("北京市人民政府关于印发《北京市碳达峰实施方案》的通知")
    # the plan's own words about heating stay: they appear in clause （十五）
    assert "深度推进供热系统重构。禁止新建和扩建燃气独立供暖系统" in beijing


@pytest.mark.parametrize(
    "joined",
    [
        "节能宣传周",
        "未来科学城等慢行系统建设",
        "到2025年，建设小汤山",
        "（责任单位：区发展改革委、区城市管理委",
        "太阳能热水器",
        "区生态环境局、区经济信息化局、未来科学城管委会",
        "从“盆景”变“风景”",
    ],
)
def test_changping_page_breaks_are_joined(texts, joined):
    assert joined in texts["changping-2023"]


def test_no_paragraph_of_body_text_ends_mid_sentence(dataset, texts):
    # a plan held by its headline sentences is cut where the copy read was cut
    whole = dataset["plans"].query("text_scope != 'headline'").plan_id
    for plan_id in whole:
        for para in texts[plan_id].strip().split("\n\n"):
            if len(para) >= 40:
                assert para[-1] in "。！？；）]】", (plan_id, para[-30:])


def test_cleaning_changes_nothing_but_whitespace(dataset):
    for row in dataset["plans"].to_dict("records"):
        raw = _raw(row["text_file"])
        body = drop_preface(raw, row["body_starts_with"])
        assert _no_space(clean_plan_text(raw, row["body_starts_with"])) == _no_space(body)


def test_join_counts_match_the_page_breaks_counted_by_hand(dataset):
    # Counted in the collected Changping PDF text: 13 blank lines that split a sentence.
    counts = {}
    for row in dataset["plans"].to_dict("records"):
        raw = _raw(row["text_file"])
        _, counts[row["plan_id"]] = join_page_breaks(
            paragraphs(drop_preface(raw, row["body_starts_with"]))
        )
    assert counts == {"beijing-2022": 0, "changping-2023": 13, "national-2021": 0}


def test_titles_signatures_and_headings_are_not_joined():
    text = (
        "昌平区碳达峰实施方案\n\n为深入贯彻党中央决策部署，制定本实施方案。\n\n一、总体要求\n\n"
        "（一）指导思想\n\n"
        "坚持以习近平新时代中国特色社会主义思想为指导，坚定不移走生态优先、绿色低碳的高质量发展道路，"
        "\n\n紧密结合建设要求。"
    )
    paras, joins = join_page_breaks(paragraphs(text))
    assert joins == 1
    assert paras[:4] == [
        "昌平区碳达峰实施方案",
        "为深入贯彻党中央决策部署，制定本实施方案。",
        "一、总体要求",
        "（一）指导思想",
    ]
    assert paras[4].endswith("高质量发展道路，紧密结合建设要求。")


def test_missing_start_marker_is_an_error():
    with pytest.raises(ValueError, match="start marker"):
        drop_preface("some text", "not there")


def test_beijing_structure_has_nine_chapters_and_thirty_clauses(texts):
    sections = parse_sections(texts["beijing-2022"])
    chapters = [s.label for s in sections if s.level == 1]
    assert chapters == list("一二三四五六七八九")
    clauses = [s for s in sections if s.level == 2]
    assert len(clauses) == 30
    assert clauses[12].clause == "五（十三）" and clauses[12].title == "积极发展非化石能源"


def test_changping_structure_restarts_numbering_per_chapter(texts):
    sections = {s.clause: s for s in parse_sections(texts["changping-2023"])}
    assert sections["三（四）1"].title == "大力发展可再生能源"
    assert sections["一（二）1"].title == "统筹谋划，各方协同"
    assert sections["四（三）"].title == "开展动态评估"


def test_clause_at_finds_the_innermost_heading(texts):
    text = texts["changping-2023"]
    sections = parse_sections(text)
    assert clause_at(sections, text.find("351.22万平方米")) == "三（四）1"
    assert clause_at(sections, text.find("可再生能源消费比重达到25.7%")) == "二"
    assert clause_at(sections, 0) == "全文"  # the notice, before the first heading


WEB_COPY = (
    "来源：某网站\n"
    "测试区碳达峰实施方案\n"
    "一、主要目标\n"
    "(一)能源\n"
    "到2025年,可再生能源消费比重达到30%。\n"
    "1.推广热泵\n"
    "新增热泵供暖面积100万平方米。\n"
)


def test_headings_on_single_line_breaks_are_recognised():
    cleaned = clean_plan_text(WEB_COPY, "测试区碳达峰实施方案")
    found = [(s.clause, s.title) for s in parse_sections(cleaned)]
    assert found == [("一", "主要目标"), ("一（一）", "能源"), ("一（一）1", "推广热泵")]
    assert clause_at(parse_sections(cleaned), cleaned.index("30%")) == "一（一）"


def test_a_text_without_headings_is_one_clause_the_whole_text():
    assert clause_at(parse_sections("到2025年，比重达到30%。\n"), 5) == "全文"


def test_traditional_headings_keep_their_words():
    cleaned = clean_plan_text("一、主要目標\n\n（二）能源結構\n")
    assert [(s.clause, s.title) for s in parse_sections(cleaned)] == [
        ("一", "主要目標"),
        ("一（二）", "能源結構"),
    ]


def test_pdf_artefacts_are_undone():
    # eight lines wrapped at one width, a page marker on its own line, 十四 / 五 split by a
    # wrap, a space inside 下降
    body = [
        "为深入贯彻落实党中央关于碳达峰碳中和的重大决策部署，",
        "扎实推进本区碳达峰工作，结合实际情况，制定本实施方案。",
        "一、主要目标",
        "“十四",
        "—2—",
        "五”期间，单位地区生产总值能耗下 降14%，产业结构明显优化，",
        "能源结构进一步调整，绿色低碳技术取得进展，循环型社会基本",
        "形成，绿色低碳循环发展政策体系初步建立，城乡建设绿色转型",
        "取得成效，生态系统碳汇能力巩固提升，全社会绿色低碳意识显",
        "著增强。",
    ]
    text = "\ufeff" + "\r\n".join(body) + "\r\n"
    cleaned = clean_plan_text(text)
    assert "—2—" not in cleaned and "\ufeff" not in cleaned and "\r" not in cleaned
    assert "下降14%" in cleaned
    assert "本区碳达峰工作" in cleaned.replace("\n", "")
    assert "循环型社会基本形成" in cleaned  # a wrap at the page width is joined
    assert [s.title for s in parse_sections(cleaned)] == ["主要目标"]


def test_a_flattened_pdf_page_keeps_its_headings():
    text = (
        "上海市碳达峰实施方案 为推进工作,制定本实施方案. 一、主要目标 “十四五”期间,结构明显优化,"
        "到2025年,单位生产总值能源消耗比2020年下 降14%. —2— 二、重点任务 将碳达峰的导向贯穿全过程"
        "和各方面,聚焦重点举措和重点区域.\n"
    )
    cleaned = clean_plan_text(text)
    assert [s.title for s in parse_sections(cleaned)] == ["主要目标", "重点任务"]
    assert "下降14%" in cleaned and "—2—" not in cleaned
