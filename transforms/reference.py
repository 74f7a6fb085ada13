"""Reference data from `seeds/`: metric aliases, units, localities, boilerplate.

Rules are data: adding an indicator, a unit word or a locality is a CSV row, not code.
Loaded once per run and handed to the pure transforms.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from transforms.text import BoilerplateRule, fold, fold_pattern

SEED_FILES = ("metrics.csv", "units.csv", "localities.csv", "boilerplate.csv", "grammar/bounds.csv", "grammar/cues.csv",
              "grammar/masks.csv", "grammar/concepts.csv", "grammar/signatures.csv", "grammar/words.csv",
              "grammar/fractions.csv", "grammar/sector_compounds.csv", "grammar/within.csv",
              "grammar/abbreviations.csv", "grammar/synonyms.csv", "reported_codes.csv", "named_codes.csv",
              "locality_words.csv", "localities_former.csv", "locality_aliases.csv", "level_codes.csv")
GAP_WORDS = 8  # how many words `…` in an alias may stand for
TOPIC_MARK = "@"  # in a frame, before the words of its topic, which may also come before the figure


@dataclass(frozen=True)
class Metric:
    code: str
    unit: str
    domain: str
    label_en: str
    part_of: str | None = None  # the total this indicator is a component of (sector → production value)
    reduction_code: str | None = None  # a rate's own code for a fall in points (poverty_rate_reduction)


@dataclass(frozen=True)
class ReportedCode:
    """A project code written under a contract code in the warehouse, what it narrows kept as the scope
    (seeds/reported_codes.csv): the contract's annotators write a crop's sown area as `sown_area`."""

    code: str
    reported_as: str
    scope_if_none: str  # the scope of a fact read with none
    scope_prefix: str  # put before a scope the fact has, unless that scope already says it
    only_as_part: bool = False  # written so only as a part of a stated total (and that part's ratios)
    otherwise: str | None = None  # with only_as_part, the code written when it is no part (None: its own)


@dataclass(frozen=True)
class Alias:
    """One Vietnamese form of a metric.

    `subject` forms name the indicator before its figure (`thu ngân sách ... đạt 3.842 tỷ`);
    `frame` forms contain `{N}` where the figure stands (`{N} doanh nghiệp thành lập mới`).
    `…` stands for up to GAP_WORDS words. A `scope` form names a narrower part of the
    metric (`thu nội địa`), kept as the fact's scope.
    """

    code: str
    text: str
    kind: str  # subject | frame
    is_scope: bool
    pattern: re.Pattern[str] | None = None  # subject: whole alias
    pre: re.Pattern[str] | None = None  # frame: words before {N}, anchored at the end
    post: re.Pattern[str] | None = None  # frame: words after {N}, anchored at the start
    post_head: re.Pattern[str] | None = None  # frame: the words after {N} up to its last `…`
    topic: re.Pattern[str] | None = None  # frame: the words after its last `…`, which may come before {N}
    literal_len: int = 0
    # written in other words by seeds/grammar/synonyms.csv: matched as written, but no typo of it is looked for (the
    # alias it varies is already, and the fuzzy look-up's cost grows with the aliases it may reach)
    variant: bool = False


@dataclass(frozen=True)
class UnitWord:
    word: str
    kind: str  # scale | unit | counter
    scale: float
    unit: str


@dataclass(frozen=True)
class Locality:
    name: str
    type: str
    province: str
    province_2025: str
    key: str  # folded name
    name_ascii: str = ""  # no marks at all: `Đak Song` is `Đắk Song`


@dataclass(frozen=True)
class LevelCode:
    """A growth read as `read_as` whose clause names `words` is `written_as` in a report of `level`
    (seeds/level_codes.csv): what a province's statistics compile, a district's do not."""
    read_as: str
    words: str  # folded
    level: str  # province | district
    written_as: str


@dataclass(frozen=True)
class LocalityWord:
    """A word that states a unit's type (`huyện`, `TP.`), or one that makes a type word written alone the report's
    own unit (`toàn tỉnh`, `trên địa bàn huyện`): seeds/locality_words.csv."""
    word: str  # lower case
    kind: str  # type | own
    stated_type: str
    level: str  # tỉnh | city | lower


@dataclass
class Reference:
    metrics: dict[str, Metric]
    aliases: list[Alias]
    units: list[UnitWord]
    localities: list[Locality]
    boilerplate: list[BoilerplateRule]
    digest: str
    bounds: dict[str, tuple[float, float]] = field(default_factory=dict)  # quantity → (min, max) a fact may have
    grammar: Any = None  # transforms.grammar.load.Grammar, built from the same seed files
    gazetteer: Any = None  # transforms.locality's indexes of the localities, built with the reference
    subject_index: dict[str, list[Alias]] = field(default_factory=dict)
    word_index: dict[str, list[int]] = field(default_factory=dict)  # folded word → subject aliases holding it
    first_words: frozenset[str] = frozenset()  # the folded first word of every subject alias
    reduction_codes: frozenset[str] = frozenset()  # codes that are another rate's fall in points
    rate_of_reduction: dict[str, str] = field(default_factory=dict)  # a fall's code → the rate it is of
    locality_keys: frozenset[str] = frozenset()  # every locality's folded name
    # the first word after `{N}` of each frame → its aliases' indices (`doanh` → `{N} doanh nghiệp đăng ký mới`)
    frames_after_word: dict[str, list[int]] = field(default_factory=dict)
    counted_words: dict[str, set[str]] = field(default_factory=dict)  # first words after `{N}` in a metric's frames
    # the leading words of a metric's subject aliases (`doanh thu`, `doanh thu dịch vụ` of `doanh thu dịch vụ lưu trú`)
    leads: dict[str, list[str]] = field(default_factory=dict)
    reported: dict[str, ReportedCode] = field(default_factory=dict)  # project code → how the warehouse writes it
    # a code read → the words that write it under another code (seeds/named_codes.csv): (the word, whole and with
    # its tones, the written code), longest word first
    named_codes: dict[str, list[tuple[re.Pattern[str], str]]] = field(default_factory=dict)
    locality_words: list[LocalityWord] = field(default_factory=list)
    locality_aliases: dict[str, Locality] = field(default_factory=dict)  # another way reports write a unit's name
    level_codes: list[LevelCode] = field(default_factory=list)  # readings the report's level settles

    def __post_init__(self) -> None:
        self.reduction_codes = frozenset(m.reduction_code for m in self.metrics.values() if m.reduction_code)
        self.rate_of_reduction = {m.reduction_code: c for c, m in self.metrics.items() if m.reduction_code}
        self.locality_keys = frozenset(loc.key for loc in self.localities)
        for i, a in enumerate(self.aliases):
            if a.kind == "subject":
                self.subject_index.setdefault(_norm_key(a.text), []).append(a)
                words = a.text.split()
                own = self.leads.setdefault(a.code, [])
                own += [lead for k in range(len(words) - 1, 0, -1) if (lead := " ".join(words[:k])) not in own]
                for w in dict.fromkeys(re.findall(r"\w+", fold(a.text))) if not a.variant else ():
                    self.word_index.setdefault(w, []).append(i)
            elif a.kind == "frame" and (w := re.match(r"\s*(\w+)", fold(a.text.split("{N}", 1)[1]))) is not None:
                self.frames_after_word.setdefault(w.group(1), []).append(i)
                self.counted_words.setdefault(a.code, set()).add(w.group(1))  # what a count of the metric counts
        self.first_words = frozenset(w.group() for a in self.aliases if a.kind == "subject"
                                     and (w := re.match(r"\w+", fold(a.text))) is not None)
        # `99,8% số hộ dân sử dụng điện`: what a rate's name (`tỷ lệ hộ dân sử dụng điện`) counts, named after a
        # percentage, is that rate
        rate_word = fold("tỷ lệ ")
        counted = {fold(a.text)[len(rate_word):]: a.code for a in self.aliases if a.kind == "subject"
                   and self.metrics[a.code].unit == "percent" and fold(a.text).startswith(rate_word)}
        self.rate_of_counted = counted
        self.counted_after = re.compile(r"\s*(?:" + re.escape(fold("số")) + r"\s+)?(" + "|".join(
            re.escape(c).replace(r"\ ", r"\s+") for c in sorted(counted, key=len, reverse=True)) + r")(?!\w)")

    def out_of_bounds(self, unit: str, value: float, year: int | None) -> str | None:
        """Why a reading cannot be a fact of the contract (seeds/grammar/bounds.csv), or None."""
        lo, hi = self.bounds.get("period_year", (float("-inf"), float("inf")))
        if year is not None and not lo <= year <= hi:
            return f"year {year} outside the documented range {lo:.0f}-{hi:.0f}"
        lo, hi = self.bounds.get(unit, (float("-inf"), float("inf")))
        if not lo <= value <= hi:
            return f"{value:g} {unit} beyond the documented plausible magnitude ({hi:g} {unit})"
        return None

    def subject_alias(self, phrase: str) -> Alias | None:
        """The subject alias spelled exactly `phrase` (folded, spacing-insensitive)."""
        found = self.subject_index.get(_norm_key(phrase))
        return found[0] if found else None


def _norm_key(text: str) -> str:
    key = fold(text)
    key = re.sub(r"\s*[-,]\s*", " - ", key)  # `nông, lâm, thủy sản` = `nông - lâm - thủy sản`
    return re.sub(r"\s+", " ", key).strip()


# A gap word in a subject alias is a word, not a figure (a year may pass): the span of a
# subject is masked as part of a name, so `bình quân … tiêu chí/xã` must not swallow the
# number of `bình quân đạt 17 tiêu chí/xã`. A frame's gap may hold other figures
# (`GPMB 40,834 ha để thực hiện 4 dự án`): its words are not masked.
_ANY_WORD = r"[^\s;]+"
# A frame's gap stays inside one list item: no comma, except inside a number (`40,834 ha`).
_ITEM_WORD = r"(?:[^\s;,]|,(?=\d))+"
# (a period's count may pass too: `Kinh tế 9 tháng tăng trưởng 6,32%`)
_NAME_WORD = r"(?:[^\s\d;][^\s;]*|(?:19|20)\d{2}(?![\d.,]\d)[^\s;]*|\d{1,2}(?=\s+th[aá]ng(?!\w)))"


def _gaps(word: str) -> tuple[str, str, str]:
    """The `…` regexes (middle, end, start) with gap words matching `word`; the punctuation
    a literal word may carry (`(gpmb)`) is no comma when gap words may hold none."""
    punct = r"[^\s\w;,]*" if word == _ITEM_WORD else r"[^\s\w;]*"
    return (rf"{punct}(?:\s+{word}){{0,{GAP_WORDS}}}?\s+", rf"{punct}(?:\s+{word}){{0,{GAP_WORDS}}}?\s*",
            rf"(?:{word}\s+){{0,{GAP_WORDS}}}?")


def _words_regex(phrase: str, gap_word: str = _ANY_WORD) -> str:
    """Regex for a phrase: flexible spaces, hyphens with or without spaces, `…` gaps."""
    folded = fold(phrase).strip()
    chunks = re.split(r"\s*…\s*", folded)
    bodies = []
    for chunk in chunks:
        words = [re.escape(w) for w in re.split(r"\s+", chunk.strip()) if w]
        body = r"\s+".join(words)
        # a list of sectors is written with hyphens or commas: `nông - lâm - thủy sản`, `nông, lâm, thủy sản`
        body = body.replace(r"\-", r"\s*[-,]\s*").replace(r"\s+\s*[-,]\s*\s+", r"\s*[-,]\s*")
        body = body.replace(r"/", r"\s*/\s*")
        bodies.append(body)
    gap_mid, gap_end, gap_start = _gaps(gap_word)
    out = gap_mid.join(b for b in bodies if b)
    if folded.startswith("…"):
        out = gap_start + out
    if folded.endswith("…"):
        out = out + gap_end
    return out


def _literal_len(phrase: str) -> int:
    return len(re.sub(r"[\s…]|\{N\}", "", phrase))


_OTHER_NUMBER = r"\s*\d{1,40}(?:[.,]\d{1,40}){0,12}\s*"


def make_alias(code: str, text: str, is_scope: bool = False) -> Alias:
    text = text.strip()
    if "{N}" not in text:
        rx = re.compile(r"(?<!\w)" + _words_regex(text, _NAME_WORD) + r"(?!\w)")
        return Alias(code, text, "subject", is_scope, pattern=rx, literal_len=_literal_len(text))
    pre_txt, post_txt = text.replace(TOPIC_MARK, "").split("{N}", 1)
    pre = re.compile(r"(?<!\w)" + _words_regex(pre_txt, _ITEM_WORD) + r"\s*$") if pre_txt.strip() else None
    # a second `{N}` (`{N}/{N} chỉ tiêu đạt`) is any number: the denominator of a fraction
    post_rx = _OTHER_NUMBER.join(_words_regex(part, _ITEM_WORD) for part in post_txt.split("{N}"))
    post = re.compile(r"\s*" + post_rx + r"(?!\w)") if post_txt.strip() else None
    post_head = topic = None
    if TOPIC_MARK in text:
        # `{N} xã đạt … @nông thôn mới`: the topic may also be named before the figure, in its sentence
        # (`xây dựng nông thôn mới có nhiều kết quả, với 75/80 xã đạt chuẩn`)
        head_txt, topic_txt = text.split("{N}", 1)[1].split(TOPIC_MARK, 1)
        post_head = re.compile(r"\s*" + _words_regex(head_txt.rstrip().rstrip("…"), _ITEM_WORD) + r"(?!\w)")
        topic = re.compile(r"(?<!\w)" + _words_regex(topic_txt) + r"(?!\w)")
    return Alias(code, text, "frame", is_scope, pre=pre, post=post, literal_len=_literal_len(text),
                 post_head=post_head, topic=topic)


def _read_csv(text: str, name: str = "") -> list[dict[str, str]]:
    """Rows of a seed CSV. A row with more fields than the header (an unquoted comma inside a phrase)
    would silently drop its last words: it is an error naming the file and line."""
    rows = []
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        if None in row:
            raise ValueError(f"seeds/{name}: line {reader.line_num}: {len(reader.fieldnames or []) + len(row[None])} "
                             f"fields where the header has {len(reader.fieldnames or [])} (quote a field "
                             f"that holds a comma): {','.join(str(v) for v in row.values())[:120]!r}")
        rows.append(row)
    return rows


def _with_synonyms(texts: Iterable[str], rules: list[tuple[re.Pattern[str], str]], written: set[str]) -> list[str]:
    """Each alias, then the same alias in the other words reports use for its words (`sử dụng` → `được dùng`,
    seeds/grammar/synonyms.csv), each rule applied to what the rules above it gave; a variant another alias
    already writes (maybe of another indicator) is left to that alias."""
    out: list[str] = []
    for text in texts:
        forms = [text]
        for rx, variant in rules:
            for form in list(forms):
                if variant in form:
                    continue  # (`được sử dụng` gets no second được)
                other = rx.sub(variant, form)
                if other != form and other not in forms and other not in written:
                    forms.append(other)
        out.extend(f for f in forms if f not in out)
    return out


def _with_abbreviations(texts: Iterable[str], shortened: list[tuple[re.Pattern[str], str]]) -> list[str]:
    """Each alias, then the same alias with its words abbreviated as reports write them (`doanh nghiệp` → `DN`,
    seeds/grammar/abbreviations.csv), where that is another text."""
    out: list[str] = []
    for text in texts:
        out.append(text)
        for rx, short in shortened:
            variant = rx.sub(short, text)
            if variant != text and variant not in out:
                out.append(variant)
    return out


def _level_codes(text: str, metrics: dict[str, Metric]) -> list[LevelCode]:
    """seeds/level_codes.csv, each code one of metrics.csv, each level one a report can be of."""
    out = []
    for line, r in enumerate(_read_csv(text, "level_codes.csv"), start=2):
        for col in ("read_as", "written_as"):
            if r[col].strip() not in metrics:
                raise ValueError(f"seeds/level_codes.csv: line {line}: {col} {r[col]!r} is no code of metrics.csv")
        if r["level"].strip() not in ("province", "district"):
            raise ValueError(f"seeds/level_codes.csv: line {line}: level {r['level']!r} is neither province nor "
                             "district")
        out.append(LevelCode(r["read_as"].strip(), fold(r["words"].strip()), r["level"].strip(),
                             r["written_as"].strip()))
    return out


def _locality_aliases(text: str, localities: list[Locality]) -> dict[str, Locality]:
    """seeds/locality_aliases.csv: each alias of a unit of the gazetteer (`HCM`), an alias naming none an error."""
    units = {(u.name, u.type): u for u in localities}
    out: dict[str, Locality] = {}
    for line, r in enumerate(_read_csv(text, "locality_aliases.csv"), start=2):
        unit = units.get((r["name"].strip(), r["type"].strip()))
        if unit is None:
            raise ValueError(f"seeds/locality_aliases.csv: line {line}: {r['name']!r} ({r['type']}) is no unit of "
                             "localities.csv or localities_former.csv")
        out[r["alias"].strip()] = unit
    return out


def parse_reference(files: dict[str, str]) -> Reference:
    """Build the reference from the seed files' text (name → content)."""
    digest = hashlib.sha256()
    for name in SEED_FILES:
        digest.update(name.encode())
        digest.update(files[name].encode("utf-8"))
    metrics: dict[str, Metric] = {}
    aliases: list[Alias] = []
    shortened = [(re.compile(r"(?<!\w)" + re.escape(r["expansion"].strip()) + r"(?!\w)"), r["abbreviation"].strip())
                 for r in _read_csv(files["grammar/abbreviations.csv"], "grammar/abbreviations.csv")]
    synonyms = [(re.compile(r"(?<!\w)" + re.escape(r["phrase"].strip()) + r"(?!\w)"), r["variant"].strip())
                for r in _read_csv(files["grammar/synonyms.csv"], "grammar/synonyms.csv")]
    metric_rows = _read_csv(files["metrics.csv"], "metrics.csv")
    written = {a.strip() for row in metric_rows for col in ("aliases", "scope_aliases")
               for a in (row.get(col) or "").split("|") if a.strip()}

    def spelled_out(texts: Iterable[str]) -> list[tuple[str, bool]]:
        """Each alias, then its abbreviations and synonym variants (flagged: no typo of a short form is looked for,
        `gtsx công nghiệp - xây dựng` is no misspelling of `khu vực công nghiệp - xây dựng`)."""
        own = list(texts)
        return [(t, t not in own) for t in _with_abbreviations(_with_synonyms(own, synonyms, written), shortened)]

    for line, row in enumerate(metric_rows, start=2):
        code = row["code"].strip()
        if code in metrics:  # a second row would silently replace the first and duplicate the dimension
            raise ValueError(f"seeds/metrics.csv: line {line}: metric code {code!r} is defined twice")
        metrics[code] = Metric(code, row["unit"].strip(), row["domain"].strip(), row.get("label_en", "").strip(),
                               (row.get("part_of") or "").strip() or None,
                               (row.get("reduction_code") or "").strip() or None)
        for text, variant in spelled_out(filter(None, (a.strip() for a in row["aliases"].split("|")))):
            aliases.append(replace(make_alias(code, text), variant=variant))
        scoped = filter(None, (a.strip() for a in (row.get("scope_aliases") or "").split("|")))
        for text, variant in spelled_out(scoped):
            aliases.append(replace(make_alias(code, text, is_scope=True), variant=variant))
    units = [
        UnitWord(fold(r["word"].strip()), r["kind"].strip(), float(r["scale"] or 1), r["unit"].strip())
        for r in _read_csv(files["units.csv"], "units.csv")
    ]
    units.sort(key=lambda u: -len(u.word))
    localities = [
        Locality(r["name"], r["type"], r["province"], r.get("province_2025", ""), _norm_key(r["name"]),
                 r.get("name_ascii", ""))
        for r in (*_read_csv(files["localities.csv"], "localities.csv"),
                  *_read_csv(files["localities_former.csv"], "localities_former.csv"))
    ]
    locality_aliases = _locality_aliases(files["locality_aliases.csv"], localities)
    locality_words = [LocalityWord(r["word"].strip().lower(), r["kind"].strip(), r["stated_type"].strip(),
                                   r["level"].strip())
                      for r in _read_csv(files["locality_words.csv"], "locality_words.csv")]
    rules = [
        BoilerplateRule(re.compile(fold_pattern(r["pattern"])), r["reason"])
        for r in _read_csv(files["boilerplate.csv"], "boilerplate.csv")
    ]
    bounds = {r["quantity"].strip(): (float(r["min_value"]), float(r["max_value"]))
              for r in _read_csv(files["grammar/bounds.csv"], "grammar/bounds.csv")}
    from transforms.grammar.load import GRAMMAR_FILES, build_grammar

    grammar = build_grammar({n: _read_csv(files[n], n) for n in GRAMMAR_FILES}, aliases, units)
    reported = _reported_codes(files["reported_codes.csv"], metrics)
    ref = Reference(metrics, aliases, units, localities, rules, digest.hexdigest()[:16], bounds, grammar,
                    reported=reported, named_codes=_named_codes(files["named_codes.csv"], metrics),
                    locality_words=locality_words, locality_aliases=locality_aliases,
                    level_codes=_level_codes(files["level_codes.csv"], metrics))
    from transforms.locality import build_gazetteer

    ref.gazetteer = build_gazetteer(ref)
    return ref


