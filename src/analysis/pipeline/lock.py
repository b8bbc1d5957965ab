"""One writer at a time in the build folder, and nothing left behind by a build that died.

A build stages everything in `.staging-*` folders beside its output and moves the result into
place at the end. Killed half-way, it leaves its staging folder behind; two builds started at
once into the same folder would interleave. So every build and load holds an exclusive lock on
the folder (flock, which the system releases when the process dies, however it dies), refuses
with a clear message while another holds it, and on taking it removes the staging folders that
no running build owns: while the lock is held, none is.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".build.lock"
STAGING_PREFIX = ".staging-"


class BuildBusy(Exception):
    """Another build is writing into the same folder."""


@contextmanager
def exclusive(folder: Path) -> Iterator[list[Path]]:
    """Hold the folder's build lock; yield the stale staging folders that were removed."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK_NAME).open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            owner = handle.read().strip() or "unknown"
            raise BuildBusy(
                f"another build (process {owner}) is writing into {folder}; wait for it to "
                "finish, or stop it, and run the command again"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        stale = sorted(p for p in folder.glob(f"{STAGING_PREFIX}*") if p.is_dir())
        for path in stale:
            shutil.rmtree(path, ignore_errors=True)
        yield stale
