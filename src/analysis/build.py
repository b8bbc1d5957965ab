"""The pipeline: validate the data, load the warehouse, run the notebooks, build and publish.

Everything is built in a staging folder next to the output; the warehouse and the site replace
the published ones only after every stage has passed, so a failed build leaves the last good
site exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from analysis import book_site, exports, notebooks
from analysis.data_files import DataSet, read_data
from analysis.errors import DataError, Problem
from analysis.warehouse import build_warehouse

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)


@contextmanager
def stage(name: str, timings: Timings) -> Iterator[None]:
    """Print a line when a stage starts and when it ends, with its duration."""
    print(f"[{name}] started", flush=True)
    started = time.perf_counter()
    try:
        yield
    except BaseException:
        print(f"[{name}] FAILED after {time.perf_counter() - started:.1f} s", flush=True)
        raise
    timings.stages[name] = time.perf_counter() - started
    print(f"[{name}] done in {timings.stages[name]:.1f} s", flush=True)


def default_as_of(data: DataSet, today: dt.date | None = None) -> int:
    """The latest year with statistics, or last year when there are none yet."""
    years = data["statistics"].year.dropna()
    return int(years.max()) if len(years) else (today or dt.date.today()).year - 1


def choose_plans(data: DataSet, plan_id: str | None = None) -> tuple[str, str]:
    """The district plan to study (the newest plan that names a parent, unless one is given)
    and its parent plan."""
    plans = data["plans"]
    children = plans[plans.parent_plan_id.notna()].sort_values("issued_on")
    if plan_id is not None:
        children = children[children.plan_id == plan_id]
    if children.empty:
        rule = (
            "is not a plan in plans.csv that names a parent plan"
            if plan_id
            else "no plan names a parent plan, so there is nothing to compare"
        )
        raise DataError([Problem("data/plans/plans.csv", None, "plan_id", plan_id, rule)])
    child = children.iloc[-1]
    return str(child.plan_id), str(child.parent_plan_id)


def checked_data(data_dir: Path) -> tuple[DataSet, list]:
    """The data, read and validated, with the outcome of every rule; raises DataError."""
    from analysis.validation import validate

    data = read_data(data_dir)
    problems, outcomes = validate(data)
    if problems:
        raise DataError(problems)
    return data, outcomes


def replace_path(new: Path, final: Path) -> None:
    """Put a freshly built file or folder in place of the published one."""
    final.parent.mkdir(parents=True, exist_ok=True)
    previous = final.with_name(final.name + ".previous")
    if previous.is_dir():
        shutil.rmtree(previous)
    if final.exists():
        os.replace(final, previous)
    os.replace(new, final)
    if previous.is_dir():
        shutil.rmtree(previous)
    elif previous.exists():
        previous.unlink()


def load(data_dir: Path, db_path: Path) -> dict[str, int]:
    """Validate the data and (re)write the warehouse atomically; return row counts per table."""
    timings = Timings()
    with stage("validate", timings):
        data, outcomes = checked_data(data_dir)
    with stage("load", timings):
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=db_path.parent, prefix=".staging-") as tmp:
            staged = Path(tmp) / db_path.name
            counts = build_warehouse(data, staged, outcomes)
            replace_path(staged, db_path)
    return counts


def build(
    data_dir: Path,
    out_dir: Path,
    db_path: Path,
    as_of: int | None = None,
    repo: Path = REPO,
    plan_id: str | None = None,
) -> Timings:
    """The whole pipeline; raises DataError, NotebookError or BookError and publishes nothing."""
    timings = Timings()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir.parent, prefix=".staging-") as tmp:
        staging = Path(tmp).resolve()
        with stage("validate", timings):
            data, outcomes = checked_data(data_dir)
        with stage("load", timings):
            staged_db = staging / db_path.name
            build_warehouse(data, staged_db, outcomes)
        source = book_site.stage_sources(repo, staging)
        with stage("downloads", timings):
            exports.write_downloads(staged_db, source / "_static" / "downloads")
        district, parent = choose_plans(data, plan_id)
        parameters = {
            "as_of_year": as_of or default_as_of(data),
            "district_plan": district,
            "parent_plan": parent,
            "warehouse": str(staged_db),
        }
        with stage("notebooks", timings):
            for path in sorted((repo / "notebooks").glob("*.ipynb")):
                with stage(f"notebook {path.stem}", timings):
                    notebooks.execute(path, source / "book" / path.name, parameters, cwd=source)
        with stage("book", timings):
            book_site.write_vega_bundle(source / "_static")
            html = book_site.build_html(source, staging / "site")
        with stage("publish", timings):
            replace_path(staged_db, db_path)
            replace_path(html, out_dir)
    return timings
