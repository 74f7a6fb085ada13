"""Raw and parsed layers of the lake: what ingest and parse write, read back for the next stage.

Ingest streams a source folder in batches (each file read by its size, one batch held at a
time) and appends each batch as parts of `raw.documents` and `raw.quarantine`; the manifests
are committed once the whole folder is read, so a killed ingest adds nothing. A file whose size
and modification time match the previous scan is not read again.

Parse works in shards, each one documents part (or a slice of it), run in worker processes
that write their own parts; the parsed tables' manifests are committed at the end,
`parsed_documents` last (it is the parse cache's key: see `parse_cache_key`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

import polars as pl

import transforms
from transforms.extract import EXTRACTOR_VERSION
from transforms.ingest import (
    DEFAULT_MAX_BYTES,
    DOCUMENT_SCHEMA,
    EVENT_SCHEMA,
    QUARANTINE_SCHEMA,
    SourceEntry,
    SourceFile,
    file_events,
    ingest,
    list_sources,
    live_files,
    read_source,
    source_root,
    unreadable_paths,
)
from transforms.parse import (
    ANNIVERSARY_SCHEMA,
    FACT_SCHEMA,
    HEADING_SCHEMA,
    NUMBER_SCHEMA,
    PARSED_DOCUMENT_SCHEMA,
    SENTENCE_SCHEMA,
    Parsed,
    parse_documents,
)
from transforms.reference import Reference, load_reference
from warehouse import lake as lk
from warehouse.overrides import OVERRIDES_FILE, read_overrides

SCAN_STATE_SCHEMA: dict[str, pl.DataType] = {
    "source_root": pl.String(), "source_path": pl.String(), "size_bytes": pl.Int64(), "mtime_ns": pl.Int64(),
    "content_sha256": pl.String(), "outcome": pl.String(),  # document | quarantined
}
BATCH_FILES = 2000  # files read and held at once; also the documents per part, hence per parse shard
BATCH_BYTES = 64 * 1024 * 1024


class TooManyRemovals(RuntimeError):
    """A scan would remove more than half of a source's current documents (an unmounted share)."""


@dataclass(frozen=True)
class IngestStats:
    new: int
    unchanged: int
    quarantined: int
    documents_total: int  # versions in raw
    quarantine_total: int
    changed: int = 0
    removed: int = 0
    duplicates: int = 0  # files of this scan with the same content as another file of it
    current: int = 0  # documents the sources hold now (what the marts show)


def _source_key(source: Path | str) -> str:
    base, pattern = source_root(source)
    return str(base.resolve()) + (f"::{pattern}" if pattern else "")


