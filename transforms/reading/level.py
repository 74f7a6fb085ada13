"""Readings the report's level settles (seeds/level_codes.csv).

Some words name one indicator in a province's report and another in a district's: `Sản xuất công nghiệp tăng 15,8%`
is the industrial production index in a province's (statistics offices compile the index for provinces), the
production value in a district's, which has no index. The grammar reads the words alike; once the document's level
is known (transforms/locality.py), a growth read so, with no amount of its own, is the level's indicator.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.reading.records import Fact
from transforms.reference import LevelCode
from transforms.text import fold

_VALUE = fold("giá trị ")  # `giá trị sản xuất công nghiệp`, `giá trị tăng thêm`: a value named
_AND = fold("và")  # `sản xuất công nghiệp - tiểu thủ công nghiệp`, `... và xây dựng`: another indicator named


def by_level(facts: list[Fact], level: str | None, codes: list[LevelCode], key: str,
             sentence_starts: list[int]) -> list[Fact]:
    """The facts with each growth a level code covers written under the code of the report's level: the growth
    of an indicator with no amount of it in its sentence, whose words stand in its clause before it, in a clause
    naming no value (`giá trị sản xuất công nghiệp`, `Sản xuất công nghiệp ..., giá trị tăng thêm tăng 4,63%`)."""
    rules = [c for c in codes if c.level == level]
    if not rules:
        return facts
    amounts = {(f.sentence_index, f.metric) for f in facts if f.unit != "percent"}
    out = []
    for f in facts:
        rule = next((c for c in rules if c.read_as == f.metric), None)
        if rule is not None and f.role == "pct_change" and f.unit == "percent" \
                and (f.sentence_index, f.metric) not in amounts:
            clause = key[sentence_starts[f.sentence_index]:f.char_start]
            clause = clause[clause.rfind(";") + 1:]
            if _VALUE not in clause and re.search(
                    rf"(?<!\w){re.escape(rule.words)}(?!\w)(?!\s*-)(?!\s+{_AND}\s)", clause):
                f = replace(f, metric=rule.written_as)
        out.append(f)
    return out
