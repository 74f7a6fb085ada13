"""Tables of indicators read cell by cell (`transforms.grammar.tables`): the label names the
indicator, the unit column the unit, the column's header the period and status."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.extract import extract
from transforms.reference import load_reference
from transforms.text import clean_document

REF = load_reference(Path(__file__).resolve().parents[1] / "seeds")


def facts(text: str) -> list[tuple]:
    clean = clean_document(text, REF.boilerplate)
    out = extract("doc", clean, REF)
    return sorted((f.metric, f.role, f.value, f.unit, f.period, f.period_year, f.status,
                   clean.text[f.char_start:f.char_end]) for f in out.facts)


CASES = {
    "plan and result columns give status and year": (
        "Một số chỉ tiêu chủ yếu của huyện\n\n"
        "TT | Chỉ tiêu | ĐVT | Kế hoạch năm 2023 | Thực hiện năm 2023 | Kế hoạch năm 2024\n"
        "1 | Thu ngân sách nhà nước trên địa bàn | Tỷ đồng | 350 | 372,5 | 400\n"
        "2 | Tỷ lệ hộ nghèo | % | 4,5 | 4,12 | 3,5\n",
        [("budget_revenue", "level", 372500000000.0, "VND", "FY", 2023, "actual", "372,5"),
         ("budget_revenue", "level", 400000000000.0, "VND", "FY", 2024, "target", "400"),
         ("poverty_rate", "level", 4.5, "percent", "FY", 2023, "target", "4,5"),
         ("poverty_rate", "level", 4.12, "percent", "FY", 2023, "actual", "4,12")]),
    "a group row names its items and pairs split on semicolons": (
        "Bảng chỉ tiêu\n\n"
        "| STT | Chỉ tiêu | Đơn vị | Thực hiện năm 2022 | Kế hoạch năm 2023 |\n"
        "| 1 | Cơ cấu kinh tế | | | |\n"
        "| | - Nông, lâm nghiệp, thủy sản | % | 30,2 | 28 |\n"
        "| | - Dịch vụ | % | 41,5 | 43 |\n"
        "| 2 | Độ che phủ rừng; diện tích trồng rừng mới | %; ha | 61,5; 850 | 62; 900 |\n",
        [("share_agriculture", "level", 30.2, "percent", "FY", 2022, "actual", "30,2"),
         ("share_services", "level", 43.0, "percent", "FY", 2023, "target", "43"),
         ("forest_cover_rate", "level", 61.5, "percent", "FY", 2022, "actual", "61,5"),
         ("afforestation_area", "level", 850.0, "ha", "FY", 2022, "actual", "850")]),
    "a column comparing with the plan gives attainment": (
        "Tình hình thực hiện 6 tháng đầu năm 2024\n\n"
        "Chỉ tiêu | Đơn vị tính | Ước thực hiện 6 tháng 2024 | So với kế hoạch (%)\n"
        "Tổng vốn đầu tư toàn xã hội | Tỷ đồng | 2.150 | 48,6\n"
        "Kim ngạch xuất khẩu | Triệu USD | 125,4 | 52,1\n",
        [("investment_capital", "level", 2150000000000.0, "VND", "H1", 2024, "estimate", "2.150"),
         ("investment_capital", "pct_of_plan", 48.6, "percent", "H1", 2024, "estimate", "48,6"),
         ("export_value", "level", 125400000.0, "USD", "H1", 2024, "estimate", "125,4")]),
    "a unit in the label's brackets, and the rows under a Roman-numbered total are its parts": (
        "Lượng khách du lịch đến tỉnh trong tháng 9 năm 2019\n\n"
        "Chỉ tiêu | Thực hiện tháng 8/2019 | Ước thực hiện tháng 9/2019\n"
        "I. Tổng số lượt khách (lượt) | 792.314 | 720.019\n"
        "   Khách quốc tế (lượt) | 48.622 | 46.595\n"
        "1. Khách lưu trú du lịch (lượt) | 359.445 | 346.993\n",
        [("tourist_arrivals", "level", 792314.0, "count", "M08", 2019, "actual", "792.314"),
         ("tourist_arrivals", "part", 46595.0, "count", "M09", 2019, "estimate", "46.595"),
         ("tourist_arrivals", "part", 346993.0, "count", "M09", 2019, "estimate", "346.993")]),
    "rows opening on Trong đó are the parts of the row above": (
        "Kết quả 6 tháng đầu năm 2024\n\n"
        "Chỉ tiêu | Đơn vị tính | Thực hiện 6 tháng 2024\n"
        "Tổng thu ngân sách nhà nước | Tỷ đồng | 1.250\n"
        "Trong đó: thu nội địa | Tỷ đồng | 1.100\n",
        [("budget_revenue", "level", 1250000000000.0, "VND", "H1", 2024, "actual", "1.250"),
         ("budget_revenue", "part", 1100000000000.0, "VND", "H1", 2024, "actual", "1.100")]),
    "a unit line above the table, a column of the year before and rows under a total row": (
        "Tiến độ gieo trồng vụ mùa tháng 10 năm 2020\n\n"
        "Đơn vị tính: ha\n\n"
        "Chỉ tiêu | Thực hiện cùng kỳ năm trước | Thực hiện kỳ báo cáo | So với cùng kỳ (%)\n"
        "Tổng diện tích gieo trồng | 33.700,0 | 34.667,5 | 102,87\n"
        "1. DT gieo trồng lúa mùa | 12.429,0 | 12.247,5 | 98,54\n"
        "2. DTGT một số cây khác | 21.271,0 | 22.420,0 | 105,40\n"
        " - Ngô | 1.850,0 | 1.818,0 | 98,27\n",
        [("sown_area", "level", 33700.0, "ha", "FY", 2019, "actual", "33.700,0"),
         ("sown_area", "level", 34667.5, "ha", "FY", 2020, "actual", "34.667,5"),
         ("sown_area", "part", 12247.5, "ha", "FY", 2020, "actual", "12.247,5"),
         ("sown_area", "part", 1818.0, "ha", "FY", 2020, "actual", "1.818,0")]),
    "a unit line written ĐVT, rows under a total named Tổng": (
        "Kết quả sản xuất năm 2023\n\n"
        "ĐVT: tấn\n"
        "Chỉ tiêu | Thực hiện năm 2022 | Thực hiện năm 2023\n"
        "Tổng sản lượng thủy sản | 50.100 | 53.750\n"
        "1. Sản lượng khai thác | 19.000 | 19.750\n",
        [("fishery_output", "level", 53750.0, "tonne", "FY", 2023, "actual", "53.750"),
         ("fishery_output", "part", 19750.0, "tonne", "FY", 2023, "actual", "19.750")]),
    "a ditto mark repeats the unit above, a signed change reads its sign, a dashed row is its numbered row's part": (
        "Một số chỉ tiêu chủ yếu 9 tháng năm 2023\n\n"
        "Chỉ tiêu | ĐVT | 9 tháng năm 2023 | Tăng/giảm so cùng kỳ (%)\n"
        "1. Giá trị sản xuất công nghiệp | Tỷ đồng | 5.120,4 | +6,2\n"
        "- Công nghiệp chế biến, chế tạo | \" | 4.870,1 | -1,5\n"
        "2. Tổng mức bán lẻ hàng hóa | Tỷ đồng | 3.250 | +9,1\n",
        [("industrial_production_value", "level", 5120400000000.0, "VND", "9M", 2023, "actual", "5.120,4"),
         ("industrial_production_value", "pct_change", 6.2, "percent", "9M", 2023, "actual", "6,2"),
         ("industrial_production_value", "part", 4870100000000.0, "VND", "9M", 2023, "actual", "4.870,1"),
         ("industrial_production_value", "pct_change", -1.5, "percent", "9M", 2023, "actual", "1,5"),
         ("retail_sales", "pct_change", 9.1, "percent", "9M", 2023, "actual", "9,1")]),
    "a table whose borders the page lost: headers on lines of their own, a row per line": (
        "Một số chỉ tiêu kinh tế - xã hội chủ yếu của tỉnh\n\n"
        "Chỉ tiêu\n\nĐVT\n\n6 tháng đầu năm 2015\n\n% tăng/giảm so cùng kỳ\n\n"
        "1. Tổng vốn đầu tư phát triển toàn xã hội Tỷ đồng 7.934,1 +6,03\n"
        "2. Khách du lịch qua cơ sở lưu trú Ngàn lượt khách 1.432,9 +9,2\n"
        "- Khách nội địa \" 1.348,8 -0,8\n",
        [("investment_capital", "level", 7934100000000.0, "VND", "H1", 2015, "actual", "7.934,1"),
         ("investment_capital", "pct_change", 6.03, "percent", "H1", 2015, "actual", "6,03"),
         ("tourist_arrivals", "level", 1432900.0, "count", "H1", 2015, "actual", "1.432,9"),
         ("tourist_arrivals", "pct_change", 9.2, "percent", "H1", 2015, "actual", "9,2"),
         ("tourist_arrivals", "part", 1348800.0, "count", "H1", 2015, "actual", "1.348,8"),
         ("tourist_arrivals", "pct_change", -0.8, "percent", "H1", 2015, "actual", "0,8")]),
    "a flattened table whose period the line above its headers names, units in lower case": (
        "Tình hình kinh tế - xã hội tháng 3 năm 2024\n\n"
        "Quý I năm 2024\n\n"
        "Chỉ tiêu\nĐơn vị tính\nTăng so với cùng kỳ (%)\n"
        "Tổng thu ngân sách nhà nước tỷ đồng 1.250,5 12,4\n"
        "Kim ngạch xuất khẩu triệu USD 310,2 8,5\n",
        [("budget_revenue", "level", 1250500000000.0, "VND", "Q1", 2024, "actual", "1.250,5"),
         ("budget_revenue", "pct_change", 12.4, "percent", "Q1", 2024, "actual", "12,4"),
         ("export_value", "level", 310200000.0, "USD", "Q1", 2024, "actual", "310,2"),
         ("export_value", "pct_change", 8.5, "percent", "Q1", 2024, "actual", "8,5")]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_table_cells_read_as_facts(case: str) -> None:
    text, expected = CASES[case]
    got = facts(text)
    assert [row for row in expected if row not in got] == [], got


def test_a_table_without_periods_or_plans_in_its_header_is_not_read_as_one() -> None:
    text = ("Danh sách\n\n"
            "Tên xã | Số hộ | Ghi chú\n"
            "Xã A | 120 | mới\n"
            "Xã B | 95 | cũ\n")
    assert facts(text) == []


def test_prose_lines_ending_in_figures_are_no_flattened_table() -> None:
    """Without a header block (`Chỉ tiêu`, then `ĐVT` and the columns on lines of their own), lines that end in
    figures are prose and read as such."""
    text = ("Năm 2023, kết quả nổi bật của huyện\n\n"
            "Thu ngân sách nhà nước đạt 1.250 tỷ đồng\n"
            "Tổng vốn đầu tư toàn xã hội đạt 2.100 tỷ đồng\n")
    got = facts(text)
    assert ("budget_revenue", "level", 1250000000000.0, "VND", "FY", 2023, "actual", "1.250 tỷ đồng") in got
    assert all(not row[-1].replace(".", "").isdigit() for row in got), got


def test_an_html_table_is_read_like_a_text_one() -> None:
    from transforms.html import html_to_text

    html = ("<html><body><article><h1>Số liệu kinh tế - xã hội năm 2023 của huyện</h1>"
            "<p>Bảng tổng hợp một số chỉ tiêu phát triển kinh tế - xã hội chủ yếu của huyện trong năm 2023 "
            "theo báo cáo của Ủy ban nhân dân huyện gửi các cơ quan.</p>"
            "<table><tr><td>STT</td><td>Chỉ tiêu</td><td>Đơn vị tính</td><td>Kế hoạch năm 2023</td>"
            "<td>Thực hiện năm 2023</td></tr>"
            "<tr><td>1</td><td>Thu ngân sách nhà nước</td><td>Tỷ đồng</td><td>423</td><td>428,2</td></tr>"
            "<tr><td>2</td><td>Tổng vốn đầu tư toàn xã hội</td><td>Tỷ đồng</td><td>4800</td><td>7.100</td></tr>"
            "</table><p>Theo báo cáo tổng hợp năm 2023 của Ủy ban nhân dân huyện gửi các cơ quan.</p>"
            "</article></body></html>")
    got = facts(html_to_text(html).text)
    assert ("budget_revenue", "level", 428200000000.0, "VND", "FY", 2023, "actual", "428,2") in got
    assert ("investment_capital", "level", 4800000000000.0, "VND", "FY", 2023, "target", "4800") in got
