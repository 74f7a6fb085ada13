"""Alerts, pure part: which failures are new, the payloads, the webhook setting, and a real POST."""

from __future__ import annotations

import urllib.error

import pytest
from webhook_receiver import webhook_receiver

from expectations.alerts import (
    ENV_WEBHOOK,
    FailedCheck,
    failed_checks_payload,
    failed_run_payload,
    new_failures,
    post_json,
    redact,
    webhook_url,
)

A = FailedCheck("a" * 32, "part_sum", "001.txt: 16 targets but the parts add up to 15")
B = FailedCheck("b" * 32, "anniversary", "004.txt: 75 years but 2021 - 1947 = 74")


def test_only_failures_absent_from_the_previous_refresh_are_new() -> None:
    assert new_failures([A, B], previous_ids=[]) == [B, A]  # sorted by check, then message
    assert new_failures([A, B], previous_ids=[A.check_id]) == [B]
    assert new_failures([A, B, A], previous_ids=[A.check_id, B.check_id]) == []
    assert new_failures([], previous_ids=[A.check_id]) == []


def test_the_webhook_comes_from_the_parameter_then_the_environment() -> None:
    assert webhook_url(None, {}) is None
    assert webhook_url("", {ENV_WEBHOOK: " "}) is None
    assert webhook_url(None, {ENV_WEBHOOK: "https://hooks.example/x"}) == "https://hooks.example/x"
    assert webhook_url("http://127.0.0.1:9/y", {ENV_WEBHOOK: "https://hooks.example/x"}) == "http://127.0.0.1:9/y"
    with pytest.raises(ValueError, match="http"):
        webhook_url("file:///etc/passwd", {})
    assert redact("https://hooks.slack.example/services/T0/B0/secret?x=1") == "https://hooks.slack.example/…"


def test_payloads_name_the_run_the_status_and_the_messages() -> None:
    p = failed_checks_payload("brave-otter", "id-1", [B, A], failed_total=3, warehouse="/w/chitieu.duckdb")
    assert p["event"] == "new_failed_checks" and p["status"] == "COMPLETED" and p["flow_run"] == "brave-otter"
    assert p["failed_checks"] == [B.message, A.message] and p["check_ids"] == [B.check_id, A.check_id]
    assert p["summary"] == ("chitieu refresh brave-otter: 2 new failed consistency checks (3 failing in all) "
                            "in /w/chitieu.duckdb")
    assert p["text"].splitlines()[1:] == [f"• {B.message}", f"• {A.message}"]
    f = failed_run_payload("brave-otter", "id-1", "FAILED", "expectations failed\ntrace", "/w/chitieu.duckdb")
    assert f["event"] == "flow_run_failed" and f["failed_checks"] == []
    assert f["summary"] == "chitieu refresh brave-otter failed: expectations failed"


def test_post_json_delivers_utf8_json_and_reports_http_errors() -> None:
    payload = failed_checks_payload("r", "i", [A], 1, "w")
    with webhook_receiver() as rx:
        assert post_json(rx.url, payload, timeout=5) == 200
        [got] = rx.wait_for(1)
        assert got["json"] == payload and got["path"] == "/hook/secret-token"
        assert got["content_type"] == "application/json; charset=utf-8"
        rx.status = 500
        with pytest.raises(urllib.error.HTTPError):
            post_json(rx.url, payload, timeout=5)
    with pytest.raises(OSError):  # nobody listening any more
        post_json(rx.url, payload, timeout=2)
