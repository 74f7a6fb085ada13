"""The Great Expectations (1.x) suite over `marts.fct_indicators`, as code.

Why code rather than a GX project folder: the suite is reviewed and versioned with the
transforms it guards, and each validation runs in a throw-away ephemeral context, so no GX
project is kept on disk and nothing reaches the network. (The only files GX writes are the
Data Docs of a run, `expectations.docs`.) `run_suite` is shared with the suite over the
consistency checks (`expectations.arithmetic`).

Row filters use GX 1.x `Condition` objects (`Column("role") == "level"`): since GX Core 1.9
string `row_condition`s with `condition_parser="pandas"` are deprecated (they still work, as a
pass-through to `DataFrame.query`), and the pandas engine turns Condition objects into the same
`DataFrame.query` expression.
"""

from __future__ import annotations

import csv
import logging
import math
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Set before GX is imported: GX reads it when a context is created.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx  # noqa: E402
import great_expectations.data_context.types.base as _gx_base  # noqa: E402
import great_expectations.expectations as gxe  # noqa: E402
import pandas as pd  # noqa: E402
from great_expectations.core.run_identifier import RunIdentifier  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402
from great_expectations.expectations.row_conditions import (  # noqa: E402
    Column,
    deserialize_row_condition,
)

from expectations.vocabulary import (  # noqa: E402
    COMPARISON_BASES,
    PERIOD_PATTERN,
    QUALIFIERS,
    ROLES,
    STATUSES,
    UNITS,
)

if TYPE_CHECKING:
    import polars as pl
    from great_expectations.data_context import AbstractDataContext

# GX pins this module's logger at INFO: one "Created temporary directory" line per validation run
_gx_base.logger.setLevel(logging.WARNING)

SUITE_NAME = "fct_indicators"
BOUNDS_FILE = Path(__file__).resolve().parents[1] / "seeds" / "grammar" / "bounds.csv"


def _bounds() -> dict[str, tuple[float, float]]:
    with BOUNDS_FILE.open(encoding="utf-8") as fh:
        return {r["quantity"]: (float(r["min_value"]), float(r["max_value"])) for r in csv.DictReader(fh)}


BOUNDS = _bounds()

# The same pattern with non-capturing groups: GX runs `Series.str.contains`, which warns on every
# call ("has match groups") when the pattern captures.
_PERIOD_REGEX = PERIOD_PATTERN.replace("(", "(?:")

# Units whose level can never be negative (money totals, counts, areas, per-capita figures).
NON_NEGATIVE_LEVEL_UNITS = tuple(u for u in UNITS if u != "percent")
REQUIRED_COLUMNS = ("doc_id", "metric", "role", "unit", "status", "period", "value")
# every column an expectation or row condition of the suite reads (`validate` selects no others)
SUITE_COLUMNS = ("fact_id", *REQUIRED_COLUMNS, "period_year", "qualifier", "comparison_base", "char_start", "char_end",
                 "text_length")
SAMPLE_SIZE = 5


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation's verdict, in plain Python so callers need not know GX result objects."""

    expectation: str
    success: bool
    unexpected_count: int
    sample: list = field(default_factory=list)
    severity: str = "critical"  # critical: the warehouse is wrong; warning: the reports say so


@dataclass(frozen=True)
class SuiteResult:
    """The verdict of one validation run over a frame of facts."""

    suite: str
    success: bool
    outcomes: list[ExpectationOutcome]

    def failures(self) -> list[ExpectationOutcome]:
        """The critical expectations that did not hold, in suite order: the warehouse is wrong."""
        return [o for o in self.outcomes if not o.success and o.severity == "critical"]

    def warnings(self) -> list[ExpectationOutcome]:
        """Warning-severity expectations that did not hold: values the reports themselves state."""
        return [o for o in self.outcomes if not o.success and o.severity != "critical"]

    def summary(self) -> str:
        """One line for a log or a flow's result: counts, then the failed expectations."""
        passed = sum(o.success for o in self.outcomes)
        line = f"{self.suite}: {passed}/{len(self.outcomes)} expectations passed"
        failed = self.failures()
        if failed:
            line += "; failed: " + ", ".join(f"{o.expectation} [{o.unexpected_count}]" for o in failed)
        warned = self.warnings()
        if warned:
            line += "; warnings (values as reported): " + ", ".join(
                f"{o.expectation} [{o.unexpected_count}]" for o in warned
            )
        return line


