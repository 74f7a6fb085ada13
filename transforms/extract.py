"""Facts from one cleaned report: every figure with its indicator, role, period and status.

The grammar, in the order it is applied to each number:
1. Not a fact when it sits in a date, a document number, a term, an age, an anniversary,
   a rank or a period expression (`_NOT_FACT`), or has neither a unit nor a counted noun.
2. The indicator is the alias that frames the number (`{N} doanh nghiệp thành lập mới`),
   the one right after a percentage (`85% khu dân cư đạt chuẩn ...`), or the nearest one
   before it in the clause; a list item (`..., khu vực dịch vụ 15,5%`) completes the head's
   alias with its own words.
3. The role comes from the verb before the number and the base after it (`đạt 37,4% so kế
   hoạch`, `bằng 71,9% so cùng kỳ`, `tăng 8,52% so với năm 2022`, `chiếm`, `gấp ... lần`).
4. Ratios and changes attach to the level they qualify in the same clause and share its
   period and status; counts listed after `cụ thể`/`trong đó`/`gồm` are parts of the total.
5. Period: the last period named before the figure (title, heading, sentence); status:
   `ước` → estimate; `phấn đấu`/`mục tiêu`/`chỉ tiêu`/a period not over when the report was
   written → target; else actual.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from transforms.numbers import Mention, find_mentions, separator_habit
from transforms.periods import PeriodMention, find_periods, period_end
from transforms.reference import Alias, Reference
from transforms.text import CleanText, Sentence, fold, fold_pattern, split_sentences

EXTRACTOR_VERSION = "0.1.0"


def _rx(p: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(p))


# Spans whose digits are never indicator values; the reason is shown by `explain`.
_NOT_FACT: list[tuple[re.Pattern[str], str]] = [
    (_rx(r"(?<![\w.,])\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}(?!\w)"), "date"),
    (_rx(r"(?<![\w.,])\d{1,2}/\d{1,2}(?![\w/]|\s*(?:tiêu\s+chí|chỉ\s+tiêu))"), "date"),  # `17/19 tiêu chí`: a fraction
    (_rx(r"ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2})?(?:\s+năm\s+\d{4})?"), "date"),
    (_rx(r"(?<!\w)\d{4}-\d{2}(?:-\d{2})?(?!\w)"), "date"),
    (_rx(r"(?<![\w.,])\d{1,2}\s*(?::|h)\s*\d{2}(?!\w)"), "time"),
    (_rx(r"(?<![\w.,])(?:19|20)\d{2}\s*-\s*(?:19|20)\d{2}(?!\w)"), "year range"),
    (_rx(r"(?<!\w)(?:năm|niên khóa|vụ \w+)\s+(?:19|20)\d{2}(?!\w)"), "year"),
    (_rx(r"(?<![\w.,])(?:19|20)\d{2}(?![\w.,]|\s*(?:%|tỷ|triệu|nghìn|ngàn|đồng|ha\b|tấn|usd))"), "year"),
    (_rx(r"(?<!\w)số\s*:?\s*\d+(?:\s*[-/.]\s*[\w]+)*(?:\s*[,;]\s*\d+(?:\s*[-/]\s*[\w]+)*)*"), "document number"),
    (_rx(r"(?<![\w.,])\d+\s*[-/]\s*(?:\d{4}\s*/\s*)?[a-zđ]{2,}[\w/-]*"), "document number"),
    (_rx(r"(?<!\w)(?:nghị quyết|quyết định|kết luận|chỉ thị|kế hoạch|thông tư|nghị định|công văn|thông báo|"
         r"đề án|chương trình|tờ trình|báo cáo)\s+(?:số\s+)?\d+(?:\s*(?:[,;]|và)\s*\d+)*(?![\d.,]*\s*(?:%|tỷ|triệu))"),
     "document number"),
    (_rx(r"(?<!\w)(?:lần\s+thứ|lần|thứ|khóa|khoá|kỳ họp thứ|kỳ họp|mũi|đợt|hội nghị|đại hội|trung ương|"
         r"phiên|số)\s+\d+(?!\s*(?:%|tỷ|triệu|nghìn))"), "ordinal or term"),
    (_rx(r"(?:từ\s+)?(?<![\w.,])\d+(?:\s*(?:-|đến)\s*\d+)?\s+tuổi"), "age"),
    (_rx(r"(?:kỷ niệm\s+)?(?<![\w.,])\d+\s+năm\s+(?:ngày|thành lập|truyền thống|chiến thắng|giải phóng|tái lập|"
         r"xây dựng|thực hiện)"), "anniversary"),
    (_rx(r"(?:đứng|xếp|xếp hạng)\s+(?:thứ|hạng)\s+\d+"), "rank"),
    (_rx(r"(?<!\w)(?:top|hạng)\s+\d+"), "rank"),
    (_rx(r"(?<![\w.,])\d+\s+tháng(?:\s+(?:đầu|cuối))?(?:\s+năm)?"), "period"),
    (_rx(r"(?<!\w)tháng\s+\d{1,2}"), "period"),
    (_rx(r"(?<![\w.,])\d+\s+năm(?!\s+(?:19|20)\d{2}\s*(?:%|tỷ))"), "duration"),
    (_rx(r"(?<!\w)[a-zđ]+\s*-\s*\d+(?!\s*(?:%|tỷ|triệu))"), "name with a number"),
    (_rx(r"(?<!\w)(?:covid|sea\s*games|seagames|apec|g)\s*-?\s*\d+"), "name with a number"),
    (_rx(r"lượt xem:?\s*\d+"), "page views"),
    (_rx(r"(?<=\d/)\d{1,3}(?![\w.,/])"), "denominator of a fraction"),  # `17/19 tiêu chí`: 19 is the base
]

_QUAL_BEFORE = [
    (_rx(r"(?:hơn|trên|vượt\s+mức|cao\s+hơn)\s*$"), "over"),
    (_rx(r"(?:gần|khoảng|xấp\s+xỉ|ước\s+khoảng|trên\s+dưới|chừng)\s*$"), "approx"),
    (_rx(r"(?:dưới|chưa\s+đến|chưa\s+tới|không\s+quá|tối\s+đa)\s*$"), "under"),
    (_rx(r"(?:ít\s+nhất|tối\s+thiểu|từ)\s*$"), "at_least"),
]
_AT_LEAST_AFTER = _rx(r"^\s*(?:(?:so\s+với\s+|so\s+)?(?:kế\s+hoạch|kh|dự\s+toán|chỉ\s+tiêu)(?:\s+[^\s,;]+){0,4}?\s+)?"
                     r"(?:trở\s+lên|trở\s+lại)")
_VERB = _rx(
    r"(?<!\w)(tăng\s+trưởng|tăng\s+thêm|tăng|giảm|bằng|đạt|vượt|gấp|chiếm|còn|xuống\s+còn|lên|là|ước)(?!\w)"
)
_BASE_AFTER = [
    (_rx(r"^[^,;]{0,12}?(?:kế\s+hoạch|\bkh\b|chỉ\s+tiêu)"), "plan"),
    (_rx(r"^[^,;]{0,12}?dự\s+toán"), "budget_estimate"),
    (_rx(r"^[^,;]{0,16}?cùng\s+kỳ"), "same_period"),
    (_rx(r"^[^,;]{0,16}?(?:tháng\s+trước|quý\s+trước|kỳ\s+trước|đợt\s+trước|"
         r"so\s+(?:với\s+)?(?:tháng\s+\d{1,2}|quý\s+(?:iv|iii|ii|i|[1-4]))(?!\w)|so\s+(?:với\s+)?đầu\s+năm)"),
     "prior_period"),
    (_rx(r"^[^,;]{0,16}?(?:năm\s+trước|năm\s+ngoái|so\s+với\s+năm|so\s+năm|cùng\s+năm)"), "prior_year"),
]
_BASE_YEAR = _rx(r"^[^,;]{0,40}?(?:năm|/)\s*((?:19|20)\d{2})")
_SCOPE_PAREN = _rx(
    r"^\s*\(\s*((?:không|chưa|chỉ|trừ|loại trừ|bao gồm|gồm cả|kể cả)[^()]{0,160})\)"
)
# `(không tính thu tiền sử dụng đất)`: what a figure leaves out never names the next figure
_EXCLUSION_PAREN = _rx(r"\(\s*(?:không|chưa|trừ|loại trừ)[^()]{0,160}\)")
_SCOPE_GIVER = _rx(r"^\s*(?:kế\s+hoạch|dự\s+toán|chỉ\s+tiêu)\s+((?:tỉnh|thành\s+phố|thị\s+xã|huyện|trung\s+ương|"
                   r"hđnd|ubnd)[^,;.()]{0,24}?\s+giao)")
_ESTIMATE = _rx(r"(?<!\w)(?:ước|dự\s+ước)(?!\w)")
_TARGET = _rx(r"(?<!\w)(?:phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu|đề\s+ra|kế\s+hoạch\s+năm|nhiệm\s+vụ\s+năm|"
              r"phương\s+hướng|định\s+hướng|dự\s+kiến|sẽ)(?!\w)")
_CONTINUATION = _rx(r"^\s*(?:trong\s+đó|cụ\s+thể|gồm|bao\s+gồm|như)\b")
_LIST_MARKER = _rx(r"(?<!\w)(?:cụ\s+thể|trong\s+đó|gồm|bao\s+gồm|như)(?!\w)|:")
_PAST = _rx(r"(?<!\w)năm\s+((?:19|20)\d{2})\s+(?:vừa\s+qua|đã\s+qua|qua)(?!\w)")
_FUNCTION_WORDS = {
    fold(w) for w in ("đạt", "ước", "tính", "là", "và", "có", "bằng", "tăng", "giảm", "hơn", "trên", "gần",
                      "khoảng", "so", "với", "được", "thì", "còn", "mức", "đến", "cuối", "năm", "trong", "đó",
                      "riêng", "cũng")
}
_ELIDED_WORDS = {
    fold(w) for w in ("lũy", "luỹ", "kế", "tính", "chung", "cộng", "dồn", "ước", "thực", "hiện", "đạt", "cả",
                      "năm", "tháng", "quý", "đầu", "cuối", "trong", "riêng", "có", "là", "và", "được", "đến", "hết",
                      "nay", "từ", "so", "với", "còn", "mức", "khoảng", "hơn", "trên", "gần", "giá", "trị",
                      # the verbs of a ratio or change of the level just read
                      "tăng", "giảm", "bằng", "vượt", "gấp", "chiếm", "thêm", "trưởng", "xuống", "lên")
}
_LIST_START = _rx(r"^\s*(?:trong\s+đó|cụ\s+thể|gồm|bao\s+gồm)\b")
_TOTAL_INTRO = _rx(r"(?:trong|trong\s+số|trong\s+tổng\s+số)\s+$")
_COUNTER_SKIP = _rx(r"^\s*(?:số\s+|các\s+|những\s+|tổng\s+số\s+)?")


@dataclass
class Fact:
    fact_id: str
    doc_id: str
    metric: str
    role: str
    value: float
    unit: str
    period_year: int | None
    period: str | None
    status: str
    qualifier: str
    comparison_base: str | None
    base_year: int | None
    scope: str | None
    parent_fact_id: str | None
    char_start: int
    char_end: int
    value_text: str
    value_precision: float
    sentence: str
    sentence_index: int
    part_list: str | None = None  # complete (`cụ thể`, `gồm`, `:`) | partial (`trong đó`) for parts
    period_stated_at: int | None = None  # offset of the period mention the figure takes its period from
    extractor_version: str = EXTRACTOR_VERSION


@dataclass
class NumberRead:
    """Every number read, fact or not, for audits (`chitieu explain`)."""

    doc_id: str
    char_start: int
    char_end: int
    text: str
    value: float | None
    unit: str | None
    sentence_index: int
    fact_id: str | None
    reason: str | None  # why it is not a fact


@dataclass
class Extraction:
    facts: list[Fact] = field(default_factory=list)
    numbers: list[NumberRead] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    headings: list[tuple[int, int, int | None, str | None]] = field(default_factory=list)


@dataclass(frozen=True)
class _AliasHit:
    start: int
    end: int
    alias: Alias


def fact_id(doc_id: str, start: int, end: int) -> str:
    """Same document and span give the same id on every run."""
    return hashlib.sha256(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:20]


def _mask_groups(key: str) -> list[list[tuple[int, int, str]]]:
    """Not-fact spans per `_NOT_FACT` pattern, each list in text order and without overlaps."""
    return [[(m.start(), m.end(), reason) for m in rx.finditer(key) if m.end() > m.start()]
            for rx, reason in _NOT_FACT]


def _masks(key: str) -> list[tuple[int, int, str]]:
    return [span for group in _mask_groups(key) for span in group]


def _mask_reason(groups: list[list[tuple[int, int, str]]], pos: int) -> str | None:
    """The reason of the first pattern whose span holds `pos` (a bisection per pattern)."""
    for group in groups:
        i = bisect_right(group, (pos, float("inf"))) - 1
        if i >= 0 and group[i][0] <= pos < group[i][1]:
            return group[i][2]
    return None


def _subject_hits(key: str, sentences: list[Sentence], ref: Reference) -> list[_AliasHit]:
    """Subject aliases per sentence, longest first, without overlaps."""
    by_first: dict[str, list[Alias]] = {}
    for a in ref.aliases:
        if a.kind == "subject":
            first = fold(a.text).split()[0]
            by_first.setdefault(first, []).append(a)
    hits: list[_AliasHit] = []
    for s in sentences:
        seg = key[s.start:s.end]
        words = set(re.findall(r"[^\s,;:()]+", seg))
        cands: list[_AliasHit] = []
        for w in words:
            for a in by_first.get(w, ()):
                assert a.pattern is not None
                for m in a.pattern.finditer(seg):
                    cands.append(_AliasHit(s.start + m.start(), s.start + m.end(), a))
        cands.sort(key=lambda h: (-h.alias.literal_len, h.start))
        kept: list[_AliasHit] = []
        spans: list[tuple[int, int]] = []  # the kept hits' spans, sorted and disjoint
        for h in cands:
            i = bisect_left(spans, (h.end,))
            if i == 0 or spans[i - 1][1] <= h.start:
                kept.append(h)
                insort(spans, (h.start, h.end))
        hits.extend(sorted(kept, key=lambda h: h.start))
    return hits


# How far before a number its indicator's frame or misspelt name is looked for. A clause can
# run on for pages in a malformed text; a bound keeps the work per number constant.
LOOKBACK = 400
_FRAME_LEAD_IN = _rx(r"(?:(?:hơn|trên|gần|khoảng|xấp xỉ|đạt|là|có|được|thêm|cho|mới)\s+)*$")


def _lookback_start(key: str, lo: int, hi: int) -> int:
    """`lo`, or the first word start in the last LOOKBACK characters before `hi`."""
    if hi - lo <= LOOKBACK:
        return lo
    cut = key.find(" ", hi - LOOKBACK, hi)
    return cut + 1 if cut >= 0 else hi - LOOKBACK


def _lookahead_end(key: str, lo: int, hi: int) -> int:
    """`hi`, or the last word end in the first LOOKBACK characters after `lo`."""
    if hi - lo <= LOOKBACK:
        return hi
    cut = key.rfind(" ", lo, lo + LOOKBACK)
    return cut if cut > lo else lo + LOOKBACK


def _frame_alias(key: str, sent: Sentence, m: Mention, ref: Reference) -> tuple[Alias, int, int] | None:
    """The `{N}` alias that fits around the number, most specific first."""
    lo = _lookback_start(key, sent.start, m.number_start)
    raw_before = key[lo:m.number_start]
    # `có hơn 12`: the lead-in words are skipped, unless the frame itself holds them (`đạt {N} tiêu chí`)
    befores = (_FRAME_LEAD_IN.sub("", raw_before, count=1), raw_before)
    after = key[m.number_end:_lookahead_end(key, m.number_end, sent.end)]
    head = after.lstrip()
    # a whole scale word only: `tỉ` must not eat the start of `tiêu chí`
    scale_word = next((u.word for u in ref.units if u.kind == "scale" and head.startswith(u.word)
                       and not head[len(u.word):len(u.word) + 1].isalnum()), None)
    skipped = 0
    if scale_word is not None:  # `3,2 triệu lượt khách`: the counted noun follows the scale word
        skipped = after.index(scale_word) + len(scale_word)
        after = after[skipped:]
    best: tuple[Alias, int, int] | None = None
    for a in ref.aliases:
        if a.kind != "frame":
            continue
        if a.post is None and a.pre is None:
            continue
        start, end = m.number_start, m.number_end
        if a.post is not None:
            pm = a.post.match(after)
            if pm is None:
                continue
            end = m.number_end + skipped + pm.end()
        if a.pre is not None:
            bm = a.pre.search(befores[0]) or a.pre.search(befores[1])
            if bm is None:
                continue
            start = lo + bm.start()
        if best is None or _frame_weight(a.text) > _frame_weight(best[0].text):
            best = (a, start, end)
    return best


@lru_cache(maxsize=1024)
def _frame_weight(text: str) -> int:
    """How specific a frame is: its letters, less the lead-in words before `{N}` (`đạt`, `có`),
    which say nothing of the indicator: `{N} tiêu chí/xã` is more specific than `đạt {N} tiêu chí`."""
    pre = fold(text.split("{N}", 1)[0])
    lead_in = sum(len(w) for w in re.findall(r"\w+", pre) if _FRAME_LEAD_IN.fullmatch(w + " "))
    return len(re.sub(r"[\s…]|\{N\}", "", text)) - lead_in


def _subject_naming_counter(key: str, frame: Alias, m: Mention, scan: _Scan, ref: Reference,
                            clause_start: int) -> _AliasHit | None:
    """For a bare frame (`{N} tiêu chí`, `đạt {N} tiêu chí`: the counted noun and lead-in words
    only), the nearest count subject in the clause that names the same noun (`tổng số tiêu chí`)."""
    post = _folded(frame.text.split("{N}", 1)[1])
    if m.counter is None or post.strip() != m.counter or _frame_weight(frame.text) != len(post.replace(" ", "")):
        return None
    word = re.compile(r"(?<!\w)" + re.escape(m.counter) + r"(?!\w)")
    for h in scan.lefts_nearest_first(_lookback_start(key, clause_start, m.start), m.start):
        if ref.metrics[h.alias.code].unit == "count" and h.alias.code != frame.code and word.search(
                _folded(h.alias.text)):
            return h
    return None


def _from_context(key: str, ctx: _AliasHit, lo: int, m: Mention, scan: _Scan, ref: Reference) -> _AliasHit | None:
    """The indicator of a clause that names none, from the last one read in the paragraph.

    `; công nghiệp - xây dựng ước đạt ...` completes the previous alias with its own words
    (`giá trị sản xuất` + `công nghiệp - xây dựng`); `; lũy kế 7 tháng ước đạt ...` names
    nothing but a period and a verb, so the previous indicator carries on.
    """
    seg = key[lo:m.start]
    for a, b in scan.period_spans(lo, m.start):
        seg = seg[:a - lo] + " " * (b - a) + seg[b - lo:]
    words = [w for w in re.findall(r"[^\s,;:()]+", seg) if not w.replace(".", "").replace(",", "").isdigit()]
    if all(w in _ELIDED_WORDS or w == "-" for w in words):
        return ctx if _compatible(ref.metrics[ctx.alias.code].unit, m) else None
    for phrase in (_item_phrase(seg, 0, len(seg), cut=False), _item_phrase(seg, 0, len(seg))):
        composed = _compose(ctx.alias, phrase, ref) if phrase else None
        if composed is not None and _compatible(ref.metrics[composed.code].unit, m):
            return _AliasHit(ctx.start, ctx.end, composed)
    return None


def _item_phrase(key: str, lo: int, hi: int, cut: bool = True) -> str:
    """The words of a list item between its comma and its number, without verbs; with
    `cut=False` a comma inside the item stays (`công nghiệp, xây dựng`)."""
    seg = key[lo:hi]
    cut_at = max(seg.rfind(","), seg.rfind(";")) if cut else seg.rfind(";")
    seg = seg[cut_at + 1:] if cut_at >= 0 else seg
    seg = re.sub(r"^[\s,;:()-]+|[\s,;:()-]+$", "", seg)
    words = [w for w in re.split(r"\s+", seg.strip()) if w]
    while words and words[-1] in _FUNCTION_WORDS:
        words.pop()
    while words and words[0] in _FUNCTION_WORDS:
        words.pop(0)
    return " ".join(words)


def _compose(head: Alias, phrase: str, ref: Reference) -> Alias | None:
    """`giá trị tăng thêm khu vực công nghiệp - xây dựng ..., khu vực dịch vụ` → the services alias."""
    words = head.text.split()
    for k in range(len(words) - 1, 0, -1):
        found = ref.subject_alias(" ".join(words[:k]) + " " + phrase)
        if found is not None and found.code != head.code:
            return found
    return None


# Partial ratio on folded text (tones are already gone, so `bán lẽ` is no typo). Measured in
# tests/test_metric_aliases.py: real typos score 92.3 (`chi ngân sánh`: one slip in 13 letters)
# to 96.4; the nearest phrases that are other indicators 89.5 (`diện tích đất trồng lúa` against
# `diện tích cây trồng`) and 88.5 (`nước hợp vệ sinh` against `nước sạch`). One substituted
# letter costs 2 of 2 x length, so an alias of 10-12 letters with one slip scores 90.9-91.7: a
# threshold above 91 would lose those, one at or below 89.5 would take the near misses.
FUZZY_MIN_SCORE = 90.0
FUZZY_MIN_LEN = 10  # letters; shorter aliases (`grdp`, `bhyt`, `thu nsnn`) are one slip away from common words


def _fuzzy_alias(key: str, lo: int, m: Mention, ref: Reference) -> tuple[Alias, tuple[int, int]] | None:
    """A subject alias written with a typo (`thu ngân sánh`), found by edit distance.

    Only the clause before the number (at most LOOKBACK characters of it) is searched, and
    only aliases long enough that a one-letter slip still leaves them unmistakable.
    """
    lo = _lookback_start(key, lo, m.start)
    window = key[lo:m.start]
    if len(window) < FUZZY_MIN_LEN:
        return None
    best: tuple[float, int, Alias, int, int] | None = None
    for a in _fuzzy_candidates(window, ref):
        if a.literal_len < FUZZY_MIN_LEN or not _compatible(ref.metrics[a.code].unit, m):
            continue
        target = _folded(a.text)
        al = fuzz.partial_ratio_alignment(target, window, score_cutoff=FUZZY_MIN_SCORE)
        if al is None:
            continue
        cand = (al.score, len(target), a, lo + al.dest_start, lo + al.dest_end)
        if best is None or cand[:2] > best[:2] or (cand[:2] == best[:2] and cand[3] > best[3]):
            best = cand
    if best is None:
        return None
    return best[2], (best[3], best[4])


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text)


_WORD = re.compile(r"\w+")


def _fuzzy_candidates(window: str, ref: Reference) -> list[Alias]:
    """Subject aliases sharing at least one whole word with the window, in seed order.

    Every alias of FUZZY_MIN_LEN letters has three words or more, and a typo that still scores
    FUZZY_MIN_SCORE leaves at least one of them intact; so this loses no match worth having and
    spares an edit-distance pass over every alias for every number (minutes on a long text).
    """
    index = ref.word_index
    found = {i for w in set(_WORD.findall(window)) for i in index.get(w, ())}
    return [ref.aliases[i] for i in sorted(found)]


_CURRENCY_TWINS = {("USD", "VND"), ("VND", "USD"), ("VND/person/year", "USD/person/year"),
                   ("USD/person/year", "VND/person/year")}
_YEAR_BASES = ("same_period", "prior_year")


def _compatible(metric_unit: str, m: Mention) -> bool:
    if m.unit is None:  # `9.242 tỷ` without `đồng`: a scaled amount of the metric's currency
        return m.scale >= 1e6 and metric_unit in ("VND", "USD")
    return m.unit == "percent" or metric_unit == m.unit or (metric_unit, m.unit) in _CURRENCY_TWINS


def _counted_noun(seg: str, pos: int) -> bool:
    """`13 chỉ tiêu đạt`: `chỉ tiêu` counted, not a target cue."""
    while pos > 0 and seg[pos - 1].isspace():
        pos -= 1
    return pos > 0 and seg[pos - 1].isdecimal()


class _SentenceFacts(list[Fact]):
    """A sentence's facts in text order, with the lookups `_read_fact` makes for every number
    answered by bisection while the facts' ends keep the text order (a scan otherwise)."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.in_order = True
        self._markers: dict[str, re.Match[str] | None] = {}

    def append(self, f: Fact) -> None:
        if self and (f.char_start < self.starts[-1] or f.char_end < self.ends[-1]):
            self.in_order = False
        super().append(f)
        self.starts.append(f.char_start)
        self.ends.append(f.char_end)

    def last_end(self, lo: int, hi: int) -> int | None:
        """The largest end of a fact starting at or after `lo` and ending by `hi`."""
        if not self.in_order:
            return max((f.char_end for f in self if f.char_end <= hi and f.char_start >= lo), default=None)
        k = bisect_right(self.ends, hi) - 1
        return self.ends[k] if k >= 0 and self.starts[k] >= lo else None

    def latest_first(self, lo: int) -> Iterator[Fact]:
        """The facts starting at or after `lo`, last first."""
        for f in reversed(self):
            if f.char_start >= lo:
                yield f
            elif self.in_order:
                return

    def marker_after(self, total: Fact, key: str, end: int) -> re.Match[str] | None:
        """The first list marker (`cụ thể`, `trong đó`, `:`) after a total, up to `end`."""
        if total.fact_id not in self._markers:
            self._markers[total.fact_id] = _LIST_MARKER.search(key, total.char_end, end)
        return self._markers[total.fact_id]


