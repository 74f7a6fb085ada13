"""Web pages as sources: the main text of an HTML report page, its title, date and address.

trafilatura finds the article body and drops navigation, share widgets and footers; the
title and date go on top of the text the way the text reports carry them, so the rest of
the pipeline reads a page exactly like a text file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

HTML_SUFFIXES = (".html", ".htm")
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlDocument:
    text: str  # title, a `date YYYY-MM-DD` line when the page has one, then the main text
    title: str | None
    url: str | None
    published: str | None


def decode_html(data: bytes) -> str:
    """The page's declared charset, else UTF-8 (replacing what does not decode)."""
    m = _CHARSET.search(data[:4096])
    charset = m.group(1).decode("ascii", "replace") if m else "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def html_to_text(html: str) -> HtmlDocument:
    """Main text and metadata of a page (offline: nothing is fetched)."""
    body = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True) or ""
    # only a date the page states in its metadata or markup: `extensive` would guess one from
    # any year in the text, and the date decides which figures are still targets
    meta = trafilatura.extract_metadata(html, extensive=False)
    title = (meta.title or "").strip() if meta else ""
    url = (meta.url or None) if meta else None
    published = (meta.date or None) if meta else None
    lines = []
    if published and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", published):
        lines.append(f"date {published}")
    first = body.strip().split("\n", 1)[0].strip() if body.strip() else ""
    if title and first != title:
        lines += [title, ""]
    text = "\n".join([*lines, body.strip()]) if body.strip() else ""
    return HtmlDocument(text, title or None, url, published)
