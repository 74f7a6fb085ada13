"""Progress a person can watch inside a long stage: done of total, rate and time left.

On a terminal a one-line bar on stderr is redrawn in place; in Prefect's log (the UI) a line is
written every few seconds. Quiet for stages that finish within the first interval.
"""

from __future__ import annotations

import logging
import sys
import time

LOG_EVERY_S = 5.0
BAR_EVERY_S = 0.2


def _logger() -> logging.Logger | logging.LoggerAdapter:
    try:
        from prefect import get_run_logger

        return get_run_logger()
    except Exception:  # outside a flow or task run (tests, tools)
        return logging.getLogger("chitieu")


class Progress:
    def __init__(self, stage: str, unit: str, total: int | None = None) -> None:
        self.stage, self.unit, self.total = stage, unit, total
        self.done = 0
        self.started = time.monotonic()
        self._logged = self.started
        self._drawn = 0.0
        self._bar = sys.stderr.isatty()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        text = f"{self.stage}: {self.done:,}" + (f"/{self.total:,}" if self.total else "") + f" {self.unit}"
        text += f", {rate:,.0f}/s"
        if self.total and rate > 0:
            text += f", {max(self.total - self.done, 0) / rate:,.0f} s left"
        return text

    def update(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        now = time.monotonic()
        finished = self.total is not None and self.done >= self.total
        if now - self._logged >= LOG_EVERY_S:
            self._logged = now
            _logger().info(self.line())
        if self._bar and (now - self._drawn >= BAR_EVERY_S or finished) and now - self.started >= 1.0:
            self._drawn = now
            width = 30
            filled = int(width * self.done / self.total) if self.total else 0
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.line()}" + ("\n" if finished else ""))
            sys.stderr.flush()
