-- part_sum of an economic structure: the shares of the GRDP by sector (`khu vực công nghiệp - xây dựng chiếm
-- 72,18%; dịch vụ chiếm 20,68%; nông, lâm nghiệp và thủy sản chiếm 2,88%; thuế sản phẩm 4,26%`) add up to 100.
-- One group per document, period and status (a year's structure and the one before it, `số tương ứng của năm
-- 2022 là ...`, or the plan's, are each their own). expected is 100, observed the sum of the shares, tolerance
-- what their written precision allows: the row passes exactly when |100 - observed| <= tolerance. Fail only when
-- all four components are stated exactly and once (no range); with the product taxes left out the sectors fall short of 100 by the
-- taxes' share: warn.
with facts as (
    select * from cleaned.int_fact_tolerance
),

shares as (
    -- (a sector stated twice for one period, as a range's two ends or in two places, leaves the sum in doubt)
    select *, count(*) over (partition by doc_id, metric, period_year, period, status) as n_same
    from facts
    where metric in ('share_agriculture', 'share_industry_construction', 'share_services', 'share_product_taxes')
        and role = 'level'
    qualify row_number() over (partition by doc_id, metric, period_year, period, status order by char_start) = 1
),

summed as (
    select
        doc_id,
        any_value(source_file) as source_file,
        period_year,
        period,
        status,
        list(fact_id order by char_start) as part_ids,
        list(value_text order by char_start) as part_texts,
        any_value(sentence order by char_start) as first_sentence,
        -- summed in the text's order: a float sum in the order rows happen to arrive differs in the last digit
        sum(value order by char_start, fact_id) as parts_value,
        sum(value_precision order by char_start, fact_id) as parts_precision,
        count(*) as n_parts,
        bool_and(is_exact) as parts_exact,
        bool_and(n_same = 1) as parts_single
    from shares
    group by doc_id, period_year, period, status
    having count(*) filter (where metric <> 'share_product_taxes') = 3
)

select
    'part_sum' as "check",
    'economic structure' as subject,
    case
        when abs(100 - parts_value) <= parts_precision then 'pass'
        when n_parts = 4 and parts_exact and parts_single then 'fail'
        else 'warn'
    end as outcome,
    [doc_id] as doc_ids,
    part_ids as fact_ids,
    100.0 as expected,
    parts_value as observed,
    parts_precision as tolerance,
    format(
        '{}: the {} shares of the economy''s structure {} (in "{}") add up to {}, not 100',
        source_file, n_parts, array_to_string(part_texts, ' + '), first_sentence,
        cast(round(parts_value, 4) as varchar)
    ) as message
from summed
