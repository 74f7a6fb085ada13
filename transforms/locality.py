"""Which locality a report is about, as the report names it, resolved in the gazetteer.

A report names its own unit in its title and text, with the unit's type (`huyện Nông Sơn`, `TP.Cần Thơ`) or without
(`Kiến Xương: Tổng giá trị sản xuất ...`, `kinh tế Quảng Nam`), and it speaks of itself by the type word alone
(`toàn tỉnh`, `trên địa bàn huyện`). A provincial report names its districts, and a district's report its province,
so the most named unit is not always the report's: the type word alone says which level the report is of, and the
most named unit of that level is the report's. The words are seeds/locality_words.csv.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from transforms.reference import Locality, LocalityWord, Reference
from transforms.text import fold

TITLE_WEIGHT = 3  # a name in the title counts as three in the text
MAX_NAME_WORDS = 5  # `Bà Rịa - Vũng Tàu`, `Phan Rang - Tháp Chàm`
# The levels a gazetteer unit can be spoken of at: a centrally run city is a province and a city; a city under a
# province is a city and was a district or town before (`thị xã Từ Sơn`, a thành phố since 2021).
LEVELS_OF_TYPE = {"tỉnh": {"tỉnh"}, "thành phố trung ương": {"tỉnh", "city"}, "thành phố": {"city", "lower"},
                  "thị xã": {"lower"}, "huyện": {"lower"}, "quận": {"lower"}}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # `Ea H'leo`
_TYPE_PREFIX_WORDS = ("xa", "phuong", "thi tran")  # a commune's type, folded, before an area's name


@dataclass(frozen=True)
class DocLocality:
    locality: str | None
    locality_type: str | None
    province: str | None
    province_2025: str | None
    # province (a province or a centrally run city) | district (a district, town or city of a province) | None: the
    # unit's level, else the one the report speaks of itself at (`toàn tỉnh`) when it names no unit
    level: str | None = None


@dataclass(frozen=True)
class _Mention:
    name: str  # as written
    units: tuple[Locality, ...]  # the gazetteer's units of that name (none: a unit the gazetteer does not hold)
    stated: LocalityWord | None  # the type word written before it
    weight: int
    start: int = 0  # where the name is written
    end: int = 0
    locator: bool = False  # a province after a unit, saying where that is (`Tiền Hải (Thái Bình)`): no subject


@dataclass(frozen=True)
class _Gazetteer:
    by_name: dict[str, tuple[Locality, ...]]  # lower case, with every mark
    by_key: dict[str, tuple[Locality, ...]]  # tones folded
    by_ascii: dict[str, tuple[Locality, ...]]  # no marks at all
    types: dict[str, LocalityWord]  # the type words, lower case
    outlets: dict[str, LocalityWord]  # a word opening an outlet's name (`Báo Nam Định`), lower case
    type_rx: re.Pattern[str]  # a type word ending right before a name (lower case text)
    own_rx: re.Pattern[str]  # a type word after a word that makes it the report's own unit (`toàn tỉnh`)
    locator_rx: re.Pattern[str]  # what lies between a unit and the province saying where it is (`, tỉnh `, ` (`)
    prefix_rx: re.Pattern[str]  # a type word opening a name (`huyện Đồng Xuân`), a commune's too (folded)
    first_words: frozenset[str]  # the first word of every name and type word, lower case (a quick refusal)


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _lower(text: str) -> str:
    # (`Ea H’leo` is `Ea H'leo`; the old tone placement `Giao Thuỷ`, `Hoà` is the gazetteer's `Giao Thủy`, `Hòa`)
    lowered = unicodedata.normalize("NFC", text).lower().replace("\u2019", "'")
    return _OLD_TONE.sub(lambda m: _NEW_TONE[m.group(1)], lowered)


# an open syllable's tone on its second vowel (`oà`, `oé`, `uỷ`, not after `q`: `quý`) → on its first (`òa`, `óe`, `ủy`)
_TONE_MARKS = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng
_NEW_TONE = {first + marked: unicodedata.normalize("NFC", first + mark) + vowels[0]
             for first, vowels in (("o", "aàáảãạ"), ("o", "eèéẻẽẹ"), ("u", "yỳýỷỹỵ"))
             for marked, mark in zip(vowels[1:], _TONE_MARKS, strict=True)}
_OLD_TONE = re.compile(r"(?<!q)(" + "|".join(_NEW_TONE) + r")(?!\w)")


def _index(units: list[Locality], of: object) -> dict[str, tuple[Locality, ...]]:
    out: dict[str, list[Locality]] = {}
    for u in units:
        out.setdefault(of(u), []).append(u)  # type: ignore[operator]
    return {k: tuple(v) for k, v in out.items()}


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _gazetteer(ref: Reference) -> _Gazetteer:
    """The reference's gazetteer indexes (built with the reference: transforms.reference.parse_reference)."""
    if ref.gazetteer is None:
        ref.gazetteer = build_gazetteer(ref)
    return ref.gazetteer


