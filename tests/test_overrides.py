"""Reviewers' overrides (seeds/overrides.csv): validated on load, applied in the marts, kept as history."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES, SEEDS, build_warehouse
from typer.testing import CliRunner

from warehouse.overrides import OVERRIDE_COLUMNS, parse_overrides

HEADER = ",".join(OVERRIDE_COLUMNS)


def _rows(db: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _seeds_with(tmp_path: Path, overrides: str) -> Path:
    """A copy of seeds/ (without the sample documents) whose overrides.csv is `overrides`."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds, ignore=shutil.ignore_patterns("documents", "__pycache__"))
    (seeds / "overrides.csv").write_text(overrides, encoding="utf-8")
    return seeds


def _fact_id(db: Path, source_prefix: str, metric: str, role: str, period_year: int) -> str:
    rows = _rows(db, "select fact_id from marts.fct_indicators where source_file like ? and metric = ? and role = ? "
                     "and period_year = ?", [source_prefix + "%", metric, role, period_year])
    assert len(rows) == 1, rows
    return rows[0][0]


def _check_id(db: Path, kind: str, outcome: str) -> str:
    rows = _rows(db, 'select check_id from marts.fct_consistency_checks where "check" = ? and outcome = ?',
                 [kind, outcome])
    assert len(rows) == 1, rows
    return rows[0][0]


