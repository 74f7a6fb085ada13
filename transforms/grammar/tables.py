"""Tables of indicators (`STT | Chỉ tiêu | ĐVT | Kế hoạch 2019 | Thực hiện 2019`), read as sentences.

A statistics page or a plan's annex lists its indicators in a table (an HTML table comes out of
ingest as `|`-separated rows). A cell's number has its indicator in the row's label, its unit in the
unit column and its period and status in the column's header, so each cell is rewritten as the
sentence a report would have written (`Năm 2019, Thu ngân sách Nhà nước đạt 428,2 tỷ đồng.`) and read
by the same grammar; the facts found are then put back at the cell's place in the text.

Rows with no figure name a group (`1 | Cơ cấu kinh tế`) whose items follow (`- Dịch vụ | % | 56`):
the item's label is the group's with its own words. A label, unit and value written as
`;`-separated pairs (`Độ che phủ rừng; diện tích trồng rừng | %; ha | 40;170`) are two rows.
A cell of words (`Có 94 % gia đình; 95,4 % xóm ...`) is read as prose under its label.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from transforms.grammar.keys import fold
from transforms.grammar.masks import word_alternation

_ROW = re.compile(r"^[ \t]*\|?[^|\n]*\|[^|\n]*\|.*$", re.MULTILINE)  # a line with at least two `|`
_NUMBER = re.compile(r"^\s*(?P<q>>=|<=|>|<|≥|≤|~)?\s*(?P<sign>[+\-−])?\s*(?P<n>\d+(?:[.,]\d+)*)\s*(?P<pct>%)?\s*$")
_QUALIFIER_WORDS = {">": "trên ", ">=": "từ ", "≥": "từ ", "<": "dưới ", "<=": "dưới ", "≤": "dưới ", "~": "khoảng "}
_YEARISH = re.compile(r"(?:19|20)\d{2}")
_UNIT_IN_LABEL = re.compile(r"\s*\(([^()\d]{1,20})\)\s*$")  # `Doanh thu (tỷ đồng)`: a unit written in the label


@dataclass(frozen=True)
class TableWords:
    """Header words (seeds/grammar/words.csv, sets `table_*`), matched in the folded header."""

    label: re.Pattern[str]
    unit: re.Pattern[str]
    index: re.Pattern[str]
    target: re.Pattern[str]
    result: re.Pattern[str]
    estimate: re.Pattern[str]
    ratio: re.Pattern[str]
    plan_base: re.Pattern[str]
    budget_base: re.Pattern[str]
    change: re.Pattern[str]
    same_period: re.Pattern[str]
    ditto: re.Pattern[str]
    unit_tokens: frozenset[str] = frozenset()  # folded words of units (seeds/units.csv): a flattened row's unit

    @classmethod
    def from_words(cls, words: dict[str, list[str]], unit_tokens: frozenset[str] = frozenset()) -> TableWords:
        def rx(name: str, whole: bool = False) -> re.Pattern[str]:
            alt = word_alternation(words.get(name, []), space=r"\s*") or "(?!)"
            return re.compile(rf"^(?:{alt})$" if whole else rf"(?<!\w)(?:{alt})(?!\w)")
        return cls(rx("table_label"), rx("table_unit"), rx("table_index", whole=True), rx("table_target"),
                   rx("table_result"), rx("table_estimate"), rx("table_ratio"), rx("table_plan_base"),
                   rx("table_budget_base"), rx("table_change"), rx("table_same_period"),
                   rx("table_ditto", whole=True), unit_tokens)


@dataclass(frozen=True)
class Cell:
    start: int  # span of the cell's text (stripped) in the document
    end: int
    text: str


@dataclass(frozen=True)
class CellReading:
    """One cell to read: the sentence written for it and where the cell's text sits in it."""

    sentence: str
    at: int  # offset of the cell's text in `sentence`
    cell: Cell
    row_start: int  # span of the row's line in the document
    row_end: int
    status: str | None  # from the column's header, when it says (`Kế hoạch 2020`, `Ước TH`)


@dataclass
class _Column:
    header: str
    period: str  # the header's period words (`năm 2019`, `6 tháng đầu năm 2024`), or ""
    status: str | None
    ratio: str | None  # how a percentage in this column compares (a phrase after the number), or None


