"""Reading Vietnamese numbers, scale words and units with their exact spans.

Separator rule (documented, tested both ways): Vietnamese writes `.` for thousands and
`,` for decimals. A number with both, or with one separator repeated, is unambiguous.
A single separator followed by exactly three digits (`53,026`, `3.350`) is read by the
document's own habit: Vietnamese unless the document writes unambiguous English-style
numbers (`1,234.5`, `12.5%`) more often than Vietnamese ones. A single separator
followed by other than three digits can only be a decimal mark.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from transforms.reference import Reference, UnitWord
from transforms.text import SpanIndex, fold_pattern

# Bounded: at most 40 digits and 12 groups, so no pathological backtracking; a longer number
# is not read at all (the lookahead refuses to stop before `.5`/`,5`), never read by its head.
NUMBER = re.compile(r"(?<![\w.,])\d{1,40}(?:[.,]\d{1,40}){0,12}(?![\w]|[.,]\d)")
_VI_HINTS = re.compile(r"\d\.\d{3},\d|\d\.\d{3}\.\d{3}|\d,\d{1,2}(?!\d)")
_EN_HINTS = re.compile(r"\d,\d{3}\.\d|\d,\d{3},\d{3}|(?<![\d.])\d{1,3}\.\d{1,2}(?![\d.])\s*%")


def separator_habit(text: str) -> str:
    """`vi` or `en`: which convention the document's unambiguous numbers follow."""
    vi = len(_VI_HINTS.findall(text))
    en = len(_EN_HINTS.findall(text))
    return "en" if en > vi else "vi"


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    decimals: int  # digits after the decimal mark as written


def parse_number(raw: str, habit: str = "vi") -> ParsedNumber | None:
    """Read `1.234,5`, `3241`, `0,61`, `53,026` (by habit), `01`; None when malformed or too large."""
    got = _parse_number(raw, habit)
    return got if got is not None and math.isfinite(got.value) else None


def _parse_number(raw: str, habit: str) -> ParsedNumber | None:
    raw = raw.strip()
    # decimal digits only: `²` is a digit to isdigit() but not a number to float()
    if not raw or not raw[0].isdecimal():
        return None
    seps = [c for c in raw if c in ".,"]
    groups = re.split(r"[.,]", raw)
    if not all(g.isdecimal() for g in groups):
        return None
    if not seps:  # float(), not int(): no 4,300-digit limit, an overlong run is inf (rejected above)
        return ParsedNumber(float(raw), 0)
    kinds = set(seps)
    if len(kinds) == 2:
        decimal_sep = seps[-1]
        if seps.count(decimal_sep) != 1:
            return None
        thousands = [g for g in groups[1:-1]]
        if any(len(g) != 3 for g in thousands) or len(groups[0]) > 3:
            return None
        return ParsedNumber(float("".join(groups[:-1]) + "." + groups[-1]), len(groups[-1]))
    sep = seps[0]
    if len(seps) > 1:
        if len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
            return None
        return ParsedNumber(float("".join(groups)), 0)
    whole, frac = groups
    thousands_sep = "." if habit == "vi" else ","
    if len(frac) == 3 and sep == thousands_sep and len(whole) <= 3:
        return ParsedNumber(float(whole + frac), 0)
    return ParsedNumber(float(whole + "." + frac), len(frac))


@dataclass(frozen=True)
class Mention:
    """A number as written, with its scale word and unit, in base units."""

    start: int  # span of number + scale + unit (+ counter noun)
    end: int
    number_start: int
    number_end: int
    text: str
    value: float
    decimals: int
    scale: float
    unit: str | None  # None: a bare number
    counter: str | None  # the counted noun for counts (`doanh nghiệp`)
    precision: float  # half a unit of the last written digit, in base units
    range_part: str | None = None  # low | high for `5 - 7%`


