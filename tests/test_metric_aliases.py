"""Coverage of the taxonomy: every alias in seeds/metrics.csv, written the reports' way, names its metric.

The sentence for an alias is built from the alias and its metric's unit, not from the code:
- a subject alias is followed by `đạt` and a figure in the metric's unit (`... đạt 1.234,5 tỷ đồng`),
  or a percentage when the alias names a rate (`tỷ lệ`, `tốc độ`, `tăng trưởng`, `chỉ số`); an
  alias ending in its own verb (`bình quân đạt`, `dịch vụ đóng góp`) takes the figure directly, and a
  rate named by a predicate (`... đạt danh hiệu văn hóa`) comes percent first (`có 85,6% ...`);
- a frame alias gets a number in place of `{N}` (the counted noun is in the frame) and `…`
  replaced by nothing or by filler words;
- a count takes the counted noun of the metric's own frames or aliases (`17 doanh nghiệp`).
Then the spelling variants reports use (case, decomposed accents, spacing, hyphens, old tone
placement, abbreviations) and the fuzzy matching of typos, both ways.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from transforms.extract import Fact, extract
from transforms.grammar.indicator import FUZZY_MIN_LEN, FUZZY_MIN_SCORE
from transforms.reference import TOPIC_MARK, load_reference
from transforms.text import CleanText, clean_document, fold

SEEDS = Path(__file__).parents[1] / "seeds"
REF = load_reference(SEEDS)

with (SEEDS / "metrics.csv").open(encoding="utf-8") as fh:
    ROWS = {r["code"]: r for r in csv.DictReader(fh)}
with (SEEDS / "units.csv").open(encoding="utf-8") as fh:
    UNIT_ROWS = list(csv.DictReader(fh))

COUNTERS = sorted((u["word"] for u in UNIT_ROWS if u["kind"] == "counter"), key=len, reverse=True)
RATE_WORDS = ("tỷ lệ", "tốc độ", "tăng trưởng", "chỉ số")
TRAILING_VERB = re.compile(r"(?<!\w)(?:đạt|đóng góp)$")
PREDICATE = re.compile(r"(?<!\w)(?:đạt|hoàn thành|được)(?!\w)")
FILLER = "trên địa bàn"

# a figure in each unit, as reports write it; `{u}` is the metric's own unit word
FIGURE = {
    "VND": "1.234,5 tỷ đồng",
    "USD": "125,4 triệu USD",
    "percent": "45,6%",
    "ha": "120,5 ha",
    "tonne": "1.450 tấn",
    "VND/person/year": "75,5 triệu đồng/người/năm",
    "USD/person/year": "4.200 USD/người/năm",
    "VND/ha": "180 triệu đồng/ha",
    "per_10k_people": "25,4 {u}",
}


def aliases(row: dict[str, str], column: str) -> list[str]:
    return [a.strip() for a in (row[column] or "").split("|") if a.strip()]


def counted_noun(row: dict[str, str], alias: str) -> str:
    """What a count of this metric counts: the noun after `{N}` in its frames, else a counter
    word its aliases name (`tổng số tiêu chí` → `tiêu chí`)."""
    posts = sorted((a.split("{N}", 1)[1].split("…")[0].strip() for a in aliases(row, "aliases") if "{N}" in a),
                   key=len)
    for post in posts:
        if any(post == c or post.startswith((c + " ", c + "/")) for c in COUNTERS):
            return post
    for text in [alias, *aliases(row, "aliases")]:
        for c in COUNTERS:
            if re.search(rf"(?<!\w){re.escape(c)}(?!\w)", text.replace("{N}", " ")):
                return c
    return "con"  # a herd: heads


def figure(row: dict[str, str], alias: str) -> str:
    unit = row["unit"]
    if unit not in FIGURE:  # a unit outside the contract (m3, tạ/ha): only the indicator's change is a fact
        return "8,5%"
    if unit != "percent" and any(w in alias for w in RATE_WORDS):
        return "8,5%"
    if unit == "count":
        return "17 " + counted_noun(row, alias)
    if unit == "per_10k_people":
        own = [u["word"] for u in UNIT_ROWS if u["unit"] == unit and u["word"] in row["aliases"]]
        return FIGURE[unit].format(u=own[0] if own else "/vạn dân")
    return FIGURE[unit]


def sentence(code: str, alias: str, filler: str = "") -> tuple[str, str]:
    """A report sentence for the alias, and the figure that should become its fact."""
    row = ROWS[code]
    alias = alias.replace(TOPIC_MARK, "")  # the topic in its place after the figure
    text = re.sub(r"\s+", " ", alias.replace("…", f" {filler} ")).strip()
    if "{N}" in alias:
        post = alias.split("{N}", 1)[1].strip()
        unit_follows = any(post.startswith(u["word"]) for u in UNIT_ROWS if u["kind"] in ("unit", "counter"))
        number = "17" if row["unit"] == "count" or unit_follows else figure(row, alias)
        text = text.replace("{N}", number, 1).replace("{N}", "19")
        lead = "Năm 2023, toàn huyện có " if alias.startswith("{N}") else "Năm 2023, "
        return f"{lead}{text}.", number
    amount = figure(row, alias)
    if TRAILING_VERB.search(alias):
        return f"Năm 2023, {text} {amount}.", amount
    if row["unit"] == "percent" and PREDICATE.search(alias):
        return f"Năm 2023, có {amount} {text}.", amount
    return f"Năm 2023, {text} đạt {amount}.", amount


def read(text: str) -> tuple[CleanText, list[Fact]]:
    """The facts under the codes the grammar read: a project code the warehouse writes under a contract code
    (seeds/reported_codes.csv, tests/test_reported_codes.py) is compared as read."""
    clean = clean_document(text, REF.boilerplate)
    return clean, [replace(f, metric=f.read_as) if f.read_as else f for f in extract("doc", clean, REF).facts]


def facts(text: str) -> list[Fact]:
    return read(text)[1]


def assert_names(text: str, code: str, number: str | None = None) -> list[Fact]:
    """The sentence gives a fact of `code`, on the figure `number` when given."""
    clean, found = read(text)
    hits = [f for f in found if f.metric == code]
    assert hits, f"{text!r} gave {[(f.metric, f.value_text) for f in found]}, not {code}"
    if number is not None:
        at = fold(clean.text).index(fold(number))
        assert any(f.char_start == at for f in hits), f"{code} read {[f.value_text for f in hits]}, not {number!r}"
    return hits


# --- every alias of every metric ----------------------------------------------------------------

CASES = []
for _code, _row in ROWS.items():
    for _column in ("aliases", "scope_aliases"):
        for _alias in aliases(_row, _column):
            CASES.append(pytest.param(_code, _alias, "", _column == "scope_aliases", id=_alias))
            if "…" in _alias:
                CASES.append(pytest.param(_code, _alias, FILLER, _column == "scope_aliases",
                                          id=f"{_alias} [… = {FILLER}]"))


def test_every_metric_has_aliases_and_the_table_is_complete():
    """Every metric is named by aliases, or composed by a concept signature, or is the total of a
    fraction (`32/33 chỉ tiêu`), or a rate's own code for its fall, or a code written from another read
    (seeds/named_codes.csv: a product's output; seeds/reported_codes.csv: a crop's harvested area)."""
    assert len(ROWS) >= 75
    with (SEEDS / "grammar" / "signatures.csv").open(encoding="utf-8") as fh:
        composed = {r["metric"] for r in csv.DictReader(fh)}
    with (SEEDS / "grammar" / "fractions.csv").open(encoding="utf-8") as fh:
        totals = {r["total_metric"] for r in csv.DictReader(fh)}
    reductions = {r["reduction_code"] for r in ROWS.values() if r["reduction_code"]}
    with (SEEDS / "named_codes.csv").open(encoding="utf-8") as fh:
        written = {r["code"] for r in csv.DictReader(fh)}  # one product's output, written from a reading
    with (SEEDS / "reported_codes.csv").open(encoding="utf-8") as fh:
        written |= {r["reported_as"] for r in csv.DictReader(fh)}  # a crop's harvested area, written from a reading
    named_otherwise = composed | totals | reductions | written
    assert [c for c, r in ROWS.items() if not aliases(r, "aliases") and c not in named_otherwise] == []
    assert len(CASES) == sum(len(aliases(r, c)) + sum("…" in a for a in aliases(r, c))
                             for r in ROWS.values() for c in ("aliases", "scope_aliases"))


@pytest.mark.parametrize(("code", "alias", "filler", "is_scope"), CASES)
def test_alias_names_its_metric(code, alias, filler, is_scope):
    text, number = sentence(code, alias, filler)
    hits = assert_names(text, code, number)
    if is_scope:  # `thu nội địa`: a narrower part of the metric, kept as the fact's scope
        # (a frame's scope is its words without the figure: `{N} khách quốc tế` → `khách quốc tế`)
        assert any(f.scope and fold(f.scope) == fold(alias.replace("{N}", "").strip()) for f in hits), \
            [f.scope for f in hits]


TOPICAL = [pytest.param(c, a, id=a) for c, r in ROWS.items() for a in aliases(r, "aliases") if TOPIC_MARK in a]


def test_topic_frames_exist():
    assert len(TOPICAL) >= 5


@pytest.mark.parametrize(("code", "alias"), TOPICAL)
def test_a_frames_topic_may_come_first(code, alias):
    """`{N} xã đạt … @nông thôn mới`: the topic named earlier in the sentence (`Về nông thôn mới, toàn
    huyện có 17 xã đạt chuẩn.`) names the figure as when it follows."""
    head, topic = alias.split(TOPIC_MARK, 1)
    text, number = sentence(code, head.rstrip(" …") + " chuẩn" if head.rstrip(" …").endswith("đạt") else
                            head.rstrip(" …"))
    text = text.replace("Năm 2023, ", f"Năm 2023, về {topic.strip()}, ", 1)
    assert_names(text, code, number)
    alone = text.replace(f"về {topic.strip()}, ", "", 1)  # without the topic, the head words alone name nothing
    assert not [f for f in facts(alone) if f.metric == code and f.value_text.startswith(number)], alone


# --- spelling variants --------------------------------------------------------------------------

VARIANT_BASES = [
    ("budget_revenue", "thu ngân sách nhà nước"),
    ("agricultural_production_value", "giá trị sản xuất nông - lâm - thủy sản"),
    ("urbanization_rate", "tỷ lệ đô thị hóa"),
    ("new_rural_communes", "{N} xã đạt chuẩn nông thôn mới"),
    ("health_insurance_coverage", "tỷ lệ dân số tham gia bảo hiểm y tế"),
    ("income_per_capita", "thu nhập bình quân đầu người"),
]


def _spaces(text: str) -> str:
    return text.replace(" ", "  ").replace(", ", ",\t")


VARIANTS = {
    "upper case": str.upper,
    "title case": str.title,
    "NFD": lambda t: unicodedata.normalize("NFD", t),
    "extra spaces": _spaces,
    "no-break spaces": lambda t: t.replace(" ", "\u00a0"),
}


@pytest.mark.parametrize("variant", VARIANTS, ids=list(VARIANTS))
@pytest.mark.parametrize(("code", "alias"), VARIANT_BASES, ids=[a for _, a in VARIANT_BASES])
def test_case_unicode_and_spacing_variants(code, alias, variant):
    text, number = sentence(code, alias)
    plain = [(f.metric, f.role, f.value, f.unit) for f in facts(text)]
    changed = [(f.metric, f.role, f.value, f.unit) for f in facts(VARIANTS[variant](text))]
    assert changed == plain
    assert_names(VARIANTS[variant](text), code)


HYPHENATED = [pytest.param(c, a, id=a) for c, r in ROWS.items() for a in aliases(r, "aliases") if " - " in a]
HYPHEN_FORMS = {"no spaces": "-", "space before": " -", "space after": "- ", "en dash": " – ", "two spaces": "  -  "}


@pytest.mark.parametrize("form", HYPHEN_FORMS, ids=list(HYPHEN_FORMS))
@pytest.mark.parametrize(("code", "alias"), HYPHENATED)
def test_hyphen_spacing_does_not_matter(code, alias, form):
    text, number = sentence(code, alias.replace(" - ", HYPHEN_FORMS[form]))
    assert_names(text, code, number)


# old tone placement on `oa`, `oe`, `uy`: `hoá`, `thuỷ`, `uỷ` for `hóa`, `thủy`, `ủy`
_OLD_TONES = {"óa": "oá", "òa": "oà", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "óe": "oé", "òe": "oè",
              "úy": "uý", "ùy": "uỳ", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ"}


def old_tones(text: str) -> str:
    for new, old in _OLD_TONES.items():
        text = text.replace(new, old)
    return text


OLD_TONED = [pytest.param(c, a, id=old_tones(a)) for c, r in ROWS.items()
             for col in ("aliases", "scope_aliases") for a in aliases(r, col) if old_tones(a) != a]


def test_old_tone_table_has_cases():
    assert len(OLD_TONED) >= 20


@pytest.mark.parametrize(("code", "alias"), OLD_TONED)
def test_old_tone_placement_names_the_same_metric(code, alias):
    text, number = sentence(code, alias)
    assert_names(old_tones(text), code, number)


ABBREVIATIONS = [
    ("Năm 2023, thu NSNN trên địa bàn đạt 1.234,5 tỷ đồng.", "budget_revenue", "NSNN"),
    ("Năm 2023, tổng thu NSNN đạt 1.234,5 tỷ đồng.", "budget_revenue", "tổng thu NSNN"),
    ("Năm 2023, tổng chi NSNN đạt 900 tỷ đồng.", "budget_expenditure", "chi NSNN"),
    ("Năm 2023, tổng chi NSĐP đạt 900 tỷ đồng.", "budget_expenditure", "NSĐP"),
    ("Năm 2023, giá trị sản xuất CN-TTCN đạt 3.250 tỷ đồng.", "industrial_production_value", "CN-TTCN"),
    ("Năm 2023, giá trị sản xuất CN - TTCN đạt 3.250 tỷ đồng.", "industrial_production_value", "CN - TTCN"),
    ("Năm 2023, sản xuất CN-TTCN đạt 3.250 tỷ đồng.", "industrial_production_value", "sản xuất CN-TTCN"),
    ("Năm 2023, giá trị sản xuất công nghiệp - TTCN đạt 3.250 tỷ đồng.", "industrial_production_value",
     "công nghiệp - TTCN"),
    ("Năm 2023, sản xuất công nghiệp-TTCN đạt 3.250 tỷ đồng.", "industrial_production_value",
     "sản xuất công nghiệp-TTCN"),
    ("Năm 2023, công nghiệp - TTCN tăng 12,5% so với năm 2022.", "industrial_production_value", "TTCN"),
    ("Năm 2023, GRDP đạt 12.345 tỷ đồng.", "grdp", "GRDP"),
    ("Năm 2023, tốc độ tăng trưởng GRDP đạt 8,5%.", "grdp", "tăng trưởng GRDP"),
    ("Năm 2023, GRDP bình quân đầu người đạt 4.200 USD/người/năm.", "grdp_per_capita", "GRDP bình quân"),
    ("Năm 2023, công tác GPMB thực hiện được 120,5 ha.", "land_clearance_area", "GPMB"),
    ("Năm 2023, diện tích GPMB đạt 120,5 ha.", "land_clearance_area", "diện tích GPMB"),
    ("Năm 2023, GPMB cho 12 dự án.", "land_clearance_projects", "GPMB dự án"),
    ("Năm 2023, có 12 xã đạt tiêu chí ATTP nâng cao.", "food_safety_wards", "ATTP xã"),
    ("Năm 2023, có 3 phường đạt chuẩn ATTP.", "food_safety_wards", "ATTP phường"),
    ("Năm 2023, tỷ lệ dân số tham gia BHYT đạt 92,5%.", "health_insurance_coverage", "BHYT"),
    ("Năm 2023, có 12 xã đạt chuẩn NTM.", "new_rural_communes", "NTM"),
    ("Năm 2023, thành lập mới 15 HTX.", "new_cooperatives", "HTX"),
    ("Năm 2023, có 120 DN thành lập mới.", "new_enterprises", "DN"),
    ("Năm 2023, kim ngạch XNK đạt 120 triệu USD.", "trade_value", "XNK"),
    ("Năm 2023, tỷ trọng CN-XD chiếm 45,2%.", "share_industry_construction", "CN-XD"),
    ("Năm 2023, tỷ trọng TM-DV chiếm 35,2%.", "share_services", "TM-DV"),
    ("Năm 2023, 95% khu dân cư đạt chuẩn về ANTT.", "security_standard_rate", "ANTT"),
]


@pytest.mark.parametrize(("text", "code"), [(t, c) for t, c, _ in ABBREVIATIONS], ids=[i for *_, i in ABBREVIATIONS])
def test_abbreviations(text, code):
    assert_names(text, code)


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("Năm 2023, tổng thu NSNN đạt 1.234,5 tỷ đồng, đạt 68,4% KH.", "plan"),
        ("Năm 2023, tổng thu NSNN đạt 1.234,5 tỷ đồng, bằng 105% so với KH năm.", "plan"),
        ("Năm 2023, tổng thu NSNN đạt 1.234,5 tỷ đồng, đạt 116% dự toán tỉnh giao.", "budget_estimate"),
    ],
    ids=["đạt % KH", "bằng % so với KH", "dự toán"],
)
def test_kh_is_the_plan(text, base):
    found = facts(text)
    (plan,) = [f for f in found if f.role == "pct_of_plan"]
    assert (plan.metric, plan.comparison_base) == ("budget_revenue", base)
    assert plan.parent_fact_id == next(f.fact_id for f in found if f.role == "level")


def test_a_fraction_reads_what_was_met_of_what_was_set():
    """`31/32 chỉ tiêu`: the numerator counts what was met, the denominator the total (issue 9)."""
    found = facts("Năm 2023, xã Tân Lập đạt 17/19 tiêu chí; toàn huyện thực hiện đạt 15/16 chỉ tiêu đạt.")
    assert [(f.metric, f.value) for f in found] == [("ntm_criteria_met", 17), ("ntm_criteria_total", 19),
                                                    ("targets_met", 15), ("targets_total", 16)]
    (average,) = facts("Năm 2023, bình quân mỗi xã đạt 11,9/19 tiêu chí.")  # an average against the fixed set
    assert (average.metric, average.value) == ("ntm_criteria_per_commune", pytest.approx(11.9))


def test_a_named_count_outranks_a_bare_counted_noun():
    """`{N} tiêu chí` says only what is counted; `tổng số tiêu chí` before it says which count."""
    (f,) = facts("Năm 2023, tổng số tiêu chí nông thôn mới đạt được toàn huyện là 245 tiêu chí.")
    assert f.metric == "ntm_criteria_total"
    (g,) = facts("Năm 2023, xã Tân Lập đạt 17 tiêu chí.")
    assert g.metric == "ntm_criteria_met"
    (h,) = facts("Năm 2023, bình quân đạt 17,8 tiêu chí/xã.")
    assert (h.metric, h.value) == ("ntm_criteria_per_commune", pytest.approx(17.8))


# --- fuzzy matching: typos match, near misses do not -------------------------------------------

TYPOS = [
    ("Năm 2023, thu ngân sánh nhà nước đạt 814 tỷ đồng.", "budget_revenue"),
    ("Năm 2023, tổng thu ngân sánh đạt 814 tỷ đồng.", "budget_revenue"),
    ("Năm 2023, chi ngân sánh đạt 500 tỷ đồng.", "budget_expenditure"),  # 13 letters, one slip: 92.3
    ("Năm 2023, tổng mức bán lẽ hàng hóa đạt 5.000 tỷ đồng.", "retail_sales"),  # a tone slip: folded away
    ("Năm 2023, giá trị sản suất công nghiệp đạt 3.250 tỷ đồng.", "industrial_production_value"),
    ("Năm 2023, giá trị sản suất đạt 3.250 tỷ đồng.", "production_value"),
    ("Năm 2023, kim ngạch suất khẩu đạt 120 triệu USD.", "export_value"),
    ("Năm 2023, diện tích giao trồng đạt 5.200 ha.", "sown_area"),
    ("Năm 2023, tỷ lệ che phủ rùng đạt 42,5%.", "forest_cover_rate"),
]


@pytest.mark.parametrize(("text", "code"), TYPOS, ids=[t.split(", ", 1)[1].split(" đạt")[0] for t, _ in TYPOS])
def test_real_report_typos_still_match(text, code):
    (f,) = facts(text)
    assert f.metric == code


NEAR_MISSES = [
    "Năm 2023, thu nhập của doanh nghiệp đạt 120 tỷ đồng.",
    "Năm 2023, chi phí sản xuất tăng 120 tỷ đồng.",
    "Năm 2023, giá trị hợp đồng đạt 50 tỷ đồng.",
    "Năm 2023, số lượng hồ sơ được giải quyết đúng hạn đạt 98,5%.",
    "Năm 2023, diện tích nhà ở bình quân đạt 25,5 m2.",
    "Năm 2023, lượt truy cập cổng thông tin đạt 1,2 triệu lượt.",
    "Năm 2023, tổng mức đầu tư dự án là 150 tỷ đồng.",
    "Năm 2023, thu tiền phạt vi phạm hành chính đạt 2,5 tỷ đồng.",
    "Năm 2023, chi thưởng cho người lao động là 12 tỷ đồng.",
    "Năm 2023, tỷ lệ hồ sơ trực tuyến đạt 98%.",
    "Năm 2023, tỷ lệ lao động nữ đạt 45%.",
    "Năm 2023, tổng vốn vay ưu đãi đạt 120 tỷ đồng.",
    "Năm 2023, giá trị tài sản cố định đạt 200 tỷ đồng.",
    "Năm 2023, doanh thu của doanh nghiệp nhà nước đạt 300 tỷ đồng.",
    "Năm 2023, tỷ lệ người dân hài lòng đạt 92%.",
]


@pytest.mark.parametrize("text", NEAR_MISSES, ids=[t.split(", ", 1)[1].split(" đạt")[0] for t in NEAR_MISSES])
def test_near_miss_phrases_are_not_the_indicator(text):
    assert [(f.metric, f.value_text) for f in facts(text)] == []


def _best_score(text: str) -> float:
    """The best partial ratio of any long subject alias against the words before the figure."""
    window = fold(text.split(" đạt ")[0].split(" là ")[0].split(" tăng ")[0].split(" được ")[0])
    return max(fuzz.partial_ratio(fold(a.text), window) for a in REF.aliases
               if a.kind == "subject" and a.literal_len >= FUZZY_MIN_LEN)


def test_fuzzy_aliases_have_three_words_or_more():
    """The fuzzy search only tries aliases sharing a whole word with the text: safe while every
    alias long enough for it has words to spare for a typo."""
    short = [a.text for a in REF.aliases if a.kind == "subject" and a.literal_len >= FUZZY_MIN_LEN
             and len(re.findall(r"\w+", fold(a.text))) < 3]
    assert short == []


def test_threshold_separates_typos_from_near_misses():
    """The evidence for FUZZY_MIN_SCORE: every typo above it, every near miss below, with room."""
    typo_scores = [_best_score(t) for t, _ in TYPOS]
    miss_scores = [_best_score(t) for t in NEAR_MISSES]
    assert min(typo_scores) >= FUZZY_MIN_SCORE + 2
    assert max(miss_scores) < FUZZY_MIN_SCORE


def test_a_metric_code_defined_twice_is_an_error_naming_the_line():
    """A second row of one code would replace the first and duplicate the metric dimension (and every fact
    joined to it): the seeds are refused, naming the file and line."""
    from transforms.reference import SEED_FILES, parse_reference

    files = {n: (SEEDS / n).read_text(encoding="utf-8") for n in SEED_FILES}
    lines = files["metrics.csv"].splitlines()
    files["metrics.csv"] = "\n".join([*lines, lines[1]]) + "\n"
    with pytest.raises(ValueError, match=rf"seeds/metrics.csv: line {len(lines) + 1}: metric code .* defined twice"):
        parse_reference(files)


def test_a_misspelt_alias_matched_inside_a_word_spans_whole_words():
    """The alignment of a misspelt alias may begin inside a word (`kinh p[hí đầu tư phát triển]` against `chi đầu tư
    phát triển`); the span it gives, and the scope read from it, begin with a whole word (it was `hí đầu tư`)."""
    (f,) = facts("Năm 2023, kinh phí đầu tư phát triển khác đạt 5.600 tỷ đồng.")
    assert f.scope is None or not f.scope.startswith("hí"), f.scope
    assert f.scope is None or f.scope.split()[0] in ("kinh", "phí", "đầu"), f.scope
