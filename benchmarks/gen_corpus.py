"""A deterministic generator of realistic reports, for benchmarks and whole-refresh tests.

    uv run python benchmarks/gen_corpus.py --n 1000 --out /tmp/corpus [--seed 7]

Every sentence with a figure in the sample reports, the development corpus and the other
reports becomes a template: its numbers, years, period words and locality names are slots. A
generated report picks a locality of the gazetteer (with its type and province), a year and a
reporting period, a headline and a date line in one of the genres' shapes, then 15-45 templates
in paragraphs and lists, each slot filled anew: numbers keep their magnitude but not their
digits, and are written in every format the reports use (`1.823,1`, `1823,1`, `1,8 nghìn`,
`16.314ha`, `- 1.200`). Statuses (`ước`, `phấn đấu`), comparisons and relations come with the
templates. It prints the share of sentences that repeat across the corpus (below 5 %: no cache
keyed on sentence text can serve a benchmark). One file per document; the same seed gives the
same bytes.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "seeds" / "documents", ROOT / "tests" / "fixtures" / "corpus" / "docs",
           ROOT / "tests" / "fixtures" / "other_reports"]

_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\w])|(?<![\w.,])\d+(?:,\d+)?(?![\w.,]\d)")
_YEAR = re.compile(r"(?<!\d)(20[0-2]\d|19[89]\d)(?!\d)")
_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-ZĐÀ-Ỹ\"“(-])|\n+")
_PLACE = re.compile(r"(?<!\w)(huyện|thị xã|thành phố|tỉnh|TP\.?|TX\.?|Huyện ủy|Thị ủy|Thành ủy|Tỉnh ủy) "
                    r"((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?: [A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SPLIT.split(text) if s.strip()]
PERIODS = [
    ("tháng {m} năm {y}", "month"), ("quý I năm {y}", "Q1"), ("6 tháng đầu năm {y}", "H1"),
    ("Sáu tháng đầu năm {y}", "H1"), ("9 tháng đầu năm {y}", "9M"), ("Chín tháng năm {y}", "9M"),
    ("10 tháng năm {y}", "10M"), ("năm {y}", "FY"), ("cả năm {y}", "FY"), ("quý III/{y}", "Q3"),
]
HEADLINES = [
    "{type_cap} {name}: kinh tế - xã hội {period} tiếp tục tăng trưởng",
    "{type_cap} {name} tổng kết tình hình kinh tế - xã hội {period}",
    "Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội {period} của {type} {name}",
    "{name}: nhiều chỉ tiêu đạt và vượt kế hoạch {period}",
    "Hội nghị Ban Chấp hành Đảng bộ {type} {name} đánh giá kết quả {period}",
]
LEADS = [
    "Sáng {d}/{mo}, UBND {type} {name} tổ chức hội nghị đánh giá kết quả thực hiện nhiệm vụ {period}.",
    "Theo báo cáo của UBND {type} {name}, {period} tình hình kinh tế - xã hội trên địa bàn tiếp tục ổn định.",
    "Chiều {d}/{mo}, {type_cap} ủy {name} họp phiên thường kỳ đánh giá kết quả lãnh đạo {period}.",
]
LIST_HEADS = ["Cụ thể:", "Trong đó:", "Kết quả chủ yếu như sau:", "Một số chỉ tiêu chính:"]
BYLINES = ["Minh Anh", "Văn Tuấn", "Thu Hà", "Ngọc Lan", "Hoàng Nam", "PV", "CTV Quang Huy"]


@dataclass(frozen=True)
class Template:
    text: str  # with {n0}, {n1}... number slots and {year}, {year_prev} slots
    numbers: tuple[str, ...]  # the numbers as first written, for their magnitude and format


def templates() -> list[Template]:
    """Every sentence with a figure in the reports this repository holds, as a template."""
    out: list[Template] = []
    seen: set[str] = set()
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            for s in _sentences(path.read_text(encoding="utf-8")):
                if len(s) < 30 or not _NUMBER.search(s) or s in seen or s.startswith("date "):
                    continue
                seen.add(s)
                s = _PLACE.sub(lambda m: m.group(1) + " {place}", s.replace("{", "(").replace("}", ")"))
                s = _YEAR.sub(lambda m: "{year}" if m.group(1) >= "2015" else "{year_prev}", s)
                numbers: list[str] = []

                def slot(m: re.Match[str], numbers: list[str] = numbers) -> str:
                    numbers.append(m.group())
                    return "{n" + str(len(numbers) - 1) + "}"

                text = _NUMBER.sub(slot, s)
                if numbers:
                    out.append(Template(text, tuple(numbers)))
    return out


def _value(raw: str) -> float:
    return float(raw.replace(".", "").replace(",", "."))


def render_number(rnd: random.Random, written: str, percent: bool = False) -> str:
    """A new number of the same magnitude, in the same or another format the reports use."""
    value = _value(written)
    decimals = len(written.split(",")[1]) if "," in written else 0
    new = value * rnd.uniform(0.55, 1.6) if value else rnd.uniform(0, 5)
    if value < 100 and "." not in written:  # percentages, counts, ranks: stay small
        new = rnd.uniform(1, 99.9) if value < 10 else new
        if new > 99.9:  # near the top, not all at one value
            new = rnd.uniform(90, 99.9)
        if percent and not decimals and rnd.random() < 0.6:  # `tăng 12,5%` as often as `tăng 12%`
            decimals = rnd.choice((1, 1, 2))
    style = rnd.random()
    whole = int(new)
    frac = f"{new - whole:.{decimals}f}"[2:] if decimals else ""
    if style < 0.75 or whole < 1000:  # Vietnamese grouping: 1.823,1
        body = f"{whole:,}".replace(",", ".")
    elif style < 0.9:  # no grouping: 1823,1
        body = str(whole)
    else:  # grouping by a space: 1 823,1
        body = f"{whole:,}".replace(",", " ")
    return body + (f",{frac}" if frac else "")


def localities() -> list[dict[str, str]]:
    with (ROOT / "seeds" / "localities.csv").open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["type"] in ("huyện", "thị xã", "thành phố", "quận", "tỉnh")]


# openers a report puts before a sentence: the place or the period it is about
OPENERS = ("Tại {type} {name}, ", "Trong {period}, ", "Riêng {period}, ", "Toàn {type} {name}: ",
           "{period_cap}, ", "Trên địa bàn {type} {name}, ")


def _FEW_FORMS(t: Template) -> bool:  # noqa: N802 (a predicate read like a constant's name in the loop)
    """A template whose figures are all under 1,000 and which names no place or year: few distinct forms."""
    return "{place}" not in t.text and "{year" not in t.text and all(_value(w) < 1000 for w in t.numbers)


def report(rnd: random.Random, pool: list[Template], places: list[dict[str, str]]) -> str:
    place = rnd.choice(places)
    kind, name = place["type"], place["name"]
    year = rnd.randint(2015, 2025)
    month = rnd.randint(1, 12)
    period_text, _ = rnd.choice(PERIODS)
    period = period_text.format(y=year, m=month)
    fill = {"type": kind, "type_cap": kind[:1].upper() + kind[1:], "name": name, "period": period,
            "period_cap": period[:1].upper() + period[1:],
            "d": rnd.randint(1, 28), "mo": rnd.randint(1, 12)}
    lines = [f" date {year}-{rnd.randint(1, 12):02d} " + rnd.choice(HEADLINES).format(**fill), "",
             rnd.choice(LEADS).format(**fill), ""]
    for _ in range(rnd.randint(4, 9)):  # paragraphs
        sentences = []
        for t in rnd.sample(pool, rnd.randint(2, 6)):
            numbers = {f"n{i}": render_number(rnd, w, f"{{n{i}}}%" in t.text) for i, w in enumerate(t.numbers)}
            sentence = t.text.format(year=year, year_prev=year - 1, place=name, **numbers)
            if _FEW_FORMS(t):  # its figures alone would repeat: name where or when, as reports do
                sentence = rnd.choice(OPENERS).format(**fill) + sentence[:1].lower() + sentence[1:]
            sentences.append(sentence)
        if rnd.random() < 0.25:
            lines.append(rnd.choice(LIST_HEADS))
            lines += [f"- {s}" for s in sentences]
        else:
            lines.append(" ".join(sentences))
        lines.append("")
    lines.append(rnd.choice(BYLINES))
    return "\n".join(lines) + "\n"


def generate(n: int, out: Path, seed: int = 7) -> dict[str, float]:
    """Write `n` reports into `out` (one file each); returns their count, bytes and repeated share."""
    rnd = random.Random(seed)
    pool, places = templates(), localities()
    out.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    total_bytes = 0
    for i in range(n):
        text = report(rnd, pool, places)
        data = text.encode("utf-8")
        (out / f"r{i:07d}.txt").write_bytes(data)
        total_bytes += len(data)
        counts.update(s for s in _sentences(text) if _NUMBER.search(s))
    sentences = sum(counts.values())
    repeated = sum(c for c in counts.values() if c > 1)
    return {"documents": n, "bytes": total_bytes, "sentences": sentences,
            "repeated_share": repeated / sentences if sentences else 0.0, "templates": len(pool)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    got = generate(args.n, args.out, args.seed)
    print(f"{got['documents']} reports, {got['bytes'] / 1e6:.1f} MB ({got['bytes'] / got['documents'] / 1e3:.1f} KB "
          f"each), {got['sentences']} sentences with a figure from {got['templates']} templates, "
          f"{got['repeated_share']:.2%} of them repeated")


if __name__ == "__main__":
    main()