def _batches(entries: list[SourceEntry], max_bytes: int) -> Iterator[list[SourceEntry]]:
    batch: list[SourceEntry] = []
    size = 0
    for e in entries:
        held = min(e.size or 0, max_bytes + 1)
        if batch and (len(batch) >= BATCH_FILES or size + held > BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(e)
        size += held
    if batch:
        yield batch


def ingest_folder(source_dir: Path | str, lake: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                  allow_removals: bool = False, reread: bool = False,
                  progress: Callable[[int, int], None] | None = None) -> IngestStats:
    """Scan the folder (or glob) and append what raw does not hold yet (by content hash), the
    quarantined files with their reasons, and the events that say which files changed, went or
    became unreadable since the source's last scan.

    Refuses (TooManyRemovals), before anything is written, a scan that would remove more than half
    of the source's current documents, unless `allow_removals`. `reread` reads every file even
    when its size and modification time are unchanged.
    """
    now = datetime.now(UTC)
    root = _source_key(source_dir)
    entries = list_sources(source_dir)
    events = lk.read_table(lake, "raw", "file_events", EVENT_SCHEMA)
    live = live_files(events, root)
    seen = {e.source_path for e in entries}  # once: a set per live file made a re-scan quadratic
    gone = [p for p in live if p not in seen]
    if live and len(gone) * 2 > len(live) and not allow_removals:
        raise TooManyRemovals(
            f"{source_dir}: {len(gone)} of the {len(live)} files of the last scan are gone; a refresh would remove "
            f"their documents (is the folder unmounted?). Pass --allow-removals to remove them."
        )
    known_ids = set(lk.read_table(lake, "raw", "documents", DOCUMENT_SCHEMA, ["doc_id"])["doc_id"].to_list())
    quarantine = lk.read_table(lake, "raw", "quarantine", QUARANTINE_SCHEMA, ["content_sha256", "source_path",
                                                                             "reason"])
    known_q = {(p, s if s is not None else r) for s, p, r in quarantine.iter_rows()}
    state = {} if reread else {
        (r["source_path"]): r for r in lk.read_table(lake, "raw", "scan_state", SCAN_STATE_SCHEMA)
        .filter(pl.col("source_root") == root).iter_rows(named=True)}

    blob_dir = lake / "raw" / "blobs"
    doc_parts, q_parts = [], []
    scanned: dict[str, str | None] = {}
    new_state: list[dict[str, object]] = []
    seen: set[str] = set()
    new = unchanged = quarantined = duplicates = 0
    to_read: list[SourceEntry] = []
    for e in entries:  # unchanged size and time: the content the last scan hashed
        old = state.get(e.source_path)
        if e.problem is None and old is not None and old["size_bytes"] == e.size and old["mtime_ns"] == e.mtime_ns:
            sha = old["content_sha256"]
            scanned[e.source_path] = sha
            new_state.append({**old})
            if old["outcome"] == "quarantined":
                quarantined += 1
            elif sha in seen:
                duplicates += 1
            else:
                seen.add(sha)
                unchanged += 1
        else:
            to_read.append(e)
    done = 0
    for batch in _batches(to_read, max_bytes):
        files: list[SourceFile] = [read_source(e, max_bytes, blob_dir) for e in batch]
        got = ingest(files, known_ids, known_q, now=now, max_bytes=max_bytes, seen=seen)
        new, unchanged, quarantined, duplicates = (new + got.new, unchanged + got.unchanged,
                                                   quarantined + got.quarantined, duplicates + got.duplicates)
        scanned.update(got.scanned)
        known_ids.update(got.documents["doc_id"].to_list())
        bad = {f.source_path for f in files if f.problem is not None or f.data is None} | set(
            got.quarantine["source_path"].to_list())
        for f in files:
            if f.problem is None and got.scanned.get(f.source_path) is not None:
                new_state.append({"source_root": root, "source_path": f.source_path, "size_bytes": f.size,
                                  "mtime_ns": f.mtime_ns, "content_sha256": got.scanned[f.source_path],
                                  "outcome": "quarantined" if f.source_path in bad else "document"})
        if got.documents.height:
            doc_parts.append(lk.write_part(lake, "raw", "documents", got.documents))
        if got.quarantine.height:
            q_parts.append(lk.write_part(lake, "raw", "quarantine", got.quarantine))
        known_q.update((r["source_path"], r["content_sha256"] or r["reason"])
                       for r in got.quarantine.iter_rows(named=True))
        done += len(batch)
        if progress is not None:
            progress(done, len(to_read))
    evs = file_events(scanned, live, root, now, unreadable_paths(events, root))
    # documents before events: a crash in between leaves documents no event names yet, which the
    # next scan's events adopt; never an event naming a document raw lacks
    lk.commit(lake, "raw", "documents", add=doc_parts)
    lk.commit(lake, "raw", "quarantine", add=q_parts)
    lk.ensure(lake, "raw", "documents", DOCUMENT_SCHEMA)
    lk.ensure(lake, "raw", "quarantine", QUARANTINE_SCHEMA)
    if evs or not lk.exists(lake, "raw", "file_events"):
        lk.append_rows(lake, "raw", "file_events", pl.DataFrame(evs, schema=EVENT_SCHEMA), EVENT_SCHEMA)
    others = lk.read_table(lake, "raw", "scan_state", SCAN_STATE_SCHEMA).filter(pl.col("source_root") != root)
    lk.write_table(lake, "raw", "scan_state", pl.concat(
        [others, pl.DataFrame(new_state, schema=SCAN_STATE_SCHEMA)], how="vertical"))
    changed = sum(e["event"] == "changed" for e in evs)
    removed = sum(e["event"] == "removed" for e in evs)
    return IngestStats(new, unchanged, quarantined, lk.row_count(lake, "raw", "documents"),
                       lk.row_count(lake, "raw", "quarantine"), changed, removed, duplicates,
                       len(current_documents(lake)))


def current_documents(lake: Path) -> set[str]:
    """The documents some source holds now: the content of every path at its last scan, and the
    documents ingested before file events were kept."""
    events = lk.read_table(lake, "raw", "file_events", EVENT_SCHEMA)
    ids = set(lk.read_table(lake, "raw", "documents", DOCUMENT_SCHEMA, ["doc_id"])["doc_id"].to_list())
    named = set(events["content_sha256"].drop_nulls().to_list())
    live: set[str] = set()
    for root in events["source_root"].unique().to_list():
        live |= set(live_files(events, root).values())
    return (live | (ids - named)) & ids


# -- parse -------------------------------------------------------------------------------------

PARSED_TABLES = {
    "parsed_documents": PARSED_DOCUMENT_SCHEMA, "parsed_sentences": SENTENCE_SCHEMA,
    "parsed_facts": FACT_SCHEMA, "parsed_numbers": NUMBER_SCHEMA, "parsed_headings": HEADING_SCHEMA,
    "parsed_anniversaries": ANNIVERSARY_SCHEMA,
}
_PARSED_FIELD = {"parsed_documents": "documents", "parsed_sentences": "sentences", "parsed_facts": "facts",
                 "parsed_numbers": "numbers", "parsed_headings": "headings", "parsed_anniversaries": "anniversaries"}
SEED_TABLES = ("seed_metrics", "seed_localities", "seed_overrides")
# what the DuckDB file's raw schema loads (scan_state is the lake's own bookkeeping)
RAW_TABLES = ("documents", "quarantine", "file_events", *PARSED_TABLES, *SEED_TABLES)
# Modules that do not shape a fact: what a file's text is (ingest, html) and how it is shown.
_NOT_EXTRACTION = {"ingest.py", "html.py", "explain.py"}


@lru_cache(maxsize=1)
def extractor_digest() -> str:
    """A digest of the source of every module that shapes a fact (transforms/, less ingest and
    display): any edit to a grammar rule changes it, so the parse cache can never serve facts an
    older grammar read."""
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    base = Path(transforms.__file__).parent
    for path in sorted(base.rglob("*.py")):
        if path.name in _NOT_EXTRACTION:
            continue
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def parse_cache_key(ref: Reference, code_digest: str | None = None) -> str:
    """What a parse was made under: the extractor's code and the reference data (seeds)."""
    return f"{code_digest or extractor_digest()}:{ref.digest}"


@dataclass(frozen=True)
class Shard:
    """Documents to parse, all in one documents part (so a worker reads one file)."""

    part: str  # path of the documents part file
    doc_ids: tuple[str, ...]

    @property
    def name(self) -> str:
        """What a task run of this shard is called: its part and how many documents."""
        return f"{Path(self.part).stem.removeprefix('part-')[:8]} ({len(self.doc_ids)} documents)"


@dataclass(frozen=True)
class ParsePlan:
    """What a refresh must parse: shards of current documents without a parse under the current
    cache key, and the parsed parts that still hold."""

    shards: list[Shard]
    keep: dict[str, list[lk.Part]]  # table → parts kept
    key: str
    reused: int  # documents whose parse is kept
    documents: int = 0  # documents to parse
    stale: int = 0  # parsed parts dropped (another cache key)
    overrides: pl.DataFrame | None = None  # reviewers' overrides, validated when planned


def plan_parse(lake: Path, seeds_dir: Path, full: bool = False, shard_size: int = BATCH_FILES,
               code_digest: str | None = None) -> ParsePlan:
    """Which current documents to parse, in shards of at most `shard_size` (one task each).

    A changed grammar module or seed changes the cache key and so re-parses everything; `full`
    forces it. Reviewers' overrides (`seeds/overrides.csv`) are validated here, before any work:
    they change the marts, never the parse.
    """
    if shard_size < 1:
        raise ValueError(f"shard size must be at least 1 (got {shard_size})")
    ref = _reference(seeds_dir)
    overrides = read_overrides(seeds_dir / OVERRIDES_FILE, set(ref.metrics))
    key = parse_cache_key(ref, code_digest)
    keep = {t: [] if full else [p for p in lk.parts(lake, "raw", t) if p.key == key] for t in PARSED_TABLES}
    folder = lk.table_dir(lake, "raw", "parsed_documents")
    done: set[str] = set()
    for p in keep["parsed_documents"]:
        done |= set(pl.read_parquet(folder / p.file, columns=["doc_id"])["doc_id"].to_list())
    current = current_documents(lake)
    shards: list[Shard] = []
    folder = lk.table_dir(lake, "raw", "documents")
    for part in lk.parts(lake, "raw", "documents"):
        ids = [d for d in pl.read_parquet(folder / part.file, columns=["doc_id"])["doc_id"].to_list()
               if d in current and d not in done]
        shards += [Shard(str(folder / part.file), tuple(ids[i:i + shard_size]))
                   for i in range(0, len(ids), shard_size)]
    stale = sum(len(lk.parts(lake, "raw", t)) - len(keep[t]) for t in PARSED_TABLES)
    return ParsePlan(shards, keep, key, len(done & current), sum(len(s.doc_ids) for s in shards), stale,
                     overrides)


@lru_cache(maxsize=4)
def _reference_cached(seeds_dir: str, stamp: tuple[tuple[str, int, int], ...]) -> Reference:
    return load_reference(Path(seeds_dir))


def _reference(seeds_dir: Path) -> Reference:
    """The reference data, read once per process while the seed files stay as they are."""
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(seeds_dir.rglob("*.csv")))
    return _reference_cached(str(seeds_dir), stamp)


