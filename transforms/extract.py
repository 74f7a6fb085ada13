"""Facts from one cleaned report: every figure with its indicator, role, period and status.

The sentence loop: each number of each sentence, in order, is read by the grammar
(`transforms.grammar`): masked when it is no fact (`masks`), given its indicator (`indicator`),
its role, base, qualifier and scope (`roles`), then the period and status in force where it
stands (`periods`, `status`), and linked to the level it qualifies or the total it is a part of.
Whatever one sentence establishes (the last indicator of a paragraph, the period, a list of
targets) carries to the next through this loop's state, and nowhere else. The readings it calls
are in `transforms.reading`: the document and its look-ups (`document`), a figure's indicator
(`metric`), the fact it becomes (`fact`), its period and status (`timing`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace

from transforms.grammar.indicator import (
    AliasHit,
)
from transforms.grammar.keys import fold, tones
from transforms.grammar.masks import Masks, fold_pattern
from transforms.grammar.numbers import Mention, find_mentions
from transforms.grammar.periods import (
    SAME_PERIOD_BEFORE,
    YEAR_TO_DATE,
    PeriodMention,
    find_periods,
    period_start,
    year_to_date,
)
from transforms.grammar.tables import table_readings
from transforms.locality import DocLocality, another_place, find_locality
from transforms.numbers import separator_habit
from transforms.reading.document import (
    ASIDE,
    BASE_PERIOD,
    BULLET,
    LIST_FIGURE,
    PLANNED,
    YEAR_BASES,
    Document,
    SentenceFacts,
    running_total,
)
from transforms.reading.fact import part_after_breakdown, read_fact, total_above_list
from transforms.reading.level import by_level
from transforms.reading.records import EXTRACTOR_VERSION, Extraction, Fact, NumberRead, fact_id
from transforms.reading.reported import report
from transforms.reading.timing import (
    SAME_PERIOD_YEAR,
    YEAR_IN,
    default_year_of,
    estimate_of_another_clause,
    level_year,
    month_of_base,
    only_a_date,
    own_period,
    period_after,
    reference_date,
    reports_results,
    resolve_growth_base,
    respective_periods,
    section_year_of,
    year_stated_in,
)
from transforms.reference import Alias, Reference
from transforms.text import PHOTO_CAPTION, CleanText

__all__ = ["EXTRACTOR_VERSION", "Extraction", "Fact", "NumberRead", "extract", "extract_at", "fact_id"]


# the numbering opening a heading (`II.`, `1.`, `a)`), which dates nothing
_HEADING_NUMBER = re.compile(r"\s*(?:[IVXLC]+|\d{1,2}|[a-zđ])[.)]\s+")
_FLOW_UNITS = ("VND", "USD", "tonne")  # amounts that accrue over a period: money and output
_TALLY_FRACTION = re.compile(r"\d\s*/\s*\d")  # `15/17 chỉ tiêu`: a tally written as a fraction of its total

_QUARTER_END_MONTHS = frozenset({"M03", "M06", "M09", "M12"})


def extract(doc_id: str, clean: CleanText, ref: Reference, source_name: str = "") -> Extraction:
    """Every fact of one cleaned report, its unit found from its own text (transforms/locality.py)."""
    return extract_at(doc_id, clean, ref, find_locality(clean.text, clean.title, ref), source_name)


def extract_at(doc_id: str, clean: CleanText, ref: Reference, where: DocLocality | None,
               source_name: str = "") -> Extraction:
    """Every fact of one cleaned report, and every number read with why it is or is not one. `where` is the
    report's unit (None: not known), which decides a bare figure's indicator by level and leaves out other places'.
    `source_name` (the file's name) dates a report whose text names no year at all."""
    level = where.level if where is not None else None
    doc = Document(doc_id, clean, ref)
    doc.level = level
    text, key, g = doc.text, doc.key, doc.g
    habit = separator_habit(text)
    sentences = doc.sentences
    masks = Masks(key, g.mask_rules, lambda pos: g.counted_after(key, pos))
    mask_spans = masks.spans() + [(h.start, h.end) for h in doc.subjects]
    all_mentions = find_mentions(text, key, ref.units, habit, [])
    kept_mentions = [replace(m, points=True) if m.unit == "percent" and not m.points
                     and g.contribution_before.search(key, max(0, m.start - 24), m.start)
                     and g.contribution_after.match(key, m.end) else m
                     for m in find_mentions(text, key, ref.units, habit, sorted(mask_spans))]
    kept_spans = {(m.number_start, m.number_end) for m in kept_mentions}
    periods = find_periods(key, masks.spans("date", "document number"), doc.tone_key)
    period_starts = [p.start for p in periods]
    to_end_at = {p.start for p in periods if p.to_end}
    plan_starts = {p.start for p in periods if p.plan}
    doc.periods = [(p.start, p.end, p.period or "") for p in periods]
    ref_date = reference_date(doc)
    out = Extraction(sentences=sentences)
    for s in sentences:
        if s.is_heading:
            lo = bisect_left(period_starts, s.start)
            named = [p for p in periods[lo:bisect_left(period_starts, s.end)] if p.period]
            if named and only_a_date(doc, s, named):
                continue  # `Thứ năm, 15 Tháng 3 2018`, `Tháng 4/2025`: when it was written, not what it is about
            for p in named:
                if _TAIL_MONTHS in doc.key[p.start:p.end]:
                    continue  # `triển khai nhiệm vụ 3 tháng cuối năm 2023`: the months left, the tasks' period
                if g.tasks_before.search(doc.key, max(s.start, p.start - 40), p.start) \
                        and not g.results_heading.search(doc.key, s.start, p.start):
                    # `Thành ủy Pleiku triển khai các nhiệm vụ trọng tâm quý II-2024`: the tasks' period ahead (not the
                    # results of tasks: `Kết quả thực hiện nhiệm vụ chính trị 3 tháng đầu năm 2022`)
                    continue
                if doc.status.before(s.start, p.start) == "target":
                    continue  # `Du khách ... được dự báo sẽ tăng mạnh trong tháng 12/2022`: a period looked ahead to
                out.headings.append((s.index, p.start, p.year, p.period))

    sent_starts = [s.start for s in sentences]
    for m in all_mentions:  # reasons for numbers that were masked
        if (m.number_start, m.number_end) in kept_spans:
            continue
        reason = masks.reason(m.number_start) or "part of an indicator name"
        k = bisect_right(sent_starts, m.start) - 1
        index = sentences[k].index if k >= 0 and m.start < sentences[k].end else -1
        out.numbers.append(NumberRead(doc_id, m.number_start, m.number_end, text[m.number_start:m.number_end],
                                      None, None, index, None, reason))

    year: int | None = None
    result_year: int | None = None  # the last year named that is not a plan's: the year of results
    horizon_at = -1  # where the last later year a sentence sets its figures for was named (`Đến năm 2025`)
    result_period: tuple[str, int] | None = None  # the last period named that is not a plan's, and where
    period: str | None = None
    period_at: int | None = None
    last_of: dict[str, str] = {}  # the last month (`M07`) and quarter (`Q1`) named, for `trong tháng`
    ctx: AliasHit | None = None  # the indicator of the last level read, for clauses that elide it
    ctx_para = -1
    last_alias: Alias | None = None  # the indicator of the last figure read (any role), for concept words
    last_para = -1
    para_facts: list[Fact] = []  # the facts of the current paragraph, for parts of a total stated earlier
    para_of_facts = -1
    list_open = prev_bullet = False  # a line ended with `:`; the last line was a bullet
    list_status: str | None = None  # the status a list's lead names, for its items that name none
    before_item: tuple | None = None  # the year and period in force before a list item named one of its own
    prev_facts: list[Fact] = []
    last_targets = (-1, -1)  # the span of the last sentence whose figures are all targets
    default_year = default_year_of(clean, periods, key, source_name)
    published_year = clean.published_on.year if clean.published_on else default_year
    pi = 0
    prev_status_target_sentence = -2
    prev_estimate_sentence = -2  # the last sentence whose last figure is an estimate
    prev_figure_sentence = -2  # the last sentence with figures of its own
    prev_override: tuple[int, tuple[str, int] | None, int | None] = (-2, None, None)  # its relative period at its end
    section_target, section_year = False, None  # under a heading of tasks and targets (for a year)
    section_dated = False  # that heading dates its targets and has no figure: its topics' sub-headings keep it
    section_part_named = False  # whether that heading names a part of a year (`Nhiệm vụ quý IV/2023`)
    section_period: str | None = None  # the only period the section sets targets for (a headline's own)
    estimated_periods: set[str] = set()  # the periods a heading says are estimated (`ước tháng 9 và 9 tháng`)
    target_para, target_year = -1, None  # a paragraph that set targets for a year: its later figures of that year
    target_period: str | None = None  # (and of that period)
    kept_starts = [m.number_start for m in kept_mentions]
    brackets = [(b.start(), b.start(1), b.end()) for b in g.respectively.finditer(key)]  # `tương ứng` brackets
    # and clauses that name no indicator of their own (`tỷ lệ hộ nghèo và cận nghèo lần lượt là ...` do)
    # (not when the clause names as many sectors as it gives figures: those are the sectors', in order)
    brackets += [(b.start(), b.start(1), b.end()) for b in g.respectively_clause.finditer(key)
                 if not any(doc.lefts_nearest_first(b.start(), b.start(1)))
                 and not any(b.start() <= x[0] < b.end() for x in brackets)
                 and doc.sector_items(b.start(), b.start(1), len(LIST_FIGURE.findall(b.group(1)))) is None]
    brackets.sort()
    read_by_id: dict[str, Fact] = doc.read_by_id  # every fact read so far
    for sent in sentences:
        # `828.000 khách quốc tế tới Ninh Bình trong 8 tháng ... - Ảnh 1.`: the state a caption leaves untouched
        caption = (year, result_year, period, period_at, result_period) if PHOTO_CAPTION.search(sent.text) else None
        ms = kept_mentions[bisect_left(kept_starts, sent.start):bisect_left(kept_starts, sent.end)]
        if g.growth_in.search(key, sent.start, sent.end):
            ms = [replace(m, points=True) if m.unit == "percent" and not m.points and g.contribution_pct.search(
                key, max(sent.start, m.number_start - 24), m.number_start) else m for m in ms]
        ms_starts = [m.number_start for m in ms]
        sent_facts = SentenceFacts()
        attained = g.roles.attainment.search(key, sent.start, sent.end) is not None
        sent_is_continuation = g.continuation.search(key, sent.start, min(sent.end, sent.start + 40)) is not None \
            or g.follow_on.match(key, sent.start) is not None  # `Theo đó, tốc độ tăng trưởng GRDP ...`
        # a `Trong đó ...` sentence right after a sentence of targets continues the list of targets
        carried_target = sent_is_continuation and prev_status_target_sentence == sent.index - 1
        # and one right after an estimate continues the estimate (`... ước đạt 9.519 tỷ đồng. Trong đó: chi đầu tư
        # phát triển đạt 2.363,59 tỷ đồng`): the breakdown of an estimated figure is estimated too
        # (or the last sentence with figures of its own, a remark with none between: `... GRDP ước tính tăng 6,01%.
        # Đây là mức tăng cao nhất ... giai đoạn 2020 - 2025.` then `Cụ thể, khu vực nông, lâm nghiệp và thủy sản tăng
        # 1,96%`)
        carried_estimate = sent_is_continuation and (prev_estimate_sentence == sent.index - 1 or (
            prev_estimate_sentence == prev_figure_sentence >= 0 and sent.index - prev_figure_sentence <= 2))
        if sent.is_heading:  # `II. NHIỆM VỤ, GIẢI PHÁP NĂM 2024` opens a section of targets, any other closes it
            # a headline with a measured figure of its own (`... đặt mục tiêu GRDP tăng 7% trong năm 2024`) sets
            # the year's targets, not the quarter's results the news then gives
            own_figure = any(x.unit is not None for x in ms)
            # (a topic's sub-heading, `Cơ cấu kinh tế`, `1. Về văn hóa - xã hội`, naming no task, result, year or
            # figure, is a part of the section it stands in: targets stay targets)
            topic_only = not own_figure and not any(c.isdigit() for c in _HEADING_NUMBER.sub("", sent.text, count=1)) \
                and g.result_heading.search(key, sent.start, sent.end) is None
            # (kept only under a heading of targets that dates them and has no figure of its own, `II. Mục tiêu chủ
            # yếu năm 2015`, `Những chỉ tiêu ... nhiệm kỳ 2020 - 2025`: a headline, `An Phú giữ vững "mục tiêu kép"`,
            # `Hà Tĩnh đặt mục tiêu ... 168 triệu đồng`, is news of results that names a goal)
            if not (section_target and topic_only and section_dated):
                section_target = (g.target_heading.search(key, sent.start, sent.end) is not None
                                  and not reports_results(g, key, sent))
                section_dated = not own_figure and any(c.isdigit() for c in sent.text)
                section_period = "FY" if own_figure else None
                # of the year it names and later: `... các nhiệm vụ trọng tâm năm 2024` over a review of 2023
                section_year = section_year_of(key, sent) if section_target else None
            section_part_named = any(sent.start <= p.start < sent.end and p.period not in (None, "FY") for p in periods)
            # `Tình hình kinh tế - xã hội ước tháng 9 và 9 tháng năm 2018`: a heading with no figure of its own
            # that estimates its periods makes the section's figures of those periods estimates
            # (`Đánh giá kết quả 9 tháng, ước thực hiện cả năm 2024`: only those named after the cue)
            # (a sub-heading naming no period, `1. Hoạt động tài chính`, keeps the estimated periods of the one above)
            named_here = [p for p in periods if sent.start <= p.start < sent.end]
            if own_figure:
                estimated_periods = set()
            elif named_here:
                estimated_periods = {p.period for p in named_here
                                     if doc.status.before(sent.start, p.start + 1) == "estimate"}
        if sent.paragraph != target_para:
            target_para, target_year, target_period = sent.paragraph, None, None
        override: tuple[str, int] | None = None  # a relative period, for the rest of this sentence
        override_year: int | None = None  # a term's last year (`bình quân giai đoạn 2021-2024`), likewise
        if sent_is_continuation and prev_override[0] == sent.index - 1 and prev_override[1] is not None \
                and prev_override[1][0].startswith("M") and not any(sent.start <= p.start < sent.end for p in periods):
            # `Tính đến 13/11/2017 tổng diện tích gieo trồng ... ước đạt 33.902 ha. Trong đó cây ngô ... 18.500 ha`:
            # a breakdown naming no period of its own is of the cut-off the sentence before it named
            override, override_year = prev_override[1], prev_override[2]
        in_list = BULLET.match(sent.text) is not None and (list_open or prev_bullet)
        # an item of a list a lead opened (`... cụ thể như sau:`) is dated by what dated the list, not by a period the
        # item before it named for its own figures
        # (`- Tổng thu ngân sách Nhà nước 8 tháng ước đạt ...` then `- Ước tính chỉ số sản xuất công nghiệp tăng
        # 6,68%` in a list of 9 months' results)
        if in_list and list_open and before_item is not None:
            year, result_year, period, period_at, result_period = before_item
        before_item = None
        if in_list:  # a bullet line of a list continues the paragraph that opened the list
            ctx_para = last_para = para_of_facts = sent.paragraph
        elif (g.breakdown_lead.match(key, sent.start) or g.carry_on_lead.match(key, sent.start)) \
                and ctx is not None and doc.earlier and doc.earlier[-1] is ctx.alias:
            # `Xét theo ngành, ...`: the indicator just read, broken down; `Lũy kế cả năm ...`: added up
            ctx_para = last_para = sent.paragraph
            whole = _whole_of_listed_part(doc, out.facts, ctx.alias.code) \
                if g.carry_on_lead.match(key, sent.start) else None
            if whole is not None:
                # `... thủy sản tháng 7 ước đạt 53.750 tấn ... Trong đó, sản lượng tôm 20.820 tấn` then `Lũy kế 7 tháng
                # ước đạt 373.539 tấn`: the running total of the whole, not of the part listed under it last
                ctx = AliasHit(ctx.start, ctx.end, g.metric_alias(whole.metric))
                last_alias = ctx.alias
        elif g.list_start.match(key, sent.start) and ctx is None and out.facts \
                and doc.sentences[out.facts[-1].sentence_index].paragraph == sent.paragraph - 1:
            # `... GRDP ... năm 2024 ước đạt 10,2%` then a paragraph `Cụ thể, quý I/2024 tăng 10,19%, ...`: the details
            # of the indicator just read (a change, so no level governs), in the next paragraph
            read = out.facts[-1]
            last_alias, last_para = g.metric_alias(read.metric), sent.paragraph
            ctx, ctx_para = AliasHit(read.char_start, read.char_start, last_alias), sent.paragraph
        if sent.paragraph != ctx_para:
            ctx = None
        if sent.paragraph != para_of_facts:
            para_facts, para_of_facts = [], sent.paragraph
        # `(... tương ứng quý I năm 2023: a; b; c)`: the same indicators again, in order, for another period
        respective = [b for b in brackets if sent.start <= b[0] < sent.end]
        asides = [(b.start(), b.end()) for b in ASIDE.finditer(key, sent.start, sent.end)]
        aside_end, before_aside = -1, (year, result_year, period, period_at, result_period)
        for m in ms:
            if 0 <= aside_end <= m.start:  # `(năm 2021 tăng 6,6%)`: an aside's year dates only its own figures
                year, result_year, period, period_at, result_period = before_aside
                aside_end = -1
            bracket = next((b for b in respective if b[1] <= m.start < b[2]), None)
            if bracket is not None:
                fact = _respective_fact(doc, m, ms, bracket, sent_facts, periods)
                if fact is not None:
                    out.facts.append(fact)
                    out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                                  sent.index, fact.fact_id, None))
                    continue
            while pi < len(periods) and periods[pi].start < m.start:
                p = periods[pi]
                if in_list and list_open and before_item is None and p.start >= sent.start:
                    before_item = (year, result_year, period, period_at, result_period)
                if (p.of_figure and not (_LEADS_A_LIST.match(key, p.end)
                                         and _RATE_OF.search(key, max(0, p.start - 24), p.start))) \
                        or any(b[0] <= p.start < b[2] for b in brackets):  # a bracket's period frames its own
                    pi += 1  # figures; `4,84% của quý I/2024` its one (but `Trong mức tăng chung 7,71% của 9 tháng
                    continue  # năm 2024: khu vực ...` frames the breakdown its colon opens)
                aside = next((a for a in asides if a[0] < p.start < a[1]), None)
                if aside is not None and aside_end < 0 and (p.year is not None or p.period is not None) \
                        and not p.plan and any(p.start < x.start < aside[1] for x in ms):
                    # (`tăng 8,67% (quý I tăng 8,47%, ...; quý III tăng 10,15%)`: the quarters are the aside's own)
                    aside_end, before_aside = aside[1], (year, result_year, period, period_at, result_period)
                if p.relative == "as_of" and p.year is not None:  # the cut-off's year dates what follows
                    year = result_year = p.year
                if p.relative == "to_date" and p.year is not None:  # `Từ đầu năm 2023 đến nay`: its year too
                    year = result_year = p.year
                if p.relative == "to_date" and ("M" in last_of or "Q" in last_of or "YTD" in last_of):
                    # `Lũy kế từ đầu năm đến nay, ...`: the months to date of the month last named, from here on (of the
                    # quarter, when only a quarter was: `quý I/2024 ... Từ đầu năm đến nay ...` is the first quarter;
                    # else the months to date last named: `6 tháng đầu năm 2022 ... Năm 2022, ... từ đầu năm 2022 đến
                    # nay huyện mới giải ngân được 397.875 triệu đồng` is the half year)
                    last = last_of["M"] if "M" in last_of else f"M{3 * int(last_of['Q'][1]):02d}" \
                        if "Q" in last_of else last_of["YTD"]
                    period, period_at = year_to_date(last), p.start
                    result_period = (period, p.start)
                    override, override_year = None, None
                elif p.relative is not None:
                    if p.start >= sent.start:
                        named = {"month": last_of.get("M"), "quarter": last_of.get("Q")}.get(p.relative, p.period)
                        override = (named or period or "FY", p.start)
                        override_year = p.year if p.relative == "term" else None
                else:
                    # `..., để thành phố tăng trưởng từ 10% trở lên trong năm 2025.`: a period named in a sentence of
                    # targets only, after its figures, dates those targets, not the results read after it
                    of_targets = last_targets[0] <= p.start < last_targets[1]
                    if p.year is not None:
                        year = p.year
                        if not p.plan and not of_targets:
                            result_year = p.year
                        elif p.start >= sent.start and p.year > (result_year or 0):
                            horizon_at = p.start  # `Đến năm 2025, ...`: a later year the sentence sets its figures for
                    if p.period is not None:
                        period, period_at = p.period, p.start
                        if not p.plan and not of_targets:
                            result_period = (p.period, p.start)
                        if p.period[0] in "MQ":
                            last_of[p.period[0]] = p.period
                        elif p.period in YEAR_TO_DATE:
                            last_of["YTD"] = p.period  # (`6 tháng đầu năm`, `9 tháng`: the months to date)
                    elif p.year is not None and period is None:
                        period, period_at = "FY", p.start
                    if p.period is not None:  # (a season's year, `vụ thu mùa năm 2023`, ends no cut-off named
                        override, override_year = None, None  # before it: `đến ngày 15/10/2023, ... vụ thu mùa ...`)
                pi += 1
            k = bisect_left(ms_starts, m.end)
            nxt = ms_starts[k] if k < len(ms_starts) else sent.end
            fact, reason, used = read_fact(doc, sent, m, sent_facts, nxt,
                                            ctx if ctx_para == sent.paragraph else None, prev_facts,
                                            last_alias if last_para == sent.paragraph else None, para_facts)
            if fact is None:
                out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                              sent.index, None, reason))
                continue
            # (the same period a year before, stated after a figure: its period is the figure's, its year its own)
            pinned = (fact.period_year, fact.period) if fact.metric_how == BASE_PERIOD else None
            parent = read_by_id.get(fact.parent_fact_id) if fact.parent_fact_id else None
            if parent is not None and parent.sentence_index != sent.index and fact.role != "part":
                parent = None  # only a part takes a total of an earlier sentence (its period)
            # (a range's low end is dated by what is named after its high end: `GRDP 9–10% trong năm 2026`)
            ranged = m.range_part == "low" and k < len(ms) and ms[k].range_part == "high"
            dated_to = (ms_starts[k + 1] if k + 1 < len(ms) else sent.end) if ranged else nxt
            own = own_period(periods, period_starts, sent, m, dated_to) or level_year(periods, period_starts, key, m,
                                                                                      g.roles)
            if own is None and aside_end >= 0 and m.start < aside_end:
                own = periods[pi - 1]  # `(năm 2021 tăng 6,6%)`: the aside names the figure's own period
            if own is not None:  # `thấp hơn mức tăng 11,2% của năm 2022`: another period's figure, no child
                parent, fact.parent_fact_id = None, None
            elif parent is not None and fact.role != "part" and _period_between(periods, period_starts, doc, parent, m):
                # `tháng 5 đạt 34 triệu USD, lũy kế 5 tháng đạt 45,7% kế hoạch`: a ratio after another period named
                # since its level is that period's, not the level's
                parent, fact.parent_fact_id = None, None
            if parent is not None and fact.role != "part":
                fact.period_year, fact.period, fact.status = parent.period_year, parent.period, parent.status
                fact.period_stated_at = parent.period_stated_at
                resolve_growth_base(fact, key)
                if fact.comparison_base in YEAR_BASES and fact.base_year is None and parent.period_year:
                    fact.base_year = parent.period_year - 1
                if fact.comparison_base == "prior_period" and fact.base_year is None:
                    fact.base_year = parent.period_year
            else:
                fact.period_year = year or default_year
                if override_year is not None and override is not None:
                    fact.period_year = override_year
                fact.period = override[0] if override else (period or "FY")
                fact.period_stated_at = override[1] if override else period_at
                after = own or period_after(periods, period_starts, sent, m, dated_to, key, g.period_right_after)
                if after is not None:  # `đạt 120 tỷ đồng trong 6 tháng đầu năm 2023`: named after the figure
                    # (a period named without its year, `quý I tăng 7,63%`, keeps the year in force)
                    fact.period_year = after.year if after.year is not None else fact.period_year
                    fact.period, fact.period_stated_at = after.period, after.start
                elif running_total(doc, m.number_start):  # `tháng 10 ... 895,5 tỷ đồng, lũy kế ước đạt
                    fact.period = year_to_date(fact.period)  # 7.693,4 tỷ đồng`: the months to date
                elif (month := month_of_base(doc, sent, fact)) is not None:
                    fact.period = month

                cue = doc.status.before(sent.start, m.start)
                if cue == "estimate" and not in_list and estimate_of_another_clause(doc, sent, m):
                    cue = None
                if cue is None and in_list:
                    cue = list_status
                if cue == "estimate" and after is not None and after.of_figure:
                    cue = None  # `ước tính tăng 6,72%, cao hơn mức tăng 4,84% của quý I/2024`: a past result
                # a year over before the report was written is no year targets are set for (`năm 2020 GRDP bình quân
                # đầu người ... đạt 3.249 USD` under `Tây Ninh đặt mục tiêu ...` dated 09/10/2025), nor a horizon
                # (`Đến năm 2020, giá trị sản xuất ... đạt 16.868 tỷ đồng` dated 11/2021: what was reached by then)
                past = bool(ref_date and fact.period_year and fact.period_year < ref_date.year)
                in_section = section_target and (section_year is None or (fact.period_year or 0) >= section_year) \
                    and not past \
                    and (section_period is None or fact.period == section_period) \
                    and not attained \
                    and (section_part_named or fact.period in (None, "FY"))
                # (`đạt 52,29% kế hoạch` under a heading of targets: a result; so is `trong 9 tháng năm 2022, ... đạt
                # 4.021,9 tỷ đồng` under `... phấn đấu hoàn thành các chỉ tiêu năm 2022`: targets are set for years,
                # a part of the year is a result unless the heading names such parts)
                if cue is None and horizon_at >= sent.start and own is None and after is None and not past:
                    cue = "target"
                elif cue == "estimate" and horizon_at >= sent.start and own is None and after is None \
                        and doc.status.any_in(sent.start, horizon_at, "target") \
                        and not any(horizon_at < p.start < m.start for p in periods):
                    cue = "target"  # `thống nhất mục tiêu năm 2026 ..., trong đó ..., tổng vốn đầu tư ước đạt 168
                    #                  nghìn tỷ đồng`: an estimate said of the later year a sentence sets targets for
                # (not in a sentence that measures a result against its plan: `được giao chỉ tiêu thu ngân sách là 184,6
                # tỷ đồng` then `tổng thu ngân sách ... năm 2016 đạt 287 tỷ 824 triệu đồng, bằng 175% dự toán`)
                of_target_period = target_year is not None and fact.period_year == target_year \
                    and (target_period is None or fact.period == target_period) \
                    and not (attained and g.result_verb.search(key, sent.start, sent.end))
                if of_target_period and period_at in plan_starts and period_at < sent.start and override is None \
                        and own is None and after is None and result_period is not None:
                    # `..., vượt ... so với kế hoạch đề ra đầu năm 2022 là 8,42%. Các thị trường ... tăng 12,09%`: the
                    # period a plan was named by in an earlier sentence is not this result's (it is the 9 months')
                    of_target_period = False
                if cue is None and (carried_target or in_section or of_target_period):
                    cue = "target"
                if cue is None and (fact.period in estimated_periods or carried_estimate):
                    cue = "estimate"
                status = cue or "actual"
                if parent is not None and fact.role == "part":
                    if parent.sentence_index == sent.index:  # a part in a sentence of its own has its own cue
                        status = parent.status
                    fact.period_year, fact.period = parent.period_year, parent.period
                    fact.period_stated_at = parent.period_stated_at
                if (status == "actual" and ref_date and fact.period_year and fact.period
                        and period_start(fact.period_year, fact.period) > ref_date):
                    status = "target"  # a period not begun when the report was written: a plan (a part's own
                    #                    period is its total's: the date line's month does not date it)
                fact.status = "target" if fact.metric_how == PLANNED else status
                if fact.status == "target" and year is None and default_year != published_year \
                        and fact.period_year == default_year and override is None and after is None:
                    # (a report dated early in the year reviews the year before; its targets named before any year
                    # are of the date line's own year: `Huyện Sóc Sơn phấn đấu 100% số xã đạt chuẩn` dated 28/01/2019)
                    fact.period_year = published_year
                if fact.metric_how == PLANNED and after is None:
                    fact.period = "FY"  # `(KH năm tăng 6,8%)`, `480.000/540.000 con`: the year's plan
                if fact.status != "target" and override is not None and override_year is None and own is None \
                        and after is None and result_year is not None and not (past and horizon_at >= sent.start):
                    # `... mục tiêu ... đặt ra đến năm 2025. ... Cả năm, giá trị sản xuất toàn ngành tăng 2,1%`: a
                    # period named without its year (the whole year, the month) is of the last year results were
                    # named for, not of a plan's horizon named since
                    fact.period_year = result_year
                if fact.status != "target" and override is None and own is None:
                    if result_year is not None and not (past and horizon_at >= sent.start) \
                            and (after is None or after.year is None
                                 or not g.period_right_after.fullmatch(key, m.end, after.start)):
                        # (a horizon over when the report was written is the result's own year; a year named right
                        # after the figure is its own: `chiếm 56,1% năm 2006, chiếm 32,71% năm 2015`)
                        fact.period_year = result_year  # a result, though a plan's year was named since
                    if after is None and result_period is not None and period_at != result_period[1] and not (
                            parent is not None and fact.role == "part"):  # a part's period is its total's
                        fact.period, fact.period_stated_at = result_period  # `(kế hoạch năm 2023 là 7,5%)`
                        #                                                     does not end the 9 months
                if after is None and not year_stated_in(periods, sent):
                    # `6 tháng đầu năm ..., tăng 6,4% so với cùng kỳ năm 2022`: a year carried from an earlier
                    # sentence cannot be the base's own year; the sentence's base dates the figure
                    said = SAME_PERIOD_YEAR.search(key, sent.start, sent.end)
                    if said is not None and fact.period_year is not None and fact.period_year <= int(said.group(1)):
                        fact.period_year = int(said.group(1)) + 1
                resolve_growth_base(fact, key)
                if fact.comparison_base in YEAR_BASES and fact.base_year is None and fact.period_year:
                    fact.base_year = fact.period_year - 1
                if fact.comparison_base == "prior_period" and fact.base_year is None:
                    fact.base_year = fact.period_year
            if fact.period_stated_at in to_end_at and fact.period and fact.period.startswith("M") \
                    and (fact.unit in _FLOW_UNITS or fact.metric in g.flow_counts) \
                    and fact.metric not in g.stock_amounts:
                # `tính đến hết tháng 6, giải ngân đạt 520 tỷ đồng`: a flow counted to a month's end is the months to
                # date (CONTRACT: `nM`); a stock as of then keeps the month (`... có 12.700 doanh nghiệp`)
                fact.period = year_to_date(fact.period)
            elif fact.period and fact.period.startswith("M") and fact.period_stated_at is not None \
                    and fact.metric not in g.stock_amounts \
                    and _CUT_OFF.match(key, fact.period_stated_at) \
                    and g.running.search(key, max(0, fact.period_stated_at - 24), fact.period_stated_at):
                # `Tính cộng dồn đến tháng 8, chỉ số sản xuất công nghiệp tăng 8,6%`: a running total to a month is the
                # months to date, whatever it measures (the month alone is `tháng 8 tăng 14,9%`)
                fact.period = year_to_date(fact.period)
            elif fact.period in _QUARTER_END_MONTHS and (fact.metric in g.quarterly_metrics
                                                          or g.concepts.head_of_metric.get(fact.metric)
                                                          in g.quarterly_heads):
                # `Tình hình ... tháng 9 năm 2024` over `Tổng sản phẩm trong tỉnh ... ước thực hiện 46.427 tỷ đồng`: an
                # economy's product is measured by quarters, so a month's report gives it to the quarter's end
                fact.period = year_to_date(fact.period)
            if pinned is not None:
                fact.period_year, fact.period, fact.status = pinned[0], pinned[1], "actual"
            set_out_of = parent is not None and parent.sentence_index == sent.index \
                and _TALLY_FRACTION.search(key, parent.char_end, fact.char_end + 3) is None \
                and g.total_intro.search(key, max(sent.start, parent.char_start - 24), parent.char_start)
            split_tally = parent is not None and parent.metric == fact.metric and parent.sentence_index == sent.index \
                and _FRACTION_AFTER.match(key, fact.char_end) is None  # (not `có 4/14 chỉ tiêu`: a fraction of its own)
            if fact.role == "part" and fact.metric in g.outcome_tallies and not set_out_of and not split_tally and not (
                    parent is not None and g.subset_marker.search(key, parent.char_end, fact.char_start)):
                # `16/17 chỉ tiêu đạt`, `đạt và vượt 17 chỉ tiêu` under a total stated before: dated by the total, a
                # level of its own code (after `trong đó` a subset of the figure before: a part; and a part of the total
                # its sentence sets them out of, `Trong tổng số 16 chỉ tiêu có 13 chỉ tiêu đạt`: CONTRACT, part when
                # the text states the total; and a split of its own tally, `20/20 chỉ tiêu đạt và vượt (14 chỉ tiêu
                # vượt, 6 chỉ tiêu đạt)`: parts)
                fact.role, fact.parent_fact_id, fact.part_list = "level", None, None
            total = total_above_list(doc, sent, fact) or part_after_breakdown(doc, sent, fact, prev_facts)
            if total is not None:
                fact.role, fact.parent_fact_id, fact.part_list = "part", total.fact_id, "partial"
            implausible = ref.out_of_bounds(fact.unit, fact.value, fact.period_year)
            if implausible is not None:  # the contract holds by construction: such a reading is no fact
                out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                              sent.index, None, implausible))
                continue
            if fact.status == "target":
                prev_status_target_sentence = sent.index
                if fact.metric_how != PLANNED and not doc.status.clause_bound(sent.start, m.start):
                    # (the period too: `phấn đấu ... 14-16%` for the year does not make `Trong 6 tháng đầu năm
                    # 2011, ... đạt 644,9 tỷ đồng` a target)
                    target_year, target_period = fact.period_year, fact.period
            sent_facts.append(fact)
            para_facts.append(fact)
            if fact.role == "level" and fact.metric_how != PLANNED:
                doc.levels.setdefault(fact.metric, []).append(fact)
            read_by_id[fact.fact_id] = fact
            out.facts.append(fact)
            if fact.role in ("level", "part") and used is not None and not m.points:
                ctx, ctx_para = used, sent.paragraph  # a contribution in points governs no later figure
            if used is not None and not m.points:
                last_alias, last_para = used.alias, sent.paragraph
                doc.read_before(used.alias)
            out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                          sent.index, fact.fact_id, None))
        if aside_end >= 0:
            year, result_year, period, period_at, result_period = before_aside
        if caption is not None:  # a photo's caption dates its own figures, not the text after it
            year, result_year, period, period_at, result_period = caption
        respective_periods(key, sent, list(sent_facts))
        if sent_facts and all(f.status == "target" for f in sent_facts):
            last_targets = (sent.start, sent.end)
        prev_facts = list(sent_facts) if sent_facts else prev_facts
        if not ms and not sent.is_heading and (topic := doc.only_subject(sent.start, sent.end)) is not None:
            doc.topic = (topic, sent.index)  # (for the next sentence's figures that name no indicator)
        opens = sent.text.rstrip().endswith(":")
        if opens and not sent_facts:  # `Ước tính 6 tháng đầu năm 2024, một số chỉ tiêu chủ yếu như sau:`
            own_status = doc.status.before(sent.start, sent.end)
            if own_status is None and carried_estimate:  # `... ước đạt 180.000 tỷ đồng. Cụ thể:`: the estimate's parts
                own_status = "estimate"
            # (a nested list's lead naming no status, `Trong đó, giá trị tăng thêm của từng khu vực như sau:`
            # after an item, keeps the status of the list it is in)
            list_status = own_status if own_status is not None or not (in_list or prev_bullet) else list_status
        elif not in_list:
            list_status = None
        list_open = opens or (in_list and list_open)
        prev_bullet = BULLET.match(sent.text) is not None
        # status carries to a `Trong đó ...`, `Cụ thể ...` sentence that continues a list of targets, or
        # that a target cue after the sentence's last figure announces (`đặt ra 15 chỉ tiêu để phấn đấu thực hiện.`)
        last_end = max((f.char_end for f in sent_facts), default=sent.start)
        if any(f.status == "target" for f in sent_facts) or doc.status.any_in(last_end, sent.end, "target"):
            prev_status_target_sentence = sent.index
        own_figures = [f for f in sent_facts if f.metric_how != BASE_PERIOD]  # (not a past period's, in brackets)
        if own_figures and max(own_figures, key=lambda f: f.char_end).status == "estimate":
            prev_estimate_sentence = sent.index
        prev_override = (sent.index, override, override_year) if own_figures else (-2, None, None)
        if own_figures:
            prev_figure_sentence = sent.index
    _read_tables(doc, out, periods, default_year)
    _headline_periods(doc, out.facts)
    _same_period_before(doc, out.facts)
    _contributions_of_the_change_before(out.facts, ref)
    _parts_of_a_stated_total(out.facts, ref)
    out.facts = by_level(out.facts, level, ref.level_codes, doc.key, [s.start for s in out.sentences])
    if where is not None:
        _leave_out_other_places(doc, out, where)
    _leave_out_unreported(out, g.unreported)
    out.facts = report(out.facts, ref.reported, ref.named_codes, doc.text, [s.start for s in out.sentences])
    _label_list_items(doc, out.facts)  # (a label names the item's scope, not its code)
    out.numbers.sort(key=lambda n: n.char_start)
    return out


