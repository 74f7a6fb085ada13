"""Check ids are stable and unique: one row per check evaluated, findable again by a reviewer."""

from __future__ import annotations

from pathlib import Path

import duckdb

from expectations.validate import check_id


def test_check_ids_are_unique_and_reproducible(sample_warehouse: Path) -> None:
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        rows = con.execute(
            'select check_id, "check", coalesce(subject, \'\'), fact_ids, message from marts.fct_consistency_checks'
        ).fetchall()
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(r[4] for r in rows), "every check has a message"
    assert all(check_id(kind, list(facts), subject) == cid for cid, kind, subject, facts, _ in rows)
