"""Properties of the number reader and the extractor on arbitrary and adversarial input.

Whatever the text (random Unicode, decomposed accents, 5,000-digit runs, mixed `.`/`,`
separators, report-like sentences assembled from the seed aliases, verbs, numbers and unit
words), `clean_document` + `extract` and `find_mentions` / `parse_number`:

- never raise and finish quickly (a per-example deadline, and a 200 KB pathological input);
- give spans inside the cleaned text that read back to the fact's value
  (value = number × scale of the span's scale and unit words; a `giảm` flips the sign);
- keep every field within the contract's vocabularies, and fact ids unique per document.
"""

from __future__ import annotations

import csv
import math
import re
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from transforms.extract import Extraction, extract
from transforms.grammar.keys import DASHES
from transforms.grammar.numbers import COUNT_GROUPED
from transforms.numbers import NUMBER, find_mentions, parse_number, separator_habit
from transforms.reference import load_reference
from transforms.text import CleanText, clean_document, fold

SEEDS = Path(__file__).parents[1] / "seeds"
REF = load_reference(SEEDS)

# --- the contract's vocabularies (CONTRACT.md sections 1 and 2) -------------------------------

ROLES = {"level", "pct_of_plan", "pct_of_base", "pct_change", "abs_change", "part"}
UNITS = {"VND", "USD", "percent", "ha", "tonne", "count", "VND/person/year", "USD/person/year", "VND/ha",
         "per_10k_people"}
STATUSES = {"actual", "estimate", "target"}
QUALIFIERS = {"exact", "over", "approx", "at_least", "under"}
BASES = {None, "plan", "budget_estimate", "same_period", "prior_year", "prior_period"}
YEAR_NAMED = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
PERIOD = re.compile(r"FY|H[12]|Q[1-4]|(?:[2-9]|1[01])M|M(?:0[1-9]|1[0-2])")

# --- seed data, read here independently of transforms.reference --------------------------------

with (SEEDS / "metrics.csv").open(encoding="utf-8") as fh:
    METRIC_ROWS = list(csv.DictReader(fh))
with (SEEDS / "units.csv").open(encoding="utf-8") as fh:
    UNIT_ROWS = list(csv.DictReader(fh))

ALIASES = sorted({a.strip() for r in METRIC_ROWS for col in ("aliases", "scope_aliases")
                  for a in (r[col] or "").split("|") if a.strip()})
SUBJECT_ALIASES = [a for a in ALIASES if "{N}" not in a]
FRAME_ALIASES = [a for a in ALIASES if "{N}" in a]
SCALE_WORDS = {fold(r["word"]): float(r["scale"] or 1) for r in UNIT_ROWS if r["kind"] == "scale"}
UNIT_WORDS = {fold(r["word"]): float(r["scale"] or 1) for r in UNIT_ROWS if r["kind"] in ("unit", "counter")}
# what a bare number (the low end of a range) may be scaled by: the high end's scale × unit
ANY_SCALE = {s * u for s in [1.0, *SCALE_WORDS.values()] for u in [1.0, *UNIT_WORDS.values()]}
UNIT_PHRASES = sorted({r["word"] for r in UNIT_ROWS if r["kind"] in ("unit", "counter")}
                      | {f"{s['word']} {u}" for s in UNIT_ROWS if s["kind"] == "scale"
                         for u in ("đồng", "USD", "lượt khách", "")})


# --- checks shared by the properties ------------------------------------------------------------


def _span_scale(rest: str) -> float | None:
    """Scale of the words after the number inside a span (`tỷ đồng` → 1e9), None if unreadable."""
    key = fold(rest)
    pos, scale = 0, 1.0
    for table in (SCALE_WORDS, UNIT_WORDS):
        while pos < len(key) and key[pos] == " ":
            pos += 1
        word = next((w for w in sorted(table, key=len, reverse=True) if key.startswith(w, pos)
                     and not (key[pos + len(w):pos + len(w) + 1].isalnum() and w[-1].isalnum())), None)
        if word is not None:
            scale *= table[word]
            pos += len(word)
    return scale if key[pos:].strip() == "" else None


