"""The refresh flow: ingest → parse → load raw → build cleaned → build marts (with the checks) →
validate → publish.

Each task is a one-line call into `warehouse/` or `expectations/`; the flow holds no parsing and
no SQL. Stages work on batches, never one task per document. Every run, passed or failed
validation, leaves two artifacts: a table of failed and warned checks and a markdown summary
(their content comes from `expectations.report`).
"""

from __future__ import annotations

import errno
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from flows.settings import DEFAULT_DB, DEFAULT_SOURCE, SEEDS_DIR, quiet_prefect

quiet_prefect()

from prefect import flow, get_run_logger, task, unmapped  # noqa: E402
from prefect.artifacts import create_markdown_artifact, create_table_artifact  # noqa: E402

from expectations.report import SUMMARY_KEY, TABLE_KEY, findings_table, summary_markdown  # noqa: E402
from expectations.validate import ValidationReport, validate  # noqa: E402
from flows.alerts import alert_on_failure, notify_if_needed  # noqa: E402
from flows.checks import check_parameters  # noqa: E402
from flows.ephemeral import guard_temporary_server  # noqa: E402
from flows.progress import Progress  # noqa: E402
from transforms.ingest import DEFAULT_MAX_BYTES  # noqa: E402
from warehouse import build  # noqa: E402
from warehouse import lake as lk  # noqa: E402
from warehouse.current import build_key  # noqa: E402
from warehouse.current import current as current_build  # noqa: E402
from warehouse.current import record as record_build  # noqa: E402
from warehouse.lock import refresh_lock  # noqa: E402
from warehouse.paths import WarehousePaths  # noqa: E402
from warehouse.raw import (  # noqa: E402
    BATCH_FILES,
    IngestStats,
    ParsePlan,
    ParseStats,
    Shard,
    ShardResult,
    close_worker_pool,
    ingest_folder,
    parse_shard,
    plan_parse,
    worker_pool,
    write_parsed,
)


class ValidationFailed(RuntimeError):
    pass


@dataclass
class RefreshSummary:
    ingest: IngestStats
    parse: ParseStats
    validation: ValidationReport | None  # None: nothing changed, the published build stands (`reused`)
    db_path: str
    row_counts: dict[str, int] = field(default_factory=dict)
    elapsed_s: float = 0.0
    current: dict[str, int] = field(default_factory=dict)  # documents, sentences, facts the marts hold
    reused: dict | None = None  # the published build's own summary (warehouse/current.py)

    def lines(self) -> list[str]:
        i, v = self.ingest, self.validation
        if v is None:
            r = self.reused or {}
            checks, expectations, docs = r.get("checks", "?"), r.get("expectations", "?"), r.get("docs", "?")
        else:
            checks = f"{v.passed} passed, {v.failed} failed, {v.warned} warned"
            expectations = v.summary()
            docs = _shown(v.docs.index) if v.docs else f"not built ({v.docs_error})"
        return [
            f"documents: {i.new} new, {i.unchanged} unchanged, {i.quarantined} quarantined"
            + (f", {i.duplicates} duplicate" if i.duplicates else "")
            + (f", {i.changed} changed, {i.removed} removed" if i.changed or i.removed else "")
            + f" ({i.current} current, {i.documents_total} versions in raw, {i.quarantine_total} in quarantine)",
            f"facts: {self.current.get('facts', 0)} from {self.current.get('documents', 0)} documents, "
            f"{self.current.get('sentences', 0)} sentences",
            f"checks: {checks}; expectations: {expectations}" + (" (unchanged)" if v is None else ""),
            f"warehouse: {self.db_path}",
            f"data docs: {docs}",
            f"elapsed: {self.elapsed_s:.1f} s",
        ]


# Errors a second try can cure: a busy or briefly unreachable disk or share. A missing folder,
# a refused permission or a folder given as a file stay what they are.
_TRANSIENT_ERRNOS = {errno.EAGAIN, errno.EBUSY, errno.EIO, errno.ESTALE, errno.ETIMEDOUT, errno.EINTR,
                     errno.ENETDOWN, errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ECONNRESET}


def is_transient(exc: BaseException | None) -> bool:
    if isinstance(exc, TimeoutError | ConnectionError | InterruptedError | BlockingIOError):
        return True
    return isinstance(exc, OSError) and exc.errno in _TRANSIENT_ERRNOS


def _retry_transient(task, task_run, state) -> bool:  # noqa: ANN001 (Prefect's retry condition signature)
    try:
        exc = state.result(raise_on_failure=False)
    except Exception as err:  # the state holds no result: judge what reading it raised
        exc = err
    return is_transient(exc if isinstance(exc, BaseException) else None)