class _Scan:
    """Per-document lookups that would be quadratic if redone for every number: the subject
    hits and exclusion brackets by position, and each sentence's status cues."""

    def __init__(self, key: str, subjects: list[_AliasHit]) -> None:
        self.key = key
        self.subjects = subjects  # in text order
        self.subject_starts = [h.start for h in subjects]
        self.exclusions = [x.span() for x in _EXCLUSION_PAREN.finditer(key)]  # disjoint: no brackets inside
        self.periods: list[tuple[int, int]] = []
        self._cues: dict[int, tuple[list[int], list[int], list[int], list[int]]] = {}

    def lefts_nearest_first(self, lo: int, hi: int) -> Iterator[_AliasHit]:
        """Subject hits inside [lo, hi), nearest `hi` first, leaving out those inside an exclusion
        bracket that also lies there (`(không tính thu tiền sử dụng đất)`)."""
        for k in range(bisect_left(self.subject_starts, hi) - 1, bisect_left(self.subject_starts, lo) - 1, -1):
            h = self.subjects[k]
            if h.end <= hi and not self._excluded(h, lo, hi):
                yield h

    def period_spans(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Period mentions lying inside [lo, hi)."""
        k = bisect_left(self.periods, (lo,))
        out = []
        while k < len(self.periods) and self.periods[k][0] < hi:
            if self.periods[k][1] <= hi:
                out.append(self.periods[k])
            k += 1
        return out

    def first_right(self, lo: int, hi: int) -> _AliasHit | None:
        """The first subject hit starting inside [lo, hi]."""
        k = bisect_left(self.subject_starts, lo)
        return self.subjects[k] if k < len(self.subjects) and self.subject_starts[k] <= hi else None

    def _excluded(self, h: _AliasHit, lo: int, hi: int) -> bool:
        k = bisect_right(self.exclusions, (h.start, float("inf"))) - 1
        if k < 0:
            return False
        a, b = self.exclusions[k]
        return lo <= a <= h.start and h.end <= b <= hi

    def status_cue(self, sent: Sentence, upto: int) -> str | None:
        """`ước` → estimate, a target cue → target, the later one wins; only cues before `upto`."""
        cues = self._cues.get(sent.start)
        if cues is None:
            seg = self.key[sent.start:sent.end]
            est = list(_ESTIMATE.finditer(seg))
            tgt = [x for x in _TARGET.finditer(seg) if not _counted_noun(seg, x.start())]
            cues = ([x.end() for x in est], [x.start() for x in est], [x.end() for x in tgt], [x.start() for x in tgt])
            self._cues[sent.start] = cues
        est_ends, est_starts, tgt_ends, tgt_starts = cues
        i, j = bisect_right(est_ends, upto - sent.start), bisect_right(tgt_ends, upto - sent.start)
        if not i and not j:
            return None
        if i and (not j or est_starts[i - 1] >= tgt_starts[j - 1]):
            return "estimate"
        return "target"


def reference_date(clean: CleanText, key: str, masks: list[tuple[int, int, str]]) -> date | None:
    """When the report was written: its date line, else the latest past period it names."""
    if clean.published_on:
        return clean.published_on
    best: date | None = None
    for m in _PAST.finditer(key):
        d = date(int(m.group(1)), 12, 31)
        best = d if best is None or d > best else best
    for m in re.finditer(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])", key):
        try:
            d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        best = d if best is None or d > best else best
    return best


def extract(doc_id: str, clean: CleanText, ref: Reference) -> Extraction:
    text = clean.text
    key = fold(text)
    habit = separator_habit(text)
    sentences = split_sentences(text)
    mask_groups = _mask_groups(key)
    masks = [span for group in mask_groups for span in group]
    subjects = _subject_hits(key, sentences, ref)
    scan = _Scan(key, subjects)
    mask_spans = [(a, b) for a, b, _ in masks] + [(h.start, h.end) for h in subjects]
    all_mentions = find_mentions(text, key, ref, habit, [])
    kept_mentions = find_mentions(text, key, ref, habit, mask_spans)
    kept_spans = {(m.number_start, m.number_end) for m in kept_mentions}
    periods = find_periods(key, [(a, b) for a, b, r in masks if r in ("date", "document number")])
    period_starts = [p.start for p in periods]
    scan.periods = [(p.start, p.end) for p in periods]
    ref_date = reference_date(clean, key, masks)
    out = Extraction(sentences=sentences)
    for s in sentences:
        if s.is_heading:
            lo = bisect_left(period_starts, s.start)
            ps = [p for p in periods[lo:bisect_left(period_starts, s.end)] if p.period]
            for p in ps:
                out.headings.append((s.index, p.start, p.year, p.period))

    # reasons for numbers that were masked
    for m in all_mentions:
        if (m.number_start, m.number_end) in kept_spans:
            continue
        reason = _mask_reason(mask_groups, m.number_start) or "part of an indicator name"
        out.numbers.append(NumberRead(doc_id, m.number_start, m.number_end, text[m.number_start:m.number_end],
                                      None, None, _sentence_of(sentences, m.start), None, reason))

    year: int | None = None
    period: str | None = None
    period_at: int | None = None
    last_of: dict[str, str] = {}  # the last month (`M07`) and quarter (`Q1`) named, for `trong tháng`
    ctx: _AliasHit | None = None  # the indicator of the last level read, for clauses that elide it
    ctx_para = -1
    prev_facts: list[Fact] = []
    default_year = _default_year(clean, periods)
    pi = 0
    prev_status_target_sentence = -2
    kept_starts = [m.number_start for m in kept_mentions]
    for sent in sentences:
        ms = kept_mentions[bisect_left(kept_starts, sent.start):bisect_left(kept_starts, sent.end)]
        ms_starts = [m.number_start for m in ms]
        sent_facts = _SentenceFacts()
        by_id: dict[str, Fact] = {}
        sent_is_continuation = _CONTINUATION.search(key[sent.start:sent.end]) is not None
        override: tuple[str, int] | None = None  # a relative period, for the rest of this sentence
        if sent.paragraph != ctx_para:
            ctx = None
        for m in ms:
            while pi < len(periods) and periods[pi].start < m.start:
                p = periods[pi]
                if p.relative is not None:
                    if p.start >= sent.start:
                        named = {"month": last_of.get("M"), "quarter": last_of.get("Q")}.get(p.relative, p.period)
                        override = (named or period or "FY", p.start)
                else:
                    if p.year is not None:
                        year = p.year
                    if p.period is not None:
                        period, period_at = p.period, p.start
                        if p.period[0] in "MQ":
                            last_of[p.period[0]] = p.period
                    elif p.year is not None and period is None:
                        period, period_at = "FY", p.start
                    override = None
                pi += 1
            k = bisect_left(ms_starts, m.end)
            nxt = ms_starts[k] if k < len(ms_starts) else sent.end
            fact, reason, used = _read_fact(doc_id, key, text, sent, m, scan, ref, sent_facts, nxt,
                                            ctx if ctx_para == sent.paragraph else None, prev_facts)
            if fact is None:
                out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                              sent.index, None, reason))
                continue
            parent = by_id.get(fact.parent_fact_id) if fact.parent_fact_id else None
            if parent is not None and fact.role != "part":
                fact.period_year, fact.period, fact.status = parent.period_year, parent.period, parent.status
                fact.period_stated_at = parent.period_stated_at
                _resolve_growth_base(fact)
                if fact.comparison_base in _YEAR_BASES and fact.base_year is None and parent.period_year:
                    fact.base_year = parent.period_year - 1
                if fact.comparison_base == "prior_period" and fact.base_year is None:
                    fact.base_year = parent.period_year
            else:
                fact.period_year = year or default_year
                fact.period = override[0] if override else (period or "FY")
                fact.period_stated_at = override[1] if override else period_at
                cue = scan.status_cue(sent, m.start)
                if cue is None and sent_is_continuation and prev_status_target_sentence == sent.index - 1:
                    cue = "target"
                status = cue or "actual"
                if (status == "actual" and ref_date and fact.period_year and fact.period
                        and period_end(fact.period_year, fact.period) > ref_date):
                    status = "target"  # a period not over when the report was written
                if parent is not None and fact.role == "part":
                    status = parent.status
                    fact.period_year, fact.period = parent.period_year, parent.period
                    fact.period_stated_at = parent.period_stated_at
                fact.status = status
                _resolve_growth_base(fact)
                if fact.comparison_base in _YEAR_BASES and fact.base_year is None and fact.period_year:
                    fact.base_year = fact.period_year - 1
                if fact.comparison_base == "prior_period" and fact.base_year is None:
                    fact.base_year = fact.period_year
            if fact.period_year is None:
                out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                              sent.index, None, "no year named anywhere in the report"))
                continue
            implausible = ref.out_of_bounds(fact.unit, fact.value, fact.period_year)
            if implausible is not None:  # the contract holds by construction: such a reading is no fact
                out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                              sent.index, None, implausible))
                continue
            if fact.status == "target":
                prev_status_target_sentence = sent.index
            sent_facts.append(fact)
            by_id[fact.fact_id] = fact
            out.facts.append(fact)
            if fact.role in ("level", "part") and used is not None:
                ctx, ctx_para = used, sent.paragraph
            out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                          sent.index, fact.fact_id, None))
        prev_facts = list(sent_facts) if sent_facts else prev_facts
        # status carries to a `Trong đó ...` sentence that continues a list of targets
        if any(f.status == "target" for f in sent_facts) or (
            not sent_facts and _TARGET.search(key[sent.start:sent.end])
        ):
            prev_status_target_sentence = sent.index
    out.numbers.sort(key=lambda n: n.char_start)
    return out


_GROWTH = "_growth"  # growth with no base written: resolved once the period is known


def _resolve_growth_base(fact: Fact) -> None:
    """Growth without a stated base compares with the same period a year before: the previous
    year for a whole-year figure, `cùng kỳ` for a quarter, half or months to date."""
    if fact.comparison_base == _GROWTH:
        fact.comparison_base = "prior_year" if fact.period == "FY" else "same_period"


def _default_year(clean: CleanText, periods: list[PeriodMention]) -> int | None:
    """The year a figure is about when nothing before it names one: the report's date, else
    the year the report names most."""
    if clean.published_on:
        return clean.published_on.year
    years = [p.year for p in periods if p.year]
    return max(set(years), key=years.count) if years else None


def _sentence_of(sentences: list[Sentence], pos: int) -> int:
    i = bisect_right(sentences, pos, key=lambda s: s.start) - 1
    return sentences[i].index if i >= 0 and pos < sentences[i].end else -1


def _clause_start(key: str, sent: Sentence, pos: int) -> int:
    cut = key.rfind(";", sent.start, pos)
    return cut + 1 if cut >= 0 else sent.start


def _read_fact(doc_id: str, key: str, text: str, sent: Sentence, m: Mention, scan: _Scan,
               ref: Reference, sent_facts: _SentenceFacts, next_start: int, ctx: _AliasHit | None = None,
               prev_facts: list[Fact] | None = None) -> tuple[Fact | None, str | None, _AliasHit | None]:
    frame = _frame_alias(key, sent, m, ref)
    alias: Alias | None = None
    alias_span: tuple[int, int] | None = None
    span_start, span_end = m.start, m.end
    clause_start = _clause_start(key, sent, m.start)
    if frame is not None and (m.unit in (None, "count") or ref.metrics[frame[0].code].unit == m.unit):
        alias = frame[0]
        alias_span = (frame[1], frame[2])
        named = _subject_naming_counter(key, frame[0], m, scan, ref, clause_start)
        if named is not None:  # `tổng số tiêu chí ... là 245 tiêu chí`: the name is more specific
            alias, alias_span = named.alias, (named.start, named.end)
    if alias is None and m.unit is None and m.scale == 1:
        return None, "a number with no unit and no counted indicator", None
    if alias is None and m.unit == "count":
        # a counted noun named before the number: `giải quyết việc làm cho 3.600 lao động`
        pass
    if alias is None and m.unit == "percent":
        after = key[m.end:min(sent.end, m.end + 64)]
        skip = _COUNTER_SKIP.match(after)
        offset = m.end + (skip.end() if skip else 0)
        right = scan.first_right(m.end, offset + 1)
        if right is not None and ref.metrics[right.alias.code].unit == "percent":
            alias, alias_span = right.alias, (right.start, right.end)
    if alias is None:
        prev_end = sent_facts.last_end(clause_start, m.start)
        for h in scan.lefts_nearest_first(max(clause_start, sent.start), m.start):
            if _compatible(ref.metrics[h.alias.code].unit, m) or (
                m.unit == "count" and ref.metrics[h.alias.code].unit == "count"
            ):
                alias, alias_span = h.alias, (h.start, h.end)
                break
        if alias is not None and prev_end is not None and alias_span is not None and alias_span[1] <= prev_end:
            for phrase in (_item_phrase(key, prev_end, m.start, cut=False), _item_phrase(key, prev_end, m.start)):
                composed = _compose(alias, phrase, ref) if phrase else None
                if composed is not None:
                    alias = composed
                    break
    if alias is None and ctx is not None and m.unit == "percent" and any(
            f.role == "level" and f.metric == ctx.alias.code for f in sent_facts.latest_first(clause_start)):
        alias, alias_span = ctx.alias, (ctx.start, ctx.end)  # a ratio or change of the level just read
    if alias is None and ctx is not None and m.unit is not None:
        lo = max(clause_start, sent_facts.last_end(clause_start, m.start) or 0)
        found = _from_context(key, ctx, lo, m, scan, ref)
        if found is not None:
            alias, alias_span = found.alias, (found.start, found.end)
    if alias is None and m.unit is not None:
        fuzzy = _fuzzy_alias(key, max(clause_start, sent.start), m, ref)
        if fuzzy is not None:
            alias, alias_span = fuzzy
    if alias is None:
        return None, "no indicator named for it", None
    metric = ref.metrics[alias.code]
    # a count frame names what is counted (`thu hút … {N} lượt`) when the unit words do not
    counted_by_frame = frame is not None and alias is frame[0] and m.unit is None and metric.unit == "count"
    if not _compatible(metric.unit, m) and not (m.unit == "count" and metric.unit == "count") and not counted_by_frame:
        return None, f"unit {m.unit} does not fit {metric.code} ({metric.unit})", None

    # role, comparison base
    prev_end = sent_facts.last_end(0, m.start)
    prev_end = clause_start if prev_end is None else prev_end
    left = key[max(prev_end, clause_start, alias_span[1] if alias_span and alias_span[1] <= m.start else 0):m.start]
    verbs = list(_VERB.finditer(left))
    verb = re.sub(r"\s+", " ", verbs[-1].group(1)) if verbs else None
    right = key[m.end:next_start]
    base = next((b for rx, b in _BASE_AFTER if rx.search(right)), None)
    base_year = None
    if base in ("same_period", "prior_year"):
        by = _BASE_YEAR.search(right)
        base_year = int(by.group(1)) if by else None
    role = "level"
    value = m.value
    unit = m.unit or metric.unit
    alias_growth = fold("tăng trưởng") in fold(alias.text) or fold("tốc độ tăng") in fold(alias.text)
    if m.unit == "percent" and m.scale == 100 and verb == fold("gấp"):
        role, base = "pct_of_base", base or "same_period"
    elif m.unit == "percent" and metric.unit != "percent":
        if verb == fold("chiếm"):
            role = "level" if metric.code.startswith("share_") else "part"
            base = None
        elif verb in (fold("tăng"), fold("tăng thêm"), fold("tăng trưởng")):
            role, base = "pct_change", base or _GROWTH
        elif verb == fold("giảm"):
            role, base, value = "pct_change", base or _GROWTH, -value
        elif verb == fold("vượt"):
            role, base = "pct_change", base or "plan"
        elif base in ("plan", "budget_estimate"):
            role = "pct_of_plan"
        elif base in ("same_period", "prior_year", "prior_period"):
            role = "pct_of_base"
        elif alias_growth or metric.unit in ("VND", "USD", "count", "ha", "tonne"):
            role, base = "pct_change", _GROWTH
    elif m.unit == "percent":
        if base in ("plan", "budget_estimate") and verb in (fold("đạt"), fold("bằng"), None):
            role = "pct_of_plan"
        elif verb in (fold("tăng"), fold("giảm")) and not re.search(fold_pattern(r"(?:còn|lên|xuống)\s*$"), left):
            if verb == fold("giảm") and metric.reduction_code:  # a rate falling by N points has its own code
                metric = ref.metrics[metric.reduction_code]
                base = None
            else:
                role = "pct_change"
                base = base or _GROWTH
                value = -value if verb == fold("giảm") else value
        else:
            base = None
    else:
        if verb in (fold("tăng"), fold("giảm"), fold("tăng thêm")) and base is not None:
            role = "abs_change"
            value = -value if verb == fold("giảm") else value
        else:
            base = None
    if role == "level":
        base, base_year = None, None
    if base in ("plan", "budget_estimate"):
        base_year = None

    # qualifier
    before_num = key[max(sent.start, m.number_start - 24):m.number_start]
    qualifier = next((q for rx, q in _QUAL_BEFORE if rx.search(before_num)), "exact")
    if qualifier == "at_least" and m.range_part is not None:
        qualifier = "exact"
    if _AT_LEAST_AFTER.match(key[m.end:m.end + 16]):
        qualifier = "at_least"

    # scope
    scope = None
    sp = _SCOPE_PAREN.match(key[m.end:m.end + 200])
    if sp:
        scope = re.sub(r"\s+", " ", text[m.end + sp.start(1):m.end + sp.end(1)]).strip()
    elif alias.is_scope and alias_span:
        scope = re.sub(r"\s+", " ", text[alias_span[0]:alias_span[1]]).strip()
    else:
        sg = _SCOPE_GIVER.search(right[:60]) if base in ("plan", "budget_estimate") else None
        if sg:
            scope = re.sub(r"\s+", " ", text[m.end + sg.start(1):m.end + sg.end(1)]).strip()

    fid = fact_id(doc_id, span_start, span_end)
    part_list = None
    parent_id = None
    if role != "level":
        clause_facts = sent_facts.latest_first(0 if role == "part" else clause_start)
        parent = next((f for f in clause_facts if f.metric == metric.code and f.role == "level"), None)
        if role == "part" and verb == fold("chiếm"):
            parent = next((f for f in reversed(sent_facts) if f.metric == metric.code and f.role in ("level", "part")),
                          None)
        parent_id = parent.fact_id if parent else None
    else:
        # a count or amount listed after `cụ thể`, `trong đó`, `gồm` under a total of the same metric
        # or of the metric it is a component of (`Trong đó: giá trị sản xuất nông nghiệp ...`)
        def is_total(f: Fact) -> bool:
            return f.role == "level" and f.unit == unit and f.metric in (metric.code, metric.part_of)

        total = next((f for f in sent_facts if is_total(f)), None)
        marker = sent_facts.marker_after(total, key, sent.end) if total is not None else None
        marker = marker if marker is not None and marker.end() <= m.start else None
        intro = total is not None and _TOTAL_INTRO.search(key, max(0, total.char_start - 24), total.char_start)
        opening = _LIST_START.match(key[sent.start:sent.start + 32])
        if total is None and opening is not None and prev_facts:
            total = next((f for f in prev_facts if is_total(f)), None)
            marker = opening
        if total is not None and m.range_part is None and (marker is not None or intro):
            role, parent_id = "part", total.fact_id
            part_list = "partial" if intro or marker is None or marker.group().lstrip().startswith(fold("trong")) \
                else "complete"
    fact = Fact(
        fact_id=fid, doc_id=doc_id, metric=metric.code, role=role, value=value, unit=unit,
        period_year=None, period=None, status="actual", qualifier=qualifier, comparison_base=base,
        base_year=base_year, scope=scope, parent_fact_id=parent_id, char_start=span_start, char_end=span_end,
        value_text=text[span_start:span_end], value_precision=m.precision, sentence=sent.text,
        sentence_index=sent.index, part_list=part_list,
    )
    return fact, None, _AliasHit(alias_span[0], alias_span[1], alias) if alias_span else None


def with_locality(f: Fact, **kw: object) -> Fact:
    return replace(f, **kw)