def check_extraction(clean: CleanText, ex: Extraction) -> None:
    """Every property a fact list must have, whatever the input."""
    text = clean.text
    habit = separator_habit(text)
    ids = [f.fact_id for f in ex.facts]
    assert len(ids) == len(set(ids)), "fact ids repeat within a document"
    for f in ex.facts:
        where = f"{f.metric} {f.role} {f.value!r} {f.value_text!r}"
        assert 0 <= f.char_start < f.char_end <= len(text), where
        assert text[f.char_start:f.char_end] == f.value_text, where
        assert f.value_text in f.sentence, where
        # the span starts with a whole number token (never a suffix or prefix of a longer one)
        signed = re.match(r"-\s?", text[f.char_start:f.char_end])  # `-1.000`, `(- 2,5%)`
        number = NUMBER.match(text, f.char_start + (signed.end() if signed else 0))
        assert number is not None and number.end() <= f.char_end, where
        assert not re.match(r"[.,]\d", text[number.end():number.end() + 2]), where
        parsed = parse_number(number.group(), habit)
        assert parsed is not None, where
        assert math.isfinite(f.value), where
        # (a count written `10,000 bản` groups thousands whatever the habit: no fraction of a thing is counted)
        values = [parsed.value] + ([parse_number(number.group(), "en").value]
                                   if f.unit == "count" and COUNT_GROUPED.fullmatch(number.group()) else [])
        rest = text[number.end():f.char_end]
        if rest.strip():
            scale = _span_scale(rest)
            assert scale is not None, where
            assert any(abs(f.value) == pytest.approx(v * scale, rel=1e-9, abs=1e-9) for v in values), where
        else:  # a bare number: the low end of a range takes the high end's scale, else 1
            assert any(abs(f.value) == pytest.approx(v * s, rel=1e-9, abs=1e-9) for v in values for s in ANY_SCALE), \
                where
        assert f.metric in REF.metrics, where
        assert f.role in ROLES, where
        assert f.unit in UNITS, where
        assert f.status in STATUSES, where
        assert f.qualifier in QUALIFIERS, where
        assert f.comparison_base in BASES, where
        if f.role == "level":
            assert f.comparison_base is None and f.base_year is None, where
        assert f.period is not None and PERIOD.fullmatch(f.period), where
        # a report naming no year anywhere keeps its figures with the year unnamed (NULL), never a guessed one
        assert (f.period_year is None and not YEAR_NAMED.search(text)) or (
            isinstance(f.period_year, int) and 1900 <= f.period_year <= 2099), where
        assert f.parent_fact_id is None or f.parent_fact_id in ids, where
        assert f.parent_fact_id != f.fact_id, where
    for n in ex.numbers:
        assert 0 <= n.char_start < n.char_end <= len(text)
        assert text[n.char_start:n.char_end] == n.text


def run(raw: str) -> tuple[CleanText, Extraction]:
    clean = clean_document(raw, REF.boilerplate)
    ex = extract("doc", clean, REF)
    check_extraction(clean, ex)
    return clean, ex


def check_mentions(text: str) -> None:
    key = fold(text)
    assert len(key) == len(text)
    habit = separator_habit(text)
    last_end = -1
    for m in find_mentions(text, key, REF, habit, []):
        assert 0 <= m.start <= m.number_start < m.number_end <= m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.number_start >= last_end, "mentions overlap or go backwards"
        last_end = m.number_end
        signed = m.value >= 0 or text[m.start] in "-" + DASHES  # any dash the key unifies is a minus sign
        assert math.isfinite(m.value) and signed, "a sign is read only when written"
        token = NUMBER.match(text, m.number_start)
        grouped = " " in text[m.number_start:m.number_end]  # `1 000 000 ₫`: digit groups split by a space
        assert token is not None and (token.end() == m.number_end or grouped)
        assert not re.match(r"[.,]\d", text[m.number_end:m.number_end + 2]), "read a prefix of a longer number"


