-- Every number the parser read, fact or not, with the reason it is not a fact.
with source as (
    select * from raw.parsed_numbers
),

renamed as (
    select
        doc_id,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        text as number_text,
        value,
        unit,
        cast(sentence_index as integer) as sentence_index,
        fact_id,
        reason as not_a_fact_reason
    from source
)

select * from renamed
