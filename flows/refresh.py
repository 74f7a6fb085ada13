"""The refresh flow: ingest → parse → load raw → build cleaned → build marts → validate → publish.

Each task is a one-line call into `warehouse/` or `expectations/`; the flow holds no
parsing and no SQL. Stages work on batches, never one task per document.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from flows.settings import DEFAULT_DB, DEFAULT_SOURCE, SEEDS_DIR, lake_dir, quiet_prefect

quiet_prefect()

from prefect import flow, get_run_logger, task  # noqa: E402

from expectations.validate import ValidationReport, validate  # noqa: E402
from transforms.ingest import DEFAULT_MAX_BYTES  # noqa: E402
from warehouse import build  # noqa: E402
from warehouse.lock import refresh_lock  # noqa: E402
from warehouse.raw import IngestStats, ParseStats, ingest_folder, parse_lake  # noqa: E402


class ValidationFailed(RuntimeError):
    pass


@dataclass
class RefreshSummary:
    ingest: IngestStats
    parse: ParseStats
    validation: ValidationReport
    db_path: str
    row_counts: dict[str, int] = field(default_factory=dict)
    elapsed_s: float = 0.0

    def lines(self) -> list[str]:
        i, v = self.ingest, self.validation
        return [
            f"documents: {i.new} new, {i.unchanged} unchanged, {i.quarantined} quarantined "
            f"({i.documents_total} in raw, {i.quarantine_total} in quarantine)",
            f"facts: {self.row_counts.get('marts.fct_indicators', self.parse.facts)} "
            f"from {self.parse.documents} documents, {self.parse.sentences} sentences",
            f"checks: {v.passed} passed, {v.failed} failed, {v.warned} warned; "
            f"expectations: {v.suite.summary()}",
            f"warehouse: {self.db_path}",
            f"elapsed: {self.elapsed_s:.1f} s",
        ]


@task(retries=2, retry_delay_seconds=[1, 5])
def ingest_task(source_dir: Path, lake: Path, max_bytes: int) -> IngestStats:
    return ingest_folder(source_dir, lake, max_bytes)


@task
def parse_task(lake: Path, seeds_dir: Path, full: bool) -> ParseStats:
    return parse_lake(lake, seeds_dir, full)


@task(retries=1, retry_delay_seconds=2)
def load_raw_task(lake: Path, build_db: Path) -> dict[str, int]:
    return build.load_raw(lake, build_db)


@task
def build_layer_task(build_db: Path, layer: str, lake: Path) -> dict[str, int]:
    return build.build_layer(build_db, layer, lake)


@task
def validate_task(build_db: Path, lake: Path) -> ValidationReport:
    return validate(build_db, lake)


@task(retries=2, retry_delay_seconds=[1, 5])
def publish_task(build_db: Path, db_path: Path) -> Path:
    return build.publish(build_db, db_path)


def _stage(name: str, started: float, detail: str) -> None:
    """One line per stage: in the Prefect log, and on stdout for the CLI."""
    line = f"{name:<14} {detail} ({time.monotonic() - started:.1f} s)"
    get_run_logger().info(line)
    print(line, flush=True)


@flow(name="refresh", log_prints=False)
def refresh(
    source_dir: str = str(DEFAULT_SOURCE),
    db_path: str = str(DEFAULT_DB),
    full_refresh: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lock_timeout_s: float = 0.0,
) -> RefreshSummary:
    """Refresh the warehouse from the documents in `source_dir`.

    Only documents whose content (or the extractor, or the seed reference data) changed
    are parsed; `full_refresh` re-parses every document in raw. The DuckDB file is rebuilt
    from the lake on every refresh either way.
    """
    t0 = time.monotonic()
    db, source = Path(db_path), Path(source_dir)
    lake = lake_dir(db)
    build_db = build.building_path(db)
    with refresh_lock(db, lock_timeout_s):
        t = time.monotonic()
        ingested = ingest_task(source, lake, max_bytes)
        _stage("ingest", t, f"{ingested.new} new, {ingested.unchanged} unchanged, "
               f"{ingested.quarantined} quarantined")
        t = time.monotonic()
        parsed = parse_task(lake, SEEDS_DIR, full_refresh)
        _stage("parse", t, f"{parsed.parsed} parsed, {parsed.reused} reused; {parsed.facts} facts, "
               f"{parsed.numbers} numbers read")
        try:
            t = time.monotonic()
            counts = load_raw_task(lake, build_db)
            _stage("load raw", t, f"{len(counts)} tables, {counts.get('raw.documents', 0)} documents")
            for layer in ("cleaned", "marts"):
                t = time.monotonic()
                layer_counts = build_layer_task(build_db, layer, lake)
                counts.update(layer_counts)
                _stage(f"build {layer}", t, f"{len(layer_counts)} models")
            t = time.monotonic()
            report = validate_task(build_db, lake)
            _stage("validate", t, f"{report.passed} checks passed, {report.failed} failed, "
                   f"{report.warned} warned; {report.suite.summary()}")
            if not report.suite.success:
                failed_copy = db.with_name(db.name + ".failed")
                build.publish(build_db, failed_copy)
                raise ValidationFailed(
                    f"expectations failed, warehouse not published (inspect {failed_copy}): {report.suite.summary()}"
                )
            t = time.monotonic()
            publish_task(build_db, db)
            _stage("publish", t, str(db))
        finally:
            build.discard(build_db)
    return RefreshSummary(ingested, parsed, report, str(db), counts, time.monotonic() - t0)