@dataclass(frozen=True)
class ShardResult:
    parts: dict[str, lk.Part]  # table → the part this shard wrote (not yet listed)
    documents: int
    sentences: int
    facts: int
    numbers: int


def parse_shard(lake: Path, shard: Shard, seeds_dir: Path, key: str) -> ShardResult:
    """Parse one shard and write its parts; runs in a worker process, a thread or a Dask worker."""
    docs = pl.read_parquet(shard.part, columns=["doc_id", "text", "source_file"]) \
        .filter(pl.col("doc_id").is_in(shard.doc_ids))
    parsed = parse_documents(docs, _reference(seeds_dir))
    written = {t: lk.write_part(lake, "raw", t, getattr(parsed, _PARSED_FIELD[t]).select(list(PARSED_TABLES[t]))
                                .cast(PARSED_TABLES[t]), key=key) for t in PARSED_TABLES}
    return ShardResult(written, parsed.documents.height, parsed.sentences.height, parsed.facts.height,
                       parsed.numbers.height)


@dataclass(frozen=True)
class ParseStats:
    documents: int  # current documents with a parse
    parsed: int  # parsed in this refresh
    reused: int  # parsed before under the same cache key
    sentences: int
    facts: int
    numbers: int


def write_parsed(lake: Path, seeds_dir: Path, plan: ParsePlan, results: Iterable[ShardResult]) -> ParseStats:
    """List the shards' parts beside the kept ones (parts of another cache key are dropped), and
    write the seed tables. `parsed_documents` is committed last: a crash before it leaves the new
    documents unparsed in the cache's eyes, and the next refresh parses them again."""
    results = list(results)
    for table in sorted(PARSED_TABLES, key=lambda t: t == "parsed_documents"):
        if table == "parsed_documents":
            lk.pause_point("parse")
        lk.commit(lake, "raw", table, add=[r.parts[table] for r in results], keep=plan.keep[table])
        lk.ensure(lake, "raw", table, PARSED_TABLES[table])
    write_seeds(lake, seeds_dir, plan.overrides)
    return ParseStats(
        lk.row_count(lake, "raw", "parsed_documents"), sum(r.documents for r in results), plan.reused,
        lk.row_count(lake, "raw", "parsed_sentences"), lk.row_count(lake, "raw", "parsed_facts"),
        lk.row_count(lake, "raw", "parsed_numbers"))