# matched against the folded key, so the words are folded too (`đến` → `đên`, `từ` → `tư`)
_RANGE_JOIN = re.compile(fold_pattern(r"\s*(?:-|đến|tới)\s*"))
_RANGE_FROM = re.compile(fold_pattern(r"(?:\btừ|\btu)\s*$"))


def _match_word(key: str, pos: int, words: list[UnitWord], kinds: tuple[str, ...]) -> UnitWord | None:
    for w in words:
        if w.kind not in kinds:
            continue
        if key.startswith(w.word, pos):
            end = pos + len(w.word)
            if end < len(key) and (key[end].isalnum() and w.word[-1].isalnum()):
                continue
            return w
    return None


def _skip_spaces(key: str, pos: int) -> int:
    while pos < len(key) and key[pos] == " ":
        pos += 1
    return pos


def _unit_after(key: str, pos: int, ref: Reference) -> tuple[int, float, str | None, str | None]:
    """Scale words, unit and counter noun after position `pos`: (end, scale, unit, counter)."""
    end, scale, unit, counter = pos, 1.0, None, None
    p = _skip_spaces(key, pos)
    w = _match_word(key, p, ref.units, ("scale",))
    if w is not None:
        scale = w.scale
        p2 = p + len(w.word)
        end = p2
        p = _skip_spaces(key, p2)
    u = _match_word(key, p, ref.units, ("unit",))
    if u is not None and not (u.word == "%" and p > end + 1):
        unit = u.unit
        scale *= u.scale
        end = p + len(u.word)
        if u.unit == "percent" and u.word == "lần":
            pass
    elif unit is None:
        c = _match_word(key, p, ref.units, ("counter",))
        if c is not None:
            counter = c.word
            unit = "count"
            end = p + len(c.word)
    return end, scale, unit, counter


def find_mentions(text: str, key: str, ref: Reference, habit: str, masked: list[tuple[int, int]]) -> list[Mention]:
    """Every number in `text` not inside a masked span, with its scale and unit.

    `key` is `fold(text)`; masked spans (dates, document numbers, aliases...) are skipped.
    """
    out: list[Mention] = []
    masks = SpanIndex(masked)
    taken_until = 0  # the high end of a range just read
    for m in NUMBER.finditer(text):
        s, e = m.span()
        if s < taken_until or masks.overlaps(s, e):
            continue
        parsed = parse_number(m.group(), habit)
        if parsed is None or not math.isfinite(parsed.value):
            continue
        # a range `5 - 7%`, `từ 3,5 đến 4 triệu`: the low end takes the high end's unit
        join = _RANGE_JOIN.match(key, e)
        if join and join.end() < len(text):
            m2 = NUMBER.match(text, join.end())
            if m2 and not masks.overlaps(m2.start(), m2.end()):
                p2 = parse_number(m2.group(), habit)
                end2, scale2, unit2, counter2 = _unit_after(key, m2.end(), ref)
                own_end, own_scale, own_unit, _ = _unit_after(key, e, ref)
                is_range = p2 is not None and unit2 is not None and own_unit is None and (
                    join.group().strip() != "-" or _RANGE_FROM.search(key[max(0, s - 6):s]) or unit2 == "percent"
                )
                if is_range and p2 is not None and p2.value >= parsed.value:
                    out.append(_mention(text, s, e, e, parsed, scale2, unit2, counter2, "low"))
                    out.append(_mention(text, m2.start(), m2.end(), end2, p2, scale2, unit2, counter2, "high"))
                    taken_until = m2.end()
                    continue
        end, scale, unit, counter = _unit_after(key, e, ref)
        out.append(_mention(text, s, e, end, parsed, scale, unit, counter, None))
    return out


def _mention(text: str, s: int, e: int, end: int, parsed: ParsedNumber, scale: float, unit: str | None,
             counter: str | None, range_part: str | None) -> Mention:
    value = parsed.value * scale
    precision = 0.5 * (10 ** -parsed.decimals) * scale
    return Mention(s, end, s, e, text[s:end], value, parsed.decimals, scale, unit, counter, precision, range_part)
