"""The rebuild cache: a data change re-runs the notebooks whose pages it changes, and an
unchanged build re-runs none."""

from __future__ import annotations

import re
import shutil

import pytest

from analysis.pipeline.build import build
from analysis.pipeline.manifest import read_manifest

from ..conftest import DATA, REPO, published_files

# the tests rebuild one copy of the site in turn
pytestmark = pytest.mark.xdist_group("cache")


@pytest.fixture(scope="module")
def site(built_site, tmp_path_factory):
    """A copy of the session's build and of its data, rebuilt by the tests in order."""
    root = tmp_path_factory.mktemp("cache")
    shutil.copytree(DATA, root / "data")
    shutil.copytree(built_site.parent, root / "site")
    return root, root / "site" / "html", root / "site" / "carbon.duckdb"


@pytest.mark.e2e
def test_unchanged_build_does_nothing(site):
    root, out, db = site
    again = build(root / "data", out, db)
    assert again.stages == {} and again.executed == []


@pytest.mark.e2e
def test_unchanged_inputs_take_every_notebook_from_the_cache(site):
    root, out, db = site
    out.with_name(out.name + ".build-key").unlink()  # force the pipeline to run
    again = build(root / "data", out, db)
    assert again.executed == []
    assert "book" in again.stages


def _pages_with(out, text: str) -> set[str]:
    """The notebook pages whose HTML shows a text."""
    return {
        page.stem
        for page in (out / "book").glob("*.html")
        if (REPO / "notebooks" / f"{page.stem}.ipynb").exists()
        and text in page.read_text(encoding="utf-8")
    }


def _edit(path, old: str, new: str, times: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == times, f"{old!r} is not {times}× in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _listed_size_kb(out, table: str) -> str:
    """The size the data page gives for a table's CSV download."""
    html = (out / "book" / "data.html").read_text(encoding="utf-8")
    found = re.search(rf'{table}\.parquet" download>.*?<td class="num">([\d.]+)</td>', html)
    assert found, f"the data page lists no download for {table}"
    return found.group(1)


@pytest.mark.e2e
def test_an_edited_note_reruns_only_the_notebooks_that_read_notes(site):
    """No page shows the notes of statistics; the data page lists the downloads' sizes, which
    an edited note changes. So the data notebook re-runs, and no other."""
    root, out, db = site
    old, new = "is a footnote marker in the bulletin", "is a footnote sign in the bulletin, edited"
    assert not _pages_with(out, old)
    _edit(root / "data" / "statistics" / "2024.csv", old, new)
    again = build(root / "data", out, db)
    assert again.executed == ["data"]
    download = out / "_static" / "downloads" / "statistics.csv"
    assert new in download.read_text(encoding="utf-8")
    assert float(_listed_size_kb(out, "statistics")) == round(download.stat().st_size / 1024, 1)


@pytest.mark.e2e
def test_a_changed_value_reruns_the_notebooks_that_show_it(site):
    root, out, db = site
    showing = _pages_with(out, "49843.1")
    assert showing, "no page shows the value this test edits"
    before = read_manifest(out)
    _edit(root / "data" / "statistics" / "2024.csv", "49843.1", "49843.7", times=2)  # + snippet
    again = build(root / "data", out, db)
    assert showing <= set(again.executed)
    # the old value survives only on the page that lists it as revised (old → new)
    assert _pages_with(out, "49843.7") >= showing and _pages_with(out, "49843.1") == {"changes"}
    # pages that read no statistics are taken from the cache
    assert {"plans", "targets", "responsibilities"}.isdisjoint(again.executed)
    _only_what_shows_the_value_changed(before, read_manifest(out), out, "49843.7")


def _only_what_shows_the_value_changed(before: dict, after: dict, out, value: str) -> None:
    """The manifests before and after a value changed: one data file differs, and among the
    published files only the pages that show the value, the downloads and the search index."""
    data_before, data_after = before["data"]["files"], after["data"]["files"]
    assert [n for n in data_after if data_after[n] != data_before[n]] == ["statistics/2024.csv"]
    changed = sorted(n for n in after["files"] if after["files"][n] != before["files"].get(n))
    assert set(after["files"]) == set(before["files"])
    showing = {
        f"book/{p.stem}.html"
        for p in (out / "book").glob("*.html")
        if value in p.read_text(encoding="utf-8")
    }
    assert showing and showing <= set(changed)
    for name in changed:
        shown_by = name.replace("_sources/", "").replace(".ipynb", ".html")
        page = name in showing or shown_by in showing
        download = name.startswith(("_static/downloads/", "_downloads/"))
        assert page or download or name == "searchindex.js", name


@pytest.mark.e2e
def test_undoing_the_edits_gives_the_first_build_byte_for_byte(site, built_site):
    """Two incremental builds on top of each other, then the data as it was: the site must be
    what a fresh build of that data gave (no stale search word, download or Sphinx record)."""
    root, out, db = site
    shutil.copy2(DATA / "statistics" / "2024.csv", root / "data" / "statistics" / "2024.csv")
    build(root / "data", out, db)
    now, first = published_files(out), published_files(built_site)
    assert now.keys() == first.keys()
    assert sorted(n for n in now if now[n] != first[n]) == ["_static/downloads/carbon.duckdb"]
