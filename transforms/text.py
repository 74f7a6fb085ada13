"""Text normalisation, matching keys and sentence splitting.

Everything downstream (spans, sentences, facts) refers to the cleaned text this module
produces, so its offsets are the contract's `char_start`/`char_end`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from transforms.grammar.keys import fold  # noqa: E402,F401 - the one matching key, re-exported
from transforms.grammar.masks import fold_pattern  # noqa: E402,F401
from transforms.grammar.syllables import split_glued_words

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t"), " ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# letters that look like Vietnamese ones, left by old encodings' converters (`QSDÐ`: Icelandic eth for đ)
_LOOKALIKES = {0x00D0: "Đ", 0x00F0: "đ"}
# one table and one scan: most reports hold none of these, and `str.translate` with a dict is slow on Vietnamese text
_ODD_CHARS = {chr(c): r or "" for c, r in {**_ZERO_WIDTH, **_SPACES, **_DASHES, **_LOOKALIKES}.items()}
_ODD = re.compile("[" + "".join(_ODD_CHARS) + "]")


@dataclass(frozen=True)
class BoilerplateRule:
    pattern: re.Pattern[str]
    reason: str


@dataclass(frozen=True)
class CleanText:
    text: str
    title: str
    published_on: date | None
    removed: tuple[tuple[str, str], ...]  # (line, reason) of every dropped line


_MARKDOWN = re.compile(r"\*\*|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|__")
_META_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\s*")
_DMY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_NGAY = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
# (with slashes, dashes or dots: `Thứ Năm, 15-10-2020, 21:49`, `Cập nhật: 04/2022`; the time may come first:
# `05:41 PM 09/03/2023`, `14:25 05/07/2024`)
_DATE_LINE = re.compile(r"^(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?i:am|pm|sa|ch)?\s*[,|\-]?\s*)?"
                        r"(?:[^\d:]{0,24}[:,]\s*)?(?:(?P<d>\d{1,2})[/.\-])?(?P<m>\d{1,2})[/.\-]"
                        r"(?P<y>(?:19|20)\d{2})\b"
                        # or year first, as ISO writes it: `2025-10-07`, `2025-04`, `Cập nhật: 2024-07-05 09:12`
                        r"|^(?:[^\d:]{0,24}[:,]\s*)?(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})(?:-(?P<id>\d{1,2}))?\b")
_CAPTION_HINT = re.compile(r"\((ảnh|nguồn)\s*:[^)]*\)\s*$", re.IGNORECASE)
# a line holding only a figure (`>95%`, `28 nghìn tỷ đồng`, `130 triệu đồng/ha`), as infographics set the value
# under its label; a bare year is a heading's, not a value
_VALUE_LINE = re.compile(
    r"(?:[<>≥≤~≈]\s*)?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)\s*(?:%|[^\W\d_]+(?:\s*/?\s*[^\W\d_]+){0,3})?",
    re.IGNORECASE)  # (a date, `27.03.2018`, is no value)
_YEAR_LINE = re.compile(r"(?:19|20)\d\d")
# a photo's caption, by its credit at the end (`... - Ảnh 1.`, `(Ảnh: ...)`): its figures date nothing after it
PHOTO_CAPTION = re.compile(r"[-–]\s*Ảnh(?:\s+minh\s+họa)?\s*\d*\.?\s*$|\(\s*Ảnh\s*:[^)]*\)\s*$", re.IGNORECASE)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def normalise(raw: str) -> str:
    """NFC, one kind of space and dash, no zero-width characters or lookalike letters, no markdown emphasis, no
    words typed together."""
    text = unicodedata.normalize("NFC", raw)
    text = _ODD.sub(lambda m: _ODD_CHARS[m.group()], text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _MARKDOWN.sub("", text)
    return _GLUED_VERB.sub(r"\1 ", split_glued_words(text))


# a verb typed against its figure (`giảm10,07%`, `tăng12%`): the space the grammar reads words by
_GLUED_VERB = re.compile(r"(?<![^\W\d_])(tăng|giảm|đạt|bằng|khoảng|gần|trên|hơn|còn)(?=\d)", re.IGNORECASE)


def clean_document(raw: str, rules: list[BoilerplateRule]) -> CleanText:
    """Normalise, drop boilerplate lines and repeated captions, find title and date.

    The first line that survives is the title; a `date YYYY-MM` metadata prefix, a
    `dd/mm/yyyy hh:mm` date line or a `Ngày d tháng m năm y` opening gives the date.
    """
    text = normalise(raw)
    published: date | None = None
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    seen_short: set[str] = set()
    for line in text.split("\n"):
        line = re.sub(r"[ ]{2,}", " ", line).strip()
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        meta = _META_DATE.match(line)
        if meta:
            published = published or _safe_date(int(meta[1]), int(meta[2]), int(meta[3] or 1))
            line = line[meta.end():].strip()
        if kept and _VALUE_LINE.fullmatch(line) and not _YEAR_LINE.fullmatch(line) and _is_label(kept[-1]):
            kept[-1] = kept[-1].rstrip(":").rstrip() + ": " + line  # the label's value: one sentence
            continue
        key = fold(line)
        rule = next((r for r in rules if r.pattern.search(key)), None)
        if rule is not None:
            if published is None:
                dmy = _DMY.search(line)
                if dmy:
                    published = _safe_date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
            removed.append((line, rule.reason))
            continue
        is_caption = _CAPTION_HINT.search(line) is not None or (len(line) < 200 and not line.endswith((".", ":", ";")))
        if key in seen_short and is_caption:
            removed.append((line, "repeated caption"))
            continue
        if len(line) < 200:
            seen_short.add(key)
        if published is None and len(kept) < 3 and re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}(\s+\d{1,2}:\d{2})?", line):
            dmy = _DMY.search(line)
            if dmy:
                published = _safe_date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
            removed.append((line, "date line"))
            continue
        if published is None and len(kept) < 8 and len(line) < 60:
            # `Cập nhật: 04/2022`, `Thứ Sáu, 05/07/2024 - 14:25`: a short line dating the page
            dated = _DATE_LINE.search(line)
            if dated is not None and dated["iy"]:
                published = _safe_date(int(dated["iy"]), int(dated["im"]), int(dated["id"] or 1))
            elif dated is not None:
                published = _safe_date(int(dated["y"]), int(dated["m"]), int(dated["d"] or 1))
        kept.append(line)
    while kept and kept[-1] == "":
        kept.pop()
    clean = "\n".join(kept)
    if published is None:
        ngay = _NGAY.search(clean[:2000])
        if ngay:
            published = _safe_date(int(ngay[3]), int(ngay[2]), int(ngay[1]))
    title = _title(kept)
    return CleanText(clean, title, published, tuple(removed))


def _is_label(line: str) -> bool:
    """A short line naming an indicator with no figure of its own and no sentence end: the label an
    infographic sets above its value."""
    return (0 < len(line) < 150 and not line.endswith((".", ";", "!", "?", "…")) and not _VALUE_LINE.fullmatch(line)
            and not any(c.isdigit() for c in line) and any(c.isalpha() for c in line) and "|" not in line)


def _title(lines: list[str]) -> str:
    """The first paragraph's lines while they look like a heading (short, no final period)."""
    parts: list[str] = []
    for line in lines:
        if not line:
            if parts:
                break
            continue
        parts.append(line)
        if line.endswith(".") or len(" ".join(parts)) > 160:
            break
    return " ".join(parts)[:300]


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    is_heading: bool


