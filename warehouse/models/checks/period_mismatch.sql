-- period_mismatch: a heading names the reporting period of the figures below it; a figure
-- under it whose own stated period (same year, actual or estimate) is not inside the
-- heading's period proves one of the two wrong (`3 tháng đầu năm` heading over
-- `6 tháng đầu năm` results). A sub-period inside the heading's period (`quý II` under
-- `6 tháng`) agrees, and so does the year to date under a month's heading (`6 tháng` under
-- `tháng 6`). Targets and figures of another year under a heading only warn:
-- reviews often end with next year's plan.
-- A heading that names several periods (`kết quả 9 tháng, ước thực hiện cả năm 2024`) is judged
-- once, by the widest of them, with the year it states once for all.
-- expected is 0 months, observed the months of the figure's period that lie outside the
-- heading's (all of them for another year), tolerance 0: the row passes exactly when no month
-- lies outside.
with headings as (
    select
        h.doc_id,
        h.sentence_index,
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

heading_sentences as (
    -- every heading line ends the section of the heading before it
    select
        doc_id,
        sentence_index,
        coalesce(lead(char_start) over (partition by doc_id order by char_start), 2147483647) as next_heading_at
    from cleaned.stg_sentences
    where is_heading
),

sections as (
    select headings.*, heading_sentences.next_heading_at as section_end
    from headings
    inner join heading_sentences using (doc_id, sentence_index)
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
        case
            when f.period_year <> sections.heading_year then fp.months
            -- a month's report gives the year to date too (`tháng 6 và 6 tháng`): a figure that ends in
            -- the heading's month agrees with it
            when hp.months = 1 and fp.end_month = hp.end_month then 0
            -- and so does a quarter's (`quý III` and `9 tháng`): the year to date that ends with it
            when fp.start_month = 1 and fp.end_month = hp.end_month then 0
            -- the whole year's estimate (`ước thực hiện cả năm 2022 là 5.620 tỷ đồng` under `nửa đầu năm 2022`)
            -- looks ahead from the part of it the review reports, as mid-year reviews do: no other period
            when f.status = 'estimate' and f.period = 'FY' and hp.months < 12 then 0
            -- a figure counted to a cut-off day a month past the heading's period (`Tổng thu ngân sách đến hết ngày
            -- 2/4/2025 đạt ...` under `quý 1/2025`) is that period's to date, days late, not another period
            when fp.end_month = hp.end_month + 1 and fp.start_month >= hp.start_month
                and regexp_matches(lower(f.sentence), 'đến\s+(hết\s+)?(ngày|đầu\s+tháng)|thời\s+điểm') then 0
            else greatest(hp.start_month - fp.start_month, 0) + greatest(fp.end_month - hp.end_month, 0)
        end as months_outside
    from sections
    inner join marts.fct_indicators as f
        on f.doc_id = sections.doc_id
        and f.char_start >= sections.section_start
        and f.char_start < sections.section_end
        and f.period_stated_at >= sections.section_start  -- the figure states its own period
        and f.status <> 'target'
        -- (the number of targets a plan set, `thực hiện 24 chỉ tiêu` under a quarter's heading, is the year's plan
        -- whatever section names it: no figure of a period)
        and f.metric <> 'targets_total'
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
        list(fact_id order by fact_id) as fact_ids,
        max(months_outside) filter (where fact_year = heading_year) as months_outside_same_year,
        max(months_outside) as months_outside,
        -- the figure furthest outside, the first of them on a tie (ordered: the same on every run)
        first(fact_period order by months_outside desc, fact_id) as outside_period,
        first(fact_year order by months_outside desc, fact_id) as outside_year,
        first(value_text order by months_outside desc, fact_id) as outside_text
    from figures
    group by all
)

select
    'period_mismatch' as "check",
    doc_id || ':' || section_start as subject,
    case
        when months_outside <= 0 then 'pass'
        when coalesce(months_outside_same_year, 0) > 0 then 'fail'
        else 'warn'
    end as outcome,
    [doc_id] as doc_ids,
    fact_ids,
    0.0 as expected,
    cast(months_outside as double) as observed,
    0.0 as tolerance,
    case
        when months_outside > 0 then format(
            '{}: heading "{}" names {} {} but "{}" below it is stated for {} {}',
            source_file, heading, heading_period, coalesce(cast(heading_year as varchar), 'no year'),
            outside_text, outside_period, outside_year
        )
        else format('{}: the figures under "{}" are all within {} {}', source_file, heading, heading_period,
                    coalesce(cast(heading_year as varchar), 'no year'))
    end as message
from judged
