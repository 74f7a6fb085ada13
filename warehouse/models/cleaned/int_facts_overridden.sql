-- The facts with reviewers' overrides (seeds/overrides.csv) applied: `correct` replaces one field
-- (the latest line for a field wins), `suppress` removes the fact. The loader has validated every
-- row, so the casts below cannot fail. A fact whose parent is suppressed loses its parent link.
with facts as (
    select * from cleaned.stg_facts
),

overrides as (
    select
        target_id as fact_id,
        action,
        field,
        nullif(new_value, '') as new_value,
        reason,
        cast(line as integer) as line_no
    from raw.seed_overrides
    where target = 'fact'
),

suppressed as (
    select distinct fact_id from overrides where action = 'suppress'
),

-- one correction per fact and field: the one written last
latest as (
    select fact_id, field, new_value, reason, line_no
    from overrides
    where action = 'correct'
    qualify row_number() over (partition by fact_id, field order by line_no desc) = 1
),

corrections as (
    select
        fact_id,
        bool_or(field = 'value') as has_value,
        any_value(new_value) filter (where field = 'value') as new_value,
        bool_or(field = 'unit') as has_unit,
        any_value(new_value) filter (where field = 'unit') as new_unit,
        bool_or(field = 'metric') as has_metric,
        any_value(new_value) filter (where field = 'metric') as new_metric,
        bool_or(field = 'role') as has_role,
        any_value(new_value) filter (where field = 'role') as new_role,
        bool_or(field = 'period_year') as has_period_year,
        any_value(new_value) filter (where field = 'period_year') as new_period_year,
        bool_or(field = 'period') as has_period,
        any_value(new_value) filter (where field = 'period') as new_period,
        bool_or(field = 'status') as has_status,
        any_value(new_value) filter (where field = 'status') as new_status,
        bool_or(field = 'qualifier') as has_qualifier,
        any_value(new_value) filter (where field = 'qualifier') as new_qualifier,
        bool_or(field = 'comparison_base') as has_comparison_base,
        any_value(new_value) filter (where field = 'comparison_base') as new_comparison_base,
        bool_or(field = 'base_year') as has_base_year,
        any_value(new_value) filter (where field = 'base_year') as new_base_year,
        bool_or(field = 'scope') as has_scope,
        any_value(new_value) filter (where field = 'scope') as new_scope,
        string_agg(field || ': ' || reason, '; ' order by line_no) as override_reason
    from latest
    group by fact_id
),

kept as (
    select facts.*
    from facts
    anti join suppressed using (fact_id)
)

select
    -- ids
    kept.fact_id,
    kept.doc_id,
    case when kept.parent_fact_id in (select fact_id from suppressed) then null
         else kept.parent_fact_id end as parent_fact_id,
    -- what
    case when c.has_metric then c.new_metric else kept.metric end as metric,
    case when c.has_role then c.new_role else kept.role end as role,
    case when c.has_value then cast(c.new_value as double) else kept.value end as value,
    case when c.has_unit then c.new_unit else kept.unit end as unit,
    kept.value_precision,
    case when c.has_qualifier then c.new_qualifier else kept.qualifier end as qualifier,
    case when c.has_scope then c.new_scope else kept.scope end as scope,
    kept.part_list,
    case when c.has_metric then 'reviewer' else kept.metric_how end as metric_how,
    case when c.has_metric then null else kept.read_as end as read_as,
    case when c.has_scope then c.new_scope when c.has_metric then null else kept.read_scope end as read_scope,
    -- when
    case when c.has_period_year then cast(c.new_period_year as integer) else kept.period_year end as period_year,
    case when c.has_period then c.new_period else kept.period end as period,
    case when c.has_status then c.new_status else kept.status end as status,
    kept.period_stated_at,
    -- compared with
    case when c.has_comparison_base then c.new_comparison_base else kept.comparison_base end as comparison_base,
    case when c.has_base_year then cast(c.new_base_year as integer) else kept.base_year end as base_year,
    -- provenance
    kept.char_start,
    kept.char_end,
    kept.value_text,
    kept.sentence,
    kept.sentence_index,
    kept.extractor_version,
    -- review
    c.fact_id is not null as is_overridden,
    c.override_reason
from kept
left join corrections as c using (fact_id)
