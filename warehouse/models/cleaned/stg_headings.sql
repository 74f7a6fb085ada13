-- Headings that name a reporting period (for the period_mismatch check).
with source as (
    select * from raw.parsed_headings
),

renamed as (
    select
        doc_id,
        cast(sentence_index as integer) as sentence_index,
        cast(char_start as integer) as char_start,
        cast(period_year as integer) as period_year,
        period
    from source
)

select * from renamed