def _label_list_items(doc: Document, facts: list[Fact]) -> None:
    """`Khu vực dịch vụ ... đóng góp 2,1 điểm %. Một số ngành ...: bán buôn, bán lẻ ... tăng 7,62%, đóng góp 0,36 điểm
    %; vận tải kho bãi tăng 12,36%, đóng góp 0,4 điểm %`: a figure of an item after a colon or semicolon, of the same
    indicator, role and period as a figure before it in its paragraph and named by no scope, is its item's: the item's
    label is its scope (else the items read as one figure stated with different values)."""
    before: dict[tuple, list[Fact]] = {}  # unscoped figures read so far, by paragraph, indicator, role and period
    for f in facts:
        sent = doc.sentences[f.sentence_index]
        key = (sent.paragraph, f.metric, f.role, f.period_year, f.period, f.status)
        if f.scope is not None or f.role not in ("level", "pct_change", "part"):
            continue
        earlier = before.setdefault(key, [])
        cut = max(doc.text.rfind(";", sent.start, f.char_start), doc.text.rfind(":", sent.start, f.char_start))
        if cut < 0 and sent.index and doc.sentences[sent.index - 1].text.rstrip().endswith(":"):
            cut = sent.start - 1  # (the first item, opening the sentence after its lead's colon)
        same = cut >= 0 and any(e.value != f.value and e.char_end <= cut and e.scope is None for e in earlier)
        label = doc.g.item_label.match(doc.key, cut + 1, f.char_start) if same else None
        if label is not None and not any(ch.isdigit() for ch in label.group(1)):
            f.scope = doc.text[label.start(1):label.end(1)].strip(" ,-–+*•")
        earlier.append(f)


