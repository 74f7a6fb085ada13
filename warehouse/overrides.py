"""Reviewers' overrides (`seeds/overrides.csv`): read, validated line by line, for `raw.seed_overrides`.

One row per decision a reviewer took about a fact or a consistency finding:

- `correct` a fact's `field` to `new_value` (the value in base units, as the contract writes it);
- `suppress` a fact (not a statement after all) or a finding (a false alarm);
- `reviewed` a finding (or a fact): seen and judged, kept as it is.

Every row needs a `reason`. A malformed row stops the refresh with the file, line and field
it is about, before anything is built.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import polars as pl

from expectations.vocabulary import COMPARISON_BASES, PERIOD_PATTERN, QUALIFIERS, ROLES, STATUSES, UNITS

OVERRIDES_FILE = "overrides.csv"
OVERRIDE_COLUMNS = ("target", "target_id", "action", "field", "new_value", "reason", "reviewer", "reviewed_on")
# the raw table adds where each row stood in the file (VARCHAR like every seed column)
RAW_OVERRIDE_COLUMNS = (*OVERRIDE_COLUMNS, "line")
TARGETS = ("fact", "check")
ACTIONS = ("correct", "suppress", "reviewed")
CORRECTABLE_FIELDS = ("value", "unit", "metric", "role", "period_year", "period", "status", "qualifier",
                      "comparison_base", "base_year", "scope")
# fields a correction may set to NULL with an empty new_value
NULLABLE_FIELDS = ("comparison_base", "base_year", "scope")
_CLOSED = {"unit": UNITS, "role": ROLES, "status": STATUSES, "qualifier": QUALIFIERS,
           "comparison_base": COMPARISON_BASES}


def read_overrides(path: Path, metric_codes: set[str] | None = None) -> pl.DataFrame:
    """The overrides file as a frame of strings (plus `line`); a missing file is no overrides.

    Raises ValueError naming `seeds/overrides.csv line N` and the field for a malformed row.
    `metric_codes`, when given, are the codes a `metric` correction may use.
    """
    schema = {c: pl.String() for c in RAW_OVERRIDE_COLUMNS}
    if not path.is_file():
        return pl.DataFrame(schema=schema)
    rows = parse_overrides(path.read_text(encoding="utf-8-sig"), _display_name(path), metric_codes)
    return pl.DataFrame({c: [r[c] for r in rows] for c in RAW_OVERRIDE_COLUMNS}, schema=schema)


def _display_name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def parse_overrides(text: str, name: str = "seeds/overrides.csv",
                    metric_codes: set[str] | None = None) -> list[dict[str, str]]:
    """Validated rows (stripped strings, `line` = the file line the row starts on)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise ValueError(f"{name} line 1: empty file; expected the header {','.join(OVERRIDE_COLUMNS)}")
    header = [h.strip() for h in header]
    missing = [c for c in OVERRIDE_COLUMNS if c not in header]
    if missing:
        raise ValueError(f"{name} line 1: header lacks column(s) {', '.join(missing)}")
    unknown = [h for h in header if h not in OVERRIDE_COLUMNS]
    if unknown:
        raise ValueError(f"{name} line 1: unknown column(s) {', '.join(unknown)}")
    rows: list[dict[str, str]] = []
    line = reader.line_num + 1
    for record in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        where = f"{name} line {start}"
        if len(record) != len(header):
            raise ValueError(f"{where}: {len(record)} fields, the header has {len(header)}")
        row = {h: cell.strip() for h, cell in zip(header, record, strict=True)}
        _validate(row, where, metric_codes)
        row["line"] = str(start)
        rows.append(row)
    return rows


def _validate(row: dict[str, str], where: str, metric_codes: set[str] | None) -> None:
    def bad(field: str, why: str) -> ValueError:
        return ValueError(f"{where}: {field} {why}")

    if row["target"] not in TARGETS:
        raise bad("target", f"{row['target']!r} is not one of {', '.join(TARGETS)}")
    if not row["target_id"]:
        raise bad("target_id", "is empty: give the fact_id or check_id")
    if row["action"] not in ACTIONS:
        raise bad("action", f"{row['action']!r} is not one of {', '.join(ACTIONS)}")
    if not row["reason"]:
        raise bad("reason", "is required: say why")
    if row["reviewed_on"]:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["reviewed_on"]):
                raise ValueError
            date.fromisoformat(row["reviewed_on"])
        except ValueError:
            raise bad("reviewed_on", f"{row['reviewed_on']!r} is not a date YYYY-MM-DD") from None
    if row["action"] != "correct":
        if row["field"] or row["new_value"]:
            raise bad("field", f"must be empty for {row['action']} (only correct sets a field)")
        return
    if row["target"] != "fact":
        raise bad("action", "correct applies to facts only; a check can be suppress or reviewed")
    field, new = row["field"], row["new_value"]
    if field not in CORRECTABLE_FIELDS:
        raise bad("field", f"{field!r} is not one of {', '.join(CORRECTABLE_FIELDS)}")
    if not new:
        if field not in NULLABLE_FIELDS:
            raise bad("new_value", f"is empty; {field} cannot be NULL")
        return
    if field == "value":
        try:
            float(new)
        except ValueError:
            raise bad("new_value", f"{new!r} is not a number in base units (e.g. 1823100000000)") from None
    elif field in ("period_year", "base_year"):
        if not re.fullmatch(r"\d{4}", new):
            raise bad("new_value", f"{new!r} is not a year")
    elif field == "period":
        if not re.fullmatch(PERIOD_PATTERN, new):
            raise bad("new_value", f"{new!r} is not a period code (FY, H1, Q3, 9M, M07, ...)")
    elif field in _CLOSED:
        if new not in _CLOSED[field]:
            raise bad("new_value", f"{new!r} is not a {field}: one of {', '.join(_CLOSED[field])}")
    elif field == "metric" and metric_codes is not None and new not in metric_codes:
        raise bad("new_value", f"{new!r} is not a metric code of metrics.csv")
