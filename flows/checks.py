"""A refresh's parameters, checked before any work: from the command line before Prefect starts,
and again by the flow itself (a run started from the UI has no command line)."""

from __future__ import annotations

from pathlib import Path

from transforms.ingest import source_root
from warehouse.build import check_target


def check_parameters(source_dir: str | Path, db_path: str | Path, max_bytes: int, shard_size: int,
                     force: bool = False) -> None:
    """Raise with one line naming the parameter: ValueError, NotADirectoryError, NotAWarehouse."""
    if shard_size < 1:
        raise ValueError(f"--shard-size must be at least 1 (got {shard_size})")
    if max_bytes < 1:
        raise ValueError(f"the size limit (--max-mb) must be positive (got {max_bytes} bytes)")
    root = source_root(str(source_dir))[0]
    if not root.is_dir():
        raise NotADirectoryError(f"source folder not found: {root}")
    check_target(Path(db_path), force)
