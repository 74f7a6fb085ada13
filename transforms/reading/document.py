"""One document as the sentence loop reads it (`Document`): text, key, phrase hits, concept words and the
look-ups every figure needs; the facts read so far in a sentence (`SentenceFacts`); the loop's shared
words of evidence."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from transforms.grammar.indicator import (
    NO_METRIC,
    AliasHit,
    Choice,
    compatible,
    compose,
    concept_hits,
    frame_weight,
    item_phrase,
    lookahead_end,
    lookback_start,
    subject_hits,
)
from transforms.grammar.keys import fold, tokenize, tones
from transforms.grammar.masks import fold_pattern
from transforms.grammar.numbers import Mention, parse_number, skip_spaces
from transforms.grammar.roles import VALUE_PAREN
from transforms.grammar.status import StatusCues
from transforms.reading.records import Fact
from transforms.reference import Alias, Reference
from transforms.text import CleanText, Sentence, split_sentences

SECTOR_UNDER = "a sector under the indicator"
_SO_VOI = re.compile(fold_pattern(r"\s*(?:so\s+(?:với\s+)?)?"))  # `chiếm 98,4% so với kế hoạch năm`
UNDER = "concept under the indicator"
_GROWTH_WORD = re.compile(fold_pattern(r"(?<!\w)tăng\s+trưởng\s"))
_PLAIN_ITEMS = 6  # how many paragraphs with no bullets a lead ending in a colon may head
SECTOR_GROWS = "a sector said to grow, by the report's level: a province's value added, a district's production value"
# growth named right before a sector (folded): `tăng trưởng khu vực công nghiệp - xây dựng đạt 12,54%`
_GROWTH_OF_SECTOR = re.compile(fold_pattern(
    r"(?<!\w)(?:tốc\s+độ\s+)?tăng\s+trưởng\s+(?:của\s+)?(?:các\s+)?(?:khu\s+vực|ngành|lĩnh\s+vực)?\s*$"))
FORMER_AREA = "the indicator just read, for a former area of the locality"


CONTRIBUTION = "_growth_contribution"


STRUCTURE_BEFORE = "a sector's share of the structure the sentence before, with no figure, names"
EARLIER_HEADS = 3  # how many indicators read earlier a sector named alone may belong to


GROWTH = "_growth"  # growth with no base written: resolved once the period is known


PLANNED = "the plan's value stated beside a figure (in brackets, or after a slash)"
BASE_PERIOD = "the same period's value stated after a figure (cùng kỳ năm trước đạt ...)"
DONE_OF_PLAN = "what was done, before the plan after a slash in a bracket after a ratio (344/766 tỷ đồng)"


# (also after a rate per year: `12,59%/năm (KH 12,5%)`)
VALUE_BRACKET = VALUE_PAREN  # a bracket holding a figure right after one (`76,89% (KH 74%)`): the plan's value


DIGIT = re.compile(r"\d")
# an area named by its number, then others by theirs alone: `khu vực I - II - III`, `KV 1, 2, 3`
_AREA_NUM = r"(?:i{1,3}|iv|[1-4])"
_NUMBERED_AREAS = re.compile(rf"(?<!\w)(?:khu\s+v[ưu]c|kv)\s+({_AREA_NUM}(?:\s*[-,;]\s*{_AREA_NUM}(?!\w)){{1,3}})")
_AREA_NUMBER = re.compile(rf"(?<!\w){_AREA_NUM}(?!\w)")
_TOTAL_WORD = fold("tổng")
# a number that names a year or a numbered thing, not an amount (`do bão số 12 năm 2017 gây ra`)
_NAMING_NUMBER = re.compile(r"(?<!\w)(?:n[aă]m|s[oôố])\s+\d{1,4}(?![\d.,]\d|\s*%)", re.IGNORECASE)


def _names_no_amount(text: str) -> bool:
    """Whether `text` holds no number but years and numbered things (`do bão số 12 năm 2017 gây ra`)."""
    return not DIGIT.search(_NAMING_NUMBER.sub("", text))
_PERCENT_FIGURE = re.compile(r"\d\s?%")
_SLASHED_BEFORE = re.compile(r"[\d.,]+\s?%?\s?/\s*$")  # `2,2%/` right before a figure
# what a contribution is made to (`đóng góp năng suất các nhân tố tổng hợp (TFP) vào GRDP`): no subject of the figure
_VAO = fold("vào")
_CONTRIBUTED_TO = re.compile(fold_pattern(r"(?<!\w)đóng\s+góp(?:\s+[^\s\d,;.:]+){0,12}?\s+vào\s*$"))
# `chiếm 3,27% trên tổng diện tích cây lâu năm`, `chiếm tỷ trọng 40% tổng vốn`: the words after a share's figure name
# its whole
_AFTER_SHARE = re.compile(fold_pattern(
    r"(?<!\w)chiếm\s+(?:tỷ\s+(?:lệ|trọng)\s+)?(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?\d[\d.,]*\s*%\s*"
    r"(?:(?:trên|trong|so\s+với|của)\s+)?(?:tổng\s+)?$"))
CHANGE_IN_UNITS = "the change just read, in units"  # a Choice.how: `giảm 461 ha (-0,36%)`, `giảm 0,71% (giảm 9,20 ha)`
LIST_LEAD = "concept words of the list's lead"  # a Choice.how: the item itself names nothing of the indicator


@cache
def _sibling_pattern(frame: str) -> re.Pattern[str] | None:
    """A number counting the frame's own noun (`\\d ... chỉ tiêu` for `{N} chỉ tiêu … chưa đạt`), once per frame."""
    noun = fold(frame.split("{N}", 1)[1].split("…", 1)[0]).strip()
    return re.compile(r"\d[\d.,]*\s+" + r"\s+".join(map(re.escape, noun.split()))) if noun else None


def _sibling_in_gap(frame: str, matched: str) -> bool:
    """Whether the text a gapped frame matched after its number holds another number counting the
    frame's own noun (`{N} chỉ tiêu … chưa đạt` over `gần đạt và 1 chỉ tiêu chưa đạt`): a sibling item."""
    pattern = _sibling_pattern(frame)
    return pattern is not None and pattern.search(matched) is not None


_ITEM_CUT = re.compile(r"[,;]")
# a head's own figure right after it (`tỷ trọng 65,34%`); it runs on the folded key, so only `:` or nothing may stand
# between (folding the verbs too, `tỷ trọng là 27%`, broke case I214: left for a session that can study it)
_OWN_FIGURE = re.compile(r"\s*:?\s*\d")
_ITEM_SEPARATOR = re.compile(r",|;|(?<!\w)va(?!\w)")  # between the items of a list (not a dash: `nông - lâm`)
# the figures after the first of a list set apart by semicolons alone, to the clause's end (`; 5,1%; 9,1%.`)
_SEMICOLON_FIGURES = re.compile(r"(?:\s*;\s*\d+(?:[.,]\d+)*\s*%?)+(?=\s*(?:[.)]|$))")
# a list's item that is a range of two figures, the unit written once after the second (`62 - 63%`, `(32-33%)`)
_RANGE_ITEM = re.compile(r"\(?\s*(\d+(?:[.,]\d+)*)\s*[-–]\s*(\d+(?:[.,]\d+)*)\s*%\s*\)?")
_SEMICOLON_RANGES = re.compile(r"(?:\s*;\s*\(?\d+(?:[.,]\d+)*\s*[-–]\s*\d+(?:[.,]\d+)*\s*%\s*\)?)+(?=\s*(?:[.)]|$))")
LIST_FIGURE = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d(?![\d.,]))\d+(?:[.,]\d+)*")  # a figure of a list, not a year
# three or more figures (percentages, or plain) joined by dashes alone: `2,1% - 64,3% - 33,6%`
DASH_CHAIN = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*\s*%?(?:\s*-\s*\d+(?:[.,]\d+)*\s*%?){2,}(?![\w.,]*\d)")
ASIDE = re.compile(r"\([^()]*\)")  # a bracketed aside: its numbers are no earlier figure


BULLET = re.compile(r"\s*[-+•*–]\s")


_CLASSIFIER = re.compile(rf"^{fold('lượt')}\s+")  # a classifier before the counted noun
_COPULA_BEFORE = re.compile(r"(?:(?<!\w)la|:)\s*$")  # the key is folded: `là` reads `la`
# `số`, `tổng số` opening a subject: what it names is counted
_COUNT_SUBJECT = re.compile(rf"(?:(?<!\w){fold('tổng')}\s+)?(?<!\w)({fold('số')})\s")
_ITEM_OWN_KINDS = ("crop",)  # what a list item may name of its own under a lead's head (`trong đó: tôm đạt ...`)
_SUBJECT_KINDS = ("sector", "domain", "ownership")  # concept kinds a whole sentence is about
_SUBJECT_LEAD = re.compile(fold_pattern(r"(?:(?:khu\s+vực|ngành|lĩnh\s+vực|nhóm\s+ngành)\s+)?"))  # `khu vực dịch vụ`
HARM_ACTIONS = ("damage", "pest")  # concept values of harm: a pest's (an area damaged) or the weather's
BREAKDOWN_OF_LAST = "a breakdown of the last amount read in its unit"
_NAMED_AFTER_KINDS = ("crop",)  # concept kinds written after their figure (`86,72ha chè`)


_UNIT_MODS = {"VND/ha": ("per", "ha"), "VND/person/year": ("per", "person"), "USD/person/year": ("per", "person"),
              "tonne": ("quantity", "tonne")}  # (a quantity in tonnes of what is traded: its volume)


YEAR_BASES = ("same_period", "prior_year")


class SentenceFacts(list[Fact]):
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

    def marker_after(self, total: Fact, doc: Document, end: int) -> re.Match[str] | None:
        """The first list marker (`cụ thể`, `trong đó`, `:`) after a total, up to `end`."""
        if total.fact_id not in self._markers:
            self._markers[total.fact_id] = doc.g.list_marker.search(doc.key, total.char_end, end)
        return self._markers[total.fact_id]


_TOKEN = re.compile(r"\s*([^\s,;:()]+|[,:()])")


