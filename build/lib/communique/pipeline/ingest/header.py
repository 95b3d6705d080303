"""A header block or front matter at the top of a release: title, published, url.

`Key: value` lines before the first blank line (or a `---` YAML block) are
metadata when at least one key is a known one (ingest/data/header_keys.yaml).
Ingest reads the metadata from it; extraction skips it when it looks for the
dateline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

import yaml
from pydantic import BaseModel

from communique.pipeline.ingest.rule_data import load_ingest_rows


class HeaderKey(BaseModel):
    key: str
    field: Literal["published", "title", "url", "ignore"]


@dataclass
class Header:
    """Metadata read from a header block or front matter at the top of a text."""

    title: str | None = None
    published: str | None = None  # raw value, parse with parse_date_expression
    url: str | None = None
    end: int = 0  # offset just after the block


@cache
def _header_keys() -> dict[str, str]:
    return {r.key.lower(): r.field for r in load_ingest_rows("header_keys.yaml", HeaderKey)}


_HEADER_LINE = re.compile(r"[ \t]*(?P<key>[A-Za-z][A-Za-z .\-]{0,30}?)[ \t]*:[ \t]*(?P<value>.*)")


def read_header(text: str) -> Header | None:
    """Front matter (`---` YAML block) or a header block of `Key: value` lines at the top.

    A header block is the run of `Key: value` lines before the first blank
    line; it counts only when every line is such a line and at least one key
    is a known one (ingest/data/header_keys.yaml). The block stays in the text
    (spans index into it); its end offset is returned so the dateline search
    can start after it.
    """
    if text.startswith("---\n"):
        return _front_matter(text)
    keys = _header_keys()
    found: dict[str, str] = {}
    position = 0
    known = 0
    for line in text.split("\n"):
        if not line.strip():
            break
        match = _HEADER_LINE.fullmatch(line)
        if not match or match["key"].startswith("http"):
            return None
        field_name = keys.get(match["key"].strip().lower())
        if field_name:
            known += 1
            if field_name != "ignore" and match["value"].strip():
                found.setdefault(field_name, match["value"].strip())
        position += len(line) + 1
    if not known:
        return None
    return Header(found.get("title"), found.get("published"), found.get("url"),
                  min(position, len(text)))


def _front_matter(text: str) -> Header | None:
    close = text.find("\n---", 4, 8000)
    if close < 0:
        return None
    try:
        meta = yaml.safe_load(text[4:close])
    except yaml.YAMLError:
        return None
    if not isinstance(meta, dict):
        return None
    keys = _header_keys()
    found: dict[str, str] = {}
    for key, value in meta.items():
        field_name = keys.get(str(key).strip().lower())
        if field_name and field_name != "ignore" and value not in (None, ""):
            found.setdefault(field_name, value.isoformat()[:10]
                             if isinstance(value, dt.date) else str(value).strip())
    end = text.find("\n", close + 4)
    return Header(found.get("title"), found.get("published"), found.get("url"),
                  len(text) if end < 0 else end + 1)
