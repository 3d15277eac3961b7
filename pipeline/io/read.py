"""`ReadArticles`: files and globs on any Beam filesystem to article dicts plus input dead letters."""

from __future__ import annotations

from functools import partial

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from ..deadletter import dead_letter
from .formats import BadInput, jsonl_article, txt_article

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
    name = path.lower().removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    return "txt"


class ReadFileFn(beam.DoFn):
    """One file to articles (main output) and input-level dead letters (tagged `dead_letter`).

    Every input candidate (a .txt file, a JSON line, an unreadable file) bumps `inputs_read` once
    and ends as exactly one output, so the manifest can reconcile counts.
    """

    def __init__(self):
        self.inputs_read = Metrics.counter(NAMESPACE, "inputs_read")

    def process(self, path: str):
        try:
            with FileSystems.open(path, compression_type=CompressionTypes.AUTO) as handle:
                data = handle.read()
        except Exception as exc:  # noqa: BLE001 - any unreadable file is one dead-lettered input
            self.inputs_read.inc()
            yield self._dead(path, "read", f"cannot read file: {type(exc).__name__}: {exc}")
            return
        if input_format(path) == "jsonl":
            yield from self._jsonl(data, path)
        else:
            self.inputs_read.inc()
            yield from self._one(partial(txt_article, data, path), path, data[:2000])

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
