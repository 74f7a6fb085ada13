-- The consistency findings users read (CONTRACT.md section 4): every check evaluated, passes
-- too, with reviewers' decisions from seeds/overrides.csv applied: `reviewed` marks a finding
-- (with the reasons), `suppress` removes it.
with findings as (
    select * from checks.findings
),

decisions as (
    select
        target_id as check_id,
        bool_or(action = 'suppress') as suppressed,
        bool_or(action = 'reviewed') as reviewed,
        string_agg(reason, '; ' order by cast(line as integer)) filter (where action = 'reviewed') as review_reason
    from raw.seed_overrides
    where target = 'check'
    group by target_id
)

select
    findings.*,
    coalesce(decisions.reviewed, false) as reviewed,
    decisions.review_reason
from findings
left join decisions using (check_id)
where not coalesce(decisions.suppressed, false)
