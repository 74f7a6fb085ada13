-- Districts and provinces as they stood before the July 2025 reform, with the 2025 province.
with gazetteer as (
    select * from raw.seed_localities
),

reported as (
    select locality, province, count(*) as documents
    from cleaned.documents
    where locality is not null
    group by all
)

select
    gazetteer.name as locality,
    gazetteer.type as locality_type,
    gazetteer.province,
    gazetteer.province_2025,
    coalesce(reported.documents, 0) as documents
from gazetteer
left join reported
    on reported.locality = gazetteer.name and reported.province = gazetteer.province
