"""Great Expectations Data Docs for one validation run, as static HTML that opens offline.

GX 1.24 renders its pages from Jinja templates that load Bootstrap, jQuery, bootstrap-table,
vega and Font Awesome from public CDNs, and a logo from a public bucket with the data context id
and the time in its query string (a tracking image). GX ships none of those libraries (its
`render/view/static` holds only images, fonts and its own stylesheet). So the site is built with
view classes whose template loader looks in `docs_templates/` first: page heads without CDN tags,
the logo from the site's own `static/images/`, the index's tables as static HTML instead of
JavaScript-filled ones, no newsletter footer, plus a small local stylesheet in place of
Bootstrap's classes and Font Awesome's status icons.

After the build, `make_offline` scans every file of the site and removes whatever outside
reference is still left (a safety net for a GX upgrade that adds one), so opening the pages
calls no outside host.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView
from jinja2 import ChoiceLoader, FileSystemLoader

if TYPE_CHECKING:
    from great_expectations.data_context import AbstractDataContext

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).parent / "docs_templates"
SITE_NAME = "warehouse"

_OUTSIDE = r"(?:https?:)?//"  # http://, https:// and protocol-relative //host
_SCRIPT = re.compile(rf"<script\b[^>]*\bsrc\s*=\s*[\"']?{_OUTSIDE}[^>]*>\s*</script\s*>", re.I | re.S)
_LINK = re.compile(rf"<link\b[^>]*\bhref\s*=\s*[\"']?{_OUTSIDE}[^>]*>", re.I | re.S)
_IMG = re.compile(rf"<img\b[^>]*\bsrc\s*=\s*[\"']?{_OUTSIDE}[^>]*>", re.I | re.S)
_ANCHOR = re.compile(rf"<a\b[^>]*\bhref\s*=\s*[\"']?{_OUTSIDE}[^>]*>(.*?)</a\s*>", re.I | re.S)
_CSS_URL = re.compile(rf"url\(\s*[\"']?{_OUTSIDE}[^)]*\)", re.I)
_CSS_IMPORT = re.compile(rf"@import\s+(?:url\()?\s*[\"']?{_OUTSIDE}[^;]*;", re.I)
_ATTRIBUTE = re.compile(rf"\b(src|href|action|srcset|poster|data)\s*=\s*([\"']?){_OUTSIDE}[^\"'\s>]*\2", re.I)
TEXT_SUFFIXES = (".html", ".htm", ".css", ".js", ".svg")


def offline_css(css: str) -> str:
    """A stylesheet without outside references: `url(https://...)` becomes `none`."""
    return _CSS_IMPORT.sub("", _CSS_URL.sub("none", css))


def offline_html(text: str) -> tuple[str, int]:
    """Remove every reference to an outside host from one page: CDN scripts and stylesheets,
    remote images, links out (their text stays), CSS urls, and any other src/href attribute.
    Returns the page and how many references were removed."""
    removed = 0
    for pattern, replacement in ((_SCRIPT, ""), (_LINK, ""), (_IMG, ""), (_ANCHOR, r"\1"),
                                 (_CSS_URL, "none"), (_CSS_IMPORT, ""), (_ATTRIBUTE, r'\1="#"')):
        text, n = pattern.subn(replacement, text)
        removed += n
    return text, removed


def make_offline(site: Path) -> int:
    """Apply `offline_html` to every text file of a built site. Returns the references removed
    from pages: GX's copy of its stylesheet in `static/` (a dark-mode logo url; the pages inline
    the stylesheet instead) is cleaned without counting."""
    removed = 0
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        cleaned, n = offline_html(text)
        if n:
            path.write_text(cleaned, encoding="utf-8", errors="surrogateescape")
            if path.suffix.lower() in (".html", ".htm"):
                removed += n
    return removed


class _OfflineTemplates:
    """Mixin: this package's templates take precedence over GX's, and `offline_css` is a filter.

    (GX's own `custom_views_directory` is searched after its templates, so it can add templates
    but not replace one.)"""

    def __init__(self, custom_styles_directory: str | None = None, custom_views_directory: str | None = None) -> None:
        super().__init__(custom_styles_directory, custom_views_directory)  # type: ignore[call-arg]
        env = self.env  # type: ignore[attr-defined]
        env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES_DIR)), env.loader])
        env.filters["offline_css"] = offline_css


class OfflinePageView(_OfflineTemplates, DefaultJinjaPageView):
    """Expectation suite and validation result pages."""


class OfflineIndexPageView(_OfflineTemplates, DefaultJinjaIndexPageView):
    """The site's index.html."""


def site_config(base_directory: Path) -> dict:
    """A local filesystem site rendered with the offline views; no profiling section."""
    view = {"module_name": __name__, "class_name": "OfflinePageView"}
    return {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(base_directory)},
        "site_index_builder": {
            "class_name": "DefaultSiteIndexBuilder",
            "view": {"module_name": __name__, "class_name": "OfflineIndexPageView"},
        },
        "site_section_builders": {
            "expectations": {"view": view},
            "validations": {"view": view},
            "profiling": "None",
        },
    }


@dataclass(frozen=True)
class DocsBuild:
    index: Path
    pages: int
    removed_references: int  # outside references the safety net still had to remove from pages
    seconds: float


def build_data_docs(context: AbstractDataContext, docs_dir: Path) -> DocsBuild:
    """Build the Data Docs of every suite and validation result in `context` into `docs_dir`.

    The site is built next to `docs_dir` and swapped in when complete, so a reader never sees a
    half-built site and pages of earlier runs do not linger (history is `marts.fct_validation_runs`).
    """
    started = time.monotonic()
    docs_dir = docs_dir.resolve()
    staging = docs_dir.with_name(f"{docs_dir.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        sites = context.list_data_docs_sites()
        if SITE_NAME in sites:
            context.update_data_docs_site(SITE_NAME, site_config(staging))  # type: ignore[arg-type]
        else:
            context.add_data_docs_site(SITE_NAME, site_config(staging))  # type: ignore[arg-type]
        context.build_data_docs(site_names=[SITE_NAME])
        removed = make_offline(staging)
        if removed:
            log.warning("Data Docs: removed %d outside references the offline templates left", removed)
        pages = sum(1 for _ in staging.rglob("*.html"))
        _swap_in(staging, docs_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return DocsBuild(docs_dir / "index.html", pages, removed, time.monotonic() - started)


def _swap_in(staging: Path, target: Path) -> None:
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
