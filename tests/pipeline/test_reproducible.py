"""The same commit builds the same site, byte for byte, wherever it is built; the site carries a
manifest of what it was built from; `verify` catches a page edited by hand."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from analysis.pipeline.manifest import MANIFEST, read_manifest
from analysis.pipeline.verify import verify

from ..conftest import DATA, REPO, published_files, run_cli

# The DuckDB format writes a new header on every write; the manifest compares its contents.
NOT_BYTE_STABLE = ".duckdb"


@pytest.mark.e2e
def test_a_cold_build_runs_every_notebook_in_place(fresh_clone_build):
    _, timings, cwd_after = fresh_clone_build
    notebooks = REPO / "notebooks"
    assert sorted(timings.executed) == sorted(p.stem for p in notebooks.glob("*.ipynb"))
    # notebooks run in parallel threads: none may move the process's working directory
    assert cwd_after == os.getcwd()


@pytest.mark.e2e
def test_verify_passes_on_a_cold_build_of_the_same_commit(built_site, fresh_clone_build):
    """One cold build serves both checks: the project's site, built in another folder on what
    earlier builds left, verifies against it."""
    assert verify(built_site, rebuilt=fresh_clone_build[0]) == []


@pytest.mark.e2e
def test_the_project_build_is_what_a_cold_build_gives(built_site, fresh_clone_build):
    """_build/ is built on whatever earlier builds left (notebook cache, Sphinx's state); its
    site must be byte for byte that of a cold build of the same commit."""
    changes = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert not changes, f"commit first: the cold build is of HEAD, _build/ is of\n{changes}"
    site = fresh_clone_build[0]
    ours, cold = published_files(built_site), published_files(site)
    assert sorted(ours.keys() - cold.keys()) == [] and sorted(cold.keys() - ours.keys()) == []
    differ = sorted(name for name in ours if ours[name] != cold[name])
    assert differ == ["_static/downloads/carbon.duckdb"]


@pytest.mark.e2e
def test_no_machine_path_is_published(built_site, fresh_clone_build):
    for site in (built_site, fresh_clone_build[0]):
        folder = str(site.parent.parent.resolve())
        for name, content in published_files(site).items():
            if name.endswith((".duckdb", ".parquet", ".png", ".woff", ".woff2", ".ttf")):
                continue
            text = content.decode("utf-8", errors="replace")
            assert folder not in text, name
            assert ".staging-" not in text, name
            assert str(Path.home()) + "/" not in text, name


@pytest.mark.e2e
def test_the_manifest_says_what_the_site_was_built_from(built_site):
    manifest = read_manifest(built_site)
    head = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    )
    assert manifest["source"]["commit"] == head.stdout.strip()
    data_files = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file()}
    assert set(manifest["data"]["files"]) == data_files
    assert manifest["parameters"]["district_plan"] == "changping-2023"
    assert {"jupyter-book", "duckdb", "great-expectations"} <= set(manifest["packages"])
    published = {name for name in published_files(built_site) if name != MANIFEST.as_posix()}
    assert set(manifest["files"]) == published
    data_page = (built_site / "book" / "data.html").read_text(encoding="utf-8")
    assert manifest["source"]["commit"][:12] in data_page
    assert manifest["data"]["sha256_of_all"][:16] in data_page


@pytest.mark.e2e
def test_each_download_is_published_once_and_every_link_to_one_works(built_site):
    """The downloads live in _static/downloads; a Markdown link would make Sphinx publish a
    second copy of the file (4 MB for the DuckDB file) under _downloads/."""
    assert not (built_site / "_downloads").exists()
    data_page = (built_site / "book" / "data.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(\.\./_static/downloads/[^"]+)"', data_page)
    assert {"../_static/downloads/carbon.duckdb", "../_static/downloads/datapackage.json"} <= set(
        links
    )
    for link in links:
        assert (built_site / "book" / link).resolve().is_file(), link


@pytest.mark.e2e
def test_verify_fails_at_once_after_a_hand_edit(built_site, tmp_path):
    edited = tmp_path / "html"
    shutil.copytree(built_site, edited)
    page = edited / "book" / "progress.html"
    page.write_text(page.read_text("utf-8").replace("</h1>", " (edited)</h1>", 1), "utf-8")
    done = run_cli("verify", str(edited))
    assert done.returncode == 1
    named = {line.split(":")[0].strip() for line in done.stderr.splitlines()[1:]}
    assert named == {"book/progress.html"}, done.stderr
    assert "[notebooks]" not in done.stdout  # the edit is found without a rebuild


def test_verify_names_a_page_added_in_any_folder(built_site, tmp_path):
    added = tmp_path / "html"
    shutil.copytree(built_site, added)
    (added / "_static" / "__pycache__").mkdir(parents=True, exist_ok=True)
    (added / "_static" / "__pycache__" / "extra.html").write_text("<p>added</p>", "utf-8")
    done = run_cli("verify", str(added))
    assert done.returncode == 1
    assert "_static/__pycache__/extra.html" in done.stderr, done.stderr


def test_verify_refuses_a_folder_without_a_manifest(tmp_path):
    done = run_cli("verify", str(tmp_path))
    assert done.returncode == 1 and "build-manifest.json" in done.stderr


@pytest.mark.e2e
def test_every_query_a_page_runs_orders_its_rows(built_site):
    """A query without ORDER BY may return its rows in another order on the next build; the
    build logs every query each notebook ran (see warehouse.connection)."""
    reads = sorted((built_site.parent / f".{built_site.name}-work" / "notebooks").glob("*/*.json"))
    assert reads, "the build kept no record of what the notebooks read"
    unordered = set()
    with duckdb.connect(str(built_site.parent / "carbon.duckdb"), read_only=True) as con:
        for path in reads:
            for read in json.loads(path.read_text(encoding="utf-8")):
                if read["sql"] is None or "ORDER BY" in read["sql"].upper():
                    continue
                rows = con.execute(read["sql"], read["parameters"]).fetchall()
                if len(rows) > 1:
                    unordered.add((path.parent.name, " ".join(read["sql"].split())))
    assert not unordered
