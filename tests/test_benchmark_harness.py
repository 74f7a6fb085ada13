"""Issue 10: the refresh benchmark works end to end. `benchmarks/run.py --quick` (200 generated reports:
the floor, a full refresh, a no-change re-run and one with 1 % new files) exits 0 and writes its report
where `--out` says, with a number in every column this test reads. Timings are not asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _results(text: str) -> list[dict[str, str]]:
    """The rows of the report's results table, by column name."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| documents | run |"))
    header = [c.strip() for c in lines[start].strip("|").split("|")]
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(header, [c.strip() for c in line.strip("|").split("|")], strict=True)))
    return rows


def _number(value: str) -> float:
    return float(value.replace(",", "").rstrip("×"))


def test_the_quick_benchmark_measures_every_run_and_writes_where_it_is_told(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    committed = REPO / "benchmarks" / "RESULTS.md"
    before = committed.read_bytes() if committed.exists() else None
    got = subprocess.run([sys.executable, "benchmarks/run.py", "--quick", "--out", str(out), "--work",
                          str(tmp_path / "work")], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert got.returncode == 0, got.stdout[-3000:] + got.stderr[-3000:]
    assert (committed.read_bytes() if committed.exists() else None) == before, "--quick touched RESULTS.md"

    text = out.read_text(encoding="utf-8")
    for heading in ("- machine:", "- versions: python", "duckdb", "polars", "prefect", "- date:", "- git commit:"):
        assert heading in text
    rows = {r["run"]: r for r in _results(text) if r["documents"] == "200"}
    assert set(rows) == {"floor", "full", "no-change", "1% new"}

    floor = rows["floor"]
    assert floor["status"] == "ok"
    assert _number(floor["wall s"]) > 0
    for run in ("full", "no-change", "1% new"):
        row = rows[run]
        assert row["status"] == "ok" and row["exit"] == "0", row
        assert row["published"] == "yes", row
        for column in ("wall s", "flow s", "docs/s", "MB/s", "peak RSS largest MB", "peak RSS total MB",
                       "wall ÷ floor", "parse s"):
            assert _number(row[column]) >= 0, (run, column, row[column])
        # a re-run with nothing changed keeps the published build: no load, build or validation ran
        stages = ("load s", "cleaned s", "marts s", "validate s")
        if run == "no-change":
            assert all(row[c] == "n/a" for c in stages), row
        else:
            assert all(_number(row[c]) >= 0 for c in stages), row
        assert _number(row["wall s"]) > 0 and _number(row["docs/s"]) > 0
        assert 0 < _number(row["peak RSS largest MB"]) <= _number(row["peak RSS total MB"])
    assert rows["full"]["parsed"] == "200"  # read from the refresh's parse line
    assert all(rows[r]["parsed"].isdigit() for r in ("no-change", "1% new"))
    assert "| 200 | full refresh ≤ 120 s (wall) |" in text  # the targets table, next to the measurements
