-- attainment: a level and its `đạt N% kế hoạch / dự toán` imply the plan (level ÷ N%).
-- 1. Where the plan itself is stated (a target level for the year, in any document about the
--    same locality, metric and scope), the implied plan must fall inside the written precision.
-- 2. Two ratios of one level against the same base must agree; against different bases
--    (`116% dự toán tỉnh giao`, `115,7% kế hoạch thành phố giao`) they imply two plans: pass.
-- Fail only within one document with exact figures and no stated scope; a plan from another
-- document (plans are revised) or a plan with a stated scope is a warn.
with facts as (
    select * from cleaned.int_fact_tolerance
),

ratios as (
    select
        r.*,
        l.value as level_value,
        l.value_text as level_text,
        l.value_low / (r.value_high / 100) as plan_low,
        case when l.value_high = 'infinity' then cast('infinity' as double)
             else l.value_high / (r.value_low / 100) end as plan_high,
        l.value / (r.value / 100) as plan_implied,
        l.is_exact and r.is_exact as both_exact
    from facts as r
    inner join facts as l on l.fact_id = r.parent_fact_id and l.role = 'level'
    where r.role = 'pct_of_plan' and r.value > 0
),

stated_plans as (
    select * from facts where role = 'level' and status = 'target' and period = 'FY'
),

against_plan as (
    select
        'attainment' as "check",
    cast(null as varchar) as subject,
        case
            when p.value_high >= r.plan_low and r.plan_high >= p.value_low then 'pass'
            when r.doc_id = p.doc_id and r.both_exact and p.is_exact and r.scope is null then 'fail'
            else 'warn'
        end as outcome,
        list_distinct([r.doc_id, p.doc_id]) as doc_ids,
        [r.parent_fact_id, r.fact_id, p.fact_id] as fact_ids,
        p.value as expected,
        r.plan_implied as observed,
        (r.plan_high - r.plan_low) / 2 + p.value_precision as tolerance,
        format(
            '{} {} {}: "{}" at "{}" of plan implies a plan of {} but the plan "{}" ({}) is stated in "{}"',
            r.locality, r.metric, r.period_year, r.level_text, r.value_text, round(r.plan_implied, 0),
            p.value_text, p.source_file, p.sentence
        ) as message
    from ratios as r
    inner join stated_plans as p
        on p.locality = r.locality
        and p.metric = r.metric
        and p.unit = (select unit from facts where fact_id = r.parent_fact_id)
        and p.period_year = r.period_year
        and p.scope is not distinct from r.scope
        and p.fact_id <> r.parent_fact_id
),

sibling_ratios as (
    select
        'attainment' as "check",
    cast(null as varchar) as subject,
        case
            when a.comparison_base is distinct from b.comparison_base or a.scope is distinct from b.scope then 'pass'
            when a.value_high >= b.value_low and b.value_high >= a.value_low then 'pass'
            when a.both_exact and b.both_exact then 'fail'
            else 'warn'
        end as outcome,
        [a.doc_id] as doc_ids,
        [a.parent_fact_id, a.fact_id, b.fact_id] as fact_ids,
        a.plan_implied as expected,
        b.plan_implied as observed,
        a.value_precision + b.value_precision as tolerance,
        format(
            '{} {} {}: "{}" is "{}" of {} ({}) and "{}" of {} ({}): implied plans {} and {}',
            a.locality, a.metric, a.period_year, a.level_text, a.value_text, a.comparison_base,
            coalesce(a.scope, 'no scope'), b.value_text, b.comparison_base, coalesce(b.scope, 'no scope'),
            round(a.plan_implied, 0), round(b.plan_implied, 0)
        ) as message
    from ratios as a
    inner join ratios as b on a.parent_fact_id = b.parent_fact_id and a.fact_id < b.fact_id
)

select * from against_plan
union all
select * from sibling_ratios
