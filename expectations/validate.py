"""Validate a built warehouse: the GX suite over the facts, the SQL consistency checks, and the
GX suite that re-verifies the checks' arithmetic; then Data Docs of both suites.

Consistency findings are data (`marts.fct_consistency_checks`): the reports may contradict
themselves and the run still succeeds. A failed schema or range expectation, or a check whose
verdict breaks its own arithmetic, means the warehouse itself is wrong, and the caller must not
publish it.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from expectations.arithmetic import validate_consistency
from expectations.docs import DocsBuild, build_data_docs
from expectations.suite import SuiteResult, new_context, validate_indicators
from warehouse.build import connect, export_table
from warehouse.lake import read_table, write_table

logging.getLogger("great_expectations").setLevel(logging.WARNING)  # not one line per ephemeral context
log = logging.getLogger(__name__)

CHECKS_DIR = Path(__file__).parent / "checks"
# `subject` names what a check read when facts alone don't (an anniversary, a heading's section)
CHECK_COLUMNS = ("check", "subject", "outcome", "doc_ids", "fact_ids", "expected", "observed", "tolerance",
                 "message")
RUN_SCHEMA: dict[str, pl.DataType] = {
    "run_id": pl.String(), "validated_at": pl.Datetime("us", "UTC"), "suite": pl.String(),
    "expectation": pl.String(), "success": pl.Boolean(), "unexpected_count": pl.Int64(),
    "sample": pl.String(), "severity": pl.String(),
}
FINDINGS_LIMIT = 200  # failed and warned findings a report carries (the mart has them all)


@dataclass(frozen=True)
class ValidationReport:
    run_id: str
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

    def failure_summary(self) -> str:
        """The summaries of the suites that failed, for the error that stops a refresh."""
        return "; ".join(s.summary() for s in self.suites if not s.success)


def load_checks(checks_dir: Path = CHECKS_DIR) -> list[tuple[str, str]]:
    """(kind, sql) for every `checks/<kind>.sql`: each returns the rows it checked."""
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(checks_dir.glob("*.sql"))]


def findings_sql(checks: list[tuple[str, str]]) -> str:
    """Every finding of every check, with a stable check_id per (kind, subject, facts compared)."""
    cols = ", ".join(f'"{c}"' for c in CHECK_COLUMNS)
    union = "\nunion all\n".join(f"select {cols} from (\n{sql}\n) as check_{kind}" for kind, sql in checks)
    return f"""
with findings as (
{union}
)
select
    md5("check" || ':' || coalesce(subject, '') || ':' || array_to_string(list_sort(fact_ids), ',')) as check_id,
    "check", outcome, doc_ids, fact_ids, expected, observed, tolerance, message, subject
from findings
"""


def reviewed_sql(findings: str) -> str:
    """The findings of `findings` (a table or a parenthesised query) with reviewers' decisions from
    raw.seed_overrides: `reviewed` marks a finding (with the reasons), `suppress` removes it."""
    return f"""
with identified as (
    select * from {findings}
),

decisions as (
    select
        target_id as check_id,
        bool_or(action = 'suppress') as suppressed,
        bool_or(action = 'reviewed') as reviewed,
        string_agg(reason, '; ' order by cast(line as integer)) filter (where action = 'reviewed') as review_reason
    from raw.seed_overrides
    where target = 'check'
    group by target_id
)

select
    identified.*,
    coalesce(decisions.reviewed, false) as reviewed,
    decisions.review_reason
