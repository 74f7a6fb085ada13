"""Reporting periods named in the text (`6 tháng đầu năm 2022`, `quý I`, `năm 2023`).

A period mention sets the frame for the figures that follow it, until the next one. Years
inside comparisons (`so với năm 2022`, `cùng kỳ năm 2021`), terms (`nhiệm kỳ 2020-2025`)
and dates are not reporting periods.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from datetime import date

from transforms.grammar.keys import fold, tones, word_tones
from transforms.grammar.masks import fold_pattern, skip_friendly
from transforms.text import SpanIndex

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    year: int | None
    period: str | None  # None: only the year is named (a meeting month, `năm học`)
    # `trong tháng`, `trong quý`, `cả năm` name no number: the month, quarter or year the report
    # is about, for the rest of their sentence only (`ước cả năm đạt ...` is a projection aside)
    relative: str | None = None  # month | quarter | year | as_of (a date the figures are counted to) | term
    plan: bool = False  # the year of a plan (`kế hoạch phát triển kinh tế - xã hội năm 2023`): it dates targets only
    # `cao hơn mức tăng 4,84% của quý I/2024`: the period of the figure just before it, framing nothing after
    of_figure: bool = False
    # `tính đến hết tháng 6`: to a month's end; a flow counted to it is the months to date (`H1`), a stock the month
    to_end: bool = False


WRITTEN: list[str] = []  # each period pattern as written and folded, before the skip-friendly rewrite (tests)


def _rx(p: str) -> re.Pattern[str]:
    WRITTEN.append(fold_pattern(p))
    return re.compile(skip_friendly(WRITTEN[-1]))


_YEAR = r"(?:\s*(?:năm|/|-)?\s*((?:19|20)\d{2}))?"  # `quý I năm 2023`, `quý I/2023`, `quý I-2023`
# months counted in words: `Sáu tháng đầu năm`, `Chín tháng`, `mười tháng` (`năm tháng` would be ambiguous)
NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
                "mười một": 11, "mười hai": 12}
MONTH_WORDS = {"giêng": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
               "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
_MONTH_NEEDS_YEAR = {"năm", "sáu"}
_N = r"(\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
# `Năm tháng đầu năm 2024`: before `tháng đầu/cuối năm` the word `năm` can only be five
_N_EDGE = _N[:-1] + r"|năm)"
_YEAR_END_DAY = re.compile(r"(?<!\d)31\s*[/.-]\s*12(?!\d)")
_DAY_31 = re.compile(r"(?<!\d)31\s*([/-])\s*12\s*\1")
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # `Trong nhiệm kỳ vừa qua, ...` in a congress report of `nhiệm kỳ 2020-2025`: the term just ended, its
    # results dated at its last year (the current term's first)
    (_rx(r"(?<!\w)nhiệm\s+kỳ\s+(?:vừa\s+qua|qua|trước)(?!\w)"), "past_term"),
    (_rx(r"(?<!\w)" + _N_EDGE + r"\s+tháng\s+(đầu|cuối)\s+năm" + _YEAR), "months_edge"),
    # a stock as of a date (`Tính đến ngày 15/9/2023`, `đến hết 30/6/2023`, `Tại thời điểm 01/4/2024`): the
    # month it closes
    (_rx(r"(?<!\w)(?:(?:tính\s+)?đến|(?:tại\s+|vào\s+|đến\s+)?thời\s+điểm)\s+(?:hết\s+)?(?:ngày\s+)?\d{1,2}\s*(?:/\s*(\d{1,2})\s*/|-\s*(\d{1,2})\s*-)\s*((?:19|20)\d{2})(?!\d)"),
     "as_of"),
    # a cut-off day with no year (`ước tính đến ngày 30-9`, `tính đến ngày 30/9`): its month, the year the report's
    (_rx(r"(?<!\w)(?:tính\s+)?đến\s+(?:hết\s+)?ngày\s+\d{1,2}\s*[/.-]\s*(\d{1,2})(?![\d/.-])"), "as_of_day"),
    # the same date in words (`Tính đến ngày 31 tháng 8`, `đến hết ngày 30 tháng 9 năm 2023`): its month
    # (written from its literal `đến`, which lets the scan skip ahead: `tính` before it changes nothing)
    (_rx(r"đến\s+(?:hết\s+)?ngày\s+\d{1,2}\s+tháng\s+(\d{1,2})(?:\s+năm\s+((?:19|20)\d{2}))?(?!\d)"),
     "as_of_words"),
    # `9 tháng năm 2023`, `9 tháng/2023`, `6 tháng 2024`, `lũy kế 9 tháng 250.583 tấn`, `9 tháng 450 tỷ đồng` (not
    # `3 tháng 5` of a date: a month's number alone after it)
    (_rx(r"(?<!\w)" + _N + r"\s+tháng(?!\s+(?:đầu|cuối|(?:0?[1-9]|1[0-2])(?!\d)(?![.,]\d)))"
         + r"(?:\s*(?:năm|/|-)?\s*((?:19|20)\d{2}))?"), "months"),
    # to the end of a quarter, counted from January (`Đến hết quý II/2024`, `hết quý III`): months to date
    (_rx(r"(?<!\w)(?:đến\s+)?hết\s+quý\s+(iv|iii|ii|i|[1-4])(?!\w)" + _YEAR), "to_quarter_end"),
    (_rx(r"(?<!\w)quý\s+(iv|iii|ii|i|[1-4])(?!\w)" + _YEAR), "quarter"),
    # `3 quý đầu năm 2020`, `hai quý đầu năm`: the months to date of the quarters counted
    (_rx(r"(?<!\w)" + _N + r"\s+quý\s+đầu(?:\s+(?:của\s+)?năm)?" + _YEAR), "quarters_first"),
    (_rx(r"(?<!\w)quý\s+(đầu|cuối)(?:\s+tiên)?(?:\s+(?:của\s+)?năm)?" + _YEAR), "quarter_edge"),  # `Quý đầu năm 2025`
    (_rx(r"(?<!\w)nửa\s+(?:năm\s+)?(đầu|cuối)(?:\s+năm)?" + _YEAR), "half"),  # `Nửa đầu năm nay`
    # a month of the lunar calendar (`nhuận tháng Hai âm lịch`, `tháng Giêng âm lịch`): a season, no reporting period
    (_rx(r"(?<!\w)(?:nhuận\s+)?tháng\s+(?:\d{1,2}|" + "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
         + r")(?:\s+nhuận)?\s+âm\s+lịch(?!\w)"), "lunar"),
    (_rx(r"(?<!\w)(?:phiên|kỳ|cuộc)\s+(?:họp\s+)?(?:thường\s+kỳ\s+|định\s+kỳ\s+|bất\s+thường\s+)?tháng\s+(\d{1,2})"
         + _YEAR),
     "meeting"),
    # `hội nghị giao ban báo chí tháng 6/2019`, `giao ban tháng 5`: a meeting's month, no reporting period
    (_rx(r"(?<!\w)(?:hội\s+nghị\s+)?giao\s+ban(?:\s+[^\W\d]+){0,3}?\s+tháng\s+(\d{1,2})" + _YEAR), "meeting"),
    # counted to the start of a month (`Tính đến đầu tháng 4, giải ngân đầu tư công 1.130 tỷ đồng`): the months before
    # it, to date (the first quarter)
    (_rx(r"(?<!\w)(?:tính\s+)?(?:đến|tới)\s+đầu\s+tháng\s+(\d{1,2})(?!\s*/\s*\d{1,2}\b)" + _YEAR), "to_month_start"),
    # a stock counted to a month (`Đến tháng 10, toàn tỉnh ... thu hoạch 12.848 ha`, `tính đến hết tháng 9`): that month
    (_rx(r"(?<!\w)(?:tính\s+)?đến\s+(?:hết\s+|cuối\s+)?tháng\s+(\d{1,2})(?!\s*/\s*\d{1,2}\b)" + _YEAR), "month"),
    # the same with `tháng` left out before the month and its year (`tính đến 10/2020`, `lũy kế đến hết 6/2024`)
    (_rx(r"(?<!\w)(?:(?:lũy|luỹ)\s+kế\s+|tính\s+)?đến\s+(?:hết\s+|cuối\s+)?(\d{1,2})\s*/\s*((?:19|20)\d{2})(?!\d)"),
     "month"),
    (_rx(r"(?<!\w)tháng\s+(\d{1,2})(?!\s*/\s*\d{1,2}\b)" + _YEAR), "month"),
    # a month in words (`tháng Tư năm 2024`, `tháng Giêng`); `sáu` and `năm` fold like `sau` (next) and a
    # year's `năm`, so those two only with their year
    (_rx(r"(?<!\w)tháng\s+(" + "|".join(sorted(MONTH_WORDS, key=len, reverse=True)) + r")(?!\w)"
         r"(?:\s*(?:năm|/|-)\s*((?:19|20)\d{2}))?"), "month_word"),
    # an average over a term (`bình quân giai đoạn 2021-2024 ước đạt 5,22%/năm`): the term's last year, for the
    # rest of its sentence
    (_rx(r"(?<!\w)bình\s+quân\s+(?:\d+\s+năm\s+)?\(?(?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ)?\s*((?:19|20)\d{2})\s*-\s*"
         r"((?:19|20)\d{2})\)?"), "term"),
    # a term opening a sentence (`Nhiệm kỳ 2020-2025 xác định 18 chỉ tiêu phấn đấu, ...: GRDP tăng 10-11%/năm`,
    # `Giai đoạn 2016-2020, GRDP tăng bình quân 7%/năm`): the term's last year, for the rest of its sentence
    (_rx(r"(?:^|(?<=\n)|(?<=[.:;]\s))(?:trong\s+)?(?:nhiệm\s+kỳ|giai\s+đoạn|thời\s+kỳ)\s+((?:19|20)\d{2})\s*-\s*"
         r"((?:19|20)\d{2})(?!\d)"), "term_opening"),
    # a span named inside a sentence (`tổng thu ngân sách ... giai đoạn 2016-2020 trên 2.724 tỷ đồng`, `kinh tế ...
    # giai đoạn 2016 - 2020 bình quân đạt 7,16%/năm`): likewise (not a base: `so với giai đoạn 2011-2015`)
    (_rx(r"(?<!\w)(?:giai\s+đoạn|thời\s+kỳ)\s+((?:19|20)\d{2})\s*[-\u2010-\u2015]\s*((?:19|20)\d{2})(?!\d)"),
     "term_within"),
    # a term named again after the term just ended (`Bước vào nhiệm kỳ 2020-2025, ... các chỉ tiêu đề ra`): its
    # last year, for the targets set for it (kept only after a `nhiệm kỳ vừa qua`, see find_periods)
    (_rx(r"(?<!\w)nhiệm\s+kỳ\s+((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})(?!\d)"), "term_named"),
    # a crop season with its year and no `năm` (`Vụ Xuân 2023`, `vụ đông xuân 2024-2025` is no such): the season's year
    (_rx(r"(?<!\w)vụ\s+(?:đông\s+xuân|hè\s+thu|thu\s+đông|thu\s+mùa|xuân\s+hè|chiêm\s+xuân|mùa|xuân|chiêm|đông|hè|thu)\s+"
         r"((?:19|20)\d{2})(?![\d/.])(?!\s*[-\u2010-\u2015]\s*\d)"), "season_year"),
    # `Từ đầu năm 2023 đến nay, ...`: the months to date of the month (or quarter) last named, in that year
    (_rx(r"(?<!\w)(?:(?:lũy|luỹ)\s+kế\s+|tính\s+)?từ\s+đầu\s+năm\s+((?:19|20)\d{2})\s+(?:đến|tới)\s+"
         r"(?:nay|thời\s+điểm\s+này)"), "to_date_year"),
    # `Lũy kế năm 2024, toàn tỉnh đã cấp mới 61 dự án` in a report of 9 months: the year's running total, to date
    (_rx(r"(?<!\w)(?:lũy|luỹ)\s+kế\s+(?:trong\s+)?năm\s+((?:19|20)\d{2})(?!\s*-\s*\d)"), "to_date_year"),
    (_rx(r"(?<!\w)(?:cả\s+|trong\s+|đến\s+cuối\s+|cuối\s+)?năm\s+((?:19|20)\d{2})(?!\s*-\s*\d)"), "year"),
    (_rx(r"(?<!\w)trong\s+tháng(?!\s*(?:\d|đầu|cuối|qua|tới))"), "this_month"),
    # `Lũy kế từ đầu năm đến nay, ...`, `tính từ đầu năm đến nay`: the months to date of the month last named
    # (`tuy nhiên từ đầu năm đến nay lượng mưa ít` names no figure's period: only the running-total words or a
    # comma after make it one)
    (_rx(r"(?<!\w)(?:(?:(?:lũy|luỹ)\s+kế\s+|tính\s+)từ\s+đầu\s+năm\s+(?:đến|tới)\s+(?:nay|thời\s+điểm\s+này)"
         r"|từ\s+đầu\s+năm\s+(?:đến|tới)\s+nay(?=\s*,)"
         # (or opening a sentence: `... Từ đầu năm đến nay thực hiện vốn đầu tư ... đạt 46,3 tỷ đồng`)
         r"|(?:^|(?<=\n)|(?<=\.\s))từ\s+đầu\s+năm\s+(?:đến|tới)\s+nay)"), "to_date"),
    (_rx(r"(?<!\w)trong\s+quý(?!\s*(?:[ivx]+|\d)(?!\w))"), "this_quarter"),
    (_rx(r"(?<!\w)(?:cả|trong)\s+năm(?!\s*(?:19|20)\d{2}|\s+(?:học|tới|sau|trước|qua))"), "this_year"),
    # `đến hết năm nay, Sầm Sơn dự kiến đón được 4,1 triệu lượt khách`: the whole of the report's year
    (_rx(r"(?<!\w)(?:đến\s+|tới\s+)?(?:hết|cuối)\s+năm\s+nay(?!\w)"), "this_year"),
]
# what makes a year or period not the reporting period
_NOT_PERIOD_BEFORE = re.compile(
    fold_pattern(
        r"(?:so\s+với\s+(?:thời\s+điểm|mức|số\s+liệu|cùng\s+thời\s+điểm)|"  # `so với thời điểm cuối năm 2020`
        r"so\s+(?:với\s+)?(?:ước\s+)?(?:thực\s+hiện|kết\s+quả)|"  # `so với ước thực hiện năm 2024`: a base
        r"chuyển\s+nguồn|"  # `khoản thu chuyển nguồn năm 2017 mang sang`: last year's funds carried over
        # `gần gấp đôi cả năm 2023`, `gấp 1,5 lần so với năm 2020`: the base of a multiple
        r"gấp\s+(?:đôi|rưỡi|hai|ba|bốn|mười|[\d.,]+\s+lần)(?:\s+(?:so\s+với|so|cả|của))?|"
        # `đạt 190% dự toán, bằng 232% năm 2020`: the base of a ratio
        r"bằng\s+[\d.,]+\s*%(?:\s+(?:so\s+với|so|cả|của))?|"
        r"so\s+với|so|với|cùng\s+kỳ|nhiệm\s+kỳ|giai\s+đoạn|thời\s+kỳ|tầm\s+nhìn\s+đến|đến|từ|khóa|khoá|"
        # (a crop season: below; `dịch vụ trong quý I năm 2024`, `nhiệm vụ năm 2024` are no season)
        r"năm\s+học|niên\s+khóa|(?<!dịch\s)(?<!nhiệm\s)(?<!phục\s)(?<!nghĩa\s)vụ\s+(?!(?:mùa|xuân|chiêm|đông|hè|thu)(?!\w))\w+|"
        r"trước|ngày\s+\d{1,2}|giá\s+(?:so\s+sánh|ss)|giá\s+cố\s+định|"
        r"(?:\(\s*|theo\s+)giá|"  # `(giá năm 2010)`, `theo giá 2010`: the prices' base year
        # `do bão số 12 năm 2017 gây ra`, `trận lũ lịch sử năm 2020`, `hạn mặn năm 2016`: the year names a disaster,
        # not the period of the figures around it
        r"(?<!\w)(?:(?:cơn|trận|siêu)\s+bão(?:\s+\w+)?|bão\s+(?:số\s+\d{1,2}|lũ)|(?:trận|đợt)\s+lũ(?:\s+\w+)?|"
        r"lũ\s+(?:lụt|lịch\s+sử|quét)|hạn\s+(?:hán|mặn)|"
        r"xâm\s+nhập\s+mặn)\s+(?:năm\s+)?)\s*$"
    )
)


# a crop season right before a year (folded): `vụ đông xuân năm 2024`, `vụ mùa năm 2023`, `Vụ Xuân 2023`
_SEASON_BEFORE = re.compile(fold_pattern(r"(?<!\w)vụ\s+(?:đông\s+xuân|hè\s+thu|thu\s+đông|thu\s+mùa|xuân\s+hè|"
                                         r"chiêm\s+xuân|mùa|xuân|chiêm|đông|hè|thu)\s+(?:năm\s+)?$"))
_SEASON_BASE_BEFORE = re.compile(fold_pattern(
    r"(?<!\w)so\s+(?:với\s+)?(?:[^\s\d,;.]+\s+){0,2}vụ\s+\w+(?:\s+\w+)?\s+(?:năm\s+)?$"))


# `tăng 10% trở lên so với số xã đã được công nhận đạt chuẩn năm 2017`: the count compared with, of its year (a base,
# however many words name it)
_COUNT_BASE_BEFORE = re.compile(fold_pattern(r"(?<!\w)so\s+(?:với\s+)?(?:tổng\s+)?số\s+(?:[^\s\d,;.:()]+\s+){0,8}$"))


# the year of a plan a percentage is measured against (`đạt 51,8% kế hoạch vốn năm 2024`, `đạt 83% so với
# Nghị quyết của Tỉnh ủy năm 2024`): not the period of the figure
_PLAN_YEAR_BEFORE = re.compile(
    fold_pattern(r"%\s*(?:so\s+với\s+|so\s+)?(?:kế\s+hoạch|kh|dự\s+toán|nghị\s+quyết|nq|chỉ\s+tiêu|mục\s+tiêu)"
                 r"(?:\s+[^\s,;.%\d]+){0,5}\s*$")
)


def find_periods(key: str, masked: list[tuple[int, int]], tone_key: str | None = None) -> list[PeriodMention]:
    """Period mentions in document order; `key` is the folded text, `tone_key` its tones
    (`keys.tones`): a month written in words must carry its own (`tháng tư`, April; `tháng từ`)."""
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []  # disjoint, sorted: the last one starting before `e` is the only candidate
    masks = SpanIndex(masked)
    kinds: dict[int, str] = {}  # each mention's pattern, by its start
    for rx, kind in _PATTERNS:
        needle = _NEEDLES.get(kind)
        if needle is not None and needle not in key:
            continue  # (a pattern whose words the report never writes: no scan)
        for m in rx.finditer(key):
            s, e = m.span()
            i = bisect_left(taken, (e,))
            if i > 0 and taken[i - 1][1] > s:
                continue
            if masks.contains(s, e):
                continue
            if kind == "term_within" and _SPAN_NAME_BEFORE.search(key, max(0, s - 60), s):
                insort(taken, (s, e))  # `Bộ tiêu chí ... giai đoạn 2021-2025`, `chuẩn nghèo ... giai đoạn`: a name
                continue
            if kind == "lunar":
                insort(taken, (s, e))  # consumed: no period, and no month of one
                continue
            before = key[max(0, s - 24):s]
            pm = _past_term(key, s, e) if kind == "past_term" else _mention(kind, m, s, e)
            if pm is None:
                if kind == "meeting":  # `phiên họp thường kỳ tháng 11`: consumed, no month of the figures either
                    insort(taken, (s, e))
                continue
            if kind == "month_word" and tone_key is not None and not _month_tones(m, tone_key):
                continue
            plan_name = kind == "year" and _PLAN_NAME_BEFORE.search(key, max(0, s - 90), s) is not None
            not_period = _NOT_PERIOD_BEFORE.search(before) or _PLAN_YEAR_BEFORE.search(key[max(0, s - 48):s]) \
                or plan_name or _COUNT_BASE_BEFORE.search(key, max(0, s - 72), s) is not None
            horizon = kind == "year" and _HORIZON.search(before) is not None and not plan_name
            if not_period and not (kind == "year" and m.group().startswith(_DEN_CUOI)) and not horizon:
                insort(taken, (s, e))  # a comparison base or a term: not a period, but consumed
                continue
            insort(taken, (s, e))
            if pm.year is not None and (horizon or _PLAN_BEFORE.search(key, max(0, s - 60), s)):
                pm = PeriodMention(pm.start, pm.end, pm.year, pm.period, pm.relative, plan=True)
            if kind == "year" and pm.relative is None and _SEASON_BEFORE.search(before):
                # `vụ đông xuân năm 2024`: the season's year, no whole year: the report's period holds; `so với
                # (chính thức) vụ đông xuân năm 2023`: a base, no year of the figures
                if _SEASON_BASE_BEFORE.search(key[max(0, s - 48):s]):
                    continue
                pm = PeriodMention(pm.start, pm.end, pm.year, None, None, pm.plan)
            if pm.year is not None and pm.relative is None and _OF_FIGURE_BEFORE.search(before):
                pm = PeriodMention(pm.start, pm.end, pm.year, pm.period, None, pm.plan, of_figure=True)
            found.append(pm)
            kinds[pm.start] = kind
    found.sort(key=lambda p: p.start)
    past = next((p.start for p in found if kinds[p.start] == "past_term"), None)
    return [p for p in found if kinds[p.start] != "term_named" or (past is not None and p.start > past)]


# words a pattern cannot match without (folded): most reports name no term and write no date in words
_NEEDLES = {"past_term": fold("nhiệm kỳ"), "term_named": fold("nhiệm kỳ"), "as_of_words": fold("ngày"),
            "lunar": fold("âm lịch")}
_TERM = re.compile(fold_pattern(r"(?<!\w)nhiệm\s+kỳ\s+((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})(?!\d)"))


def _past_term(key: str, s: int, e: int) -> PeriodMention | None:
    """The term before the one the report names last (`nhiệm kỳ 2020-2025` ... `nhiệm kỳ vừa qua`): its last year."""
    terms = list(_TERM.finditer(key, 0, s))
    return PeriodMention(s, e, int(terms[-1].group(1)), "FY") if terms else None


# a name a span is part of (`Bộ tiêu chí về nông thôn mới giai đoạn 2021-2025`, `chuẩn nghèo đa chiều giai đoạn
# 2021-2025`, `Chương trình mục tiêu quốc gia ... giai đoạn`): its span dates no figure
_SPAN_NAME_BEFORE = re.compile(fold_pattern(
    r"(?<!\w)(?:tiêu\s+chí|chuẩn|chương\s+trình|kế\s+hoạch|đề\s+án|quy\s+hoạch|chiến\s+lược|nghị\s+quyết|dự\s+án|"
    r"phong\s+trào|cuộc\s+vận\s+động)(?!\w)[^,;.:()\d]{0,50}$"))
_DEN_CUOI = fold_pattern("đến cuối")
_DEN_HET = (fold("đến hết"), fold("tính đến hết"))
# the horizon in a plan's or scheme's name (`Đồ án điều chỉnh quy hoạch chung đô thị Diên Khánh đến năm 2040`): the
# name's year, no period of any figure
# (not `Theo đề án, đến năm 2025 ...`: a comma right after the plan word ends its name)
_PLAN_NAME_BEFORE = re.compile(fold_pattern(r"(?<!\w)(?:quy\s+hoạch|đồ\s+án|chiến\s+lược|đề\s+án)(?!\s*,)"
                                            r"[^.;:\n\d]{0,70}(?:đến|tới)\s*$"))
# a figure, its unit, then `của` (`4,84% của quý I/2024`, `mức 120 tỷ đồng của năm 2023`)
_OF_FIGURE_BEFORE = re.compile(fold_pattern(r"\d(?:[.,]\d+)*\s*(?:%|[^\W\d]+(?:\s+[^\W\d]+)?)?\s+(?:của|cho)\s*$"))
# `đến năm 2025 phấn đấu đạt ...`: the year a target is set for (a plan's year: it dates targets only);
# `từ ... đến năm 2025`, `so với ... đến` and `tầm nhìn đến năm 2030` (a plan's name) stay what _NOT_PERIOD_BEFORE says
_HORIZON = re.compile(fold_pattern(r"(?<!\w)(?<!từ\s)(?<!nhìn\s)(?:phấn\s+đấu\s+)?đến\s*$"))
# a plan's year: a plan word before it with no result word in between (`đánh giá tình hình ... năm 2022 và
# kế hoạch phát triển kinh tế - xã hội năm 2023`); not a plan carried out (`tình hình thực hiện kế hoạch phát triển
# kinh tế - xã hội năm 2022`: the year of its results)
_PLAN_BEFORE = re.compile(fold_pattern(
    # (`Sở Kế hoạch và Đầu tư`, the planning department, names no plan)
    # (`vượt nghị quyết năm 2025 đề ra`: a resolution's year dates its targets only)
    r"(?<!\w)(?:(?<!thực hiện )kế hoạch(?!\s+và\s+đầu\s+tư)|phương hướng|nhiệm vụ|mục tiêu|định hướng|"
    r"(?<!thực hiện )nghị quyết)"
    r"(?:(?!kết quả|tình hình|thực hiện|đánh giá)[^.;\n\d])*$"))


_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*\d{1,2}")


def _month_end_day(text: str) -> bool:
    """Whether a date is a month's last days (`đến ngày 30/6`): a flow counted to it runs to the month's end."""
    day = _DAY.search(text)
    return day is not None and int(day.group(1)) >= 28


def _month_tones(m: re.Match[str], tone_key: str) -> bool:
    word = next(w for w in MONTH_WORDS if fold(w) == m.group(1))
    return word_tones(tone_key[m.start(1):m.end(1)]) == word_tones(tones(word))


def _year(m: re.Match[str], group: int) -> int | None:
    g = m.group(group)
    return int(g) if g else None


_WORD_VALUES = {fold(w): n for w, n in NUMBER_WORDS.items()}


def _count(word: str) -> int:
    if word == fold("năm"):
        return 5
    return int(word) if word.isdigit() else _WORD_VALUES[word]


def _mention(kind: str, m: re.Match[str], s: int, e: int) -> PeriodMention | None:
    if kind == "months_edge":
        n, edge, year = _count(m.group(1)), m.group(2), _year(m, 3)
        if edge == "đâu":
            period = {3: "Q1", 6: "H1", 12: "FY"}.get(n, f"{n}M" if 1 < n < 12 else None)
        else:
            period = {3: "Q4", 6: "H2"}.get(n)
        return PeriodMention(s, e, year, period) if period else None
    if kind == "months":
        n = _count(m.group(1))
        if not 1 < n < 12:
            return None
        period = {3: "Q1", 6: "H1"}.get(n, f"{n}M")
        return PeriodMention(s, e, _year(m, 2), period)
    if kind == "as_of":
        n, year = int(m.group(1) or m.group(2)), int(m.group(3))  # (`31/8/2023` or `16-8-2018`)
        # its month for its own sentence only; its year dates what follows. A January cut-off closes the
        # year before (`đến ngày 31/01/2024 giải ngân đạt 98,6% kế hoạch`: a budget year's spending runs
        # to the end of the next January)
        if not 1 <= n <= 12:
            return None
        if n == 1:
            return PeriodMention(s, e, year - 1, "FY", "as_of")
        if n == 12 and _DAY_31.search(m.group(0)):  # `đến ngày 31/12/2022`: the year's end, a stock of the year
            return PeriodMention(s, e, year, "FY", "as_of")
        return PeriodMention(s, e, year, f"M{n:02d}", "as_of", to_end=_month_end_day(m.group()))
    if kind == "as_of_day":
        n = int(m.group(1))
        if n == 12 and _YEAR_END_DAY.search(m.group(0)):  # `đến ngày 31/12`: the year's end, a stock of the year
            return PeriodMention(s, e, None, "FY", "as_of")
        return PeriodMention(s, e, None, f"M{n:02d}", "as_of", to_end=_month_end_day(m.group())) \
            if 1 < n <= 12 else None
    if kind == "as_of_words":  # its month for its own sentence, like a date in figures
        n = int(m.group(1))
        return PeriodMention(s, e, _year(m, 2), f"M{n:02d}", "as_of") if 1 <= n <= 12 else None
    if kind == "half":
        return PeriodMention(s, e, _year(m, 2), "H1" if m.group(1) == fold("đầu") else "H2")
    if kind == "to_quarter_end":
        n = ROMAN.get(m.group(1)) or int(m.group(1))
        return PeriodMention(s, e, _year(m, 2), {1: "Q1", 2: "H1", 3: "9M", 4: "FY"}[n])
    if kind == "quarter":
        q = m.group(1)
        n = ROMAN.get(q) or int(q)
        return PeriodMention(s, e, _year(m, 2), f"Q{n}")
    if kind in ("term", "term_opening", "term_within"):
        first, last = int(m.group(1)), int(m.group(2))
        return PeriodMention(s, e, last, "FY", "term") if first < last else None
    if kind == "term_named":
        first, last = int(m.group(1)), int(m.group(2))
        return PeriodMention(s, e, last, "FY", plan=True) if first < last else None

    if kind == "quarters_first":
        n = _count(m.group(1))
        return PeriodMention(s, e, _year(m, 2), {1: "Q1", 2: "H1", 3: "9M", 4: "FY"}[n]) if 1 <= n <= 4 else None
    if kind == "quarter_edge":
        return PeriodMention(s, e, _year(m, 2), "Q1" if m.group(1) == fold("đầu") else "Q4")
    if kind == "month_word":
        word = next(w for w in MONTH_WORDS if fold(w) == m.group(1))
        if word in _MONTH_NEEDS_YEAR and not m.group(2):
            return None
        return PeriodMention(s, e, _year(m, 2), f"M{MONTH_WORDS[word]:02d}")
    if kind == "meeting":
        return PeriodMention(s, e, _year(m, 2), None) if _year(m, 2) else None
    if kind == "to_month_start":
        n = int(m.group(1))
        return PeriodMention(s, e, _year(m, 2), year_to_date(f"M{n - 1:02d}")) if 2 <= n <= 12 else None
    if kind == "month":
        n = int(m.group(1))
        if not 1 <= n <= 12:
            return None
        return PeriodMention(s, e, _year(m, 2), f"M{n:02d}", to_end=m.group().startswith(_DEN_HET))
    if kind == "year":
        return PeriodMention(s, e, int(m.group(1)), "FY")
    if kind == "season_year":  # as `vụ mùa năm 2023`: the season's year, no whole year (the report's period holds)
        return PeriodMention(s, e, int(m.group(1)), None)
    if kind == "this_month":
        return PeriodMention(s, e, None, None, "month")
    if kind == "to_date":
        return PeriodMention(s, e, None, None, "to_date")
    if kind == "to_date_year":
        return PeriodMention(s, e, int(m.group(1)), None, "to_date")
    if kind == "this_quarter":
        return PeriodMention(s, e, None, None, "quarter")
    if kind == "this_year":
        return PeriodMention(s, e, None, "FY", "year")
    return None


# an open bracket on the same period (`tăng 6,83% (cùng kỳ là 1,22%)`, `(cùng kỳ năm 2021 tăng ...`), not a comparison
# with it (`(so với cùng kỳ ...`, `(cùng kỳ ... so với ...`): the figures in it are that period's own
SAME_PERIOD_BEFORE = re.compile(r"\(\s*" + fold_pattern(r"cùng\s+kỳ(?:\s+năm\s+((?:19|20)\d{2}))?(?![^()]*so\s+với)")
                                + r"[^()]*$")


# the months from the year's start to a month's end other than a month or a quarter (`6 tháng đầu năm`, `9 tháng`)
YEAR_TO_DATE = frozenset({"H1", *(f"{n}M" for n in range(2, 12))})


def year_to_date(period: str) -> str:
    """The first months of the year up to a month's end: `tháng 10 ... lũy kế` is the 10 months
    (`10M`); three months are `Q1`, six `H1`, twelve `FY`. Other periods are returned unchanged."""
    if not (period.startswith("M") and period[1:].isdigit()):
        return period
    n = int(period[1:])
    return {1: "M01", 3: "Q1", 6: "H1", 12: "FY"}.get(n, f"{n}M")


def period_start(year: int, period: str) -> date:
    """First day of a period."""
    month = 1
    if period == "H2":
        month = 7
    elif period.startswith("Q"):
        month = 3 * int(period[1]) - 2
    elif period.startswith("M"):
        month = int(period[1:])
    return date(year, month, 1)


def period_end(year: int, period: str) -> date:
    """Last day of a period, to tell whether it was over when the report was written."""
    month = 12
    if period.startswith("H"):
        month = 6 if period == "H1" else 12
    elif period.startswith("Q"):
        month = 3 * int(period[1])
    elif period.endswith("M"):
        month = int(period[:-1])
    elif period.startswith("M"):
        month = int(period[1:])
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1).fromordinal(date(year, month + 1, 1).toordinal() - 1)
