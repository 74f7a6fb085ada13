"""The GX suite over `marts.fct_consistency_checks`: the checks' arithmetic re-verified side by side.

The SQL checks (`expectations/checks/*.sql`) put the two numbers they compared in `expected` and
`observed`, with the `tolerance` the written precision allows. GX's custom-SQL expectation does
not run on pandas data, so the arithmetic is re-done in the frame as columns, and plain column
expectations hold the SQL to its own verdicts:

    abs_gap = |expected - observed|        slack = tolerance - abs_gap

    a `pass` under the tolerance rule has slack >= 0 (else our SQL passed a contradiction)
    a `fail` under the tolerance rule has slack <  0 (else our SQL failed two agreeing numbers)

`rule` says which rows the tolerance rule governs. It does not govern every row, by design of
the checks (read each SQL file):

- anniversary: exact years, tolerance 0: every row.
- conflict, implied_base: the outcome is "do the two intervals the texts allow overlap". With
  exact figures (every fact read is `qualifier = 'exact'`) each interval is value +- precision and
  overlap is exactly |expected - observed| <= tolerance. `hơn`/`gần`/`khoảng` make the intervals
  one-sided or +-10 %, which the tolerance column does not describe: those rows are left out.
- attainment: rows against a stated plan (two levels and one `pct_of_plan` read) with exact
  figures, as above. Rows of two ratios of one level (two `pct_of_plan` read) compare the implied
  plans in `expected`/`observed` but judge the ratios (their tolerance is in percent points, and
  different bases or scopes pass whatever the plans): left out.
  For attainment and implied_base, `observed` is the implied value (level / ratio) while the SQL
  tests the interval (level +- p) / (ratio -+ q), whose centre lies a second-order amount off it
  (about q/ratio of the half-width): rows that close to the edge are too close to call.
- part_sum: parts above their total fail, and so do parts short of a total whose list is
  presented as complete; after `trong đó` (among which) short parts pass. So: every `fail`, and
  the `pass` rows whose parts reach the total; a `pass` with parts short of it is left out.
- range: `expected` is the value clamped to the allowed range, not a second stated number.
- period_mismatch: `expected`/`observed` are month counts; the outcome is about containment
  (`Q2` under a `Q1` heading fails with 3 = 3).

A verdict on the wrong side of the edge by no more than floating-point noise (or, for the interval
kinds, the offset above) is too close to call, and gets no rule either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import great_expectations as gx
import great_expectations.expectations as gxe
import numpy as np
import pandas as pd
from great_expectations.expectations.row_conditions import Column

from expectations.suite import SuiteResult, new_context, run_suite
from expectations.vocabulary import CHECK_KINDS, CHECK_OUTCOMES

if TYPE_CHECKING:
    import polars as pl
    from great_expectations.data_context import AbstractDataContext

SUITE_NAME = "fct_consistency_checks"
TOLERANCE_RULE = "tolerance"
# The kinds that compare two stated numbers; the rule can hold only there.
ARITHMETIC_KINDS = ("part_sum", "attainment", "implied_base", "conflict", "anniversary")
INTERVAL_KINDS = ("attainment", "implied_base")  # a value divided by a ratio: see the module doc
AGAINST_STATED_PLAN = "level,level,pct_of_plan"  # the roles an attainment row against a plan read
FLOAT_NOISE = 1e-9  # relative to the numbers compared


def consistency_suite() -> gx.ExpectationSuite:
    """The promises of CONTRACT.md section 4, and the arithmetic of the rows the rule governs."""
    governed = Column("rule") == TOLERANCE_RULE
    exps: list[gxe.Expectation] = [
        gxe.ExpectColumnValuesToNotBeNull(column="check_id", description="every finding has its stable id"),
        gxe.ExpectColumnValuesToBeUnique(
            column="check_id", description="kind + subject + facts compared give one id: no two rows share it"
        ),
        gxe.ExpectColumnValuesToNotBeNull(column="check", description="every finding names its kind"),
        gxe.ExpectColumnValuesToBeInSet(
            column="check", value_set=list(CHECK_KINDS), description="the kinds of CONTRACT.md section 4"
        ),
        gxe.ExpectColumnValuesToNotBeNull(column="outcome", description="every finding has a verdict"),
        gxe.ExpectColumnValuesToBeInSet(
            column="outcome", value_set=list(CHECK_OUTCOMES), description="pass, warn or fail"
        ),
        gxe.ExpectColumnValuesToNotBeNull(column="message", description="one sentence a reader can act on"),
        gxe.ExpectColumnValuesToBeBetween(
            column="tolerance", min_value=0, description="a tolerance is a width: never negative"
        ),
        gxe.ExpectColumnValuesToNotBeNull(
            column="slack",
            row_condition=governed,
            description="a finding that compares two stated numbers states both and its tolerance",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="slack",
            min_value=0,
            row_condition=(Column("outcome") == "pass") & governed,
            description="a pass keeps its own tolerance: |expected - observed| <= tolerance "
            "(else the check's SQL passed a contradiction)",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="slack",
            max_value=0,
            strict_max=True,
            row_condition=(Column("outcome") == "fail") & governed,
            description="a fail breaks its own tolerance: |expected - observed| > tolerance "
            "(else the check's SQL failed two numbers that agree)",
        ),
    ]
    suite = gx.ExpectationSuite(name=SUITE_NAME)
    for exp in exps:
        suite.add_expectation(exp)
    return suite


def with_arithmetic(frame: pd.DataFrame) -> pd.DataFrame:
    """The findings with `abs_gap`, `slack` and `rule` (see the module doc) added.

    Optional input columns, from the facts each finding read: `all_exact` (every fact exact),
    `fact_roles` (their roles, sorted, comma-separated) and `ratio_precision` (the largest
    precision / ratio among them). Missing, they count as not exact / unknown.
    """
    out = frame.copy()
    expected = pd.to_numeric(out["expected"], errors="coerce").astype(float)
    observed = pd.to_numeric(out["observed"], errors="coerce").astype(float)
    tolerance = pd.to_numeric(out["tolerance"], errors="coerce").astype(float)
    out["abs_gap"] = (expected - observed).abs()
    out["slack"] = tolerance - out["abs_gap"]

    kind = out["check"].astype("string")
    outcome = out["outcome"].astype("string")
    exact = _column(out, "all_exact", False).fillna(False).astype(bool)
    roles = _column(out, "fact_roles", "").fillna("").astype(str)
    ratio_precision = pd.to_numeric(_column(out, "ratio_precision", 0.0), errors="coerce").fillna(0.0)

    governed = (
        (kind == "anniversary")
        | (kind == "conflict") & exact
        | (kind == "implied_base") & exact
        | (kind == "attainment") & exact & (roles == AGAINST_STATED_PLAN)
        | (kind == "part_sum") & ((outcome == "fail") | (observed >= expected))
    ).fillna(False).astype(bool)

    scale = np.maximum(np.maximum(expected.abs(), observed.abs()).fillna(0.0), 1.0)
    edge = FLOAT_NOISE * scale + np.where(kind.isin(INTERVAL_KINDS).fillna(False), 2 * ratio_precision, 0.0) * (
        tolerance.fillna(0.0).abs()
    )
    # Only a verdict on the wrong side of the edge by less than `edge` is too close to call; NaN
    # slack is never close (it must fail the not-null expectation).
    slack = out["slack"]
    too_close = ((outcome == "pass") & (slack < 0) & (slack >= -edge)) | (
        (outcome == "fail") & (slack >= 0) & (slack < edge)
    )
    out["rule"] = np.where(governed & ~too_close.fillna(False).astype(bool), TOLERANCE_RULE, None)
    return out


def _column(frame: pd.DataFrame, name: str, default: object) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series([default] * len(frame), index=frame.index, dtype=object)


def validate_consistency(
    frame: pd.DataFrame | pl.DataFrame,
    context: AbstractDataContext | None = None,
    run_name: str | None = None,
) -> SuiteResult:
    """Validate the rows of `marts.fct_consistency_checks` (list columns may be dropped first)."""
    if hasattr(frame, "to_pandas"):  # polars
        frame = frame.to_pandas()
    prepared = with_arithmetic(frame)
    return run_suite(
        context or new_context(), consistency_suite(), prepared, index_column="check_id", run_name=run_name
    )
