"""Facts from one cleaned report: every figure with its indicator, role, period and status.

The sentence loop: each number of each sentence, in order, is read by the grammar
(`transforms.grammar`): masked when it is no fact (`masks`), given its indicator (`indicator`),
its role, base, qualifier and scope (`roles`), then the period and status in force where it
stands (`periods`, `status`), and linked to the level it qualifies or the total it is a part of.
Whatever one sentence establishes (the last indicator of a paragraph, the period, a list of
targets) carries to the next through this loop's state, and nowhere else.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from transforms.grammar.indicator import (
    PER_CAPITA_OF,
    PER_UNIT_CURRENCY,
    AliasHit,
    Choice,
    compatible,
    compose,
    concept_hits,
    frame_weight,
    fuzzy_alias,
    item_phrase,
    lookahead_end,
    lookback_start,
    subject_hits,
)
from transforms.grammar.keys import fold, tokenize, tones
from transforms.grammar.load import Grammar
from transforms.grammar.masks import Masks
from transforms.grammar.numbers import Mention, find_mentions
from transforms.grammar.periods import PeriodMention, find_periods, period_start, year_to_date
from transforms.grammar.status import StatusCues
from transforms.grammar.tables import table_readings
from transforms.numbers import separator_habit
from transforms.reference import Alias, Metric, Reference
from transforms.text import CleanText, Sentence, split_sentences

EXTRACTOR_VERSION = "0.2.0"


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
    # complete (`cụ thể`, `gồm`, `:`) | partial (`trong đó`) | breakdown (`Xét theo ngành, ...`: a partial list of
    # its own sentence, one of several breakdowns of a total stated before) for parts
    part_list: str | None = None
    period_stated_at: int | None = None  # offset of the period mention the figure takes its period from
    metric_how: str | None = None  # which evidence named the metric (frame, clause, concept, context ...)
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


_SECTOR_UNDER = "a sector under the indicator"
_CONTRIBUTION = "_growth_contribution"
EARLIER_HEADS = 3  # how many indicators read earlier a sector named alone may belong to


def fact_id(doc_id: str, start: int, end: int) -> str:
    """Same document and span give the same id on every run."""
    return hashlib.sha256(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:20]


_GROWTH = "_growth"  # growth with no base written: resolved once the period is known
_PLANNED = "the plan's value in brackets after a figure"
_VALUE_BRACKET = re.compile(r"\s*\([^()]*\d[^()]*\)")
_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"\s*[-+•*–]\s")
_SUBJECT_KINDS = ("sector", "domain", "ownership")  # concept kinds a whole sentence is about
_UNIT_MODS = {"VND/ha": ("per", "ha"), "VND/person/year": ("per", "person"), "USD/person/year": ("per", "person")}
_YEAR_BASES = ("same_period", "prior_year")


class _SentenceFacts(list[Fact]):
    """A sentence's facts in text order, with the look-ups the reading of every number makes,
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

    def marker_after(self, total: Fact, doc: _Document, end: int) -> re.Match[str] | None:
        """The first list marker (`cụ thể`, `trong đó`, `:`) after a total, up to `end`."""
        if total.fact_id not in self._markers:
            self._markers[total.fact_id] = doc.g.list_marker.search(doc.key, total.char_end, end)
        return self._markers[total.fact_id]


