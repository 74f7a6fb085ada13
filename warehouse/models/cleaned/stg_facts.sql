-- Numeric statements as the extractor read them; spans refer to cleaned.documents.text.
with source as (
    select * from raw.parsed_facts
),

renamed as (
    select
        -- ids
        fact_id,
        doc_id,
        parent_fact_id,
        -- what
        metric,
        role,
        cast(value as double) as value,
        unit,
        cast(value_precision as double) as value_precision,
        qualifier,
        scope,
        part_list,
        metric_how,
        read_as,
        read_scope,
        -- when
        cast(period_year as integer) as period_year,
        period,
        status,
        cast(period_stated_at as integer) as period_stated_at,
        -- compared with
        comparison_base,
        cast(base_year as integer) as base_year,
        -- provenance
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        value_text,
        sentence,
        cast(sentence_index as integer) as sentence_index,
        extractor_version
    from source
)

select * from renamed
