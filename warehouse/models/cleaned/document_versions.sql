-- Every document version ever ingested, with when it stopped being current: a changed file
-- supersedes its old version (superseded_at), a deleted one is removed (removed_at). Raw keeps
-- them all; only current versions reach cleaned.documents and the marts. A version is named by
-- the path that holds it now (the first in path order when identical files hold it), so a copy
-- left behind when its twin changes keeps its own name. A path that became unreadable keeps the
-- content it last had.
with documents as (
    select * from cleaned.stg_documents
),

events as (
    select
        *,
        lead(event) over by_path as next_event,
        lead(event_at) over by_path as next_event_at
    from cleaned.stg_file_events
    where event <> 'unreadable'
    window by_path as (partition by source_root, source_path order by event_at)
),

held as (
    -- each time a path held a content, and what ended it
    select
        content_sha256 as doc_id,
        bool_or(next_event is null) as is_current,
        min(source_path) filter (where next_event is null) as current_path,
        min(event_at) as first_seen_at,
        max(case when next_event = 'changed' then next_event_at end) as superseded_at,
        max(case when next_event = 'removed' then next_event_at end) as removed_at
    from events
    where event in ('added', 'changed')
    group by content_sha256
)

select
    documents.doc_id,
    coalesce(held.current_path, documents.source_file) as source_file,
    coalesce(held.current_path, documents.source_path) as source_path,
    documents.ingested_at,
    -- a document ingested before file events were kept is current
    coalesce(held.is_current, true) as is_current,
    case when not coalesce(held.is_current, true) then held.superseded_at end as superseded_at,
    case when not coalesce(held.is_current, true) and held.superseded_at is null then held.removed_at end
        as removed_at
from documents
left join held using (doc_id)
