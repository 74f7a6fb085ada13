"""The closed vocabularies of the fact contract (CONTRACT.md section 1), without Great Expectations.

The suite checks the warehouse against them; the overrides loader checks reviewers' corrections
against them before they reach the warehouse.
"""

from __future__ import annotations

UNITS = (
    "VND",
    "USD",
    "percent",
    "ha",
    "tonne",
    "count",
    "VND/person/year",
    "USD/person/year",
    "VND/ha",
    "per_10k_people",
)
ROLES = ("level", "pct_of_plan", "pct_of_base", "pct_change", "abs_change", "part")
STATUSES = ("actual", "estimate", "target")
QUALIFIERS = ("exact", "over", "approx", "at_least", "under")
COMPARISON_BASES = ("plan", "budget_estimate", "same_period", "prior_year", "prior_period")
PERIOD_PATTERN = r"^(FY|H[12]|Q[1-4]|([1-9]|1[01])M|M(0[1-9]|1[0-2]))$"

# CONTRACT.md section 4: the kinds of `marts.fct_consistency_checks` and their outcomes.
CHECK_KINDS = ("range", "attainment", "implied_base", "part_sum", "conflict", "anniversary", "period_mismatch")
CHECK_OUTCOMES = ("pass", "warn", "fail")
