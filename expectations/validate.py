"""Validate a built warehouse, and only validate: the GX suite over the facts and the GX suite
that re-verifies the consistency checks' arithmetic, then Data Docs of both. The checks themselves
are SQL models (`warehouse/models/checks/`), built with the marts; the run's results are kept by
the storage layer (`warehouse.build.record_validation`).

Consistency findings are data (`marts.fct_consistency_checks`): the reports may contradict
themselves and the run still succeeds. A failed schema or range expectation, or a check whose
verdict breaks its own arithmetic, means the warehouse itself is wrong, and the caller must not
publish it.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from expectations.arithmetic import SUITE_COLUMNS as CHECK_COLUMNS
from expectations.arithmetic import validate_consistency
from expectations.docs import DocsBuild, build_data_docs
from expectations.suite import SUITE_COLUMNS as INDICATOR_COLUMNS
from expectations.suite import SuiteResult, new_context, validate_indicators
from warehouse.build import connect

logging.getLogger("great_expectations").setLevel(logging.WARNING)  # not one line per ephemeral context
log = logging.getLogger(__name__)

FINDINGS_LIMIT = 200  # failed and warned findings a report carries (the mart has them all)
# rows GX's pandas engine holds at once (100,000 reports: 5M facts, 7M findings). At 500,000 a validation of
# 100,000 reports peaked at 3.5 GB; at 250,000, with the connection's budget below, 1.6 GB (20 % slower).
ROWS_PER_PART = 250_000
# DuckDB's budget while validating: the parts are scans, and under the build's budget (2 GB) the scanned
# blocks stayed cached beside the pandas frames GX holds
VALIDATE_MEMORY_LIMIT = "512MB"


@dataclass(frozen=True)
class ValidationReport:
    run_id: str
    validated_at: datetime
    suite: SuiteResult  # the indicator suite over marts.fct_indicators
    checks: dict[str, int]  # outcome → count
    by_kind: dict[tuple[str, str], int]  # (check, outcome) → count
    consistency: SuiteResult | None = None  # the arithmetic suite over marts.fct_consistency_checks
    findings: tuple[dict[str, object], ...] = ()  # failed, then warned findings (at most FINDINGS_LIMIT)
    findings_total: int = 0  # failed + warned findings in the mart
    docs: DocsBuild | None = None
    docs_error: str | None = None

    @property
    def passed(self) -> int:
        return self.checks.get("pass", 0)

    @property
    def failed(self) -> int:
        return self.checks.get("fail", 0)

    @property
    def warned(self) -> int:
        return self.checks.get("warn", 0)

    @property
    def suites(self) -> list[SuiteResult]:
        return [s for s in (self.suite, self.consistency) if s is not None]

    @property
    def success(self) -> bool:
        """No critical expectation of any suite failed: the warehouse may be published."""
        return all(s.success for s in self.suites)

    def summary(self) -> str:
        """Each suite's one-line summary."""
        return "; ".join(s.summary() for s in self.suites)

    def history_rows(self) -> list[dict[str, object]]:
        """One row per expectation of each suite, as kept in `marts.fct_validation_runs`."""
        return [{"run_id": self.run_id, "validated_at": self.validated_at, "suite": s.suite,
                 "expectation": o.expectation, "success": o.success, "unexpected_count": o.unexpected_count,
                 "sample": repr(o.sample)[:2000], "severity": o.severity}
                for s in self.suites for o in s.outcomes]

    def failure_summary(self) -> str:
        """The summaries of the suites that failed, for the error that stops a refresh."""
        return "; ".join(s.summary() for s in self.suites if not s.success)


def facts_for_suite(con: duckdb.DuckDBPyConnection, rows_per_part: int | None = None) -> Iterator[pl.DataFrame]:
    """The facts the indicator suite reads (its columns only, with the length of their document's
    text so spans can be checked), in parts of about `rows_per_part` split by `fact_id`."""
    columns = ", ".join(f"f.{c}" for c in INDICATOR_COLUMNS if c != "text_length")
    return _parts(con, "marts.fct_indicators", "fact_id", rows_per_part,
                  f"select {columns}, length(d.text) as text_length "
                  "from marts.fct_indicators f join cleaned.documents d using (doc_id) where {part}")


