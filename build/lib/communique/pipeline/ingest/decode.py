"""Bytes to text for ingest: encodings, binary detection, HTML main text.

Every span of a record indexes into the text this module returns, so the
decoding rules are the contract (records.md, Span: "after decoding, before
any other change"). Decoding here means: remove a byte order mark, decode,
and normalise line ends (CRLF and lone CR become LF). Nothing else is
changed: no Unicode normalisation, no whitespace trimming. HTML is the one
exception by design: its text is the extracted main text, never the markup.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser, LexborNode

# Magic numbers of formats people drop into a folder of releases by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx/.odt)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (.doc/.xls) document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (  # longest first: UTF-32 LE starts like UTF-16 LE
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# On a tie between single-byte code pages, English releases are far more often
# Windows-1252 than Central European or Baltic ones.
_PREFERRED_ON_TIE = ("cp1252",)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?")


class DecodeError(ValueError):
    """The bytes are not text we can read; carries the reason and a hint for the user."""

    def __init__(self, reason: str, hint: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


@dataclass
class Decoded:
    """Decoded text plus what the user should know about how it was read."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR to LF: part of decoding, so spans are the same on every OS."""
    return _NEWLINES.sub("\n", text)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a text file's bytes; raise DecodeError for binary or undecodable data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, warn=False)
    kind = _binary_kind(data)
    if kind == "utf-16-le":
        return _strict(data, "utf-16-le", warn=True, note=" (no byte order mark)")
    if kind:
        raise DecodeError(f"binary file ({kind})",
                          "convert it to .txt, .md or .html, or move it out of the input")
    try:
        return Decoded(_finish(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        return _detect(data)


def _strict(data: bytes, encoding: str, warn: bool, note: str = "") -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not valid {encoding}: {exc.reason} at byte {exc.start}",
                          "re-save the file as UTF-8") from exc
    warnings = [f"decoded as {encoding}{note}"] if warn else []
    return Decoded(_finish(text), encoding, warnings)


def _binary_kind(data: bytes) -> str | None:
    """A name for binary content, 'utf-16-le' for BOM-less UTF-16 text, or None."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:4096]
    if b"\x00" not in head:
        return None
    odd_nuls = head[1::2].count(0)
    if len(head) % 2 == 0 and odd_nuls > 0.4 * len(head) / 2 and head[0::2].count(0) == 0:
        return "utf-16-le"
    return "contains NUL bytes"


def _detect(data: bytes) -> Decoded:
    """Not UTF-8: let charset-normalizer guess, preferring cp1252 on ties."""
    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("cannot detect the text encoding", "re-save the file as UTF-8")
    best = matches[0]
    encoding = best.encoding
    for match in matches:
        if match.chaos > best.chaos:
            continue
        for preferred in _PREFERRED_ON_TIE:
            if preferred == match.encoding or preferred in match.could_be_from_charset:
                encoding = preferred
                break
        if encoding != best.encoding:
            break
    text = data.decode(encoding, errors="strict")
    return Decoded(_finish(text), encoding, [f"decoded as {encoding}"])


def _finish(text: str) -> str:
    """Normalise newlines; refuse text that is mostly control characters (binary)."""
    text = normalise_newlines(text)
    if "\x00" in text:
        raise DecodeError("binary file (contains NUL characters)",
                          "convert it to plain text, or move it out of the input")
    controls = len(_CONTROL.findall(text[:20000]))
    if controls > max(3, len(text[:20000]) // 100):
        raise DecodeError("binary file (many control characters)",
                          "convert it to plain text, or move it out of the input")
    return text


# --- HTML -----------------------------------------------------------------

_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "form", "nav", "aside",
         "button", "select", "object", "embed", "head")
# Page header/footer are chrome; an article's own <header> holds its headline.
_DROP_OUTSIDE_CONTENT = ("header", "footer")
_CONTENT = frozenset({"main", "article"})
_BLOCK = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5",
                    "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table",
                    "tr", "td", "th", "figure", "figcaption", "address", "body", "html"})
_SPACES = re.compile(r"[ \t\f\v\r\n\u00a0]+")


@dataclass
class HtmlText:
    """The main text of a page (blocks separated by blank lines) and its title."""

    text: str
    title: str | None
    published: str | None


def html_main_text(markup: str) -> HtmlText:
    """Main text of an HTML page: scripts, styles, navigation, header, footer dropped.

    The content root is `<main>`, else `<article>`, else `[role=main]`, else
    `<body>`. Each block (paragraph, heading, list item ...) becomes one
    paragraph with whitespace collapsed; paragraphs are separated by a blank
    line so sentence splitting sees the page's structure.
    """
    tree = LexborHTMLParser(markup)
    title = _title(tree)
    published = _meta_published(tree)
    for selector in _DROP:
        for node in tree.css(selector):
            node.decompose()
    for selector in _DROP_OUTSIDE_CONTENT:
        for node in tree.css(selector):
            if not _inside(node, _CONTENT):
                node.decompose()
    root = (tree.css_first("main") or tree.css_first("article")
            or tree.css_first("[role=main]") or tree.body or tree.root)
    blocks = _blocks(root) if root is not None else []
    return HtmlText("\n\n".join(blocks), title, published)


def _blocks(root: LexborNode) -> list[str]:
    """Text of block elements in document order (iterative: deep pages don't recurse)."""
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        joined = _SPACES.sub(" ", "".join(current)).strip()
        if joined:
            blocks.append(joined)
        current.clear()

    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            flush()
            continue
        if tag == "-text":
            current.append(node.text_content or "")
            continue
        if tag == "br":
            current.append(" ")
            continue
        if tag in _BLOCK:
            flush()
            stack.append((node, True))
        children = list(_children(node))
        stack.extend((child, False) for child in reversed(children))
    flush()
    return blocks


def _inside(node: LexborNode, tags: frozenset[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _children(node: LexborNode):
    child = node.child
    while child is not None:
        yield child
        child = child.next


def _title(tree: LexborHTMLParser) -> str | None:
    """Headline: the first <h1>, else <title> (which often carries the site name)."""
    for selector in ("h1", "title"):
        node = tree.css_first(selector)
        if node is not None:
            text = _SPACES.sub(" ", node.text(deep=True)).strip()
            if text:
                return text
    return None


def _meta_published(tree: LexborHTMLParser) -> str | None:
    """Raw publication date from common meta tags or the first <time datetime>."""
    for selector in ('meta[property="article:published_time"]', 'meta[name="date"]',
                     'meta[name="pubdate"]', 'meta[itemprop="datePublished"]',
                     'meta[name="dc.date"]', 'meta[name="DC.date"]'):
        node = tree.css_first(selector)
        if node is not None and node.attributes.get("content"):
            return node.attributes["content"]
    node = tree.css_first("time[datetime]")
    return node.attributes.get("datetime") if node is not None else None
