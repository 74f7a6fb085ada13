"""Alerts from the refresh flow to a webhook receiver on loopback: new `fail` findings, and a failed run."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner
from webhook_receiver import webhook_receiver

from expectations.alerts import ENV_WEBHOOK
from flows.cli import app
from flows.refresh import refresh
from warehouse.lock import RefreshLocked, refresh_lock

NEW_FAIL_DOC = "001_b540bd3bb0ae3ee5.txt"  # "16 chỉ tiêu" whose parts add up to 15: a part_sum fail


def _fails(db: Path) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("select check_id, message from marts.fct_consistency_checks "
                                "where outcome = 'fail' and not coalesce(reviewed, false)").fetchall())


def test_new_failed_checks_are_posted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import SAMPLES

    monkeypatch.delenv(ENV_WEBHOOK, raising=False)
    src, db = tmp_path / "documents", tmp_path / "wh" / "chitieu.duckdb"
    shutil.copytree(SAMPLES, src, ignore=shutil.ignore_patterns(NEW_FAIL_DOC))
    with webhook_receiver() as rx:
        refresh(source_dir=str(src), db_path=str(db), alert_webhook=rx.url)
        first = _fails(db)
        posts = rx.wait_for(1 if first else 0, timeout_s=2)
        assert len(posts) == (1 if first else 0)
        if first:  # everything failing is new on the first refresh
            assert set(posts[0]["json"]["check_ids"]) == set(first)

        shutil.copy(SAMPLES / NEW_FAIL_DOC, src / NEW_FAIL_DOC)
        refresh(source_dir=str(src), db_path=str(db), alert_webhook=rx.url)
        second = _fails(db)
        new_ids = set(second) - set(first)
        assert new_ids, "the added report should bring a new fail"
        posts = rx.wait_for(len(posts) + 1)
        alert = posts[-1]["json"]
        assert alert["event"] == "new_failed_checks" and alert["status"] == "COMPLETED"
        assert set(alert["check_ids"]) == new_ids
        assert sorted(alert["failed_checks"]) == sorted(second[i] for i in new_ids)
        assert any("16 chỉ tiêu" in m for m in alert["failed_checks"])
        assert alert["flow_run"] and alert["warehouse"] == str(db)
        assert f"{len(new_ids)} new failed consistency check" in alert["summary"]

        # the same failures again, through the CLI option: nothing is posted
        result = CliRunner().invoke(app, ["refresh", "--source", str(src), "--db", str(db),
                                          "--alert-webhook", rx.url])
        assert result.exit_code == 0, result.output
        assert "alert" in result.output and "nothing sent" in result.output
        assert len(rx.wait_for(len(posts) + 1, timeout_s=1)) == len(posts)
        assert _fails(db) == second


def test_a_failed_run_is_posted_by_the_flow_hook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import SAMPLES

    db = tmp_path / "wh" / "chitieu.duckdb"
    with webhook_receiver() as rx:
        monkeypatch.setenv(ENV_WEBHOOK, rx.url)  # the environment, not the parameter, names the webhook
        with refresh_lock(db), pytest.raises(RefreshLocked):  # another refresh holds the warehouse
            refresh(source_dir=str(SAMPLES), db_path=str(db))
        [post] = rx.wait_for(1)
    alert = post["json"]
    assert alert["event"] == "flow_run_failed" and alert["status"] == "FAILED"
    assert alert["failed_checks"] == [] and alert["flow_run"]
    assert "another refresh" in alert["summary"] and str(db) in alert["summary"]
