"""Serve the refresh flow as a Prefect deployment: a cron schedule, parameters editable in the UI.

`chitieu serve` calls `serve_refresh`; it needs a running Prefect server (`prefect server start`)
and keeps running, executing the deployment's runs (scheduled, or started from the UI) in
subprocesses of its own, until it is stopped (Ctrl-C pauses the schedule).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flows.settings import quiet_prefect

DEPLOYMENT_NAME = "refresh"
DEFAULT_CRON = "0 6 * * *"
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_API_URL = "http://127.0.0.1:4200/api"


def deployment_parameters(
    source: str | Path, db: str | Path, full: bool, alert_webhook: str | None = None
) -> dict[str, Any]:
    """The deployment's default parameters, paths absolute so the served process and UI runs agree
    whatever folder they start in."""
    params: dict[str, Any] = {
        # abspath, not resolve: a source may be a glob (`reports/**/*.html`)
        "source_dir": os.path.abspath(os.path.expanduser(str(source))),
        "db_path": os.path.abspath(os.path.expanduser(str(db))),
        "full_refresh": full,
    }
    if alert_webhook:
        params["alert_webhook"] = alert_webhook
    return params


def check_schedule(cron: str | None, timezone: str) -> None:
    """Refuse a cron string or a timezone the server would refuse, with one line."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown timezone {timezone!r} (an IANA name such as Asia/Ho_Chi_Minh)") from None
    if cron is not None:
        from prefect.schedules import Cron

        try:
            Cron(cron, timezone=timezone)
        except ValueError as err:
            raise ValueError(f"invalid cron {cron!r}: {str(err).splitlines()[0]}") from None


def server_health(api_url: str, timeout_s: float = 5.0) -> str | None:
    """None when the Prefect server at `api_url` answers its health check, else why not."""
    try:
        with urllib.request.urlopen(api_url.rstrip("/") + "/health", timeout=timeout_s) as resp:  # noqa: S310
            ok = json.loads(resp.read() or b"null")
    except (urllib.error.URLError, OSError, ValueError) as err:
        return str(getattr(err, "reason", err))
    return None if ok is True else f"unexpected health answer {ok!r}"


def serve_refresh(
    cron: str | None,
    timezone: str,
    source: str | Path,
    db: str | Path,
    full: bool,
    alert_webhook: str | None = None,
) -> None:
    """Register the `refresh/refresh` deployment (schedule: `cron` in `timezone`, none when `cron`
    is None) and serve it until interrupted. Blocks."""
    quiet_prefect()
    check_schedule(cron, timezone)
    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

    from flows.refresh import refresh

    refresh.serve(
        name=DEPLOYMENT_NAME,
        schedules=[Cron(cron, timezone=timezone)] if cron else [],
        parameters=deployment_parameters(source, db, full, alert_webhook),
        description="Refresh the chitieu warehouse from a folder of reports.",
        tags=["chitieu"],
        # the module path, not a file path relative to where serve started: runs start anywhere
        entrypoint_type=EntrypointType.MODULE_PATH,
        limit=1,  # one refresh at a time (the warehouse lock would refuse a second one anyway)
    )
