"""Audit view of one report: every number read, marked in its sentence, with what it became.

Pure functions for `chitieu explain`: raw text and the reference in, an `Explanation` out,
then rendered as text (for a reader) or as one record per number (for tools). No I/O here.

Offsets are those of the cleaned text (`clean_document`), the same text the warehouse's
`char_start`/`char_end` refer to, so `cleaned[char_start:char_end]` is the number as written.
A fact's span covers the number with its scale word and unit (`1.823,1 tỷ đồng`); a number
that is not a fact covers the number and, when one was read, its unit.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from transforms.extract import Extraction, Fact, NumberRead, extract
from transforms.numbers import parse_number, separator_habit
from transforms.reference import Reference
from transforms.text import CleanText, Sentence, clean_document

FACT_OPEN, FACT_CLOSE = "⟦", "⟧"
OTHER_OPEN, OTHER_CLOSE = "⟨", "⟩"

_BOLD_GREEN = "\x1b[1;32m"
_YELLOW = "\x1b[33m"
_DIM = "\x1b[2m"
_GREEN = "\x1b[32m"
_RESET = "\x1b[0m"

# contract fields of a fact, in the contract's order (value and unit are the fact's, signed and in base units)
FACT_FIELDS = ("fact_id", "metric", "role", "value", "unit", "period_year", "period", "status", "qualifier",
               "comparison_base", "base_year", "scope", "parent_fact_id")

# numbers that are not facts and are joined only by these characters are shown as one span (`27/7/1947`)
_JOIN_GAP = re.compile(r"\s?[/\-:.]\s?")


@dataclass(frozen=True)
class NumberView:
    """One number read, with its span in the cleaned text and what became of it."""

    char_start: int
    char_end: int
    text: str  # cleaned_text[char_start:char_end]
    value: float | None  # the fact's value when a fact (signed, base units), else the number as written
    unit: str | None
    sentence_index: int
    fact: Fact | None
    reason: str | None  # why it is not a fact; None for facts

    @property
    def is_fact(self) -> bool:
        return self.fact is not None


@dataclass(frozen=True)
class Explanation:
    doc_id: str
    clean: CleanText
    facts: list[Fact]
    numbers: list[NumberView]  # sorted by char_start
    sentences: list[Sentence]

    @property
    def text(self) -> str:
        """The cleaned text all offsets refer to."""
        return self.clean.text


def doc_id_of(data: bytes) -> str:
    """The warehouse's document id: sha256 of the file's bytes."""
    return hashlib.sha256(data).hexdigest()


def explain(raw: str, ref: Reference, doc_id: str | None = None, source_name: str = "") -> Explanation:
    """Clean `raw` as the pipeline does, extract, and line every number read up with its fact or reason.

    Give the file's `doc_id` (sha256 of its bytes) to get the warehouse's fact ids; by default the
    id is the sha256 of the text's UTF-8 bytes. `source_name`, the file's name, dates a text that names no year.
    """
    doc_id = doc_id or doc_id_of(raw.encode("utf-8"))
    clean = clean_document(raw, ref.boilerplate)
    ex = extract(doc_id, clean, ref, source_name)
    return Explanation(doc_id, clean, list(ex.facts), _views(clean.text, ex), list(ex.sentences))


def _views(text: str, ex: Extraction) -> list[NumberView]:
    facts = {f.fact_id: f for f in ex.facts}
    habit = separator_habit(text)
    out: list[NumberView] = []
    for n in ex.numbers:
        fact = facts.get(n.fact_id) if n.fact_id else None
        if fact is not None:
            out.append(NumberView(fact.char_start, fact.char_end, text[fact.char_start:fact.char_end],
                                  _tidy(fact.value), fact.unit, n.sentence_index, fact, None))
            continue
        start, end = _span(text, n)
        value = n.value
        if value is None:
            parsed = parse_number(text[n.char_start:n.char_end], habit)
            value = parsed.value if parsed else None
        out.append(NumberView(start, end, text[start:end], _tidy(value), n.unit, n.sentence_index, None,
                              n.reason or "not a fact"))
    out.sort(key=lambda v: (v.char_start, v.char_end))
    return out


def _span(text: str, n: NumberRead) -> tuple[int, int]:
    """The number's span, widened to its unit when the extractor read one (`5 tỷ đồng`)."""
    end = n.char_start + len(n.text)
    if n.text and end > n.char_end and text[n.char_start:end] == n.text:
        return n.char_start, end
    return n.char_start, n.char_end


