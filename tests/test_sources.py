"""More sources than a folder of text files: globs, and web pages reduced to their main text."""

from __future__ import annotations

from pathlib import Path

import duckdb
from conftest import build_warehouse

from transforms.html import html_to_text
from transforms.ingest import SourceFile, ingest, scan_sources, source_root

PAGE = """<html><head><meta charset="utf-8"><title>Huyện Yên Phong: kết quả năm 2023</title>
<link rel="canonical" href="https://yenphong.example.vn/tin/123">
<meta property="article:published_time" content="2024-01-10"></head>
<body><nav>Trang chủ | Tin tức | Đăng nhập</nav>
<article><h1>Huyện Yên Phong: kết quả năm 2023</h1>
<p>Năm 2023, tổng thu ngân sách nhà nước trên địa bàn huyện Yên Phong đạt 1.250 tỷ đồng, tăng 12,3% so với
năm 2022.</p><p>Tỷ lệ hộ nghèo giảm còn 1,1%.</p></article>
<footer>Chia sẻ Facebook Zalo</footer></body></html>"""


def test_a_web_page_gives_its_main_text_date_and_address() -> None:
    page = html_to_text(PAGE)
    assert page.url == "https://yenphong.example.vn/tin/123" and page.published == "2024-01-10"
    assert "1.250 tỷ đồng" in page.text and "Đăng nhập" not in page.text and "Zalo" not in page.text
    assert page.text.startswith("date 2024-01-10")


def test_a_page_without_text_is_quarantined() -> None:
    batch = ingest([SourceFile("empty.html", b"<html><body><script>var a = 1;</script></body></html>")], set(), set())
    assert batch.documents.height == 0 and batch.quarantine["reason"].to_list() == ["HTML page with no main text"]


def test_a_glob_names_its_base_folder_and_pattern(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "y.txt").write_text("khác", encoding="utf-8")
    assert source_root(tmp_path / "**" / "*.html") == (tmp_path, "**/*.html")
    assert [f.source_path for f in scan_sources(str(tmp_path / "**" / "*.html"))] == ["a/x.html"]


def test_html_pages_reach_the_marts_with_their_url(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "yen-phong.html").write_text(PAGE, encoding="utf-8")
    db = tmp_path / "w" / "chitieu.duckdb"
    build_warehouse(src, db)
    with duckdb.connect(str(db), read_only=True) as con:
        doc = con.execute("select source_url, published_on, locality, encoding from cleaned.documents").fetchall()
        facts = con.execute("select metric, role, value, period_year from marts.fct_indicators order by 2").fetchall()
    assert doc == [("https://yenphong.example.vn/tin/123", __import__("datetime").date(2024, 1, 10), "Yên Phong",
                    "html")]
    assert ("budget_revenue", "level", 1250000000000.0, 2023) in facts
    assert ("budget_revenue", "pct_change", 12.3, 2023) in facts
