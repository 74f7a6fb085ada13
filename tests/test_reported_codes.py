"""Project codes written under the contract's codes (seeds/reported_codes.csv), sentence by sentence.

The grammar reads a crop's sown area as the crop's own indicator; the warehouse writes it as the contract's
`sown_area` with the crop as its scope. Each row of tests/cases/reported_codes.csv is one fact as written, with
the code it was read as (`read_as`, empty when it is written as read).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from transforms.extract import extract
from transforms.reference import SEED_FILES, load_reference, parse_reference
from transforms.text import clean_document

REPO = Path(__file__).resolve().parents[1]
REF = load_reference(REPO / "seeds")
with (Path(__file__).parent / "cases" / "reported_codes.csv").open(encoding="utf-8", newline="") as _fh:
    ROWS = list(csv.DictReader(_fh))


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['case']}:{r['value_text']}" for r in ROWS])
def test_fact_is_written_under_its_reported_code(row: dict[str, str]) -> None:
    clean = clean_document(row["text"], REF.boilerplate)
    facts = extract("doc", clean, REF).facts
    at = [f for f in facts if f.value_text.startswith(row["value_text"].split()[0]) and f.role == row["role"]]
    assert at, [(f.metric, f.role, f.value_text) for f in facts]
    f = at[0]
    assert (f.metric, f.scope or "", f.read_as or "") == (row["metric"], row["scope"], row["read_as"])


def test_no_fact_is_written_under_a_project_code_that_has_a_written_form() -> None:
    """Over the sample documents: every reported code is replaced, and its facts keep distinct scopes."""
    for path in sorted((REPO / "seeds" / "documents").glob("*.txt")):
        facts = extract(path.name, clean_document(path.read_text(encoding="utf-8"), REF.boilerplate), REF).facts
        assert not [f.metric for f in facts if f.metric in REF.reported]


def _seeds_with(reported: str) -> dict[str, str]:
    files = {n: (REPO / "seeds" / n).read_text(encoding="utf-8") for n in SEED_FILES}
    files["reported_codes.csv"] = "code,reported_as,scope_if_none,scope_prefix,when\n" + reported
    return files


@pytest.mark.parametrize(("row", "says"), [
    ("rice_sown_area,no_such_code,lúa,lúa,\n", "line 2: unknown metric code 'no_such_code'"),
    ("rice_sown_area,grain_output,lúa,lúa,\n", "'rice_sown_area' is in ha, 'grain_output' in tonne"),
    ("rice_sown_area,sown_area,,lúa,\n", "line 2: scope_if_none is empty"),
    ("rice_sown_area,sown_area,lúa,lúa,\n" * 2, "line 3: 'rice_sown_area' is given twice"),
    ("rice_sown_area,sown_area,lúa,lúa,sometimes\n", "line 2: when is 'sometimes', not 'always' or 'part'"),
    ("rice_sown_area,sown_area,lúa,lúa,\nsown_area,crop_sown_area,x,,\n", "written under another code and itself"),
])
def test_a_bad_row_names_its_line(row: str, says: str) -> None:
    with pytest.raises(ValueError, match="seeds/reported_codes.csv") as err:
        parse_reference(_seeds_with(row))
    assert says in str(err.value)


def test_explain_says_what_a_written_code_was_read_as() -> None:
    from transforms.explain import explain, render_text

    out = render_text(explain("Năm 2023, diện tích gieo cấy lúa đạt 7.748 ha.", REF), color=False)
    assert "sown_area level 7748 ha" in out and "scope=lúa" in out
    assert "read as rice_sown_area, written under the code annotators write it under" in out


def test_an_output_name_with_an_unknown_code_names_its_line() -> None:
    files = {n: (REPO / "seeds" / n).read_text(encoding="utf-8") for n in SEED_FILES}
    files["named_codes.csv"] = ("word,code,read_as,note\nmuối,salt_output,industrial_product_output,\n"
                                 "x,no_code,crop_output,\n")
    with pytest.raises(ValueError, match=r"seeds/named_codes.csv: line 3: unknown metric code 'no_code'"):
        parse_reference(files)


def test_output_words_keep_their_tones() -> None:
    """`cam` (orange) is not `cảm`: a product word matches whole, with its tones."""
    clean = clean_document("Năm 2023, sản lượng cà phê nhân đạt 1.200 tấn; cảm nhận chung, sản lượng đạt 300 tấn.",
                           REF.boilerplate)
    codes = {f.value_text: f.metric for f in extract("doc", clean, REF).facts}
    assert codes.get("1.200 tấn") == "coffee_output"
    assert codes.get("300 tấn") != "orange_output"
