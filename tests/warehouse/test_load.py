"""The warehouse holds the plans, targets and responsibilities, and pairs city with district."""

from __future__ import annotations

import pytest


@pytest.fixture
def con(warehouse):
    return warehouse


def test_every_data_row_is_loaded_with_its_origin(con, dataset):
    for table in ("targets", "indicators", "statistics", "sources", "agencies"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(dataset[table])
    origin = con.execute(
        "SELECT source_file, source_line FROM targets WHERE target_id = 'bj-renewable-share-2025'"
    ).fetchone()
    lines = (dataset.data_dir / "targets.csv").read_text(encoding="utf-8").splitlines()
    assert origin[0] == "data/targets.csv"
    assert lines[origin[1] - 1].startswith("bj-renewable-share-2025,")


def test_pairs_match_city_and_district_on_indicator_and_year(con):
    rows = con.execute(
        "SELECT parent_value, value FROM target_pairs "
        "WHERE indicator_id = 'renewable_energy_share' AND target_year = 2025"
    ).fetchall()
    assert rows == [(14.4, 25.7)]
    forest = con.execute(
        "SELECT parent_value, value FROM target_pairs WHERE indicator_id = 'forest_stock'"
    ).fetchall()
    assert forest == [(3450.0, 180.0)]


def test_target_agencies_come_from_the_quote_paragraph(con):
    agencies = [
        r[0]
        for r in con.execute(
            "SELECT a.alias FROM target_agencies t JOIN agencies a USING (agency_id) "
            "WHERE t.target_id = 'cp-hydrogen-stations-2025' ORDER BY t.position"
        ).fetchall()
    ]
    # 三（四）3 has two paragraphs; the hydrogen target is in the second, led by 区城市管理委
    assert agencies[0] == "区城市管理委"
    assert "未来科学城管委会（生命科学园管委会）" not in agencies


def test_the_warehouse_is_read_only_for_readers(con):
    with pytest.raises(Exception, match="read-only"):
        con.execute("CREATE TABLE x (a INT)")
