"""How long one large report takes to parse: every stage must be linear in the input.

    uv run python benchmarks/parse_large.py [--mb 5] [--kind all]

Builds reports of the given size in several hostile shapes (a sample report repeated, one line
without spaces, an inline base64 image inside a report, digits and separators only, one long
sentence of figures) and times `parse_documents` on each, printing seconds and MB/s.
"""

from __future__ import annotations

import argparse
import base64
import random
import sys
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transforms.parse import parse_documents  # noqa: E402
from transforms.reference import load_reference  # noqa: E402

SAMPLE = (ROOT / "seeds" / "documents" / "004_c0064bc84c249930.txt").read_text(encoding="utf-8")


def hostile_reports(size: int, seed: int = 0) -> dict[str, str]:
    """Reports of about `size` characters, each shaped to defeat a quadratic stage."""
    rnd = random.Random(seed)
    blob = base64.b64encode(rnd.randbytes(size * 3 // 4)).decode()
    figures = "; ".join(f"tăng {rnd.randint(1, 99)},{rnd.randint(0, 9)}% đạt {rnd.randint(1, 9999)} tỷ đồng"
                        for _ in range(size // 40))
    return {
        "repeated report": (SAMPLE + "\n") * (size // len(SAMPLE) + 1),
        "no spaces": "x" * size,
        "inline base64 image": SAMPLE + f'\n<img src="data:image/png;base64,{blob}">\n' + SAMPLE,
        "digits and separators": ("1.234,5 " * (size // 8)),
        "one sentence of figures": "Thu ngân sách " + figures + ".",
        "dots without sentences": ("a." * (size // 2)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="size of each report in MB (default 5)")
    args = ap.parse_args()
    ref = load_reference(ROOT / "seeds")
    size = int(args.mb * 1024 * 1024)
    print(f"{'report':<26} {'MB':>6} {'seconds':>8} {'MB/s':>7} {'facts':>6}")
    for name, text in hostile_reports(size).items():
        frame = pl.DataFrame({"doc_id": [name], "text": [text]})
        t = time.perf_counter()
        parsed = parse_documents(frame, ref)
        dt = time.perf_counter() - t
        mb = len(text.encode()) / 1e6
        print(f"{name:<26} {mb:>6.1f} {dt:>8.2f} {mb / dt:>7.2f} {parsed.facts.height:>6}", flush=True)


if __name__ == "__main__":
    main()
