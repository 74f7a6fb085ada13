"""The parse stage mapped over shards on a Dask LocalCluster gives the same marts as threads."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from conftest import FIXTURES, SAMPLES

from flows.refresh import with_task_runner

QUERY = ("select fact_id, doc_id, metric, role, value, unit, period_year, period, status, qualifier, "
         "comparison_base, base_year, scope, parent_fact_id, char_start, char_end from marts.fct_indicators "
         "order by fact_id")


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_dask_runner_gives_the_same_marts_as_the_default_runner(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(SAMPLES, src)
    for f in (FIXTURES / "other_reports").glob("*.txt"):
        shutil.copy(f, src / f.name)
    default_db = tmp_path / "default" / "chitieu.duckdb"
    dask_db = tmp_path / "dask" / "chitieu.duckdb"
    with_task_runner("default")(source_dir=str(src), db_path=str(default_db), shard_size=3)
    summary = with_task_runner("dask", workers=2)(source_dir=str(src), db_path=str(dask_db), shard_size=3)
    assert summary.parse.parsed == 10  # four shards of at most three documents
    assert _rows(dask_db, QUERY) == _rows(default_db, QUERY)
    assert len(_rows(dask_db, QUERY)) == 63 + 173
    checks = 'select check_id, outcome from marts.fct_consistency_checks order by 1'
    assert _rows(dask_db, checks) == _rows(default_db, checks)
