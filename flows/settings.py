"""The one place that chooses paths and the Prefect environment; code does not change between them."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from warehouse.paths import WarehousePaths

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_SOURCE = Path("seeds/documents")
DEFAULT_DB = Path("warehouse/chitieu.duckdb")


def lake_dir(db_path: Path) -> Path:
    """The warehouse's own Parquet lake: `warehouse/chitieu.duckdb.lake/<layer>/<table>.parquet`."""
    return WarehousePaths(db_path).lake


def quiet_prefect() -> None:
    """No telemetry, no outside hosts; called before Prefect is imported."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    # a temporary server on a fresh PREFECT_HOME runs its migrations first: 20 s is not always enough
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
