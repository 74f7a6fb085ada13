"""The refresh flow and the CLI that runs it, against a Prefect test server."""

from __future__ import annotations

from pathlib import Path

import duckdb
from typer.testing import CliRunner

from flows.cli import app
from flows.refresh import refresh


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_refresh_keeps_readable_files_and_quarantines_the_rest(source_with_bad_files: Path, tmp_path: Path) -> None:
    db = tmp_path / "wh" / "chitieu.duckdb"
    summary = refresh(source_dir=str(source_with_bad_files), db_path=str(db))
    assert (summary.ingest.new, summary.ingest.quarantined) == (7, 2)
    assert _rows(db, "select source_path, reason from raw.quarantine order by 1") == [
        ("empty.txt", "empty file"), ("photo.jpg", "binary content (NUL or control bytes)"),
    ]
    encodings = dict(_rows(db, "select source_file, encoding from raw.documents"))
    assert encodings["ansi.txt"] == "windows-1258" and encodings["utf16.txt"] == "utf-16"
    assert _rows(db, "select count(*) from raw.documents where original_bytes is null") == [(5,)]
    facts = _rows(db, "select source_file, metric, role, value from marts.fct_indicators "
                      "where source_file in ('ansi.txt', 'utf16.txt') order by 1, 3")
    assert ("ansi.txt", "budget_revenue", "level", 1250500000000.0) in facts
    assert ("utf16.txt", "budget_revenue", "level", 980000000000.0) in facts
    assert _rows(db, "select count(*) from marts.fct_indicators where source_file like '0%'") == [(63,)]


def test_a_second_refresh_adds_no_rows(source_with_bad_files: Path, tmp_path: Path) -> None:
    db = tmp_path / "wh" / "chitieu.duckdb"
    refresh(source_dir=str(source_with_bad_files), db_path=str(db))
    before = {t: _rows(db, f"select count(*) from {t}")[0][0]
              for t in ("raw.documents", "raw.quarantine", "marts.fct_indicators")}
    again = refresh(source_dir=str(source_with_bad_files), db_path=str(db))
    after = {t: _rows(db, f"select count(*) from {t}")[0][0] for t in before}
    assert before == after
    assert (again.ingest.new, again.ingest.unchanged, again.parse.parsed) == (0, 7, 0)


def test_a_refresh_with_nothing_changed_keeps_the_published_build(source_with_bad_files: Path, tmp_path: Path) -> None:
    """Nothing a build reads changed: no load, build or validation, the published file untouched and the
    summary the one of its build; a new report, or `--full`, builds again."""
    db = tmp_path / "wh" / "chitieu.duckdb"
    first = refresh(source_dir=str(source_with_bad_files), db_path=str(db))
    stamp = db.stat().st_mtime_ns
    again = refresh(source_dir=str(source_with_bad_files), db_path=str(db))
    assert again.validation is None and db.stat().st_mtime_ns == stamp
    assert again.current == first.current and any("(unchanged)" in line for line in again.lines())
    assert any(f"checks: {first.validation.passed} passed" in line for line in again.lines())
    full = refresh(source_dir=str(source_with_bad_files), db_path=str(db), full_refresh=True)
    assert full.validation is not None and db.stat().st_mtime_ns != stamp
    (source_with_bad_files / "new.txt").write_text(
        "Báo cáo năm 2023 của huyện Yên Phong.\n\nNăm 2023, tổng thu ngân sách nhà nước đạt 900 tỷ đồng.\n",
        encoding="utf-8")
    grown = refresh(source_dir=str(source_with_bad_files), db_path=str(db))
    assert grown.validation is not None and grown.current["documents"] == first.current["documents"] + 1


def test_cli_refresh_prints_stages_and_a_summary(tmp_path: Path) -> None:
    from conftest import SAMPLES

    db = tmp_path / "cli" / "chitieu.duckdb"
    result = CliRunner().invoke(app, ["refresh", "--source", str(SAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    for stage in ("ingest", "parse", "load raw", "build cleaned", "build marts", "validate", "publish"):
        assert stage in result.output
    assert "documents: 5 new, 0 unchanged, 0 quarantined" in result.output
    assert "facts: 63" in result.output
    assert "checks: " in result.output and "elapsed: " in result.output

    csv_out = CliRunner().invoke(app, ["sql", "select metric, value from marts.fct_indicators "
                                       "where value_text = '1.823,1 tỷ đồng'", "--db", str(db), "--format", "csv"])
    assert csv_out.exit_code == 0 and csv_out.output == "metric,value\nbudget_revenue,1823100000000.0\n"
    bad = CliRunner().invoke(app, ["sql", "select * from nowhere", "--db", str(db)])
    assert bad.exit_code == 1 and "nowhere" in bad.output


def test_cli_refresh_of_a_missing_folder_fails_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["refresh", "--source", str(tmp_path / "nope"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"error: source folder not found: {tmp_path / 'nope'}"]
