"""Which indicator (metric) a figure is about: the recogniser.

Evidence, in the order it is weighed (the first source that yields a metric whose unit fits the
figure wins; `Choice.how` says which, and `chitieu explain` shows it):

1. `frame`: the phrase around the figure names what is counted or measured
   (`{N} doanh nghiệp thành lập mới`, `thu hút … {N} lượt`), most specific frame first;
2. `after`: a rate's own name right after a percentage (`85% khu dân cư đạt chuẩn ...`);
3. `clause`: the nearest indicator named before the figure in its clause, completed by the
   words of a list item (`giá trị tăng thêm khu vực công nghiệp - xây dựng ..., dịch vụ 15,5%`);
4. `concept`: concept words (seeds/grammar/concepts.csv) composed by the signatures of
   seeds/grammar/signatures.csv: a head (`giá trị sản xuất`, `diện tích`, `sản lượng`,
   `tỷ trọng`) with its modifiers (a sector, a crop, an action, a domain) anywhere in the
   clause, or modifiers alone under the head the sentence or paragraph is about
   (`Khu vực nông - lâm - thủy sản đóng góp gần 900 tỷ đồng`);
5. `context`: an elided subject (`; lũy kế 7 tháng ước đạt ...`) takes the paragraph's last
   indicator; a topic label opening the line or the list (`- Du lịch: ...`) and the heading
   give the domain;
6. `fuzzy`: an alias written with a typo (`thu ngân sánh`), by edit distance.

Unit compatibility filters every source: a metric in VND takes money, a rate takes percent, a
count takes a counted noun; a percentage fits any metric (its role says how).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from transforms.grammar.keys import fold, spelled, tones
from transforms.grammar.lexicon import Hit
from transforms.grammar.numbers import Mention
from transforms.reference import Alias, Reference

# How far before a number its indicator's frame or misspelt name is looked for. A clause can run
# on for pages in a malformed text; a bound keeps the work per number constant.
LOOKBACK = 400
# Partial ratio on folded text (tones are already gone, so `bán lẽ` is no typo). Measured in
# tests/test_metric_aliases.py: real typos score 92.3 (`chi ngân sánh`) to 96.4; the nearest
# phrases that are other indicators 89.5 and 88.5.
FUZZY_MIN_SCORE = 90.0
FUZZY_SLACK = 2  # letters a typo may drop from an alias
FUZZY_MIN_LEN = 10  # letters; shorter aliases are one slip away from common words

_CURRENCY_TWINS = {("USD", "VND"), ("VND", "USD"), ("VND/person/year", "USD/person/year"),
                   ("USD/person/year", "VND/person/year")}


@dataclass(frozen=True)
class Choice:
    """A metric and the words that named it."""

    alias: Alias  # the alias (or the composed alias) of the metric
    start: int  # span of the naming words in the text
    end: int
    how: str  # frame | after | clause | concept | context | fuzzy
    scope: tuple[int, int] | None = None  # the word a wildcard signature read (`chuối` of crop_output): the scope

    @property
    def code(self) -> str:
        return self.alias.code


# a metric per person or per hectare takes the bare currency: `thu nhập bình quân đầu người 75 triệu
# đồng`, `giá trị sản phẩm trên 1 ha đất canh tác: 84 triệu đồng` (the indicator says per what)
PER_UNIT_CURRENCY = {"VND/person/year": "VND", "USD/person/year": "USD", "VND/ha": "VND"}
# the per-capita unit a bare currency takes (`GRDP bình quân đầu người đạt 96,3 triệu đồng`: VND/person/year)
PER_CAPITA_OF = {"VND": "VND/person/year", "USD": "USD/person/year"}


def compatible(metric_unit: str, m: Mention) -> bool:
    """Whether a figure in `m`'s unit can be a figure of a metric in `metric_unit` (`tonne|count`: a
    metric measured in whichever unit its object takes, as one industrial product's output)."""
    if m.unit is None:  # `9.242 tỷ` without `đồng`: a scaled amount of the metric's currency
        # (`thu nhập bình quân đầu người đạt 51,7 triệu đồng, tăng 6,5 triệu`: of an amount per person too)
        return m.scale >= 1e6 and (metric_unit in ("VND", "USD") or metric_unit in PER_CAPITA_OF.values())
    return (m.unit == "percent" or m.unit in metric_unit.split("|") or (metric_unit, m.unit) in _CURRENCY_TWINS
            or PER_UNIT_CURRENCY.get(metric_unit) == m.unit
            or (metric_unit.endswith("/person/year") and m.unit in PER_CAPITA_OF))


