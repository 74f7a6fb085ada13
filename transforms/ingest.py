"""Source files → raw documents or quarantine, keeping every byte.

A document's id is the sha256 of its bytes, so the same file ingested twice (or under
another name) is one document. A file that cannot be read as text is quarantined with a
reason; nothing is dropped.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from transforms.html import HTML_SUFFIXES, decode_html, html_to_text

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".md")

DOCUMENT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "source_file": pl.String(),
    "source_path": pl.String(),
    "text": pl.String(),
    "size_bytes": pl.Int64(),
    "encoding": pl.String(),
    "original_bytes": pl.Binary(),
    "ingested_at": pl.Datetime("us", "UTC"),
    "source_url": pl.String(),  # the address a web page names for itself (canonical link, og:url)
}
QUARANTINE_SCHEMA: dict[str, pl.DataType] = {
    "content_sha256": pl.String(),
    "source_path": pl.String(),
    "reason": pl.String(),
    "size_bytes": pl.Int64(),
    "content": pl.Binary(),
    "first_seen_at": pl.Datetime("us", "UTC"),
}
# What happened to a path of a source folder between two scans; append-only, so a file's
# history (added, changed, removed) is never lost and versions can be dated from it.
EVENT_SCHEMA: dict[str, pl.DataType] = {
    "source_root": pl.String(),
    "source_path": pl.String(),
    "content_sha256": pl.String(),
    "event": pl.String(),  # added | changed | removed
    "event_at": pl.Datetime("us", "UTC"),
}


@dataclass(frozen=True)
class SourceFile:
    source_path: str  # relative to the source folder, with `/`
    data: bytes


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    lossless_utf8: bool
    reason: str | None  # why it was quarantined


_GLOB_CHARS = re.compile(r"[*?\[]")


def source_root(source: str | Path) -> tuple[Path, str | None]:
    """The folder a source names and its glob pattern: `reports/**/*.html` → (reports, `**/*.html`)."""
    text = str(source)
    if not _GLOB_CHARS.search(text):
        return Path(text), None
    parts = Path(text).parts
    k = next(i for i, p in enumerate(parts) if _GLOB_CHARS.search(p))
    return (Path(*parts[:k]) if k else Path(".")), str(Path(*parts[k:]))


def scan_sources(source: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[SourceFile]:
    """Every file a folder or a glob names, with paths relative to the folder (or the glob's base)."""
    root, pattern = source_root(source)
    if pattern is None:
        return scan_folder(root, max_bytes)
    if not root.is_dir():
        raise NotADirectoryError(f"source folder not found: {root} (from {source})")
    return _read_files(root, sorted(p for p in root.glob(pattern) if p.is_file()), max_bytes)


def scan_folder(source_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[SourceFile]:
    """Every regular file under `source_dir` (hidden files skipped), sorted by path.

    Files over `max_bytes` are read only up to the limit plus one byte, enough to prove
    they are too large without loading a huge file into memory.
    """
    if not source_dir.is_dir():
        raise NotADirectoryError(f"source folder not found: {source_dir}")
    return _read_files(source_dir, sorted(p for p in source_dir.rglob("*") if p.is_file()), max_bytes)


def _read_files(source_dir: Path, paths: list[Path], max_bytes: int) -> list[SourceFile]:
    out = []
    for path in paths:
        rel = path.relative_to(source_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
        out.append(SourceFile(rel, data))
    return out


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(sample) // 100)


def _plausible_text(text: str) -> bool:
    """Mostly letters, digits, spaces and punctuation: not bytes forced through a codec."""
    if not text.strip():
        return False
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\n\r\t\f")
    return bad <= len(sample) // 200


def decode(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258 (Vietnamese ANSI)."""
    if len(data) == 0:
        return Decoded(None, None, False, "empty file")
    if len(data) > max_bytes:
        return Decoded(None, None, False, f"larger than the {max_bytes} byte limit")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            return Decoded(None, None, False, f"invalid UTF-16 at byte {err.start}")
        if _plausible_text(text):
            return Decoded(text, "utf-16", False, None)
        return Decoded(None, None, False, "UTF-16 byte order mark but no readable text")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig", False, None)
        except UnicodeDecodeError as err:
            return Decoded(None, None, False, f"UTF-8 byte order mark but invalid UTF-8 at byte {err.start}")
    if _looks_binary(data):
        return Decoded(None, None, False, "binary content (NUL or control bytes)")
    try:
        text = data.decode("utf-8")
        if not text.strip():
            return Decoded(None, None, False, "only whitespace")
        return Decoded(text, "utf-8", True, None)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as err:
        return Decoded(None, None, False, f"not UTF-8, UTF-16 or Windows-1258 (byte {err.start})")
    if _plausible_text(text) and _has_vietnamese(text):
        return Decoded(unicodedata.normalize("NFC", text), "windows-1258", False, None)
    return Decoded(None, None, False, "not decodable as UTF-8, UTF-16 or Windows-1258 text")


def _has_vietnamese(text: str) -> bool:
    letters = [c for c in unicodedata.normalize("NFC", text[:20000]) if c.isalpha()]
    if not letters:
        return False
    vn = sum(1 for c in letters if c in "ăâđêôơưĂÂĐÊÔƠƯ" or unicodedata.normalize("NFD", c) != c)
    return vn >= len(letters) // 50


def _decode_page(data: bytes, max_bytes: int) -> tuple[Decoded, str | None]:
    """A web page: its main text, or a quarantine reason when it has none."""
    if not data:
        return Decoded(None, None, False, "empty file"), None
    if len(data) > max_bytes:
        return Decoded(None, None, False, f"larger than the {max_bytes} byte limit"), None
    page = html_to_text(decode_html(data))
    if not page.text.strip():
        return Decoded(None, None, False, "HTML page with no main text"), page.url
    return Decoded(page.text, "html", False, None), page.url


@dataclass(frozen=True)
class IngestBatch:
    documents: pl.DataFrame  # new rows for raw.documents
    quarantine: pl.DataFrame  # new rows for raw.quarantine
    new: int
    unchanged: int
    quarantined: int
    events: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=EVENT_SCHEMA))
    changed: int = 0  # paths whose content changed since the last scan of this folder
    removed: int = 0  # paths gone since the last scan of this folder


def live_files(events: pl.DataFrame, source_root: str) -> dict[str, str]:
    """Path → content hash of what the folder held at its last scan, from the event log."""
    latest: dict[str, tuple[str, str]] = {}
    for path, sha, event in events.filter(pl.col("source_root") == source_root).sort("event_at", maintain_order=True) \
            .select("source_path", "content_sha256", "event").iter_rows():
        latest[path] = (sha, event)
    return {path: sha for path, (sha, event) in latest.items() if event != "removed"}


def file_events(scanned: dict[str, str], live: dict[str, str], source_root: str, now: datetime) -> list[dict]:
    """The changes between the folder's last scan (`live`) and this one (`scanned`)."""
    out: list[dict[str, object]] = []
    for path, sha in sorted(scanned.items()):
        old = live.get(path)
        if old != sha:
            out.append({"source_root": source_root, "source_path": path, "content_sha256": sha,
                        "event": "added" if old is None else "changed", "event_at": now})
    for path, sha in sorted(live.items()):
        if path not in scanned:
            out.append({"source_root": source_root, "source_path": path, "content_sha256": sha,
                        "event": "removed", "event_at": now})
    return out


def ingest(files: Iterable[SourceFile], known_doc_ids: set[str], known_quarantine: set[tuple[str, str]],
           now: datetime | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           live: dict[str, str] | None = None, source_root: str = "") -> IngestBatch:
    """Classify files against what raw already holds; only what is new is returned, with the
    events that tell which earlier versions were superseded or removed (`live`: the folder's
    last scan, from `live_files`)."""
    now = now or datetime.now(UTC)
    files = list(files)
    scanned: dict[str, str] = {}
    docs: list[dict[str, object]] = []
    quarantine: list[dict[str, object]] = []
    seen: set[str] = set()
    unchanged = quarantined = 0
    for f in files:
        sha = hashlib.sha256(f.data).hexdigest()
        scanned[f.source_path] = sha
        url = None
        if f.source_path.lower().endswith(HTML_SUFFIXES):
            dec, url = _decode_page(f.data, max_bytes)
        else:
            dec = decode(f.data, max_bytes)
        if dec.reason is not None:
            quarantined += 1
            if (f.source_path, sha) not in known_quarantine:
                quarantine.append({"content_sha256": sha, "source_path": f.source_path, "reason": dec.reason,
                                   "size_bytes": len(f.data), "content": f.data, "first_seen_at": now})
            continue
        if sha in known_doc_ids or sha in seen:
            unchanged += 1
            continue
        seen.add(sha)
        docs.append({"doc_id": sha, "source_file": f.source_path, "source_path": f.source_path,
                     "text": dec.text, "size_bytes": len(f.data), "encoding": dec.encoding,
                     "original_bytes": None if dec.lossless_utf8 else f.data, "ingested_at": now,
                     "source_url": url})
    events = file_events(scanned, live or {}, source_root, now)
    return IngestBatch(
        pl.DataFrame(docs, schema=DOCUMENT_SCHEMA), pl.DataFrame(quarantine, schema=QUARANTINE_SCHEMA),
        len(docs), unchanged, quarantined, pl.DataFrame(events, schema=EVENT_SCHEMA),
        sum(e["event"] == "changed" for e in events), sum(e["event"] == "removed" for e in events),
    )
