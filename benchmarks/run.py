"""The refresh benchmark (issue 10): whole refreshes of generated corpora, timed, with their memory.

    uv run python benchmarks/run.py                      # 1,000, 10,000 and 100,000 → benchmarks/RESULTS.md
    uv run python benchmarks/run.py --n 300000           # on demand; --n repeats or takes a list: --n 1k,10k
    uv run python benchmarks/run.py --quick --out /tmp/r.md   # 200 documents: proves the harness, not the timings

For every size it generates a corpus (`benchmarks/gen_corpus.py`, deterministic) in a work folder
(`--work`, default a new folder under /tmp) and measures, in this order and on the same files:

1. the floor: DuckDB `read_text('<src>/*.txt')` into a table of a DuckDB file, then `COPY` to
   Parquet (the two statements timed inside a process of its own);
2. a full refresh (`chitieu refresh --source <src> --db <new warehouse>`, a process of its own);
3. a no-change re-run of the same refresh;
4. a refresh after 1 % new files (another seed, file names `add_r*.txt`) were added to the folder.

Each refresh runs as `python -m flows.cli refresh` in the same virtual environment, with its own
PREFECT_HOME under the work folder (its database migrated once before the first size, so no
refresh pays for it) and Prefect's temporary server, or the running server of `--api-url`. It runs a
copy of the code (flows, transforms, warehouse, expectations, seeds) taken when the harness starts,
so edits made to the working tree meanwhile neither change the code measured nor invalidate the
parse cache between the full refresh and its re-runs (`--no-snapshot`: the working tree itself). Its
process tree (the refresh, its parse workers, Prefect's temporary server and its watchdog, Dask
workers) is polled every 0.2 s from /proc for the largest resident set of one process and the
largest sum over all of them. Sizes of 30,000 documents and more run under `prlimit --as`
(`--mem-cap-gb`, default 6; 0: none), so an overrun ends that refresh (recorded as aborted, with its
exit code) rather than the machine.

The table goes to stdout and, with the machine, versions, date and commit, to `--out` (default
`benchmarks/RESULTS.md`; with `--quick`, `<work>/RESULTS.md`: a quick run never overwrites the
committed figures).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.gen_corpus import generate  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZE = 200
CAP_FROM = 30_000  # documents from which refreshes run under the address-space cap
POLL_S = 0.2
PAGE = os.sysconf("SC_PAGE_SIZE")
GB = 1e9  # targets in decimal gigabytes (the stricter reading of "3 GB")
MB = 1e6

# the stage lines `chitieu refresh` echoes (flows/refresh.py `_stage`, CHITIEU_ECHO_STAGES=1):
# `parse          200 parsed, 0 reused; ... (8.4 s)`
STAGES = {"ingest": "ingest", "parse": "parse", "load raw": "load", "build cleaned": "cleaned",
          "build marts": "marts", "validate": "validate", "publish": "publish"}
STAGE_LINE = re.compile(r"^(" + "|".join(STAGES) + r") +(.*) \((\d+(?:\.\d+)?) s\)\s*$")
ELAPSED_LINE = re.compile(r"^elapsed: (\d+(?:\.\d+)?) s\s*$")
PARSED = re.compile(r"^(\d+) parsed, (\d+) reused")
CODE_DIRS = ("flows", "transforms", "warehouse", "expectations", "seeds")  # what a refresh runs and reads
_NOT_CODE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.duckdb", "*.duckdb.*", "*.wal", "parquet", "docs",
                                   ".locks", "report.html", "*.tmp")
MEMORY_ERRORS = ("memory allocation of", "MemoryError", "Cannot allocate memory", "bad_alloc", "Out of Memory",
                 "out of memory", "OutOfMemory")
# what else an address-space cap makes fail: a thread's stack cannot be mapped
CAP_ERRORS = ("can't start new thread", "Resource temporarily unavailable", "failed to spawn thread")

FLOOR_SCRIPT = r"""
import json, os, sys, time
import duckdb
pattern, db, out = sys.argv[1:4]
q = lambda s: "'" + s.replace("'", "''") + "'"
# the refresh's own budget (warehouse.build.budget): DuckDB's default of 80 % of RAM fails under the cap
con = duckdb.connect(db, config={"memory_limit": os.environ.get("CHITIEU_DUCKDB_MEMORY_LIMIT", "2GB"),
                                 "preserve_insertion_order": "false"})
