"""Raw documents → parsed tables (documents, sentences, facts, numbers, headings) in Polars.

One call handles a batch of documents; the flow never runs one task per document.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from transforms.anniversaries import find_anniversaries
from transforms.extract import EXTRACTOR_VERSION, extract_at
from transforms.locality import find_locality
from transforms.numbers import separator_habit
from transforms.reference import Reference
from transforms.text import clean_document

PARSED_DOCUMENT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "text": pl.String(), "title": pl.String(), "published_on": pl.Date(),
    "locality": pl.String(), "locality_type": pl.String(), "province": pl.String(),
    "province_2025": pl.String(), "separator_habit": pl.String(), "boilerplate_removed": pl.Int32(),
    "extractor_version": pl.String(), "reference_digest": pl.String(),
}
SENTENCE_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "sentence_index": pl.Int32(), "char_start": pl.Int32(), "char_end": pl.Int32(),
    "paragraph": pl.Int32(), "is_heading": pl.Boolean(), "sentence": pl.String(),
}
FACT_SCHEMA: dict[str, pl.DataType] = {
    "fact_id": pl.String(), "doc_id": pl.String(), "metric": pl.String(), "role": pl.String(),
    "value": pl.Float64(), "unit": pl.String(), "period_year": pl.Int32(), "period": pl.String(),
    "status": pl.String(), "qualifier": pl.String(), "comparison_base": pl.String(), "base_year": pl.Int32(),
    "scope": pl.String(), "parent_fact_id": pl.String(), "char_start": pl.Int32(), "char_end": pl.Int32(),
    "value_text": pl.String(), "value_precision": pl.Float64(), "sentence": pl.String(),
    "sentence_index": pl.Int32(), "part_list": pl.String(), "period_stated_at": pl.Int32(), "metric_how": pl.String(),
    "read_as": pl.String(), "read_scope": pl.String(), "extractor_version": pl.String(),
}
NUMBER_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "char_start": pl.Int32(), "char_end": pl.Int32(), "text": pl.String(),
    "value": pl.Float64(), "unit": pl.String(), "sentence_index": pl.Int32(), "fact_id": pl.String(),
    "reason": pl.String(),
}
HEADING_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "sentence_index": pl.Int32(), "char_start": pl.Int32(),
    "period_year": pl.Int32(), "period": pl.String(),
}

ANNIVERSARY_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "char_start": pl.Int32(), "char_end": pl.Int32(), "text": pl.String(),
    "years_stated": pl.Int32(), "from_year": pl.Int32(), "to_year": pl.Int32(),
}


@dataclass(frozen=True)
class Parsed:
    documents: pl.DataFrame
    sentences: pl.DataFrame
    facts: pl.DataFrame
    numbers: pl.DataFrame
    headings: pl.DataFrame
    anniversaries: pl.DataFrame


def parse_documents(raw: pl.DataFrame, ref: Reference) -> Parsed:
    """Parse every row of `raw` (columns doc_id, text, and optionally source_file: the name that dates a report
    whose text names no year) into the parsed tables."""
    names = pl.col("source_file").fill_null("") if "source_file" in raw.columns else pl.lit("")
    texts = raw.select("doc_id", pl.col("text").str.normalize("NFC"), names.alias("source_file"))
    docs, sents, facts, numbers, heads, annivs = [], [], [], [], [], []
    for doc_id, text, source_file in texts.iter_rows():
        clean = clean_document(text or "", ref.boilerplate)
        loc = find_locality(clean.text, clean.title, ref)
        ex = extract_at(doc_id, clean, ref, loc, source_file)
        docs.append({
            "doc_id": doc_id, "text": clean.text, "title": clean.title, "published_on": clean.published_on,
            "locality": loc.locality, "locality_type": loc.locality_type, "province": loc.province,
            "province_2025": loc.province_2025, "separator_habit": separator_habit(clean.text),
            "boilerplate_removed": len(clean.removed), "extractor_version": EXTRACTOR_VERSION,
            "reference_digest": ref.digest,
        })
        sents.extend({"doc_id": doc_id, "sentence_index": s.index, "char_start": s.start, "char_end": s.end,
                      "paragraph": s.paragraph, "is_heading": s.is_heading, "sentence": s.text}
                     for s in ex.sentences)
        # vars, not asdict: the fields are plain values, and asdict's deep copy was a tenth of the parse
        facts.extend({k: v for k, v in vars(f).items() if k in FACT_SCHEMA} for f in ex.facts)
        numbers.extend(dict(vars(n)) for n in ex.numbers)
        heads.extend({"doc_id": doc_id, "sentence_index": i, "char_start": pos, "period_year": y, "period": p}
                     for i, pos, y, p in ex.headings)
        annivs.extend({"doc_id": doc_id, **vars(a)} for a in find_anniversaries(clean.text))
    return Parsed(
        pl.DataFrame(docs, schema=PARSED_DOCUMENT_SCHEMA),
        pl.DataFrame(sents, schema=SENTENCE_SCHEMA),
        pl.DataFrame(facts, schema=FACT_SCHEMA),
        pl.DataFrame(numbers, schema=NUMBER_SCHEMA),
        pl.DataFrame(heads, schema=HEADING_SCHEMA),
        pl.DataFrame(annivs, schema=ANNIVERSARY_SCHEMA),
    )
