"""Assemble the book's sources in a staging folder and build the site with Jupyter Book 1.x."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from analysis.pipeline.rebuild.fingerprint import tree_files

BOOK_FILES = ("_config.yml", "_toc.yml")
BOOK_DIRS = ("book", "_static", "_extra")
VEGA_BUNDLE = "vega-bundle.js"


class BookError(Exception):
    """The site did not build; the message carries Sphinx's own warnings and errors."""


def write_vega_bundle(static_dir: Path, cache_dir: Path) -> Path:
    """Vega, Vega-Lite and vega-embed in one local script, so charts need no CDN.

    The bundle is wrapped in a function so that its top-level names do not leak into the page,
    and publishes only window.vegaEmbed. It is made once per vl-convert version and reused.
    """
    import vl_convert

    cached = cache_dir / f"vega-bundle-{vl_convert.__version__}.js"
    if not cached.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        bundle = vl_convert.javascript_bundle(snippet="window.vegaEmbed = vegaEmbed;")
        cached.write_text("(function () {\n" + bundle + "\n})();\n", encoding="utf-8")
    static_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(cached, static_dir / VEGA_BUNDLE))


def stage_sources(repo: Path, staging: Path) -> Path:
    """Copy the hand-written book sources into a fresh folder that the build may write into."""
    source = staging / "source"
    source.mkdir(parents=True)
    for name in BOOK_FILES:
        shutil.copy2(repo / name, source / name)
    for name in BOOK_DIRS:
        if (repo / name).exists():
            shutil.copytree(repo / name, source / name)
    return source


def write_generated(source: Path, files: dict[str, str]) -> None:
    """Text the code writes for the hand-written chapters to include (book/_generated/…), so a
    rule worded in the code reads the same in every chapter that states it."""
    folder = source / "book" / "_generated"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def build_html(source: Path, output: Path, epoch: str | None = None) -> Path:
    """Run a strict Jupyter Book build (warnings are errors); return the HTML folder.

    `epoch` (the commit time) becomes SOURCE_DATE_EPOCH, so that tools which stamp a date
    stamp the same one on every build of a commit."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [
        str(jupyter_book),
        "build",
        str(source),
        "--path-output",
        str(output),
        "--builder",
        "html",
        "-W",
        "-n",
        "--keep-going",
        "--quiet",
    ]
    env = {**os.environ, "NO_COLOR": "1"}
    if epoch and "SOURCE_DATE_EPOCH" not in env:
        env["SOURCE_DATE_EPOCH"] = epoch
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=source)
    if done.returncode != 0:
        report = (
            "\n".join(
                line
                for line in (done.stdout + done.stderr).splitlines()
                if "WARNING" in line or "ERROR" in line or "Error" in line
            )
            or (done.stdout + done.stderr)[-4000:]
        )
        raise BookError(report)
    return output / "_build" / "html"


# Sphinx appends ?v=<checksum> to an asset's address only when the file is already in the output
# as the page is written, which on a first build it is not for every file: the same sources then
# give different pages depending on what was built before. This surgery on Sphinx's output was
# written against Sphinx 7.4.7 (the version jupyter-book 1.0.4 pins in requirements.lock); a new
# Sphinx may write its addresses otherwise, and the reproducibility tests would say so.
_ASSET_VERSION = re.compile(r'((?:href|src)="[^"?]*_static/[^"?]+)\?v=[0-9a-f]+"')


def drop_asset_versions(html: Path) -> int:
    """Write every page's asset addresses without Sphinx's ?v= suffix; return pages changed."""
    changed = 0
    for page in sorted(html.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        plain = _ASSET_VERSION.sub(r'\1"', text)
        if plain != text:
            page.write_text(plain, encoding="utf-8")
            changed += 1
    return changed


def sync_tree(source: Path, target: Path) -> list[Path]:
    """Make target a copy of source, touching only files whose bytes differ (so that Sphinx,
    which compares modification times, re-reads only what changed). Returns the files removed
    from target: what was built from them may still lie in an output folder."""
    wanted = {p.relative_to(source) for p in tree_files(source)}
    for relative in sorted(wanted):
        src, dst = source / relative, target / relative
        if dst.exists() and dst.read_bytes() == src.read_bytes():
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
    removed = sorted({p.relative_to(target) for p in tree_files(target)} - wanted)
    for relative in removed:
        (target / relative).unlink()
    return removed


def build_html_incremental(
    source: Path, work: Path, output: Path, code: str, epoch: str | None = None
) -> Path:
    """Build in a persistent folder that mirrors the staged sources, so that Sphinx re-reads
    only changed pages, then copy the site to `output`. Nothing is published that a cold build
    of the same sources would not publish, so Sphinx starts afresh when it could have left
    something behind: after a failure (a page whose warning stopped this build must be read,
    and fail, again), after a file was removed (its page stays in Sphinx's output), and when
    the code changed (every notebook runs again then anyway)."""
    mirror = work / "source"
    mirror.mkdir(parents=True, exist_ok=True)
    state = work / "code.sha256"
    removed = sync_tree(source, mirror)
    if removed or not state.exists() or state.read_text(encoding="utf-8") != code:
        shutil.rmtree(work / "_build", ignore_errors=True)
    # Sphinx keeps every download it ever copied, though it copies the current ones each time
    shutil.rmtree(work / "_build" / "html" / "_downloads", ignore_errors=True)
    try:
        html = build_html(mirror, work, epoch)
    except BookError:
        shutil.rmtree(work, ignore_errors=True)
        raise
    state.write_text(code, encoding="utf-8")
    shutil.copytree(html, output)
    # Sphinx's own record of the build: its config hash depends on where Python is installed
    (output / ".buildinfo").unlink(missing_ok=True)
    drop_asset_versions(output)
    drop_stale_search_terms(output)
    return output


_SEARCH_INDEX = ("Search.setIndex(", ")")


def drop_stale_search_terms(html: Path) -> int:
    """Sphinx's search index keeps every word a page ever had, with an empty list of pages once
    no page has it any more, so an incremental build's index holds words a cold build's does
    not. Drop those words (Sphinx's own writer does the rest: sorted keys); return how many."""
    path = html / "searchindex.js"
    prefix, suffix = _SEARCH_INDEX
    text = path.read_text(encoding="utf-8")
    index = json.loads(text[len(prefix) : -len(suffix)])
    dropped = 0
    for part in ("terms", "titleterms"):
        words = index.get(part, {})
        for word in [w for w, pages in words.items() if pages == []]:
            del words[word]
            dropped += 1
    if dropped:
        path.write_text(prefix + json.dumps(index, sort_keys=True) + suffix, encoding="utf-8")
    return dropped
