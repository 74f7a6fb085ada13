"""The refresh flow: ingest → parse → load raw → build cleaned → build marts → validate → publish.

Each task is a one-line call into `warehouse/` or `expectations/`; the flow holds no
parsing and no SQL. Stages work on batches, never one task per document. Every run, passed
or failed validation, leaves two artifacts: a table of failed and warned checks and a markdown
summary (their content comes from `expectations.report`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from flows.settings import DEFAULT_DB, DEFAULT_SOURCE, SEEDS_DIR, lake_dir, quiet_prefect

quiet_prefect()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact, create_table_artifact  # noqa: E402

from expectations.report import SUMMARY_KEY, TABLE_KEY, findings_table, summary_markdown  # noqa: E402
from expectations.validate import ValidationReport, validate  # noqa: E402
from flows.alerts import alert_on_failure, notify_if_needed  # noqa: E402
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
            f"expectations: {v.summary()}",
            f"warehouse: {self.db_path}",
            f"data docs: {v.docs.index if v.docs else f'not built ({v.docs_error})'}",
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


@task
def artifacts_task(report: ValidationReport, ingested: IngestStats, facts: int, db: Path) -> None:
    create_table_artifact(key=TABLE_KEY, table=findings_table(report),
                          description="Failed and warned checks of this refresh")
    create_markdown_artifact(key=SUMMARY_KEY, description="What this refresh did",
                             markdown=summary_markdown(report, ingest=ingested, facts=facts, db_path=db))


@task(retries=2, retry_delay_seconds=[1, 5])
def publish_task(build_db: Path, db_path: Path) -> Path:
    return build.publish(build_db, db_path)


def _stage(name: str, started: float, detail: str) -> None:
    """One line per stage: in the Prefect log, and on stdout for the CLI."""
    line = f"{name:<14} {detail} ({time.monotonic() - started:.1f} s)"
    get_run_logger().info(line)
    print(line, flush=True)


@flow(name="refresh", log_prints=False, on_failure=[alert_on_failure], on_crashed=[alert_on_failure])
def refresh(
    source_dir: str = str(DEFAULT_SOURCE),
    db_path: str = str(DEFAULT_DB),
    full_refresh: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lock_timeout_s: float = 0.0,
    alert_webhook: str | None = None,
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
                   f"{report.warned} warned; {report.summary()}")
            shown = artifacts_task(report, ingested, counts.get("marts.fct_indicators", parsed.facts), db,
                                   return_state=True)
            if not shown.is_completed():  # the UI's view of the run never blocks the warehouse
                get_run_logger().warning(f"artifacts not created: {shown.message}")
            if not report.success:
                failed_copy = db.with_name(db.name + ".failed")
                build.publish(build_db, failed_copy)
                raise ValidationFailed(
                    f"expectations failed, warehouse not published (inspect {failed_copy}): "
                    f"{report.failure_summary()}"
                )
            t = time.monotonic()
            publish_task(build_db, db)
            _stage("publish", t, str(db))
        finally:
            build.discard(build_db)
    notify_if_needed(alert_webhook, db)  # new `fail` findings → the webhook (flows/alerts.py)
    return RefreshSummary(ingested, parsed, report, str(db), counts, time.monotonic() - t0)
