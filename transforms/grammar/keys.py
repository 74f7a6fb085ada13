"""The matching key of a text: lower case, tones removed, dashes unified, the same length as the
text (so a position in the key is the position in the text), square brackets round, and its tokens.

Tones go, vowel-quality marks stay: the circumflex, breve and horn change the letter, the tone
only the pitch, and reports place tones inconsistently (`uỷ`/`ủy`, `hoá`/`hóa`). Folding is one
`str.translate` per text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SQUARE = {"[": "(", "]": ")"}


def _fold_char(ch: str) -> str:
    if ch in DASHES:
        return "-"
    if ch in _SQUARE:  # `đạt 13,69% [kế hoạch là 14,97%]`: an aside in square brackets is one in round ones
        return _SQUARE[ch]
    low = ch.lower()
    if len(low) != 1:
        low = ch
    decomposed = unicodedata.normalize("NFD", low)
    kept = "".join(c for c in decomposed if c not in _TONES)
    folded = unicodedata.normalize("NFC", kept)
    return folded if len(folded) == 1 else low


class _CharTable(dict):
    """str.translate table filled on first sight of a character (one entry per character)."""

    def __init__(self, of_char: Callable[[str], str]) -> None:
        super().__init__()
        self.of_char = of_char

    def __missing__(self, code: int) -> str:
        value = self.of_char(chr(code))
        self[code] = value
        return value


_TABLE = _CharTable(_fold_char)
for _c in range(0x20, 0x250):
    _TABLE[_c]  # noqa: B018 - warm the Latin range once
for _c in range(0x1E00, 0x1F00):
    _TABLE[_c]  # noqa: B018 - and the Vietnamese letters


# Two spellings of one syllable (`tỉ lệ`/`tỷ lệ`, `cùng kì`/`cùng kỳ`, `Quí I`/`Quý I`, `bác sĩ`/`bác sỹ`): after
# these initials the key writes `y` for a lone `i`, the same length, so either spelling matches the grammar's words.
_SPELLING = re.compile(r"\b([tlkmsh]|qu)i\b")


@lru_cache(maxsize=256)
def fold(text: str) -> str:
    """The matching key of `text`, of the same length (a few hundred cached: a report's text is folded by several
    readers in turn; a bound keeps a long refresh from holding every report)."""
    key = text.translate(_TABLE)
    return _SPELLING.sub(r"\1y", key) if "i" in key else key


_TONE_DIGIT = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


def _tone_char(ch: str) -> str:
    for c in unicodedata.normalize("NFD", ch):
        if c in _TONE_DIGIT:
            return _TONE_DIGIT[c]
    return "0"


_TONE_TABLE = _CharTable(_tone_char)


def tones(text: str) -> str:
    """The tone of each character of `text` (`0` none, `1`-`5` sắc, huyền, hỏi, ngã, nặng), of the
    same length: what folding removed, to tell apart words that differ only by their tone
    (`sắn` cassava, `sẵn` ready-made)."""
    return text.translate(_TONE_TABLE)


_LETTERS = re.compile(r"[^\W\d_]+")


def spelled(key: str, tone_key: str) -> tuple[str, list[int]]:
    """The key with each word's tones written after it (`san luong5 san1`), and the key offset of
    each of its characters: for edit distances that count a changed tone as a changed letter
    (`sản lượng tăng` is far from `sản lượng sắn`) but not a tone mark placed elsewhere."""
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for m in _LETTERS.finditer(key):
        s, e = m.span()
        if s > pos:
            out.append(key[pos:s])
            where.extend(range(pos, s))
        out.append(key[s:e])
        where.extend(range(s, e))
        marks = tone_key[s:e].replace("0", "")
        if marks:
            out.append(marks)
            where.extend([e - 1] * len(marks))
        pos = e
    if pos < len(key):
        out.append(key[pos:])
        where.extend(range(pos, len(key)))
    return "".join(out), where


def word_tones(tone_key: str) -> str:
    """The tones a word carries, wherever the mark sits (`hoá` and `hóa` alike)."""
    return tone_key.replace("0", "")


# a token: a number with its separators, a run of letters, or one other visible character
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")
_SKIP = {"-", ","}  # a hyphen or comma joins the words of a name like a space (`nông - lâm`, `nông, lâm`)


@dataclass
class Tokens:
    """A text's tokens: their spans in the text and a normalised key (tokens joined by one space,
    hyphens left out) in which phrases are found."""

    starts: list[int]
    ends: list[int]
    words: list[str]  # the folded token texts
    norm: str
    norm_starts: dict[int, int]  # offset in `norm` → token index
    norm_ends: dict[int, int]  # offset just past a token in `norm` → token index

    def index_at_or_after(self, pos: int) -> int:
        """The first token starting at or after text position `pos`."""
        return bisect_left(self.starts, pos)

    def index_before(self, pos: int) -> int:
        """The last token ending at or before text position `pos` (-1: none)."""
        return bisect_right(self.ends, pos) - 1


def tokenize(key: str) -> Tokens:
    found = [m for m in TOKEN.finditer(key) if m.group() not in _SKIP]
    words = [m.group() for m in found]
    norm_starts_list = list(accumulate((len(w) + 1 for w in words), initial=0))[:-1]  # each word's offset in `norm`
    indices = range(len(words))
    return Tokens([m.start() for m in found], [m.end() for m in found], words, " ".join(words),
                  dict(zip(norm_starts_list, indices, strict=True)),
                  dict(zip((o + len(w) for o, w in zip(norm_starts_list, words, strict=True)), indices, strict=True)))


def normalise_phrase(phrase: str) -> str:
    """A phrase of the grammar as its tokens would appear in `Tokens.norm`."""
    return " ".join(w for w in TOKEN.findall(fold(unicodedata.normalize("NFC", phrase.strip()))) if w not in _SKIP)


def phrase_tones(phrase: str) -> tuple[str, ...]:
    """The tones of each token of a phrase, aligned with `normalise_phrase`'s tokens."""
    text = unicodedata.normalize("NFC", phrase.strip())
    return tuple(word_tones(tones(w)) for w in TOKEN.findall(text) if fold(w) not in _SKIP)