def indicator_suite() -> gx.ExpectationSuite:
    """Build the suite: the promises of the fact contract (sections 1-2) that one row can break.

    Cross-row arithmetic (attainment, part sums, conflicts) lives in `fct_consistency_checks`,
    not here.
    """
    level = Column("role") == "level"
    exps: list[gxe.Expectation] = [
        gxe.ExpectColumnValuesToNotBeNull(column="fact_id", description="every fact needs its stable id"),
        gxe.ExpectColumnValuesToBeUnique(
            column="fact_id", description="same document + same span gives one id: no two rows share it"
        ),
    ]
    exps += [
        gxe.ExpectColumnValuesToNotBeNull(column=c, description="a fact is unusable without it")
        for c in REQUIRED_COLUMNS
    ]
    # In-set expectations ignore nulls on the pandas engine, so nullable columns need no `mostly`.
    for column, values in (
        ("unit", UNITS),
        ("role", ROLES),
        ("status", STATUSES),
        ("qualifier", QUALIFIERS),
        ("comparison_base", COMPARISON_BASES),
    ):
        exps.append(
            gxe.ExpectColumnValuesToBeInSet(
                column=column, value_set=list(values), description="closed vocabulary of the contract"
            )
        )
    exps += [
        gxe.ExpectColumnValuesToMatchRegex(
            column="period", regex=_PERIOD_REGEX, description="FY, H1-H2, Q1-Q4, nM (1-11) or M01-M12"
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="period_year", min_value=int(BOUNDS["period_year"][0]), max_value=int(BOUNDS["period_year"][1]),
            description="a plausible report year (seeds/grammar/bounds.csv: the extractor emits no other)"
        ),
        gxe.ExpectColumnValuesToNotBeNull(
            column="period_year", severity="warning",
            description="a report that names no year anywhere (not in its text, its date line or its file name) "
            "gives its figures no year: the figure is read, its year is for the analyst",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="value",
            min_value=0,
            max_value=100,
            row_condition=level & (Column("unit") == "percent"),
            severity="warning",
            description="a rate that is itself the indicator lies in 0-100 (a report that says otherwise is a "
            "range finding, not a broken warehouse)",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="value",
            min_value=0,
            row_condition=level & Column("unit").is_in(list(NON_NEGATIVE_LEVEL_UNITS)),
            severity="warning",
            description="money totals, counts, areas and per-capita levels are never negative",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="value",
            min_value=-100,
            row_condition=Column("role") == "pct_change",
            severity="warning",
            description="nothing falls by more than all of it; growth has no upper bound",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="char_start", min_value=0, description="spans index the cleaned text"
        ),
        *(
            gxe.ExpectColumnValuesToBeBetween(
                column="value", min_value=lo, max_value=hi, row_condition=Column("unit") == unit,
                description=f"a {unit} figure within the documented plausible magnitude (seeds/grammar/"
                "bounds.csv: the extractor emits no other)",
            )
            for unit, (lo, hi) in BOUNDS.items() if unit in UNITS
        ),
        # Pair expectations skip a row only when both values are missing (GX default), so a fact
        # with a span end but no start, or a document with no text_length, fails here.
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="char_end", column_B="char_start", description="a span is not empty"
        ),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="text_length",
            column_B="char_end",
            or_equal=True,
            description="a span ends inside its document's cleaned text",
        ),
        gxe.ExpectColumnValuesToBeNull(
            column="comparison_base", row_condition=level, description="a level is compared with nothing"
        ),
    ]
    suite = gx.ExpectationSuite(name=SUITE_NAME)
    for exp in exps:
        suite.add_expectation(exp)
    return suite


def new_context() -> AbstractDataContext:
    """A throw-away in-memory GX context with progress bars off: one per validation run.

    Every suite validated in it keeps its result in the context's (in-memory) validation store,
    so Data Docs built from the context show all of them (`expectations.docs`).
    """
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


