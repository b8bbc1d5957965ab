"""Benchmark the build: cold, unchanged and one-file rebuilds, stages, memory, page weights,
the naive Jupyter Book execution, and loading data 1×, 5× and 20× the real size.

Run from the repository with the project's environment:  .venv/bin/python benchmarks/run.py
It works in a fresh clone in a temporary folder, so nothing in the working tree changes. It prints
figures and the budgets they meet or miss; it asserts nothing. `--rev REV` benchmarks an earlier
commit (the sections that commit cannot run are skipped), to compare before and after.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml

REPO = Path(__file__).resolve().parents[1]
DONE = re.compile(r"^\[(.+?)\] done in ([\d.]+) s", re.M)


def run(command: list[str], cwd: Path, env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def peak_child_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def edit_one_statistic_note(data: Path) -> Path:
    """Change the note of one statistics row: a data change that adds no new figure."""
    path = sorted((data / "statistics").glob("*.csv"))[-1]
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["note"] = (rows[0]["note"] + " (edited by the benchmark)").strip()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def scaled_data(data: Path, target: Path, factor: int) -> dict[str, int]:
    """The real data plus (factor − 1) synthetic districts that copy the district plan, its
    targets, its exclusions and its statistics under a new geo. Synthetic, for timing only;
    never published."""
    shutil.copytree(data, target)
    plans = list(csv.DictReader(io.StringIO((data / "plans" / "plans.csv").read_text("utf-8"))))
    district = max((p for p in plans if p["parent_plan_id"]), key=lambda p: p["issued_on"])
    targets = list(csv.DictReader(io.StringIO((data / "targets.csv").read_text("utf-8"))))
    exclusions = list(
        csv.DictReader(io.StringIO((data / "plans" / "exclusions.csv").read_text("utf-8")))
    )
    stats = [
        row
        for path in sorted((data / "statistics").glob("*.csv"))
        for row in csv.DictReader(io.StringIO(path.read_text("utf-8")))
    ]
    own_stats = [s for s in stats if s["geo"] == district["geo"]]
    geos = list(csv.DictReader(io.StringIO((data / "geos.csv").read_text("utf-8"))))
    home = next(g for g in geos if g["geo"] == district["geo"])
    new_plans, new_targets, new_exclusions, new_stats, new_geos = [], [], [], [], []
    for k in range(2, factor + 1):
        plan_id, geo = f"synthetic-{k}", f"synthetic{k}"
        new_plans.append({**district, "plan_id": plan_id, "geo": geo})
        new_geos.append(
            {
                **home,
                "geo": geo,
                "name_zh": f"合成区{k}",
                "name_en": f"Synthetic {k}",
                "admin_code": "",
            }
        )
        new_targets += [
            {**t, "target_id": f"s{k}-{t['target_id']}", "plan_id": plan_id}
            for t in targets
            if t["plan_id"] == district["plan_id"]
        ]
        new_exclusions += [
            {**e, "plan_id": plan_id} for e in exclusions if e["plan_id"] == district["plan_id"]
        ]
        new_stats += [{**s, "geo": geo} for s in own_stats]

    def append(path: Path, rows: list[dict]) -> None:
        if not rows:
            return
        out = io.StringIO()
        csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n").writerows(rows)
        with path.open("a", encoding="utf-8") as f:
            f.write(out.getvalue())

    append(target / "plans" / "plans.csv", new_plans)
    append(target / "targets.csv", new_targets)
    append(target / "plans" / "exclusions.csv", new_exclusions)
    append(target / "geos.csv", new_geos)
    if new_stats:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(new_stats[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(new_stats)
        (target / "statistics" / "synthetic.csv").write_text(out.getvalue(), encoding="utf-8")
    return {
        "plans": len(plans) + len(new_plans),
        "targets": len(targets) + len(new_targets),
        "statistics": len(stats) + len(new_stats),
    }


def naive_build(clone: Path, db: Path, env: dict, scratch: Path) -> float:
    """Jupyter Book executing every notebook itself (execute_notebooks: force)."""
    naive = scratch / "naive"
    naive.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(clone / name, naive / name)
    shutil.copytree(clone / "book", naive / "book")
    shutil.copytree(clone / "_build" / "html" / "_static", naive / "_static")
    config = yaml.safe_load((naive / "_config.yml").read_text("utf-8"))
    config["execute"] = {"execute_notebooks": "force", "allow_errors": True, "timeout": 300}
    (naive / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    for path in sorted((clone / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if "parameters" in cell.metadata.get("tags", []):
                cell.source = re.sub(r'warehouse = ".*"', f'warehouse = "{db}"', cell.source)
        nbformat.write(nb, naive / "book" / path.name)
    jupyter_book = str(Path(sys.executable).with_name("jupyter-book"))
    seconds, _ = run([jupyter_book, "build", str(naive), "--quiet"], naive, env)
    return seconds


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rev", default="HEAD", help="the commit to benchmark")
    rev = parser.parse_args().rev
    scratch = Path(tempfile.mkdtemp(prefix="carbon-bench-"))
    clone = scratch / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", rev], check=True)
    env = {**os.environ, "PYTHONPATH": str(clone / "src")}
    build = [sys.executable, "-m", "analysis", "build"]

    print(f"Benchmark of {rev} in {scratch} ({os.cpu_count()} cores)\n")
    cold, cold_out = run(build, clone, env)
    cold_peak = peak_child_mb()
    unchanged, _ = run(build, clone, env)
    changed_file = edit_one_statistic_note(clone / "data")
    one_file, one_out = run(build, clone, env)

    print("| build | wall time (s) |")
    print("|---|---|")
    print(f"| cold (fresh clone, environment installed) | {cold:.1f} |")
    print(f"| no change | {unchanged:.1f} |")
    print(f"| one statistics file changed ({changed_file.name}) | {one_file:.1f} |")
    print(f"\nPeak memory of a build process: {cold_peak:.0f} MB\n")

    cold_stages, one_stages = dict(DONE.findall(cold_out)), dict(DONE.findall(one_out))
    print("| stage or notebook | cold (s) | after one file changed (s) |")
    print("|---|---|---|")
    for name in cold_stages:
        print(
            f"| {name} | {float(cold_stages[name]):.1f} | "
            f"{float(one_stages[name]) if name in one_stages else 0:.1f} |"
        )
    cached = re.findall(r"^\[notebook (.+?)\] unchanged", one_out, re.M)
    print(f"\nNotebooks taken from the cache after the change: {', '.join(cached) or 'none'}\n")

    html = clone / "_build" / "html"
    print("| page | own HTML (KB) |")
    print("|---|---|")
    pages = [*sorted(html.glob("book/*.html")), html / "index.html", html / "search.html"]
    for page in pages:
        print(f"| {page.relative_to(html)} | {page.stat().st_size / 1024:.0f} |")
    static = sum(p.stat().st_size for p in (html / "_static").rglob("*") if p.is_file())
    bundle = (html / "_static" / "vega-bundle.js").stat().st_size
    downloads = sum(p.stat().st_size for p in (html / "_static" / "downloads").rglob("*"))
    bundles = [p.name for p in html.rglob("*.js") if "vega" in p.name.lower()]
    print(
        f"\nShared static files: {static / 1e6:.1f} MB (of which the Vega bundle "
        f"{bundle / 1e6:.2f} MB, downloads {downloads / 1e6:.1f} MB); Vega files: {bundles}\n"
    )

    naive = naive_build(clone, clone / "_build" / "carbon.duckdb", env, scratch)
    print(
        f"Naive build (Jupyter Book executes every notebook itself): {naive:.1f} s — "
        f"{naive / cold:.1f}× our cold build, {naive / max(one_file, 0.01):.1f}× our rebuild "
        f"after one file changed, {naive / max(unchanged, 0.01):.0f}× our no-change rebuild\n"
    )

    print("| data size | plans | targets | statistics | load + validate (s) |")
    print("|---|---|---|---|---|")
    load_times = {}
    for factor in (1, 5, 20):
        data = scratch / f"data-{factor}x" / "data"
        counts = scaled_data(clone / "data", data, factor)
        seconds, _ = run(
            [
                sys.executable,
                "-m",
                "analysis",
                "load",
                "--data-dir",
                str(data),
                "--db",
                str(data.parent / "w.duckdb"),
            ],
            clone,
            env,
        )
        load_times[factor] = seconds
        print(
            f"| {factor}× | {counts['plans']} | {counts['targets']} | "
            f"{counts['statistics']} | {seconds:.1f} |"
        )

    largest = max(p.stat().st_size for p in pages) / 1024
    growth = load_times[20] / load_times[1]
    print("\n| budget | figure | verdict |")
    print("|---|---|---|")
    print(f"| cold build ≤ 60 s | {cold:.1f} s | {verdict(cold <= 60)} |")
    print(f"| no-change rebuild ≤ 5 s | {unchanged:.1f} s | {verdict(unchanged <= 5)} |")
    print(
        f"| one-file rebuild ≤ 40% of cold | {one_file / cold:.0%} | "
        f"{verdict(one_file <= 0.4 * cold)} |"
    )
    print(
        f"| 20× loads and validates ≤ 15 s | {load_times[20]:.1f} s | "
        f"{verdict(load_times[20] <= 15)} |"
    )
    print(
        f"| time grows no faster than data (time ×{growth:.1f} for data ×20) | ×{growth:.1f} | "
        f"{verdict(growth <= 20 and load_times[20] / load_times[5] <= 4)} |"
    )
    print(
        f"| one Vega bundle shared by all pages | {len(bundles)} file(s) | "
        f"{verdict(len(bundles) == 1)} |"
    )
    print(
        f"| each page's own HTML ≤ 300 KB | largest {largest:.0f} KB | {verdict(largest <= 300)} |"
    )
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