def _names_after_noun(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of proper names enumerated right after a counted noun in text[lo:hi] (`xã là: Năng Khả, Côn Lôn, Hồng
    Thái và Thanh Tương`, `xã Tiên Lãnh, Tiên Ngọc, Tiên Lập`, `xã (là Tiên Hà, Tiên Mỹ và Tiên Lộc)`): two names or
    more, or one after `là`; else None."""
    first = _TOKEN.match(text, lo, hi)
    if first is None or not first.group(1)[0].isalpha() or first.group(1)[0].isupper():
        return None  # (the counted noun itself, lower case)
    pos, start, names, in_name, introduced, bracketed = first.end(), None, 0, False, False, False
    end = pos
    while (tok := _TOKEN.match(text, pos, hi)) is not None:
        word = tok.group(1)
        if start is None and word == "(" and not bracketed and not introduced:
            bracketed = True
        elif bracketed and word == ")":
            if start is not None:
                end, bracketed = tok.end(), False  # (closed: the aside ends the names)
            break
        elif word in ("(", ")"):
            break  # (a bracket inside or after the names, or one closing what no names opened)
        elif start is None and word.lower() in ("là", ":"):
            introduced = True
        elif word[0].isupper() and word[0].isalpha():
            start = tok.start(1) if start is None else start
            names += 0 if in_name else 1
            in_name, end = True, tok.end()
        elif start is not None and word in (",", "và"):
            in_name = False
        else:
            break
        pos = tok.end()
    if start is None or bracketed or not (names >= 2 or (introduced and names >= 1)):
        return None
    return first.end(), end


class Document:
    """One document as the grammar reads it: text, key, tokens, every phrase hit, and the look-ups
    that would be quadratic if redone for every number."""

    def __init__(self, doc_id: str, clean: CleanText, ref: Reference) -> None:
        self.doc_id, self.clean, self.ref, self.g = doc_id, clean, ref, ref.grammar
        self.level: str | None = None  # the report's unit's level (province | district), once its locality is read
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
        self.levels: dict[str, list[Fact]] = {}  # every level read of each indicator (not a plan's), in order
        # the one indicator the last sentence without figures named, and that sentence's index (set while reading)
        self.topic: tuple[AliasHit, int] | None = None
        self.read_by_id: dict[str, Fact] = {}  # every fact read so far
        self._parts_leads: dict[int, tuple[Sentence, re.Match[str]] | None] = {}
        self._lead_of: dict[int, int] = {}  # a bullet item's sentence index → its list's lead's (-1: none)
        self.heads_after: set[int] = set()  # head words that named the amount right before them
        opening: dict[int, Sentence] = {}
        for sent in self.sentences:
            opening.setdefault(sent.paragraph, sent)
        self.bullet_paragraphs = {p for p, sent in opening.items() if BULLET.match(sent.text)}  # list items
        self.paragraph_start = {p: sent.start for p, sent in opening.items()}
        # each list item's lead: the sentence ending in a colon right above the run of items it belongs to
        self._chains: list[tuple[int, int]] | None = None
        self.list_leads: dict[int, Sentence] = {}
        lead: Sentence | None = None
        for i, sent in enumerate(self.sentences):
            if sent.paragraph not in self.bullet_paragraphs:
                continue
            before = self.sentences[i - 1] if i else None
            if before is None or before.paragraph not in self.bullet_paragraphs:
                lead = before if before is not None and before.text.rstrip().endswith(":") else None
            if lead is not None:
                self.list_leads[sent.paragraph] = lead
        # the paragraphs right below a lead ending in a colon, written with no bullets (`... đạt 5.260,5 ha, tăng 3,9%.
        # Một số cây trồng chủ yếu như sau:` over `Cây lúa gieo trồng được 1.136 ha ...`), up to a heading or the next
        # lead: items of the lead's list, for a total above it
        self.plain_leads: dict[int, Sentence] = {}
        plain: Sentence | None = None
        for i, sent in enumerate(self.sentences):
            before = self.sentences[i - 1] if i else None
            if before is None or before.paragraph == sent.paragraph:
                continue  # (a paragraph's first sentence decides)
            if sent.paragraph in self.bullet_paragraphs or sent.is_heading:
                plain = None
                continue
            if before.text.rstrip().endswith(":"):
                plain = before
            elif plain is not None and sent.paragraph - plain.paragraph > _PLAIN_ITEMS:
                plain = None
            if plain is not None:
                self.plain_leads[sent.paragraph] = plain
        self.status = StatusCues(self.hits, self.key, self.g.words)
        self.frames = sorted((h.start, h.end, t.kind, int(t.extra)) for h in self.hits for t in h.tags
                             if t.kind in ("frame_post", "frame_pre"))
        # (a percentage frame's words after a bound, `90% trở lên gia đình ...`: tried only where a bound follows)
        self.bound_frames = sorted((h.start, int(t.extra)) for h in self.hits for t in h.tags
                                   if t.kind == "frame_bound")
        self.frame_starts = [f[0] for f in self.frames]
        self.concepts = concept_hits(self.hits, self.key, self.g.sector_compounds, self.g.sector_verbs,
                                     self.g.verb_marker)
        self.concept_starts = [c[0] for c in self.concepts]
        self.season_starts = [c[0] for c in self.concepts if c[2] == "season"]  # (most reports name none)
        self._harms: list[tuple[int, int, str, str]] | None = None  # (built on first use)
        self._cues: list[tuple[int, int]] | None = None
        self._cue_starts: list[int] = []
        self._cue_lists: dict[int, list[int] | None] = {}
        self.range_low: dict[int, int] = {}  # a range item's second figure → its first, the item's place in its list
        self._sectors: list[tuple[int, int, str, str]] | None = None
        self._marks: dict[str, list[int]] = {}
        self._sentence_crops: dict[int, list[tuple[int, int, str, str]]] = {}
        self._sector_items: dict[tuple[int, int, int], list[tuple[int, int, str]] | None] = {}
        self._harm_starts: list[int] = []
        self.periods: list[tuple[int, int, str]] = []  # start, end, the period named (`10M`, '' for a year)
        self.topics, self.crop_topics = self._paragraph_topics()

    def follows(self, earlier: int, later: int) -> bool:
        """Whether sentence `later` comes right after sentence `earlier`, or after sentences with no number
        (a photo caption, a remark) between them: a list it opens may still break down the earlier's total."""
        between = self.sentences[earlier + 1:later]
        if earlier >= later or not any(DIGIT.search(s.text) for s in between):
            return earlier < later
        # (a remark naming only a year or a numbered thing goes on with its paragraph, not past it)
        return self.sentences[earlier].paragraph == self.sentences[later].paragraph \
            and all(_names_no_amount(s.text) for s in between)

    def other_period_between(self, lo: int, hi: int, period: str | None) -> bool:
        """Whether a period other than `period` is named in [lo, hi): a total read before it may be of
        another period (`Tính cộng dồn 10 tháng ...` under a 10 months' total names the same one)."""
        k = bisect_left(self.periods, (lo,))
        while k < len(self.periods) and self.periods[k][0] < hi:
            if self.periods[k][2] != (period or ""):
                return True
            k += 1
        return False

    def parts_lead(self, sent: Sentence) -> tuple[Sentence, re.Match[str]] | None:
        """For a bullet item, the lead of its list and the list marker it ends on (`Trong đó:`), or None. The lead of
        a nested list (`- Thu ngân sách trên địa bàn được 555,50 tỷ đồng, ..., gồm:` then `+ Thu nội địa ...`) is
        the item it follows."""
        if sent.index in self._parts_leads:
            return self._parts_leads[sent.index]
        own = BULLET.match(sent.text)
        k = sent.index - 1
        if own is not None:  # (the item before's lead, when it is an item of the same list: no walk over the list)
            while k >= 0 and (b := BULLET.match(self.sentences[k].text)) is not None \
                    and b.group().strip() == own.group().strip():
                if k in self._lead_of:
                    k = self._lead_of[k]
                    break
                k -= 1
            self._lead_of[sent.index] = k
        lead = self.sentences[k] if own is not None and k >= 0 else None
        found = self.g.parts_lead_end.search(self.key, max(lead.start, lead.end - 24), lead.end) if lead else None
        self._parts_leads[sent.index] = (lead, found) if lead is not None and found is not None else None
        return self._parts_leads[sent.index]

    def last_level(self, metric: str | None) -> Fact | None:
        """The last level read of an indicator (not a plan's)."""
        found = self.levels.get(metric or "")
        return found[-1] if found else None

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
        near = lookback_start(self.key, sent.start, m.number_start)  # (bounded: a long sentence stays linear)
        asides = [(b.start(), b.end()) for b in ASIDE.finditer(self.key, near, m.number_start)]
        lo = max([near] + [d.end() for d in DIGIT.finditer(self.key, near, m.number_start)
                           if not any(a <= d.start() < b for a, b in asides)])  # `(theo giá so sánh 2010)`
        sectors = [c for c in self.concepts_in(lo, m.number_start) if c[2] == "sector"]
        if not sectors:
            return None  # the sector must be the figure's own subject, not the item's before it
        prev = self.sentences[sent.index - 1] if sent.index > 0 and m.unit == "percent" else None
        verb = self.g.roles.last_verb(self.key[sectors[-1][1]:m.number_start])
        if prev is not None and verb in (None, "reach", "equal", "is", "share") \
                and not DIGIT.search(self.blank_periods(prev.start, prev.end)) \
                and any(c[2] == "head" and c[3] == "share" for c in self.concepts_in(prev.start, prev.end)):
            # `Cơ cấu giá trị sản xuất tiếp tục chuyển dịch ... Theo đó, ... khu vực I đạt 13,10%, khu vực II đạt
            # 80,44%`: a sentence with no figure that names a structure makes the next one's sectors its shares
            sig = self.g.concepts.metric("share", {("sector", sectors[-1][3])})
            if sig is not None:
                return Choice(self.g.metric_alias(sig.metric), sectors[-1][0], sectors[-1][1], STRUCTURE_BEFORE)
        candidates = list(reversed(self.earlier[-EARLIER_HEADS:]))
        if self.g.contribution.search(self.key, sent.start, sent.end) and "grdp" in self.g.aliases_by_metric:
            # `khu vực công nghiệp - xây dựng tăng 10,4%, đóng góp 4,6 điểm phần trăm vào mức tăng trưởng`:
            # a sentence of contributions to growth is about the GRDP's sectors
            candidates.append(self.g.aliases_by_metric["grdp"])  # type: ignore[arg-type]
        for alias in candidates:
            choice = self.concept_choice(sent, sent.start, m, alias)
            if choice is not None and choice.how.startswith("concept under"):
                return replace(choice, how=f"{SECTOR_UNDER} '{alias.text}' read earlier")
        return None

    def _paragraph_topics(self) -> tuple[dict[int, str], dict[int, str]]:
        """A paragraph whose first sentence opens on a sector (`Sản xuất công nghiệp tiếp tục tăng ...`,
        `Ngành nông nghiệp ...`, `- Công nghiệp: ...`) is about that sector; one labelled with a crop
        (`Cây lúa: ...`, `- Cây rau màu: ...`) or opening on one (`Cây lúa đông xuân gieo cấy ...`) about that crop."""
        topics: dict[int, str] = {}
        crops: dict[int, str] = {}
        seen: set[int] = set()
        section: str | None = None  # the sector a heading names (`2. Sản xuất nông, lâm nghiệp và thủy sản`)
        for s in self.sentences:
            if s.paragraph in seen:
                continue
            seen.add(s.paragraph)
            opening = self.concepts_in(s.start, min(s.end, s.start + 40))
            sectors = [c for c in opening if c[2] == "sector"]
            if sectors and not any(c[2] == "head" and c[0] < sectors[0][0] and c[3] not in ("production_value",)
                                   for c in opening) and not _sectors_joined(self.key, sectors):
                topics[s.paragraph] = sectors[0][3]
            if s.is_heading:
                section = topics.get(s.paragraph)
            elif s.paragraph not in topics and section is not None \
                    and self.g.whole_sector.search(self.key, s.start, s.end):
                # `2. Sản xuất nông, lâm nghiệp và thủy sản` over `Cả năm, giá trị sản xuất toàn ngành tăng 2,1%`: the
                # whole sector a paragraph names without naming it is the one its section's heading names
                topics[s.paragraph] = section
            colon = self.key.find(":", s.start, min(s.end, s.start + 40))
            label = [c for c in opening if c[2] == "crop" and colon >= 0 and c[1] <= colon]
            if not label and opening and opening[0][2] == "crop" and not self.key[s.start:opening[0][0]].strip("-+* "):
                # `Cây lúa đông xuân gieo cấy được 3.672 ha ... Sản lượng ước đạt 18.030 tấn`: a paragraph opening on
                # a crop is about it
                label = opening[:1]
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

    def only_subject(self, lo: int, hi: int) -> AliasHit | None:
        """The first subject hit starting inside [lo, hi) when every hit there names the same indicator (a sentence's
        topic: `doanh thu dịch vụ lưu trú, ăn uống ... cũng tăng mạnh`)."""
        k = bisect_left(self.subject_starts, lo)
        named = []
        while k < len(self.subjects) and self.subject_starts[k] < hi:
            named.append(self.subjects[k])
            k += 1
        return named[0] if len({h.alias.code for h in named}) == 1 else None

    def _excluded(self, h: AliasHit, lo: int, hi: int) -> bool:
        k = bisect_right(self.exclusions, (h.start, float("inf"))) - 1
        if k < 0:
            return False
        a, b = self.exclusions[k]
        return lo <= a <= h.start and h.end <= b <= hi

    def blank_periods(self, lo: int, hi: int) -> str:
        """The key of [lo, hi) with its period mentions blanked (what else the stretch says)."""
        seg = self.key[lo:hi]
        for a, b in self.period_spans(lo, hi):
            seg = seg[:a - lo] + " " * (b - a) + seg[b - lo:]
        return seg

    def period_spans(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Period mentions lying inside [lo, hi)."""
        k = bisect_left(self.periods, (lo,))
        out = []
        while k < len(self.periods) and self.periods[k][0] < hi:
            if self.periods[k][1] <= hi:
                out.append(self.periods[k][:2])
            k += 1
        return out

    def distributive_list(self, lo: int, hi: int, sent_end: int) -> tuple[int, int, list[int]] | None:
        """The last `tương ứng` / `lần lượt` in [lo, hi) outside a bracket, with the starts of the figures after it
        to the end of its clause (each cue's list found once per report)."""
        if self._cues is None:
            self._cues = [(c.start(), c.end()) for c in self.g.distributive.finditer(self.key)]
            self._cue_starts = [c[0] for c in self._cues]
        k = bisect_left(self._cue_starts, hi) - 1
        if k < 0 or self._cues[k][0] < lo:
            return None
        start, end = self._cues[k]
        if start not in self._cue_lists:
            stop = self.key.find(";", end, sent_end)
            if stop >= 0 and len(LIST_FIGURE.findall(self.key, end, stop)) == 1 \
                    and (more := _SEMICOLON_FIGURES.match(self.key, stop)) is not None:
                stop = more.end()  # `lần lượt là: 85,8%; 5,1%; 9,1%`: figures set apart by semicolons, one list
            opened = self.key.rfind("(", lo, start)
            inside = opened > self.key.rfind(")", lo, start)
            named_from = self.after_last_figure(lo, opened)
            close = self.key.find(")", end, sent_end)
            held = LIST_FIGURE.findall(self.key, end, close) if inside and close >= 0 else []
            if inside and len(held) >= 2 and (named_from == lo or self.sector_items(named_from, opened, len(held))):
                # `công nghiệp và dịch vụ ... (tăng lần lượt là 10,14% và 14,19%)`: a bracket after names with no figure
                # of their own holds theirs (a period is no figure; figures of other names may come before them:
                # `nông, lâm, thủy sản giảm còn 31,55%, còn công nghiệp - xây dựng và thương mại - dịch vụ đều tăng lên
                # (lần lượt là 40,67% và 27,78%)`)
                stop, inside = close, False
            # (a bracket's `tương ứng` after figures restates the list read before it: see extract's brackets)
            # (a bracket opened after the list holds other values of the same items, not more items: `lần lượt là
            # 41,57% - 15,45% - 39,82% (chỉ tiêu nghị quyết là 41,42% - 16,84% - 38,56%)`)
            self._cue_lists[start] = None if inside else (
                self._range_list(end, stop, sent_end) or [
                    f.start() for f in LIST_FIGURE.finditer(self.key, end, stop if stop >= 0 else sent_end)
                    if self.key.rfind("(", end, f.start()) <= self.key.rfind(")", end, f.start())])
        figures = self._cue_lists[start]
        return (start, end, figures) if figures is not None and len(figures) >= 2 else None

    def _range_list(self, end: int, stop: int, sent_end: int) -> list[int] | None:
        """`lần lượt là 62 - 63%, 34 - 35%; 3 - 4%`, `lần lượt là (32-33%), (42-43%) và (19-20%)`: a list whose every
        item is a range (the first figure below the second, `%` written once after it, a bracket around it or not)
        has one place per range, at its first figure; the second is noted in `range_low`. None unless every figure
        after the cue to the clause's end is in such an item, two items or more."""
        if stop >= 0 and (more := _SEMICOLON_RANGES.match(self.key, stop)) is not None:
            stop = more.end()  # (items set apart by semicolons: one list)
        hi = stop if stop >= 0 else sent_end
        figures = [f.start() for f in LIST_FIGURE.finditer(self.key, end, hi)]
        items = [r for r in _RANGE_ITEM.finditer(self.key, end, hi)
                 if (lo := parse_number(r.group(1))) is not None and (up := parse_number(r.group(2))) is not None
                 and lo.value < up.value]
        if len(items) < 2 or sorted(x for r in items for x in (r.start(1), r.start(2))) != figures:
            return None
        self.range_low.update({r.start(2): r.start(1) for r in items})
        return [r.start(1) for r in items]

    def after_last_figure(self, lo: int, hi: int) -> int:
        """Where the words after the last figure in [lo, hi) begin (`lo` if none; a period is no figure)."""
        ends = [f.end() for f in LIST_FIGURE.finditer(self.blank_periods(lo, hi))]
        return lo + ends[-1] if ends else lo

    def dash_chain(self, lo: int, hi: int) -> tuple[int, int, list[int]] | None:
        """`Nông nghiệp - Công nghiệp, TTCN - Thương mại, dịch vụ là 2,1% - 64,3% - 33,6%`: three or more figures
        joined by dashes alone, holding the figure at `hi`, in order for as many things named in [lo, chain) (two
        would be a range). The report's chains are found once."""
        if self._chains is None:
            self._chains = [(c.start(), c.end()) for c in DASH_CHAIN.finditer(self.key)]
        k = bisect_right(self._chains, (hi, len(self.key))) - 1
        if k < 0 or not (lo <= self._chains[k][0] <= hi < self._chains[k][1]):
            return None
        start, end = self._chains[k]
        return start, start, [f.start() for f in LIST_FIGURE.finditer(self.key, start, end)]

    def last_mark(self, marks: str, lo: int, hi: int) -> int:
        """The position of the last of `marks` (`;`, `:`) in [lo, hi), else -1 (a look-up, not a scan: reports
        may hold megabyte sentences)."""
        found = -1
        for mark in marks:
            at = self._marks.get(mark)
            if at is None:
                at = self._marks[mark] = [x.start() for x in re.finditer(re.escape(mark), self.key)]
            k = bisect_left(at, hi) - 1
            if k >= 0 and at[k] >= lo:
                found = max(found, at[k])
        return found

    def _crops_in(self, sent: Sentence) -> list[tuple[int, int, str, str]]:
        """The crop words of a sentence (looked up once per sentence: every figure asks)."""
        found = self._sentence_crops.get(sent.start)
        if found is None:
            found = self._sentence_crops[sent.start] = [c for c in self.concepts_in(sent.start, sent.end)
                                                        if c[2] == "crop"]
        return found

    def opens_on_ownership(self, sent: Sentence) -> bool:
        """Whether the sentence's subject, in its first words (after `Trong đó,`), is an ownership group (`khối
        doanh nghiệp có vốn đầu tư nước ngoài ...`)."""
        lead = self.g.list_start.match(self.key, sent.start, min(sent.end, sent.start + 48))
        lo = skip_spaces(self.key, lead.end()) if lead is not None else sent.start
        return any(c[2] == "ownership" and c[0] <= lo + 12 for c in self.concepts_in(lo, min(sent.end, lo + 80)))

    def ownership_sibling(self, sent: Sentence, prev_facts: list[Fact], unit: str | None,
                          metric: str | None = None) -> Fact | None:
        """`Trong đó, khối doanh nghiệp trong nước ước đạt 48,06 triệu USD ... Khối doanh nghiệp có vốn đầu tư nước
        ngoài ước đạt 29,46 triệu USD`: the part (of `metric`, in `unit`) the sentence before listed under a total,
        when both sentences open on an ownership group: this one's sibling."""
        if not self.opens_on_ownership(sent):
            return None
        return next((f for f in reversed(prev_facts) if f.role == "part" and f.unit == unit and f.parent_fact_id
                     and (metric is None or f.metric == metric) and self.follows(f.sentence_index, sent.index)
                     and self.opens_on_ownership(self.sentences[f.sentence_index])), None)

    def sector_item(self, lo: int, hi: int) -> bool:
        """Whether [lo, hi) names a sector of its own (`KV II: 20,69%`): a sibling of the rate just read, not it."""
        return any(c[2] == "sector" for c in self.concepts_in(lo, hi))

    def crop_named(self, lo: int, hi: int) -> bool:
        """Whether a crop word stands in [lo, hi)."""
        return any(c[2] == "crop" for c in self.concepts_in(lo, hi))

    def ownership_named(self, lo: int, hi: int) -> bool:
        """Whether an ownership's words (`vốn Nhà nước`, `khu vực có vốn ĐTNN`) stand in [lo, hi)."""
        return any(c[2] == "ownership" for c in self.concepts_in(lo, hi))

    def harm_words(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        """The words of harm (a pest's, the weather's: concept actions `pest`, `damage`) inside [lo, hi)."""
        if self._harms is None:
            self._harms = [c for c in self.concepts if c[2] == "action" and c[3] in HARM_ACTIONS]
            self._harm_starts = [c[0] for c in self._harms]
        found = self._harms[bisect_left(self._harm_starts, lo):bisect_left(self._harm_starts, hi)]
        return [c for c in found if c[1] <= hi]

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

    def frame_alias(self, sent: Sentence, m: Mention, lead_end: int | None = None) -> tuple[Alias, int, int] | None:
        """The `{N}` alias that fits around the number, most specific first. Only frames whose
        first words after `{N}` (or last words before it) the lexicon found near the number are
        tried. With `lead_end`, the words before the figure are those before `lead_end` (the first item of a list
        whose verb comes once: `thành lập mới 14 doanh nghiệp; 04 hợp tác xã`)."""
        key, ref = self.key, self.ref
        before_end = m.number_start if lead_end is None else lead_end
        lo = lookback_start(key, sent.start, before_end)
        raw_before = key[lo:before_end]
        # `có hơn 12`: the lead-in words are skipped, unless the frame itself holds them
        befores = (self.g.lead_in.sub("", raw_before, count=1), raw_before)
        after_at = m.after_at or m.number_end  # `32/33 chỉ tiêu đạt`: the words after the denominator
        after = key[after_at:lookahead_end(key, after_at, sent.end)]
        if m.alternatives and m.end > after_at:  # `3 huyện/thành phố đạt chuẩn`: alternatives read as one noun
            after = after[:m.end - after_at].replace("/", " ") + after[m.end - after_at:]
        head = after.lstrip()
        scale_word = next((u.word for u in ref.units if u.kind == "scale" and head.startswith(u.word)
                           and not head[len(u.word):len(u.word) + 1].isalnum()), None)
        skipped = 0
        if scale_word is not None:  # `3,2 triệu lượt khách`: the counted noun follows the scale word
            skipped = after.index(scale_word) + len(scale_word)
            after = after[skipped:]
        pct = after.find("%") if after.lstrip().startswith("%") else -1
        bounded = False
        if m.unit == "percent" and (bound := self.g.bound_after.match(after, pct + 1)) is not None:
            # `80% trở lên thôn, khu dân cư đạt văn hóa`: the rate's noun follows the bound (read as if after the %)
            after = after[:pct + 1] + " " * (bound.end() - pct - 1) + after[bound.end():]
            bounded = True
        named = _names_after_noun(self.text, after_at + skipped, after_at + skipped + len(after))
        if named is not None:  # `4 xã là: Năng Khả, Côn Lôn và Thanh Tương đạt chuẩn`: the things counted, by name
            after = after[:named[0] - after_at - skipped] + " " * (named[1] - named[0]) \
                + after[named[1] - after_at - skipped:]
        cands = {idx for start, _, _, idx in
                 self.frames[bisect_left(self.frame_starts, lo):bisect_left(self.frame_starts, m.number_end + 120)]}
        if bounded:
            k = bisect_left(self.bound_frames, (after_at,))
            cands |= {i for at, i in self.bound_frames[k:bisect_left(self.bound_frames, (after_at + 40,))]}
        if lead_end is not None:  # (only frames with words before the figure: the shared verb)
            cands = {i for i in cands if ref.aliases[i].pre is not None}
        # `352 doanh nghiệp, 4 hợp tác xã thành lập mới`, `232 doanh nghiệp và 137 đơn vị trực thuộc đăng ký mới`:
        # nouns coordinated after the counted noun share its predicate; the frame may also read past them
        coordinated = self._without_coordinated(after)
        if coordinated:  # frames whose words after `{N}` the coordinated item split (`doanh nghiệp … đăng ký mới`)
            first = re.match(r"\s*(\w+)", after)
            cands |= set(ref.frames_after_word.get(first.group(1), ())) if first else set()
        best: tuple[Alias, int, int] | None = None
        for i in sorted(cands):
            a = ref.aliases[i]
            start, end = m.number_start, m.number_end
            if a.post is not None:
                pm = a.post.match(after)
                if pm is None and a.post_head is not None and a.topic.search(key, sent.start, m.number_start):
                    pm = a.post_head.match(after)  # the frame's topic named before the figure
                shift = 0
                if pm is None and coordinated:
                    # the frame's words go on right after the item (no gap over other words)
                    rest = fold(a.text.split("{N}", 1)[1]).replace("…", " ").split()
                    for shorter, counted_end, cut in coordinated:
                        nxt = shorter[counted_end:].split(maxsplit=1)
                        pm = a.post.match(shorter) if nxt and nxt[0] in rest[1:] else None
                        if pm is not None and pm.end() > counted_end:
                            shift = cut
                            break
                        pm = None
                if pm is None:
                    continue
                if "…" in a.text and _sibling_in_gap(a.text, after[:pm.end() + shift]):
                    continue  # `1 chỉ tiêu gần đạt và 1 chỉ tiêu chưa đạt`: a frame's gap spans no sibling item
                end = after_at + skipped + pm.end() + shift
                if not shift and self.g.bare_classifier.search(after, 0, pm.end()) \
                        and self.g.other_counted.match(after, pm.end()):
                    continue  # `tiếp 42 lượt nhà đầu tư`: the classifier counts something the frame does not name
            if a.pre is not None:
                bm = a.pre.search(befores[0]) or a.pre.search(befores[1])
                if bm is None:
                    continue
                if "…" in a.text.split("{N}", 1)[0] and ref.metrics[a.code].unit == "percent" \
                        and _PERCENT_FIGURE.search(_SLASHED_BEFORE.sub("", bm.group())):
                    # `giảm tỉ lệ hộ nghèo 0,08% và giải quyết việc làm cho 3.800 lao động`: a rate's frame spans no
                    # percentage in its gap (that one is the frame's; not the actual a plan is written after:
                    # `chỉ đạt 2,2%/2,34%`)
                    continue
                start = lo + bm.start()
            if best is None or frame_weight(a.text, self.g.lead_in) > frame_weight(best[0].text, self.g.lead_in):
                best = (a, start, end)
        return best

    def _without_coordinated(self, after: str) -> list[tuple[str, int, int]]:
        """The words after a count with one item coordinated to its counted noun left out (`doanh nghiệp, 4 hợp
        tác xã thành lập mới` → `doanh nghiệp thành lập mới`), one reading per length of the item (one to four
        words): (text, end of the counted noun, characters left out)."""
        counted = self.g.counted_noun(after)
        if counted is None:
            return []
        out = []
        noun = after[:counted].strip()
        for pattern in self.g.coordinated_items:
            item = pattern.match(after, counted)
            if item is not None and noun not in item.group():  # `30 chỉ tiêu, 1 chỉ tiêu chưa đạt`: siblings
                out.append((after[:counted] + after[item.end():], counted, item.end() - counted))
        return out

    def subject_naming_counter(self, frame: Alias, m: Mention, clause_start: int) -> AliasHit | None:
        """For a bare frame (`{N} tiêu chí`, `đạt {N} tiêu chí`: the counted noun and lead-in words
        only), the nearest count subject in the clause that names the same noun (`tổng số tiêu chí`)."""
        post = fold(frame.text.split("{N}", 1)[1])
        if m.counter is None or post.strip() != m.counter or \
                frame_weight(frame.text, self.g.lead_in) != len(post.replace(" ", "")):
            return None
        # (`lượt khách` counts `khách`: `tổng số khách đến các cơ sở lưu trú ... 961,0 nghìn lượt khách`)
        noun = _CLASSIFIER.sub("", m.counter) or m.counter
        word = re.compile(r"(?<!\w)(?:" + re.escape(m.counter) + "|" + re.escape(noun) + r")(?!\w)")
        for h in self.lefts_nearest_first(lookback_start(self.key, clause_start, m.start), m.start):
            if self.ref.metrics[h.alias.code].unit == "count" and h.alias.code != frame.code and word.search(
                    fold(h.alias.text)):
                return h
        return None

    def count_subject(self, m: Mention, clause_start: int) -> AliasHit | None:
        """`số hộ nghèo còn lại cuối năm là 873`: a bare number a copula joins to a subject that counts
        something (`số ...`, `tổng số ...`, naming an indicator counted in units) is that count; a bare number
        in thousands or millions after an indicator counted in units (`lượt khách đến Hà Tiên đạt hơn 2,2 triệu`),
        likewise."""
        if m.unit is not None:
            return None
        h = next(self.lefts_nearest_first(lookback_start(self.key, clause_start, m.start), m.start), None)
        if h is None or self.ref.metrics[h.alias.code].unit != "count":
            return None
        if m.scale >= 1e3:
            return h
        if not _COPULA_BEFORE.search(self.key, max(clause_start, m.start - 8), m.number_start):
            return None
        said = _COUNT_SUBJECT.search(self.key, max(clause_start, h.start - 8), h.start + 4)
        return h if said is not None and said.start(1) <= h.start + 1 else None

    # -- context --------------------------------------------------------------------------------

    def names_only_a_source(self, lo: int, m: Mention) -> bool:
        """`...; vốn huyện đạt 72,9%`, `; nguồn vốn của thành phố đạt 61%`: the words before the figure name a
        funding source and nothing else but elided words (verbs, `là`, `được`)."""
        seg = self.key[lo:m.start]
        if not self.g.funding_source.search(seg):
            return False
        return self.says_nothing(self.g.funding_source.sub(" ", seg))

    def says_nothing(self, seg: str, named: list[str] | None = None) -> bool:
        """Whether a stretch of the key holds only elided words (verbs, `là`, `được`), dashes and numbers, or words of
        the head of the indicator `named` just read again (`Nâng tổng kim ngạch ... lên`)."""
        seg = self.g.price_basis.sub(" ", self.g.refers_back.sub(" ", seg))
        words = [w for w in re.findall(r"[^\s,;:()]+", seg) if not any(c.isdigit() for c in w)]
        own = [w for w in words if w not in self.g.elided and w != "-"]
        if named and named[0] == _TOTAL_WORD and own[:1] != [_TOTAL_WORD]:
            named = named[1:]  # `tổng kim ngạch xuất nhập khẩu ... Lũy kế 4 tháng, kim ngạch đạt ...`
        return not own or (named is not None and own == named[:len(own)])  # (the name's head: `kim ngạch`)

    def from_context(self, ctx: AliasHit, lo: int, m: Mention) -> AliasHit | None:
        """The indicator of a clause that names none, from the last one read in the paragraph.

        `; công nghiệp - xây dựng ước đạt ...` completes the previous alias with its own words
        (`giá trị sản xuất` + `công nghiệp - xây dựng`); `; lũy kế 7 tháng ước đạt ...` names
        nothing but a period and a verb, so the previous indicator carries on.
        """
        last = self.last_level(ctx.alias.code)
        if m.counter and last is not None and last.unit == "count" and re.search(r"[^\W\d]", last.value_text) \
                and m.counter not in fold(last.value_text):
            return None  # `232 doanh nghiệp và 137 đơn vị trực thuộc`: another noun counts another thing
        seg = self.blank_periods(lo, m.start)
        if self.key[max(0, lo - 3):lo].strip() in ("", ".") \
                and (opener := self.g.list_start.match(self.key, lo, m.start)) is not None:
            seg = " " * (opener.end() - lo) + seg[opener.end() - lo:]  # (`Trong đó, quý IV tăng 9,3%`: a list opened)
        if self.says_nothing(seg, self.key[ctx.start:ctx.end].split()):
            return ctx if compatible(self.ref.metrics[ctx.alias.code].unit, m) else None
        for phrase in (item_phrase(seg, 0, len(seg), self.g.function, cut=False),
                       item_phrase(seg, 0, len(seg), self.g.function)):
            composed = compose(ctx.alias, phrase, self.ref) if phrase else None
            if composed is not None and not self.g.concepts.actions_of(ctx.alias.code) & self.g.inherited_actions \
                    <= self.g.concepts.actions_of(composed.code):
                continue  # (`đã thu hoạch ... 47.124 ha; trong đó: ... bắp 4.022 ha`: maize harvested, not sown)
            if composed is not None and compatible(self.ref.metrics[composed.code].unit, m):
                return AliasHit(ctx.start, ctx.end, composed)
        return None

    def whole_of_share(self, sent: Sentence, pos: int) -> bool:
        """Whether the words at `pos` name the whole a share is of (`tỷ trọng ... trong GRDP`, `chiếm ... trong
        tổng vốn`): after `trong`, with a share head before them in the sentence; or what a contribution is made to
        (`Tỷ trọng đóng góp năng suất các nhân tố tổng hợp (TFP) vào GRDP 35,39%`); or right after a share's figure
        (`Cây ăn trái 14.397 ha, chiếm 3,27% trên tổng diện tích cây lâu năm, tăng 13,34%`: the fruit trees' growth)."""
        if self.key[max(sent.start, pos - 5):pos].rstrip().endswith(_VAO) \
                and _CONTRIBUTED_TO.search(self.key, max(sent.start, pos - 90), pos) is not None:
            return True
        if _AFTER_SHARE.search(self.key, max(sent.start, pos - 50), pos) is not None:
            return True
        return self.g.in_whole.search(self.key, max(sent.start, pos - 12), pos) is not None and any(
            c[2] == "head" and c[3] == "share" for c in self.concepts_in(sent.start, pos))

    def sector_items(self, lo: int, hi: int, n: int) -> list[tuple[int, int, str]] | None:
        """The sectors named in [lo, hi) read as exactly `n` items, in order, or None: each item a sector word or
        words a compound names (`nông nghiệp, công nghiệp - xây dựng, dịch vụ`; `Công nghiệp - dịch vụ - nông
        nghiệp - thuế sản phẩm`). Items part at commas and `và` before they part at dashes."""
        if (lo, hi, n) in self._sector_items:
            return self._sector_items[(lo, hi, n)]
        asides = [(b.start(), b.end()) for b in ASIDE.finditer(self.key, lo, hi)]
        # (a sector named in an aside, `dịch vụ (chưa tính thuế sản phẩm trừ trợ cấp sản phẩm)`, is no item)
        found = sorted(c for c in self._sector_words() if lo <= c[0] and c[1] <= hi
                       and not any(a <= c[0] < b for a, b in asides))
        self._sector_items[(lo, hi, n)] = None
        if n < 2:
            return None
        for whole in (True, False):  # the longest words where they overlap, else none spanning a comma or `và`
            words: list[tuple[int, int, str, str]] = []
            for c in sorted(found, key=lambda c: (c[0] - c[1], c[0])):
                if not whole and _ITEM_SEPARATOR.search(self.key, c[0], c[1]):
                    continue  # `công nghiệp - xây dựng, dịch vụ` (the non-farm sectors) as two items
                if all(c[1] <= w[0] or c[0] >= w[1] for w in words):
                    words.append(c)
            items = self._partition(sorted(words), n) if len(words) >= n else None
            if items is not None:
                self._sector_items[(lo, hi, n)] = items
                return items
        return None

    def _sector_words(self) -> list[tuple[int, int, str, str]]:
        """Every sector word and part of a sector's name in the report, overlaps kept (built once)."""
        if self._sectors is None:
            found = [(h.start, h.end, t.extra, t.value) for h in self.hits for t in h.tags
                     if t.kind == "concept" and t.extra in ("sector", "sector_part")]
            # `khu vực I - II - III lần lượt là 40,97% - 16,18% - 39,77%`: the areas after the first named by their
            # numbers alone (each numbered area's sector as concepts.csv names `khu vực II`)
            for run in _NUMBERED_AREAS.finditer(self.key):
                for num in _AREA_NUMBER.finditer(self.key, run.start(1), run.end()):
                    sector = self.g.numbered_areas.get(num.group())
                    if sector is not None and not any(c[0] <= num.start() < c[1] for c in found):
                        found.append((num.start(), num.end(), "sector", sector))
            self._sectors = sorted(found)
        return self._sectors

    def _partition(self, words: list[tuple[int, int, str, str]], n: int) -> list[tuple[int, int, str]] | None:
        compounds = self.g.sector_compounds

        def item(group: list[tuple[int, int, str, str]]) -> str | None:
            if len(group) == 1:  # (a part alone names its sector when every word is an item: `NN-CNXD-TMDV`)
                return group[0][3] if group[0][2] == "sector" or len(words) == n else None
            return compounds.get(frozenset(w[3] for w in group)) if any(w[2] == "sector" for w in group) else None

        best: tuple[int, list[tuple[int, int, str]]] | None = None

        def split(i: int, left: int, acc: list[tuple[int, int, str]], score: int) -> None:
            nonlocal best
            if left == 1:
                value = item(words[i:])
                if value is not None and (best is None or score > best[0]):
                    best = (score, [*acc, (words[i][0], words[-1][1], value)])
                return
            for j in range(i + 1, len(words) - left + 2):
                value = item(words[i:j])
                if value is not None:
                    gap = self.key[words[j - 1][1]:words[j][0]]
                    split(j, left - 1, [*acc, (words[i][0], words[j - 1][1], value)],
                          score + (1 if _ITEM_SEPARATOR.search(gap) else 0))

        split(0, n, [], 0)
        return best[1] if best is not None else None

    def _names_own_figure(self, h: tuple[int, int, str, str], heads: list[tuple[int, int, str, str]],
                          before: int) -> bool:
        """Whether head `h` is written right before a figure of its own that comes before `before` (`tỷ trọng
        65,34%`, `chiếm tỷ trọng 27,43%`: heads joined one to the next count as one)."""
        end = h[1]
        for k in heads:
            if k[0] >= end and k[0] - end <= 2:
                end = k[1]
        return end < before - 3 and _OWN_FIGURE.match(self.key, end) is not None

    def priced(self, lo: int, hi: int) -> bool:
        """`giá lúa tăng 25-30%`: the last head before the figure names the price of a thing written right
        after it, which no indicator measures (not the paddy's yield an earlier `năng suất` would make it)."""
        heads = [c for c in self.concepts_in(lo, hi) if c[2] == "head"]
        if not heads:
            return False
        sig = self.g.concepts.metric(heads[-1][3], set())
        end = heads[-1][1]
        return sig is not None and sig.metric == NO_METRIC and any(
            c[2] in _NAMED_AFTER_KINDS and end < c[0] <= end + 1 for c in self.concepts_in(end, hi))

    def _last_amount(self, m: Mention) -> Fact | None:
        """The last level read before `m` in a unit `m` can be a part of."""
        before = [f for fs in self.levels.values() for f in fs
                  if f.char_end <= m.start and compatible(self.ref.metrics[f.metric].unit, m)]
        return max(before, key=lambda f: f.char_start, default=None)

    def _previous_domain(self, sent: Sentence, m: Mention) -> str | None:
        """The one domain (seeds/grammar/concepts.csv) the sentence before `sent` names for its figures, in the same
        paragraph, when `sent` names no sector, domain, ownership or indicator of its own before `m`."""
        before = self.sentences[sent.index - 1]
        if before.paragraph != sent.paragraph or any(c[2] in _SUBJECT_KINDS
                                                     for c in self.concepts_in(m.end, sent.end)) \
                or next(self.lefts_nearest_first(sent.start, m.number_start), None) is not None:
            return None
        # (a domain the sentence only talks about, `giá sản phẩm gia cầm đã nhích lên`, with no figure after it, is
        # not what the next sentence counts)
        named = {c[3] for c in self.concepts_in(before.start, before.end) if c[2] == "domain"
                 and any(ch.isdigit() for ch in self.key[c[1]:before.end])}
        return named.pop() if len(named) == 1 else None

    def _subject_after_fronted(self, sent: Sentence, m: Mention, kind: str) -> str | None:
        """`Với tốc độ tăng trưởng 7,22%, khu vực dịch vụ đã trở thành bệ đỡ ...`: in a sentence opening on a phrase
        of its figure (seeds/grammar/words.csv `fronted_phrase`), the subject named right after the phrase's comma."""
        comma = skip_spaces(self.key, m.end)
        if not self.key.startswith(",", comma):
            return None
        opened = max(self.key.rfind(ch, sent.start, m.number_start) for ch in ",;:")  # (`Năm 2025, với ...`)
        fronted = self.g.fronted_phrase.match(self.key, skip_spaces(self.key, max(sent.start, opened + 1)),
                                              m.number_start)
        if fronted is None or "(" in self.key[fronted.end():m.number_start]:
            return None
        at = skip_spaces(self.key, comma + 1)
        named = [c for c in self.concepts_in(at, min(sent.end, at + 40)) if c[2] == kind
                 and _SUBJECT_LEAD.fullmatch(self.key, at, c[0])]
        return named[0][3] if named else None

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
        for ch in ",;(:":
            i = self.key.find(ch, m.end, stop)
            stop = i if i >= 0 else stop
        listed = g.list_marker.search(self.key, m.end, stop)  # (`6.600 ha bao gồm sầu riêng ...`: the parts' crops)
        stop = listed.start() if listed is not None else stop
        dest = g.destination.search(self.key, m.end, stop)
        stop = dest.start() if dest is not None else stop
        in_sentence = self.concepts_in(sent.start, m.number_start)
        # (a verb holding the destination word is the figure's: `3.500 ha đất lúa được chuyển sang ...`)
        all_after = [c for c in self.concepts_in(m.end, min(dest.end() if dest is not None else stop, sent.end))
                     if c[0] < stop]
        after = [c for c in all_after if c[2] not in ("head", *_SUBJECT_KINDS)]
        # `đóng góp` heads only a figure in percentage points (a contribution to growth)
        heads = [c for c in in_sentence if c[2] == "head" and (m.points or c[3] != "growth_contribution")
                 and not self.whole_of_share(sent, c[0]) and c[0] not in self.heads_after]
        if m.unit == "percent" and g.plan_word_end.match(self.key, _SO_VOI.match(self.key, m.end).end()):
            # `..., bằng 100,5% kế hoạch 6 tháng và chiếm 44,3% kế hoạch năm`: what takes a share of a plan attains
            # it; the figure is no share of a sector
            heads = [c for c in heads if c[3] != "share"]
        lead = self.list_leads.get(sent.paragraph)
        if lead is None and not heads and sent.index and self.g.list_start.match(self.key, sent.start, m.number_start):
            # `Tỷ trọng giá trị sản xuất chuyển dịch theo hướng ... Trong đó, nông nghiệp và thủy sản đạt 6,89%`: a list
            # opening right after a sentence with no figure goes on with the indicator that sentence names
            before = self.sentences[sent.index - 1]
            lead = before if before.paragraph == sent.paragraph \
                and _names_no_amount(before.text) else None
        if not heads and lead is not None:  # `Cơ cấu kinh tế:` over `+ Ngành dịch vụ: 40,62%`: the lead's head
            heads = [c for c in self.concepts_in(lead.start, lead.end) if c[2] == "head"
                     and (m.points or c[3] != "growth_contribution") and not self.whole_of_share(lead, c[0])
                     and c[0] not in self.heads_after]
        item_heads = [c for c in heads if c[0] >= item_lo]
        if m.unit == "percent" and not item_heads and g.rate_noun.search(
                self.key, lookback_start(self.key, item_lo, m.number_start), m.number_start):
            # `...; tỷ lệ hộ dân được cung cấp nước sạch đạt hơn 96,3%`: an item naming a rate no alias knows is
            # that rate, not a change of the indicator an earlier item named
            return None
        mods = {(c[2], c[3]) for c in in_sentence if c[0] >= item_lo and c[2] not in ("head", *_SUBJECT_KINDS)}
        crops = [c for c in in_sentence if c[2] in _NAMED_AFTER_KINDS]
        named_after = [c for c in crops if c[0] >= item_lo]
        sep = _ITEM_CUT.search(self.key, item_lo, m.number_start) \
            if named_after and item_lo > sent.start and self.key[item_lo - 1] not in ",;:(" else None
        if sep is not None:  # `trồng mới 86,72ha chè, 95,79ha rừng`: the crop after the figure before is that one's
            mods -= {(c[2], c[3]) for c in named_after if c[0] < sep.end()}
        acts = [c for c in in_sentence if c[2] == "action" and c[0] >= item_lo]
        comma = self.last_mark(",", item_lo, m.number_start) if len({c[3] for c in acts}) > 1 else -1
        if comma >= 0 and any(c[0] > comma for c in acts):
            # `lúa vụ Đông Xuân đã thu hoạch xong, với diện tích gieo trồng 26.844ha`: an action of the figure's own
            # clause, not one an earlier clause says became of the crop
            mods -= {("action", c[3]) for c in acts if c[0] < comma} - {("action", c[3]) for c in acts if c[0] > comma}
        cut = self.last_mark(",)", item_lo, m.number_start) if self.key.endswith("%", 0, item_lo) else -1
        if cut >= 0 and any(c[0] < cut for c in acts) and any(c[2] == "head" and c[0] > cut for c in in_sentence):
            # `đã thu hoạch 5.200 ha, đạt 90% diện tích gieo cấy, sản lượng ước 31.000 tấn`: an action an earlier
            # clause names (the base a ratio before was of) is not the figure's, whose own clause names its measure
            mods -= {("action", c[3]) for c in acts if c[0] < cut} - {("action", c[3]) for c in acts if c[0] > cut}
        mods |= {(c[2], c[3]) for c in after}
        right_after = [c for c in all_after if c[0] <= m.end + 2]
        semi = self.last_mark(";", sent.start, m.number_start) if any(k == "per" for k, _ in mods) else -1
        if not any(c[0] > semi for c in heads):
            semi = -1
        for kind in _SUBJECT_KINDS:  # the sentence's subject: its nearest sector, domain, ownership
            # (not an earlier item's, past a semicolon, when the item names its own head per person or area: `công
            # nghiệp tăng 7%; GRDP/người đạt 175 triệu đồng`)
            nearest = [c for c in in_sentence if c[2] == kind and c[0] > semi
                       and not (kind == "sector" and self._compared_with(sent, c))]
            named_after = [c for c in right_after if c[2] == kind]
            if named_after and not any(c[0] >= item_lo for c in nearest):
                mods.add((kind, named_after[0][3]))  # `thả nuôi được 297.739 ha thủy sản`: what the unit measures
            elif nearest and not (kind == "sector" and _sectors_summed(self.key, nearest)):
                mods.add((kind, nearest[-1][3]))
            elif (subject := self._subject_after_fronted(sent, m, kind)) is not None:
                mods.add((kind, subject))  # `Với tốc độ tăng trưởng 7,22%, khu vực dịch vụ đã trở thành ...`
            elif kind == "domain" and heads and sent.index and not any(c[2] in _SUBJECT_KINDS for c in in_sentence) \
                    and (domain := self._previous_domain(sent, m)) is not None:
                # `Khách lưu trú đạt 346.993 lượt, tăng 21,9%. Doanh thu đạt 563,2 tỷ đồng`: a head the sentence names
                # alone is of the one domain the sentence before it, in its paragraph, is about
                mods.add(("domain", domain))
            elif kind == "sector" and sent.paragraph in self.topics and semi < 0 and not any(
                    self.key[max(sent.start, c[0] - 8):c[0]].rstrip().endswith(self.g.total_word) for c in heads):
                # the paragraph's topic (`Sản xuất công nghiệp ...`); not of a total (`... khu vực dịch vụ 1.641.083
                # triệu đồng. Tổng giá trị gia tăng khoảng 4.206.175 triệu đồng`: the whole economy's)
                mods.add(("sector", self.topics[sent.paragraph]))
        if not any(k == "crop" for k, _ in mods):
            # a sentence about one crop (`gieo sạ lúa được 20.039 ha, đạt 102,49% kế hoạch năm, tăng 427 ha`): its
            # figures are that crop's, when no other crop is named in it
            named = self._crops_in(sent)
            cut = self.last_mark(";:", sent.start, m.number_start)
            if len({c[3] for c in named}) == 1 and named[0][1] <= m.number_start and (
                    cut < named[0][1] or any(c[2] == "head" and c[0] > cut for c in in_sentence)):
                # (named before the figure, in the same item: not a sibling's in a list `tôm thẻ 3.100 tấn; cá ...`;
                # past a semicolon only for an item that names the measure and no thing: `Diện tích lạc đạt 168,2
                # ha; sản lượng đạt 415,7 tấn`)
                mods.add(("crop", named[0][3]))
            elif cut >= 0 and any(c[2] == "head" and c[0] > cut for c in in_sentence) and not any(
                    c[0] > cut and c[2] in (*_SUBJECT_KINDS, "crop") for c in in_sentence):
                # `...; cây rau các loại, năng suất đạt 249,7 tạ/ha, tăng 1,2%; sản lượng đạt 45,8 nghìn tấn`: an item
                # naming only the measure goes on with the crop named last before it
                before = [c for c in named if c[1] <= cut]
                if before:
                    mods.add(("crop", before[-1][3]))
        if crops and not any(k == "crop" for k, _ in mods) and not any(
                c[0] >= item_lo and c[2] in _SUBJECT_KINDS for c in in_sentence):
            # `Cây ngô: năng suất ước đạt 46,7 tạ/ha (+1,1%), sản lượng đạt 1.235 tấn`: the crop its clause is
            # about, when the clause names one and the item nothing of its own
            cut = self.last_mark(";", sent.start, m.number_start)
            words = [c for c in crops if (cut + 1 if cut >= 0 else sent.start) <= c[0] and c[1] <= item_lo]
            named = {c[3] for c in words if c[2] == "crop"}
            if len(named) == 1:
                mods.add(("crop", named.pop()))
        if any(c[2] == "per" and c[3] == "10k" for c in in_sentence):
            mods.add(("per", "10k"))  # `Mỗi vạn dân có 28 giường bệnh và 8,5 bác sĩ`: the frame covers the list
        if m.unit in _UNIT_MODS:  # `131,9 triệu đồng/ha`: the unit says per what
            mods.add(_UNIT_MODS[m.unit])
        if sent.paragraph in self.crop_topics and not any(k == "crop" for k, _ in mods):
            mods.add(("crop", self.crop_topics[sent.paragraph]))  # the paragraph's label (`Cây lúa: ...`)
        # (a crop is perennial or not wherever it was named: its area stands or is sown)
        mods |= {("cycle", g.crop_cycles[v]) for k, v in list(mods) if k == "crop" and v in g.crop_cycles}
        options: list[tuple[str, int, int, str]] = []  # head, start, end, how
        if m.points and any(c[3] == "growth_contribution" for c in in_sentence if c[2] == "head" and (
                c[0] >= item_lo or all(h[3] in ("growth_contribution", "grdp") for h in item_heads))):
            # (the growth a contribution is to may stand in the item: `Khu vực đóng góp lớn nhất vào mức tăng trưởng
            # chung 5,22% GRDP ... là công nghiệp và xây dựng với 3 điểm %`)
            options.append(("growth_contribution", m.start, m.start, "concept"))
        if m.unit == "count":  # the counted noun itself (`đạt trên 310.000 lượt người` under `du lịch`)
            counted = [c for c in self.concepts_in(m.number_end, max(m.end, min(stop, sent.end)))
                       if c[2] == "head" and c[0] <= m.end]
            options += [(c[3], c[0], c[1], "concept") for c in counted[:1]]
        elif m.unit in ("VND", "USD"):  # the money named right after its amount (`2,738 tỷ USD vốn đầu tư`)
            options += [(c[3], c[0], c[1], "concept") for c in all_after[:1] if c[2] == "head" and c[0] <= m.end + 2
                        and c[0] not in self.heads_after]
        own_words = any(c[0] >= item_lo and c[2] in _SUBJECT_KINDS for c in in_sentence)
        for h in reversed(item_heads or (heads if wide else [])):  # the nearest head first
            if not item_heads and len(heads) > 1 and self._names_own_figure(h, heads, m.number_start):
                # `..., chiếm tỷ trọng 65,34%; nhóm ngành công nghiệp - xây dựng tăng 14,31%`: a head written right
                # before a figure of its own names that figure, not a later item's (the sentence's other heads do)
                continue
            if h[3] == "value_generic" and not own_words and governing is not None \
                    and compatible(self.ref.metrics[governing.code].unit, m):
                # `tổng mức bán lẻ ... tháng 9 ước đạt 5.588,6 tỷ đồng; còn luỹ kế 9 tháng giá trị ước đạt 48.197,4 tỷ
                # đồng`: a bare `giá trị` is the value of the indicator the paragraph is about
                continue
            if h[3] == "grdp" and h[0] >= item_lo and governing is not None \
                    and self.key[h[0]:h[1]] in g.bare_growth_heads \
                    and any(c[2] == "sector" and c[0] >= item_lo for c in in_sentence) \
                    and g.concepts.head_of_metric.get(governing.code) not in (None, "grdp") \
                    and g.concepts.metric(g.concepts.head_of_metric[governing.code], mods) is not None:
                # `tốc độ tăng trưởng GTSX ... đạt 35%. Trong đó, công nghiệp - xây dựng có tốc độ tăng trưởng 37%`: a
                # growth rate named with no object is the growth of the indicator governing it, not the economy's
                options.append((g.concepts.head_of_metric[governing.code], h[0], h[1], f"{UNDER} '{governing.text}'"))
                continue
            options.append((h[3], h[0], h[1], "concept"))
        if not wide:
            governing = None
        if governing is not None and governing.code in g.concepts.head_of_metric:
            head = g.concepts.head_of_metric[governing.code]
            if head == "share" and self._sector_grows(m, mods, item_lo):
                # `khu vực công nghiệp xây dựng chiếm tỷ trọng 60% trong GRDP ... ngành công nghiệp chế biến chế tạo
                # tăng gần 7,5%`: under a share, the sector's value added growing
                head = "grdp"
            options.append((head, item_lo, item_lo, f"{UNDER} '{governing.text}'"))
        # (after an opening frame, `Ở khu vực công nghiệp và xây dựng, ngành công nghiệp ước ... tăng 8,51%`: the sector
        # opening the clause after it)
        framed = g.frame_opening.match(self.key, sent.start)
        after_frame = self.key.find(",", sent.start, min(sent.end, sent.start + 80)) + 1 if framed else 0
        if wide and not heads and governing is None and any(k == "sector" for k, _ in mods) and any(
                c[2] == "sector" and (c[0] - sent.start <= 25 or 0 < after_frame <= c[0] <= after_frame + 25)
                and self.says_nothing(self.blank_periods(c[1], m.number_start)) for c in in_sentence) and (
                under := next((a for a in reversed(self.earlier) if a.code in g.concepts.head_of_metric
                               and g.concepts.metric(g.concepts.head_of_metric[a.code], mods) is not None), None)):
            # `Đối với khu vực nông, lâm nghiệp và thủy sản, ước 6 tháng đầu năm 2022 tăng 2,51%` opening a paragraph
            # after the economy's growth by sector: a sector opening its sentence, with only a period and a verb before
            # the figure, is of the last indicator read that has sectors
            options.append((g.concepts.head_of_metric[under.code], item_lo, item_lo, f"{SECTOR_UNDER} '{under.text}'"))
        if wide and not item_heads and g.breakdown_lead.match(self.key, sent.start) and (
                amount := self._last_amount(m)) is not None and amount.metric in g.concepts.head_of_metric:
            # `Tổng mức bán lẻ ... 250 tỷ đồng` ... a paragraph on prices ... `Phân theo loại hình kinh tế: Kinh tế nhà
            # nước ước đạt 63 tỷ đồng`: a breakdown goes on with the last amount read in its unit
            options.append((g.concepts.head_of_metric[amount.metric], item_lo, item_lo, BREAKDOWN_OF_LAST))
        if wide and m.unit in g.unit_heads and not any(c[3] == "revenue" for c in item_heads):
            # (a revenue named in the item is no production value: `doanh thu của doanh nghiệp trong nước đạt ...`)
            options.append((g.unit_heads[m.unit], item_lo, item_lo, f"concept of a figure in {m.unit}"))
        for head, start, end, how in options:
            if how == "concept" and self.key[start:end] in g.growth_of_amount and m.unit == "percent" and (
                    amount := self._last_amount(m)) is not None and amount.sentence_index == sent.index \
                    and amount.unit == "VND" and amount.metric in g.concepts.head_of_metric:
                head = g.concepts.head_of_metric[amount.metric]  # (the growth of the amount just stated)
            if head == "share" and start < sent.start and self._sector_grows(m, mods, item_lo):
                # `tỷ trọng công nghiệp – xây dựng, dịch vụ ... đều tăng. Cụ thể, khu vực nông, lâm nghiệp và thủy sản
                # tăng 3,04%`: an item naming only a sector and its growth in percent (a share moves by points)
                # under a share named in a sentence before is the sector's value added growing (not in a list its
                # own sentence heads with the structure: `cơ cấu ... giảm 1,02%; khu vực công nghiệp ... tăng 4,19%`)
                head = "grdp"
            sig = None
            if how.startswith(UNDER) and governing is not None and not any(k == "action" for k, _ in mods) \
                    and (done := g.concepts.actions_of(governing.code) & g.inherited_actions):
                # `đã thu hoạch ... được 47.124 ha; trong đó: lúa 35.023 ha`: an item under an indicator of a deed
                # (harvested) naming none of its own is that deed's
                sig = g.concepts.metric(head, mods | done)
            sig = sig or g.concepts.metric(head, mods)
            if sig is None or (not sig.modifiers and how != "concept" and not (
                    governing is not None and how.startswith(UNDER) and sig.metric != governing.code
                    and not compatible(self.ref.metrics[governing.code].unit, m))):
                # (the head's generic indicator is new under another of its indicators in another unit: `xuất khẩu
                # khoảng 2.000 tấn cà phê nhân, giá trị ước đạt 10,63 triệu USD`, the value after the volume)
                continue
            if sig.metric == NO_METRIC:  # (a price base, `theo giá so sánh 2010`, names no figure either)
                continue
            if any(v == "*" and k != "sector" for k, v in sig.modifiers) and head not in g.trade_heads and any(
                    c[2] == "head" and c[3] in g.trade_heads
                    for c in self.concepts_in(self.paragraph_start.get(sent.paragraph, sent.start), m.number_start)):
                # `cà phê là mặt hàng xuất khẩu chủ lực, với sản lượng 202.000 tấn. Kế đến là hạt điều 21.000 tấn`:
                # goods traded in the paragraph, not any crop's output (a branch of an index is no goods: `chỉ số sản
                # xuất công nghiệp ... tăng 12,3%. Trong đó, sản xuất xe có động cơ ... tăng 25,1%` after `xuất khẩu`)
                continue
            metric = self.ref.metrics.get(sig.metric)
            if metric is None or not (compatible(metric.unit, m) or (
                    m.unit == "count" and metric.unit == "per_10k_people")):
                continue
            counted = self.ref.counted_words.get(sig.metric)
            if m.counter and counted and m.counter.split()[0] not in counted:
                continue  # `có 50 cơ sở khách sạn ...` after visitors: establishments are no visits
            words = [c for c in in_sentence + after
                     if (c[2], c[3]) in sig.modifiers or (c[2], "*") in sig.modifiers or c[3] == head]
            lo = min([start] + [c[0] for c in words])
            hi = max([end] + [c[1] for c in words if c[1] <= m.number_start])
            if how != "concept":  # no head word named it: its span is the item's start, the verbs are after
                lo = hi = start
            elif (colon := self.key.rfind(":", end, m.number_start)) >= 0 and not any(c[0] > colon for c in words):
                own = {(c[2], c[3]) for c in in_sentence if c[0] > colon and c[2] in _ITEM_OWN_KINDS}
                narrower = g.concepts.metric(head, own) if own else None
                if narrower is not None and narrower.metric != sig.metric and narrower.metric in self.ref.metrics \
                        and compatible(self.ref.metrics[narrower.metric].unit, m):
                    # `Sản lượng nuôi trồng thủy sản ... 34.000 tấn ...; trong đó: tôm đạt 20.000 tấn`: an item naming
                    # a crop of its own is that crop's (the lead's head), not the lead's total
                    return Choice(g.metric_alias(narrower.metric), start, end, how)
                # `Nhiều ngành có chỉ số sản xuất ... tăng, như: dệt (+5,2%); trang phục (+4,26%)`: the lead names
                # the indicator, the item only a part of it the grammar cannot name (no proof against the total)
                how = LIST_LEAD
            if start >= m.end:
                self.heads_after.add(start)  # the amount's own name: it names no later figure
            wild = [c for c in words if (c[2], "*") in sig.modifiers]
            return Choice(g.metric_alias(sig.metric), lo, hi, how, (wild[-1][0], wild[-1][1]) if wild else None)
        return None

    def _compared_with(self, sent: Sentence, c: tuple[int, int, str, str]) -> bool:
        """`khu vực công nghiệp - xây dựng tiếp tục vượt lên trên khu vực nông, lâm nghiệp và thủy sản`: a sector right
        after words that compare with it (seeds/grammar/words.csv `compared_sector`) is not the sentence's subject."""
        return self.g.compared_sector.search(self.key, max(sent.start, c[0] - 32), c[0]) is not None

    def _sector_grows(self, m: Mention, mods: set[tuple[str, str]], item_lo: int) -> bool:
        """Whether an item names a sector said to grow or fall by a percentage (not points): a share moves by points
        and is named as such, so under a share's head this is the sector's value added growing."""
        return m.unit == "percent" and not m.points and any(k == "sector" for k, _ in mods) \
            and self.g.roles.last_verb(self.key[item_lo:m.number_start]) in ("increase", "decrease")

    def names_growth(self, lo: int, hi: int) -> bool:
        """Whether growth is named right before a sector somewhere in [lo, hi) (a cheap test before the reading)."""
        return _GROWTH_WORD.search(self.key, lo, hi) is not None

    def sector_growth_choice(self, sent: Sentence, item_lo: int, m: Mention,
                             named_growth: bool = False) -> Choice | None:
        """`Các ngành kinh tế ...: công nghiệp - xây dựng tăng trưởng bình quân 11,85%/năm`: a sector of the economy
        said to grow by a percentage, in a sentence naming no head, domain or crop before it, when nothing else named
        the figure. A province's is its value added (statistics compile GRDP by sector: 190 of 207 such gold figures
        of provinces), a district's its production value (87 of 107 of districts, towns and cities). With
        `named_growth`, only a sector growth is named right before (`tăng trưởng khu vực dịch vụ đạt 6,1%`)."""
        # (a growth named before the sector looks for other heads in its own item only)
        if m.unit != "percent" or m.points or any(c[2] in ("head", "domain", "crop") for c in self.concepts_in(
                max(item_lo, sent.start) if named_growth else sent.start, m.number_start)):
            return None
        # (after any figure of the sentence: `sản xuất nông nghiệp ... 26.135 ha, giảm 1,32%` is the area's change)
        lo = max(item_lo, sent.start)
        growing = self.g.growing_sectors | (self.g.growing_sectors_district if self.level == "district" else set())
        sectors = [c for c in self.concepts_in(lo, m.number_start)
                   if c[2] == "sector" and not self._compared_with(sent, c)]
        if not sectors or sectors[-1][3] not in growing:
            return None  # (`công nghiệp khai khoáng tăng 2%`: a branch, the index's or the value added's by context)
        c = sectors[-1]
        between = self.key[c[1]:m.number_start]
        grown = _GROWTH_OF_SECTOR.search(self.key, max(lo, c[0] - 32), c[0]) is not None \
            and self.g.roles.last_verb(between) in ("reach", None)  # `tăng trưởng khu vực dịch vụ đạt 6,1%`
        if (named_growth and not grown) or (self.g.roles.last_verb(between) not in ("increase", "decrease")
                                            and self.g.growth_alone.search(between) is None and not grown):
            return None
        head = "production_value" if self.level == "district" else "value_added"
        sig = self.g.concepts.metric(head, {("sector", c[3])})
        if sig is None or ("sector", c[3]) not in sig.modifiers or not compatible(self.ref.metrics[sig.metric].unit, m):
            return None
        return Choice(self.g.metric_alias(sig.metric), c[0], c[1], SECTOR_GROWS)

    def domain_choice(self, sent: Sentence, item_lo: int, m: Mention) -> Choice | None:
        """`sản phẩm chủ yếu như: Sản phẩm sợi tăng 7%`: a change whose item names only a domain with a head of its
        own (`seeds/grammar/concepts.csv`, kind domain_head), when nothing else named the figure."""
        if m.unit != "percent":
            return None
        para_lo = self.paragraph_start.get(sent.paragraph, sent.start)
        if any(self.ref.metrics[h.alias.code].domain == "trade"
               for h in self.lefts_nearest_first(para_lo, m.number_start)):
            return None  # `mọi nhóm hàng hóa đều tăng, ... kim loại quý và sản phẩm tăng 22,2%`: goods sold, not made
        for c in reversed(self.concepts_in(max(item_lo, sent.start), m.number_start)):
            if c[2] != "domain" or c[3] not in self.g.domain_heads:
                continue
            if self.g.branch_word.search(self.key, max(self.last_mark(",;", sent.start, c[0]), sent.start), c[0]):
                return None  # (`ngành sản xuất da và các sản phẩm có liên quan ... tăng 65,29%`: a branch)
            sig = self.g.concepts.metric(self.g.domain_heads[c[3]], {("domain", c[3])})
            if sig is not None and compatible(self.ref.metrics[sig.metric].unit, m):
                return Choice(self.g.metric_alias(sig.metric), c[0], c[1], f"concept of the domain '{c[3]}'")
        return None


def clause_start_of(key: str, sent: Sentence, pos: int) -> int:
    cut = key.rfind(";", sent.start, pos)
    return cut + 1 if cut >= 0 else sent.start


def running_total(doc: Document, at: int) -> bool:
    """`..., luỹ kế được 1.489,51 tỷ đồng`: a running total, whose parts and total are running totals
    too (the month's figure beside it is another statement)."""
    return doc.g.running.search(doc.key, max(0, at - 32), at) is not None \
        or doc.g.running_lead.search(doc.key, max(0, at - 72), at) is not None


_JOINED = re.compile(fold_pattern(r"\s*(?:và|,|cùng|lẫn)\s*$"))


def _sectors_summed(key: str, sectors: list) -> bool:
    """`tổng giá trị sản xuất các ngành công nghiệp, nông nghiệp và xây dựng đạt 11.450 tỷ đồng`: sectors listed
    together after a collective (`các ngành`, `các lĩnh vực`) name the whole they make up, none of them alone."""
    run = [sectors[-1]]
    for c in reversed(sectors[:-1]):
        if _JOINED.match(key, c[1], run[0][0]) is None:
            break
        run.insert(0, c)
    return len({c[3] for c in run}) > 1 and _COLLECTIVE.search(key, max(0, run[0][0] - 24), run[0][0]) is not None


_COLLECTIVE = re.compile(fold_pattern(r"(?<!\w)các\s+(?:ngành|lĩnh\s+vực|khu\s+vực)\s*$"))


def _sectors_joined(key: str, sectors: list) -> bool:
    """`Sản xuất công nghiệp và nông nghiệp đều đạt mức khá`: a paragraph opening on two sectors joined is about
    neither alone."""
    return len(sectors) > 1 and sectors[1][3] != sectors[0][3] and _JOINED.match(key, sectors[0][1], sectors[1][0]) \
        is not None