def _period_between(periods: list[PeriodMention], starts: list[int], doc: Document, level: Fact, m: Mention) -> bool:
    """Whether a reporting period other than the level's is named between the level and this figure (not a base's
    year: `so với năm 2022`, `cùng kỳ năm 2022`)."""
    return any(p.period is not None and p.period != level.period and not p.plan and p.relative is None
               and not p.of_figure and doc.g.period_base_cue.search(doc.key, max(0, p.start - 12), p.start) is None
               for p in periods[bisect_right(starts, level.char_end):bisect_left(starts, m.start)])


_TAIL_MONTHS = fold(" cuối")  # `3 tháng cuối năm`, `6 tháng cuối năm`: the months that remain


def _same_period_before(doc: Document, facts: list[Fact]) -> None:
    """`tăng 6,83% (cùng kỳ là 1,22%)`, `(cùng kỳ năm 2021 tăng 1,22%)`: a figure in a bracket that opens on the same
    period names that period's own figure, a year before (or of the year it names)."""
    for i, f in enumerate(facts):
        sent = doc.sentences[f.sentence_index]
        found = SAME_PERIOD_BEFORE.search(doc.key, sent.start, f.char_start)
        # (the figure the bracket follows, of this period; one already dated the period before stays)
        outside = next((facts[j] for j in range(i - 1, -1, -1) if facts[j].sentence_index == f.sentence_index
                        and facts[j].char_end <= found.start()), None) if found is not None else None
        if outside is None or f.period_year is None or f.period_year != outside.period_year:
            continue
        year = int(found.group(1)) if found.group(1) else f.period_year - 1
        shift = f.period_year - year
        f.period_year = year
        if f.base_year is not None:
            f.base_year -= shift


