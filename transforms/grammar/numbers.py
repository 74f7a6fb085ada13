"""Numbers as written, with their scale word, unit or counted noun, in base units.

A number is read by `transforms.numbers.parse_number` (the separator rule lives there). Around
it, this module reads what reports put there, in the forms the peers read
(tests/cases/number_forms.csv):
- a scale word and a unit, spaced or glued to the digits: `1.823,1 tỷ đồng`, `16.314ha`,
  `1.000.000đ`, `12 triệu USD`, `45%`;
- digit groups split by a space: `1 000 000 ₫` (only before a unit, a scale word or a currency
  sign, where no two numbers can stand side by side);
- a sign: `-1.000.000`, `(-2,5%)`, `- 1.200.000 đồng` inside a sentence (a `-` opening a line is
  a list bullet);
- a range whose low end borrows the high end's unit: `8 - 9%`, `từ 3,5 đến 4 triệu lượt khách`,
  `8.000 - 9.000 tỷ đồng`;
- a fraction's denominator takes the counted noun after it: `134/190 tiêu chí`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass

from transforms.grammar.keys import DASHES, fold
from transforms.grammar.masks import fold_pattern
from transforms.numbers import ParsedNumber, parse_number
from transforms.text import SpanIndex

# Bounded: at most 40 digits and 12 groups, so no pathological backtracking; a longer number is not
# read at all (the lookahead refuses to stop before `.5`/`,5`). Letters may follow: a glued unit.
NUMBER = re.compile(r"(?<![\w.,])\d{1,40}(?:[.,]\d{1,40}){0,12}(?![.,]\d)(?!\d)")
_SPACE_GROUPED = re.compile(fold_pattern(
    r"(?<![\w.,])\d{1,3}(?: \d{3})+(?:,\d{1,6})?"
    r"(?=\s*(?:₫|đ(?!\w)|đồng|vnđ|vnd|usd|tỷ|tỉ|triệu|nghìn|ngàn|%|ha(?!\w)|tấn))"))
_SHARE_BRACKET = re.compile(r"\s*\((?:\s*(?:đat|chiêm|băng|tương ưng|tương đương))?\s*\d+(?:[.,]\d+)?\s*%\s*\)")
# `20, 466 tỷ đồng`, `115 ,67%`: a decimal comma with a stray space beside it, the unit right after the fraction
_SPACED_TAIL = re.compile(fold_pattern(
    r"(?: ,|, )\d{1,3}(?![\d.,])(?=\s*(?:₫|đ(?!\w)|đồng|usd|tỷ|tỉ|triệu|nghìn|ngàn|%|ha(?!\w)|tấn))"))
_SPACED_HEAD = re.compile(r"\d{1,3}(?:\.\d{3})*")  # the integer part before such a comma
_RANGE_JOIN = re.compile(fold_pattern(r"\s*(?:-|đến|tới)\s*"))  # matched on the key
_RANGE_FROM = re.compile(fold_pattern(r"(?<!\w)(?:từ|tu)\s*$"))
_GLUED_LETTERS = re.compile(r"[^\W\d_]")
# a currency written before its number (on the folded key: `vnđ` reads `vnd`)
_CURRENCY_BEFORE = re.compile(r"(?<![\w$₫])(usd|vnd|vnđ|₫|\$) ?$")
_CURRENCY = {"usd": "USD", "vnd": "VND", "vnđ": "VND", "₫": "VND", "$": "USD"}
_MINUS_WORD = re.compile(r"(?<!\w)âm $", re.IGNORECASE)  # `tăng trưởng âm 2,5%`: the word for minus
# `37 tỷ 748 triệu`, `3 triệu 150 ngàn`: a smaller scale's figure completing a larger one
_COMPOUND = re.compile(fold_pattern(r"\s+(\d{1,3})\s+(triệu|nghìn|ngàn)(?!\w)"))
_SPOKEN_TENTH = re.compile(r" (\d)(?=[,;.)]|\s+[^\W\d_])")  # `1.375 tỷ 9 vượt ...`, `2 triệu 5;`
_COMPOUND_SCALE = {fold("triệu"): 1e6, fold("nghìn"): 1e3, fold("ngàn"): 1e3}


@dataclass(frozen=True)
class Mention:
    """A number as written, with its scale word and unit, in base units."""

    start: int  # span of number + scale + unit (+ counted noun)
    end: int
    number_start: int
    number_end: int
    text: str
    value: float
    decimals: int
    scale: float
    unit: str | None  # None: a bare number
    counter: str | None  # the counted noun for counts (`doanh nghiệp`)
    precision: float  # half a unit of the last written digit, in base units
    range_part: str | None = None  # low | high for `5 - 7%`
    denominator_of: int | None = None  # for `134/190 tiêu chí`: the numerator's number_start
    points: bool = False  # `2,5 điểm phần trăm`: percentage points (a contribution or a change of a rate)
    after_at: int | None = None  # where the words that name it begin, when not right after it (`32/33 chỉ tiêu`)
    alternatives: bool = False  # its counted noun is places written as slash alternatives (`3 huyện/thành phố`)


@dataclass(frozen=True)
class UnitRead:
    end: int
    scale: float
    unit: str | None
    counter: str | None
    points: bool = False
    alternatives: bool = False  # `huyện/thành phố`: places written as slash alternatives


_AMOUNT_UNITS = ("VND", "USD", "ha", "tonne")
_SLASH = re.compile(r"\s?/\s?")


def unit_after(key: str, pos: int, units: list, scaled: bool = False) -> UnitRead:
    """Scale words, unit and counted noun after position `pos` of the key (`units`: longest first); `scaled`:
    a scale word was read before `pos` (the last part of `2 triệu 560 nghìn`)."""
    end, scale, unit, counter = pos, 1.0, None, None
    p = skip_spaces(key, pos)
    w = _match_word(key, p, units, "scale")
    if w is not None:
        scale = w.scale
        end = p + len(w.word)
        p = skip_spaces(key, end)
    u = _match_word(key, p, units, "unit")
    points = alternatives = False
    if u is not None and not (u.word == "%" and p > end + 1):
        unit = u.unit
        scale *= u.scale
        end = p + len(u.word)
        points = u.word.startswith("điêm")  # `điểm phần trăm`, folded
        slash = _SLASH.match(key, end) if unit in _AMOUNT_UNITS else None
        goods = _match_word(key, slash.end(), units, "per_goods") if slash is not None else None
        if goods is not None:  # `75 USD/thùng`, `7.500 đồng/kg`, `6,5 tấn/ha`: a price or a yield, no amount
            unit = f"{unit}/{goods.word}"
    else:
        c = _match_word(key, p, units, "counter")
        if c is None and (end > pos or scaled) and _match_word(key, p, units, "per_goods") is not None:
            # `2 triệu 560 nghìn m3`, `1,2 triệu lít`: a scaled quantity in a unit of goods the contract does not
            # know, no amount of money
            return UnitRead(p, scale, "other", None, False)
        if c is not None:
            counter, unit = c.word, "count"
            end = p + len(c.word)
            slash = _SLASH.match(key, end)
            if slash is not None and _match_word(key, slash.end(), units, "per_area") is not None:
                # `mật độ dân số 2.672 người/km2`: things counted a unit of area are a density, no count
                return UnitRead(end, scale, "other", counter, False)
            # `3 huyện/thành phố`, `12 xã/phường/thị trấn`: places written as alternatives (not `17 tiêu chí/xã`)
            while end < len(key) and key[end] == "/" and _match_word(key, p, units, "place") is not None:
                other = _match_word(key, skip_spaces(key, end + 1), units, "place")
                if other is None:
                    break
                end = skip_spaces(key, end + 1) + len(other.word)
                alternatives = True
    return UnitRead(end, scale, unit, counter, points, alternatives)


def skip_spaces(key: str, pos: int) -> int:
    while pos < len(key) and key[pos] == " ":
        pos += 1
    return pos


_BY_FIRST: dict[int, tuple[list, dict[tuple[str, str], list]]] = {}


def _by_first_char(units: list) -> dict[tuple[str, str], list]:
    """The unit words of each kind by their first character, longest first: one dictionary look-up
    instead of a scan of every unit word at every number."""
    cached = _BY_FIRST.get(id(units))
    if cached is not None and cached[0] is units:
        return cached[1]
    index: dict[tuple[str, str], list] = {}
    for w in units:  # already longest first
        if w.word:
            index.setdefault((w.kind, w.word[0]), []).append(w)
    _BY_FIRST[id(units)] = (units, index)
    return index


def _match_word(key: str, pos: int, units: list, kind: str):  # noqa: ANN202 (a UnitWord or None)
    if pos >= len(key):
        return None
    for w in _by_first_char(units).get((kind, key[pos]), ()):
        if not key.startswith(w.word, pos):
            continue
        end = pos + len(w.word)
        if end < len(key) and key[end].isalnum() and w.word[-1].isalnum():
            continue  # a whole word only: `tỉ` is not the start of `tiêu chí`
        return w
    return None


def find_mentions(text: str, key: str | None, units: list, habit: str,
                  masked: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Every number of `text` outside the masked spans, with its scale and unit, in text order."""
    key = fold(text) if key is None else key
    masks = sorted(masked or [])
    out: list[Mention] = []
    grouped: list[tuple[int, int]] = [m.span() for m in _SPACE_GROUPED.finditer(key)]  # disjoint, in order
    spans = list(grouped)
    spaced: set[int] = set()
    for m in NUMBER.finditer(key):
        i = bisect_right(grouped, (m.start(), len(key) + 1)) - 1  # the last group starting at or before it
        if i < 0 or not grouped[i][0] <= m.start() < grouped[i][1]:
            tail = _SPACED_TAIL.match(key, m.end()) if key.startswith((", ", " ,"), m.end()) else None
            if tail is not None and _SPACED_HEAD.fullmatch(key, m.start(), m.end()):
                spans.append((m.start(), tail.end()))
                spaced.add(m.start())
            else:
                spans.append(m.span())
    spans.sort()
    mask_index = SpanIndex(masks)
    taken_until = 0  # the high end of a range just read
    mask_i = 0
    for s, e in spans:
        if s < taken_until or (out and s < out[-1].end):  # part of a number or a unit read (`đồng/1 ha`)
            continue
        while mask_i < len(masks) and masks[mask_i][1] <= s:
            mask_i += 1
        if mask_i < len(masks) and masks[mask_i][0] < e and s < masks[mask_i][1]:
            continue
        raw = text[s:e]
        if " " in raw:  # `1 000 000 ₫`: groups of digits; `20, 466 tỷ`: a decimal comma
            raw = raw.replace(" ", "") if s in spaced else raw.replace(" ", ".")
        parsed = parse_number(raw, habit)
        if parsed is None or not math.isfinite(parsed.value):
            continue
        sign = -1.0 if _negative(key, s) or _MINUS_WORD.search(text, max(0, s - 4), s) else 1.0
        # a range `5 - 7%`, `từ 3,5 đến 4 triệu`: the low end takes the high end's unit
        join = _RANGE_JOIN.match(key, e)
        if join and join.end() < len(key) and sign > 0:
            m2 = NUMBER.match(key, join.end())
            if m2 and not mask_index.overlaps(m2.start(), m2.end()):
                p2 = parse_number(text[m2.start():m2.end()], habit)
                hi = unit_after(key, m2.end(), units)
                named_at = None  # `10-13/19 tiêu chí`: a band of numerators counts what their denominator counts
                den = NUMBER.match(key, m2.end() + 1) if hi.unit is None and key.startswith("/", m2.end()) else None
                if den is not None and (shared := unit_after(key, den.end(), units)).unit == "count":
                    hi, named_at = UnitRead(m2.end(), shared.scale, shared.unit, shared.counter), den.end()
                own = unit_after(key, e, units)
                is_range = p2 is not None and hi.unit is not None and own.unit is None and (
                    join.group().strip() != "-" or _RANGE_FROM.search(key[max(0, s - 6):s]) or hi.unit == "percent"
                    or hi.scale >= 1e6 or hi.unit in ("ha", "tonne", "count", "VND", "USD"))
                if is_range and p2 is not None and p2.value >= parsed.value:
                    low = _mention(text, s, e, e, parsed, hi, "low")
                    # the words that name the low end follow the high end (`85-90% số làng đạt ...`)
                    out.append(Mention(**{**low.__dict__, "after_at": named_at or m2.end()}))
                    high = _mention(text, m2.start(), m2.end(), hi.end, p2, hi, "high")
                    out.append(high if named_at is None else Mention(**{**high.__dict__, "after_at": named_at}))
                    taken_until = m2.end()
                    continue
        read = unit_after(key, e, units)
        extra = 0.0
        compound_end = None
        last_scale = read.scale
        # `3 triệu 150 ngàn lượt khách`, `37 tỷ 748 triệu đồng`: one compound number, each part smaller
        while last_scale >= 1e6 and read.unit is None:
            tail = _COMPOUND.match(key, read.end)
            if tail is None or _COMPOUND_SCALE[tail.group(2)] >= last_scale:
                break
            last_scale = _COMPOUND_SCALE[tail.group(2)]
            extra += float(tail.group(1)) * last_scale
            taken_until = tail.end(1)  # `150` is a part of this number, not one of its own
            compound_end = tail.end()  # the counted noun's words begin after the last scale word
            rest = unit_after(key, tail.end(), units, scaled=True)
            read = UnitRead(rest.end, read.scale, rest.unit, rest.counter, rest.points)
        spoken = _SPOKEN_TENTH.match(key, read.end) if read.unit is None and read.scale >= 1e6 and not extra else None
        if spoken is not None and unit_after(key, spoken.end(1), units).end == spoken.end(1):
            # `1.375 tỷ 9` (said for 1.375,9 tỷ): one digit after the scale word is its tenth
            last_scale = read.scale / 10
            extra = float(spoken.group(1)) * last_scale
            taken_until = spoken.end(1)
            read = UnitRead(spoken.end(1), read.scale, None, None, read.points)
        after_at = compound_end
        if read.unit is None:
            before = _CURRENCY_BEFORE.search(key, max(0, s - 5), s)
            if before is not None:  # `USD 1,23`, `₫1.000.000`, `$10`: the currency written first
                read = UnitRead(read.end, read.scale, _CURRENCY[before.group(1)], None)
        if read.unit is None and e < len(key) and _GLUED_LETTERS.match(key, e):
            read = UnitRead(e, 1.0, None, None)  # glued letters that are no unit (`3a`, `h1`)
        elif read.unit is None and key.startswith("/", e):
            den = NUMBER.match(key, e + 1)
            if den is not None:  # `32/33 chỉ tiêu`: the numerator counts what the denominator counts
                named_at = den.end()
                shared = unit_after(key, named_at, units)
                if shared.unit is None and (share := _SHARE_BRACKET.match(key, named_at)) is not None:
                    named_at = share.end()  # `13/30 (đạt 43,33%) xã`: the share in brackets before the counted noun
                    shared = unit_after(key, named_at, units)
                if shared.unit is not None:
                    read, after_at = UnitRead(e, shared.scale, shared.unit, shared.counter, shared.points), named_at
        if read.unit is None and read.scale == 1 and (change := _CHANGE_AFTER.match(key, read.end)) is not None:
            nxt = NUMBER.match(key, change.end())
            by = unit_after(key, nxt.end(), units) if nxt is not None else None
            p2 = parse_number(text[nxt.start():nxt.end()], habit) if nxt is not None else None
            if by is not None and by.unit in _MEASURES and by.scale == 1 and p2 is not None \
                    and p2.value < parsed.value:
                # `Sản lượng lương thực có hạt đạt 151.432 tăng 2.797 tấn`: the unit written once, on the change
                read = UnitRead(read.end, 1.0, by.unit, by.counter, by.points)
        if read.unit == "count" and read.scale == 1 and not extra and habit != "en" and COUNT_GROUPED.fullmatch(raw):
            # `đón 642,939 lượt khách`: no fraction of a visitor, household or firm is counted, so a comma before
            # three digits of a count with no scale word groups thousands, whatever the document's habit
            parsed = parse_number(raw, "en") or parsed
        denominator_of = None
        # (`161.973 tấn/145.200 tấn`: each with its unit)
        if s >= 2 and key[s - 1] == "/" and out and (out[-1].number_end == s - 1 or (
                out[-1].end == s - 1 and out[-1].unit is not None and out[-1].unit == read.unit
                and out[-1].scale == read.scale and out[-1].counter == read.counter)):
            denominator_of = out[-1].number_start
        mention = _mention(text, s, e, read.end, parsed, read, None, sign, extra,
                           last_scale if extra else None)
        if denominator_of is not None or after_at is not None:
            mention = Mention(**{**mention.__dict__, "denominator_of": denominator_of, "after_at": after_at})
        out.append(mention)
    words = _multiples_in_words(text, key, mask_index, out) + _amounts_in_words(text, key, units, mask_index, out)
    return sorted(out + words, key=lambda x: x.start) if words else out


