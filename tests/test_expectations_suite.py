"""The GX suite over marts.fct_indicators: a valid frame passes, and each bad row really fails it."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest

from expectations.suite import (
    SuiteResult,
    indicator_suite,
    validate_indicators,
)

SENTENCE = (
    "Tổng thu ngân sách nhà nước 6 tháng đầu năm ước đạt 1.823,1 tỷ đồng, bằng 37,4% dự toán; "
    "tỷ lệ hộ nghèo giảm còn 0,61%."
)


def _fact(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "fact_id": "f-revenue",
        "doc_id": "9f2c" * 16,
        "source_file": "003_21259f3a66584d3b.txt",
        "locality": "Từ Sơn",
        "locality_type": "thành phố",
        "province": "Bắc Ninh",
        "metric": "budget_revenue",
        "role": "level",
        "value": 1823100000000.0,
        "unit": "VND",
        "period_year": 2022,
        "period": "H1",
        "status": "estimate",
        "qualifier": "exact",
        "comparison_base": None,
        "base_year": None,
        "scope": None,
        "parent_fact_id": None,
        "char_start": 52,
        "char_end": 66,
        "sentence": SENTENCE,
        "text_length": 4210,
    }
    row.update(overrides)
    return row


def _valid_rows() -> list[dict[str, object]]:
    return [
        _fact(),
        _fact(
            fact_id="f-revenue-plan",
            role="pct_of_plan",
            value=37.4,
            unit="percent",
            comparison_base="budget_estimate",
            parent_fact_id="f-revenue",
            char_start=74,
            char_end=79,
        ),
        _fact(
            fact_id="f-poverty",
            metric="poverty_rate",
            value=0.61,
            unit="percent",
            period="FY",
            status="actual",
            qualifier=None,
            char_start=112,
            char_end=117,
        ),
        _fact(
            fact_id="f-enterprises",
            metric="new_enterprises",
            value=197.0,
            unit="count",
            period="9M",
            status="actual",
            char_start=300,
            char_end=303,
        ),
    ]


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def _failed_names(result: SuiteResult) -> list[str]:
    return [o.expectation for o in result.failures()]


def test_valid_facts_pass_every_expectation():
    result = validate_indicators(_frame(_valid_rows()))
    assert result.success, result.summary()
    assert result.suite == "fct_indicators"
    assert len(result.outcomes) == len(indicator_suite().expectations) >= 20
    assert result.failures() == []
    assert (
        result.summary()
        == f"fct_indicators: {len(result.outcomes)}/{len(result.outcomes)} expectations passed"
    )


def test_polars_frame_is_accepted_and_nulls_survive_conversion():
    result = validate_indicators(pl.DataFrame(_valid_rows(), infer_schema_length=None))
    assert result.success, result.summary()


def test_attainment_above_100_and_a_decline_pass():
    rows = _valid_rows() + [
        _fact(
            fact_id="f-attain",
            role="pct_of_plan",
            value=116.0,
            unit="percent",
            comparison_base="budget_estimate",
            scope="tỉnh giao",
        ),
        _fact(
            fact_id="f-decline",
            role="pct_change",
            value=-5.3,
            unit="percent",
            comparison_base="same_period",
            base_year=2021,
            qualifier=None,
        ),
        _fact(fact_id="f-ratio", role="pct_of_base", value=230.0, unit="percent", comparison_base=None),
    ]
    result = validate_indicators(_frame(rows))
    assert result.success, result.summary()


def test_nullable_vocabulary_columns_may_be_null_outside_levels():
    rows = _valid_rows() + [
        _fact(
            fact_id="f-growth",
            role="pct_change",
            value=13.1,
            unit="percent",
            comparison_base=None,
            qualifier=None,
        )
    ]
    assert validate_indicators(_frame(rows)).success


# (test id, overrides for one extra row, expectation type, column(s) the failing expectation names)
BAD_ROWS = [
    ("unit_outside_vocabulary", {"unit": "tỷ"}, "expect_column_values_to_be_in_set", "unit"),
    ("role_outside_vocabulary", {"role": "ratio"}, "expect_column_values_to_be_in_set", "role"),
    ("status_outside_vocabulary", {"status": "plan"}, "expect_column_values_to_be_in_set", "status"),
    (
        "qualifier_outside_vocabulary",
        {"qualifier": "about"},
        "expect_column_values_to_be_in_set",
        "qualifier",
    ),
    (
        "comparison_base_outside_vocabulary",
        {"role": "pct_change", "unit": "percent", "value": 4.0, "comparison_base": "last_year"},
        "expect_column_values_to_be_in_set",
        "comparison_base",
    ),
    ("period_h3", {"period": "H3"}, "expect_column_values_to_match_regex", "period"),
    ("period_12m", {"period": "12M"}, "expect_column_values_to_match_regex", "period"),
    ("period_year_too_early", {"period_year": 1900}, "expect_column_values_to_be_between", "period_year"),
    ("duplicate_fact_id", {"fact_id": "f-revenue"}, "expect_column_values_to_be_unique", "fact_id"),
    ("missing_fact_id", {"fact_id": None}, "expect_column_values_to_not_be_null", "fact_id"),
    ("missing_value", {"value": None}, "expect_column_values_to_not_be_null", "value"),
    ("missing_metric", {"metric": None}, "expect_column_values_to_not_be_null", "metric"),
    ("negative_char_start", {"char_start": -1}, "expect_column_values_to_be_between", "char_start"),
    (
        "char_end_before_char_start",
        {"char_start": 80, "char_end": 70},
        "expect_column_pair_values_a_to_be_greater_than_b",
        "char_end, char_start",
    ),
    (
        "empty_span",
        {"char_start": 80, "char_end": 80},
        "expect_column_pair_values_a_to_be_greater_than_b",
        "char_end, char_start",
    ),
    (
        "char_end_beyond_text_length",
        {"char_start": 4200, "char_end": 4215},
        "expect_column_pair_values_a_to_be_greater_than_b",
        "text_length, char_end",
    ),
    (
        "comparison_base_on_a_level",
        {"comparison_base": "same_period"},
        "expect_column_values_to_be_null",
        "comparison_base | role == level",
    ),
]

# Values a report itself states: warning severity, recorded but not blocking the warehouse
# (the `range` consistency check reports them as findings).
REPORTED_ROWS = [
    (
        "rate_level_above_100",
        {"metric": "poverty_rate", "unit": "percent", "value": 120.0},
        "expect_column_values_to_be_between",
        "value | (role == level AND unit == percent)",
    ),
    (
        "negative_money_level",
        {"value": -5.0e9},
        "expect_column_values_to_be_between",
        "value | (role == level AND unit IN (",
    ),
    (
        "negative_count_level",
        {"metric": "new_enterprises", "unit": "count", "value": -3.0},
        "expect_column_values_to_be_between",
        "value | (role == level AND unit IN (",
    ),
    (
        "decline_beyond_100_percent",
        {"role": "pct_change", "unit": "percent", "value": -150.0, "comparison_base": "prior_year"},
        "expect_column_values_to_be_between",
        "value | role == pct_change",
    ),
]


@pytest.mark.parametrize(
    ("overrides", "expectation_type", "names"),
    [pytest.param(o, t, n, id=i) for i, o, t, n in REPORTED_ROWS],
)
def test_impossible_reported_value_is_a_warning_not_a_broken_warehouse(overrides, expectation_type, names):
    result = validate_indicators(_frame(_valid_rows() + [_fact(**{"fact_id": "f-bad", **overrides})]))

    assert result.success
    warned = [o for o in result.warnings() if o.expectation.startswith(f"{expectation_type}({names}")]
    assert warned, f"expected {expectation_type}({names}...) to warn; got {result.summary()}"
    assert warned[0].severity == "warning" and warned[0].unexpected_count == 1
    assert "warnings (values as reported)" in result.summary()


@pytest.mark.parametrize(
    ("overrides", "expectation_type", "names"),
    [pytest.param(o, t, n, id=i) for i, o, t, n in BAD_ROWS],
)
def test_bad_row_fails_the_suite_on_the_right_expectation(overrides, expectation_type, names):
    overrides = {"fact_id": "f-bad", **overrides}
    result = validate_indicators(_frame(_valid_rows() + [_fact(**overrides)]))

    assert not result.success
    failed = [o for o in result.failures() if o.expectation.startswith(f"{expectation_type}({names}")]
    assert failed, f"expected {expectation_type}({names}...) to fail; got {_failed_names(result)}"
    outcome = failed[0]
    assert outcome.unexpected_count >= 1
    assert 1 <= len(outcome.sample) <= 5
    assert outcome.expectation in result.summary()


def test_rate_level_above_100_is_named_with_its_fact_id():
    bad = _fact(fact_id="f-bad-rate", metric="poverty_rate", unit="percent", value=120.0)
    result = validate_indicators(_frame(_valid_rows() + [bad]))
    assert result.failures() == []
    assert [o.expectation for o in result.warnings()] == [
        "expect_column_values_to_be_between(value | (role == level AND unit == percent))"
    ]
    assert result.warnings()[0].sample == [{"value": 120.0, "fact_id": "f-bad-rate"}]


def test_only_the_broken_expectation_fails_for_a_duplicate_id():
    result = validate_indicators(_frame(_valid_rows() + [_fact()]))
    assert _failed_names(result) == ["expect_column_values_to_be_unique(fact_id)"]
    assert result.failures()[0].unexpected_count == 2
    assert result.summary().startswith(f"fct_indicators: {len(result.outcomes) - 1}/{len(result.outcomes)} ")


def test_missing_column_fails_instead_of_passing_silently():
    result = validate_indicators(_frame(_valid_rows()).drop(columns=["text_length"]))
    assert not result.success
    assert "expect_column_pair_values_a_to_be_greater_than_b(text_length, char_end)" in _failed_names(result)


def test_repeated_calls_in_one_process_do_not_collide():
    frame = _frame(_valid_rows())
    assert all(validate_indicators(frame).success for _ in range(3))
    bad = _frame(_valid_rows() + [_fact(fact_id="f-x", unit="tỷ")])
    assert not validate_indicators(bad).success
    assert validate_indicators(frame).success


def test_validation_prints_no_progress_bars(capfd):
    validate_indicators(_frame(_valid_rows()))
    captured = capfd.readouterr()
    assert "Calculating Metrics" not in captured.err + captured.out


@pytest.mark.parametrize("period", ["FY", "H1", "H2", "Q1", "Q4", "1M", "9M", "11M", "M01", "M12"])
def test_every_contract_period_form_passes(period):
    assert validate_indicators(_frame([_fact(period=period)])).success
