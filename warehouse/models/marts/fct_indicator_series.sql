-- One row per figure (locality, province, metric, role, unit, period, status, scope and, for
-- ratios and changes, what they compare with), however many statements report it: a figure
-- repeated in a headline and the body, or in two reports, is one row, so a SQL sum counts it
-- once. `value` is the agreed value when every statement agrees within its written precision
-- (|a - b| <= precision_a + precision_b for every pair, i.e. the intervals value ± precision
-- share a point): the most precise statement's value. Statements that disagree give NULL and
-- `is_conflicting` (across sentences, marts.fct_consistency_checks `conflict` rows judge them
-- with their bounds and documents); `min_value` and `max_value` keep the spread. Two ends of
-- a written range (`8-9%`) are two statements of one key, so a range is a row without a single
-- value too. Parts are left out: they are components of a level, not figures of their own.
with facts as (
    select * from marts.fct_indicators
    where role in ('level', 'pct_change', 'pct_of_plan', 'pct_of_base', 'abs_change')
),

documents as (
    select doc_id, published_on from cleaned.documents
),

statements as (
    select
        facts.*,
        coalesce(facts.value_precision, 0) as precision,
        documents.published_on
    from facts
    inner join documents using (doc_id)
),

series as (
    select
        locality,
        province,
        metric,
        role,
        unit,
        period_year,
        period,
        status,
        scope,
        comparison_base,
        base_year,
        count(*) as statements,
        -- the most precise statement; then an exact one over a bound; then by fact_id, so it is stable
        arg_min(value, {'p': precision, 'bound': qualifier <> 'exact', 'id': fact_id}) as precise_value,
        max(value - precision) as highest_low,
        min(value + precision) as lowest_high,
        max(abs(value)) as magnitude,
        min(value) as min_value,
        max(value) as max_value,
        list(fact_id order by source_file, char_start) as fact_ids,
        list(distinct doc_id order by doc_id) as doc_ids,
        min(published_on) as first_reported_on,
        max(published_on) as last_reported_on
    from statements
    group by all
),

judged as (
    select
        *,
        -- 1e-9 relative slack: `37,4` ± 0.05 must meet `37,5` ± 0.05 despite binary rounding
        highest_low <= lowest_high + 1e-9 * greatest(magnitude, 1) as agrees
    from series
)

select
    * exclude (precise_value, highest_low, lowest_high, magnitude, agrees, min_value, max_value, statements,
               fact_ids, doc_ids, first_reported_on, last_reported_on),
    case when agrees then precise_value end as value,
    not agrees as is_conflicting,
    min_value,
    max_value,
    statements,
    fact_ids,
    doc_ids,
    first_reported_on,
    last_reported_on
from judged