def write_seeds(lake: Path, seeds_dir: Path, overrides: pl.DataFrame | None = None) -> None:
    """The reference tables the models join (metrics, localities, reviewers' overrides, as planned)."""
    metrics = csv_frame(seeds_dir / "metrics.csv")
    lk.write_table(lake, "raw", "seed_metrics", metrics)
    # the gazetteer, and the units it lacks that reports of their time name (seeds/localities_former.csv)
    gazetteer = csv_frame(seeds_dir / "localities.csv")
    former = csv_frame(seeds_dir / "localities_former.csv").select(gazetteer.columns)
    lk.write_table(lake, "raw", "seed_localities", pl.concat([gazetteer, former]))
    if overrides is None:
        overrides = read_overrides(seeds_dir / OVERRIDES_FILE, set(metrics["code"].to_list()))
    lk.write_table(lake, "raw", "seed_overrides", overrides)


_POOL: Executor | None = None
_POOL_LOCK = threading.Lock()


def worker_pool(workers: int | None = None) -> Executor:
    """The one process pool parse shards run in (spawned, so no thread state of the flow is copied).
    Shard tasks ask for it from the task runner's threads at once: without the lock each thread
    made a pool of its own, and 100,000 documents ran dozens of workers on 2 cores (24 GB)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ProcessPoolExecutor(max_workers=workers or usable_cpus(), mp_context=get_context("spawn"),
                                        initializer=_exit_with_parent, initargs=(os.getpid(),))
        return _POOL


def close_worker_pool() -> None:
    """Stop the parse workers once the parse stage is over: idle, each still held its extractor's
    memory (300-600 MB) through the build and validation, the refresh's largest stages."""
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _exit_with_parent(parent: int, every_s: float = 1.0) -> None:
    """In each worker: exit once the refresh that started it is gone. A refresh killed outright (the
    out-of-memory killer, SIGKILL) left its idle workers waiting on their queue for ever."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every_s)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def usable_cpus() -> int:
    """The CPUs this process may run on (a container's share, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_lake(lake: Path, seeds_dir: Path, full: bool = False, workers: int = 1) -> ParseStats:
    """Plan, parse every shard (here, or on `workers` processes) and write: the parse stage in one call."""
    plan = plan_parse(lake, seeds_dir, full)
    if workers <= 1 or len(plan.shards) <= 1:
        results = [parse_shard(lake, s, seeds_dir, plan.key) for s in plan.shards]
    else:
        pool = worker_pool(workers)
        results = list(pool.map(parse_shard, [lake] * len(plan.shards), plan.shards,
                                [seeds_dir] * len(plan.shards), [plan.key] * len(plan.shards)))
    return write_parsed(lake, seeds_dir, plan, results)


def csv_frame(path: Path) -> pl.DataFrame:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    cols = list(rows[0]) if rows else []
    return pl.DataFrame({c: [r[c] for r in rows] for c in cols}, schema={c: pl.String() for c in cols})


def parsed_frames(parsed: Parsed) -> dict[str, pl.DataFrame]:
    """A `Parsed` as the lake's parsed tables (for tests and tools that parse in memory)."""
    return {t: getattr(parsed, _PARSED_FIELD[t]) for t in PARSED_TABLES}
