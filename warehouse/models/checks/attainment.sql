-- attainment: a level and its `đạt N% kế hoạch / dự toán` imply the plan (level ÷ N%).
-- 1. Where the plan itself is stated (a target level for the whole year, in any document about
--    the same locality, metric, unit, year and scope), the implied plan must agree with it: the
--    plan of the ratio's own document, else the plan most documents state (one row per ratio).
-- 2. Two ratios of one level against the same base and scope must agree with each other.
--    Ratios against different bases or scopes (`116% dự toán tỉnh giao`, `115,7% kế hoạch thành
--    phố giao`) imply two different plans: there is nothing to compare, so no row.
-- expected and observed are the two plans (in the level's unit) or the two ratios (percent);
-- tolerance is how far apart they may be while the intervals their written precision (and any
-- `hơn`/`gần` bound) allows still overlap: the row passes exactly when |expected - observed| <=
-- tolerance. Fail only within one document, with figures that are exact or one-sided bounds (whose
-- interval is already in the tolerance) and no stated scope; a plan from another document (plans are
-- revised), one with a stated scope, an approximate figure (`khoảng`), a level measured against two plans
-- named in different words (which one is stated?) or two ratios of one level against plans named in different
-- words (two plans are meant) is a warn; so is a plan with its digits grouped wrongly; a plan written round (`6.300
-- ha`) is allowed half a percent for its rounding; and a document stating two results for one indicator, year,
-- period, status and scope cannot say which one its plan is of (warn).
with facts as (
    select * from cleaned.int_fact_tolerance
),

ratios as (
    select
        -- a ratio is of its level's scope when it names none (`cây gừng 8/8ha, đạt 100% so với kế hoạch`)
        r.* replace (coalesce(r.scope, l.scope) as scope, coalesce(r.stated_scope, l.stated_scope) as stated_scope),
        l.value as level_value,
        l.value_text as level_text,
        l.unit as level_unit,
        case when r.value_high = 'infinity' then 0.0 else l.value_low / (r.value_high / 100) end as plan_low,
        case
            when l.value_high = 'infinity' or r.value_low <= 0 then cast('infinity' as double)
            else l.value_high / (r.value_low / 100)
        end as plan_high,
        l.value / (r.value / 100) as plan_implied,
        l.is_exact and r.is_exact as both_exact,
        -- a one-sided bound (`trên 11.000 tỷ`) is already in the interval: only `khoảng`/`gần` leave it open
        l.qualifier <> 'approx' and r.qualifier <> 'approx' as both_sharp,
        -- the words that name the plan after the ratio (`dự toán Trung ương`, `dự toán HĐND tỉnh giao`)
        lower(trim(regexp_extract(
            substr(r.sentence, position(r.value_text in r.sentence) + length(r.value_text)), '^[^,;.()]*'
        ))) as base_words
    from facts as r
    inner join facts as l on l.fact_id = r.parent_fact_id and l.role = 'level'
    where r.role = 'pct_of_plan' and r.value > 0
),

plans_named as (
    -- how many plans a level's ratios name in different words (`đạt 465% kế hoạch Thành phố giao và 175,5% kế
    -- hoạch thị xã phấn đấu`): with two, a plan stated beside the level may be either's
    select parent_fact_id, count(distinct base_words) as n_plans
    from ratios
    group by parent_fact_id
),

stated_plans as (
    select
        *,
        count(*) over (partition by locality, metric, unit, period_year, scope, value) as value_count
    from facts
    where role = 'level' and status = 'target' and period = 'FY' and locality is not null
),

plan_choices as (
    -- at most four candidate plans per ratio, so the check is linear in the statements: the plan its
    -- own document states first, else the one most documents state (the earliest on a tie); each
    -- with a runner-up in case it is the ratio's own level
    select r.fact_id as ratio_id, 0 as preference, p.*
    from ratios as r
    inner join (
        select
            *,
            row_number() over (
                partition by doc_id, locality, metric, unit, period_year, scope order by char_start, fact_id
            ) as rank
        from stated_plans
        qualify rank <= 2  -- the second in case the first is the ratio's own level
    ) as p
        on p.doc_id = r.doc_id
        and p.locality = r.locality
        and p.metric = r.metric
        and p.unit = r.level_unit
        and p.period_year = r.period_year
        and p.scope is not distinct from r.scope
        and p.fact_id <> r.parent_fact_id
    union all
    select r.fact_id as ratio_id, 1 as preference, p.*
    from ratios as r
    inner join (
        select
            *,
            row_number() over (
                partition by locality, metric, unit, period_year, scope
                order by value_count desc, source_file, char_start, fact_id
            ) as rank
        from stated_plans
        qualify rank <= 2
    ) as p
        on p.locality = r.locality
        and p.metric = r.metric
        and p.unit = r.level_unit
        and p.period_year = r.period_year
        and p.scope is not distinct from r.scope
        and p.fact_id <> r.parent_fact_id
),

chosen_plans as (
    select * from plan_choices
    qualify row_number() over (partition by ratio_id order by preference, rank) = 1
),

doc_plan_values as (
    -- how many different plans a document states for one indicator and year (not counting the levels its ratios
    -- measure): with two (`5.614/6.300 ha` read as two targets beside `5.613,7ha ... 89,2% kế hoạch`), which one
    -- the ratio is of is unsure
    select doc_id, locality, metric, unit, period_year, scope, count(distinct value) as n_values
    from stated_plans
    where fact_id not in (select parent_fact_id from ratios where parent_fact_id is not null)
    group by all
),

doc_result_values as (
    -- how many different results a document states for one indicator, year, period, status and scope: with two
    -- (`Diện tích gieo trồng lúa là 22.888ha (đạt 100%)` and `diện tích sản xuất giống lúa ... 1.730/2.500ha`, both
    -- read as the rice's area), which one a stated plan is of is unsure
    select doc_id, locality, metric, unit, period_year, period, status, scope, count(distinct value) as n_values
    from facts
    where role = 'level' and status <> 'target'
    group by all
),

against_plan as (
    select
        r.*,
        p.fact_id as plan_fact_id,
        p.doc_id as plan_doc_id,
        p.source_file as plan_source_file,
        p.value as plan_value,
        p.value_text as plan_text,
        p.sentence as plan_sentence,
        p.is_exact as plan_exact,
        -- a plan whose digits are grouped wrongly (`14.7000 tỷ đồng`) is a typo of some kind: it proves nothing
        p.qualifier <> 'approx'
        and not regexp_matches(p.value_text, '[.][0-9]{4}|[.][0-9]{1,2}([^0-9]|$)') as plan_sharp,
        case
            when p.value <= r.plan_implied then (p.value_high - p.value) + (r.plan_implied - r.plan_low)
            else (p.value - p.value_low) + (r.plan_high - r.plan_implied)
        end
        -- a plan written round (`6.300 ha`, `18.400 tấn`: zeros at its end) may have been rounded: half a percent
        + case when regexp_matches(p.value_text, '^[^0-9]*[0-9][0-9.]*00([^0-9.,]|$)') then 0.005 * p.value else 0 end
        as tolerance,
        n.n_plans,
        coalesce(v.n_values, 1) as plan_values,
        coalesce(d.n_values, 1) as result_values
    from ratios as r
    inner join chosen_plans as p on p.ratio_id = r.fact_id
    inner join plans_named as n on n.parent_fact_id = r.parent_fact_id
    left join doc_plan_values as v
        on v.doc_id = p.doc_id and v.locality = p.locality and v.metric = p.metric and v.unit = p.unit
        and v.period_year = p.period_year and v.scope is not distinct from p.scope
    left join facts as l on l.fact_id = r.parent_fact_id
    left join doc_result_values as d
        on d.doc_id = l.doc_id and d.locality = l.locality and d.metric = l.metric and d.unit = l.unit
        and d.period_year = l.period_year and d.period = l.period and d.status = l.status
        and d.scope is not distinct from l.scope
),

sibling_ratios as (
    select
        a.*,
        b.fact_id as b_fact_id,
        b.value as b_value,
        b.value_text as b_value_text,
        b.base_words as b_base_words,
        b.both_exact as b_exact,
        case
            when a.value <= b.value then (a.value_high - a.value) + (b.value - b.value_low)
            else (a.value - a.value_low) + (b.value_high - b.value)
        end as tolerance
    from ratios as a
    inner join ratios as b
        on a.parent_fact_id = b.parent_fact_id
        and a.fact_id < b.fact_id
        and a.comparison_base is not distinct from b.comparison_base
        and a.scope is not distinct from b.scope
)

select
    'attainment' as "check",
    cast(null as varchar) as subject,
    case
        when abs(plan_value - plan_implied) <= tolerance then 'pass'
        when doc_id = plan_doc_id and both_sharp and plan_sharp and stated_scope is null and n_plans = 1
            and plan_values = 1 and result_values = 1 then 'fail'
        else 'warn'
    end as outcome,
    list_distinct([doc_id, plan_doc_id]) as doc_ids,
    [parent_fact_id, fact_id, plan_fact_id] as fact_ids,
    plan_value as expected,
    plan_implied as observed,
    tolerance,
    format(
        '{}: "{}" at "{}" of {} ({} {} {}, {}) implies a plan of {} {}; the plan "{}" is stated in "{}" ({})',
        source_file, level_text, value_text, comparison_base, coalesce(locality, 'unnamed locality'), metric,
        coalesce(cast(period_year as varchar), 'year unnamed'), coalesce(scope, 'no scope'), round(plan_implied, 0), level_unit, plan_text, plan_sentence,
        plan_source_file
    ) as message
from against_plan

union all

select
    'attainment' as "check",
    cast(null as varchar) as subject,
    case
        when abs(value - b_value) <= tolerance then 'pass'
        -- two ratios of one level against plans named in different words are against two plans (`26,38%
        -- dự toán Trung ương, 24,96% dự toán Hội đồng nhân dân tỉnh giao`): no proof; in the same words
        -- (`đạt 75% dự toán, bằng 80% dự toán`) they cannot both be true
        when both_exact and b_exact and base_words = b_base_words then 'fail'
        else 'warn'
    end as outcome,
    [doc_id] as doc_ids,
    [parent_fact_id, fact_id, b_fact_id] as fact_ids,
    value as expected,
    b_value as observed,
    tolerance,
    format(
        '{}: "{}" is both "{}" and "{}" of {} ({} {} {}, {}) in "{}"',
        source_file, level_text, value_text, b_value_text, comparison_base,
        coalesce(locality, 'unnamed locality'), metric, coalesce(cast(period_year as varchar), 'year unnamed'),
        coalesce(scope, 'no scope'), sentence
    ) as message
from sibling_ratios