def build_gazetteer(ref: Reference) -> _Gazetteer:
    """Indexes of the gazetteer's names (with marks, tones folded, no marks, aliases) and the words of types."""
    types = {w.word: w for w in ref.locality_words if w.kind == "type"}
    by_name = _index(ref.localities, lambda u: _lower(u.name))
    for alias, unit in ref.locality_aliases.items():
        by_name[_lower(alias)] = (unit,)
    own = [w.word for w in ref.locality_words if w.kind == "own"]
    alts = _alternatives(list(types))
    return _Gazetteer(
        by_name,
        _index(ref.localities, lambda u: u.key),
        _index(ref.localities, lambda u: u.name_ascii or _ascii(u.name)),
        types,
        {w.word: w for w in ref.locality_words if w.kind == "outlet"},
        re.compile(rf"(?<!\w)({alts})\s*$"),
        re.compile(rf"(?<!\w)(?:{_alternatives(own)})\s+({alts})(?!\w)"),
        re.compile(rf"\s*[(,]\s*(?:(?:{alts})\s*)?"),
        re.compile(rf"^(?:{_alternatives([fold(w) for w in types] + list(_TYPE_PREFIX_WORDS))})\s+"),
        frozenset([n.split()[0] for n in by_name if n] + [w.split()[0] for w in types]
                  + [w.word.split()[0] for w in ref.locality_words if w.kind == "outlet"]),
    )


_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and c.isalpha()}))
# a capitalised word (its letters `\w` but no digit or `_`), `Ea H'leo` one word
_CAP = rf"[{re.escape(_UPPER)}][^\W\d_]*(?:['’][^\W\d_]+)*(?![\w'’])"
_RUN = re.compile(rf"(?<![\w'’]){_CAP}(?:(?: | - |-|\u00a0){_CAP})*")


_NUMBERED = re.compile(r"\s\d{1,2}(?!\d|[.,]\d)")  # the number naming an urban district after its type word


def _runs(text: str) -> Iterator[list[re.Match[str]]]:
    """Runs of capitalised words, joined by a space or a dash (`Bà Rịa - Vũng Tàu`): the places a name can be."""
    for r in _RUN.finditer(text):
        yield list(_WORD.finditer(text, r.start(), r.end()))


def _mentions(text: str, weight: int, gz: _Gazetteer) -> list[_Mention]:
    """The units the text names, each a province named right after another unit (in brackets or after a comma,
    its type word optional: `Đông Triều (Quảng Ninh)`, `huyện Lạng Giang, tỉnh Bắc Giang`) marked a locator."""
    lower = _lower(text)
    out: list[_Mention] = []
    for m in _named_in(text, lower, weight, gz):
        if out and any(u.type in ("tỉnh", "thành phố trung ương") for u in m.units) \
                and gz.locator_rx.fullmatch(lower, out[-1].end, m.start):
            m = replace(m, locator=True)
        out.append(m)
    return out


