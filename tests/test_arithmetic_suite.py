"""The GX suite over marts.fct_consistency_checks: the checks' own arithmetic, re-verified side by side.

A valid frame (with the rows the tolerance rule legitimately does not govern) passes; a corrupted
row really fails it; and on a built warehouse the suite runs next to the indicator suite, lands
in fct_validation_runs, and stops the run when a check's SQL contradicts its own numbers.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from expectations.arithmetic import consistency_suite, validate_consistency, with_arithmetic
from expectations.suite import SuiteResult, indicator_suite
from expectations.validate import CHECKS_DIR, validate


def _finding(check_id: str, check: str, outcome: str, expected: float | None, observed: float | None,
             tolerance: float | None, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "check_id": check_id, "check": check, "outcome": outcome, "expected": expected, "observed": observed,
        "tolerance": tolerance, "message": f"{check} {outcome}", "subject": None, "reviewed": False,
        "review_reason": None, "all_exact": True, "fact_roles": "level,level", "ratio_precision": None,
    }
    row.update(extra)
    return row


def _valid_rows() -> list[dict[str, object]]:
    plan_roles = {"fact_roles": "level,level,pct_of_plan", "ratio_precision": 0.0067}
    return [
        _finding("a1", "anniversary", "pass", 70, 70, 0.0, all_exact=None, fact_roles=None),
        _finding("a2", "anniversary", "fail", 70, 69, 0.0, all_exact=None, fact_roles=None),
        _finding("c1", "conflict", "pass", 1.25e12, 1.2505e12, 1e9),
        _finding("c2", "conflict", "fail", 1.31e12, 1.25e12, 1e9),
        # a bound (`hơn 1.250 tỷ`) judged by its interval, not by the tolerance: not governed
        _finding("c3", "conflict", "pass", 1.25e12, 1.40e12, 1e9, all_exact=False),
        _finding("at1", "attainment", "pass", 2.0e12, 2.0e12, 1.45e10, **plan_roles),
        _finding("at2", "attainment", "fail", 2.0e12, 1.667e12, 1.03e10, **plan_roles),
        # two ratios of one level against different bases pass whatever the implied plans: not governed
        _finding("at3", "attainment", "pass", 3.3207e12, 3.3121e12, 0.55, fact_roles="level,pct_of_plan,pct_of_plan"),
        _finding("ib1", "implied_base", "pass", 1.0e12, 1.0e12, 5.08e9, fact_roles="level,level,pct_change",
                 ratio_precision=0.0042),
        _finding("ib2", "implied_base", "fail", 1.0e12, 9.23e11, 4.43e9, fact_roles="level,level,pct_change"),
        _finding("p1", "part_sum", "pass", 11, 11, 0.0, fact_roles="level,part,part,part"),
        _finding("p2", "part_sum", "fail", 16, 15, 0.0, fact_roles="level,part,part,part,part"),
        # parts after `trong đó` may fall short of the total: not governed
        _finding("p3", "part_sum", "pass", 12, 5, 0.0, fact_roles="level,part"),
        # months of Q2 under a Q1 heading: 3 = 3, yet the figure is outside the heading's period
        _finding("pm1", "period_mismatch", "fail", 3, 3, 0.0, fact_roles="level"),
        # a ratio above 1000 %: expected is the clamp, not a second stated number
        _finding("r1", "range", "warn", 1000, 1250, 0.5, fact_roles="pct_of_plan"),
        _finding("r2", "range", "pass", 37.4, 37.4, 0.05, fact_roles="pct_of_plan"),
    ]


def _failed(result: SuiteResult) -> list[str]:
    return [o.expectation for o in result.failures()]


PASS_RULE = "expect_column_values_to_be_between(slack | (outcome == pass AND rule == tolerance))"
FAIL_RULE = "expect_column_values_to_be_between(slack | (outcome == fail AND rule == tolerance))"


def test_valid_findings_pass_every_expectation() -> None:
    result = validate_consistency(pd.DataFrame(_valid_rows()))
    assert result.success, result.summary()
    assert result.suite == "fct_consistency_checks"
    assert len(result.outcomes) == len(consistency_suite().expectations)
    assert result.failures() == [] and result.warnings() == []


def test_the_rule_governs_only_the_rows_it_truly_holds_for() -> None:
    frame = with_arithmetic(pd.DataFrame(_valid_rows())).set_index("check_id")
    governed = set(frame.index[frame["rule"] == "tolerance"])
    assert governed == {"a1", "a2", "c1", "c2", "at1", "at2", "ib1", "ib2", "p1", "p2"}
    assert frame.loc["c2", "abs_gap"] == pytest.approx(6e10)
    assert frame.loc["c2", "slack"] == pytest.approx(1e9 - 6e10)
    assert frame.loc["a1", "slack"] == 0.0


@pytest.mark.parametrize(("check", "extra"), [
    ("anniversary", {"all_exact": None, "fact_roles": None}),
    ("conflict", {}),
    ("part_sum", {"fact_roles": "level,part,part"}),
    ("implied_base", {"fact_roles": "level,level,pct_of_base", "ratio_precision": 0.004}),
    ("attainment", {"fact_roles": "level,level,pct_of_plan", "ratio_precision": 0.004}),
])
def test_a_pass_that_breaks_its_own_tolerance_fails_the_suite(check: str, extra: dict) -> None:
    corrupted = _finding("bad", check, "pass", 100.0, 200.0, 1.0, **extra)
    result = validate_consistency(pd.DataFrame([*_valid_rows(), corrupted]))
    assert not result.success
    assert _failed(result) == [PASS_RULE]
    failure = result.failures()[0]
    assert failure.unexpected_count == 1
    assert failure.sample == [{"check_id": "bad", "slack": -99.0}]


def test_a_fail_whose_numbers_agree_fails_the_suite() -> None:
    corrupted = _finding("bad", "conflict", "fail", 100.0, 100.5, 1.0)
    result = validate_consistency(pd.DataFrame([*_valid_rows(), corrupted]))
    assert _failed(result) == [FAIL_RULE]


def test_a_governed_finding_without_its_numbers_fails() -> None:
    corrupted = _finding("bad", "anniversary", "pass", 70, None, 0.0)
    result = validate_consistency(pd.DataFrame([*_valid_rows(), corrupted]))
    assert _failed(result) == ["expect_column_values_to_not_be_null(slack | rule == tolerance)"]


def test_floating_point_noise_at_the_edge_is_not_a_failure() -> None:
    # 37.4 + 0.05 vs 37.5 - 0.05: the SQL's interval overlap and |a - b| <= tolerance can round apart
    rows = [_finding("edge-pass", "conflict", "pass", 37.4, 37.5, 0.1 - 1e-12),
            _finding("edge-fail", "conflict", "fail", 37.4, 37.5, 0.1 + 1e-12)]
    result = validate_consistency(pd.DataFrame([*_valid_rows(), *rows]))
    assert result.success, result.summary()


def test_an_implied_value_near_the_edge_of_its_interval_is_too_close_to_call() -> None:
    # level / ratio is not the centre of the interval the SQL tests: the offset is ~ precision/ratio
    row = _finding("near", "attainment", "pass", 100.0, 110.1, 10.0, fact_roles="level,level,pct_of_plan",
                   ratio_precision=0.02)
    assert with_arithmetic(pd.DataFrame([row]))["rule"].tolist() == [None]
    far = {**row, "check_id": "far", "observed": 112.0}
    assert validate_consistency(pd.DataFrame([*_valid_rows(), far])).failures()


# (test id, overrides for one extra row, the expectation it must fail)
BAD_ROWS = [
    ("outcome_outside_vocabulary", {"outcome": "maybe"}, "expect_column_values_to_be_in_set(outcome)"),
    ("check_outside_contract", {"check": "vibes"}, "expect_column_values_to_be_in_set(check)"),
    ("duplicate_check_id", {"check_id": "a1"}, "expect_column_values_to_be_unique(check_id)"),
    ("missing_check_id", {"check_id": None}, "expect_column_values_to_not_be_null(check_id)"),
    ("missing_message", {"message": None}, "expect_column_values_to_not_be_null(message)"),
    ("missing_outcome", {"outcome": None}, "expect_column_values_to_not_be_null(outcome)"),
    ("negative_tolerance", {"tolerance": -1.0, "check": "range"}, "expect_column_values_to_be_between(tolerance)"),
]


@pytest.mark.parametrize(("overrides", "expectation"), [pytest.param(o, e, id=i) for i, o, e in BAD_ROWS])
def test_a_bad_finding_fails_the_right_expectation(overrides: dict, expectation: str) -> None:
    row = {**_finding("extra", "range", "pass", 5.0, 5.0, 0.5), **overrides}
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


def _copy_warehouse(sample_warehouse: Path, tmp_path: Path) -> tuple[Path, Path]:
    copy = tmp_path / "warehouse"
    shutil.copytree(sample_warehouse.parent, copy)
    return copy / sample_warehouse.name, copy / "parquet"


def test_a_check_whose_sql_contradicts_its_numbers_fails_validation(sample_warehouse: Path, tmp_path: Path) -> None:
    checks = tmp_path / "checks"
    shutil.copytree(CHECKS_DIR, checks)
    sql = (checks / "anniversary.sql").read_text(encoding="utf-8")
    broken = sql.replace("case when to_year - from_year = years_stated then 'pass' else 'fail' end", "'pass'")
    assert broken != sql
    (checks / "anniversary.sql").write_text(broken, encoding="utf-8")
    db, lake = _copy_warehouse(sample_warehouse, tmp_path)

    report = validate(db, lake, checks_dir=checks, docs_dir=tmp_path / "docs")

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
