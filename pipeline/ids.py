"""Content-derived identifiers: the same input gives the same ids in every run and format."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache

# What json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":")) uses, built
# once: with any of those options set, json.dumps builds a new encoder on every call.
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def stable_hash(*parts) -> str:
    """16 hex digits of SHA-256 over the JSON form of `parts`."""
    return hashlib.sha256(_JSON.encode(parts).encode("utf-8")).hexdigest()[:16]


def normalise_text(value: str) -> str:
    """NFC, unified line ends and collapsed runs of spaces, so formats agree on an article."""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[ \t]+", " ", value).strip()


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(value):
    """Strings without NULs (PostgreSQL cannot store them) and with lone surrogates (not encodable
    as UTF-8, so no file could hold them) replaced by U+FFFD; lists and objects cleaned throughout.
    Applied to every input's fields and every dead letter, so all warehouses store the same rows."""
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "")
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    return value


def article_id(title: str, text: str) -> str:
    return stable_hash("article", normalise_text(title), normalise_text(text))


@lru_cache(maxsize=8192)  # the same names recur in article after article
def entity_id(name: str, etype: str) -> str:
    return stable_hash("entity", " ".join(name.casefold().split()), etype)