@task(retries=2, retry_delay_seconds=[1, 5], retry_condition_fn=_retry_transient)
def ingest_task(source_dir: Path, lake: Path, max_bytes: int, allow_removals: bool, reread: bool) -> IngestStats:
    return ingest_folder(source_dir, lake, max_bytes, allow_removals, reread,
                         progress=Progress("ingest", "files").update)


@task
def plan_parse_task(lake: Path, seeds_dir: Path, full: bool, shard_size: int) -> ParsePlan:
    return plan_parse(lake, seeds_dir, full, shard_size)


@task(task_run_name="parse {shard.name}")
def parse_shard_task(lake: Path, shard: Shard, seeds_dir: Path, key: str, in_process: bool) -> ShardResult:
    if in_process:  # already a worker process of its own (Dask)
        return parse_shard(lake, shard, seeds_dir, key)
    return worker_pool().submit(parse_shard, lake, shard, seeds_dir, key).result()


@task
def write_parsed_task(lake: Path, seeds_dir: Path, plan: ParsePlan, results: list[ShardResult]) -> ParseStats:
    return write_parsed(lake, seeds_dir, plan, results)


@task(retries=1, retry_delay_seconds=2, retry_condition_fn=_retry_transient)
def load_raw_task(lake: Path, build_db: Path) -> dict[str, int]:
    return build.load_raw(lake, build_db)


@task(task_run_name="build {layer}")
def build_layer_task(build_db: Path, layer: str) -> dict[str, int]:
    return build.build_layer(build_db, layer)


@task
def current_counts_task(build_db: Path) -> dict[str, int]:
    return build.current_counts(build_db)


@task
def validate_task(build_db: Path, docs_dir: Path) -> ValidationReport:
    return validate(build_db, docs_dir)


@task
def record_validation_task(build_db: Path, lake: Path, report: ValidationReport) -> int:
    return build.record_validation(build_db, lake, report.history_rows())


@task
def artifacts_task(report: ValidationReport, ingested: IngestStats, facts: int, db: Path) -> None:
    create_table_artifact(key=TABLE_KEY, table=findings_table(report),
                          description="Failed and warned checks of this refresh")
    create_markdown_artifact(key=SUMMARY_KEY, description="What this refresh did",
                             markdown=summary_markdown(report, ingest=ingested, facts=facts, db_path=db))


@task
def build_key_task(lake: Path) -> str:
    return build_key(lake, SEEDS_DIR)


@task(retries=2, retry_delay_seconds=[1, 5], retry_condition_fn=_retry_transient)
def publish_task(build_db: Path, db_path: Path) -> Path:
    return build.publish(build_db, db_path)


def _shown(path: Path | str) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def with_task_runner(name: str, dask_address: str | None = None, workers: int = 2):  # noqa: ANN201
    """The refresh flow on another task runner: `dask` maps the parse shards over a Dask
    cluster (the one at `dask_address`, else a local cluster of `workers` processes). DuckDB
    stays the single writer: only the parse runs on the workers."""
    if name == "default":
        return refresh
    if name != "dask":
        raise ValueError(f"unknown task runner {name!r} (default or dask)")
    from prefect_dask import DaskTaskRunner

    runner = DaskTaskRunner(address=dask_address) if dask_address else DaskTaskRunner(
        cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                        "dashboard_address": None})
    return refresh.with_options(task_runner=runner)


ECHO_STAGES = "CHITIEU_ECHO_STAGES"  # set by `chitieu refresh`, whose console hides Prefect's log lines


def _stage(name: str, started: float, detail: str) -> None:
    """One line per stage in the Prefect log; also on stdout when the CLI hides that log (a served
    run or `-v` shows it once, from the log)."""
    line = f"{name:<14} {detail} ({time.monotonic() - started:.1f} s)"
    get_run_logger().info(line)
    if os.environ.get(ECHO_STAGES) == "1":
        print(line, flush=True)


