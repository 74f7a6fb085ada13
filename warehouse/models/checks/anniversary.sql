-- anniversary: `kỷ niệm N năm ... (27/7/1947 - 27/7/2022)`: the two years must be N apart.
-- Exact arithmetic on years the text states (tolerance 0), so a difference is a fail.
with anniversaries as (
    select * from cleaned.stg_anniversaries
),

documents as (
    select doc_id, source_file from cleaned.documents
)

select
    'anniversary' as "check",
    doc_id || ':' || char_start as subject,
    case when to_year - from_year = years_stated then 'pass' else 'fail' end as outcome,
    [doc_id] as doc_ids,
    cast([] as varchar[]) as fact_ids,
    cast(years_stated as double) as expected,
    cast(to_year - from_year as double) as observed,
    0.0 as tolerance,
    case
        when to_year - from_year = years_stated
            then format('{}: "{}" spans {} years as stated', source_file, anniversary_text, years_stated)
        else format(
            '{}: "{}" celebrates {} years but {} - {} = {}', source_file, anniversary_text,
            years_stated, to_year, from_year, to_year - from_year
        )
    end as message
from anniversaries
inner join documents using (doc_id)