def _cells(text: str, start: int, end: int) -> list[Cell]:
    line = text[start:end]
    cells, pos = [], 0
    for part in line.split("|"):
        lead = len(part) - len(part.lstrip())
        body = part.strip()
        cells.append(Cell(start + pos + lead, start + pos + lead + len(body), body))
        pos += len(part) + 1
    if cells and not cells[-1].text and line.rstrip().endswith("|"):
        cells = cells[:-1]  # `| a | b |`: the edge pipes bound no cell
    return cells


def find_tables(text: str) -> list[list[tuple[int, int, list[Cell]]]]:
    """Blocks of two or more consecutive `|` rows: (row start, row end, cells) each."""
    blocks: list[list[tuple[int, int, list[Cell]]]] = []
    current: list[tuple[int, int, list[Cell]]] = []
    last_end = -2
    for m in _ROW.finditer(text):
        row = (m.start(), m.end(), _cells(text, m.start(), m.end()))
        if current and text[last_end:m.start()].strip("\n ") == "" and text.count("\n", last_end, m.start()) <= 1:
            current.append(row)
        else:
            if len(current) >= 2:
                blocks.append(current)
            current = [row]
        last_end = m.end()
    if len(current) >= 2:
        blocks.append(current)
    return blocks


_LINE = re.compile(r"^.*$", re.MULTILINE)
_LABEL_LONGEST = 40  # characters: the longest label header a table opens with (`Tên chỉ tiêu`, `Chỉ tiêu chủ yếu`)
_FLAT_VALUES = re.compile(r"(?:\s+(?:>=|<=|>|<|≥|≤|~)?[+\-−]?\d+(?:[.,]\d+)*\s?%?)+\s*$")
_FLAT_VALUE = re.compile(r"(?:>=|<=|>|<|≥|≤|~)?[+\-−]?\d+(?:[.,]\d+)*\s?%?")


def _flat_row(text: str, start: int, end: int, unit_col: bool, width: int,
              words: TableWords) -> tuple[int, int, list[Cell]] | None:
    """A flattened table's row (`- Khu vực dịch vụ " 7.259,8 +9,88`): label, unit and up to `width` values, or None."""
    line = text[start:end]
    tail = _FLAT_VALUES.search(line)
    if tail is None:
        return None
    values = [Cell(start + m.start(), start + m.start() + len(m.group().strip()), m.group().strip())
              for m in _FLAT_VALUE.finditer(line, tail.start())]
    body = line[:tail.start()].rstrip()
    if not 1 <= len(values) <= width or sum(ch.isalpha() for ch in body) < 3:
        return None
    if all(_YEARISH.fullmatch(v.text) for v in values):
        return None  # `Thực hiện năm 2023`: a column's header, not a row
    lead = len(body) - len(body.lstrip())
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", body)]
    cut = len(tokens)  # the unit's first token
    if unit_col and tokens:
        if words.ditto.match(fold(tokens[-1][1]).lower()) or tokens[-1][1] == "%":
            cut = len(tokens) - 1
        else:
            run = len(tokens)
            while run > 1 and len(tokens) - run < 4 and fold(tokens[run - 1][1]).lower() in words.unit_tokens:
                run -= 1
            # (`... lưu trú Ngàn lượt khách`: a unit cell written capitalised starts where its capital is; `triệu USD`
            # is one unit whatever the acronym's case)
            starts = [i for i in range(run, len(tokens)) if tokens[i][1][:1].isupper() and not tokens[i][1].isupper()]
            cut = starts[0] if starts else run
    label_end = tokens[cut - 1][0] + len(tokens[cut - 1][1]) if cut else lead
    cells = [Cell(start + lead, start + label_end, body[lead:label_end])]
    if unit_col:
        at = tokens[cut][0] if cut < len(tokens) else len(body)
        cells.append(Cell(start + at, start + len(body), body[at:]))
    return start, end, cells + values