def _named_in(text: str, lower: str, weight: int, gz: _Gazetteer) -> Iterator[_Mention]:
    for run in _runs(text):
        if len(run) > 1 and all(w.group().isupper() for w in run):  # `TÌNH HÌNH ... TỈNH ĐIỆN BIÊN THÁNG 5`
            yield from _in_capitals(text, lower, run, weight, gz)
            continue
        start = run[0].start()
        stated = None
        if (t := gz.type_rx.search(lower, max(0, start - 12), start)) is not None:
            stated = gz.types[t.group(1)]
        words = run
        # a type word written with a capital opens the run (`Huyện Đông Sơn`, `TP Hồ Chí Minh`)
        for n in (2, 1):
            opening = lower[words[0].start():words[n - 1].end()] if len(words) > n else ""
            if (w := gz.types.get(opening) or gz.outlets.get(opening)) is not None:
                stated, words = w, words[n:]
                break
        if (typed := gz.types.get(lower[run[-1].start():run[-1].end()])) is not None \
                and (num := _NUMBERED.match(text, run[-1].end())) is not None \
                and (units := gz.by_key.get(fold(name := text[run[-1].start():num.end()])) or ()):
            # `Quận 11: kinh tế ...`: an urban district named by its number (the gazetteer's name holds its type word)
            yield _Mention(name, units, typed, weight, run[-1].start(), num.end())
            continue
        if (found := _named(text, words, stated, weight, gz, whole=stated is None)) is not None:
            yield found
        elif stated is not None and stated.level != "tỉnh" and len(words) <= 3 and not words[0].group().isupper():
            # a district the gazetteer does not hold (merged since); every province is in it, and `TP.HCM` is no name
            yield _Mention(text[words[0].start():words[-1].end()], (), stated, weight, words[0].start(),
                           words[-1].end())


def _named(text: str, words: list[re.Match[str]], stated: LocalityWord | None, weight: int, gz: _Gazetteer,
           whole: bool) -> _Mention | None:
    """The gazetteer's name the words open (all of them when `whole`: `Kiến Xương:`, not `Nguyễn Văn Vinh`); with
    its type stated, a name spelt with other marks is that name too (`Đak Song`)."""
    for n in range(min(len(words), MAX_NAME_WORDS), 0, -1):
        if whole and n != len(words):
            return None
        name = text[words[0].start():words[n - 1].end()]
        units = gz.by_name.get(_lower(name)) or (
            gz.by_key.get(fold(name)) or gz.by_ascii.get(_ascii(name)) if stated is not None else None)
        if units:
            return _Mention(name, units, stated, weight, words[0].start(), words[n - 1].end())
    return None


def _in_capitals(text: str, lower: str, run: list[re.Match[str]], weight: int,
                 gz: _Gazetteer) -> Iterator[_Mention]:
    """Names in a run of capitals: after a type word (`TỈNH ĐIỆN BIÊN`), or standing alone as the whole run."""
    if (found := _named(text, run, None, weight, gz, whole=True)) is not None:
        yield found
        return
    i = 0
    while i < len(run):
        for n in (2, 1):
            if (w := gz.types.get(lower[run[i].start():run[min(i + n, len(run)) - 1].end()])) is not None \
                    and i + n < len(run):
                if (found := _named(text, run[i + n:], w, weight, gz, whole=False)) is not None:
                    yield found
                i += n
                break
        else:
            i += 1


def _own_levels(text: str, gz: _Gazetteer) -> Counter[str]:
    """How often the report speaks of itself at each level (`toàn tỉnh`, `trên địa bàn huyện`)."""
    return Counter(gz.types[m.group(1)].level for m in gz.own_rx.finditer(_lower(text))
                     if not (nxt := text[m.end():m.end() + 4].lstrip(" .")[:1]).isupper() and not nxt.isdigit())