def lookback_start(key: str, lo: int, hi: int) -> int:
    """`lo`, or the first word start in the last LOOKBACK characters before `hi`."""
    if hi - lo <= LOOKBACK:
        return lo
    cut = key.find(" ", hi - LOOKBACK, hi)
    return cut + 1 if cut >= 0 else hi - LOOKBACK


def lookahead_end(key: str, lo: int, hi: int) -> int:
    """`hi`, or the last word end in the first LOOKBACK characters after `lo`."""
    if hi - lo <= LOOKBACK:
        return hi
    cut = key.rfind(" ", lo, lo + LOOKBACK)
    return cut if cut > lo else lo + LOOKBACK


@lru_cache(maxsize=8192)
def folded(text: str) -> str:
    return fold(text)


@lru_cache(maxsize=4096)
def spelled_alias(text: str) -> str:
    text = unicodedata.normalize("NFC", text.lower())
    return spelled(fold(text), tones(text))[0]


@lru_cache(maxsize=4096)
def frame_weight(text: str, lead_in: re.Pattern[str]) -> int:
    """How specific a frame is: its letters, less the lead-in words before `{N}` (`đạt`, `có`),
    which say nothing of the indicator: `{N} tiêu chí/xã` is more specific than `đạt {N} tiêu chí`."""
    pre = folded(text.split("{N}", 1)[0])
    lead = sum(len(w) for w in re.findall(r"\w+", pre) if lead_in.fullmatch(w + " "))
    return len(re.sub(r"[\s…]|\{N\}", "", text)) - lead


@dataclass(frozen=True)
class AliasHit:
    start: int
    end: int
    alias: Alias


def subject_hits(key: str, hits: list[Hit], ref: Reference, sentences: list) -> list[AliasHit]:  # noqa: ANN001
    """Subject aliases found in the text, longest first without overlaps within a sentence.

    The lexicon gives every alias without a gap directly, and the first words of an alias with
    gaps (`cơ cấu kinh tế … dịch vụ`), whose whole pattern is then checked from there."""
    cands: list[AliasHit] = []
    for h in hits:
        for t in h.tags:
            if t.kind == "alias":
                cands.append(AliasHit(h.start, h.end, ref.aliases[int(t.extra)]))
            elif t.kind == "alias_anchor":
                a = ref.aliases[int(t.extra)]
                assert a.pattern is not None
                m = a.pattern.match(key, h.start, min(len(key), h.start + 400))
                if m is not None:
                    cands.append(AliasHit(m.start(), m.end(), a))
    sent_starts = [s.start for s in sentences]
    by_sentence: dict[int, list[AliasHit]] = {}
    for c in cands:
        by_sentence.setdefault(bisect_right(sent_starts, c.start) - 1, []).append(c)
    out: list[AliasHit] = []
    for group in by_sentence.values():
        group.sort(key=lambda h: (-h.alias.literal_len, h.start))
        kept: list[AliasHit] = []
        spans: list[tuple[int, int]] = []
        for h in group:
            i = bisect_left(spans, (h.end,))
            if (i == 0 or spans[i - 1][1] <= h.start) and (i >= len(spans) or spans[i][0] >= h.end):
                kept.append(h)
                spans.insert(i, (h.start, h.end))
        out.extend(kept)
    out.sort(key=lambda h: h.start)
    return out


def fuzzy_alias(key: str, tone_key: str, lo: int, m: Mention, ref: Reference) -> tuple[Alias, tuple[int, int]] | None:
    """A subject alias written with a typo (`thu ngân sánh`), by edit distance, in the clause
    before the number (at most LOOKBACK characters), only aliases long enough to stay unmistakable
    and sharing a whole word with the window. Tones count (`keys.spelled`): `sản lượng tăng` is
    not a misspelt `sản lượng sắn`."""
    lo = lookback_start(key, lo, m.start)
    plain = key[lo:m.start]
    if len(plain) < FUZZY_MIN_LEN:
        return None
    # (a window read before gives the same answer: a long sentence of one repeated shape asks it for every figure)
    memo_key = (ref.digest, plain, tone_key[lo:m.start], key[lo - 1] if lo else "", m.unit,
                m.unit is None and m.scale >= 1e6)
    if (memo := _FUZZY_MEMO.get(memo_key, _UNSEEN)) is not _UNSEEN:
        return None if memo is None else (memo[0], (lo + memo[1], lo + memo[2]))
    found_alias = _fuzzy_alias(key, tone_key, lo, m, ref, plain)
    if len(_FUZZY_MEMO) > 4096:
        _FUZZY_MEMO.clear()
    _FUZZY_MEMO[memo_key] = None if found_alias is None else (
        found_alias[0], found_alias[1][0] - lo, found_alias[1][1] - lo)
    return found_alias


