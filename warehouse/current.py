"""Whether the published warehouse is already what a build would produce: a refresh that ingested
and parsed nothing new skips the load, build and validation (a scheduled refresh of an unchanged
archive takes seconds, not the minutes a rebuild of every layer would).

The build key digests everything a build reads: the lake's table manifests (their parts; the scan
cache, the validation history and the seed tables, which every refresh rewrites, left out: the seed
files themselves are digested), the SQL models, the
expectation suites and checks code, and the seeds. It is recorded beside the published file with the
summary of its validation, and trusted only while the published file is the one it describes (same
size and modification time).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from warehouse.lake import MANIFEST

REPO = Path(__file__).resolve().parents[1]
# tables a refresh writes whatever happened, not inputs of the build
_NOT_INPUTS = {("raw", "scan_state"), ("marts", "fct_validation_runs")}
_CODE = (REPO / "warehouse" / "models", REPO / "warehouse" / "build.py", REPO / "expectations")


def build_key(lake: Path, seeds_dir: Path) -> str:
    digest = hashlib.sha256()
    for manifest in sorted(lake.glob(f"*/*/{MANIFEST}")):
        table = (manifest.parent.parent.name, manifest.parent.name)
        if table in _NOT_INPUTS or table[1].startswith("seed_"):  # seed tables: rewritten each time, the files count
            continue
        digest.update("/".join(table).encode())
        digest.update(manifest.read_bytes())
    for root in (*_CODE, seeds_dir):
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and path.suffix in (".sql", ".py", ".csv", ".json", ".html") \
                    and "__pycache__" not in path.parts and "documents" not in path.relative_to(root).parts[:1]:
                digest.update(path.relative_to(REPO if REPO in path.parents else root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Published:
    key: str
    summary: dict  # what the last build reported: checks, expectations, counts, data docs

    @staticmethod
    def path(db: Path) -> Path:
        return db.with_name(db.name + ".built.json")


def _stamp(db: Path) -> list[int]:
    st = db.stat()
    return [st.st_size, st.st_mtime_ns]


def record(db: Path, key: str, summary: dict) -> None:
    """After a publish: the key the published file was built from (written to a temporary name, then renamed)."""
    target = Published.path(db)
    tmp = target.with_name(target.name + f".tmp-{os.getpid()}")
    tmp.write_text(json.dumps({"key": key, "file": _stamp(db), "summary": summary}), encoding="utf-8")
    os.replace(tmp, target)


def current(db: Path, key: str) -> Published | None:
    """The record of the published warehouse if it was built from exactly `key`, else None."""
    try:
        data = json.loads(Published.path(db).read_text(encoding="utf-8"))
        if data.get("key") != key or data.get("file") != _stamp(db):
            return None
        return Published(key, data.get("summary") or {})
    except (OSError, ValueError):
        return None
