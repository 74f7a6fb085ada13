"""A second refresh of the same warehouse waits for the first, then refuses with one clear line."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from warehouse.lock import RefreshLocked, refresh_lock

HOLD = """
import sys, time
from pathlib import Path
from warehouse.lock import refresh_lock
with refresh_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_held_lock_refuses_a_second_refresh_naming_the_holder(tmp_path: Path) -> None:
    db = tmp_path / "chitieu.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), "5"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with (
            pytest.raises(RefreshLocked, match=rf"another refresh of .* is running \(pid {holder.pid}\)"),
            refresh_lock(db, timeout_s=0.5),
        ):
            pass
        assert 0.4 < time.monotonic() - started < 3
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_is_free_again_when_the_holder_ends(tmp_path: Path) -> None:
    db = tmp_path / "chitieu.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), "0.5"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    with refresh_lock(db, timeout_s=10):
        pass
    holder.wait()
