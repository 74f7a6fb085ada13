"""Source files → raw documents or quarantine, keeping every byte.

A document's id is the sha256 of its bytes, so the same file ingested twice (or under
another name) is one document. A file that cannot be read as text is quarantined with a
reason; nothing is dropped.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
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
    "content": pl.Binary(),  # the bytes, when small enough to hold
    "blob_path": pl.String(),  # else where they were copied, relative to the lake's raw layer
    "first_seen_at": pl.Datetime("us", "UTC"),
}
# What happened to a path of a source folder between two scans; append-only, so a file's
# history (added, changed, removed) is never lost and versions can be dated from it.
EVENT_SCHEMA: dict[str, pl.DataType] = {
    "source_root": pl.String(),
    "source_path": pl.String(),
    "content_sha256": pl.String(),
    "event": pl.String(),  # added | changed | removed | unreadable
    "event_at": pl.Datetime("us", "UTC"),
}


@dataclass(frozen=True)
class SourceFile:
    """One path of a source folder as read: its bytes, or why there are none."""

    source_path: str  # relative to the source folder, with `/`
    data: bytes | None
    size: int | None = None  # the true size (also of a file too large to hold, or unreadable: None)
    sha256: str | None = None  # given when `data` is not held (a file too large: hashed while copied)
    problem: str | None = None  # why it could not be read at all (broken link, permission, ...)
    blob: str | None = None  # where a file too large to hold was copied, byte for byte
    mtime_ns: int | None = None

    def __post_init__(self) -> None:
        if self.size is None and self.data is not None:
            object.__setattr__(self, "size", len(self.data))


@dataclass(frozen=True)
class SourceEntry:
    """A path a source names, before it is read: a regular file, or what is wrong with it."""

    source_path: str
    path: Path
    size: int | None
    mtime_ns: int | None
    problem: str | None  # a broken or looping symbolic link, a folder that cannot be listed, a FIFO...


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


def list_sources(source: str | Path) -> list[SourceEntry]:
    """Every path a folder (recursively) or a glob names, sorted, hidden ones skipped, with what a
    `stat` tells: broken and looping symbolic links, folders that cannot be listed and special
    files (a FIFO would block a read forever) are entries with a `problem`, never dropped."""
    root, pattern = source_root(source)
    if not root.is_dir():
        raise NotADirectoryError(f"source folder not found: {root}" + (f" (from {source})" if pattern else ""))
    out: list[SourceEntry] = []
    if pattern is None:
        def unlistable(err: OSError) -> None:
            rel = Path(err.filename).relative_to(root).as_posix() if err.filename else "."
            out.append(SourceEntry(rel, Path(err.filename or root), None, None,
                                   f"folder cannot be listed: {err.strerror or err}"))

        for folder, dirs, files in os.walk(root, onerror=unlistable):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if not name.startswith("."):
                    out.append(_entry(root, Path(folder) / name))
            for name in list(dirs):  # a link to a folder is not followed: one loop would never end
                if (Path(folder) / name).is_symlink():
                    dirs.remove(name)
                    out.append(_entry(root, Path(folder) / name))
    else:
        for path in root.glob(pattern):
            rel = path.relative_to(root).as_posix()
            if not any(part.startswith(".") for part in rel.split("/")) and (path.is_symlink() or not path.is_dir()):
                out.append(_entry(root, path))
    return sorted(out, key=lambda e: e.source_path)


def _entry(root: Path, path: Path) -> SourceEntry:
    rel = path.relative_to(root).as_posix()
    try:
        st = path.stat()
    except FileNotFoundError:
        return SourceEntry(rel, path, None, None, f"broken symbolic link to {os.readlink(path)}")
    except OSError as err:
        if err.errno == errno.ELOOP:
            return SourceEntry(rel, path, None, None, "symbolic link loop")
        return SourceEntry(rel, path, None, None, f"cannot be read: {err.strerror or err}")
    if stat.S_ISDIR(st.st_mode):
        return SourceEntry(rel, path, None, None, "symbolic link to a folder (not followed)")
    if not stat.S_ISREG(st.st_mode):
        return SourceEntry(rel, path, None, None, "not a regular file")
    return SourceEntry(rel, path, st.st_size, st.st_mtime_ns, None)


BLOB_CHUNK = 1 << 20


def read_source(entry: SourceEntry, max_bytes: int, blob_dir: Path | None = None) -> SourceFile:
    """Read one entry by its size. A file over `max_bytes` is not held in memory: it is hashed
    while copied, byte for byte, into `blob_dir/<sha256>`. An error is the entry's problem."""
    if entry.problem is not None:
        return SourceFile(entry.source_path, None, entry.size, problem=entry.problem, mtime_ns=entry.mtime_ns)
    try:
        if entry.size is not None and entry.size > max_bytes:
            return _copy_blob(entry, blob_dir)
        with entry.path.open("rb") as fh:
            data = fh.read()
    except OSError as err:
        return SourceFile(entry.source_path, None, entry.size, problem=f"cannot be read: {err.strerror or err}",
                          mtime_ns=entry.mtime_ns)
    return SourceFile(entry.source_path, data, len(data), mtime_ns=entry.mtime_ns)


