-- part_sum of an economic structure: the shares of the GRDP by sector (`khu vực công nghiệp - xây dựng chiếm
-- 72,18%; dịch vụ chiếm 20,68%; nông, lâm nghiệp và thủy sản chiếm 2,88%; thuế sản phẩm 4,26%`) add up to 100.
-- One group per document, period and status (a year's structure and the one before it, `số tương ứng của năm
-- 2022 là ...`, or the plan's, are each their own). expected is 100, observed the sum of the shares, tolerance
-- what their written precision allows: the row passes exactly when |100 - observed| <= tolerance. Fail only when
-- all four components are stated exactly and once (no range); with the product taxes left out the sectors fall
-- short of 100 by the taxes' share: warn. The sums are cleaned.int_sector_sums'.
with summed as (
    select * from cleaned.int_sector_sums where whole = 'economic structure'
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
