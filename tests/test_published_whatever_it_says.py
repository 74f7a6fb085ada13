"""Issue 8.2: what the extractor emits satisfies the contract by construction, and a critical
expectation fails only for a defect of the pipeline, never for what a document says. A property
test over parse, build and validation (no Prefect): generated reports mixing numbers in every
format and magnitude, years from any century, units, scale words and report words are always
published."""

from __future__ import annotations

from pathlib import Path

from conftest import build_warehouse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = ["Năm", "năm", "tháng", "quý I", "6 tháng đầu năm", "thu ngân sách", "tổng thu ngân sách nhà nước",
         "giá trị sản xuất", "đạt", "ước đạt", "tăng", "giảm", "so với cùng kỳ", "kế hoạch", "dự toán", "bằng",
         "chiếm", "phấn đấu", "trong đó", "cụ thể:", "huyện Yên Phong", "thị xã Từ Sơn", "tỷ lệ hộ nghèo",
         "doanh nghiệp", "lượt khách", "kim ngạch xuất khẩu", "hơn", "gần", "trở lên", "kỷ niệm", "chỉ tiêu",
         "(", ")", ",", ";", ".", "-", "/", "\n"]
UNITS = ["", "%", " tỷ đồng", " triệu đồng", " nghìn tỷ đồng", " ha", " tấn", " triệu USD", " tỷ USD",
         " lượt khách", " doanh nghiệp", " chỉ tiêu", " hộ", " lần", " triệu đồng/người/năm", "ha", "đ"]


@st.composite
def numbers(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["year", "int", "vi", "en", "huge", "neg", "frac", "date"]))
    if kind == "year":
        return str(draw(st.integers(1000, 3000)))
    if kind == "int":
        return str(draw(st.integers(0, 10**7)))
    if kind == "vi":
        whole = draw(st.integers(0, 10**12))
        return f"{whole:,}".replace(",", ".") + draw(st.sampled_from(["", ",5", ",25", ",125"]))
    if kind == "en":
        return f"{draw(st.integers(0, 10**9)):,}" + draw(st.sampled_from(["", ".5"]))
    if kind == "huge":
        return "9" * draw(st.integers(13, 45))
    if kind == "neg":
        return "-" + str(draw(st.integers(1, 10**6)))
    if kind == "frac":
        return f"{draw(st.integers(0, 300))}/{draw(st.integers(1, 300))}"
    return f"{draw(st.integers(0, 40))}/{draw(st.integers(0, 14))}/{draw(st.integers(1900, 2200))}"


@st.composite
def reports(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(5, 60))):
        if draw(st.booleans()):
            parts.append(draw(numbers()) + draw(st.sampled_from(UNITS)))
        else:
            parts.append(draw(st.sampled_from(WORDS)))
    return " ".join(parts)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(texts=st.lists(reports(), min_size=1, max_size=4))
def test_generated_reports_are_always_published(texts: list[str], tmp_path_factory) -> None:  # noqa: ANN001
    root = tmp_path_factory.mktemp("gen")
    src = root / "src"
    src.mkdir()
    for i, text in enumerate(texts):
        (src / f"r{i}.txt").write_text("Báo cáo năm 2023 của huyện Yên Phong.\n" + text, encoding="utf-8")
    got = build_warehouse(src, root / "w" / "w.duckdb")
    assert got["report"].success, got["report"].failure_summary()
    assert Path(root / "w" / "w.duckdb").exists()