# `642,939`: groups of three after commas (not `3,848 lượt`, more often a scale word dropped: read as written)
COUNT_GROUPED = re.compile(r"\d{2,3}(?:,\d{3})+")

# a change right after a bare figure (`đạt 151.432 tăng 2.797 tấn`), and the measures whose unit it lends the figure
_CHANGE_AFTER = re.compile(fold_pattern(r"\s*[,(]?\s*(?:tăng|giảm)(?:\s+thêm)?\s+(?=\d)"))
_MEASURES = ("tonne", "ha")


# `gấp đôi`, `gấp ba lần`, `gấp rưỡi`: a multiple written as a word (`năm` only with `lần`: not a year)
_TIMES_WORD = re.compile(fold_pattern(r"(?<!\w)gấp\s+(đôi|hai|ba|bốn|rưỡi|mười|năm(?=\s+lần))(?:\s+lần)?(?!\w)"))
_TIMES_VALUE = {fold(w): v for w, v in (("đôi", 2), ("hai", 2), ("ba", 3), ("bốn", 4), ("rưỡi", 1.5), ("mười", 10),
                                        ("năm", 5))}


def _multiples_in_words(text: str, key: str, mask_index: SpanIndex, read: list[Mention]) -> list[Mention]:
    """The multiples written in words, as percentages of their base like `gấp 2,3 lần` (230%)."""
    out = []
    for w in _TIMES_WORD.finditer(key):
        s, e = w.span(1)
        if mask_index.overlaps(s, w.end()) or any(x.start < w.end() and s < x.end for x in read):
            continue
        value = _TIMES_VALUE[w.group(1)] * 100
        out.append(Mention(s, w.end(), s, e, text[s:w.end()], value, 0, 100.0, "percent", None, 0.5))
    return out


