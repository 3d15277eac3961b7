"""Pure parsing of web inputs: an HTML page, or the HTML responses in a WARC archive, to articles.

One HTML file is one input. In a WARC (`.warc`, or `.warc.gz` gzip-compressed per record) each
`response` record with HTTP status 2xx and an HTML content type (`text/html`,
`application/xhtml+xml`) is one input; every other record (warcinfo, request, metadata, revisit,
resource, conversion; responses for images, robots.txt, JSON, redirects, errors) is not an article
candidate and is skipped, counted in the optional `skipped` counter. Failures raise or yield
`BadInput` with a reason, as in `formats`; nothing here knows Beam.

Main text, title, date, canonical URL and site name come from trafilatura; the page is decoded as a
browser would (BOM, HTTP header charset, `<meta charset>`, then UTF-8 or windows-1252). What is
left of a page without an article (a menu, a caption: under `MIN_WORDS` words) is bad input.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from trafilatura import bare_extraction
from trafilatura.utils import load_html
from w3lib.encoding import html_to_unicode
from warcio.archiveiterator import ArchiveIterator

from ..ids import clean
from .formats import BadInput, Damaged, make_article

HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
                        "continuation", "arc_header"})  # arc_header: warcio's name for an ARC file header
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Dates from the page's markup only (meta tags, JSON-LD, <time>): no guessing from the running text,
# where "August 10" is an event date, not the publication date. The earliest date wins.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Elements of trafilatura's output tree that start a new paragraph.
_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "code", "table", "row", "cell", "div", "graphic"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[A-Za-z!?]")
# Fewer words of main text than this is not an article (a section front, a video page, an error page).
MIN_WORDS = 20


def html_article(data: bytes, path: str) -> dict:
    """One article from an HTML file; `source_id` is the file name without `.html`/`.htm`(`.gz`)."""
    stem = path.rsplit("/", 1)[-1]
    for suffix in (".gz", *HTML_SUFFIXES):
        stem = stem.removesuffix(suffix)
    return page_article(data, source_id=stem, source_uri=path)


def page_article(data: bytes, *, source_id: str, source_uri: str, content_type: str | None = None,
                 default_url: str | None = None, extra: dict | None = None) -> dict:
    """An article from the bytes of one HTML page.

    `content_type` is the HTTP Content-Type header when known (its charset wins over the page's own
    declaration, as in a browser); `default_url` is the URL the page was fetched from, used when the
    page declares no canonical URL.
    """
    if not data.strip():
        raise BadInput("empty HTML page")
    page = clean(decode_html(data, content_type))  # lxml refuses NULs
    tree = load_html(page) if _TAG.search(page, 0, 4096) else None
    if tree is None:
        start = " ".join(page[:40].split())
        raise BadInput(f"not an HTML document: it starts {start!r}")
    doc = bare_extraction(tree, url=default_url, with_metadata=True, include_comments=False,
                          include_tables=False, include_images=False, include_links=False,
                          date_extraction_params=dict(DATE_PARAMS))
    if doc is None or doc.body is None:
        raise BadInput("no article text found in HTML")
    title = _clean(doc.title or "")
    paragraphs = body_paragraphs(doc.body)
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline repeated as the body's first heading
    if not paragraphs:
        raise BadInput("no article text found in HTML")
    words = sum(len(_WORD.findall(para)) for para in paragraphs)
    if words < MIN_WORDS:
        # What is left of a page with no article is a menu or a caption ("Home", "Watch the video").
        raise BadInput(f"no article text found in HTML: only {words} words of main text "
                       f"(at least {MIN_WORDS} expected)")
    return make_article(title, "\n\n".join(paragraphs), source_id=source_id, source_uri=source_uri,
                        published_at=doc.date or None, source=doc.sitename or None,
                        url=doc.url or default_url, extra=extra)


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """The page as text: BOM, then the HTTP header's charset, then `<meta charset>` / `http-equiv`,
    then UTF-8 if the bytes are valid UTF-8, else windows-1252. Undecodable bytes become U+FFFD."""
    return html_to_unicode(content_type, data, auto_detect_fun=_sniff_encoding)[1]


def _sniff_encoding(data: bytes) -> str:
    # An undeclared page that is not UTF-8 is read as windows-1252, as browsers in English locales
    # do; statistical detection on a short English page guesses wrong too often to be worth it.
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def body_paragraphs(body) -> list[str]:
    """Paragraphs of trafilatura's extracted tree: one per block element (paragraph, heading, list
    item, quote...); a `<br>` is a line break inside its paragraph (trafilatura keeps one of a run)."""
    for lb in body.iter("lb"):
        lb.text = "\n"
    out: list[str] = []
    _walk(body, out)
    paragraphs = []
    for chunk in out:
        for para in _PARAGRAPH_BREAK.split(chunk):
            lines = [_clean(line) for line in para.split("\n")]
            para = "\n".join(line for line in lines if line)
            if para:
                paragraphs.append(para)
    return paragraphs


def _walk(element, out: list[str]) -> None:
    if not any(child.tag in _BLOCKS for child in element):
        out.append("".join(element.itertext()))
        return
    inline = [element.text or ""]  # text of the element itself, between its block children
    for child in element:
        if child.tag in _BLOCKS:
            out.append("".join(inline))
            inline = []
            _walk(child, out)
        else:
            inline.append("".join(child.itertext()))
        inline.append(child.tail or "")
    out.append("".join(inline))


def _clean(text: str) -> str:
    return " ".join(text.split())


def is_html_type(content_type: str | None) -> bool:
    """Whether a Content-Type header value names an HTML document."""
    return bool(content_type) and content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


def warc_articles(data: bytes | BinaryIO, path: str, skipped: Counter | None = None
                  ) -> Iterator[tuple[str, dict | BadInput]]:
    """`(where, article or BadInput)` for each HTML response record of a WARC archive.

    `where` is `path#<WARC-Target-URI>`; the article's `source_id` is the target URI and its
    `source_uri` is `where`; `extra` keeps the record's id and fetch time (and `WARC-Truncated`).
    A record that cannot become an article yields its `BadInput` and reading carries on. An archive
    that cannot be read (not a WARC, corrupt or truncated) raises `BadInput` (stage "read") when the
    damage is reached, after the records before it were yielded. `data` may also be a binary file
    object, so a large archive streams instead of sitting in memory. Records that are not inputs are
    counted in `skipped` by kind ("request", "non-html", "http 404", ...) when a Counter is passed.
    """
    stream = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    skipped = Counter() if skipped is None else skipped
    records = ArchiveIterator(stream, check_digests=False)
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            _check_tail(data, records.offset, number)
            return
        except Damaged as exc:  # the file under the archive (a gzip stream cut short)
            raise Damaged(f"{exc.reason}, in WARC record {number + 1}") from None
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on a damaged archive
            if number == 0:
                raise BadInput(f"not a readable WARC archive: {_describe(exc)}", "read") from None
            raise Damaged(f"WARC archive unreadable after record {number}: {_describe(exc)}") from None
        number += 1
        problem = _header_problem(record)
        if problem:  # warcio reads a header block that is cut short or garbled without complaint
            raise BadInput(f"WARC archive unreadable at record {number}: {problem}", "read")
        kind = _skip_reason(record)
        if kind:
            _drain(record, number, kind)
            skipped[kind] += 1
            continue
        headers = record.rec_headers
        uri = headers.get_header("WARC-Target-URI") or f"record-{number}"
        where = f"{path}#{uri}"
        try:
            body = record.content_stream().read()
        except Damaged as exc:
            raise Damaged(f"{exc.reason}, in WARC record {number}") from None
        except Exception as exc:  # noqa: BLE001 - a bad HTTP body (chunking, gzip) costs one record
            _drain(record, number, "HTML response")
            yield where, BadInput(f"WARC record {number}: cannot read HTTP body: {_describe(exc)}", "read")
            continue
        _drain(record, number, "HTML response")
        extra = {"warc_record_id": headers.get_header("WARC-Record-ID"),
                 "fetched_at": headers.get_header("WARC-Date")}
        if headers.get_header("WARC-Truncated"):
            extra["warc_truncated"] = headers.get_header("WARC-Truncated")
        try:
            yield where, page_article(body, source_id=uri, source_uri=where, default_url=uri,
                                      content_type=record.http_headers.get_header("Content-Type"),
                                      extra={k: v for k, v in extra.items() if v})
        except BadInput as exc:
            yield where, exc
        except Exception as exc:  # noqa: BLE001 - a page the HTML parser chokes on costs that record
            yield where, BadInput(f"cannot parse HTML: {_describe(exc)}")


def _header_problem(record) -> str | None:
    # warcio falls back to reading anything as a legacy ARC record ("\0junk" becomes a response):
    # only WARC records are accepted, so garbage is reported instead of skipped.
    if not record.format.startswith("warc"):
        return f"not a WARC record (read as {record.format!r})"
    if record.rec_type is None:
        return "no WARC-Type header"
    if record.rec_type not in WARC_TYPES:
        return f"unknown WARC-Type {record.rec_type!r}"
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        return "no valid Content-Length header"
    return None


def _drain(record, number: int, kind: str) -> None:
    """Read the record to its end; an archive that ends before the record's Content-Length is cut off
    there (warcio itself reads a short record without complaint)."""
    try:
        while record.raw_stream.read(1 << 16):
            pass
    except Damaged as exc:
        raise Damaged(f"{exc.reason}, in WARC record {number} ({kind})") from None
    except Exception as exc:  # noqa: BLE001 - a damaged gzip member, say
        raise Damaged(f"WARC archive unreadable in record {number} ({kind}): {_describe(exc)}") from None
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        raise Damaged(f"WARC archive cut off in record {number} ({kind}): it ends {missing} bytes "
                      "before the record does")


def _check_tail(data, offset: int, number: int) -> None:
    """warcio stops quietly when an archive ends inside a record's headers; in-memory data shows it."""
    if not isinstance(data, (bytes, bytearray)):
        return
    if number == 0 and not data.strip():
        raise BadInput("empty WARC archive", "read")
    if data[offset:].strip():
        where = f"after record {number}" if number else "at its first record"
        reason = (f"WARC archive unreadable {where}: {len(data) - offset} bytes at offset {offset} "
                  "are not a complete record")
        raise BadInput(reason, "read") if number == 0 else Damaged(reason)


def _skip_reason(record) -> str | None:
    """Why a WARC record is not an input (None when it is one)."""
    if record.rec_type != "response":
        return record.rec_type or "unknown"
    http = record.http_headers
    if http is None:
        return "response without HTTP headers"
    status = (http.get_statuscode() or "").strip()
    if not status.startswith("2"):
        return f"http {status or 'status unknown'}"
    if not is_html_type(http.get_header("Content-Type")):
        return "non-html"
    return None


def _describe(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
