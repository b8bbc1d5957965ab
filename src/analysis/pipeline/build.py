"""The pipeline: validate the data, load the warehouse, run the notebooks, build and publish.

Everything is built in a staging folder next to the output; the warehouse and the site replace
the published ones only after every stage has passed, so a failed build leaves the last good
site exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from analysis.analyses.peaks import RULE as PEAK_RULE
from analysis.analyses.progress import rule_markdown
from analysis.checks.memo import ValidationMemo
from analysis.checks.suites import checked_data
from analysis.contract.problems import DataError, Problem
from analysis.ingest.dataset import DataSet, read_data
from analysis.pipeline import book, cache, manifest, runner
from analysis.pipeline.lock import STAGING_PREFIX, exclusive
from analysis.pipeline.validation import PendingValidation
from analysis.site.downloads import write_downloads
from analysis.warehouse import reads
from analysis.warehouse.load import build_warehouse

REPO = Path(__file__).resolve().parents[3]


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)
    executed: list[str] = field(default_factory=list)  # notebooks run, not taken from the cache


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
    """The district plan to study and its parent plan: the one given, else the newest plan that
    names a parent and has targets (a plan just added, with no targets yet, is not chosen)."""
    plans = data["plans"]
    children = plans[plans.parent_plan_id.notna()].sort_values("issued_on")
    if plan_id is not None:
        children = children[children.plan_id == plan_id]
    else:
        children = children[children.plan_id.isin(data["targets"].plan_id)]
    if children.empty:
        rule = (
            "is not a plan in plans.csv that names a parent plan"
            if plan_id
            else "no plan with targets names a parent plan, so there is nothing to compare"
        )
        raise DataError([Problem("data/plans/plans.csv", None, "plan_id", plan_id, rule)])
    child = children.iloc[-1]
    return str(child.plan_id), str(child.parent_plan_id)


def page_names(data: DataSet, district: str, parent: str) -> dict[str, str]:
    """The names a page uses for the plans it shows, by role: {{ parent_place_zh }} is 北京市
    when the parent plan is Beijing's, and a fork's own city when it is not."""
    plans = data["plans"].set_index("plan_id")
    geos = data["geos"].set_index("geo")
    names = {}
    for role, plan_id in (("parent", parent), ("district", district)):
        geo = plans.at[plan_id, "geo"]
        names[f"{role}_place_zh"] = str(geos.at[geo, "name_zh"])
        names[f"{role}_place_en"] = str(geos.at[geo, "name_en"])
        for column in ("title_zh", "title_en"):
            names[f"{role}_{column}"] = str(plans.at[plan_id, column])
    return names


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
    """Validate the data and (re)write the warehouse atomically; return row counts per table.

    Validation results are remembered beside the warehouse, by the bytes they were computed from.
    """
    timings = Timings()
    with stage("validate", timings):
        data, outcomes = checked_data(data_dir, memo=ValidationMemo(db_path.parent / ".validation"))
    with (
        stage("load", timings),
        exclusive(db_path.parent),
        tempfile.TemporaryDirectory(dir=db_path.parent, prefix=STAGING_PREFIX) as tmp,
    ):
        staged = Path(tmp) / db_path.name
        counts = build_warehouse(data, staged, outcomes)
        replace_path(staged, db_path)
    return counts


def inputs_key(data_dir: Path, repo: Path, as_of: int | None, plan_id: str | None) -> str:
    """One hash of everything a build reads: data, notebooks, book sources, code and options,
    and the commit the manifest names (a new commit must not leave the site naming the old)."""
    sources = cache.tree_files(repo / "notebooks", (".ipynb",))
    sources += [repo / name for name in book.BOOK_FILES]
    sources += [f for name in book.BOOK_DIRS for f in cache.tree_files(repo / name)]
    parts = [
        cache.files_hash(cache.tree_files(data_dir), data_dir),
        cache.files_hash(sources, repo),
        cache.code_hash(),
        f"{as_of}:{plan_id}",
        str(manifest.commit_of(repo)["commit"]),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def run_notebooks(
    folder: Path,
    output: Path,
    parameters: dict,
    names: dict[str, str],
    store: cache.NotebookCache,
    timings: Timings,
    code: str,
    stop: Callable[[], bool] = lambda: False,
) -> list[str]:
    """Execute the notebooks whose source, parameters, code or reads changed, in parallel on the
    available cores; copy the others from the cache. Returns the names of those executed. Once
    `stop()` is true no further notebook starts (the build is failing anyway)."""
    cwd = output.parent
    answers = reads.Answers(Path(parameters["warehouse"]), cwd)
    pending = []
    for path in sorted(folder.glob("*.ipynb")):
        key = cache.notebook_key(path, {**parameters, "names": names}, code)
        cached = store.get(path.stem, key, answers)
        if cached:
            shutil.copy2(cached, output / path.name)
            print(f"[notebook {path.stem}] unchanged: taken from the cache", flush=True)
        else:
            pending.append((path, key))

    def run(item: tuple[Path, str]) -> str | None:
        path, key = item
        if stop():
            return None
        log = output.parent.parent / f"{path.stem}.reads.jsonl"
        with stage(f"notebook {path.stem}", timings):
            runner.execute(path, output / path.name, parameters, cwd, names, log)
        store.put(path.stem, key, output / path.name, answers.fingerprint(log))
        return path.stem

    workers = max(1, min(len(pending), os.cpu_count() or 1))
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(run, item) for item in pending]
            return [name for future in futures if (name := future.result())]
    finally:
        answers.close()


def build(
    data_dir: Path,
    out_dir: Path,
    db_path: Path,
    *,
    as_of: int | None = None,
    repo: Path = REPO,
    plan_id: str | None = None,
) -> Timings:
    """The whole pipeline; raises DataError, NotebookError or BookError and publishes nothing.

    A build whose inputs are those of the published site does nothing; otherwise only the
    notebooks whose inputs changed are executed, and Sphinx re-reads only the pages that changed
    (its state and the notebook cache live in a work folder beside the output).
    """
    timings = Timings()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    key = inputs_key(data_dir, repo, as_of, plan_id)
    key_file = out_dir.with_name(out_dir.name + ".build-key")
    if out_dir.is_dir() and db_path.exists() and key_file.exists() and key_file.read_text() == key:
        print("[build] nothing changed since the last build: the site is up to date", flush=True)
        return timings
    work = out_dir.resolve().with_name(f".{out_dir.name}-work")
    with (
        exclusive(out_dir.parent) as stale,
        tempfile.TemporaryDirectory(dir=out_dir.parent, prefix=STAGING_PREFIX) as tmp,
    ):
        for path in stale:
            print(f"[build] removed {path.name}, left by a build that did not finish", flush=True)
        staging = Path(tmp).resolve()
        with stage("read", timings):
            data = read_data(data_dir)
            validation = PendingValidation(data, ValidationMemo(work / "validation"))
        try:
            with stage("load", timings):
                staged_db = staging / db_path.name
                build_warehouse(data, staged_db, validation.outcomes)
            source = book.stage_sources(repo, staging)
            with stage("downloads", timings):
                write_downloads(staged_db, source / "_static" / "downloads")
            district, parent = choose_plans(data, plan_id)
            why = "as asked" if plan_id else "the newest plan with targets that names a parent"
            print(f"[plans] studying {district} against {parent} ({why}; --plan chooses)")
            code = cache.code_hash()
            parameters = {
                "as_of_year": as_of or default_as_of(data),
                "district_plan": district,
                "parent_plan": parent,
                "warehouse": str(staged_db),
            }
            described = manifest.describe(repo, data_dir, parameters)
            generated = {
                "progress-rule.md": rule_markdown(),
                "peak-rule.md": PEAK_RULE["zh"] + "\n\n" + PEAK_RULE["en"] + "\n",
                "build-summary.md": manifest.summary_markdown(described),
            }
            book.write_generated(source, generated)
            with stage("notebooks", timings):
                timings.executed = run_notebooks(
                    repo / "notebooks",
                    source / "book",
                    parameters,
                    page_names(data, district, parent),
                    cache.NotebookCache(work / "notebooks"),
                    timings,
                    code,
                    validation.failed,
                )
            if validation.failed():
                validation.result()  # raises: the data is bad, the pages are not built
            with stage("book", timings):
                book.write_vega_bundle(source / "_static", work / "vega")
                epoch = manifest.source_date_epoch(repo)
                html = book.build_html_incremental(
                    source, work / "book", staging / "site", code, epoch
                )
                manifest.write_manifest(html, described)
        except Exception:
            validation.result()  # when the data is bad, that is the cause to report
            raise
        with stage("validate", timings):
            validation.result()
        with stage("publish", timings):
            key_file.unlink(missing_ok=True)
            replace_path(staged_db, db_path)
            replace_path(html, out_dir)
            key_file.write_text(key)
    return timings
