-- The indicator taxonomy (seeds/metrics.csv): code, unit, domain and Vietnamese forms.
with source as (
    select * from raw.seed_metrics
)

select
    code as metric,
    unit,
    domain,
    label_en,
    aliases as vietnamese_aliases,
    scope_aliases as vietnamese_scope_aliases
from source