# --- strategies ---------------------------------------------------------------------------------

# characters the parser treats specially, so random text hits its branches often
NOISY = st.sampled_from(
    list("0123456789.,%-/:;() \n") + list("đĐăâêôơưĂÂÊÔƠƯáàảãạÁÀẢÃẠ")
    + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u00a0", "\u200b", "\u2013", "\ufeff", "\r", "\t"]
    + ["tỷ", "triệu", "đồng", "năm", "tháng", "quý", "đạt", "tăng", "giảm", "bằng", "lần", "ha", "tấn",
       "ngày", "số", "từ", "đến", " - ", "kế hoạch", "cùng kỳ", "dự toán", "ước", "hơn", "USD", "Năm 2023"]
)
NOISY_TEXT = st.lists(NOISY, max_size=300).map("".join)
SETTINGS = settings(deadline=2000, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def vi_number(draw: st.DrawFn, max_whole: int = 10**15) -> tuple[str, float]:
    """A number written Vietnamese-style (`1.234,5`), with the value it stands for."""
    whole = draw(st.integers(0, max_whole))
    decimals = draw(st.integers(0, 3))
    grouped = draw(st.booleans())
    digits = f"{whole:,}".replace(",", ".") if grouped else str(whole)
    if not decimals:
        return digits, float(whole)
    frac = str(draw(st.integers(0, 10**decimals - 1))).zfill(decimals)
    return f"{digits},{frac}", float(f"{whole}.{frac}")


@st.composite
def en_number(draw: st.DrawFn) -> tuple[str, float]:
    """The same written English-style (`1,234.5`)."""
    whole = draw(st.integers(0, 10**12))
    decimals = draw(st.integers(0, 2))
    digits = f"{whole:,}"
    if not decimals:
        return digits, float(whole)
    frac = str(draw(st.integers(0, 10**decimals - 1))).zfill(decimals)
    return f"{digits}.{frac}", float(f"{whole}.{frac}")


FILLER = st.sampled_from(["", "trên địa bàn", "của huyện", "toàn thành phố", "năm nay", "được"])
PERIODS = st.sampled_from(["Năm 2023, ", "6 tháng đầu năm 2024, ", "Quý I/2023, ", "9 tháng năm 2022, ",
                           "Tháng 7 năm 2023, ", "Phấn đấu năm 2025, ", "Trong năm 2021, ", ""])
VERBS = st.sampled_from(["đạt", "tăng", "giảm", "bằng", "ước đạt", "đạt hơn", "gấp", "chiếm", "còn", ""])
QUALS = st.sampled_from(["", "hơn ", "gần ", "khoảng ", "trên ", "dưới ", "từ "])
TAILS = st.sampled_from(["", " so với cùng kỳ", " kế hoạch", " dự toán", " so với năm 2022", " trở lên",
                         " (không tính thu tiền sử dụng đất)", " so cùng kỳ năm 2021", " - 9%", " đến 4 triệu đồng"])


@st.composite
def report_clause(draw: st.DrawFn) -> str:
    number = draw(st.one_of(vi_number(), vi_number(max_whole=999)))[0]
    number = draw(QUALS) + number
    alias = draw(st.sampled_from(ALIASES))
    alias = alias.replace("…", draw(FILLER))
    unit = draw(st.sampled_from(UNIT_PHRASES))
    if "{N}" in alias:
        body = alias.replace("{N}", number, 1).replace("{N}", draw(vi_number(max_whole=99))[0])
    else:
        body = f"{alias} {draw(VERBS)} {number} {unit}"
    return body + draw(TAILS)


@st.composite
def report(draw: st.DrawFn) -> str:
    """A few report-like sentences assembled from the seeds' aliases, verbs, numbers and units."""
    sentences = []
    for _ in range(draw(st.integers(1, 5))):
        clauses = draw(st.lists(report_clause(), min_size=1, max_size=4))
        sentence = draw(PERIODS) + draw(st.sampled_from([", ", "; "])).join(clauses) + "."
        if draw(st.booleans()):
            sentence = sentence[0].upper() + sentence[1:]
        if draw(st.integers(0, 9)) == 0:
            sentence = sentence.upper()
        sentences.append(sentence)
    title = draw(st.sampled_from(["", "Báo cáo kinh tế - xã hội năm 2023\n", "KẾT QUẢ 6 THÁNG ĐẦU NĂM 2024\n"]))
    return title + draw(st.sampled_from([" ", "\n"])).join(sentences)


# --- parse_number -------------------------------------------------------------------------------


@SETTINGS
@given(st.text(max_size=200))
@example("9" * 5000)
@example("1" + ".000" * 2000)
@example("²")
@example("1,5.2")
def test_parse_number_never_raises(raw):
    for habit in ("vi", "en"):
        got = parse_number(raw, habit)
        assert got is None or (math.isfinite(got.value) and got.value >= 0 and got.decimals >= 0)


@SETTINGS
@given(vi_number())
def test_parse_number_reads_vietnamese_style_back(number):
    raw, value = number
    got = parse_number(raw, "vi")
    assert got is not None
    assert got.value == pytest.approx(value, rel=1e-12)


@SETTINGS
@given(en_number())
def test_parse_number_reads_unambiguous_english_style_back(number):
    raw, value = number
    assume(raw.count(",") + raw.count(".") != 1 or not re.search(r"[.,]\d{3}$", raw))  # `1,234` is ambiguous
    got = parse_number(raw, "en")
    assert got is not None
    assert got.value == pytest.approx(value, rel=1e-12)


# --- find_mentions ------------------------------------------------------------------------------


@SETTINGS
@given(st.one_of(st.text(max_size=300), NOISY_TEXT))
def test_find_mentions_on_arbitrary_text(text):
    check_mentions(text)


@SETTINGS
@given(st.integers(0, 10**80), st.sampled_from([" tỷ đồng", "%", " ha", ""]))
def test_huge_numbers_are_read_whole_or_not_at_all(n, unit):
    grouped = f"{n:,}".replace(",", ".")
    for raw in (grouped, str(n), grouped + ",5"):
        text = f"Năm 2023, thu ngân sách đạt {raw}{unit}."
        at = text.index(" đạt ") + 5
        check_mentions(text)
        for m in find_mentions(text, fold(text), REF, "vi", []):
            if m.number_start == at:  # if read, the whole number is read, never its head
                assert m.number_end == at + len(raw)


@pytest.mark.parametrize(
    "text",
    ["1" * 5000, "1" * 5000 + ",5 tỷ đồng", "1." * 3000, "1,2." * 2000 + "%", ".,.,%" * 1000, "9" * 41 + " ha"],
    ids=["digits", "digits-unit", "dots", "mixed-separators", "separators-only", "41-digits"],
)
def test_find_mentions_on_long_digit_runs(text):
    check_mentions(text)
    run(text)


# --- clean_document + extract -------------------------------------------------------------------


@SETTINGS
@given(st.text(max_size=500))
def test_extract_on_arbitrary_unicode(raw):
    run(raw)


@SETTINGS
@given(NOISY_TEXT)
def test_extract_on_number_heavy_noise(raw):
    run(raw)


@settings(deadline=2000, max_examples=250, suppress_health_check=[HealthCheck.too_slow])
@given(report())
@example("Năm 2023, thu ngân sách đạt 1.000.000.000.000.000.000.000.000.000.000.000.000.000.000 tỷ đồng.")
@example("Năm 2023, tổng thu ngân sách đạt " + "9" * 5000 + " tỷ đồng, tăng 5,2% so với năm 2022.")
@example("BHYT ĐẠT 0 $, BHYT ĐẠT 0 $, BHYT ĐẠT 0 $, BHYT ĐẠT 0 %.")  # no year anywhere: the year stays unnamed
def test_extract_on_report_like_sentences(raw):
    run(raw)


@settings(deadline=2000, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(report())
@example("BÀN GIAO 0 CÔNG TRÌNH.")
def test_decomposed_and_composed_text_give_the_same_facts(raw):
    nfc = unicodedata.normalize("NFC", raw)
    _, a = run(nfc)
    _, b = run(unicodedata.normalize("NFD", raw))
    summary = [(f.fact_id, f.metric, f.role, f.value, f.unit, f.period, f.status) for f in a.facts]
    assert summary == [(f.fact_id, f.metric, f.role, f.value, f.unit, f.period, f.status) for f in b.facts]


@settings(deadline=2000, max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(vi_number(), en_number()), min_size=1, max_size=6),
       st.sampled_from(SUBJECT_ALIASES))
def test_mixed_separator_habits(numbers, alias):
    raw = "Năm 2023, " + "; ".join(f"{alias} đạt {n} tỷ đồng" for n, _ in numbers) + "."
    run(raw)


@settings(deadline=2000, max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SUBJECT_ALIASES), vi_number(), st.sampled_from(["tăng", "giảm"]))
def test_a_change_reads_back_with_its_sign(alias, number, verb):
    raw, value = number
    text = f"Năm 2023, {alias} đạt 1.000 tỷ đồng, {verb} {raw}% so với năm 2022."
    clean, ex = run(text)
    pos = clean.text.index(raw + "%")
    for f in ex.facts:
        if f.char_start == pos and f.role == "pct_change":
            assert f.value == pytest.approx(value if verb == "tăng" else -value, rel=1e-9, abs=1e-12)


