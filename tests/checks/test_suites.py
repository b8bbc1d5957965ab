"""Bad data is caught by the suites and reported with file, line, column and rule."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from analysis.checks.suites import in_order, passing_outcomes, units, validate
from analysis.contract.problems import DataError
from analysis.ingest.dataset import read_data
from analysis.pipeline.rebuild.validation_memo import ValidationMemo
from analysis.pipeline.validation import validated


@pytest.fixture(scope="module")
def memo(tmp_path_factory) -> ValidationMemo:
    """One memo for the module: each test validates again only the units whose files it
    changed (the memo is keyed on their bytes)."""
    return ValidationMemo(tmp_path_factory.mktemp("memo"))


def _problems(data_dir: Path, memo: ValidationMemo) -> list[str]:
    """Every problem validation reports, as the command line prints them."""
    try:
        validated(data_dir, memo)
    except DataError as err:
        return [str(p) for p in err.problems]
    return []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_real_data_is_valid(dataset):
    problems, outcomes = validate(dataset)
    assert problems == []
    assert sum(o.checked for unit in outcomes.values() for o in unit) > 0


def test_outcomes_assumed_while_validating_are_those_of_a_pass(dataset):
    """The build loads the outcomes of a pass before the suites finish; on good data they must
    be the real ones, rule for rule and in order."""
    _, real = validate(dataset)
    assumed = passing_outcomes(dataset)
    assert in_order(dataset, assumed) == in_order(dataset, real)
    assert list(real) == units(dataset)


def test_changed_plan_text_fails_its_hash(data_copy, memo):
    with (data_copy / "plans" / "beijing-2022.txt").open("a", encoding="utf-8") as f:
        f.write("\n多出来的一句。\n")
    assert _problems(data_copy, memo) == [
        "data/plans/plans.csv, line 2: column 'text_sha256' value "
        "'c84c0ef43d6f7484cf89bb56cbc4ca7974b93f0fd5d3792405c7964ef4363f72': does not match "
        "the SHA-256 of the plan text file (the text changed, or the hash is wrong)"
    ]


def test_quote_not_in_plan_is_reported(data_copy, memo):
    _edit(
        data_copy / "targets.csv",
        "可再生能源消费比重达到14.4%以上",
        "可再生能源消费比重达到15%以上",
    )
    problems = _problems(data_copy, memo)
    assert any(
        "data/targets.csv, line " in p
        and "column 'quote'" in p
        and "is not a verbatim passage" in p
        for p in problems
    )


def test_snippet_without_its_number_is_reported(data_copy, memo):
    path = next((data_copy / "statistics").glob("2024.csv"))
    text = path.read_text(encoding="utf-8")
    _edit(path, "49843.1", "49843.9")
    problems = _problems(data_copy, memo)
    assert len(problems) == 1
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "49843.1" in row)
    assert problems[0].startswith(f"data/statistics/2024.csv, line {line}: column 'snippet'")
    assert problems[0].endswith("does not contain the row's value")


def test_unknown_indicator_and_duplicate_key(data_copy, memo):
    targets = data_copy / "targets.csv"
    lines = targets.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])
    targets.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _edit(targets, "renewable_energy_share", "renewables_share")
    problems = _problems(data_copy, memo)
    assert any(
        "column 'indicator_id' value 'renewables_share': is not an indicator_id" in p
        for p in problems
    )
    assert any(f"line {len(lines)}: column 'target_id'" in p and "duplicate" in p for p in problems)


def test_gbk_file_is_refused_by_name(data_copy):
    path = data_copy / "sources.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(DataError) as err:
        read_data(data_copy)
    assert "data/sources.csv" in str(err.value) and "GBK" in str(err.value)


def test_percentage_written_as_a_fraction_is_out_of_range(data_copy, memo):
    _edit(data_copy / "targets.csv", ",14.4,", ",1444,")
    problems = _problems(data_copy, memo)
    assert any("must lie between 0 and 100" in p for p in problems)


def test_every_plan_in_plans_csv_is_scanned_for_uncovered_numbers(data_copy, memo):
    """A forked district's text is scanned by validation itself, not only by a test."""
    import hashlib

    text = "某区碳达峰实施方案\n\n一、工作目标\n\n到2025年，森林覆盖率达到50%。\n".encode()
    (data_copy / "plans" / "mouqu-2024.txt").write_bytes(text)
    with (data_copy / "geos.csv").open("a", encoding="utf-8") as f:
        f.write("mouqu,某区,Mouqu,beijing,district,\n")
    with (data_copy / "plans" / "plans.csv").open("a", encoding="utf-8") as f:
        f.write(
            f"mouqu-2024,beijing-2022,mouqu,某区碳达峰实施方案,Mouqu plan,某区政府,,"
            f"2024-01-01,,mouqu-2024.txt,{hashlib.sha256(text).hexdigest()},,某区碳达峰实施方案,\n"
        )
    problems = _problems(data_copy, memo)
    assert any(
        p.startswith("data/plans/mouqu-2024.txt, line 5:") and "'2025年'" in p for p in problems
    ), problems
    assert any("'50%'" in p for p in problems)


def _add_dataset(data_copy, value: str, row_key: str = "CN-BJ,2010") -> None:
    (data_copy / "datasets").mkdir(exist_ok=True)
    copy = b"actor_id,year,total_emissions\nCN-BJ,2010,95000000\nCN-BJ,2011,94000000\n"
    (data_copy / "datasets" / "made_up.csv").write_bytes(copy)
    with (data_copy / "sources.csv").open("a", encoding="utf-8") as f:
        f.write(
            "made-up-dataset,Test,A made-up dataset,http://localhost/,,2026-11-23,dataset,"
            "republisher,test,owner/repo,0123456789abcdef0123456789abcdef01234567,"
            "data/emissions.csv,datasets/made_up.csv,\"actor_id,year\",total_emissions,"
            f"{hashlib.sha256(copy).hexdigest()},t CO2\n"
        )
    (data_copy / "statistics" / "co2-made-up.csv").write_text(
        "geo,indicator_id,year,value,unit,qualifier,source_id,snippet,note,reference_date,"
        f"row_key\nbeijing,co2_emissions,2010,{value},t CO2,=,made-up-dataset,,,,\"{row_key}\"\n",
        encoding="utf-8",
    )


def test_a_dataset_row_with_the_file_s_value_is_accepted(data_copy, memo):
    _add_dataset(data_copy, "95000000")
    assert _problems(data_copy, memo) == []


def test_a_dataset_row_whose_value_differs_from_the_checked_in_file_is_refused(data_copy, memo):
    _add_dataset(data_copy, "96000000")
    assert _problems(data_copy, memo) == [
        "data/statistics/co2-made-up.csv, line 2: column 'value' value '96000000': differs from "
        "95000000 in data/datasets/made_up.csv, row CN-BJ,2010"
    ]


def test_a_dataset_row_with_an_unknown_key_is_refused(data_copy, memo):
    _add_dataset(data_copy, "95000000", row_key="CN-XX,2010")
    assert _problems(data_copy, memo) == [
        "data/statistics/co2-made-up.csv, line 2: column 'row_key' value 'CN-XX,2010': is not a "
        "row of data/datasets/made_up.csv"
    ]


def test_every_source_is_used_by_a_row(dataset):
    """A source no statistic or workbook extract names is drift: a replaced copy or a page
    whose figure was dropped. Remove it, or add the row that uses it."""
    used = set(dataset["statistics"].source_id) | set(dataset["emission_parts"].source_id)
    assert sorted(set(dataset["sources"].source_id) - used) == []
