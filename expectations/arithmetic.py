"""The GX suite over `marts.fct_consistency_checks`: every check's arithmetic re-verified side by side.

Every check (`warehouse/models/checks/*.sql`) states the two numbers it compared in `expected`
and `observed`, in one unit, and the `tolerance` it allowed between them, derived from the
written precision and any bound (`hơn`, `gần`, `trở lên`, a partial list after `trong đó`).
Each check's SQL judges by that rule and no other, so this suite can hold every row to it:

    abs_gap = |expected - observed|        slack = tolerance - abs_gap

    a `pass` has slack >= 0 (else the check's SQL passed two numbers that disagree)
    a `fail` or `warn` has slack < 0 (else the check's SQL flagged two numbers that agree)

`warn` and `fail` differ by what can explain the gap (scope, price basis, a later restatement),
not by the arithmetic. What each kind compares (see each SQL file): anniversary, the years
stated and the years between the dates; attainment, the stated and the implied plan, or two
ratios of one level; conflict, a statement and its group's agreed value; implied_base, the
reported and the implied base level; part_sum, the total and its parts' sum; period_mismatch,
0 and the months of a figure's period outside its heading's; range, a value and the value
moved into the allowed range (tolerance 0).

A verdict is allowed FLOAT_NOISE of relative slack on either side: the SQL and this suite do the
same double arithmetic, so only noise can separate them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import great_expectations as gx
import great_expectations.expectations as gxe
import numpy as np
import pandas as pd
from great_expectations.expectations.row_conditions import Column

from expectations.suite import SuiteResult, new_context, pandas_parts, run_suite
from expectations.vocabulary import CHECK_KINDS, CHECK_OUTCOMES

if TYPE_CHECKING:
    import polars as pl
    from great_expectations.data_context import AbstractDataContext

SUITE_NAME = "fct_consistency_checks"
# every column the suite reads, its arithmetic included (`validate` selects no others)
SUITE_COLUMNS = ("check_id", "check", "outcome", "message", "expected", "observed", "tolerance")
FLOAT_NOISE = 1e-9  # relative to the numbers compared


def consistency_suite() -> gx.ExpectationSuite:
    """The promises of CONTRACT.md section 4, and the arithmetic of every row."""
    flagged = Column("outcome").is_in(["fail", "warn"])
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
            column="slack", description="every finding states both numbers it compared and its tolerance"
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="slack_verdict",
            min_value=0,
            row_condition=Column("outcome") == "pass",
            description="a pass keeps its own tolerance: |expected - observed| <= tolerance "
            "(else the check's SQL passed a contradiction)",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="slack_verdict",
            max_value=0,
            strict_max=True,
            row_condition=flagged,
            description="a fail or warn breaks its own tolerance: |expected - observed| > tolerance "
            "(else the check's SQL flagged two numbers that agree)",
        ),
    ]
    suite = gx.ExpectationSuite(name=SUITE_NAME)
    for exp in exps:
        suite.add_expectation(exp)
    return suite


def with_arithmetic(frame: pd.DataFrame) -> pd.DataFrame:
    """The findings with `abs_gap`, `slack` and `slack_verdict` added: the slack moved towards the
    verdict by the float noise allowed (see the module doc), so a pass within noise of its edge
    keeps slack_verdict >= 0, and a flag within noise keeps it < 0."""
    out = frame.copy()
    expected = pd.to_numeric(out["expected"], errors="coerce").astype(float)
    observed = pd.to_numeric(out["observed"], errors="coerce").astype(float)
    tolerance = pd.to_numeric(out["tolerance"], errors="coerce").astype(float)
    out["abs_gap"] = (expected - observed).abs()
    with np.errstate(invalid="ignore"):
        out["slack"] = tolerance - out["abs_gap"]
    # inf - inf (an unbounded tolerance and an unbounded gap) is no verdict at all: NaN, caught above
    scale = np.maximum(np.maximum(expected.abs(), observed.abs()).fillna(0.0), 1.0)
    noise = FLOAT_NOISE * scale
    is_pass = (out["outcome"].astype("string") == "pass").fillna(False).to_numpy(dtype=bool)
    out["slack_verdict"] = np.where(is_pass, out["slack"] + noise, out["slack"] - noise)
    return out


def validate_consistency(
    frame: pd.DataFrame | pl.DataFrame | Iterable[pd.DataFrame | pl.DataFrame],
    context: AbstractDataContext | None = None,
    run_name: str | None = None,
) -> SuiteResult:
    """Validate the rows of `marts.fct_consistency_checks` (list columns may be dropped first), or
    the table in parts split by `check_id` (see `expectations.suite.run_suite`)."""
    parts = pandas_parts(frame)
    prepared = with_arithmetic(parts) if isinstance(parts, pd.DataFrame) else (with_arithmetic(p) for p in parts)
    return run_suite(
        context or new_context(), consistency_suite(), prepared, index_column="check_id", run_name=run_name
    )