def _contributions_of_the_change_before(facts: list[Fact], ref: Reference) -> None:
    """`ngành công nghiệp chế biến, chế tạo tăng 12,17%, đóng góp vào IIP chung 11,5 điểm phần trăm`: a contribution
    whose code names no branch is the branch's whose change it follows in its sentence (its scope), so two branches'
    contributions are not one figure stated twice."""
    for i, f in enumerate(facts):
        if f.scope is not None or ref.grammar is None or f.metric not in ref.grammar.scoped_contributions:
            continue
        before = next((facts[j] for j in range(i - 1, -1, -1) if facts[j].sentence_index == f.sentence_index
                       and facts[j].char_end <= f.char_start and facts[j].role == "pct_change"), None)
        if before is not None and before.scope is not None:
            f.scope = before.scope


def _headline_periods(doc: Document, facts: list[Fact]) -> None:
    """`Kiến Tường: Thực hiện đạt và vượt 7/14 chỉ tiêu Nghị quyết Thị ủy năm 2024` over `Trong 9 tháng năm 2024, ...
    Có 7/14 chỉ tiêu đạt và vượt`: a headline's figure dated only by a year is the body's same figure, of the
    body's period (a headline abridges). So is a headline's growth with no base written (`Tổng mức bán lẻ hàng hóa
    tháng 5 tăng 1,3%` over `... tăng 1,3% so với tháng trước`): it is of the body's base."""
    heads = {s.index for s in doc.sentences[:3] if s.is_heading}
    if not heads:
        return
    body = [f for f in facts if f.sentence_index not in heads]
    for f in facts:
        if f.sentence_index not in heads:
            continue
        same = [b for b in body if b.metric == f.metric and b.role == f.role and b.value == f.value
                and b.period_year == f.period_year and b.unit == f.unit]
        periods = {b.period for b in same}
        if f.period == "FY" and len(periods) == 1 and "FY" not in periods:
            f.period = periods.pop()
        bases = {(b.comparison_base, b.base_year) for b in same if b.period == f.period and not b.base_unstated}
        if f.base_unstated and len(bases) == 1:
            f.comparison_base, f.base_year = bases.pop()


