-- Every finding of every consistency check (CONTRACT.md section 4), one row per check evaluated,
-- with a stable check_id per (kind, subject, facts compared). Reviewers' decisions are applied in
-- marts.fct_consistency_checks.
with findings as (
    select * from checks.anniversary
    union all by name
    select * from checks.attainment
    union all by name
    select * from checks.conflict
    union all by name
    select * from checks.contributions
    union all by name
    select * from checks.implied_base
    union all by name
    select * from checks.part_sum
    union all by name
    select * from checks.period_mismatch
    union all by name
    select * from checks.range
    union all by name
    select * from checks.structure
)

select
    md5("check" || ':' || coalesce(subject, '') || ':' || array_to_string(list_sort(fact_ids), ',')) as check_id,
    "check",
    outcome,
    doc_ids,
    fact_ids,
    expected,
    observed,
    tolerance,
    message,
    subject
from findings
