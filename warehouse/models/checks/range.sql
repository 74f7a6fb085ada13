-- range: values that cannot be true whatever the context (fail), or look implausible (warn).
-- fail: a rate level outside 0-100, a negative money total or count, a decline below -100 %.
-- warn: a ratio to plan or base above 1000 %, or growth above 1000 %: possible, rarely true.
with facts as (
    select * from marts.fct_indicators
),

judged as (
    select
        *,
        case
            when role = 'level' and unit = 'percent' and (value < 0 or value > 100) then 'fail'
            when role in ('level', 'part') and unit <> 'percent' and value < 0 then 'fail'
            when role = 'pct_change' and value < -100 then 'fail'
            when role in ('pct_of_plan', 'pct_of_base', 'pct_change') and value > 1000 then 'warn'
            else 'pass'
        end as outcome,
        case
            when role = 'level' and unit = 'percent' then 'a rate between 0 and 100'
            when role = 'pct_change' then 'a change of at least -100 %'
            when role in ('pct_of_plan', 'pct_of_base') then 'a ratio of at most 1000 %'
            else 'a non-negative ' || unit
        end as allowed
    from facts
)

select
    'range' as "check",
    cast(null as varchar) as subject,
    outcome,
    [doc_id] as doc_ids,
    [fact_id] as fact_ids,
    case
        when role = 'level' and unit = 'percent' then greatest(0.0, least(value, 100.0))
        when role = 'pct_change' then greatest(value, -100.0)
        when role in ('pct_of_plan', 'pct_of_base', 'pct_change') then least(value, 1000.0)
        else greatest(value, 0.0)
    end as expected,
    value as observed,
    value_precision as tolerance,
    case outcome
        when 'pass' then format('{} {} "{}" is {}', metric, role, value_text, allowed)
        else format('{}: {} {} "{}" in "{}" is not {}', source_file, metric, role, value_text, sentence, allowed)
    end as message
from judged
