"""`chitieu checks`: the consistency findings, most severe first, read-only, without Prefect."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, build_warehouse
from typer.testing import CliRunner

from flows.cli import app

PART_SUM_FILE = "001_b540bd3bb0ae3ee5.txt"
SEVERITY = {"FAIL": 0, "WARN": 1, "PASS": 2}


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["checks", *args])
    return result.exit_code, result.stdout, result.stderr


def _count(db: Path, where: str = "true") -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return int(con.execute(f"select count(*) from marts.fct_consistency_checks where {where}").fetchall()[0][0])


def test_lists_every_finding_most_severe_first(sample_warehouse: Path) -> None:
    code, out, _ = _run("--db", str(sample_warehouse))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == _count(sample_warehouse)
    ranks = [SEVERITY[line.split()[0]] for line in lines]
    assert ranks == sorted(ranks)
    assert any(re.match(rf"^FAIL  part_sum +{re.escape(PART_SUM_FILE)}  \"16 chỉ tiêu\" but", line) for line in lines)


def test_failed_shows_only_failures(sample_warehouse: Path) -> None:
    code, out, _ = _run("--failed", "--db", str(sample_warehouse))
    assert code == 0
    lines = out.splitlines()
    assert lines and all(line.startswith("FAIL  ") for line in lines)
    assert len(lines) == _count(sample_warehouse, "outcome = 'fail'")


@pytest.mark.parametrize("doc", [PART_SUM_FILE, f"seeds/documents/{PART_SUM_FILE}", f"./{PART_SUM_FILE}"])
def test_doc_filters_by_the_file_name_or_path(sample_warehouse: Path, doc: str) -> None:
    code, out, _ = _run("--doc", doc, "--db", str(sample_warehouse), "--format", "json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(PART_SUM_FILE in r["source_files"] for r in rows)
    assert len(rows) == _count(sample_warehouse, f"""list_contains(doc_ids,
        (select doc_id from cleaned.documents where source_file = '{PART_SUM_FILE}'))""")


def test_a_doc_that_matches_nothing_says_so_and_exits_0(sample_warehouse: Path) -> None:
    code, out, err = _run("--doc", "nope.txt", "--db", str(sample_warehouse))
    assert code == 0 and out == "" and "nope.txt" in err


def test_csv_and_json_formats(sample_warehouse: Path) -> None:
    code, out, _ = _run("--failed", "--format", "csv", "--db", str(sample_warehouse))
    assert code == 0
    header, *rows = out.splitlines()
    assert header.startswith("outcome,check,source_files,message,check_id,reviewed")
    assert len(rows) == _count(sample_warehouse, "outcome = 'fail'")
    code, out, _ = _run("--format", "json", "--db", str(sample_warehouse))
    first = json.loads(out.splitlines()[0])
    assert first["outcome"] == "fail" and first["reviewed"] is False and len(first["check_id"]) == 32


def test_warned_adds_warnings(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(
        "UBND huyện Yên Phong, tỉnh Bắc Ninh báo cáo kết quả năm 2023.\n\n"
        "Năm 2023, tổng thu ngân sách nhà nước đạt hơn 1.250 tỷ đồng.\n\n"
        "Cả năm 2023, tổng thu ngân sách nhà nước đạt 1.100 tỷ đồng.", encoding="utf-8")
    db = tmp_path / "w" / "chitieu.duckdb"
    build_warehouse(src, db)
    assert _count(db, "outcome = 'warn'") >= 1
    _, failed, _ = _run("--failed", "--db", str(db))
    assert failed == ""
    _, both, _ = _run("--failed", "--warned", "--db", str(db))
    assert both.splitlines() and all(line.startswith("WARN  conflict ") for line in both.splitlines())
    _, warned, _ = _run("--warned", "--db", str(db))
    assert warned == both


def test_a_missing_warehouse_exits_1_with_one_line(tmp_path: Path) -> None:
    code, out, err = _run("--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "none.duckdb" in err


def test_help() -> None:
    result = CliRunner().invoke(app, ["checks", "--help"])
    assert result.exit_code == 0
    for option in ("--failed", "--warned", "--doc", "--db", "--format"):
        assert option in result.stdout


def test_runs_without_importing_prefect(sample_warehouse: Path) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from flows.cli import app\n"
        f"r = CliRunner().invoke(app, ['checks', '--failed', '--db', {str(sample_warehouse)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'FAIL' in r.stdout\n"
        "loaded = [m for m in sys.modules if m == 'prefect' or m.startswith('prefect.')]\n"
        "assert not loaded, loaded[:5]\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]


def test_the_warehouse_is_opened_read_only(sample_warehouse: Path) -> None:
    before = sample_warehouse.stat().st_mtime_ns
    with duckdb.connect(str(sample_warehouse), read_only=True):  # another reader at the same time
        code, _, _ = _run("--db", str(sample_warehouse))
    assert code == 0 and sample_warehouse.stat().st_mtime_ns == before
