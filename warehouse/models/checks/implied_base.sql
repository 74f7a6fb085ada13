-- implied_base: a level with `bằng N% so cùng kỳ` or `tăng N%` implies its base period's level
-- (level ÷ N%, level ÷ (1 + N%)). Where a document reports that base level (same locality,
-- metric, unit, period and scope), the two must agree: each ratio is compared once, with the
-- base most reports state.
-- expected is the reported base, observed the implied one (both in the level's unit), tolerance
-- how far apart they may be while the intervals the written precision (and any bound) allows
-- still overlap: the row passes exactly when |expected - observed| <= tolerance.
-- Fail: exact figures, same scope, the base reported as an actual result, and no price-basis
-- question (budget, trade, enterprise, social figures). Production values and growth rates may
-- be at constant prices while levels are at current prices, and estimates get restated: those
-- disagreements warn.
with facts as (
    select * from cleaned.int_fact_tolerance
),

ratios as (
    select
        r.*,
        l.value_text as level_text,
        l.unit as level_unit,
        l.period as level_period,
        case
            when r.value_high = 'infinity' then 0.0
            when r.role = 'pct_of_base' then l.value_low / (r.value_high / 100)
            else l.value_low / (1 + r.value_high / 100)
        end as base_low,
        case
            when l.value_high = 'infinity' then cast('infinity' as double)
            when r.role = 'pct_of_base' and r.value_low <= 0 then cast('infinity' as double)
            when r.role = 'pct_change' and r.value_low <= -100 then cast('infinity' as double)
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
    select metric, domain, unit as metric_unit from marts.dim_metric
),

bases as (
    -- one reported base per locality, metric, unit, period and scope: the value most statements
    -- state (an actual result before an estimate, then the earliest, on a tie), so each ratio is
    -- compared once, not with every report of its base (linear in the statements; statements of
    -- one base that disagree with each other are the conflict check's)
    select *
    from (
        select *, count(*) over (partition by locality, metric, unit, period_year, period, scope, value) as value_count
        from facts
        where role = 'level' and status in ('actual', 'estimate') and locality is not null
    )
    qualify row_number() over (
        partition by locality, metric, unit, period_year, period, scope
        order by value_count desc, status = 'actual' desc, source_file, char_start, fact_id
    ) = 1
),

compared as (
    select
        r.*,
        b.fact_id as b_fact_id,
        b.doc_id as b_doc_id,
        b.source_file as b_source_file,
        b.value as b_value,
        b.value_text as b_value_text,
        b.sentence as b_sentence,
        b.is_exact as b_exact,
        b.status as b_status,
        b.scope as b_scope,
        m.domain,
        m.metric_unit,
        case
            when b.value <= r.base_implied then (b.value_high - b.value) + (r.base_implied - r.base_low)
            else (b.value - b.value_low) + (r.base_high - r.base_implied)
        end as tolerance
    from ratios as r
    inner join bases as b
        on b.locality = r.locality
        and b.metric = r.metric
        and b.unit = r.level_unit
        and b.period_year = r.base_year
        and b.period = case when r.comparison_base = 'prior_year' then 'FY' else r.level_period end
        and b.scope is not distinct from r.scope
    left join metrics as m on m.metric = r.metric
)

select
    'implied_base' as "check",
    cast(null as varchar) as subject,
    case
        when abs(b_value - base_implied) <= tolerance then 'pass'
        when both_exact and b_exact and b_status = 'actual' and scope is not distinct from b_scope
            and coalesce(domain, '') <> 'economy'
            -- (an output of one product, unnamed: `muối hạt 49.600 tấn` and `xi măng 74.360 tấn, giảm 12%` in one list)
            and not (coalesce(metric_unit, '') like '%|%' and scope is null) then 'fail'
        else 'warn'
    end as outcome,
    list_distinct([doc_id, b_doc_id]) as doc_ids,
    [parent_fact_id, fact_id, b_fact_id] as fact_ids,
    b_value as expected,
    base_implied as observed,
    tolerance,
    format(
        '{}: "{}" with "{}" ({} {}) implies {} {} {} of about {} {}, and "{}" is reported in "{}" ({})',
        source_file, level_text, value_text, comparison_base, base_year, metric, level_period, base_year,
        round(base_implied, 0), level_unit, b_value_text, b_sentence, b_source_file
    ) as message
from compared
