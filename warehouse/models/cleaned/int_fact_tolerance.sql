-- Each fact with the interval its text allows: `37,4%` is 37.35..37.45; `hơn 21.000 tỷ` is a
-- lower bound, `gần 3.600 tỷ` an upper bound, `khoảng` a loose approximation.
-- Reviewers' corrections apply and suppressed facts are gone, as in marts.fct_indicators.
with facts as (
    select * from cleaned.int_facts_overridden
),

documents as (
    select doc_id, source_file, locality, province, published_on from cleaned.documents
)

select
    facts.*,
    documents.source_file,
    documents.locality,
    documents.province,
    documents.published_on,
    case qualifier
        when 'over' then value - value_precision
        when 'at_least' then value - value_precision
        when 'approx' then value * 0.9
        else value - value_precision
    end as value_low,
    case qualifier
        when 'over' then cast('infinity' as double)
        when 'under' then value + value_precision
        when 'approx' then value * 1.1
        else value + value_precision
    end as value_high,
    qualifier = 'exact' as is_exact
from facts
inner join documents using (doc_id)
