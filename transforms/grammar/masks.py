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
            out.append(_fold_literal(run))  # a run of literal text folds as words do (its spellings too)
            run = []
            out.append(pattern[i: i + 2])
            i += 2
            continue
        run.append(pattern[i])
        i += 1
    out.append(_fold_literal(run))
    return "".join(out)


def _fold_literal(run: list[str]) -> str:
    """A run of a pattern folded, its character classes kept (the key writes square brackets round)."""
    folded = fold("".join(run))
    return "".join(c if c in "[]" else f for c, f in zip(run, folded, strict=True))


_LOOKBEHIND = re.compile(r"\(\?<[!=]((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*)\)")
_SPECIAL = set("\\.^$*+?{}[]|()")
_QUANTIFIER = re.compile(r"\+|\{(\d+)(?:,(\d*))?\}")


def skip_friendly(pattern: str) -> str:
    """The same pattern with its leading lookbehinds checked after its first literal or digit.

    Python's engine skips ahead to a pattern's literal prefix or first character class, but not when a lookbehind
    comes first: `(?<!\\w)tháng` tries every position, `tháng(?<!\\wtháng)` jumps from one `tháng` to the next
    (ten times faster on a report). The two match the same spans: the lookbehind sees the same text before."""
    pos, looks = 0, []
    while (m := _LOOKBEHIND.match(pattern, pos)) is not None:
        looks.append(m)
        pos = m.end()
    if not looks:
        return pattern
    rest = pattern[pos:]
    if rest.startswith("\\d"):
        q = _QUANTIFIER.match(rest, 2)
        if rest[2:3] in ("*", "?"):
            return pattern  # maybe no digit at all
        if q is None:
            first, tail = "\\d", rest[2:]
        elif q.group() == "+":
            first, tail = "\\d", "\\d*" + rest[q.end():]
        elif int(q.group(1)) >= 1:
            lo, hi = int(q.group(1)) - 1, q.group(2)
            more = "" if hi is None else "," + (str(int(hi) - 1) if hi else "")
            first, tail = "\\d", f"\\d{{{lo}{more}}}" + rest[q.end():]
        else:
            return pattern
    elif rest.startswith("(?:"):
        return _distributed(pattern[:pos], rest)
    else:
        n = 0
        while n < len(rest) and rest[n] not in _SPECIAL:
            n += 1
        if n < len(rest) and rest[n] in "*+?{":
            n -= 1  # the last letter is quantified: not part of the prefix
        if n <= 0:
            return pattern
        first, tail = rest[:n], rest[n:]
    moved = "".join(m.group()[:-1] + first + ")" for m in looks)
    return first + moved + tail


def _distributed(looks: str, rest: str) -> str:
    """`(?<!\\w)(?:top|hạng)...` as `(?:top(?<!\\wtop)|hạng(?<!\\whạng))...`: each alternative skip-friendly,
    or the pattern unchanged if one cannot be."""
    depth, alts, start, i = 0, [], 3, 3
    while i < len(rest):
        c = rest[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = rest.index("]", i + 2) + 1  # a class: no groups or alternatives inside
            continue
        if c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif c == ")":
            break
        elif c == "|" and not depth:
            alts.append(rest[start:i])
            start = i + 1
        i += 1
    else:
        return looks + rest
    alts.append(rest[start:i])
    tail = rest[i + 1:]
    if tail[:1] in ("*", "+", "?", "{"):
        return looks + rest  # a quantified group: its first letters are not sure to be there
    moved = [skip_friendly(looks + alt) for alt in alts]
    if any(m == looks + alt for m, alt in zip(moved, alts, strict=True)):
        return looks + rest
    return "(?:" + "|".join(moved) + ")" + tail


def word_alternation(words: Iterable[str], space: str = r"\s+") -> str:
    """A regex alternation of word phrases as they read in the folded key, longest first."""
    alts = {fold_pattern(re.escape(w)).replace(r"\ ", space) for w in words}
    return "|".join(sorted(alts, key=len, reverse=True))


@dataclass(frozen=True)
class MaskRule:
    reason: str
    pattern: re.Pattern[str]


def mask_rules(rows: list[dict[str, str]]) -> list[MaskRule]:
    return [MaskRule(r["reason"].strip(), re.compile(skip_friendly(fold_pattern(r["pattern"])))) for r in rows]


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
