-- period_mismatch: a heading names the reporting period of the figures below it; a figure
-- under it whose own stated period (same year, actual or estimate) is not inside the
-- heading's period proves one of the two wrong (`3 tháng đầu năm` heading over
-- `6 tháng đầu năm` results). A sub-period inside the heading's period (`quý II` under
-- `6 tháng`) agrees. Targets and figures of another year under a heading only warn:
-- reviews often end with next year's plan.
-- A heading that names several periods (`kết quả 9 tháng, ước thực hiện cả năm 2024`) is judged
-- once, by the widest of them, with the year it states once for all.
with headings as (
    select
        h.doc_id,
        h.period as heading_period,
        coalesce(h.period_year, max(h.period_year) over (partition by h.doc_id, h.sentence_index)) as heading_year,
        s.char_end as section_start,
        s.sentence as heading
    from cleaned.stg_headings as h
    inner join cleaned.stg_sentences as s using (doc_id, sentence_index)
    inner join marts.dim_period as p on p.period = h.period
    qualify row_number() over (
        partition by h.doc_id, h.sentence_index order by p.months desc, p.start_month, h.period
    ) = 1
),

sections as (
    select
        headings.*,
        coalesce((
            select min(n.char_start) from cleaned.stg_sentences as n
            where n.doc_id = headings.doc_id and n.is_heading and n.char_start >= headings.section_start
        ), 2147483647) as section_end
    from headings
),

figures as (
    select
        sections.*,
        f.fact_id,
        f.source_file,
        f.period as fact_period,
        f.period_year as fact_year,
        f.status,
        f.value_text,
        hp.months as heading_months,
        fp.months as fact_months,
        (f.period_year = sections.heading_year
            and fp.start_month >= hp.start_month and fp.end_month <= hp.end_month) as inside
    from sections
    inner join marts.fct_indicators as f
        on f.doc_id = sections.doc_id
        and f.char_start >= sections.section_start
        and f.char_start < sections.section_end
        and f.period_stated_at >= sections.section_start  -- the figure states its own period
        and f.status <> 'target'
    inner join marts.dim_period as hp on hp.period = sections.heading_period
    inner join marts.dim_period as fp on fp.period = f.period
),

judged as (
    select
        doc_id,
        section_start,
        source_file,
        heading,
        heading_period,
        heading_year,
        any_value(heading_months) as heading_months,
        list(fact_id order by fact_id) as fact_ids,
        bool_or(not inside and fact_year = heading_year) as provably_outside,
        bool_or(not inside) as any_outside,
        arg_min(fact_period, inside::int) as outside_period,
        arg_min(fact_year, inside::int) as outside_year,
        arg_min(fact_months, inside::int) as outside_months,
        arg_min(value_text, inside::int) as outside_text
    from figures
    group by all
)

select
    'period_mismatch' as "check",
    doc_id || ':' || section_start as subject,
    case when provably_outside then 'fail' when any_outside then 'warn' else 'pass' end as outcome,
    [doc_id] as doc_ids,
    fact_ids,
    cast(heading_months as double) as expected,
    cast(case when any_outside then outside_months else heading_months end as double) as observed,
    0.0 as tolerance,
    case
        when any_outside then format(
            '{}: heading "{}" names {} {} but "{}" below it is stated for {} {}',
            source_file, heading, heading_period, coalesce(cast(heading_year as varchar), '?'),
            coalesce(outside_text, '?'),
            coalesce(outside_period, '?'), coalesce(cast(outside_year as varchar), '?')
        )
        else format('{}: the figures under "{}" are all within {} {}', source_file, heading, heading_period,
                    coalesce(cast(heading_year as varchar), '?'))
    end as message
from judged
