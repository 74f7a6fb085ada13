"""What a refresh shows in Prefect: the rows of its findings table and its markdown summary.

Pure functions of a `ValidationReport` and the refresh's counts; the flow only hands their
output to `create_table_artifact` / `create_markdown_artifact`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from expectations.suite import ExpectationOutcome, SuiteResult
from expectations.validate import FINDINGS_LIMIT, ValidationReport

TABLE_KEY = "validation-findings"
SUMMARY_KEY = "refresh-summary"
TABLE_COLUMNS = ("check", "outcome", "source_files", "message")


def findings_table(report: ValidationReport, limit: int = FINDINGS_LIMIT) -> dict[str, list[str]]:
    """Failed and warned checks as table columns (the header shows even with no row), at most
    `limit` rows: first the expectations that did not hold (check `expectation:<suite>`), then
    the consistency findings, fails before warns."""
    rows = findings_rows(report, limit)
    return {column: [row[column] for row in rows] for column in TABLE_COLUMNS}


def findings_rows(report: ValidationReport, limit: int = FINDINGS_LIMIT) -> list[dict[str, str]]:
    """The rows of `findings_table`."""
    rows = [_expectation_row(suite, o) for suite in report.suites for o in suite.failures()]
    rows += [_expectation_row(suite, o) for suite in report.suites for o in suite.warnings()]
    for finding in report.findings:
        message = str(finding.get("message") or "")
        if finding.get("reviewed"):
            message += " (reviewed)"
        rows.append({"check": str(finding["check"]), "outcome": str(finding["outcome"]),
                     "source_files": str(finding.get("source_files") or ""), "message": message})
    return rows[:limit]


def _expectation_row(suite: SuiteResult, outcome: ExpectationOutcome) -> dict[str, str]:
    verdict = "fail" if outcome.severity == "critical" else "warn"
    sample = f"; e.g. {outcome.sample}" if outcome.sample else ""
    return {"check": f"expectation:{suite.suite}", "outcome": verdict, "source_files": "",
            "message": f"{outcome.expectation}: {outcome.unexpected_count} unexpected{sample}"[:1000]}


def summary_markdown(
    report: ValidationReport,
    *,
    ingest: Any,
    facts: int,
    db_path: str | Path,
) -> str:
    """The refresh in a few lines of markdown: documents (the fields of the ingest stats), facts,
    checks by kind and outcome, expectations per suite, and where the Data Docs are."""
    verdict = "validated and published" if report.success else "**not published**: an expectation failed"
    documents = dataclasses.asdict(ingest) if dataclasses.is_dataclass(ingest) else dict(vars(ingest))
    lines = [
        "# Warehouse refresh",
        "",
        f"Warehouse `{db_path}`: {verdict}. Validation run `{report.run_id}`.",
        "",
        "| documents | count |",
        "|---|---:|",
        *(f"| {name.replace('_', ' ')} | {n} |" for name, n in documents.items()),
        "",
        f"**Facts:** {facts}",
        "",
        f"## Consistency checks: {report.passed} passed, {report.failed} failed, {report.warned} warned",
        "",
        "Findings are data: the reports contradict themselves there, the warehouse is not wrong.",
        "",
        "| check | pass | warn | fail |",
        "|---|---:|---:|---:|",
    ]
    for kind in sorted({k for k, _ in report.by_kind}):
        n = {o: report.by_kind.get((kind, o), 0) for o in ("pass", "warn", "fail")}
        lines.append(f"| {kind} | {n['pass']} | {n['warn']} | {n['fail']} |")
    lines += ["", "## Expectations", "", "| suite | passed | failed | warned |", "|---|---:|---:|---:|"]
    for suite in report.suites:
        passed = sum(o.success for o in suite.outcomes)
        lines.append(f"| {suite.suite} | {passed} | {len(suite.failures())} | {len(suite.warnings())} |")
    failed = [(s.suite, o) for s in report.suites for o in s.failures()]
    if failed:
        lines += ["", "Failed (the warehouse is wrong):", ""]
        lines += [f"- `{name}`: `{o.expectation}` ({o.unexpected_count} unexpected)" for name, o in failed]
    if report.findings_total > len(report.findings):
        lines += ["", f"The findings table shows {len(report.findings)} of {report.findings_total} failed and "
                      "warned findings; all are in `marts.fct_consistency_checks`."]
    lines += ["", "## Data Docs", ""]
    if report.docs is not None:
        lines.append(f"[{report.docs.index}]({report.docs.index.as_uri()}): {report.docs.pages} pages, "
                     f"built in {report.docs.seconds:.1f} s; they open offline.")
    else:
        lines.append(f"Not built: {report.docs_error}" if report.docs_error else "Not built.")
    return "\n".join(lines) + "\n"