t0 = time.perf_counter()
con.execute(f"create table docs as select * from read_text({q(pattern)})")
t1 = time.perf_counter()
con.execute(f"copy docs to {q(out)} (format parquet)")
t2 = time.perf_counter()
files, size = con.execute("select count(*), coalesce(sum(size), 0) from docs").fetchone()
con.close()
print(json.dumps({"read_s": t1 - t0, "copy_s": t2 - t1, "files": files, "bytes": size}))
"""


# --- one process tree, measured -------------------------------------------------------------------

def _proc_table() -> dict[int, tuple[int, int, int, int]]:
    """pid → (ppid, start time, RSS bytes, virtual size bytes) of every process, from /proc/<pid>/stat."""
    table: dict[int, tuple[int, int, int, int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                data = fh.read()
        except OSError:  # ended meanwhile
            continue
        f = data.rpartition(b")")[2].split()  # fields from the 3rd (state) on: comm may hold spaces
        table[int(name)] = (int(f[1]), int(f[19]), int(f[21]) * PAGE, int(f[20]))
    return table


def _shown(path: Path) -> str:
    """A path as a committed report shows it: relative to the repository, else only its name."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return f"<out>/{path.name}"


def _cmdline(pid: int) -> str:
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    words = [a.decode(errors="replace") for a in args if a]
    if words:
        words[0] = Path(words[0]).name
    if "-c" in words[:-1]:  # a script given inline (the floor): not its text
        words[words.index("-c") + 1] = "<script>"
    return " ".join(" ".join(words[:6]).split())  # shortened in the report, after its paths are


class ProcessTree:
    """The process started and every descendant (by parent pid; a process stays counted once seen,
    even if re-parented when its parent dies), sampled for the largest RSS of one process and of
    all together."""

    def __init__(self, root: int) -> None:
        self.members: set[tuple[int, int]] = set()  # (pid, start time): a reused pid is another process
        self.root = root
        self.peak_largest = self.peak_total = self.peak_vsize = 0
        self.largest_cmd = ""
        self.max_processes = 0

    def sample(self) -> None:
        table = _proc_table()
        if not self.members and self.root in table:
            self.members.add((self.root, table[self.root][1]))
        alive = {pid for pid, start in self.members if pid in table and table[pid][1] == start}
        grew = True
        while grew:  # children of members, at any depth
            grew = False
            for pid, (ppid, start, _, _) in table.items():
                if ppid in alive and pid not in alive:
                    alive.add(pid)
                    self.members.add((pid, start))
                    grew = True
        if not alive:
            return
        rss = {pid: table[pid][2] for pid in alive}
        biggest = max(rss, key=rss.__getitem__)
        if rss[biggest] > self.peak_largest:
            self.peak_largest = rss[biggest]
            self.largest_cmd = _cmdline(biggest)
        self.peak_total = max(self.peak_total, sum(rss.values()))
        self.peak_vsize = max(self.peak_vsize, max(table[pid][3] for pid in alive))
        self.max_processes = max(self.max_processes, len(alive))

    def alive(self) -> list[int]:
        table = _proc_table()
        return [pid for pid, start in self.members if pid in table and table[pid][1] == start]

    def end_leftovers(self, grace_s: float) -> list[int]:
        """After the refresh exited: wait for what it started (its temporary server, stopped by the
        refresh or by its watchdog) to end; then SIGTERM, and SIGKILL, those processes by their pids."""
        deadline = time.monotonic() + grace_s
        while (left := self.alive()) and time.monotonic() < deadline:
            time.sleep(POLL_S)
        ended = list(left)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid in left:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, sig)
            deadline = time.monotonic() + 5
            while (left := self.alive()) and time.monotonic() < deadline:
                time.sleep(POLL_S)
            if not left:
                break
        return ended


@dataclass
class Measured:
    exit_code: int | None
    wall_s: float
    timed_out: bool
    peak_largest: int
    peak_total: int
    peak_vsize: int
    ru_maxrss: int  # bytes: wait4's high-water mark of the process and its reaped descendants
    largest_cmd: str
    processes: int
    leftovers: list[int]  # pids of the tree still running after the grace period, ended by the harness
    load: float  # the 1-minute load average when it started: other work on the machine skews the times
    stdout: str
    stderr: str


def run_measured(cmd: list[str], env: dict[str, str], log: Path, cap_bytes: int | None,
                 timeout_s: float, cwd: Path = ROOT) -> Measured:
    """Run `cmd` in a session of its own, polling its process tree until it exits."""
    preexec = None
    if cap_bytes:
        if shutil.which("prlimit"):
            cmd = ["prlimit", f"--as={cap_bytes}", "--", *cmd]  # prlimit execs the command: same pid
        else:
            def preexec() -> None:
                resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))
    out_path, err_path = log.with_suffix(".out"), log.with_suffix(".err")
    load = os.getloadavg()[0]
    started = time.monotonic()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True,
                                preexec_fn=preexec)
    tree = ProcessTree(proc.pid)
    timed_out = False
    while True:
        tree.sample()
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout_s:
            timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # the session this harness started
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(POLL_S)
    wall = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    # nothing of this run may run on into the next one (a crashed refresh's temporary server)
    leftovers = tree.end_leftovers(10.0 if proc.returncode == 0 else 60.0)
    return Measured(proc.returncode, wall, timed_out, tree.peak_largest, tree.peak_total, tree.peak_vsize,
                    usage.ru_maxrss * 1024, tree.largest_cmd, tree.max_processes, leftovers, load,
                    out_path.read_text(errors="replace"), err_path.read_text(errors="replace"))


