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

from warehouse.lake import pause_point, table_path, write_table

MODELS_DIR = Path(__file__).parent / "models"
# A model's folder is its schema. The consistency checks (`checks/`) read the marts and feed
# `marts.fct_consistency_checks`, so they are built in one dependency order with the marts.
LAYERS = ("cleaned", "marts", "checks")
STAGES = {"cleaned": ("cleaned",), "marts": ("marts", "checks")}
# duckdb-cli on PyPI (1.5.x) reads only storage versions up to v1.5.0
STORAGE_COMPATIBILITY = "v1.5.0"
RAW_TABLES = ("documents", "quarantine", "file_events", "parsed_documents", "parsed_sentences", "parsed_facts",
              "parsed_numbers", "parsed_headings", "parsed_anniversaries", "seed_metrics", "seed_localities",
              "seed_overrides")
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


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})


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
        con.execute("SET preserve_insertion_order = false")
        con.execute("BEGIN TRANSACTION")
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        for table in RAW_TABLES:
            path = table_path(lake, "raw", table)
            if not path.exists():
                raise FileNotFoundError(f"raw table missing from the lake: {path}")
            con.execute(f"CREATE TABLE raw.{table} AS SELECT * FROM read_parquet(?)", [str(path)])
            counts[f"raw.{table}"] = _count(con, f"raw.{table}")
        pause_point("load")
        con.execute("COMMIT")
    finally:
        con.close()
    return counts


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchall()
    return int(row[0][0])


def build_layer(build_db: Path, layer: str, lake: Path, models_dir: Path | None = None) -> dict[str, int]:
    """Apply one stage's models (`cleaned`, or `marts` with its checks) in dependency order inside
    one transaction; export the stage's own tables to Parquet."""
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
        for m in models:
            if m.layer == layer:
                export_table(con, lake, layer, m.name)
    finally:
        con.close()
    return counts


def export_table(con: duckdb.DuckDBPyConnection, lake: Path, layer: str, table: str) -> None:
    """Copy a DuckDB table to the lake through Arrow and the atomic Parquet writer."""
    import polars as pl

    frame = pl.from_arrow(con.sql(f"SELECT * FROM {layer}.{table}").to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    write_table(lake, layer, table, frame)


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
    from warehouse.lake import read_table

    old = read_table(lake, "marts", "fct_validation_runs", schema)
    merged = pl.concat([old, pl.DataFrame(rows, schema=schema)], how="diagonal_relaxed")
    write_table(lake, "marts", "fct_validation_runs", merged)
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
