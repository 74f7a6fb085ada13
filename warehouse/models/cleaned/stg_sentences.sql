-- Sentences (and headings) of the cleaned text with their character offsets.
with source as (
    select * from raw.parsed_sentences
),

renamed as (
    select
        doc_id,
        cast(sentence_index as integer) as sentence_index,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(paragraph as integer) as paragraph,
        is_heading,
        sentence
    from source
)

select * from renamed