# --- the code under test ---------------------------------------------------------------------------

def code_files(root: Path) -> list[Path]:
    ignored = _NOT_CODE
    files = []
    for d in CODE_DIRS:
        for dirpath, dirnames, filenames in os.walk(root / d):
            skip = ignored(dirpath, dirnames + filenames)
            dirnames[:] = sorted(n for n in dirnames if n not in skip)
            files += [Path(dirpath) / n for n in sorted(filenames) if n not in skip]
    return files


def code_digest(root: Path) -> str:
    """A digest of every file a refresh runs or reads (the parse cache key is made of a part of them)."""
    digest = hashlib.sha256()
    for path in code_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        with contextlib.suppress(OSError):  # removed meanwhile: the digest changes all the same
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def snapshot(dest: Path) -> Path:
    """A copy of the code as it is now: a refresh runs it (cwd and PYTHONPATH), so edits made to the
    working tree while the benchmark runs change neither the code measured nor its parse cache key."""
    if dest.exists():
        shutil.rmtree(dest)
    for d in CODE_DIRS:
        shutil.copytree(ROOT / d, dest / d, ignore=_NOT_CODE)
    return dest


# --- the runs --------------------------------------------------------------------------------------

@dataclass
class Row:
    n: int
    kind: str  # floor | full | no-change | 1% new
    documents: int  # files in the source folder
    bytes: int
    status: str = "ok"
    exit_code: int | None = None
    published: bool | None = None
    wall_s: float | None = None
    flow_s: float | None = None
    parsed: int | None = None
    stages: dict[str, float] = field(default_factory=dict)
    peak_largest: int | None = None
    peak_total: int | None = None
    peak_vsize: int | None = None
    ru_maxrss: int | None = None
    largest_cmd: str = ""
    processes: int | None = None
    capped_gb: float | None = None
    leftovers: list[int] = field(default_factory=list)
    load: float | None = None
    error: str = ""
    floor_parts: dict[str, float] = field(default_factory=dict)
    expected_parsed: int | None = None  # what an incremental refresh should parse: 0 unchanged, the new files
    tree_changed: bool = False  # the working tree's code changed while this run ran

    @property
    def startup_s(self) -> float | None:
        return None if self.wall_s is None or self.flow_s is None else max(self.wall_s - self.flow_s, 0.0)

    @property
    def overhead_s(self) -> float | None:
        if self.flow_s is None or not self.stages:
            return None
        return max(self.flow_s - sum(self.stages.values()), 0.0)


def _status(m: Measured, capped: bool) -> str:
    if m.timed_out:
        return "timeout"
    if m.exit_code == 0:
        return "ok"
    text = m.stderr + m.stdout
    if (m.exit_code or 0) < 0 or any(s in text for s in MEMORY_ERRORS) or (
            capped and any(s in text for s in CAP_ERRORS)):
        return "aborted" + (" (under the memory cap)" if capped else "")
    return "failed"


def _exit_text(code: int | None) -> str:
    if code is None:
        return "n/a"
    if code < 0:
        return f"{128 - code} ({signal.Signals(-code).name})"
    return str(code)


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1][:300] if lines else ""


