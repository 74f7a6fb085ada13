-- Every period code of the contract with the months it covers, so periods can be compared
-- (is Q2 inside H1? does 9M contain H1?) and labelled.
with months as (
    select unnest(generate_series(1, 12)) as m
),

codes as (
    select 'FY' as period, 1 as start_month, 12 as end_month, 'whole year' as label
    union all select 'H1', 1, 6, 'first half (6 tháng đầu năm)'
    union all select 'H2', 7, 12, 'second half (6 tháng cuối năm)'
    union all
    select 'Q' || q, 3 * q - 2, 3 * q, 'quarter ' || q
    from (select unnest(generate_series(1, 4)) as q)
    union all
    select m || 'M', 1, m, 'first ' || m || ' months, year to date'
    from months where m between 2 and 11
    union all
    select 'M' || lpad(cast(m as varchar), 2, '0'), m, m, 'month ' || m
    from months
)

select
    period,
    start_month,
    end_month,
    end_month - start_month + 1 as months,
    label
from codes