def checks_for_suite(con: duckdb.DuckDBPyConnection, rows_per_part: int | None = None) -> Iterator[pl.DataFrame]:
    """The findings' columns the arithmetic suite reads (every row's verdict is re-checked from its
    own expected, observed and tolerance: `expectations.arithmetic`), in parts split by `check_id`."""
    columns = ", ".join(f'"{c}"' for c in CHECK_COLUMNS)
    return _parts(con, "marts.fct_consistency_checks", "check_id", rows_per_part,
                  f"select {columns} from marts.fct_consistency_checks where {{part}} order by check_id")


def _parts(con: duckdb.DuckDBPyConnection, table: str, key: str, rows_per_part: int | None,
           query: str) -> Iterator[pl.DataFrame]:
    """`query` run once per part (`{part}` is its condition): rows of one key share a part, so a
    part's uniqueness check is the table's. One part, however small the table."""
    rows = int(con.execute(f"select count(*) from {table}").fetchall()[0][0])
    n = max(1, -(-rows // (rows_per_part or ROWS_PER_PART)))
    for i in range(n):
        condition = "true" if n == 1 else f"hash({key}) % {n} = {i}"
        frame = pl.from_arrow(con.sql(query.format(part=condition)).to_arrow_table())
        assert isinstance(frame, pl.DataFrame)
        yield frame


def problem_findings(con: duckdb.DuckDBPyConnection, limit: int = FINDINGS_LIMIT) -> tuple[list[dict], int]:
    """Failed, then warned findings with the source files they read (at most `limit`), and their total."""
    rows = con.execute("""
        select "check", outcome, array_to_string(source_files, ', '), message, reviewed, count(*) over () as total
        from marts.fct_consistency_checks
        where outcome in ('fail', 'warn')
        order by outcome <> 'fail', "check", message
        limit ?
    """, [limit]).fetchall()
    total = int(rows[0][5]) if rows else 0
    return [{"check": c, "outcome": o, "source_files": f, "message": m, "reviewed": bool(r)}
            for c, o, f, m, r, _ in rows], total


def validate(build_db: Path, docs_dir: Path, now: datetime | None = None) -> ValidationReport:
    """Run both suites on the built warehouse (opened read-only) and build their Data Docs into
    `docs_dir`. Nothing in the warehouse is written."""
    now = now or datetime.now(UTC)
    run_id = uuid.uuid4().hex
    context = new_context()  # both suites' results in one context: one Data Docs site
    con = connect(build_db, read_only=True, memory_limit=VALIDATE_MEMORY_LIMIT)
    try:
        suite = validate_indicators(facts_for_suite(con), context, run_name=run_id)
        consistency = validate_consistency(checks_for_suite(con), context, run_name=run_id)
        rows = con.execute(
            'select "check", outcome, count(*) from marts.fct_consistency_checks group by all'
        ).fetchall()
        findings, findings_total = problem_findings(con)
    finally:
        con.close()
    docs, docs_error = None, None
    try:
        docs = build_data_docs(context, docs_dir)
    except Exception as err:  # Data Docs are a view of the results: they never block a refresh
        docs_error = f"{type(err).__name__}: {err}"
        log.warning("Data Docs not built: %s", docs_error)
    by_kind = {(k, o): int(n) for k, o, n in rows}
    totals: dict[str, int] = {}
    for (_, outcome), n in by_kind.items():
        totals[outcome] = totals.get(outcome, 0) + n
    return ValidationReport(run_id, now, suite, totals, by_kind, consistency, tuple(findings), findings_total,
                            docs, docs_error)


def check_id(kind: str, fact_ids: list[str], subject: str = "") -> str:
    """The id the SQL computes, for tests and reviewers' overrides."""
    return hashlib.md5(f"{kind}:{subject}:{','.join(sorted(fact_ids))}".encode()).hexdigest()
