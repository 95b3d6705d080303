"""Web pages read as a browser shows them: main text, headline and publication date.

Scraped ministry and news pages rarely wrap the release in `<article>` or
`<main>`; their menus, sidebars, breadcrumbs, bylines, share links and
copyright lines sit in plain `<div>`s. trafilatura (made for this, and well
kept) finds the main text; htmldate finds the publication date the way a
reader would: meta tags, JSON-LD, `<time>` with or without `datetime`, a
visible date under the headline. Where trafilatura returns nothing (a page
of a few short lines) the small reader of decode.py is kept as the fallback;
a page that reader finds nothing in outside navigation, header and footer is
empty (trafilatura would offer the menu's "Home").

The text is the headline, a blank line, then the main text with its blocks
separated by blank lines, so sentence splitting sees the page's structure;
spans index into it.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from communique.pipeline.ingest.decode import HtmlText, html_main_text

_LINES = re.compile(r"[ \t]*\n[ \t\n]*")
_SPACES = re.compile(r"[ \t\u00a0]+")
_WHITE = re.compile(r"\s+")


def read_page(markup: str) -> HtmlText:
    """Main text, headline and raw publication date of an HTML page."""
    fallback = html_main_text(markup)
    if not fallback.text.strip():
        return fallback  # only scripts, navigation, header and footer: nothing to read
    body, title = _extract(markup)
    if not body:
        return fallback
    blocks = [_SPACES.sub(" ", b).strip() for b in _LINES.split(body)]
    blocks = [b for b in blocks if b]
    title = _headline(markup, blocks) or fallback.title or title
    if title and (not blocks or blocks[0] != title):
        blocks.insert(0, title)
    return HtmlText("\n\n".join(blocks), title, _page_date(markup) or fallback.published)


def _headline(markup: str, blocks: list[str]) -> str | None:
    """The page's headline: the first heading (h1-h3) that opens the main text, else
    its first h1 (a site's <title> often names the site, not the release)."""
    tree = LexborHTMLParser(markup)
    headings = [_WHITE.sub(" ", n.text(deep=True)).strip() for n in tree.css("h1, h2, h3")]
    if blocks and blocks[0] in headings:
        return blocks[0]
    first = tree.css_first("h1")
    return _WHITE.sub(" ", first.text(deep=True)).strip() or None if first else None


def _extract(markup: str) -> tuple[str | None, str | None]:
    """(main text, title) by trafilatura; (None, None) when it finds no main text."""
    import trafilatura  # slow import: only for HTML inputs

    try:
        found = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, favor_precision=True, deduplicate=False)
    except Exception:  # a page it cannot parse is read by the fallback
        return None, None
    if found is None:
        return None, None
    text = getattr(found, "text", None)
    return (text if text and text.strip() else None), getattr(found, "title", None)


def _page_date(markup: str) -> str | None:
    """The page's original publication date as YYYY-MM-DD, or None. Without htmldate's
    extensive search, which guesses 1 January from a copyright year ("© 2021")."""
    from htmldate import find_date

    try:
        return find_date(markup, extensive_search=False, original_date=True,
                         outputformat="%Y-%m-%d")
    except Exception:  # htmldate failing on odd markup must not lose the release
        return None
