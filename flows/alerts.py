"""The refresh flow's alerts: a webhook POST when a refresh finds new `fail` findings, and when a run fails.

The webhook is the flow's `alert_webhook` parameter, else `$CHITIEU_ALERT_WEBHOOK`; without one
nothing is sent. What counts as new: a `fail` finding (not marked `reviewed`) whose check_id did
not fail in the previous refresh of the same warehouse, remembered in `<db>.alerts.parquet` beside the
DuckDB file; both sides are compared in DuckDB, and a POST lists at most MAX_POSTED of them with
their count. The state moves on only when the POST succeeded (or there was nothing to send), so a
webhook that was down is retried by the next refresh. An alert that cannot be sent is logged; it
never fails the refresh.
"""

from __future__ import annotations

import json
import os
import urllib.error
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from expectations.alerts import (
    FailedCheck,
    failed_checks_payload,
    failed_run_payload,
    post_json,
    redact,
    webhook_url,
)
from warehouse.paths import WarehousePaths

POST_TIMEOUT_S = 10.0


MAX_POSTED = 1000  # new failures a POST lists; the payload says how many there are in all

_CURRENT = """select check_id, "check", coalesce(message, "check") as message from marts.fct_consistency_checks
              where outcome = 'fail' and not coalesce(reviewed, false)"""


def state_path(db: Path) -> Path:
    return WarehousePaths(db).alerts


@dataclass(frozen=True)
class Failures:
    """This refresh's `fail` findings against the previous refresh's, counted in DuckDB: 100,000
    reports fail 900,000 checks, which as Python objects took 3 GB and 9 s on every refresh."""

    current: int  # failing now
    new_total: int  # failing now and not at the previous refresh
    new: list[FailedCheck]  # the first MAX_POSTED of them, in a stable order


def _previous_ids_sql(db: Path) -> tuple[str, list[object]]:
    """The previous refresh's failing check_ids as a relation: the Parquet state, the JSON state of
    older versions, or none (the first refresh: everything failing is new)."""
    path, legacy = state_path(db), WarehousePaths(db).alerts_legacy
    if path.exists():
        return "select check_id from read_parquet(?)", [str(path)]
    if legacy.exists():
        try:
            ids = json.loads(legacy.read_text(encoding="utf-8")).get("fail_check_ids", [])
        except (OSError, ValueError):
            ids = []  # unreadable: treat as no history (alerts on every current failure once)
        return "select unnest(?::varchar[]) as check_id", [ids]
    return "select null::varchar as check_id where false", []


def compare_failures(db: Path, limit: int = MAX_POSTED) -> Failures:
    """The `fail` findings of the warehouse just published (reviewed ones never alert), and those
    that did not fail at the previous refresh."""
    import duckdb

    if not db.exists():
        return Failures(0, 0, [])
    previous, params = _previous_ids_sql(db)
    with duckdb.connect(str(db), read_only=True, config={"memory_limit": "512MB"}) as con:
        con.execute(f"create temp table cur as {_CURRENT}")
        con.execute(f"create temp table prev as {previous}", params)
        current = int(con.execute("select count(distinct check_id) from cur").fetchone()[0])
        new_total = int(con.execute("select count(distinct check_id) from cur anti join prev using (check_id)")
                        .fetchone()[0])
        rows = con.execute("""select check_id, any_value("check") as c, any_value(message) as m
                              from cur anti join prev using (check_id) group by check_id
                              order by c, m, check_id limit ?""", [limit]).fetchall()
    return Failures(current, new_total, [FailedCheck(i, c, m) for i, c, m in rows])


def write_failures(db: Path) -> None:
    """Remember the failing check_ids of the published warehouse (a temporary name, then renamed)."""
    import duckdb

    path = state_path(db)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with duckdb.connect(str(db), read_only=True, config={"memory_limit": "512MB"}) as con:
        con.execute(f"copy (select distinct check_id from ({_CURRENT}) order by check_id) to '{tmp}' "
                    "(format parquet)")
    tmp.replace(path)
    WarehousePaths(db).alerts_legacy.unlink(missing_ok=True)


def _run_identity() -> tuple[str, str]:
    from prefect.runtime import flow_run

    return str(flow_run.name or "local"), str(flow_run.id or "")


def _log(line: str, warning: bool = False) -> None:
    from prefect import get_run_logger

    try:
        logger = get_run_logger()
        (logger.warning if warning else logger.info)(line)
    except Exception:  # noqa: BLE001  (outside a run: stdout only)
        pass
    print(f"{'alert':<14} {line}", flush=True)


def notify_if_needed(alert_webhook: str | None, db: Path) -> dict[str, Any] | None:
    """After a successful refresh: POST the new `fail` findings, if any, to the webhook. Returns the
    payload sent (None when nothing was sent)."""
    try:
        url = webhook_url(alert_webhook, os.environ)
    except ValueError as err:
        _log(f"not sent: {err}", warning=True)
        return None
    if url is None and not db.exists():
        return None
    failures = compare_failures(db)
    run_name, run_id = _run_identity()
    if url is None or not failures.new_total:
        write_failures(db)
        if url is not None:
            _log(f"no new failed check ({failures.current} failing, all seen before); nothing sent")
        return None
    payload = failed_checks_payload(run_name, run_id, failures.new, failures.current, str(db),
                                    new_total=failures.new_total)
    try:
        post_json(url, payload, POST_TIMEOUT_S)
    except (urllib.error.URLError, OSError, ValueError) as err:
        _log(f"could not post {failures.new_total} new failed check(s) to {redact(url)}: {err}; "
             "the next refresh tries again", warning=True)
        return None
    write_failures(db)
    _log(f"{failures.new_total} new failed check(s) posted to {redact(url)}")
    return payload


def alert_on_failure(flow: Any, flow_run: Any, state: Any) -> None:
    """Prefect `on_failure` / `on_crashed` hook of the refresh flow: POST that the run failed."""
    params = dict(getattr(flow_run, "parameters", None) or {})
    try:
        url = webhook_url(params.get("alert_webhook"), os.environ)
    except ValueError:
        return
    if url is None:
        return
    status = str(getattr(state, "type", "FAILED")).rsplit(".", 1)[-1].upper()
    payload = failed_run_payload(str(flow_run.name), str(flow_run.id), status, getattr(state, "message", None),
                                 params.get("db_path"))
    try:
        post_json(url, payload, POST_TIMEOUT_S)
    except (urllib.error.URLError, OSError, ValueError) as err:
        from prefect.logging import get_logger

        get_logger("chitieu.alerts").warning("could not post the failed run to %s: %s", redact(url), err)
