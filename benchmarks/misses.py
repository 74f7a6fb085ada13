"""Why the extractor misses the gold facts it misses, by reason, with examples (a development aid).

    uv run python benchmarks/misses.py [--set dev] [--examples 3] [--file NAME]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import eval_facts as ev  # noqa: E402

from benchmarks.accuracy import SETS  # noqa: E402
from transforms.parse import parse_documents  # noqa: E402
from transforms.reference import load_reference  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="dev", choices=list(SETS))
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--file", default=None)
    ap.add_argument("--width", type=int, default=0, help="show this much of each number's sentence")
    ap.add_argument("--kind", default=None, help="only this reason")
    args = ap.parse_args()
    docs, gold_dir = SETS[args.set]
    gold = ev.load_gold(gold_dir)
    files = sorted(p for p in docs.glob("*.txt") if args.file is None or args.file in p.name)
    parsed = parse_documents(pl.DataFrame({"doc_id": [f.name for f in files],
                                           "text": [f.read_text(encoding="utf-8") for f in files],
                                           "source_file": [f.name for f in files]}),
                             load_reference(ROOT / "seeds"))
    facts = defaultdict(list)
    for f in parsed.facts.to_dicts():
        facts[f["doc_id"]].append(f)
    numbers = defaultdict(list)
    for n in parsed.numbers.to_dicts():
        numbers[n["doc_id"]].append(n)
    sentences = {(s["doc_id"], s["sentence_index"]): s["sentence"] for s in parsed.sentences.to_dicts()}
    reasons: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for f in files:
        doc = gold.get(f.name)
        if doc is None:
            continue
        got = facts[f.name]
        matched = {id(g) for g, _ in ev.match(doc["facts"], got)}
        for g in doc["facts"]:
            if id(g) in matched:
                continue
            same = [x for x in got if x["unit"] == g["unit"] and ev.close(x["value"], g["value"])]
            read = _read_as(numbers[f.name], g["text"])
            context = sentences.get((f.name, read[0]["sentence_index"]), "")[:args.width] if read else ""
            if same:
                x = same[0]
                kind = "wrong metric" if x["metric"] != g["metric"] else "wrong role"
                detail = f"gold {g['metric']}/{g['role']} got {x['metric']}/{x['role']} ({x.get('metric_how')})"
            else:
                kind = (read[0]["reason"] or "read as another value or unit") if read else "number not read"
                detail = f"{g['metric']}/{g['role']} {g['unit']}"
            if args.width:
                detail += f"\n          | {context}"
            reasons[kind] += 1
            examples[kind].append(f"{f.name}: {g['text']!r} {detail}")
    for kind, n in reasons.most_common():
        if args.kind and args.kind not in kind:
            continue
        print(n, kind)
        for e in examples[kind][:args.examples]:
            print("     ", e)


def _read_as(numbers: list[dict], text: str) -> list[dict]:
    """The numbers read where the gold figure is written: its exact text first, then a longer
    reading of it, then a part of it at least half as long (not the `1` of a `1. ...` heading)."""
    exact = [n for n in numbers if n["text"] == text]
    longer = [n for n in numbers if n["text"] and text in n["text"]]
    shorter = [n for n in numbers if n["text"] and n["text"] in text and 2 * len(n["text"]) >= len(text)]
    return exact or longer or shorter


if __name__ == "__main__":
    main()


def attributes(set_name: str = "dev", attr: str = "status", limit: int = 40) -> None:
    """Matched facts whose `attr` disagrees with the gold, with their sentence."""
    docs, gold_dir = SETS[set_name]
    gold = ev.load_gold(gold_dir)
    files = sorted(docs.glob("*.txt"))
    parsed = parse_documents(pl.DataFrame({"doc_id": [f.name for f in files],
                                           "text": [f.read_text(encoding="utf-8") for f in files],
                                           "source_file": [f.name for f in files]}),
                             load_reference(ROOT / "seeds"))
    facts = defaultdict(list)
    for f in parsed.facts.to_dicts():
        facts[f["doc_id"]].append(f)
    shown = Counter()
    for f in files:
        for g, x in ev.match(gold.get(f.name, {"facts": []})["facts"], facts[f.name]):
            if attr in ev.RELATION_ONLY and g["role"] == "level":
                continue
            if not ev.same(x.get(attr), g.get(attr)):
                shown[(g.get(attr), x.get(attr))] += 1
                if sum(shown.values()) <= limit:
                    print(f"{f.name}: {g['text']!r} {g['metric']} gold {g.get(attr)} got {x.get(attr)}\n"
                          f"          | {x['sentence'][:200]}")
    print(shown.most_common())
