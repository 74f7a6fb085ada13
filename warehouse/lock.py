"""One refresh at a time per warehouse: an advisory lock file beside the DuckDB file."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warehouse.paths import WarehousePaths


class RefreshLocked(RuntimeError):
    pass


@contextmanager
def refresh_lock(db_path: Path, timeout_s: float = 0.0, poll_s: float = 0.2) -> Iterator[None]:
    """Hold `<db>.lock` for the refresh; wait up to `timeout_s`, then refuse with one clear line."""
    lock_path = WarehousePaths(db_path).lock
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
                    raise RefreshLocked(
                        f"another refresh of {db_path} is running (pid {holder}); waited {timeout_s:g} s"
                    ) from None
                time.sleep(poll_s)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)
