"""Remembered validation: a unit is skipped only when every byte it reads is the same as in a
run where it passed; changed bytes are always checked again, in full."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from analysis.checks import suites
from analysis.contract.problems import DataError
from analysis.pipeline import validation
from analysis.pipeline.rebuild.validation_memo import ValidationMemo
from analysis.pipeline.validation import validated


def _runs(monkeypatch) -> list[set[str]]:
    """Record which units validation is asked to check (the scans and the suites are asked
    apart)."""
    calls: list[set[str]] = []
    real = validation.validate

    def spy(data, today=None, only=None):
        calls.append(set(only) if only is not None else set(suites.units(data, today)))
        return real(data, today, only)

    monkeypatch.setattr(validation, "validate", spy)
    return calls


def _append_note(path: Path, words: str) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["note"] += words
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_unchanged_data_is_not_validated_again(data_copy, tmp_path, monkeypatch):
    memo = ValidationMemo(tmp_path / "memo")
    _, first = validated(data_copy, memo)
    calls = _runs(monkeypatch)
    _, again = validated(data_copy, memo)
    assert calls == []  # not a single rule ran, so Great Expectations was not needed
    assert again == first


def test_a_changed_statistics_file_is_validated_again_with_what_reads_it(
    data_copy, tmp_path, monkeypatch
):
    memo = ValidationMemo(tmp_path / "memo")
    validated(data_copy, memo)
    calls = _runs(monkeypatch)
    _append_note(data_copy / "statistics" / "2024.csv", " (edited)")
    validated(data_copy, memo)
    assert set().union(*calls) == {"statistics", "dataset_rows"}


def test_a_changed_reference_table_checks_every_suite_again(data_copy, tmp_path, monkeypatch):
    memo = ValidationMemo(tmp_path / "memo")
    validated(data_copy, memo)
    calls = _runs(monkeypatch)
    text = (data_copy / "indicators.csv").read_text(encoding="utf-8")
    (data_copy / "indicators.csv").write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    validated(data_copy, memo)
    suites_run = set().union(*calls)
    assert {"plans", "targets", "statistics", "indicators"} <= suites_run
    assert "unknown_agencies" not in suites_run  # that scan reads plans and agencies only


def test_bad_bytes_after_a_pass_are_caught(data_copy, tmp_path):
    memo = ValidationMemo(tmp_path / "memo")
    validated(data_copy, memo)
    path = data_copy / "statistics" / "2024.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append(lines[1])  # a duplicate row
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        validated(data_copy, memo)
    problems = caught.value.problems
    assert any("duplicate row" in p.rule and p.file.endswith("2024.csv") for p in problems)
    # and a failure is never remembered: the next run reports it again
    with pytest.raises(DataError):
        validated(data_copy, memo)


def test_a_different_year_validates_again(data_copy, tmp_path, monkeypatch):
    """Statistics may not be from the future: the rule depends on the date, so does the key."""
    import datetime as dt

    memo = ValidationMemo(tmp_path / "memo")
    today = dt.date.today()
    validated(data_copy, memo, today)
    calls = _runs(monkeypatch)
    validated(data_copy, memo, dt.date(today.year + 1, 1, 1))
    assert "statistics" in set().union(*calls)
    assert "great_expectations" in sys.modules
