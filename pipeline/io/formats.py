"""Pure parsing of input formats into article dicts; failures raise `BadInput` with a reason.

Each function handles one input candidate (a .txt file, one JSON line) and knows nothing of Beam.
"""

from __future__ import annotations

import json
import re

from ..ids import article_id, normalise_text

KNOWN_FIELDS = ("id", "title", "text", "published_at", "source", "url")
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


class BadInput(ValueError):
    """An input that cannot become an article; the message is the dead-letter reason."""

    def __init__(self, reason: str, stage: str = "parse"):
        super().__init__(reason)
        self.stage = stage


def decode_utf8(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); names the first bad byte otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}", "read") from None


def split_txt_article(raw: str) -> tuple[str, str]:
    """(title, body) of a headline-first text: first non-blank line, then the rest."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    title, _, body = raw.partition("\n")
    return title.strip(), body.strip()


def make_article(title, text, *, source_id, source_uri, published_at=None, source=None, url=None, extra=None):
    """An `articles` row from parsed fields; empty title and body is bad input."""
    title = normalise_text(title or "")
    text = normalise_text(text or "")
    if not text and not title:
        raise BadInput("empty article: no title and no text")
    if not text:
        raise BadInput("empty article: title but no body text")
    return {
        "article_id": article_id(title, text),
        "source_id": str(source_id),
        "source_uri": source_uri,
        "title": title,
        "text": text,
        "published_at": _published(published_at),
        "language": "en",
        "word_count": len(_WORD.findall(title)) + len(_WORD.findall(text)),
        "source": None if source is None else str(source),
        "url": None if url is None else str(url),
        "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
    }


def _published(value) -> str | None:
    if value in (None, ""):
        return None
    value = str(value).strip()
    if not _DATE.match(value):
        raise BadInput(f"published_at {value!r} is not an ISO date or datetime")
    return value


def txt_article(data: bytes, path: str) -> dict:
    """One article from a headline-first .txt file."""
    title, body = split_txt_article(decode_utf8(data))
    stem = path.rsplit("/", 1)[-1]
    for suffix in (".gz", ".txt"):
        stem = stem.removesuffix(suffix)
    return make_article(title, body, source_id=stem, source_uri=path)


def jsonl_article(line: str, path: str, line_no: int) -> dict:
    """One article from one JSON line (fields: id, title, text, published_at, source, url; extras kept)."""
    where = f"{path}#{line_no}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInput(f"malformed JSON at line {line_no}, column {exc.colno}: {exc.msg}") from None
    if not isinstance(obj, dict):
        raise BadInput(f"line {line_no} is a JSON {type(obj).__name__}, not an object")
    for key in ("title", "text"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise BadInput(f"line {line_no}: field {key!r} must be a string")
    source_id = obj.get("id")
    extra = {k: v for k, v in obj.items() if k not in KNOWN_FIELDS}
    return make_article(
        obj.get("title"),
        obj.get("text"),
        source_id=source_id if source_id is not None else where,
        source_uri=f"{path}#{source_id}" if source_id is not None else where,
        published_at=obj.get("published_at"),
        source=obj.get("source"),
        url=obj.get("url"),
        extra=extra or None,
    )
