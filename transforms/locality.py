"""Which locality a report is about, as the report names it, resolved in the gazetteer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from transforms.reference import Locality, Reference
from transforms.text import fold

# How the text states the unit's type; party and people's committees name it too
# (`Thị ủy Từ Sơn` is the committee of a thị xã).
TYPE_WORDS: dict[str, str] = {
    "thành phố": "thành phố", "tp.": "thành phố", "tp": "thành phố", "thành ủy": "thành phố",
    "thị xã": "thị xã", "tx.": "thị xã", "tx": "thị xã", "thị ủy": "thị xã",
    "huyện": "huyện", "huyện ủy": "huyện",
    "quận": "quận", "quận ủy": "quận",
    "tỉnh": "tỉnh", "tỉnh ủy": "tỉnh",
}


@dataclass(frozen=True)
class DocLocality:
    locality: str | None
    locality_type: str | None
    province: str | None
    province_2025: str | None


@lru_cache(maxsize=8)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    types = sorted({fold(t) for t in TYPE_WORDS}, key=len, reverse=True)
    type_rx = "|".join(re.escape(t) for t in types)
    name_rx = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    # the type word, optionally `ủy ban nhân dân`-style noise is not needed: the name follows it
    return re.compile(rf"(?<!\w)({type_rx})\s+({name_rx})(?!\w)")


def _type_of(word: str) -> str:
    for k, v in TYPE_WORDS.items():
        if fold(k) == word:
            return v
    return word


def find_locality(text: str, title: str, ref: Reference) -> DocLocality:
    """The district-level unit the report names most (title counts triple), else its province."""
    by_key: dict[str, list[Locality]] = {}
    for loc in ref.localities:
        by_key.setdefault(loc.key, []).append(loc)
    rx = _pattern(tuple(by_key))
    votes: Counter[tuple[str, str]] = Counter()
    for source, weight in ((title, 3), (text, 1)):
        for m in rx.finditer(fold(source)):
            votes[(m.group(2), _type_of(m.group(1)))] += weight
    provinces_named = {k for (k, t) in votes if t == "tỉnh"}
    district_votes = Counter({k: v for k, v in votes.items() if k[1] != "tỉnh"})
    for (key, stated), _ in district_votes.most_common():
        candidates = by_key[key]
        lower = [c for c in candidates if c.type not in ("tỉnh", "thành phố trung ương")]
        if not lower:
            continue
        in_named = [c for c in lower if fold(c.province) in provinces_named] or lower
        same_type = [c for c in in_named if c.type == stated] or in_named
        best = same_type[0]
        stated_types = Counter({t: v for (k, t), v in votes.items() if k == key and t != "tỉnh"})
        loc_type = stated_types.most_common(1)[0][0] if stated_types else best.type
        return DocLocality(best.name, loc_type, best.province, best.province_2025 or None)
    for (key, _), _ in votes.most_common():
        prov = [c for c in by_key[key] if c.type in ("tỉnh", "thành phố trung ương")]
        if prov:
            p = prov[0]
            return DocLocality(p.name, "tỉnh" if p.type == "tỉnh" else "thành phố", p.province, p.province_2025 or None)
    return DocLocality(None, None, None, None)


_TYPE_PREFIX = re.compile(r"^(?:" + "|".join(re.escape(fold(t)) for t in sorted(TYPE_WORDS, key=len, reverse=True))
                          + r"|xa|phuong|thi tran)\s+")


def names_a_locality(words: str, ref: Reference) -> bool:
    """Whether `words` are a locality's name in the gazetteer, its type word optional (`Sông Hinh`, `huyện Đồng
    Xuân`, `TP. Tuy Hòa`): the item of a breakdown by area (`6.020 ha (Sông Hinh 2.600 ha, Đồng Xuân 1.800 ha)`)."""
    key = fold(words).strip(" :-")
    return bool(key) and _TYPE_PREFIX.sub("", key) in ref.locality_keys
