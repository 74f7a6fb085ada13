"""Numbers that are never indicator values: dates, times, years, document numbers, terms and
ordinals, ages, anniversaries, ranks, periods, durations, names with a number, page views.

The patterns are data (`seeds/grammar/masks.csv`, written in plain Vietnamese and folded when
read); each is a reason `chitieu explain` shows. A `d/d` date that a counted noun follows is a
fraction (`8/8 xã`, `31/32 chỉ tiêu`), not a date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from transforms.grammar.keys import fold


def fold_pattern(pattern: str) -> str:
    """Fold a regex written in plain Vietnamese, leaving escapes (`\\d`, `\\S`) alone."""
    out, run, i = [], [], 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(fold("".join(run)))  # a run of literal text folds as words do (its spellings too)
            run = []
            out.append(pattern[i: i + 2])
            i += 2
            continue
        run.append(pattern[i])
        i += 1
    out.append(fold("".join(run)))
    return "".join(out)


def word_alternation(words: Iterable[str], space: str = r"\s+") -> str:
    """A regex alternation of word phrases as they read in the folded key, longest first."""
    alts = {fold_pattern(re.escape(w)).replace(r"\ ", space) for w in words}
    return "|".join(sorted(alts, key=len, reverse=True))


@dataclass(frozen=True)
class MaskRule:
    reason: str
    pattern: re.Pattern[str]


def mask_rules(rows: list[dict[str, str]]) -> list[MaskRule]:
    return [MaskRule(r["reason"].strip(), re.compile(fold_pattern(r["pattern"]))) for r in rows]


_DAY_MONTH = re.compile(r"\d{1,2}/\d{1,2}")


class Masks:
    """A document's masked spans, per rule in text order (one bisection per rule and number)."""

    def __init__(self, key: str, rules: list[MaskRule], counted_after: callable) -> None:  # type: ignore[valid-type]
        self.groups: list[tuple[str, list[tuple[int, int]]]] = []
        for rule in rules:
            spans = []
            for m in rule.pattern.finditer(key):
                if m.end() <= m.start():
                    continue
                if rule.reason == "date" and _DAY_MONTH.fullmatch(m.group()) and counted_after(m.end()):
                    continue  # `8/8 xã`: a fraction of a count
                spans.append(m.span())
            self.groups.append((rule.reason, spans))

    def reason(self, pos: int) -> str | None:
        """The reason of the first rule whose span holds `pos`."""
        for reason, spans in self.groups:
            i = bisect_right(spans, (pos, float("inf"))) - 1
            if i >= 0 and spans[i][0] <= pos < spans[i][1]:
                return reason
        return None

    def spans(self, *reasons: str) -> list[tuple[int, int]]:
        return [s for r, spans in self.groups if not reasons or r in reasons for s in spans]
