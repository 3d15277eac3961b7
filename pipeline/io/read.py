"""`ReadArticles`: files and globs on any Beam filesystem to article dicts plus input dead letters."""

from __future__ import annotations

import codecs
import gzip
import os
import zlib
from collections import Counter
from functools import partial

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from ..deadletter import dead_letter
from . import DEFAULT_MAX_ARTICLE_CHARS
from .formats import BadInput, Damaged, bom_encoding, decode_text, detect_encoding, jsonl_article, txt_article

DEAD = "dead_letter"
NAMESPACE = "newsbeam"
ENCODING_COUNTER = "decoded_as_"  # + the encoding: inputs read in it (manifest: input_encodings)
# An HTML page is mostly markup: its size says little about the article's, but bounds memory.
MAX_PAGE_BYTES = 64 << 20
FORMATS = {
    "jsonl": (".jsonl", ".ndjson", ".json"),
    "html": (".html", ".htm", ".xhtml"),
    "warc": (".warc",),
    "txt": (".txt",),
}
OTHER_COMPRESSION = (".bz2", ".zst", ".zstd", ".xz", ".lzma", ".deflate", ".zip", ".z", ".lz4", ".7z")


def expand_inputs(patterns: list[str]) -> list[str]:
    """Every file the patterns name, sorted; raises FileNotFoundError naming a pattern with no match."""
    paths = set()
    for pattern in patterns:
        result = FileSystems.match([pattern])[0]
        found = [m.path for m in result.metadata_list if not m.path.endswith("/")]
        if not found:
            raise FileNotFoundError(f"no input matches {pattern!r}")
        paths.update(found)
    return sorted(paths)


def input_format(path: str) -> str | None:
    """jsonl, html, warc or txt, from the name (a .gz suffix is looked through); None if unsupported."""
    name = path.rsplit("/", 1)[-1].lower().removesuffix(".gz")
    for kind, suffixes in FORMATS.items():
        if name.endswith(suffixes):
            return kind
    return None


