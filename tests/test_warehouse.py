"""The warehouse built from the samples: layers, contract columns, accuracy, older DuckDB readers."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest
from conftest import FIXTURES, REPO, build_warehouse

from flows.settings import lake_dir
from warehouse import lake as lk
from warehouse.build import Model, order_models

INDICATOR_COLUMNS = {
    "fact_id": "VARCHAR", "doc_id": "VARCHAR", "source_file": "VARCHAR", "locality": "VARCHAR",
    "locality_type": "VARCHAR", "province": "VARCHAR", "metric": "VARCHAR", "role": "VARCHAR",
    "value": "DOUBLE", "unit": "VARCHAR", "period_year": "INTEGER", "period": "VARCHAR",
    "status": "VARCHAR", "qualifier": "VARCHAR", "comparison_base": "VARCHAR", "base_year": "INTEGER",
    "scope": "VARCHAR", "parent_fact_id": "VARCHAR", "char_start": "INTEGER", "char_end": "INTEGER",
    "sentence": "VARCHAR",
}
CHECK_COLUMNS = {
    "check_id": "VARCHAR", "check": "VARCHAR", "outcome": "VARCHAR", "doc_ids": "VARCHAR[]",
    "fact_ids": "VARCHAR[]", "expected": "DOUBLE", "observed": "DOUBLE", "tolerance": "DOUBLE",
    "message": "VARCHAR",
}
DOCUMENT_COLUMNS = {"doc_id", "source_file", "text", "title", "published_on", "locality", "locality_type", "province"}


def _columns(db: Path, schema: str, table: str) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = ? and table_name = ?", [schema, table]
        ).fetchall()
    return dict(rows)


def _scalar(db: Path, sql: str) -> object:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()[0][0]


@pytest.mark.parametrize(("table", "expected"), [(("marts", "fct_indicators"), INDICATOR_COLUMNS),
                                                 (("marts", "fct_consistency_checks"), CHECK_COLUMNS)],
                         ids=["fct_indicators", "fct_consistency_checks"])
def test_marts_carry_every_contract_column_with_its_type(sample_warehouse: Path, table: tuple[str, str],
                                                         expected: dict[str, str]) -> None:
    cols = _columns(sample_warehouse, *table)
    assert {c: cols.get(c) for c in expected} == expected


def test_cleaned_documents_has_the_columns_users_query(sample_warehouse: Path) -> None:
    assert set(_columns(sample_warehouse, "cleaned", "documents")) >= DOCUMENT_COLUMNS


@pytest.mark.parametrize(("table", "rows"), [
    ("raw.documents", 5), ("raw.quarantine", 0), ("cleaned.documents", 5), ("marts.fct_indicators", 63),
    ("marts.dim_period", 29), ("marts.fct_consistency_checks", 69),
])
def test_layer_row_counts_on_the_samples(sample_warehouse: Path, table: str, rows: int) -> None:
    assert _scalar(sample_warehouse, f"select count(*) from {table}") == rows


def test_dim_metric_holds_every_code_of_the_taxonomy_seed(sample_warehouse: Path) -> None:
    with (REPO / "seeds" / "metrics.csv").open(encoding="utf-8") as fh:
        codes = {row["code"] for row in csv.DictReader(fh)}
    assert len(codes) > 100
    assert _scalar(sample_warehouse, "select count(distinct metric) from marts.dim_metric") == len(codes)
    assert _scalar(sample_warehouse, "select count(*) from marts.dim_metric") == len(codes)


def test_every_fact_span_reads_back_its_text(sample_warehouse: Path) -> None:
    bad = _scalar(sample_warehouse, """
        select count(*) from marts.fct_indicators f join cleaned.documents d using (doc_id)
        where substr(d.text, f.char_start + 1, f.char_end - f.char_start) <> f.value_text
           or position(f.value_text in f.sentence) = 0
    """)
    assert bad == 0


def test_localities_come_from_the_gazetteer_with_their_province(sample_warehouse: Path) -> None:
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        rows = con.execute(
            "select source_file, locality, locality_type, province from cleaned.documents order by 1"
        ).fetchall()
    assert [r[1:] for r in rows] == [
        ("Từ Sơn", "thành phố", "Bắc Ninh"), ("Uông Bí", "thành phố", "Quảng Ninh"),
        ("Bỉm Sơn", "thị xã", "Thanh Hóa"), ("Từ Sơn", "thị xã", "Bắc Ninh"), ("Từ Sơn", "thành phố", "Bắc Ninh"),
    ]


def test_accuracy_against_the_gold_annotations(sample_warehouse: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(FIXTURES / "eval_facts.py"), "--db", str(sample_warehouse),
         "--gold", str(FIXTURES / "gold"), "--json"], capture_output=True, text=True, check=True,
    )
    res = json.loads(out.stdout)
    assert res["facts"]["f1"] >= 0.97, res["missed"]
    for attr in ("period_year", "period", "status", "comparison_base"):
        assert res["attributes"][attr] >= 0.95, attr
    assert res["checks"]["false_alarms"] == []
    assert res["checks"]["found"] == res["checks"]["gold_fail"] == 3, res["checks"]["missed"]


def test_the_pypi_duckdb_cli_opens_the_warehouse(sample_warehouse: Path) -> None:
    cli = Path(sys.executable).parent / "duckdb"
    out = subprocess.run([str(cli), "-readonly", "-csv", str(sample_warehouse), "-c",
                          "select count(*) from marts.fct_indicators"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "63"


def test_the_lake_holds_raw_tables_as_listed_parts(sample_warehouse: Path) -> None:
    lake = lake_dir(sample_warehouse)
    for table in ("documents", "quarantine", "file_events", "parsed_documents", "parsed_facts"):
        listed = {p.file for p in lk.parts(lake, "raw", table)}
        on_disk = {p.name for p in (lake / "raw" / table).glob("*.parquet")}
        assert listed and listed == on_disk, table
    assert lk.row_count(lake, "raw", "parsed_facts") == 63
    assert lk.row_count(lake, "marts", "fct_validation_runs") > 0  # history outlives the DuckDB file
    assert not list(lake.rglob(".*.tmp-*")), "temporary Parquet files left behind"
    assert not (lake / "marts" / "fct_indicators").exists(), "derived tables live in DuckDB only"


def test_a_second_build_adds_nothing(tmp_path: Path) -> None:
    source = FIXTURES.parents[1] / "seeds" / "documents"
    db = tmp_path / "w" / "chitieu.duckdb"
    first = build_warehouse(source, db)
    second = build_warehouse(source, db)
    assert first["ingest"].new == 5 and second["ingest"].new == 0 and second["ingest"].unchanged == 5
    assert second["parse"].parsed == 0 and second["parse"].reused == 5
    assert _scalar(db, "select count(*) from raw.documents") == 5
    assert _scalar(db, "select count(*) from marts.fct_indicators") == 63


def test_models_run_in_dependency_order() -> None:
    a = Model("marts", "fct_a", "select * from cleaned.stg_b join marts.dim_c using (x)", Path("a.sql"))
    b = Model("cleaned", "stg_b", "select * from raw.documents", Path("b.sql"))
    c = Model("marts", "dim_c", "select * from cleaned.stg_b", Path("c.sql"))
    assert [m.name for m in order_models([a, c, b])] == ["stg_b", "dim_c", "fct_a"]


def test_a_model_cycle_is_named() -> None:
    a = Model("marts", "a", "select * from marts.b", Path("a.sql"))
    b = Model("marts", "b", "select * from marts.a", Path("b.sql"))
    with pytest.raises(ValueError, match="cycle: marts.a -> marts.b -> marts.a"):
        order_models([a, b])


def test_lake_writes_replace_atomically_and_leave_no_temporary_file(tmp_path: Path) -> None:
    schema = {"a": pl.Int64()}
    lk.write_table(tmp_path, "raw", "t", pl.DataFrame({"a": [1]}))
    lk.write_table(tmp_path, "raw", "t", pl.DataFrame({"a": [1, 2]}))
    assert lk.read_table(tmp_path, "raw", "t", schema)["a"].to_list() == [1, 2]
    lk.append_rows(tmp_path, "raw", "t", pl.DataFrame({"a": [3]}), schema)
    assert lk.read_table(tmp_path, "raw", "t", schema)["a"].to_list() == [1, 2, 3]
    names = sorted(p.name for p in (tmp_path / "raw" / "t").iterdir())
    assert names[0] == "_manifest.json" and len(names) == 3 and all(n.startswith("part-") for n in names[1:])


def test_parts_a_killed_write_left_unlisted_are_removed(tmp_path: Path) -> None:
    lk.write_table(tmp_path, "raw", "t", pl.DataFrame({"a": [1]}))
    orphan = lk.write_part(tmp_path, "raw", "t", pl.DataFrame({"a": [9]}))  # written, never committed
    (tmp_path / "raw" / "t" / ".part-x.parquet.tmp-1").write_bytes(b"half")
    assert lk.read_table(tmp_path, "raw", "t", {"a": pl.Int64()})["a"].to_list() == [1]
    assert lk.remove_orphans(tmp_path) == 2
    assert not (tmp_path / "raw" / "t" / orphan.file).exists()


def test_accuracy_on_reports_from_other_localities(tmp_path: Path) -> None:
    """Five reports written for development (Nghệ An, Đà Nẵng, Bà Rịa - Vũng Tàu, An Giang, Lâm Đồng:
    quarterly, monthly, 9-month, full-year and news formats), annotated by hand before the
    extractor was run on them. They were then used to find general grammar gaps, so they guard
    against regressions; they are not a held-out score."""
    reports = FIXTURES / "other_reports"
    src = tmp_path / "src"
    src.mkdir()
    for f in reports.glob("*.txt"):
        (src / f.name).write_bytes(f.read_bytes())
    db = tmp_path / "w" / "chitieu.duckdb"
    build_warehouse(src, db)
    out = subprocess.run([sys.executable, str(FIXTURES / "eval_facts.py"), "--db", str(db), "--gold", str(reports),
                          "--json"], capture_output=True, text=True, check=True)
    res = json.loads(out.stdout)
    assert res["facts"]["f1"] >= 0.97, res["missed"]
    for attr in ("period_year", "period", "status", "comparison_base"):
        assert res["attributes"][attr] >= 0.95, attr
    assert res["checks"]["false_alarms"] == [] and res["checks"]["found"] == res["checks"]["gold_fail"]


def test_every_refresh_connection_works_under_a_memory_budget(tmp_path: Path, monkeypatch) -> None:
    """Issue 10: DuckDB's default budget (80 % of RAM) let the marts of 100,000 documents reach
    12.6 GB; every connection of a refresh carries a budget and spills past it."""
    from warehouse.build import connect

    db = tmp_path / "w.duckdb"
    monkeypatch.delenv("CHITIEU_DUCKDB_MEMORY_LIMIT", raising=False)
    con = connect(db)
    limit = con.execute("select current_setting('memory_limit')").fetchone()[0]
    con.close()
    assert limit.endswith("GiB") and float(limit.split()[0]) <= 2.0, limit
    monkeypatch.setenv("CHITIEU_DUCKDB_MEMORY_LIMIT", "300MB")
    con = connect(db, read_only=True)
    assert con.execute("select current_setting('memory_limit')").fetchone()[0].endswith("MiB")
    con.close()
    monkeypatch.setenv("CHITIEU_DUCKDB_MEMORY_LIMIT", "lots")
    with pytest.raises(ValueError, match="CHITIEU_DUCKDB_MEMORY_LIMIT"):
        connect(db)


def test_parse_shards_asking_at_once_share_one_worker_pool(monkeypatch) -> None:
    """Issue 10: shard tasks ask for the pool from the task runner's threads at once; each made a
    pool of its own, and 100,000 documents ran dozens of workers on 2 cores (24 GB together)."""
    import threading
    import time

    from warehouse import raw

    made = []

    class SlowPool:  # a pool's set-up takes a moment: long enough for the threads to overlap
        def __init__(self, **kwargs: object) -> None:
            time.sleep(0.05)
            made.append(kwargs)

    monkeypatch.setattr(raw, "ProcessPoolExecutor", SlowPool)
    monkeypatch.setattr(raw, "_POOL", None)
    start = threading.Barrier(8)
    pools = []

    def ask() -> None:
        start.wait()
        pools.append(raw.worker_pool())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 1 and len({id(p) for p in pools}) == 1
    assert made[0]["max_workers"] == raw.usable_cpus()


def test_parse_workers_exit_when_the_refresh_is_killed(tmp_path: Path) -> None:
    """A refresh killed outright (the out-of-memory killer) left its idle parse workers waiting on
    their queue for ever, 100-500 MB each; they now exit within seconds of their parent."""
    import os
    import signal
    import time

    script = tmp_path / "pool.py"
    script.write_text(
        "import sys, time\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "from warehouse.raw import worker_pool\n"
        "if __name__ == '__main__':\n"
        "    pool = worker_pool(2)\n"
        "    for f in [pool.submit(time.sleep, 0.5) for _ in range(2)]:\n"
        "        f.result()\n"
        "    print(*pool._processes, flush=True)\n"
        "    time.sleep(600)\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert workers and all(Path(f"/proc/{p}").exists() for p in workers)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in workers if Path(f"/proc/{p}").exists() and "Z" not in
                 Path(f"/proc/{p}/stat").read_text().split(")")[-1].split()[0]]
    assert not alive, f"parse workers {alive} outlived their refresh"


def test_parse_workers_are_stopped_after_the_parse_stage() -> None:
    """Issue 10: idle parse workers held 300-600 MB each through the build and the validation (the
    refresh's peak); the flow closes the pool after the parse, and the next parse starts a new one."""
    import time

    from warehouse import raw

    pool = raw.worker_pool(2)
    for f in [pool.submit(time.sleep, 0.1) for _ in range(2)]:
        f.result()
    workers = list(pool._processes)
    assert workers
    raw.close_worker_pool()
    assert all(not Path(f"/proc/{p}").exists() or Path(f"/proc/{p}/status").read_text().count("zombie")
               for p in workers)
    again = raw.worker_pool(1)
    assert again is not pool and again.submit(sum, [1, 2]).result() == 3
    raw.close_worker_pool()


def test_a_report_naming_no_year_is_dated_by_its_file_name_in_the_warehouse(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "chi_tieu_ben_tre_2025.txt").write_text(
        "Các chỉ tiêu chủ yếu\na) Kim ngạch xuất khẩu đạt 1.850 triệu USD;\n", encoding="utf-8")
    db = tmp_path / "w" / "chitieu.duckdb"
    build_warehouse(source, db)
    assert _scalar(db, "select list(distinct period_year) from marts.fct_indicators") == [2025]
