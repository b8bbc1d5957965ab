"""Every quantified commitment of both plans is in targets.csv, tied to its words and clause."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.contract.problems import DataError
from analysis.ingest.completeness import find_hits, uncovered_hits
from analysis.ingest.number_text import number_appears
from analysis.ingest.plan_text import clause_at, parse_sections
from analysis.pipeline.validation import validated

PLANS = ["beijing-2022", "changping-2023"]


@pytest.mark.parametrize("plan_id", PLANS)
def test_every_number_and_year_marker_is_covered(dataset, texts, plan_id):
    quotes = dataset["targets"].query("plan_id == @plan_id").quote.tolist()
    contexts = dataset["exclusions"].query("plan_id == @plan_id").context.tolist()
    missed = uncovered_hits(texts[plan_id], quotes + contexts)
    assert [h.text for h in missed] == []


def test_the_scanner_finds_what_a_reader_would_count():
    text = "到2025年，可再生能源消费比重达到14.4%以上；“十四五”期间新增4500万平方米，地铁 17 号线。"
    assert [h.text for h in find_hits(text)] == [
        "2025年",
        "14.4%",
        "十四五",
        "4500万平方米",
        "17 号线",
    ]
    covered = uncovered_hits(text, ["可再生能源消费比重达到14.4%以上", "地铁 17 号线"])
    assert [h.text for h in covered] == ["2025年", "十四五", "4500万平方米"]


def test_amounts_in_chinese_numerals_are_found_but_not_words_that_contain_a_numeral():
    text = (
        "执行绿色建筑二星级及以上标准，至少使用一种可再生能源，执行第五步节能设计标准，"
        "打造千亿级产业集群，进一步完善，打造一批样板，党的二十大。"
    )
    assert [h.text for h in find_hits(text)] == ["二星级", "一种", "第五步", "千亿级"]


def test_quotes_are_verbatim(dataset, texts):
    for row in dataset["targets"].to_dict("records"):
        assert row["quote"] in texts[row["plan_id"]], row["target_id"]


def test_clauses_are_where_the_quotes_stand(dataset, texts):
    sections = {plan_id: parse_sections(text) for plan_id, text in texts.items()}
    for row in dataset["targets"].to_dict("records"):
        at = texts[row["plan_id"]].find(row["quote"])
        assert clause_at(sections[row["plan_id"]], at) == row["clause"], row["target_id"]


def test_values_appear_in_their_quotes(dataset):
    quantified = dataset["targets"].dropna(subset=["value"])
    assert len(quantified) >= 40
    for row in quantified.to_dict("records"):
        assert number_appears(row["value"], row["quote"], row["unit"] or ""), row["target_id"]
        if pd.notna(row["value_high"]):
            assert number_appears(row["value_high"], row["quote"], row["unit"]), row["target_id"]


def test_ids_unique_and_indicators_known(dataset):
    targets, indicators = dataset["targets"], dataset["indicators"]
    assert targets.target_id.is_unique
    assert set(targets.indicator_id) <= set(indicators.indicator_id)
    assert set(dataset["indicator_links"].indicator_id) <= set(indicators.indicator_id)
    assert set(dataset["indicator_links"].related_indicator_id) <= set(indicators.indicator_id)


def test_strive_targets_say_strive(dataset):
    strive = dataset["targets"].query("commitment == 'strive'")
    assert len(strive) > 0
    assert all("力争" in q for q in strive.quote)


def test_ranges_are_ranges(dataset):
    shaving = dataset["targets"].set_index("target_id").loc["bj-grid-peak-shaving-2025"]
    assert (shaving.comparator, shaving.value, shaving.value_high) == ("between", 3, 5)


def test_shared_indicators_pair_the_headline_targets(dataset):
    targets = dataset["targets"]
    both = set(targets.query("plan_id == 'beijing-2022'").indicator_id) & set(
        targets.query("plan_id == 'changping-2023'").indicator_id
    )
    assert {
        "renewable_energy_share",
        "energy_intensity_decline_vs_2020",
        "prefabricated_building_share",
        "waste_resource_utilisation_rate",
    } <= both
    share = targets.query("indicator_id == 'renewable_energy_share' and target_year == 2025")
    assert dict(zip(share.plan_id, share.value, strict=True)) == {
        "beijing-2022": 14.4,
        "changping-2023": 25.7,
    }


def test_exclusion_contexts_are_in_the_texts(dataset, texts):
    for row in dataset["exclusions"].to_dict("records"):
        assert row["context"] in texts[row["plan_id"]], row["context"]


def test_a_plan_held_by_its_headline_sentences_is_not_scanned_but_its_quotes_are_checked(
    data_copy,
):
    plans = data_copy / "plans" / "plans.csv"
    text = plans.read_text(encoding="utf-8")
    assert ",national-2021.txt," in text and text.count(",headline\n") == 1
    plans.write_text(text.replace(",headline\n", ",full\n"), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        validated(data_copy)
    assert {p.file for p in raised.value.problems} == {"data/plans/national-2021.txt"}
    assert all("no exclusion's context" in p.rule for p in raised.value.problems)
