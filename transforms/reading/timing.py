"""When a figure is about and what it is: the report's date, the periods named before or after a figure,
the year carried from other sentences, and the status cues that reach (or do not reach) a clause."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from transforms.grammar.keys import fold
from transforms.grammar.load import Grammar
from transforms.grammar.masks import fold_pattern
from transforms.grammar.numbers import Mention
from transforms.grammar.periods import PeriodMention
from transforms.grammar.roles import RoleWords
from transforms.reading.document import GROWTH, Document, clause_start_of
from transforms.reading.records import Fact
from transforms.text import CleanText, Sentence


def estimate_of_another_clause(doc: Document, sent: Sentence, m: Mention) -> bool:
    """`Sản lượng lương thực ước đạt gần 15.000 tấn; giải quyết việc làm mới cho trên 4.300 lao động`: an
    estimate word in an earlier clause of the sentence, after an indicator it estimates, does not reach a
    figure of a later clause (CONVENTIONS 1) - unless it leads the sentence (`Ước tính 6 tháng, ...`) or opens
    a list (`ước đạt: ...; ...`)."""
    at = doc.status.estimate_at(sent.start, m.start)
    clause = clause_start_of(doc.key, sent, m.start)
    if at is None or at >= clause:
        return False
    if ":" in doc.key[at:clause]:
        return False  # `... ước đạt: a; b; c`
    k = bisect_left(doc.subject_starts, sent.start)
    named_before = k < len(doc.subject_starts) and doc.subject_starts[k] < at  # an indicator before the word
    named_before = named_before or any(c[2] == "head" for c in doc.concepts_in(sent.start, at))
    j = bisect_left(doc.subject_starts, clause)
    semi = doc.key.find(";", m.end, sent.end)
    clause_end = semi if semi >= 0 else sent.end
    # the clause names its own indicator, before the figure or after it (`; có thêm 42 sản phẩm OCOP được công nhận`)
    own = j < len(doc.subject_starts) and doc.subject_starts[j] < clause_end
    if not own:  # (or its own concept words: `...; cây rau các loại, năng suất đạt 249,7 tạ/ha`)
        own = any(c[2] == "head" for c in doc.concepts_in(clause, m.start))
    return named_before and own


def only_a_date(doc: Document, sent: Sentence, named: list[PeriodMention]) -> bool:
    """A date line: no word beside its period but weekdays and date words (seeds/grammar/words.csv,
    set `dateline`)."""
    rest = doc.key[sent.start:sent.end]
    for p in reversed(named):
        rest = rest[:p.start - sent.start] + " " + rest[p.end - sent.start:]
    words = set(re.findall(r"[^\W\d_]+", rest))
    if words <= doc.g.dateline_words:
        return True
    # `VnEconomy, tháng 4/2024`, `Thời sự - Tháng 3/2018`, `Báo Gia Lai điện tử, tháng 7-2022`: a site's, section's or
    # paper's name of a few words, then the date
    label = _LABEL.match(rest)
    return label is not None and set(re.findall(r"[^\W\d_]+", rest[label.end():])) <= doc.g.dateline_words


_LABEL = re.compile(r"\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,4}\s*[,|:\-\u2013\u2014]\s*")


def reports_results(g: Grammar, key: str, sent: Sentence) -> bool:
    """A heading of results (`Kết quả thực hiện ...`, `14/16 chỉ tiêu hoàn thành và vượt kế hoạch`),
    unless an intent comes first (`đề ra 9 nhóm nhiệm vụ ... hoàn thành nhiệm vụ năm 2024`,
    `Phấn đấu hoàn thành vượt kế hoạch`): what is to be completed is a target."""
    found = g.result_heading.search(key, sent.start, sent.end)
    return found is not None and g.heading_intent.search(key, sent.start, found.start()) is None


_DATE_IN = re.compile(r"(?<![\d/])\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d{2}(?![\d/])")


def _title_years(doc: Document) -> list[int]:
    """The years the first heading with a year names, dates and horizons left out (`Các chỉ tiêu chủ yếu đến năm
    2025` names when targets fall due, not when it was written)."""
    for sent in doc.sentences[:4]:
        if sent.is_heading:
            heading = _HORIZON_YEAR.sub(" ", _DATE_IN.sub(" ", doc.key[sent.start:sent.end]))
            years = [int(y) for y in YEAR_IN.findall(heading)]
            if years:
                return years
    return []


_HORIZON_YEAR = re.compile(fold_pattern(r"(?<!\w)đến\s+năm\s+(?:19|20)\d{2}"))


def section_year_of(key: str, sent: Sentence) -> int | None:
    """The first year a heading of targets sets them for: the year it names (`nhiệm vụ trọng tâm năm 2024` over a
    review of 2023: of that year and later), or the nearest of the horizons it names (`đặt chỉ tiêu phát triển
    đến năm 2025 và năm 2030`: the 2025 targets are targets too)."""
    named = [int(y) for y in YEAR_IN.findall(key, sent.start, sent.end)]
    if not named:
        return None
    return min(named) if _HORIZON_YEAR.search(key, sent.start, sent.end) else max(named)


def reference_date(doc: Document) -> date | None:
    """When the report was written: its date line, else the latest past period it names. A date line more
    than a year before the first year the title names (`Thứ 6 - 26/02/2016` over `Tình hình kinh tế - xã
    hội tháng 9 năm 2024`) is the site's furniture, not the report's date."""
    floor = min(_title_years(doc), default=0) - 1
    published = doc.clean.published_on
    if published and published.year >= floor:
        return published
    best: date | None = None
    for m in doc.g.past_year.finditer(doc.key):
        d = date(int(m.group(1)), 12, 31)
        best = d if best is None or d > best else best
    for m in _DATE.finditer(doc.key):
        try:
            d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        if d.year >= floor:
            best = d if best is None or d > best else best
    return best


# `Quyết định số 1980/QĐ-TTg ngày 17/10/2016`: a document's code right before the date dates the document only
_DOCUMENT_DATED = re.compile(r"\d+\s*/\s*[^\s\d/]+(?:/[^\s\d/]+)?\s+(?:ngay\s+)?$")
_DATE = re.compile(r"(?<![\d/])(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})(?![\d/])")  # d/m/yyyy, d-m-yyyy
YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def period_after(periods: list[PeriodMention], starts: list[int], sent: Sentence, m: Mention,
                 next_start: int, key: str, right_after: re.Pattern[str]) -> PeriodMention | None:
    """A period named between the figure and the next one, in a sentence that named none before the
    figure (`Thu ngân sách đạt 120 tỷ đồng trong 6 tháng đầu năm 2023, bằng 52% dự toán`)."""
    lo, hi = bisect_left(starts, sent.start), bisect_left(starts, m.start)
    for p in periods[bisect_left(starts, m.end):bisect_left(starts, min(next_start, sent.end))]:
        if p.period is None or p.plan or p.relative is not None:
            continue
        if hi == lo and p.year is not None:
            return p
        # one named right after the figure (`Năm 2023, ... đạt 120 tỷ đồng trong 6 tháng đầu năm`, `đạt 4.200 tỷ trong
        # tháng 5`) is its own, below a year named before it; without a year, it keeps the year in force
        if right_after.fullmatch(key, m.end, p.start) and all(q.period in (None, "FY") for q in periods[lo:hi]):
            return p
    return None


def own_period(periods: list[PeriodMention], starts: list[int], sent: Sentence, m: Mention,
                next_start: int) -> PeriodMention | None:
    """The period a figure names as its own right after it (`4,84% của quý I/2024`), whatever
    period framed the sentence."""
    for p in periods[bisect_left(starts, m.end):bisect_left(starts, min(next_start, sent.end))]:
        if p.of_figure and p.period is not None:
            return p
    return None


def level_year(periods: list[PeriodMention], starts: list[int], key: str, m: Mention,
               roles: RoleWords) -> PeriodMention | None:
    """`tăng từ 45 triệu đồng năm 2020 lên 52 triệu đồng năm 2023`, `giảm từ 2,9% năm 2021 xuống còn 2,1% vào cuối
    năm 2022`: each level of a change from one to another is dated by the year written right after it."""
    before = key[max(0, m.start - 12):m.start]
    if not (roles.level_after_verb.search(before) or (
            roles.from_level.search(before) and roles.to_level.match(key, m.end))):
        return None
    for p in periods[bisect_left(starts, m.end):bisect_left(starts, m.end + 24)]:
        if p.year is not None and p.relative is None and _YEAR_LEAD.fullmatch(key, m.end, p.start):
            return p
    return None


_YEAR_LEAD = re.compile(r"[\s(]*(?:vao\s+)?(?:cuôi\s+|đâu\s+)?")  # folded `(vào) (cuối|đầu)` before `năm ...`


def resolve_growth_base(fact: Fact, key: str = "") -> None:
    """Growth without a stated base compares with the same period a year before: the previous
    year for a whole-year figure, `cùng kỳ` for a quarter, half or months to date. A month or quarter
    named with an earlier year (`tăng 33,33% so với tháng 8/2016` of August 2017) is that same period."""
    if fact.comparison_base == GROWTH:
        fact.comparison_base = "prior_year" if fact.period == "FY" else "same_period"
        fact.base_unstated = True
    if fact.comparison_base == "prior_period" and key and fact.period_year and fact.period:
        named = _BASE_MONTH.match(key, fact.char_end)
        if named is not None and int(named.group(3)) < fact.period_year:
            n = int(named.group(2)) if named.group(2).isdigit() else _ROMAN.get(named.group(2), 0)
            same = f"M{n:02d}" if named.group(1).startswith("th") else f"Q{n}"
            if fact.period == same:
                fact.comparison_base, fact.base_year = "same_period", int(named.group(3))


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# `so với tháng 8/2016`, `so với quý I năm 2022` (folded): the month or quarter compared with, and its year
_BASE_MONTH = re.compile(fold_pattern(
    r"[^,;.\d]{0,24}?so\s+(?:với\s+)?(?:cùng\s+)?(tháng|quý)\s+(\d{1,2}|iv|iii|ii|i)\s*(?:/|-|năm)\s*((?:19|20)\d{2})(?!\d)"))


# folded `cùng kỳ (của) (năm) 2015`
_COMPARED_YEAR = re.compile(r"(?<!\w)so\s+(?:vơi\s+)?(?:cung\s+ky\s+)?(?:năm\s+)?((?:19|20)\d{2})(?!\d|[.,/\-]\d)")
SAME_PERIOD_YEAR = re.compile(r"cung\s+ky\s+(?:cua\s+)?(?:năm\s+)?((?:19|20)\d{2})(?!\d|[.,/]\d)")


def year_stated_in(periods: list[PeriodMention], sent: Sentence) -> bool:
    """Whether the sentence names a year of its own (a period, not a base)."""
    return any(sent.start <= p.start < sent.end and p.year is not None for p in periods)


_YEAR_RANGE = re.compile(r"(?<![\d/.,])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d|[/.,]\d)")


def default_year_of(clean: CleanText, periods: list[PeriodMention], key: str = "", source_name: str = "") -> int | None:
    """The year a figure is about when nothing before it names one: the report's date, else
    the year the report names most, else the year after the one its `cùng kỳ năm Y` compares with, else
    the year its file is named by."""
    years = [p.year for p in periods if p.year and p.relative != "term"]  # a term's average is an aside
    named = max(set(years), key=years.count) if years else None
    if clean.published_on:
        # (dated in the first quarter, a report mostly of the year before is that year's review: `05/01/2026` over
        # `tổng thu ngân sách nhà nước năm 2025 ... đạt 101.400 tỉ đồng`, its headline's figure is of 2025)
        early = clean.published_on.month <= 3 and named == clean.published_on.year - 1
        return named if early else clean.published_on.year
    if named is not None:
        return named
    bases = [int(m.group(1)) + 1 for m in SAME_PERIOD_YEAR.finditer(key)]
    # (or any year a change is compared with: `tăng 1,9 tạ/ha so với 2017`, `tăng 16,45% so năm 2017`)
    bases = bases or [int(m.group(1)) + 1 for m in _COMPARED_YEAR.finditer(key)]
    if bases:
        return max(set(bases), key=bases.count)
    # a year only in a date of the text (`Trong hai ngày 9 và 10/7/2024, HĐND huyện ... kỳ họp` over `6 tháng đầu
    # năm, ...`): the year of the meeting or release the report is of
    dated = [int(m.group(3)) for m in _DATE.finditer(key)
             if not _DOCUMENT_DATED.search(key, max(0, m.start() - 40), m.start())]  # (not a decision's own date)
    if dated:
        return max(set(dated), key=dated.count)
    # a term's report (`Trong nhiệm kỳ 2015 - 2020 ...`, `bình quân 5 năm (2021-2025)`): its figures are of
    # the term's last year; of two terms (the one reviewed, the one opening) the earlier ends first
    # (a span compared with is no term of the report: `gấp 2,2 lần so với giai đoạn 2011 - 2015`)
    ends = [int(m.group(2)) for m in _YEAR_RANGE.finditer(key) if int(m.group(1)) < int(m.group(2))
            and not _COMPARED_SPAN.search(key, max(0, m.start() - 32), m.start())]
    return min(ends) if ends else year_in_name(source_name)


_COMPARED_SPAN = re.compile(fold_pattern(r"so\s+(?:với\s+)?(?:cùng\s+kỳ\s+)?(?:của\s+)?"
                                         r"(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ|cả\s+)?[\s(]*$"))


_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def year_in_name(source_name: str) -> int | None:
    """The year a report's file is named by when its text names none (`bao_cao_chi_tieu_2025.txt`, a list of targets
    with no date line): the last one, the end of a term's `2015_2020`. Only the name, not its folders."""
    years = _NAME_YEAR.findall(source_name.replace("\\", "/").rsplit("/", 1)[-1])
    return int(years[-1]) if years else None


