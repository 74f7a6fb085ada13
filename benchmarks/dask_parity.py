"""Issue 10: the Dask runner at scale. One generated corpus refreshed twice, with the default runner
(the parse on a process pool) and with `--task-runner dask` (a local cluster of 2 workers); prints
each refresh's wall time and parse stage, and a digest of every marts table of both warehouses,
which must be identical (the validation runs compared by their verdicts: ids and times differ).

    uv run python benchmarks/dask_parity.py --n 10000 --work /tmp/dask-parity

`--source DIR --reference-db DB` compares instead with a warehouse the default runner already built
from DIR (the one `benchmarks/run.py --keep` leaves), so only the Dask refresh runs.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
# the latest run's verdicts (a warehouse refreshed before keeps the earlier runs too)
VERDICTS = ("select suite, expectation, success, unexpected_count from marts.fct_validation_runs "
            "qualify validated_at = max(validated_at) over () order by all")


def marts_digest(db: Path) -> dict[str, str]:
    """md5 of each marts table's rows in a fixed order (the validation runs by their verdicts)."""
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute("select table_name from information_schema.tables "
                                            "where table_schema = 'marts' order by 1").fetchall()]
        for table in tables:
            sql = VERDICTS if table == "fct_validation_runs" else f"select * from marts.{table} order by all"
            h = hashlib.md5()
            result = con.execute(sql)
            while batch := result.fetchmany(100_000):
                for row in batch:
                    h.update(repr(row).encode())
            out[table] = h.hexdigest()
    return out


def refresh(source: Path, db: Path, runner: str) -> tuple[float, str]:
    """One `chitieu refresh`: its wall time and its parse stage line."""
    t = time.monotonic()
    got = subprocess.run([sys.executable, "-m", "flows.cli", "refresh", "--source", str(source), "--db", str(db),
                          "--task-runner", runner], cwd=REPO, capture_output=True, text=True)
    wall = time.monotonic() - t
    if got.returncode != 0:
        raise SystemExit(f"{runner} refresh failed ({got.returncode}): {got.stderr[-2000:]}")
    parse = next((line for line in got.stdout.splitlines() if line.startswith("parse")), "")
    return wall, re.sub(r"\s+", " ", parse)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--source", type=Path, help="an existing corpus (with --reference-db)")
    ap.add_argument("--reference-db", type=Path, help="the default runner's warehouse of --source")
    args = ap.parse_args()
    if (args.source is None) != (args.reference_db is None):
        ap.error("--source and --reference-db go together")
    if args.work.exists():
        shutil.rmtree(args.work)
    corpus = args.source or args.work / "corpus"
    if args.source is None:
        subprocess.run([sys.executable, "benchmarks/gen_corpus.py", "--n", str(args.n), "--out", str(corpus),
                        "--seed", str(args.seed)], cwd=REPO, check=True)
    digests = {}
    if args.reference_db is not None:
        digests["default"] = marts_digest(args.reference_db)
        print(f"default: {args.reference_db} (built before)")
    for runner in ("default", "dask"):
        if runner in digests:
            continue
        db = args.work / runner / "chitieu.duckdb"
        wall, parse = refresh(corpus, db, runner)
        digests[runner] = marts_digest(db)
        print(f"{runner}: {wall:.1f} s wall; {parse}")
    same = digests["default"] == digests["dask"]
    for table, d in digests["default"].items():
        print(f"  {table}: {d} {'=' if digests['dask'].get(table) == d else '≠ ' + str(digests['dask'].get(table))}")
    print(f"marts identical: {'yes' if same else 'no'}")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