def find_flat_tables(text: str, words: TableWords) -> list[list[tuple[int, int, list[Cell]]]]:
    """Tables whose cells a page's text lost the borders of: the headers on lines of their own (`Chỉ tiêu`, `ĐVT`,
    `6 tháng đầu năm 2015`, `% tăng/giảm so cùng kỳ`), then one row per line, its label, unit (or `"`) and figures
    separated by spaces. Returned as `find_tables` returns its blocks: a header row, then the rows."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    blocks: list[list[tuple[int, int, list[Cell]]]] = []
    i = 0
    while i < len(lines):
        a, b = lines[i]
        line = text[a:b].strip()
        # (a header's label is a short line of its own: a longer one is no header, and is not folded)
        if not line or len(line) > _LABEL_LONGEST or not words.label.fullmatch(fold(line).lower()):
            i += 1
            continue
        header = [Cell(a + len(text[a:b]) - len(text[a:b].lstrip()), b, text[a:b].strip())]
        unit_col = False
        j = i + 1
        rows: list[tuple[int, int, list[Cell]]] = []
        while j < len(lines) and len(header) < 8:
            c, d = lines[j]
            line = text[c:d].strip()
            if not line:
                j += 1
                continue
            if len(header) >= 1 + unit_col and _flat_row(text, c, d, unit_col, 8, words):
                break  # the first row (its figures may be more than the headers name: see below)
            if len(line) > 80:
                break
            if words.unit.fullmatch(fold(line).lower()):
                unit_col = True
            header.append(Cell(c + len(text[c:d]) - len(text[c:d].lstrip()), c + len(text[c:d].rstrip()), line))
            j += 1
        if len(header) - 1 - unit_col < 1 or _flat_row(text, *lines[min(j, len(lines) - 1)], unit_col,
                                                        len(header) - 1 - unit_col, words) is None:
            # the rows hold one figure more than the headers name: the first column is the period the line right
            # above the headers states (`6 tháng đầu năm 2015`), when the page kept it only there
            above = next((lines[k] for k in range(i - 1, max(-1, i - 4), -1) if text[slice(*lines[k])].strip()), None)
            if above is None or len(text[slice(*above)].strip()) > 60 or not _YEARISH.search(text[slice(*above)]):
                i = j if j > i else i + 1
                continue
            a2, b2 = above
            header.insert(2 if unit_col and words.unit.fullmatch(fold(header[1].text).lower()) else 1,
                          Cell(a2 + len(text[a2:b2]) - len(text[a2:b2].lstrip()), a2 + len(text[a2:b2].rstrip()),
                               text[a2:b2].strip()))
        width = len(header) - 1 - unit_col
        blank = 0
        while j < len(lines):
            c, d = lines[j]
            if not text[c:d].strip():
                blank += 1
                if blank > 1:
                    break
                j += 1
                continue
            row = _flat_row(text, c, d, unit_col, width, words)
            if row is None:
                break
            rows.append(row)
            blank = 0
            j += 1
        if len(rows) >= 2:
            blocks.append([(header[0].start, header[-1].end, header), *rows])
        i = max(j, i + 1)
    return blocks


def _column(header: str, period_of: Callable[[str], str], fallback: str, w: TableWords) -> _Column:
    key = fold(header).lower()
    status = None
    if w.estimate.search(key):
        status = "estimate"
    elif w.target.search(key) and not w.result.search(key):
        status = "target"
    elif w.result.search(key):
        status = "actual"
    ratio = None
    if w.ratio.search(key):
        if w.plan_base.search(key):
            ratio = "đạt {v}% kế hoạch"
        elif w.budget_base.search(key):
            ratio = "đạt {v}% dự toán"
        elif w.change.search(key):
            ratio = "tăng {v}% so với cùng kỳ"
        elif w.same_period.search(key):
            ratio = "bằng {v}% so với cùng kỳ"
        else:
            ratio = "?"  # a comparison the header does not name: not read
    if ratio is not None:
        status = "estimate" if w.estimate.search(key) else None  # `so với kế hoạch` names a base, not a plan
    return _Column(header, period_of(header) or fallback, status, ratio)


def table_readings(text: str, words: TableWords, period_of: Callable[[str], str],
                   fallback: str = "") -> list[CellReading]:
    """Every cell of every table to read, as a sentence. `period_of(header)` gives the period words
    of a column's header (`năm 2019`) or ""; `fallback` is the report's own (`Năm 2024`) for the
    columns that name none."""
    out: list[CellReading] = []
    for block in find_tables(text) + find_flat_tables(text, words):
        header = block[0][2]
        keys = [fold(c.text).lower() for c in header]
        width = len(header)
        label_col = next((i for i, k in enumerate(keys) if words.label.search(k)), None)
        unit_col = next((i for i, k in enumerate(keys) if words.unit.search(k)), None)
        if label_col is None:
            label_col = max(range(width), key=lambda i: sum(sum(ch.isalpha() for ch in r[2][i].text)
                                                            for r in block[1:] if i < len(r[2])))
        value_cols = [i for i in range(width) if i not in (label_col, unit_col) and not words.index.match(keys[i])]
        if not value_cols or not any(_YEARISH.search(header[i].text) or words.ratio.search(keys[i]) or
                                     words.target.search(keys[i]) or words.result.search(keys[i]) for i in value_cols):
            continue  # not a table of indicators by period
        columns = {i: _column(header[i].text, period_of, "", words) for i in value_cols}
        for i, col in columns.items():
            if not col.period and col.ratio is None and words.same_period.search(keys[i]) and fallback:
                # `Thực hiện cùng kỳ năm trước`: the column of the year before, beside the report's own
                col.period = _YEARISH.sub(lambda y: str(int(y.group()) - 1), fallback)
        unit_line = _unit_line(text, block[0][0], words)
        last: _Column | None = None
        for i in value_cols:  # `So với kế hoạch (%)` after `Ước thực hiện 6 tháng 2024`: that figure's ratio
            col = columns[i]
            if col.ratio is not None and not col.period and last is not None:
                col.period, col.status = last.period, col.status or last.status
            elif col.ratio is None:
                last = col
            col.period = col.period or fallback
        group = ""
        total: tuple[str, str, dict[int, str], bool, str] | None = None  # a row its indented rows break down
        last_unit = ""
        for row_start, row_end, cells in block[1:]:
            if len(cells) == width + 1 and not cells[0].text:
                cells = cells[1:]  # `| - Dịch vụ | % | 56` under `STT | Chỉ tiêu | ...`: an empty index
            if len(cells) <= label_col:
                continue
            label = cells[label_col].text
            unit = cells[unit_col].text if unit_col is not None and unit_col < len(cells) else ""
            if words.ditto.match(fold(unit).lower().strip()):
                unit = last_unit  # `"` (ditto) under `Tỷ đồng`: the unit of the row above
            if not unit and (paren := _UNIT_IN_LABEL.search(label)) is not None:
                # `Tổng số lượt khách (lượt)`, `Doanh thu (tỷ đồng)`: the unit in brackets at the label's end
                label, unit = label[:paren.start()], paren.group(1)
            unit = unit or unit_line  # `Đơn vị tính: ha` on the line above the table: every row's
            last_unit = unit
            values = [(i, cells[i]) for i in value_cols if i < len(cells) and cells[i].text]
            item = label.lstrip("-+•* ").strip()
            if not values:
                group, total = item, None  # a group's heading row: its items follow
                continue
            if label.lstrip()[:1] in "-+•*" and group:
                item = f"{group} {item}"
            elif label.strip():
                group = item
            # `I. Tổng số lượt khách (lượt) | 792.314` over `   Khách quốc tế (lượt) | 48.622` and `1. Khách lưu trú`:
            # rows indented, opening on `Trong đó`, or under a Roman-numbered total to the next are its parts
            lead_in = text[row_start:cells[label_col].start].lstrip(" \t|")
            indented = label_col == 0 and (len(text[row_start:cells[label_col].start].lstrip("|")) >= 2
                                            and not lead_in)
            # (`- Khu vực dịch vụ` under `1. Tổng sản phẩm`: a dashed row under a numbered one is its part)
            dashed = label.lstrip()[:1] in "-+•*" and total is not None and _ARABIC.match(total[4]) is not None
            sub = total is not None and unit == total[1] and _ROMAN.match(label) is None and (
                indented or _WITHIN.match(label) is not None or total[3] or dashed)
            if sub:
                item = _WITHIN.sub("", _ARABIC.sub("", item)).strip()
            else:
                # (a Roman-numbered row, or one naming a total, `Tổng diện tích gieo trồng`, heads the rows after it)
                roman = _ROMAN.match(label) is not None or _TOTAL_LABEL.match(label) is not None
                total = (_ROMAN.sub("", item).strip(), unit, {i: c.text for i, c in values}, roman, label)
                item = total[0]
            for i, cell in values:
                name, within = item, ""
                if sub and columns[i].ratio is None and _NUMBER.match(total[2].get(i, "")):
                    within = f"{total[0]} đạt {total[2][i]}{_unit_words(total[2][i], unit)}, trong đó "
                elif sub:
                    name = f"{total[0]} {item}"  # (a part's ratio: `Thời gian lưu trú bình quân Khách quốc tế`)
                out.extend(_readings(name, unit, cell, columns[i], row_start, row_end, within))
    return out


_ROMAN = re.compile(r"^\s*[IVX]{1,4}[.)]\s*")
_ARABIC = re.compile(r"^\s*\d{1,2}[.)]\s*")
_TOTAL_LABEL = re.compile(r"^\s*(?:tổng|toàn\s+bộ)\s", re.IGNORECASE)
_WITHIN = re.compile(r"^\s*trong\s+đó\s*:?\s*", re.IGNORECASE)


def _unit_line(text: str, start: int, words: TableWords) -> str:
    """The unit a line right above a table states for all its rows (`Đơn vị tính: ha`, `ĐVT: tỷ đồng`), or ""."""
    lines = text[max(0, start - 160):start].rstrip().split("\n")[-2:]
    for line in reversed(lines):
        said = words.unit.match(fold(line).lower().strip())
        rest = line.strip()[said.end():].lstrip() if said is not None else ""
        if rest.startswith(":") and 0 < len(rest[1:].strip()) <= 20:
            return rest[1:].strip().rstrip(".")
    return ""


def _unit_words(value: str, unit: str) -> str:
    """How a cell's unit is written after its number in the sentence made for it."""
    number = _NUMBER.match(value)
    if number is not None and (number.group("pct") or unit.strip() == "%"):
        return "%"
    return f" {unit.lower()}" if unit else ""