def find_locality(text: str, title: str, ref: Reference) -> DocLocality:
    """The unit the report is about, by the scoring rule of `_score`; none when nothing names one twice, or once
    with its type or in the title."""
    gz = _gazetteer(ref)
    body = text[len(title):] if title and text.startswith(title) else text  # (the title counts once, as the title)
    mentions = [*_mentions(title, TITLE_WEIGHT, gz), *_mentions(body, 1, gz)]
    # a district the gazetteer does not hold, named with its type in the text, is named alone in the title too
    # (`Cửa Lò phấn đấu đón ...`)
    unheld = {fold(m.name) for m in mentions if not m.units}
    mentions += [_Mention(text_of, (), None, TITLE_WEIGHT) for run in _runs(title)
                 if fold(text_of := title[run[0].start():run[-1].end()]) in unheld]
    by_key: dict[str, list[_Mention]] = {}
    for m in mentions:
        by_key.setdefault(fold(m.name), []).append(m)
    own = _own_levels(text, gz)
    scored = [(_score(ms, level, own), -LEVEL_RANK[level], key, level)
              for key, ms in by_key.items() for level in _levels(ms)]
    score, _, key, level = max(scored, default=(0.0, 0, "", ""))
    if score < (1 if level == "tỉnh" else 2):  # a province named once is named; a district needs more
        said = own.most_common(2) + [("", 0), ("", 0)]
        alone = said[0][0] if said[0][1] > said[1][1] else None
        return DocLocality(None, None, None, None, {"tỉnh": "province", "lower": "district"}.get(alone or ""))
    return _resolve(key, level, by_key)


LEVEL_RANK = {"lower": 0, "city": 1, "tỉnh": 2}  # of two units scored alike, a district before its province
OWN_WEIGHT = 2  # each `toàn tỉnh`, `trên địa bàn huyện` counts as two mentions of a unit of that level
BARE_BELOW = 0.9  # a name written without its type is first the province's (`Lai Châu`), then its city's


def _levels(ms: list[_Mention]) -> set[str]:
    """The levels the named unit can be (`Cà Mau`: a province, a city); a unit the gazetteer does not hold is of
    the level its type word states."""
    known = set().union(*(LEVELS_OF_TYPE[u.type] for m in ms for u in m.units))
    return known or {m.stated.level for m in ms if m.stated is not None}


def _score(ms: list[_Mention], level: str, own: Counter[str]) -> float:
    """How well the mentions of one name make it the report's unit at `level`: each mention its weight (the title's
    three), twice that with its type stated at that level and none at another; each time the report speaks of
    itself at that level (`toàn tỉnh`), two more. A district the gazetteer does not hold counts once named twice."""
    score = 0.0
    for m in ms:
        if m.locator:
            continue
        if m.stated is not None and m.stated.kind == "outlet":
            score += m.weight if m.stated.level == level else 0
        elif m.stated is not None:  # (the title's weight is its own: a neighbour it names is typed too)
            score += (m.weight if m.weight > 1 else 2) if m.stated.level == level else 0
        elif level != "tỉnh" and any(u.type in ("tỉnh", "thành phố trung ương") for u in m.units):
            score += BARE_BELOW * m.weight
        else:
            score += m.weight
    if not any(m.units for m in ms) and sum(m.weight for m in ms) < 2:
        return 0.0
    return score + OWN_WEIGHT * own[level]


