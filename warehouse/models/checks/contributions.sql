-- part_sum of contributions to growth: the sectors' contributions (`đóng góp 1,01 điểm phần trăm`) add up
-- to the growth rate they share out (the GRDP's `tăng 8,26%` stated before them in the same document, for
-- the same period). A contribution `đóng góp giảm 0,04 điểm phần trăm` counts negative.
-- expected is the growth, observed the sum of the contributions, tolerance what their written precision
-- allows: the row passes exactly when |expected - observed| <= tolerance. Fail only when all four
-- components (agriculture, industry-construction, services, product taxes) are stated exactly; with
-- product taxes left out the sum may fall short of the growth: warn.
with facts as (
    select * from cleaned.int_fact_tolerance
),

summed as (
    select * from cleaned.int_sector_sums where whole = 'growth contributions'
),

paired as (
    select
        s.*,
        g.fact_id as growth_id,
        g.value as growth,
        g.value_text as growth_text,
        g.value_precision as growth_precision,
        g.is_exact as growth_exact,
        g.sentence as growth_sentence
    from summed as s
    inner join facts as g
        on g.doc_id = s.doc_id
        and g.metric = 'grdp'
        and g.role = 'pct_change'
        and g.period_year = s.period_year
        and g.period = s.period  -- any status: `Ước tính ... tăng 6,5%` then the sectors' shares of it
        and g.char_start < s.first_at
    qualify row_number() over (partition by s.doc_id, s.period_year, s.period, s.status order by g.char_start desc) = 1
)

select
    'part_sum' as "check",
    'growth contributions' as subject,
    case
        when abs(growth - parts_value) <= growth_precision + parts_precision then 'pass'
        when n_parts = 4 and parts_exact and growth_exact then 'fail'
        else 'warn'
    end as outcome,
    [doc_id] as doc_ids,
    list_prepend(growth_id, part_ids) as fact_ids,
    growth as expected,
    parts_value as observed,
    growth_precision + parts_precision as tolerance,
    format(
        '{}: growth "{}" (in "{}") and its {} sector contributions {} points, which add up to {}',
        source_file, growth_text, growth_sentence, n_parts, array_to_string(part_texts, ' + '),
        cast(round(parts_value, 4) as varchar)
    ) as message
from paired
