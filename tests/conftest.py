"""Shared fixtures: the sample documents built into a warehouse by the plain functions (no Prefect)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.settings import quiet_prefect

quiet_prefect()

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "seeds" / "documents"
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"


def build_warehouse(source: Path, db: Path, full: bool = False, seeds: Path = SEEDS) -> dict[str, object]:
    """The refresh stages in order, called directly: what the flow's tasks wrap.

    `seeds` is the reference folder (a copy with its own `overrides.csv`, for reviewers' tests)."""
    from expectations.validate import validate
    from flows.settings import lake_dir
    from warehouse import build
    from warehouse.paths import WarehousePaths
    from warehouse.raw import ingest_folder, parse_lake

    lake = lake_dir(db)
    ingested = ingest_folder(source, lake)
    parsed = parse_lake(lake, seeds, full)
    tmp = build.building_path(db)
    counts = build.load_raw(lake, tmp)
    counts.update(build.build_layer(tmp, "cleaned"))
    counts.update(build.build_layer(tmp, "marts"))
    report = validate(tmp, WarehousePaths(db).docs)
    build.record_validation(tmp, lake, report.history_rows())
    build.publish(tmp, db)
    return {"ingest": ingested, "parse": parsed, "counts": counts, "report": report}


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five sample reports built once per test session; tests only read it."""
    root = tmp_path_factory.mktemp("samples")
    source = root / "documents"
    shutil.copytree(SAMPLES, source)
    db = root / "warehouse" / "chitieu.duckdb"
    build_warehouse(source, db)
    return db
