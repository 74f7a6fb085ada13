"""Prefect's temporary server never outlives the refresh that started it.

A flow run without a Prefect server starts one as a child process (`SubprocessASGIServer`) and
stops it on a clean exit. Killed alone (SIGKILL, the out-of-memory killer), the refresh cannot stop
it, and the server would keep listening with its memory for minutes. So each temporary server gets
a watchdog: a small process of its own session that waits for the refresh to die and then stops
the server. It exits by itself when the server stops first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

WATCHDOG = r"""
import os, signal, sys, time

parent, server = int(sys.argv[1]), int(sys.argv[2])

def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

while alive(server):
    if not alive(parent):
        for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
            try:
                os.kill(server, sig)
            except ProcessLookupError:
                break
            end = time.monotonic() + wait
            while alive(server) and time.monotonic() < end:
                time.sleep(0.1)
        break
    time.sleep(0.5)
"""

_guarded: set[int] = set()


def guard_temporary_server() -> int | None:
    """Give the running temporary Prefect server (if any) its watchdog; returns the server's pid."""
    try:
        from prefect.server.api.server import SubprocessASGIServer
    except ImportError:  # pragma: no cover - Prefect without its server
        return None
    for server in list(SubprocessASGIServer._instances.values()):
        process = getattr(server, "server_process", None)
        if process is None or process.poll() is not None or process.pid in _guarded:
            continue
        subprocess.Popen([sys.executable, "-c", WATCHDOG, str(os.getpid()), str(process.pid)],
                         start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, close_fds=True)
        _guarded.add(process.pid)
        return process.pid
    return None


def quiet_temporary_server(log_path: Path) -> None:
    """Send the temporary server's own output (uvicorn's lines, even at shutdown) to `log_path`
    instead of the terminal, so a failed refresh ends with its one `error:` line."""
    from prefect.server.api import server as srv

    if getattr(srv.SubprocessASGIServer, "_chitieu_quiet", False):
        return
    original = srv.SubprocessASGIServer._run_uvicorn_command

    def run_logged(self):  # noqa: ANN001, ANN202 (Prefect's method)
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log = log_path.open("ab")
        real = subprocess.Popen

        def popen(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            kwargs.setdefault("stdout", log)
            kwargs.setdefault("stderr", subprocess.STDOUT)
            return real(*args, **kwargs)

        subprocess.Popen = popen  # type: ignore[misc]  # only for the one call that starts the server
        try:
            return original(self)
        finally:
            subprocess.Popen = real  # type: ignore[misc]
            log.close()

    srv.SubprocessASGIServer._run_uvicorn_command = run_logged
    srv.SubprocessASGIServer._chitieu_quiet = True