def _parts_of_a_stated_total(facts: list[Fact], ref: Reference) -> None:
    """`Tổng giá trị sản xuất ... đạt 20.521 tỷ đồng` then, sentences on, `Giá trị sản xuất ngành nông, lâm, thủy sản
    ước thực hiện 1.752 tỷ đồng`: a sector's value in a report that states the total of the same period is a part of
    that total, as annotators who see only the contract write it (40 of 41 such figures). Each sentence is a
    breakdown of its own: values at two price bases in two sentences do not add up."""
    totals = ref.grammar.totals_of_sectors if ref.grammar is not None else frozenset()
    covers = ref.grammar.total_covers if ref.grammar is not None else {}
    stated: dict[tuple[int | None, str | None, bool], list[Fact]] = {}
    for f in facts:
        key = (f.period_year, f.period, f.status == "target")
        narrower = False
        if f.metric in totals and f.role == "level" and f.unit == "VND" and f.metric_how != PLANNED:
            said = fold(f.sentence[:max(0, f.sentence.find(f.value_text))])
            # (`tổng mức bán lẻ hàng hóa` alone names no services; `tổng mức này` refers to the turnover named before)
            if all(said.rfind(anchor) < 0 or need in said[said.rfind(anchor):]
                   for anchor, need in covers.get(f.metric, ())):
                stated.setdefault(key, []).append(f)
                continue
            # `Riêng bán lẻ hàng hóa ước đạt 3.570,1 tỷ đồng` below the retail and services turnover: the goods' line,
            # a part of the turnover in its own code
            narrower = f.parent_fact_id is None
        if not narrower and (f.role != "level" or f.unit != "VND" or f.parent_fact_id is not None
                             or f.metric_how == PLANNED):
            continue
        # the latest total above the value (a value above a total is of another: `bình quân đầu người 8 triệu đồng`)
        total = next((t for t in reversed(stated.get(key, [])) if t.value > f.value), None)
        if total is None or f.sentence_index == total.sentence_index \
                or (ref.metrics[f.metric].part_of != total.metric and not (narrower and f.metric == total.metric)):
            continue
        f.role, f.parent_fact_id, f.part_list = "part", total.fact_id, "stated_before"