def run_suite(
    context: AbstractDataContext,
    suite: gx.ExpectationSuite,
    frame: pd.DataFrame | Iterable[pd.DataFrame],
    *,
    index_column: str | None = None,
    run_name: str | None = None,
) -> SuiteResult:
    """Validate a pandas frame, or a table given in parts, against `suite` in `context`; the asset
    is named after the suite.

    Parts keep memory flat (GX's pandas engine copies a frame for every row condition): a table of
    millions of rows is validated a part at a time, and the verdicts are combined (a part's failure
    is the suite's; counts add up; samples come from the first parts). Rows must be split so that
    rows sharing an id land in one part (a hash of the id), or uniqueness would not be checked
    across them. `index_column` names the column that identifies a row in failure samples;
    `run_name` labels the run in Data Docs (the `run_id` of `marts.fct_validation_runs`).
    """
    sources = context.data_sources.all()
    source = sources["warehouse"] if "warehouse" in sources else context.data_sources.add_pandas(name="warehouse")
    batch_definition = source.add_dataframe_asset(name=suite.name).add_batch_definition_whole_dataframe(name="whole")
    added = context.suites.add(suite)
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(name=suite.name, data=batch_definition, suite=added)
    )
    combined: list[ExpectationOutcome] | None = None
    for part in [frame] if isinstance(frame, pd.DataFrame) else frame:
        result_format: dict[str, Any] = {"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_SIZE}
        if index_column and index_column in part.columns:
            # Samples then come as rows `{index_column: ..., <column>: ...}`, which a reader can look up.
            result_format["unexpected_index_column_names"] = [index_column]
        run_id = RunIdentifier(run_name=run_name, run_time=datetime.now(UTC)) if run_name else None
        result = validation.run(batch_parameters={"dataframe": part}, result_format=result_format, run_id=run_id)
        outcomes = [_outcome(r) for r in result.results]
        combined = outcomes if combined is None else [_combine(a, b) for a, b in zip(combined, outcomes, strict=True)]
    if combined is None:
        raise ValueError(f"{suite.name}: no frame to validate")
    success = all(o.success for o in combined if o.severity == "critical")
    return SuiteResult(suite=suite.name, success=success, outcomes=combined)


def _combine(a: ExpectationOutcome, b: ExpectationOutcome) -> ExpectationOutcome:
    """One expectation's verdict over two parts of a table."""
    return ExpectationOutcome(a.expectation, a.success and b.success, a.unexpected_count + b.unexpected_count,
                              (a.sample + b.sample)[:SAMPLE_SIZE], a.severity)


def validate_indicators(
    frame: pd.DataFrame | pl.DataFrame | Iterable[pd.DataFrame | pl.DataFrame],
    context: AbstractDataContext | None = None,
    run_name: str | None = None,
) -> SuiteResult:
    """Validate a frame of `fct_indicators` rows (plus `text_length`), or the table in parts split
    by `fact_id` (see `run_suite`), against the suite.

    Without a `context`, each call builds its own ephemeral one, so repeated calls in one
    process never collide and leave nothing behind.
    """
    return run_suite(context or new_context(), indicator_suite(), pandas_parts(frame), index_column="fact_id",
                     run_name=run_name)


def pandas_parts(
    frame: pd.DataFrame | pl.DataFrame | Iterable[pd.DataFrame | pl.DataFrame],
) -> pd.DataFrame | Iterator[pd.DataFrame]:
    """A frame, or each part of a table, as pandas (GX's engine); polars frames are converted."""
    if isinstance(frame, pd.DataFrame):
        return frame
    if hasattr(frame, "to_pandas"):  # one polars frame
        return frame.to_pandas()
    return (p.to_pandas() if hasattr(p, "to_pandas") else p for p in frame)


def _outcome(res: Any) -> ExpectationOutcome:
    """Flatten one GX ExpectationValidationResult; an expectation that raised counts as failed."""
    config = res.expectation_config
    name = _describe(config.type, config.kwargs)
    severity = str(getattr(config.severity, "value", config.severity) or "critical").lower()
    info = res.exception_info or {}
    if info.get("raised_exception"):
        return ExpectationOutcome(name, False, 0, [str(info.get("exception_message"))], "critical")
    result = res.result or {}
    rows = result.get("partial_unexpected_index_list") or result.get("partial_unexpected_list") or []
    sample = [_plain(v) for v in rows[:SAMPLE_SIZE]]
    return ExpectationOutcome(name, bool(res.success), int(result.get("unexpected_count") or 0), sample, severity)


def _describe(kind: str, kwargs: Mapping[str, Any]) -> str:
    """`type(columns)`, plus the row filter when there is one: readable and unique within the suite."""
    if "column" in kwargs:
        columns = str(kwargs["column"])
    elif "column_A" in kwargs:
        columns = f"{kwargs['column_A']}, {kwargs['column_B']}"
    else:
        columns = ", ".join(kwargs.get("column_list") or [])
    condition = kwargs.get("row_condition")
    if condition:
        # Results carry the condition serialised to a dict; its Condition repr reads like SQL.
        columns += f" | {deserialize_row_condition(condition)!r}"
    return f"{kind}({columns})"


def _plain(value: Any) -> Any:
    """numpy scalars, tuples and row dicts to plain Python, NaN to None, so samples print and serialise."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return value
