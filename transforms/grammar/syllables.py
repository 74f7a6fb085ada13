"""Words typed together (`dựtoán`, `vượtkế hoạch`, `thutiền sử dụng đất`): the space a page lost between two
syllables, put back so the grammar reads its words.

Vietnamese writes one syllable per word, and a syllable has a fixed shape: an initial consonant, a rhyme from a
closed inventory and at most one tone mark. A token that is not one syllable but is exactly two or three (each
with at most one tone) was typed together. The inventory is the language's orthography, not a rule tuned on
reports, so it lives here beside the tone table of `keys`; a token is only split when it holds a Vietnamese
letter (a loanword or code in plain ASCII is left alone) and every part is a syllable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONE_MARKS = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}

_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
# the rhymes of the orthography without tones (medial o/u included; `qu` takes its own u: `quỳnh`, `quýt`)
_RHYME_LIST = (
    "a ai ao au ay ac ach am an ang anh ap at "
    "ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây "
    "e eo ec em en eng ep et ê êu êch êm ên ênh êp êt "
    "i ia iu ich im in inh ip it iêu iêc iêm iên iêng iêp iêt "
    "y yêu yêm yên yêt yt ynh ych yp yn "
    "o oi oc om on ong op ot ooc oong oa oai oao oay oac oach oam oan oang oanh oap oat "
    "oăc oăm oăn oăng oăt oe oeo oen oet "
    "ô ôi ôc ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt "
    "u ua ui uc um un ung up ut uôi uôc uôm uôn uông uôt uy uya uyu uych uyn uynh uyp uyt uyên uyêt "
    "uân uâng uât uây uê uêch uênh uơ "
    "ư ưa ưi ưu ưc ưm ưn ưng ưt ươi ươu ươc ươm ươn ương ươp ươt"
)
_RHYMES = _RHYME_LIST.split()
_SYLLABLE = re.compile(rf"(?:{_ONSETS})?(?:{'|'.join(sorted(_RHYMES, key=len, reverse=True))})")

_LETTER = r"[^\W\d_]"
_VOWELS = "".join(sorted({unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
                          for t in ("", *_TONE_MARKS)}))
# one syllable keeps its vowels together (`nghiêng`, `khuya`): a consonant between two vowels of a token parts two
# syllables (`donền`, `dựtoán`); the match is widened to its token, and one scan of the text is the whole cost
_CANDIDATE = re.compile(rf"[{_VOWELS}][^\W\d_{_VOWELS}]+[{_VOWELS}]{_LETTER}*")


def _plain(part: str) -> tuple[str, int]:
    """`part` in lower case without tones, and how many tone marks it had."""
    decomposed = unicodedata.normalize("NFD", part.lower())
    marks = sum(c in _TONE_MARKS for c in decomposed)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS)), marks


@lru_cache(maxsize=65536)
def _is_syllable(part: str) -> bool:
    plain, marks = _plain(part)
    return marks <= 1 and _SYLLABLE.fullmatch(plain) is not None


@lru_cache(maxsize=16384)
def partings(token: str) -> tuple[tuple[str, ...], ...]:
    """The ways `token` is two or three syllables typed together, likeliest first (none when it is one
    syllable, or not syllables, or only with a one-letter syllable: `điệ` is a word cut short, not `đi ệ`).
    The fewest syllables, a capital inside starting one (`ThuNgân`), then the most that begin with a consonant
    (`vượtkế` is `vượt kế`, not `vư ợt kế`; `dựtoán` is `dự toán` before `dựt oán`)."""
    if token.isascii() or _is_syllable(token):
        return ()
    ways = [w for w in _ways(token, 3) if min(map(len, w)) > 1]
    if not ways:
        return ()
    fewest = min(map(len, ways))

    def rank(parts: tuple[str, ...]) -> tuple[int, int]:
        return (-sum(p[0].isupper() for p in parts[1:]), -sum(_ONSET.match(p.lower()) is not None for p in parts[1:]))

    return tuple(sorted((w for w in ways if len(w) == fewest), key=rank))


_ONSET = re.compile(rf"(?:{_ONSETS})(?!$)")


def _ways(token: str, most: int) -> list[tuple[str, ...]]:
    """Every parting of `token` into at most `most` syllables."""
    out = [(token,)] if _is_syllable(token) else []
    if most > 1:
        for k in range(1, min(len(token) - 1, 7) + 1):
            if _is_syllable(token[:k]):
                out += [(token[:k], *rest) for rest in _ways(token[k:], most - 1)]
    return out


def split_glued_words(text: str) -> str:
    """`text` with every token that is syllables typed together spaced. Where the orthography allows two
    partings (`Quốchội`: `Quốc hội` or `Quố chội`; `đạtước`: `đạt ước` or `đạ tước`), the one whose syllables
    the text writes elsewhere as words, else the likeliest by their shape."""
    vocabulary: set[str] | None = None

    def spaced(token: str) -> str:
        nonlocal vocabulary
        ways = partings(token)
        if not ways:
            return token
        if len(ways) > 1:
            if vocabulary is None:
                vocabulary = {w.lower() for w in _WORD.findall(text)}
            known = vocabulary
            return " ".join(max(ways, key=lambda parts: sum(p.lower() in known for p in parts)))
        return " ".join(ways[0])

    out, at, done = [], 0, 0
    for m in _CANDIDATE.finditer(text):
        if m.start() < done or m.group().isascii():
            continue  # a token already looked at, or letters of no Vietnamese word (base64, a code)
        lo, hi = m.start(), m.end()
        while lo > 0 and _is_letter(text[lo - 1]) and hi - lo <= _LONGEST:
            lo -= 1
        while hi < len(text) and _is_letter(text[hi]) and hi - lo <= _LONGEST:
            hi += 1
        done = hi
        if hi - lo > _LONGEST:
            while hi < len(text) and _is_letter(text[hi]):  # no syllables typed together: a run of letters
                hi += 1
            done = hi
            continue
        token = text[lo:hi]
        new = spaced(token)
        if new != token:
            out += [text[at:lo], new]
            at = hi
    return "".join(out) + text[at:] if out else text


_LONGEST = 16  # three syllables typed together at most


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


_WORD = re.compile(rf"{_LETTER}+")
