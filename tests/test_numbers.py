"""Reading Vietnamese numbers, scale words and units (transforms.numbers). No I/O beyond the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.numbers import find_mentions, parse_number, separator_habit
from transforms.reference import load_reference
from transforms.text import fold

REF = load_reference(Path(__file__).parents[1] / "seeds")
HABIT = "vi"

B = 1_000_000_000  # tỷ
M = 1_000_000  # triệu

# (raw text, [(value in base units, unit), ...] one entry per mention, in order)
CASES: list[tuple[str, list[tuple[float, str | None]]]] = [
    # money, VND
    ("1.823,1 tỷ đồng", [(1_823_100_000_000, "VND")]),
    ("3241 tỷ đồng", [(3241 * B, "VND")]),
    ("2.092,3 tỷ đồng", [(2092.3 * B, "VND")]),
    ("249,69 tỷ đồng", [(249.69 * B, "VND")]),
    ("464 tỷ đồng", [(464 * B, "VND")]),
    ("21.000 tỷ đồng", [(21_000 * B, "VND")]),
    ("2.500 tỉ đồng", [(2500 * B, "VND")]),
    ("1,2 nghìn tỷ đồng", [(1.2e12, "VND")]),
    ("2 nghìn tỷ", [(2e12, None)]),  # a scale word alone names no unit
    ("60 nghìn đồng", [(60_000, "VND")]),
    ("3.500.000 đồng", [(3_500_000, "VND")]),
    ("100 VNĐ", [(100, "VND")]),
    # money, USD
    ("500 triệu USD", [(5e8, "USD")]),
    ("1,5 tỷ USD", [(1.5e9, "USD")]),
    ("1,2 triệu USD", [(1.2e6, "USD")]),
    ("45 đô la Mỹ", [(45, "USD")]),
    # per person, per ha
    ("75 triệu đồng/người/năm", [(75 * M, "VND/person/year")]),
    ("4,5 triệu đồng/người/tháng", [(4.5 * M * 12, "VND/person/year")]),
    ("10.000 USD/người/năm", [(10_000, "USD/person/year")]),
    ("150 triệu đồng/ha", [(150 * M, "VND/ha")]),
    ("5 giường bệnh/vạn dân", [(5, "per_10k_people")]),
    ("15 bác sĩ/vạn dân", [(15, "per_10k_people")]),
    # area and mass
    ("53,026 ha", [(53.026, "ha")]),
    ("40,834 ha", [(40.834, "ha")]),
    ("0,45 ha", [(0.45, "ha")]),
    ("2.300 hecta", [(2300, "ha")]),
    ("12 héc-ta", [(12, "ha")]),
    ("15 m2", [(0.0015, "ha")]),
    ("3,2 km2", [(320, "ha")]),
    ("120 tấn", [(120, "tonne")]),
    ("3.350 tấn", [(3350, "tonne")]),
    ("7,5 nghìn tấn", [(7500, "tonne")]),
    # percent
    ("0,61%", [(0.61, "percent")]),
    ("12,5%", [(12.5, "percent")]),
    ("100%", [(100, "percent")]),
    ("136,8 %", [(136.8, "percent")]),
    ("8,52 %", [(8.52, "percent")]),
    ("25 phần trăm", [(25, "percent")]),
    ("0,5 điểm phần trăm", [(0.5, "percent")]),
    ("gấp 2,3 lần", [(230, "percent")]),
    # bare numbers
    ("1.234.567", [(1_234_567, None)]),
    ("1234,5", [(1234.5, None)]),
    ("2,5 vạn", [(25_000, None)]),
    # counts
    ("01 dự án", [(1, "count")]),
    ("197 doanh nghiệp", [(197, "count")]),
    ("3.600 lao động", [(3600, "count")]),
    ("12 hợp tác xã", [(12, "count")]),
    ("35 HTX", [(35, "count")]),
    ("1.200 hộ", [(1200, "count")]),
    ("19 tiêu chí", [(19, "count")]),
    ("16 chỉ tiêu", [(16, "count")]),
    ("250 lượt khách", [(250, "count")]),
    ("3 xã", [(3, "count")]),
    ("6 sản phẩm", [(6, "count")]),
    ("9.216 người", [(9216, "count")]),
    # ranges: the low end takes the high end's scale and unit
    ("từ 5 - 7%", [(5, "percent"), (7, "percent")]),
    ("5-6%", [(5, "percent"), (6, "percent")]),
    ("8 - 9%", [(8, "percent"), (9, "percent")]),
    ("từ 3,5 đến 4 triệu đồng", [(3.5 * M, "VND"), (4 * M, "VND")]),
    ("từ 10 đến 12 tỷ đồng", [(10 * B, "VND"), (12 * B, "VND")]),
    ("từ 2 - 3 doanh nghiệp", [(2, "count"), (3, "count")]),
]


def _mentions(text: str):
    return find_mentions(text, fold(text), REF, HABIT, [])


def test_table_is_large_enough():
    assert len(CASES) >= 45
    assert len({raw for raw, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[raw for raw, _ in CASES])
def test_reads_value_and_unit_in_base_units(raw, expected):
    got = _mentions(raw)
    assert [(m.value, m.unit) for m in got] == [(pytest.approx(v, rel=1e-9), u) for v, u in expected]
    for m in got:
        assert raw[m.start:m.end] == m.text
    # the last mention's span runs to the end of the unit
    assert got[-1].end == len(raw)


@pytest.mark.parametrize(
    "raw", [raw for raw, exp in CASES if len(exp) == 2], ids=[raw for raw, exp in CASES if len(exp) == 2]
)
def test_range_gives_low_and_high(raw):
    low, high = _mentions(raw)
    assert (low.range_part, high.range_part) == ("low", "high")
    assert low.value <= high.value
    assert low.unit == high.unit


def test_counter_noun_is_kept_for_counts():
    (m,) = _mentions("197 doanh nghiệp")
    assert m.counter == fold("doanh nghiệp")
    (m,) = _mentions("120 tỷ đồng")
    assert m.counter is None


def test_masked_span_is_skipped():
    text = "Nghị quyết số 06 đạt 12,5%"
    start = text.index("06")
    got = find_mentions(text, fold(text), REF, HABIT, [(start, start + 2)])
    assert [(m.value, m.unit) for m in got] == [(12.5, "percent")]


def test_numbers_glued_to_words_are_not_read():
    assert _mentions("COVID19 và mã A12") == []


# --- parse_number --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "vi", "en"),
    [
        ("53,026", 53.026, 53026),
        ("3.350", 3350, 3.35),
        ("12.5", 12.5, 12.5),
        ("12,5", 12.5, 12.5),
        ("0,61", 0.61, 0.61),
        ("1234.567", 1234.567, 1234.567),  # more than 3 digits before: only a decimal mark fits
        ("1.234.567", 1234567, 1234567),
        ("1,234,567", 1234567, 1234567),
        ("1.234,5", 1234.5, 1234.5),
        ("1,234.5", 1234.5, 1234.5),
        ("12.345,67", 12345.67, 12345.67),
        ("01", 1, 1),
    ],
)
def test_parse_number_by_habit(raw, vi, en):
    assert parse_number(raw, "vi").value == pytest.approx(vi, rel=1e-9)
    assert parse_number(raw, "en").value == pytest.approx(en, rel=1e-9)


@pytest.mark.parametrize("raw", ["1.23.4", "1,23,4", "1.234,5.6", "1.234.5,6", "12.34.567", "", "abc", ",5"])
def test_parse_number_rejects_malformed(raw):
    assert parse_number(raw, "vi") is None
    assert parse_number(raw, "en") is None


def test_parse_number_counts_written_decimals():
    assert parse_number("1.823,1").decimals == 1
    assert parse_number("249,69").decimals == 2
    assert parse_number("3.350", "vi").decimals == 0
    assert parse_number("3.350", "en").decimals == 3


# --- separator_habit -----------------------------------------------------------------------


def test_separator_habit_vietnamese_paragraph():
    text = (
        "Tổng thu ngân sách trên địa bàn đạt 1.823,1 tỷ đồng, tăng 12,5% so với cùng kỳ; "
        "tỷ lệ hộ nghèo giảm còn 0,61%; diện tích nuôi trồng thủy sản 53,026 ha."
    )
    assert separator_habit(text) == "vi"


def test_separator_habit_english_paragraph():
    text = "Revenue reached 1,234.5 billion dong, up 12.5% on the year; exports grew 8.25% to 3,120.4 million USD."
    assert separator_habit(text) == "en"


def test_separator_habit_defaults_to_vietnamese_without_evidence():
    assert separator_habit("Diện tích 53,026 ha, sản lượng 3.350 tấn.") == "vi"


def test_habit_changes_the_reading_of_an_ambiguous_mention():
    text = "53,026 ha"
    (vi,) = find_mentions(text, fold(text), REF, "vi", [])
    (en,) = find_mentions(text, fold(text), REF, "en", [])
    assert vi.value == pytest.approx(53.026)
    assert en.value == pytest.approx(53026)


# --- precision -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "precision"),
    [
        ("37,4%", 0.05),
        ("1.823,1 tỷ đồng", 0.05e9),
        ("3241 tỷ đồng", 0.5e9),
        ("249,69 tỷ đồng", 0.005e9),
        ("0,61%", 0.005),
        ("53,026 ha", 0.0005),
        ("gấp 2,3 lần", 5.0),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_precision_is_half_the_last_written_digit_in_base_units(raw, precision):
    (m,) = _mentions(raw)
    assert m.precision == pytest.approx(precision, rel=1e-9)


def test_range_low_end_precision_uses_the_shared_scale():
    low, high = _mentions("từ 3,5 đến 4 triệu đồng")
    assert low.precision == pytest.approx(0.05e6)
    assert high.precision == pytest.approx(0.5e6)
