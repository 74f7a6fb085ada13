"""Anniversaries with their dates (`kỷ niệm 75 năm ngày ... (27/7/1947 - 27/7/2022)`).

Not facts, but checkable from the text alone: the years between the two dates must equal
the number of years the text celebrates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.text import fold, fold_pattern

_ANNIVERSARY = re.compile(fold_pattern(
    r"(?<![\w.,])(\d{1,4})\s+năm\s+(?!\d)([^()\n]{0,160}?)\(\s*(?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*)?((?:1[0-9]|20)\d{2})"
    r"\s*[-–]\s*(?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*)?((?:1[0-9]|20)\d{2})\s*\)"
))


_CELEBRATED = re.compile(fold_pattern(r"kỷ\s+niệm\s*$|kỉ\s+niệm\s*$"))


@dataclass(frozen=True)
class Anniversary:
    char_start: int
    char_end: int
    text: str
    years_stated: int
    from_year: int
    to_year: int


def find_anniversaries(text: str) -> list[Anniversary]:
    """Every `N năm ... (date - date)` in the text, with the years it states (not a plan's term whose
    bare years count it inclusively)."""
    out = []
    key = fold(text)
    for m in _ANNIVERSARY.finditer(key):
        years, first, last = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if "/" not in m.group(0) and last - first + 1 == years and _CELEBRATED.search(key, max(0, m.start() - 24),
                                                                                      m.start()) is None:
            continue  # `bình quân 5 năm (2021-2025)`: a term counted inclusively, not an anniversary
        out.append(Anniversary(m.start(), m.end(), text[m.start():m.end()], int(m.group(1)),
                               int(m.group(3)), int(m.group(4))))
    return out
