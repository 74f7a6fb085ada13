"""`chitieu report`: one static HTML page of the warehouse that works offline.

`build_report(con)` reads the warehouse (queries only) into plain data; `render_report(data)` turns
that data into the page: a header (when it was built, the documents, counts), every consistency
finding that failed or warned with the sentences it read and their numbers marked, a count per
check kind, and one chart per locality × metric of the `level` figures over time, drawn as inline
SVG by Altair + vl-convert (no JavaScript, no external URL).
"""

from __future__ import annotations

import html
import math
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from expectations.vocabulary import STATUSES
from warehouse.paths import WarehousePaths

REPORT_NAME = "report.html"
STATUS_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c")
OUTCOME_ORDER = {"fail": 0, "warn": 1, "pass": 2}
# how a unit is shown: (divisor, label)
UNIT_DISPLAY: dict[str, tuple[float, str]] = {
    "VND": (1e9, "tỷ đồng"),
    "VND/person/year": (1e6, "triệu đồng/người/năm"),
    "VND/ha": (1e6, "triệu đồng/ha"),
    "USD": (1.0, "USD"),
    "USD/person/year": (1.0, "USD/người/năm"),
    "percent": (1.0, "%"),
    "ha": (1.0, "ha"),
    "tonne": (1.0, "tấn"),
    "count": (1.0, "count"),
    "per_10k_people": (1.0, "per 10,000 people"),
}
# d3-format has no vi-VN locale: Vietnamese writes 1.823,1
VI_FORMAT_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}


def default_report_path(db: Path) -> Path:
    """The page sits next to the warehouse: `warehouse/chitieu.duckdb.report.html`."""
    return WarehousePaths(db).report


# ---------------------------------------------------------------------------------------------
# reading the warehouse


def _dicts(con: duckdb.DuckDBPyConnection, query: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
    rel = con.execute(query, params or [])
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, row, strict=True)) for row in rel.fetchall()]


SERIES_QUERY = """
select
    s.locality, s.province, s.metric, m.label_en as metric_label, s.unit, s.period_year, s.period, s.status,
    s.scope, s.value, s.is_conflicting, s.min_value, s.max_value, s.statements, s.doc_ids
from marts.fct_indicator_series as s
left join marts.dim_metric as m using (metric)
where s.role = 'level' and s.locality is not null and s.period_year is not null
    and coalesce(s.value, s.min_value) is not null
"""

FINDINGS_QUERY = """
select check_id, "check", outcome, doc_ids, fact_ids, expected, observed, tolerance, message, reviewed,
    review_reason
from marts.fct_consistency_checks
"""

FACTS_QUERY = """
select fact_id, doc_id, source_file, metric, role, value, unit, value_text, sentence, char_start, char_end
from marts.fct_indicators
where list_contains(?::varchar[], fact_id)
"""


def build_report(con: duckdb.DuckDBPyConnection, *, db_path: Path | str | None = None,
                 built_at: datetime | None = None) -> str:
    """The page for the warehouse `con` is connected to (read-only is enough)."""
    return render_report(collect_report_data(con, db_path=db_path, built_at=built_at))


