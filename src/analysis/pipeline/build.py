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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from analysis.analyses.peaks import RULE as PEAK_RULE
from analysis.analyses.progress import rule_markdown
from analysis.contract.problems import DataError, Problem
from analysis.ingest.dataset import DataSet
from analysis.pipeline import book, manifest, runner
from analysis.pipeline.lock import STAGING_PREFIX, exclusive
from analysis.pipeline.rebuild.fingerprint import (
    Fingerprint,
    code_checksum,
    package_fingerprint,
    tree_files,
)
from analysis.pipeline.rebuild.notebook_cache import Answers, notebook_step
from analysis.pipeline.rebuild.step import key_of
from analysis.pipeline.rebuild.validation_memo import ValidationMemo
from analysis.pipeline.validation import PendingValidation, start_validation, validated
from analysis.site.downloads import write_downloads
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
        data, outcomes = validated(data_dir, ValidationMemo(db_path.parent / ".validation"))
    with (
        stage("load", timings),
        exclusive(db_path.parent),
        tempfile.TemporaryDirectory(dir=db_path.parent, prefix=STAGING_PREFIX) as tmp,
    ):
        staged = Path(tmp) / db_path.name
        counts = build_warehouse(data, staged, outcomes)
        replace_path(staged, db_path)
    return counts


class SiteStep:
    """The whole site as one unit of the rebuild protocol: a build whose ingredients are those
    of the published site and warehouse does nothing. Its key is kept beside the site."""

    name = "site"

    def __init__(self, data: Fingerprint, package: Fingerprint, repo: Path, options: str,
                 out_dir: Path, db_path: Path):  # fmt: skip
        self.data, self.package, self.repo, self.options = data, package, repo, options
        self.out_dir, self.db_path = out_dir, db_path
        self.key_file = out_dir.with_name(out_dir.name + ".build-key")
        self._ingredients: dict[str, str] | None = None

    def ingredients(self) -> dict[str, str]:
        """Data, notebooks, book sources, code and options (--as-of, --plan), and the commit
        the manifest names (a new commit must not leave the site naming the old)."""
        if self._ingredients is None:
            sources = tree_files(self.repo / "notebooks", (".ipynb",))
            sources += [self.repo / name for name in book.BOOK_FILES]
            sources += [f for name in book.BOOK_DIRS for f in tree_files(self.repo / name)]
            self._ingredients = {
                "data": self.data.combined(),
                "book sources": Fingerprint.of(self.repo, sources).combined(),
                "code": self.package.combined(),
                "options": self.options,
                "commit": str(manifest.commit_of(self.repo)["commit"]),
            }
        return self._ingredients

    def is_dirty(self) -> bool:
        return not (
            self.out_dir.is_dir()
            and self.db_path.exists()
            and self.key_file.exists()
            and self.key_file.read_text() == key_of(self.ingredients())
        )

    def forget(self) -> None:
        """Before publishing: a site half replaced must not pass for the one the key names."""
        self.key_file.unlink(missing_ok=True)

    def remember(self) -> None:
        self.key_file.write_text(key_of(self.ingredients()))


def run_notebooks(
    folder: Path,
    output: Path,
    parameters: dict,
    names: dict[str, str],
    cache_folder: Path,
    timings: Timings,
    code: str,
    stop: Callable[[], bool] = lambda: False,
) -> list[str]:
    """Execute the notebooks whose source, parameters, code or reads changed, in parallel on the
    available cores; copy the others from the cache. Returns the names of those executed. Once
    `stop()` is true no further notebook starts (the build is failing anyway)."""
    cwd = output.parent
    answers = Answers(Path(parameters["warehouse"]), cwd)

    def run(path: Path) -> str | None:
        """Take the notebook from the cache, or run it: each worker checks and runs its own
        notebooks, so the checks of some overlap the runs of others."""
        step = notebook_step(path, {**parameters, "names": names}, code, cache_folder, answers)
        cached = step.cached()
        if cached:
            shutil.copy2(cached, output / path.name)
            print(f"[notebook {path.stem}] unchanged: taken from the cache", flush=True)
            return None
        if stop():
            return None
        log = output.parent.parent / f"{path.stem}.reads.jsonl"
        with stage(f"notebook {path.stem}", timings):
            runner.execute(path, output / path.name, parameters, cwd, names, log)
        step.store(output / path.name, log)
        return path.stem

    pending = sorted(folder.glob("*.ipynb"))
    workers = max(1, min(len(pending), os.cpu_count() or 1))
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(run, path) for path in pending]
            return [name for future in futures if (name := future.result())]
    finally:
        answers.close()