# --- pathological size ----------------------------------------------------------------------------

PATHOLOGICAL_PIECES = {
    "5000 digits": "1" * 5000 + " ",
    "dots and commas": "1.2,3.4,5.6,7.8,9.0," * 50 + " ",
    "grouped numbers": "1.234.567,89 " * 40,
    "amounts without a name": "1.234,5 tỷ đồng " * 40,
    "alias words": "thu ngân sách nhà nước " * 40,
    "typo, level and change": "tổng thu ngân sánh đạt 12,5 tỷ đồng, tăng 5% so cùng kỳ " * 20,
    "percent first": "85% khu dân cư đạt chuẩn " * 20,
    "ranges": "từ 5 - 7% " * 40,
    "dates": "ngày 5 tháng 6 năm 2023 " * 30,
    "frames": "có 5 doanh nghiệp thành lập mới, 3 xã đạt chuẩn nông thôn mới, " * 15,
    "headings": "Năm 2023\n" * 20,
    "short sentences": "Thu ngân sách đạt 1 tỷ đồng. " * 20,
}


def _pathological(size: int) -> str:
    out, i = ["Năm 2023, "], 0
    while sum(map(len, out)) < size:
        out.append(list(PATHOLOGICAL_PIECES.values())[i % len(PATHOLOGICAL_PIECES)])
        i += 1
    return "".join(out)[:size]


def test_pathological_200kb_input_finishes_in_seconds():
    raw = _pathological(200_000)
    t0 = time.perf_counter()
    _, ex = run(raw)
    elapsed = time.perf_counter() - t0
    assert ex.facts
    # a hang guard, not a speed target (benchmarks/ measure speed): about 3 s alone, up to 8 s beside another test on
    # two cores; quadratic work took minutes
    assert elapsed < 20, f"{elapsed:.1f}s for 200 KB"


@pytest.mark.parametrize("name", PATHOLOGICAL_PIECES)
def test_one_long_sentence_of_a_repeated_piece_scales(name):
    """20 KB of one shape in one sentence (no full stop): work quadratic in the sentence's
    length made four of these take 4 s to 45 s before the look-ups were bounded or bisected."""
    piece = PATHOLOGICAL_PIECES[name]
    raw = "Năm 2023, " + piece * (20_000 // len(piece) + 1)
    t0 = time.perf_counter()
    run(raw)
    # a hang guard, not a speed target: quadratic work took 4 s to 45 s here; linear work well under 1 s
    assert time.perf_counter() - t0 < 10
