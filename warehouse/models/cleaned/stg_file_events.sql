-- The source folders' history: each path added, changed or removed, scan by scan.
with source as (
    select * from raw.file_events
),

renamed as (
    select
        source_root,
        source_path,
        content_sha256,
        event,
        event_at
    from source
)

select * from renamed
