"""The GX suite over marts.fct_consistency_checks: every check's own arithmetic, re-verified.

Every row states `expected`, `observed` (in one unit) and the `tolerance` it allowed, and its
verdict must follow |expected - observed| <= tolerance: a pass inside it, a fail or warn outside.
A valid frame passes; each kind of corrupted row really fails it; on a built warehouse the suite
runs next to the indicator suite, lands in fct_validation_runs, and stops the run when a check's
SQL contradicts its own numbers.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from expectations.arithmetic import consistency_suite, validate_consistency, with_arithmetic
from expectations.suite import SuiteResult, indicator_suite
from expectations.validate import validate
from warehouse import build
from warehouse.paths import WarehousePaths


def _finding(check_id: str, check: str, outcome: str, expected: float | None, observed: float | None,
             tolerance: float | None, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "check_id": check_id, "check": check, "outcome": outcome, "expected": expected, "observed": observed,
        "tolerance": tolerance, "message": f"{check} {outcome}", "subject": None, "reviewed": False,
        "review_reason": None,
    }
    row.update(extra)
    return row


def _valid_rows() -> list[dict[str, object]]:
    return [
        _finding("a1", "anniversary", "pass", 70, 70, 0.0),
        _finding("a2", "anniversary", "fail", 75, 74, 0.0),
        _finding("c1", "conflict", "pass", 1.25e12, 1.2505e12, 1e9),
        _finding("c2", "conflict", "fail", 1.31e12, 1.25e12, 1e9),
        # `hơn 1.250 tỷ` against 1.400 tỷ: the bound has no upper end, so the tolerance is unbounded
        _finding("c3", "conflict", "pass", 1.25e12, 1.40e12, math.inf),
        _finding("c4", "conflict", "warn", 1.25e12, 1.40e12, 1e9),
        _finding("at1", "attainment", "pass", 2.0e12, 2.0e12, 1.45e10),
        _finding("at2", "attainment", "fail", 2.0e12, 1.667e12, 1.03e10),
        # two ratios of one level against the same base: percent against percent
        _finding("at3", "attainment", "fail", 116.0, 115.7, 0.1),
        _finding("ib1", "implied_base", "pass", 1.0e12, 1.0e12, 5.08e9),
        _finding("ib2", "implied_base", "warn", 1.0e12, 9.23e11, 4.43e9),
        _finding("p1", "part_sum", "pass", 11, 11, 0.0),
        _finding("p2", "part_sum", "fail", 16, 15, 0.0),
        # parts after `trong đó` may fall short of the total by all of it
        _finding("p3", "part_sum", "pass", 12, 5, 12.0),
        # Q2 under a Q1 heading: 3 months outside the heading's period
        _finding("pm1", "period_mismatch", "fail", 0, 3, 0.0),
        _finding("pm2", "period_mismatch", "pass", 0, 0, 0.0),
        # a ratio above 1000 %: expected is the value moved into the allowed range
        _finding("r1", "range", "warn", 1000, 1250, 0.0),
        _finding("r2", "range", "pass", 37.4, 37.4, 0.0),
    ]


def _failed(result: SuiteResult) -> list[str]:
    return [o.expectation for o in result.failures()]


PASS_RULE = "expect_column_values_to_be_between(slack_verdict | outcome == pass)"
FLAG_RULE = "expect_column_values_to_be_between(slack_verdict | outcome IN (fail, warn))"


def test_valid_findings_pass_every_expectation() -> None:
    result = validate_consistency(pd.DataFrame(_valid_rows()))
    assert result.success, result.summary()
    assert result.suite == "fct_consistency_checks"
    assert len(result.outcomes) == len(consistency_suite().expectations)
    assert result.failures() == [] and result.warnings() == []


def test_the_rule_governs_every_row() -> None:
    frame = with_arithmetic(pd.DataFrame(_valid_rows())).set_index("check_id")
    assert frame["slack"].notna().all()
    assert frame.loc["c2", "abs_gap"] == pytest.approx(6e10)
    assert frame.loc["c2", "slack"] == pytest.approx(1e9 - 6e10)
    assert frame.loc["a1", "slack"] == 0.0
    assert frame.loc["c3", "slack"] == math.inf
    assert (frame.loc[frame["outcome"] == "pass", "slack_verdict"] >= 0).all()
    assert (frame.loc[frame["outcome"] != "pass", "slack_verdict"] < 0).all()


@pytest.mark.parametrize("check", ["anniversary", "attainment", "conflict", "implied_base", "part_sum",
                                   "period_mismatch", "range"])
def test_a_pass_that_breaks_its_own_tolerance_fails_the_suite(check: str) -> None:
    corrupted = _finding("bad", check, "pass", 100.0, 200.0, 1.0)
    result = validate_consistency(pd.DataFrame([*_valid_rows(), corrupted]))
    assert not result.success
    assert _failed(result) == [PASS_RULE]
    failure = result.failures()[0]
    assert failure.unexpected_count == 1
    assert failure.sample[0]["check_id"] == "bad"


@pytest.mark.parametrize("outcome", ["fail", "warn"])
@pytest.mark.parametrize("check", ["attainment", "conflict", "part_sum", "range"])
def test_a_flag_whose_numbers_agree_fails_the_suite(check: str, outcome: str) -> None:
    corrupted = _finding("bad", check, outcome, 100.0, 100.5, 1.0)
    result = validate_consistency(pd.DataFrame([*_valid_rows(), corrupted]))
    assert _failed(result) == [FLAG_RULE]


def test_two_plans_in_different_units_cannot_pass() -> None:
    # the defect once seen at scale: implied plans 2.88e12 and 3.65e11 VND passed with a tolerance of
    # 0.55 percent points; in one unit the gap shows
    corrupted = _finding("bad", "attainment", "pass", 2.88e12, 3.65e11, 0.55)
    assert _failed(validate_consistency(pd.DataFrame([*_valid_rows(), corrupted]))) == [PASS_RULE]


def test_a_finding_without_its_numbers_fails() -> None:
    corrupted = _finding("bad", "anniversary", "pass", 70, None, 0.0)
    result = validate_consistency(pd.DataFrame([*_valid_rows(), corrupted]))
    assert _failed(result) == ["expect_column_values_to_not_be_null(slack)"]


def test_floating_point_noise_at_the_edge_is_not_a_failure() -> None:
    # 37.4 + 0.05 vs 37.5 - 0.05: the SQL and the suite may round apart by a last bit
    rows = [_finding("edge-pass", "conflict", "pass", 37.4, 37.5, 0.1 - 1e-12),
            _finding("edge-fail", "conflict", "fail", 37.4, 37.5, 0.1 + 1e-12)]
    result = validate_consistency(pd.DataFrame([*_valid_rows(), *rows]))
    assert result.success, result.summary()


# (test id, overrides for one extra row, the expectation it must fail)
BAD_ROWS = [
    ("outcome_outside_vocabulary", {"outcome": "maybe"}, "expect_column_values_to_be_in_set(outcome)"),
    ("check_outside_contract", {"check": "vibes"}, "expect_column_values_to_be_in_set(check)"),
    ("duplicate_check_id", {"check_id": "a1"}, "expect_column_values_to_be_unique(check_id)"),
    ("missing_check_id", {"check_id": None}, "expect_column_values_to_not_be_null(check_id)"),
    ("missing_message", {"message": None}, "expect_column_values_to_not_be_null(message)"),
    ("missing_outcome", {"outcome": None}, "expect_column_values_to_not_be_null(outcome)"),
    ("negative_tolerance", {"tolerance": -1.0, "observed": 5.0}, "expect_column_values_to_be_between(tolerance)"),
]


@pytest.mark.parametrize(("overrides", "expectation"), [pytest.param(o, e, id=i) for i, o, e in BAD_ROWS])
def test_a_bad_finding_fails_the_right_expectation(overrides: dict, expectation: str) -> None:
    row = {**_finding("extra", "range", "pass", 5.0, 5.0, 0.0), **overrides}
    result = validate_consistency(pd.DataFrame([*_valid_rows(), row]))
    assert not result.success
    assert expectation in _failed(result), result.summary()


def test_the_sample_warehouse_passes_both_suites_and_records_them(sample_warehouse: Path) -> None:
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        runs = con.execute(
            "select suite, count(*), bool_and(success), count(distinct run_id) from marts.fct_validation_runs "
            "group by suite order by suite"
        ).fetchall()
        columns = {r[0] for r in con.execute("describe marts.fct_validation_runs").fetchall()}
    assert runs == [("fct_consistency_checks", len(consistency_suite().expectations), True, 1),
                    ("fct_indicators", len(indicator_suite().expectations), True, 1)]
    assert {"run_id", "validated_at", "suite", "expectation", "success", "unexpected_count", "severity"} <= columns


def test_every_check_row_of_the_samples_is_in_one_unit(sample_warehouse: Path) -> None:
    """expected and observed of a row compare like with like: the same magnitude family."""
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        rows = con.execute(
            'select "check", outcome, expected, observed, tolerance from marts.fct_consistency_checks').fetchall()
    assert rows
    for check, outcome, expected, observed, tolerance in rows:
        within = abs(expected - observed) <= tolerance
        assert within == (outcome == "pass"), (check, outcome, expected, observed, tolerance)


def test_a_check_whose_sql_contradicts_its_numbers_fails_validation(sample_warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / "warehouse"
    shutil.copytree(sample_warehouse.parent, copy)
    db = copy / sample_warehouse.name
    with duckdb.connect(str(db)) as con:  # what a broken anniversary.sql would have built
        con.execute("update marts.fct_consistency_checks set outcome = 'pass' where \"check\" = 'anniversary'")

    report = validate(db, tmp_path / "docs")
    build.record_validation(db, WarehousePaths(db).lake, report.history_rows())

    assert report.suite.success and not report.consistency.success and not report.success
    assert _failed(report.consistency) == [PASS_RULE]
    assert report.failure_summary().startswith("fct_consistency_checks: ")
    assert PASS_RULE in report.failure_summary()
    with duckdb.connect(str(db), read_only=True) as con:
        failed = con.execute(
            "select suite, expectation, unexpected_count from marts.fct_validation_runs "
            "where run_id = ? and not success", [report.run_id]
        ).fetchall()
    assert failed == [("fct_consistency_checks", PASS_RULE, 1)]
    assert (tmp_path / "docs" / "index.html").is_file()