def collect_report_data(con: duckdb.DuckDBPyConnection, *, db_path: Path | str | None = None,
                        built_at: datetime | None = None) -> dict[str, Any]:
    """Everything the page shows, as plain lists and dicts (queries only)."""
    built_at = built_at or datetime.now(UTC).astimezone()
    documents = _dicts(con, """
        select doc_id, source_file, locality, locality_type, province, title, published_on
        from cleaned.documents order by source_file""")
    files = {d["doc_id"]: d["source_file"] for d in documents}

    series = _group_series(_dicts(con, SERIES_QUERY), files)
    checks = _dicts(con, FINDINGS_QUERY)
    findings = [c for c in checks if c["outcome"] != "pass"]
    fact_ids = sorted({f for c in findings for f in (c["fact_ids"] or [])})
    facts = {f["fact_id"]: f for f in _dicts(con, FACTS_QUERY, [fact_ids])} if fact_ids else {}
    doc_ids = sorted({d for c in findings for d in (c["doc_ids"] or [])} | {f["doc_id"] for f in facts.values()})
    texts = dict(con.execute("select doc_id, text from cleaned.documents where list_contains(?::varchar[], doc_id)",
                             [doc_ids]).fetchall()) if doc_ids else {}
    sentence_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if doc_ids:
        for doc_id, start, end in con.execute("""
                select doc_id, char_start, char_end from cleaned.stg_sentences
                where list_contains(?::varchar[], doc_id) order by doc_id, char_start""", [doc_ids]).fetchall():
            sentence_spans[doc_id].append((start, end))
    for c in findings:
        c["source_files"] = sorted({files.get(d, d) for d in (c["doc_ids"] or [])})
        c["sentences"] = finding_sentences(c, facts, texts, sentence_spans, files)
    findings.sort(key=lambda c: (OUTCOME_ORDER.get(c["outcome"], 3), c["check"], c["source_files"],
                                 c["message"] or "", c["check_id"]))

    per_check: dict[str, dict[str, int]] = defaultdict(lambda: {"pass": 0, "warn": 0, "fail": 0})
    for c in checks:
        per_check[c["check"]][c["outcome"]] = per_check[c["check"]].get(c["outcome"], 0) + 1
    check_counts = [{"check": k, **v} for k, v in sorted(per_check.items())]

    def scalar(q: str) -> int:
        return int(con.execute(q).fetchone()[0])  # type: ignore[index]

    counts = {
        "documents": len(documents),
        "quarantined": scalar("select count(*) from raw.quarantine"),
        "facts": scalar("select count(*) from marts.fct_indicators"),
        "level facts": scalar("select count(*) from marts.fct_indicators where role = 'level'"),
        "level figures": sum(len(s["points"]) for s in series),
        "charts": len(series),
        "checks": len(checks),
        "fail": sum(c["outcome"] == "fail" for c in checks),
        "warn": sum(c["outcome"] == "warn" for c in checks),
        "pass": sum(c["outcome"] == "pass" for c in checks),
    }
    warehouse_written = None
    if db_path is not None and Path(db_path).exists():
        warehouse_written = datetime.fromtimestamp(Path(db_path).stat().st_mtime, UTC).astimezone()
    return {
        "built_at": built_at,
        "db_path": str(db_path) if db_path is not None else None,
        "warehouse_written": warehouse_written,
        "documents": documents,
        "counts": counts,
        "series": series,
        "findings": findings,
        "check_counts": check_counts,
    }


def period_months(period: str) -> tuple[int, int]:
    """The first and last month a period code covers: `H1` → (1, 6), `9M` → (1, 9), `M07` → (7, 7)."""
    if period == "FY":
        return 1, 12
    if period in ("H1", "H2"):
        return (1, 6) if period == "H1" else (7, 12)
    if re.fullmatch(r"Q[1-4]", period):
        q = int(period[1])
        return 3 * q - 2, 3 * q
    if m := re.fullmatch(r"(\d{1,2})M", period):
        return 1, int(m.group(1))
    if m := re.fullmatch(r"M(\d{2})", period):
        return int(m.group(1)), int(m.group(1))
    return 1, 12


def period_key(year: int, period: str) -> tuple[int, int, int, str]:
    """Order periods in time: by year, then the month they end, the shorter first."""
    start, end = period_months(period)
    return year, end, end - start, period