@dataclass(frozen=True)
class _Build:
    """What the stages of one build share: where things go and what they are made from."""

    data_dir: Path
    repo: Path
    staging: Path
    work: Path
    data_fingerprint: Fingerprint
    package: Fingerprint
    as_of: int | None
    plan_id: str | None


def _pages(run: _Build, validation: PendingValidation, db_name: str, timings: Timings) -> Path:
    """Load the warehouse, run the notebooks and build the site in the staging folder; returns
    the staged site. Stops as soon as validation has found a problem."""
    data = validation.data
    with stage("load", timings):
        staged_db = run.staging / db_name
        build_warehouse(data, staged_db, validation.outcomes)
    source = book.stage_sources(run.repo, run.staging)
    with stage("downloads", timings):
        write_downloads(staged_db, source / "_static" / "downloads")
    district, parent = choose_plans(data, run.plan_id)
    why = "as asked" if run.plan_id else "the newest plan with targets that names a parent"
    print(f"[plans] studying {district} against {parent} ({why}; --plan chooses)")
    parameters = {
        "as_of_year": run.as_of or default_as_of(data),
        "district_plan": district,
        "parent_plan": parent,
        "warehouse": str(staged_db),
    }
    described = manifest.describe(run.repo, run.data_fingerprint, parameters)
    generated = {
        "progress-rule.md": rule_markdown(),
        "peak-rule.md": PEAK_RULE["zh"] + "\n\n" + PEAK_RULE["en"] + "\n",
        "build-summary.md": manifest.summary_markdown(described),
    }
    book.write_generated(source, generated)
    code = code_checksum(run.package)
    with stage("notebooks", timings):
        timings.executed = run_notebooks(
            run.repo / "notebooks",
            source / "book",
            parameters,
            page_names(data, district, parent),
            run.work / "notebooks",
            timings,
            code,
            validation.failed,
        )
    if validation.failed():
        validation.result()  # raises: the data is bad, the pages are not built
    with stage("book", timings):
        book.write_vega_bundle(source / "_static", run.work / "vega")
        epoch = manifest.source_date_epoch(run.repo)
        site = run.staging / "site"
        html = book.build_html_incremental(source, run.work / "book", site, code, epoch)
        manifest.write_manifest(html, described)
    return html


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
    (its state and the notebook cache live in a work folder beside the output). The data folder
    and the package are hashed once, here, and every cache takes its hashes from these.
    """
    timings = Timings()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    data_fingerprint, package = Fingerprint.of(data_dir), package_fingerprint()
    site = SiteStep(data_fingerprint, package, repo, f"{as_of}:{plan_id}", out_dir, db_path)
    if not site.is_dirty():
        print("[build] nothing changed since the last build: the site is up to date", flush=True)
        return timings
    work = out_dir.resolve().with_name(f".{out_dir.name}-work")
    with (
        exclusive(out_dir.parent) as stale,
        tempfile.TemporaryDirectory(dir=out_dir.parent, prefix=STAGING_PREFIX) as tmp,
    ):
        for path in stale:
            print(f"[build] removed {path.name}, left by a build that did not finish", flush=True)
        run = _Build(data_dir, repo, Path(tmp).resolve(), work, data_fingerprint, package,
                     as_of, plan_id)  # fmt: skip
        with stage("read", timings):
            memo = ValidationMemo(work / "validation")
            validation = start_validation(data_dir, memo, fingerprint=data_fingerprint)
        if validation.data.read_problems:
            validation.result()  # cells that cannot be read: nothing to load
        try:
            html = _pages(run, validation, db_path.name, timings)
        except Exception:
            validation.result()  # when the data is bad, that is the cause to report
            raise
        with stage("validate", timings):
            validation.result()
        with stage("publish", timings):
            site.forget()
            replace_path(run.staging / db_path.name, db_path)
            replace_path(html, out_dir)
            site.remember()
    return timings