def _resolve(key: str, level: str, by_key: dict[str, list[_Mention]]) -> DocLocality:
    """The gazetteer unit of the chosen name and level, its type as the report states it."""
    ms = by_key[key]
    stated = Counter(m.stated.stated_type for m in ms if m.stated is not None and m.stated.level == level)
    votes = Counter({k: sum(m.weight for m in v) for k, v in by_key.items()})
    provinces = [u for k, _ in votes.most_common() for m in by_key[k] for u in m.units
                 if u.type in ("tỉnh", "thành phố trung ương")]
    units = [u for m in ms for u in m.units if level in LEVELS_OF_TYPE[u.type]]
    if not units:  # named with its type, not in the gazetteer: the name as written, the province the report names
        prov = provinces[0] if provinces else None
        return DocLocality(Counter(m.name for m in ms).most_common(1)[0][0], stated.most_common(1)[0][0],
                           prov.province if prov else None, (prov.province_2025 or None) if prov else None,
                           "district")
    written = Counter(_lower(m.name) for m in ms)
    named = {fold(u.province) for u in provinces}
    best = min(units, key=lambda u: (-written[_lower(u.name)], fold(u.province) not in named, u.type not in stated))
    if best.type == "tỉnh":
        loc_type = "tỉnh"
    elif stated:
        loc_type = stated.most_common(1)[0][0]
    else:
        loc_type = "thành phố" if best.type == "thành phố trung ương" else best.type
    whole = best.type in ("tỉnh", "thành phố trung ương")
    return DocLocality(best.name, loc_type, best.province, best.province_2025 or None,
                       "province" if whole else "district")


def names_a_locality(words: str, ref: Reference) -> bool:
    """Whether `words` are a locality's name in the gazetteer, its type word optional (`Sông Hinh`, `huyện Đồng
    Xuân`, `TP. Tuy Hòa`): the item of a breakdown by area (`6.020 ha (Sông Hinh 2.600 ha, Đồng Xuân 1.800 ha)`)."""
    key = fold(words).strip(" :-")
    return bool(key) and _gazetteer(ref).prefix_rx.sub("", key) in ref.locality_keys


_LEADS: dict[str, re.Pattern[str]] = {}


def _lead_words(ref: Reference) -> re.Pattern[str]:
    """A word quoting another unit (seeds/locality_words.csv kind `quoting`: `sau`, `chỉ sau`) and the unit's type
    word (kind `type`) before its name, built once per reference."""
    found = _LEADS.get(ref.digest)
    if found is None:
        def alt(kind: str) -> str:
            words = sorted((w.word for w in ref.locality_words if w.kind == kind), key=len, reverse=True)
            return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) or "(?!)"
        found = _LEADS[ref.digest] = re.compile(rf"^(?:(?:{alt('quoting')})\s+)?(?:(?:{alt('type')})\s+)?", re.I)
    return found


def another_place(item: str, where: DocLocality, ref: Reference, inside_too: bool = False) -> str | None:
    """The name opening `item` (its type word optional) when it is a unit other than the report's and outside it: a
    province not the report's, a district of another province (`Bắc Giang tăng 13,45%` in Phú Yên's report); with
    `inside_too`, also a unit inside the report's (`Vụ Bản tăng 18,3%` in Nam Định's report)."""
    if where.province is None:
        return None
    text = item.lstrip(" -–+*•\t")
    # (`đứng thứ 2 vùng (sau tỉnh Trà Vinh đạt 10,04%)`: a word quoting another unit, then its type word)
    text = _lead_words(ref).sub("", text, count=1)
    if not text[:1].isupper():
        return None  # (most items open on a verb or a lower-case word: no name)
    gz = _gazetteer(ref)
    if _lower(text.split(maxsplit=1)[0].rstrip(".,:;")) not in gz.first_words:
        return None
    run = _RUN.match(text)  # the capitalised run opening the item
    if run is None:
        return None
    ms = _mentions(text[:run.end()], 1, gz)
    if not ms or not ms[0].units or ms[0].start > 12:
        return None
    own = {fold(where.province)} | ({fold(where.locality)} if where.locality else set())
    units = ms[0].units
    if any(fold(u.name) in own for u in units):
        return None  # the report's own unit
    if any(fold(u.province_2025 or "") in own and u.type in ("tỉnh", "thành phố trung ương") for u in units):
        return None  # a province merged into the report's in 2025 (`Bình Dương đạt 8.554 USD` in TP.HCM's 2025 report)
    if not inside_too and any(fold(u.province) == fold(where.province) or fold(u.province_2025 or "") in own
                              for u in units):
        return None  # one of its parts
    return ms[0].name
