"""`ReadArticles`: files and globs on any Beam filesystem to article dicts plus input dead letters."""

from __future__ import annotations

from collections import Counter
from functools import partial

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from ..deadletter import dead_letter
from .formats import BadInput, jsonl_article, txt_article
from .web import html_article, warc_articles

DEAD = "dead_letter"
NAMESPACE = "newsbeam"


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


def input_format(path: str) -> str:
    """jsonl, html, warc or txt, from the name (a .gz suffix is looked through)."""
    name = path.lower().removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith(".warc"):
        return "warc"
    return "txt"


class ReadFileFn(beam.DoFn):
    """One file to articles (main output) and input-level dead letters (tagged `dead_letter`).

    Every input candidate (a .txt or HTML file, a JSON line, a WARC HTML response, an unreadable
    file) bumps `inputs_read` once and ends as exactly one output, so the manifest reconciles.
    """

    def __init__(self):
        self.inputs_read = Metrics.counter(NAMESPACE, "inputs_read")
        self.warc_skipped = Metrics.counter(NAMESPACE, "warc_records_skipped")

    def process(self, path: str):
        kind = input_format(path)
        try:
            handle = FileSystems.open(path, compression_type=CompressionTypes.AUTO)
            with handle:
                if kind == "warc":  # streamed: archives can be far larger than memory
                    yield from self._warc(handle, path)
                    return
                data = handle.read()
        except Exception as exc:  # noqa: BLE001 - any unreadable file is one dead-lettered input
            self.inputs_read.inc()
            yield self._dead(path, "read", f"cannot read file: {type(exc).__name__}: {exc}")
            return
        if kind == "jsonl":
            yield from self._jsonl(data, path)
            return
        self.inputs_read.inc()
        parse = html_article if kind == "html" else txt_article
        yield from self._one(partial(parse, data, path), path, data[:2000])

    def _warc(self, handle, path: str):
        """One input per HTML response record; other records (requests, images, redirects) are
        not articles and are only counted. Damage ends the archive as one more dead letter."""
        skipped = Counter()
        try:
            for where, found in warc_articles(handle, path, skipped):
                self.inputs_read.inc()
                if isinstance(found, BadInput):
                    yield self._dead(where, found.stage, str(found))
                else:
                    yield found
        except BadInput as exc:
            self.inputs_read.inc()
            yield self._dead(path, exc.stage, str(exc))
        self.warc_skipped.inc(sum(skipped.values()))

    def _jsonl(self, data: bytes, path: str):
        # Decode line by line so one bad line costs one input, not the whole file.
        for line_no, raw in enumerate(data.split(b"\n"), start=1):
            if not raw.strip():
                continue  # blank lines are layout, not inputs
            self.inputs_read.inc()
            try:
                line = raw.decode("utf-8-sig" if line_no == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield self._dead(f"{path}#{line_no}", "read", f"line {line_no} is not valid UTF-8: "
                                 f"byte 0x{raw[exc.start]:02x} at offset {exc.start}",
                                 raw.decode("utf-8", errors="replace"))
                continue
            yield from self._one(partial(jsonl_article, line, path, line_no), f"{path}#{line_no}", line)

    def _one(self, parse, where: str, payload):
        try:
            yield parse()
        except BadInput as exc:
            if isinstance(payload, bytes):
                payload = payload.decode("utf-8", errors="replace")
            yield self._dead(where, exc.stage, str(exc), payload)

    @staticmethod
    def _dead(where, stage, error, payload=None):
        return beam.pvalue.TaggedOutput(DEAD, dead_letter("input", where, stage, error, payload))


class ReadArticles(beam.PTransform):
    """Paths to `articles` rows, with unreadable inputs tagged `dead_letter`."""

    def __init__(self, paths: list[str]):
        super().__init__()
        self.paths = paths

    def expand(self, pbegin):
        return (
            pbegin
            | "ListFiles" >> beam.Create(self.paths)
            | "SpreadFiles" >> beam.Reshuffle()
            | "ParseFiles" >> beam.ParDo(ReadFileFn()).with_outputs(DEAD, main="articles")
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
