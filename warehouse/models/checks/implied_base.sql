-- implied_base: a level with `bằng N% so cùng kỳ` or `tăng N%` implies its base period's level
-- (level ÷ N%, level ÷ (1 + N%)). Where a document reports that base level (same locality,
-- metric, period, scope), the two must agree within the written precision.
-- Fail: exact figures, same scope, the base reported as an actual result, and no price-basis
-- question (budget, trade, enterprise, social figures). Production values and growth rates
-- may be at constant prices while levels are at current prices, and estimates get restated:
-- those disagreements warn.
with facts as (
    select * from cleaned.int_fact_tolerance
),

ratios as (
    select
        r.*,
        l.value_text as level_text,
        l.unit as level_unit,
        l.period as level_period,
        l.status as level_status,
        case r.role
            when 'pct_of_base' then l.value_low / (r.value_high / 100)
            else l.value_low / (1 + r.value_high / 100)
        end as base_low,
        case
            when l.value_high = 'infinity' then cast('infinity' as double)
            when r.role = 'pct_of_base' then l.value_high / (r.value_low / 100)
            else l.value_high / (1 + r.value_low / 100)
        end as base_high,
        case r.role
            when 'pct_of_base' then l.value / (r.value / 100)
            else l.value / (1 + r.value / 100)
        end as base_implied,
        l.is_exact and r.is_exact as both_exact
    from facts as r
    inner join facts as l on l.fact_id = r.parent_fact_id and l.role = 'level'
    where r.role in ('pct_of_base', 'pct_change')
        and r.comparison_base in ('same_period', 'prior_year')
        and r.base_year is not null
        and (r.role = 'pct_of_base' and r.value > 0 or r.role = 'pct_change' and r.value > -100)
),

metrics as (
    select metric, domain from marts.dim_metric
)

select
    'implied_base' as "check",
    cast(null as varchar) as subject,
    case
        when b.value_high >= r.base_low and r.base_high >= b.value_low then 'pass'
        when r.both_exact and b.is_exact and b.status = 'actual' and r.scope is not distinct from b.scope
            and m.domain not in ('economy') then 'fail'
        else 'warn'
    end as outcome,
    list_distinct([r.doc_id, b.doc_id]) as doc_ids,
    [r.parent_fact_id, r.fact_id, b.fact_id] as fact_ids,
    b.value as expected,
    r.base_implied as observed,
    (r.base_high - r.base_low) / 2 + b.value_precision as tolerance,
    format(
        '{} {}: "{}" with "{}" ({} {}) implies {} {} {} ≈ {}, but "{}" is reported in "{}" ({})',
        r.locality, r.metric, r.level_text, r.value_text, r.comparison_base, r.base_year,
        r.metric, r.level_period, r.base_year, round(r.base_implied, 0), b.value_text, b.sentence, b.source_file
    ) as message
from ratios as r
inner join facts as b
    on b.locality = r.locality
    and b.metric = r.metric
    and b.role = 'level'
    and b.unit = r.level_unit
    and b.period_year = r.base_year
    and b.period = case when r.comparison_base = 'prior_year' then 'FY' else r.level_period end
    and b.status in ('actual', 'estimate')
    and b.scope is not distinct from r.scope
left join metrics as m on m.metric = r.metric
