"""`skip_friendly` moves a pattern's leading lookbehinds after its first literal so the engine can skip ahead:
the rewritten pattern must match exactly the spans the written one does, on reports and on arbitrary text."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.grammar.keys import fold
from transforms.grammar.masks import fold_pattern, skip_friendly
from transforms.grammar.periods import WRITTEN as PERIODS

ROOT = Path(__file__).parents[1]
MASKS = [fold_pattern(r["pattern"]) for r in csv.DictReader((ROOT / "seeds/grammar/masks.csv").open(encoding="utf-8"))]
MASKS += PERIODS  # the period patterns take the same rewrite
SHAPES = [  # each leading shape the rewrite knows, and ones it must leave alone
    r"(?<![\w.,])\d{1,2}/\d{1,2}",
    r"(?<![\w.,])\d+\s+tuổi",
    r"(?<![\w.,])\d{4}-\d{2}",
    r"(?<![\w.,])\d\s*h",
    r"(?<!\w)(?<!trong\s)(?<!tổng\s)số\s*:?\s*\d+",
    r"(?<!\w)tháng\s+\d{1,2}",
    r"(?<!\w)(?:top|hạng)\s+\d+",
    r"(?<![\w.,])(?:19|20)\d{2}(?![\w.,])",
    r"(?<!\w)(?:năm|vụ \w+)\s+(?:19|20)\d{2}",
    r"(?<!\w)(?:a|b)?c\d",
    r"(?<!\w)ab?c\d",
    r"(?<!\w)[ab]c\d",
    r"(?<![\w.,])\d*x",
    r"(?<!\w)(?:(?:tính\s+)?đến|(?:tại\s+|vào\s+)?thời\s+điểm)\s+\d",
    r"(?<!\w)(\d{1,2}|mười một|ba)\s+tháng",
    r"(?<!\w)[a-zđ]+\s*-\s*\d+",
    r"(?<!\w)(?:a(b)|c)?d\d",
    r"(?<!\w)(?:a|b)?(?:c|d)\d",
    r"(?<!\w)(?:a|b)??c\d",
]
DOCS = sorted((ROOT / "tests/fixtures").glob("*/docs/*.txt"))[:80] + sorted((ROOT / "seeds").rglob("*.txt"))
TEXTS = [fold(p.read_text(encoding="utf-8")) for p in DOCS]


def spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("pattern", MASKS + [fold_pattern(p) for p in SHAPES])
def test_the_rewrite_matches_what_the_pattern_matches_on_reports(pattern: str) -> None:
    fast = skip_friendly(pattern)
    assert [spans(fast, t) for t in TEXTS] == [spans(pattern, t) for t in TEXTS]


ALPHABET = "0123456789 ,./-:%abcdđhxtrongsốtổngtháng năm vụ tophạng tuổi tính đến thời điểm\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_the_rewrite_matches_what_the_pattern_matches_on_any_text(text: str) -> None:
    key = fold(text)
    for pattern in MASKS + [fold_pattern(p) for p in SHAPES]:
        assert spans(skip_friendly(pattern), key) == spans(pattern, key), pattern


def test_what_the_rewrite_does_and_leaves() -> None:
    assert skip_friendly(r"(?<!\w)thang\s+\d") == r"thang(?<!\wthang)\s+\d"
    assert skip_friendly(r"(?<![\w.,])\d{1,2}/") == r"\d(?<![\w.,]\d)\d{0,1}/"
    assert skip_friendly(r"(?<!\w)(?:top|hang)") == r"(?:top(?<!\wtop)|hang(?<!\whang))"
    assert skip_friendly(r"(?<!\w)(?:a|b)?c") == r"(?:ac(?<!\wac)|bc(?<!\wbc)|c(?<!\wc))"
    assert skip_friendly(r"(?<!\w)(\d|ba)\s") == r"(\d(?<!\w\d)|ba(?<!\wba))\s"
    assert skip_friendly(r"(?<!\w)[ab]+c") == r"[ab](?<!\w[ab])[ab]*c"
    for unchanged in (r"(?<!\w)[ab]c", r"(?<![\w.,])\d*x", r"thang\s+\d", r"(?<!\w)(?:a(b)|c)?d",
                      r"(?<!\w)(?:a|b)??c"):
        assert skip_friendly(unchanged) == unchanged