def _group_series(rows: Iterable[Mapping[str, Any]], files: Mapping[str, str]) -> list[dict[str, Any]]:
    """One chart per locality × metric (× unit, should a metric be read in two units)."""
    groups: dict[tuple[str, str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[(r["locality"], r["province"] or "", r["metric"], r["unit"])].append(r)
    out = []
    for (locality, province, metric, unit), points in groups.items():
        points = sorted(points, key=lambda p: (*period_key(p["period_year"], p["period"]),
                                               STATUSES.index(p["status"]) if p["status"] in STATUSES else 9,
                                               p["scope"] or ""))
        out.append({
            "locality": locality,
            "province": province,
            "metric": metric,
            "metric_label": points[0].get("metric_label") or metric.replace("_", " "),
            "unit": unit,
            "points": [{
                "period_year": p["period_year"],
                "period": p["period"],
                "status": p["status"],
                "scope": p["scope"],
                "value": p["value"],
                "min_value": p["min_value"],
                "max_value": p["max_value"],
                "is_conflicting": bool(p["is_conflicting"]),
                "statements": p["statements"],
                "source_files": sorted({files.get(d, d) for d in (p["doc_ids"] or [])}),
            } for p in points],
        })
    figures: dict[str, int] = defaultdict(int)  # the localities with the most figures first
    for s in out:
        figures[s["locality"]] += len(s["points"])
    out.sort(key=lambda s: (-figures[s["locality"]], s["locality"], -len(s["points"]), s["metric"], s["unit"]))
    return out


def _locate_sentence(text: str, sentence: str, start: int, end: int) -> int | None:
    """Where `sentence` starts in the document text, the occurrence that holds the span start..end."""
    i = text.find(sentence)
    while i >= 0:
        if i <= start and end <= i + len(sentence):
            return i
        i = text.find(sentence, i + 1)
    return None


def _enclosing_sentence(spans: Sequence[tuple[int, int]], text: str, start: int, end: int) -> tuple[int, int]:
    """The sentences (from cleaned.stg_sentences) that hold start..end, else a window of the text."""
    inside = [(s, e) for s, e in spans if s < end and start < e]
    if inside:
        return min(s for s, _ in inside), max(e for _, e in inside)
    return max(0, start - 120), min(len(text), end + 120)


def finding_sentences(check: Mapping[str, Any], facts: Mapping[str, Mapping[str, Any]],
                      texts: Mapping[str, str], sentence_spans: Mapping[str, Sequence[tuple[int, int]]],
                      files: Mapping[str, str]) -> list[dict[str, Any]]:
    """The sentences a finding read, each with the char spans to mark: the numbers of its facts
    (`value_text` at the fact's char span), and a text the message quotes that no fact sentence
    holds (a heading, an anniversary)."""
    by_span: dict[tuple[str, int, int], dict[str, Any]] = {}

    def sentence_at(doc_id: str, start: int, end: int, text: str) -> dict[str, Any]:
        key = (doc_id, start, end)
        if key not in by_span:
            by_span[key] = {"doc_id": doc_id, "source_file": files.get(doc_id, doc_id), "start": start,
                            "text": text, "marks": []}
        return by_span[key]

    for fact_id in check.get("fact_ids") or []:
        f = facts.get(fact_id)
        if f is None:
            continue
        doc_text = texts.get(f["doc_id"], "")
        sentence, vt = f["sentence"] or "", f["value_text"] or ""
        title = f"{f['metric']} · {f['role']}"
        at = _locate_sentence(doc_text, sentence, f["char_start"], f["char_end"]) if sentence else None
        if at is not None:
            s = sentence_at(f["doc_id"], at, at + len(sentence), sentence)
            s["marks"].append({"start": f["char_start"] - at, "end": f["char_end"] - at, "title": title,
                               "kind": "fact"})
        elif sentence:  # not found in the text: mark the first free occurrence of the number text
            s = sentence_at(f["doc_id"], -1, -1 - len(by_span), sentence)
            taken = {m["start"] for m in s["marks"]}
            i = sentence.find(vt) if vt else -1
            while i >= 0 and i in taken:
                i = sentence.find(vt, i + 1)
            if i >= 0:
                s["marks"].append({"start": i, "end": i + len(vt), "title": title, "kind": "fact"})

    for quote in re.findall(r'"([^"]{4,})"', check.get("message") or ""):
        for doc_id in check.get("doc_ids") or []:
            doc_text = texts.get(doc_id, "")
            if any(quote in s["text"] for s in by_span.values() if s["doc_id"] == doc_id):
                break
            q = doc_text.find(quote)
            if q < 0:
                continue
            start, end = _enclosing_sentence(sentence_spans.get(doc_id, ()), doc_text, q, q + len(quote))
            s = sentence_at(doc_id, start, end, doc_text[start:end])
            s["marks"].append({"start": q - start, "end": q - start + len(quote), "title": "quoted in the message",
                               "kind": "quote"})
            break

    out = sorted(by_span.values(), key=lambda s: (s["source_file"], s["start"] if s["start"] >= 0 else 1 << 60))
    for s in out:
        s["marks"].sort(key=lambda m: (m["start"], -m["end"]))
    return out


# ---------------------------------------------------------------------------------------------
# rendering


def fmt_number(x: float | None, decimals: int = 3) -> str:
    """Vietnamese style: `1.823,1`, `0,61`, `16`."""
    if x is None:
        return "–"
    s = f"{x:,.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def unit_display(unit: str, values: Iterable[float] = ()) -> tuple[float, str]:
    divisor, label = UNIT_DISPLAY.get(unit, (1.0, unit))
    if unit == "USD" and max((abs(v) for v in values), default=0) >= 1e6:
        return 1e6, "triệu USD"
    return divisor, label


def highlight(text: str, marks: Sequence[Mapping[str, Any]]) -> str:
    """`text` escaped, with each mark's char span wrapped in <mark> (overlapping marks skipped)."""
    out, pos = [], 0
    for m in sorted(marks, key=lambda m: (m["start"], -m["end"])):
        start, end = m["start"], m["end"]
        if start < pos or end <= start or end > len(text):
            continue
        out.append(html.escape(text[pos:start]))
        kind = m.get("kind", "fact")
        title = f' title="{html.escape(m["title"])}"' if m.get("title") else ""
        out.append(f'<mark class="{html.escape(kind)}"{title}>{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _prefix_svg(svg: str, prefix: str) -> str:
    """Inline-ready SVG: no XML prologue or namespace URIs (HTML needs neither), ids made unique."""
    svg = re.sub(r"^\s*<\?xml[^>]*>\s*", "", svg)
    svg = re.sub(r"^(<svg\b[^>]*?)\s+xmlns=\"[^\"]*\"", r"\1", svg, count=1)
    svg = re.sub(r"^(<svg\b[^>]*?)\s+xmlns:xlink=\"[^\"]*\"", r"\1", svg, count=1)
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    for i in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{i}"', f'id="{prefix}{i}"').replace(f"url(#{i})", f"url(#{prefix}{i})")
        svg = svg.replace(f'href="#{i}"', f'href="#{prefix}{i}"')
    return svg


def chart_svg(series: Mapping[str, Any], index: int = 0) -> str:
    """One locality × metric over time: x = year and period in time order, y = the value in its
    display unit, colour = status; a range or conflicting figure is a bar from its low to its high."""
    import altair as alt
    import vl_convert as vlc

    points = series["points"]
    divisor, unit_label = unit_display(series["unit"], [p["max_value"] or p["value"] or 0 for p in points])
    order: list[str] = []
    rows = []
    scopes = sorted({p["scope"] or "whole" for p in points})
    for p in points:
        x = f"{p['period_year']} {p['period']}"
        if x not in order:
            order.append(x)
        value = p["value"] / divisor if p["value"] is not None else None
        lo = p["min_value"] / divisor if p["min_value"] is not None else None
        hi = p["max_value"] / divisor if p["max_value"] is not None else None
        if value is not None:  # one agreed value: a point
            row = {"y": value, "lo": None, "hi": None, "top": value, "label": fmt_number(value)}
        else:  # a range, or statements that disagree: a bar from the lowest to the highest
            row = {"y": None, "lo": lo, "hi": hi, "top": hi, "label": f"{fmt_number(lo)}–{fmt_number(hi)}"}
        rows.append({"idx": len(rows), "x": x, "status": p["status"], "scope": p["scope"] or "whole", **row})
    x = alt.X("x:O", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelFontSize=11))
    color = alt.Color("status:N", scale=alt.Scale(domain=list(STATUSES), range=list(STATUS_COLOURS)), legend=None)
    y_title = unit_label
    y_axis = alt.Axis()
    if series["unit"] == "count":  # whole ticks: 0, 1, 2 for a count of 2, not 0, 0.5, ...
        top = max((r["top"] for r in rows if r["top"] is not None), default=0)
        y_axis = alt.Axis(format=",d", values=list(range(math.ceil(top) + 1))) if top <= 8 else alt.Axis(format=",d")
    base = alt.Chart()  # the data sits once on the layer, not copied into each mark
    layers = [
        base.transform_filter("datum.y != null").mark_line(color="#b8b8b8", strokeWidth=1.5).encode(
            x=x, y=alt.Y("y:Q", title=y_title, axis=y_axis, scale=alt.Scale(zero=True, nice=True)), order="idx:Q"),
        base.transform_filter("datum.lo != null").mark_rule(strokeWidth=6, opacity=0.7).encode(
            x=x, y=alt.Y("lo:Q", title=y_title, axis=y_axis), y2="hi:Q", color=color),
    ]
    point_enc: dict[str, Any] = {"x": x, "y": alt.Y("y:Q", title=y_title, axis=y_axis), "color": color}
    if len(scopes) > 1:
        point_enc["shape"] = alt.Shape("scope:N", title="scope", legend=alt.Legend(
            orient="bottom", direction="vertical", labelLimit=360, titleFontSize=10, labelFontSize=10))
    layers.append(base.transform_filter("datum.y != null").mark_point(
        filled=True, size=80, opacity=1).encode(**point_enc))
    layers.append(base.mark_text(dy=-10, fontSize=10, color="#333").encode(
        x=x, y=alt.Y("top:Q", title=y_title, axis=y_axis), text="label:N"))
    chart = (alt.layer(*layers, data=alt.Data(values=rows))
             .properties(width=320, height=150)
             .configure_view(stroke="#e3e3e3")
             .configure_axis(titleFontSize=11, titleFontWeight="normal", titleColor="#555", labelColor="#333",
                             gridColor="#eee"))
    svg = vlc.vegalite_to_svg(chart.to_dict(), format_locale=VI_FORMAT_LOCALE, allowed_base_urls=[])
    return _prefix_svg(svg, f"c{index}-")


CSS = """
:root { --fg: #1d1d1f; --muted: #666; --line: #e2e2e2; --bg: #fafafa; --fail: #c62828; --warn: #b26a00;
  --pass: #2e7d32; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 20px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 17px; margin: 22px 0 8px; }
h4 { font-size: 15px; margin: 0; }
.muted, .meta { color: var(--muted); font-size: 13px; }
nav a { margin-right: 14px; }
a { color: #1558b0; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 12px; background: #f0f0f0;
  padding: 0 3px; border-radius: 3px; }
table { border-collapse: collapse; font-size: 13px; background: #fff; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; padding: 0; list-style: none; }
.counts li { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; }
.counts b { font-size: 18px; margin-right: 4px; }
.counts .fail b { color: var(--fail); } .counts .warn b { color: var(--warn); } .counts .pass b { color: var(--pass); }
.finding { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--warn); border-radius: 6px;
  padding: 10px 14px; margin: 10px 0; }
.finding.fail { border-left-color: var(--fail); }
.finding .msg { margin: 4px 0 8px; font-weight: 500; }
.badge { display: inline-block; font-size: 12px; font-weight: 700; color: #fff; border-radius: 4px; padding: 0 6px;
  margin-right: 6px; text-transform: uppercase; letter-spacing: .03em; }
.badge.fail { background: var(--fail); } .badge.warn { background: var(--warn); }
.badge.reviewed { background: #555; text-transform: none; }
.sentences { margin: 0; padding: 0; list-style: none; }
.sentences li { margin: 6px 0; padding: 6px 10px; background: #f7f7f5; border-radius: 4px; font-size: 14px; }
.sentences .file { display: block; color: var(--muted); font-size: 11px; font-family: ui-monospace, monospace; }
mark { background: #ffe066; padding: 0 2px; border-radius: 2px; color: inherit; }
mark.quote { background: #d7e8ff; }
.legend { display: flex; gap: 16px; align-items: center; font-size: 13px; margin: 4px 0 6px; }
.legend span::before { content: ""; display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin-right: 5px; vertical-align: -1px; background: var(--c); }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(370px, 1fr)); gap: 14px; }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 0;
  min-width: 0; }
.chart svg { display: block; width: 100%; height: auto; margin-top: 6px; }
.chart details { margin-top: 4px; font-size: 12px; }
.chart details table { margin-top: 4px; width: 100%; font-size: 12px; }
details summary { cursor: pointer; color: #1558b0; }
.docs td:nth-child(4) { max-width: 560px; }
table.kinds td { min-width: 90px; }
table.kinds th.fail { color: var(--fail); } table.kinds th.warn { color: var(--warn); }
table.kinds th.pass { color: var(--pass); }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _render_header(data: Mapping[str, Any]) -> str:
    built = data["built_at"]
    built_s = built.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if isinstance(built, datetime) else str(built)
    parts = [f'<header><h1>chitieu — indicators from Vietnamese local-government reports</h1>'
             f'<p class="meta">Built {_e(built_s)}']
    if data.get("db_path"):
        parts.append(f" from <code>{_e(data['db_path'])}</code>")
    written = data.get("warehouse_written")
    if isinstance(written, datetime):
        parts.append(f" (warehouse written {_e(written.strftime('%Y-%m-%d %H:%M:%S %Z').strip())})")
    parts.append('.</p><nav><a href="#documents">Documents</a><a href="#findings">Findings</a>'
                 '<a href="#checks">Checks</a><a href="#charts">Charts</a></nav>')
    parts.append('<ul class="counts">')
    for key, n in data["counts"].items():
        cls = f' class="{_e(key)}"' if key in ("fail", "warn", "pass") else ""
        name = {"fail": "checks failed", "warn": "checks warned", "pass": "checks passed",
                "checks": "checks evaluated"}.get(key, key)
        parts.append(f"<li{cls}><b>{_e(n)}</b>{_e(name)}</li>")
    parts.append("</ul></header>")
    rows = "".join(
        f"<tr><td><code>{_e(d['source_file'])}</code></td><td>{_e(d['locality'])}</td>"
        f"<td>{_e(d['province'])}</td><td lang=\"vi\">{_e(d['title'])}</td>"
        f"<td>{_e(d['published_on'] if d['published_on'] is not None else '–')}</td></tr>"
        for d in data["documents"])
    parts.append(f'<section id="documents"><h2>Documents ({len(data["documents"])})</h2>'
                 '<table class="docs"><thead><tr><th>source file</th><th>locality</th><th>province</th><th>title</th>'
                 f"<th>published on</th></tr></thead><tbody>{rows}</tbody></table></section>")
    return "".join(parts)


def _render_findings(data: Mapping[str, Any]) -> str:
    findings = data["findings"]
    parts = [f'<section id="findings"><h2>Consistency findings: failed and warned ({len(findings)})</h2>']
    if not findings:
        parts.append('<p class="muted">No check failed or warned.</p>')
    parts.append('<p class="muted">Numbers the check read are <mark>marked</mark>; text the message quotes is '
                 '<mark class="quote">marked in blue</mark>.</p>')
    for c in findings:
        outcome = c["outcome"]
        files = ", ".join(c["source_files"]) or "–"
        head = (f'<span class="badge {_e(outcome)}">{_e(outcome)}</span><b>{_e(c["check"])}</b> '
                f'<span class="meta">· {_e(files)}</span>')
        message = c["message"] or ""
        if len(c["source_files"]) == 1:  # the file is in the heading
            message = message.removeprefix(f"{c['source_files'][0]}: ")
        if c.get("reviewed"):
            head += f' <span class="badge reviewed">reviewed: {_e(c.get("review_reason") or "")}</span>'
        numbers = " · ".join(f"{k} {fmt_number(c[k], 4)}" for k in ("expected", "observed", "tolerance")
                             if c.get(k) is not None)
        sentences = "".join(
            '<li lang="vi">' + (f'<span class="file">{_e(s["source_file"])}</span>'
                                if c["source_files"] != [s["source_file"]] else "")
            + f'{highlight(s["text"], s["marks"])}</li>' for s in c["sentences"])
        body = f'<ul class="sentences">{sentences}</ul>' if sentences else '<p class="muted">No sentence read.</p>'
        parts.append(f'<article class="finding {_e(outcome)}"><div>{head}</div>'
                     f'<p class="msg" lang="vi">{_e(message)}</p>'
                     f'<div class="meta">{_e(numbers)} · check <code>{_e(c["check_id"])}</code></div>{body}</article>')
    counts = data["check_counts"]
    head = "".join(f"<th>{_e(r['check'])}</th>" for r in counts)
    rows = "".join(
        f'<tr><th class="{o}">{o}</th>' + "".join(f'<td class="num">{r.get(o, 0)}</td>' for r in counts) + "</tr>"
        for o in ("pass", "warn", "fail"))
    parts.append('</section><section id="checks"><h2>Checks evaluated, per kind</h2>'
                 f'<table class="kinds"><thead><tr><th>outcome</th>{head}</tr></thead><tbody>{rows}</tbody></table>'
                 "</section>")
    return "".join(parts)


def _render_chart_card(s: Mapping[str, Any], index: int) -> str:
    divisor, unit_label = unit_display(s["unit"], [p["max_value"] or p["value"] or 0 for p in s["points"]])
    rows = []
    for p in s["points"]:
        if p["value"] is not None:
            value = fmt_number(p["value"] / divisor)
        else:
            value = f"{fmt_number(p['min_value'] / divisor)}–{fmt_number(p['max_value'] / divisor)}"
            value += f" ({p['statements']} statements: a range or a disagreement)"
        rows.append(f"<tr><td>{_e(p['period_year'])} {_e(p['period'])}</td><td>{_e(p['status'])}</td>"
                    f'<td class="num">{_e(value)}</td><td lang="vi">{_e(p["scope"] or "")}</td>'
                    f'<td>{_e(", ".join(p["source_files"]))}</td></tr>')
    n = len(s["points"])
    return (f'<figure class="chart" id="chart-{index}"><h4>{_e(s["metric_label"])}</h4>'
            f'<div class="meta"><code>{_e(s["metric"])}</code> · {_e(s["locality"])} · {_e(unit_label)} · '
            f'{n} figure{"s" if n != 1 else ""}</div>{chart_svg(s, index)}'
            '<details><summary>figures</summary><table><thead><tr><th>period</th><th>status</th>'
            f'<th>{_e(unit_label)}</th><th>scope</th><th>reports</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            "</table></details></figure>")


def _render_charts(data: Mapping[str, Any]) -> str:
    series = data["series"]
    legend = "".join(f'<span style="--c: {c}">{s}</span>' for s, c in zip(STATUSES, STATUS_COLOURS, strict=True))
    parts = [f'<section id="charts"><h2>Figures over time, per locality and indicator ({len(series)} charts)</h2>'
             '<p class="muted">Levels only, one value per figure (marts.fct_indicator_series); a bar spans a range '
             f'or values that disagree.</p><div class="legend">{legend}</div>']
    by_locality: dict[tuple[str, str], list[tuple[int, Mapping[str, Any]]]] = defaultdict(list)
    for i, s in enumerate(series):
        by_locality[(s["locality"], s["province"])].append((i, s))
    for (locality, province), charts in by_locality.items():
        cards = "".join(_render_chart_card(s, i) for i, s in charts)
        parts.append(f'<h3>{_e(locality)} <span class="meta">{_e(province)} · {len(charts)} indicators</span></h3>'
                     f'<div class="grid">{cards}</div>')
    if not series:
        parts.append('<p class="muted">No level figure in the warehouse.</p>')
    parts.append("</section>")
    return "".join(parts)


def render_report(data: Mapping[str, Any]) -> str:
    """The whole page from `collect_report_data`'s data: UTF-8 HTML, inline CSS and SVG, no script,
    no external URL."""
    return ("<!doctype html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>chitieu report</title>"
            f"<style>{CSS}</style></head><body><main>"
            f"{_render_header(data)}{_render_findings(data)}{_render_charts(data)}"
            "</main></body></html>\n")


def write_report(page: str, out: Path) -> Path:
    """Write atomically: a temporary file beside `out`, then a rename over it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out