_FUZZY_MEMO: dict[tuple, tuple[Alias, int, int] | None] = {}
_UNSEEN = object()


def _fuzzy_alias(key: str, tone_key: str, lo: int, m: Mention, ref: Reference,
                 plain: str) -> tuple[Alias, tuple[int, int]] | None:
    spelled_window: tuple[str, list[int]] | None = None
    best: tuple[float, int, Alias, int, int] | None = None
    index = ref.word_index
    words = set(re.findall(r"\w+", plain))
    found = sorted({i for w in words for i in index.get(w, ())})
    for i in found:
        a = ref.aliases[i]
        if a.literal_len < FUZZY_MIN_LEN or not compatible(ref.metrics[a.code].unit, m):
            continue
        if spelled_window is None:
            spelled_window = spelled(plain, tone_key[lo:m.start])
        window, where = spelled_window
        target = spelled_alias(a.text)
        if len(target) > len(window) + FUZZY_SLACK:  # the clause is a piece of the alias, not the alias misspelt
            continue
        al = fuzz.partial_ratio_alignment(target, window, score_cutoff=FUZZY_MIN_SCORE)
        if al is None:
            continue
        cand = (al.score, len(target), a, lo + where[al.dest_start], lo + where[al.dest_end - 1] + 1)
        own = set(re.findall(r"\w+", fold(a.text)))
        if any((x, y) in ref.grammar.contrasts for x in own - words for y in words - own):
            continue  # `tổng thu mới ngân sách` is no misspelt `chi ngân sách`: a typo never swaps thu and chi
        if not _keeps_concepts(ref, i, words):
            continue  # `sản lượng thịt trâu` is no misspelt `sản lượng tôm`: a typo changes letters, not what is named
        if _other_head(key, cand[3], a.text, ref):
            continue  # `vốn ngân sách nhà nước` is no misspelt `thu ngân sách nhà nước`: a typo keeps the head
        if best is None or cand[:2] > best[:2] or (cand[:2] == best[:2] and cand[3] > best[3]):
            best = cand
    if best is None:
        return None
    start, end = best[3], best[4]
    if start > lo and key[start - 1].isalnum():
        # (the match may begin inside a word, `kinh p[hí đầu tư]`: the span begins with the next whole word)
        while start < end and key[start].isalnum():
            start += 1
        while start < end and not key[start].isalnum():
            start += 1
    while end < m.start and key[end].isalnum():
        end += 1
    return best[2], (start, end)


# concept kinds (seeds/grammar/concepts.csv) naming what is produced: a typo never turns `tôm` into `thịt`
FUZZY_KEPT_KINDS = frozenset({"crop", "animal_product"})
_KEPT: dict[tuple[str, int], frozenset[str]] = {}


def _keeps_concepts(ref: Reference, i: int, words: set[str]) -> bool:
    """Whether the window holds every word of the alias's concept phrases of FUZZY_KEPT_KINDS and its words of
    seeds/grammar/words.csv `typo_kept`, exactly or one letter off: a typo changes letters, not what is named."""
    kept = _KEPT.get((ref.digest, i))
    if kept is None:
        text = f" {fold(ref.aliases[i].text)} "
        kept = frozenset(w for phrase, tagged in ref.grammar.lexicon.tags.items()
                         if (phrase in ref.grammar.typo_kept
                             or any(t.kind == "concept" and t.extra in FUZZY_KEPT_KINDS for _, t in tagged))
                         and f" {phrase} " in text for w in phrase.split())
        _KEPT[(ref.digest, i)] = kept
    return all(w in words or any(min(len(w), len(x)) >= 3 and Levenshtein.distance(w, x) <= 1 for x in words)
               for w in kept)


def _other_head(key: str, start: int, alias_text: str, ref: Reference) -> bool:
    """Whether a misspelt alias's match starts on the word that heads another indicator's name and is
    none of this alias's words: a typo changes letters, it does not put another indicator's head at
    the front (`vốn ngân sách nhà nước` is no misspelt `thu ngân sách nhà nước`)."""
    while start > 0 and key[start - 1].isalnum():
        start -= 1
    found = re.match(r"\w+", key[start:])
    if found is None:
        return False
    a = found.group()
    if any(a == b or (min(len(a), len(b)) >= 4 and Levenshtein.distance(a, b) <= 1)
           for b in re.findall(r"\w+", fold(alias_text))):
        return False
    return a in ref.first_words


_SECTOR_AREA = fold("vực")  # (the second word of `khu vực`)
_SECTOR_NUMBER = re.compile(r"[123]|i{1,3}")


