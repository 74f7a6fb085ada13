"""The refresh flow's alerts: a webhook POST when a refresh finds new `fail` findings, and when a run fails.

The webhook is the flow's `alert_webhook` parameter, else `$CHITIEU_ALERT_WEBHOOK`; without one
nothing is sent. What counts as new: a `fail` finding (not marked `reviewed`) whose check_id did
not fail in the previous refresh of the same warehouse, remembered in `<db>.alerts.json` beside the
DuckDB file. The state moves on only when the POST succeeded (or there was nothing to send), so a
webhook that was down is retried by the next refresh. An alert that cannot be sent is logged; it
never fails the refresh.
"""

from __future__ import annotations

import json
import os
import urllib.error
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from expectations.alerts import (
    FailedCheck,
    failed_checks_payload,
    failed_run_payload,
    new_failures,
    post_json,
    redact,
    webhook_url,
)
from warehouse.paths import WarehousePaths

POST_TIMEOUT_S = 10.0


def state_path(db: Path) -> Path:
    return WarehousePaths(db).alerts


def read_previous_failures(db: Path) -> set[str] | None:
    """The fail check_ids remembered for this warehouse; None before its first refresh."""
    path = state_path(db)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None  # unreadable: treat as no history (alerts on every current failure once)
    return set(data.get("fail_check_ids", []))


def write_failures(db: Path, check_ids: list[str], flow_run: str) -> None:
    path = state_path(db)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps({"fail_check_ids": sorted(check_ids), "flow_run": flow_run,
                               "updated_at": datetime.now(UTC).isoformat()}, indent=1), encoding="utf-8")
    tmp.replace(path)


def current_failures(db: Path) -> list[FailedCheck]:
    """The `fail` findings of the warehouse just published (reviewed ones never alert)."""
    import duckdb

    if not db.exists():
        return []
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select check_id, \"check\", message from marts.fct_consistency_checks "
            "where outcome = 'fail' and not coalesce(reviewed, false) order by check_id"
        ).fetchall()
    return [FailedCheck(check_id, check, message or check) for check_id, check, message in rows]


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
    current = current_failures(db)
    previous = read_previous_failures(db) or set()
    new = new_failures(current, previous)
    run_name, run_id = _run_identity()
    ids = [c.check_id for c in current]
    if url is None or not new:
        write_failures(db, ids, run_name)
        if url is not None:
            _log(f"no new failed check ({len(current)} failing, all seen before); nothing sent")
        return None
    payload = failed_checks_payload(run_name, run_id, new, len(current), str(db))
    try:
        post_json(url, payload, POST_TIMEOUT_S)
    except (urllib.error.URLError, OSError, ValueError) as err:
        _log(f"could not post {len(new)} new failed check(s) to {redact(url)}: {err}; "
             "the next refresh tries again", warning=True)
        return None
    write_failures(db, ids, run_name)
    _log(f"{len(new)} new failed check(s) posted to {redact(url)}")
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
