"""The indicator of a figure: four readings in order of evidence (its shape, words right after it, the
clause's alias, the context), each either naming it, saying why there is none, or passing on."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from transforms.grammar.indicator import (
    AliasHit,
    Choice,
    compatible,
    compose,
    fuzzy_alias,
    item_phrase,
    lookback_start,
)
from transforms.grammar.keys import DASHES, fold
from transforms.grammar.masks import fold_pattern
from transforms.grammar.numbers import Mention, skip_spaces
from transforms.numbers import parse_number
from transforms.reading.document import (
    ASIDE,
    CHANGE_IN_UNITS,
    CONTRIBUTION,
    DIGIT,
    FORMER_AREA,
    LIST_FIGURE,
    LIST_LEAD,
    PLANNED,
    SECTOR_UNDER,
    Document,
    SentenceFacts,
)
from transforms.reading.records import Fact
from transforms.reference import Alias
from transforms.text import Sentence

_Reading = tuple[Choice | None, str | None]  # the indicator of a figure, or why there is none


def choose_metric(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                   clause_start: int, ctx: AliasHit | None,
                   last_alias: Alias | None = None,
                   prev_facts: list[Fact] | None = None) -> tuple[Choice | None, str | None]:
    """The indicator of figure `m` (see `transforms.grammar.indicator` for the order of evidence),
    or why none was found."""
    choice, why = _choose_metric(doc, sent, m, sent_facts, clause_start, ctx, last_alias, prev_facts)
    wider = doc.g.three_sector_wider.get(choice.code) if choice is not None else None
    if choice is not None and wider is not None and _three_sectors(doc, sent):
        # `cơ cấu kinh tế: Công nghiệp chiếm 55,2%, dịch vụ 24,3% và nông nghiệp 20,5%`: beside farming and services,
        # with construction named nowhere, industry is the whole second sector (seeds/grammar/words.csv)
        return replace(choice, alias=doc.g.metric_alias(wider)), why
    rural = doc.g.rural_variant.get(choice.code) if choice is not None else None
    if rural is not None and choice is not None:
        lo = max(sent.start, choice.end)
        cut = doc.last_mark(",;", lo, m.number_start)
        item = doc.key[cut + 1 if cut >= 0 else lo:m.number_start]
        if _COUNTRYSIDE.search(item) and not _TOWN.search(item):
            # `... nước sạch ... khu vực đô thị đạt 99,2%, khu vực nông thôn đạt 95%`: the countryside's own rate
            return replace(choice, alias=doc.g.metric_alias(rural)), why
    return choice, why


_COUNTRYSIDE = re.compile(fold_pattern(r"(?<!\w)nông\s+thôn(?!\w)"))
_TOWN = re.compile(fold_pattern(r"(?<!\w)(?:đô\s+thị|thành\s+thị)(?!\w)"))


def _three_sectors(doc: Document, sent: Sentence) -> bool:
    """Whether the sentence names the farming and services sectors and no construction (alone or with industry)."""
    named = {c[3] for c in doc.concepts_in(sent.start, sent.end) if c[2] == "sector"}
    return {"agriculture", "services"} <= named and not named & {"construction", "industry_construction"}


def _choose_metric(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                   clause_start: int, ctx: AliasHit | None,
                   last_alias: Alias | None = None,
                   prev_facts: list[Fact] | None = None) -> tuple[Choice | None, str | None]:
    if doc.priced(max(clause_start, sent_facts.last_end(clause_start, m.start) or clause_start), m.number_start):
        return None, "a price, which no indicator measures"
    distributed = partial(_distributed, last_alias=last_alias)
    for reading in (_harmed, _overall_growth, _product_item, _bracket_breakdown, distributed, _rate_of_count,
                    _share_of_amount,
                    _attained_in_bracket,
                    _capital_of_disbursement, _by_shape, _named_after_figure, _list_sibling, _whole_branch):
        found = reading(doc, sent, m, sent_facts, clause_start, ctx)
        if found is not None:
            return found
    found, whole = _named_in_clause(doc, sent, m, sent_facts, clause_start)
    if found is not None:
        return found
    return _from_context(doc, sent, m, sent_facts, clause_start, ctx, last_alias, prev_facts, whole)


def _harmed(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
            clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """A figure after words of harm in its clause (`diện tích lúa bị chuột gây hại 200 ha`, `sâu keo gây hại 11,1 ha
    ngô`, `thiệt hại 300 ha lúa`) or right after it (`350 ha hoa màu bị ngập úng`) is no area sown nor output,
    whatever names a crop: the harm's own indicator
    (a pest's: an area damaged), else none."""
    prev_end = sent_facts.last_end(clause_start, m.start)
    harm = doc.harm_words(max(clause_start, prev_end or clause_start), m.number_start)
    if not harm:  # or right after the figure and what it measures (`mưa lớn làm 350 ha lúa bị ngập úng`)
        harm = [c for c in doc.harm_words(m.end, min(sent.end, m.end + 32))
                if not re.search(r"[,;:()\d]", doc.key[m.end:c[0]])][:1]
    if not harm:
        last = next(sent_facts.latest_first(sent.start), None)
        if m.unit in (None, "percent") or last is None or last.metric_how != HARM \
                or not compatible(doc.ref.metrics[last.metric].unit, m) \
                or any(c[2] == "head" for c in doc.concepts_in(last.char_end, m.number_start)):
            return None
        # `chuột cắn phá 49,2 ha, bệnh đạo ôn 35,1 ha`; `... gây hại 200 ha, trong khi năm trước là 400 ha`: the
        # harm goes on until a head word names another indicator
        return Choice(doc.g.metric_alias(last.metric), m.start, m.start, HARM), None
    if any(doc.ref.metrics[h.alias.code].unit not in ("ha", "tonne")
           for h in doc.lefts_nearest_first(harm[-1][1], m.number_start)):
        return None  # `chịu nhiều thiệt hại: chỉ số sản xuất công nghiệp giảm 6,6%`: an indicator named after the harm
    if harm[-1][1] <= m.number_start and doc.g.concessive.search(doc.key, sent.start, m.number_start) and any(
            c[2] == "head" and c[3] != "share" for c in doc.concepts_in(harm[-1][1], m.number_start)):
        # `Vụ hè thu tuy chịu ảnh hưởng của thiên tai, dịch bệnh, năng suất vẫn đạt ..., sản lượng 10,67 vạn tấn`: in a
        # sentence that concedes the harm (seeds/grammar/words.csv `concessive`), a measure named after it names the
        # figure (a share, `bị thiệt hại chiếm 5,05%`, is the harmed part's; `bị khô hạn ... với diện tích 4.198 ha`, no
        # concession, the harmed area)
        return None
    head = doc.g.unit_heads.get(m.unit or "")
    sig = doc.g.concepts.metric(head, {(c[2], c[3]) for c in harm}) if head else None
    if sig is None:
        return None, _HARMED
    return Choice(doc.g.metric_alias(sig.metric), harm[0][0], harm[-1][1], HARM), None


OVERALL_GROWTH = "the overall growth named before it in its clause: the economy's"


def _overall_growth(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                    clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """`..., dịch vụ tăng 12,33%, góp phần đưa tăng trưởng chung 6 tháng đầu năm 2022 đạt mức 7,14%`: a percentage
    after words of the overall growth (seeds/grammar/words.csv `overall_growth`) in its clause, nothing named between
    them, is the economy's growth, not a change of the sector read before it; in percentage points it is a sector's
    contribution to that growth."""
    if m.unit != "percent" or m.points:
        return None
    lo = max(sent.start, clause_start, sent_facts.last_end(clause_start, m.start) or clause_start)
    hits = list(doc.g.overall_growth.finditer(doc.key, lo, m.number_start))
    if not hits:
        return None
    hit = hits[-1]
    if re.search(r"[;:()]", doc.key[hit.end():m.number_start]) or any(
            c[2] in ("head", "sector", "sector_part", "domain", "crop", "ownership")
            for c in doc.concepts_in(hit.end(), m.number_start)):
        return None
    return Choice(doc.g.metric_alias("grdp"), hit.start(), hit.end(), OVERALL_GROWTH), None


WORD_NEXT = re.compile(r"\s+\w")  # a word right after, no mark between
_SHARE_CLAUSE = re.compile(fold_pattern(r"\s*,\s*chiếm\s+(?:tỷ\s+(?:lệ|trọng)\s+)?"  # `..., chiếm 63% tổng ...`
                                        r"(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?"))
# `đạt 28.352 tỷ đồng (tăng 1,3% so cùng kỳ), chiếm ...`: a bracket right after an amount
_BRACKET_THEN = re.compile(r"\s*\([^()]*\)")
# `khu vực nhà nước đạt 68 tỷ đồng (chiếm 0,15%)`: the share, in brackets, of the amount just read
_SHARE_BRACKET = re.compile(fold_pattern(r"\s*\(\s*chiếm\s+(?:tỷ\s+(?:lệ|trọng)\s+)?"
                                         r"(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?"))


# `có 11.572 hộ nghèo (giảm 2.955 hộ), chiếm tỷ lệ 3,04%`, `còn 582 hộ nghèo, (tỷ lệ 3,06%)`,
# `Số hộ nghèo: 201 hộ, tỷ lệ 6,47%`: what stands between a count and its share
_COUNT_SHARE_GAP = re.compile(fold_pattern(r"(?:\s+[^\s\d,;:()]+){0,6}[\s,]*(?:\([^()]*\)[\s,]*)?"
                                           r"(?:chiếm\s+(?:tỷ\s+lệ\s+)?|\(\s*tỷ\s+lệ\s+|(?:(?<=,)|(?<=,\s))tỷ\s+lệ\s*:?\s*)"
                                           r"(?:là\s+)?(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?"))

# `1.174 hộ, giảm 74 hộ, chiếm tỷ lệ 4,98%`: a change of the count between it and its share
_COUNT_CHANGE_GAP = re.compile(fold_pattern(r"\s*,?\s*(?:tăng|giảm)\s+(?:thêm\s+|được\s+)?"))

# `9 xã đạt chuẩn nông thôn mới (NTM), đạt 60% so với tổng số xã`: a ratio to all that the count counts is its share
_COUNT_RATIO_GAP = re.compile(fold_pattern(r"(?:\s+[^\s\d,;:]+){0,8}[\s,]*(?:đạt|bằng)\s+"
                                           r"(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?"))
_OF_ALL_COUNTED = re.compile(fold_pattern(r"\s*so\s+với\s+tổng\s+số(?!\w)"))


def _rate_of_count(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                   clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """`toàn tỉnh có 11.572 hộ nghèo (giảm 2.955 hộ), chiếm tỷ lệ 3,04%`: the share a count makes of what it counts
    is that count's rate (seeds/grammar/fractions.csv), not a part of the count."""
    if m.unit != "percent" or m.points:
        return None
    of_all = _OF_ALL_COUNTED.match(doc.key, m.end) is not None  # `đạt 60% so với tổng số xã`
    facts = list(sent_facts.latest_first(sent.start))
    at = next((i for i, f in enumerate(facts) if f.role == "level" and f.unit == "count"
               and (_COUNT_SHARE_GAP.fullmatch(doc.key, f.char_end, m.number_start)
                    or (of_all and _COUNT_RATIO_GAP.fullmatch(doc.key, f.char_end, m.number_start))
                    or _fraction_share(doc.key, f, m))), None)
    count = facts[at] if at is not None else None
    if count is not None and count.metric not in doc.g.rates and at + 1 < len(facts) \
            and facts[at + 1].unit == "count" and facts[at + 1].role == "level" \
            and _COUNT_CHANGE_GAP.fullmatch(doc.key, facts[at + 1].char_end, count.char_start):
        # `Số hộ cận nghèo là 1.174 hộ, giảm 74 hộ, chiếm tỷ lệ 4,98%`: the count's change stands between the count
        # and its share
        count = facts[at + 1]
    rate = doc.g.rates.get(count.metric) if count is not None else None
    if rate is None or rate not in doc.ref.metrics:
        return None
    return Choice(doc.g.metric_alias(rate), count.char_start, count.char_end, "the rate of the count just read"), None


_FRACTION_SHARE_GAP = re.compile(fold_pattern(r"\s*/\s*(\d+)\s*\(\s*(?:(?:đạt|chiếm|bằng)\s+)?(?:tỷ\s+lệ\s+)?"))


def _fraction_share(key: str, count: Fact, m: Mention) -> bool:
    """`13/30 (đạt 43,33%) xã`: a percentage in brackets right after a fraction, the fraction's own ratio."""
    gap = _FRACTION_SHARE_GAP.fullmatch(key, count.char_end, m.number_start)
    return gap is not None and int(gap.group(1)) > 0 and abs(
        100 * count.value / int(gap.group(1)) - m.value) <= m.precision + 1e-9


def _whole_branch(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                  clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """`giá trị sản xuất nông, lâm, thủy sản ... tăng 2,76%. Tổng giá trị sản xuất toàn ngành đạt 20.521 tỷ đồng`: a
    generic head followed by the whole branch (`toàn ngành`) and no sector is the head of the sector just read."""
    last = doc.earlier[-1] if doc.earlier else None  # (the indicator of the figure read last, of any role)
    h = next(doc.lefts_nearest_first(max(clause_start, sent.start), m.start), None)
    if last is None or h is None or h.alias.code == last.code:
        return None
    heads = doc.g.concepts.head_of_metric
    if heads.get(h.alias.code) is None or heads.get(h.alias.code) != heads.get(last.code) \
            or h.alias.code != heads.get(h.alias.code):  # (the head's own, generic code only)
        return None
    branch = doc.g.whole_branch.match(doc.key, h.end)
    if branch is None or any(c[2] in ("sector", "sector_part") for c in doc.concepts_in(branch.end(), m.number_start)):
        return None
    # (the sector just read is the paragraph's only one: not `Ngược lại, sản xuất công nghiệp ... gặp trở ngại. Năm
    # 2023, giá trị sản xuất toàn ngành chỉ đạt ...` after a figure of agriculture)
    para = doc.paragraph_start.get(sent.paragraph, sent.start)
    named = [(a.start, a.end) for a in doc.lefts_nearest_first(para, h.start) if a.alias.code == last.code]
    if not named or any(c[2] in ("sector", "sector_part") and not any(a <= c[0] and c[1] <= b for a, b in named)
                        for c in doc.concepts_in(para, h.start)):
        return None
    if not compatible(doc.ref.metrics[last.code].unit, m):
        return None
    return Choice(last, h.start, branch.end(), "context"), None


def _share_of_amount(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                     clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """`Trong đó, khu vực nhà nước đạt 68 tỷ đồng (chiếm 0,15%)`: a share in brackets right after an amount is that
    amount's indicator (a part in percent of its total), whatever sector words the clause holds."""
    last = sent_facts[-1] if sent_facts else None
    gap = last.char_end if last is not None else 0  # where the words before the share begin
    if last is not None and last.unit == "percent" and len(sent_facts) > 1 \
            and sent_facts[-2].fact_id == last.parent_fact_id:
        # `đạt hơn 28.352 tỷ đồng (tăng 1,3% so cùng kỳ), chiếm tỷ trọng trên 54% của toàn tỉnh`: the amount's own
        # change in brackets stands between the amount and its share
        bracket = _BRACKET_THEN.match(doc.key, sent_facts[-2].char_end)
        if bracket is not None and bracket.end() > last.char_end:
            last, gap = sent_facts[-2], bracket.end()
    if m.unit != "percent" or last is None or last.unit == "percent" or last.role not in ("level", "part"):
        return None
    right_after = gap == last.char_end  # (a bracket or a named whole only right after the amount)
    if not (_SHARE_CLAUSE.fullmatch(doc.key, gap, m.number_start) and _share_after_comma(doc, last, m)) and not (
            right_after and (_SHARE_BRACKET.fullmatch(doc.key, gap, m.number_start)
                             or _share_of_the_whole_named(doc, last, m))):
        return None
    share = doc.g.structure_share.get(last.metric)
    total = doc.read_by_id.get(last.parent_fact_id or "") if last.role == "part" else None
    if share in doc.ref.metrics and last.scope is None and total is not None \
            and total.metric == doc.ref.metrics[last.metric].part_of:
        # `nông, lâm, thuỷ sản đạt 1.180,5 tỷ đồng (chiếm tỷ trọng 31,26%)` under the total production value: a
        # sector's share of the economy is the structure's (seeds/grammar/words.csv `structure_share`)
        return Choice(doc.g.metric_alias(share), last.char_end, last.char_end, "context"), None
    return Choice(doc.g.metric_alias(last.metric), last.char_end, last.char_end, "context"), None


_ATTAINED_BRACKET = re.compile(fold_pattern(r"\s*\(\s*(?:đạt|bằng)\s+(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?"))


def _attained_in_bracket(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                         clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """`tỷ lệ hộ nghèo ước giảm 5,36% (đạt 134% kế hoạch)`: a ratio to the plan in brackets right after a figure is
    that figure's, whatever indicator the clause named before it."""
    last = sent_facts[-1] if sent_facts else None
    if m.unit != "percent" or last is None or last.role != "level" \
            or not _ATTAINED_BRACKET.fullmatch(doc.key, last.char_end, m.number_start) \
            or doc.g.roles.base_after(doc.key[m.end:m.end + 40])[0] not in ("plan", "budget_estimate"):
        return None
    named = next(doc.lefts_nearest_first(max(clause_start, sent.start), m.start), None)
    if named is None or named.alias.code == last.metric:
        return None  # (the clause's own reading, with the scope its words give, says the same)
    return Choice(doc.g.metric_alias(last.metric), last.char_end, last.char_end, "context"), None


def _share_of_the_whole_named(doc: Document, last: Fact, m: Mention) -> bool:
    """`634 hộ nghèo không có khả năng lao động, chiếm 60% tổng số hộ nghèo`: a share of the whole it names, after words
    that say what the count or amount is of (and name no indicator of their own), is the amount's part."""
    whole = doc.g.share_whole.match(doc.key, m.end)
    if whole is None or doc.g.words_then_share.fullmatch(doc.key, last.char_end, m.number_start) is None \
            or next(doc.lefts_nearest_first(last.char_end, m.number_start), None) is not None:
        return False
    # (the whole is what the amount counts, `634 hộ nghèo ... chiếm 60% tổng số hộ nghèo`; not the population a rate is
    # of, `12.500 hộ ..., chiếm 98,5% tổng số hộ`: that is the rate)
    counted = fold(re.sub(r"^[\d.,\s]+", "", last.value_text)).strip()
    return bool(counted) and counted not in doc.g.population_base and doc.key.startswith(counted, whole.end() + 1)


def _share_after_comma(doc: Document, last: Fact, m: Mention) -> bool:
    """After a comma (`..., chiếm 13,4%`), a share is the amount's own when it is of the amount's plan (`Giải ngân vốn
    đầu tư công đạt 763,3 tỷ đồng, chiếm 13,4% kế hoạch`) or of the total a part was read under (`trong đó ... KCN
    ước đạt 9.550 tỷ đồng, chiếm 63% tổng giá trị ...`), not a sector's share of the economy (the structure has codes
    of its own)."""
    if doc.g.roles.base_after(doc.key[m.end:m.end + 40])[0] in ("plan", "budget_estimate"):
        return True
    if doc.g.share_whole.match(doc.key, m.end):
        return True  # `doanh thu du lịch lữ hành đạt gần 120 tỷ đồng, chiếm 0,95% tổng mức`: a share of the whole named
    return last.role == "part" and last.scope is None \
        and "grdp" not in (last.metric, doc.ref.metrics[last.metric].part_of)


def _product_item(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                  clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """`chỉ số sản xuất công nghiệp tháng 1 tăng 11,3%, thép xây dựng tăng 67,5%; sản phẩm may mặc tăng 40,9%`: an
    item after a figure that names a product and no indicator of its own is the product's output, not a change of
    the index or total the sentence named first."""
    if m.unit != "percent":
        return None
    lo = sent_facts.last_end(sent.start, m.start)
    if lo is None or doc.first_right(lo, m.start) is not None:
        return None
    words = doc.concepts_in(lo, m.number_start)
    if any(c[2] == "head" for c in words) or not any(
            c[2] == "domain" and c[3] in doc.g.domain_heads for c in words) \
            or doc.g.branch_word.search(doc.key, lo, m.number_start):
        return None  # (`chế biến gỗ và sản xuất sản phẩm từ gỗ (+26,73%)`: a branch of the index, not a product)
    heads = [c for c in doc.concepts_in(sent.start, lo) if c[2] == "head"]
    if (heads and heads[-1][3] in _VALUE_HEADS) or doc.g.branches_named.search(doc.key, sent.start, lo):
        # `giá trị sản xuất gốm tăng gần 2,9%; ...; nước máy tăng 34,5%`, `Nhiều ngành có chỉ số sản xuất ... tăng,
        # như: ...`: the items of a value or of branches are branches
        return None
    product = doc.domain_choice(sent, lo, m)
    return (product, None) if product is not None else None


def _bracket_breakdown(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                       clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """`Diện tích nuôi năm 2020 đạt 2.300ha (nước ngọt 1.800ha, nước lợ 500ha)`: an item of a bracket opened right
    after an amount, in the amount's unit, naming nothing the grammar knows and with no verb of its own, is one of
    the amount's parts: its indicator."""
    if m.unit in (None, "percent"):
        return None
    key = doc.key
    opened = key.rfind("(", sent.start, m.start)
    if opened < 0 or key.rfind(")", opened, m.start) >= 0:
        return None
    total = next((f for f in sent_facts.latest_first(sent.start) if f.char_end <= opened), None)
    if total is None or key[total.char_end:opened].strip() or total.unit != m.unit or total.role not in (
            "level", "part") or total.metric_how == PLANNED:
        return None
    item = max(opened, key.rfind(",", opened, m.number_start), key.rfind(";", opened, m.number_start)) + 1
    seg = key[item:m.number_start]
    if _SIGN.fullmatch(seg.strip()):  # `110 ha (-419 ha)`: the amount's signed change, not a part
        return Choice(doc.g.metric_alias(total.metric), item, item, "context"), None
    if not seg.strip() or DIGIT.search(seg) or len(seg.split()) > 4 or doc.first_right(item, m.start) is not None \
            or doc.concepts_in(item, m.number_start) or doc.g.roles.last_verb(seg) is not None \
            or doc.g.plan_named_bracket.search(key, opened, m.number_start):
        return None
    return Choice(doc.g.metric_alias(total.metric), item, item, BRACKET_PART), None


BRACKET_PART = "a part in brackets right after its total"
_VALUE_HEADS = ("production_value", "value_added", "value_generic", "grdp")  # concept heads of a sector's value


def _list_sibling(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                  clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """`một số nguồn vốn giải ngân khá như: Chương trình MTQG (61,99%), nguồn thu xổ số kiến thiết (48,27%)`: an
    item shaped like the one before it (a name, its figure in brackets) in a list whose items the lead names is the
    lead's too, whatever indicator its own words could name."""
    last = sent_facts[-1] if sent_facts else None
    if last is None or last.metric_how != LIST_LEAD or last.char_end > m.start or m.unit != last.unit:
        return None
    if not (_BRACKET_FIRST.search(doc.key, max(0, last.char_start - 80), last.char_start)
            and _BRACKET_NEXT.fullmatch(doc.key, last.char_end, m.start)):
        return None
    return Choice(doc.g.metric_alias(last.metric), m.start, m.start, LIST_LEAD), None


# items whose figures stand alone in brackets after their names: `Chương trình MTQG (61,99%), nguồn thu ... (`
_BRACKET_FIRST = re.compile(r"[^\d(),;]{2,80}\(\s*$")
_BRACKET_NEXT = re.compile(r"\s*\)\s*[,;]\s*[^\d(),;]{2,80}\(\s*")


def _same_head_again(doc: Document, choice: Choice, nearer: Choice) -> bool:
    """Whether a head word nearer the figure only repeats the head of an alias that already names a specific
    indicator (`nguồn vốn đầu tư công ... quyết định đầu tư gần 717 tỷ đồng`), rather than refining a generic one
    (`giá trị sản xuất ... của ngành xây dựng`)."""
    concepts = doc.g.concepts
    head = concepts.head_of_metric.get(nearer.code)
    own = {c[3] for c in doc.concepts_in(choice.start, choice.end) if c[2] == "head"}
    if head is None or head not in own:
        return False
    generic = concepts.metric(head, set())
    return generic is None or generic.metric != choice.code


def _sector_of_lead(doc: Document, lead: Choice, item_lo: int, m: Mention) -> Choice | None:
    """`Tổng giá trị sản xuất ... trong đó: ngành nông nghiệp tăng 2,17%, ngành lâm nghiệp tăng 1,43%`: a later item
    of the lead's list naming one sector is the lead's indicator of that sector (forestry's production value)."""
    head = doc.g.concepts.head_of_metric.get(lead.code)
    sectors = [c for c in doc.concepts_in(item_lo, m.number_start) if c[2] == "sector"]
    if head is None or len(sectors) != 1 or any(c[2] == "head" and c[3] == "share"
                                                 for c in doc.concepts_in(max(0, lead.start - 40), m.number_start)):
        return None  # (a structure's lead, `Cơ cấu GRDP ...: khu vực II 26%`, lists shares)
    sig = doc.g.concepts.metric(head, {("sector", sectors[0][3])})
    if sig is None or not sig.modifiers or not compatible(doc.ref.metrics[sig.metric].unit, m):
        return None
    return Choice(doc.g.metric_alias(sig.metric), sectors[0][0], sectors[0][1], "concept")


def _item_of_lead(doc: Document, lead_end: int, m: Mention) -> bool:
    """`chỉ số sản xuất công nghiệp tăng cao, như: Sản xuất máy móc thiết bị ... tăng 107,55%; ...`: a figure past
    a colon after the indicator, in a list item with words of its own the grammar does not know (a branch, a
    product): the lead names the indicator, the item only a part of it (no proof against the total)."""
    colon = doc.key.rfind(":", lead_end, m.number_start)
    if colon < 0:
        return False
    cut = max(colon, doc.last_mark(";,", colon, m.number_start))
    item = doc.key[cut + 1:m.number_start]
    words = [w for w in re.findall(r"[^\W\d_]+", item) if w not in doc.g.function]
    return len(words) > 2  # (more than a verb and a qualifier: `tăng`, `đạt`, `ước đạt`)


def _count_of_rate(doc: Document, m: Mention, sent_facts: SentenceFacts) -> Choice | None:
    """`còn 1,17% hộ nghèo, tương đương 312 hộ`; `hộ cận nghèo giảm 0,16%, tương đương 46 hộ`: a count after a
    word of equivalence right after a rate (or a rate's reduction) is the count the rate amounts to (or its
    reduction), fractions.csv naming which count a rate is of."""
    last = next(sent_facts.latest_first(0), None)
    if last is None or last.unit != "percent" or last.role != "level" or last.char_end < m.start - 48:
        return None
    gap = fold(doc.text[last.char_end:m.number_start])
    cut = max(gap.find(","), gap.find("("))
    if not doc.g.equivalent.fullmatch(gap) and not (  # (past the rate's noun: `1,17% hộ nghèo, tương đương`)
            cut > 0 and not DIGIT.search(gap, 0, cut) and doc.g.equivalent.fullmatch(gap, cut)):
        return None
    metrics, counts = doc.ref.metrics, doc.g.counts_of_rate
    count = counts.get(last.metric)
    if count is None:  # a rate's reduction: the count's reduction
        rate = doc.ref.rate_of_reduction.get(last.metric)
        count = metrics[counts[rate]].reduction_code if rate in counts and counts[rate] in metrics else None
    if count is None or count not in metrics or not compatible(metrics[count].unit, m):
        return None
    return Choice(doc.g.metric_alias(count), last.char_start, last.char_start, "the count a rate just read amounts to")


def _count_with_rate(doc: Document, sent_facts: SentenceFacts, clause_start: int) -> Fact | None:
    """The count just read in the clause that has a rate of its own (fractions.csv), past its fraction's whole
    (`59/127 xã`: 59, not 127)."""
    for f in sent_facts.latest_first(clause_start):
        if f.unit == "count" and f.role == "level" and f.metric in doc.g.rates:
            return f
        if f.metric not in doc.g.fractions.values():
            return None
    return None


def _is_fraction_rate(doc: Document, counted: Fact, m: Mention, sent_facts: SentenceFacts) -> bool:
    """Whether percentage `m` is the fraction `counted`/its whole (`18/22 ... 81,8%`), the whole read right after
    the count and no figure between the whole and `m`."""
    whole = next((f for f in sent_facts if f.char_start >= counted.char_end and f.unit == "count"
                  and f.metric == doc.g.fractions.get(counted.metric)), None)
    if whole is None or not whole.value or any(whole.char_end <= f.char_start < m.number_start for f in sent_facts):
        return False
    return abs(100 * counted.value / whole.value - m.value) <= m.precision + 1e-9


def _distributed(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                 clause_start: int, ctx: AliasHit | None, last_alias: Alias | None = None) -> _Reading | None:
    """`Công nghiệp - dịch vụ - nông nghiệp với tỷ trọng tương ứng 66,17% - 23,83% - 2,62%`; `giá trị sản xuất
    nông nghiệp, công nghiệp và dịch vụ lần lượt tăng 3,1%, 9,5% và 8,2%`: the i-th figure after `tương ứng` or
    `lần lượt` is the i-th of as many sectors named before it, under the clause's head word."""
    found = doc.distributive_list(clause_start, m.number_start, sent.end) or doc.dash_chain(clause_start,
                                                                                            m.number_start)
    if found is None and (wide := doc.distributive_list(sent.start, m.number_start, sent.end)) is not None \
            and m.number_start in wide[2] and ";" in doc.key[wide[1]:m.number_start]:
        # `Cơ cấu các ngành công nghiệp - xây dựng; dịch vụ; nông nghiệp lần lượt là: 85,8%; 5,1%; 9,1%`: a list set
        # apart by semicolons, names and figures alike, is read from the sentence's start
        found, clause_start = wide, sent.start
    if found is None:
        return _respective_bracket(doc, sent, m, sent_facts)
    at = doc.range_low.get(m.number_start, m.number_start)  # (a range's second figure: the place of its first)
    if at not in found[2]:
        return None
    cue_start, cue_end, figures = found
    # (the sectors named since the last figure before the cue, else in the whole clause)
    items = doc.sector_items(doc.after_last_figure(clause_start, cue_start), cue_start, len(figures)) \
        or doc.sector_items(clause_start, cue_start, len(figures))
    heads_from = clause_start
    if items is None and ";" in doc.key[sent.start:clause_start]:  # (names set apart by semicolons: `...; dịch vụ;`)
        heads_from = doc.after_last_figure(sent.start, cue_start)
        items = doc.sector_items(heads_from, cue_start, len(figures))
    if items is None:
        # `cơ cấu kinh tế (Công nghiệp - dịch vụ - nông nghiệp) năm 2015 là: 41,6% - 32,6% - 25,8%; đến năm 2020: 44,4%
        # - 37,2% - 18,4%`: a bracket naming the sectors alone gives the order of every list of the sentence after it
        for aside in reversed([(b.start(), b.end()) for b in ASIDE.finditer(doc.key, sent.start, cue_start)]):
            items = doc.sector_items(aside[0] + 1, aside[1] - 1, len(figures))
            if items is not None:
                heads_from = min(heads_from, doc.after_last_figure(sent.start, aside[0]))
                break
    heads = [c[3] for c in doc.concepts_in(heads_from, cue_end) if c[2] == "head"]
    if "share" in heads:  # `tỷ trọng của nông - lâm - thủy sản; ...; dịch vụ trong GRDP`: shares, of the GRDP
        heads = ["share"]
    governing = ctx.alias if ctx is not None else last_alias
    if not heads and items is not None and m.unit == "percent" and _sum_to_whole(doc.key, figures):
        # `các chỉ tiêu cơ bản về kinh tế NN-CNXD-TMDV ... đạt 15,03% - 39,81 - 45,16%`: percentages of the sectors
        # named before them that make up a whole (100) are the economy's structure
        heads = ["share"]
    if not heads and items is not None and governing is not None and governing.code in doc.g.concepts.head_of_metric:
        # `GRDP tăng 10,91%. Trong đó, công nghiệp và dịch vụ (tăng lần lượt là 10,14% và 14,19%)`: sectors with no head
        # word of their own are of the indicator read before them
        heads = [doc.g.concepts.head_of_metric[governing.code]]
    if items is None or not heads:
        return _respective_alias(doc, sent, m, sent_facts, cue_start, cue_end, figures)
    start, end_, sector = items[figures.index(at)]
    sig = doc.g.concepts.metric(heads[-1], {("sector", sector)})
    if sig is None or not compatible(doc.ref.metrics[sig.metric].unit, m):
        return None, "a sector at its place in a list whose head word names no indicator of that sector"
    return Choice(doc.g.metric_alias(sig.metric), start, end_, DISTRIBUTED), None


def _sum_to_whole(key: str, figures: list[int]) -> bool:
    """Whether the figures at `figures` add up to 100 within what their rounding allows (their written decimals)."""
    read = [parse_number(w.group()) if (w := LIST_FIGURE.match(key, at)) else None for at in figures]
    if any(r is None for r in read):
        return False
    slack = sum(0.5 * 10 ** -r.decimals for r in read if r is not None)
    return abs(sum(r.value for r in read if r is not None) - 100) <= slack + 1e-9


def _respective_alias(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts, cue_start: int,
                      cue_end: int, figures: list[int]) -> _Reading | None:
    """`tổng thu, tổng chi ngân sách nhà nước ... đạt lần lượt gần 252 tỷ đồng và gần 112 tỷ đồng`; `tỷ lệ hộ nghèo
    và tỷ lệ hộ cận nghèo lần lượt là 2,1% và 3,4%`: as many indicators named before `lần lượt` as figures after it
    (up to a bracket), the nearest in order. A conjunct cut short before an indicator (`tổng thu, tổng chi ngân
    sách`) is that indicator with the word it contrasts with (seeds/grammar/words.csv `contrast`)."""
    key = doc.key
    at = doc.range_low.get(m.number_start, m.number_start)
    opened = key.find("(", cue_end, figures[-1])
    figures = [f for f in figures if opened < 0 or f < opened or f in doc.range_low.values()]
    if len(figures) < 2 or at not in figures:
        return None
    lo = max(sent.start, key.rfind(";", sent.start, cue_start) + 1, sent_facts.last_end(sent.start, cue_start) or 0)
    named: list[Alias] = []
    contrasts = doc.g.contrasts
    for h in reversed(list(doc.lefts_nearest_first(lo, cue_start))):
        before = _CONJUNCT_BEFORE.search(key, max(lo, h.start - 48), h.start)
        if before is not None:  # `tổng thu, tổng chi ngân sách`: the first conjunct shares the hit's tail
            words, whole = before.group(1).split(), before.group(2).split() + key[h.start:h.end].split()
            j = len(words)
            if j < len(whole) and words[:j - 1] == whole[:j - 1] and (words[-1], whole[j - 1]) in contrasts:
                elided = doc.ref.subject_alias(" ".join(words + whole[j:]))
                if elided is not None:
                    named.append(elided)
        pair = _contrast_pair(doc, key[h.start:h.end])
        named.extend(pair or [h.alias])  # `kim ngạch xuất, nhập khẩu lần lượt đạt`: each of the two, in turn
        after = _CONJUNCT_AFTER.match(key, h.end, cue_start)
        if after is not None:  # `kim ngạch xuất khẩu và nhập khẩu`: the second conjunct shares the hit's head
            words, whole = after.group(1).split(), key[h.start:h.end].split()
            for k in range(min(len(words), len(whole)), 0, -1):
                i = len(whole) - k
                if i > 0 and (words[0], whole[i]) in contrasts and words[1:k] == whole[i + 1:]:
                    elided = doc.ref.subject_alias(" ".join(whole[:i] + words[:k]))
                    if elided is not None:
                        named.append(elided)
                    break
    named = named[-len(figures):]  # (the nearest: `Về thu chi ngân sách, ...` labels the paragraph)
    codes = [a.code for a in named]
    if len(named) != len(figures) or len(set(codes)) != len(codes):
        return None
    alias = named[figures.index(at)]
    if not compatible(doc.ref.metrics[alias.code].unit, m):
        return None
    return Choice(alias, cue_start, cue_end, RESPECTIVE), None  # (the verb is read after the cue)


def _respective_bracket(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts) -> _Reading | None:
    """`tổng thu, tổng chi ngân sách ... đạt lần lượt 252 tỷ đồng và 112 tỷ đồng (lần lượt vượt kế hoạch ... hơn 15% và
    hơn 11%)`: the i-th figure after `lần lượt` in a bracket is of the i-th of as many amounts read before it."""
    key = doc.key
    opened = key.rfind("(", sent.start, m.number_start)
    if opened < 0 or key.find(")", opened, m.number_start) >= 0:
        return None
    cue = doc.g.distributive.search(key, opened, m.number_start)
    closed = key.find(")", m.number_start, sent.end)
    if cue is None or closed < 0:
        return None
    figures = [f.start() for f in LIST_FIGURE.finditer(key, cue.end(), closed)]
    amounts = [f for f in sent_facts if f.char_end <= opened and f.role in ("level", "part") and f.unit != "percent"]
    if len(figures) < 2 or m.number_start not in figures or len(amounts) < len(figures):
        return None
    amounts = amounts[-len(figures):]
    if len({f.metric for f in amounts}) != len(amounts):
        return None
    metric = amounts[figures.index(m.number_start)].metric
    if not compatible(doc.ref.metrics[metric].unit, m):
        return None
    return Choice(doc.g.metric_alias(metric), cue.start(), cue.end(), RESPECTIVE), None


def _contrast_pair(doc: Document, phrase: str) -> list[Alias] | None:
    """`kim ngạch xuất, nhập khẩu`, `thu chi ngân sách`: an indicator naming two words that contrast (seeds/grammar/
    words.csv) side by side stands for the two indicators each names alone, in order."""
    for w in _WORD.finditer(phrase):
        nxt = _NEXT_WORD.match(phrase, w.end())
        if nxt is not None and (w.group(), nxt.group(1)) in doc.g.contrasts:
            one = doc.ref.subject_alias(phrase[:w.end()] + phrase[nxt.end():])
            other = doc.ref.subject_alias(phrase[:w.start()] + phrase[nxt.start(1):])
            return [one, other] if one is not None and other is not None else None
    return None


_WORD = re.compile(r"\w+")
_NEXT_WORD = re.compile(r"\s*(?:,|va(?!\w)|-|/)?\s*(\w+)")
# (folded) a conjunct of one to three words ended by a comma or `và`, then up to two words the next conjunct shares,
# right before an indicator; a conjunct after one, to the next punctuation
_CONJUNCT_BEFORE = re.compile(r"(?<!\w)(\w+(?:\s+\w+){0,2}?)\s*(?:,|\bva\b)\s*((?:\w+\s+){0,2})$")
_CONJUNCT_AFTER = re.compile(r"\s*(?:,|va(?!\w))\s*(\w+(?:\s+\w+){0,3})")
TOPIC = "the one indicator the sentence before, which has no figure, names"
RESPECTIVE = "the indicator at the figure's place in a list named before `lần lượt` or `tương ứng`"


def _by_shape(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
              clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """A fraction's total, a range's high end, a rate's change in points, a contribution, a frame around the
    figure; a bare number with none of these is no fact."""
    ref = doc.ref
    if m.denominator_of is not None:  # `32/33 chỉ tiêu`: the total of what the numerator counts
        numerator = next((f for f in sent_facts if f.char_start == m.denominator_of), None)
        if numerator is not None and "," in numerator.value_text and numerator.unit == "count":
            return None, "the fixed size of a criteria set an average is measured against"
        total = doc.g.fractions.get(numerator.metric) if numerator is not None else None
        if total is not None and total in ref.metrics:
            return Choice(doc.g.metric_alias(total), m.start, m.end, "fraction"), None
        if numerator is not None and total is None and numerator.role in ("level", "part") \
                and (m.unit or numerator.unit) == numerator.unit != "percent":  # not two rates (`13,86/9,15%`)
            # `đàn gia cầm 480.000/540.000 con, đạt 93% KH`: what was done of what was planned, the plan a target;
            # a disbursement's plan is the capital allocated (words.csv `planned_as_whole`: `814,3/814,3 tỷ đồng`)
            planned = numerator.metric
            if planned in doc.g.planned_as_whole and numerator.role == "level" and ref.metrics[planned].part_of:
                planned = ref.metrics[planned].part_of
            return Choice(doc.g.metric_alias(planned), m.start, m.end, PLANNED), None
    low = next(sent_facts.latest_first(clause_start), None)
    if low is not None and m.unit == "percent" and ref.metrics[low.metric].domain == "plan" \
            and low.char_end <= m.number_start \
            and doc.g.tally_threshold.fullmatch(doc.key, low.char_end, m.number_start):
        return None, "the threshold of a tally of targets (4/14 chỉ tiêu đạt 100% trở lên)"
    if low is not None and low.unit == "count" and low.role == "level" and low.metric in doc.g.fractions \
            and m.unit == "count" and low.char_end <= m.number_start \
            and doc.g.standard_threshold.fullmatch(doc.key, low.char_end, m.number_start) \
            and doc.g.standard_noun.match(doc.key, m.number_end):
        return None, "the size of the standard a count meets (31 xã đạt 19 tiêu chí)"
    amounted = _count_of_rate(doc, m, sent_facts) if m.unit == "count" else None
    if amounted is not None:
        return amounted, None
    counted = _count_with_rate(doc, sent_facts, clause_start) if m.unit == "percent" else None
    if counted is not None and counted.char_end <= m.number_start and (
            (doc.g.share_before.search(doc.key, counted.char_end, m.number_start)
             and doc.g.share_of_count.match(doc.key, m.end))
            or doc.g.rate_before.search(doc.key, counted.char_end, m.number_start)):
        # `Có 31 xã đạt chuẩn nông thôn mới, chiếm 16,23% số xã`, `59/127 xã ..., bằng 46,46% tổng số xã`, `44/64
        # trường, chiếm tỷ lệ 68,75%`: the count's share of its whole is its rate
        return Choice(doc.g.metric_alias(doc.g.rates[counted.metric]), counted.char_start, counted.char_start,
                      "the rate of the count just read"), None
    if counted is not None and counted.char_end <= m.number_start and _is_fraction_rate(doc, counted, m, sent_facts):
        # `18/22 xã, thị trấn đạt chuẩn NTM nâng cao, bằng 81,8%`: a percentage that is the fraction just read, to
        # the precision it is written with, is the count's rate whatever the verb before it
        return Choice(doc.g.metric_alias(doc.g.rates[counted.metric]), counted.char_start, counted.char_start,
                      "the rate of the count just read"), None
    if low is not None and low.char_end <= m.number_start and (m.range_part == "high" or (
            low.unit == "percent" == m.unit and doc.key[low.char_end:m.number_start].strip())) and \
            doc.g.range_join.fullmatch(doc.key, low.char_end, m.number_start):
        # `giảm 2 - 3%`, `giảm bình quân 1,5%-2%/năm`: the high end of a range is of the low end's indicator
        return Choice(doc.g.metric_alias(low.metric), low.char_start, low.char_start, low.metric_how), None
    if low is not None and low.role == "pct_change" and m.unit not in (None, "percent") \
            and low.char_end <= m.number_start and compatible(ref.metrics[low.metric].unit, m) \
            and doc.g.change_bracket_open.fullmatch(doc.key, low.char_end, m.number_start):
        # `ngô 1.294 ha, giảm 0,71% (giảm 9,20 ha)`: the same change in the item's own unit
        return Choice(doc.g.metric_alias(low.metric), low.char_start, low.char_start,
                      CHANGE_IN_UNITS), None
    if low is not None and low.role == "abs_change" and m.unit == "percent" and low.char_end <= m.number_start \
            and _SIGNED_BRACKET.fullmatch(doc.key, low.char_end, m.number_start) \
            and (_SIGN.search(doc.key, low.char_end, m.number_start) or doc.key[m.number_start] in SIGNS):
        # `do diện tích giảm 1.504,9 ha (-4,4%)`: the same change of the figure the bracket follows, in percent
        return Choice(doc.g.metric_alias(low.metric), low.char_start, low.char_start,
                      CHANGE_IN_UNITS), None
    equal = _equivalent_amount(doc, m, sent_facts)
    if equal is not None:
        return equal, None
    if m.points:
        rate = _rate_changed(doc, m, sent_facts)
        if rate is not None:  # `tỷ lệ ... đạt 71,2%, tăng 2,4 điểm phần trăm`: the rate's own change
            return rate, None
        # `khu vực nông - lâm - thủy sản đóng góp 0,8 điểm phần trăm`: the sector's contribution, before any frame
        concept = doc.concept_choice(sent, max(clause_start, sent_facts.last_end(clause_start, m.start) or 0), m,
                                     ctx.alias if ctx is not None else None)
        if concept is not None and concept.alias.code.endswith(CONTRIBUTION):
            return concept, None
    frame = doc.frame_alias(sent, m)
    if frame is None and m.unit == "count" and _BARE_ITEM.search(doc.key, sent.start, m.start):
        # `Thành lập mới 14 doanh nghiệp, bằng 35,0% kế hoạch; 04 hợp tác xã, ...`: the verb before the list's
        # first count is each count's (the nearest such count whose verb frames this one: `tăng 23 tiêu chí, ...;
        # thành lập mới 28 doanh nghiệp, 11 hợp tác xã`)
        for first in reversed(sent_facts):
            if first.metric_how == "frame" and first.unit == "count" and first.role == "level" \
                    and first.char_end <= m.start:
                frame = doc.frame_alias(sent, m, lead_end=first.char_start)
                if frame is not None:
                    break
    if frame is not None and m.after_at is not None and doc.key.startswith("/", m.number_end):
        # `18/23 chỉ tiêu đạt ..., trong đó có 4/6 chỉ tiêu về kinh tế; ...; 3/5 chỉ tiêu xây dựng NTM`: a fraction of
        # the same counted noun as the sentence's fractions before it is one more of their list
        total = next((f for f in sent_facts.latest_first(sent.start) if f.metric_how == "fraction"
                      and f.metric in doc.g.numerators and m.counter and fold(f.value_text).endswith(" " + m.counter)),
                     None)
        numerator = doc.g.numerators[total.metric] if total is not None else None
        if total is not None:  # (the numerator written with that total: `28/46 chỉ tiêu có kết quả ..., gồm 20/32 ...`)
            numerator = next((f.metric for f in sent_facts.latest_first(sent.start) if f.char_end <= total.char_start
                              and doc.g.fractions.get(f.metric) == total.metric), numerator)
        # (not when its own words name another of the total's numerators: `6/21 chỉ tiêu chưa đạt`)
        if numerator is not None and doc.g.fractions.get(frame[0].code) != total.metric:
            return Choice(doc.g.metric_alias(numerator), frame[1], frame[2], "fraction"), None
    if frame is not None and m.after_at is not None and doc.key.startswith("/", m.number_end) \
            and frame[0].code in doc.g.numerators:
        # `hoàn thành 15/16 chỉ tiêu`: the numerator counts what was met of the total
        return Choice(doc.g.metric_alias(doc.g.numerators[frame[0].code]), frame[1], frame[2], "fraction"), None
    if frame is not None and (m.unit in (None, "count") or ref.metrics[frame[0].code].unit == m.unit or (
            m.unit == "percent" and any(w in fold(frame[0].text) for w in doc.g.growth_words))):
        # (a growth frame measures its amount's change in percent: `mục tiêu tăng trưởng {N}` of the GRDP)
        named = doc.subject_naming_counter(frame[0], m, clause_start)
        if named is not None:  # `tổng số tiêu chí ... là 245 tiêu chí`: the name is more specific
            return Choice(named.alias, named.start, named.end, "clause"), None
        # (the counted noun's ownership is the count's scope: `15 dự án trong nước`, `4.342 dự án đầu tư nước ngoài`)
        origin = doc.g.count_origin.match(doc.key, m.end) if m.unit == "count" else None
        at = origin.end() - len(origin.group().lstrip()) if origin is not None else 0
        return Choice(frame[0], frame[1], frame[2], "frame", (at, origin.end()) if origin is not None else None), None
    counted = doc.count_subject(m, clause_start)
    if counted is not None:
        return Choice(counted.alias, counted.start, counted.end, COUNT_SUBJECT), None
    if m.unit is None and m.scale == 1:
        return None, "a number with no unit and no counted indicator"
    return None


# an item of a list that is only its figure (`; 04 hợp tác xã`, `, 3 hợp tác xã`): no verb of its own
_BARE_ITEM = re.compile(r"(?:[;,]|\s(?:va|và))\s*$")


def _equivalent_amount(doc: Document, m: Mention, sent_facts: SentenceFacts) -> Choice | None:
    """`đạt 145 - 160 triệu đồng (tương đương 6.200 - 6.800 USD)`, `197 triệu đồng (khoảng 8.268 USD)`: an
    amount in another currency in a bracket of equivalence right after a money figure is the same figure."""
    if m.unit not in ("VND", "USD"):
        return None
    last = next(iter(sent_facts.latest_first(0)), None)
    if last is None or not (last.unit.startswith(("VND", "USD"))) or last.unit.startswith(m.unit) \
            or not doc.g.equivalent_bracket.fullmatch(doc.key, last.char_end, m.number_start):
        return None
    return Choice(doc.g.metric_alias(last.metric), last.char_start, last.char_start,
                  "the same amount in another currency")


def _measured_after(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts) -> Choice | None:
    """`24.303 doanh nghiệp ... với tổng số vốn đăng ký là 315.003 tỷ đồng (tăng 5,8% số lượng doanh nghiệp và tăng 6%
    vốn đăng ký)`, `tăng 1,6% về giấy phép và giảm 13,9% về vốn`: a change followed by what it measures, a number or
    an amount of money (seeds/grammar/words.csv `measure_count`, `measure_amount`), is of the sentence's count or
    amount read last."""
    said = doc.g.measure_count.match(doc.key, m.end)
    units: tuple[str, ...] = ("count",)
    if said is None:
        said, units = doc.g.measure_amount.match(doc.key, m.end), ("VND", "USD")
    # (of the figure's own clause: `...; giải ngân vốn đầu tư công đạt 14,18% vốn kế hoạch` is no change of the
    # production value an earlier clause stated)
    clause = doc.last_mark(";", sent.start, m.number_start)
    if said is None and doc.g.measure_value.match(doc.key, m.end) is not None:
        # `cà phê nhân xuất khẩu 15.000 tấn, giảm 28,8% về lượng và giảm 33% về giá trị`: the change in value of the
        # quantity traded is the trade's value (seeds/grammar/words.csv `value_of_volume`)
        traded = next((f for f in sent_facts.latest_first(max(sent.start, clause)) if f.role == "level"
                       and f.metric in doc.g.value_of_volume and f.char_end <= m.start), None)
        if traded is None:
            return None
        return Choice(doc.g.metric_alias(doc.g.value_of_volume[traded.metric]), m.end, m.end, MEASURED)
    if said is None:
        return None
    read = next((f for f in sent_facts.latest_first(max(sent.start, clause)) if f.role == "level" and f.unit in units
                 and f.char_end <= m.start), None)
    named = doc.first_right(m.end, said.end())
    if read is None or named is not None:
        return None  # (`bằng 68% vốn đầu tư`: an indicator's own name after the figure is read as such)
    return Choice(doc.g.metric_alias(read.metric), m.end, m.end, MEASURED)


MEASURED = "what the words after a change say it measures, among the sentence's figures"


# `100% dân cư đô thị và 96% dân cư nông thôn được sử dụng nước sạch`: a group's words, then the next rate's figure
_COORDINATED = re.compile(fold_pattern(r"\s*([^\d,;:()%]{4,48}?)\s+(?:và|,)\s+(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?"
                                       r"\d+(?:[.,]\d+)?\s*%\s*"))


def _coordinated_rate(doc: Document, m: Mention) -> Choice | None:
    """`100% dân cư đô thị và 96% dân cư nông thôn được sử dụng nước sạch`: two rates sharing the predicate the
    second one's name ends with; the first is the rate its own group's words and that predicate name together."""
    co = _COORDINATED.match(doc.key, m.end)
    if co is None:
        return None
    second = doc.first_right(co.end(), co.end() + 1)
    if second is None or doc.ref.metrics[second.alias.code].unit != "percent":
        return None
    words, own = doc.key[second.start:second.end].split(), co.group(1).split()
    for k in range(1, len(words)):
        alias = doc.ref.subject_alias(" ".join(own + words[k:]))
        if alias is not None and doc.ref.metrics[alias.code].unit == "percent":
            return Choice(alias, co.start(1), co.end(1), "after")
    return None


GROWTH_ALONE = "growth named alone, in a sentence naming nothing grown: the economy's"
_DEMONSTRATIVE = re.compile(fold_pattern(r"\s+(?:này|đó|nói\s+trên|trên)(?!\w)"))  # `mức tăng này`: the one just read
_FIGURE_BEFORE = re.compile(r"(\d)[^\d(),;]{0,20}$")  # a figure's last digit, then a few words


def _named_after_figure(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                        clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """A percentage whose indicator is named right after it (`đạt 95,2% kế hoạch thu ngân sách`, `chiếm 28,4%
    trong tổng vốn đầu tư`), or the change of a figure that is no fact."""
    key, ref = doc.key, doc.ref
    if m.unit == "percent":
        unread = doc.g.change_in_bracket.search(key, max(sent.start, m.number_start - 40), m.number_start)
        at = unread.start(1) if unread is not None else -1
        period = next(((a, b) for a, b in doc.period_spans(sent.start, m.number_start) if a <= at < b), None)
        if period is not None:
            # (a period's digit: the figure before the period, `xuống còn 3,2% năm 2019 (giảm 0,6%)`, or none, `thấp
            # hơn kế hoạch năm 2020 (tăng 7-8%)`: the plan's growth)
            before = _FIGURE_BEFORE.search(key, max(sent.start, period[0] - 24), period[0])
            at = before.start(1) if before is not None else -1
        if at >= 0 and not any(f.char_start <= at < f.char_end for f in sent_facts):
            # `với sản lượng 202.000 tấn (tăng 3,9%)`: the change of the figure the bracket follows, no fact here
            return None, "the change of a figure that is no fact"
        after = key[m.end:min(sent.end, m.end + 64)]
        skip = doc.g.counter_skip.match(after)
        offset = m.end + (skip.end() if skip else 0)
        right = doc.first_right(m.end, min(offset + 1, sent.end - 1))  # (`6%.Tỷ lệ ...`: not the next sentence's)
        bound = doc.g.bound_after.match(key, m.end, sent.end) if right is None else None
        # `90% trở lên tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ`: the rate after the bound (not across a mark:
        # `7% trở lên; cơ cấu ...`)
        if bound is not None and WORD_NEXT.match(key, bound.end()):
            named = doc.first_right(bound.end(), min(bound.end() + 2, sent.end - 1))
            right = named if named is not None and ref.metrics[named.alias.code].unit == "percent" else None
        if right is not None and ref.metrics[right.alias.code].unit == "percent":
            return Choice(right.alias, right.start, right.end, "after"), None
        shared = _coordinated_rate(doc, m) if right is None else None
        if shared is not None:
            return shared, None
        rate = doc.g.rates.get(right.alias.code) if right is not None and doc.g.share_of_count.match(
            key, m.end) else None
        if rate is not None and rate in ref.metrics:
            # `giảm 2,34% số hộ nghèo`, `63,6% số xã đạt chuẩn`: a share of what a count counts is that count's rate
            return Choice(doc.g.metric_alias(rate), right.start, right.end, "after"), None
        counted = ref.counted_after.match(key, m.end) if ref.rate_of_counted else None
        if counted is not None:
            # `toàn huyện có 99,8% số hộ dân sử dụng điện`: the share of what a rate's name counts is that rate
            code = ref.rate_of_counted[re.sub(r"\s+", " ", counted.group(1))]
            return Choice(doc.g.metric_alias(code), counted.start(1), counted.end(1), "after"), None
        measured = _measured_after(doc, sent, m, sent_facts)
        if measured is not None:
            return measured, None
        of = doc.g.of_indicator.match(key, m.end)
        if of is not None and doc.g.growth_subject.search(key, max(clause_start, m.number_start - 24), m.number_start):
            # `thể hiện qua mức tăng 21,4% của tổng mức bán lẻ hàng hóa`: the growth of the indicator named after it
            named = doc.first_right(of.end(), of.end() + 1)
            if named is not None:
                return Choice(named.alias, named.start, named.end, "after"), None
        if doc.g.of_grdp.match(key, m.end) and not m.points:
            # `tổng vốn đầu tư toàn xã hội hàng năm khoảng 35% GRDP`: the indicator as a share of the GRDP
            named = next(doc.lefts_nearest_first(max(clause_start, sent.start), m.start), None)
            head = doc.g.concepts.head_of_metric.get(named.alias.code) if named is not None else None
            ratio = doc.g.concepts.metric(head, {("per", "grdp")}) if head is not None else None
            if ratio is not None and ("per", "grdp") in ratio.modifiers:
                return Choice(doc.g.metric_alias(ratio.metric), named.start, named.end, "a ratio to the GRDP"), None
            if named is not None and ref.metrics[named.alias.code].unit != "percent" and named.alias.code != "grdp":
                return None, "a ratio of an indicator to the GRDP the grammar has no code for"
        plan = doc.g.roles.plan_of.match(key, m.end)
        if plan is None and key.endswith(doc.g.share_verb, max(0, m.number_start - 12), m.number_start - 1) and not any(
                c[2] == "head" and c[3] == "share" and not key.startswith(doc.g.share_verb, c[0])
                for c in doc.concepts_in(clause_start, m.number_start)):
            # `chiếm 28,4% trong tổng vốn đầu tư`: a share of that whole (`tỷ trọng ... chiếm 73% trong GRDP` is
            # the structure's share)
            plan = doc.g.whole_of.match(key, m.end)
            share = _share_reading(doc, sent, sent.start, m) if plan is not None else None
            if share is not None:  # `Thuế sản phẩm ... chiếm 4,02% trong GRDP`: the sector's share of the structure
                return share, None
        named = doc.first_right(plan.end(), plan.end() + 1) if plan is not None else None
        if named is not None and ref.metrics[named.alias.code].unit != "percent":
            # `đạt 95,2% kế hoạch thu ngân sách`: the indicator the plan is of, named after it
            return Choice(named.alias, named.start, named.end, "after"), None
    if m.unit in ("VND", "USD"):
        at = skip_spaces(key, m.end)
        right = doc.first_right(at, at)
        if right is not None and compatible(ref.metrics[right.alias.code].unit, m):
            # `với hơn 292 triệu USD vốn FDI đăng ký mới và 13.130 tỷ đồng vốn đầu tư công đã được giải ngân`: an
            # amount whose indicator is named right after it, no mark between; or what the words after that name make
            # of it (`đã được giải ngân`: the part of the capital paid out, seeds/metrics.csv part_of)
            name_end = _NAME_END.search(key, right.end, sent.end)
            refined = next((h for h in doc.lefts_nearest_first(right.end, name_end.start() if name_end else sent.end)
                            if ref.metrics[h.alias.code].part_of == right.alias.code), None)
            # or the verb right before the figure (`đã giải ngân được 4.236 tỷ đồng vốn đầu tư công`)
            verb = next(doc.lefts_nearest_first(max(clause_start, m.start - 40), m.start), None)
            if refined is None and verb is not None and ref.metrics[verb.alias.code].part_of == right.alias.code \
                    and not _NAME_END.search(key, verb.end, m.start):
                refined = verb
            named = refined or right
            return Choice(named.alias, right.start, named.end, "after"), None
    if m.unit == "ha":
        crop = _crop_after(doc, m)
        if crop is not None:
            return crop, None
    return None


def _counts_another_noun(doc: Document, code: str, m: Mention) -> bool:
    """A count whose noun is none of those the indicator counts (seeds: its frames' counted words): `30 doanh
    nghiệp` is no count of industrial parks, `6,6 triệu lượt` none of accommodation establishments."""
    counted = doc.ref.counted_words.get(code)
    return m.unit == "count" and bool(m.counter) and bool(counted) and m.counter.split()[0] not in counted


_NAME_END = re.compile(r"[,;.:()]|\d|\s(?:và|với)\s")  # where the words naming an amount end


def _count_share_sibling(doc: Document, sent_facts: SentenceFacts, clause_start: int, m: Mention) -> Choice | None:
    """`82,6% doanh nghiệp thành lập mới hoạt động dịch vụ, 17,1% doanh nghiệp ngành công nghiệp - xây dựng`: a
    share of the same counted noun as the share of a count just read is another share of that count."""
    last = next(sent_facts.latest_first(clause_start), None)
    if last is None or last.metric_how != COUNT_SHARE:
        return None
    key = doc.key
    mine, theirs = doc.g.counted_noun(key[m.end:m.end + 40]), doc.g.counted_noun(key[last.char_end:last.char_end + 40])
    if mine is None or theirs is None \
            or key[m.end:m.end + mine].strip() != key[last.char_end:last.char_end + theirs].strip():
        return None
    return Choice(doc.g.metric_alias(last.metric), m.end, m.end + mine, COUNT_SHARE)


def _crop_after(doc: Document, m: Mention) -> Choice | None:
    """`... do người dân thuê đất để trồng 300 ha cây thơm`: a crop named right after an area is that area's
    subject, whatever indicator the clause named before (the head `diện tích` with the crop, by the signatures)."""
    at = skip_spaces(doc.key, m.end)
    crop = next((c for c in doc.concepts_in(at, at + 24) if c[0] == at and c[2] == "crop"), None)
    if crop is None:
        return None
    mods = {("crop", crop[3])}
    if crop[3] in doc.g.crop_cycles:  # `cây thơm`: a perennial crop, whose area stands (no sown area)
        mods.add(("cycle", doc.g.crop_cycles[crop[3]]))
    sig = doc.g.concepts.metric("area", mods)
    if sig is None or doc.ref.metrics[sig.metric].unit != "ha":
        return None
    wild = any(k == "crop" and v == "*" for k, v in sig.modifiers)
    return Choice(doc.g.metric_alias(sig.metric), crop[0], crop[1], "after", scope=(crop[0], crop[1]) if wild else None)


def _purpose_before(doc: Document, lo: int, at: int) -> int | None:
    """Where a purpose (`để`, `nhằm`: seeds/grammar/words.csv) opens in [lo, at), when the words after it to `at` are
    its own (no comma): an indicator named there is what the subject is for, not the subject."""
    found = None
    for p in doc.g.purpose.finditer(doc.key, lo, at):
        found = p.start()
    return found if found is not None and "," not in doc.key[found:at] else None


def _named_in_clause(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                     clause_start: int) -> tuple[_Reading | None, AliasHit | None]:
    """An alias in the figure's clause, completed by the item's words and refined by concept words; with the
    whole a share is of, when that is all the clause names (for the context step to fall back on)."""
    key, ref = doc.key, doc.ref
    whole: AliasHit | None = None
    choice: Choice | None = None
    prev_end = sent_facts.last_end(clause_start, m.start)
    if _named_after(doc, m):
        sibling = _count_share_sibling(doc, sent_facts, clause_start, m)
        if sibling is not None:
            return (sibling, None), whole
        own = next((h for h in doc.lefts_nearest_first(max(clause_start, prev_end or 0, sent.start), m.start)
                    if compatible(ref.metrics[h.alias.code].unit, m)), None)
        if own is None:  # `95% số dân sử dụng nước sạch`, `60% học sinh được học 2 buổi/ngày`: not the context's
            counted = doc.frame_alias(sent, replace(m, number_end=m.end, after_at=m.end))
            if counted is not None and ref.metrics[counted[0].code].unit == "count":
                # `82,6% doanh nghiệp thành lập mới hoạt động dịch vụ`: a share of what a count's frame counts
                return (Choice(counted[0], m.end, counted[2], COUNT_SHARE), None), whole
            if counted is not None and ref.metrics[counted[0].code].unit == "percent":
                # `98% số dân nông thôn và 99% số dân đô thị được sử dụng nước hợp vệ sinh`: a rate's own frame
                return (Choice(counted[0], m.end, counted[2], "after"), None), whole
            return (None, _NAMED_AFTER), whole
    lo = max(clause_start, sent.start)
    for h in doc.lefts_nearest_first(lo, m.start):
        if (aim := _purpose_before(doc, lo, h.start)) is not None and any(
                compatible(ref.metrics[h2.alias.code].unit, m) for h2 in doc.lefts_nearest_first(lo, aim)):
            continue  # `phần thu nội địa ... để cân đối nhiệm vụ chi ngân sách ... 231 tỷ đồng`: what it is for
        if _counts_another_noun(doc, h.alias.code, m):
            continue  # `tổng lượng khách được các cơ sở lưu trú phục vụ ... 6,6 triệu lượt`: visits, not establishments
        if prev_end is not None and h.end <= prev_end and any(
                f.char_start <= h.start and h.end <= f.char_end for f in sent_facts.latest_first(clause_start)):
            continue  # the words of an earlier figure (`giảm 693 hộ nghèo, đạt 192,5% chỉ tiêu`): named with it
        if doc.whole_of_share(sent, h.start):
            whole = whole or h  # `tỷ trọng công nghiệp chế biến, chế tạo trong GRDP đạt 36,06%`: the whole, not
            continue            # the figure's indicator, unless nothing else names it
        if h.alias.code.endswith(CONTRIBUTION) and not m.points and (
                m.unit != "percent" or DIGIT.search(key, h.end, m.number_start)):
            continue  # `đóng góp gần 900 tỷ đồng, tăng 3%`: the contribution is the amount's, the change its growth
        if compatible(ref.metrics[h.alias.code].unit, m) or (
                m.unit == "count" and ref.metrics[h.alias.code].unit == "count"):
            choice = Choice(h.alias, h.start, h.end, LIST_LEAD if _item_of_lead(doc, h.end, m) else "clause")
            break
    if choice is not None and (total := _total_named_by_parts(doc, lo, choice)) is not None:
        choice = total
    last = next(sent_facts.latest_first(clause_start), None) if choice is not None and prev_end is not None else None
    if last is not None and m.unit == "percent" and not m.points and last.metric_how == "after" \
            and choice.start == skip_spaces(key, last.char_end) and ref.metrics[last.metric].part_of == choice.code:
        # `đã giải ngân được 4.236 tỷ đồng vốn đầu tư công, đạt 86,3% kế hoạch`: the amount's name right after it,
        # refined by the amount's verb (a part of it: seeds/metrics.csv part_of), names the ratio as it does the amount
        return (Choice(doc.g.metric_alias(last.metric), choice.start, choice.end, "context"), None), whole
    if choice is not None and prev_end is not None and choice.end <= prev_end and m.unit == "percent" \
            and not m.points and not any(c[2] == "head" and c[3] == "share"
                                         for c in doc.concepts_in(prev_end, m.number_start)):
        # `giá trị sản xuất/ha đất nông nghiệp đạt 131,9 triệu đồng/ha, tăng 5,3%`: a ratio or change right
        # after an amount, with no indicator named between them, is the amount's, however it was composed
        # (or after the amount's own ratios: `đạt 21.300 ha, đạt 101,2% kế hoạch, tăng 2,3%`; or a share's change:
        # `thuế sản phẩm trừ trợ cấp chiếm 5,50%, giảm 0,11%`)
        chain = [f for f in sent_facts.latest_first(clause_start) if f.metric_how != PLANNED]  # (not a plan's value)
        k = next((i for i, f in enumerate(chain) if f.role in ("level", "part")), None)
        last = chain[k] if k is not None and all(f.metric == chain[k].metric for f in chain[:k]) else None
        share_change = last is not None and last.metric.startswith("share_") and last.role == "level" \
            and doc.g.change_between.fullmatch(key, last.char_end, m.number_start) is not None
        rate_level = ref.metrics[choice.code].unit == "percent" \
            and doc.g.roles.level_after_verb.search(key, prev_end, m.number_start) is not None
        if last is not None and (last.char_end == prev_end or k) and (last.unit != "percent" or share_change) \
                and last.metric != choice.code and choice.end <= last.char_start \
                and not last.metric_how.startswith(SECTOR_UNDER) and not rate_level:
            # (but a rate's level after `còn`: `tỷ lệ nghèo đa chiều của 20/20 xã NTM giảm còn 0,76%`)
            # (not when the amount's own reading came from an earlier paragraph because the clause's alias could
            # not measure it: `chỉ số sản xuất công nghiệp (IIP) ước đạt 9.502 tỷ đồng, tăng 9,71%`)
            return (Choice(doc.g.metric_alias(last.metric), choice.start, choice.end, "context"), None), whole
    if choice is not None and prev_end is not None and choice.end <= prev_end:
        comma = max(key.rfind(",", prev_end, m.start), key.rfind(";", prev_end, m.start))
        # `trong đó: Nông, lâm nghiệp, thuỷ sản đạt ...`: a comma inside a sector's name cuts no item
        cuts = not any(c[2] == "sector" and c[0] < comma < c[1] for c in doc.concepts_in(prev_end, m.start))
        for phrase in (item_phrase(key, prev_end, m.start, doc.g.function, cut=False),
                       item_phrase(key, prev_end, m.start, doc.g.function) if cuts else ""):
            composed = compose(choice.alias, phrase, ref) if phrase else None
            if composed is not None:
                choice = Choice(composed, choice.start, choice.end, "clause")
                break
    if choice is not None:
        # a concept head nearer the figure than the alias names it (`cơ cấu GRDP: khu vực nông nghiệp
        # chiếm tỷ trọng 21,6%`): the head's reading wins
        item_lo = max(clause_start, prev_end or clause_start)
        nearer = doc.concept_choice(sent, item_lo, m, None, wide=False)
        if nearer is None and choice.how == LIST_LEAD and prev_end is not None:
            nearer = _sector_of_lead(doc, choice, item_lo, m)
        if nearer is not None and nearer.end > choice.end and nearer.code != choice.code \
                and nearer.start < m.number_start \
                and not (choice.start >= item_lo and _same_head_again(doc, choice, nearer)):
            # (named before the figure, not after it; and not the alias's own head again: `nguồn vốn đầu tư công
            # các dự án do tỉnh quyết định đầu tư gần 717 tỷ đồng` stays the public investment)
            return (nearer, None), whole
        # an indicator named in the figure's own item yields only to a share head there or to the list's
        # (`Cơ cấu kinh tế: ...; thuế sản phẩm 3,4%`), not to an earlier figure's verb (`...chiếm tỷ lệ 68,75%;
        # tỷ lệ hộ nghèo giảm còn 3,8%`: the poverty rate, not a sector's share)
        list_head = any(c[2] == "head" and c[3] == "share" and not key.startswith(doc.g.share_verb, c[0])
                        for c in doc.concepts_in(sent.start, item_lo))
        share = _share_reading(doc, sent, item_lo, m, wide=choice.start < item_lo or list_head)
        if share is not None:
            return (share, None), whole
        # a head alias completed by concept words between it and the figure (`giá trị sản xuất ...
        # ngành nông nghiệp`): the composed metric is the more specific
        lo = choice.start if prev_end is None or choice.end > prev_end else prev_end
        label = doc.concepts_in(item_lo, choice.start)
        if lo == choice.start and any(c[2] == "crop" for c in label) and not any(c[2] == "head" for c in label):
            lo = item_lo  # `+ Cây lúa diện tích gieo cấy được 21.300 ha`: the crop labels the item before its head
        sectors = [c for c in label if c[2] == "sector"]
        if lo == choice.start and sectors and not any(c[2] == "head" for c in label) \
                and doc.g.sector_has.fullmatch(doc.key, sectors[-1][1], choice.start):
            lo = item_lo  # `Ngành xây dựng có giá trị sản xuất đạt 1.090 tỷ đồng`: the sector that has the value
        refined = doc.concept_choice(sent, lo, m, choice.alias)
        if refined is not None and refined.code != choice.code and (
                ref.metrics[refined.code].part_of == choice.code
                or choice.code in doc.g.within.get(refined.code, ())  # `lương thực ... (trong đó: ..., ngô 2.042 tấn)`
                # `công nghiệp, tiểu thủ công nghiệp, xây dựng cơ bản đạt ...`: a longer sector phrase around
                # the alias names a sibling of the alias's indicator
                or (refined.end > choice.end and ref.metrics[refined.code].part_of is not None
                    and ref.metrics[refined.code].part_of == ref.metrics[choice.code].part_of)
                # `chỉ số giá tiêu dùng ... gồm: giáo dục tăng 24,6%`: a group named between the index and its
                # figure narrows the index to the group (the group's signature extends the index's own head)
                or (refined.end > choice.end and doc.g.concepts.narrows(refined.code, choice.code))
                # `diện tích gieo cấy lúa đông xuân đạt 121.000 ha, đã thu hoạch 79.600 ha`: an action the figure's own
                # item names (harvested) over the earlier alias's (sown), of the same kind of measure
                or (prev_end is not None and lo >= prev_end and choice.end <= prev_end
                    and any(c[2] == "action" for c in doc.concepts_in(lo, m.number_start))
                    and doc.g.concepts.head_of_metric.get(refined.code)
                    == doc.g.concepts.head_of_metric.get(choice.code))):
            return (refined, None), whole
        return (choice, None), whole
    return None, whole


_NAME_LIST_GAP = re.compile(r"\s*(?:,|(?<!\w)va(?!\w)|,\s*va(?!\w))\s*")  # between the names of a list: `,`, `và`


def _total_named_by_parts(doc: Document, lo: int, choice: Choice) -> Choice | None:
    """`tổng mức bán lẻ hàng hóa, doanh thu dịch vụ lưu trú, ăn uống, du lịch lữ hành và dịch vụ tiêu dùng ước đạt
    6.228 tỷ đồng`: a total whose name goes on to list its parts (names joined by commas and `và` alone) is the
    figure's, not the last part named."""
    parent = doc.ref.metrics[choice.code].part_of
    if parent is None:
        return None
    key, at = doc.key, choice.start
    for h in doc.lefts_nearest_first(lo, choice.start):
        if h.end > at:
            at = min(at, h.start)  # (overlapping names of one part)
            continue
        if _NAME_LIST_GAP.fullmatch(key, h.end, at) is None:
            return None
        if h.alias.code == parent:
            return Choice(h.alias, h.start, h.end, "clause")
        if doc.ref.metrics[h.alias.code].part_of != parent:
            return None
        at = h.start
    return None


SIGNS = "+-" + DASHES  # a sign before a figure
_SIGN = re.compile(f"[{re.escape(SIGNS)}]")
_SIGNED_BRACKET = re.compile(f"\\s*\\(\\s*[{re.escape(SIGNS)}]?\\s*")
_SIGNED_OPEN = re.compile(f"\\(\\s*[{re.escape(SIGNS)}]\\s*$")  # `(+` right before a figure


def _change_of_amount_just_read(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts) -> Choice | None:
    """`Tổng diện tích trồng lúa 26.146,4 ha, đạt 108,4% kế hoạch, tăng 1.176,7ha so với năm trước`: a change in the
    unit of the amount the sentence read last, naming no indicator of its own, is that amount's change."""
    if m.unit in (None, "percent"):
        return None
    amount = next((f for f in sent_facts.latest_first(sent.start) if f.unit != "percent"), None)
    if amount is None:
        return None
    last = next(sent_facts.latest_first(sent.start), None)
    signed = _SIGNED_OPEN.search(doc.key, max(sent.start, m.number_start - 4), m.number_start) is not None \
        and last is not None and last.role == "pct_change" and last.metric == amount.metric
    # (or the same change in the amount's unit, signed in a bracket: `tăng 13,34% (+1.695 ha)`)
    if not signed and not doc.g.change_before.search(doc.key, max(sent.start, m.number_start - 12), m.number_start):
        return None
    lo = amount.char_end
    whole = doc.first_right(lo, m.start)
    if whole is not None and doc.whole_of_share(sent, whole.start):
        # (`14.397 ha, chiếm 3,27% trên tổng diện tích cây lâu năm, tăng 13,34% (+1.695 ha)`: its share's whole
        # names no other indicator)
        lo = whole.end
    if amount.unit != m.unit or amount.role not in ("level", "part") or doc.first_right(lo, m.start) is not None \
            or any(c[2] == "head" for c in doc.concepts_in(lo, m.start)):
        return None
    return Choice(doc.g.metric_alias(amount.metric), amount.char_end, amount.char_end, "context")


def _goods_group_item(doc: Document, sent: Sentence, m: Mention) -> Choice | None:
    """`So với tháng trước, một số nhóm ngành hàng tăng như: Vật phẩm, văn hoá, giáo dục tăng 3,05%; gỗ và vật liệu
    xây dựng tăng 1,74%`: the items of a sentence about groups of goods, naming no indicator, are of the trade total
    read last (seeds/grammar/words.csv `goods_group`, `goods_total`)."""
    group = doc.g.goods_group.search(doc.key, lookback_start(doc.key, sent.start, m.number_start), m.number_start)
    if group is None or not doc.earlier or doc.earlier[-1].code not in doc.g.goods_totals \
            or next(doc.lefts_nearest_first(sent.start, m.start), None) is not None:
        return None
    alias = doc.earlier[-1]
    if not compatible(doc.ref.metrics[alias.code].unit, m):
        return None
    return Choice(alias, group.start(), group.end(), GOODS_GROUP)


GOODS_GROUP = "an item of a list of goods groups, under the trade indicator read last"


def _capital_of_disbursement(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                             clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """`tổng số vốn trên 386 tỷ đồng đã giải ngân ... đạt trên 161 tỷ đồng`, `Giải ngân ... đạt 27,85% trên tổng số
    vốn hơn 101 tỷ đồng được giao`: the capital total of a sentence about a disbursement is what the disbursement is
    measured against, the whole (words.csv `capital_total`, `planned_as_whole`)."""
    lo = max(clause_start, sent_facts.last_end(clause_start, m.start) or clause_start)
    if m.unit != "VND" or doc.g.capital_total.search(doc.key, max(lo, m.number_start - 32), m.number_start) is None:
        return None
    done = next((h for h in doc.lefts_nearest_first(sent.start, sent.end) if h.alias.code in doc.g.planned_as_whole),
                None)
    whole = doc.ref.metrics[done.alias.code].part_of if done is not None else None
    if not whole:
        return None
    return Choice(doc.g.metric_alias(whole), m.start, m.start, CAPITAL_OF_DISBURSEMENT), None


CAPITAL_OF_DISBURSEMENT = "the capital total a disbursement in the sentence is measured against"


def _running_restatement(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                         prev_facts: list[Fact] | None) -> Choice | None:
    """`Tổng sản lượng thủy sản tháng 3 đạt 50.000 tấn, ...; trong đó sản lượng tôm đạt 17.750 tấn. Lũy kế 3 tháng đầu
    năm đạt 150.500 tấn`: a running total opening a sentence that names no indicator (only the running word, a
    period and a verb) is the months to date of the lead amount of the sentence right before, not of a part it lists
    last. Likewise a change (`GRDP quý 3/2025 ước tăng 8,62%. Tính chung 9 tháng năm 2025 đạt 8,61%`): the running
    change of the sentence's change right before."""
    if sent_facts or m.unit is None or m.points or not prev_facts:
        return None
    seg = doc.blank_periods(sent.start, m.number_start)
    if doc.g.running_word.search(seg) is None or not doc.says_nothing(doc.g.running_word.sub(" ", seg)):
        return None
    if m.unit == "percent":
        lead = next((f for f in reversed(prev_facts) if f.role == "pct_change" and f.metric_how != PLANNED), None)
    else:
        lead = next((f for f in prev_facts if f.role == "level" and f.metric_how != PLANNED), None)
    if lead is None or lead.sentence_index != sent.index - 1 \
            or doc.sentences[lead.sentence_index].paragraph != sent.paragraph \
            or not compatible(doc.ref.metrics[lead.metric].unit, m):
        return None
    at = sent.start if m.unit == "percent" else m.start  # (a change's verb is read from where its name stands)
    return Choice(doc.g.metric_alias(lead.metric), at, at, "context")


# after a ratio, its base's words then a bracket opening on at most two words (`kế hoạch năm (bằng `)
_RATIO_BRACKET = re.compile(r"[^()\d;,.]{0,30}\(\s*(?:[^\W\d]+\s+){0,2}")
_BASE_ONLY = re.compile(fold_pattern(r"[\s,;]*so(?:\s+với)?\s+[^,;:()\d]{2,60}?\s+(?:đạt|bằng|là)\s+"
                                     r"(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?"))


def _from_context(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                  clause_start: int, ctx: AliasHit | None, last_alias: Alias | None, prev_facts: list[Fact] | None,
                  whole: AliasHit | None) -> _Reading:
    """What the paragraph, the list or the report names: concept words, the indicator read last, a misspelt
    alias, a sector under an earlier indicator, the total a list is under, the whole of a share."""
    key, ref = doc.key, doc.ref
    lo = max(clause_start, sent_facts.last_end(clause_start, m.start) or clause_start)
    governing = ctx.alias if ctx is not None else last_alias
    if last_alias is not None and doc.g.continuation.search(key, sent.start, min(sent.end, sent.start + 40)):
        governing = last_alias  # `Tốc độ tăng trưởng kinh tế đạt 13,7%. Trong đó, khu vực ...`: the figure just read
    just_read = next((f for f in sent_facts.latest_first(sent.start) if f.metric_how != PLANNED), None)
    if just_read is not None and m.unit == "percent" and doc.names_only_a_source(lo, m):
        # `giải ngân ... nguồn ngân sách tỉnh đạt 38,1% kế hoạch năm; vốn huyện đạt 72,9%`: a clause naming only
        # another funding source goes on with the sentence's indicator (the source is the figure's scope)
        src = doc.g.funding_source.search(key, lo, m.start)
        at = src.start(1) if src is not None else m.start
        return Choice(doc.g.metric_alias(just_read.metric), at, at, "context"), None
    if just_read is not None and m.unit == "percent" and not m.points and sent_facts.last_end(clause_start, m.start) \
            is None and _BASE_ONLY.fullmatch(key, lo, m.number_start):
        # `tổng thu ngân sách ... là 2.542.357 triệu đồng; so với dự toán Trung ương giao đạt 151%; so với cùng kỳ năm
        # trước bằng 322%`: a clause naming only what a ratio compares with goes on with the sentence's indicator
        return Choice(doc.g.metric_alias(just_read.metric), m.start, m.start, "context"), None
    if just_read is not None and m.unit == "percent" == just_read.unit and not m.points \
            and just_read.char_end <= m.number_start \
            and _RATIO_BRACKET.fullmatch(key, just_read.char_end, m.number_start) \
            and next(doc.lefts_nearest_first(just_read.char_end, m.start), None) is None \
            and not doc.concepts_in(just_read.char_end, m.number_start) \
            and (ctx is None or ctx.alias.code != just_read.metric):
        # `dịch vụ - du lịch đạt 56,2% kế hoạch năm (bằng 89,6% so với cùng kỳ)`: a ratio opening a bracket right
        # after another ratio is of the same indicator (not of the amount read before it)
        at = key.rfind("(", just_read.char_end, m.number_start) + 1
        return Choice(doc.g.metric_alias(just_read.metric), at, at, "context"), None
    if just_read is not None and just_read.role == "pct_change" and m.unit == "percent" and not m.points \
            and (ctx is None or ctx.alias.code != just_read.metric) and lo > just_read.char_start \
            and doc.period_spans(lo, m.number_start) and doc.says_nothing(doc.blank_periods(lo, m.number_start)) \
            and doc.g.roles.last_verb(key[lo:m.number_start]) in ("increase", "decrease"):
        # `tăng trưởng kinh tế ước đạt 8,8% (Năm 2016 tăng 7,0%; năm 2017 tăng 7,1%)`: a clause naming only another
        # period and a change goes on with the change just read, not with an amount read before it
        return Choice(doc.g.metric_alias(just_read.metric), lo, lo, "context"), None
    concept = doc.concept_choice(sent, lo, m, governing, wide=False)  # a head in the figure's own item
    if concept is not None:
        return concept, None
    subject = doc.g.growth_subject.search(key, lo, m.start)
    if subject is None and governing is not None and not m.points and sent_facts.last_end(sent.start, m.start) \
            is not None \
            and all(f.metric == governing.code for f in sent_facts.latest_first(sent.start)):
        # `Mức tăng này thấp hơn cùng kỳ (quý I-2019 tăng 6,1%) và cũng thấp hơn kế hoạch năm 2020 (tăng 7-8%)`: the
        # growth named at the sentence's head, every figure since of its indicator
        subject = doc.g.growth_subject.search(key, sent.start, min(m.start, sent.start + 24))
        lo = sent.start if subject is not None else lo
    if governing is None and subject is not None and not m.points and doc.earlier \
            and ref.metrics[doc.earlier[-1].code].unit != "percent" \
            and not any(c[2] in ("sector", "domain", "ownership", "crop")
                        for c in doc.concepts_in(sent.start, m.start)):
        # `... tốc độ tăng trưởng GRDP quý III ... 10,16 - 11,94%.` then a paragraph `Đối với quý IV, mức tăng trưởng
        # được xác định trong khoảng 11,11 - 13,1%`: growth named alone opening a paragraph is of the last indicator
        # read (an amount's, not a rate's, whose change is in points), when the sentence names no subject of its own
        # (`du lịch phục hồi tích cực với mức tăng trưởng đạt 12,98%`: tourism's)
        governing = doc.earlier[-1]
    if governing is not None and m.unit == "percent" and subject is not None and ref.metrics[
            governing.code].part_of == "grdp" and not _DEMONSTRATIVE.match(key, subject.end()) \
            and not any(c[2] == "sector" for c in doc.concepts_in(sent.start, m.start)):
        # `... thuế sản phẩm tăng 6,09%. ... mức tăng trưởng thực tế đạt 6,83%`: growth named alone, not as this one
        # (`mức tăng này`), after a sector of the economy is the economy's
        return Choice(doc.g.metric_alias("grdp"), m.start, m.start, "context"), None
    if governing is not None and m.unit == "percent" and subject is not None \
            and not any(c[2] == "sector" for c in doc.concepts_in(lo, m.start)):
        # `Mức tăng này cao hơn mục tiêu cả năm là 6,5%`: growth named alone (no sector) is the indicator's just read
        return Choice(governing, m.start, m.start, "context"), None
    # (not an item naming a sector of its own: `ngành công nghiệp và xây dựng (đạt 10.772,4 tỷ đồng) tăng 20,5%, các
    # ngành dịch vụ tăng 6,2%`: a sibling of the amount, not its change)
    if ctx is not None and m.unit == "percent" and not doc.sector_item(
            max(lo, doc.last_mark(",;", lo, m.number_start) + 1), m.number_start) and any(
            f.metric == ctx.alias.code and (f.role in ("level", "part") or f.unit == "percent" != ref.metrics[
                f.metric].unit and doc.g.roles.base_after(key[m.end:m.end + 48])[0] is not None)
            for f in sent_facts.latest_first(clause_start)):
        # a ratio or change of the amount just read, or after one of its ratios (`đạt 82,1% KH TW giao, đạt 56,8%
        # KH tỉnh giao`)
        return Choice(ctx.alias, ctx.start, ctx.end, "context"), None
    if (ctx is None or ctx.start < sent.start) and last_alias is not None and m.unit not in (None, "percent") \
            and compatible(ref.metrics[last_alias.code].unit, m) \
            and any(f.metric == last_alias.code for f in sent_facts.latest_first(sent.start)) \
            and doc.says_nothing(doc.blank_periods(lo, m.start)):
        # `Thu ngân sách ... tăng bình quân 15%/năm; đến năm 2025 đạt 900 tỷ đồng`: an amount in a clause of only a
        # period and a verb after the indicator's growth is its level (the sentence's indicator, not an earlier one's)
        return Choice(last_alias, lo, lo, "context"), None
    if (restated := _running_restatement(doc, sent, m, sent_facts, prev_facts)) is not None:
        return restated, None
    if ctx is not None and _counts_another_noun(doc, ctx.alias.code, m):
        ctx = None  # `có 4 KCN ...; ... đã thu hút 30 doanh nghiệp`: enterprises are no count of industrial parks
    if ctx is not None and ctx.start < sent.start and just_read is not None and just_read.metric != ctx.alias.code \
            and m.unit == "percent" == just_read.unit and not m.points \
            and just_read.role in ("pct_change", "pct_of_plan", "pct_of_base") \
            and doc.says_nothing(doc.blank_periods(lo, m.start)):
        # `Thu nhập bình quân ... 42 triệu đồng ... Tốc độ tăng trưởng ở mức 16,17%, đạt 100% so với kế hoạch và giảm
        # 2,69% so với cùng kỳ`: a clause of only a verb and a base goes on with the growth its sentence read, not with
        # the amount an earlier sentence read
        return Choice(doc.g.metric_alias(just_read.metric), lo, lo, "context"), None
    if ctx is not None and (m.unit is not None or m.scale >= 1e6):  # `400 tỷ`: an amount of the currency
        lo = max(clause_start, sent_facts.last_end(clause_start, m.start) or 0)
        found = doc.from_context(ctx, lo, m)
        if found is not None:  # composed with the clause's own words (a sector, a scope): named here in part
            how = "context" if found.alias.code == ctx.alias.code else "composed"
            return Choice(found.alias, found.start, found.end, how), None
    if ctx is None and last_alias is not None and m.unit == "percent" \
            and any(f.metric == last_alias.code for f in sent_facts.latest_first(sent.start)) \
            and doc.says_nothing(key[lo:m.start]):
        # `... tháng 5 tăng 12,79%; lũy kế 5 tháng đầu năm tăng 37,12%`: a clause of only a period and a verb goes
        # on with the indicator the sentence read last (no level read, so no context yet)
        return Choice(last_alias, lo, lo, "context"), None
    changed = _change_of_amount_just_read(doc, sent, m, sent_facts)
    if changed is not None:
        return changed, None
    share = _share_reading(doc, sent, lo, m)
    if share is not None:  # before a misspelt alias: the structure's head words are the better evidence
        return share, None
    grouped = _goods_group_item(doc, sent, m)
    if grouped is not None:
        return grouped, None
    if m.unit is not None:
        fuzzy = fuzzy_alias(key, doc.tone_key, max(clause_start, sent.start), m, ref)
        if fuzzy is not None and not doc.whole_of_share(sent, fuzzy[1][0]):
            return Choice(fuzzy[0], fuzzy[1][0], fuzzy[1][1], "fuzzy"), None
    # the report's indicator, before the one the unit implies (also when the indicator just read cannot measure
    # the figure: `..., chiếm tỷ trọng 17,67%; khu vực công nghiệp - xây dựng đạt hơn 27.600 tỉ đồng`)
    sector = doc.sector_subject(sent, m) if governing is None or not compatible(
        ref.metrics[governing.code].unit, m) else None
    if sector is not None:
        return sector, None
    opens_list = doc.g.list_start.match(key, sent.start, min(sent.end, sent.start + 48)) is not None
    named = doc.concepts_in(lo, m.number_start) if opens_list else []
    if named and all(c[2] == "ownership" for c in named):
        # `Tổng mức bán lẻ hàng hoá ước đạt 20.088,11 tỷ đồng. / Trong đó, chia theo loại hình kinh tế: khu vực kinh
        # tế Nhà nước ước đạt 1.205,32 tỷ đồng`: the ownership groups a list opening the sentence names are the parts
        # of the total just read, before any indicator the unit alone would imply
        listed = _listed_under_total(doc, sent, m, sent_facts, ctx, prev_facts or [])
        if listed is not None:
            return replace(listed, scope=(named[-1][0], named[-1][1])), None
    # (`Chỉ số sản xuất công nghiệp tăng 10,9%; tăng trưởng khu vực công nghiệp - xây dựng đạt 12,54%`: the
    # sector's growth its own clause names, not the sentence's head's)
    sector = doc.sector_growth_choice(sent, max(lo, sent_facts.last_end(sent.start, m.start) or lo), m,
                                      named_growth=True) if doc.names_growth(lo, m.number_start) else None
    if sector is not None:
        return sector, None
    revenue = _revenue_item(doc, sent, m) if m.unit is not None else None
    if revenue is not None:  # (before the concepts: `thu từ khu vực ngoài nhà nước 46.977 tỷ đồng` is revenue, no
        return revenue, None  # sector's production)
    concept = doc.concept_choice(sent, lo, m, governing)  # the sentence's head, the paragraph's, the unit's
    if concept is not None:
        return concept, None
    listed = _listed_under_total(doc, sent, m, sent_facts, ctx, prev_facts or [])
    if listed is not None:
        return listed, None
    sector = doc.sector_subject(sent, m) if governing is not None else None
    if sector is not None:
        return sector, None
    if ctx is not None and sent.start <= ctx.start and key.find(":", ctx.end, lo) >= 0 \
            and compatible(ref.metrics[ctx.alias.code].unit, m) and doc.first_right(lo, m.start) is None \
            and not any(c[2] == "head" for c in doc.concepts_in(lo, m.start)):
        # `tỷ lệ huy động trẻ em trong độ tuổi đến lớp: nhà trẻ đạt 25%, mẫu giáo đạt 95%; tiểu học đạt 99,5%`: an
        # item of the lead's list past a semicolon, named by no words of its own
        return Choice(ctx.alias, ctx.start, ctx.end, LIST_LEAD), None
    if whole is not None and whole.alias.code == "grdp" and any(
            c[2] == "head" and c[3] == "share" for c in doc.concepts_in(lo, whole.start)):
        # `Tỷ trọng đóng góp của kinh tế biển trong GRDP ước đạt 42,22%`: the share in the GRDP of a part no indicator
        # names, not the GRDP's growth
        return None, "a share of the GRDP of a part no indicator names"
    if whole is not None:  # `vốn ngân sách nhà nước chiếm 28,4% trong tổng vốn đầu tư`: a share of the whole
        return Choice(whole.alias, whole.start, whole.end, "clause"), None
    former = former_area_total(doc, sent, m, prev_facts or [])
    if former is not None:  # `Trong đó, khu vực TP.HCM cũ thấp nhất với 7.947 USD; Bình Dương đạt 8.554 USD`
        return Choice(doc.g.metric_alias(former.metric), m.start, m.start, FORMER_AREA), None
    product = doc.domain_choice(sent, lo, m)
    if product is not None:
        return product, None
    item = _breakdown_item(doc, sent, m, sent_facts)
    if item is not None:
        return item, None
    # (after any fact of the sentence: `sản xuất nông nghiệp ... 26.135 ha, giảm 1,32%` is the area's change)
    sector = doc.sector_growth_choice(sent, max(lo, sent_facts.last_end(sent.start, m.start) or lo), m)
    if sector is not None:
        return sector, None
    revenue = _revenue_item(doc, sent, m) if m.unit is None else None  # (one with a unit was tried before the concepts)
    if revenue is not None:
        return revenue, None
    grown = doc.g.growth_alone.search(key, max(sent.start, m.number_start - 40), m.number_start) \
        if m.unit == "percent" and not m.points else None
    if grown is not None and not any(c[2] in ("head", "sector", "domain", "crop", "ownership")
                                     for c in doc.concepts_in(sent.start, m.number_start)):
        # `Ninh Thuận năm 2024 tăng trưởng đạt 8,74%`, `Cao Bằng: ..., phấn đấu tăng trưởng 8% trong năm 2025`: growth
        # named alone, in a sentence naming no indicator, sector, domain or crop, is the economy's
        return Choice(doc.g.metric_alias("grdp"), grown.start(), grown.start(), GROWTH_ALONE), None
    topic = doc.topic[0].alias.code if doc.topic is not None and doc.topic[1] == sent.index - 1 else None
    if topic is not None and compatible(ref.metrics[topic].unit, m) and not _counts_another_noun(doc, topic, m) \
            and doc.says_nothing(doc.blank_periods(sent.start, m.start)):
        # `doanh thu dịch vụ lưu trú, ăn uống ... cũng tăng mạnh. Riêng tháng 7-2024 ước đạt 2.772 tỷ đồng`: the one
        # indicator a sentence without figures named is the topic of the next one's figures that name none
        return Choice(doc.topic[0].alias, doc.topic[0].start, doc.topic[0].end, TOPIC), None
    return None, "no indicator named for it"


REVENUE_ITEM = "an item of revenue (thu ...) in a list of revenues"
_PROJECTS_DRAWN = re.compile(fold_pattern(r"thu\s+(?:được\s+)?(?:các\s+|\d+\s+)?dự\s+án(?!\w)"))


def _revenue_item(doc: Document, sent: Sentence, m: Mention) -> Choice | None:
    """`So với cùng kỳ, một vài khoản thu tăng khá mạnh, gồm: ...; thu tiền cho thuê mặt đất, mặt nước hơn 1.096 tỷ
    đồng`: an item opening on `thu` (not `thu hoạch`, `thu hút` ...: words.csv `thu_not_revenue`) in a sentence of
    revenues (`khoản thu`, words.csv `revenue_items`, or a budget revenue named earlier in its paragraph) is that
    revenue, the item its scope."""
    code = doc.g.revenue_code
    if code not in doc.ref.metrics or not compatible(doc.ref.metrics[code].unit, m):
        return None
    key = doc.key
    lo = skip_spaces(key, doc.last_mark(";:", sent.start, m.number_start) + 1)
    item = re.match(r"thu\s+(\w+)", key[lo:m.number_start])
    if item is None or item.group(1) in doc.g.thu_not_revenue or _PROJECTS_DRAWN.match(key, lo):
        return None  # (`thu các dự án DDI đạt hơn 11.000 tỷ đồng`: projects drawn, `thu hút` cut short, no revenue)
    para_lo = doc.paragraph_start.get(sent.paragraph, sent.start)
    if doc.g.revenue_items.search(key, sent.start, lo) is None and not any(
            h.alias.code == code for h in doc.lefts_nearest_first(para_lo, lo)):
        return None
    cut = doc.g.item_end.search(key, lo, m.number_start)
    end = cut.start() if cut is not None else m.number_start
    end = len(key[:end].rstrip(" ,"))
    # (a scope of the revenue, as its named sources are: a part of the total read before)
    return Choice(replace(doc.g.metric_alias(code), is_scope=True), lo, end, REVENUE_ITEM, scope=(lo, end))


def _breakdown_item(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts) -> Choice | None:
    """`Trong đó, châu Á ... tăng 10,43%, tương đương hơn 3 tỷ USD; thị trường châu Âu (chiếm tỷ trọng 6,33%) tăng
    70,94%`: an item past a semicolon of a sentence that breaks a figure down (`Trong đó`, `Xét theo ...`, its first
    item read as a part), naming no indicator or rate of its own, is a figure of the first item's indicator."""
    first = sent_facts[0] if sent_facts else None
    key = doc.key
    if first is None or first.role != "part" or not (
            doc.g.list_start.match(key, sent.start, min(sent.end, sent.start + 48))
            or doc.g.breakdown_lead.match(key, sent.start)):
        return None
    cut = doc.last_mark(";", sent.start, m.number_start)
    metric = doc.ref.metrics[first.metric]
    if cut < first.char_end or doc.first_right(cut, m.start) is not None or not compatible(metric.unit, m) \
            or any(c[2] == "head" and c[3] != "share" for c in doc.concepts_in(cut, m.number_start)) \
            or doc.g.rate_noun.search(key, cut, m.number_start):
        return None  # (`(chiếm tỷ trọng 6,33%)`: the item's share of the indicator, as the first item's was)
    return Choice(doc.g.metric_alias(first.metric), cut + 1, cut + 1, BREAKDOWN_ITEM)


BREAKDOWN_ITEM = "the indicator of the first item of a breakdown"


def former_area_total(doc: Document, sent: Sentence, m: Mention, prev_facts: list[Fact]) -> Fact | None:
    """The level of the sentence before, when a sentence naming a former area of a merged locality (`khu vực
    tỉnh Quảng Ngãi cũ (trước sáp nhập)`) gives a figure no words of its own name: that area's part of it."""
    if m.unit in (None, "percent") or not doc.g.former_area.search(doc.text, sent.start, sent.end):
        return None
    return next((f for f in reversed(prev_facts) if f.role == "level" and f.metric_how != PLANNED
                 and compatible(doc.ref.metrics[f.metric].unit, m)), None)


_NAMED_AFTER = "a rate named after the figure in words the grammar does not know"
COUNT_SHARE = "a share of what a count's frame names right after the figure"


_HARMED = "an area or output harmed (gây hại, cắn phá, thiệt hại ...): no indicator the grammar knows"
DISTRIBUTED = "the sector at the figure's place in a list named before `tương ứng` or `lần lượt`"
HARM = "concept words of harm (a pest's, the weather's)"


def percent_dropped(doc: Document, m: Mention, clause_start: int) -> bool:
    """A ratio whose writer dropped the `%`: a bare number reached against a plan (`đạt 55,3 kế hoạch`), or
    a decimal a rate named in its clause reached (`Tỷ lệ đô thị hóa đạt 31,48`)."""
    verb = doc.g.roles.last_verb(doc.key[max(clause_start, m.number_start - 24):m.number_start])
    if verb == "share" and 0 < m.value < 100 and m.decimals > 0:
        return True  # `chiếm tỷ trọng 5,87 tổng GRDP`: a share is a percentage
    verb = doc.g.roles.last_verb(doc.key[max(clause_start, m.number_start - 12):m.number_start])
    if verb not in ("reach", "equal", "exceed") or not 0 < m.value <= 1000:
        return False
    if doc.g.roles.plan_of.match(doc.key, m.number_end) or doc.g.plan_word_end.match(doc.key, m.number_end):
        return True
    rate = next(doc.lefts_nearest_first(clause_start, m.number_start), None)
    return rate is not None and m.decimals > 0 and m.value <= 100 and doc.ref.metrics[rate.alias.code].unit == \
        "percent"


def _named_after(doc: Document, m: Mention) -> bool:
    """A percentage followed by what it is a share of (`95% số dân ...`, `100% các trường ...`, `97% người
    dân ...`) names its own rate after it, not the indicator of the sentence or paragraph. A share of a
    total (`chiếm 3% tổng số hộ`) is not: it follows `chiếm` or names the total; nor is a base (`đạt 100%
    chỉ tiêu`)."""
    if m.unit != "percent" or m.points:
        return False
    bound = doc.g.bound_after.match(doc.key, m.end)  # (`90% trở lên gia đình đạt chuẩn văn hóa`)
    at = bound.end() if bound is not None and WORD_NEXT.match(doc.key, bound.end()) else m.end
    skip = doc.g.counter_skip.match(doc.key, at)
    if not (skip.group().strip() or doc.g.counted_after(doc.key, at)):
        return False
    if doc.g.roles.base_after(doc.key[at:at + 48])[0] is not None:
        return False  # `đạt 104,6% chỉ tiêu năm 2024`: the base it is measured against
    before = doc.key[max(0, m.number_start - 12):m.number_start]
    return not doc.g.ratio_before.search(before) and \
        not doc.key.startswith(doc.g.total_word, at + len(skip.group()) - len(skip.group().lstrip()))


def _listed_under_total(doc: Document, sent: Sentence, m: Mention, sent_facts: SentenceFacts,
                        ctx: AliasHit | None, prev_facts: list[Fact]) -> Choice | None:
    """`... thủy sản ước đạt 3.677 tỷ đồng. Trong đó, giá trị khai thác đạt 2.379 tỷ đồng`: an amount
    or count listed after `trong đó`, `gồm`, `cụ thể` under a total, whose own words name no
    indicator, is a part of the total's indicator (the role step then makes it the total's part).
    The total must be a level of that indicator in the unit of the figure, in this sentence before
    the list marker or in the previous sentence when the list opens this one; a list opening a sentence
    whose paragraph names no indicator for the figure lists the parts of the previous sentence's only
    total in its unit (`Trong tổng giá trị nói trên, ...: mỳ gạo đạt 167,44 tỷ đồng`)."""
    if m.unit in (None, "percent"):
        return None
    key, g = doc.key, doc.g
    opens = g.list_start.match(key, sent.start, min(sent.end, sent.start + 48)) is not None
    if ctx is not None:
        code = ctx.alias.code
        total = next((f for f in sent_facts.latest_first(sent.start) if f.role == "level" and f.metric == code
                      and f.unit == m.unit), None)
        if total is not None:
            marker = g.list_marker.search(key, total.char_end, m.start)
            # (a list in brackets ends with them: `10.949,2 tấn (trong đó, thịt lợn ...); trứng gia cầm ...; sữa bò
            # tươi 5.150 tấn` lists no part after the bracket closes)
            listed = marker is not None and not (key.rfind("(", total.char_end, marker.start()) >= 0
                                                 and key.find(")", marker.end(), m.start) >= 0)
        else:
            listed = opens and any(f.role == "level" and f.metric == code and f.unit == m.unit
                                   and doc.follows(f.sentence_index, sent.index) for f in prev_facts)
        if listed:
            return Choice(ctx.alias, m.start, m.start, "a part listed under its total")
    if not opens:
        sibling = doc.ownership_sibling(sent, prev_facts, m.unit)
        if sibling is not None:  # the next ownership group after one listed under a total is its sibling
            return Choice(g.metric_alias(sibling.metric), m.start, m.start, LISTED_SIBLING)
        return None
    wholes = {f.metric for f in prev_facts if f.role == "level" and f.unit == m.unit
              and doc.follows(f.sentence_index, sent.index)}
    if len(wholes) != 1 or (ctx is not None and ctx.alias.code in wholes):
        return None
    whole = wholes.pop()
    if _counts_another_noun(doc, whole, m):
        return None  # `có 4 KCN ... Trong đó, KCN Quế Võ 2 ... đã thu hút 30 doanh nghiệp`: enterprises, no parks
    return Choice(g.metric_alias(whole), m.start, m.start, "a part listed under the total just read")


RATE_CHANGE = "the change of the rate just read"
COUNT_SUBJECT = "the count its subject names (số ... là {N})"
LISTED_SIBLING = "the group after one listed under a total: that total's"


def _rate_changed(doc: Document, m: Mention, sent_facts: SentenceFacts) -> Choice | None:
    """A change in percentage points right after a rate's level (`chiếm 42,6% (tăng 1,3 điểm phần trăm)`):
    that rate's absolute change; right after a growth rate (`Khu vực dịch vụ ước tăng 12,51%, cao hơn 1,27 điểm %
    so với cùng kỳ`), the growth's change, as the indicator's own (an economy's has its own code,
    `grdp_growth_change_points`)."""
    last = next(sent_facts.latest_first(0), None)
    if last is None or last.char_end > m.number_start:
        return None
    metric = doc.ref.metrics.get(last.metric)
    if metric is None or last.metric.endswith(CONTRIBUTION):
        return None
    if last.role == "level" and metric.unit == "percent":
        between = doc.g.change_between
    elif last.role == "pct_change" and last.metric not in doc.g.points_own_code:
        between = doc.g.growth_change_between
    else:
        return None
    if not between.fullmatch(doc.key, last.char_end, m.number_start):
        return None
    return Choice(doc.g.metric_alias(last.metric), last.char_start, last.char_start, RATE_CHANGE)


def _share_reading(doc: Document, sent: Sentence, item_lo: int, m: Mention, wide: bool = True) -> Choice | None:
    """A share of the structure (`Cơ cấu kinh tế: ... dịch vụ 36,5%`, `tỷ trọng công nghiệp chế biến, chế tạo
    trong GRDP đạt 36%`): a percentage not said to rise or fall, under a share head, is the sector's share."""
    if m.unit != "percent" or m.points:
        return None
    share = doc.concept_choice(sent, item_lo, m, None, wide=wide)
    if share is None or not share.code.startswith("share_"):
        return None
    verb = doc.g.roles.last_verb(doc.key[item_lo:m.start])
    return share if verb not in ("increase", "decrease") else None
