"""The deployment definitions: prefect.yaml for work pools, and `chitieu serve`'s schedule and parameters."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from typer.testing import CliRunner

from flows.cli import app
from flows.serve import DEFAULT_CRON, DEFAULT_TIMEZONE, check_schedule, deployment_parameters


def test_prefect_yaml_names_the_refresh_flow_a_process_pool_and_the_schedule() -> None:
    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    assert config["build"] is None and config["push"] is None
    [pull] = config["pull"]
    assert list(pull) == ["prefect.deployments.steps.set_working_directory"]
    [deployment] = config["deployments"]
    assert deployment["name"] == "refresh"
    assert deployment["entrypoint"] == "flows/refresh.py:refresh"
    path, func = deployment["entrypoint"].split(":")
    assert (REPO / path).is_file()
    from flows import refresh as module

    flow = getattr(module, func)
    assert flow.name == "refresh"
    assert set(deployment["parameters"]) <= set(inspect.signature(flow.fn).parameters)
    assert (REPO / deployment["parameters"]["source_dir"]).is_dir()
    assert deployment["work_pool"]["name"] == "chitieu"
    [schedule] = deployment["schedules"]
    assert (schedule["cron"], schedule["timezone"]) == (DEFAULT_CRON, DEFAULT_TIMEZONE)
    check_schedule(schedule["cron"], schedule["timezone"])


def test_served_parameters_are_absolute_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    params = deployment_parameters("docs/in", "wh/chitieu.duckdb", True)
    assert params == {"source_dir": str(tmp_path / "docs" / "in"), "db_path": str(tmp_path / "wh" / "chitieu.duckdb"),
                      "full_refresh": True}
    assert deployment_parameters("reports/**/*.html", "x.duckdb", False, "http://h/x")["source_dir"] == os.path.join(
        str(tmp_path), "reports", "**", "*.html")
    assert deployment_parameters("a", "b", False, "http://h/x")["alert_webhook"] == "http://h/x"


def test_serve_refuses_a_bad_schedule_or_a_missing_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # serve sets it: restored after the test
    bad_tz = CliRunner().invoke(app, ["serve", "--timezone", "Mars/Olympus"])
    assert bad_tz.exit_code == 2 and "unknown timezone 'Mars/Olympus'" in bad_tz.output
    bad_cron = CliRunner().invoke(app, ["serve", "--cron", "61 * * *"])
    assert bad_cron.exit_code == 2 and "invalid cron" in bad_cron.output
    no_server = CliRunner().invoke(app, ["serve", "--api-url", "http://127.0.0.1:9/api"])
    assert no_server.exit_code == 1 and "no Prefect server at http://127.0.0.1:9/api" in no_server.output
