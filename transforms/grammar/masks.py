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
        return _distributed(pattern[:pos], _optional_spelled_out(rest))
    elif rest.startswith("(") and not rest.startswith("(?"):
        return _distributed(pattern[:pos], rest, capturing=True)
    elif rest.startswith("[") and (close := _class_end(rest)) < len(rest) and rest[close] == "+":
        first, tail = rest[:close], rest[:close] + "*" + rest[close + 1:]  # `[a-z]+`: one, then any more
    else:
        first = _literal_prefix(rest)
        if not first:
            return pattern
        tail = rest[len(first):]
    moved = "".join(m.group()[:-1] + first + ")" for m in looks)
    return first + moved + tail


def _class_end(rest: str) -> int:
    """The index just after the character class `rest` opens with."""
    i = 2 if rest[1:2] == "]" else 1
    while i < len(rest) and rest[i] != "]":
        i += 2 if rest[i] == "\\" else 1
    return i + 1


def _group(rest: str, start: int) -> tuple[list[str], int] | None:
    """The top-level alternatives of the group `rest` opens with (its body from `start`), and the index of its
    closing parenthesis; None if it has none."""
    depth, alts, i = 0, [], start
    while i < len(rest):
        c = rest[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(rest[i:]) + i
            continue
        if c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif c == ")":
            alts.append(rest[start:i])
            return alts, i
        elif c == "|" and not depth:
            alts.append(rest[start:i])
            start = i + 1
        i += 1
    return None


def _literal_prefix(rest: str) -> str:
    """The plain letters `rest` starts with (not a last one a quantifier makes optional)."""
    n = 0
    while n < len(rest) and rest[n] not in _SPECIAL:
        n += 1
    if n < len(rest) and rest[n] in "*+?{":
        n -= 1
    return rest[:max(n, 0)]


def _optional_spelled_out(rest: str) -> str:
    """`(?:tính\\s+|tại\\s+)?đến...` as `(?:tính\\s+đến|tại\\s+đến|đến)...`: an optional group spelled out
    with the word after it, so that every alternative starts with a letter (the same matches, tried in the same
    order); `rest` unchanged if no plain word follows the group or a group inside it captures."""
    found = _group(rest, 3)
    if found is None:
        return rest
    alts, close = found
    after = rest[close + 1:]
    if not after.startswith("?") or after.startswith("??") or any(re.search(r"\((?!\?)", a) for a in alts):
        return rest
    word = _literal_prefix(after[1:])
    if not word and after.startswith("?(?:") and (inner := _group(after[1:], 3)) is not None \
            and after[inner[1] + 2:inner[1] + 3] not in ("*", "+", "?", "{") \
            and not any(re.search(r"\((?!\?)", a) for a in inner[0]):
        word = after[1:inner[1] + 2]  # `(?:tính\s+)?(?:đến|tới)`: the group after it, whole
    if not word:
        return rest
    return "(?:" + "|".join(a + word for a in alts) + "|" + word + ")" + after[1 + len(word):]


def _distributed(looks: str, rest: str, capturing: bool = False) -> str:
    """`(?<!\\w)(?:top|hạng)...` as `(?:top(?<!\\wtop)|hạng(?<!\\whạng))...`: each alternative skip-friendly,
    or the pattern unchanged if one cannot be. A capturing group keeps its parentheses (and its number)."""
    opening = "(" if capturing else "(?:"
    found = _group(rest, len(opening))
    if found is None:
        return looks + rest
    alts, i = found
    tail = rest[i + 1:]
    if tail[:1] in ("*", "+", "?", "{"):
        return looks + rest  # a quantified group: its first letters are not sure to be there
    moved = [skip_friendly(looks + alt) for alt in alts]
    if any(m == looks + alt for m, alt in zip(moved, alts, strict=True)):
        return looks + rest
    return opening + "|".join(_flat(m) for m in moved) + ")" + tail


def _flat(alt: str) -> str:
    """An alternative that is one group of alternatives and nothing after, as those alternatives: the engine skips
    ahead only over a branch whose every alternative starts with a letter."""
    found = _group(alt, 3) if alt.startswith("(?:") else None
    return "|".join(found[0]) if found is not None and found[1] == len(alt) - 1 else alt


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