def test_the_committed_overrides_file_has_a_header_and_no_rows() -> None:
    lines = (SEEDS / "overrides.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [HEADER]


@pytest.fixture(scope="module")
def reviewed(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The samples built again with one override of every kind, plus two whose target does not exist."""
    ids = {
        "revenue": _fact_id(sample_warehouse, "000_", "budget_revenue", "level", 2023),
        "retail": _fact_id(sample_warehouse, "000_", "retail_sales", "level", 2023),
        "retail_growth": _fact_id(sample_warehouse, "000_", "retail_sales", "pct_change", 2023),
        "part_sum": _check_id(sample_warehouse, "part_sum", "fail"),
        "anniversary": _check_id(sample_warehouse, "anniversary", "fail"),
    }
    root = tmp_path_factory.mktemp("reviewed")
    seeds = _seeds_with(root, "\n".join([
        HEADER,
        f"fact,{ids['revenue']},correct,value,3650000000000,first reading of the erratum,lan,2024-05-01",
        f"fact,{ids['revenue']},correct,value,3700000000000,erratum of 12/2023 restates 3.700 tỷ,lan,2024-05-02",
        f"fact,{ids['retail']},suppress,,,\"headline figure, restated in the body\",minh,2024-05-02",
        f"check,{ids['part_sum']},reviewed,,,the resolution itself lists 15 of its 16 targets,minh,",
        f"check,{ids['anniversary']},suppress,,,typo in the report's date range,minh,2024-05-03",
        "fact,00000000000000000000,correct,status,estimate,an id from an older parse,lan,2024-05-03",
        "check,00000000000000000000000000000000,reviewed,,,a finding that no longer fires,lan,",
    ]) + "\n")
    source = root / "documents"
    shutil.copytree(SAMPLES, source)
    db = root / "warehouse" / "chitieu.duckdb"
    result = build_warehouse(source, db, seeds=seeds)
    return {"db": db, "ids": ids, "result": result}


def test_a_correction_changes_the_value_and_marks_the_fact(reviewed: dict) -> None:
    db, ids = reviewed["db"], reviewed["ids"]
    rows = _rows(db, "select value, is_overridden, override_reason from marts.fct_indicators where fact_id = ?",
                 [ids["revenue"]])
    assert rows == [(3.7e12, True, "value: erratum of 12/2023 restates 3.700 tỷ")]  # the later line wins
    assert _rows(db, "select value from raw.parsed_facts where fact_id = ?", [ids["revenue"]]) == [(3.6e12,)]
    others = _rows(db, "select count(*) from marts.fct_indicators where fact_id <> ? "
                       "and (is_overridden or override_reason is not null)", [ids["revenue"]])
    assert others == [(0,)]


def test_a_suppressed_fact_leaves_the_marts_but_stays_in_raw_and_history(reviewed: dict) -> None:
    db, ids = reviewed["db"], reviewed["ids"]
    assert _rows(db, "select count(*) from marts.fct_indicators") == [(62,)]
    assert _rows(db, "select count(*) from marts.fct_indicators where fact_id = ?", [ids["retail"]]) == [(0,)]
    assert _rows(db, "select count(*) from raw.parsed_facts where fact_id = ?", [ids["retail"]]) == [(1,)]
    # its growth rate stays, without a parent to point to
    assert _rows(db, "select parent_fact_id from marts.fct_indicators where fact_id = ?",
                 [ids["retail_growth"]]) == [(None,)]
    assert _rows(db, "select action, target_exists, reason, source_file from marts.fct_overrides "
                     "where target_id = ?", [ids["retail"]]) == [
        ("suppress", True, "headline figure, restated in the body", "000_b8bfd2e7f601be99.txt")]
    # checks no longer read it
    assert _rows(db, "select count(*) from marts.fct_consistency_checks where list_contains(fact_ids, ?)",
                 [ids["retail"]]) == [(0,)]


def test_a_reviewed_check_is_marked_and_a_suppressed_one_removed(reviewed: dict) -> None:
    db, ids = reviewed["db"], reviewed["ids"]
    assert _rows(db, "select outcome, reviewed, review_reason from marts.fct_consistency_checks where check_id = ?",
                 [ids["part_sum"]]) == [("fail", True, "the resolution itself lists 15 of its 16 targets")]
    assert _rows(db, "select count(*) from marts.fct_consistency_checks where check_id = ?",
                 [ids["anniversary"]]) == [(0,)]
    assert _rows(db, "select count(*) from marts.fct_consistency_checks where reviewed") == [(1,)]
    assert _rows(db, "select count(*) from marts.fct_consistency_checks where not reviewed and review_reason is null"
                 ) == _rows(db, "select count(*) - 1 from marts.fct_consistency_checks")


def test_the_history_lists_every_row_and_whether_its_target_exists(reviewed: dict) -> None:
    db = reviewed["db"]
    rows = _rows(db, "select line, target, action, field, new_value, original_value, target_exists, reviewed_on "
                     "from marts.fct_overrides order by line")
    assert [(r[0], r[1], r[2], r[6]) for r in rows] == [
        (2, "fact", "correct", True), (3, "fact", "correct", True), (4, "fact", "suppress", True),
        (5, "check", "reviewed", True), (6, "check", "suppress", True),
        (7, "fact", "correct", False), (8, "check", "reviewed", False),
    ]
    assert rows[1][3:6] == ("value", "3700000000000", "3600000000000.0")
    assert str(rows[0][7]) == "2024-05-01" and rows[3][7] is None


def test_overrides_keep_the_suite_green_and_the_cli_shows_reviews(reviewed: dict) -> None:
    from flows.cli import app

    assert reviewed["result"]["report"].suite.success
    out = CliRunner().invoke(app, ["checks", "--failed", "--db", str(reviewed["db"])])
    assert out.exit_code == 0, out.output
    line = next(x for x in out.stdout.splitlines() if " part_sum " in x)
    assert line.endswith("[reviewed: the resolution itself lists 15 of its 16 targets]")
    assert "anniversary" not in out.stdout


@pytest.mark.parametrize(("row", "field"), [
    ("fact,abc,delete,,,no longer needed,,", "action"),
    ("facts,abc,suppress,,,typo,,", "target"),
    ("fact,abc,correct,amount,5,typo,,", "field"),
    ("fact,abc,suppress,,,,lan,2024-01-01", "reason"),
    ("fact,abc,suppress,,,   ,lan,2024-01-01", "reason"),
    ("fact,,suppress,,,typo,,", "target_id"),
    ("fact,abc,correct,value,1.823 tỷ,typo,,", "new_value"),
    ("fact,abc,correct,unit,dollars,typo,,", "new_value"),
    ("fact,abc,correct,period,năm,typo,,", "new_value"),
    ("fact,abc,correct,period_year,23,typo,,", "new_value"),
    ("fact,abc,correct,value,,typo,,", "new_value"),
    ("fact,abc,suppress,value,,typo,,", "field"),
    ("check,abc,correct,value,5,typo,,", "action"),
    ("fact,abc,suppress,,,typo,lan,01/05/2024", "reviewed_on"),
])
def test_a_bad_row_names_the_file_its_line_and_the_field(row: str, field: str) -> None:
    good = "fact,abc,suppress,,,duplicate,lan,2024-05-01"
    with pytest.raises(ValueError, match=rf"^seeds/overrides\.csv line 3: {field} "):
        parse_overrides(f"{HEADER}\n{good}\n{row}\n", "seeds/overrides.csv")


def test_good_rows_parse_with_their_line_numbers() -> None:
    text = (f"{HEADER}\n\nfact,abc,correct,scope,,not narrowed after all,,\n"
            "check,def,reviewed,,,\"multi\nline reason\",lan,2024-02-29\nfact,ghi,correct,metric,grdp,x,,\n")
    rows = parse_overrides(text, metric_codes={"grdp"})
    assert [(r["line"], r["target_id"]) for r in rows] == [("3", "abc"), ("4", "def"), ("6", "ghi")]
    with pytest.raises(ValueError, match="line 6: new_value 'grdp' is not a metric code"):
        parse_overrides(text, metric_codes={"budget_revenue"})


def test_a_header_without_a_column_is_refused() -> None:
    with pytest.raises(ValueError, match="line 1: header lacks column"):
        parse_overrides("target,target_id,action\n")


def test_loading_a_bad_file_stops_the_build_naming_the_line(tmp_path: Path) -> None:
    seeds = _seeds_with(tmp_path, f"{HEADER}\nfact,abc,suppress,,,duplicate,,\ncheck,def,approve,,,ok,,\n")
    source = tmp_path / "documents"
    source.mkdir()
    (source / "a.txt").write_text("UBND huyện Yên Phong báo cáo năm 2023.\n\nNăm 2023, thu ngân sách đạt 10 tỷ đồng.",
                                  encoding="utf-8")
    with pytest.raises(ValueError, match=r"seeds/overrides\.csv line 3: action 'approve'"):
        build_warehouse(source, tmp_path / "w" / "chitieu.duckdb", seeds=seeds)
