-- Districts and provinces as they stood before the July 2025 reform, with the 2025 province; and every unit a
-- report is about that the gazetteer does not hold (a district merged since, named with its type: `thị xã Cửa Lò`),
-- as the reports state it (in_gazetteer false).
with gazetteer as (
    select * from raw.seed_localities
),

reported as (
    select locality, province, any_value(locality_type) as locality_type, count(*) as documents
    from cleaned.documents
    where locality is not null
    group by locality, province
)

select
    gazetteer.name as locality,
    gazetteer.type as locality_type,
    gazetteer.province,
    gazetteer.province_2025,
    coalesce(reported.documents, 0) as documents,
    true as in_gazetteer
from gazetteer
left join reported
    on reported.locality = gazetteer.name and reported.province = gazetteer.province

union all

select
    reported.locality,
    reported.locality_type,
    reported.province,
    province_row.province_2025,
    reported.documents,
    false as in_gazetteer
from reported
left join gazetteer as province_row
    on province_row.name = reported.province and province_row.type in ('tỉnh', 'thành phố trung ương')
where not exists (
    select 1 from gazetteer
    where gazetteer.name = reported.locality and gazetteer.province is not distinct from reported.province
)
