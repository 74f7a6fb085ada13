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
    return [_written(f, r) if (r := reported.get(f.metric)) is not None else f for f in facts]


def _written(f: Fact, r: ReportedCode) -> Fact:
    if f.scope is None:
        scope = r.scope_if_none
    elif not r.scope_prefix or fold(r.scope_prefix) in fold(f.scope):
        scope = f.scope
    else:
        scope = f"{r.scope_prefix} {f.scope}"
    return replace(f, metric=r.reported_as, scope=scope, read_as=f.metric, read_scope=f.scope)
