"""`chitieu report`: one static HTML page of the warehouse, offline, read-only, without Prefect."""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
import sys
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from conftest import REPO
from typer.testing import CliRunner

from flows.cli import app
from flows.report_page import highlight, period_key, render_report
from warehouse.paths import WarehousePaths

CHROMIUM = Path("/usr/bin/chromium")
FAILING = ("anniversary", "part_sum", "period_mismatch")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@pytest.fixture(scope="module")
def report(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", str(sample_warehouse), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    return out, out.read_bytes().decode("utf-8")


def _rows(db: Path, query: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query).fetchall()


class _Balance(HTMLParser):
    """Every element that is opened is closed, in order (inline SVG included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += [(tag, k, v) for k, v in attrs]

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_one_svg_chart_per_locality_and_metric(report: tuple[Path, str], sample_warehouse: Path) -> None:
    _, page = report
    charts = _rows(sample_warehouse, """
        select distinct locality, metric, unit from marts.fct_indicator_series
        where role = 'level' and coalesce(value, min_value) is not null""")
    assert len(charts) >= 20
    assert page.count("<svg") == len(charts)
    assert page.count('<figure class="chart"') == len(charts)
    assert "<script" not in page.lower()
    for _, metric, _ in charts:
        assert f"<code>{metric}</code>" in page
    # Từ Sơn's budget revenue over four periods, in time order, in tỷ đồng
    card = re.search(r'<figure class="chart"[^>]*><h4>[^<]*</h4><div class="meta"><code>budget_revenue</code> · '
                     r"Từ Sơn · tỷ đồng · 4 figures</div>(<svg.*?</svg>)", page, re.S)
    assert card, "no budget_revenue chart for Từ Sơn"
    labels = re.findall(r">(20\d\d (?:FY|H[12]|Q[1-4]|\d+M|M\d\d))</text>", card.group(1))
    assert labels == ["2021 9M", "2022 H1", "2023 FY", "2024 FY"]
    assert ">1.823,1</text>" in card.group(1)


def test_failed_findings_come_first_with_their_sentences_marked(report: tuple[Path, str],
                                                               sample_warehouse: Path) -> None:
    _, page = report
    failed = dict(_rows(sample_warehouse, """
        select "check", message from marts.fct_consistency_checks where outcome = 'fail'"""))
    assert set(FAILING) <= set(failed)
    findings = page.index('id="findings"')
    checks = page.index('id="checks"')
    for kind in FAILING:
        message = failed[kind].split(": ", 1)[1]  # the file name is in the finding's heading
        at = page.index(html.escape(message))
        assert findings < at < checks, kind
    assert page.count('<article class="finding fail">') == len(failed)
    for number in ("16 chỉ tiêu", "2 chỉ tiêu", "6 chỉ tiêu", "4 chỉ tiêu", "3 chỉ tiêu", "249,69 tỷ đồng",
                   "1.823,1 tỷ đồng"):
        assert re.search(rf"<mark[^>]*>{re.escape(number)}</mark>", page), number
    # the anniversary reads no fact: its quoted text is marked in its sentence
    assert re.search(r'<mark class="quote"[^>]*>75 năm ngày Thương binh Liệt sỹ \(27/7/1947- 27/7/2021\)</mark>', page)
    # passes are counted per check kind, after the findings
    n_range = _rows(sample_warehouse, """
        select count(*) from marts.fct_consistency_checks where "check" = 'range' and outcome = 'pass'""")[0][0]
    kinds = page[checks:page.index('id="charts"')]
    heads = re.findall(r"<th>([a-z_]+)</th>", kinds)
    passes = re.search(r'<tr><th class="pass">pass</th>(.*?)</tr>', kinds).group(1)
    assert dict(zip(heads[1:], re.findall(r">(\d+)</td>", passes), strict=True))["range"] == str(n_range)


def test_the_page_is_offline_utf8_and_well_formed(report: tuple[Path, str]) -> None:
    path, page = report
    assert page.startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in page
    assert "Uông Bí" in page and "Bỉm Sơn" in page and "Bắc Ninh" in page  # UTF-8 as is, not entities
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert not parser.errors and not parser.stack, (parser.errors[:5], parser.stack[-5:])
    linked = [(t, k, v) for t, k, v in parser.attrs if k in ("src", "href", "xlink:href", "action", "data")]
    assert all(not re.match(r"\s*(https?:)?//", v or "", re.I) for _, _, v in linked), linked
    assert all((v or "").startswith("#") for t, k, v in linked if k == "href"), linked
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page and "@import" not in page
    # quotes in messages are escaped, never attribute-breaking
    assert "&quot;16 chỉ tiêu&quot; but its 4 listed parts" in page
    assert not list(path.parent.glob(".*.tmp"))


def test_render_report_escapes_what_it_is_given() -> None:
    evil = '<script>alert("x")</script> & "Hội đồng" \'nhân dân\''
    page = render_report({
        "built_at": datetime(2024, 5, 2, 8, 30, tzinfo=UTC),
        "db_path": "warehouse/chitieu.duckdb",
        "documents": [{"source_file": "a<b>.txt", "locality": "Từ Sơn", "province": "Bắc Ninh", "title": evil,
                       "published_on": None}],
        "counts": {"documents": 1},
        "series": [],
        "findings": [{"outcome": "warn", "check": "conflict", "check_id": "x", "source_files": ["a<b>.txt"],
                      "message": f'a<b>.txt: "{evil}"', "expected": 1.0, "observed": 2.0, "tolerance": 0.0,
                      "reviewed": True, "review_reason": "ok <fine>",
                      "sentences": [{"source_file": "a<b>.txt", "text": f"{evil} đạt 3 chỉ tiêu",
                                     "marks": [{"start": len(evil) + 5, "end": len(evil) + 15, "title": 'm "q"'}]}]}],
        "check_counts": [{"check": "conflict", "pass": 0, "warn": 1, "fail": 0}],
    })
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Hội đồng&quot; &#x27;nhân dân&#x27;" in page
    assert '<mark class="fact" title="m &quot;q&quot;">3 chỉ tiêu</mark>' in page
    assert "reviewed: ok &lt;fine&gt;" in page
    assert "2024-05-02 08:30:00 UTC" in page


def test_highlight_uses_the_char_span_not_the_first_match() -> None:
    sentence = "đạt 3 chỉ tiêu, vượt 3 chỉ tiêu <khác> & 3 chỉ tiêu"
    second = sentence.index("3 chỉ tiêu", 6)
    out = highlight(sentence, [{"start": second, "end": second + len("3 chỉ tiêu"), "title": "x"}])
    assert out == ('đạt 3 chỉ tiêu, vượt <mark class="fact" title="x">3 chỉ tiêu</mark> '
                   "&lt;khác&gt; &amp; 3 chỉ tiêu")


def test_periods_are_ordered_in_time() -> None:
    periods = [(2023, "M01"), (2022, "FY"), (2022, "9M"), (2022, "H2"), (2022, "Q1"), (2021, "FY"), (2022, "H1"),
               (2022, "M07")]
    assert sorted(periods, key=lambda p: period_key(*p)) == [
        (2021, "FY"), (2022, "Q1"), (2022, "H1"), (2022, "M07"), (2022, "9M"), (2022, "H2"), (2022, "FY"),
        (2023, "M01")]


def test_cli_writes_next_to_the_warehouse_without_prefect(sample_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "warehouse" / "chitieu.duckdb"
    db.parent.mkdir()
    shutil.copy(sample_warehouse, db)
    code = ("import sys; from typer.testing import CliRunner; from flows.cli import app; "
            f"r = CliRunner().invoke(app, ['report', '--db', {str(db)!r}]); "
            "print(r.exit_code, r.stdout.strip()); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'prefect'))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    status, modules = done.stdout.splitlines()[-2:]
    assert status == f"0 {WarehousePaths(db).report}"
    assert modules == "[]"
    assert WarehousePaths(db).report.stat().st_size > 20_000
    assert sorted(p.name for p in db.parent.iterdir()) == ["chitieu.duckdb", "chitieu.duckdb.report.html"]


def test_missing_warehouse_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "warehouse not found" in result.stderr
    assert not (tmp_path / "report.html").exists()


@pytest.mark.skipif(not CHROMIUM.exists(),
                    reason="/usr/bin/chromium is absent: install Debian's chromium (apt-get install chromium; "
                           ".ci/run tries to) to screenshot the report in a headless browser")
def test_headless_chromium_renders_the_report(report: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = report
    png = tmp_path / "report.png"
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
           f"--screenshot={png}", "--window-size=1280,2000", path.resolve().as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert png.exists(), f"no screenshot (exit {done.returncode}): {done.stderr[-2000:]}"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert len(data) > 20_000, f"screenshot is {len(data)} bytes: a blank page?"
