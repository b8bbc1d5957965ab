"""The sector chapter covers every sector the indicators use."""

from __future__ import annotations

import nbformat

from analysis.site.labels import SECTOR_NAMES

from ..conftest import REPO


def test_every_indicator_sector_has_a_section(dataset):
    sectors = set(SECTOR_NAMES) - {"context"}
    used = set(dataset["indicators"].sector) - {"context"}
    assert used <= sectors
    cells = nbformat.read(REPO / "notebooks" / "sectors.ipynb", as_version=4).cells
    shown = {s for s in sectors for c in cells if f"of_sector(targets, {s!r})" in c.source}
    assert shown == sectors