# (`tr.đ`: triệu đồng abbreviated)
_ABBREVIATIONS = ("tp", "tx", "th", "ths", "ts", "pgs", "gs", "đ/c", "tt", "v.v", "st", "ubnd", "tr")
_BOUNDARY = re.compile(r"[.!?…]+(?=[\s\"”’)\]]*(?:[A-ZÀ-ỸĐ0-9\"“‘(]|$))|\n+")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets; a line break always ends one, so headings stand alone.

    A full stop ends a sentence when the next non-space character starts a new one
    (upper case, digit, quote), so `1.823,1` and `TP. Uông Bí` don't split. Linear in the
    text: every look-back is bounded (an abbreviation or a list number is a few letters).
    """
    out: list[Sentence] = []
    para = 0
    start = 0
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("\n"):
            _append(out, text, start, m.start(), para, line_starts)
            para += 1  # reports put one paragraph per line
            start = m.end()
            continue
        if m.group() == ".":
            # a dot between digits is a number separator; after an abbreviation, not an end
            if m.start() > 0 and text[m.start() - 1].isdigit() and text[m.end():m.end() + 1].isdigit():
                continue
            if fold(_last_word(text, start, m.start())) in _ABBREVIATIONS:
                continue
            if m.start() > start and text[m.start() - 1].isalpha() and text[m.end():m.end() + 1].isalpha() and (
                    m.start() - 1 == start or not text[m.start() - 2].isalnum()):
                continue  # a letter's abbreviation glued to the next (`T.P Sông Công`, `T.X`): no end
            if m.start() - start <= _MAX_NUMBERING and _NUMBERING.fullmatch(text, start, m.start()):
                continue  # numbering of a heading or list item: `I.`, `2.`
        end = m.end()
        _append(out, text, start, end, para, line_starts)
        start = end
    _append(out, text, start, len(text), para, line_starts)
    return out


_NEWLINE = re.compile(r"\n")
_NUMBERING = re.compile(r"\s*(?:[IVXLC]+|\d{1,2}|[a-zđ])")
_MAX_NUMBERING = 12  # characters: `  XVIII` at most
_MAX_ABBREVIATION = max(len(a) for a in _ABBREVIATIONS)


def _last_word(text: str, lo: int, hi: int) -> str:
    """The non-space run ending at `hi` (not before `lo`), if it is short enough to be an
    abbreviation; else ''. Looks back at most one character more than the longest one."""
    i = hi
    floor = max(lo, hi - _MAX_ABBREVIATION - 1)
    while i > floor and not text[i - 1].isspace():
        i -= 1
    if i == floor and floor > lo and not text[i - 1].isspace():
        return ""  # longer than any abbreviation
    return text[i:hi]


_HEADING = re.compile(r"^(?:[IVXLC]+\.|\d+\.|[a-zđ]\)|[A-ZĐ])")


def _append(out: list[Sentence], text: str, start: int, end: int, para: int, line_starts: list[int]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    body = text[start:end]
    k = bisect_right(line_starts, start) - 1
    line_start = line_starts[k]
    line_end = line_starts[k + 1] - 1 if k + 1 < len(line_starts) else len(text)
    whole_line = start == line_start and end >= line_end - 1
    # (`Tỷ lệ bao phủ bảo hiểm y tế: >95%`, a label and its value, is an item of what it stands in, not a heading)
    label, colon, value = body.rpartition(": ")
    is_heading = whole_line and len(body) < 200 and not body.endswith((".", ";", ":", "…")) and bool(
        _HEADING.match(body)
    ) and not (colon and _VALUE_LINE.fullmatch(value) and _is_label(label))
    out.append(Sentence(len(out), start, end, body, para, is_heading))


class SpanIndex:
    """Fixed spans `(start, end)`, possibly overlapping, answering overlap and containment
    queries in log time (a linear scan per number is quadratic on a long document)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.max_end = list(accumulate((b for _, b in ordered), max))

    def overlaps(self, s: int, e: int) -> bool:
        """Whether some span has `a < e and s < b`."""
        i = bisect_left(self.starts, e)
        return i > 0 and self.max_end[i - 1] > s

    def contains(self, s: int, e: int) -> bool:
        """Whether some span has `a <= s and e <= b`."""
        i = bisect_right(self.starts, s)
        return i > 0 and self.max_end[i - 1] >= e