class _Document:
    """One document as the grammar reads it: text, key, tokens, every phrase hit, and the look-ups
    that would be quadratic if redone for every number."""

    def __init__(self, doc_id: str, clean: CleanText, ref: Reference) -> None:
        self.doc_id, self.clean, self.ref, self.g = doc_id, clean, ref, ref.grammar
        self.text = clean.text
        self.key = fold(self.text)
        self.tokens = tokenize(self.key)
        self.tone_key = tones(self.text)
        self.hits = self.g.lexicon.find(self.tokens, self.tone_key)
        self.sentences = split_sentences(self.text)
        self.subjects = subject_hits(self.key, self.hits, ref, self.sentences)
        self.subject_starts = [h.start for h in self.subjects]
        self.exclusions = [x.span() for x in self.g.exclusion_paren.finditer(self.key)]
        self.earlier: list[Alias] = []  # indicators of figures read so far, most recent last
        self.last_level: dict[str, Fact] = {}  # the last level read of each indicator (not a plan's)
        self.levels: dict[str, list[Fact]] = {}  # every level read of each indicator, in order
        self.heads_after: set[int] = set()  # head words that named the amount right before them
        opening: dict[int, Sentence] = {}
        for sent in self.sentences:
            opening.setdefault(sent.paragraph, sent)
        self.bullet_paragraphs = {p for p, sent in opening.items() if _BULLET.match(sent.text)}  # list items
        self.status = StatusCues(self.hits, self.key, self.g.words)
        self.frames = sorted((h.start, h.end, t.kind, int(t.extra)) for h in self.hits for t in h.tags
                             if t.kind in ("frame_post", "frame_pre"))
        self.frame_starts = [f[0] for f in self.frames]
        self.concepts = concept_hits(self.hits, self.key, self.g.sector_compounds)
        self.concept_starts = [c[0] for c in self.concepts]
        self.periods: list[tuple[int, int]] = []
        self.topics, self.crop_topics = self._paragraph_topics()

    def read_before(self, alias: Alias) -> None:
        """Remember the indicator of a figure just read (most recent last, each once)."""
        if self.earlier and self.earlier[-1] is alias:
            return
        if alias in self.earlier:
            self.earlier.remove(alias)
        self.earlier.append(alias)

    def sector_subject(self, sent: Sentence, m: Mention) -> Choice | None:
        """`Khu vực công nghiệp và xây dựng tăng 6,38%` in a paragraph after the GRDP's: a sector
        named alone is the sector's share of an indicator read earlier in the report (the head is
        elided). The nearest earlier indicator whose head composes with the sector wins."""
        lo = max([sent.start] + [d.end() for d in _DIGIT.finditer(self.key, sent.start, m.number_start)])
        if not any(c[2] == "sector" for c in self.concepts_in(lo, m.number_start)):
            return None  # the sector must be the figure's own subject, not the item's before it
        candidates = list(reversed(self.earlier[-EARLIER_HEADS:]))
        if self.g.contribution.search(self.key, sent.start, sent.end) and "grdp" in self.g.aliases_by_metric:
            # `khu vực công nghiệp - xây dựng tăng 10,4%, đóng góp 4,6 điểm phần trăm vào mức tăng trưởng`:
            # a sentence of contributions to growth is about the GRDP's sectors
            candidates.append(self.g.aliases_by_metric["grdp"])  # type: ignore[arg-type]
        for alias in candidates:
            choice = self.concept_choice(sent, sent.start, m, alias)
            if choice is not None and choice.how.startswith("concept under"):
                return replace(choice, how=f"{_SECTOR_UNDER} '{alias.text}' read earlier")
        return None

    def _paragraph_topics(self) -> tuple[dict[int, str], dict[int, str]]:
        """A paragraph whose first sentence opens on a sector (`Sản xuất công nghiệp tiếp tục tăng ...`,
        `Ngành nông nghiệp ...`, `- Công nghiệp: ...`) is about that sector; one labelled with a crop
        (`Cây lúa: ...`, `- Cây rau màu: ...`) is about that crop."""
        topics: dict[int, str] = {}
        crops: dict[int, str] = {}
        seen: set[int] = set()
        for s in self.sentences:
            if s.paragraph in seen:
                continue
            seen.add(s.paragraph)
            opening = self.concepts_in(s.start, min(s.end, s.start + 40))
            sectors = [c for c in opening if c[2] == "sector"]
            if sectors and not any(c[2] == "head" and c[0] < sectors[0][0] and c[3] not in ("production_value",)
                                   for c in opening):
                topics[s.paragraph] = sectors[0][3]
            colon = self.key.find(":", s.start, min(s.end, s.start + 40))
            label = [c for c in opening if c[2] == "crop" and colon >= 0 and c[1] <= colon]
            if label:
                crops[s.paragraph] = label[0][3]
        return topics, crops

    # -- subjects -------------------------------------------------------------------------------

    def lefts_nearest_first(self, lo: int, hi: int) -> Iterator[AliasHit]:
        """Subject hits inside [lo, hi), nearest `hi` first, leaving out those inside an exclusion
        bracket that also lies there (`(không tính thu tiền sử dụng đất)`)."""
        for k in range(bisect_left(self.subject_starts, hi) - 1, bisect_left(self.subject_starts, lo) - 1, -1):
            h = self.subjects[k]
            if h.end <= hi and not self._excluded(h, lo, hi):
                yield h

    def first_right(self, lo: int, hi: int) -> AliasHit | None:
        """The first subject hit starting inside [lo, hi]."""
        k = bisect_left(self.subject_starts, lo)
        return self.subjects[k] if k < len(self.subjects) and self.subject_starts[k] <= hi else None

    def _excluded(self, h: AliasHit, lo: int, hi: int) -> bool:
        k = bisect_right(self.exclusions, (h.start, float("inf"))) - 1
        if k < 0:
            return False
        a, b = self.exclusions[k]
        return lo <= a <= h.start and h.end <= b <= hi

    def period_spans(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Period mentions lying inside [lo, hi)."""
        k = bisect_left(self.periods, (lo,))
        out = []
        while k < len(self.periods) and self.periods[k][0] < hi:
            if self.periods[k][1] <= hi:
                out.append(self.periods[k])
            k += 1
        return out

    def concepts_in(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        """Concept words (start, end, kind, value) lying inside [lo, hi), the longest where they overlap; a
        phrase of two kinds counts as both (`lượt khách`: the head arrivals and the domain tourism)."""
        found = self.concepts[bisect_left(self.concept_starts, lo):bisect_left(self.concept_starts, hi)]
        found = [c for c in found if c[1] <= hi]
        found.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        kept: list[tuple[int, int, str, str]] = []
        for c in found:
            if all(c[1] <= k[0] or c[0] >= k[1] or (k[:2] == c[:2] and k[2] != c[2]) for k in kept):
                kept.append(c)
        return sorted(kept)

    # -- frames ---------------------------------------------------------------------------------

    def frame_alias(self, sent: Sentence, m: Mention) -> tuple[Alias, int, int] | None:
        """The `{N}` alias that fits around the number, most specific first. Only frames whose
        first words after `{N}` (or last words before it) the lexicon found near the number are
        tried."""
        key, ref = self.key, self.ref
        lo = lookback_start(key, sent.start, m.number_start)
        raw_before = key[lo:m.number_start]
        # `có hơn 12`: the lead-in words are skipped, unless the frame itself holds them
        befores = (self.g.lead_in.sub("", raw_before, count=1), raw_before)
        after_at = m.after_at or m.number_end  # `32/33 chỉ tiêu đạt`: the words after the denominator
        after = key[after_at:lookahead_end(key, after_at, sent.end)]
        head = after.lstrip()
        scale_word = next((u.word for u in ref.units if u.kind == "scale" and head.startswith(u.word)
                           and not head[len(u.word):len(u.word) + 1].isalnum()), None)
        skipped = 0
        if scale_word is not None:  # `3,2 triệu lượt khách`: the counted noun follows the scale word
            skipped = after.index(scale_word) + len(scale_word)
            after = after[skipped:]
        cands = {idx for start, _, _, idx in
                 self.frames[bisect_left(self.frame_starts, lo):bisect_left(self.frame_starts, m.number_end + 120)]}
        best: tuple[Alias, int, int] | None = None
        for i in sorted(cands):
            a = ref.aliases[i]
            start, end = m.number_start, m.number_end
            if a.post is not None:
                pm = a.post.match(after)
                if pm is None and a.post_head is not None and a.topic.search(key, sent.start, m.number_start):
                    pm = a.post_head.match(after)  # the frame's topic named before the figure
                if pm is None:
                    continue
                end = after_at + skipped + pm.end()
            if a.pre is not None:
                bm = a.pre.search(befores[0]) or a.pre.search(befores[1])
                if bm is None:
                    continue
                start = lo + bm.start()
            if best is None or frame_weight(a.text, self.g.lead_in) > frame_weight(best[0].text, self.g.lead_in):
                best = (a, start, end)
        return best

    def subject_naming_counter(self, frame: Alias, m: Mention, clause_start: int) -> AliasHit | None:
        """For a bare frame (`{N} tiêu chí`, `đạt {N} tiêu chí`: the counted noun and lead-in words
        only), the nearest count subject in the clause that names the same noun (`tổng số tiêu chí`)."""
        post = fold(frame.text.split("{N}", 1)[1])
        if m.counter is None or post.strip() != m.counter or \
                frame_weight(frame.text, self.g.lead_in) != len(post.replace(" ", "")):
            return None
        word = re.compile(r"(?<!\w)" + re.escape(m.counter) + r"(?!\w)")
        for h in self.lefts_nearest_first(lookback_start(self.key, clause_start, m.start), m.start):
            if self.ref.metrics[h.alias.code].unit == "count" and h.alias.code != frame.code and word.search(
                    fold(h.alias.text)):
                return h
        return None

    # -- context --------------------------------------------------------------------------------

    def from_context(self, ctx: AliasHit, lo: int, m: Mention) -> AliasHit | None:
        """The indicator of a clause that names none, from the last one read in the paragraph.

        `; công nghiệp - xây dựng ước đạt ...` completes the previous alias with its own words
        (`giá trị sản xuất` + `công nghiệp - xây dựng`); `; lũy kế 7 tháng ước đạt ...` names
        nothing but a period and a verb, so the previous indicator carries on.
        """
        seg = self.key[lo:m.start]
        for a, b in self.period_spans(lo, m.start):
            seg = seg[:a - lo] + " " * (b - a) + seg[b - lo:]
        words = [w for w in re.findall(r"[^\s,;:()]+", seg) if not any(c.isdigit() for c in w)]
        if all(w in self.g.elided or w == "-" for w in words):
            return ctx if compatible(self.ref.metrics[ctx.alias.code].unit, m) else None
        for phrase in (item_phrase(seg, 0, len(seg), self.g.function, cut=False),
                       item_phrase(seg, 0, len(seg), self.g.function)):
            composed = compose(ctx.alias, phrase, self.ref) if phrase else None
            if composed is not None and compatible(self.ref.metrics[composed.code].unit, m):
                return AliasHit(ctx.start, ctx.end, composed)
        return None

    def whole_of_share(self, sent: Sentence, pos: int) -> bool:
        """Whether the words at `pos` name the whole a share is of (`tỷ trọng ... trong GRDP`, `chiếm ... trong
        tổng vốn`): after `trong`, with a share head before them in the sentence."""
        return self.g.in_whole.search(self.key, max(sent.start, pos - 12), pos) is not None and any(
            c[2] == "head" and c[3] == "share" for c in self.concepts_in(sent.start, pos))

    def concept_choice(self, sent: Sentence, item_lo: int, m: Mention, governing: Alias | None,
                       wide: bool = True) -> Choice | None:
        """A metric composed from concept words (seeds/grammar/concepts.csv) by the signatures of
        seeds/grammar/signatures.csv. The head is the nearest head word in the item, else in the
        sentence, else the head of the indicator governing the paragraph (`governing`), else the one
        the figure's unit implies (ha → area, tonne → output); a figure in percentage points with
        `đóng góp` is a contribution. The sector is the nearest sector word before the figure in its
        sentence; crops, actions, domains and the like count from the item and right after the
        figure (`3.232,5 ha ngô`). The most specific signature whose modifiers are all present wins."""
        g = self.g
        stop = m.end + 40
        for ch in ",;(":
            i = self.key.find(ch, m.end, stop)
            stop = i if i >= 0 else stop
        in_sentence = self.concepts_in(sent.start, m.number_start)
        all_after = self.concepts_in(m.end, min(stop, sent.end))
        after = [c for c in all_after if c[2] not in ("head", *_SUBJECT_KINDS)]
        # `đóng góp` heads only a figure in percentage points (a contribution to growth)
        heads = [c for c in in_sentence if c[2] == "head" and (m.points or c[3] != "growth_contribution")
                 and not self.whole_of_share(sent, c[0]) and c[0] not in self.heads_after]
        item_heads = [c for c in heads if c[0] >= item_lo]
        mods = {(c[2], c[3]) for c in in_sentence if c[0] >= item_lo and c[2] not in ("head", *_SUBJECT_KINDS)}
        mods |= {(c[2], c[3]) for c in after}
        right_after = [c for c in all_after if c[0] <= m.end + 2]
        for kind in _SUBJECT_KINDS:  # the sentence's subject: its nearest sector, domain, ownership
            nearest = [c for c in in_sentence if c[2] == kind]
            named_after = [c for c in right_after if c[2] == kind]
            if named_after and not any(c[0] >= item_lo for c in nearest):
                mods.add((kind, named_after[0][3]))  # `thả nuôi được 297.739 ha thủy sản`: what the unit measures
            elif nearest:
                mods.add((kind, nearest[-1][3]))
            elif kind == "sector" and sent.paragraph in self.topics:
                mods.add(("sector", self.topics[sent.paragraph]))  # the paragraph's topic (`Sản xuất công nghiệp ...`)
        if any(c[2] == "per" and c[3] == "10k" for c in in_sentence):
            mods.add(("per", "10k"))  # `Mỗi vạn dân có 28 giường bệnh và 8,5 bác sĩ`: the frame covers the list
        if m.unit in _UNIT_MODS:  # `131,9 triệu đồng/ha`: the unit says per what
            mods.add(_UNIT_MODS[m.unit])
        if sent.paragraph in self.crop_topics and not any(k == "crop" for k, _ in mods):
            mods.add(("crop", self.crop_topics[sent.paragraph]))  # the paragraph's label (`Cây lúa: ...`)
        options: list[tuple[str, int, int, str]] = []  # head, start, end, how
        if m.points and any(c[3] == "growth_contribution" for c in in_sentence if c[2] == "head" and c[0] >= item_lo):
            options.append(("growth_contribution", m.start, m.start, "concept"))
        if m.unit == "count":  # the counted noun itself (`đạt trên 310.000 lượt người` under `du lịch`)
            counted = [c for c in self.concepts_in(m.number_end, max(m.end, min(stop, sent.end)))
                       if c[2] == "head" and c[0] <= m.end]
            options += [(c[3], c[0], c[1], "concept") for c in counted[:1]]
        elif m.unit in ("VND", "USD"):  # the money named right after its amount (`2,738 tỷ USD vốn đầu tư`)
            options += [(c[3], c[0], c[1], "concept") for c in all_after[:1] if c[2] == "head" and c[0] <= m.end + 2
                        and c[0] not in self.heads_after]
        for h in reversed(item_heads or (heads if wide else [])):  # the nearest head first
            options.append((h[3], h[0], h[1], "concept"))
        if not wide:
            governing = None
        if governing is not None and governing.code in g.concepts.head_of_metric:
            options.append((g.concepts.head_of_metric[governing.code], item_lo, item_lo,
                            f"concept under the indicator '{governing.text}'"))
        if wide and m.unit in g.unit_heads:
            options.append((g.unit_heads[m.unit], item_lo, item_lo, f"concept of a figure in {m.unit}"))
        for head, start, end, how in options:
            sig = g.concepts.metric(head, mods)
            if sig is None or (not sig.modifiers and how != "concept"):
                continue
            metric = self.ref.metrics.get(sig.metric)
            if metric is None or not (compatible(metric.unit, m) or (
                    m.unit == "count" and metric.unit == "per_10k_people")):
                continue
            words = [c for c in in_sentence + after if (c[2], c[3]) in sig.modifiers or c[3] == head]
            lo = min([start] + [c[0] for c in words])
            hi = max([end] + [c[1] for c in words if c[1] <= m.number_start])
            if how != "concept":  # no head word named it: its span is the item's start, the verbs are after
                lo = hi = start
            if start >= m.end:
                self.heads_after.add(start)  # the amount's own name: it names no later figure
            return Choice(g.metric_alias(sig.metric), lo, hi, how)
        return None


def _estimate_of_another_clause(doc: _Document, sent: Sentence, m: Mention) -> bool:
    """`Sản lượng lương thực ước đạt gần 15.000 tấn; giải quyết việc làm mới cho trên 4.300 lao động`: an
    estimate word in an earlier clause of the sentence, after an indicator it estimates, does not reach a
    figure of a later clause (CONVENTIONS 1) - unless it leads the sentence (`Ước tính 6 tháng, ...`) or opens
    a list (`ước đạt: ...; ...`)."""
    at = doc.status.estimate_at(sent.start, m.start)
    clause = _clause_start(doc.key, sent, m.start)
    if at is None or at >= clause:
        return False
    if ":" in doc.key[at:clause]:
        return False  # `... ước đạt: a; b; c`
    k = bisect_left(doc.subject_starts, sent.start)
    named_before = k < len(doc.subject_starts) and doc.subject_starts[k] < at  # an indicator before the word
    j = bisect_left(doc.subject_starts, clause)
    own = j < len(doc.subject_starts) and doc.subject_starts[j] < m.start  # the clause names its own indicator
    return named_before and own


def _only_a_date(doc: _Document, sent: Sentence, named: list[PeriodMention]) -> bool:
    """A date line: no word beside its period but weekdays and date words (seeds/grammar/words.csv,
    set `dateline`)."""
    rest = doc.key[sent.start:sent.end]
    for p in reversed(named):
        rest = rest[:p.start - sent.start] + " " + rest[p.end - sent.start:]
    words = set(re.findall(r"[^\W\d_]+", rest))
    return words <= doc.g.dateline_words


def _reports_results(g: Grammar, key: str, sent: Sentence) -> bool:
    """A heading of results (`Kết quả thực hiện ...`, `14/16 chỉ tiêu hoàn thành và vượt kế hoạch`),
    unless an intent comes first (`đề ra 9 nhóm nhiệm vụ ... hoàn thành nhiệm vụ năm 2024`,
    `Phấn đấu hoàn thành vượt kế hoạch`): what is to be completed is a target."""
    found = g.result_heading.search(key, sent.start, sent.end)
    return found is not None and g.heading_intent.search(key, sent.start, found.start()) is None


_DATE_IN = re.compile(r"(?<![\d/])\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d{2}(?![\d/])")


def _title_years(doc: _Document) -> list[int]:
    """The years the first heading with a year names, dates left out."""
    for sent in doc.sentences[:4]:
        if sent.is_heading:
            years = [int(y) for y in _YEAR_IN.findall(_DATE_IN.sub(" ", doc.key[sent.start:sent.end]))]
            if years:
                return years
    return []


def reference_date(doc: _Document) -> date | None:
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
    for m in re.finditer(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])", doc.key):
        try:
            d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        if d.year >= floor:
            best = d if best is None or d > best else best
    return best


def extract(doc_id: str, clean: CleanText, ref: Reference) -> Extraction:
    doc = _Document(doc_id, clean, ref)
    text, key, g = doc.text, doc.key, doc.g
    habit = separator_habit(text)
    sentences = doc.sentences
    masks = Masks(key, g.mask_rules, lambda pos: g.counted_after(key, pos))
    mask_spans = masks.spans() + [(h.start, h.end) for h in doc.subjects]
    all_mentions = find_mentions(text, key, ref.units, habit, [])
    kept_mentions = find_mentions(text, key, ref.units, habit, sorted(mask_spans))
    kept_spans = {(m.number_start, m.number_end) for m in kept_mentions}
    periods = find_periods(key, masks.spans("date", "document number"), doc.tone_key)
    period_starts = [p.start for p in periods]
    doc.periods = [(p.start, p.end) for p in periods]
    ref_date = reference_date(doc)
    out = Extraction(sentences=sentences)
    for s in sentences:
        if s.is_heading:
            lo = bisect_left(period_starts, s.start)
            named = [p for p in periods[lo:bisect_left(period_starts, s.end)] if p.period]
            if named and _only_a_date(doc, s, named):
                continue  # `Thứ năm, 15 Tháng 3 2018`, `Tháng 4/2025`: when it was written, not what it is about
            for p in named:
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
    prev_facts: list[Fact] = []
    default_year = _default_year(clean, periods, key)
    pi = 0
    prev_status_target_sentence = -2
    section_target, section_year = False, None  # under a heading of tasks and targets (for a year)
    section_period: str | None = None  # the only period the section sets targets for (a headline's own)
    estimated_periods: set[str] = set()  # the periods a heading says are estimated (`ước tháng 9 và 9 tháng`)
    target_para, target_year = -1, None  # a paragraph that set targets for a year: its later figures of that year
    kept_starts = [m.number_start for m in kept_mentions]
    brackets = [(b.start(), b.start(1), b.end()) for b in g.respectively.finditer(key)]  # `tương ứng` brackets
    # and clauses that name no indicator of their own (`tỷ lệ hộ nghèo và cận nghèo lần lượt là ...` do)
    brackets += [(b.start(), b.start(1), b.end()) for b in g.respectively_clause.finditer(key)
                 if not any(doc.lefts_nearest_first(b.start(), b.start(1)))
                 and not any(b.start() <= x[0] < b.end() for x in brackets)]
    brackets.sort()
    earlier_by_id: dict[str, Fact] = {}
    for sent in sentences:
        ms = kept_mentions[bisect_left(kept_starts, sent.start):bisect_left(kept_starts, sent.end)]
        if g.growth_in.search(key, sent.start, sent.end):
            ms = [replace(m, points=True) if m.unit == "percent" and not m.points and g.contribution_pct.search(
                key, max(sent.start, m.number_start - 24), m.number_start) else m for m in ms]
        ms_starts = [m.number_start for m in ms]
        sent_facts = _SentenceFacts()
        by_id: dict[str, Fact] = {}
        sent_is_continuation = g.continuation.search(key, sent.start, min(sent.end, sent.start + 40)) is not None
        # a `Trong đó ...` sentence right after a sentence of targets continues the list of targets
        carried_target = sent_is_continuation and prev_status_target_sentence == sent.index - 1
        if sent.is_heading:  # `II. NHIỆM VỤ, GIẢI PHÁP NĂM 2024` opens a section of targets, any other closes it
            # a headline with a measured figure of its own (`... đặt mục tiêu GRDP tăng 7% trong năm 2024`) sets
            # the year's targets, not the quarter's results the news then gives
            own_figure = any(x.unit is not None for x in ms)
            section_target = (g.target_heading.search(key, sent.start, sent.end) is not None
                              and not _reports_results(g, key, sent))
            section_period = "FY" if own_figure else None
            # of the year it names and later: `... các nhiệm vụ trọng tâm năm 2024` over a review of 2023
            named = [int(y) for y in _YEAR_IN.findall(key, sent.start, sent.end)]
            section_year = max(named) if section_target and named else None
            # `Tình hình kinh tế - xã hội ước tháng 9 và 9 tháng năm 2018`: a heading with no figure of its own
            # that estimates its periods makes the section's figures of those periods estimates
            # (`Đánh giá kết quả 9 tháng, ước thực hiện cả năm 2024`: only those named after the cue)
            estimated_periods = set() if own_figure else {
                p.period for p in periods
                if sent.start <= p.start < sent.end and doc.status.before(sent.start, p.start + 1) == "estimate"}
        if sent.paragraph != target_para:
            target_para, target_year = sent.paragraph, None
        override: tuple[str, int] | None = None  # a relative period, for the rest of this sentence
        override_year: int | None = None  # a term's last year (`bình quân giai đoạn 2021-2024`), likewise
        in_list = _BULLET.match(sent.text) is not None and (list_open or prev_bullet)
        if in_list:  # a bullet line of a list continues the paragraph that opened the list
            ctx_para = last_para = para_of_facts = sent.paragraph
        elif g.breakdown_lead.match(key, sent.start) and ctx is not None and doc.earlier \
                and doc.earlier[-1] is ctx.alias:  # `Xét theo ngành, ...`: the indicator just read, broken down
            ctx_para = last_para = sent.paragraph
        if sent.paragraph != ctx_para:
            ctx = None
        if sent.paragraph != para_of_facts:
            para_facts, para_of_facts = [], sent.paragraph
        # `(... tương ứng quý I năm 2023: a; b; c)`: the same indicators again, in order, for another period
        respective = [b for b in brackets if sent.start <= b[0] < sent.end]
        for m in ms:
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
                if p.of_figure or any(b[0] <= p.start < b[2] for b in brackets):  # a bracket's period frames
                    pi += 1                                      # its own figures; `4,84% của quý I/2024` its one
                    continue
                if p.relative == "as_of" and p.year is not None:  # the cut-off's year dates what follows
                    year = result_year = p.year
                if p.relative is not None:
                    if p.start >= sent.start:
                        named = {"month": last_of.get("M"), "quarter": last_of.get("Q")}.get(p.relative, p.period)
                        override = (named or period or "FY", p.start)
                        override_year = p.year if p.relative == "term" else None
                else:
                    if p.year is not None:
                        year = p.year
                        if not p.plan:
                            result_year = p.year
                        elif p.start >= sent.start and p.year > (result_year or 0):
                            horizon_at = p.start  # `Đến năm 2025, ...`: a later year the sentence sets its figures for
                    if p.period is not None:
                        period, period_at = p.period, p.start
                        if not p.plan:
                            result_period = (p.period, p.start)
                        if p.period[0] in "MQ":
                            last_of[p.period[0]] = p.period
                    elif p.year is not None and period is None:
                        period, period_at = "FY", p.start
                    override, override_year = None, None
                pi += 1
            k = bisect_left(ms_starts, m.end)
            nxt = ms_starts[k] if k < len(ms_starts) else sent.end
            fact, reason, used = _read_fact(doc, sent, m, sent_facts, nxt,
                                            ctx if ctx_para == sent.paragraph else None, prev_facts,
                                            last_alias if last_para == sent.paragraph else None, para_facts)
            if fact is None:
                out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                              sent.index, None, reason))
                continue
            parent = by_id.get(fact.parent_fact_id) if fact.parent_fact_id else None
            if parent is None and fact.role == "part" and fact.parent_fact_id:
                parent = earlier_by_id.get(fact.parent_fact_id)  # a total of an earlier sentence: its period
            own = _own_period(periods, period_starts, sent, m, nxt)
            if own is not None:  # `thấp hơn mức tăng 11,2% của năm 2022`: another period's figure, no child
                parent, fact.parent_fact_id = None, None
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
                if override_year is not None and override is not None:
                    fact.period_year = override_year
                fact.period = override[0] if override else (period or "FY")
                fact.period_stated_at = override[1] if override else period_at
                after = own or _period_after(periods, period_starts, sent, m, nxt)
                if after is not None:  # `đạt 120 tỷ đồng trong 6 tháng đầu năm 2023`: named after the figure
                    fact.period_year, fact.period, fact.period_stated_at = after.year, after.period, after.start
                elif _running_total(doc, m.number_start):  # `tháng 10 ... 895,5 tỷ đồng, lũy kế ước đạt
                    fact.period = year_to_date(fact.period)  # 7.693,4 tỷ đồng`: the months to date

                cue = doc.status.before(sent.start, m.start)
                if cue == "estimate" and not in_list and _estimate_of_another_clause(doc, sent, m):
                    cue = None
                if cue is None and in_list:
                    cue = list_status
                if cue == "estimate" and after is not None and after.of_figure:
                    cue = None  # `ước tính tăng 6,72%, cao hơn mức tăng 4,84% của quý I/2024`: a past result
                in_section = section_target and (section_year is None or (fact.period_year or 0) >= section_year) \
                    and (section_period is None or fact.period == section_period)
                if cue is None and horizon_at >= sent.start and own is None and after is None:
                    cue = "target"
                if cue is None and (carried_target or in_section or (
                        target_year is not None and fact.period_year == target_year)):
                    cue = "target"
                if cue is None and fact.period in estimated_periods:
                    cue = "estimate"
                status = cue or "actual"
                if (status == "actual" and ref_date and fact.period_year and fact.period
                        and period_start(fact.period_year, fact.period) > ref_date):
                    status = "target"  # a period not begun when the report was written: a plan
                if parent is not None and fact.role == "part":
                    if parent.sentence_index == sent.index:  # a part in a sentence of its own has its own cue
                        status = parent.status
                    fact.period_year, fact.period = parent.period_year, parent.period
                    fact.period_stated_at = parent.period_stated_at
                fact.status = "target" if fact.metric_how == _PLANNED else status
                if fact.status != "target" and result_year is not None and override is None and own is None:
                    fact.period_year = result_year  # a result, though a plan's year was named since
                    if after is None and result_period is not None and period_at != result_period[1] and not (
                            parent is not None and fact.role == "part"):  # a part's period is its total's
                        fact.period, fact.period_stated_at = result_period  # `(kế hoạch năm 2023 là 7,5%)`
                        #                                                     does not end the 9 months
                if after is None and not _year_stated_in(periods, sent):
                    # `6 tháng đầu năm ..., tăng 6,4% so với cùng kỳ năm 2022`: a year carried from an earlier
                    # sentence cannot be the base's own year; the sentence's base dates the figure
                    said = _SAME_PERIOD_YEAR.search(key, sent.start, sent.end)
                    if said is not None and fact.period_year is not None and fact.period_year <= int(said.group(1)):
                        fact.period_year = int(said.group(1)) + 1
                _resolve_growth_base(fact)
                if fact.comparison_base in _YEAR_BASES and fact.base_year is None and fact.period_year:
                    fact.base_year = fact.period_year - 1
                if fact.comparison_base == "prior_period" and fact.base_year is None:
                    fact.base_year = fact.period_year
            if fact.period_year is None:
                out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                              sent.index, None, "no year named anywhere in the report"))
                continue
            total = _total_above_list(doc, sent, fact)
            if total is not None:
                fact.role, fact.parent_fact_id, fact.part_list = "part", total.fact_id, "partial"
            implausible = ref.out_of_bounds(fact.unit, fact.value, fact.period_year)
            if implausible is not None:  # the contract holds by construction: such a reading is no fact
                out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                              sent.index, None, implausible))
                continue
            if fact.status == "target":
                prev_status_target_sentence = sent.index
                if fact.metric_how != _PLANNED:
                    target_year = fact.period_year
            sent_facts.append(fact)
            para_facts.append(fact)
            if fact.role == "level" and fact.metric_how != _PLANNED:
                doc.last_level[fact.metric] = fact
                doc.levels.setdefault(fact.metric, []).append(fact)
            by_id[fact.fact_id] = earlier_by_id[fact.fact_id] = fact
            out.facts.append(fact)
            if fact.role in ("level", "part") and used is not None and not m.points:
                ctx, ctx_para = used, sent.paragraph  # a contribution in points governs no later figure
            if used is not None and not m.points:
                last_alias, last_para = used.alias, sent.paragraph
                doc.read_before(used.alias)
            out.numbers.append(NumberRead(doc_id, m.start, m.end, m.text, m.value, m.unit,
                                          sent.index, fact.fact_id, None))
        prev_facts = list(sent_facts) if sent_facts else prev_facts
        opens = sent.text.rstrip().endswith(":")
        if opens and not sent_facts:  # `Ước tính 6 tháng đầu năm 2024, một số chỉ tiêu chủ yếu như sau:`
            list_status = doc.status.before(sent.start, sent.end)
        elif not in_list:
            list_status = None
        list_open = opens or (in_list and list_open)
        prev_bullet = _BULLET.match(sent.text) is not None
        # status carries to a `Trong đó ...`, `Cụ thể ...` sentence that continues a list of targets, or
        # that a target cue after the sentence's last figure announces (`đặt ra 15 chỉ tiêu để phấn đấu thực hiện.`)
        last_end = max((f.char_end for f in sent_facts), default=sent.start)
        if any(f.status == "target" for f in sent_facts) or doc.status.any_in(last_end, sent.end, "target"):
            prev_status_target_sentence = sent.index
    _read_tables(doc, out, periods, default_year)
    out.numbers.sort(key=lambda n: n.char_start)
    return out


def _read_tables(doc: _Document, out: Extraction, periods: list[PeriodMention], default_year: int | None) -> None:
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
        sub = extract(doc.doc_id, CleanText(r.sentence, "", doc.clean.published_on, ()), doc.ref)
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


_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _period_after(periods: list[PeriodMention], starts: list[int], sent: Sentence, m: Mention,
                  next_start: int) -> PeriodMention | None:
    """A period named between the figure and the next one, in a sentence that named none before the
    figure (`Thu ngân sách đạt 120 tỷ đồng trong 6 tháng đầu năm 2023, bằng 52% dự toán`)."""
    lo, hi = bisect_left(starts, sent.start), bisect_left(starts, m.start)
    if hi > lo:
        return None
    for p in periods[bisect_left(starts, m.end):bisect_left(starts, min(next_start, sent.end))]:
        if p.year is not None and p.period is not None and not p.plan and p.relative is None:
            return p
    return None


def _own_period(periods: list[PeriodMention], starts: list[int], sent: Sentence, m: Mention,
                next_start: int) -> PeriodMention | None:
    """The period a figure names as its own right after it (`4,84% của quý I/2024`), whatever
    period framed the sentence."""
    for p in periods[bisect_left(starts, m.end):bisect_left(starts, min(next_start, sent.end))]:
        if p.of_figure and p.period is not None:
            return p
    return None


def _respective_fact(doc: _Document, m: Mention, ms: list[Mention], bracket: tuple[int, int, int],
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
    said = _YEAR_IN.search(doc.key, opened, values_at)
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


def _resolve_growth_base(fact: Fact) -> None:
    """Growth without a stated base compares with the same period a year before: the previous
    year for a whole-year figure, `cùng kỳ` for a quarter, half or months to date."""
    if fact.comparison_base == _GROWTH:
        fact.comparison_base = "prior_year" if fact.period == "FY" else "same_period"


_SAME_PERIOD_YEAR = re.compile(r"cung\s+ky\s+(?:cua\s+)?năm\s+((?:19|20)\d{2})")  # folded `cùng kỳ (của) năm 2015`


def _year_stated_in(periods: list[PeriodMention], sent: Sentence) -> bool:
    """Whether the sentence names a year of its own (a period, not a base)."""
    return any(sent.start <= p.start < sent.end and p.year is not None for p in periods)


_YEAR_RANGE = re.compile(r"(?<![\d/.,])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d|[/.,]\d)")


def _default_year(clean: CleanText, periods: list[PeriodMention], key: str = "") -> int | None:
    """The year a figure is about when nothing before it names one: the report's date, else
    the year the report names most, else the year after the one its `cùng kỳ năm Y` compares with."""
    if clean.published_on:
        return clean.published_on.year
    years = [p.year for p in periods if p.year and p.relative != "term"]  # a term's average is an aside
    if years:
        return max(set(years), key=years.count)
    bases = [int(m.group(1)) + 1 for m in _SAME_PERIOD_YEAR.finditer(key)]
    if bases:
        return max(set(bases), key=bases.count)
    # a term's report (`Trong nhiệm kỳ 2015 - 2020 ...`, `bình quân 5 năm (2021-2025)`): its figures are of
    # the term's last year; of two terms (the one reviewed, the one opening) the earlier ends first
    ends = [int(m.group(2)) for m in _YEAR_RANGE.finditer(key) if int(m.group(1)) < int(m.group(2))]
    return min(ends) if ends else None


def _clause_start(key: str, sent: Sentence, pos: int) -> int:
    cut = key.rfind(";", sent.start, pos)
    return cut + 1 if cut >= 0 else sent.start


_Reading = tuple[Choice | None, str | None]  # the indicator of a figure, or why there is none


def _choose_metric(doc: _Document, sent: Sentence, m: Mention, sent_facts: _SentenceFacts,
                   clause_start: int, ctx: AliasHit | None,
                   last_alias: Alias | None = None,
                   prev_facts: list[Fact] | None = None) -> tuple[Choice | None, str | None]:
    """The indicator of figure `m` (see `transforms.grammar.indicator` for the order of evidence),
    or why none was found."""
    for reading in (_by_shape, _named_after_figure):
        found = reading(doc, sent, m, sent_facts, clause_start, ctx)
        if found is not None:
            return found
    found, whole = _named_in_clause(doc, sent, m, sent_facts, clause_start)
    if found is not None:
        return found
    return _from_context(doc, sent, m, sent_facts, clause_start, ctx, last_alias, prev_facts, whole)


def _by_shape(doc: _Document, sent: Sentence, m: Mention, sent_facts: _SentenceFacts,
              clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """A fraction's total, a range's high end, a rate's change in points, a contribution, a frame around the
    figure; a bare number with none of these is no fact."""
    ref = doc.ref
    if m.denominator_of is not None:  # `32/33 chỉ tiêu`: the total of what the numerator counts
        numerator = next((f for f in sent_facts if f.char_start == m.denominator_of), None)
        if numerator is not None and "," in numerator.value_text:
            return None, "the fixed size of a criteria set an average is measured against"
        total = doc.g.fractions.get(numerator.metric) if numerator is not None else None
        if total is not None and total in ref.metrics:
            return Choice(doc.g.metric_alias(total), m.start, m.end, "fraction"), None
    if m.range_part == "high":  # `giảm 2 - 3%`: the high end is of the low end's indicator
        low = next(sent_facts.latest_first(clause_start), None)
        if low is not None and low.char_end <= m.number_start and \
                doc.g.range_join.fullmatch(doc.key, low.char_end, m.number_start):
            return Choice(doc.g.metric_alias(low.metric), low.char_start, low.char_start, low.metric_how), None
    if m.points:
        rate = _rate_changed(doc, m, sent_facts)
        if rate is not None:  # `tỷ lệ ... đạt 71,2%, tăng 2,4 điểm phần trăm`: the rate's own change
            return rate, None
        # `khu vực nông - lâm - thủy sản đóng góp 0,8 điểm phần trăm`: the sector's contribution, before any frame
        concept = doc.concept_choice(sent, max(clause_start, sent_facts.last_end(clause_start, m.start) or 0), m,
                                     ctx.alias if ctx is not None else None)
        if concept is not None and concept.alias.code.endswith(_CONTRIBUTION):
            return concept, None
    frame = doc.frame_alias(sent, m)
    if frame is not None and m.after_at is not None and doc.key.startswith("/", m.number_end) \
            and frame[0].code in doc.g.numerators:
        # `hoàn thành 15/16 chỉ tiêu`: the numerator counts what was met of the total
        return Choice(doc.g.metric_alias(doc.g.numerators[frame[0].code]), frame[1], frame[2], "fraction"), None
    if frame is not None and (m.unit in (None, "count") or ref.metrics[frame[0].code].unit == m.unit):
        named = doc.subject_naming_counter(frame[0], m, clause_start)
        if named is not None:  # `tổng số tiêu chí ... là 245 tiêu chí`: the name is more specific
            return Choice(named.alias, named.start, named.end, "clause"), None
        return Choice(frame[0], frame[1], frame[2], "frame"), None
    if m.unit is None and m.scale == 1:
        return None, "a number with no unit and no counted indicator"
    return None


def _named_after_figure(doc: _Document, sent: Sentence, m: Mention, sent_facts: _SentenceFacts,
                        clause_start: int, ctx: AliasHit | None) -> _Reading | None:
    """A percentage whose indicator is named right after it (`đạt 95,2% kế hoạch thu ngân sách`, `chiếm 28,4%
    trong tổng vốn đầu tư`), or the change of a figure that is no fact."""
    key, ref = doc.key, doc.ref
    if m.unit == "percent":
        unread = doc.g.change_in_bracket.search(key, max(sent.start, m.number_start - 40), m.number_start)
        if unread is not None and not any(f.char_start <= unread.start(1) < f.char_end for f in sent_facts):
            # `với sản lượng 202.000 tấn (tăng 3,9%)`: the change of the figure the bracket follows, no fact here
            return None, "the change of a figure that is no fact"
        after = key[m.end:min(sent.end, m.end + 64)]
        skip = doc.g.counter_skip.match(after)
        offset = m.end + (skip.end() if skip else 0)
        right = doc.first_right(m.end, offset + 1)
        if right is not None and ref.metrics[right.alias.code].unit == "percent":
            return Choice(right.alias, right.start, right.end, "after"), None
        plan = doc.g.roles.plan_of.match(key, m.end)
        if plan is None and key.endswith(doc.g.share_verb, max(0, m.number_start - 12), m.number_start - 1) and not any(
                c[2] == "head" and c[3] == "share" and not key.startswith(doc.g.share_verb, c[0])
                for c in doc.concepts_in(clause_start, m.number_start)):
            # `chiếm 28,4% trong tổng vốn đầu tư`: a share of that whole (`tỷ trọng ... chiếm 73% trong GRDP` is
            # the structure's share)
            plan = doc.g.whole_of.match(key, m.end)
        named = doc.first_right(plan.end(), plan.end() + 1) if plan is not None else None
        if named is not None and ref.metrics[named.alias.code].unit != "percent":
            # `đạt 95,2% kế hoạch thu ngân sách`: the indicator the plan is of, named after it
            return Choice(named.alias, named.start, named.end, "after"), None
    return None


def _named_in_clause(doc: _Document, sent: Sentence, m: Mention, sent_facts: _SentenceFacts,
                     clause_start: int) -> tuple[_Reading | None, AliasHit | None]:
    """An alias in the figure's clause, completed by the item's words and refined by concept words; with the
    whole a share is of, when that is all the clause names (for the context step to fall back on)."""
    key, ref = doc.key, doc.ref
    whole: AliasHit | None = None
    choice: Choice | None = None
    prev_end = sent_facts.last_end(clause_start, m.start)
    if any(c[2] == "action" and c[3] == "damage"
           for c in doc.concepts_in(max(clause_start, prev_end or clause_start), m.number_start)):
        return (None, _HARMED), whole  # `diện tích lúa bị chuột gây hại 200 ha`: no area sown, whatever precedes
    if _named_after(doc, m):
        own = next((h for h in doc.lefts_nearest_first(max(clause_start, prev_end or 0, sent.start), m.start)
                    if compatible(ref.metrics[h.alias.code].unit, m)), None)
        if own is None:  # `95% số dân sử dụng nước sạch`, `60% học sinh được học 2 buổi/ngày`: not the context's
            return (None, _NAMED_AFTER), whole
    for h in doc.lefts_nearest_first(max(clause_start, sent.start), m.start):
        if doc.whole_of_share(sent, h.start):
            whole = whole or h  # `tỷ trọng công nghiệp chế biến, chế tạo trong GRDP đạt 36,06%`: the whole, not
            continue            # the figure's indicator, unless nothing else names it
        if h.alias.code.endswith(_CONTRIBUTION) and not m.points and (
                m.unit != "percent" or _DIGIT.search(key, h.end, m.number_start)):
            continue  # `đóng góp gần 900 tỷ đồng, tăng 3%`: the contribution is the amount's, the change its growth
        if compatible(ref.metrics[h.alias.code].unit, m) or (
                m.unit == "count" and ref.metrics[h.alias.code].unit == "count"):
            choice = Choice(h.alias, h.start, h.end, "clause")
            break
    if choice is not None and prev_end is not None and choice.end <= prev_end and m.unit == "percent" \
            and not m.points:
        # `giá trị sản xuất/ha đất nông nghiệp đạt 131,9 triệu đồng/ha, tăng 5,3%`: a ratio or change right
        # after an amount, with no indicator named between them, is the amount's, however it was composed
        # (or after the amount's own ratios: `đạt 21.300 ha, đạt 101,2% kế hoạch, tăng 2,3%`)
        chain = list(sent_facts.latest_first(clause_start))
        k = next((i for i, f in enumerate(chain) if f.role in ("level", "part")), None)
        last = chain[k] if k is not None and all(f.metric == chain[k].metric for f in chain[:k]) else None
        if last is not None and (last.char_end == prev_end or k) and last.unit != "percent" \
                and last.metric != choice.code and choice.end <= last.char_start:
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
        if nearer is not None and nearer.end > choice.end and nearer.code != choice.code \
                and nearer.start < m.number_start:  # named before the figure, not after it
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
        refined = doc.concept_choice(sent, lo, m, choice.alias)
        if refined is not None and refined.code != choice.code and (
                ref.metrics[refined.code].part_of == choice.code
                # `công nghiệp, tiểu thủ công nghiệp, xây dựng cơ bản đạt ...`: a longer sector phrase around
                # the alias names a sibling of the alias's indicator
                or (refined.end > choice.end and ref.metrics[refined.code].part_of is not None
                    and ref.metrics[refined.code].part_of == ref.metrics[choice.code].part_of)):
            return (refined, None), whole
        return (choice, None), whole
    return None, whole


def _from_context(doc: _Document, sent: Sentence, m: Mention, sent_facts: _SentenceFacts,
                  clause_start: int, ctx: AliasHit | None, last_alias: Alias | None, prev_facts: list[Fact] | None,
                  whole: AliasHit | None) -> _Reading:
    """What the paragraph, the list or the report names: concept words, the indicator read last, a misspelt
    alias, a sector under an earlier indicator, the total a list is under, the whole of a share."""
    key, ref = doc.key, doc.ref
    lo = max(clause_start, sent_facts.last_end(clause_start, m.start) or clause_start)
    governing = ctx.alias if ctx is not None else last_alias
    if last_alias is not None and doc.g.continuation.search(key, sent.start, min(sent.end, sent.start + 40)):
        governing = last_alias  # `Tốc độ tăng trưởng kinh tế đạt 13,7%. Trong đó, khu vực ...`: the figure just read
    concept = doc.concept_choice(sent, lo, m, governing, wide=False)  # a head in the figure's own item
    if concept is not None:
        return concept, None
    if governing is not None and m.unit == "percent" and doc.g.growth_subject.search(key, lo, m.start) \
            and not any(c[2] == "sector" for c in doc.concepts_in(lo, m.start)):
        # `Mức tăng này cao hơn mục tiêu cả năm là 6,5%`: growth named alone (no sector) is the indicator's just read
        return Choice(governing, m.start, m.start, "context"), None
    if ctx is not None and m.unit == "percent" and any(
            f.metric == ctx.alias.code and (f.role in ("level", "part") or f.unit == "percent" != ref.metrics[
                f.metric].unit and doc.g.roles.base_after(key[m.end:m.end + 48])[0] is not None)
            for f in sent_facts.latest_first(clause_start)):
        # a ratio or change of the amount just read, or after one of its ratios (`đạt 82,1% KH TW giao, đạt 56,8%
        # KH tỉnh giao`)
        return Choice(ctx.alias, ctx.start, ctx.end, "context"), None
    if ctx is not None and (m.unit is not None or m.scale >= 1e6):  # `400 tỷ`: an amount of the currency
        lo = max(clause_start, sent_facts.last_end(clause_start, m.start) or 0)
        found = doc.from_context(ctx, lo, m)
        if found is not None:  # composed with the clause's own words (a sector, a scope): named here in part
            how = "context" if found.alias.code == ctx.alias.code else "composed"
            return Choice(found.alias, found.start, found.end, how), None
    share = _share_reading(doc, sent, lo, m)
    if share is not None:  # before a misspelt alias: the structure's head words are the better evidence
        return share, None
    if m.unit is not None:
        fuzzy = fuzzy_alias(key, doc.tone_key, max(clause_start, sent.start), m, ref)
        if fuzzy is not None:
            return Choice(fuzzy[0], fuzzy[1][0], fuzzy[1][1], "fuzzy"), None
    sector = doc.sector_subject(sent, m) if governing is None else None  # the report's indicator, before
    if sector is not None:                                                # the one the unit implies
        return sector, None
    concept = doc.concept_choice(sent, lo, m, governing)  # the sentence's head, the paragraph's, the unit's
    if concept is not None:
        return concept, None
    listed = _listed_under_total(doc, sent, m, sent_facts, ctx, prev_facts or [])
    if listed is not None:
        return listed, None
    sector = doc.sector_subject(sent, m) if governing is not None else None
    if sector is not None:
        return sector, None
    if whole is not None:  # `vốn ngân sách nhà nước chiếm 28,4% trong tổng vốn đầu tư`: a share of the whole
        return Choice(whole.alias, whole.start, whole.end, "clause"), None
    return None, "no indicator named for it"


_NAMED_AFTER = "a rate named after the figure in words the grammar does not know"
_HARMED = "an area or output harmed (gây hại, cắn phá, thiệt hại ...): no indicator the grammar knows"


def _percent_dropped(doc: _Document, m: Mention, clause_start: int) -> bool:
    """A ratio whose writer dropped the `%`: a bare number reached against a plan (`đạt 55,3 kế hoạch`), or
    a decimal a rate named in its clause reached (`Tỷ lệ đô thị hóa đạt 31,48`)."""
    verb = doc.g.roles.last_verb(doc.key[max(clause_start, m.number_start - 12):m.number_start])
    if verb not in ("reach", "equal", "exceed") or not 0 < m.value <= 1000:
        return False
    if doc.g.roles.plan_of.match(doc.key, m.number_end) or doc.g.plan_word_end.match(doc.key, m.number_end):
        return True
    rate = next(doc.lefts_nearest_first(clause_start, m.number_start), None)
    return rate is not None and m.decimals > 0 and m.value <= 100 and doc.ref.metrics[rate.alias.code].unit == \
        "percent"


def _named_after(doc: _Document, m: Mention) -> bool:
    """A percentage followed by what it is a share of (`95% số dân ...`, `100% các trường ...`, `97% người
    dân ...`) names its own rate after it, not the indicator of the sentence or paragraph. A share of a
    total (`chiếm 3% tổng số hộ`) is not: it follows `chiếm` or names the total; nor is a base (`đạt 100%
    chỉ tiêu`)."""
    if m.unit != "percent" or m.points:
        return False
    skip = doc.g.counter_skip.match(doc.key, m.end)
    if not (skip.group().strip() or doc.g.counted_after(doc.key, m.end)):
        return False
    if doc.g.roles.base_after(doc.key[m.end:m.end + 48])[0] is not None:
        return False  # `đạt 104,6% chỉ tiêu năm 2024`: the base it is measured against
    before = doc.key[max(0, m.number_start - 12):m.number_start]
    return not doc.g.ratio_before.search(before) and \
        not doc.key.startswith(doc.g.total_word, m.end + len(skip.group()) - len(skip.group().lstrip()))


def _total_above_list(doc: _Document, sent: Sentence, fact: Fact) -> Fact | None:
    """`Tổng thu ngân sách ... 5.199 tỷ đồng; lũy kế 9 tháng là 60.129,9 tỷ đồng. / Cụ thể: / - Thu về dầu
    thô ... 2.500 tỷ đồng`: a bulleted list under a lead ending in a colon, right below a total's paragraph,
    lists its parts: a component (a scope or a part's indicator) read there as a level is a part of the last
    level of its whole above the lead for the same period."""
    metric = doc.ref.metrics.get(fact.metric)
    whole = fact.metric if fact.scope else (metric.part_of if metric is not None else None)
    if whole is None or fact.role != "level" or fact.parent_fact_id is not None:
        return None
    sents, items = doc.sentences, doc.bullet_paragraphs
    k = sent.index
    if sents[k].paragraph not in items:
        return None
    while k > 0 and sents[k - 1].paragraph in items:
        k -= 1  # back over this item and the items above
    if k == 0 or not sents[k - 1].text.rstrip().endswith(":"):
        return None
    lead = sents[k - 1]
    for f in reversed(doc.levels.get(whole, [])):
        if f.char_end > lead.end or f.scope is not None:
            continue
        if sents[f.sentence_index].paragraph < lead.paragraph - 1:
            return None
        if f.unit == fact.unit and (f.period_year, f.period) == (fact.period_year, fact.period) \
                and abs(fact.value) < abs(f.value):
            return f
    return None


def _listed_under_total(doc: _Document, sent: Sentence, m: Mention, sent_facts: _SentenceFacts,
                        ctx: AliasHit | None, prev_facts: list[Fact]) -> Choice | None:
    """`... thủy sản ước đạt 3.677 tỷ đồng. Trong đó, giá trị khai thác đạt 2.379 tỷ đồng`: an amount
    or count listed after `trong đó`, `gồm`, `cụ thể` under a total, whose own words name no
    indicator, is a part of the total's indicator (the role step then makes it the total's part).
    The total must be a level of that indicator in the unit of the figure, in this sentence before
    the list marker or in the previous sentence when the list opens this one."""
    if ctx is None or m.unit in (None, "percent"):
        return None
    code, key, g = ctx.alias.code, doc.key, doc.g

    def is_total(f: Fact) -> bool:
        return f.role == "level" and f.metric == code and f.unit == m.unit

    total = next((f for f in sent_facts.latest_first(sent.start) if is_total(f)), None)
    if total is not None:
        listed = g.list_marker.search(key, total.char_end, m.start) is not None
    else:
        listed = g.list_start.match(key, sent.start, min(sent.end, sent.start + 32)) is not None and any(
            is_total(f) and f.sentence_index == sent.index - 1 for f in prev_facts)
    return Choice(ctx.alias, m.start, m.start, "a part listed under its total") if listed else None




_RATE_CHANGE = "the change of the rate just read"


def _rate_changed(doc: _Document, m: Mention, sent_facts: _SentenceFacts) -> Choice | None:
    """A change in percentage points right after a rate's level (`chiếm 42,6% (tăng 1,3 điểm phần trăm)`):
    that rate's absolute change."""
    last = next(sent_facts.latest_first(0), None)
    if last is None or last.role != "level" or last.char_end > m.number_start:
        return None
    metric = doc.ref.metrics.get(last.metric)
    if metric is None or metric.unit != "percent" or last.metric.endswith(_CONTRIBUTION):
        return None
    if not doc.g.change_between.fullmatch(doc.key, last.char_end, m.number_start):
        return None
    return Choice(doc.g.metric_alias(last.metric), last.char_start, last.char_start, _RATE_CHANGE)




def _running_total(doc: _Document, at: int) -> bool:
    """`..., luỹ kế được 1.489,51 tỷ đồng`: a running total, whose parts and total are running totals
    too (the month's figure beside it is another statement)."""
    return doc.g.running.search(doc.key, max(0, at - 32), at) is not None


def _lead_base(doc: _Document, sent: Sentence, m: Mention) -> str | None:
    """`Một số khoản thu đạt cao so với dự toán năm, như: thu tiền sử dụng đất đạt 197,3%`: a bare ratio
    in a list takes the base its lead names (before the colon, with no figure of its own in between)."""
    colon = doc.key.rfind(":", sent.start, m.number_start)
    if colon < 0:
        return None
    lead = doc.key[sent.start:colon]
    if _DIGIT.search(_YEAR_IN.sub("", lead)):
        return None  # the lead states its own figure, whose base it is
    for so in doc.g.base_lead.finditer(lead):  # the base phrase, wherever the lead writes it
        base, _ = doc.g.roles.base_after(lead[so.start():])
        if base in ("plan", "budget_estimate"):
            return base
    return None




def _share_reading(doc: _Document, sent: Sentence, item_lo: int, m: Mention, wide: bool = True) -> Choice | None:
    """A share of the structure (`Cơ cấu kinh tế: ... dịch vụ 36,5%`, `tỷ trọng công nghiệp chế biến, chế tạo
    trong GRDP đạt 36%`): a percentage not said to rise or fall, under a share head, is the sector's share."""
    if m.unit != "percent" or m.points:
        return None
    share = doc.concept_choice(sent, item_lo, m, None, wide=wide)
    if share is None or not share.code.startswith("share_"):
        return None
    verb = doc.g.roles.last_verb(doc.key[item_lo:m.start])
    return share if verb not in ("increase", "decrease") else None


# `đạt 9,2%, vượt kế hoạch (8,5%)`, `vượt chỉ tiêu Nghị quyết đề ra (6,5%)`: the plan named, its value in brackets


def _planned_value(doc: _Document, m: Mention, sent_facts: _SentenceFacts) -> Fact | None:
    """`đạt 76,89% (KH 74%)`, `đạt 9,2%, vượt kế hoạch (8,5%)`: a bracket after a figure stating the plan's
    value is the same indicator and role as that figure, a target."""
    if not sent_facts:
        return None
    prev = sent_facts[-1]
    if prev.char_end > m.start:
        return None
    if prev.role == "pct_of_plan" and m.unit not in (None, "percent") \
            and doc.g.plan_amount_bracket.match(doc.key, prev.char_end, m.number_start):
        # `bằng 115% kế hoạch (kế hoạch 1.350 tỷ đồng)`: the bracket states the plan of the amount the ratio is of
        level = next((f for f in sent_facts if f.fact_id == prev.parent_fact_id), None)
        if level is None or level.unit != m.unit:
            return None
        prev = level
    elif not (doc.g.roles.plan_paren.match(doc.key, prev.char_end, m.number_start)
              or doc.g.plan_named_bracket.fullmatch(doc.key, prev.char_end, m.number_start)):
        return None
    if prev.unit != (m.unit or prev.unit) and (m.unit == "percent") != (prev.unit == "percent"):
        return None
    return Fact(
        fact_id=fact_id(doc.doc_id, m.start, m.end), doc_id=doc.doc_id, metric=prev.metric, role=prev.role,
        value=m.value, unit=prev.unit if m.unit is None or prev.unit != "percent" else m.unit, period_year=None,
        period=None, status="target", qualifier="exact", comparison_base=prev.comparison_base, base_year=prev.base_year,
        scope=prev.scope, parent_fact_id=None, char_start=m.start, char_end=m.end, value_text=doc.text[m.start:m.end],
        value_precision=m.precision, sentence=prev.sentence, sentence_index=prev.sentence_index,
        metric_how=_PLANNED)


_SIGN_IN_BRACKET = re.compile(r"\(\s*([+\-\u2212\u2013])\s*$")
_SIGNED_IN_BRACKET = re.compile(r"\(\s*[+\-\u2010-\u2015\u2212]\s*\d")  # a signed figure opening a bracket


# between a percentage change and the same change in the level's unit: its base, then a word of equivalence


def _signed_change(g: Grammar, text: str, m: Mention, sent_facts: _SentenceFacts,
                   metric: str) -> tuple[int, str] | None:
    """`đàn trâu có 2.327 con, giảm 1,3% (-31 con)`, `(+17.952 con)`: an amount with its sign, in brackets
    right after a change of the same indicator, is that change in the figure's own unit; so is one after a
    word of equivalence (`tăng 9,03% (tương đương 12.600 tấn)`), with the change's sign. Returns the
    sign and the change's base."""
    prev = next(sent_facts.latest_first(0), None)
    if prev is None or prev.metric != metric or prev.role != "pct_change":
        return None
    sign = _SIGN_IN_BRACKET.search(text, max(0, m.number_start - 6), m.number_start)
    if sign is not None and prev.char_end >= m.start - 12:
        return (1 if sign.group(1) == "+" else -1), prev.comparison_base or _GROWTH
    if prev.char_end < m.start - 48 or not g.equivalent.fullmatch(fold(text[prev.char_end:m.number_start])):
        return None
    # `tăng 9,03% (tương đương 12.600 tấn)`, `tăng 0,74% so với năm 2020, bằng 1.301 ha`: the same change
    return (1 if prev.value >= 0 else -1), prev.comparison_base or _GROWTH


def _part_of_total(doc: _Document, sent: Sentence, m: Mention, sent_facts: _SentenceFacts, metric: Metric,
                   alias: Alias, choice: Choice, unit: str, value: float, prev_facts: list[Fact] | None,
                   para_facts: list[Fact] | None) -> tuple[str, str | None, str | None]:
    """A level that is a part of a total read before it (role, parent, part list): listed after `trong đó`,
    `gồm`, `cụ thể` or in a bracket under it, under a breakdown lead, or a component (a sector, a scope) of a
    total its paragraph stated. Otherwise it stays a level."""
    key, g = doc.key, doc.g
    role, parent_id, part_list = "level", None, None
    # a count or amount listed after `cụ thể`, `trong đó`, `gồm` under a total of the same metric
    # or of the metric it is a component of (`Trong đó: giá trị sản xuất nông nghiệp ...`)
    running = _running_total(doc, m.number_start)

    def is_total(f: Fact) -> bool:  # of the same kind: a running total's parts are running totals
        return f.role == "level" and f.unit == unit and f.metric in (metric.code, metric.part_of) \
            and _running_total(doc, f.char_start) == running

    total = next((f for f in sent_facts if is_total(f)), None)
    marker = sent_facts.marker_after(total, doc, sent.end) if total is not None else None
    marker = marker if marker is not None and marker.end() <= m.start else None
    intro = total is not None and g.total_intro.search(key, max(0, total.char_start - 24), total.char_start)
    opening = g.list_start.match(key, sent.start, min(sent.end, sent.start + 32))
    if total is None and opening is not None and prev_facts:
        total = next((f for f in prev_facts if is_total(f)), None)
        last = next((f for f in reversed(prev_facts) if f.role == "level" and f.unit == unit
                     and f.metric in (metric.code, metric.part_of)), None)
        if last is not None and _running_total(doc, last.char_start):
            total = last  # `..., lũy kế ước đạt 7.693,4 tỷ đồng. Trong đó ...`: the running total's parts
        marker = opening
    opened = key.rfind("(", sent.start, m.start)
    if total is None and opened > key.rfind(")", sent.start, m.start) and g.list_start.match(key, opened + 1):
        # `khu vực kinh tế trong nước ước đạt 13,28 nghìn tỷ đồng, tăng 7% (trong đó, công nghiệp địa phương
        # ước đạt 7,47 nghìn tỷ đồng ...)`: a part of the amount the bracket follows
        total = next((f for f in sent_facts.latest_first(sent.start) if f.char_end <= opened
                      and f.role in ("level", "part") and f.unit == unit
                      and f.metric in (metric.code, metric.part_of)), None)
        intro = total is not None
    in_bracket = opened > key.rfind(")", sent.start, m.start)
    breakdown = g.breakdown_lead.match(key, sent.start) if total is None and not in_bracket else None
    if breakdown is not None:  # `Xét theo ngành, ...` under the total read last, in any paragraph
        # the last total read of the indicator or of the whole it is a part of (`Xét theo khu vực kinh tế,
        # khu vực công nghiệp và xây dựng đạt ...` after the GRDP)
        totals = [f for f in (doc.last_level.get(metric.code), doc.last_level.get(metric.part_of or ""))
                  if f is not None and is_total(f)]
        total = max(totals, key=lambda f: f.char_start) if totals else None
        intro = total is not None  # a breakdown may name only some parts: partial
    if total is not None and abs(value) >= abs(total.value) > 0:
        total = None  # a part is less than its total: the total restated, or an indicator of its own
    if total is not None and m.range_part is None and (marker is not None or intro):
        role, parent_id = "part", total.fact_id
        part_list = "partial" if intro or marker is None or marker.group().lstrip().startswith(g.partial_marker) \
            else "complete"
        if breakdown is not None:  # one breakdown of the total among others (by ownership, by industry)
            part_list = "breakdown"
    elif m.range_part is None and (metric.part_of or alias.is_scope):
        # a component the paragraph has stated the total of (`khu vực dịch vụ đạt 7.709 tỷ đồng` after
        # the GRDP; `thu nội địa` after the budget revenue): a part, the list not said to be complete
        whole = metric.code if alias.is_scope else metric.part_of
        total = next((f for f in reversed(para_facts or []) if f.role == "level" and f.unit == unit
                      and f.metric == whole and f.metric_how != _PLANNED
                      and _running_total(doc, f.char_start) == running), None)
        if total is None and choice.how.startswith(_SECTOR_UNDER):  # the total read paragraphs before
            earlier = doc.last_level.get(whole)
            total = earlier if earlier is not None and earlier.unit == unit else None
        if total is not None and abs(value) < abs(total.value):
            # `..., gồm:` closing the total's sentence presents the list that follows as complete
            complete = g.complete_list.search(fold(total.sentence).rstrip()) is not None
            role, parent_id, part_list = "part", total.fact_id, "complete" if complete else "partial"
    return role, parent_id, part_list


def _read_fact(doc: _Document, sent: Sentence, m: Mention, sent_facts: _SentenceFacts, next_start: int,
               ctx: AliasHit | None = None, prev_facts: list[Fact] | None = None,
               last_alias: Alias | None = None,
               para_facts: list[Fact] | None = None) -> tuple[Fact | None, str | None, AliasHit | None]:
    key, text, ref, g = doc.key, doc.text, doc.ref, doc.g
    clause_start = _clause_start(key, sent, m.start)
    if m.unit is None and m.scale == 1 and m.range_part is None and _percent_dropped(doc, m, clause_start):
        m = replace(m, unit="percent")
    planned = _planned_value(doc, m, sent_facts)
    if planned is not None:
        return planned, None, None
    choice, why_not = _choose_metric(doc, sent, m, sent_facts, clause_start, ctx, last_alias, prev_facts)
    if choice is None:
        return None, why_not, None
    alias = choice.alias
    alias_span = (choice.start, choice.end)
    metric = ref.metrics[alias.code]
    # a count frame names what is counted (`thu hút … {N} lượt`) when the unit words do not
    counted_by_frame = choice.how == "frame" and m.unit is None and metric.unit == "count"
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
    verb = g.roles.last_verb(left)
    right = key[m.end:next_start]
    bracket = _VALUE_BRACKET.match(key, m.end, sent.end)
    if bracket is not None:  # `76,89% (KH 74%)`: the bracket states the plan's value; the base comes after it
        digit = _DIGIT.search(key, bracket.end(), sent.end)
        right = key[bracket.end():digit.start() if digit else sent.end]
    base, base_year = g.roles.base_after(right)
    if base is None and m.unit == "percent" and verb in ("reach", None):
        base = _lead_base(doc, sent, m)
    after_plan = bool(sent_facts) and sent_facts[-1].metric_how == _PLANNED and sent_facts[-1].char_end <= m.start
    if base is None and after_plan and verb in ("equal", "reach") and m.unit == "percent":
        base = "plan"  # `7.596 tấn (KH 7.526 tấn) bằng 100,93%`: the ratio to the plan just stated
    role = "level"
    value = m.value
    unit = metric.unit if per_capita_count or per_unit else (m.unit or metric.unit)
    if per_capita and not per_unit:
        unit = PER_CAPITA_OF[m.unit]  # GRDP per capita written in đồng: VND/person/year
    alias_growth = any(w in fold(alias.text) for w in g.growth_words)
    if m.points:  # `đóng góp 2,5 điểm phần trăm`, `tăng 3,45 điểm %`: a change in points is its own level
        if verb == "decrease" and metric.reduction_code:  # `tỷ lệ hộ nghèo ..., giảm 1,05 điểm`: its own code
            metric = ref.metrics[metric.reduction_code]
        elif choice.how == _RATE_CHANGE:
            role, value = "abs_change", -value if verb == "decrease" else value
        elif metric.code.endswith("_contribution") and g.roles.last_verb(key[max(prev_end, clause_start):m.start]) \
                == "decrease":
            value = -value  # `đóng góp giảm 0,04 điểm phần trăm`: a contribution that pulled growth down
        base = base if role == "abs_change" else None
    elif m.unit == "percent" and m.scale == 100 and verb in ("times", "increase"):
        role, base = "pct_of_base", base or "same_period"  # `gấp 2,3 lần`, `tăng 3,2 lần`
    elif m.unit == "percent" and metric.unit != "percent":
        if verb == "share":
            role = "level" if metric.code.startswith("share_") else "part"
            base = None
        elif verb == "increase":
            role, base = "pct_change", base or _GROWTH
        elif verb == "decrease":
            role, base, value = "pct_change", base or _GROWTH, -value
        elif verb == "exceed":
            role, base = "pct_change", base or "plan"
        elif base in ("plan", "budget_estimate"):
            role = "pct_of_plan"
        elif base in ("same_period", "prior_year", "prior_period"):
            role = "pct_of_base"
        elif verb == "reach" and not alias_growth and any(
                f.role in ("level", "part") and f.metric == metric.code for f in sent_facts.latest_first(clause_start)):
            # `giải ngân 1.151 tỉ đồng, đạt 32,52%.`: a bare ratio the amount reached is its attainment of the plan
            role, base = "pct_of_plan", "plan"
        else:  # a percentage of an amount, named with no verb (`tốc độ tăng năng suất lao động bình quân 8%`)
            role, base = "pct_change", _GROWTH
    elif m.unit == "percent":
        if base in ("plan", "budget_estimate") and verb in ("reach", "equal", None):
            role = "pct_of_plan"
        elif verb in ("increase", "decrease") and not g.roles.level_after_verb.search(left):
            if verb == "decrease" and metric.reduction_code:  # a rate falling by N points has its own code
                metric = ref.metrics[metric.reduction_code]
                base = None
            elif verb == "decrease" and metric.code in ref.reduction_codes:
                base = None  # named as the reduction itself (`tỷ lệ hộ nghèo giảm 1,2%`): its level
            elif metric.code.startswith("share_"):
                # a share rising or falling (`chiếm 9,05% (giảm 0,45% so với năm trước)`) moves by points
                role = "abs_change"
                base = base or _GROWTH
                value = -value if verb == "decrease" else value
            else:
                role = "pct_change"
                base = base or _GROWTH
                value = -value if verb == "decrease" else value
        elif verb is None and _SIGNED_IN_BRACKET.search(text, max(0, m.start - 3), m.number_start + 1) and any(
                f.metric == metric.code and f.role == "level" for f in sent_facts.latest_first(clause_start)):
            # `chiếm 26,38% (-0,99% so với năm 2022)`, `4,33% (+0,08%)`: the rate's change in points, signed
            role, base = "abs_change", base or _GROWTH
        else:
            base = None
    else:
        signed = _signed_change(g, doc.text, m, sent_facts, metric.code)
        if signed is not None:  # `giảm 1,3% (-31 con)`: the same change in the figure's own unit
            role, value, base = "abs_change", signed[0] * abs(value), base or signed[1]
        elif verb in ("increase", "decrease") and not g.roles.level_after_verb.search(left) and (
                base is not None or any(f.role == "level" and f.metric == metric.code and f.unit == unit
                                        for f in sent_facts.latest_first(clause_start))):
            # `tăng 473 hộ so với đầu năm`; `đạt 2.514 ha, tăng 391,76 ha, đạt 118% so với năm 2022`: a change
            # of the level just stated, however far its base is written
            if verb == "decrease" and metric.reduction_code:  # `số hộ nghèo giảm 473 hộ`: households leaving poverty
                metric, base = ref.metrics[metric.reduction_code], None
            else:
                role = "abs_change"
                base = base or _GROWTH
                value = -value if verb == "decrease" else value
        elif verb == "decrease" and metric.reduction_code and not g.roles.level_after_verb.search(left):
            metric, base = ref.metrics[metric.reduction_code], None  # `số hộ nghèo giảm 120 hộ`: the reduction
        else:
            base = None
    if role == "level":
        base, base_year = None, None
    if base in ("plan", "budget_estimate"):
        base_year = None

    qualifier = g.roles.qualifier(key[max(sent.start, m.number_start - 24):m.number_start], key[m.end:m.end + 16],
                                  m.range_part is not None)

    # scope
    scope = None
    sp = g.roles.scope_paren.match(key[m.end:m.end + 200])
    if sp:
        scope = re.sub(r"\s+", " ", text[m.end + sp.start(1):m.end + sp.end(1)]).strip()
    elif alias.is_scope:
        scope = re.sub(r"\s+", " ", text[alias_span[0]:alias_span[1]]).strip()
    else:
        sg = g.roles.scope_giver.search(right[:60]) if base in ("plan", "budget_estimate") else None
        if sg:
            scope = re.sub(r"\s+", " ", text[m.end + sg.start(1):m.end + sg.end(1)]).strip()

    fid = fact_id(doc.doc_id, m.start, m.end)
    part_list = None
    parent_id = None
    if role != "level":
        clause_facts = sent_facts.latest_first(0 if role == "part" else clause_start)
        # the nearest amount of the indicator in the clause: a part's own ratios are the part's
        # (`Trong đó: vốn ngân sách nhà nước 1.500 tỷ đồng, tăng 12%`)
        parent = next((f for f in clause_facts if f.metric == metric.code and f.role in ("level", "part")
                       and f.unit != "percent" and f.metric_how != _PLANNED), None)
        parent = parent if parent is None or parent.role == "level" or role != "part" else None
        if role == "part" and verb == "share":
            parent = next((f for f in reversed(sent_facts) if f.metric == metric.code and f.role in ("level", "part")),
                          None)
        parent_id = parent.fact_id if parent else None
    else:
        role, parent_id, part_list = _part_of_total(doc, sent, m, sent_facts, metric, alias, choice, unit, value,
                                                    prev_facts, para_facts)
    fact = Fact(
        fact_id=fid, doc_id=doc.doc_id, metric=metric.code, role=role, value=value, unit=unit,
        period_year=None, period=None, status="actual", qualifier=qualifier, comparison_base=base,
        base_year=base_year, scope=scope, parent_fact_id=parent_id, char_start=m.start, char_end=m.end,
        value_text=text[m.start:m.end], value_precision=m.precision, sentence=sent.text,
        sentence_index=sent.index, part_list=part_list, metric_how=choice.how,
    )
    return fact, None, AliasHit(alias_span[0], alias_span[1], alias)