@flow(name="refresh", log_prints=False, on_failure=[alert_on_failure], on_crashed=[alert_on_failure])
def refresh(
    source_dir: str = str(DEFAULT_SOURCE),
    db_path: str = str(DEFAULT_DB),
    full_refresh: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lock_timeout_s: float = 0.0,
    alert_webhook: str | None = None,
    shard_size: int = BATCH_FILES,
    allow_removals: bool = False,
    force: bool = False,
) -> RefreshSummary:
    """Refresh the warehouse from the documents in `source_dir`.

    Only documents whose content (or the extractor's code, or the seed reference data) changed
    are parsed; `full_refresh` re-reads every file and re-parses every document. `allow_removals`
    lets a scan remove more than half of the documents (else refused as an unmounted share);
    `force` replaces a `db_path` that is not a chitieu warehouse.
    """
    t0 = time.monotonic()
    guard_temporary_server()  # killed alone, the refresh still stops Prefect's temporary server
    check_parameters(source_dir, db_path, max_bytes, shard_size, force)
    db, source = Path(db_path), Path(source_dir)
    paths = WarehousePaths(db)
    lake = paths.lake
    build_db = build.building_path(db)
    on_dask = type(refresh_task_runner()).__name__ == "DaskTaskRunner"
    with refresh_lock(db, lock_timeout_s):
        lk.adopt_legacy(lake, db)  # a lake all warehouses of the folder once shared, if this is the only one
        lk.remove_orphans(lake)  # parts a killed refresh wrote but never listed
        t = time.monotonic()
        ingested = ingest_task(source, lake, max_bytes, allow_removals, full_refresh)
        _stage("ingest", t, f"{ingested.new} new, {ingested.unchanged} unchanged, "
               f"{ingested.quarantined} quarantined" + (f", {ingested.duplicates} duplicate"
                                                       if ingested.duplicates else ""))
        t = time.monotonic()
        plan = plan_parse_task(lake, SEEDS_DIR, full_refresh, shard_size)
        in_process = on_dask or len(plan.shards) < 2  # one shard: no worker process to start
        # shards run on the flow's task runner: each on the worker process pool here, in the Dask
        # workers with `--task-runner dask`
        shard_runs = parse_shard_task.map(unmapped(lake), plan.shards, unmapped(SEEDS_DIR), unmapped(plan.key),
                                          unmapped(in_process))
        progress = Progress("parse", "documents", total=plan.documents)
        results = []
        for shard, run in zip(plan.shards, shard_runs, strict=True):
            results.append(run.result())
            progress.update(progress.done + len(shard.doc_ids))
        close_worker_pool()  # the workers' memory is free for the build and the validation
        parsed = write_parsed_task(lake, SEEDS_DIR, plan, results)
        _stage("parse", t, f"{parsed.parsed} parsed, {parsed.reused} reused; {parsed.facts} facts, "
               f"{parsed.numbers} numbers read")
        key = build_key_task(lake)
        standing = None if full_refresh else current_build(db, key)
        if standing is not None:  # nothing a build reads has changed: the published warehouse is its build
            _stage("publish", time.monotonic(), f"{db} (unchanged: built from the same lake, models and seeds)")
            notify_if_needed(alert_webhook, db)  # says so when a webhook is set; nothing new to post
            return RefreshSummary(ingested, parsed, None, str(db), standing.summary.get("row_counts", {}),
                                  time.monotonic() - t0, standing.summary.get("current", {}), standing.summary)
        try:
            t = time.monotonic()
            counts = load_raw_task(lake, build_db)
            _stage("load raw", t, f"{len(counts)} tables, {counts.get('raw.documents', 0)} document versions")
            for layer in ("cleaned", "marts"):
                t = time.monotonic()
                layer_counts = build_layer_task(build_db, layer)
                counts.update(layer_counts)
                _stage(f"build {layer}", t, f"{len(layer_counts)} models")
            current = current_counts_task(build_db)
            t = time.monotonic()
            report = validate_task(build_db, paths.docs)
            record_validation_task(build_db, lake, report)
            _stage("validate", t, f"{report.passed} checks passed, {report.failed} failed, "
                   f"{report.warned} warned; {report.summary()}")
            shown = artifacts_task(report, ingested, counts.get("marts.fct_indicators", 0), db,
                                   return_state=True)
            if not shown.is_completed():  # the UI's view of the run never blocks the warehouse
                get_run_logger().warning(f"artifacts not created: {shown.message}")
            if not report.success:
                build.publish(build_db, paths.failed_copy)
                raise ValidationFailed(
                    f"expectations failed, warehouse not published (inspect {paths.failed_copy}): "
                    f"{report.failure_summary()}"
                )
            t = time.monotonic()
            publish_task(build_db, db)
            record_build(db, key, {
                "checks": f"{report.passed} passed, {report.failed} failed, {report.warned} warned",
                "expectations": report.summary(), "docs": _shown(report.docs.index) if report.docs
                else f"not built ({report.docs_error})", "current": current, "row_counts": counts})
            _stage("publish", t, str(db))
        finally:
            build.discard(build_db)
    notify_if_needed(alert_webhook, db)  # new `fail` findings → the webhook (flows/alerts.py)
    return RefreshSummary(ingested, parsed, report, str(db), counts, time.monotonic() - t0, current)


def refresh_task_runner():  # noqa: ANN201
    """The task runner the running flow uses (Dask workers parse in their own process)."""
    from prefect.context import FlowRunContext

    ctx = FlowRunContext.get()
    return ctx.task_runner if ctx is not None else None
