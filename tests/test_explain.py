"""`chitieu explain`: every number read, marked in its sentence, with its fact or the reason it is not one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, SEEDS
from cp1258 import encode_cp1258
from typer.testing import CliRunner

from flows.cli import app
from transforms.explain import explain, render_json, render_text
from transforms.ingest import decode
from transforms.reference import load_reference
from transforms.text import clean_document

BUDGET_2023 = "Tổng thu ngân sách năm 2023 đạt 3.842 tỷ đồng, đạt 116% dự toán."
DOC_004 = SAMPLES / "004_c0064bc84c249930.txt"


@pytest.fixture(scope="module")
def ref():
    return load_reference(SEEDS)


def run(*args: str):
    return CliRunner().invoke(app, ["explain", *args])


def test_a_report_shows_its_revenue_marked_as_a_budget_revenue_level():
    result = run(str(DOC_004), "--no-color")
    assert result.exit_code == 0, result.output
    assert "⟦1.823,1 tỷ đồng⟧" in result.output
    assert "  ✔ 1.823,1 tỷ đồng → budget_revenue level 1823100000000 VND · 2022 H1 estimate · exact" in result.output
    assert "\x1b[" not in result.output


def test_dates_in_a_report_are_listed_with_the_reason_they_are_not_facts():
    result = run(str(DOC_004), "--no-color")
    assert result.exit_code == 0, result.output
    date_lines = [line for line in result.output.splitlines() if "27/7/1947" in line and line.startswith("  · ")]
    assert date_lines, result.output
    assert all("— not a fact: date" in line for line in date_lines)


def test_every_sentence_block_is_followed_by_a_total_line():
    result = run(str(DOC_004), "--no-color")
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("14 facts, ") and last.endswith(" sentences"), last


def test_text_option_with_revenue_and_attainment_gives_exactly_two_facts():
    result = run("--text", BUDGET_2023, "--no-color")
    assert result.exit_code == 0, result.output
    facts = [line for line in result.output.splitlines() if line.startswith("  ✔ ")]
    assert len(facts) == 2
    assert "base=budget_estimate · parent=3.842 tỷ đồng" in facts[1]
    assert "  · 2023 — not a fact: year" in result.output
    assert result.output.strip().endswith("2 facts, 1 other number read in 1 sentence")


def test_json_lines_give_spans_into_the_cleaned_text(ref):
    raw_bytes = DOC_004.read_bytes()
    cleaned = clean_document(decode(raw_bytes).text or "", ref.boilerplate).text
    result = run(str(DOC_004), "--json")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records
    for rec in records:
        assert cleaned[rec["char_start"]:rec["char_end"]] == rec["text"], rec
        assert rec["is_fact"] == (rec["reason"] is None)
    revenue = next(r for r in records if r["text"] == "1.823,1 tỷ đồng")
    assert (revenue["metric"], revenue["role"], revenue["value"], revenue["unit"]) == (
        "budget_revenue", "level", 1823100000000.0, "VND")
    assert (revenue["period_year"], revenue["period"], revenue["status"]) == (2022, "H1", "estimate")
    dates = [r for r in records if r["reason"] == "date"]
    assert dates and all("metric" not in r for r in dates)


def test_json_for_text_holds_the_contract_fields_of_each_fact(ref):
    result = run("--text", BUDGET_2023, "--json")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    cleaned = clean_document(BUDGET_2023, ref.boilerplate).text
    assert all(cleaned[r["char_start"]:r["char_end"]] == r["text"] for r in records)
    facts = [r for r in records if r["is_fact"]]
    assert [r["role"] for r in facts] == ["level", "pct_of_plan"]
    assert facts[1]["parent_fact_id"] == facts[0]["fact_id"]
    assert facts[1]["comparison_base"] == "budget_estimate" and facts[1]["value"] == 116.0
    for key in ("fact_id", "metric", "role", "value", "unit", "period_year", "period", "status", "qualifier",
                "comparison_base", "base_year", "scope", "parent_fact_id", "sentence"):
        assert key in facts[0]


def test_json_is_written_without_escaping_vietnamese():
    result = run("--text", BUDGET_2023, "--json")
    assert "tỷ đồng" in result.output and "\\u" not in result.output


def test_fact_ids_of_a_file_match_the_warehouse_ids(ref):
    """A file's facts are keyed by the sha256 of its bytes, as ingest keys the document."""
    import hashlib

    from transforms.extract import fact_id

    records = [json.loads(line) for line in run(str(DOC_004), "--json").output.splitlines()]
    doc_id = hashlib.sha256(DOC_004.read_bytes()).hexdigest()
    fact = next(r for r in records if r["is_fact"])
    assert fact["fact_id"] == fact_id(doc_id, fact["char_start"], fact["char_end"])


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary\x00\xff" * 20, "binary content"),
])
def test_an_unreadable_file_exits_1_with_one_error_line_naming_it(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run(str(path))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {path}: ") and reason in lines[0]


def test_a_missing_file_exits_1_naming_it(tmp_path: Path):
    path = tmp_path / "nope.txt"
    result = run(str(path))
    assert result.exit_code == 1
    assert result.output.strip().startswith(f"error: {path}: ")


def test_a_file_and_text_together_are_refused():
    result = run(str(DOC_004), "--text", BUDGET_2023)
    assert result.exit_code in (1, 2)
    assert "not both" in result.output


def test_neither_file_nor_text_is_refused():
    result = run()
    assert result.exit_code in (1, 2)
    assert "give a FILE or --text" in result.output


def test_windows_1258_file_is_read_like_ingest(tmp_path: Path):
    path = tmp_path / "ansi.txt"
    path.write_bytes(encode_cp1258(BUDGET_2023))
    result = run(str(path), "--no-color")
    assert result.exit_code == 0, result.output
    assert "2 facts" in result.output


def test_color_marks_facts_with_ansi_codes():
    result = run("--text", BUDGET_2023, "--color")
    assert result.exit_code == 0
    assert "\x1b[1;32m⟦3.842 tỷ đồng⟧\x1b[0m" in result.output


def test_render_text_and_json_agree_on_the_numbers(ref):
    expl = explain(BUDGET_2023, ref)
    records = render_json(expl)
    assert len(records) == len(expl.numbers) == 3
    assert render_text(expl, color=False).count("  ✔ ") == sum(r["is_fact"] for r in records)


def test_help_describes_the_command_and_its_options():
    result = run("--help")
    assert result.exit_code == 0
    for word in ("--text", "--json", "--no-color", "not a fact"):
        assert word in result.output


def test_explain_does_not_import_prefect():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from flows.cli import app\n"
        f"r = CliRunner().invoke(app, ['explain', '--text', {BUDGET_2023!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "print('prefect' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
