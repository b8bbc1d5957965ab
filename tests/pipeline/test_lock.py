"""One build at a time into a folder, and no staging folder left behind by a killed build."""

from __future__ import annotations

import fcntl
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.pipeline.lock import LOCK_NAME, BuildBusy, exclusive

from ..conftest import DATA, run_cli


def test_taking_the_lock_removes_staging_folders_no_build_owns(tmp_path: Path):
    for name in (".staging-killed1", ".staging-killed2"):
        (tmp_path / name / "source").mkdir(parents=True)
    (tmp_path / "html").mkdir()
    with exclusive(tmp_path) as stale:
        assert [p.name for p in stale] == [".staging-killed1", ".staging-killed2"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME, "html"]


def test_a_second_build_into_the_same_folder_is_refused_while_the_first_runs(tmp_path: Path):
    refused = pytest.raises(BuildBusy, match=r"another build \(process \d+\) is writing")
    with exclusive(tmp_path), refused, exclusive(tmp_path):
        pass
    assert (tmp_path / LOCK_NAME).exists()
    with exclusive(tmp_path):  # free again once the first is done
        pass


def test_the_command_line_refuses_clearly_and_touches_nothing(tmp_path: Path):
    folder = tmp_path / "_build"
    (folder / ".staging-live").mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, sys, time\n"
         f"f = open({str(folder / LOCK_NAME)!r}, 'a+')\n"
         "fcntl.flock(f, fcntl.LOCK_EX)\nf.write('4242'); f.flush()\n"
         "print('held', flush=True)\ntime.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        done = run_cli("load", "--data-dir", str(DATA), "--db", str(folder / "carbon.duckdb"))
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1
    assert "another build (process 4242) is writing into" in done.stderr
    assert "Traceback" not in done.stderr
    assert (folder / ".staging-live").is_dir()  # the running build's folder is left alone
    assert not (folder / "carbon.duckdb").exists()


def test_lock_is_released_when_its_holder_dies(tmp_path: Path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import fcntl, time\nf = open({str(tmp_path / LOCK_NAME)!r}, 'a+')\n"
         "fcntl.flock(f, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "held"
    with open(tmp_path / LOCK_NAME, "a+") as f, pytest.raises(BlockingIOError):
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    holder.kill()
    holder.wait()
    with exclusive(tmp_path):
        pass
