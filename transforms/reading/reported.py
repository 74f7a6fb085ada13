"""Facts written under the codes the contract's annotators use (seeds/reported_codes.csv).

The grammar reads a crop's sown area as its own indicator (`rice_sown_area`): the crop decides which total it is
a part of and what it is listed with. The warehouse writes it under the contract's `sown_area`, the crop kept as
the scope, after the whole document is read, so no reading depends on the written code. Each (code, scope) pair
maps to its own (written code, scope) pair, so checks keyed on metric and scope group the facts as before.
"""

from __future__ import annotations

from dataclasses import replace

from transforms.reading.records import Fact
from transforms.reference import ReportedCode
from transforms.text import fold


def report(facts: list[Fact], reported: dict[str, ReportedCode]) -> list[Fact]:
    """The facts with every project code that has a written form replaced by it."""
    if not reported:
        return facts
    by_id = {f.fact_id: f for f in facts}
    return [_written(f, r, by_id.get(f.parent_fact_id or "")) if (r := reported.get(f.metric)) is not None else f
            for f in facts]


def _written(f: Fact, r: ReportedCode, parent: Fact | None) -> Fact:
    # a change or ratio of a crop's area names no crop: it is of its level's (`đậu tương 67 ha, giảm 10,9%`)
    own = f.scope if f.scope is not None or parent is None or parent.metric != f.metric else parent.scope
    if own is None:
        scope = r.scope_if_none
    elif not r.scope_prefix or fold(r.scope_prefix) in fold(own):
        scope = own
    else:
        scope = f"{r.scope_prefix} {own}"
    return replace(f, metric=r.reported_as, scope=scope, read_as=f.metric, read_scope=f.scope)
