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

from transforms.reference import Reference

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


def find_mentions(text: str, key: str | None, ref: Reference, habit: str,
                  masked: list[tuple[int, int]] | None = None) -> list:
    """Every number of `text` with its scale word, unit or counted noun (`transforms.grammar.numbers`)."""
    from transforms.grammar.numbers import find_mentions as read_mentions

    return read_mentions(text, key, ref.units, habit, masked)


def __getattr__(name: str) -> object:  # the number pattern and Mention live with the grammar
    if name in ("NUMBER", "Mention"):
        from transforms.grammar import numbers

        return getattr(numbers, name)
    raise AttributeError(name)
