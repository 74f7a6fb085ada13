"""marts.fct_indicator_series: one row per figure however many statements report it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from conftest import build_warehouse

SERIES_ROLES = "('level', 'pct_change', 'pct_of_plan', 'pct_of_base', 'abs_change')"
KEY = "locality, province, metric, role, unit, period_year, period, status, scope, comparison_base, base_year"
HEAD = "UBND huyện Yên Phong, tỉnh Bắc Ninh báo cáo kết quả năm 2023.\n\n"


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _series(tmp_path: Path, text: str) -> list[dict[str, object]]:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "w" / "chitieu.duckdb"
    build_warehouse(src, db)
    with duckdb.connect(str(db), read_only=True) as con:
        rel = con.sql("select * from marts.fct_indicator_series where metric = 'budget_revenue' and role = 'level'")
        return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


def test_every_included_fact_is_counted_once(sample_warehouse: Path) -> None:
    (statements, facts_listed), = _rows(sample_warehouse,
                                        "select sum(statements), sum(len(fact_ids)) from marts.fct_indicator_series")
    (distinct_facts,), = _rows(sample_warehouse,
                               "select count(distinct f) from marts.fct_indicator_series, unnest(fact_ids) as u(f)")
    (included,), = _rows(sample_warehouse, f"select count(*) from marts.fct_indicators where role in {SERIES_ROLES}")
    assert statements == facts_listed == distinct_facts == included
    missing = _rows(sample_warehouse, f"""
        select fact_id from marts.fct_indicators where role in {SERIES_ROLES}
        except select unnest(fact_ids) from marts.fct_indicator_series
    """)
    assert missing == []


def test_no_two_series_rows_share_a_key(sample_warehouse: Path) -> None:
    # group by compares NULLs as equal (`is not distinct from`): a NULL scope is one key
    dupes = _rows(sample_warehouse, f"""
        select {KEY}, count(*) from marts.fct_indicator_series group by all having count(*) > 1
    """)
    assert dupes == []


def test_series_carry_their_documents_and_dates(sample_warehouse: Path) -> None:
    bad = _rows(sample_warehouse, """
        select s.metric from marts.fct_indicator_series s
        where len(s.doc_ids) = 0 or len(s.doc_ids) > s.statements
           or s.first_reported_on > s.last_reported_on
           or (s.value is null) <> s.is_conflicting
    """)
    assert bad == []
    (repeated,), = _rows(sample_warehouse, "select count(*) from marts.fct_indicator_series where statements > 1")
    assert repeated >= 1


def test_a_figure_repeated_in_the_headline_and_the_body_is_one_row(tmp_path: Path) -> None:
    rows = _series(tmp_path, HEAD + "TỔNG THU NGÂN SÁCH NĂM 2023 ĐẠT 1.250 TỶ ĐỒNG\n\n"
                   "Năm 2023, tổng thu ngân sách nhà nước trên địa bàn huyện đạt 1.250,4 tỷ đồng, "
                   "tăng 12% so với năm 2022.")
    assert len(rows) == 1, rows
    row = rows[0]
    assert row["statements"] == 2 and len(row["fact_ids"]) == 2 and len(row["doc_ids"]) == 1
    assert row["is_conflicting"] is False
    assert row["value"] == pytest.approx(1_250_400_000_000)  # the more precise statement


def test_two_statements_that_conflict_give_no_value(tmp_path: Path) -> None:
    rows = _series(tmp_path, HEAD + "Năm 2023, tổng thu ngân sách nhà nước trên địa bàn huyện đạt 1.250 tỷ đồng.\n\n"
                   "Cũng trong năm 2023, tổng thu ngân sách nhà nước đạt 1.310 tỷ đồng.")
    assert len(rows) == 1, rows
    assert rows[0]["statements"] == 2
    assert rows[0]["value"] is None and rows[0]["is_conflicting"] is True
    assert (rows[0]["min_value"], rows[0]["max_value"]) == (1_250_000_000_000, 1_310_000_000_000)
