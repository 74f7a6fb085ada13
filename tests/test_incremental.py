"""Incremental refreshes: only new content is parsed, changed files supersede their old version,
deleted files leave the marts, raw keeps everything, and the result equals a full rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES, build_warehouse

FACT_COLUMNS = ("fact_id, doc_id, source_file, locality, metric, role, value, unit, period_year, period, status, "
                "qualifier, comparison_base, base_year, scope, parent_fact_id, char_start, char_end")


def _q(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(SAMPLES, src)
    return src


def test_a_changed_file_supersedes_its_old_version(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "w" / "chitieu.duckdb"
    build_warehouse(folder, db)
    target = folder / "002_41902e6bfc7806be.txt"
    old_id = _q(db, "select doc_id from cleaned.documents where source_file = '002_41902e6bfc7806be.txt'")[0][0]
    target.write_text(target.read_text(encoding="utf-8").replace("18.964 tỷ đồng", "19.100 tỷ đồng"), encoding="utf-8")
    again = build_warehouse(folder, db)
    assert (again["ingest"].new, again["ingest"].changed, again["parse"].parsed) == (1, 1, 1)
    versions = dict(_q(db, "select doc_id, superseded_at is not null from cleaned.document_versions "
                           "where source_file = '002_41902e6bfc7806be.txt'"))
    assert versions[old_id] is True and list(versions.values()).count(False) == 1
    values = [r[0] for r in _q(db, "select value_text from marts.fct_indicators where metric = 'production_value' "
                                   "and role = 'level' and source_file = '002_41902e6bfc7806be.txt'")]
    assert values == ["19.100 tỷ đồng"]
    assert _q(db, "select count(*) from raw.documents")[0][0] == 6  # nothing dropped from raw


def test_a_deleted_file_leaves_the_marts_but_stays_in_raw(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "w" / "chitieu.duckdb"
    build_warehouse(folder, db)
    (folder / "001_b540bd3bb0ae3ee5.txt").unlink()
    again = build_warehouse(folder, db)
    assert again["ingest"].removed == 1
    assert _q(db, "select count(*) from marts.fct_indicators where source_file like '001%'")[0][0] == 0
    assert _q(db, "select count(*) from marts.fct_indicators")[0][0] == 63 - 17
    assert _q(db, "select removed_at is not null from cleaned.document_versions where source_file like '001%'") == [
        (True,)]
    assert _q(db, "select count(*) from raw.documents")[0][0] == 5
    # the part_sum failure of the removed report is gone too
    assert _q(db, "select count(*) from marts.fct_consistency_checks where \"check\" = 'part_sum'")[0][0] == 0


def test_a_file_put_back_is_current_again(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "w" / "chitieu.duckdb"
    build_warehouse(folder, db)
    moved = tmp_path / "aside.txt"
    shutil.move(folder / "001_b540bd3bb0ae3ee5.txt", moved)
    build_warehouse(folder, db)
    shutil.move(moved, folder / "001_b540bd3bb0ae3ee5.txt")
    build_warehouse(folder, db)
    assert _q(db, "select count(*) from marts.fct_indicators")[0][0] == 63


def test_incremental_refreshes_equal_a_full_rebuild(folder: Path, tmp_path: Path) -> None:
    inc = tmp_path / "inc" / "chitieu.duckdb"
    build_warehouse(folder, inc)
    (folder / "000_b8bfd2e7f601be99.txt").unlink()
    build_warehouse(folder, inc)
    p = folder / "003_21259f3a66584d3b.txt"
    p.write_text(p.read_text(encoding="utf-8").replace("71.125 tỷ đồng", "71.200 tỷ đồng"), encoding="utf-8")
    (folder / "new.txt").write_text("Huyện Yên Phong năm 2023: tổng thu ngân sách nhà nước đạt 1.250 tỷ đồng.",
                                    encoding="utf-8")
    build_warehouse(folder, inc)

    full = tmp_path / "full" / "chitieu.duckdb"
    build_warehouse(folder, full)
    rebuilt = tmp_path / "inc" / "chitieu.duckdb"
    build_warehouse(folder, rebuilt, full=True)  # --full on the incremental lake
    query = f"select {FACT_COLUMNS} from marts.fct_indicators order by fact_id"
    assert _q(inc, query) == _q(full, query) == _q(rebuilt, query)
    checks = "select check_id, \"check\", outcome, expected, observed from marts.fct_consistency_checks order by 1"
    assert _q(inc, checks) == _q(full, checks)
