"""Written Vietnamese number forms against the number reader, one row of tests/cases/numbers.csv each.

Why the table exists: issue 9 measured the number reader (`transforms.numbers.find_mentions`) against
the forms that third-party Vietnamese suites read (duckling's Vietnamese numeral and money corpora,
vietnormalizer-style text normalisers, Vietnamese money formatting) and found it read 216 of 301
forms right (0.72). This table keeps those forms, the forms the issue lists (units glued to the
digits, signs, digit groups split by a space, NBSP or thin space, currency signs and codes before or
after), the cases of tests/test_numbers.py and forms met in the report fixtures, each with the
reading a careful Vietnamese reader would give: the value in base units (VND, not tỷ đồng; ha;
tonnes; percent) and the unit code the reader emits.

Columns: `id,text,value,unit,origin,note,gap`. `value` and `unit` list one entry per mention in text
order, `;`-separated (an empty unit entry: a bare number; an empty value: no mention at all). A row
the reader gets wrong today keeps its expectation and names why in `gap`: it runs as a strict xfail,
so a fix that makes it pass shows up (XPASS fails) and the row's `gap` must then be cleared.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from transforms.numbers import find_mentions
from transforms.reference import load_reference
from transforms.text import fold, normalise

ROOT = Path(__file__).parents[1]
REF = load_reference(ROOT / "seeds")
HABIT = "vi"
TABLE = Path(__file__).parent / "cases" / "numbers.csv"
COLUMNS = ["id", "text", "value", "unit", "origin", "note", "gap"]
ORIGINS = {"issue-9", "test_numbers", "duckling-vi", "vn-money", "vietnormalizer", "corpus"}
MIN_ROWS = 200
MAX_GAP_SHARE = 0.15


def _load() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == COLUMNS
        return list(reader)


ROWS = _load()


def _expected(row: dict[str, str]) -> list[tuple[float, str | None]]:
    if row["value"] == "":
        assert row["unit"] == "", row["id"]
        return []
    values = row["value"].split(";")
    units = row["unit"].split(";")
    assert len(values) == len(units), row["id"]
    return [(float(v), u or None) for v, u in zip(values, units, strict=True)]


def _mentions(text: str):
    """As a refresh reads the form: normalised first (one kind of space and dash), then read."""
    text = normalise(text)
    return find_mentions(text, fold(text), REF, HABIT, [])


def _param(row: dict[str, str]):
    marks = [pytest.mark.xfail(strict=True, reason=row["gap"])] if row["gap"] else []
    return pytest.param(row, id=row["id"], marks=marks)


@pytest.mark.parametrize("row", [_param(r) for r in ROWS])
def test_reads_the_written_form(row):
    got = _mentions(row["text"])
    expected = _expected(row)
    assert [(m.value, m.unit) for m in got] == [(pytest.approx(v, rel=1e-9), u) for v, u in expected]


def test_table_is_large_unique_and_mostly_read():
    assert len(ROWS) >= MIN_ROWS
    ids = [r["id"] for r in ROWS]
    assert len(set(ids)) == len(ids), sorted({i for i in ids if ids.count(i) > 1})
    assert all(r["id"] and r["text"] and r["note"] for r in ROWS)
    assert {r["origin"] for r in ROWS} <= ORIGINS
    for r in ROWS:
        _expected(r)  # every row's expectation is well formed
    gaps = [r for r in ROWS if r["gap"]]
    share = len(gaps) / len(ROWS)
    print(f"\nnumber cases: {len(ROWS)} rows, {len(gaps)} gaps ({share:.1%}), "
          f"read right {len(ROWS) - len(gaps)}/{len(ROWS)} = {1 - share:.3f}")
    for r in gaps:
        print(f"  gap {r['id']} {r['text']!r}: {r['gap']}")
    assert share <= MAX_GAP_SHARE