def month_of_base(doc: Document, sent: Sentence, fact: Fact) -> str | None:
    """`Lũy kế 10 tháng, ... / Kim ngạch xuất khẩu ước đạt 2,533 tỷ USD, tăng 7,1% so với tháng trước`: a sentence
    naming no period of its own that compares with the month before states that month, not the months to date."""
    if fact.period is None or not fact.period.endswith("M") or (fact.period_stated_at or -1) >= sent.start \
            or not doc.g.month_base.search(doc.key, sent.start, sent.end):
        return None
    return f"M{int(fact.period[:-1]):02d}"


# `từ tháng 3 đến tháng 7, lần lượt là: +5,33%; ...; +15,21%`, `từ năm 2021 đến năm 2024 lần lượt đạt ...`: a run of
# periods the figures after it take one each, in order (folded: `lần lượt` reads `lân lươt`)
_RESPECTIVE_MONTHS = re.compile(fold_pattern(
    r"(?<!\w)từ\s+tháng\s+(\d{1,2})\s+(?:đến|tới|-)\s+(?:tháng\s+)?(\d{1,2})(?!\d)[^.;:]{0,80}?lần\s+lượt"))
_RESPECTIVE_YEARS = re.compile(fold_pattern(
    r"(?<!\w)từ\s+năm\s+((?:19|20)\d{2})\s+(?:đến|tới|-)\s+(?:năm\s+)?((?:19|20)\d{2})(?!\d)[^.;:]{0,80}?lần\s+lượt"))


_RESPECTIVELY = fold("lần lượt")


def respective_periods(key: str, sent: Sentence, facts: list[Fact]) -> None:
    """Date each figure of a list that follows a run of months or years and `lần lượt` by its own one, when the
    list holds exactly as many figures of one indicator as the run has periods."""
    if len(facts) < 2 or key.find(_RESPECTIVELY, sent.start, sent.end) < 0:
        return
    for rx, months in ((_RESPECTIVE_MONTHS, True), (_RESPECTIVE_YEARS, False)):
        run = rx.search(key, sent.start, sent.end)
        if run is None:
            continue
        first, last = int(run.group(1)), int(run.group(2))
        listed = [f for f in facts if f.char_start >= run.end()]
        if last <= first or not listed or len(listed) != last - first + 1 or (months and last > 12) or len(
                {(f.metric, f.role, f.unit) for f in listed}) != 1:
            continue
        for i, f in enumerate(listed):
            if months:
                f.period = f"M{first + i:02d}"
            else:
                f.period_year, f.period = first + i, "FY"
            if i < len(listed) - 1:
                # (the earlier ones are a series looking back to the last, dated by their place in it: not a period
                # each states, so a heading naming the last is not contradicted by them)
                f.period_stated_at = None

