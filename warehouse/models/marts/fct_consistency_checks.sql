-- The consistency findings users read (CONTRACT.md section 4): every check evaluated, passes
-- too, with reviewers' decisions from seeds/overrides.csv applied: `reviewed` marks a finding
-- (with the reasons), `suppress` removes it. `source_files` names the reports a finding read.
with findings as (
    select * from checks.findings
),

files as (
    select
        findings.check_id,
        list(distinct documents.source_file order by documents.source_file) as source_files
    from findings, unnest(findings.doc_ids) as u(doc_id)
    inner join cleaned.documents as documents on documents.doc_id = u.doc_id
    group by findings.check_id
),

decisions as (
    select
        target_id as check_id,
        bool_or(action = 'suppress') as suppressed,
        bool_or(action = 'reviewed') as reviewed,
        string_agg(reason, '; ' order by cast(line as integer)) filter (where action = 'reviewed') as review_reason
    from raw.seed_overrides
    where target = 'check'
    group by target_id
)

select
    findings.*,
    coalesce(files.source_files, cast([] as varchar[])) as source_files,
    coalesce(decisions.reviewed, false) as reviewed,
    decisions.review_reason
from findings
left join files using (check_id)
left join decisions using (check_id)
where not coalesce(decisions.suppressed, false)
