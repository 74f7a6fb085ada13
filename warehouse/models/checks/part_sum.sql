-- part_sum: the parts listed under a total add up to it.
-- Parts can never exceed their total (fail). Parts that fall short fail only when the text
-- presents the list as complete (`cụ thể`, `gồm`, `:`); after `trong đó` (among which) they pass.
-- Shares (`chiếm N%`) of one total can never exceed 100 %.
with facts as (
    select * from marts.fct_indicators
),

parts as (
    select
        parent_fact_id,
        list(fact_id order by char_start) as part_ids,
        list(value_text order by char_start) as part_texts,
        sum(value) as parts_value,
        sum(value_precision) as parts_precision,
        count(*) as n_parts,
        bool_or(part_list = 'complete') as is_complete,
        any_value(unit) as unit
    from facts
    where role = 'part' and parent_fact_id is not null
    group by parent_fact_id, unit
),

totals as (
    select * from facts where role = 'level'
),

compared as (
    select
        totals.doc_id,
        totals.source_file,
        totals.fact_id as total_id,
        totals.value_text as total_text,
        totals.sentence,
        parts.*,
        case when parts.unit = 'percent' then 100.0 else totals.value end as expected_value,
        case
            when parts.unit = 'count' then 0.0
            when parts.unit = 'percent' then parts.parts_precision
            else totals.value_precision + parts.parts_precision
        end as tolerance
    from parts
    inner join totals on totals.fact_id = parts.parent_fact_id
    where parts.unit = totals.unit or parts.unit = 'percent'
)

select
    'part_sum' as "check",
    cast(null as varchar) as subject,
    case
        when parts_value > expected_value + tolerance then 'fail'
        when unit <> 'percent' and is_complete and parts_value < expected_value - tolerance then 'fail'
        else 'pass'
    end as outcome,
    [doc_id] as doc_ids,
    list_prepend(total_id, part_ids) as fact_ids,
    expected_value as expected,
    parts_value as observed,
    tolerance,
    format(
        '{}: "{}" but its {} listed parts {} add up to {} (in "{}")',
        source_file, total_text, n_parts, array_to_string(part_texts, ' + '),
        cast(parts_value as varchar), sentence
    ) as message
from compared
