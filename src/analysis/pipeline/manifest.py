"""What a published site was built from, and a fingerprint of every file it publishes.

The manifest lets a reader check that a site came from a given commit and data: `python -m
analysis verify SITE_DIR` rebuilds from the checkout and compares file by file. Every published
file is byte-stable except the DuckDB file, whose format writes a different header on each
write; for it the manifest gives a hash of its contents instead (every table's schema and rows
in a total order), which is what verify compares.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from importlib import metadata
from pathlib import Path

import duckdb

from analysis.pipeline.rebuild.fingerprint import Fingerprint, sha256, tree_files

MANIFEST = Path("_static") / "build-manifest.json"
PACKAGES = (
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "papermill",
    "great-expectations",
    "duckdb",
    "pandas",
    "pyarrow",
    "altair",
    "vl-convert-python",
)


def _git(repo: Path, *args: str) -> str | None:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() if done.returncode == 0 else None


def commit_of(repo: Path) -> dict:
    """The commit the sources come from, its time, and whether tracked files differ from it."""
    commit = _git(repo, "rev-parse", "HEAD")
    seconds = _git(repo, "log", "-1", "--format=%ct")
    changes = _git(repo, "status", "--porcelain", "--untracked-files=no")
    return {
        "commit": commit,
        "committed_at": (
            dt.datetime.fromtimestamp(int(seconds), dt.UTC).isoformat() if seconds else None
        ),
        "uncommitted_changes": bool(changes) if changes is not None else None,
    }


def source_date_epoch(repo: Path) -> str | None:
    """The commit time, for the tools that stamp dates (SOURCE_DATE_EPOCH)."""
    return _git(repo, "log", "-1", "--format=%ct") or None


def duckdb_content_sha256(path: Path) -> str:
    """A hash of every table's and view's definition and rows, the rows in a total order."""
    digest = hashlib.sha256()
    with duckdb.connect(str(path), read_only=True) as con:
        names = con.execute(
            "SELECT table_name, table_type FROM information_schema.tables "
            "WHERE table_schema = 'main' ORDER BY table_name"
        ).fetchall()
        for name, kind in names:
            columns = con.execute(f'DESCRIBE "{name}"').fetchall()
            digest.update(repr((name, kind, [c[:2] for c in columns])).encode())
            cursor = con.execute(f'SELECT * FROM "{name}" ORDER BY ALL')
            while rows := cursor.fetchmany(10_000):
                digest.update(repr(rows).encode())
    return digest.hexdigest()


def describe(repo: Path, data: Fingerprint, parameters: dict) -> dict:
    """Everything but the published files: source, data, software and parameters."""
    return {
        "source": commit_of(repo),
        "data": {"sha256_of_all": data.combined(), "files": dict(sorted(data.files.items()))},
        "packages": {name: metadata.version(name) for name in PACKAGES},
        "parameters": {k: v for k, v in sorted(parameters.items()) if k != "warehouse"},
    }


def site_files(site: Path) -> dict[str, dict]:
    """Every published file but the manifest, with its SHA-256; for a DuckDB file, the hash of
    its contents instead, so that the manifest itself is the same on every build."""
    files = {}
    for path in sorted(tree_files(site, skip_caches=False)):
        name = path.relative_to(site).as_posix()
        if name == MANIFEST.as_posix():
            continue
        if path.suffix == ".duckdb":
            files[name] = {"byte_stable": False, "content_sha256": duckdb_content_sha256(path)}
        else:
            files[name] = {"sha256": sha256(path)}
    return files


def write_manifest(site: Path, described: dict) -> dict:
    manifest = {**described, "files": site_files(site)}
    (site / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest


def read_manifest(site: Path) -> dict:
    return json.loads((site / MANIFEST).read_text(encoding="utf-8"))


def differences(expected: dict[str, dict], actual: dict[str, dict]) -> list[tuple[str, str]]:
    """(file, what differs) for each file that is missing, added or different."""
    found = []
    for name in sorted(expected.keys() | actual.keys()):
        if name not in actual:
            found.append((name, "missing"))
        elif name not in expected:
            found.append((name, "not in the manifest"))
        elif expected[name] != actual[name]:
            found.append((name, "different bytes"))
    return found


def summary_markdown(described: dict) -> str:
    """The data page's account of the build (the manifest itself has the files' hashes)."""
    source, data = described["source"], described["data"]
    commit = (source["commit"] or "unknown")[:12]
    when = (source["committed_at"] or "")[:10]
    dirty = " plus changes not committed" if source["uncommitted_changes"] else ""
    packages = ", ".join(f"{name} {version}" for name, version in described["packages"].items())
    parameters = ", ".join(f"{k} = {v}" for k, v in described["parameters"].items())
    # raw HTML: the manifest is written after Sphinx, which would call a Markdown link broken
    link = '<a href="../_static/build-manifest.json">build-manifest.json</a>'
    return "\n".join(
        [
            f"- 提交 · Commit: `{commit}` ({when}){dirty}",
            f"- 数据 · Data: {len(data['files'])} files, SHA-256 of them all "
            f"`{data['sha256_of_all'][:16]}…`",
            f"- 软件 · Software: {packages}",
            f"- 参数 · Parameters: {parameters}",
            "",
            "完整清单列出每个数据文件和每个发布文件的 SHA-256："
            f"{link}。"
            "`python -m analysis verify _build/html` 从当前代码重新构建并逐个文件比较。",
            "",
            "The full manifest gives the SHA-256 of every data file and of every published file: "
            f"{link}. `python -m analysis verify "
            "_build/html` rebuilds from the current checkout and compares file by file. The "
            "DuckDB file is the one file that is not byte-stable (its format writes a new header "
            "each time); for it the manifest gives a hash of its tables' contents, which verify "
            "compares.",
            "",
        ]
    )
