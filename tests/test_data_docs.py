"""Data Docs of both suites, built on every validation into `docs/` beside the warehouse: static
HTML that opens offline (no CDN, no tracking image, no link out) and whose links all resolve."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pandas as pd

from expectations.arithmetic import validate_consistency
from expectations.docs import build_data_docs, make_offline, offline_html
from expectations.suite import new_context, validate_indicators
from warehouse.paths import WarehousePaths

ATTRIBUTE = re.compile(r"""\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?([^"'\s>]+)""", re.I)
OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def _references(site: Path) -> list[tuple[Path, str]]:
    refs = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".css", ".js", ".svg"):
            text = path.read_text(encoding="utf-8", errors="replace")
            refs += [(path, m.group(1)) for m in ATTRIBUTE.finditer(text)]
            refs += [(path, u) for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", text)]
    return refs


def test_docs_are_built_beside_the_warehouse_for_both_suites(sample_warehouse: Path) -> None:
    docs = WarehousePaths(sample_warehouse).docs
    assert (docs / "index.html").is_file()
    assert (docs / "expectations" / "fct_indicators.html").is_file()
    assert (docs / "expectations" / "fct_consistency_checks.html").is_file()
    results = sorted(p.relative_to(docs).parts[1] for p in (docs / "validations").rglob("*.html"))
    assert results == ["fct_consistency_checks", "fct_indicators"]
    index = (docs / "index.html").read_text(encoding="utf-8")
    # the index lists the results as static HTML, not as data for a CDN script to render
    for suite in ("fct_indicators", "fct_consistency_checks"):
        assert f'href="validations/{suite}/' in index
    assert "bootstrapTable" not in index
    assert not list(sample_warehouse.parent.glob("docs.*")), "staging or old docs folders left behind"


def test_no_page_reaches_an_outside_host(sample_warehouse: Path) -> None:
    docs = WarehousePaths(sample_warehouse).docs
    outside = [(p.relative_to(docs), ref) for p, ref in _references(docs) if OUTSIDE.match(ref)]
    assert outside == []
    for path in docs.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "greatexpectations.io" not in text and "great-expectations-web-assets" not in text, path
        assert "dataContextId" not in text and "<script src" not in text, path


def test_every_local_link_resolves(sample_warehouse: Path) -> None:
    docs = WarehousePaths(sample_warehouse).docs
    missing = []
    for page, ref in _references(docs):
        if page.suffix != ".html" or ref.startswith(("#", "javascript:", "data:", "mailto:")):
            continue
        target = (page.parent / unquote(ref.split("#")[0].split("?")[0])).resolve()
        if not target.exists():
            missing.append((page.relative_to(docs), ref))
    assert missing == []


def test_offline_html_removes_cdn_tags_tracking_images_and_links_out() -> None:
    page = """<html><head>
<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css"/>
<script src="https://code.jquery.com/jquery-3.7.1.min.js" crossorigin="anonymous"></script>
<script src="//cdn.jsdelivr.net/npm/vega@5"></script>
<style>.navbar-brand a { background: url('https://great-expectations-web-assets.s3.amazonaws.com/x.png') 0 0; }</style>
</head><body>
<img class="NO-CACHE" src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/logo-long.png?d=1&dataContextId=abc"/>
<a href="https://greatexpectations.io">Great Expectations</a>
<a href="#section-1">Overview</a> <a href="../index.html">Home</a> <img src="static/images/logo.png">
<iframe src="http://example.org/x"></iframe>
</body></html>"""
    cleaned, removed = offline_html(page)
    assert removed == 7
    assert "//" not in cleaned.replace("<!--", "")
    assert "Great Expectations" in cleaned  # the link's text stays
    for kept in ('href="#section-1"', 'href="../index.html"', 'src="static/images/logo.png"'):
        assert kept in cleaned


def test_a_failed_suite_shows_in_fast_offline_docs(tmp_path: Path) -> None:
    context = new_context()
    facts = pd.DataFrame([{"fact_id": "f1", "doc_id": "d", "metric": "m", "role": "level", "unit": "tỷ",
                           "status": "actual", "period": "FY", "period_year": 2023, "value": 1.0, "char_start": 0,
                           "char_end": 3, "text_length": 10}])
    checks = pd.DataFrame([{"check_id": "c1", "check": "anniversary", "outcome": "pass", "expected": 70.0,
                            "observed": 69.0, "tolerance": 0.0, "message": "m"}])
    assert not validate_indicators(facts, context, run_name="r1").success
    assert not validate_consistency(checks, context, run_name="r1").success

    built = build_data_docs(context, tmp_path / "docs")

    assert built.index == (tmp_path / "docs" / "index.html").resolve() and built.index.is_file()
    assert built.pages == 5 and built.removed_references == 0
    assert built.seconds < 3.0
    assert make_offline(tmp_path / "docs") == 0  # a second pass finds nothing left
    index = built.index.read_text(encoding="utf-8")
    assert index.count("fa-times") >= 2  # both results listed as failed
    # the next run's build replaces the site: pages of earlier runs do not linger
    later = new_context()
    assert validate_consistency(checks.assign(observed=70.0), later, run_name="r2").success
    assert build_data_docs(later, tmp_path / "docs").pages == 3
    assert not (tmp_path / "docs" / "validations" / "fct_indicators").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]
