"""The Parquet lake: every layer as `parquet/<layer>/<table>.parquet`, written atomically.

The lake is the source of truth: the DuckDB file is rebuilt from it on every refresh, so
a crash can never leave a half-written warehouse behind.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import polars as pl


def pause_point(name: str) -> None:
    """Fault injection for the crash tests: with CHITIEU_PAUSE_AT=<name>, announce the point in
    `<CHITIEU_PAUSE_FILE>` and sleep, so a test can SIGKILL the refresh exactly there."""
    if os.environ.get("CHITIEU_PAUSE_AT") != name:
        return
    marker = os.environ.get("CHITIEU_PAUSE_FILE")
    if marker:
        Path(marker).write_text(name)
    time.sleep(float(os.environ.get("CHITIEU_PAUSE_SECONDS", "60")))


def table_path(lake: Path, layer: str, table: str) -> Path:
    return lake / layer / f"{table}.parquet"


def write_table(lake: Path, layer: str, table: str, frame: pl.DataFrame) -> Path:
    """Write to a temporary name in the same folder, fsync, then rename over the old file."""
    path = table_path(lake, layer, table)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        frame.write_parquet(tmp, compression="zstd", statistics=True)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def read_table(lake: Path, layer: str, table: str, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The table as stored, or an empty frame of `schema` before the first refresh."""
    path = table_path(lake, layer, table)
    if not path.exists():
        return pl.DataFrame(schema=schema)
    try:
        return pl.read_parquet(path)
    except Exception as err:  # a corrupt file must be named, not silently replaced
        raise RuntimeError(f"cannot read {path}: {err}") from err


def append_rows(lake: Path, layer: str, table: str, new: pl.DataFrame, schema: dict[str, pl.DataType]) -> int:
    """Append `new` rows to a table (raw is append-only); returns the total row count."""
    old = read_table(lake, layer, table, schema)
    if new.height == 0 and table_path(lake, layer, table).exists():
        return old.height
    merged = pl.concat([old, new], how="diagonal_relaxed")  # a column added later is null in older rows
    write_table(lake, layer, table, merged)
    return merged.height
