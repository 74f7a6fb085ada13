-- Raw documents as ingested: one row per distinct file content (doc_id = sha256 of the bytes).
with source as (
    select * from raw.documents
),

renamed as (
    select
        -- ids
        doc_id,
        source_file,
        source_path,
        -- content
        text as raw_text,
        size_bytes,
        encoding,
        original_bytes is not null as kept_original_bytes,
        -- provenance
        source_url,
        ingested_at
    from source
)

select * from renamed