# `gần một nghìn tỷ đồng`, `hai trăm tỷ đồng`: a number written in words, read only before a scale word (`năm` alone
# is a year) and only with a unit after it; found from the scale word back (scale words are rarer than `một`, `năm`)
_SCALE_WORD = re.compile(fold_pattern(r"(?<=\s)(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\w)"))
_AMOUNT_WORD = re.compile(fold_pattern(r"(?<!\w)(một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)(?:\s+(trăm))?\s+$"))
_WORD_VALUE = {fold(w): float(v) for v, w in enumerate(("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
                                                          "mười"), start=1)}


def _amounts_in_words(text: str, key: str, units: list, mask_index: SpanIndex, read: list[Mention]) -> list[Mention]:
    """The amounts written in words before a scale word and a unit (`một nghìn tỷ đồng`)."""
    out: list[Mention] = []
    for scale in _SCALE_WORD.finditer(key):
        w = _AMOUNT_WORD.search(key, max(0, scale.start() - 16), scale.start())
        if w is None:
            continue
        s, e = w.start(), w.end(2) if w.group(2) else w.end(1)
        if mask_index.overlaps(s, e) or any(x.start < e and s < x.end for x in read) or (out and s < out[-1].end):
            continue
        unit = unit_after(key, e, units)
        if unit.unit is None or unit.scale <= 1:
            continue
        value = _WORD_VALUE[w.group(1)] * (100 if w.group(2) else 1)
        out.append(_mention(text, s, e, unit.end, ParsedNumber(value, 0), unit, None))
    for k in range(len(out) - 1):  # `từ tám triệu lượt khách/năm đến chín triệu lượt khách/năm`: a range
        low, high = out[k], out[k + 1]
        if _WORD_RANGE_JOIN.fullmatch(key, low.end, high.start) and high.value >= low.value and low.unit == high.unit:
            out[k] = Mention(**{**low.__dict__, "range_part": "low"})
            out[k + 1] = Mention(**{**high.__dict__, "range_part": "high"})
    return out