def _tidy(value: float | None) -> float | None:
    """Twelve significant digits: `2.092,3 tỷ` is 2092300000000, not 2092300000000.0002."""
    if value is None:
        return None
    return float(f"{value:.12g}")


def format_value(value: float | None) -> str:
    if value is None:
        return "?"
    v = _tidy(value)
    assert v is not None
    if v.is_integer() and abs(v) < 1e18:
        return str(int(v))
    return f"{v:.12g}"


# ---------------------------------------------------------------------------------------------------------- text


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    numbers: tuple[NumberView, ...]

    @property
    def is_fact(self) -> bool:
        return self.numbers[0].is_fact


def _marks(text: str, numbers: list[NumberView]) -> list[_Mark]:
    """One mark per fact; runs of non-facts with the same reason joined by `/`, `-`, `:` or `.` are one mark."""
    marks: list[_Mark] = []
    for n in numbers:
        if marks and marks[-1].end > n.char_start:
            continue  # overlaps the previous span: shown in its lines, not marked twice
        prev = marks[-1] if marks else None
        if (prev is not None and not prev.is_fact and not n.is_fact and prev.numbers[-1].reason == n.reason
                and prev.numbers[-1].sentence_index == n.sentence_index
                and _JOIN_GAP.fullmatch(text[prev.end:n.char_start])):
            marks[-1] = _Mark(prev.start, n.char_end, (*prev.numbers, n))
            continue
        marks.append(_Mark(n.char_start, n.char_end, (n,)))
    return marks


def _sentence_for(expl: Explanation, n: NumberView) -> Sentence:
    by_index = {s.index: s for s in expl.sentences}
    if n.sentence_index in by_index:
        return by_index[n.sentence_index]
    for s in expl.sentences:
        if s.start <= n.char_start < s.end:
            return s
    # not inside any sentence (should not happen): its line stands in for one
    lo = expl.text.rfind("\n", 0, n.char_start) + 1
    hi = expl.text.find("\n", n.char_end)
    hi = len(expl.text) if hi < 0 else hi
    return Sentence(-1, lo, hi, expl.text[lo:hi], -1, False)


# why the metric was chosen (Fact.metric_how), in words a reviewer can check against the sentence
_METRIC_HOW = {
    "clause": "an alias in its clause",
    "frame": "the words around the number",
    "concept": "concept words (head and modifiers) in its clause",
    "context": "the indicator of an earlier figure of the paragraph",
    "composed": "an earlier figure's indicator narrowed by words in its own clause",
    "fuzzy": "a misspelt alias",
    "fraction": "the counted noun of a fraction",
    "after": "an alias right after the figure",
    "respectively": "the same place in the list read before `tương ứng` or `lần lượt là`",
}


def metric_reason(how: str | None) -> str:
    """`metric by: ...` for a fact's `metric_how` (composed readings carry their own words)."""
    return _METRIC_HOW.get(how or "", how or "unknown")


def fact_summary(f: Fact, parent_text: str | None = None) -> str:
    """`budget_revenue level 1823100000000 VND · 2022 H1 estimate · exact · base=same_period 2021 ...`"""
    year = "year unnamed" if f.period_year is None else str(f.period_year)  # a report naming no year anywhere
    period = " ".join(x for x in (year, f.period) if x is not None)
    parts = [f"{f.metric} {f.role} {format_value(f.value)} {f.unit}", f"{period} {f.status}", f.qualifier]
    if f.comparison_base:
        parts.append(f"base={f.comparison_base}" + (f" {f.base_year}" if f.base_year else ""))
    if f.scope:
        parts.append(f"scope={f.scope}")
    if f.parent_fact_id:
        parts.append(f"parent={parent_text if parent_text is not None else f.parent_fact_id}")
    parts.append(f"metric by: {metric_reason(f.metric_how)}")
    if f.read_as:
        parts.append(f"read as {f.read_as}, written under the code annotators write it under "
                     "(seeds/reported_codes.csv, seeds/named_codes.csv)")
    return " · ".join(parts)


