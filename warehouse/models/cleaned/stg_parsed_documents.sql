-- What the parser read from each document: cleaned text, title, date, locality.
with source as (
    select * from raw.parsed_documents
),

renamed as (
    select
        -- ids
        doc_id,
        -- content
        text,
        nullif(trim(title), '') as title,
        published_on,
        -- place
        locality,
        locality_type,
        province,
        province_2025,
        -- parser
        separator_habit,
        boilerplate_removed as boilerplate_lines_removed,
        extractor_version,
        reference_digest
    from source
)

select * from renamed
