-- Each fact with the interval its text allows: `37,4%` is 37.35..37.45; `hơn 21.000 tỷ` is a
-- lower bound (as is `12,5% trở lên`), `dưới 1%` an upper bound, `gần`/`khoảng` a loose approximation
-- (±10 %).
-- Reviewers' corrections apply and suppressed facts are gone, as in marts.fct_indicators.
with facts as (
    select * from cleaned.int_facts_overridden
),

documents as (
    select doc_id, source_file, locality, province, locality_type, published_on from cleaned.documents
),

-- where each sentence starts, and which sentences are headings: a period stated in the figure's own sentence or
-- in a heading above it is the figure's; one carried from the sentence before may be the month or the months to date
sentences as (
    select doc_id, sentence_index, char_start as sentence_start from cleaned.stg_sentences
),

headings as (
    select doc_id, char_start as heading_start, char_end as heading_end from cleaned.stg_sentences where is_heading
)

select
    facts.*,
    -- the scope the text stated: a crop the warehouse writes as the scope of `sown_area` (read as
    -- `rice_sown_area`, seeds/reported_codes.csv) is part of what was read, no narrowing of it
    case when facts.read_as is null then facts.scope else facts.read_scope end as stated_scope,
    documents.source_file,
    documents.locality,
    documents.province,
    documents.published_on,
    -- the interval the written figure allows (`hơn`: no upper end; `dưới`: no lower end)
    case qualifier
        when 'under' then cast('-infinity' as double)
        when 'approx' then least(value * 0.9, value * 1.1)
        else value - value_precision
    end as value_low,
    case qualifier
        when 'over' then cast('infinity' as double)
        when 'at_least' then cast('infinity' as double)
        when 'approx' then greatest(value * 0.9, value * 1.1)
        else value + value_precision
    end as value_high,
    qualifier = 'exact' as is_exact,
    -- the metric was named where the figure stands (its clause, frame, fraction or concept words, or a
    -- reviewer), not carried over from an earlier sentence or guessed from a typo: only such a reading
    -- can prove two statements contradict each other
    metric_how in ('clause', 'frame', 'fraction', 'concept', 'composed', 'after', 'respectively', 'reviewer')
        or starts_with(metric_how, 'the plan') as is_named_here,
    -- the report names the figure's period somewhere before it or right after it; a period only defaulted (a
    -- headline above every date, a report naming no period) is a guess no contradiction can rest on
    period_stated_at is not null as is_period_stated,
    period_stated_at >= sentences.sentence_start or exists (
        select 1 from headings as h
        where h.doc_id = facts.doc_id and facts.period_stated_at between h.heading_start and h.heading_end
    ) as is_period_stated_here,
    -- a figure of a sentence that breaks a total down (`Trong đó, châu Á ... tăng 10,43%`) with no part read for it
    -- to hang on: a part's figure, or the total's, the text leaves open
    -- (or a clause after such a marker in the total's own sentence: `..., tăng 12,98%; trong đó bán lẻ hàng hóa tăng
    -- 14,32%, dịch vụ lưu trú và ăn uống tăng 12,73%`)
    parent_fact_id is null and role <> 'level'
        and (regexp_matches(lower(sentence), '^\s*(trong\s+đó|xét\s+theo|cụ\s+thể)')
            or (regexp_matches(lower(substr(sentence, 1, strpos(sentence, value_text))),
                    '[;,:]\s*(trong\s+đó|xét\s+theo|cụ\s+thể)')
                -- (of the same indicator as a figure before it in the sentence: a sector's own code is placed)
                and exists (
                    select 1 from facts as b
                    where b.doc_id = facts.doc_id and b.sentence_index = facts.sentence_index
                        and b.metric = facts.metric and b.char_start < facts.char_start
                ))) as is_unplaced_in_breakdown,
    -- the sentence names places within the locality (`Hai xã Triệu Nguyên và Ba Lòng có tỉ lệ hộ nghèo ...`, `Trong các
    -- xã, Hướng Hiệp ...`, `Ở 03 cụm công nghiệp Vũ Ninh, Vũ Quý ...`): its figure may be theirs, not the locality's
    regexp_matches(sentence, '(?:^|[^\p{L}])(?i:xã|phường|thị trấn|thôn|bản|cụm công nghiệp|khu công nghiệp)\s+\p{Lu}')
        or regexp_matches(lower(sentence), '(?:^|[^\p{L}])các\s+(?:xã|phường|thị trấn|địa phương)(?:[^\p{L}]|$)')
        as names_sub_area,
    -- the sentence names a wider territory before the figure (`cùng ngành Du lịch của tỉnh hoàn thành thắng lợi mục
    -- tiêu đón được 16 triệu lượt khách` in a city's report; `cả nước` in a province's): the figure may be the wider one's
    regexp_matches(lower(substr(sentence, 1, greatest(strpos(sentence, value_text), 1))),
                   '(?:^|[^\p{L}])(?:cả\s+nước|toàn\s+quốc|toàn\s+vùng)(?:[^\p{L}]|$)')
        or (coalesce(locality_type, '') <> 'tỉnh'
            and regexp_matches(lower(substr(sentence, 1, greatest(strpos(sentence, value_text), 1))),
                               '(?:^|[^\p{L}])(?:của|toàn|cả)\s+tỉnh(?:[^\p{L}]|$)'))
        as names_wider_area,
    -- the investors' origin the sentence names (`Với đầu tư trong nước, ... cho 8 dự án`; `Ở lĩnh vực đầu tư nước ngoài,
    -- ... cho 21 dự án`): figures of two origins are two groups' counts, not one indicator's
    nullif(regexp_extract(lower(sentence),
                          '(nước\s+ngoài|fdi|đtnn|trong\s+nước|ngoài\s+nhà\s+nước|ngoài\s+quốc\s+doanh)', 1), '')
        as investor_origin,
    -- the price basis the sentence names (`theo giá hiện hành`, `giá so sánh 2010`): values at two bases differ
    case
        -- (`Nếu loại trừ yếu tố biến động giá ..., tổng mức bán lẻ ... thực tế tăng 9,2%`: the real growth)
        when regexp_matches(lower(sentence), 'giá\s+(so\s+sánh|cố\s+định)|loại\s+trừ\s+(yếu\s+tố\s+)?(biến\s+động\s+)?giá')
            then 'constant'
        when regexp_matches(lower(sentence), 'giá\s+hiện\s+hành|giá\s+thực\s+tế') then 'current'
    end as price_basis
from facts
inner join documents using (doc_id)
left join sentences using (doc_id, sentence_index)