def _named_codes(text: str, metrics: dict[str, Metric]) -> dict[str, list[tuple[re.Pattern[str], str]]]:
    """seeds/named_codes.csv, checked: both codes known. Words match whole and with their tones (`cam`, orange,
    is not `cảm`)."""
    rows: list[tuple[str, str, str]] = []
    for line, row in enumerate(_read_csv(text, "named_codes.csv"), start=2):
        word, code, read_as = row["word"].strip().lower(), row["code"].strip(), row["read_as"].strip()
        for c in (code, read_as):
            if c not in metrics:
                raise ValueError(f"seeds/named_codes.csv: line {line}: unknown metric code {c!r}")
        if not word:
            raise ValueError(f"seeds/named_codes.csv: line {line}: no word")
        rows.append((word, code, read_as))
    out: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for word, code, read_as in sorted(rows, key=lambda r: -len(r[0])):
        out.setdefault(read_as, []).append((re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)"), code))
    return out

def _reported_codes(text: str, metrics: dict[str, Metric]) -> dict[str, ReportedCode]:
    """seeds/reported_codes.csv, checked: both codes known, one unit, the written code no project code of its own."""
    out: dict[str, ReportedCode] = {}
    for line, row in enumerate(_read_csv(text, "reported_codes.csv"), start=2):
        code, to = row["code"].strip(), row["reported_as"].strip()
        where = f"seeds/reported_codes.csv: line {line}"
        for c in (code, to):
            if c not in metrics:
                raise ValueError(f"{where}: unknown metric code {c!r}")
        if metrics[code].unit != metrics[to].unit:
            raise ValueError(f"{where}: {code!r} is in {metrics[code].unit}, {to!r} in {metrics[to].unit}")
        if code in out:
            raise ValueError(f"{where}: {code!r} is given twice")
        scope = row["scope_if_none"].strip()
        if not scope:
            raise ValueError(f"{where}: scope_if_none is empty: {code!r} would merge with {to!r} itself")
        when = (row.get("when") or "always").strip()
        if when not in ("always", "part"):
            raise ValueError(f"{where}: when is {when!r}, not 'always' or 'part'")
        otherwise = (row.get("otherwise") or "").strip() or None
        if otherwise is not None and (when != "part" or otherwise not in metrics
                                      or metrics[otherwise].unit != metrics[code].unit):
            raise ValueError(f"{where}: otherwise {otherwise!r} needs when 'part' and a known code in "
                             f"{metrics[code].unit}")
        out[code] = ReportedCode(code, to, scope, (row.get("scope_prefix") or "").strip(), when == "part", otherwise)
    chained = sorted({r.reported_as for r in out.values()} & set(out))
    if chained:
        raise ValueError(f"seeds/reported_codes.csv: {', '.join(chained)} is written under another code and "
                         "itself the code others are written under")
    return out


def load_reference(seeds_dir: Path) -> Reference:
    """Read the seed CSVs from `seeds_dir` (the only I/O here)."""
    missing = [n for n in SEED_FILES if not (seeds_dir / n).is_file()]
    if missing:
        raise FileNotFoundError(f"{seeds_dir}: missing reference file(s) {', '.join(missing)}")
    return parse_reference({n: (seeds_dir / n).read_text(encoding="utf-8") for n in SEED_FILES})
