"""Build the DuckDB warehouse from the Parquet lake and the SQL models, then swap it in.

Every refresh builds a new file next to the old one (`chitieu.duckdb.building-<pid>`),
loads raw from Parquet, applies the models layer by layer in transactions, and only
then renames it over the published file. Readers of the old file are never blocked or
shown a half-built warehouse, and a crash leaves the previous warehouse intact.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.lake import part_paths, pause_point, table_dir

MODELS_DIR = Path(__file__).parent / "models"
# A model's folder is its schema. The consistency checks (`checks/`) read the marts and feed
# `marts.fct_consistency_checks`, so they are built in one dependency order with the marts.
LAYERS = ("cleaned", "marts", "checks")
STAGES = {"cleaned": ("cleaned",), "marts": ("marts", "checks")}
# duckdb-cli on PyPI (1.5.x) reads only storage versions up to v1.5.0
STORAGE_COMPATIBILITY = "v1.5.0"
DEFAULT_MEMORY_LIMIT = "2GB"
_REF = re.compile(r"\b(raw|cleaned|marts|checks)\.([a-z_][a-z0-9_]*)\b")


@dataclass(frozen=True)
class Model:
    layer: str
    name: str
    sql: str
    path: Path

    @property
    def depends_on(self) -> set[str]:
        return {f"{s}.{t}" for s, t in _REF.findall(_strip_comments(self.sql))}


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def load_models(models_dir: Path = MODELS_DIR, layers: Iterable[str] = LAYERS) -> list[Model]:
    """All models of the layers, in dependency order (an error names a cycle)."""
    models = [Model(layer, p.stem, p.read_text(encoding="utf-8"), p)
              for layer in layers for p in sorted((models_dir / layer).glob("*.sql"))]
    return order_models(models)


def order_models(models: list[Model]) -> list[Model]:
    by_name = {f"{m.layer}.{m.name}": m for m in models}
    done: list[Model] = []
    state: dict[str, str] = {}

    def visit(key: str, trail: list[str]) -> None:
        if state.get(key) == "done":
            return
        if state.get(key) == "visiting":
            raise ValueError(f"model dependency cycle: {' -> '.join(trail + [key])}")
        state[key] = "visiting"
        m = by_name[key]
        for dep in sorted(m.depends_on):
            if dep in by_name and dep != key:
                visit(dep, trail + [key])
        state[key] = "done"
        done.append(m)

    for key in sorted(by_name, key=lambda k: (LAYERS.index(by_name[k].layer), k)):
        visit(key, [])
    return done


def building_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.building-{os.getpid()}")


def budget() -> str:
    """DuckDB's memory budget for a refresh's connections. Its own default (80 % of RAM) let the
    marts of 100,000 documents reach 12.6 GB; under a budget DuckDB spills to `<db>.tmp` instead.
    `CHITIEU_DUCKDB_MEMORY_LIMIT` (a DuckDB size such as `4GB`) changes it."""
    limit = os.environ.get("CHITIEU_DUCKDB_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT).strip()
    if not re.fullmatch(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", limit, re.IGNORECASE):
        raise ValueError(f"CHITIEU_DUCKDB_MEMORY_LIMIT: {limit!r} is not a size such as 2GB or 1500MB")
    return limit


def connect(path: Path, read_only: bool = False, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """A connection under the refresh's memory budget (`memory_limit`: a smaller one, e.g. validation's)."""
    config = {"memory_limit": memory_limit or budget(), "preserve_insertion_order": "false"}
    if read_only:
        return duckdb.connect(str(path), read_only=True, config=config)
    return duckdb.connect(str(path), config={**config, "storage_compatibility_version": STORAGE_COMPATIBILITY})


def remove_stale_builds(build_db: Path) -> list[Path]:
    """Build files left by refreshes that were killed (their process is gone)."""
    stem = build_db.name.rsplit(".building-", 1)[0]
    removed = []
    for p in build_db.parent.glob(f"{stem}.building-*"):
        pid = p.name.rsplit("-", 1)[-1].removesuffix(".wal")
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            p.unlink(missing_ok=True)
            removed.append(p)
        except PermissionError:
            pass
    return removed


def load_raw(lake: Path, build_db: Path) -> dict[str, int]:
    """A fresh build file with every raw table loaded from the lake, in one transaction."""
    remove_stale_builds(build_db)
    build_db.unlink(missing_ok=True)
    Path(f"{build_db}.wal").unlink(missing_ok=True)
    build_db.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    con = connect(build_db)
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        from warehouse.raw import RAW_TABLES  # the raw layer's tables are the raw module's to name

        for table in RAW_TABLES:
            paths = [str(p) for p in part_paths(lake, "raw", table)]
            if not paths:
                raise FileNotFoundError(f"raw table missing from the lake: {table_dir(lake, 'raw', table)}")
            con.execute(f"CREATE TABLE raw.{table} AS SELECT * FROM read_parquet(?, union_by_name = true)", [paths])
            counts[f"raw.{table}"] = _count(con, f"raw.{table}")
        pause_point("load")
        con.execute("COMMIT")
    finally:
        con.close()
    return counts


def current_counts(build_db: Path) -> dict[str, int]:
    """What the summary reports: the current documents, their sentences and their facts."""
    con = connect(build_db, read_only=True)
    try:
        return {
            "documents": _count(con, "cleaned.documents"),
            "sentences": int(con.execute("select count(*) from cleaned.stg_sentences "
                                         "semi join cleaned.documents using (doc_id)").fetchall()[0][0]),
            "facts": _count(con, "marts.fct_indicators"),
        }
    finally:
        con.close()


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchall()
    return int(row[0][0])


def build_layer(build_db: Path, layer: str, models_dir: Path | None = None) -> dict[str, int]:
    """Apply one stage's models (`cleaned`, or `marts` with its checks) in dependency order inside
    one transaction. The tables are derived: the lake keeps only what they are derived from."""
    models_dir = models_dir or MODELS_DIR
    schemas = STAGES[layer]
    models = [m for m in load_models(models_dir, LAYERS) if m.layer in schemas]
    counts: dict[str, int] = {}
    con = connect(build_db)
    try:
        con.execute("BEGIN TRANSACTION")
        for schema in schemas:
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        for m in models:
            try:
                con.execute(f"CREATE OR REPLACE TABLE {m.layer}.{m.name} AS\n{m.sql}")
            except duckdb.Error as err:
                con.execute("ROLLBACK")
                raise RuntimeError(f"model {m.path.relative_to(models_dir.parent)} failed: {err}") from err
            counts[f"{m.layer}.{m.name}"] = _count(con, f"{m.layer}.{m.name}")
        con.execute("COMMIT")
    finally:
        con.close()
    return counts


def publish(build_db: Path, db_path: Path) -> Path:
    """Checkpoint the build file and rename it over the published warehouse."""
    con = connect(build_db)
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    wal = Path(f"{build_db}.wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise RuntimeError(f"{build_db}: write-ahead log not empty after checkpoint; not publishing")
    wal.unlink(missing_ok=True)
    os.replace(build_db, db_path)
    Path(f"{db_path}.wal").unlink(missing_ok=True)
    return db_path


def discard(build_db: Path) -> None:
    build_db.unlink(missing_ok=True)
    Path(f"{build_db}.wal").unlink(missing_ok=True)


def record_validation(build_db: Path, lake: Path, rows: list[dict[str, object]]) -> int:
    """Keep a validation run's outcomes: appended to the lake's history (which survives rebuilds
    of the DuckDB file) and loaded as `marts.fct_validation_runs`. Returns the history's rows."""
    import polars as pl

    schema = {"run_id": pl.String(), "validated_at": pl.Datetime("us", "UTC"), "suite": pl.String(),
              "expectation": pl.String(), "success": pl.Boolean(), "unexpected_count": pl.Int64(),
              "sample": pl.String(), "severity": pl.String()}
    from warehouse.lake import append_rows, read_table

    append_rows(lake, "marts", "fct_validation_runs", pl.DataFrame(rows, schema=schema), schema)
    merged = read_table(lake, "marts", "fct_validation_runs", schema)
    con = connect(build_db)
    try:
        con.execute("BEGIN TRANSACTION")
        con.register("history_frame", merged.to_arrow())
        con.execute("CREATE OR REPLACE TABLE marts.fct_validation_runs AS SELECT * FROM history_frame")
        con.unregister("history_frame")
        con.execute("COMMIT")
    finally:
        con.close()
    return merged.height


