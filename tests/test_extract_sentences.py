"""Behaviour of transforms.extract.extract on sentences written in the reports' style.

Each test builds a small report, cleans it as the pipeline does and reads the facts.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from transforms.extract import Fact, extract
from transforms.numbers import NUMBER, find_mentions, parse_number, separator_habit
from transforms.reference import load_reference
from transforms.text import CleanText, clean_document, fold

REF = load_reference(Path(__file__).parents[1] / "seeds")
B = 1_000_000_000


def read(text: str) -> tuple[CleanText, list[Fact]]:
    clean = clean_document(text, REF.boilerplate)
    return clean, extract("doc", clean, REF).facts


def facts(text: str) -> list[Fact]:
    return read(text)[1]


def only(found: list[Fact], **want: object) -> Fact:
    """The one fact whose fields equal `want` (floats compared with approx)."""
    hits = [
        f for f in found
        if all((getattr(f, k) == pytest.approx(v, rel=1e-9)) if isinstance(v, float) else getattr(f, k) == v
               for k, v in want.items())
    ]
    assert len(hits) == 1, f"{want} matched {len(hits)} of {[(f.metric, f.role, f.value) for f in found]}"
    return hits[0]


# --- roles and comparison bases --------------------------------------------------------------

RATIO_CLAUSE = (
    "Tổng thu ngân sách trên địa bàn huyện 6 tháng đầu năm 2023 ước đạt 512,4 tỷ đồng, "
    "đạt 48,2% dự toán và bằng 105,3% so cùng kỳ năm 2022."
)


def test_ratio_children_attach_to_their_level():
    found = facts(RATIO_CLAUSE)
    assert len(found) == 3
    level = only(found, role="level")
    assert (level.metric, level.value, level.unit) == ("budget_revenue", pytest.approx(512.4 * B), "VND")
    assert (level.period_year, level.period, level.status) == (2023, "H1", "estimate")
    assert level.comparison_base is None and level.parent_fact_id is None

    plan = only(found, role="pct_of_plan")
    assert (plan.metric, plan.value, plan.unit) == ("budget_revenue", 48.2, "percent")
    assert (plan.comparison_base, plan.base_year) == ("budget_estimate", None)

    base = only(found, role="pct_of_base")
    assert (base.metric, base.value, base.unit) == ("budget_revenue", 105.3, "percent")
    assert (base.comparison_base, base.base_year) == ("same_period", 2022)

    for child in (plan, base):
        assert child.parent_fact_id == level.fact_id
        assert (child.period_year, child.period, child.status) == (2023, "H1", "estimate")


def test_growth_against_a_named_year_is_pct_change_prior_year():
    found = facts("Năm 2023, giá trị sản xuất công nghiệp đạt 3.250 tỷ đồng, tăng 8,52% so với năm 2022.")
    level = only(found, role="level", metric="industrial_production_value")
    change = only(found, role="pct_change")
    assert change.metric == "industrial_production_value"
    assert change.value == pytest.approx(8.52)
    assert (change.comparison_base, change.base_year) == ("prior_year", 2022)
    assert change.parent_fact_id == level.fact_id
    assert (change.period_year, change.period) == (2023, "FY")


def test_decline_is_a_negative_pct_change():
    found = facts("Năm 2023, sản lượng thủy sản đạt 1.450 tấn, giảm 5,3%.")
    level = only(found, role="level", metric="fishery_output", unit="tonne", value=1450.0)
    change = only(found, role="pct_change")
    assert change.value == pytest.approx(-5.3)
    assert change.value_text == "5,3%"
    assert change.comparison_base == "prior_year"
    assert change.parent_fact_id == level.fact_id


def test_exceeding_the_budget_estimate_is_pct_change_on_budget_estimate():
    found = facts("Năm 2023, thu ngân sách nhà nước đạt 420 tỷ đồng, vượt 10% dự toán.")
    change = only(found, metric="budget_revenue", role="pct_change")
    assert change.value == pytest.approx(10)
    assert (change.comparison_base, change.base_year) == ("budget_estimate", None)
    assert change.parent_fact_id == only(found, role="level").fact_id


def test_attainment_of_plan_is_pct_of_plan_on_plan():
    found = facts("Năm 2023, diện tích gieo trồng đạt 5.200 ha, bằng 98,5% kế hoạch.")
    only(found, metric="sown_area", role="level", value=5200.0, unit="ha")
    plan = only(found, metric="sown_area", role="pct_of_plan")
    assert (plan.value, plan.comparison_base) == (98.5, "plan")


def test_times_the_same_period_is_pct_of_base_in_percent():
    found = facts("Năm 2023, giá trị sản xuất nông nghiệp ước đạt 2.092,3 tỷ đồng, gấp 2,3 lần cùng kỳ.")
    ratio = only(found, metric="agricultural_production_value", role="pct_of_base")
    assert ratio.value == pytest.approx(230)
    assert (ratio.unit, ratio.comparison_base, ratio.base_year) == ("percent", "same_period", 2022)
    assert ratio.value_text == "2,3 lần"


def test_absolute_change_keeps_the_level_unit():
    found = facts("Năm 2023, tổng chi ngân sách đạt 249,69 tỷ đồng, tăng 46 tỷ đồng so với cùng kỳ.")
    change = only(found, metric="budget_expenditure", role="abs_change")
    assert (change.value, change.unit, change.comparison_base) == (pytest.approx(46 * B), "VND", "same_period")
    assert change.parent_fact_id == only(found, role="level").fact_id


def test_named_growth_rate_is_pct_change_of_the_underlying_metric():
    (growth,) = facts("Năm 2023, tốc độ tăng trưởng kinh tế đạt 13,1%.")
    assert (growth.metric, growth.role, growth.value) == ("grdp", "pct_change", pytest.approx(13.1))
    assert growth.comparison_base == "prior_year"
    assert growth.parent_fact_id is None


def test_a_rate_that_is_the_indicator_is_a_level_without_base():
    (rate,) = facts("Năm 2023, tỷ lệ hộ nghèo giảm còn 0,61%.")
    assert (rate.metric, rate.role, rate.value, rate.unit) == ("poverty_rate", "level", 0.61, "percent")
    assert rate.comparison_base is None and rate.base_year is None


def test_range_gives_low_and_high_facts():
    found = facts("Năm 2023, tốc độ tăng trưởng kinh tế từ 8 - 9%.")
    assert sorted(f.value for f in found if f.metric == "grdp") == [8, 9]
    assert {(f.role, f.unit, f.qualifier) for f in found} == {("pct_change", "percent", "exact")}


def test_range_in_words_gives_two_money_facts():
    found = facts("Năm 2023, thu nhập bình quân đầu người từ 3,5 đến 4 triệu đồng/người/tháng.")
    assert [(f.metric, f.unit) for f in found] == [("income_per_capita", "VND/person/year")] * 2
    assert [f.value for f in found] == [pytest.approx(3.5e6 * 12), pytest.approx(4e6 * 12)]


# --- qualifiers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "metric", "qualifier"),
    [
        ("Năm 2023, tổng mức bán lẻ hàng hóa đạt hơn 21.000 tỷ đồng.", "retail_sales", "over"),
        ("Năm 2023, kim ngạch xuất khẩu đạt trên 500 triệu USD.", "export_value", "over"),
        ("Năm 2023, tổng vốn đầu tư toàn xã hội đạt gần 4.000 tỷ đồng.", "investment_capital", "approx"),
        ("Năm 2023, thu nhập bình quân đầu người khoảng 75 triệu đồng/người/năm.", "income_per_capita", "approx"),
        ("Năm 2023, tỷ lệ che phủ rừng đạt xấp xỉ 42,5%.", "forest_cover_rate", "approx"),
        ("Năm 2023, tỷ lệ hộ nghèo dưới 1,5%.", "poverty_rate", "under"),
        ("Năm 2023, tỷ lệ tham gia bảo hiểm y tế đạt 12,5% trở lên.", "health_insurance_coverage", "at_least"),
        ("Năm 2023, tỷ lệ lao động qua đào tạo đạt 72,5%.", "trained_labour_rate", "exact"),
    ],
    ids=["hơn", "trên", "gần", "khoảng", "xấp xỉ", "dưới", "trở lên", "none"],
)
def test_qualifier_from_the_words_around_the_number(sentence, metric, qualifier):
    (f,) = facts(sentence)
    assert (f.metric, f.qualifier) == (metric, qualifier)


def test_tro_len_of_a_rating_after_a_percent_is_not_a_bound():
    (f,) = facts("Năm 2023, có 92,3% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.")
    assert (f.metric, f.role, f.value) == ("party_org_good_rate", "level", pytest.approx(92.3))
    assert f.qualifier == "exact"


# --- status --------------------------------------------------------------------------------


def test_phan_dau_makes_a_target():
    found = facts(
        "Phấn đấu năm 2025, tổng thu ngân sách trên địa bàn đạt 1.200 tỷ đồng; "
        "thu nhập bình quân đầu người đạt 90 triệu đồng/người/năm."
    )
    assert [(f.metric, f.status, f.period_year, f.period) for f in found] == [
        ("budget_revenue", "target", 2025, "FY"),
        ("income_per_capita", "target", 2025, "FY"),
    ]


def test_uoc_dat_makes_an_estimate():
    (f,) = facts("Năm 2023, tổng thu ngân sách ước đạt 900 tỷ đồng.")
    assert f.status == "estimate"


def test_plain_result_of_a_past_year_is_actual():
    found = facts("Năm 2022, thu ngân sách nhà nước đạt 950 tỷ đồng, tăng 15% so với năm 2021.")
    assert {f.status for f in found} == {"actual"}
    assert only(found, role="pct_change").base_year == 2021


def test_plan_for_the_second_half_is_a_target_while_the_year_result_stays_actual():
    found = facts(
        "Năm 2023, tổng thu ngân sách đạt 800 tỷ đồng. "
        "Nhiệm vụ 6 tháng cuối năm 2023: tổng thu ngân sách phấn đấu đạt 400 tỷ đồng."
    )
    assert only(found, value=800.0 * B).status == "actual"
    h2 = only(found, value=400.0 * B)
    assert (h2.period_year, h2.period, h2.status) == (2023, "H2", "target")


def test_count_of_targets_met_is_actual():
    found = facts("Năm 2023, có 13 chỉ tiêu đạt và vượt kế hoạch.")
    f = only(found, metric="targets_met")
    assert (f.value, f.unit, f.status) == (13, "count", "actual")


# --- periods -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "year", "period"),
    [
        ("Trong 9 tháng đầu năm 2023, kim ngạch xuất khẩu ước đạt 1,5 tỷ USD.", 2023, "9M"),
        ("Trong 7 tháng đầu năm 2023, tổng thu ngân sách đạt 300 tỷ đồng.", 2023, "7M"),
        ("Quý I/2024, tổng thu ngân sách đạt 210 tỷ đồng.", 2024, "Q1"),
        ("Trong 3 tháng đầu năm 2024, kim ngạch xuất khẩu đạt 120 triệu USD.", 2024, "Q1"),
        ("Trong 6 tháng đầu năm 2023, tổng thu ngân sách đạt 400 tỷ đồng.", 2023, "H1"),
        ("Năm 2022, tổng thu ngân sách đạt 950 tỷ đồng.", 2022, "FY"),
    ],
    ids=["9 tháng đầu năm", "7 tháng đầu năm", "quý I/", "3 tháng đầu năm", "6 tháng đầu năm", "năm"],
)
def test_period_named_before_the_figure(sentence, year, period):
    found = facts(sentence)
    assert found
    assert {(f.period_year, f.period) for f in found} == {(year, period)}


def test_six_months_at_the_end_of_the_year_is_h2():
    (f,) = facts("Trong 6 tháng cuối năm 2023, tổng thu ngân sách đạt 410 tỷ đồng.")
    assert (f.period_year, f.period) == (2023, "H2")


def test_a_single_month_after_a_year_to_date_figure():
    found = facts(
        "Trong 7 tháng đầu năm 2023, tổng thu ngân sách đạt 300 tỷ đồng. Riêng tháng 7, thu ngân sách đạt 40 tỷ đồng."
    )
    assert (only(found, value=300.0 * B).period) == "7M"
    month = only(found, value=40.0 * B)
    assert (month.period_year, month.period) == (2023, "M07")


def test_comparison_year_does_not_change_the_period():
    found = facts(
        "Năm 2023, giá trị sản xuất công nghiệp đạt 3.250 tỷ đồng, tăng 8,5% so với năm 2022. "
        "Tổng mức bán lẻ hàng hóa đạt 5.000 tỷ đồng, bằng 110% cùng kỳ năm 2022."
    )
    assert len(found) == 4
    assert {(f.period_year, f.period) for f in found} == {(2023, "FY")}
    assert only(found, metric="retail_sales", role="pct_of_base").base_year == 2022


# --- not facts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Ngày 12/3/2023, Ban Thường vụ Huyện ủy ban hành Nghị quyết số 06-NQ/TU về phát triển kinh tế.",
        "Ngày 15 tháng 6 năm 2023, huyện tổ chức hội nghị sơ kết.",
        "Đại hội Đảng bộ huyện khóa XVIII, nhiệm kỳ 2020 - 2025 tổ chức Hội nghị lần thứ 4 vào năm 2023.",
        "Năm 2023, huyện tổ chức tiêm vắc xin cho trẻ từ 5 đến 17 tuổi.",
        "Năm 2023, huyện tổ chức kỷ niệm 75 năm ngày Thương binh - Liệt sỹ.",
        "Năm 2023, chỉ số năng lực cạnh tranh cấp huyện đứng thứ 2 toàn tỉnh.",
        "Năm 2023, huyện đề ra 9 nhóm nhiệm vụ, giải pháp trọng tâm.",
        "Năm 2023, huyện tổ chức 12 cuộc họp và ban hành 5 nghị quyết chuyên đề.",
    ],
    ids=["date and document number", "date in words", "term and ordinal", "ages", "anniversary", "rank",
         "solution groups", "meetings and resolutions"],
)
def test_not_a_fact(sentence):
    assert facts(sentence) == []


def test_page_views_are_not_a_fact():
    found = facts("Báo cáo kết quả năm 2023\nTổng thu ngân sách đạt 900 tỷ đồng.\nSố lượt xem: 98")
    assert [(f.metric, f.value) for f in found] == [("budget_revenue", pytest.approx(900 * B))]


def test_threshold_inside_a_definition_is_not_a_fact():
    assert facts("Năm 2023, huyện hỗ trợ doanh nghiệp có vốn dưới 10 tỷ đồng.") == []


# --- parts and lists ----------------------------------------------------------------------


def test_counts_listed_after_cu_the_are_parts_of_the_total():
    found = facts(
        "Năm 2023, toàn huyện có 197 doanh nghiệp thành lập mới, cụ thể: thương mại 120 doanh nghiệp, "
        "xây dựng 50 doanh nghiệp, sản xuất 27 doanh nghiệp."
    )
    total = only(found, role="level")
    assert (total.metric, total.value, total.unit) == ("new_enterprises", 197, "count")
    parts = [f for f in found if f.role == "part"]
    assert [p.value for p in parts] == [120, 50, 27]
    for p in parts:
        assert (p.metric, p.unit, p.parent_fact_id, p.part_list) == ("new_enterprises", "count", total.fact_id,
                                                                       "complete")
        assert (p.period_year, p.period, p.status) == (total.period_year, total.period, total.status)


def test_target_groups_listed_after_cu_the_are_parts():
    found = facts(
        "Năm 2023, toàn huyện thực hiện 16 chỉ tiêu, cụ thể: xây dựng Đảng có 2 chỉ tiêu; kinh tế có 6 chỉ tiêu; "
        "văn hóa - xã hội có 5 chỉ tiêu; quốc phòng - an ninh có 3 chỉ tiêu."
    )
    total = only(found, role="level", value=16.0)
    parts = [f for f in found if f.role == "part"]
    assert [p.value for p in parts] == [2, 6, 5, 3]
    assert {p.parent_fact_id for p in parts} == {total.fact_id}


def test_counts_in_separate_clauses_without_a_list_marker_stay_levels():
    found = facts(
        "Năm 2023, trong lĩnh vực thương mại có 120 doanh nghiệp thành lập mới; "
        "trong lĩnh vực xây dựng có 50 doanh nghiệp thành lập mới."
    )
    assert [(f.metric, f.role, f.value, f.parent_fact_id) for f in found] == [
        ("new_enterprises", "level", 120, None),
        ("new_enterprises", "level", 50, None),
    ]


def test_counts_of_different_flows_stay_separate_levels():
    found = facts(
        "Năm 2023, có 197 doanh nghiệp thành lập mới; có 45 doanh nghiệp quay trở lại hoạt động; "
        "có 30 doanh nghiệp giải thể."
    )
    assert [(f.metric, f.role, f.value) for f in found] == [
        ("new_enterprises", "level", 197),
        ("enterprises_resumed", "level", 45),
        ("enterprises_dissolved", "level", 30),
    ]


def test_scope_component_after_trong_do_is_a_partial_part_with_scope():
    found = facts(
        "Năm 2023, tổng thu ngân sách trên địa bàn đạt 1.823,1 tỷ đồng, trong đó thu nội địa đạt 1.200 tỷ đồng."
    )
    total = only(found, role="level")
    assert total.value == pytest.approx(1_823_100_000_000)
    part = only(found, role="part")
    assert (part.metric, part.value, part.scope) == ("budget_revenue", pytest.approx(1200 * B), "thu nội địa")
    assert (part.parent_fact_id, part.part_list) == (total.fact_id, "partial")


def test_excluded_component_in_parentheses_does_not_name_the_next_figure():
    found = facts(
        "Năm 2023, thu ngân sách nhà nước đạt 1.500 tỷ đồng (không tính thu tiền sử dụng đất), "
        "đạt 116% dự toán tỉnh giao."
    )
    level = only(found, role="level")
    assert level.scope == "không tính thu tiền sử dụng đất"
    plan = only(found, role="pct_of_plan")
    assert (plan.metric, plan.value, plan.comparison_base) == ("budget_revenue", 116, "budget_estimate")
    assert plan.scope == "tỉnh giao"
    assert plan.parent_fact_id == level.fact_id


def test_elliptical_list_item_completes_the_head_alias():
    found = facts(
        "Năm 2023, giá trị tăng thêm khu vực công nghiệp - xây dựng tăng 9,1%, khu vực dịch vụ 7,2%."
    )
    assert [(f.metric, f.role, f.value, f.comparison_base) for f in found] == [
        ("value_added_industry_construction", "pct_change", pytest.approx(9.1), "prior_year"),
        ("value_added_services", "pct_change", pytest.approx(7.2), "prior_year"),
    ]


# --- spelling variants ----------------------------------------------------------------------


def test_typo_in_the_indicator_name_still_matches():
    (f,) = facts("Năm 2023, thu ngân sánh nhà nước đạt 814 tỷ đồng.")
    assert (f.metric, f.role, f.value) == ("budget_revenue", "level", pytest.approx(814 * B))


def _summary(found: list[Fact]) -> list[tuple]:
    return [(f.metric, f.role, f.value, f.unit, f.period_year, f.period, f.status, f.qualifier,
             f.char_start, f.char_end) for f in found]


@pytest.mark.parametrize(
    ("old_style", "new_style"),
    [
        ("Năm 2023, sản lượng thuỷ sản đạt 1.200 tấn; diện tích nuôi trồng thuỷ sản đạt 53,026 ha.",
         "Năm 2023, sản lượng thủy sản đạt 1.200 tấn; diện tích nuôi trồng thủy sản đạt 53,026 ha."),
        ("Năm 2023, tỷ lệ đô thị hoá đạt 45,2%; Tổng mức bán lẻ hàng Hoá đạt 5.000 tỷ đồng.",
         "Năm 2023, tỷ lệ đô thị hóa đạt 45,2%; Tổng mức bán lẻ hàng Hóa đạt 5.000 tỷ đồng."),
    ],
    ids=["thuỷ/thủy", "hoá/hóa"],
)
def test_tone_placement_does_not_change_the_metric(old_style, new_style):
    old, new = facts(old_style), facts(new_style)
    assert len(old) == 2
    assert _summary(old) == _summary(new)


def test_tone_variants_name_the_expected_metrics():
    found = facts("Năm 2023, sản lượng thuỷ sản đạt 1.200 tấn; tỷ lệ đô thị hoá đạt 45,2%.")
    assert [f.metric for f in found] == ["fishery_output", "urbanization_rate"]


def test_upper_case_heading_style_matches_the_metric():
    (f,) = facts("NĂM 2023, TỔNG MỨC BÁN LẺ HÀNG HOÁ ĐẠT 5.000 TỶ ĐỒNG.")
    assert (f.metric, f.value, f.period_year) == ("retail_sales", pytest.approx(5000 * B), 2023)


def test_decomposed_unicode_gives_the_same_facts():
    nfc = unicodedata.normalize("NFC", RATIO_CLAUSE + " Năm 2023, sản lượng thủy sản đạt 1.450 tấn, giảm 5,3%.")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    found_nfc, found_nfd = facts(nfc), facts(nfd)
    assert len(found_nfc) == 5
    assert _summary(found_nfd) == _summary(found_nfc)
    assert [f.fact_id for f in found_nfd] == [f.fact_id for f in found_nfc]


def test_fact_ids_are_stable_across_runs():
    assert [f.fact_id for f in facts(RATIO_CLAUSE)] == [f.fact_id for f in facts(RATIO_CLAUSE)]


# --- spans ---------------------------------------------------------------------------------

SPAN_TEXTS = [
    RATIO_CLAUSE,
    "Năm 2023, sản lượng thủy sản đạt 1.450 tấn, giảm 5,3%.",
    "Năm 2023, giá trị sản xuất nông nghiệp ước đạt 2.092,3 tỷ đồng, gấp 2,3 lần cùng kỳ.",
    "Năm 2023, tốc độ tăng trưởng kinh tế từ 8 - 9%.",
    "Năm 2023, thu nhập bình quân đầu người từ 3,5 đến 4 triệu đồng/người/tháng.",
    "Năm 2023, có 01 dự án giải phóng mặt bằng với diện tích 40,834 ha.",
    "Năm 2023, số giường bệnh/vạn dân đạt 25 giường bệnh/vạn dân.",
    "Năm 2023, giải quyết việc làm cho 3.600 lao động.",
    "Năm 2023, tổng chi ngân sách đạt 249,69 tỷ đồng, tăng 46 tỷ đồng so với cùng kỳ.",
    "Năm 2023, toàn huyện có 197 doanh nghiệp thành lập mới, cụ thể: thương mại 120 doanh nghiệp, "
    "xây dựng 50 doanh nghiệp.",
    "Quý I/2024, tổng thu ngân sách đạt 210 tỷ đồng, bằng 25,3% dự toán.\n"
    "Năm 2023, tỷ lệ hộ nghèo giảm còn 0,61%; tỷ lệ tham gia bảo hiểm y tế đạt 95% trở lên.",
]


@pytest.mark.parametrize("text", SPAN_TEXTS, ids=[f"text{i}" for i in range(len(SPAN_TEXTS))])
def test_span_covers_the_number_and_reads_back_to_the_value(text):
    clean, found = read(text)
    assert found
    key = fold(clean.text)
    habit = separator_habit(clean.text)
    mentions = {(m.start, m.end): m for m in find_mentions(clean.text, key, REF, habit, [])}
    for f in found:
        assert clean.text[f.char_start:f.char_end] == f.value_text
        assert f.value_text in f.sentence
        number = NUMBER.match(f.value_text)
        assert number is not None, f.value_text
        parsed = parse_number(number.group(), habit)
        assert parsed is not None
        m = mentions[(f.char_start, f.char_end)]
        assert abs(f.value) == pytest.approx(parsed.value * m.scale, rel=1e-9)
        assert abs(f.value) == pytest.approx(m.value, rel=1e-9)
        assert f.value_precision == pytest.approx(m.precision, rel=1e-9)


def test_span_starts_at_a_digit_and_ends_after_the_unit():
    clean, found = read(RATIO_CLAUSE)
    for f in found:
        assert clean.text[f.char_start].isdigit()
        assert re.search(r"(đồng|%)$", f.value_text)


# --- units the text leaves implicit -----------------------------------------------------------


def test_a_scaled_amount_without_dong_is_money_of_the_metric():
    found = facts("Năm 2023, tổng mức bán lẻ hàng hóa và doanh thu dịch vụ đạt 9.242 tỷ, tăng 8% so với năm 2022.")
    level = only(found, role="level")
    assert (level.metric, level.value, level.unit) == ("retail_sales", pytest.approx(9242 * B), "VND")


def test_per_capita_income_in_dollars_keeps_its_currency():
    found = facts("Năm 2023, thu nhập bình quân đầu người đạt 4.200 USD/người/năm.")
    f = only(found, metric="income_per_capita")
    assert (f.value, f.unit) == (4200.0, "USD/person/year")


def test_a_scaled_count_reads_its_counted_noun():
    found = facts("Năm 2023, thành phố đón 3,2 triệu lượt khách du lịch.")
    f = only(found, metric="tourist_arrivals")
    assert (f.value, f.unit) == (pytest.approx(3_200_000), "count")


def test_nhung_is_not_a_list_marker():
    """`như` (such as) introduces a list of examples (`một số loại cây ăn trái ... như: Cây chuối 1.582 ha`, dev25
    vq03), its parts not said to be all; `nhưng` (but) introduces none: the targets after it are in no list (the unmet
    ones a level of their own code, as every annotator writes a tally)."""
    listed = facts("Năm 2023, huyện đề ra 12 chỉ tiêu, như: kinh tế có 5 chỉ tiêu; xã hội có 7 chỉ tiêu.")
    assert {f.part_list for f in listed if f.role == "part"} == {"partial"}
    found = facts("Năm 2023, huyện đề ra 12 chỉ tiêu, nhưng kinh tế chỉ có 5 chỉ tiêu.")
    assert all(f.part_list != "complete" for f in found)
    missed = only(facts("Năm 2023, huyện đề ra 12 chỉ tiêu, nhưng có 5 chỉ tiêu chưa đạt."), metric="targets_missed")
    assert (missed.role, missed.part_list) == ("level", None)


# --- the year of a plan measured against is not the figures' period ----------------------------

@pytest.mark.parametrize("against", [
    "so với Nghị quyết của Tỉnh ủy năm 2024",
    "chỉ tiêu Nghị quyết HĐND tỉnh năm 2024",
    "dự toán HĐND huyện giao năm 2024",
])
def test_a_plan_year_after_a_percentage_does_not_reset_the_period(against: str):
    found = facts("Trong 9 tháng đầu năm 2024, tổng thu ngân sách ước đạt 4.800 tỷ đồng, "
                  f"đạt 83% {against}.\n\nGiá trị xuất khẩu ước đạt 1.748 triệu USD, tăng 20,7% so với cùng kỳ.")
    export = only(found, metric="export_value", role="level")
    assert (export.period, export.period_year) == ("9M", 2024)
    assert only(found, metric="budget_revenue", role="pct_of_plan").period == "9M"


# --- compound numbers are one figure ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("Năm 2021, thị xã phấn đấu đón 3 triệu 150 ngàn lượt khách, tăng 42,5% so với năm 2020.", 3_150_000),
    ("Năm 2023, huyện đón 1 triệu 200 nghìn lượt khách du lịch.", 1_200_000),
    ("Năm 2022, toàn tỉnh đón 2 triệu 45 ngàn lượt khách.", 2_045_000),
])
def test_a_compound_number_is_one_figure_of_its_counted_noun(text: str, value: int):
    found = facts(text)
    arrivals = [f for f in found if f.metric == "tourist_arrivals" and f.role == "level"]
    assert [(f.value, f.unit) for f in arrivals] == [(pytest.approx(value), "count")]


# --- `tương ứng` brackets: the same indicators again, in order, for the bracket's period ----------

@pytest.mark.parametrize("bracket", [
    "(Cơ cấu tương ứng quý I năm 2023: 17,13%; 43,21%; 36,79%)",
    "(cùng kỳ năm 2023 tương ứng là: 17,13%; 43,21%; 36,79%)",
    "(quý I năm 2023 lần lượt là: 17,13%; 43,21%; 36,79%)",
])
def test_a_respectively_bracket_repeats_the_list_for_its_period(bracket: str):
    found = facts("Quý I năm 2024, về cơ cấu kinh tế: khu vực nông, lâm nghiệp và thủy sản chiếm 16,57%; "
                  f"khu vực công nghiệp và xây dựng 41,78%; khu vực dịch vụ 38,25% {bracket}. GRDP tăng 5,2%.")
    shares = [(f.metric, f.value, f.period_year, f.role) for f in found if f.metric.startswith("share_")]
    assert shares == [
        ("share_agriculture", 16.57, 2024, "level"), ("share_industry_construction", 41.78, 2024, "level"),
        ("share_services", 38.25, 2024, "level"), ("share_agriculture", 17.13, 2023, "level"),
        ("share_industry_construction", 43.21, 2023, "level"), ("share_services", 36.79, 2023, "level"),
    ]
    assert only(found, metric="grdp").period_year == 2024  # the bracket's year frames only its own figures


# --- a share rising or falling moves by points: an absolute change of the share --------------------

@pytest.mark.parametrize(("clause", "sign"), [
    ("tỷ trọng nông, lâm nghiệp và thủy sản chiếm 9,05% (giảm 0,45% so với năm trước)", -1),
    ("tỷ trọng dịch vụ chiếm 40,2%, tăng 0,45% so với năm 2022", 1),
    ("khu vực nông nghiệp chiếm tỷ trọng 20,1%, giảm 0,45% so với năm trước", -1),
])
def test_a_share_that_rises_or_falls_changes_by_points(clause: str, sign: int):
    found = facts(f"Năm 2023, cơ cấu kinh tế chuyển dịch đúng hướng: {clause}.")
    change = only(found, role="abs_change")
    assert change.metric.startswith("share_") and change.value == pytest.approx(sign * 0.45)
    assert change.comparison_base == "prior_year"


# --- single products' output under `sản phẩm ... sản lượng` -----------------------------------------

@pytest.mark.parametrize("text", [
    "9 tháng năm 2021, nhiều sản phẩm có sản lượng tăng cao, như: nước máy sản xuất tăng 27,1%; giày da tăng 20%.",
    "Năm 2023, một số sản phẩm công nghiệp có sản lượng tăng khá: gạch nung tăng 27,1%, quần áo may sẵn tăng 20%.",
    "Quý I/2024, sản lượng một số sản phẩm tăng so với cùng kỳ: điện thương phẩm tăng 27,1%; xi măng tăng 20%.",
])
def test_products_listed_under_their_output_are_product_output(text: str):
    """Read as one product's output (the warehouse writes a product seeds/named_codes.csv names under its own code:
    tests/test_reported_codes.py)."""
    changes = [f for f in facts(text) if f.role == "pct_change"]
    assert [(f.read_as or f.metric, f.value) for f in changes] == [("industrial_product_output", 27.1),
                                                                    ("industrial_product_output", 20.0)]


# --- a change right after an amount is the amount's, however its indicator was composed -----------

@pytest.mark.parametrize(("text", "metric"), [
    ("Năm 2020, giá trị sản xuất/ha đất nông nghiệp ước đạt 131,9 triệu đồng/ha, tăng 5,3% so với năm 2019.",
     "farmland_value_per_ha"),
    ("Năm 2023, giá trị sản xuất trên 1 ha đất nông nghiệp đạt 150 triệu đồng, tăng 5,3% so với năm 2022.",
     "farmland_value_per_ha"),
    ("Năm 2023, thu nhập bình quân đầu người đạt 60 triệu đồng, tăng 5,3% so với năm 2022.", "income_per_capita"),
])
def test_a_change_after_a_composed_amount_is_the_amounts(text: str, metric: str):
    found = facts(text)
    level = only(found, role="level")
    change = only(found, role="pct_change")
    assert (level.metric, change.metric, change.value) == (metric, metric, 5.3)


# --- a rate written as N% of a counted population; visits counted under the tourism domain ---------

@pytest.mark.parametrize("text", [
    "Năm 2023, hiện toàn huyện còn 1,17% hộ nghèo, tương đương 312 hộ.",
    "Đến cuối năm 2023, cả tỉnh còn 1,17 % hộ nghèo.",
])
def test_a_percentage_of_poor_households_is_the_poverty_rate(text: str):
    assert only(facts(text), metric="poverty_rate").value == pytest.approx(1.17)


@pytest.mark.parametrize("text", [
    "Sang 2 tháng đầu năm 2024, du lịch Móng Cái tiếp tục khởi sắc khi đạt trên 310.000 lượt người.",
    "Năm 2023, ngành du lịch của huyện đón 310.000 lượt khách.",
    "Quý I/2024, hoạt động du lịch thu hút 310.000 lượt du khách.",
])
def test_visits_counted_in_a_tourism_sentence_are_tourist_arrivals(text: str):
    f = only(facts(text), metric="tourist_arrivals")
    assert (f.role, f.value) == ("level", 310_000)


# --- the plan's amount in brackets after a ratio to plan ---------------------------------------------

@pytest.mark.parametrize("bracket", ["(kế hoạch 1.350 tỷ đồng)", "(KH 1.350 tỷ đồng)", "(dự toán 1.350 tỷ đồng)"])
def test_a_plan_amount_after_a_ratio_is_the_amounts_target(bracket: str):
    found = facts(f"Năm 2020, giá trị sản xuất ngành nông nghiệp đạt 1.417 tỷ đồng, bằng 105% kế hoạch {bracket}, "
                  "tăng 9% so cùng kỳ.")
    plan = only(found, value=1350 * B)
    assert (plan.metric, plan.role, plan.status) == ("agricultural_production_value", "level", "target")
    assert only(found, value=1417 * B).status == "actual"


_YEARLESS = ("2. Các chỉ tiêu chủ yếu\na) Tốc độ tăng trưởng kinh tế (GRDP) trong năm là 6,5%;\n"
             "b) Kim ngạch xuất khẩu đạt 1.850 triệu USD;")


@pytest.mark.parametrize(("name", "year"), [
    ("ben_tre_chi_tieu_2025.txt", 2025),  # a list of targets with no date line
    ("di_an_nhiem_ky_2015_2020.txt", 2020),  # a term's report: its last year
    ("2019/bao_cao.txt", None),  # a folder is no name
    ("bao_cao_tinh.txt", None),
])
def test_a_report_naming_no_year_is_dated_by_its_file_name(name, year):
    found = extract("x", clean_document(_YEARLESS, REF.boilerplate), REF, name).facts
    # (named nowhere, the year is unnamed: the figures are kept, with no year)
    assert len(found) == 2 and {f.period_year for f in found} == {year}
    # a year in the text wins over the name
    dated = extract("x", clean_document("Năm 2023, kim ngạch xuất khẩu đạt 1.850 triệu USD.", REF.boilerplate), REF,
                    name).facts
    assert {f.period_year for f in dated} == {2023}


def test_an_item_of_a_list_of_parts_is_its_figures_scope():
    """`một số ngành có chỉ số IIP giảm sâu ... là sản xuất giường, tủ, bàn ghế giảm 24,7%`, `các mặt hàng ... gồm
    hàng dệt may đạt ...`: the item named between the list's opener and its figure is one part (its scope)."""
    found = facts(
        "Năm 2022, một số ngành có chỉ số IIP giảm sâu so với cùng kỳ năm trước là sản xuất giường, tủ, bàn ghế "
        "giảm 24,7%."
    )
    assert only(found, role="pct_change").scope == "sản xuất giường, tủ, bàn ghế"
    found = facts("Năm 2023, kim ngạch xuất khẩu các mặt hàng chủ lực gồm hàng dệt may đạt 120 triệu USD.")
    assert only(found, role="level").scope == "hàng dệt may"
    found = facts("Năm 2023, tổng thu ngân sách là 500 tỷ đồng.")  # (no list: no scope)
    assert only(found, role="level").scope is None


