"""Fact accuracy of the extractor on the annotated sets, without building a warehouse.

    uv run python benchmarks/accuracy.py [--set samples|other|dev|planted|all] [--misses N] [--wrong N]

Parses each set's documents in memory (`transforms.parse.parse_documents`) and scores the facts
against the gold exactly as `tests/fixtures/eval_facts.py` (a copy of ../shared/tools/eval_facts.py)
does: precision, recall, F1, numbers alone, attributes on matched facts. The sealed set is not
among the choices: it was scored through a built warehouse, twice (tests/fixtures/sealed/SCORES.md), and is
asserted as a floor by tests/test_accuracy.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import eval_facts as ev  # noqa: E402

from transforms.parse import parse_documents  # noqa: E402
from transforms.reference import load_reference  # noqa: E402

SETS = {
    "samples": (ROOT / "seeds" / "documents", ROOT / "tests" / "fixtures" / "gold"),
    "other": (ROOT / "tests" / "fixtures" / "other_reports", ROOT / "tests" / "fixtures" / "other_reports"),
    "dev": (ROOT / "tests" / "fixtures" / "corpus" / "docs", ROOT / "tests" / "fixtures" / "corpus" / "gold"),
    "fresh": (ROOT / "tests" / "fixtures" / "fresh" / "docs", ROOT / "tests" / "fixtures" / "fresh" / "gold"),
    "sealed": (ROOT / "tests" / "fixtures" / "sealed" / "docs", ROOT / "tests" / "fixtures" / "sealed" / "gold"),
    "sealed2": (ROOT / "tests" / "fixtures" / "sealed2" / "docs", ROOT / "tests" / "fixtures" / "sealed2" / "gold"),
    "sealed3": (ROOT / "tests" / "fixtures" / "sealed3" / "docs", ROOT / "tests" / "fixtures" / "sealed3" / "gold"),
    "sealed4": (ROOT / "tests" / "fixtures" / "sealed4" / "docs", ROOT / "tests" / "fixtures" / "sealed4" / "gold"),
    "sealed5": (ROOT / "tests" / "fixtures" / "sealed5" / "docs", ROOT / "tests" / "fixtures" / "sealed5" / "gold"),
    "sealed6": (ROOT / "tests" / "fixtures" / "sealed6" / "docs", ROOT / "tests" / "fixtures" / "sealed6" / "gold"),
    "sealed7": (ROOT / "tests" / "fixtures" / "sealed7" / "docs", ROOT / "tests" / "fixtures" / "sealed7" / "gold"),
    "sealed8": (ROOT / "tests" / "fixtures" / "sealed8" / "docs", ROOT / "tests" / "fixtures" / "sealed8" / "gold"),
    "sealed9": (ROOT / "tests" / "fixtures" / "sealed9" / "docs", ROOT / "tests" / "fixtures" / "sealed9" / "gold"),
    "sealed10": (ROOT / "tests" / "fixtures" / "sealed10" / "docs", ROOT / "tests" / "fixtures" / "sealed10" / "gold"),
    "sealed12": (ROOT / "tests" / "fixtures" / "sealed12" / "docs", ROOT / "tests" / "fixtures" / "sealed12" / "gold"),
    "sealed13": (ROOT / "tests" / "fixtures" / "sealed13" / "docs", ROOT / "tests" / "fixtures" / "sealed13" / "gold"),
    "sealed14": (ROOT / "tests" / "fixtures" / "sealed14" / "docs", ROOT / "tests" / "fixtures" / "sealed14" / "gold"),
    "dev2": (ROOT / "tests" / "fixtures" / "dev2" / "docs", ROOT / "tests" / "fixtures" / "dev2" / "gold"),
    "sealed15": (ROOT / "tests" / "fixtures" / "sealed15" / "docs", ROOT / "tests" / "fixtures" / "sealed15" / "gold"),
    "dev3": (ROOT / "tests" / "fixtures" / "dev3" / "docs", ROOT / "tests" / "fixtures" / "dev3" / "gold"),
    "sealed16": (ROOT / "tests" / "fixtures" / "sealed16" / "docs", ROOT / "tests" / "fixtures" / "sealed16" / "gold"),
    "dev4": (ROOT / "tests" / "fixtures" / "dev4" / "docs", ROOT / "tests" / "fixtures" / "dev4" / "gold"),
    "sealed17": (ROOT / "tests" / "fixtures" / "sealed17" / "docs", ROOT / "tests" / "fixtures" / "sealed17" / "gold"),
    "dev5": (ROOT / "tests" / "fixtures" / "dev5" / "docs", ROOT / "tests" / "fixtures" / "dev5" / "gold"),
    "dev6": (ROOT / "tests" / "fixtures" / "dev6" / "docs", ROOT / "tests" / "fixtures" / "dev6" / "gold"),
    "sealed18": (ROOT / "tests" / "fixtures" / "sealed18" / "docs", ROOT / "tests" / "fixtures" / "sealed18" / "gold"),
    "dev7": (ROOT / "tests" / "fixtures" / "dev7" / "docs", ROOT / "tests" / "fixtures" / "dev7" / "gold"),
    "sealed19": (ROOT / "tests" / "fixtures" / "sealed19" / "docs", ROOT / "tests" / "fixtures" / "sealed19" / "gold"),
    "dev8": (ROOT / "tests" / "fixtures" / "dev8" / "docs", ROOT / "tests" / "fixtures" / "dev8" / "gold"),
    "dev9": (ROOT / "tests" / "fixtures" / "dev9" / "docs", ROOT / "tests" / "fixtures" / "dev9" / "gold"),
    "sealed20": (ROOT / "tests" / "fixtures" / "sealed20" / "docs", ROOT / "tests" / "fixtures" / "sealed20" / "gold"),
    "dev10": (ROOT / "tests" / "fixtures" / "dev10" / "docs", ROOT / "tests" / "fixtures" / "dev10" / "gold"),
    "sealed21": (ROOT / "tests" / "fixtures" / "sealed21" / "docs", ROOT / "tests" / "fixtures" / "sealed21" / "gold"),
    "dev11": (ROOT / "tests" / "fixtures" / "dev11" / "docs", ROOT / "tests" / "fixtures" / "dev11" / "gold"),
    "sealed22": (ROOT / "tests" / "fixtures" / "sealed22" / "docs", ROOT / "tests" / "fixtures" / "sealed22" / "gold"),
    "dev12": (ROOT / "tests" / "fixtures" / "dev12" / "docs", ROOT / "tests" / "fixtures" / "dev12" / "gold"),
    "dev13": (ROOT / "tests" / "fixtures" / "dev13" / "docs", ROOT / "tests" / "fixtures" / "dev13" / "gold"),
    "dev14": (ROOT / "tests" / "fixtures" / "dev14" / "docs", ROOT / "tests" / "fixtures" / "dev14" / "gold"),
    "dev15": (ROOT / "tests" / "fixtures" / "dev15" / "docs", ROOT / "tests" / "fixtures" / "dev15" / "gold"),
    "dev16": (ROOT / "tests" / "fixtures" / "dev16" / "docs", ROOT / "tests" / "fixtures" / "dev16" / "gold"),
    "sealed23": (ROOT / "tests" / "fixtures" / "sealed23" / "docs", ROOT / "tests" / "fixtures" / "sealed23" / "gold"),
    "dev17": (ROOT / "tests" / "fixtures" / "dev17" / "docs", ROOT / "tests" / "fixtures" / "dev17" / "gold"),
    "dev18": (ROOT / "tests" / "fixtures" / "dev18" / "docs", ROOT / "tests" / "fixtures" / "dev18" / "gold"),
    "dev19": (ROOT / "tests" / "fixtures" / "dev19" / "docs", ROOT / "tests" / "fixtures" / "dev19" / "gold"),
    "sealed24": (ROOT / "tests" / "fixtures" / "sealed24" / "docs", ROOT / "tests" / "fixtures" / "sealed24" / "gold"),
    "dev20": (ROOT / "tests" / "fixtures" / "dev20" / "docs", ROOT / "tests" / "fixtures" / "dev20" / "gold"),
    "dev21": (ROOT / "tests" / "fixtures" / "dev21" / "docs", ROOT / "tests" / "fixtures" / "dev21" / "gold"),
    "dev22": (ROOT / "tests" / "fixtures" / "dev22" / "docs", ROOT / "tests" / "fixtures" / "dev22" / "gold"),
    "dev23": (ROOT / "tests" / "fixtures" / "dev23" / "docs", ROOT / "tests" / "fixtures" / "dev23" / "gold"),
    "sealed25": (ROOT / "tests" / "fixtures" / "sealed25" / "docs", ROOT / "tests" / "fixtures" / "sealed25" / "gold"),
    "dev24": (ROOT / "tests" / "fixtures" / "dev24" / "docs", ROOT / "tests" / "fixtures" / "dev24" / "gold"),
    "dev25": (ROOT / "tests" / "fixtures" / "dev25" / "docs", ROOT / "tests" / "fixtures" / "dev25" / "gold"),
    "dev26": (ROOT / "tests" / "fixtures" / "dev26" / "docs", ROOT / "tests" / "fixtures" / "dev26" / "gold"),
    "sealed26": (ROOT / "tests" / "fixtures" / "sealed26" / "docs", ROOT / "tests" / "fixtures" / "sealed26" / "gold"),
    "dev27": (ROOT / "tests" / "fixtures" / "dev27" / "docs", ROOT / "tests" / "fixtures" / "dev27" / "gold"),
    "dev28": (ROOT / "tests" / "fixtures" / "dev28" / "docs", ROOT / "tests" / "fixtures" / "dev28" / "gold"),
    "dev29": (ROOT / "tests" / "fixtures" / "dev29" / "docs", ROOT / "tests" / "fixtures" / "dev29" / "gold"),
    "dev30": (ROOT / "tests" / "fixtures" / "dev30" / "docs", ROOT / "tests" / "fixtures" / "dev30" / "gold"),
    "dev31": (ROOT / "tests" / "fixtures" / "dev31" / "docs", ROOT / "tests" / "fixtures" / "dev31" / "gold"),
    "sealed27": (ROOT / "tests" / "fixtures" / "sealed27" / "docs", ROOT / "tests" / "fixtures" / "sealed27" / "gold"),
    "dev32": (ROOT / "tests" / "fixtures" / "dev32" / "docs", ROOT / "tests" / "fixtures" / "dev32" / "gold"),
    "dev33": (ROOT / "tests" / "fixtures" / "dev33" / "docs", ROOT / "tests" / "fixtures" / "dev33" / "gold"),
    "dev34": (ROOT / "tests" / "fixtures" / "dev34" / "docs", ROOT / "tests" / "fixtures" / "dev34" / "gold"),
    "sealed28": (ROOT / "tests" / "fixtures" / "sealed28" / "docs", ROOT / "tests" / "fixtures" / "sealed28" / "gold"),
    "dev35": (ROOT / "tests" / "fixtures" / "dev35" / "docs", ROOT / "tests" / "fixtures" / "dev35" / "gold"),
    "dev36": (ROOT / "tests" / "fixtures" / "dev36" / "docs", ROOT / "tests" / "fixtures" / "dev36" / "gold"),
    "dev37": (ROOT / "tests" / "fixtures" / "dev37" / "docs", ROOT / "tests" / "fixtures" / "dev37" / "gold"),
    "dev38": (ROOT / "tests" / "fixtures" / "dev38" / "docs", ROOT / "tests" / "fixtures" / "dev38" / "gold"),
    "sealed29": (ROOT / "tests" / "fixtures" / "sealed29" / "docs", ROOT / "tests" / "fixtures" / "sealed29" / "gold"),
    "dev39": (ROOT / "tests" / "fixtures" / "dev39" / "docs", ROOT / "tests" / "fixtures" / "dev39" / "gold"),
    "dev40": (ROOT / "tests" / "fixtures" / "dev40" / "docs", ROOT / "tests" / "fixtures" / "dev40" / "gold"),
    "dev41": (ROOT / "tests" / "fixtures" / "dev41" / "docs", ROOT / "tests" / "fixtures" / "dev41" / "gold"),
    "dev42": (ROOT / "tests" / "fixtures" / "dev42" / "docs", ROOT / "tests" / "fixtures" / "dev42" / "gold"),
    "dev43": (ROOT / "tests" / "fixtures" / "dev43" / "docs", ROOT / "tests" / "fixtures" / "dev43" / "gold"),
    "sealed31": (ROOT / "tests" / "fixtures" / "sealed31" / "docs", ROOT / "tests" / "fixtures" / "sealed31" / "gold"),
    "dev44": (ROOT / "tests" / "fixtures" / "dev44" / "docs", ROOT / "tests" / "fixtures" / "dev44" / "gold"),
    "sealed30": (ROOT / "tests" / "fixtures" / "sealed30" / "docs", ROOT / "tests" / "fixtures" / "sealed30" / "gold"),
    "dev45": (ROOT / "tests" / "fixtures" / "dev45" / "docs", ROOT / "tests" / "fixtures" / "dev45" / "gold"),
    "dev46": (ROOT / "tests" / "fixtures" / "dev46" / "docs", ROOT / "tests" / "fixtures" / "dev46" / "gold"),
    "dev47": (ROOT / "tests" / "fixtures" / "dev47" / "docs", ROOT / "tests" / "fixtures" / "dev47" / "gold"),
    "dev48": (ROOT / "tests" / "fixtures" / "dev48" / "docs", ROOT / "tests" / "fixtures" / "dev48" / "gold"),
    "sealed32": (ROOT / "tests" / "fixtures" / "sealed32" / "docs", ROOT / "tests" / "fixtures" / "sealed32" / "gold"),
    "dev49": (ROOT / "tests" / "fixtures" / "dev49" / "docs", ROOT / "tests" / "fixtures" / "dev49" / "gold"),
    "dev50": (ROOT / "tests" / "fixtures" / "dev50" / "docs", ROOT / "tests" / "fixtures" / "dev50" / "gold"),
    "dev51": (ROOT / "tests" / "fixtures" / "dev51" / "docs", ROOT / "tests" / "fixtures" / "dev51" / "gold"),
    "dev52": (ROOT / "tests" / "fixtures" / "dev52" / "docs", ROOT / "tests" / "fixtures" / "dev52" / "gold"),
    "sealed33": (ROOT / "tests" / "fixtures" / "sealed33" / "docs", ROOT / "tests" / "fixtures" / "sealed33" / "gold"),
    "dev53": (ROOT / "tests" / "fixtures" / "dev53" / "docs", ROOT / "tests" / "fixtures" / "dev53" / "gold"),
    "dev54": (ROOT / "tests" / "fixtures" / "dev54" / "docs", ROOT / "tests" / "fixtures" / "dev54" / "gold"),
    "dev55": (ROOT / "tests" / "fixtures" / "dev55" / "docs", ROOT / "tests" / "fixtures" / "dev55" / "gold"),
    "dev56": (ROOT / "tests" / "fixtures" / "dev56" / "docs", ROOT / "tests" / "fixtures" / "dev56" / "gold"),
    "dev57": (ROOT / "tests" / "fixtures" / "dev57" / "docs", ROOT / "tests" / "fixtures" / "dev57" / "gold"),
    "sealed34": (ROOT / "tests" / "fixtures" / "sealed34" / "docs", ROOT / "tests" / "fixtures" / "sealed34" / "gold"),
    "dev58": (ROOT / "tests" / "fixtures" / "dev58" / "docs", ROOT / "tests" / "fixtures" / "dev58" / "gold"),
    "dev59": (ROOT / "tests" / "fixtures" / "dev59" / "docs", ROOT / "tests" / "fixtures" / "dev59" / "gold"),
    "dev60": (ROOT / "tests" / "fixtures" / "dev60" / "docs", ROOT / "tests" / "fixtures" / "dev60" / "gold"),
    "dev61": (ROOT / "tests" / "fixtures" / "dev61" / "docs", ROOT / "tests" / "fixtures" / "dev61" / "gold"),
    "dev62": (ROOT / "tests" / "fixtures" / "dev62" / "docs", ROOT / "tests" / "fixtures" / "dev62" / "gold"),
    "dev63": (ROOT / "tests" / "fixtures" / "dev63" / "docs", ROOT / "tests" / "fixtures" / "dev63" / "gold"),
    "dev64": (ROOT / "tests" / "fixtures" / "dev64" / "docs", ROOT / "tests" / "fixtures" / "dev64" / "gold"),
    "dev65": (ROOT / "tests" / "fixtures" / "dev65" / "docs", ROOT / "tests" / "fixtures" / "dev65" / "gold"),
    "sealed35": (ROOT / "tests" / "fixtures" / "sealed35" / "docs", ROOT / "tests" / "fixtures" / "sealed35" / "gold"),
    "dev66": (ROOT / "tests" / "fixtures" / "dev66" / "docs", ROOT / "tests" / "fixtures" / "dev66" / "gold"),
    "dev67": (ROOT / "tests" / "fixtures" / "dev67" / "docs", ROOT / "tests" / "fixtures" / "dev67" / "gold"),
    "dev68": (ROOT / "tests" / "fixtures" / "dev68" / "docs", ROOT / "tests" / "fixtures" / "dev68" / "gold"),
    "dev69": (ROOT / "tests" / "fixtures" / "dev69" / "docs", ROOT / "tests" / "fixtures" / "dev69" / "gold"),
    "dev70": (ROOT / "tests" / "fixtures" / "dev70" / "docs", ROOT / "tests" / "fixtures" / "dev70" / "gold"),
    "dev71": (ROOT / "tests" / "fixtures" / "dev71" / "docs", ROOT / "tests" / "fixtures" / "dev71" / "gold"),
    "dev72": (ROOT / "tests" / "fixtures" / "dev72" / "docs", ROOT / "tests" / "fixtures" / "dev72" / "gold"),
    "dev73": (ROOT / "tests" / "fixtures" / "dev73" / "docs", ROOT / "tests" / "fixtures" / "dev73" / "gold"),
    "sealed36": (ROOT / "tests" / "fixtures" / "sealed36" / "docs", ROOT / "tests" / "fixtures" / "sealed36" / "gold"),
}


def facts_of(docs: Path) -> list[dict]:
    files = sorted(p for p in docs.glob("*.txt"))
    frame = pl.DataFrame({"doc_id": [f.name for f in files], "text": [f.read_text(encoding="utf-8") for f in files],
                          "source_file": [f.name for f in files]})
    parsed = parse_documents(frame, load_reference(ROOT / "seeds"))
    return [{**f, "source_file": f["doc_id"]} for f in parsed.facts.to_dicts()]


def score(docs: Path, gold_dir: Path) -> dict:
    gold = ev.load_gold(gold_dir)
    facts = facts_of(docs)
    by_file: dict[str, list[dict]] = {}
    for f in facts:
        by_file.setdefault(f["source_file"], []).append(f)
    tp = n_gold = n_got = num_tp = 0
    attr_ok: Counter[str] = Counter()
    attr_n: Counter[str] = Counter()
    misses, wrong = [], []
    for name, doc in gold.items():
        got = by_file.get(name, [])
        pairs = ev.match(doc["facts"], got)
        matched = {id(g) for g, _ in pairs}
        used = {id(f) for _, f in pairs}
        misses += [f"{name}: {g['metric']}/{g['role']} {g['text']!r}" for g in doc["facts"] if id(g) not in matched]
        wrong += [f"{name}: {f['metric']}/{f['role']} {f['value_text']!r} ({f.get('metric_how')})" for f in got
                  if id(f) not in used]
        tp += len(pairs)
        num_tp += len(ev.match(doc["facts"], got, keys=("unit",)))
        n_gold += len(doc["facts"])
        n_got += len(got)
        for g, f in pairs:
            for a in ev.ATTRS:
                if a in ev.RELATION_ONLY and g["role"] == "level":
                    continue
                attr_n[a] += 1
                attr_ok[a] += ev.same(f.get(a), g.get(a))
    p = tp / n_got if n_got else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": n_gold, "got": n_got,
            "matched": tp, "numbers_recall": num_tp / n_gold if n_gold else 0.0,
            "attributes": {a: attr_ok[a] / attr_n[a] for a in attr_n}, "misses": misses, "wrong": wrong}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="all", choices=[*SETS, "all"])
    ap.add_argument("--misses", type=int, default=0, help="print this many missed gold facts")
    ap.add_argument("--wrong", type=int, default=0, help="print this many produced facts that match no gold")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    names = list(SETS) if args.set == "all" else [args.set]
    for name in names:
        res = score(*SETS[name])
        if args.json:
            print(json.dumps({name: {k: v for k, v in res.items() if k not in ("misses", "wrong")}}))
            continue
        attrs = ", ".join(f"{k}={v:.3f}" for k, v in res["attributes"].items())
        print(f"{name:<8} P={res['precision']:.3f} R={res['recall']:.3f} F1={res['f1']:.3f} "
              f"(gold {res['gold']}, got {res['got']}, matched {res['matched']}); "
              f"numbers R={res['numbers_recall']:.3f}")
        print(f"         {attrs}")
        for line in res["misses"][:args.misses]:
            print("  missed", line)
        for line in res["wrong"][:args.wrong]:
            print("  wrong ", line)


if __name__ == "__main__":
    main()
