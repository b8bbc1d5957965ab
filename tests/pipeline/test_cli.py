"""The command line's exit status and messages, run as a user runs it."""

from __future__ import annotations

from pathlib import Path

from ..conftest import DATA, run_cli


def test_validate_good_data_exits_0():
    done = run_cli("validate", "--data-dir", str(DATA))
    assert done.returncode == 0, done.stderr
    assert "is valid" in done.stdout


def test_validate_bad_data_exits_1_without_traceback(data_copy: Path):
    (data_copy / "indicators.csv").write_text("indicator_id,name_zh\nx,y\n", encoding="utf-8")
    done = run_cli("validate", "--data-dir", str(data_copy), new_process=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        "indicators.csv, line 1: column 'name_en, unit, direction, measure, sector'" in done.stderr
    )
    assert "required column missing" in done.stderr


def test_usage_error_exits_2(tmp_path: Path):
    assert run_cli("build", "--as-of", "soon", new_process=True).returncode == 2
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("validate", "--data-dir", str(tmp_path / "nowhere")).returncode == 2


def test_load_writes_a_warehouse(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    done = run_cli("load", "--data-dir", str(DATA), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert db.exists()
    assert "[validate] started" in done.stdout and "[load] done in" in done.stdout


def test_a_file_wrong_on_every_row_prints_a_few_and_lists_them_all(data_copy: Path, tmp_path):
    rows = "".join(
        f"beijing,no_such_indicator,2019,{n},%,=,bj-stats-bulletin-2024-copy,数值{n}%,\n"
        for n in range(1, 31)
    )
    (data_copy / "statistics" / "2019.csv").write_text(
        "geo,indicator_id,year,value,unit,qualifier,source_id,snippet,note\n" + rows,
        encoding="utf-8",
    )
    done = run_cli("validate", "--data-dir", str(data_copy), cwd=tmp_path)
    assert done.returncode == 1
    unknown = [line for line in done.stderr.splitlines() if "no_such_indicator" in line]
    assert len(unknown) == 20
    assert "… and 10 more like this in" in done.stderr
    listing = data_copy.parent / "_build" / "problems.txt"  # beside the data folder
    assert f"Every problem is listed in {listing}." in done.stderr
    listed = listing.read_text(encoding="utf-8").splitlines()
    assert sum("no_such_indicator" in line for line in listed) == 30


def test_the_problem_list_goes_where_asked_or_says_why_it_cannot(data_copy: Path, tmp_path):
    (data_copy / "targets.csv").write_text("target_id\n", encoding="utf-8")  # columns missing
    wanted = tmp_path / "lists" / "found.txt"
    done = run_cli("validate", "--data-dir", str(data_copy), "--problems", str(wanted))
    assert done.returncode == 1 and wanted.is_file()
    assert "required column missing" in wanted.read_text(encoding="utf-8")
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    done = run_cli("validate", "--data-dir", str(data_copy), "--problems", str(blocked / "x.txt"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"The full list could not be written to {blocked / 'x.txt'}" in done.stderr
    assert "required column missing" in done.stderr  # the problems are still shown