def _readings(label: str, unit: str, cell: Cell, col: _Column, row_start: int, row_end: int,
              within: str = "") -> list[CellReading]:
    """The sentences for one cell; `within` is the total a part's row breaks down, said first (`Tổng ... đạt 792.314
    lượt, trong đó `)."""
    labels = [x.strip() for x in label.split(";")]
    units = [x.strip() for x in unit.split(";")]
    parts = cell.text.split(";")
    if len(parts) > 1 and len(parts) == len(labels):  # `40;170` under `Độ che phủ rừng; diện tích trồng rừng`
        out, pos = [], cell.start
        for k, part in enumerate(parts):
            lead = len(part) - len(part.lstrip())
            sub = Cell(pos + lead, pos + lead + len(part.strip()), part.strip())
            pos += len(part) + 1
            u = units[k] if len(units) == len(labels) else (units[0] if units and k == 0 else "")
            out.extend(_readings(labels[k], u, sub, col, row_start, row_end))
        return out
    if len(parts) > 1 and _NUMBER.match(parts[0]):  # `3990;>65` under one label: its first figure
        first = parts[0]
        cell = Cell(cell.start + len(first) - len(first.lstrip()), cell.start + len(first.rstrip()), first.strip())
    name, u = label.strip() if len(labels) > 1 and len(parts) == 1 else labels[0], (units[0] if units else "")
    prefix = f"{col.period}, " if col.period else ""
    number = _NUMBER.match(cell.text)
    if number is None:
        if not any(ch.isdigit() for ch in cell.text):
            return []
        lead = f"{prefix}{name}: "
        return [CellReading(f"{lead}{cell.text}.", len(lead), cell, row_start, row_end, col.status)]
    qualifier = _QUALIFIER_WORDS.get(number.group("q") or "", "")
    n = number.group("n")
    is_pct = bool(number.group("pct")) or u.strip() == "%"
    falls = number.group("sign") in ("-", "−")
    if col.ratio is not None:
        if col.ratio == "?" or (u.strip() == "%" and not col.ratio.startswith("tăng")):
            return []  # a ratio column of a rate, or of no named base: nothing a reader could state
        verb, after = col.ratio.split("{v}")
        if falls and verb.startswith("tăng"):
            verb = "giảm" + verb[len("tăng"):]  # `-2,15` under `% tăng/giảm so cùng kỳ`
        elif falls:
            return []
        lead = f"{prefix}{name} {verb}{qualifier}"
        return [CellReading(f"{lead}{n}{after}.", len(lead), Cell(cell.start + number.start("n"),
                                                                    cell.start + number.end("n"), n),
                            row_start, row_end, col.status)]
    if falls:
        return []  # a level written with a minus: no figure a report would state as reached
    unit_words = "%" if is_pct else (f" {u.lower()}" if u else "")
    lead = f"{prefix}{within}{name} đạt {qualifier}"
    n_cell = Cell(cell.start + number.start("n"), cell.start + number.end("n"), n)
    return [CellReading(f"{lead}{n}{unit_words}.", len(lead), n_cell, row_start, row_end, col.status)]
