"""Kernels started ahead of the notebooks that will run in them, with the pages' imports done.

Starting a kernel and importing pandas, Altair and the analysis package cost about two seconds
per notebook, more than most notebooks spend on their own cells. The build starts a kernel for
each worker as soon as the data is read, so that this happens while the warehouse is loaded and
the cache is checked, and starts the next one as each is taken. Only one is started before the
build knows how many notebooks must run: a second one, started on spec, slowed the common case of
one changed page by competing for the two cores. Each kernel runs one notebook
and is shut down: no page can see another page's variables.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from analysis.warehouse.reads import QUERY_LOG

# What every page imports; importing it in advance changes nothing a page computes.
WARM_UP = (
    "import IPython.display, altair, duckdb, pandas\n"
    "import analysis.analyses.compare, analysis.analyses.data, analysis.analyses.emissions\n"
    "import analysis.analyses.findings, analysis.analyses.progress, analysis.analyses.quality\n"
    "import analysis.analyses.responsibilities, analysis.analyses.sectors\n"
    "import analysis.analyses.targets, analysis.site.charts, analysis.site.emission_charts\n"
    "import analysis.site.labels, analysis.site.progress_charts, analysis.site.tables\n"
    "import analysis.site.downloads, analysis.warehouse.load\n"
)


async def _run(km: AsyncKernelManager, code: str) -> None:
    client = km.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=120)
        reply = await client.execute_interactive(code, timeout=120)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"a kernel could not run {code!r}: {reply['content']}")
    finally:
        client.stop_channels()


def _warm_kernel(cwd: Path) -> AsyncKernelManager:
    km = AsyncKernelManager(kernel_name="python3")

    async def start() -> None:
        # the kernel's start-up and shutdown chatter is not news to a person building the book
        await km.start_kernel(extra_arguments=["--IPKernelApp.log_level=CRITICAL"], cwd=str(cwd))
        await _run(km, WARM_UP)

    asyncio.run(start())
    return km


def shut_down(km: AsyncKernelManager) -> None:
    asyncio.run(km.shutdown_kernel(now=True))


class WarmKernels:
    """A few kernels kept ready; `take` hands one out, set up for one notebook."""

    def __init__(self, cwd: Path, parallel: int):
        self._cwd = cwd
        self._starter = ThreadPoolExecutor(max_workers=max(1, parallel))
        self._waiting: deque[Future] = deque()
        self._lock = threading.Lock()
        self._wanted = 1  # kernels still to start; set once the build knows its notebooks
        self._start()

    def _start(self) -> None:
        if self._wanted > 0:
            self._wanted -= 1
            self._waiting.append(self._starter.submit(_warm_kernel, self._cwd))

    def expect(self, notebooks: int) -> None:
        """How many notebooks will run: start no more kernels than they need."""
        with self._lock:
            self._wanted = max(0, notebooks - len(self._waiting))

    def take(self, cwd: Path, read_log: Path) -> AsyncKernelManager:
        """A kernel in `cwd` whose warehouse connections log their reads to `read_log`."""
        with self._lock:
            future = self._waiting.popleft() if self._waiting else None
            self._start()
        km = future.result() if future else _warm_kernel(self._cwd)
        setup = f"import os\nos.chdir({str(cwd)!r})\nos.environ[{QUERY_LOG!r}] = {str(read_log)!r}"
        asyncio.run(_run(km, setup))
        return km

    def close(self) -> None:
        """Shut down the kernels nobody took."""
        with self._lock:
            self._wanted = 0
            left = list(self._waiting)
            self._waiting.clear()
        for future in left:
            shut_down(future.result())
        self._starter.shutdown()