def _copy_blob(entry: SourceEntry, blob_dir: Path | None) -> SourceFile:
    digest = hashlib.sha256()
    size = 0
    tmp = None
    out = None
    try:
        if blob_dir is not None:
            blob_dir.mkdir(parents=True, exist_ok=True)
            tmp = blob_dir / f".incoming-{os.getpid()}-{abs(hash(entry.source_path))}"
            out = tmp.open("wb")
        with entry.path.open("rb") as fh:
            while chunk := fh.read(BLOB_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                if out is not None:
                    out.write(chunk)
        sha = digest.hexdigest()
        blob = None
        if out is not None and tmp is not None and blob_dir is not None:
            out.flush()
            os.fsync(out.fileno())
            out.close()
            out = None
            os.replace(tmp, blob_dir / sha)
            blob = f"{blob_dir.name}/{sha}"
        return SourceFile(entry.source_path, None, size, sha, blob=blob, mtime_ns=entry.mtime_ns)
    finally:
        if out is not None:
            out.close()
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def scan_sources(source: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[SourceFile]:
    """Every file a folder or a glob names, read (for tests and small folders: a refresh streams)."""
    return [read_source(e, max_bytes) for e in list_sources(source)]


def scan_folder(source_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[SourceFile]:
    if not source_dir.is_dir():
        raise NotADirectoryError(f"source folder not found: {source_dir}")
    return scan_sources(source_dir, max_bytes)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(sample) // 100)


_ALLOWED_CONTROLS = "\n\r\t\f"


def _plausible_text(text: str) -> bool:
    """Mostly letters, digits, spaces and punctuation: not bytes forced through a codec. The same
    allowance as for UTF-8 bytes (`_looks_binary`): a few stray control characters (a form feed,
    a DOS end-of-file mark) in a short text are not garbage."""
    if not text.strip():
        return False
    sample = text[:20000]
    bad = sum(1 for ch in sample
              if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in _ALLOWED_CONTROLS)
    return bad <= max(4, len(sample) // 200)


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
        # Windows tools end UTF-16 text with a NUL or a Ctrl-Z: not part of the text
        text = text.rstrip("\x00\x1a")
        if _plausible_text(text):
            return Decoded(unicodedata.normalize("NFC", text), "utf-16", False, None)
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


def decode_source(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Decoded, str | None]:
    """A file's text exactly as a refresh ingests it (a web page: its main text; else `decode`),
    and the address a page names for itself. `chitieu explain` reads files through this too."""
    if name.lower().endswith(HTML_SUFFIXES):
        return _decode_page(data, max_bytes)
    return decode(data, max_bytes), None


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
    unchanged: int  # already in raw from an earlier refresh
    quarantined: int
    duplicates: int = 0  # the same content as another file of this scan
    scanned: dict[str, str | None] = field(default_factory=dict)  # path → content hash (None: unreadable)


def live_files(events: pl.DataFrame, source_root: str) -> dict[str, str]:
    """Path → content hash of what the folder held at its last scan, from the event log. A path
    that became unreadable keeps the content it last had."""
    latest: dict[str, tuple[str, str]] = {}
    for path, sha, event in events.filter(
        (pl.col("source_root") == source_root) & (pl.col("event") != "unreadable")
    ).sort("event_at", maintain_order=True).select("source_path", "content_sha256", "event").iter_rows():
        latest[path] = (sha, event)
    return {path: sha for path, (sha, event) in latest.items() if event != "removed"}


def unreadable_paths(events: pl.DataFrame, source_root: str) -> set[str]:
    """Paths whose last event is `unreadable` (so a refresh records it once, not every scan)."""
    last: dict[str, str] = {}
    for path, event in events.filter(pl.col("source_root") == source_root).sort(
            "event_at", maintain_order=True).select("source_path", "event").iter_rows():
        last[path] = event
    return {p for p, e in last.items() if e == "unreadable"}


def file_events(scanned: dict[str, str | None], live: dict[str, str], source_root: str, now: datetime,
                unreadable_before: set[str] | None = None) -> list[dict]:
    """The changes between the folder's last scan (`live`) and this one (`scanned`; None: a path
    that could not be read, which keeps its last content and is recorded once as `unreadable`)."""
    out: list[dict[str, object]] = []
    unreadable_before = unreadable_before or set()
    for path, sha in sorted(scanned.items()):
        if sha is None:
            if path not in unreadable_before:
                out.append({"source_root": source_root, "source_path": path, "content_sha256": live.get(path),
                            "event": "unreadable", "event_at": now})
            continue
        old = live.get(path)
        if old != sha or path in unreadable_before:
            out.append({"source_root": source_root, "source_path": path, "content_sha256": sha,
                        "event": "added" if old is None else "changed", "event_at": now})
    for path, sha in sorted(live.items()):
        if path not in scanned:
            out.append({"source_root": source_root, "source_path": path, "content_sha256": sha,
                        "event": "removed", "event_at": now})
    return out


def ingest(files: Iterable[SourceFile], known_doc_ids: set[str], known_quarantine: set[tuple[str, str]],
           now: datetime | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           seen: set[str] | None = None) -> IngestBatch:
    """Classify files against what raw already holds; only what is new is returned. `seen`
    (updated) holds the contents met earlier in the same scan, so a copy counts as a duplicate.
    A quarantined file is keyed by path and content hash, or by path and reason when it has no
    readable content."""
    now = now or datetime.now(UTC)
    seen = set() if seen is None else seen
    scanned: dict[str, str | None] = {}
    docs: list[dict[str, object]] = []
    quarantine: list[dict[str, object]] = []
    unchanged = quarantined = duplicates = 0
    for f in files:
        if f.problem is not None:
            scanned[f.source_path] = None
            quarantined += 1
            if (f.source_path, f.problem) not in known_quarantine:
                quarantine.append({"content_sha256": None, "source_path": f.source_path, "reason": f.problem,
                                   "size_bytes": f.size, "content": None, "blob_path": None, "first_seen_at": now})
            continue
        if f.data is None:  # too large to hold: copied to a blob while hashed
            sha = f.sha256
            scanned[f.source_path] = sha
            quarantined += 1
            if (f.source_path, sha) not in known_quarantine:
                quarantine.append({"content_sha256": sha, "source_path": f.source_path,
                                   "reason": f"larger than the {max_bytes} byte limit ({f.size} bytes)",
                                   "size_bytes": f.size, "content": None, "blob_path": f.blob, "first_seen_at": now})
            continue
        sha = hashlib.sha256(f.data).hexdigest()
        scanned[f.source_path] = sha
        dec, url = decode_source(f.source_path, f.data, max_bytes)
        if dec.reason is not None:
            quarantined += 1
            if (f.source_path, sha) not in known_quarantine:
                quarantine.append({"content_sha256": sha, "source_path": f.source_path, "reason": dec.reason,
                                   "size_bytes": len(f.data), "content": f.data, "blob_path": None,
                                   "first_seen_at": now})
            continue
        if sha in known_doc_ids:
            unchanged += 1
            continue
        if sha in seen:
            duplicates += 1
            continue
        seen.add(sha)
        docs.append({"doc_id": sha, "source_file": f.source_path, "source_path": f.source_path,
                     "text": dec.text, "size_bytes": len(f.data), "encoding": dec.encoding,
                     "original_bytes": None if dec.lossless_utf8 else f.data, "ingested_at": now,
                     "source_url": url})
    return IngestBatch(
        pl.DataFrame(docs, schema=DOCUMENT_SCHEMA), pl.DataFrame(quarantine, schema=QUARANTINE_SCHEMA),
        len(docs), unchanged, quarantined, duplicates, scanned,
    )
