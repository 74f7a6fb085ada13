"""The content of a refresh's Prefect artifacts, as pure functions of its validation report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from expectations.report import TABLE_COLUMNS, findings_rows, findings_table, summary_markdown
from expectations.suite import ExpectationOutcome, SuiteResult
from expectations.validate import ValidationReport

WHEN = datetime(2026, 12, 3, tzinfo=UTC)


@dataclass
class Ingest:
    new: int = 2
    unchanged: int = 3
    quarantined: int = 1


def _report(n_findings: int = 3, broken: bool = False) -> ValidationReport:
    indicators = SuiteResult("fct_indicators", True, [
        ExpectationOutcome("expect_column_values_to_be_unique(fact_id)", True, 0),
        ExpectationOutcome("expect_column_values_to_be_between(value | role == pct_change)", False, 2,
                           [{"fact_id": "f1", "value": -150.0}], "warning"),
    ])
    consistency = SuiteResult("fct_consistency_checks", not broken, [
        ExpectationOutcome("expect_column_values_to_be_between(slack | (outcome == pass AND rule == tolerance))",
                           not broken, int(broken), [{"check_id": "c9", "slack": -99.0}] if broken else []),
    ])
    findings = tuple({"check": "conflict", "outcome": "fail" if i == 0 else "warn", "source_files": "a.txt, b.txt",
                      "message": f"finding {i}", "reviewed": i == 1} for i in range(min(n_findings, 200)))
    return ValidationReport("run1", WHEN, indicators, {"pass": 10, "fail": 1, "warn": n_findings - 1},
                            {("conflict", "pass"): 10, ("conflict", "fail"): 1, ("conflict", "warn"): n_findings - 1},
                            consistency, findings, n_findings)


def test_the_table_lists_expectations_then_findings() -> None:
    rows = findings_rows(_report(broken=True))
    assert [(r["check"], r["outcome"]) for r in rows] == [
        ("expectation:fct_consistency_checks", "fail"), ("expectation:fct_indicators", "warn"),
        ("conflict", "fail"), ("conflict", "warn"), ("conflict", "warn"),
    ]
    assert rows[0]["message"].endswith("1 unexpected; e.g. [{'check_id': 'c9', 'slack': -99.0}]")
    assert rows[3]["message"] == "finding 1 (reviewed)" and rows[2]["source_files"] == "a.txt, b.txt"
    table = findings_table(_report())
    assert tuple(table) == TABLE_COLUMNS and len(table["check"]) == 4


def test_the_table_keeps_at_most_200_rows_and_shows_its_header_when_empty() -> None:
    assert len(findings_rows(_report(n_findings=500))) == 200
    empty = ValidationReport("r", WHEN, SuiteResult("fct_indicators", True, []), {}, {})
    assert findings_table(empty) == {c: [] for c in TABLE_COLUMNS}


def test_the_summary_counts_documents_checks_and_expectations() -> None:
    text = summary_markdown(_report(n_findings=500), ingest=Ingest(), facts=63, db_path="w/chitieu.duckdb")
    assert "`w/chitieu.duckdb`: validated and published" in text
    assert "| new | 2 |" in text and "| quarantined | 1 |" in text and "**Facts:** 63" in text
    assert "| conflict | 10 | 499 | 1 |" in text
    assert "| fct_indicators | 1 | 0 | 1 |" in text and "| fct_consistency_checks | 1 | 0 | 0 |" in text
    assert "shows 200 of 500" in text
    assert "## Data Docs\n\nNot built.\n" in text


def test_a_broken_run_says_it_was_not_published_and_why() -> None:
    text = summary_markdown(_report(broken=True), ingest=Ingest(), facts=63, db_path="w.duckdb")
    assert "**not published**" in text
    assert "- `fct_consistency_checks`: `expect_column_values_to_be_between(slack | (outcome == pass AND " in text
