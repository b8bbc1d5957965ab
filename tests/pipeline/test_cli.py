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
    done = run_cli("validate", "--data-dir", str(data_copy))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        "indicators.csv, line 1: column 'name_en, unit, direction, measure, sector'" in done.stderr
    )
    assert "required column missing" in done.stderr


def test_usage_error_exits_2(tmp_path: Path):
    assert run_cli("build", "--as-of", "soon").returncode == 2
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
    listing = tmp_path / "_build" / "problems.txt"
    assert f"Every problem is listed in {Path('_build') / 'problems.txt'}." in done.stderr
    listed = listing.read_text(encoding="utf-8").splitlines()
    assert sum("no_such_indicator" in line for line in listed) == 30
