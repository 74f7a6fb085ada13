"""A refresh killed with SIGKILL leaves the previous warehouse readable and consistent, and the
next refresh completes; readers keep reading while a refresh runs, and a second one is refused."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES, build_warehouse
from typer.testing import CliRunner

from flows.cli import app
from warehouse.lock import RefreshLocked, refresh_lock

CLI = [sys.executable, "-m", "flows.cli", "refresh"]


def _facts(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select count(*) from marts.fct_indicators").fetchall()[0][0]


def _start_paused(src: Path, db: Path, at: str, tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """`chitieu refresh` in its own process group (with Prefect's temporary server), paused at `at`."""
    marker = tmp_path / f"paused-{at}"
    env = {**os.environ, "CHITIEU_PAUSE_AT": at, "CHITIEU_PAUSE_FILE": str(marker),
           "PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "DO_NOT_TRACK": "1"}
    env.pop("PREFECT_API_URL", None)
    log = tmp_path / f"refresh-{at}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([*CLI, "--source", str(src), "--db", str(db), "-v"], env=env,
                                cwd=Path(__file__).parents[1], start_new_session=True, stdout=out,
                                stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while not marker.exists():
        assert proc.poll() is None, "the refresh ended before reaching the pause point:\n" + log.read_text()[-3000:]
        assert time.monotonic() < deadline, "the refresh never reached the pause point"
        time.sleep(0.1)
    return proc, marker


def _kill(proc: subprocess.Popen) -> None:
    """SIGKILL the refresh and everything it started (Prefect's temporary server too)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A published warehouse of the samples, and its source folder with one report changed."""
    src = tmp_path / "src"
    shutil.copytree(SAMPLES, src)
    db = tmp_path / "w" / "chitieu.duckdb"
    build_warehouse(src, db)
    p = src / "004_c0064bc84c249930.txt"
    p.write_text(p.read_text(encoding="utf-8").replace("464 tỷ đồng", "465 tỷ đồng"), encoding="utf-8")
    (src / "new.txt").write_text("Huyện Yên Phong năm 2023: tổng thu ngân sách nhà nước đạt 1.250 tỷ đồng.",
                                 encoding="utf-8")
    return src, db


@pytest.mark.parametrize("stage", ["parse", "load"])
def test_sigkill_leaves_the_previous_warehouse_and_the_next_refresh_completes(
        built: tuple[Path, Path], stage: str, tmp_path: Path) -> None:
    src, db = built
    proc, _ = _start_paused(src, db, stage, tmp_path)
    _kill(proc)
    assert _facts(db) == 63  # the previous warehouse, untouched
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from marts.fct_indicators where value_text = '465 tỷ đồng'").fetchall() \
            == [(0,)]
    build_warehouse(src, db)
    with duckdb.connect(str(db), read_only=True) as con:
        texts = {r[0] for r in con.execute("select value_text from marts.fct_indicators").fetchall()}
        orphans = con.execute("select count(*) from marts.fct_indicators f left join cleaned.documents d "
                              "using (doc_id) where d.doc_id is null").fetchall()[0][0]
    assert "465 tỷ đồng" in texts and "464 tỷ đồng" not in texts and "1.250 tỷ đồng" in texts
    assert orphans == 0
    assert not list(db.parent.glob("*.building-*")), "the killed refresh's build file was not cleaned up"


def test_readers_read_and_a_second_refresh_is_refused_while_one_runs(built: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    src, db = built
    proc, _ = _start_paused(src, db, "load", tmp_path)
    try:
        result = CliRunner().invoke(app, ["sql", "select count(*) as n from marts.fct_indicators", "--db", str(db),
                                          "--format", "csv"])
        assert result.exit_code == 0 and result.output == "n\n63\n"
        cli = Path(sys.executable).parent / "duckdb"
        out = subprocess.run([str(cli), "-readonly", "-csv", str(db), "-c", "select count(*) from cleaned.documents"],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0 and out.stdout.strip().splitlines()[-1] == "5"
        with pytest.raises(RefreshLocked, match="another refresh"), refresh_lock(db, timeout_s=0.3):
            pass
        env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home-2"),
               "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
        env.pop("PREFECT_API_URL", None)
        second = subprocess.run([*CLI, "--source", str(src), "--db", str(db), "--wait", "1"], env=env,
                                capture_output=True, text=True, timeout=180, cwd=Path(__file__).parents[1])
        assert second.returncode == 1
        assert second.stderr.strip().splitlines()[-1].startswith(f"error: another refresh of {db} is running (pid ")
    finally:
        _kill(proc)


def _children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the processes whose parent is `pid`."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmd = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid:
            out.append((int(stat.parent.name), cmd))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killing_the_refresh_alone_stops_prefects_temporary_server(built: tuple[Path, Path], tmp_path: Path) -> None:
    """As the out-of-memory killer would: SIGKILL to the refresh process only, not its group."""
    src, db = built
    proc, _ = _start_paused(src, db, "parse", tmp_path)
    servers = [pid for pid, cmd in _children(proc.pid) if "uvicorn" in cmd]
    assert servers, "no temporary Prefect server found under the refresh"
    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 30
        while any(_alive(s) for s in servers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(s) for s in servers), "the temporary server outlived the refresh"
    finally:
        _kill(proc)
        for s in servers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(s, signal.SIGKILL)