class NotAWarehouse(RuntimeError):
    """The --db path holds something other than a chitieu warehouse: it is never replaced silently."""


WAREHOUSE_TABLES = ("raw.documents", "marts.fct_indicators", "marts.fct_consistency_checks")
_DUCKDB_MAGIC = b"DUCK"


def check_target(db_path: Path, force: bool = False) -> None:
    """Refuse, before any work, to publish over a path that is not a chitieu warehouse: a folder
    always, and a file that is not a DuckDB database, is damaged, or lacks the warehouse's tables
    unless `force`. A path that does not exist yet is fine."""
    if db_path.is_dir():
        raise NotAWarehouse(f"--db {db_path} is a folder; give the path of a DuckDB file")
    if not db_path.exists() or force:
        return
    hint = "pass --force to replace it"
    with db_path.open("rb") as fh:
        head = fh.read(12)
    if head[8:12] != _DUCKDB_MAGIC:
        raise NotAWarehouse(f"--db {db_path} is not a DuckDB file ({db_path.stat().st_size} bytes); "
                            f"refusing to replace it: {hint}")
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as err:
        raise NotAWarehouse(f"--db {db_path} is a damaged DuckDB file ({str(err).splitlines()[0]}); "
                            f"refusing to replace it: {hint}") from None
    try:
        found = {f"{s}.{t}" for s, t in con.execute(
            "select table_schema, table_name from information_schema.tables").fetchall()}
    except duckdb.Error as err:
        raise NotAWarehouse(f"--db {db_path} is a damaged DuckDB file ({str(err).splitlines()[0]}); "
                            f"refusing to replace it: {hint}") from None
    finally:
        con.close()
    missing = [t for t in WAREHOUSE_TABLES if t not in found]
    if missing:
        raise NotAWarehouse(f"--db {db_path} is a DuckDB database but not a chitieu warehouse (no "
                            f"{', '.join(missing)}); refusing to replace it: {hint}")
