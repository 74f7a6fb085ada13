-- range: values that cannot be true whatever the context (fail), or look implausible (warn).
-- fail: a rate level outside 0-100 (an index's, 0-1000), a negative money total or count, a decline below -100 %, a
-- contribution to growth outside ±100 points (it may be negative: `đóng góp giảm 0,04 điểm`).
-- warn: a ratio to plan or base above 1000 %, or growth above 1000 %: possible, rarely true.
-- expected is the value moved into the allowed range, observed the value itself, tolerance 0:
-- the row passes exactly when the two are equal.
with facts as (
    select
        f.*,
        -- an index is a ratio to its base period (`IIP tháng 10 đạt 102,8%`): above 100 as readily as below
        coalesce(m.label_en like '%index', false) as is_index
    from marts.fct_indicators as f
    left join marts.dim_metric as m using (metric)
),

bounded as (
    select
        *,
        case
            when metric like '%\_contribution' escape '\' then greatest(-100.0, least(value, 100.0))
            when role = 'level' and unit = 'percent' and is_index then greatest(least(value, 1000.0), 0.0)
            when role = 'level' and unit = 'percent' then greatest(0.0, least(value, 100.0))
            when role = 'pct_change' then greatest(least(value, 1000.0), -100.0)
            when role in ('pct_of_plan', 'pct_of_base') then greatest(least(value, 1000.0), 0.0)
            else greatest(value, 0.0)
        end as allowed_value,
        case
            when metric like '%\_contribution' escape '\' then 'a contribution between -100 and 100 points'
            when role = 'level' and unit = 'percent' and is_index then 'an index between 0 and 1000 %'
            when role = 'level' and unit = 'percent' then 'a rate between 0 and 100'
            when role = 'pct_change' then 'a change between -100 % and 1000 %'
            when role in ('pct_of_plan', 'pct_of_base') then 'a ratio between 0 and 1000 %'
            when role = 'abs_change' then 'a change'
            else 'a non-negative ' || unit
        end as allowed
    from facts
),

judged as (
    select
        *,
        case
            when abs(allowed_value - value) <= 0 then 'pass'
            when role = 'abs_change' then 'pass'
            when role in ('pct_of_plan', 'pct_of_base', 'pct_change') and value > 1000 then 'warn'
            else 'fail'
        end as outcome
    from bounded
)

select
    'range' as "check",
    cast(null as varchar) as subject,
    outcome,
    [doc_id] as doc_ids,
    [fact_id] as fact_ids,
    case when role = 'abs_change' then value else allowed_value end as expected,
    value as observed,
    0.0 as tolerance,
    case outcome
        when 'pass' then format('{}: {} {} "{}" is {}', source_file, metric, role, value_text, allowed)
        else format('{}: {} {} "{}" in "{}" is not {}', source_file, metric, role, value_text, sentence, allowed)
    end as message
from judged