from identified
left join decisions using (check_id)
where not coalesce(decisions.suppressed, false)
"""


def consistency_sql(checks: list[tuple[str, str]]) -> str:
    """One query over every check, with a stable check_id per (kind, facts compared), reviewed and
    suppressed findings applied."""
    return reviewed_sql(f"(\n{findings_sql(checks)}\n)")


def run_checks(con: duckdb.DuckDBPyConnection, checks_dir: Path = CHECKS_DIR) -> None:
    """(Re)create marts.fct_consistency_checks inside a transaction.

    The findings are computed once into a temporary table: the mart is them with reviewers'
    decisions applied, and marts.fct_overrides learns which of its check ids still fire.
    """
    checks = load_checks(checks_dir)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE check_findings AS {findings_sql(checks)}")
        con.execute(f"CREATE OR REPLACE TABLE marts.fct_consistency_checks AS {reviewed_sql('check_findings')}")
        if _table_exists(con, "marts", "fct_overrides"):
            con.execute(
                "UPDATE marts.fct_overrides SET target_exists = target_id IN (SELECT check_id FROM check_findings) "
                "WHERE target = 'check'"
            )
        con.execute("DROP TABLE check_findings")
        con.execute("COMMIT")
    except duckdb.Error as err:
        con.execute("ROLLBACK")
        raise RuntimeError(f"consistency checks failed to run: {err}") from err


def _table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, table]
    ).fetchall()[0][0])


def facts_for_suite(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The facts with the length of their document's text, so spans can be checked."""
    frame = pl.from_arrow(con.sql(
        "select f.*, length(d.text) as text_length "
        "from marts.fct_indicators f join cleaned.documents d using (doc_id)"
    ).to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame


def checks_for_suite(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The findings, without their list columns, with what the arithmetic suite needs to know of
    the facts each one read: all exact, their roles, and the largest relative precision of a ratio
    among them (see `expectations.arithmetic`)."""
    frame = pl.from_arrow(con.sql("""
        with checks as (
            select row_number() over () as row_no, * from marts.fct_consistency_checks
        ),

        compared as (
            select
                checks.row_no,
                bool_and(coalesce(f.qualifier = 'exact', false)) as all_exact,
                string_agg(coalesce(f.role, '?'), ',' order by coalesce(f.role, '?')) as fact_roles,
                max(case
                    when f.role in ('pct_of_plan', 'pct_of_base') then f.value_precision / nullif(abs(f.value), 0)
                    when f.role = 'pct_change' then f.value_precision / nullif(abs(100 + f.value), 0)
                end) as ratio_precision
            from checks, unnest(checks.fact_ids) as u(fact_id)
            left join marts.fct_indicators as f on f.fact_id = u.fact_id
            group by checks.row_no
        )

        select checks.* exclude (row_no, doc_ids, fact_ids), compared.* exclude (row_no)
        from checks
        left join compared using (row_no)
        order by checks.row_no
    """).to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame


def problem_findings(con: duckdb.DuckDBPyConnection, limit: int = FINDINGS_LIMIT) -> tuple[list[dict], int]:
    """Failed, then warned findings with the source files they read (at most `limit`), and their total."""
    rows = con.execute("""
        with problems as (
            select row_number() over (order by outcome <> 'fail', "check", message) as n, *
            from marts.fct_consistency_checks
            where outcome in ('fail', 'warn')
        ),

        files as (
            select problems.n, string_agg(distinct d.source_file, ', ' order by d.source_file) as source_files
            from problems, unnest(problems.doc_ids) as u(doc_id)
            inner join cleaned.documents as d on d.doc_id = u.doc_id
            group by problems.n
        )

        select problems."check", problems.outcome, coalesce(files.source_files, '') as source_files,
            problems.message, coalesce(problems.reviewed, false) as reviewed, count(*) over () as total
        from problems
        left join files using (n)
        order by problems.n
        limit ?
    """, [limit]).fetchall()
    total = int(rows[0][5]) if rows else 0
    return [{"check": c, "outcome": o, "source_files": f, "message": m, "reviewed": bool(r)}
            for c, o, f, m, r, _ in rows], total


def validate(
    build_db: Path,
    lake: Path,
    checks_dir: Path = CHECKS_DIR,
    now: datetime | None = None,
    docs_dir: Path | None = None,
) -> ValidationReport:
    """Run both suites and the checks on the build file; keep the results in DuckDB and the lake,
    and build Data Docs into `docs_dir` (default: `docs/` beside the warehouse)."""
    now = now or datetime.now(UTC)
    run_id = uuid.uuid4().hex
    context = new_context()  # both suites' results in one context: one Data Docs site
    con = connect(build_db)
    try:
        suite = validate_indicators(facts_for_suite(con), context, run_name=run_id)
        run_checks(con, checks_dir)
        consistency = validate_consistency(checks_for_suite(con), context, run_name=run_id)
        export_table(con, lake, "marts", "fct_consistency_checks")
        if _table_exists(con, "marts", "fct_overrides"):
            export_table(con, lake, "marts", "fct_overrides")
        history = _append_history(lake, run_id, now, [suite, consistency])
        con.execute("BEGIN TRANSACTION")
        con.register("history_frame", history.to_arrow())
        con.execute("CREATE OR REPLACE TABLE marts.fct_validation_runs AS SELECT * FROM history_frame")
        con.unregister("history_frame")
        con.execute("COMMIT")
        rows = con.execute(
            'select "check", outcome, count(*) from marts.fct_consistency_checks group by all'
        ).fetchall()
        findings, findings_total = problem_findings(con)
    finally:
        con.close()
    docs, docs_error = None, None
    try:
        docs = build_data_docs(context, docs_dir or build_db.parent / "docs")
    except Exception as err:  # Data Docs are a view of the results: they never block a refresh
        docs_error = f"{type(err).__name__}: {err}"
        log.warning("Data Docs not built: %s", docs_error)
    by_kind = {(k, o): int(n) for k, o, n in rows}
    totals: dict[str, int] = {}
    for (_, outcome), n in by_kind.items():
        totals[outcome] = totals.get(outcome, 0) + n
    return ValidationReport(run_id, suite, totals, by_kind, consistency, tuple(findings), findings_total,
                            docs, docs_error)


def _append_history(lake: Path, run_id: str, now: datetime, suites: list[SuiteResult]) -> pl.DataFrame:
    """Validation history survives rebuilds of the DuckDB file: it lives in the lake."""
    old = read_table(lake, "marts", "fct_validation_runs", RUN_SCHEMA)
    new = pl.DataFrame(
        [{"run_id": run_id, "validated_at": now, "suite": suite.suite, "expectation": o.expectation,
          "success": o.success, "unexpected_count": o.unexpected_count, "sample": repr(o.sample)[:2000],
          "severity": o.severity}
         for suite in suites for o in suite.outcomes],
        schema=RUN_SCHEMA,
    )
    merged = pl.concat([old, new], how="diagonal_relaxed")
    write_table(lake, "marts", "fct_validation_runs", merged)
    return merged


def check_id(kind: str, fact_ids: list[str], subject: str = "") -> str:
    """The id the SQL computes, for tests and reviewers' overrides."""
    return hashlib.md5(f"{kind}:{subject}:{','.join(sorted(fact_ids))}".encode()).hexdigest()
