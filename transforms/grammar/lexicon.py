"""Every phrase of the grammar found in one pass over a text.

A phrase (a metric alias, a concept word, a unit, a verb, a status or base cue ...) carries
tags: what it is (`kind`) and what it means (`value`). All phrases are normalised like the text
(`keys.normalise_phrase`) and put in one Aho-Corasick automaton; a document's tokens are
scanned once and every match that begins and ends on token boundaries is a `Hit` (matches may
overlap: the grammar decides which one to use). The key has no tones, so a match keeps only the
tags of phrases whose words carry the text's tones (`sắn` is not `sẵn`, `tăng` not `tặng`). Work
per document is linear in its length, however many phrases the grammar has.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from transforms.grammar.keys import Tokens, normalise_phrase, phrase_tones, word_tones


@dataclass(frozen=True)
class Tag:
    kind: str  # alias, head, modifier, unit, scale, counter, verb, base, status, qualifier, ...
    value: str  # the metric, concept, unit, role ... the phrase means
    extra: str = ""  # a second value where one is needed (a modifier's dimension, a unit's scale)


@dataclass(frozen=True)
class Hit:
    t0: int  # first token
    t1: int  # one past the last token
    start: int  # span in the text
    end: int
    phrase: str  # the normalised phrase
    tags: tuple[Tag, ...]

    def of(self, kind: str) -> list[Tag]:
        return [t for t in self.tags if t.kind == kind]

    @property
    def n_tokens(self) -> int:
        return self.t1 - self.t0


class Lexicon:
    def __init__(self, entries: Iterable[tuple[str, Tag]]) -> None:
        tags: dict[str, list[tuple[tuple[str, ...], Tag]]] = defaultdict(list)
        for phrase, tag in entries:
            key = normalise_phrase(phrase)
            toned = (phrase_tones(phrase), tag)
            if key and toned not in tags[key]:
                tags[key].append(toned)
        self.tags = {k: tuple(v) for k, v in tags.items()}
        self._auto = ahocorasick.Automaton()
        for key, ts in self.tags.items():
            self._auto.add_word(key, (len(key), key, ts))
        if self.tags:
            self._auto.make_automaton()

    def __contains__(self, phrase: str) -> bool:
        return any(sig == phrase_tones(phrase) for sig, _ in self.tags.get(normalise_phrase(phrase), ()))

    def find(self, tokens: Tokens, tone_key: str) -> list[Hit]:
        """Every phrase occurrence on token boundaries whose tones agree with the text's
        (`tone_key`: `keys.tones` of the text), ordered by start, longest first."""
        if not self.tags or not tokens.norm:
            return []
        out: list[Hit] = []
        starts, ends = tokens.norm_starts, tokens.norm_ends
        tok_tones: dict[int, str] = {}

        def tone_of(t: int) -> str:
            found = tok_tones.get(t)
            if found is None:
                found = tok_tones[t] = word_tones(tone_key[tokens.starts[t]:tokens.ends[t]])
            return found

        for end_idx, (length, key, toned) in self._auto.iter(tokens.norm):
            s = end_idx - length + 1
            t0 = starts.get(s)
            t_last = ends.get(end_idx + 1)
            if t0 is None or t_last is None:
                continue
            said = tuple(tone_of(t) for t in range(t0, t_last + 1))
            ts = tuple(tag for sig, tag in toned if sig == said)
            if ts:
                out.append(Hit(t0, t_last + 1, tokens.starts[t0], tokens.ends[t_last], key, ts))
        out.sort(key=lambda h: (h.t0, -h.t1))
        return out


class HitIndex:
    """A document's hits of one kind, by token position, for the grammar's look-ups."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = sorted(hits, key=lambda h: (h.t1, h.t0))
        self.ends = [h.t1 for h in self.hits]
        self.by_start = sorted(hits, key=lambda h: (h.t0, -h.t1))
        self.starts = [h.t0 for h in self.by_start]

    def ending_within(self, lo: int, hi: int) -> list[Hit]:
        """Hits lying inside tokens [lo, hi), nearest `hi` first (by end, then the longer)."""
        k = bisect_right(self.ends, hi)
        out = []
        for h in reversed(self.hits[bisect_left(self.ends, lo):k]):
            if h.t0 >= lo:
                out.append(h)
        out.sort(key=lambda h: (-h.t1, h.t0))
        return out

    def starting_at(self, t: int) -> list[Hit]:
        """Hits starting at token `t`, longest first."""
        i = bisect_left(self.starts, t)
        out = []
        while i < len(self.by_start) and self.starts[i] == t:
            out.append(self.by_start[i])
            i += 1
        return out

    def starting_within(self, lo: int, hi: int) -> list[Hit]:
        """Hits starting in tokens [lo, hi), in order, longest first at a start."""
        return self.by_start[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]
