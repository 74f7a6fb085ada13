"""Issue 10: validation holds memory flat by validating a table in parts (GX's pandas engine
copies a frame for every row condition; 100,000 reports give 5M facts and 7M findings). The
verdicts over parts are the verdicts over the whole: the same counts, and a duplicated id still
fails uniqueness, because rows of one id share a part."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from expectations import validate as v
from expectations.arithmetic import validate_consistency
from expectations.suite import validate_indicators


def _verdicts(result) -> dict[str, tuple[bool, int]]:  # noqa: ANN001
    return {o.expectation: (o.success, o.unexpected_count) for o in result.outcomes}


def test_parts_give_the_verdicts_of_the_whole_table(sample_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    shutil.copy(sample_warehouse, db)
    con = duckdb.connect(str(db))
    try:
        # a duplicated fact and a duplicated finding: uniqueness must fail however the rows are split
        con.execute("insert into marts.fct_indicators select * from marts.fct_indicators limit 1")
        con.execute("insert into marts.fct_consistency_checks select * from marts.fct_consistency_checks limit 1")
        whole_facts = list(v.facts_for_suite(con))
        parts_facts = list(v.facts_for_suite(con, rows_per_part=7))
        whole_checks = list(v.checks_for_suite(con))
        parts_checks = list(v.checks_for_suite(con, rows_per_part=5))
    finally:
        con.close()
    assert len(whole_facts) == 1 and len(parts_facts) > 5 and len(parts_checks) > 5
    assert sum(p.height for p in parts_facts) == whole_facts[0].height
    assert sum(p.height for p in parts_checks) == whole_checks[0].height
    assert set(whole_facts[0].columns) == set(v.INDICATOR_COLUMNS)

    whole, parts = validate_indicators(whole_facts), validate_indicators(parts_facts)
    assert _verdicts(parts) == _verdicts(whole) and not parts.success
    assert _verdicts(whole)["expect_column_values_to_be_unique(fact_id)"] == (False, 2)
    whole, parts = validate_consistency(whole_checks), validate_consistency(parts_checks)
    assert _verdicts(parts) == _verdicts(whole) and not parts.success
    assert _verdicts(whole)["expect_column_values_to_be_unique(check_id)"] == (False, 2)


def test_a_published_warehouse_validates_in_parts_as_in_one(sample_warehouse: Path, monkeypatch) -> None:
    one = v.validate(sample_warehouse, sample_warehouse.parent / "docs-one")
    monkeypatch.setattr(v, "ROWS_PER_PART", 9)
    seen = []
    real = v.pl.from_arrow
    monkeypatch.setattr(v.pl, "from_arrow", lambda t: seen.append(t.num_rows) or real(t))
    parts = v.validate(sample_warehouse, sample_warehouse.parent / "docs-parts")
    assert len(seen) > 10 and max(seen) < 30  # about 9 rows a part (hash buckets vary)
    assert one.success and parts.success
    for a, b in zip(one.suites, parts.suites, strict=True):
        assert _verdicts(a) == _verdicts(b)


def test_validation_reads_under_its_own_small_duckdb_budget(sample_warehouse: Path, tmp_path: Path,
                                                            monkeypatch) -> None:
    """At 100,000 reports the scans of the parts stayed cached under the build's 2 GB budget beside GX's
    frames (3.5 GB); validation opens the warehouse under VALIDATE_MEMORY_LIMIT."""
    db = tmp_path / "w.duckdb"
    shutil.copy(sample_warehouse, db)
    seen = []
    real = v.connect

    def spy(path: Path, read_only: bool = False, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
        con = real(path, read_only=read_only, memory_limit=memory_limit)
        seen.append(con.execute("select current_setting('memory_limit')").fetchone()[0])
        return con

    monkeypatch.setattr(v, "connect", spy)
    report = v.validate(db, tmp_path / "docs")
    assert report.success and seen == ["488.2 MiB"]
