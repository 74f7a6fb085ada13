-- One row per numeric statement (CONTRACT.md section 1), located and traceable to its sentence,
-- with reviewers' overrides (seeds/overrides.csv) applied: corrected fields, suppressed facts gone.
with facts as (
    select * from cleaned.int_facts_overridden
),

documents as (
    select * from cleaned.documents
),

metrics as (
    select * from marts.dim_metric
)

select
    -- ids
    facts.fact_id,
    facts.doc_id,
    documents.source_file,
    -- place
    documents.locality,
    documents.locality_type,
    documents.province,
    -- what
    facts.metric,
    facts.role,
    facts.value,
    facts.unit,
    -- when
    facts.period_year,
    facts.period,
    facts.status,
    facts.qualifier,
    facts.period_stated_at,
    -- compared with
    facts.comparison_base,
    facts.base_year,
    facts.scope,
    facts.parent_fact_id,
    facts.part_list,
    facts.metric_how,
    -- provenance
    facts.char_start,
    facts.char_end,
    facts.sentence,
    facts.value_text,
    facts.value_precision,
    metrics.domain as metric_domain,
    facts.extractor_version,
    -- review
    facts.is_overridden,
    facts.override_reason
from facts
inner join documents using (doc_id)
left join metrics using (metric)
