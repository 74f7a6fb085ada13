-- conflict: the same locality, metric, role, period, status and scope reported with values
-- that cannot both be right. Both exact and apart beyond rounding: fail. A bound (`hơn`,
-- `gần`, `khoảng`) that the other value breaks, or different documents' estimates (a later
-- restatement): warn. Rows within rounding: pass. Parts are left to part_sum.
with facts as (
    select * from cleaned.int_fact_tolerance
    where role in ('level', 'pct_change', 'pct_of_plan', 'pct_of_base') and locality is not null
),

pairs as (
    select
        a.*,
        b.fact_id as b_fact_id,
        b.doc_id as b_doc_id,
        b.source_file as b_source_file,
        b.value as b_value,
        b.value_text as b_value_text,
        b.value_precision as b_precision,
        b.value_low as b_low,
        b.value_high as b_high,
        b.is_exact as b_exact,
        b.sentence as b_sentence
    from facts as a
    inner join facts as b
        on a.locality = b.locality
        and a.province is not distinct from b.province
        and a.metric = b.metric
        and a.role = b.role
        and a.unit = b.unit
        and a.period_year = b.period_year
        and a.period = b.period
        and a.status = b.status
        and a.scope is not distinct from b.scope
        and a.comparison_base is not distinct from b.comparison_base
        and a.base_year is not distinct from b.base_year
        and a.fact_id < b.fact_id
        -- two ends of a written range, or a ratio and its level's siblings, are not restatements
        and not (a.doc_id = b.doc_id and a.sentence_index = b.sentence_index)
),

judged as (
    select
        *,
        (value_high >= b_low and b_high >= value_low) as overlap
    from pairs
)

select
    'conflict' as "check",
    cast(null as varchar) as subject,
    case
        when overlap then 'pass'
        when is_exact and b_exact and (doc_id = b_doc_id or status = 'actual') then 'fail'
        else 'warn'
    end as outcome,
    list_distinct([doc_id, b_doc_id]) as doc_ids,
    [fact_id, b_fact_id] as fact_ids,
    value as expected,
    b_value as observed,
    value_precision + b_precision as tolerance,
    case
        when overlap then format('{} {} {} {}: "{}" ({}) agrees with "{}" ({})', locality, metric, period_year,
                                 period, value_text, source_file, b_value_text, b_source_file)
        else format(
            '{} {} {} {} {} {}: "{}" in "{}" ({}) vs "{}" in "{}" ({}): they differ by {} beyond rounding {}',
            locality, metric, role, period_year, period, status, value_text, sentence, source_file,
            b_value_text, b_sentence, b_source_file, abs(value - b_value), value_precision + b_precision
        )
    end as message
from judged
