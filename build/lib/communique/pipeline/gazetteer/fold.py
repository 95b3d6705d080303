"""The look-up key of a place name, shared by every index of the gazetteer."""

from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[\u2010-\u2015\-]")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Look-up key: casefolded, accents stripped, dots/commas/hyphens as spaces, no "the"."""
    if text.isascii():
        text = text.lower().replace("`", "'")
    else:
        text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
        text = text.replace("ı", "i")  # dotless i survives NFKD
    text = text.replace(".", " ").replace(",", " ")
    text = _DASHES.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def latin(text: str) -> bool:
    """Written in Latin letters (GeoNames alternate names in other scripts are skipped)."""
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in text)
