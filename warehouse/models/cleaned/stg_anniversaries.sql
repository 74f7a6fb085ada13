-- Anniversaries with the two dates they span (`75 năm ngày ... (27/7/1947 - 27/7/2022)`).
with source as (
    select * from raw.parsed_anniversaries
),

renamed as (
    select
        doc_id,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        text as anniversary_text,
        cast(years_stated as integer) as years_stated,
        cast(from_year as integer) as from_year,
        cast(to_year as integer) as to_year
    from source
)

select * from renamed
