-- conflict: the same locality, metric, role, period, status, scope and base reported with values
-- that cannot both be right. Linear in the statements: each group of such statements agrees on
-- one value (the one most of them state, the earliest on a tie), and every other statement is
-- compared with it once, never pairwise.
-- expected is the agreed value, observed the statement's, tolerance how far apart the two may be
-- while the intervals their texts allow still overlap (a bound `hơn`/`gần` widens it): the row
-- passes exactly when |expected - observed| <= tolerance. Both exact and apart: fail when the two
-- are in one document or both are actual results, and each was read without ambiguity (its metric
-- named where it stands, the same price basis and investors' origin, not a ratio to a plan nor a margin over one:
-- `vượt 16% chỉ tiêu`);
-- a bound broken, estimates of
-- different documents (a later restatement, or a past year's figure a report quotes) or an ambiguous reading: warn. Parts and their ratios are left to part_sum; facts of an unnamed
-- locality are not compared.
with parented as (
    -- each ratio with the value of the level it qualifies
    select f.*, p.value as parent_value
    from cleaned.int_fact_tolerance as f
    left join cleaned.int_fact_tolerance as p on p.fact_id = f.parent_fact_id
),

facts as (
    select
        *,
        -- a figure of a year before its report's latest (`(năm 2023 chiếm 25,75%)` in a 2024 report) is quoted from
        -- the past, which a later report may restate
        period_year < max(period_year) filter (where status <> 'target') over (partition by doc_id) as is_quoted_past,
        -- the key of the statements that must agree
        hash(locality, province, metric, role, unit, period_year, period, status, scope, comparison_base,
             base_year) as group_key
    from parented
    where role in ('level', 'pct_change', 'pct_of_plan', 'pct_of_base') and locality is not null
        -- a part's own ratio (`Trong đó: vốn ngân sách nhà nước ..., tăng 12%`) is no restatement of the total's; a part
        -- under its own code (a sector's value under the total production value) states its own indicator's
        and (parent_fact_id is null or parent_fact_id not in (
            select p.fact_id from cleaned.int_fact_tolerance as p
            inner join cleaned.int_fact_tolerance as t on t.fact_id = p.parent_fact_id
            where p.role = 'part' and p.metric = t.metric
        ))
),

grouped as (
    select
        *,
        count(*) over (partition by group_key) as group_size,
        count(*) over (partition by group_key, value) as value_count
    from facts
),

agreed as (
    -- the value most statements of a group state; the earliest statement of it on a tie
    select *
    from grouped
    where group_size > 1
    qualify row_number() over (
        partition by group_key order by value_count desc, source_file, char_start, fact_id
    ) = 1
),

compared as (
    select
        s.*,
        a.fact_id as a_fact_id,
        a.doc_id as a_doc_id,
        a.source_file as a_source_file,
        a.value as a_value,
        a.value_text as a_value_text,
        a.value_low as a_low,
        a.value_high as a_high,
        a.is_exact as a_exact,
        a.is_named_here as a_named_here,
        a.is_period_stated as a_period_stated,
        a.is_period_stated_here as a_period_stated_here,
        a.is_unplaced_in_breakdown as a_unplaced_in_breakdown,
        a.names_sub_area as a_names_sub_area,
        a.names_wider_area as a_names_wider_area,
        a.is_quoted_past as a_quoted_past,
        a.price_basis as a_price_basis,
        a.investor_origin as a_investor_origin,
        a.parent_value as a_parent_value,
        a.sentence as a_sentence,
        case
            when a.value <= s.value then (a.value_high - a.value) + (s.value - s.value_low)
            else (a.value - a.value_low) + (s.value_high - s.value)
        end as tolerance
    from grouped as s
    inner join agreed as a on a.group_key = s.group_key and a.fact_id <> s.fact_id
    -- two ends of a written range, or a ratio and its level's siblings, are not restatements
    where not (a.doc_id = s.doc_id and a.sentence_index = s.sentence_index)
),

judged as (
    select
        *,
        abs(a_value - value) <= tolerance as agrees,
        coalesce(cast(period_year as varchar), 'year unnamed') as year_text  -- a report naming no year anywhere
    from compared
)

select
    'conflict' as "check",
    cast(null as varchar) as subject,
    case
        when agrees then 'pass'
        when is_exact and a_exact and (doc_id = a_doc_id or (status = 'actual'
            -- (across reports, a past year's figure one of them quotes may be a later restatement)
            and not coalesce(is_quoted_past, false) and not coalesce(a_quoted_past, false)))
            -- and nothing leaves room for two readings (issue 9.6): each metric named where its figure
            -- stands, one price basis, and not a ratio to a plan (whose giver the text may vary:
            -- `120% dự toán HĐND huyện giao` and `153,1% dự toán tỉnh giao`)
            and is_named_here and a_named_here and price_basis is not distinct from a_price_basis
            and investor_origin is not distinct from a_investor_origin
            and is_period_stated and a_period_stated
            -- within one report, a month carried from a sentence before (`Doanh thu bán buôn tháng 8 ... . Tổng mức
            -- bán buôn ước đạt ...`: the month, or the months to date?) settles nothing either
            and (doc_id <> a_doc_id or period not like 'M%'
                or (coalesce(is_period_stated_here, false) and coalesce(a_period_stated_here, false)))
            and not is_unplaced_in_breakdown and not a_unplaced_in_breakdown
            -- a figure of a sentence naming places within the locality (communes, industrial clusters) may be theirs
            and not names_sub_area and not a_names_sub_area
            -- and of a sentence naming a wider territory before the figure (`của tỉnh`, `cả nước`) may be the territory's
            and not names_wider_area and not a_names_wider_area
            and role <> 'pct_of_plan' and coalesce(comparison_base, '') not in ('plan', 'budget_estimate')
            -- two ratios of levels that differ (`Tổng giá trị sản xuất 2.388 tỷ đồng, tăng 7,66%` in a paragraph on
            -- farming, `tổng giá trị sản xuất các ngành ... 8.842 tỷ đồng, ... 9,93%`) are of two indicators read alike
            and not (parent_value is not null and a_parent_value is not null and parent_value <> a_parent_value)
            -- two targets of one ratio for one year measure against bases a plan seldom names (`gấp 1,5 lần
            -- so với đầu nhiệm kỳ`, `gấp đôi hiện nay`): which base each means is not settled by the text
            and not (status = 'target' and role in ('pct_of_base', 'pct_change'))
            -- counts of a plan's targets (`18/18 chỉ tiêu kinh tế - xã hội`, `42/59 chỉ tiêu đô thị loại I`, `2 chỉ tiêu
            -- cuối năm đánh giá`): a report tallies several sets of targets, which set each count is of it seldom says
            and metric not in (select metric from marts.dim_metric where domain = 'plan')
            -- an output of one product or crop with the item unnamed (a list of products; `sản lượng rau thu đạt
            -- 9.441 tấn` and, in the maize line, `sản lượng ước đạt 1.088 tấn`): which one is not settled
            and not (scope is null and metric in (select metric from marts.dim_metric
                                                  where unit like '%|%' or of_one_named_item))
            then 'fail'
        else 'warn'
    end as outcome,
    list_distinct([a_doc_id, doc_id]) as doc_ids,
    [a_fact_id, fact_id] as fact_ids,
    a_value as expected,
    value as observed,
    tolerance,
    case
        when agrees then format(
            '{} {} {} {} {}: "{}" ({}) agrees with "{}" ({})', locality, metric, role, year_text, period,
            value_text, source_file, a_value_text, a_source_file
        )
        else format(
            '{} {} {} {} {} {}: "{}" in "{}" ({}) vs "{}" in "{}" ({}): they differ by {} beyond what their texts '
            || 'allow ({})',
            locality, metric, role, year_text, period, status, value_text, sentence, source_file,
            a_value_text, a_sentence, a_source_file, abs(value - a_value), tolerance
        )
    end as message
from judged
