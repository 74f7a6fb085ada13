"""The Parquet lake: every table a folder of part files, listed by a manifest written atomically.

`<lake>/<layer>/<table>/part-<id>.parquet` hold the rows; `<lake>/<layer>/<table>/_manifest.json`
names the parts that make up the table now (with their row counts and, for parse results, the cache
key they were made under). A part is written to a temporary name, fsynced and renamed; the
manifest is replaced the same way, and only then are parts it no longer lists deleted. So an
append is one new part (nothing already stored is rewritten or held in memory), a crash at any
point leaves the table as its last manifest says, and parts a crash left unlisted are removed by
the next refresh (`remove_orphans`).

The lake is the source of truth: the DuckDB file is rebuilt from it.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import polars as pl

MANIFEST = "_manifest.json"


def pause_point(name: str) -> None:
    """Fault injection for the crash tests: with CHITIEU_PAUSE_AT=<name>, announce the point in
    `<CHITIEU_PAUSE_FILE>` and sleep, so a test can SIGKILL the refresh exactly there."""
    if os.environ.get("CHITIEU_PAUSE_AT") != name:
        return
    marker = os.environ.get("CHITIEU_PAUSE_FILE")
    if marker:
        Path(marker).write_text(name)
    time.sleep(float(os.environ.get("CHITIEU_PAUSE_SECONDS", "60")))


@dataclass(frozen=True)
class Part:
    file: str  # name inside the table's folder
    rows: int
    key: str | None = None  # what the rows were made under (the parse cache key), if it matters


def table_dir(lake: Path, layer: str, table: str) -> Path:
    return lake / layer / table


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def parts(lake: Path, layer: str, table: str) -> list[Part]:
    """The parts the table's manifest lists (none before the table is first written)."""
    path = table_dir(lake, layer, table) / MANIFEST
    if not path.exists():
        return []
    try:
        listed = json.loads(path.read_text(encoding="utf-8"))["parts"]
        return [Part(p["file"], int(p["rows"]), p.get("key")) for p in listed]
    except (ValueError, KeyError, TypeError) as err:  # a damaged manifest is named, never guessed around
        raise RuntimeError(f"cannot read {path}: {err}") from err


def exists(lake: Path, layer: str, table: str) -> bool:
    return (table_dir(lake, layer, table) / MANIFEST).exists()


def part_paths(lake: Path, layer: str, table: str) -> list[Path]:
    folder = table_dir(lake, layer, table)
    return [folder / p.file for p in parts(lake, layer, table)]


def row_count(lake: Path, layer: str, table: str) -> int:
    return sum(p.rows for p in parts(lake, layer, table))


def write_part(lake: Path, layer: str, table: str, frame: pl.DataFrame, key: str | None = None) -> Part:
    """Write `frame` as a new part file (not yet listed: `commit` lists it)."""
    folder = table_dir(lake, layer, table)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"part-{uuid.uuid4().hex}.parquet"
    tmp = folder / f".{name}.tmp-{os.getpid()}"
    try:
        frame.write_parquet(tmp, compression="zstd", statistics=True)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, folder / name)
    finally:
        tmp.unlink(missing_ok=True)
    return Part(name, frame.height, key)


def commit(lake: Path, layer: str, table: str, add: Sequence[Part] = (), keep: Iterable[Part] | None = None) -> None:
    """Make the table the parts `keep` (default: all it lists now) plus `add`, in one atomic step;
    then delete the parts no longer listed."""
    folder = table_dir(lake, layer, table)
    folder.mkdir(parents=True, exist_ok=True)
    before = parts(lake, layer, table)
    kept = list(before if keep is None else keep)
    after = kept + list(add)
    body = json.dumps({"parts": [asdict(p) for p in after]}, indent=0).encode()
    _atomic_write_bytes(folder / MANIFEST, body)
    listed = {p.file for p in after}
    for p in before:
        if p.file not in listed:
            (folder / p.file).unlink(missing_ok=True)


