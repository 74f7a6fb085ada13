-- part_sum: the parts listed under a total add up to it.
-- Parts can never exceed their total (fail). Parts that fall short fail only when the text
-- presents the list as complete (`cụ thể`, `gồm`, `:`); after `trong đó` (among which) the list
-- may leave parts out, so it may fall short by the whole total. Shares (`chiếm N%`) of one total
-- never exceed 100 %. Counted parts of two kinds (`580 đơn vị`, `542 doanh nghiệp`) only warn, and so does a
-- list short of its total with an item in the parts' unit not read as a part, or of one part only (`Cụ thể, 7 chỉ tiêu
-- về kinh tế gồm: ...` whose sibling opens the next paragraph; a body figure restating a headline's `gần 81.300 tỷ`).
-- expected is the total (100 for shares), observed the sum of the parts, and tolerance what the
-- written precision allows on the side the sum lies (below the total: all of it for a partial
-- list); the row passes exactly when |expected - observed| <= tolerance.
with facts as (
    select * from marts.fct_indicators
),

listed as (
    -- a total whose own sentence lists parts (`trong đó ...`) is compared with that list only: a component
    -- named in a later sentence (`giá trị sản xuất các khu công nghiệp ...`) may be a part of a part. Each
    -- breakdown is a list of its own sentence (`Xét theo thành phần kinh tế, ...`, then `Xét theo ngành, ...`:
    -- two breakdowns of one total)
    select * exclude (total_sentence, in_total_sentence),
        case when part_list in ('breakdown', 'stated_before') then sentence else '' end as list_sentence
    from (
        select
            p.*,
            t.sentence as total_sentence,
            bool_or(p.sentence = t.sentence) over (partition by p.parent_fact_id, p.unit)
                as in_total_sentence
        from facts as p
        inner join facts as t on t.fact_id = p.parent_fact_id
        where p.role = 'part'
    )
    where sentence = total_sentence or not in_total_sentence
),

parts as (
    select
        parent_fact_id,
        unit,
        list(fact_id order by char_start) as part_ids,
        list(value_text order by char_start) as part_texts,
        list(value order by char_start, fact_id) as part_values,
        -- summed in the text's order: a float sum in the order rows happen to arrive differs in the last digit
        sum(value order by char_start, fact_id) as parts_value,
        sum(value_precision order by char_start, fact_id) as parts_precision,
        count(*) as n_parts,
        list(distinct sentence) as part_sentences,
        min(char_start) as first_part_at,
        -- the counted nouns of counted parts (`580 đơn vị`, `542 doanh nghiệp`): two kinds are overlapping
        -- subsets, not shares of one whole
        count(distinct lower(trim(regexp_replace(value_text, '^[0-9.,\s]*', '')))) as n_nouns,
        -- a list that trails off (`lúa - tôm 89.049 tấn và lúa…`) leaves parts out, whatever opened it
        -- (the GRDP's sectors with no product taxes among them leave those out: `GRDP đạt 16.263,22 tỷ đồng ... Cụ thể:
        -- khu vực nông, lâm, thủy sản ...; công nghiệp - xây dựng ...; dịch vụ ...` falls short by the taxes)
        bool_or(part_list = 'complete') and not bool_or(contains(sentence, '…') or contains(sentence, '...'))
            and not (bool_and(metric like 'value_added_%') and not bool_or(metric = 'product_taxes'))
            as is_complete,
        -- sectors' values in a sentence of their own, read as parts of the total the report stated before
        -- (`Tổng giá trị sản xuất ... 17.160 tỷ đồng` ... `nông, lâm, thủy sản ước đạt 2.340 tỷ đồng; ...`): the
        -- link is the reader's, so an overshoot within a hundredth of the total proves nothing
        bool_and(part_list = 'stated_before') as is_inferred
    from listed
    group by parent_fact_id, unit, list_sentence
),

totals as (
    -- (a part listing parts of its own, `- Thu ... trên địa bàn được 555,50 tỷ đồng, ..., gồm: + Thu nội địa ...`, is
    -- their total)
    select * from facts where role in ('level', 'part')
),

compared as (
    select
        totals.doc_id,
        totals.source_file,
        totals.fact_id as total_id,
        totals.value_text as total_text,
        totals.qualifier as total_qualifier,
        totals.sentence,
        parts.*,
        case when parts.unit = 'percent' and totals.unit <> 'percent' then 100.0 else totals.value end
            as expected_value,
        -- another figure in the list's words, in the parts' unit, that was not read as one of them (`ngành thương
        -- mại được gần 1.787 tỷ đồng; dịch vụ lưu trú và ăn uống 139 tỷ đồng; dịch vụ khác 199,9 tỷ đồng`, the
        -- last read as an indicator of its own): a list read short of an item proves no shortfall
        exists (
            select 1 from facts as o
            where o.doc_id = totals.doc_id and o.unit = parts.unit and o.role = 'level'  -- (not a part of another)
                and list_contains(parts.part_sentences, o.sentence) and o.char_start > parts.first_part_at
                and o.fact_id <> totals.fact_id and not list_contains(parts.part_ids, o.fact_id)
        ) as item_unread,
        -- a share written after the items (`bao gồm: sầu riêng gần 3.000 ha, mít 1.806 ha, ..., chiếm 85% diện tích`)
        -- says what part of the total they make: the list is not all of it
        exists (
            select 1 from facts as s
            where s.doc_id = totals.doc_id and s.metric = totals.metric and s.role = 'part' and s.unit = 'percent'
                and parts.unit <> 'percent' and list_contains(parts.part_sentences, s.sentence)
                and s.char_start > parts.first_part_at
        ) as share_after,
        case
            when parts.unit = 'count' and totals.unit = 'count' then 0.0
            when parts.unit = 'percent' and totals.unit <> 'percent' then parts.parts_precision
            else totals.value_precision + parts.parts_precision
        end as precision
    from parts
    inner join totals on totals.fact_id = parts.parent_fact_id
    -- (a part's own parts in its unit only: shares after a part are read as shares of the whole, not of the part)
    where parts.unit = totals.unit or (parts.unit = 'percent' and totals.role = 'level')
),

judged as (
    select
        *,
        case
            when parts_value < expected_value and not (is_complete and unit <> 'percent' and not share_after)
                then greatest(expected_value, precision)
            -- a total stated as a bound (`trên 186,7 nghìn tỷ đồng`) may be exceeded by its parts; an
            -- approximate one (`khoảng`) by a tenth
            when parts_value > expected_value and total_qualifier in ('over', 'at_least') and unit <> 'percent'
                then cast('infinity' as double)
            when parts_value > expected_value and total_qualifier = 'approx' and unit <> 'percent'
                then expected_value * 0.1 + precision
            else precision
        end as tolerance,
        -- parts that overshoot the total but split, in the text's order, into two lists that each fit it
        -- (`chanh không hạt 975,22 ha, còn lại 10 ha ...; giai đoạn cho trái 929,32 ha, chưa cho trái 55,9 ha`):
        -- two views of one total, so the sum proves nothing
        n_parts >= 4 and len(list_filter(range(2, n_parts - 1), lambda k:
            list_sum(list_slice(part_values, 1, k)) <= expected_value + precision
            and list_sum(list_slice(part_values, k + 1, n_parts)) <= expected_value + precision)) > 0 as two_views
    from compared
)

select
    'part_sum' as "check",
    cast(null as varchar) as subject,
    case
        when abs(expected_value - parts_value) <= tolerance then 'pass'
        when unit = 'count' and n_nouns > 1 then 'warn'
        when parts_value < expected_value and item_unread then 'warn'
        when parts_value < expected_value and n_parts = 1 then 'warn'
        when parts_value > expected_value and two_views then 'warn'
        when parts_value > expected_value and is_inferred and parts_value - expected_value <= 0.01 * expected_value
            then 'warn'
        else 'fail'
    end as outcome,
    [doc_id] as doc_ids,
    list_prepend(total_id, part_ids) as fact_ids,
    expected_value as expected,
    parts_value as observed,
    tolerance,
    format(
        '{}: "{}" {} its {} listed parts {} add up to {} (in "{}")',
        source_file, total_text, case when abs(expected_value - parts_value) <= tolerance then 'and' else 'but' end,
        n_parts, array_to_string(part_texts, ' + '), cast(parts_value as varchar), sentence
    ) as message
from judged
