-- One row per current document: the cleaned text every span refers to, with what it is about.
-- Superseded and removed versions stay in raw and cleaned.document_versions.
-- (Named by the contract rather than stg_/int_: users query cleaned.documents.)
with docs as (
    select * from cleaned.stg_documents
),

parsed as (
    select * from cleaned.stg_parsed_documents
),

versions as (
    select doc_id, source_file, source_path from cleaned.document_versions where is_current
)

select
    -- ids
    docs.doc_id,
    versions.source_file,
    versions.source_path,
    -- content
    parsed.text,
    parsed.title,
    parsed.published_on,
    -- place
    parsed.locality,
    parsed.locality_type,
    parsed.province,
    parsed.province_2025,
    -- provenance
    docs.size_bytes,
    docs.encoding,
    docs.source_url,
    docs.ingested_at,
    parsed.extractor_version
from docs
inner join parsed using (doc_id)
inner join versions using (doc_id)