def item_phrase(key: str, lo: int, hi: int, function_words: frozenset[str], cut: bool = True) -> str:
    """The words of a list item between its comma and its number, without verbs; with `cut=False`
    a comma inside the item stays (`công nghiệp, xây dựng`)."""
    seg = key[lo:hi]
    cut_at = max(seg.rfind(","), seg.rfind(";")) if cut else seg.rfind(";")
    seg = seg[cut_at + 1:] if cut_at >= 0 else seg
    seg = re.sub(r"^[\s,;:()-]+|[\s,;:()-]+$", "", seg)
    words = [w for w in re.split(r"\s+", seg.strip()) if w]
    # `khu vực 2 công nghiệp, xây dựng`: the statistical sectors' numbers (I, II, III) name no words of the item
    words = [w for k, w in enumerate(words) if not (k and words[k - 1] == _SECTOR_AREA and _SECTOR_NUMBER.fullmatch(w))]
    while words and words[-1] in function_words:
        words.pop()
    while words and words[0] in function_words:
        words.pop(0)
    return " ".join(words)


def compose(head: Alias, phrase: str, ref: Reference) -> Alias | None:
    """`giá trị tăng thêm khu vực công nghiệp - xây dựng ..., khu vực dịch vụ` → the services alias:
    the head's leading words with the item's own words, looked up among the aliases."""
    words = head.text.split()
    for k in range(len(words) - 1, 0, -1):
        found = ref.subject_alias(" ".join(words[:k]) + " " + phrase)
        if found is not None and found.code != head.code:
            return found
    # (or, for a line of the services turnover, words.csv `turnover_line`, the leading words of its other names:
    # `dịch vụ lưu trú và ăn uống tăng 15,5%, du lịch tăng 15,5% và dịch vụ khác tăng 15,5%`: doanh thu du lịch, ...)
    lines = ref.grammar.turnover_lines if ref.grammar is not None else frozenset()
    for lead in ref.leads.get(head.code, ()) if head.code in lines else ():
        found = ref.subject_alias(lead + " " + phrase)
        if found is not None and found.code != head.code and found.code in lines:
            return found
    return None


# -- concepts ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Signature:
    metric: str  # NO_METRIC: the words name a measure the contract has no code for (a price)
    head: str
    modifiers: frozenset[tuple[str, str]]  # (kind, value) pairs all required


NO_METRIC = "-"


class Concepts:
    """Heads and modifiers (seeds/grammar/concepts.csv) and the signatures that compose them
    into metrics (seeds/grammar/signatures.csv)."""

    def __init__(self, signatures: list[Signature], head_of_metric: dict[str, str]) -> None:
        self.by_head: dict[str, list[Signature]] = {}
        for s in signatures:
            self.by_head.setdefault(s.head, []).append(s)
        for group in self.by_head.values():
            group.sort(key=lambda s: -len(s.modifiers))
        self.head_of_metric = head_of_metric  # a metric's head, to compose a list item under it
        # the action every signature of a metric requires (harvested, for the harvested area), built once
        by_metric: dict[str, list[frozenset[tuple[str, str]]]] = {}
        for s in signatures:
            by_metric.setdefault(s.metric, []).append(s.modifiers)
        self._actions = {code: frozenset(x for x in frozenset.intersection(*mods) if x[0] == "action")
                         for code, mods in by_metric.items()}

    def narrows(self, code: str, broader: str) -> bool:
        """Whether `code` is `broader` narrowed by a kind of word only it requires (`cpi_group` = the index
        `cpi` + a commodity group): its signature has the broader's head and a modifier kind the broader's
        signatures never take."""
        head = self.head_of_metric.get(broader)
        if head is None or self.head_of_metric.get(code) != head:
            return False
        kinds = {k for s in self.by_head.get(head, ()) if s.metric == broader for k, _ in s.modifiers}
        own = {k for s in self.by_head.get(head, ()) if s.metric == code for k, _ in s.modifiers}
        # (and one of its signatures holds all of one of the broader's: the capital allocated is not narrowed to the
        # capital registered by naming projects)
        def covers(s: Signature, b: Signature) -> bool:
            return all((k, v) in s.modifiers or (k, "*") in s.modifiers for k, v in b.modifiers)

        extends = any(covers(s, b) for s in self.by_head.get(head, ()) if s.metric == code
                      for b in self.by_head.get(head, ()) if b.metric == broader)
        return extends and bool(own - kinds - {"sector", "ownership", "action"})

    def actions_of(self, code: str) -> frozenset[tuple[str, str]]:
        """The action every signature of `code` requires (harvested, for the harvested area): what an item under
        that indicator is done, when the item names no action of its own."""
        return self._actions.get(code, frozenset())

    def metric(self, head: str, mods: set[tuple[str, str]]) -> Signature | None:
        """The most specific signature of `head` whose modifiers are all present (`kind=*`: any
        word of that kind). An action word the signature does not account for names another
        indicator (`diện tích đất trồng lúa chuyển đổi`: land converted, not an area sown): no
        signature then; so does an ownership beside a share."""
        actions = {m for m in mods if m[0] == "action"}
        # (a share by ownership, `công nghiệp có vốn nước ngoài chiếm hơn 90%`, is a part of the indicator read
        # before, not a sector's share of the economy: the structure of the economy is by sectors)
        owners = {m for m in mods if m[0] == "ownership"} if head == "share" else set()
        kinds = {k for k, _ in mods}
        for s in self.by_head.get(head, ()):
            if all((k in kinds) if v == "*" else ((k, v) in mods) for k, v in s.modifiers) and \
                    actions <= s.modifiers and owners <= s.modifiers:
                return s
        return None