def _folder(src: Path) -> tuple[int, int]:
    files = [p for p in src.iterdir() if p.suffix == ".txt"]
    return len(files), sum(p.stat().st_size for p in files)


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args, self.work = args, work
        self.logs = work / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.env = {**os.environ, "PREFECT_HOME": str(work / "prefect-home"), "DO_NOT_TRACK": "1",
                    "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONUNBUFFERED": "1", "CHITIEU_ECHO_STAGES": "1"}
        self.tree_digest = code_digest(ROOT)
        self.uncommitted = _git("status", "--porcelain", "--untracked-files=no", "--", *CODE_DIRS).splitlines()
        self.code = snapshot(work / "code") if args.snapshot else ROOT
        self.code_digest = code_digest(self.code)
        if args.snapshot:
            self.env["PYTHONPATH"] = os.pathsep.join([str(self.code), *filter(None, [os.environ.get("PYTHONPATH")])])
        if args.api_url:
            self.env["PREFECT_API_URL"] = args.api_url
        else:
            self.env.pop("PREFECT_API_URL", None)
        self.corpora: list[dict[str, float]] = []

    def say(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def cap_for(self, n: int) -> int | None:
        return int(self.args.mem_cap_gb * 1024**3) if self.args.mem_cap_gb > 0 and n >= CAP_FROM else None

    def prepare_prefect(self) -> None:
        """Migrate the temporary server's database once, so that the first refresh does not pay for it."""
        if self.args.api_url:
            return
        t = time.monotonic()
        got = subprocess.run([sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"], cwd=ROOT,
                             env=self.env, capture_output=True, text=True)
        if got.returncode != 0:
            self.say(f"warning: migrating Prefect's database failed ({_last_line(got.stderr)}); "
                     f"the first refresh will do it")
        else:
            self.say(f"Prefect database ready in {time.monotonic() - t:.1f} s")

    def floor(self, n: int, src: Path, ndir: Path) -> Row:
        documents, size = _folder(src)
        row = Row(n, "floor", documents, size)
        cap = self.cap_for(n)
        row.capped_gb = self.args.mem_cap_gb if cap else None
        cmd = [sys.executable, "-c", FLOOR_SCRIPT, str(src / "*.txt"), str(ndir / "floor.duckdb"),
               str(ndir / "floor.parquet")]
        m = run_measured(cmd, self.env, self.logs / f"n{n}-floor", cap, self.args.timeout)
        self._memory(row, m)
        row.exit_code, row.status = m.exit_code, _status(m, bool(cap))
        if row.status == "ok":
            got = json.loads(m.stdout.strip().splitlines()[-1])
            row.floor_parts = {"read_text": got["read_s"], "COPY": got["copy_s"]}
            row.wall_s = got["read_s"] + got["copy_s"]
            if got["files"] != documents:
                row.error = f"read_text read {got['files']} files of {documents}"
        else:
            row.error = _last_line(m.stderr) or _last_line(m.stdout)
        for p in (ndir / "floor.duckdb", ndir / "floor.parquet"):
            p.unlink(missing_ok=True)
        return row

    def refresh(self, n: int, kind: str, src: Path, db: Path) -> Row:
        documents, size = _folder(src)
        row = Row(n, kind, documents, size)
        cap = self.cap_for(n)
        row.capped_gb = self.args.mem_cap_gb if cap else None
        cmd = [sys.executable, "-m", "flows.cli", "refresh", "--source", str(src), "--db", str(db),
               "--task-runner", self.args.task_runner]
        slug = kind.replace("% ", "pct-").replace(" ", "-")
        before = code_digest(ROOT)
        m = run_measured(cmd, self.env, self.logs / f"n{n}-{slug}", cap, self.args.timeout, cwd=self.code)
        row.tree_changed = code_digest(ROOT) != before
        self._memory(row, m)
        row.exit_code, row.status, row.wall_s = m.exit_code, _status(m, bool(cap)), m.wall_s
        for line in m.stdout.splitlines():
            if hit := STAGE_LINE.match(line):
                row.stages[STAGES[hit.group(1)]] = float(hit.group(3))
                if hit.group(1) == "parse" and (p := PARSED.match(hit.group(2))):
                    row.parsed = int(p.group(1))
            elif hit := ELAPSED_LINE.match(line):
                row.flow_s = float(hit.group(1))
        # published: exit 0, the publish stage ran, and the summary names the warehouse
        row.published = (m.exit_code == 0 and "publish" in row.stages
                         and any(ln.startswith("warehouse: ") for ln in m.stdout.splitlines()))
        if row.status != "ok":
            row.error = _last_line(m.stderr) or _last_line(m.stdout)
        return row

    def _memory(self, row: Row, m: Measured) -> None:
        row.peak_largest, row.peak_total, row.peak_vsize = m.peak_largest, m.peak_total, m.peak_vsize
        row.ru_maxrss, row.largest_cmd, row.processes = m.ru_maxrss, m.largest_cmd, m.processes
        row.leftovers, row.load = m.leftovers, m.load

    def size(self, n: int) -> list[Row]:
        ndir = self.work / f"n{n}"
        if ndir.exists():
            shutil.rmtree(ndir)
        src, db = ndir / "src", ndir / "warehouse" / "chitieu.duckdb"
        t = time.monotonic()
        got = generate(n, src, self.args.seed)
        got["seconds"] = time.monotonic() - t
        self.corpora.append(got)
        self.say(f"n={n}: corpus of {got['bytes'] / MB:.1f} MB in {got['seconds']:.1f} s, "
                 f"{got['repeated_share']:.2%} repeated sentences")
        rows = [self.floor(n, src, ndir)]
        self.say(f"n={n}: floor {_num(rows[-1].wall_s)} s ({rows[-1].status})")
        rows.append(self.refresh(n, "full", src, db))
        self.say(f"n={n}: full refresh {rows[-1].wall_s:.1f} s ({rows[-1].status}, published: "
                 f"{_yes(rows[-1].published)})")
        if rows[-1].status.startswith(("aborted", "timeout")):
            self.say(f"n={n}: full refresh {rows[-1].status}: no re-runs")
            rows += [Row(n, kind, *_folder(src), status="skipped (full refresh did not finish)")
                     for kind in ("no-change", "1% new")]
        else:
            rows.append(self.refresh(n, "no-change", src, db))
            rows[-1].expected_parsed = 0
            self.say(f"n={n}: no-change re-run {rows[-1].wall_s:.1f} s ({rows[-1].status})")
            extra = ndir / "extra"
            added = max(1, round(n / 100))
            generate(added, extra, self.args.seed + 1)
            for p in sorted(extra.glob("*.txt")):
                p.rename(src / f"add_{p.name}")  # gen_corpus names files r0000000.txt: no clash
            extra.rmdir()
            rows.append(self.refresh(n, "1% new", src, db))
            rows[-1].expected_parsed = added
            self.say(f"n={n}: 1 % new {rows[-1].wall_s:.1f} s ({rows[-1].status})")
        if not self.args.keep:
            shutil.rmtree(ndir, ignore_errors=True)
        return rows


# --- the report --------------------------------------------------------------------------------------

def _num(v: float | None, unit: float = 1.0) -> str:
    if v is None:
        return "n/a"
    v /= unit
    return f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}" if abs(v) < 1000 else f"{v:.0f}"


def _tenths(v: float | None) -> str:
    """A time the refresh printed to 0.1 s (its stages and `elapsed:`), or one computed from those."""
    return "n/a" if v is None else f"{v:.1f}"


def _yes(v: bool | None) -> str:
    return "n/a" if v is None else "yes" if v else "no"


def _ratio(v: float | None, floor: float | None) -> str:
    return "n/a" if v is None or not floor else f"{v / floor:.0f}×" if v / floor >= 10 else f"{v / floor:.1f}×"


COLUMNS = ["documents", "run", "status", "exit", "published", "parsed", "wall s", "flow s", "start-up s", "docs/s",
           "MB/s", "ingest s", "parse s", "load s", "cleaned s", "marts s", "validate s", "publish s",
           "Prefect overhead s", "peak RSS largest MB", "peak RSS total MB", "ru_maxrss MB", "wall ÷ floor",
           "flow ÷ floor"]


def table_rows(rows: list[Row]) -> list[list[str]]:
    floors = {r.n: r.wall_s for r in rows if r.kind == "floor" and r.status == "ok"}
    out = []
    for r in rows:
        floor = floors.get(r.n)
        is_floor = r.kind == "floor"
        rate = r.wall_s if r.wall_s else None
        out.append([
            str(r.n), r.kind, r.status, _exit_text(r.exit_code), "n/a" if is_floor else _yes(r.published),
            "n/a" if r.parsed is None else str(r.parsed),
            _num(r.wall_s), _num(r.wall_s) if is_floor else _tenths(r.flow_s),
            "n/a" if is_floor else _num(r.startup_s),
            _num(r.documents / rate) if rate else "n/a", _num(r.bytes / MB / rate) if rate else "n/a",
            *[_tenths(r.stages.get(s)) for s in STAGES.values()],
            _tenths(r.overhead_s),
            _num(r.peak_largest, MB) if r.peak_largest else "n/a", _num(r.peak_total, MB) if r.peak_total else "n/a",
            _num(r.ru_maxrss, MB) if r.ru_maxrss else "n/a",
            _ratio(r.wall_s, floor), _ratio(r.wall_s if is_floor else r.flow_s, floor),
        ])
    return out


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _verdict(ok: bool | None, n: int, applies_at: int) -> str:
    if ok is None:
        return "n/a"
    word = "met" if ok else "missed"
    return word if n == applies_at else f"{word} (reference: set for {applies_at:,})"


def targets(rows: list[Row], api_url: str | None = None) -> list[list[str]]:
    """The issue's targets, each next to its measurement (and the ratio to the same run's floor)."""
    by = {(r.n, r.kind): r for r in rows}
    out: list[list[str]] = []
    for n in sorted({r.n for r in rows}):
        floor = by[(n, "floor")].wall_s if by[(n, "floor")].status == "ok" else None
        full, same, new = by[(n, "full")], by[(n, "no-change")], by[(n, "1% new")]

        def add(name: str, measured: str, ratio: str, ok: bool | None, at: int = 100_000, n: int = n) -> None:
            out.append([str(n), name, measured, ratio, _verdict(ok, n, at)])

        finished = full.status == "ok"  # a refresh that failed or aborted meets no time target
        add("full refresh ≤ 120 s (wall)", f"{_num(full.wall_s)} s", _ratio(full.wall_s, floor),
            None if full.wall_s is None else finished and full.wall_s <= 120)
        add("full refresh ≤ 120 s (flow time)", f"{_tenths(full.flow_s)} s", _ratio(full.flow_s, floor),
            None if full.flow_s is None and finished else finished and full.flow_s <= 120)
        add("full refresh published", _yes(full.published), "", full.published)
        add("no-change re-run ≤ 5 s (flow time)", f"{_tenths(same.flow_s)} s", _ratio(same.flow_s, floor),
            None if same.flow_s is None else same.flow_s <= 5)
        share = new.flow_s / full.flow_s if new.flow_s is not None and full.flow_s else None
        add("1 % new files ≤ 10 % of the full refresh (flow times)",
            "n/a" if share is None else f"{_tenths(new.flow_s)} s = {share:.0%}", _ratio(new.flow_s, floor),
            None if share is None else share <= 0.10)
        add("peak RSS of the largest process ≤ 3 GB",
            f"{_num(full.peak_largest, GB)} GB" if full.peak_largest else "n/a", "",
            None if not full.peak_largest else full.peak_largest <= 3 * GB)
        add("peak RSS of all the refresh's processes ≤ 4 GB",
            f"{_num(full.peak_total, GB)} GB" if full.peak_total else "n/a", "",
            None if not full.peak_total else full.peak_total <= 4 * GB)
        v = full.stages.get("validate")
        vshare = v / full.flow_s if v is not None and full.flow_s else None
        add("validation ≤ 15 % of the full refresh (flow time)",
            "n/a" if vshare is None else f"{_tenths(v)} s = {vshare:.0%}", _ratio(v, floor),
            None if vshare is None else vshare <= 0.15)
        server = "a running server" if api_url else "the temporary server"
        add(f"Prefect overhead ≤ 3 s per refresh (flow - stages, full; {server})", f"{_tenths(full.overhead_s)} s",
            _ratio(full.overhead_s, floor), None if full.overhead_s is None else full.overhead_s <= 3)
        base = by.get((100_000, "full"))
        if n > 100_000:
            known = base is not None and bool(base.peak_largest) and bool(full.peak_largest)
            add("peak RSS (largest) ≤ 1.2× the 100,000 peak",
                f"{full.peak_largest / base.peak_largest:.2f}×" if known else "n/a (no 100,000 run in this run)",
                "", full.peak_largest <= 1.2 * base.peak_largest if known else None, at=300_000)
    return out


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine() -> list[str]:
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) * 1024 / GB:.1f} GB"
    maps = "unknown"
    with contextlib.suppress(OSError):
        maps = Path("/proc/sys/vm/max_map_count").read_text().strip()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for pkg in ("duckdb", "polars", "prefect", "pyarrow", "great-expectations"):
        try:
            versions.append(f"{pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{pkg} not installed")
    commit = _git("rev-parse", "HEAD") or "unknown"
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    now = datetime.now(UTC).astimezone()
    return [
        f"- machine: {os.cpu_count()} CPUs ({usable} usable), {model}; RAM {ram}; "
        f"{platform.system()} {platform.release()}; vm.max_map_count {maps}",
        f"- versions: python {platform.python_version()}, " + ", ".join(versions),
        f"- date: {now.isoformat(timespec='seconds')}",
        f"- git commit: {commit}" + (" (with uncommitted changes)" if dirty else ""),
    ]



