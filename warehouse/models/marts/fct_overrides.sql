-- Every reviewer's decision in seeds/overrides.csv, one row per line, with what it applied to:
-- whether the target still exists (a re-parse can change fact_ids; a check can stop firing) and,
-- for a correction, the value the extractor had read.
with overrides as (
    select * from raw.seed_overrides
),

facts as (
    select * from cleaned.stg_facts
),

documents as (
    select doc_id, source_file from cleaned.documents
),

findings as (
    select check_id from checks.findings
)

select
    cast(overrides.line as integer) as line,
    overrides.target,
    overrides.target_id,
    overrides.action,
    nullif(overrides.field, '') as field,
    nullif(overrides.new_value, '') as new_value,
    case overrides.field
        when 'value' then cast(facts.value as varchar)
        when 'unit' then facts.unit
        when 'metric' then facts.metric
        when 'role' then facts.role
        when 'period_year' then cast(facts.period_year as varchar)
        when 'period' then facts.period
        when 'status' then facts.status
        when 'qualifier' then facts.qualifier
        when 'comparison_base' then facts.comparison_base
        when 'base_year' then cast(facts.base_year as varchar)
        when 'scope' then facts.scope
    end as original_value,
    overrides.reason,
    nullif(overrides.reviewer, '') as reviewer,
    cast(nullif(overrides.reviewed_on, '') as date) as reviewed_on,
    case overrides.target
        when 'fact' then facts.fact_id is not null
        when 'check' then findings.check_id is not null
    end as target_exists,
    facts.doc_id,
    documents.source_file,
    facts.value_text,
    facts.sentence
from overrides
left join facts
    on overrides.target = 'fact' and facts.fact_id = overrides.target_id
left join documents using (doc_id)
left join findings
    on overrides.target = 'check' and findings.check_id = overrides.target_id
