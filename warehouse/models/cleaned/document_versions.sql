-- Every document version ever ingested, with when it stopped being current: a changed file
-- supersedes its old version (superseded_at), a deleted one is removed (removed_at). Raw keeps
-- them all; only current versions reach cleaned.documents and the marts.
with documents as (
    select * from cleaned.stg_documents
),

events as (
    select
        *,
        lead(event) over by_path as next_event,
        lead(event_at) over by_path as next_event_at
    from cleaned.stg_file_events
    window by_path as (partition by source_root, source_path order by event_at)
),

held as (
    -- each time a path held a content, and what ended it
    select
        content_sha256 as doc_id,
        bool_or(next_event is null) as is_current,
        min(event_at) as first_seen_at,
        max(case when next_event = 'changed' then next_event_at end) as superseded_at,
        max(case when next_event = 'removed' then next_event_at end) as removed_at
    from events
    where event in ('added', 'changed')
    group by content_sha256
)

select
    documents.doc_id,
    documents.source_file,
    documents.source_path,
    documents.ingested_at,
    -- a document ingested before file events were kept is current
    coalesce(held.is_current, true) as is_current,
    case when not coalesce(held.is_current, true) then held.superseded_at end as superseded_at,
    case when not coalesce(held.is_current, true) and held.superseded_at is null then held.removed_at end
        as removed_at
from documents
left join held using (doc_id)
