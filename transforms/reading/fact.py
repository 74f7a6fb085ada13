"""A figure read into a fact: its indicator (`metric`), role, base, qualifier, scope, and the level or
total it belongs to; plans in brackets, changes in brackets, parts of a total above a list."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from transforms.grammar.indicator import (
    PER_CAPITA_OF,
    PER_UNIT_CURRENCY,
    AliasHit,
    Choice,
    compatible,
)
from transforms.grammar.keys import fold
from transforms.grammar.load import Grammar
from transforms.grammar.masks import fold_pattern
from transforms.grammar.numbers import Mention, skip_spaces
from transforms.locality import names_a_locality
from transforms.numbers import parse_number
from transforms.reading.document import (
    ASIDE,
    BASE_PERIOD,
    CHANGE_IN_UNITS,
    DIGIT,
    DONE_OF_PLAN,
    FORMER_AREA,
    GROWTH,
    LIST_FIGURE,
    PLANNED,
    SECTOR_UNDER,
    UNDER,
    VALUE_BRACKET,
    Document,
    SentenceFacts,
    clause_start_of,
    running_total,
)
from transforms.reading.metric import (
    BRACKET_PART,
    COUNT_SHARE,
    COUNT_SUBJECT,
    DISTRIBUTED,
    RATE_CHANGE,
    RESPECTIVE,
    SIGNS,
    choose_metric,
    former_area_total,
    percent_dropped,
)
from transforms.reading.records import Fact, fact_id
from transforms.reading.timing import YEAR_IN
from transforms.reference import Alias, Metric
from transforms.text import Sentence


def total_above_list(doc: Document, sent: Sentence, fact: Fact) -> Fact | None:
    """`Tổng thu ngân sách ... 5.199 tỷ đồng; lũy kế 9 tháng là 60.129,9 tỷ đồng. / Cụ thể: / - Thu về dầu
    thô ... 2.500 tỷ đồng`: a bulleted list under a lead ending in a colon, right below a total's paragraph,
    lists its parts: a component (a scope or a part's indicator) read there as a level is a part of the last
    level of its whole above the lead for the same period."""
    metric = doc.ref.metrics.get(fact.metric)
    # (a scoped figure is a part of its own indicator's total, or of the whole its indicator is a part of: `cây đậu
    # thực phẩm gieo trồng 99,3 ha`, a crop's sown area in its scope, under the sown area of all crops)
    wholes = ([fact.metric] if fact.scope else []) + ([metric.part_of] if metric is not None and metric.part_of else [])
    if not wholes or fact.role != "level" or fact.parent_fact_id is not None:
        return None
    lead = doc.list_leads.get(sent.paragraph) or doc.plain_leads.get(sent.paragraph)
    if lead is None:
        return None
    sents = doc.sentences
    for whole in wholes:
        for f in reversed(doc.levels.get(whole, [])):
            if f.char_end > lead.end or f.scope is not None:
                continue
            if sents[f.sentence_index].paragraph < lead.paragraph - 1:
                break
            if f.unit == fact.unit and (f.period_year, f.period) == (fact.period_year, fact.period) \
                    and abs(fact.value) < abs(f.value):
                return f
    return None


def part_after_breakdown(doc: Document, sent: Sentence, fact: Fact, prev_facts: list[Fact]) -> Fact | None:
    """`Tổng thu ngân sách ... 4.160 tỷ đồng. Trong đó, phần thu từ hoạt động xuất nhập khẩu ... 2.693 tỷ đồng. Thu
    ngân sách Nhà nước trên địa bàn ước đạt 1.397 tỷ đồng`: the sentence right after one that opened a breakdown
    of a total (`Trong đó`) names the same indicator again with no period of its own and less than the total: the
    breakdown's next part, not a second total."""
    if fact.role != "level" or fact.parent_fact_id is not None or not prev_facts or sent.index == 0:
        return None
    before = doc.sentences[sent.index - 1]
    if before.paragraph != sent.paragraph or prev_facts[-1].sentence_index != before.index \
            or not doc.g.list_start.match(doc.key, before.start, min(before.end, before.start + 48)) \
            or (fact.period_stated_at or -1) >= sent.start:
        return None
    for part in prev_facts:
        total = doc.read_by_id.get(part.parent_fact_id or "")
        if part.role == "part" and part.metric == fact.metric and total is not None and total.metric == fact.metric \
                and total.unit == fact.unit and (total.period_year, total.period) == (fact.period_year, fact.period) \
                and abs(fact.value) < abs(total.value):
            return total
    return None


def _opening_base(doc: Document, sent: Sentence) -> tuple[str | None, int | None]:
    """`So với tháng trước, chỉ số giá tiêu dùng tháng 9 ... tăng 1,98%`: a base phrase opening the sentence,
    up to its first comma, is the base of the sentence's ratios and changes that write none of their own."""
    opening = doc.key[sent.start:min(sent.end, sent.start + 60)]
    comma = opening.find(",")
    if comma < 0 or not doc.g.base_opening.match(opening):
        return None, None
    return doc.g.roles.base_after(opening[:comma])


_BASE_BEFORE_RATIO = re.compile(r"[,;:]\s*so(?:\s+vơi)?\s+([^,;:()\d]{2,60}?)\s+(?:đat|băng|la)\s+"
                                r"(?:khoang\s+|gân\s+|hơn\s+|trên\s+)?$")  # (the key is folded)
# `thu ngân sách ... hoàn thành vượt dự toán thành phố giao bằng 110,6%`, `đạt so với dự toán tỉnh giao bằng 112%`: the
# base a ratio is of, named after a verb of reaching before the ratio's own `bằng` or `đạt` (the key is folded)
# (or after `vượt` right before the figure: `tỷ lệ ... đạt 96,5%, vượt chỉ tiêu huyện giao 0,2%`; not a growth's
# scenario, whose own value follows it: `tăng 7,63% ... vượt kịch bản tăng trưởng của Thành phố 7,59%`)
_BASE_AFTER_REACHING = re.compile(r"(?<!\w)(?:(?:(?:hoan\s+thanh\s+)?vươt|đat\s+so(?:\s+vơi)?)\s+([^,;:()\d]{2,60}?)\s+"
                                  r"(?:đat|băng)|vươt\s+((?:(?!tăng\s+trương|kich\s+ban)[^,;:()\d]){2,60}?))"
                                  r"\s+(?:khoang\s+|gân\s+|hơn\s+|trên\s+)?$")
_TOTAL_AFTER = re.compile(r"\s*(?:cua\s+)?(?=tông\s)")  # the key is folded: `của tổng` reads `cua tông`


def _of_its_total(doc: Document, m: Mention, code: str) -> bool:
    """`thu nội địa ... 735 tỷ đồng (= 54% tổng thu ngân sách)`, `bằng 54% tổng thu ngân sách`: a percentage followed by
    the total of its own indicator is a share of that total."""
    at = _TOTAL_AFTER.match(doc.key, m.end)
    if at is None:
        return False
    h = doc.first_right(at.end(), at.end())
    return h is not None and h.alias.code == code


def _lead_base(doc: Document, sent: Sentence, m: Mention) -> str | None:
    """`Một số khoản thu đạt cao so với dự toán năm, như: thu tiền sử dụng đất đạt 197,3%`: a bare ratio
    in a list takes the base its lead names (before the colon, with no figure of its own in between)."""
    colon = doc.key.rfind(":", sent.start, m.number_start)
    if colon < 0:
        return None
    lead = doc.key[sent.start:colon]
    if DIGIT.search(YEAR_IN.sub("", lead)):
        return None  # the lead states its own figure, whose base it is
    if doc.status.any_in(sent.start, colon, "target"):
        return None  # `phấn đấu đạt một số chỉ tiêu: ...`: a list of targets, not of ratios to them
    for so in doc.g.base_lead.finditer(lead):  # the base phrase, wherever the lead writes it
        base, _ = doc.g.roles.base_after(lead[so.start():])
        if base in ("plan", "budget_estimate"):
            return base
    return None


def _whole_ratio_base(doc: Document, sent_facts: SentenceFacts, m: Mention, metric: Metric) -> str | None:
    """`tổng giá trị sản xuất ... ước bằng 44,6% kế hoạch năm; trong đó, khu vực dịch vụ bằng 49,6%`: a bare ratio of
    a part, listed after `trong đó` under its whole's ratio to the plan, is measured against the plan too."""
    if metric.part_of is None:
        return None
    whole = next((f for f in sent_facts.latest_first(0) if f.metric == metric.part_of), None)
    if whole is None or whole.role != "pct_of_plan" or whole.comparison_base not in ("plan", "budget_estimate"):
        return None
    marker = doc.g.list_marker.search(doc.key, whole.char_end, m.number_start)  # `trong đó`, `cụ thể`, `:`
    return whole.comparison_base if marker is not None else None


def _planned_qualifier(doc: Document, prev: Fact, m: Mention) -> str:
    """The plan's own bound (`(KH 2024: tăng 7% trở lên)`, `(kế hoạch trên 90%)`), read in the bracket."""
    before_at = max(prev.char_end, m.number_start - 24)
    return doc.g.roles.qualifier(doc.key[before_at:m.number_start], doc.key[m.end:m.end + 16], m.range_part is not None,
                                 doc.tone_key[before_at:m.number_start])


_SLASH_FIGURE = re.compile(r"\s?/\s?\d")  # a numerator's slash before its denominator
_COMPARED_WITH = re.compile(fold_pattern(r"[\s,;]*so(?:\s+với)?\s+(?:mức\s+)?"))
_PLAN_AFTER = re.compile(fold_pattern(r"\s*(?:trong|của|theo|tại)\s+(?:kế\s+hoạch|mục\s+tiêu|kịch\s+bản|nghị\s+quyết)"
                                      r"(?!\w)"))


def _planned_value(doc: Document, m: Mention, sent_facts: SentenceFacts) -> Fact | None:
    """`đạt 76,89% (KH 74%)`, `đạt 9,2%, vượt kế hoạch (8,5%)`: a bracket after a figure stating the plan's
    value is the same indicator and role as that figure, a target."""
    if not sent_facts:
        return None
    prev = sent_facts[-1]
    if prev.char_end > m.start:
        return None
    listed = _listed_plan_item(doc, m, sent_facts)
    if listed is not None:
        prev = listed
    elif (prev.role == "pct_of_plan" or prev.comparison_base == "plan" and prev.role == "pct_change") \
            and m.unit != "percent" and doc.g.plan_amount_bracket.match(doc.key, prev.char_end, m.number_start):
        # `bằng 115% kế hoạch (kế hoạch 1.350 tỷ đồng)`, `vượt 15,7% KH (KH 9.500 người)`: the bracket states the
        # plan of the amount the ratio is of
        level = next((f for f in sent_facts if f.fact_id == prev.parent_fact_id), None)
        if _SLASH_FIGURE.match(doc.key, m.number_end):
            # `đạt 45,7% dự toán năm (344/766 tỷ đồng)`: done over planned, the ratio's own two amounts: the first
            # what was done (of the ratio's period and status), the plan after the slash
            if level is None or level.unit in (None, "percent"):
                return None
            return replace(level, fact_id=fact_id(doc.doc_id, m.start, m.end), role="level", value=m.value,
                           qualifier="exact", parent_fact_id=None, char_start=m.start, char_end=m.end,
                           value_text=doc.text[m.start:m.end], value_precision=m.precision, metric_how=DONE_OF_PLAN)
        if m.unit is None or level is None or level.unit != m.unit:
            return None
        prev = level
    elif (prev.metric_how == BASE_PERIOD and doc.g.plan_named_bracket.fullmatch(doc.key, prev.char_end, m.number_start)
          and (own := next((f for f in sent_facts.latest_first(0) if f.metric_how != BASE_PERIOD), None)) is not None):
        prev = own  # `đạt 8,61%, cao hơn mức cùng kỳ 2024 (8,49%), và tiến sát kịch bản tăng trưởng đề ra (8,96–9,61%)`
    elif not (doc.g.roles.plan_paren.match(doc.key, prev.char_end, m.number_start)
              # (`tăng từ 10,16 - 11,94%, so với mức 11,18% trong kế hoạch ban đầu`: the plan's own figure after it)
              or (prev.unit == m.unit and _COMPARED_WITH.fullmatch(doc.key, prev.char_end, m.number_start)
                  and _PLAN_AFTER.match(doc.key, m.end))
              or doc.g.plan_named_bracket.fullmatch(doc.key, prev.char_end, m.number_start)
              or (prev.unit == m.unit and doc.g.plan_contrast.fullmatch(doc.key, prev.char_end, m.number_start))
              or doc.g.roles.plan_slash.fullmatch(doc.key, prev.char_end, m.number_start)
              or (prev.role == "level"
                  and doc.g.roles.plan_compared.fullmatch(doc.key, prev.char_end, m.number_start))):
        return None
    if prev.unit != (m.unit or prev.unit) and (m.unit == "percent") != (prev.unit == "percent"):
        return None
    if prev.role == "abs_change" and prev.comparison_base in ("plan", "budget_estimate") and m.unit == prev.unit:
        # `giảm được 553 hộ nghèo, vượt 163 hộ so với chỉ tiêu tỉnh giao (390 hộ)`: by how much the level beat its
        # plan, then the plan itself: the plan's level, not another gap
        level = next((f for f in sent_facts if f.fact_id == prev.parent_fact_id), None)
        if level is not None and level.unit == m.unit and level.role in ("level", "part"):
            prev = level
    planned = prev.metric
    if planned in doc.g.planned_as_whole and prev.role == "level" and doc.ref.metrics[planned].part_of:
        planned = doc.ref.metrics[planned].part_of  # the capital allocated, which a disbursement is measured against
    reduction = doc.ref.metrics[planned].reduction_code
    if reduction and prev.role == "level" \
            and doc.g.roles.last_verb(doc.key[prev.char_end:m.number_start]) == "decrease":
        planned = reduction  # `còn 5,72% (KH giảm 01 - 1,5%)`: the plan of the rate's fall, in points
    return Fact(
        fact_id=fact_id(doc.doc_id, m.start, m.end), doc_id=doc.doc_id, metric=planned, role=prev.role,
        value=m.value, unit=prev.unit if m.unit is None or prev.unit != "percent" else m.unit, period_year=None,
        period=None, status="target", qualifier=_planned_qualifier(doc, prev, m),
        comparison_base=prev.comparison_base, base_year=prev.base_year,
        scope=prev.scope, parent_fact_id=None, char_start=m.start, char_end=m.end, value_text=doc.text[m.start:m.end],
        value_precision=m.precision, sentence=prev.sentence, sentence_index=prev.sentence_index,
        metric_how=PLANNED)


def _listed_plan_item(doc: Document, m: Mention, sent_facts: SentenceFacts) -> Fact | None:
    """`lần lượt là 41,57% - 15,45% - 39,82% (chỉ tiêu nghị quyết là 41,42% - 16,84% - 38,56%)`: a plan's bracket
    holding as many figures as were listed right before it: the i-th is the plan of the i-th item."""
    key = doc.key
    opened = key.rfind("(", 0, m.start)
    if opened < 0 or key.rfind(")", opened, m.start) >= 0 or (close := key.find(")", m.end)) < 0:
        return None
    held = [f.start() for f in LIST_FIGURE.finditer(key, opened, close)]
    before = [f for f in sent_facts if f.char_end <= opened]
    if len(held) < 2 or len(before) < len(held) or m.number_start not in held:
        return None
    listed = before[-len(held):]
    if len({f.metric for f in listed}) < len(held) or any(f.unit != listed[0].unit for f in listed) \
            or any(f.metric_how not in (RESPECTIVE, DISTRIBUTED) for f in listed) \
            or DIGIT.search(key, listed[-1].char_end, opened) \
            or not doc.g.roles.plan_paren.match(key, listed[-1].char_end, held[0]):
        return None
    return listed[held.index(m.number_start)]


_AMOUNT_UNITS = ("ha", "tonne", "VND", "USD")  # amounts a share of a total can be written after (not a count's rate)
_PER_PERSON_BELOW = 1e9  # đồng: below this a product (GRDP, value added) is an amount per person


def _base_period_value(doc: Document, m: Mention, sent_facts: SentenceFacts) -> Fact | None:
    """`thu ngân sách đạt 500 tỷ đồng, cùng kỳ năm trước đạt 450 tỷ đồng`, `giải ngân đạt 27,07% (cao hơn so với
    cùng kỳ năm 2023 (17,4%)`: the figure after the same period named as a subject is that period's value of the
    indicator just read (its role, a year before), not a change; read only in the figure's own unit."""
    if not sent_facts:
        return None
    prev = sent_facts[-1]
    if prev.char_end > m.start or prev.period_year is None:
        return None
    said = doc.g.base_period_value.fullmatch(doc.key, prev.char_end, m.start)
    if said is None:
        return None
    named = int(said.group(1)) if said.group(1) and said.group(1).isdigit() else None
    level = next((f for f in sent_facts if f.fact_id == prev.parent_fact_id), None) \
        if prev.role in ("pct_of_base", "pct_change") and prev.unit == "percent" != (m.unit or "") else None
    if level is not None and level.unit == m.unit and level.period_year is not None \
            and prev.comparison_base in ("same_period", "prior_year") and doc.key[m.start - 1:m.start] == "(" \
            and m.value > 0 and doc.text[m.start] not in SIGNS:  # (`(-630 con)`: signed, the change)
        # `đạt 73.652 tấn, bằng 95% so với cùng kỳ (77.477 tấn)`: the same period's amount in brackets after a ratio
        # to it is that period's value of the amount the ratio qualifies
        year = named or (prev.base_year if prev.base_year is not None else level.period_year - 1)
        if year >= level.period_year:
            return None
        prev = level
    elif prev.unit != (m.unit or "") or prev.role not in ("level", "part", "pct_of_plan", "pct_change"):
        return None
    else:
        year = named or prev.period_year - 1
    if prev.role == "pct_change" and (prev.comparison_base not in ("same_period", "prior_year")
                                      or year >= prev.period_year):
        return None  # (a growth's own base period: `tăng 8,61%, cao hơn mức cùng kỳ 2024 (8,49%)`, that year's growth)
    base_year = prev.base_year - (prev.period_year - year) if prev.base_year is not None else prev.base_year
    return Fact(
        fact_id=fact_id(doc.doc_id, m.start, m.end), doc_id=doc.doc_id, metric=prev.metric, role=prev.role,
        value=m.value, unit=prev.unit, period_year=year, period=prev.period, status="actual", qualifier="exact",
        comparison_base=prev.comparison_base, base_year=base_year, scope=prev.scope, parent_fact_id=None,
        char_start=m.start, char_end=m.end, value_text=doc.text[m.start:m.end], value_precision=m.precision,
        sentence=prev.sentence, sentence_index=prev.sentence_index, metric_how=BASE_PERIOD)


def _ratio_of_listed_total(doc: Document, sent_facts: SentenceFacts, m: Mention, sent: Sentence, metric: Metric,
                           prev_facts: list[Fact] | None) -> str | None:
    """The base of the total's first ratio when that is to its plan and a list (`trong đó:`) opens after it before
    `m`: the items' bare ratios are of the same kind. So when the list opens the next sentence and the item is a
    part of that total (`giá trị sản xuất được 18.423 tỉ đồng, đạt 98,96% chỉ tiêu nghị quyết. Trong đó, nông nghiệp
    và thủy sản đạt 101,68%`)."""
    if all(f.role == "pct_of_plan" for f in sent_facts if f.unit == "percent") and prev_facts and metric.part_of \
            and doc.g.list_start.match(doc.key, sent.start, min(sent.end, sent.start + 48)):
        ratio = next((f for f in reversed(prev_facts) if f.unit == "percent"), None)
        total = next((f for f in prev_facts if ratio is not None and f.fact_id == ratio.parent_fact_id), None)
        if ratio is not None and total is not None and ratio.role == "pct_of_plan" and total.role == "level" \
                and total.metric == metric.part_of and doc.follows(ratio.sentence_index, sent.index):
            return ratio.comparison_base
    first = next((f for f in sent_facts if f.unit == "percent"), None)
    if first is None or first.role != "pct_of_plan" or first.char_end > m.start:
        return None
    total = next((f for f in sent_facts if f.fact_id == first.parent_fact_id), None)
    if total is not None and total.metric not in (metric.code, metric.part_of):
        total = None  # (`giải quyết việc làm cho 2.400 lao động, bằng 37,7% kế hoạch; ..., trong đó tỷ lệ lao động có
        #              bằng cấp đạt trên 14%`: another indicator's list)
    marker = sent_facts.marker_after(total, doc, m.start) if total is not None else None
    return first.comparison_base if marker is not None and marker.start() > first.char_end else None


def _metric_of_list(doc: Document, sent: Sentence, m: Mention, metric: Metric, alias: Alias, choice: Choice,
                    sent_facts: SentenceFacts, prev_facts: list[Fact] | None) -> Metric:
    """The indicator of a figure listed under a total of a narrower or another indicator: the total's."""
    key, ref, g = doc.key, doc.ref, doc.g
    if alias.kind != "frame" and choice.how in ("clause", "concept") and prev_facts \
            and g.list_start.match(key, sent.start, min(sent.end, sent.start + 48)):
        # `Giá trị sản xuất công nghiệp ... ước đạt 2.340 tỷ đồng ... Trong đó, giá trị sản xuất gốm tăng gần 2,9%`:
        # the whole's generic name over a list under a narrower total just read is that total's
        total = next((f for f in reversed(prev_facts) if f.role == "level"), None)
        total = total if total is not None and total.sentence_index == prev_facts[-1].sentence_index else None
        if total is not None and _broader(doc, total.metric, metric.code) and total.unit == metric.unit:
            return ref.metrics[total.metric]
    if alias.kind != "frame" and choice.how in ("clause", "concept") and choice.scope is None and sent_facts:
        # `Tổng vốn đầu tư thành phố được giao khoảng 250 tỷ đồng, trong đó vốn tỉnh khoảng 40 tỷ đồng`: likewise after
        # a marker in the total's own sentence, for items named by no word of their own kind (a crop, a sector)
        total = next((f for f in sent_facts.latest_first(sent.start) if f.role == "level"), None)
        if total is not None and total.char_end <= m.start and total.unit == metric.unit \
                and _broader(doc, total.metric, metric.code):
            marker = sent_facts.marker_after(total, doc, sent.end)
            if marker is not None and marker.end() <= m.start and not any(
                    c[2] != "head" for c in doc.concepts_in(marker.end(), m.number_start)):
                return ref.metrics[total.metric]
    if alias.kind != "frame" and choice.how == "clause" and m.unit == "percent" and sent_facts:
        # `tỷ lệ giải ngân vốn đầu tư xây dựng cơ bản đạt 62,01%, trong đó vốn đầu tư công ngân sách huyện đạt 55,9%`:
        # a ratio listed after a marker under a ratio of a narrower indicator is that indicator's, as an amount is
        rate = next((f for f in sent_facts.latest_first(sent.start) if f.role != "part"), None)
        if rate is not None and rate.unit == "percent" and rate.role in ("pct_of_plan", "pct_change", "pct_of_base") \
                and rate.char_end <= m.start and rate.metric != metric.code and _broader(doc, rate.metric, metric.code):
            marker = sent_facts.marker_after(rate, doc, m.start)
            if marker is not None:
                return ref.metrics[rate.metric]
    if alias.is_scope and sent_facts:
        # `tổng lượt khách cơ sở lưu trú phục vụ ước đạt 7,8 triệu lượt; trong đó: khách quốc tế ước đạt 2,8 triệu
        # lượt`: a scope listed under a total of another indicator is a part of that total, in its code
        total = next((f for f in sent_facts.latest_first(sent.start) if f.role == "level"), None)
        if total is not None and total.metric != metric.code and total.unit == metric.unit \
                and total.char_end <= m.start and not total.scope \
                and not _counts_otherwise(doc, total, m) \
                and not any(f.metric == metric.code and f.char_start > total.char_end for f in sent_facts):
            # (`13.875 nghìn ngày khách; trong đó khách quốc tế 2.378 nghìn lượt, tăng gấp 3,2 lần`: visits are no part
            # of guest-nights, and the ratio after the part read in its own code is that part's)
            marker = sent_facts.marker_after(total, doc, sent.end)
            if marker is not None and marker.end() <= m.start:
                return ref.metrics[total.metric]
    return metric


def _counts_otherwise(doc: Document, total: Fact, m: Mention) -> bool:
    """Whether the part's counted noun is not the total's (`lượt` under `ngày khách`): both counted, by other nouns."""
    if m.counter is None or total.unit != "count":
        return False
    return fold(m.counter) not in fold(doc.text[total.char_start:total.char_end])


def _broader(doc: Document, code: str, generic: str) -> bool:
    """Whether `generic` is what `code` is a part of, or the indicator its head names alone (`vốn` for the capital
    allocated)."""
    if doc.ref.metrics[code].part_of == generic:
        return True
    head = doc.g.concepts.head_of_metric.get(code)
    sig = doc.g.concepts.metric(head, set()) if head is not None else None
    return sig is not None and sig.metric == generic != code


def _verb_of(g: Grammar, left: str) -> str | None:
    """The verb a figure's change is read from. A figure in a bracket after a verb and the base it compares with
    is that base's value (`thấp hơn chỉ tiêu đề ra (khoảng 8%)`: the target, not a fall of 8%); after a verb
    alone it is the change (`tăng khoảng (10%) so với năm 2022`)."""
    open_at = left.rfind("(")
    if open_at <= left.rfind(")"):
        return g.roles.last_verb(left)
    inner, outer = left[open_at + 1:], left[:open_at]
    if (verb := g.roles.last_verb(inner)) is not None:
        return verb
    verbs = list(g.roles.verb.finditer(outer))
    if verbs and g.roles.base_after(outer[verbs[-1].end():])[0] is not None:
        return None
    return g.roles.last_verb(outer)


def _short_of_plan(doc: Document, m: Mention, short: str) -> str | None:
    """`3/16 chỉ tiêu còn lại đạt hơn 76%`, `3/14 chỉ tiêu đạt từ 70% đến dưới 100%`: targets counted in a band
    of attainment below the whole plan are targets not met (`4/14 chỉ tiêu đạt 100% trở lên` are met)."""
    band = doc.g.tally_threshold.match(doc.key, m.after_at or m.end)
    if band is None or band.end() == (m.after_at or m.end):
        return None
    threshold = NUMBER_AT.match(doc.key, band.end())
    if threshold is None or not doc.key.startswith("%", skip_spaces(doc.key, threshold.end())):
        return None
    under = doc.g.band_under.search(band.group())
    value = float(threshold.group().replace(".", "").replace(",", "."))
    return short if under or value < 100 else None


_LEADING_SCALE = re.compile(r"^(?:triệu|nghìn|ngàn|vạn|tỷ)\s+", re.IGNORECASE)
NUMBER_AT = re.compile(r"\d{1,3}(?:,\d+)?(?!\d)")
_SIGN_IN_BRACKET = re.compile(r"\(\s*([+\-\u2212\u2013])\s*$")


def _of_count(doc: Document, sent_facts: SentenceFacts, alias_span: tuple[int, int], m: Mention,
              counts: frozenset[str] | None = None) -> bool:
    """`thu hút 15 dự án với tổng vốn đầu tư 3.000 tỷ đồng`: a capital named right after a count of projects (nothing
    but a joining word between) is the capital those projects registered; so with `counts` of other things
    (`1.100 doanh nghiệp đăng ký thành lập mới, tổng vốn hơn 5.500 tỉ đồng`)."""
    count = next((f for f in sent_facts.latest_first(0) if f.char_end <= alias_span[0]), None)
    if count is None or count.role != "level" or count.metric not in (counts or doc.g.project_counts) \
            or alias_span[1] > m.number_start:
        return False
    gap = doc.key[count.char_end:alias_span[0]]
    return len(gap) <= 60 and ";" not in gap and not DIGIT.search(gap) \
        and not doc.g.capital_whole.search(doc.key, alias_span[0], m.number_start)


def _change_shared(g: Grammar, key: str, sent_facts: SentenceFacts, m: Mention, code: str,
                   own_base: bool) -> Fact | None:
    """`tăng 8,41% so với tháng 7/2017 và 48,44% so với tháng 8/2016`, `lần lượt vượt kế hoạch là hơn 15% và hơn 11%`:
    a bare percentage joined by `và` (or a comma) to a change of the same indicator just read, after that change's
    base or right after it, is a change too: the change whose verb (and, with no base of its own, base) it shares."""
    prev = next(iter(sent_facts.latest_first(0)), None)
    if prev is None or prev.role != "pct_change" or prev.char_end > m.start or (own_base and prev.metric != code):
        return None  # (with nothing but `và` between them, two indicators read in turn: `lần lượt ...`)
    gap = (_BASE_THEN_AND if own_base else _JOINED).fullmatch(key, prev.char_end, m.number_start)
    if gap is None or g.roles.last_verb(gap.group(0)) is not None:
        return None
    return prev


# folded: a base phrase (`so với tháng 7/2017`, `so cùng kỳ`), then `và` or a comma before the next figure; or the
# joining word alone, with a qualifier (`và hơn`)
_BASE_THEN_AND = re.compile(r"\s*so\s[^;%()]{0,40}?(?:\s+va|\s*,)\s*")
_JOINED = re.compile(r"\s*(?:,|va)\s*(?:(?:hơn|gân|khoang|trên|xâp xi)\s*)?")
_SIGNED_IN_BRACKET = re.compile(r"\(\s*[+\-\u2010-\u2015\u2212]\s*\d")  # a signed figure opening a bracket
_SIGNED = re.compile(r"[+\-\u2010-\u2015\u2212]\s?\d")  # a sign right before a figure (`: + 6,7%`)
_PLUS = re.compile(r"\+\s?$")  # a plus right before a figure


def _fallen(value: float, text: str, key: str, m: Mention) -> float:
    """A change a falling verb names, negative; but a plus written before the figure says it grew whatever the
    words (`GRDP quý I tăng với tốc độ thấp hơn (+4,21%)`: lower growth, still growth), and a plan's own figure
    after the comparison is as the plan set it (`thấp hơn mục tiêu đề ra là 9%`)."""
    if _PLUS.search(text, max(0, m.number_start - 2), m.number_start) \
            or _PLAN_FIGURE.search(key, max(0, m.number_start - 48), m.number_start):
        return value
    return -abs(value)  # (a minus written too says the same fall once: `bị giảm (-3,99%)`)


# a plan named, then the words giving its own figure (`thấp hơn mục tiêu đề ra là 9%`, `so với kế hoạch là 8,5%`)
_PLAN_FIGURE = re.compile(fold_pattern(r"(?:mục\s+tiêu|kế\s+hoạch|kịch\s+bản)[^,;()\d]{0,30}?\s(?:là|ở\s+mức)\s+$"))


def _signed_change(g: Grammar, text: str, m: Mention, sent_facts: SentenceFacts,
                   metric: Metric, metrics: dict[str, Metric]) -> tuple[int, str, str] | None:
    """`đàn trâu có 2.327 con, giảm 1,3% (-31 con)`, `(+17.952 con)`: an amount with its sign, in brackets
    right after a change of the same indicator, is that change in the figure's own unit; so is one after a
    word of equivalence (`tăng 9,03% (tương đương 12.600 tấn)`), with the change's sign. Returns the
    sign, the change's base and its indicator: a bracket's own words may name only the wider one
    (`diện tích gieo trồng đậu tương 67 ha, giảm 10,9% (-8,2 ha)` under a crop group's total)."""
    prev = next(sent_facts.latest_first(0), None)
    sign = _SIGN_IN_BRACKET.search(text, max(0, m.number_start - 6), m.number_start)
    if prev is None:
        return None
    narrower = prev.metric in metrics and metrics[prev.metric].part_of == metric.code
    in_bracket = sign is not None and (prev.metric == metric.code or narrower)
    if in_bracket and prev.role in ("level", "part") and prev.unit == m.unit \
            and not text[prev.char_end:sign.start()].strip():
        # `khoai lang gieo trồng được 110 ha (-419 ha)`: a signed amount in brackets right after the level is its
        # change (a part is never negative)
        return (1 if sign.group(1) == "+" else -1), GROWTH, prev.metric
    if prev.role == "pct_of_base" and in_bracket and prev.char_end >= m.start - 32 \
            and not re.search(r"[\d;,]", text[prev.char_end:sign.start()]):
        # `khoai lang ... 1.250 ha, bằng 67,57% (-600 ha)`: the signed amount after a ratio to the base is the change
        return (1 if sign.group(1) == "+" else -1), prev.comparison_base or GROWTH, prev.metric
    if prev.role != "pct_change":
        return None
    if in_bracket and prev.char_end >= m.start - 12:
        return (1 if sign.group(1) == "+" else -1), prev.comparison_base or GROWTH, prev.metric
    if prev.metric != metric.code or prev.char_end < m.start - 48 \
            or not g.equivalent.fullmatch(fold(text[prev.char_end:m.number_start])):
        return None
    # `tăng 9,03% (tương đương 12.600 tấn)`, `tăng 0,74% so với năm 2020, bằng 1.301 ha`: the same change
    return (1 if prev.value >= 0 else -1), prev.comparison_base or GROWTH, prev.metric


_SEASON_ITEM = re.compile(fold_pattern(
    r"(?<!\w)vụ\s+(?:đông\s+xuân|hè\s+thu|thu\s+đông|mùa|chiêm|xuân|đông|hè|thu)(?!\w)"))  # a crop season


def _part_of_total(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts, metric: Metric,
                   alias: Alias, choice: Choice, unit: str, value: float, prev_facts: list[Fact] | None,
                   para_facts: list[Fact] | None) -> tuple[str, str | None, str | None]:
    """A level that is a part of a total read before it (role, parent, part list): listed after `trong đó`,
    `gồm`, `cụ thể` or in a bracket under it, under a breakdown lead, or a component (a sector, a scope) of a
    total its paragraph stated. Otherwise it stays a level."""
    key, g = doc.key, doc.g
    role, parent_id, part_list = "level", None, None
    if choice.how == FORMER_AREA:  # a former area's figure: a part of the locality's total just read
        total = former_area_total(doc, sent, m, prev_facts or [])
        if total is not None and "/" not in total.unit and abs(value) < abs(total.value):
            return "part", total.fact_id, "partial"  # (an average's areas are levels of their own)
        return role, parent_id, part_list
    # a count or amount listed after `cụ thể`, `trong đó`, `gồm` under a total of the same metric
    # or of the metric it is a component of (`Trong đó: giá trị sản xuất nông nghiệp ...`)
    running = running_total(doc, m.number_start)

    wider = g.within.get(metric.code, frozenset())
    # (a season named with no crop, `Trong đó, vụ Đông xuân 46.378 ha`, is a part of one crop's total above it: the
    # rice sown, not all crops')
    seasons: list[bool] = []

    def season_only() -> bool:  # (read once, when a narrower total asks)
        if not seasons:
            lo = max(sent.start, max(key.rfind(c, sent.start, m.number_start) for c in ",;:(") + 1)
            seasons.append(_SEASON_ITEM.search(key, lo, m.number_start) is not None
                           and not doc.crop_named(lo, m.number_start))
        return seasons[0]

    def is_total(f: Fact) -> bool:  # of the same kind: a running total's parts are running totals
        return f.role == "level" and f.unit == unit and (
            f.metric in (metric.code, metric.part_of, *wider)
            or (doc.ref.metrics[f.metric].part_of == metric.code and season_only())) \
            and running_total(doc, f.char_start) == running

    totals = [f for f in sent_facts if is_total(f)]
    total = totals[0] if totals else None
    marker = sent_facts.marker_after(total, doc, sent.end) if total is not None else None
    marker = marker if marker is not None and marker.end() <= m.start else None
    if marker is not None and len(totals) > 1 and unit != "percent":  # (not a rate's range: `từ 2% - 3,44%, gồm:`)
        # `diện tích cây ăn trái từ 3.373 ha nay đã tăng lên hơn 6.600 ha bao gồm: ...`: the list opens under the
        # total written last before its marker
        # (not a plan's figure stated in a bracket: `ước đạt 3.658 tỷ đồng (KH 3.658 tỷ đồng) (trong đó: ...)`)
        total = [f for f in totals if f.char_end <= marker.start() and (f.metric_how != PLANNED or f is total)][-1]
        # (a later total with a marker of its own before the figure opens the figure's list: `giai đoạn 2021-2025 đạt
        # 2.500 tỷ đồng, trong đó ...; giai đoạn 2026-2030 ... đạt 3.000 tỷ đồng, trong đó vốn NSNN đạt 1.500 tỷ đồng`)
        later = [f for f in totals if total.char_end < f.char_end <= m.start and f.metric_how != PLANNED
                 and (mk := sent_facts.marker_after(f, doc, sent.end)) is not None and mk.end() <= m.start
                 and mk.start() > marker.end()]
        if later:
            total, marker = later[-1], sent_facts.marker_after(later[-1], doc, sent.end)
    intro = total is not None and g.total_intro.search(key, max(0, total.char_start - 24), total.char_start)
    opening = g.list_start.match(key, sent.start, min(sent.end, sent.start + 48))
    if total is None and opening is not None and prev_facts:
        total = next((f for f in prev_facts if is_total(f)), None)
        last = next((f for f in reversed(prev_facts) if f.role == "level" and f.unit == unit
                     and f.metric in (metric.code, metric.part_of)), None)
        if last is not None and running_total(doc, last.char_start) \
                and g.running_word.search(key, m.end, sent.end) is None:
            # `..., lũy kế ước đạt 7.693,4 tỷ đồng. Trong đó ...`: the running total's parts (not when the part
            # has a running total of its own after it: `Trong đó, thu nội địa được 230 tỷ đồng, lũy kế được ...`)
            total = last
        marker = opening
    if total is None and marker is None and prev_facts and (led := doc.parts_lead(sent)) is not None:
        # `... 803.300 tỷ đồng, tăng 8% so với thực hiện năm 2019. Trong đó:` then `+ Công nghiệp Trung ương đạt
        # 24.603 tỷ đồng`: a bullet item of the list is a part of the amount the lead follows (or, in a nested list,
        # of the item that leads it: `- Thu ... trên địa bàn được 555,50 tỷ đồng, ..., gồm:` then `+ Thu nội địa:
        # 500 tỷ đồng`); a later item, of the amount the item before was a part of
        lead_sent, lead = led

        def is_whole(f: Fact) -> bool:  # (a nested list's lead is an item, itself a part)
            return is_total(f) or (f.role == "part" and f.unit == unit and f.sentence_index == lead_sent.index
                                   and f.metric in (metric.code, metric.part_of)
                                   and running_total(doc, f.char_start) == running)

        if prev_facts[0].sentence_index <= lead_sent.index:  # the first item: the lead's amount, or the one before
            total = next((f for f in prev_facts if is_whole(f)), None)
        if total is None:
            parents = [doc.read_by_id.get(f.parent_fact_id or "") for f in prev_facts if f.role == "part"]
            total = next((f for f in parents if f is not None and is_whole(f)), None)
        # (a list across bullet lines often leaves items out, `cụ thể:` or not: complete only when the lead says the
        # whole consists of them, words.csv `complete_lead`: `..., gồm:`)
        if total is not None:
            marker, intro = lead, not g.complete_lead.search(lead.group())
    opened = key.rfind("(", sent.start, m.start)
    if opened > key.rfind(")", sent.start, m.start) and g.average_aside.match(key, opened + 1):
        return role, parent_id, part_list  # `(bình quân 1 tháng khoảng 21 ngàn tỷ đồng)`: an average, no part
    if total is None and opened > key.rfind(")", sent.start, m.start) and g.list_start.match(key, opened + 1):
        # `khu vực kinh tế trong nước ước đạt 13,28 nghìn tỷ đồng, tăng 7% (trong đó, công nghiệp địa phương
        # ước đạt 7,47 nghìn tỷ đồng ...)`: a part of the amount the bracket follows
        total = next((f for f in sent_facts.latest_first(sent.start) if f.char_end <= opened
                      and f.role in ("level", "part") and f.unit == unit
                      and f.metric in (metric.code, metric.part_of)), None)
        intro = total is not None
    in_bracket = opened > key.rfind(")", sent.start, m.start)
    if marker is None and not intro and in_bracket and unit != "percent":
        item = max(opened, key.rfind(",", opened, m.number_start), key.rfind(";", opened, m.number_start)) + 1
        if names_a_locality(doc.text[item:m.number_start], doc.ref):
            # `bệnh khảm lá gây hại 6.020 ha (Sông Hinh 2.600 ha, Đồng Xuân 1.800 ha)`: a breakdown by area of
            # the amount the bracket follows
            by_area = next((f for f in sent_facts.latest_first(sent.start) if f.char_end <= opened
                            and f.role == "level" and f.unit == unit and f.metric in (metric.code, metric.part_of)
                            and not DIGIT.search(key, f.char_end, opened)), None)
            if by_area is not None:
                total, intro = by_area, True
    led = g.list_lead.search(key, sent.start, m.start) if total is None and not in_bracket and para_facts else None
    if led is not None:
        # `Giá trị sản xuất công nghiệp ước đạt 2.897 tỷ đồng ... Nhiều ngành công nghiệp chủ lực đạt giá trị sản
        # lượng cao ... như: dệt may ..., giá trị 350 tỷ đồng`: the items of a list a later sentence of the paragraph
        # opens (`như:`, `gồm:`) under the total the paragraph stated (after the first, while they are its parts)
        total = next((f for f in reversed(para_facts or []) if is_total(f) and f.sentence_index < sent.index), None)
        first = not sent_facts.last_end(led.end(), m.start)
        intro = total is not None and (first or any(f.parent_fact_id == total.fact_id for f in sent_facts))
        total = total if intro else None
    if marker is None and not intro and in_bracket and unit != "percent" and (
            doc.crop_named(opened, m.number_start) or choice.how == BRACKET_PART
            or doc.ownership_named(opened, m.number_start)):
        # `Tổng diện tích cây ăn trái hơn 8.113ha (xoài hơn 6.408ha, ...)`: a crop's figure in a bracket right after
        # a total of the same kind is a part of it (so is an ownership's: `(vốn nhà nước 1.800 tỷ đồng, ...)`)
        # (the crop keeps its own code: `diện tích cây lâu năm đạt 12.500 ha (cà phê 8.200 ha, ...)`)
        total = next((f for f in sent_facts.latest_first(sent.start) if f.char_end <= opened
                      and f.role == "level" and f.unit == unit and not key[f.char_end:opened].strip()), None)
        intro = total is not None
    if marker is None and not intro and in_bracket and unit != "percent":
        # `có 5 sản phẩm OCOP (1 sản phẩm 4 sao và 4 sản phẩm 3 sao)`, `tổng diện tích cây trồng hàng năm đạt 24.748 ha
        # (vụ Đông Xuân 13.893 ha, Hè Thu 10.855 ha)`: counts of the total's own noun, or amounts in its own unit, in a
        # bracket right after it, adding up to it, are its parts
        sums_to = _counts_summing_to if unit == "count" else _amounts_summing_to
        summed = next((f for f in sent_facts.latest_first(sent.start) if f.char_end <= opened and f.role == "level"
                       and f.metric == metric.code and sums_to(key, f, m, opened)), None)
        if summed is not None:
            total, intro = summed, True
    breakdown = (g.breakdown_lead.match(key, sent.start) or g.breakdown_colon.search(key, sent.start, m.number_start)) \
        if total is None and not in_bracket else None
    if breakdown is not None:  # `Xét theo ngành, ...` under the total read last, in any paragraph
        # the last total read of the indicator or of the whole it is a part of (`Xét theo khu vực kinh tế,
        # khu vực công nghiệp và xây dựng đạt ...` after the GRDP)
        totals = [f for f in (doc.last_level(metric.code), doc.last_level(metric.part_of))
                  if f is not None and is_total(f)]
        total = max(totals, key=lambda f: f.char_start) if totals else None
        intro = total is not None  # a breakdown may name only some parts: partial
    if total is not None and (abs(value) >= abs(total.value) > 0 or (
            total.qualifier != "exact" and abs(value) >= 0.999 * abs(total.value))):
        # a part is less than its total: the total restated, or an indicator of its own (and within a rounded
        # total's reach, `gần 81.300 tỷ đồng` in the headline, `81.289 tỷ 961 triệu đồng` in the body, the same)
        total = None
    if total is not None and in_bracket and total.char_end <= opened \
            and YEAR_IN.search(key, opened, m.number_start) is not None:
        total = None  # `thu ngân sách đạt 500 tỷ đồng (năm 2023: 450 tỷ đồng)`: another year's amount, no part
    if total is not None and marker is None and alias.is_scope and total.scope:
        # `cụ thể: thu công thương nghiệp ... đạt 1.576 tỷ đồng, ...; thuế thu nhập cá nhân 1.192 tỷ`: sources
        # listed one after another are siblings; only a marker after one (`trong đó`) makes the next its part
        total = None
    if total is not None and m.range_part is None and (marker is not None or intro):
        inner = next((f for f in sent_facts.latest_first(total.char_end) if f.role == "part"
                      and f.parent_fact_id == total.fact_id and f.unit == unit and abs(value) < abs(f.value)), None)
        second = g.list_marker.search(key, inner.char_end, m.number_start) if inner is not None else None
        if second is not None and ":" not in key[inner.char_end:second.start()] + key[second.end() + 1:m.number_start]:
            # (its own colon aside: `(-643,7 ha) so với cùng kỳ, trong đó: diện tích lúa 29.614,1 ha`)
            # `thu ngân sách ... 711,980 tỷ đồng, trong đó ngân sách địa phương hưởng 705,722 tỷ đồng, ..., trong đó
            # thu cân đối 96,635 tỷ đồng`: a second `trong đó` after a part lists the part's own parts
            total = inner
        role, parent_id = "part", total.fact_id
        part_list = "partial" if intro or marker is None or marker.group().lstrip().startswith(g.partial_marker) \
            else "complete"
        if part_list == "complete" and any(marker.end() <= f.char_start and f.char_end <= m.start
                                           and f.metric not in (metric.code, total.metric) for f in sent_facts):
            # `Cụ thể, ở lĩnh vực kinh tế: (1) ... GRDP ... 8,5%; ... (7) Thu nội địa 6.220 tỷ đồng`: the marker
            # opens a list of other indicators, among them some parts of the total: not its complete breakdown
            part_list = "partial"
        if breakdown is not None:  # one breakdown of the total among others (by ownership, by industry)
            part_list = "breakdown"
    elif m.range_part is None and (metric.part_of or alias.is_scope) and metric.code not in g.marked_parts:
        # a component the paragraph has stated the total of (`khu vực dịch vụ đạt 7.709 tỷ đồng` after
        # the GRDP; `thu nội địa` after the budget revenue): a part, the list not said to be complete
        whole = metric.code if alias.is_scope else metric.part_of
        total = next((f for f in reversed(para_facts or []) if f.role == "level" and f.unit == unit
                      and f.metric == whole and f.metric_how != PLANNED
                      and not (alias.is_scope and f.scope and f.sentence_index == sent.index)  # siblings
                      and running_total(doc, f.char_start) == running), None)
        if total is None and (choice.how.startswith(SECTOR_UNDER) or alias.is_scope):  # the total read
            if alias.is_scope:  # paragraphs before (`Trong số đó, thu nội địa 8.442 tỷ đồng`): the whole, unscoped
                earlier = next((f for f in reversed(doc.levels.get(whole, [])) if f.scope is None), None)
                total = earlier if earlier is not None and earlier.unit == unit \
                    and not doc.other_period_between(earlier.char_end, m.start, earlier.period) else None
            else:
                earlier = doc.last_level(whole)
                total = earlier if earlier is not None and earlier.unit == unit else None
        if total is None and not alias.is_scope:
            # a sibling component read earlier in the sentence as a part of an earlier total (`khu vực nông, lâm
            # nghiệp, thủy sản đóng góp 10.551,6 tỷ đồng (tăng 8,3%); khu vực công nghiệp – xây dựng đạt 10.929,6
            # tỷ đồng`; `Bên cạnh đó, thuế sản phẩm ... đạt 2.890,6 tỷ đồng`): the list goes on under the same total
            # (or in the paragraph before, when this one opens with the next sector: `Tổng giá trị tăng thêm khu vực
            # công nghiệp và xây dựng (khu vực II) ...` after a paragraph listing khu vực I under the GRDP)
            before = [] if para_facts or sent_facts else list(reversed(prev_facts or []))
            wholes = {f.fact_id: f for f in doc.levels.get(whole, [])}
            # (a sibling listed under a total, not one nested under another part: `trong đó lĩnh vực công nghiệp`)
            read = [*reversed(sent_facts), *reversed(para_facts or []), *before]
            total = next((wholes[f.parent_fact_id] for f in read
                          if f.role == "part" and f.unit == unit and doc.ref.metrics[f.metric].part_of == whole
                          and f.metric != metric.code and f.parent_fact_id in wholes), None)
        earlier_paragraph = total is not None and not any(f is total for f in para_facts or [])
        if total is not None and abs(value) < abs(total.value):
            # `..., gồm:` closing the total's sentence presents the list that follows as complete
            complete = g.complete_list.search(fold(total.sentence).rstrip()) is not None
            role, parent_id, part_list = "part", total.fact_id, "complete" if complete else "partial"
            if earlier_paragraph and alias.is_scope:
                # sources named paragraphs after the total may nest (thu nội địa, then thuế thu nhập cá nhân):
                # each sentence's sources are one view of the total, summed on their own
                part_list = "breakdown"
    last = next((f for f in reversed(sent_facts) if f.unit == unit), None) if role == "level" else None
    if last is not None and m.range_part is None and metric.code in g.marked_parts and last.role == "part" \
            and last.metric != metric.code and key.count(";", last.char_end, m.start) == 1:
        # `...; bán hàng hóa, quà lưu niệm ước đạt gần 45 tỷ đồng; doanh thu các dịch vụ khác ước đạt trên 62,5 tỷ
        # đồng` closing the parts of a tourism revenue total: a line listed right after a part (the item before)
        # goes on with its list, whatever total the line is usually a part of (a line that is a part only in a list:
        # not an indicator of its own, `; giá trị sản xuất công nghiệp 199,9 tỷ đồng` after the retail lines)
        total = next((f for fs in doc.levels.values() for f in fs if f.fact_id == last.parent_fact_id), None)
        if total is not None and abs(value) < abs(total.value):
            role, parent_id, part_list = "part", total.fact_id, "partial"
    item_lo = doc.last_mark(",;:", sent.start, m.number_start) + 1 or sent.start
    if role == "level" and m.range_part is None and unit != "percent" and (
            (choice.how.startswith(UNDER) and choice.scope is not None and doc.ownership_named(*choice.scope))
            or doc.ownership_named(item_lo, m.number_start)):
        # `Tổng vốn đầu tư ... ước đạt 56.061,6 tỷ đồng. Vốn Nhà nước ... ước đạt 17.875,1 tỷ đồng; vốn ngoài Nhà nước
        # ...`: a share by ownership of the indicator the paragraph stated the total of is its part (so is a sentence
        # opening on an ownership: `Khu vực kinh tế nhà nước thu được 18,21 tỷ đồng` after the revenue's total)
        total = next((f for f in reversed(para_facts or []) if f.role == "level" and f.unit == unit
                      and f.metric == metric.code and f.scope is None and f.metric_how != PLANNED
                      and running_total(doc, f.char_start) == running), None)
        if total is not None and abs(value) < abs(total.value):
            role, parent_id, part_list = "part", total.fact_id, "partial"
    lead = doc.list_leads.get(sent.paragraph) if role == "level" and not in_bracket and m.range_part is None else None
    if lead is not None:
        # `... GPMB cho 971 hộ, 02 tổ chức/125,75ha/1.377,412 tỷ đồng ..., cụ thể như sau:` over `+ Nhóm công trình sử
        # dụng vốn ngân sách: ... /1,64ha/...`: a list item under a lead that stated the indicator's total is its part
        total = next((f for f in doc.levels.get(metric.code, []) if f.sentence_index == lead.index
                      and is_total(f)), None)  # (the lead's first: `(103,81ha)` after it is last year's)
        if total is not None and abs(value) < abs(total.value):
            complete = g.complete_list.search(fold(total.sentence).rstrip()) is not None
            role, parent_id, part_list = "part", total.fact_id, "complete" if complete else "partial"
    if role == "part" and doc.g.period_aside.fullmatch(
            key, skip_spaces(key, doc.last_mark(",;:", sent.start, m.number_start) + 1), m.number_start) is not None:
        # `lưu trú ước đạt 228,16 tỷ đồng, tăng 19,55%, riêng quý III đạt 89,81 tỷ đồng`: a period singled out of the
        # total's is no part of it
        role, parent_id, part_list = "level", None, None
    if role == "part" and parent_id is not None:
        # `nhóm cây lương thực có hạt 31.398,4 ha, ..., trong đó: diện tích lúa 29.614,1 ha, ...; ngô 1.784,2 ha`: after
        # a part of the same total, a `trong đó` opens that part's own parts
        inner = next((f for f in sent_facts.latest_first(sent.start) if f.role == "part" and f.unit == unit
                      and f.parent_fact_id == parent_id and abs(value) < abs(f.value)), None)
        if inner is not None and g.list_marker.search(key, inner.char_end, m.number_start) is not None:
            parent_id = inner.fact_id
    return role, parent_id, part_list



# a rank before the wider territory (`xuất khẩu đứng thứ 3 cả nước, đạt`, `dẫn đầu toàn quốc`, `nhỏ nhất cả nước`,
# `thuộc nhóm thứ hạng cao của cả nước`):
# the figure is the locality's own
_RANKED = re.compile(fold_pattern(r"(?:thứ\s+\d+|thứ\s+hạng\s+(?:cao|thấp|khá)(?:\s+nhất)?|thứ\s+[^\W\d_]+|đầu"
                                  r"|top\s*\d+|nhất)\s+(?:trong\s+|so\s+với\s+|của\s+)?$"))

_FIGURE = re.compile(r"%|\d[.,]\d")  # a figure written with its percent sign or decimals (no year, no `6 tháng`)
_SHARE_OF = re.compile(fold_pattern(r"chiếm[^;()%]{0,30}%[^,;()]*$"))


def _wider_territories(doc: Document, sent: Sentence, m: Mention, alias_end: int, clause_start: int) -> list[int]:
    """Where each wider territory named between the indicator and its figure ends (`GRDP cả nước tăng 7,09%`)."""
    key = doc.key
    if alias_end > m.number_start:
        return []
    return [w.end() for w in doc.g.wider_area.finditer(key, max(clause_start, alias_end), m.number_start)
            if not _closed_aside(key, alias_end, w.end(), m.number_start)
            and not _RANKED.search(key, max(0, w.start() - 16), w.start())
            # a share before it: the territory is the share's whole (`chiếm 19,4% cả nước, tăng 0,4%`); a figure
            # after it: the territory's own, and the next one the report's (`cả nước đạt 7,09%, tỉnh đạt 8,2%`)
            and not _SHARE_OF.search(key, max(sent.start, w.start() - 80), w.start())
            and not _own_figure_after(key, w.end(), m.number_start)]


_FROM = re.compile(fold_pattern(r"(?<!\w)từ\s+$"))


def _own_figure_after(key: str, lo: int, hi: int) -> bool:
    """Whether a figure between a wider territory and this one makes this one the report's (`cả nước đạt 7,09%, tỉnh
    đạt 8,2%`); not the end of the territory's own move (`GDP toàn cầu ... giảm từ 3,8% năm 2018 xuống còn 3,2%`)."""
    fig = _FIGURE.search(key, lo, hi)
    return fig is not None and _FROM.search(key, max(lo, fig.start() - 8), fig.start()) is None


# `4 xã đạt 11 - 13 tiêu chí`, `3 xã đạt từ 15-18 tiêu chí`, `có 12 xã đạt 15/19 tiêu chí`
_CRITERIA_BAND = re.compile(fold_pattern(r"\s*(?:đã\s+)?(?:đạt|có)\s+(?:từ\s+)?(\d+)(?:\s*[-–]\s*(\d+))?"
                                         r"(?:\s*/\s*19)?\s+tiêu\s+chí"))


# (folded) `3 xã đạt từ 15 - `, `12,2% tổng số xã trên toàn tỉnh đạt `, `số xã đạt dưới ` right before a criteria count
_BAND_OF_COMMUNES = re.compile(fold_pattern(
    r"(?:\d\s*%?\s+(?:tổng\s+số\s+)?xã|(?<!\w)số\s+xã)(?:\s+[^\s\d,;.()]+){0,5}?\s+(?:cơ\s+bản\s+)?(?:đã\s+)?đạt\s+"
    r"(?:từ\s+|dưới\s+|trên\s+)?(?:\d{1,2}\s*[-–]\s*)?$"))


def _short_of_all_criteria(key: str, after: int) -> bool:
    """Whether the communes just counted are said to meet fewer than all 19 criteria."""
    band = _CRITERIA_BAND.match(key, after)
    return band is not None and int(band.group(2) or band.group(1)) < _ALL_CRITERIA


_ALL_CRITERIA = 19  # the national new-rural criteria set


def _closed_aside(key: str, lo: int, at: int, before: int) -> bool:
    """Whether position `at` lies in a bracket opened after `lo` and closed before `before` (`ước đạt 1.858 triệu
    USD (chiếm khoảng 6,96% KNXK của cả nước), tăng 11,4%`: the wider territory is the aside's, not the figure's)."""
    return any(a.start() < at <= a.end() for a in ASIDE.finditer(key, lo, before))


_COMMA_ONLY = re.compile(r"[^,;.()]{0,40},[^,;.()\d]{0,12}")  # (one clause's break between two figures)


def _listed_item(doc: Document, lo: int, hi: int) -> str | None:
    """The item a list opened after an indicator names before its figure (`một số ngành có chỉ số IIP giảm sâu ... là
    sản xuất giường, tủ, bàn ghế giảm 24,7%`): one part of the indicator, its scope; None when nothing is listed."""
    opener = next(reversed(list(doc.g.item_opener.finditer(doc.key, lo, hi))), None)  # the last one
    if opener is None or doc.g.parts_named.search(doc.key, max(0, lo - 80), opener.start()) is None:
        return None  # (only under words naming several parts: `một số ngành`, `các mặt hàng`)
    seg = doc.key[opener.end():hi]
    verb = doc.g.roles.verb.search(seg)
    item = seg[:verb.start()] if verb is not None else seg
    if not re.search(r"[^\W\d]{2}", item) or DIGIT.search(item) or "(" in item or ")" in item \
            or doc.says_nothing(item):
        return None
    at = opener.end() + len(item) - len(item.lstrip())
    return re.sub(r"\s+", " ", doc.text[at:opener.end() + len(item.rstrip())]).strip(" ,;:") or None


OTHER_AREA_BASE = "a ratio to, or gap from, another territory's figure (mức bình quân chung cả nước)"


def read_fact(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts, next_start: int,
               ctx: AliasHit | None = None, prev_facts: list[Fact] | None = None,
               last_alias: Alias | None = None,
               para_facts: list[Fact] | None = None) -> tuple[Fact | None, str | None, AliasHit | None]:
    key, text, ref, g = doc.key, doc.text, doc.ref, doc.g
    clause_start = clause_start_of(key, sent, m.start)
    if m.unit is None and m.scale == 1 and m.range_part is None and percent_dropped(doc, m, clause_start):
        m = replace(m, unit="percent")
    planned = _planned_value(doc, m, sent_facts) or _base_period_value(doc, m, sent_facts)
    if planned is not None:
        return planned, None, None
    if m.unit == "percent" and g.other_area_base.match(key, m.end):
        # `tăng 9,32%, gấp 1,65 lần mức bình quân chung cả nước`: a ratio to, or gap from, another territory's
        # figure, which no role states (a base is an earlier period or a plan of the locality itself)
        return None, OTHER_AREA_BASE, None
    choice, why_not = choose_metric(doc, sent, m, sent_facts, clause_start, ctx, last_alias, prev_facts)
    if choice is None:
        return None, why_not, None
    alias = choice.alias
    alias_span = (choice.start, choice.end)
    # (a reading from context names no words here: `..., cao hơn mức tăng của cả nước 8,02%` is still the nation's)
    last_end = sent_facts.last_end(clause_start, m.start)
    named_end = last_end if choice.end == choice.start and last_end is not None else choice.end
    wider = _wider_territories(doc, sent, m, named_end, clause_start)
    opened = key.rfind("(", sent.start, m.number_start)
    if not wider and opened > key.rfind(")", sent.start, m.number_start) and not DIGIT.search(
            key, opened, m.number_start):
        # `cao hơn tốc độ tăng trưởng cả nước (tăng 6,93%)`: a bracket right after the wider territory holds its figure
        wider = [w.end() for w in g.wider_before_bracket.finditer(key, max(sent.start, opened - 24), opened)
                 if not key[w.end():opened].strip()]
    if wider and not g.own_area.search(key, wider[-1], m.number_start):  # (`..., của tỉnh đạt 7,2%`: its own)
        # `tốc độ tăng GRDP 6 tháng đầu năm 2024 của toàn vùng Đồng bằng sông Cửu Long ước đạt 6,12%`: the
        # indicator of a wider territory, not of the report's locality
        return None, "the figure of a wider territory", None
    metric = _metric_of_list(doc, sent, m, ref.metrics[alias.code], alias, choice, sent_facts, prev_facts)
    if metric.code in g.banded_criteria and "/" not in key[m.number_end:m.number_end + 8] and _BAND_OF_COMMUNES.search(
            key, max(clause_start, m.number_start - 64), m.number_start):
        # `có 3 xã đạt từ 15 - 18 tiêu chí, 14 xã đạt từ 10 - 14 tiêu chí`, `số xã đạt dưới 5 tiêu chí`: the band the
        # communes are counted by, a threshold (CONTRACT: not a fact), not criteria the locality met
        return None, "the criteria band communes are counted by", None
    if metric.code in g.all_criteria_counts and _short_of_all_criteria(key, m.end):
        # `đến nay đã có 4 xã đạt 11 - 13 tiêu chí`: communes banded by how many criteria they meet, not yet new-rural
        return None, "communes counted by criteria met, short of all", None
    if metric.code in g.averages and m.value % 1:
        # `bình quân tiêu chí ... đạt 18,1/19 tiêu chí`: whole things counted with a decimal part are an average
        metric = ref.metrics[g.averages[metric.code]]
    if m.unit == "VND" and m.value < _PER_PERSON_BELOW and g.concepts.head_of_metric.get(metric.code) == "grdp":
        # `GRDP đến năm 2025 bình quân đạt 105 triệu đồng`: no territory's product is a few million đồng; per person
        per_person = g.concepts.metric("grdp", {("per", "person")})
        metric = ref.metrics[per_person.metric] if per_person is not None else metric
    if metric.code in g.tally_short_of:
        metric = ref.metrics[_short_of_plan(doc, m, g.tally_short_of[metric.code]) or metric.code]
    if metric.code in g.capital_of_enterprises and _of_count(doc, sent_facts, alias_span, m, g.enterprise_counts):
        metric = ref.metrics[g.capital_of_enterprises[metric.code]]
    elif metric.code in g.capital_of_projects and _of_count(doc, sent_facts, alias_span, m):
        # (projects the state budget funds: their capital is the public investment allocated to them)
        public = g.public_funding.search(key, sent.start, m.number_start) is not None
        metric = ref.metrics[(g.capital_of_public_projects if public else g.capital_of_projects)[metric.code]]
    # a count frame names what is counted (`thu hút … {N} lượt`) when the unit words do not
    counted_by_frame = choice.how in ("frame", COUNT_SUBJECT) and m.unit is None and metric.unit == "count"
    per_capita_count = m.unit == "count" and metric.unit == "per_10k_people"
    per_unit = PER_UNIT_CURRENCY.get(metric.unit) == m.unit  # `thu nhập bình quân đầu người 75 triệu đồng`
    per_capita = metric.unit.endswith("/person/year") and m.unit in PER_CAPITA_OF
    if not compatible(metric.unit, m) and not (m.unit == "count" and metric.unit == "count") \
            and not counted_by_frame and not per_capita_count:
        return None, f"unit {m.unit} does not fit {metric.code} ({metric.unit})", None

    # role, comparison base
    prev_end = sent_facts.last_end(0, m.start)
    prev_end = clause_start if prev_end is None else prev_end
    left = key[max(prev_end, clause_start, alias_span[1] if alias_span[1] <= m.start else 0):m.start]
    verb = _verb_of(g, left)
    if verb is None and choice.how == "fuzzy":  # (a misspelt alias's span may hold the verb: `sản xuất công nghiệp
        # tăng`)
        verb = _verb_of(g, key[max(prev_end, clause_start):m.start])
    starts_change = g.roles.from_level.search(left) is not None and g.roles.to_level.match(key, m.end) is not None
    if starts_change:
        verb = None  # `tăng từ 45 triệu đồng năm 2020 lên 52 triệu đồng`: the level the change starts from
    if metric.code in ref.reduction_codes and (g.roles.level_after_verb.search(left) or starts_change):
        # `giảm tỷ lệ hộ nghèo xuống còn 3,5%`: the rate it falls to, not the fall
        metric = next((x for x in ref.metrics.values() if x.reduction_code == metric.code), metric)
    right = key[m.end:next_start]
    bracket = VALUE_BRACKET.match(key, m.end, sent.end)
    if bracket is not None:  # `76,89% (KH 74%)`: the bracket states the plan's value; the base comes after it
        digit = DIGIT.search(key, bracket.end(), sent.end)
        right = key[bracket.end():digit.start() if digit else sent.end]
    base, base_year = g.roles.base_after(right)
    if base is None and m.unit == "percent" and (before := _BASE_BEFORE_RATIO.search(
            ("; " if clause_start >= prev_end else "") + key[max(prev_end, clause_start):m.start])) is not None:
        # `...; so với dự toán Trung ương giao đạt 151%; so với cùng kỳ năm trước bằng 322%`: the base written first
        # (after a separator: not the base the figure before wrote after itself: `đạt 87,3% so với X và bằng 157,8%`)
        base, base_year = g.roles.base_after(" " + before.group(1))
    if base is None and m.unit == "percent" and (before := _BASE_AFTER_REACHING.search(
            key, max(prev_end, clause_start), m.start)) is not None:
        base, base_year = g.roles.base_after(" " + (before.group(1) or before.group(2)))
    if m.unit == "percent" and verb in ("reach", "equal", None) and g.wider_total.match(key, m.end):
        verb, base = "share", None  # `bằng 19,2% của toàn tỉnh`: the locality's share of the wider total
    if m.unit == "percent" and verb in ("reach", "equal", None) and _of_its_total(doc, m, metric.code):
        verb, base = "share", None  # `735 tỷ đồng (= 54% tổng thu ngân sách)`: the part's share of its total
    if choice.how == COUNT_SHARE and verb in ("reach", "equal", None):
        verb, base = "share", None  # `có tới 82,6% doanh nghiệp thành lập mới hoạt động dịch vụ`: a share of the count
    own_base = base is not None  # written after the figure, not carried from the sentence's lead
    if verb is None and own_base and m.unit not in (None, "percent"):
        # `tăng 515 vườn, diện tích 394,28ha so với năm 2024`: an amount with a base of its own after a change verb
        # read since the sentence's last figure (its clause names the measure) is that change, in its unit
        since = g.roles.last_verb(key[sent_facts.last_end(sent.start, m.start) or sent.start:m.start])
        verb = since if since in ("increase", "decrease") else None
    if verb is None and m.unit == "percent" and m.scale != 100:
        shared = _change_shared(g, key, sent_facts, m, metric.code, own_base)
        if shared is not None:
            verb = "decrease" if shared.value < 0 else "increase"
            if not own_base:  # `lần lượt vượt kế hoạch là hơn 15% và hơn 11%`: the base too
                base, base_year = shared.comparison_base, shared.base_year
    if base is None and m.unit == "percent" and verb in ("reach", None):
        base = _lead_base(doc, sent, m)
    if base is None and m.unit == "percent" and verb in ("reach", "equal", None):
        base = _whole_ratio_base(doc, sent_facts, m, metric)
    if base is None and m.unit == "percent":
        base, base_year = _opening_base(doc, sent)
    after_plan = bool(sent_facts) and sent_facts[-1].metric_how == PLANNED and sent_facts[-1].char_end <= m.start \
        and sent_facts[-1].metric == metric.code and sent_facts[-1].unit != "percent"
    # (not another indicator's ratio after it: `(KH 9.500 người); tỷ lệ`; nor a rate after a rate's plan: `tỷ lệ qua đào
    # tạo 50% (KH 2024: 82%), trong đó tỷ lệ lao động có bằng cấp ... đạt trên 14%`)
    if base is None and after_plan and verb in ("equal", "reach") and m.unit == "percent":
        base = "plan"  # `7.596 tấn (KH 7.526 tấn) bằng 100,93%`: the ratio to the plan just stated
    role = "level"
    value = m.value
    unit = metric.unit if per_capita_count or per_unit else (m.unit or metric.unit)
    if m.unit is None and not (per_capita_count or per_unit):  # `đạt 85,2 triệu đồng, tăng 7,4 triệu`: the amount's
        unit = next((f.unit for f in sent_facts.latest_first(sent.start) if f.metric == metric.code  # currency
                     and f.role in ("level", "part") and f.unit != "percent"), unit)
    if per_capita and not per_unit:
        unit = PER_CAPITA_OF[m.unit]  # GRDP per capita written in đồng: VND/person/year
    # the growth of the indicator, in its name or right before it (`Phấn đấu tăng trưởng GRDP năm 2024 đạt 8,5%`)
    named_at, named = alias_span[0], fold(alias.text)
    if key.endswith("(", max(0, named_at - 2), named_at):
        # `tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) ... đạt 11,86%`: an abbreviation in brackets after
        # the indicator's full name is named as the full name is
        full = next((h for h in doc.lefts_nearest_first(max(clause_start, named_at - 80), named_at)
                     if h.alias.code == alias.code), None)
        if full is not None:
            named_at, named = full.start, named + " " + fold(full.alias.text)
    alias_growth = any(w in named for w in g.growth_words) or (
        alias_span[1] <= m.start and any(key.endswith(w + " ", max(clause_start, named_at - 16), named_at)
                                         for w in g.growth_words)) or (
        # `kinh tế ... đạt tốc độ tăng trưởng ở mức 8,10% so với năm 2017`: the growth named between the
        # indicator and its figure
        alias_span[1] <= m.start and any(w in key[max(alias_span[0], clause_start):m.number_start]
                                         for w in g.growth_words))
    if m.points and metric.label_en.endswith(" index") and not metric.code.endswith("_contribution") \
            and g.contribution_pct.search(key, max(clause_start, m.number_start - 24), m.number_start):
        # `ngành chế biến, chế tạo tăng 24,65%, đóng góp 24,08 điểm phần trăm vào mức tăng chung` of the industrial
        # production index: a branch's contribution to the index's growth, which no code measures
        return None, "a contribution to an index's growth, which no indicator measures", None
    if m.points:  # `đóng góp 2,5 điểm phần trăm`, `tăng 3,45 điểm %`: a change in points is its own level
        if verb == "decrease" and metric.reduction_code:  # `tỷ lệ hộ nghèo ..., giảm 1,05 điểm`: its own code
            metric = ref.metrics[metric.reduction_code]
        elif choice.how == RATE_CHANGE:
            role, value = "abs_change", -value if verb == "decrease" else value
        elif metric.code.endswith("_contribution") and g.roles.last_verb(key[max(prev_end, clause_start):m.start]) \
                == "decrease":
            value = -value  # `đóng góp giảm 0,04 điểm phần trăm`: a contribution that pulled growth down
        base = base if role == "abs_change" else None
    elif m.unit == "percent" and m.scale == 100 and verb == "times" and base in ("plan", "budget_estimate"):
        role = "pct_of_plan"  # `gấp 3,04 lần so với dự toán`: the plan's attainment, as a multiple
    elif m.unit == "percent" and m.scale == 100 and verb in ("times", "increase"):
        role, base = "pct_of_base", base or "same_period"  # `gấp 2,3 lần`, `tăng 3,2 lần`
    elif m.unit == "percent" and m.scale == 100 and verb == "decrease":
        # `tỷ lệ 0,81%, thấp hơn gần 11 lần so với năm 2011`: a fall by a multiple, no level, change or ratio stated
        return None, "a fall by a multiple (thấp hơn 11 lần), which no role states", None
    elif m.unit == "percent" and choice.how == CHANGE_IN_UNITS:
        role, base = "pct_change", base or GROWTH  # `giảm 461 ha (-0,36%)`: the same change in percent, signed
    elif m.unit == "percent" and metric.unit != "percent":
        if verb == "share" and base in ("plan", "budget_estimate") and not metric.code.startswith("share_"):
            role = "pct_of_plan"  # `giải ngân ... đạt 763,3 tỷ đồng, chiếm 13,4% kế hoạch`: the plan's attainment
        elif verb == "share":
            role = "level" if metric.code.startswith("share_") else "part"
            base = None
        elif verb == "increase":
            role, base = "pct_change", base or GROWTH
        elif verb == "decrease":
            role, base, value = "pct_change", base or GROWTH, _fallen(value, text, key, m)
        elif verb == "exceed":
            role, base = "pct_change", base or "plan"
        elif base in ("plan", "budget_estimate") and (own_base or not alias_growth):
            # (`nhiều chỉ tiêu đạt và vượt kế hoạch, trong đó tốc độ tăng trưởng kinh tế ... đạt 12,59%/năm`: a growth
            # under a lead about the plan is still a growth)
            role = "pct_of_plan"
        elif verb in (None, "reach") and alias_growth:
            # `kinh tế tỉnh ... tăng trưởng 7,07% so với cùng kỳ`: the growth the indicator's own name states
            role, base = "pct_change", base or GROWTH
        elif base in ("same_period", "prior_year", "prior_period") and verb in (None, "reach") and value < 30 \
                and g.concepts.head_of_metric.get(metric.code) in ("grdp", "value_added"):
            # `tổng sản phẩm trên địa bàn tỉnh ước đạt 7,45% so với cùng kỳ`: an economy is never a third of what it
            # was a year before; a small percentage it reached against its base is its growth
            role = "pct_change"
        elif base in ("same_period", "prior_year", "prior_period"):
            role = "pct_of_base"
        elif verb in ("reach", "equal", None) and base is None and metric.code in g.done_of_plan:
            # `huyện đã giải ngân được 90,3%`: what is disbursed is measured against the capital allocated
            role, base = "pct_of_plan", "plan"
        elif verb == "reach" and base is None and not alias_growth and not (
                # (named since the last figure before it: `giữ được mức tăng trưởng ổn định, tổng giá trị sản xuất ...
                # đạt trên 3.000 tỉ đồng, đạt 100,33%` grows nothing by 100,33%)
                any(w in key[max(clause_start, sent_facts.last_end(sent.start, m.start) or clause_start):m.number_start]
                    for w in g.growth_words)
                or _SIGNED.search(text, max(0, m.number_start - 3), m.number_start + 1)
                or g.concepts.head_of_metric.get(metric.code) in ("grdp", "value_added")
                # (`Tổng giá trị sản xuất năm 2023 đạt 7,2%`: a year's output is not a fourteenth of its plan)
                or value < 30 and g.concepts.head_of_metric.get(metric.code) == "production_value"
                or doc.status.before(sent.start, m.start) == "target"):
            # `giải ngân 1.151 tỉ đồng, đạt 32,52%.`: a bare ratio the amount reached is its attainment of the plan
            # (not a growth its own words name: `... 18.900 tỉ đồng, tốc độ tăng trưởng đạt 7,32%`; not after a rate,
            # `tỷ lệ qua đào tạo 50% ..., trong đó tỷ lệ lao động có bằng cấp đạt trên 14%`: another rate); against
            # the base its indicator's attainment named before (`... đạt 67% dự toán. Trong đó, khoản thu từ doanh
            # nghiệp trung ương đạt 44,6%`)
            role = "pct_of_plan"
            base = next((f.comparison_base for f in (*sent_facts.latest_first(sent.start), *reversed(prev_facts or []))
                         if f.metric == metric.code and f.role == "pct_of_plan"), "plan")
        elif verb in ("reach", None) and base is None and (listed := _ratio_of_listed_total(
                doc, sent_facts, m, sent, metric, prev_facts)):
            # `Thu ngân sách đạt 733.155 triệu đồng bằng 38,25% dự toán ...; trong đó: thu ngoài quốc doanh đạt 32%;
            # thuế thu nhập cá nhân 70%`: bare ratios of the items listed under a total measured against its plan
            role, base = "pct_of_plan", listed
        elif verb == "equal" and base is None:
            # `Đàn trâu ước đạt 5.337 con, bằng 99,34%`: the amount as a share of the same period before (no base
            # written)
            role, base = "pct_of_base", GROWTH
        elif verb in ("reach", None) and g.index_subject.search(key, clause_start, m.number_start):
            role, base = "pct_of_base", base or GROWTH  # `tốc độ phát triển GRDP đạt 108,84%`: a ratio to the base
        elif verb in ("up_to", "down_to") and metric.code in g.rates:
            # `nâng tổng số xã đạt chuẩn NTM của huyện lên 50%`: a count raised to a percentage is its rate's new level
            metric, role, base = ref.metrics[g.rates[metric.code]], "level", None
        else:  # a percentage of an amount, named with no verb (`tốc độ tăng năng suất lao động bình quân 8%`)
            role, base = "pct_change", GROWTH
    elif m.unit == "percent":
        if base in ("plan", "budget_estimate") and verb in ("reach", "equal", None):
            role = "pct_of_plan"
            last = sent_facts[-1] if sent_facts else None
            if (metric.reduction_code and last is not None and last.metric == metric.reduction_code
                    and last.role == "level" and _COMMA_ONLY.fullmatch(key, last.char_end, m.start)):
                # `tỷ lệ hộ nghèo là 6,4%, giảm 5,53% so với cuối năm 2018, đạt 221% KH`: the attainment of the
                # fall just stated, not of the rate
                metric = ref.metrics[metric.reduction_code]
        elif base in ("plan", "budget_estimate") and verb == "exceed":
            role = "pct_change"  # a rate `vượt 1,23% kế hoạch`: by how much it beat the plan (CONVENTIONS 7)
        elif verb in ("reach", "equal", None) and g.growth_subject.search(left):
            # `công nghiệp chế biến, chế tạo ... với mức tăng tháng 10 đạt 36,46%`: the growth of the index
            role, base = "pct_change", base or GROWTH
        elif verb in ("increase", "decrease") and not g.roles.level_after_verb.search(left):
            if verb == "decrease" and metric.reduction_code:  # a rate falling by N points has its own code
                metric = ref.metrics[metric.reduction_code]
                base = None
            elif verb == "decrease" and metric.code in ref.reduction_codes:
                base = None  # named as the reduction itself (`tỷ lệ hộ nghèo giảm 1,2%`): its level
            elif metric.code.startswith("share_"):
                # a share rising or falling (`chiếm 9,05% (giảm 0,45% so với năm trước)`) moves by points
                role = "abs_change"
                base = base or GROWTH
                value = -value if verb == "decrease" else value
            else:
                role = "pct_change"
                base = base or GROWTH
                value = _fallen(value, text, key, m) if verb == "decrease" else value
        elif verb is None and _SIGNED_IN_BRACKET.search(text, max(0, m.start - 3), m.number_start + 1) and any(
                f.metric == metric.code and f.role == "level" for f in sent_facts.latest_first(clause_start)):
            # `chiếm 26,38% (-0,99% so với năm 2022)`, `4,33% (+0,08%)`: the rate's change in points, signed
            role, base = "abs_change", base or GROWTH
        elif verb is None and " index" in metric.label_en and (_SIGNED_IN_BRACKET.search(
                text, max(0, m.start - 3), m.number_start + 1) or _SIGNED.match(text, max(0, m.number_start - 2))):
            # `dệt (+5,2%); trang phục (+4,26%)`, `Chỉ số sản xuất công nghiệp (IIP): + 6,7%`: an index's change
            # written only with its sign
            role, base = "pct_change", base or GROWTH
        elif verb == "equal" and base is None and " index" in metric.label_en:
            # `ngành khai khoáng ước bằng 78,13%` under an index's growth: an index equal to a share of its base
            role, base = "pct_of_base", GROWTH
        elif base in ("same_period", "prior_year", "prior_period") and verb in ("reach", "equal", None) \
                and metric.label_en.endswith(" index"):
            # `chỉ số sản xuất công nghiệp tháng 8 ước đạt 101,09% so với tháng trước`: the index to its base; but
            # `chỉ số sản xuất công nghiệp ... tăng trưởng khá cao, đạt 14,02% so cùng kỳ`: its growth
            # (`chỉ số phát triển sản xuất công nghiệp (IIP) tăng ở mức 2 con số, ước đạt 25,15% so với cùng kỳ`: an
            # index is never a quarter of what it was; a small percentage is its growth, as an economy's is)
            grown = any(w in left for w in g.growth_words) or value < 30
            role = "pct_change" if grown else "pct_of_base"
        else:
            base = None
    else:
        signed = _signed_change(g, doc.text, m, sent_facts, metric, ref.metrics)
        if signed is not None:  # `giảm 1,3% (-31 con)`: the same change in the figure's own unit
            role, value, base = "abs_change", signed[0] * abs(value), base or signed[1]
            metric = ref.metrics[signed[2]]
        elif verb in ("increase", "decrease") and not g.roles.level_after_verb.search(left) and (
                base is not None or any(f.role in ("level", "part") and f.metric == metric.code and f.unit == unit
                                        for f in sent_facts.latest_first(clause_start))
                or (unit != "count" and metric.code not in ref.reduction_codes  # (`tăng thêm 44 doanh nghiệp`: new)
                    and g.change_before.search(key, max(clause_start, m.number_start - 12), m.number_start))):
            # (`diện tích gieo trồng lúa giảm 1.504,9 ha`: a change verb right before an amount, no base written)
            # `tăng 473 hộ so với đầu năm`; `đạt 2.514 ha, tăng 391,76 ha, đạt 118% so với năm 2022`: a change
            # of the level just stated, however far its base is written
            if verb == "decrease" and metric.reduction_code:  # `số hộ nghèo giảm 473 hộ`: households leaving poverty
                metric, base = ref.metrics[metric.reduction_code], None
            else:
                role = "abs_change"
                base = base or GROWTH
                value = -value if verb == "decrease" else value
        elif verb == "decrease" and metric.reduction_code and not g.roles.level_after_verb.search(left):
            metric, base = ref.metrics[metric.reduction_code], None  # `số hộ nghèo giảm 120 hộ`: the reduction
        elif verb == "exceed" and base in (None, "plan", "budget_estimate") and metric.domain != "plan" and (
                own_base or any(f.role in ("level", "part") and f.metric == metric.code and f.unit == unit
                                for f in sent_facts.latest_first(clause_start))):
            # `đạt 36,5 vạn tấn, vượt 0,5 vạn tấn so với kế hoạch`: by how much the level beat its plan (also with no
            # level stated: `thu ngân sách vượt 876 tỉ đồng so với dự toán`)
            role, base = "abs_change", base or "plan"
        else:
            base = None
    if role in ("level", "pct_of_base") and metric.label_en.endswith(" index") and m.unit == "percent" and (
            value < 0 or _SIGNED.search(doc.text, max(0, m.number_start - 3), m.number_start + 1)):
        # `(cùng kỳ âm 4,88%)`: an index is never negative, its change is; `lần lượt là: +5,33%; +4,89%`: a sign
        # written before it says the same
        role, base = "pct_change", base or GROWTH
    if role in ("pct_of_plan", "pct_of_base") and m.unit == "percent" and value < 0:
        # `thu nội địa đạt gần 5 nghìn tỷ đồng (bằng 23,8%; -15,6%)`: no ratio to a plan or a base is negative; a figure
        # written with its minus after one is the change
        role, base = "pct_change", GROWTH
    low = next(iter(sent_facts.latest_first(sent.start)), None)
    joined = low is not None and low.char_end <= m.start and g.range_join.fullmatch(key, low.char_end, m.number_start)
    if joined and low.metric == metric.code and low.role != role and low.unit == unit and (
            m.range_part == "high" or key[low.char_end:m.number_start].strip()):
        # `tăng trưởng GRDP 8% - 8,5% so với năm 2023`: the high end of a range is what its low end is
        role, base, value = low.role, low.comparison_base, abs(value) if low.value >= 0 else -abs(value)
    if role == "level" and metric.unit == "percent" and choice.how != "clause" and verb == "equal" \
            and g.roles.base_after(right)[0] in ("same_period", "prior_year", "prior_period"):
        # `doanh thu cả năm ước đạt 340 tỷ đồng, bằng 100,29% so với cùng kỳ` under a paragraph of shares: a ratio to
        # a base is no level of the rate the paragraph named
        return None, "a ratio to a base, not the rate named before", None
    if role == "level":
        base, base_year = None, None
    if base in ("plan", "budget_estimate"):
        base_year = None
    if role == "abs_change" and metric.code in g.numerators:
        # `28/41 chỉ tiêu đạt và vượt nghị quyết ..., tăng 11 chỉ tiêu so với quý I/2025`: the change of the fraction's
        # numerator just read (the targets met), not of the total set
        numerator = next((f for f in sent_facts.latest_first(sent.start) if f.role == "level"
                          and g.fractions.get(f.metric) == metric.code), None)
        if numerator is not None and ";" not in key[numerator.char_end:m.start]:  # (in the fraction's own clause)
            metric = ref.metrics[numerator.metric]

    before_at = max(sent.start, m.number_start - 24)
    qualifier = g.roles.qualifier(key[before_at:m.number_start], key[m.end:m.end + 16], m.range_part is not None,
                                  doc.tone_key[before_at:m.number_start])

    # scope
    scope = None
    sp = g.roles.scope_paren.match(key[m.end:m.end + 200])
    if sp:
        scope = re.sub(r"\s+", " ", text[m.end + sp.start(1):m.end + sp.end(1)]).strip()
    elif (lead := g.roles.scope_lead.match(key, sent.start)) is not None and lead.end() <= m.start:
        # `Loại trừ tiền sử dụng đất, tổng thu ngân sách ... 332.308 triệu đồng`: the sentence's figures leave it out
        scope = re.sub(r"\s+", " ", text[lead.start(1):lead.end(1)]).strip()
    elif alias.is_scope:
        lo = m.number_end if alias_span[0] <= m.number_start < alias_span[1] else alias_span[0]  # (a frame's number
        scope = _LEADING_SCALE.sub("", re.sub(r"\s+", " ", text[lo:alias_span[1]]).strip())  # is no scope)
    elif choice.scope is not None:  # `Chuối 5.400 tấn; dứa 3.930 tấn`: one crop's output of many
        scope = text[choice.scope[0]:choice.scope[1]].strip()
    elif choice.how == PLANNED and m.denominator_of is not None:  # `cây sắn 80/54ha`: the plan of the same crop
        scope = next((f.scope for f in sent_facts if f.char_start == m.denominator_of), None)
    else:
        sg = g.roles.scope_giver.search(right[:60]) if base in ("plan", "budget_estimate") else None
        if sg:
            scope = re.sub(r"\s+", " ", text[m.end + sg.start(1):m.end + sg.end(1)]).strip()
        else:
            # a funding source between the indicator and its figure, or right after the figure (`giải ngân vốn ngân
            # sách tỉnh quản lý ... là 22.907 triệu đồng`, `cấp mới 4 dự án FDI`): the figure is of that source
            lo = alias_span[1] if alias_span[1] <= m.number_start else clause_start
            if alias_span[0] == skip_spaces(key, m.end):  # (named right after the figure: a source before it is
                # another figure's, `600 triệu USD vốn FDI và 3.000 tỷ đồng vốn DDI`)
                lo = m.number_start
            src = g.funding_source.search(key, max(lo, clause_start), m.number_start) \
                or g.funding_source.match(key, m.end)
            if src:
                scope = re.sub(r"\s+", " ", text[src.start(1):src.end(1)]).strip()
            elif choice.how == "clause" and alias_span[1] <= m.number_start:
                scope = _listed_item(doc, max(alias_span[1], clause_start), m.number_start)
    std_lo = max(sent.start, sent_facts.last_end(sent.start, m.start) or sent.start)  # (since the figure before)
    if (season := _season(doc, std_lo, m, sent.end)) is not None and (scope is None or fold(season) not in fold(scope)):
        # `xuống giống được 158.700ha lúa vụ thu đông`: one season's crop, not the year's (another season's figure,
        # or the months to date, is no restatement of it)
        scope = f"{scope} {season}" if scope else season
    if m.unit == "count" and (rated := _ratings_after(g, key, text, m, sent.end)):
        # `20 sản phẩm OCOP được tỉnh xếp hạng 3 sao và 12 sản phẩm xếp hạng 4 sao`: the rating after a count (`32 sản
        # phẩm OCOP xếp hạng 4 sao, 3 sao` names both): a subset, its scope
        scope = f"{scope} ({rated})" if scope else rated
    elif (std := g.subset_standard.search(key, std_lo, m.number_start)) is not None:
        # `vườn dừa đang thực hiện quy trình canh tác hữu cơ, với tổng diện tích 6.291,08ha`: the part of the indicator
        # farmed to a standard, its scope (no restatement of the whole crop's area)
        scope = f"{scope} ({text[std.start():std.end()]})" if scope else text[std.start():std.end()]

    fid = fact_id(doc.doc_id, m.start, m.end)
    part_list = None
    parent_id = None
    if role != "level":
        clause_facts = sent_facts.latest_first(0 if role == "part" else clause_start)
        # the nearest amount of the indicator in the clause: a part's own ratios are the part's
        # (`Trong đó: vốn ngân sách nhà nước 1.500 tỷ đồng, tăng 12%`)
        # (not a past period's value stated in passing: `bằng 95% so với cùng kỳ (77.477 tấn), đạt 37% so với kế
        # hoạch năm`)
        parent = next((f for f in clause_facts if f.metric == metric.code and f.role in ("level", "part")
                       and f.unit != "percent" and f.metric_how not in (PLANNED, BASE_PERIOD)), None)
        parent = parent if parent is None or parent.role == "level" or role != "part" else None
        if role == "part" and verb == "share":
            parent = next((f for f in reversed(sent_facts) if f.metric == metric.code and f.role in ("level", "part")
                           and f.unit != "percent"), None)  # (a share is of an amount, not of a sibling share)
        if parent is not None and (opened := key.rfind("(", parent.char_end, m.start)) >= 0 \
                and key.find(")", opened, m.start) < 0 and g.subset_marker.match(key, skip_spaces(key, opened + 1)):
            parent = None  # `đạt 1.046 tỷ đồng, bằng 100% dự toán (riêng số thu do huyện quản lý đạt 125% ...)`
        parent_id = parent.fact_id if parent else None
    else:
        role, parent_id, part_list = _part_of_total(doc, sent, m, sent_facts, metric, alias, choice, unit, value,
                                                    prev_facts, para_facts)
        numerator = next((f for f in sent_facts if f.char_start == m.denominator_of), None) \
            if choice.how == PLANNED and m.denominator_of is not None else None
        if choice.how == PLANNED and (role == "part" or (numerator is not None and numerator.role == "part")):
            # `tổng diện tích ... 3.375/11.524ha; trong đó ngô ... 817/4.473ha`: a part's plan is a part of its total's
            # plan, not of the result
            plan = next((f for f in sent_facts if f.metric_how == PLANNED and f.role == "level"
                         and f.metric in (metric.code, metric.part_of) and f.unit == unit
                         and abs(value) < abs(f.value)), None)  # (the first: the total's, not a sibling's)
            role, parent_id, part_list = ("part", plan.fact_id, part_list) if plan else ("level", None, None)
        if metric.code.startswith("share_") and unit == "percent":
            # `chiếm tỷ trọng 56,1% năm 2006, giảm còn 42,5% năm 2010`: a structure share is a level (CONTRACT), never
            # a part of another year's share or of its sector's amount
            role, parent_id, part_list = "level", None, None
        parent = next((f for f in sent_facts if f.fact_id == parent_id), None) if role == "part" else None
        if parent is not None and parent.metric != metric.code and unit == "count" and m.counter \
                and choice.how == "frame" and alias.code in g.numerators and fold(parent.value_text).endswith(
                    " " + m.counter):
            # `12 chỉ tiêu vượt, gồm 11 chỉ tiêu kinh tế - xã hội ... và 1 chỉ tiêu về xây dựng Đảng`: counted only
            # by its noun (a total's bare frame), a part of a count of the same noun counts what that count does
            metric = ref.metrics[parent.metric]
        if role == "level" and not sent_facts:  # (the ownership sibling's total is this group's too)
            sibling = doc.ownership_sibling(sent, prev_facts or [], unit, metric.code)
            if sibling is not None:
                role, parent_id, part_list = "part", sibling.parent_fact_id, "partial"
        if role == "level" and unit in _AMOUNT_UNITS and g.share_after.match(key, m.end):
            # `Diện tích lúa dài ngày là 2.540,6 ha, chiếm 3,32%, ...` after the crop's total: an amount said to be a
            # share of a larger total of its own indicator read before is a part of it
            whole = next((f for f in reversed([*(prev_facts or []), *(para_facts or []), *sent_facts])
                          if f.role == "level" and f.metric == metric.code and f.unit == unit and f.value > value
                          and f.metric_how != PLANNED), None)
            if whole is not None:
                role, parent_id, part_list = "part", whole.fact_id, "partial"
        total = next((f for f in [*sent_facts, *(prev_facts or []), *(para_facts or [])] if f.fact_id == parent_id),
                     None) if role == "part" else None
        item_start = max(clause_start, sent_facts.last_end(clause_start, m.start) or clause_start)
        if total is not None and total.metric in g.within.get(metric.code, ()) and any(
                c[2] == "sector" and c[3] in g.industry_branches for c in doc.concepts_in(item_start, m.start)):
            # `Trong đó, công nghiệp sản xuất điện, nước đạt 5.854,2 tỷ đồng` under the industry and construction
            # total: a branch with no code of its own is a part of the total it is listed under, in its code (and
            # so are the ratios that follow it)
            metric = ref.metrics[total.metric]
            alias = g.metric_alias(total.metric)
    fact = Fact(
        fact_id=fid, doc_id=doc.doc_id, metric=metric.code, role=role, value=value, unit=unit,
        period_year=None, period=None, status="actual", qualifier=qualifier, comparison_base=base,
        base_year=base_year, scope=scope, parent_fact_id=parent_id, char_start=m.start, char_end=m.end,
        value_text=text[m.start:m.end], value_precision=m.precision, sentence=sent.text,
        sentence_index=sent.index, part_list=part_list, metric_how=choice.how,
    )
    return fact, None, AliasHit(alias_span[0], alias_span[1], alias)


def _season(doc: Document, lo: int, m: Mention, hi: int) -> str | None:
    """The crop season (seeds/grammar/concepts.csv, kind season) named in the figure's item before it, or right
    after it past the crop it measures (`158.700ha lúa vụ thu đông`); none when the item names two."""
    if bisect_left(doc.season_starts, lo) == bisect_left(doc.season_starts, min(hi, m.end + 24)):
        return None  # (no season named near: most figures)
    found = [c for c in doc.concepts_in(lo, m.number_start) if c[2] == "season"] or [
        c for c in doc.concepts_in(m.end, min(hi, m.end + 24)) if c[2] == "season" and c[0] <= m.end + 12
        and not re.search(r"[,;:()]|(?<!\w)so(?!\w)", doc.key[m.end:c[0]])]  # (`so với vụ Xuân năm 2022`: a base)
    if len({c[3] for c in found}) != 1:
        return None
    return re.sub(r"\s+", " ", doc.text[found[0][0]:found[0][1]]).strip().lower()


_FIGURE_OR_CLAUSE_END = re.compile(r"[;.](?!\d)|(?<![\d.,])\d")


def _ratings_after(g: Grammar, key: str, text: str, m: Mention, end: int) -> str | None:
    """The ratings (seeds/grammar/words.csv `subset_standard`: `3 sao`, `4 sao`) written after a count, up to the next
    figure or the clause's end, joined as written (`4 sao, 3 sao`); a figure that opens a rating is not a next one."""
    hi = next((s.start() for s in _FIGURE_OR_CLAUSE_END.finditer(key, m.end, end)
               if not (s.group().isdigit() and g.subset_standard.match(key, s.start()))), end)
    found = [r for r in g.subset_standard.finditer(key, m.end, hi)]
    return ", ".join(dict.fromkeys(text[r.start():r.end()] for r in found)) or None


def _amounts_summing_to(key: str, total: Fact, m: Mention, opened: int) -> bool:
    """Whether the bracket opened at `opened` right after the total (no figure between) holds two or more amounts
    written in the total's own unit words (`ha`, `tỷ đồng`) that add up to it, within what their written decimals
    allow."""
    close = key.find(")", m.end)
    number = _LEADING_FIGURE.match(key, total.char_start)
    if close < 0 or number is None or DIGIT.search(key, total.char_end, opened):
        return False
    words = key[number.end():total.char_end].strip()
    written = parse_number(number.group())
    if not words or written is None or not written.value:
        return False
    found = [parse_number(x) for x in re.findall(r"(?<![\d,.])(\d+(?:[.,]\d+)*)\s*" + re.escape(words) + r"(?!\w)",
                                                 key[opened:close])]
    if len(found) < 2 or any(x is None for x in found):
        return False
    slack = sum(0.5 * 10 ** -x.decimals for x in found if x is not None) + 0.5 * 10 ** -written.decimals
    return abs(sum(x.value for x in found if x is not None) - written.value) <= slack + 1e-9


_LEADING_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _counts_summing_to(key: str, total: Fact, m: Mention, opened: int) -> bool:
    """Whether the bracket opened at `opened` right after the total (its own words between, no figure) holds two or
    more counts of the figure's counted noun, the total's too, that add up to the total."""
    close = key.find(")", m.end)
    if not m.counter or close < 0 or total.unit != "count":
        return False
    noun = re.escape(fold(m.counter))
    # (the total may be a fraction's numerator, the noun after its denominator: `20/20 chỉ tiêu đạt (14 chỉ tiêu vượt,
    # 6 chỉ tiêu đạt)`)
    written = re.match(r"[\d.]+(?:\s*/\s*[\d.]+)?\s+" + noun + r"(?!\w)", key[total.char_start:opened])
    if written is None or DIGIT.search(key, total.char_start + written.end(), opened):
        return False
    found = re.findall(r"(?<![\d,.])(\d{1,3}(?:\.\d{3})+|\d+)\s+" + noun + r"(?!\w)", key[opened:close])
    return len(found) >= 2 and sum(int(x.replace(".", "")) for x in found) == total.value
