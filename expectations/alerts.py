"""Alerts: which `fail` findings are new since the previous refresh, and the JSON a webhook receives.

Pure functions, plus `post_json`, the one call that does I/O. `flows/alerts.py` reads the findings
and the state, and calls these.

Every payload is one JSON object:

    {"event": "new_failed_checks" | "flow_run_failed",
     "flow_run": "<run name>", "flow_run_id": "<uuid>", "status": "COMPLETED" | "FAILED" | "CRASHED",
     "failed_checks": ["<message>", ...], "check_ids": ["<check_id>", ...],
     "summary": "<one line>", "text": "<summary and messages, for Slack-style webhooks>",
     "warehouse": "<db path>"}
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ENV_WEBHOOK = "CHITIEU_ALERT_WEBHOOK"
MAX_TEXT_MESSAGES = 20  # the `text` field lists at most this many messages; `failed_checks` the first 1,000


@dataclass(frozen=True)
class FailedCheck:
    check_id: str
    check: str
    message: str


def webhook_url(explicit: str | None, environ: Mapping[str, str]) -> str | None:
    """The webhook to call: the flow's `alert_webhook` parameter, else `$CHITIEU_ALERT_WEBHOOK`, else none."""
    url = (explicit or environ.get(ENV_WEBHOOK) or "").strip()
    if not url:
        return None
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"alert webhook must be an http(s) URL, not {redact(url)!r}")
    return url


def redact(url: str) -> str:
    """Scheme and host only: webhook paths and queries often carry a secret token."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}{f':{parts.port}' if parts.port else ''}/…"


def _text(summary: str, messages: list[str], total: int | None = None) -> str:
    lines = [summary, *(f"• {m}" for m in messages[:MAX_TEXT_MESSAGES])]
    more = (len(messages) if total is None else total) - min(len(messages), MAX_TEXT_MESSAGES)
    if more > 0:
        lines.append(f"… and {more} more")
    return "\n".join(lines)


def failed_checks_payload(
    flow_run: str, flow_run_id: str, new: list[FailedCheck], failed_total: int, warehouse: str,
    new_total: int | None = None,
) -> dict[str, Any]:
    """What a refresh that found new `fail` findings posts: `new` (the first ones, when there are more
    than a POST should carry) of `new_total` new ones."""
    n = len(new) if new_total is None else new_total
    summary = (f"chitieu refresh {flow_run}: {n} new failed consistency check{'s' if n != 1 else ''} "
               f"({failed_total} failing in all) in {warehouse}")
    messages = [c.message for c in new]
    return {
        "event": "new_failed_checks", "flow_run": flow_run, "flow_run_id": flow_run_id, "status": "COMPLETED",
        "failed_checks": messages, "check_ids": [c.check_id for c in new], "new_total": n,
        "listed": len(new), "summary": summary, "text": _text(summary, messages, n), "warehouse": warehouse,
    }


def failed_run_payload(
    flow_run: str, flow_run_id: str, status: str, message: str | None, warehouse: str | None
) -> dict[str, Any]:
    """What a failed (or crashed) refresh run posts."""
    reason = (message or "").strip().splitlines()[0] if (message or "").strip() else "no message"
    summary = f"chitieu refresh {flow_run} {status.lower()}: {reason}"
    return {
        "event": "flow_run_failed", "flow_run": flow_run, "flow_run_id": flow_run_id, "status": status,
        "failed_checks": [], "check_ids": [], "summary": summary, "text": summary, "warehouse": warehouse,
    }


def post_json(url: str, payload: Mapping[str, Any], timeout: float = 10.0) -> int:
    """POST `payload` as JSON; the HTTP status, or an exception (urllib.error.URLError, OSError)."""
    body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    req = urllib.request.Request(
        url, data=body, method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "chitieu-alerts"},
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (http(s) checked by webhook_url)
        resp.read()
        return int(resp.status)