def read_table(lake: Path, layer: str, table: str, schema: dict[str, pl.DataType],
               columns: Sequence[str] | None = None) -> pl.DataFrame:
    """The table as stored (only `columns`, if given), or an empty frame of `schema` before the
    first write. Columns added to the schema later are null in older parts."""
    paths = part_paths(lake, layer, table)
    wanted = list(columns) if columns is not None else list(schema)
    if not paths:
        return pl.DataFrame(schema={c: schema[c] for c in wanted})
    try:
        frames = []
        for path in paths:
            have = set(pl.read_parquet_schema(path))
            frame = pl.read_parquet(path, columns=[c for c in wanted if c in have])
            missing = [pl.lit(None, dtype=schema[c]).alias(c) for c in wanted if c not in have]
            frames.append(frame.with_columns(missing).select(wanted).cast({c: schema[c] for c in wanted}))
        return pl.concat(frames, how="vertical")
    except (OSError, pl.exceptions.PolarsError) as err:  # a corrupt file is named, not silently replaced
        raise RuntimeError(f"cannot read {table_dir(lake, layer, table)}: {err}") from err


def append_rows(lake: Path, layer: str, table: str, new: pl.DataFrame, schema: dict[str, pl.DataType]) -> int:
    """Append `new` rows as one part (raw is append-only); returns the table's row count. The
    first append of an empty frame still creates the (empty) table, so readers find it."""
    if new.height or not exists(lake, layer, table):
        commit(lake, layer, table, add=[write_part(lake, layer, table, new.select(list(schema)).cast(schema))])
    return row_count(lake, layer, table)


def ensure(lake: Path, layer: str, table: str, schema: dict[str, pl.DataType]) -> None:
    """Give a table with no parts one empty part of `schema`, so readers (and DuckDB) find its columns."""
    if not parts(lake, layer, table):
        commit(lake, layer, table, add=[write_part(lake, layer, table, pl.DataFrame(schema=schema))], keep=[])


def write_table(lake: Path, layer: str, table: str, frame: pl.DataFrame) -> Part:
    """Replace the whole table with `frame` (one part)."""
    part = write_part(lake, layer, table, frame)
    commit(lake, layer, table, add=[part], keep=[])
    return part


def remove_orphans(lake: Path) -> int:
    """Delete part files and temporary files no manifest lists (left by a killed refresh)."""
    removed = 0
    if not lake.exists():
        return 0
    for manifest in lake.glob(f"*/*/{MANIFEST}"):
        folder = manifest.parent
        listed = {p.file for p in parts(lake, folder.parent.name, folder.name)}
        for path in folder.iterdir():
            if path.name == MANIFEST or path.name in listed:
                continue
            if path.name.startswith((".", "part-")):
                path.unlink(missing_ok=True)
                removed += 1
    return removed


LEGACY_TABLES = {"raw": ("documents", "quarantine", "file_events"), "marts": ("fct_validation_runs",)}


def adopt_legacy(lake: Path, db: Path) -> int:
    """Move the raw tables of the lake every warehouse of a folder once shared (`<folder>/parquet/`,
    one file a table) into this warehouse's own lake, when this warehouse is the folder's only one
    and has no lake yet: nothing ingested before is lost. Derived tables are rebuilt, not moved.
    Returns the tables adopted."""
    old = db.parent / "parquet"
    warehouses = [p for p in db.parent.glob("*.duckdb") if p.is_file()]
    if lake.exists() or not (old / "raw" / "documents.parquet").is_file() or warehouses not in ([], [db]):
        return 0
    adopted = 0
    for layer, tables in LEGACY_TABLES.items():
        for table in tables:
            path = old / layer / f"{table}.parquet"
            if not path.is_file():
                continue
            folder = table_dir(lake, layer, table)
            folder.mkdir(parents=True, exist_ok=True)
            name = f"part-legacy-{uuid.uuid4().hex}.parquet"
            os.replace(path, folder / name)
            rows = pl.scan_parquet(folder / name).select(pl.len()).collect().item()
            commit(lake, layer, table, add=[Part(name, rows)], keep=[])
            adopted += 1
    return adopted
