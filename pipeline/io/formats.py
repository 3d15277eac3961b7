"""Pure parsing of input formats into article dicts; failures raise `BadInput` with a reason.

Each function handles one input candidate (a .txt file, one JSON line) and knows nothing of Beam.
Text is decoded like a tolerant reader: a BOM (UTF-8/16/32) wins, then UTF-8, then detection among
the encodings English text comes in (UTF-16/32 without a BOM, Windows-1252). Every string of an
article loses its NUL characters and has lone surrogates replaced by U+FFFD, whatever the format,
so every warehouse stores the same row. Dates are ISO 8601 (checked to exist), RFC 2822 (feeds) or
epoch seconds.
"""

from __future__ import annotations

import codecs
import json
import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from ..ids import article_id, clean, normalise_text

KNOWN_FIELDS = ("id", "title", "text", "published_at", "source", "url")
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                   r"(Z|[+-](\d{2}):?(\d{2}))?)?$")
_EPOCH = re.compile(r"^-?\d{1,13}(?:\.\d+)?$")
# Epoch values this large are milliseconds (as seconds they would fall after the year 5000).
_EPOCH_MS = 100_000_000_000
# Longest first: the UTF-32 LE BOM begins with the UTF-16 LE one.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# What text without a BOM that is not UTF-8 may be: statistical detection over every code page
# guesses wrong on short English text (cp1250, Big5), so the candidates are the ones English
# files actually come in. Binary data fits none of them and is refused.
# English text in UTF-16/32 is full of NULs (the high bytes of ASCII), which single-byte text is not.
WIDE = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]
NARROW = ["cp1252"]
DAMAGED = "damaged input"


class BadInput(ValueError):
    """An input that cannot become an article; the message is the dead-letter reason."""

    def __init__(self, reason: str, stage: str = "parse"):
        super().__init__(reason)
        self.stage = stage


class Damaged(BadInput):
    """A file cut short or corrupt (a truncated gzip stream, a WARC archive cut inside a record):
    what was read before the damage stands, the rest is lost. Named in the manifest."""

    def __init__(self, reason: str):
        super().__init__(f"{DAMAGED}: {reason}", "read")
        self.reason = reason


def bom_encoding(head: bytes) -> str | None:
    """The codec a byte-order mark at the start of `head` names, else None."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding used): the BOM's encoding, else UTF-8, else the detected one."""
    encoding = bom_encoding(data)
    if encoding:
        try:
            return data.decode(encoding), encoding.removesuffix("-sig")
        except UnicodeDecodeError as exc:
            raise BadInput(f"not valid {encoding.removesuffix('-sig').upper()} after its byte-order mark: "
                           f"bytes at offset {exc.start}", "read") from None
    head = data[:4096]
    wide = head.count(0) * 10 > len(head)  # NULs throughout: UTF-16/32 without a BOM
    if not wide:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            first_bad = exc.start
    encoding = detect_encoding(data, WIDE if wide else NARROW)
    if encoding is None:
        if wide and _utf8(data):
            return data.decode("utf-8"), "utf-8"  # NULs in UTF-8 text (removed later)
        where = data.index(0) if wide else first_bad
        raise BadInput(f"not text in a known encoding (UTF-8, UTF-16/32, Windows-1252): byte "
                       f"0x{data[where]:02x} at offset {where} fits none of them", "read")
    return data.decode(encoding), encoding


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(data: bytes, candidates: list[str]) -> str | None:
    """The most plausible of `candidates` for bytes that are not UTF-8 (None: binary or unknown)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=candidates).best()
    return None if best is None else best.encoding.replace("_", "-")


def split_txt_article(raw: str) -> tuple[str, str]:
    """(title, body) of a headline-first text: first non-blank line, then the rest."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    title, _, body = raw.partition("\n")
    return title.strip(), body.strip()


def make_article(title, text, *, source_id, source_uri, published_at=None, source=None, url=None, extra=None):
    """An `articles` row from parsed fields; empty title and body is bad input."""
    title = normalise_text(clean(title or ""))
    text = normalise_text(clean(text or ""))
    source_id, source_uri, source, url, extra = clean([source_id, source_uri, source, url, extra])
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
    """ISO 8601 as given (once checked to be a real date), RFC 2822 or epoch seconds as ISO."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise BadInput(f"published_at {value!r} is not a date")
    text = clean(str(value)).strip()
    if _EPOCH.match(text):
        return _from_epoch(float(text))
    found = _DATE.match(text)
    if found:
        _check_iso(found, text)
        return text
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        raise BadInput(f"published_at {text!r} is not an ISO date, an RFC 2822 date or epoch seconds")
    return parsed.isoformat()


def _check_iso(found: re.Match, text: str) -> None:
    year, month, day, hour, minute, second, _zone, zone_h, zone_m = found.groups()
    try:
        date(int(year), int(month), int(day))
        if hour is not None and (int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59):
            raise ValueError
        if zone_h is not None and (int(zone_h) > 23 or int(zone_m) > 59):
            raise ValueError
    except ValueError:
        raise BadInput(f"published_at {text!r} is not a real date or time") from None


def _from_epoch(seconds: float) -> str:
    if abs(seconds) >= _EPOCH_MS:
        seconds /= 1000
    try:
        moment = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=int(seconds))
    except OverflowError:
        raise BadInput(f"published_at {seconds!r} is out of range as epoch seconds") from None
    return moment.isoformat().replace("+00:00", "Z")


def txt_article(data: bytes | str, path: str) -> dict:
    """One article from a headline-first .txt file (bytes are decoded by `decode_text`)."""
    title, body = split_txt_article(decode_text(data)[0] if isinstance(data, bytes) else data)
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
