"""Issue 8.2: whatever a document says, the refresh publishes: a whole refresh of 200 generated
reports (benchmarks/gen_corpus.py: every sentence shape of the corpus, numbers, years and formats
drawn anew, dates and numbers mangled as recombination does) is validated and published."""

from __future__ import annotations

from pathlib import Path

import duckdb

from benchmarks.gen_corpus import generate
from flows.refresh import refresh


def test_a_refresh_of_200_generated_reports_is_published(tmp_path: Path) -> None:
    got = generate(200, tmp_path / "reports", seed=11)
    assert got["repeated_share"] < 0.05
    db = tmp_path / "w" / "chitieu.duckdb"
    state = refresh(source_dir=str(tmp_path / "reports"), db_path=str(db), return_state=True)
    assert state.is_completed(), state.message
    summary = state.result()
    assert summary.validation.success and db.exists()
    with duckdb.connect(str(db), read_only=True) as con:
        (docs, facts), = con.execute("select count(distinct doc_id), count(*) from marts.fct_indicators").fetchall()
        (null_messages,), = con.execute("select count(*) from marts.fct_consistency_checks "
                                        "where message is null").fetchall()
    assert docs > 150 and facts > 1000 and null_messages == 0