def unsupported_reason(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if name.lower().endswith(OTHER_COMPRESSION):
        return f"unsupported extension: {name!r} is compressed in a format other than gzip (.gz)"
    suffix = name.rsplit(".", 1)[-1] if "." in name.lstrip(".") else ""
    known = ", ".join(s for suffixes in FORMATS.values() for s in suffixes)
    return (f"unsupported extension {'.' + suffix if suffix else '(none)'}: {name!r} is not read as an "
            f"article (inputs are {known}, optionally .gz)")


class InputStream:
    """A file's bytes, gunzipped when its name ends in .gz, read in chunks.

    A read that fails part-way (a gzip stream cut short or corrupt, a read error) is damage: the
    bytes before it are still handed out, then every later read raises `Damaged` naming how many
    bytes came through. Nothing beyond the damage is taken for data, and a file that ends early
    is never mistaken for a complete one.
    """

    CHUNK = 1 << 16

    def __init__(self, handle, path: str):
        self._handle = handle
        self._gzip = gzip.GzipFile(fileobj=handle, mode="rb") if path.lower().endswith(".gz") else None
        # read1 hands over what was decompressed so far; read() would drop it with the error.
        self._raw_read = self._gzip.read1 if self._gzip else handle.read
        self._buffer = bytearray()
        self._eof = False
        self.offset = 0  # bytes received from the file (decompressed)
        self.damage: str | None = None

    def _fill(self) -> bool:
        """One more chunk into the buffer; False at the end of the data or at damage."""
        if self._eof or self.damage:
            return False
        try:
            chunk = self._raw_read(self.CHUNK)
        except Exception as exc:  # noqa: BLE001 - whatever breaks a stream, the rest is lost
            unit = "bytes of decompressed data" if self._gzip else "bytes"
            self.damage = f"{_describe_damage(exc)} after {self.offset:,} {unit}"
            return False
        if not chunk:
            self._eof = True
            return False
        self._buffer += chunk
        self.offset += len(chunk)
        return True

    def _take(self, size: int) -> bytes:
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def _damaged(self) -> Damaged:
        return Damaged(self.damage)

    def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes (all if negative); short before damage, which the next read raises."""
        while (size < 0 or len(self._buffer) < size) and self._fill():
            pass
        if not self._buffer and self.damage:
            raise self._damaged()
        return self._take(len(self._buffer) if size < 0 else size)

    def read_whole(self, cap: int) -> bytes:
        """Everything up to `cap` + 1 bytes, raising `Damaged` if the data breaks off before."""
        data = self.read(cap + 1)
        if self.damage:
            raise self._damaged()
        return data

    def readline(self, limit: int = -1) -> bytes:
        """One line with its newline (at most `limit` bytes). A line broken off by damage is not
        returned: `Damaged` is raised instead."""
        start = 0
        while True:
            found = self._buffer.find(b"\n", start)
            if found >= 0 and (limit < 0 or found < limit):
                return self._take(found + 1)
            if 0 <= limit <= len(self._buffer):
                return self._take(limit)
            start = len(self._buffer)
            if not self._fill():
                if self.damage:
                    raise self._damaged()
                return self._take(len(self._buffer))

    def peek(self, size: int) -> bytes:
        while len(self._buffer) < size and self._fill():
            pass
        return bytes(self._buffer[:size])

    def close(self) -> None:
        try:
            if self._gzip is not None:
                self._gzip.close()
        finally:
            self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _describe_damage(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, EOFError):
        return "the gzip stream ends before its end marker (the file was cut short)"
    if isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        return f"corrupt gzip data ({text})"
    return f"read failed ({_describe(exc)})"


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"


def _is_folder(path: str) -> bool:
    # Only a local path names a folder: object stores match objects, never "directories".
    return "://" not in path and os.path.isdir(path)


def open_input(path: str) -> InputStream:
    """The file at `path` as an `InputStream` (gunzipped for .gz)."""
    return InputStream(FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED), path)


class ReadFileFn(beam.DoFn):
    """One file to articles (main output) and input-level dead letters (tagged `dead_letter`).

    Every input candidate (a .txt or HTML file, a JSON line, a WARC HTML response, an unreadable
    or unsupported file, the damaged rest of a file) bumps `inputs_read` once and ends as exactly
    one output, so the manifest reconciles. Files are streamed: a JSON Lines or WARC file of any
    size is read a line or a record at a time.
    """

    def __init__(self, max_chars: int = DEFAULT_MAX_ARTICLE_CHARS):
        self.max_chars = max_chars
        self.inputs_read = Metrics.counter(NAMESPACE, "inputs_read")
        self.damaged = Metrics.counter(NAMESPACE, "inputs_damaged")
        self.warc_skipped = Metrics.counter(NAMESPACE, "warc_records_skipped")

    def process(self, path: str):
        kind = input_format(path)
        if _is_folder(path):
            self.inputs_read.inc()
            yield self._dead(path, "read", f"{path} is a folder, not a file: to read the files in it, "
                             f"pass '{path.rstrip('/')}/' or a glob such as '{path.rstrip('/')}/*.jsonl'")
            return
        if kind is None:
            self.inputs_read.inc()
            yield self._dead(path, "read", unsupported_reason(path))
            return
        try:
            stream = open_input(path)
        except Exception as exc:  # noqa: BLE001 - any unreadable file is one dead-lettered input
            self.inputs_read.inc()
            yield self._dead(path, "read", f"cannot read file: {_describe(exc)}")
            return
        with stream:
            if kind == "warc":
                yield from self._warc(stream, path)
            elif kind == "jsonl":
                yield from self._jsonl(stream, path)
            else:
                yield from self._whole_file(stream, path, kind)

    def _whole_file(self, stream, path: str, kind: str):
        """A .txt or HTML file: one input, read whole (up to what the article limit allows)."""
        self.inputs_read.inc()
        # A character takes at most 4 bytes in UTF-8, UTF-16 and UTF-32 (plus a BOM).
        cap = 4 * self.max_chars + 4 if kind == "txt" else MAX_PAGE_BYTES
        try:
            data = stream.read_whole(cap)
        except Damaged as exc:
            self.damaged.inc()
            yield self._dead(path, "read", f"{exc}; no article is taken from a partial file")
            return
        except Exception as exc:  # noqa: BLE001
            yield self._dead(path, "read", f"cannot read file: {_describe(exc)}")
            return
        if len(data) > cap:
            limit = (f"more than --max-article-chars {self.max_chars:,} characters can take"
                     if kind == "txt" else "the largest HTML page read")
            yield self._dead(path, "parse", f"file over {cap:,} bytes: {limit}", data[:2000])
            return
        if kind == "txt":
            try:
                text, encoding = decode_text(data)
            except BadInput as exc:
                yield self._dead(path, exc.stage, str(exc), data[:2000])
                return
            self._encoding(encoding)
            yield from self._one(partial(txt_article, text, path), path, text[:2000])
        else:
            from .web import html_article  # trafilatura costs 0.3 s to import: only when HTML is read

            yield from self._one(partial(html_article, data, path), path, data[:2000])

    def _warc(self, stream, path: str):
        """One input per HTML response record; other records (requests, images, redirects) are
        not articles and are only counted. Damage ends the archive as one more dead letter."""
        from .web import warc_articles

        skipped = Counter()
        try:
            for where, found in warc_articles(stream, path, skipped):
                self.inputs_read.inc()
                if isinstance(found, BadInput):
                    yield self._dead(where, found.stage, str(found))
                else:
                    yield from self._checked(found)
        except BadInput as exc:
            self.inputs_read.inc()
            if isinstance(exc, Damaged):
                self.damaged.inc()
            yield self._dead(path, exc.stage, str(exc))
        self.warc_skipped.inc(sum(skipped.values()))

    def _jsonl(self, stream, path: str):
        """One input per non-blank line; a line that cannot be decoded or parsed costs only itself."""
        line_no = 0
        cap = 12 * self.max_chars + 4096  # a JSON line may spell a character as "\ud83d\ude00"
        try:
            wide, lines = jsonl_lines(stream, cap)
            for line_no, line in enumerate(lines, start=1):
                if not isinstance(line, TooLong) and not line.strip():
                    continue  # blank lines are layout, not inputs
                self.inputs_read.inc()
                where = f"{path}#{line_no}"
                if isinstance(line, TooLong):
                    yield self._dead(where, "parse", f"line {line_no} is {line.size:,} {line.unit} long: "
                                     f"more than --max-article-chars {self.max_chars:,} characters can "
                                     "take", line.start)
                    continue
                if wide:
                    self._encoding(wide)
                else:
                    try:
                        line = self._decode_line(line, line_no)
                    except BadInput as exc:
                        yield self._dead(where, "read", str(exc), line.decode("utf-8", errors="replace"))
                        continue
                yield from self._one(partial(jsonl_article, line, path, line_no), where, line)
        except Damaged as exc:
            self.inputs_read.inc()
            self.damaged.inc()
            yield self._dead(path, "read", f"{exc}, in line {line_no + 1}; the rest of the file is lost")

    def _decode_line(self, raw: bytes, line_no: int) -> str:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            encoding = detect_encoding(raw, ["cp1252"])
            if encoding is None:
                raise BadInput(f"line {line_no} is not text in a known encoding (UTF-8, Windows-1252): "
                               f"byte 0x{raw[exc.start]:02x} at offset {exc.start}", "read") from None
            text = raw.decode(encoding)
        self._encoding(encoding)
        return text

    def _encoding(self, encoding: str) -> None:
        Metrics.counter(NAMESPACE, ENCODING_COUNTER + encoding).inc()

    def _one(self, parse, where: str, payload):
        try:
            article = parse()
        except Exception as exc:  # noqa: BLE001 - a parser failing on odd input costs that input only
            stage, reason = (exc.stage, str(exc)) if isinstance(exc, BadInput) else ("parse", _describe(exc))
            yield self._dead(where, stage, reason, payload)
            return
        yield from self._checked(article)

    def _checked(self, article: dict):
        """The article, or a dead letter if it is longer than the limit (memory and spaCy's
        `max_length` grow with it; the limit is `--max-article-chars`)."""
        size = len(article["title"]) + len(article["text"])
        if size > self.max_chars:
            yield self._dead(article["source_uri"], "parse",
                             f"article is {size:,} characters long, over the limit of {self.max_chars:,} "
                             "(--max-article-chars)", {k: article[k] for k in ("source_id", "title")})
            return
        yield article

    @staticmethod
    def _dead(where, stage, error, payload=None):
        if isinstance(payload, bytes):
            payload = payload.decode("utf-8", errors="replace")
        return beam.pvalue.TaggedOutput(DEAD, dead_letter("input", where, stage, error, payload))


class TooLong:
    """A line over the size limit: its size and first characters, not the line itself."""

    def __init__(self, size: int, unit: str, start: str):
        self.size, self.unit, self.start = size, unit, start


def jsonl_lines(stream, cap: int):
    """(encoding, lines) of a JSON Lines stream: lines are bytes for a UTF-8 file (each decoded on
    its own, so one bad line costs one input) and text for a UTF-16/32 one (its BOM says so, and
    is the encoding returned). A line over `cap` is a `TooLong`, skipped rather than held."""
    encoding = bom_encoding(stream.peek(4)[:4])
    if encoding in ("utf-16", "utf-32"):
        return encoding, _wide_lines(stream, encoding, cap)
    if encoding == "utf-8-sig":
        stream.read(3)
    return None, _byte_lines(stream, cap)


def _byte_lines(stream, cap: int):
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            start, size = line[:2000].decode("utf-8", errors="replace"), len(line)
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
                size += len(line)
            yield TooLong(size, "bytes", start)
            continue
        yield line.rstrip(b"\r\n")


def _wide_lines(stream, encoding: str, cap: int):
    """Text lines of a UTF-16/32 stream, decoded incrementally (a line over `cap` characters is a
    `TooLong`). Bytes that are not valid in the encoding end the file as damage."""
    decoder = codecs.getincrementaldecoder(encoding)()
    pending, skipping = "", None
    while True:
        chunk = stream.read(1 << 16)
        try:
            pending += decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise Damaged(f"not valid {encoding.upper()} ({exc.reason})") from None
        *lines, pending = pending.split("\n")
        for line in lines:
            if skipping is not None:
                yield TooLong(skipping + len(line), "characters", "")
                skipping = None
            elif len(line) > cap:
                yield TooLong(len(line), "characters", line[:2000])
            else:
                yield line.rstrip("\r")
        if len(pending) > cap:  # a line longer than the cap is counted, not kept
            skipping = (skipping or 0) + len(pending)
            pending = ""
        if not chunk:
            break
    if skipping is not None:
        yield TooLong(skipping + len(pending), "characters", "")
    elif pending:
        yield pending.rstrip("\r")


class ReadArticles(beam.PTransform):
    """Paths to `articles` rows, with unreadable inputs tagged `dead_letter`."""

    def __init__(self, paths: list[str], max_chars: int = DEFAULT_MAX_ARTICLE_CHARS):
        super().__init__()
        self.paths = paths
        self.max_chars = max_chars

    def expand(self, pbegin):
        return (
            pbegin
            | "ListFiles" >> beam.Create(self.paths)
            | "SpreadFiles" >> beam.Reshuffle()
            | "ParseFiles" >> beam.ParDo(ReadFileFn(self.max_chars)).with_outputs(DEAD, main="articles")
        )


class DropDuplicates(beam.PTransform):
    """One article per `article_id`; the first by source_uri wins, the rest are counted."""

    def expand(self, articles):
        return (
            articles
            | "KeyById" >> beam.Map(lambda a: (a["article_id"], a))
            | "GroupById" >> beam.GroupByKey()
            | "KeepFirst" >> beam.Map(_keep_first)
        )


_duplicates = Metrics.counter(NAMESPACE, "duplicates")


def _keep_first(keyed):
    _, copies = keyed
    copies = sorted(copies, key=lambda a: a["source_uri"])
    if len(copies) > 1:
        _duplicates.inc(len(copies) - 1)
    return copies[0]