# what may stand between two words of one sector's name: a dash, a comma, `và`, `&` (`nông - lâm nghiệp`,
# `nông, lâm nghiệp và thủy sản`, `công nghiệp - XD`)
# (and a bracketed abbreviation of the part before: `công nghiệp - tiểu thủ công nghiệp (TTCN) và xây dựng`)
_SECTOR_JOIN = re.compile(r"[\s\-,&/]*(?:\([^()\d]{1,12}\)[\s\-,&/]*)?(?:va(?!\w)[\s\-,]*)?"
                          r"|\s*\(\s*|\s*\)[\s\-,&/]*(?:va(?!\w)[\s\-,]*)?")  # into or out of the bracket
_SECTORISH = ("sector", "sector_part")


def concept_hits(hits: list[Hit], key: str, compounds: dict[frozenset[str], str],
                 verbs: frozenset[str] = frozenset(), verb_marker: re.Pattern[str] | None = None,
                 ) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, value) of every concept word, in text order, with the sectors a report names
    by their parts (`nông-lâm nghiệp`, `CN - TTCN - xây dựng`, `công nghiệp, xây dựng cơ bản`): a run of
    sector words and parts joined by dashes, commas or `và`, at least one a whole sector word, is one
    sector when seeds/grammar/sector_compounds.csv names what its parts make together (sectors of
    different families, `nông nghiệp, công nghiệp và dịch vụ`, stay a list). A part alone names nothing.
    A sector word that is also a verb (`verbs`) names no sector after a `verb_marker` (`mà tỉnh xây dựng`)."""
    out = sorted((h.start, h.end, t.extra, t.value) for h in hits for t in h.tags if t.kind == "concept")
    # a word that is another word's first syllable in a compound names nothing there (`điều chỉnh`, adjust: not
    # `điều`, cashew; seeds/grammar/concepts.csv kind `compound`)
    blocks = [(c[0], c[1]) for c in out if c[2] == "compound"]
    if blocks:
        out = [c for c in out if c[2] != "compound"
               and not any(a <= c[0] and c[1] <= b and c[1] - c[0] < b - a for a, b in blocks)]
    if verbs and verb_marker is not None:
        out = [c for c in out if not (c[2] == "sector" and key[c[0]:c[1]] in verbs
                                      and verb_marker.search(key, max(0, c[0] - 40), c[0]))]
    words: list[tuple[int, int, str, str]] = []  # sector words and parts, the longest where they overlap
    for c in sorted((c for c in out if c[2] in _SECTORISH), key=lambda c: (-(c[1] - c[0]), c[0])):
        if all(c[1] <= w[0] or c[0] >= w[1] for w in words):
            words.append(c)
    words.sort()
    run: list[tuple[int, int, str, str]] = []
    for w in [*words, None]:
        if w is not None and run and _SECTOR_JOIN.fullmatch(key, run[-1][1], w[0]):
            run.append(w)
            continue
        i = 0
        while i < len(run) - 1:  # the longest named stretch from each word (`nông nghiệp, công nghiệp - XD`)
            j = next((j for j in range(len(run), i + 1, -1) if any(r[2] == "sector" for r in run[i:j])
                      and frozenset(r[3] for r in run[i:j]) in compounds), None)
            if j is None:
                i += 1
                continue
            out.append((run[i][0], run[j - 1][1], "sector", compounds[frozenset(r[3] for r in run[i:j])]))
            i = j
        run = [w] if w is not None else []
    return sorted(c for c in out if c[2] != "sector_part")