def _leave_out_unreported(out: Extraction, unreported: frozenset[str]) -> None:
    """`28/35 xã đạt chuẩn nông thôn mới`: the 35 is read as the locality's communes, to tell it from the 28, but is
    no indicator annotators write (words.csv `unreported`): left out, with its ratios."""
    _leave_out(out, lambda f: f"read as {f.metric}, which is no indicator of the contract"
               if f.metric in unreported else None)


def _leave_out_other_places(doc: Document, out: Extraction, where: DocLocality) -> None:
    """`10 tỉnh ... dẫn đầu cả nước gồm: Bắc Giang tăng 13,45%, Hậu Giang tăng 12,27%, ...` in Phú Yên's report: a
    figure whose item opens with another province (or a district of one) is that place's, quoted for comparison,
    no fact of the report's (CONTRACT: figures of other places are left out); its ratios go with it."""
    def why(f: Fact) -> str | None:
        sent = doc.sentences[f.sentence_index]
        before = doc.text[sent.start:f.char_start]
        cut = max(before.rfind(c) for c in ",;:(\n")
        # (a unit inside the report's is a part of its total by area, `Sông Hinh 2.600 ha`; its own rate or a level
        # no total lists, `Vụ Bản tăng 18,3%`, is that unit's)
        place = another_place(before[cut + 1:], where, doc.ref, inside_too=f.role != "part")
        return f"a figure of another place ({place})" if place is not None else None

    _leave_out(out, why)