METHOD = """\
## How each column is measured

- **run**: `floor` = DuckDB `read_text('<src>/*.txt')` into a table of a new DuckDB file plus `COPY` of that
  table to Parquet, in a process of its own, timed around the two statements only (its RSS columns are the
  whole process's). `full` = `chitieu refresh --source <src> --db <new warehouse>` on the generated folder;
  `no-change` = the same command again; `1% new` = the same command after `max(1, n/100)` reports generated
  with another seed were added to the folder (`add_r*.txt`).
- **status / exit / published**: `ok` = exit 0; `failed` = another exit code; `aborted` = killed by a
  signal or a memory-allocation error (under the cap from 30,000 documents: `prlimit --as`); `timeout` =
  killed after `--timeout`. *published* = exit 0, the `publish` stage line printed and the summary's
  `warehouse:` line (a failed validation exits 1 with "warehouse not published").
- **parsed**: documents the parse stage parsed (its line: `N parsed, M reused`). A no-change re-run should
  parse 0 and the 1 % refresh only the new files; a note says when not.
- **code**: every refresh runs a copy of `flows/ transforms/ warehouse/ expectations/ seeds/` taken when
  the harness started (`--no-snapshot`: the working tree); a note says when the working tree changed during
  a run.
- **wall s**: from starting the process to its exit, as the harness sees it (interpreter, imports, Prefect's
  temporary server start and stop included). **flow s**: the flow's own `elapsed:` (the refresh flow's body,
  from its first to its last statement). **start-up s** = wall - flow (process start, imports, temporary
  Prefect server, creating the flow run, shutting down).
- **docs/s, MB/s**: the documents (and bytes) in the source folder divided by wall s (floor: by its time).
- **ingest … publish s**: the stage lines the refresh prints (`flows/refresh.py` `_stage`, echoed with
  `CHITIEU_ECHO_STAGES=1`, 0.1 s resolution): ingest = `ingest_task`; parse = planning, the parse shards
  and writing their results; load = `load_raw`; cleaned, marts = `build_layer`; validate = GX suites,
  consistency checks and recording their history; publish = copying the built file over `--db`. Each
  includes Prefect's orchestration of its own tasks.
- **Prefect overhead s** = flow s - the sum of the stages: what the flow does outside the timed stages
  (the lock, lake housekeeping, `current_counts`, the artifacts, alerts, discarding the build file, and the
  task-run bookkeeping between stages). It is not measured directly (no hook); n/a when the flow printed
  no `elapsed:` (a failed refresh).
- **peak RSS largest / total MB**: the process tree of the refresh (the refresh, its parse worker processes,
  Prefect's temporary server and its watchdog, Dask workers) read from `/proc/<pid>/stat` every 0.2 s: the
  largest RSS of one process, and the largest sum over all of them at one sample. The sum counts pages
  shared between processes (forked workers, libraries) once per process: an upper bound.
  **ru_maxrss MB**: the kernel's high-water mark from `wait4` of the refresh (the largest RSS of it and of the
  descendants it reaped; `getrusage(RUSAGE_CHILDREN)` per run): a cross-check of the largest that cannot
  miss a peak between two samples.
- **load average** (notes): the 1-minute load average when each run started. Anything else running on
  the machine (a test suite, another benchmark) slows the refresh: figures for RESULTS.md want it near 0.
- **memory cap**: `prlimit --as` caps each process's virtual address space, not its RSS. A refresh maps
  about 4 GB of address space already at 1,000 documents (the notes give each run's largest virtual size),
  so a 6 GiB cap can abort a run whose RSS is well below it (a failed allocation, or a thread that cannot
  start): raise `--mem-cap-gb`, or run the harness in a cgroup (`systemd-run --scope -p MemoryMax=...`).
- **÷ floor**: wall s and flow s divided by the floor of the same size in the same run (same files, same
  page cache).
- Targets: from issue 10, set for 100,000 documents (the last for 300,000); shown for other sizes for
  reference. Gigabytes are 10^9 bytes. "1 % new" and "validation" shares use flow times (the start-up is the
  same for every refresh and is reported on its own).
"""


