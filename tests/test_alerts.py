"""Alerts, pure part: which failures are new, the payloads, the webhook setting, and a real POST."""

from __future__ import annotations

import json
import urllib.error
from pathlib import Path

import duckdb
import pytest
from webhook_receiver import webhook_receiver

from expectations.alerts import (
    ENV_WEBHOOK,
    FailedCheck,
    failed_checks_payload,
    failed_run_payload,
    post_json,
    redact,
    webhook_url,
)
from flows.alerts import compare_failures, state_path, write_failures
from warehouse.paths import WarehousePaths

A = FailedCheck("a" * 32, "part_sum", "001.txt: 16 targets but the parts add up to 15")
B = FailedCheck("b" * 32, "anniversary", "004.txt: 75 years but 2021 - 1947 = 74")


def _warehouse(path: Path, rows: list[tuple[str, str, str, str, bool | None]]) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute('create table marts.fct_consistency_checks (check_id varchar, "check" varchar, message varchar, '
                "outcome varchar, reviewed boolean)")
    con.executemany("insert into marts.fct_consistency_checks values (?, ?, ?, ?, ?)", rows)
    con.close()
    return path


def _row(c: FailedCheck, outcome: str = "fail", reviewed: bool | None = None) -> tuple:
    return (c.check_id, c.check, c.message, outcome, reviewed)


def test_only_failures_absent_from_the_previous_refresh_are_new(tmp_path: Path) -> None:
    db = _warehouse(tmp_path / "w.duckdb", [_row(A), _row(B), _row(A), _row(FailedCheck("c" * 32, "x", "ok"), "pass"),
                                            _row(FailedCheck("d" * 32, "x", "seen"), reviewed=True)])
    first = compare_failures(db)  # no state yet: everything failing is new, sorted by check then message
    assert (first.current, first.new_total, first.new) == (2, 2, [B, A])
    write_failures(db)
    assert not compare_failures(db).new_total
    state_path(db).unlink()
    (tmp_path / "w.duckdb.alerts.json").write_text(json.dumps({"fail_check_ids": [A.check_id]}), encoding="utf-8")
    assert compare_failures(db).new == [B]  # the JSON state older versions wrote still counts
    write_failures(db)
    assert state_path(db).exists() and not WarehousePaths(db).alerts_legacy.exists()


def test_a_post_lists_at_most_its_limit_of_new_failures_with_their_count(tmp_path: Path) -> None:
    """100,000 reports fail 900,000 checks: the comparison runs in DuckDB and a POST carries the first ones."""
    rows = [_row(FailedCheck(f"{i:032d}", "conflict", f"m{i:07d}")) for i in range(5000)]
    db = _warehouse(tmp_path / "w.duckdb", rows)
    f = compare_failures(db, limit=100)
    assert (f.current, f.new_total, len(f.new)) == (5000, 5000, 100) and f.new[0].message == "m0000000"
    p = failed_checks_payload("run", "id", f.new, f.current, str(db), new_total=f.new_total)
    assert p["new_total"] == 5000 and p["listed"] == 100 and len(p["failed_checks"]) == 100
    assert p["summary"].startswith("chitieu refresh run: 5000 new failed") and "… and 4980 more" in p["text"]


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
