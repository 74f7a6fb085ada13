"""What reading a report gives: its facts, every number read (a fact or why not), its headings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from transforms.text import Sentence

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
    # its own sentence, one of several breakdowns of a total stated before) | stated_before (a sector's value in a
    # sentence of its own, a part of the total the report stated before) for parts
    part_list: str | None = None
    period_stated_at: int | None = None  # offset of the period mention the figure takes its period from
    metric_how: str | None = None  # which evidence named the metric (frame, clause, concept, context ...)
    read_as: str | None = None  # the project code read, when the warehouse writes it under another (reported_codes)
    read_scope: str | None = None  # the scope as read, then (the written scope also names what the code narrowed)
    base_unstated: bool = False  # growth with no base written, given the usual one (not persisted)
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


def fact_id(doc_id: str, start: int, end: int) -> str:
    """Same document and span give the same id on every run."""
    return hashlib.sha256(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:20]
