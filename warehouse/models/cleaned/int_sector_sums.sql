-- The sectors' figures that share out a whole, summed per document, period and status, for the part_sum checks:
-- their contributions to growth (`đóng góp 1,01 điểm phần trăm`, summed against the growth) and their shares of the
-- economy's structure (`chiếm 72,18%`, summed against 100). Each sector once, its first statement; `n_same` counts
-- a sector stated more than once for the period (a range's two ends), which leaves the sum in doubt.
with facts as (
    select * from cleaned.int_fact_tolerance
),

sectors as (
    select
        *,
        case
            when metric like '%_growth_contribution' then 'growth contributions'
            else 'economic structure'
        end as whole,
        metric in ('product_taxes_growth_contribution', 'share_product_taxes') as is_taxes,
        count(*) over (partition by doc_id, metric, period_year, period, status) as n_same
    from facts
    where metric in (
        'agriculture_growth_contribution', 'industry_construction_growth_contribution',
        'services_growth_contribution', 'product_taxes_growth_contribution'
    ) or (
        metric in ('share_agriculture', 'share_industry_construction', 'share_services', 'share_product_taxes')
        and role = 'level'
    )
    qualify row_number() over (partition by doc_id, metric, period_year, period, status order by char_start) = 1
)

select
    doc_id,
    whole,
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
    bool_and(n_same = 1) as parts_single,
    min(char_start) as first_at
from sectors
group by doc_id, whole, period_year, period, status
having count(*) filter (where not is_taxes) = 3
