"""Execute the parameterised notebooks with papermill, one output notebook per source."""

from __future__ import annotations

from pathlib import Path

import nbformat

from analysis.warehouse.connection import QUERY_LOG


class NotebookError(Exception):
    """A notebook failed; the message names the notebook and the cell."""


def parameters_cell_count(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum("parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells)


def declared_parameters(path: Path) -> set[str]:
    import papermill

    return set(papermill.inspect_notebook(str(path)))


def execute(
    source: Path,
    output: Path,
    parameters: dict,
    cwd: Path,
    names: dict[str, str],
    read_log: Path,
) -> None:
    """Run one notebook with the parameters it declares; raise NotebookError naming the cell.

    `names` become the page's MyST substitutions ({{ district_place_zh }} in a heading or a
    sentence), so that headings and prose name the plans the build was given. The kernel logs
    what the notebook reads to `read_log` (see warehouse.connection).
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    if (count := parameters_cell_count(source)) != 1:
        raise NotebookError(
            f"{source.name}: has {count} cells tagged 'parameters'; needs exactly 1"
        )
    wanted = declared_parameters(source)
    listen = f"import os; os.environ[{QUERY_LOG!r}] = {str(read_log)!r}"
    try:
        papermill.execute_notebook(
            str(source),
            str(output),
            parameters={k: v for k, v in parameters.items() if k in wanted},
            # The kernel starts in `cwd`; papermill's own `cwd` argument would chdir this whole
            # process, which notebooks running in parallel threads must never do.
            resources={"metadata": {"path": str(cwd)}},
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
            # the kernel's start-up and shutdown chatter is not news to a person building the book
            extra_arguments=[
                "--IPKernelApp.log_level=CRITICAL",
                # set in the kernel, not in this process: notebooks run in parallel threads
                f"--IPKernelApp.exec_lines={listen}",
            ],
        )
    except PapermillExecutionError as err:
        first_line = ((err.source or "").strip().splitlines() or [""])[0]
        raise NotebookError(
            f"{source.name}: cell {err.cell_index} (starting {first_line!r})"
            f" failed: {err.ename}: {err.evalue}"
        ) from None
    finish(output, names, str(parameters.get("warehouse", "")))


# What a published notebook says its warehouse was: the path where `make book` leaves it,
# as the notebooks' own parameters cells say, not the staging folder of the machine that built it.
PUBLISHED_WAREHOUSE = "../_build/carbon.duckdb"
# Papermill's records of when and where a run happened; the build log keeps the durations.
_RUN_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path", "exception")


def finish(path: Path, names: dict[str, str], warehouse: str) -> None:
    """Hide the cells that set parameters (readers need their effect, not paths and plan ids),
    give the page the names of its plans, and remove every time, duration and machine path from
    the executed notebook, so that the same inputs give the same bytes on any machine."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata.setdefault("myst", {})["substitutions"] = names
    run = nb.metadata.get("papermill", {})
    for key in _RUN_KEYS:
        run.pop(key, None)
    if "warehouse" in run.get("parameters", {}):
        run["parameters"]["warehouse"] = PUBLISHED_WAREHOUSE
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "injected-parameters" in tags:
            cell.id = "injected-parameters"  # papermill draws a random one
            cell.source = cell.source.replace(repr(warehouse), repr(PUBLISHED_WAREHOUSE))
            cell.source = cell.source.replace(f'"{warehouse}"', f'"{PUBLISHED_WAREHOUSE}"')
        if {"parameters", "injected-parameters"} & set(tags) and "remove-cell" not in tags:
            tags.append("remove-cell")
    nbformat.write(nb, path)
