"""`python -m analysis add-plan`: a new plan's text and row in one step, or a clear refusal that
leaves the data folder as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
from pathlib import Path

import pytest

from analysis.authoring.add_plan import find_body_start
from analysis.contract.problems import DataError
from analysis.pipeline.validation import validated

from ..conftest import run_cli

PLAN = (
    "来源：某区人民政府网站 2024-03-01\n\n"
    "某区人民政府关于印发《测试区碳达峰实施方案》的通知\n\n"
    "各街道办事处：现将《测试区碳达峰实施方案》印发给你们。\n\n"
    "测试区碳达峰实施方案\n\n"
    "一、总体要求\n\n"
    "（一）主要目标\n\n"
    "到2025年，可再生能源消费比重达到30%。\n\n"
    "二、重点任务\n\n"
    "1.推广热泵\n\n"
    "新增热泵供暖面积100万平方米。\n"
)


def _add(data_dir: Path, text: Path, *extra: str) -> subprocess.CompletedProcess:
    args = [
        "add-plan", "--id", "testqu-2024", "--text", str(text), "--parent", "beijing-2022",
        "--title-zh", "测试区碳达峰实施方案", "--title-en", "Testqu District Carbon Peaking Plan",
        "--issuer", "测试区人民政府",
        "--date", "2024-03-01", "--url", "http://localhost/plan", "--geo", "testqu",
        "--data-dir", str(data_dir), *extra,
    ]  # fmt: skip
    return run_cli(*args)


@pytest.fixture
def fork(data_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    with (data_copy / "geos.csv").open("a", encoding="utf-8") as f:
        f.write("testqu,测试区,Testqu,beijing,district,\n")
    text = tmp_path / "collected.txt"
    text.write_bytes(PLAN.encode("utf-8"))
    return data_copy, text


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.csv")} | {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.txt")
    }


def test_the_text_is_copied_byte_for_byte_and_its_row_added(fork):
    data, text = fork
    done = _add(data, text)
    assert done.returncode == 0, done.stderr
    copied = data / "plans" / "testqu-2024.txt"
    assert copied.read_bytes() == text.read_bytes()
    rows = list(csv.DictReader(io.StringIO((data / "plans" / "plans.csv").read_text("utf-8"))))
    row = rows[-1]
    assert row["plan_id"] == "testqu-2024" and row["parent_plan_id"] == "beijing-2022"
    assert row["text_sha256"] == hashlib.sha256(text.read_bytes()).hexdigest()
    assert row["body_starts_with"] == "某区人民政府关于印发《测试区碳达峰实施方案》的通知"
    assert row["collected_as"] == "collected.txt" and row["geo"] == "testqu"
    for heading in ("一  总体要求", "一（一）  主要目标", "二1  推广热泵"):
        assert heading in done.stdout
    # the new row passes every check of plans.csv; what is left to do is the targets
    with pytest.raises(DataError) as raised:
        validated(data)
    assert raised.value.problems
    assert all("no exclusion's context" in p.rule for p in raised.value.problems), [
        str(p) for p in raised.value.problems
    ]
    assert {p.file for p in raised.value.problems} == {"data/plans/testqu-2024.txt"}


def test_a_given_start_marker_is_used(fork):
    data, text = fork
    done = _add(data, text, "--body-starts-with", "测试区碳达峰实施方案")
    assert done.returncode == 0, done.stderr
    assert "its own text starts with: 测试区碳达峰实施方案" in done.stdout


@pytest.mark.parametrize(
    ("change", "extra", "message"),
    [
        ("none", ["--id", "changping-2023"], "a plan with id 'changping-2023' exists already"),
        ("none", ["--parent", "nowhere-2020"], "--parent 'nowhere-2020': no such plan"),
        ("gbk", [], "is not UTF-8"),
        ("no headings", [], "no section heading"),
        ("none", ["--url", "javascript:alert(1)"], "http:// or https://"),
        ("none", ["--body-starts-with", "不存在的开头"], "no line starting with"),
        ("none", ["--date", "2024/03/01"], "write the date as YYYY-MM-DD"),
        ("none", ["--geo", "atlantis"], "no area 'atlantis'"),
    ],
)
def test_a_refused_plan_changes_nothing(fork, change: str, extra: list[str], message: str):
    data, text = fork
    if change == "gbk":
        text.write_bytes(PLAN.encode("gbk"))
    elif change == "no headings":
        text.write_bytes("关于印发测试区方案的通知\n".encode())
    before = _tree(data)
    done = _add(data, text, *extra)
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert _tree(data) == before


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            "http://x\n\n北京市人民政府关于印发《甲方案》的通知\n\n甲方案\n",
            "北京市人民政府关于印发《甲方案》的通知",
        ),
        ("炉具网讯 今天\n\n甲方案\n\n一、总体要求\n", "甲方案"),
        ("一、总体要求\n\n（一）目标\n", "一、总体要求"),
    ],
)
def test_the_start_of_the_plan_is_found(text: str, start: str):
    assert find_body_start(text, "甲方案") == start


def test_add_plan_draft_and_accept_give_valid_data(fork, tmp_path: Path):
    data, text = fork
    assert _add(data, text).returncode == 0
    targets_before = (data / "targets.csv").read_bytes()
    out = tmp_path / "review-targets.csv"
    done = run_cli(
        "draft-targets", "--plan", "testqu-2024", "--out", str(out), "--data-dir", str(data)
    )
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout and "--accept" in done.stdout
    assert (data / "targets.csv").read_bytes() == targets_before
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    by_value = {r["value"]: r for r in rows if r["value"]}
    share = by_value["30.0"]
    assert (share["comparator"], share["unit"], share["target_year"]) == (">=", "%", "2025")
    assert share["indicator_id"] == "renewable_energy_share" and share["clause"] == "一（一）"
    assert share["quote"] in text.read_text(encoding="utf-8")
    heat = by_value["100.0"]
    assert (heat["unit"], heat["indicator_id"]) == ("万平方米", "heat_pump_heating_area_added")
    assert heat["clause"] == "二1" and heat["target_year"] == ""
    # accepting is one step: the rows as drafted, then the data is complete and valid
    exclusions = tmp_path / "review-exclusions.csv"
    done = run_cli("draft-targets", "--accept", str(out), str(exclusions), "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert f"Appended {len(rows)} rows to {data / 'targets.csv'}" in done.stdout
    assert "is valid" in done.stdout
    validated(data)


def test_a_review_file_with_a_bad_row_is_refused_whole(fork, tmp_path: Path):
    data, text = fork
    assert _add(data, text).returncode == 0
    out = tmp_path / "review-targets.csv"
    run_cli("draft-targets", "--plan", "testqu-2024", "--out", str(out), "--data-dir", str(data))
    drafted = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join([drafted[0], drafted[1].replace(",%,", ",,", 1), *drafted[2:]]))
    before = _tree(data)
    done = run_cli("draft-targets", "--accept", str(out), "--data-dir", str(data))
    assert done.returncode == 1
    assert f"{out}, line 2" in done.stderr and "'unit'" in done.stderr, done.stderr
    assert _tree(data) == before


def test_validate_lists_unreadable_cells_and_rule_problems_at_once(fork):
    data, text = fork
    assert _add(data, text).returncode == 0
    targets = data / "targets.csv"
    first = targets.read_text(encoding="utf-8").splitlines()[1].split(",")
    first[8] = "twenty-twenty"  # base_year: cannot be read as a year
    lines = targets.read_text(encoding="utf-8").splitlines()
    targets.write_text("\n".join([lines[0], ",".join(first), *lines[2:]]) + "\n")
    with pytest.raises(DataError) as raised:
        validated(data)
    rules = {(p.file, p.column) for p in raised.value.problems}
    assert ("data/targets.csv", "base_year") in rules  # the unreadable cell
    assert any(f == "data/plans/testqu-2024.txt" for f, _ in rules)  # and the uncovered numbers


def test_an_area_is_added_and_a_plan_removed_again(data_copy: Path, tmp_path: Path):
    before = _tree(data_copy)
    done = run_cli(
        "add-area", "--geo", "testqu", "--name-zh", "测试区", "--name-en", "Testqu",
        "--parent", "beijing", "--level", "district", "--data-dir", str(data_copy),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    geos = (data_copy / "geos.csv").read_text(encoding="utf-8")
    assert geos.endswith("testqu,测试区,Testqu,beijing,district,\n")
    text = tmp_path / "collected.txt"
    text.write_bytes(PLAN.encode("utf-8"))
    assert _add(data_copy, text, "--scope", "excerpt").returncode == 0
    row = list(csv.DictReader(io.StringIO((data_copy / "plans" / "plans.csv").read_text())))[-1]
    assert row["text_scope"] == "excerpt"
    done = run_cli("remove-plan", "testqu-2024", "--data-dir", str(data_copy))
    assert done.returncode == 0, done.stderr
    assert not (data_copy / "plans" / "testqu-2024.txt").exists()
    after = _tree(data_copy)
    assert {k: v for k, v in after.items() if k != "geos.csv"} == {
        k: v for k, v in before.items() if k != "geos.csv"
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add-area", "--geo", "changping", "--name-zh", "x", "--name-en", "x", "--parent",
          "beijing", "--level", "district"], "exists already"),
        (["add-area", "--geo", "x", "--name-zh", "x", "--name-en", "x", "--parent",
          "atlantis", "--level", "district"], "no such area"),
        (["remove-plan", "changping-2023"], "still named by"),
        (["remove-plan", "beijing-2022"], "plan changping-2023 (its parent)"),
        (["remove-plan", "nowhere-2020"], "no plan 'nowhere-2020'"),
    ],
)  # fmt: skip
def test_areas_and_removals_are_refused_with_the_reason(data_copy: Path, args, message):
    before = _tree(data_copy)
    done = run_cli(*args, "--data-dir", str(data_copy))
    assert done.returncode == 1 and message in done.stderr, done.stderr
    assert _tree(data_copy) == before


def test_draft_targets_names_an_unknown_plan(tmp_path: Path):
    done = run_cli("draft-targets", "--plan", "nowhere-2020", "--out", str(tmp_path / "x.csv"))
    assert done.returncode == 2 and "no plan 'nowhere-2020'" in done.stderr


def test_the_book_studies_the_newest_plan_with_targets(fork):
    from analysis.ingest.dataset import read_data
    from analysis.pipeline.build import choose_plans

    data, text = fork
    assert _add(data, text).returncode == 0  # newer than changping-2023, but no targets yet
    assert choose_plans(read_data(data)) == ("changping-2023", "beijing-2022")
    assert choose_plans(read_data(data), "testqu-2024") == ("testqu-2024", "beijing-2022")


@pytest.mark.parametrize("kind", ["folder", "pipe", "device", "sparse"])
def test_what_is_not_a_plan_file_is_refused_without_reading_it(fork, tmp_path: Path, kind: str):
    import os

    data, _ = fork
    text = tmp_path / "not-a-plan"
    if kind == "folder":
        text.mkdir()
    elif kind == "pipe":
        os.mkfifo(text)
    elif kind == "device":
        text = Path("/dev/zero")
    else:
        with text.open("wb") as f:
            f.truncate(6_000_000_000)  # 6 GB of nothing, as a sparse file
    before = _tree(data)
    done = _add(data, text)
    assert done.returncode == 1, done.stderr
    wanted = "larger than 5 MB" if kind == "sparse" else "is not a regular file"
    assert wanted in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert _tree(data) == before


def test_a_bom_and_cr_line_endings_are_read(fork):
    data, text = fork
    text.write_bytes(b"\xef\xbb\xbf" + PLAN.replace("\n", "\r").encode("utf-8"))
    done = _add(data, text)
    assert done.returncode == 0, done.stderr
    row = list(csv.DictReader(io.StringIO((data / "plans" / "plans.csv").read_text("utf-8"))))[-1]
    assert row["body_starts_with"] == "某区人民政府关于印发《测试区碳达峰实施方案》的通知"
    assert "CR or CRLF line endings read as line breaks" in done.stdout
    with pytest.raises(DataError) as raised:
        validated(data)
    assert all("no exclusion's context" in p.rule for p in raised.value.problems)


def test_review_files_that_cannot_be_written_are_said_so(tmp_path: Path):
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    out = blocked / "drafts" / "x-targets.csv"
    done = run_cli("draft-targets", "--plan", "changping-2023", "--out", str(out))
    assert done.returncode == 2 and "cannot be written" in done.stderr
    assert "Traceback" not in done.stderr