def _leave_out(out: Extraction, why: Callable[[Fact], str | None]) -> None:
    """The facts `why` gives a reason for, and the ratios of those, out of the facts; their numbers keep the reason."""
    gone: dict[str, str] = {}
    for f in out.facts:
        reason = gone.get(f.parent_fact_id or "") or why(f)
        if reason is not None:
            gone[f.fact_id] = reason
    if not gone:
        return
    out.facts = [f for f in out.facts if f.fact_id not in gone]
    out.numbers = [replace(n, fact_id=None, reason=gone[n.fact_id]) if n.fact_id in gone else n for n in out.numbers]


def _whole_of_listed_part(doc: Document, facts: list[Fact], code: str) -> Fact | None:
    """The whole the last level or part of `code` was listed under, when it was a part of another indicator's total
    stated in its own sentence or opened by a list word (`Trong đó, sản lượng tôm 20.820 tấn`); a paragraph about a
    part (`Doanh thu dịch vụ lưu trú ... Tính chung 4 tháng ...`) goes on with the part."""
    last = next((f for f in reversed(facts) if f.metric == code and f.role in ("level", "part")), None)
    whole = doc.read_by_id.get(last.parent_fact_id or "") if last is not None and last.role == "part" else None
    if whole is None or whole.metric == last.metric:
        return None
    if whole.sentence_index == last.sentence_index \
            or doc.g.list_start.match(doc.key, doc.sentences[last.sentence_index].start):
        return whole
    return None


