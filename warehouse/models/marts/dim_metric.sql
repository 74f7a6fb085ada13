-- The indicator taxonomy (seeds/metrics.csv): code, unit, domain and Vietnamese forms.
with source as (
    select * from raw.seed_metrics
)

select
    code as metric,
    unit,
    domain,
    label_en,
    nullif(part_of, '') as part_of,
    nullif(reduction_code, '') as reduction_code,
    aliases as vietnamese_aliases,
    scope_aliases as vietnamese_scope_aliases
from source
