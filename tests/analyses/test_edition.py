"""The comparison of an edition with the recorded one, on frames worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.analyses import edition


def _figures(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=edition.FIGURE_COLUMNS)


def _targets(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=edition.TARGET_COLUMNS)


def test_new_revised_and_dropped_figures_with_their_sources():
    before = _figures(
        ("beijing", "gdp", 2024, 49843.1, "=", "old-bulletin"),
        ("beijing", "nev_stock", 2024, 100.0, "=", "news"),
        ("beijing", "forest_coverage", 2024, 44.9, "=", "xinhua"),
    )
    after = _figures(
        ("beijing", "gdp", 2024, 49843.7, "=", "new-bulletin"),  # revised, source changed
        ("beijing", "nev_stock", 2024, 100.0, "=", "news"),  # unchanged
        ("beijing", "nev_stock", 2025, 130.0, ">", "report"),  # new
    )
    found = edition.compare(before, after, _targets(), _targets(), "2026-12-02")
    assert found.new_figures.values.tolist() == [
        ["beijing", "nev_stock", 2025, 130.0, ">", "report"]
    ]
    assert found.revised_figures.values.tolist() == [
        ["beijing", "gdp", 2024, 49843.1, "old-bulletin", 49843.7, "new-bulletin"]
    ]
    assert found.dropped_figures.values.tolist() == [
        ["beijing", "forest_coverage", 2024, 44.9, "xinhua"]
    ]
    assert found.new_sources == ["new-bulletin", "report"]
    assert found.dropped_sources == ["old-bulletin", "xinhua"]


def test_a_qualifier_alone_is_a_revision_and_equal_data_is_nothing_new():
    before = _figures(("beijing", "nev_stock", 2025, 128.0, "=", "presser"))
    after = _figures(("beijing", "nev_stock", 2025, 128.0, ">", "presser"))
    assert len(edition.compare(before, after, _targets(), _targets(), "e").revised_figures) == 1
    same = edition.compare(
        before, before, _targets(("t1", "on track")), _targets(("t1", "on track")), "e"
    )
    assert same.nothing_new


def test_status_changes_and_new_targets():
    found = edition.compare(
        _figures(),
        _figures(),
        _targets(("a", "off track"), ("b", "no data")),
        _targets(("a", "achieved"), ("b", "no data"), ("c", "on track")),
        "e",
    )
    assert found.status_changes.values.tolist() == [
        ["a", "off track", "achieved"],
        ["c", "—", "on track"],
    ]


def test_every_recorded_edition_has_its_changelog_entry():
    """record-edition and the changelog go together: an edition recorded in data/editions/
    without a dated entry in CHANGELOG.md is an edition nobody described."""
    repo = Path(__file__).resolve().parents[2]
    recorded = {
        p.name.removesuffix("-figures.csv")
        for p in (repo / "data" / "editions").glob("*-figures.csv")
    }
    assert recorded, "no edition is recorded"
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    assert [e for e in sorted(recorded) if f"\n## {e}" not in changelog] == []
