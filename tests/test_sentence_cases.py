"""Case tables of report sentences, one CSV per concern under `tests/cases/sentences/`.

Each row of a table is one fact a careful annotator expects from the row's `text` (rows of the same
`case` share the text). The text is cleaned and read as `tests/test_extract_sentences.py` does.

- A fact row passes when some produced fact has the same metric, role and unit, the same value
  (relative 1e-6), and agrees on every other non-empty column (`period`, `period_year`, `status`,
  `qualifier`, `comparison_base`); its number must be the one written in `value_text` (the leading
  number of `value_text` equals the leading number of the fact's `value_text`). Each produced fact
  answers at most one row.
- A row whose `metric` is `-` is a number that is not a fact: no produced fact may have `value_text`
  as its text, nor a span overlapping where `value_text` is written.
- Empty columns are not checked. `note` is for the reader.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from transforms.extract import Fact, extract
from transforms.reference import load_reference
from transforms.text import CleanText, clean_document

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).parent / "cases" / "sentences"
REF = load_reference(REPO / "seeds")

COLUMNS = ["case", "text", "value_text", "metric", "role", "value", "unit", "period", "period_year",
           "status", "qualifier", "comparison_base", "note"]
CHECKED = ("period", "status", "qualifier", "comparison_base")
NOT_A_FACT = "-"
MIN_CASES = 25

ROLES = {"level", "pct_of_plan", "pct_of_base", "pct_change", "abs_change", "part"}
UNITS = {"VND", "USD", "percent", "ha", "tonne", "count", "VND/person/year", "USD/person/year", "VND/ha",
         "per_10k_people"}
STATUSES = {"actual", "estimate", "target"}
QUALIFIERS = {"exact", "over", "approx", "at_least", "under"}
BASES = {"plan", "budget_estimate", "same_period", "prior_year", "prior_period"}
PERIOD = re.compile(r"^(FY|H[12]|Q[1-4]|(1[0-2]|[1-9])M|M(0[1-9]|1[0-2]))$")
LEADING_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def load_tables() -> dict[str, list[dict[str, str]]]:
    tables = {}
    for path in sorted(CASES.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            assert reader.fieldnames == COLUMNS, f"{path.name}: header {reader.fieldnames}"
            tables[path.stem] = list(reader)
    return tables


TABLES = load_tables()


def grouped(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    cases: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        cases[row["case"]].append(row)
    return cases


def read(text: str) -> tuple[CleanText, list[Fact]]:
    """The facts under the codes the grammar read: a project code the warehouse writes under a contract code
    (seeds/reported_codes.csv, tests/test_reported_codes.py) is compared as read."""
    clean = clean_document(text, REF.boilerplate)
    return clean, [replace(f, metric=f.read_as) if f.read_as else f for f in extract("doc", clean, REF).facts]


def leading_number(s: str | None) -> str | None:
    m = LEADING_NUMBER.search(s or "")
    return m.group(0) if m else None


def written_at(text: str, value_text: str) -> list[tuple[int, int]]:
    """Where `value_text` is written in `text`: spacing and dash variants allowed, not inside a longer number."""
    parts = [re.escape(p) for p in re.split(r"\s+", value_text.strip())]
    pattern = r"\s*".join(parts).replace(r"\-", "[-–—]")
    return [m.span() for m in re.finditer(rf"(?<![\d.,]){pattern}(?![\d])", text)]


def matches(fact: Fact, row: dict[str, str]) -> bool:
    if (fact.metric, fact.role, fact.unit) != (row["metric"], row["role"], row["unit"]):
        return False
    if fact.value != pytest.approx(float(row["value"]), rel=1e-6):
        return False
    if any(row[col] and getattr(fact, col) != row[col] for col in CHECKED):
        return False
    if row["period_year"] and fact.period_year != int(row["period_year"]):
        return False
    return not row["value_text"] or leading_number(row["value_text"]) == leading_number(fact.value_text)


def describe(f: Fact) -> str:
    return (f"{f.metric}/{f.role}/{f.value:g} {f.unit} {f.period_year} {f.period} {f.status} {f.qualifier} "
            f"{f.comparison_base} [{f.value_text}]")


def expected(row: dict[str, str]) -> str:
    shown = [row["metric"], row["role"], row["value"], row["unit"], row["period_year"], row["period"], row["status"],
             row["qualifier"], row["comparison_base"]]
    return f"{'/'.join(shown[:3])} {' '.join(s or '*' for s in shown[3:])} [{row['value_text']}]"


def problems(rows: list[dict[str, str]]) -> list[str]:
    """What the extractor gets wrong on one case, one line per expected row it misses."""
    clean, found = read(rows[0]["text"])
    used: set[int] = set()
    out = []
    for row in rows:
        if row["metric"] == NOT_A_FACT:
            spans = written_at(clean.text, row["value_text"])
            bad = [f for f in found
                   if row["value_text"] in (f.value_text, clean.text[f.char_start:f.char_end])
                   or any(f.char_start < end and start < f.char_end for start, end in spans)]
            out += [f"not a fact [{row['value_text']}] but produced {describe(f)}" for f in bad]
            continue
        hit = next((i for i, f in enumerate(found) if i not in used and matches(f, row)), None)
        if hit is None:
            out.append(f"missing {expected(row)}")
        else:
            used.add(hit)
    if out:
        out.append("produced: " + ("; ".join(describe(f) for f in found) or "nothing"))
    return out


def known_gaps() -> dict[str, str]:
    """Cases the extractor still gets wrong (`tests/cases/known_gaps.csv`): expected to fail, strictly, so a
    fix that makes one pass must also remove it from the list."""
    with (CASES.parent / "known_gaps.csv").open(encoding="utf-8", newline="") as fh:
        return {row["case"]: f"{row['family']}: {row['what the extractor does instead']}" for row in csv.DictReader(fh)}


GAPS = known_gaps()
PARAMS = [
    pytest.param(rows, id=f"{table}:{case}",
                 marks=[pytest.mark.xfail(strict=True, reason=GAPS[f"{table}:{case}"])]
                 if f"{table}:{case}" in GAPS else [])
    for table, table_rows in TABLES.items()
    for case, rows in grouped(table_rows).items()
]


def test_every_known_gap_names_a_case() -> None:
    ids = {f"{table}:{case}" for table, rows in TABLES.items() for case in grouped(rows)}
    assert set(GAPS) <= ids
    assert len(GAPS) <= 0.1 * len(ids)  # a case table is a specification, not a list of exceptions


@pytest.mark.parametrize("rows", PARAMS)
def test_sentence_case(rows):
    wrong = problems(rows)
    assert not wrong, "\n".join(wrong)


# --- the tables themselves ----------------------------------------------------------------------


def seed_metrics() -> set[str]:
    with (REPO / "seeds" / "metrics.csv").open(encoding="utf-8", newline="") as fh:
        return {row["code"] for row in csv.DictReader(fh)}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_table_has_enough_cases_and_known_codes(table):
    rows = TABLES[table]
    cases = grouped(rows)
    assert len(cases) >= MIN_CASES, f"{table}: {len(cases)} cases"
    unknown = {r["metric"] for r in rows} - seed_metrics() - {NOT_A_FACT}
    assert not unknown, f"{table}: metrics not in seeds/metrics.csv: {sorted(unknown)}"


@pytest.mark.parametrize("table", sorted(TABLES))
def test_table_rows_are_well_formed(table):
    for case, rows in grouped(TABLES[table]).items():
        assert len({r["text"] for r in rows}) == 1, f"{table}:{case} rows disagree on the text"
        for r in rows:
            where = f"{table}:{case} [{r['value_text']}]"
            assert r["value_text"] and r["value_text"] in r["text"], f"{where}: value_text not in the text"
            if r["metric"] == NOT_A_FACT:
                continue
            assert r["role"] in ROLES and r["unit"] in UNITS, where
            float(r["value"])
            assert not r["period"] or PERIOD.match(r["period"]), where
            assert not r["period_year"] or r["period_year"].isdigit(), where
            assert not r["status"] or r["status"] in STATUSES, where
            assert not r["qualifier"] or r["qualifier"] in QUALIFIERS, where
            assert not r["comparison_base"] or r["comparison_base"] in BASES, where
