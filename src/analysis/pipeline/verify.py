"""Check a published site against its manifest and against a rebuild from the checkout.

Two questions, both answered file by file: is the site what its manifest says was published (a
hand-edited page fails here), and does the current checkout build exactly that (a change to the
data or the code that the site does not reflect fails here)?
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from analysis.pipeline import manifest
from analysis.pipeline.build import REPO, build


def verify(
    site: Path,
    repo: Path = REPO,
    rebuild_into: Path | None = None,
    rebuilt: Path | None = None,
) -> list[str]:
    """Lines naming each file that differs, and why; empty when the site checks out.

    A site that no longer matches its own manifest fails at once: it was changed after it was
    built, and a rebuild (a cold build, half a minute) could tell nothing more about those files.
    The rebuild goes to `rebuild_into` when given (and stays there), else to a temporary folder;
    a site `rebuilt` already from the same commit is compared without building again.
    """
    if not (site / manifest.MANIFEST).is_file():
        return [f"{site}: no {manifest.MANIFEST.as_posix()}; is this a site built by this project?"]
    published = manifest.read_manifest(site)
    edited = [
        f"{name}: {what} (compared with the site's manifest)"
        for name, what in manifest.differences(published["files"], manifest.site_files(site))
    ]
    if edited:
        return edited
    if rebuilt is not None:
        return _compared(published, manifest.read_manifest(rebuilt))
    with tempfile.TemporaryDirectory(prefix="carbon-verify-") as tmp:
        folder = rebuild_into or Path(tmp)
        out = folder / "html"
        parameters = published["parameters"]
        build(
            repo / "data",
            out,
            folder / "carbon.duckdb",
            as_of=parameters.get("as_of_year"),
            repo=repo,
            plan_id=parameters.get("district_plan"),
        )
        return _compared(published, manifest.read_manifest(out))


def _compared(published: dict, rebuilt: dict) -> list[str]:
    """What differs between a site's manifest and a rebuild's, part by part and file by file."""
    found = [
        f"the {part} differ: published {published[part]}, now {rebuilt[part]}"
        for part in ("source", "packages", "parameters")
        if rebuilt[part] != published[part]
    ]
    found += [
        f"data/{name}: {what} (the data the site was built from)"
        for name, what in _data_differences(published, rebuilt)
    ]
    found += [
        f"{name}: {what} (compared with a rebuild of the same commit)"
        for name, what in manifest.differences(published["files"], rebuilt["files"])
    ]
    return found


def _data_differences(published: dict, rebuilt: dict) -> list[tuple[str, str]]:
    before, now = published["data"]["files"], rebuilt["data"]["files"]
    return [
        (name, "missing" if name not in now else "added" if name not in before else "changed")
        for name in sorted(before.keys() | now.keys())
        if before.get(name) != now.get(name)
    ]
