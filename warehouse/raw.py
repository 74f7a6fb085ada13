"""Raw and parsed layers of the lake: what ingest and parse write, read back for the next stage."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from transforms.extract import EXTRACTOR_VERSION
from transforms.ingest import (
    DEFAULT_MAX_BYTES,
    DOCUMENT_SCHEMA,
    EVENT_SCHEMA,
    QUARANTINE_SCHEMA,
    ingest,
    live_files,
    scan_sources,
    source_root,
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
from transforms.reference import load_reference
from warehouse.lake import append_rows, pause_point, read_table, table_path, write_table
from warehouse.overrides import OVERRIDES_FILE, read_overrides


@dataclass(frozen=True)
class IngestStats:
    new: int
    unchanged: int
    quarantined: int
    documents_total: int
    quarantine_total: int
    changed: int = 0
    removed: int = 0


def ingest_folder(source_dir: Path | str, lake: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestStats:
    """Scan the folder (or glob) and append what raw does not hold yet (by content hash), and the
    events that say which files changed or disappeared since the source's last scan."""
    files = scan_sources(source_dir, max_bytes)
    base, pattern = source_root(source_dir)
    root = str(base.resolve()) + (f"::{pattern}" if pattern else "")
    docs = read_table(lake, "raw", "documents", DOCUMENT_SCHEMA)
    quarantine = read_table(lake, "raw", "quarantine", QUARANTINE_SCHEMA)
    events = read_table(lake, "raw", "file_events", EVENT_SCHEMA)
    known_q = set(zip(quarantine["source_path"].to_list(), quarantine["content_sha256"].to_list(), strict=True))
    batch = ingest(files, set(docs["doc_id"].to_list()), known_q, max_bytes=max_bytes,
                   live=live_files(events, root), source_root=root)
    n_docs = append_rows(lake, "raw", "documents", batch.documents, DOCUMENT_SCHEMA)
    n_q = append_rows(lake, "raw", "quarantine", batch.quarantine, QUARANTINE_SCHEMA)
    append_rows(lake, "raw", "file_events", batch.events, EVENT_SCHEMA)
    return IngestStats(batch.new, batch.unchanged, batch.quarantined, n_docs, n_q, batch.changed, batch.removed)


@dataclass(frozen=True)
class ParseStats:
    documents: int
    parsed: int  # parsed in this refresh
    reused: int  # parsed before with the same extractor version and reference data
    sentences: int
    facts: int
    numbers: int


PARSED_TABLES = {
    "parsed_documents": PARSED_DOCUMENT_SCHEMA, "parsed_sentences": SENTENCE_SCHEMA,
    "parsed_facts": FACT_SCHEMA, "parsed_numbers": NUMBER_SCHEMA, "parsed_headings": HEADING_SCHEMA,
    "parsed_anniversaries": ANNIVERSARY_SCHEMA,
}


@dataclass(frozen=True)
class ParsePlan:
    """What a refresh must parse: shards of raw documents, and the documents whose earlier
    parse still holds (same extractor version and reference data)."""

    shards: list[pl.DataFrame]  # doc_id, text
    keep: frozenset[str]
    reference_digest: str


def plan_parse(lake: Path, seeds_dir: Path, full: bool = False, shard_size: int = 2000) -> ParsePlan:
    """Which raw documents to parse, in shards of at most `shard_size` (one task each).

    A new alias in `seeds/` changes the reference digest and so re-parses everything;
    `full` forces it. Reviewers' overrides (`seeds/overrides.csv`) are validated here, before
    any work: they change the marts, never the parse.
    """
    metrics = _csv_frame(seeds_dir / "metrics.csv")
    read_overrides(seeds_dir / OVERRIDES_FILE, set(metrics["code"].to_list()))
    ref = load_reference(seeds_dir)
    docs = read_table(lake, "raw", "documents", DOCUMENT_SCHEMA)
    parsed_docs = read_table(lake, "raw", "parsed_documents", PARSED_DOCUMENT_SCHEMA)
    old_columns = {t: set(pl.read_parquet_schema(table_path(lake, "raw", t))) if table_path(lake, "raw", t).exists()
                   else set(PARSED_TABLES[t]) for t in PARSED_TABLES}
    keep: set[str] = set()
    if not full and all(set(PARSED_TABLES[t]) <= old_columns[t] for t in PARSED_TABLES):
        current = parsed_docs.filter(
            (pl.col("extractor_version") == EXTRACTOR_VERSION) & (pl.col("reference_digest") == ref.digest)
        )
        keep = set(current["doc_id"].to_list()) & set(docs["doc_id"].to_list())
    todo = docs.filter(~pl.col("doc_id").is_in(list(keep))).select("doc_id", "text")
    shards = [todo.slice(i, shard_size) for i in range(0, todo.height, max(1, shard_size))]
    return ParsePlan(shards, frozenset(keep), ref.digest)


def parse_shard(docs: pl.DataFrame, seeds_dir: Path) -> Parsed:
    """Parse one shard; runs wherever the task runner puts it (a thread, a Dask worker)."""
    return parse_documents(docs, load_reference(seeds_dir))


def write_parsed(lake: Path, seeds_dir: Path, plan: ParsePlan, parts: list[Parsed]) -> ParseStats:
    """Merge the shards with the parses kept from before and write the parsed tables."""
    keep = list(plan.keep)
    merged = {}
    # parsed_documents is the parse cache's key: written last, so a crash between these writes
    # leaves the documents unparsed in the cache's eyes and the next refresh parses them again
    for table in sorted(PARSED_TABLES, key=lambda t: t == "parsed_documents"):
        schema = PARSED_TABLES[table]
        old = read_table(lake, "raw", table, schema)
        kept = old.filter(pl.col("doc_id").is_in(keep)) if keep else old.clear()
        fresh = [getattr(p, _PARSED_FIELD[table]) for p in parts]
        frames = [kept.select(list(schema)).cast(schema), *(f.select(list(schema)).cast(schema) for f in fresh)]
        merged[table] = pl.concat(frames, how="vertical")
        if table == "parsed_documents":
            pause_point("parse")
        write_table(lake, "raw", table, merged[table].sort("doc_id", maintain_order=True))
    metrics = _csv_frame(seeds_dir / "metrics.csv")
    write_table(lake, "raw", "seed_metrics", metrics)
    write_table(lake, "raw", "seed_localities", _csv_frame(seeds_dir / "localities.csv"))
    write_table(lake, "raw", "seed_overrides", read_overrides(seeds_dir / OVERRIDES_FILE,
                                                              set(metrics["code"].to_list())))
    parsed = sum(p.documents.height for p in parts)
    return ParseStats(merged["parsed_documents"].height, parsed, len(keep),
                      merged["parsed_sentences"].height, merged["parsed_facts"].height,
                      merged["parsed_numbers"].height)


_PARSED_FIELD = {"parsed_documents": "documents", "parsed_sentences": "sentences", "parsed_facts": "facts",
                 "parsed_numbers": "numbers", "parsed_headings": "headings", "parsed_anniversaries": "anniversaries"}


def parse_lake(lake: Path, seeds_dir: Path, full: bool = False) -> ParseStats:
    """Plan, parse every shard here, and write: the whole parse stage in one call."""
    plan = plan_parse(lake, seeds_dir, full)
    return write_parsed(lake, seeds_dir, plan, [parse_shard(s, seeds_dir) for s in plan.shards])


def _csv_frame(path: Path) -> pl.DataFrame:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    cols = list(rows[0]) if rows else []
    return pl.DataFrame({c: [r[c] for r in rows] for c in cols}, schema={c: pl.String() for c in cols})
