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
    scope_aliases as vietnamese_scope_aliases,
    -- an indicator of one item its scope names (`output of one named crop`, `... of one commodity group`): with no
    -- scope, which item a figure is of is not settled
    label_en like '% of one %' as of_one_named_item
from source
