"""Everything a warehouse owns sits beside its DuckDB file and is named after it.

`warehouse/chitieu.duckdb` owns `chitieu.duckdb.lake/` (the Parquet lake), `chitieu.duckdb.docs/`
(Data Docs), `chitieu.duckdb.lock`, `chitieu.duckdb.alerts.parquet` and `chitieu.duckdb.report.html`
(the report page). Two warehouses in one folder never share a file, and the refresh lock of one
warehouse covers all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WarehousePaths:
    db: Path

    @property
    def lake(self) -> Path:
        return self.db.with_name(self.db.name + ".lake")

    @property
    def docs(self) -> Path:
        return self.db.with_name(self.db.name + ".docs")

    @property
    def lock(self) -> Path:
        return self.db.with_name(self.db.name + ".lock")

    @property
    def alerts(self) -> Path:
        """The check_ids that failed at the last refresh that alerted (or had nothing to send)."""
        return self.db.with_name(self.db.name + ".alerts.parquet")

    @property
    def alerts_legacy(self) -> Path:
        """The same, as JSON, written before the state moved to Parquet (read once, then removed)."""
        return self.db.with_name(self.db.name + ".alerts.json")

    @property
    def report(self) -> Path:
        return self.db.with_name(self.db.name + ".report.html")

    @property
    def failed_copy(self) -> Path:
        return self.db.with_name(self.db.name + ".failed")


def lake_dir(db: Path) -> Path:
    return WarehousePaths(db).lake
