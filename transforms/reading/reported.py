"""Facts written under the codes annotators who see only the contract use (seeds/reported_codes.csv,
seeds/named_codes.csv; the evidence is in tests/fixtures/CODES.md).

The grammar reads a crop's sown area as its own indicator (`rice_sown_area`): the crop decides which total it is
a part of and what it is listed with. The warehouse writes it under the contract's `sown_area`, the crop kept as
the scope. One product's output, read as `industrial_product_output`, is written under the product's own code
(`salt_output`). Both happen after the whole document is read, so no reading depends on a written code. Each
(code, scope) pair maps to its own (written code, scope) pair, so checks keyed on metric and scope group the
facts as before.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.reading.records import Fact
from transforms.reference import ReportedCode
from transforms.text import fold


def report(facts: list[Fact], reported: dict[str, ReportedCode],
           named_codes: dict[str, list[tuple[re.Pattern[str], str]]] | None = None,
           text: str = "", sentence_starts: list[int] | None = None) -> list[Fact]:
    """The facts with every project code that has a written form replaced by it: a crop's sown area as
    `sown_area`, one product's or crop's output under that product's own code (`salt_output`)."""
    by_id = {f.fact_id: f for f in facts}
    out: list[Fact] = []
    written: dict[str, Fact] = {}
    levels: dict[int, set[str]] = {}  # the codes each sentence has stated a level of, so far
    for f in facts:
        parent = by_id.get(f.parent_fact_id or "")
        if (r := reported.get(f.metric)) is not None and (
                not r.only_as_part or _of_a_part(f, parent, r.reported_as in levels.get(f.sentence_index, ()))):
            f = _written(f, r, parent, _total_code(f, r, written.get(f.parent_fact_id or "")))
        elif r is not None and r.otherwise is not None:
            f = replace(f, metric=r.otherwise, read_as=f.metric)
        elif named_codes and f.metric in named_codes:
            f = _named_code(f, named_codes[f.metric], written.get(f.parent_fact_id or ""), text,
                            sentence_starts[f.sentence_index] if sentence_starts else 0)
        if f.role == "level":
            levels.setdefault(f.sentence_index, set()).add(f.metric)
        written[f.fact_id] = f
        out.append(f)
    return out


def _named_code(f: Fact, names: list[tuple[re.Pattern[str], str]], parent: Fact | None, text: str,
                sentence_start: int) -> Fact:
    """`muối hạt đạt 49.600 tấn, tăng 55%`: the product named in the fact's scope, else right after the figure up
    to the next number or mark (`143.920 tấn ngô`, `600 triệu USD vốn FDI`), else in its clause before it (after
    the last comma, semicolon, colon or bracket), else first in the item a semicolon opens or in a label heading
    its sentence; a change takes its level's. A place that names two products names none, and none named leaves
    the code as read."""
    if parent is not None and parent.read_as == f.metric and f.role != "part":  # (a part names its own)
        return replace(f, metric=parent.metric, scope=f.scope or parent.scope, read_as=f.metric, read_scope=f.scope)
    before = text[sentence_start:f.char_start].lower()
    cut = max(before.rfind(c, max(0, len(before) - 80)) for c in ",;:(\n")
    after = re.split(r"[,;.()\d]", text[f.char_end:f.char_end + 40].lower(), maxsplit=1)[0]
    semi, colon = before.rfind(";"), before.find(":")
    places = (f.scope.lower() if f.scope else "", after, before[cut + 1:],
              # the item a semicolon opens (`; khoai lang, năng suất ..., sản lượng 279,7 tấn`), a label heading the
              # sentence (`Cây ngô: năng suất ..., sản lượng đạt 1.235 tấn`)
              before[semi + 1:] if semi >= 0 else "", before[:colon] if 0 <= colon < 40 else "")
    for place in places:
        found = [(m.start(), m.group(), code) for rx, code in names if (m := rx.search(place)) is not None]
        codes = {code for _, _, code in found}
        if len(codes) > 1:  # `vốn đầu tư trong nước và nước ngoài`: a place that names two names neither
            return f
        if found:
            _, word, code = min(found)
            return replace(f, metric=code, scope=f.scope or word, read_as=f.metric, read_scope=f.scope)
    return f


def _of_a_part(f: Fact, parent: Fact | None, total_stated_here: bool) -> bool:
    """A part of a stated total, or a ratio of one (`dịch vụ lưu trú, ăn uống đạt 571,6 tỷ đồng, tăng 0,62%`), or a
    ratio with no amount of its own in its total's sentence (`Tổng mức bán lẻ ... tăng 12,98%; trong đó ..., dịch vụ
    lưu trú và ăn uống tăng 12,73%`)."""
    if parent is None:
        return f.role == "part" or (f.role != "level" and total_stated_here)
    return f.role == "part" or (parent.role == "part" and parent.metric == f.metric)


def _total_code(f: Fact, r: ReportedCode, parent: Fact | None) -> str:
    """The code a line written only as a part goes under: its total's as written (`doanh thu các dịch vụ khác`
    under a tourism revenue total is tourism revenue's part, under the retail turnover the turnover's), a ratio's
    its part's; with no total read, the row's."""
    if parent is None or not r.only_as_part or parent.metric == f.metric:  # (a share of its own amount)
        return r.reported_as
    return parent.metric


def _written(f: Fact, r: ReportedCode, parent: Fact | None, code: str | None = None) -> Fact:
    # a change or ratio of a crop's area names no crop: it is of its level's (`đậu tương 67 ha, giảm 10,9%`)
    own = f.scope if f.scope is not None or parent is None or parent.metric != f.metric else parent.scope
    if own is None:
        scope = r.scope_if_none
    elif not r.scope_prefix or fold(r.scope_prefix) in fold(own):
        scope = own
    else:
        scope = f"{r.scope_prefix} {own}"
    return replace(f, metric=code or r.reported_as, scope=scope, read_as=f.metric, read_scope=f.scope)