_LEADS_A_LIST = re.compile(r"\s*:")  # a period right before a colon: the list after it is of that period
_RATE_OF = re.compile(fold_pattern(r"\d\s*%\s*của\s*$"))  # (the period of a rate: `7,71% của 9 tháng năm 2024:`)
_CUT_OFF = re.compile(fold_pattern(r"(?:đến|tới)\s+(?:hết\s+|cuối\s+)?tháng\s"))  # `đến hết tháng 8`


def _read_tables(doc: Document, out: Extraction, periods: list[PeriodMention], default_year: int | None) -> None:
    """The figures of a table (`transforms.grammar.tables`): each cell is read as the sentence a report
    would have written for it, and what that sentence gives replaces what the row, read as prose, gave."""
    text = doc.text

    def period_of(header: str) -> str:
        found = find_periods(fold(header), [], tones(header))
        return header[found[0].start:found[0].end] if found else ""

    readings = table_readings(text, doc.g.table_words, period_of, f"Năm {default_year}" if default_year else "")
    if not readings:
        return
    rows = sorted({(r.row_start, r.row_end) for r in readings})
    starts = [a for a, _ in rows]

    def in_rows(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and rows[i][0] <= pos < rows[i][1]

    out.facts[:] = [f for f in out.facts if not in_rows(f.char_start)]
    kept_ids = {f.fact_id for f in out.facts}
    out.numbers[:] = [n for n in out.numbers if not in_rows(n.char_start)]
    for f in out.facts:  # a parent read from a row is gone with it
        if f.parent_fact_id is not None and f.parent_fact_id not in kept_ids:
            f.parent_fact_id = None
    seen: set[int] = set()
    for r in readings:
        sub = extract_at(doc.doc_id, CleanText(r.sentence, "", doc.clean.published_on, ()), doc.ref, None)
        shift = r.cell.start - r.at
        lo, hi = r.at, r.at + (r.cell.end - r.cell.start)
        row_sent = next((s for s in doc.sentences
                         if s.start <= r.row_start < s.end or r.row_start <= s.start < r.row_end), None)
        index = row_sent.index if row_sent is not None else 0
        row_text = text[r.row_start:r.row_end].strip()
        ids: dict[str, str] = {}  # the sentence's fact ids → the cell's (a parent precedes its ratios)
        for f in sub.facts:
            start = f.char_start + shift
            if not (lo <= f.char_start < hi) or start in seen:
                continue
            seen.add(start)
            end = min(f.char_end + shift, r.cell.end)
            ids[f.fact_id] = fact_id(doc.doc_id, start, end)
            placed = replace(f, fact_id=ids[f.fact_id], char_start=start, char_end=end, value_text=text[start:end],
                             sentence=row_text, sentence_index=index, status=r.status or f.status,
                             parent_fact_id=ids.get(f.parent_fact_id or ""), metric_how=f"a table cell: {f.metric_how}")
            out.facts.append(placed)
            out.numbers.append(NumberRead(doc.doc_id, start, end, placed.value_text, placed.value, placed.unit,
                                          index, placed.fact_id, None))
        for n in sub.numbers:
            start = n.char_start + shift
            if lo <= n.char_start < hi and n.fact_id is None and start not in seen:
                end = min(n.char_end + shift, r.cell.end)
                out.numbers.append(replace(n, char_start=start, char_end=end, text=text[start:end],
                                           sentence_index=index))


_FRACTION_AFTER = re.compile(r"\s*/\s*\d")


def _respective_fact(doc: Document, m: Mention, ms: list[Mention], bracket: tuple[int, int, int],
                     sent_facts: list[Fact], periods: list[PeriodMention]) -> Fact | None:
    """The i-th figure of a `tương ứng` bracket is the i-th of as many figures of its unit read just
    before the bracket: the same indicator, for the period the bracket names."""
    opened, values_at, closed = bracket
    listed = [x for x in ms if values_at <= x.start < closed and x.unit == m.unit]
    before = [f for f in sent_facts if f.char_end <= opened and f.unit == m.unit and f.role in ("level", "part")]
    if m.unit is None or not listed or len(before) < len(listed):
        return None
    src = before[len(before) - len(listed) + listed.index(m)]
    named = next((p for p in reversed(periods) if opened <= p.start < values_at and p.year is not None), None)
    # `cùng kỳ năm 2023` names no period of its own (a comparison base elsewhere): the same period, that year
    said = YEAR_IN.search(doc.key, opened, values_at)
    year = named.year if named is not None else (int(said.group()) if said else src.period_year)
    if year is None:
        return None
    return replace(
        src, fact_id=fact_id(doc.doc_id, m.start, m.end), role="level", value=m.value, value_precision=m.precision,
        char_start=m.start, char_end=m.end, value_text=doc.text[m.start:m.end], period_year=year,
        period=(named.period or src.period) if named is not None else src.period, qualifier="exact",
        parent_fact_id=None, part_list=None, comparison_base=None, base_year=None, metric_how="respectively",
        period_stated_at=named.start if named is not None else src.period_stated_at,
    )