def report(args: argparse.Namespace, bench: Bench, rows: list[Row], started: datetime) -> str:
    parts = ["# Refresh benchmark", "",
             f"`{' '.join(['uv run python benchmarks/run.py', *sys.argv[1:]])}`"
             f" ({(datetime.now(UTC) - started).total_seconds() / 60:.1f} min)", "", *machine(),
             f"- Prefect: {'the running server at ' + args.api_url if args.api_url else 'temporary server'}; "
             f"task runner {args.task_runner}; "
             + (f"memory cap {args.mem_cap_gb:g} GiB (`prlimit --as`) from {CAP_FROM:,} documents"
                if args.mem_cap_gb > 0 else "no memory cap"),
             _code_line(args, bench),
             "", "## Corpora", "",
             markdown_table(["documents", "MB", "KB each", "sentences with a figure", "repeated", "seed",
                             "generated in s"],
                            [[str(c["documents"]), _num(c["bytes"], MB), _num(c["bytes"] / c["documents"], 1e3),
                              str(c["sentences"]), f"{c['repeated_share']:.2%}", str(args.seed), _num(c["seconds"])]
                             for c in bench.corpora]),
             "", "## Results", "", markdown_table(COLUMNS, table_rows(rows)),
             "", "## Targets (issue 10)", "",
             markdown_table(["documents", "target", "measured", "× floor", "verdict"], targets(rows, args.api_url)), ""]
    notes = []
    for r in rows:
        if r.kind == "floor" and r.floor_parts:
            notes.append(f"- {r.n}: floor = read_text {r.floor_parts['read_text']:.2f} s + COPY "
                         f"{r.floor_parts['COPY']:.2f} s")
        if r.peak_largest:
            command = r.largest_cmd.replace(str(bench.work), "<work>")[:100]
            notes.append(f"- {r.n} {r.kind}: load average {r.load:.1f} at its start; largest process "
                         f"`{command}`; up to {r.processes} processes; largest virtual size "
                         f"{_num(r.peak_vsize, GB)} GB"
                         + (f"; under a {r.capped_gb:g} GiB address-space cap" if r.capped_gb else ""))
        if r.error:
            notes.append(f"- {r.n} {r.kind}: {r.status}, exit {_exit_text(r.exit_code)}: `{r.error}`")
        if r.expected_parsed is not None and r.parsed is not None and r.parsed != r.expected_parsed:
            notes.append(f"- {r.n} {r.kind}: **parsed {r.parsed} documents where {r.expected_parsed} were new** "
                         f"(the parse cache did not serve the others: its key is the extractor's code and the seeds)")
        if r.leftovers:
            notes.append(f"- {r.n} {r.kind}: processes {r.leftovers} of this run were still running after it "
                         f"ended; the harness ended them")
        if r.tree_changed:
            notes.append(f"- {r.n} {r.kind}: the working tree's code changed during this run"
                         + ("; the refreshes ran a snapshot taken at the start, which did not"
                            if args.snapshot else ": **the code measured moved during the run**"))
    parts += ["## Notes", "", *notes, "", f"Logs: `{bench.logs}`", "", METHOD]
    return "\n".join(parts)


