"""End to end in a real browser: a Prefect server, `chitieu serve`, headless Chromium presses Run → Quick run
on the deployment page, the UI shows Completed, and the warehouse holds the sample facts.

Every process the test starts runs in its own process group, killed in `finally`. It skips only when
Debian's chromium is absent (`.ci/run` installs it). The finished run's screenshot is written to
`<tmp>/prefect-run.png`; with CHITIEU_UPDATE_SCREENSHOTS=1 (or when the file is missing) it is copied to
docs/prefect-run.png, which the README shows.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import REPO, SAMPLES

pytestmark = pytest.mark.e2e

CHROMIUM = Path(os.environ.get("CHITIEU_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOT = REPO / "docs" / "prefect-run.png"
FINAL_STATES = {"Completed", "Failed", "Crashed", "Cancelled"}
RUN_TIMEOUT_S = 180


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _api(url: str, body: dict[str, Any] | None = None, timeout: float = 5.0) -> Any:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="GET" if body is None else "POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (loopback)
        return json.loads(resp.read() or b"null")


class Processes:
    """Subprocesses in their own process groups; `stop_all` ends each group (TERM, then KILL)."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs = env, logs
        self.procs: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, cmd: list[str]) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        proc = subprocess.Popen(cmd, env=self.env, cwd=self.logs, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        self.procs.append((name, proc))
        return proc

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def check_alive(self) -> None:
        for name, proc in self.procs:
            if proc.poll() is not None:
                raise AssertionError(f"{name} exited with {proc.returncode}:\n{self.log(name)}")

    def stop_all(self) -> None:
        for _, proc in reversed(self.procs):
            self._signal(proc, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for _, proc in reversed(self.procs):
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            self._signal(proc, signal.SIGKILL)  # the group: children a graceful exit left behind
            proc.wait(timeout=10)

    @staticmethod
    def _signal(proc: subprocess.Popen[bytes], sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)  # start_new_session: the group id is the leader's pid


def _wait_for(what: str, check: Any, procs: Processes, timeout_s: float, every_s: float = 0.5) -> Any:
    deadline = time.monotonic() + timeout_s
    last: Exception | None = None
    while time.monotonic() < deadline:
        procs.check_alive()
        try:
            result = check()
            if result:
                return result
        except (urllib.error.URLError, OSError, ValueError) as err:
            last = err
        time.sleep(every_s)
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what} (last error: {last})")


@pytest.fixture
def prefect_env(tmp_path: Path) -> Iterator[tuple[dict[str, str], str]]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_LOGGING_LEVEL": "INFO",
    })
    env.pop("CHITIEU_ALERT_WEBHOOK", None)
    yield env, f"http://127.0.0.1:{port}"


def test_quick_run_from_the_prefect_ui_builds_the_warehouse(
    prefect_env: tuple[dict[str, str], str], tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium; .ci/run does) "
                    "to drive the Prefect UI in a headless browser")
    from playwright.sync_api import sync_playwright

    env, base = prefect_env
    source, db = tmp_path / "documents", tmp_path / "chitieu.duckdb"
    shutil.copytree(SAMPLES, source)
    procs = Processes(env, tmp_path)
    started = time.monotonic()
    try:
        procs.start("server", [sys.executable, "-m", "prefect", "server", "start"])
        _wait_for("the Prefect server's health check", lambda: _api(f"{base}/api/health") is True, procs, 120)
        procs.start("serve", [sys.executable, "-m", "flows.cli", "serve", "--no-schedule",
                              "--source", str(source), "--db", str(db)])
        deployment = _wait_for(
            "the refresh deployment", lambda: _api(f"{base}/api/deployments/filter",
                                                   {"deployments": {"name": {"any_": ["refresh"]}}}), procs, 90)[0]
        assert deployment["parameters"] == {"source_dir": str(source), "db_path": str(db), "full_refresh": False}
        assert deployment["schedules"] == []

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(30_000)
                page.goto(f"{base}/deployments")
                page.get_by_role("link", name="refresh", exact=True).first.click()
                page.get_by_text(deployment["id"]).first.wait_for()  # the details panel: the page has loaded
                page.get_by_role("button", name="Run", exact=True).click()
                with page.expect_response(lambda r: r.url.endswith("/create_flow_run")) as created:
                    page.get_by_text("Quick run", exact=True).click()
                assert created.value.status == 201, created.value.text()
                run = created.value.json()
                page.get_by_role("link", name=run["name"], exact=True).first.click()  # in the deployment's runs
                page.wait_for_url(f"**/runs/flow-run/{run['id']}**")

                badge = page.locator(".state-badge").first
                deadline, state = time.monotonic() + RUN_TIMEOUT_S, ""
                while time.monotonic() < deadline:
                    procs.check_alive()
                    state = badge.inner_text().strip()
                    if state in FINAL_STATES:
                        break
                    page.wait_for_timeout(500)
                page.wait_for_timeout(1500)  # the timeline and the logs settle
                shot = tmp_path / "prefect-run.png"
                page.screenshot(path=str(shot))
            finally:
                browser.close()
        assert state == "Completed", f"the UI shows {state!r} after {RUN_TIMEOUT_S} s:\n{procs.log('serve')}"
    finally:
        procs.stop_all()
    elapsed = time.monotonic() - started
    print(f"prefect UI end to end: {elapsed:.1f} s")

    assert all(proc.poll() is not None for _, proc in procs.procs)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from marts.fct_indicators").fetchall() == [(63,)]
    assert shot.stat().st_size > 20_000
    if os.environ.get("CHITIEU_UPDATE_SCREENSHOTS") == "1" or not SCREENSHOT.exists():
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