def _paint(s: str, code: str, color: bool) -> str:
    return f"{code}{s}{_RESET}" if color else s


def render_text(expl: Explanation, color: bool = False) -> str:
    """Each sentence that holds a number, numbers marked, then one line per number; a total at the end.

    Facts are marked `⟦…⟧` (bold green with `color`), other numbers `⟨…⟩` (yellow).
    """
    text = expl.text
    marks = _marks(text, expl.numbers)
    parent_text = {f.fact_id: f.value_text for f in expl.facts}
    groups: dict[int, tuple[Sentence, list[_Mark]]] = {}
    order: list[int] = []
    for mk in marks:
        s = _sentence_for(expl, mk.numbers[0])
        key = s.index if s.index >= 0 else -1 - s.start
        if key not in groups:
            groups[key] = (s, [])
            order.append(key)
        groups[key][1].append(mk)

    blocks: list[str] = []
    for key in order:
        s, ms = groups[key]
        pieces: list[str] = []
        pos = s.start
        for mk in ms:
            lo, hi = max(mk.start, pos), min(mk.end, s.end)
            if lo >= hi:
                continue
            pieces.append(text[pos:lo])
            if mk.is_fact:
                pieces.append(_paint(f"{FACT_OPEN}{text[lo:hi]}{FACT_CLOSE}", _BOLD_GREEN, color))
            else:
                pieces.append(_paint(f"{OTHER_OPEN}{text[lo:hi]}{OTHER_CLOSE}", _YELLOW, color))
            pos = hi
        pieces.append(text[pos:s.end])
        lines = [" ".join("".join(pieces).split("\n"))]
        for mk in ms:
            if mk.is_fact:
                n = mk.numbers[0]
                assert n.fact is not None
                summary = fact_summary(n.fact, parent_text.get(n.fact.parent_fact_id or ""))
                lines.append(_paint(f"  ✔ {n.text} → {summary}", _GREEN, color))
            else:
                shown = text[mk.start:mk.end]
                lines.append(_paint(f"  · {shown} — not a fact: {mk.numbers[0].reason}", _DIM, color))
        blocks.append("\n".join(lines))

    n_facts = sum(1 for n in expl.numbers if n.is_fact)
    n_other = len(expl.numbers) - n_facts
    total = (f"{n_facts} {'fact' if n_facts == 1 else 'facts'}, {n_other} other "
             f"{'number' if n_other == 1 else 'numbers'} read in {len(order)} "
             f"{'sentence' if len(order) == 1 else 'sentences'}")
    return "\n\n".join([*blocks, total]) if blocks else total


# ---------------------------------------------------------------------------------------------------------- json


def render_json(expl: Explanation) -> list[dict[str, object]]:
    """One record per number read, in text order; offsets into the cleaned text."""
    sentences = {s.index: s.text for s in expl.sentences}
    out: list[dict[str, object]] = []
    for n in expl.numbers:
        rec: dict[str, object] = {
            "text": n.text, "value": n.value, "unit": n.unit, "char_start": n.char_start, "char_end": n.char_end,
            "sentence": sentences[n.sentence_index] if n.sentence_index in sentences else _sentence_for(expl, n).text,
            "sentence_index": n.sentence_index, "is_fact": n.is_fact, "reason": n.reason,
        }
        if n.fact is not None:
            for name in FACT_FIELDS:
                rec[name] = getattr(n.fact, name)
            rec["value"] = n.value
        out.append(rec)
    return out