def _code_line(args: argparse.Namespace, bench: Bench) -> str:
    changed = bench.uncommitted
    where = (f"a snapshot of the working tree taken at the start (`{bench.code}`, digest {bench.code_digest})"
             if args.snapshot else f"the working tree itself (digest {bench.tree_digest} at the start)")
    return (f"- code measured: {where}" + (f"; {len(changed)} files in {', '.join(CODE_DIRS)} differ from the commit"
                                          if changed else "; identical to the commit"))


# --- the command line ----------------------------------------------------------------------------------

def _sizes(values: list[str] | None) -> list[int]:
    out: list[int] = []
    for value in values or []:
        for item in value.split(","):
            item = item.strip().lower().replace("_", "")
            if not item:
                continue
            mult = 1_000 if item.endswith("k") else 1
            try:
                n = int(float(item.removesuffix("k")) * mult)
            except ValueError:
                raise argparse.ArgumentTypeError(f"not a number of documents: {item!r}") from None
            if n < 1:
                raise argparse.ArgumentTypeError(f"a corpus needs at least one document (got {item!r})")
            out.append(n)
    return list(dict.fromkeys(out))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n".join(__doc__.splitlines()[1:]))
    ap.add_argument("--n", action="append", metavar="N[,N...]",
                    help="corpus sizes (repeatable, a comma list, 10k accepted); default 1000,10000,100000")
    ap.add_argument("--quick", action="store_true", help=f"{QUICK_SIZE} documents only, to prove the harness works")
    ap.add_argument("--out", type=Path, help="markdown report (default benchmarks/RESULTS.md; with --quick "
                    "<work>/RESULTS.md)")
    ap.add_argument("--work", type=Path, help="work folder for corpora, warehouses and logs (default: a new "
                    "folder under /tmp)")
    ap.add_argument("--seed", type=int, default=7, help="corpus seed (the 1 %% new files use seed + 1)")
    ap.add_argument("--mem-cap-gb", type=float, default=6.0, help=f"address-space cap (GiB) of every process "
                    f"from {CAP_FROM:,} documents on; 0: none")
    ap.add_argument("--timeout", type=float, default=3 * 3600, help="seconds before one refresh is killed")
    ap.add_argument("--task-runner", default="default", choices=["default", "dask"],
                    help="passed to `chitieu refresh --task-runner`")
    ap.add_argument("--api-url", help="run against this running Prefect server instead of a temporary one")
    ap.add_argument("--keep", action="store_true", help="keep each size's corpus, lake and warehouse")
    ap.add_argument("--no-snapshot", dest="snapshot", action="store_false",
                    help="run the working tree itself, not a copy of its code taken at the start")
    args = ap.parse_args(argv)
    try:
        sizes = _sizes(args.n)
    except argparse.ArgumentTypeError as err:
        ap.error(str(err))
    if args.quick and sizes:
        ap.error("--quick runs 200 documents: leave out --n")
    args.sizes = [QUICK_SIZE] if args.quick else sizes or list(DEFAULT_SIZES)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.now(UTC)
    work = args.work.resolve() if args.work else Path(tempfile.mkdtemp(prefix="chitieu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    out = args.out or (work / "RESULTS.md" if args.quick else ROOT / "benchmarks" / "RESULTS.md")
    bench = Bench(args, work)
    bench.say(f"work folder: {work}; report: {out}")
    bench.prepare_prefect()
    rows: list[Row] = []
    for n in args.sizes:
        rows += bench.size(n)
    # the report names files inside the work folder as `<work>/...`: no machine's path in a committed file
    text = report(args, bench, rows, started).replace(str(work), "<work>").replace(str(out), _shown(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(markdown_table(COLUMNS, table_rows(rows)))
    print()
    print(markdown_table(["documents", "target", "measured", "× floor", "verdict"], targets(rows, args.api_url)))
    print(f"\nreport: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