_WORD_RANGE_JOIN = re.compile(fold_pattern(r"(?:\s*/\s*năm)?\s*(?:đến|tới|-|–)\s*"))


def _negative(key: str, s: int) -> bool:
    """`-1.000` or `(- 2,5%)` inside a sentence; not a bullet opening a line, not the second number
    of `2020-2025` or `8 - 9`."""
    j = s - 1
    if j >= 0 and key[j] == " ":
        j -= 1
    if j < 0 or key[j] != "-":
        return False
    k = j - 1
    while k >= 0 and key[k] in " \t":
        k -= 1
    if k < 0 or key[k] == "\n":
        return j == s - 1  # `-1.000` opening a line is signed; `- 1.000` is a bullet
    if key[k] == ",":  # `19.394,07 tỷ đồng, -13,78%`: a dash glued to the number after a comma is its sign
        return j == s - 1
    return key[k] in "(:=[;"  # after a unit sign (`0 ₫ - 9%`), a word or a number the dash joins or lists


def _mention(text: str, s: int, e: int, end: int, parsed: ParsedNumber, read: UnitRead, range_part: str | None,
             sign: float = 1.0, extra: float = 0.0, last_scale: float | None = None) -> Mention:
    value = sign * (parsed.value * read.scale + extra)
    # a compound number is as precise as its last part (`37 tỷ 748 triệu`: to the million)
    precision = 0.5 * last_scale if last_scale else 0.5 * (10 ** -parsed.decimals) * read.scale
    # the sign's dash is written right before the number, or one space before it (any dash: `‐0` reads `-0`)
    start = s - 1 if sign < 0 and (text[s - 1] == "-" or text[s - 1] in DASHES) else (max(0, s - 2) if sign < 0 else s)
    word = _MINUS_WORD.search(text, max(0, s - 4), s) if sign < 0 and start == s - 2 else None
    start = word.start() if word is not None else start  # `âm 4,88%`: the word for minus, whole
    return Mention(start, end, s, e, text[start:end], value, parsed.decimals, read.scale, read.unit, read.counter,
                   precision, range_part, points=read.points, alternatives=read.alternatives)