@pytest.mark.parametrize("text, scopes", [
    ("Khu vực dịch vụ quý I/2025 tăng 9,76%, đóng góp 2,1 điểm % vào mức tăng GRDP. Một số ngành dịch vụ đạt mức tăng "
     "khá: bán buôn, bán lẻ tăng 7,62%, đóng góp 0,36 điểm %; vận tải kho bãi tăng 12,36%, đóng góp 0,4 điểm %; dịch "
     "vụ lưu trú và ăn uống tăng 23,03%, đóng góp 0,21 điểm %.",
     {"2,1 điểm %": None, "0,36 điểm %": "bán buôn, bán lẻ", "0,4 điểm %": "vận tải kho bãi",
      "0,21 điểm %": "dịch vụ lưu trú và ăn uống"}),
    ("Năm 2023, giá trị sản xuất công nghiệp tăng 11,2%; trong đó công nghiệp chế biến tăng 12,5%; sản xuất điện tăng "
     "6,8%.", {"11,2%": None, "6,8%": "sản xuất điện"}),
])
def test_an_items_figure_of_the_same_indicator_as_one_before_it_is_scoped_by_its_label(text, scopes) -> None:
    """The items of a list after a colon or semicolon name their own branch: each figure is its item's, else the
    branches read as one indicator stated with different values (a false conflict)."""
    got = {f.value_text: f.scope for f in facts(text)}
    for value_text, scope in scopes.items():
        assert got.get(value_text, "missing") == scope, (value_text, got)
