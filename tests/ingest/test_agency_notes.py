"""Agency notes are split into normalised agencies and tied to their clauses."""

from __future__ import annotations

from analysis.ingest.agency_notes import assignments, split_agencies


def test_split_uses_the_longest_alias_even_across_separators():
    aliases = [
        "区发展改革委",
        "各镇政府、街道办事处",
        "未来科学城管委会（生命科学园管委会）",
        "未来科学城管委会",
    ]
    names, unknown = split_agencies(
        "未来科学城管委会（生命科学园管委会）、区发展改革委，各镇政府、街道办事处、区外星局",
        aliases,
    )
    assert names == ["未来科学城管委会（生命科学园管委会）", "区发展改革委", "各镇政府、街道办事处"]
    assert unknown == ["区外星局"]


def test_every_beijing_clause_from_three_to_thirty_names_agencies(dataset, texts):
    found, unknown = assignments(
        "beijing-2022", texts["beijing-2022"], dataset["agencies"].alias.tolist()
    )
    assert unknown == []
    clauses = {a.clause for a in found}
    assert len(clauses) == 28  # （三） … （三十）; chapters 一 and 二 carry no note
    by_clause = {}
    for a in found:
        by_clause.setdefault(a.clause, []).append(a.alias)
    # （二十四） closes with a bare note, without 按职责分工负责
    assert by_clause["八（二十四）"] == ["市碳达峰碳中和工作领导小组办公室", "市生态环境局"]
    assert by_clause["九（三十）"] == ["市碳达峰碳中和工作领导小组办公室"]


def test_changping_square_bracket_notes_and_page_break_inside_a_note(dataset, texts):
    found, unknown = assignments(
        "changping-2023", texts["changping-2023"], dataset["agencies"].alias.tolist()
    )
    assert unknown == []
    three_one_three = [a.alias for a in found if a.clause == "三（一）3"]
    assert three_one_three[0] == "未来科学城管委会（生命科学园管委会）"
    # the note of 三（三）3 was cut by a page break after "（责任单位："
    assert next(a.alias for a in found if a.clause == "三（三）3") == "区发展改革委"
    assert len({a.clause for a in found}) == 20


def test_aliases_of_one_agency_share_an_id(dataset):
    agencies = dataset["agencies"].set_index("alias")
    assert (
        agencies.loc["区经济信息化局", "agency_id"] == agencies.loc["区经济和信息化局", "agency_id"]
    )
