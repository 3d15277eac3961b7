"""`WriteTables`: every table's rows to OUT/<table>/part-NNNNN-of-MMMMM.parquet and .jsonl.

One writer for all tables, not a Beam sink per table and format: ten `iobase.Write`s made ~30
of a one-article run's ~45 stages, and building and starting stages was most of its start-up
time. As Beam's file sinks do, each bundle (or, with a shard count, each shard) writes its own
files into a `beam-temp-*` folder beside the table, and one finalising step, run once every
writer is done, gives the files their final part-NNNNN-of-MMMMM names (an empty table gets one
empty file of each format) and removes the temporary folders. Files go through Beam's
`FileSystems`, so any Beam file system (gs://, s3://, ...) works.
"""

from __future__ import annotations

import json
import random
import uuid

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from ..schemas import TABLES, arrow_schema

PARQUET_CODEC = "zstd"
# Rows a Parquet writer holds before writing a row group (as Beam's row_group_buffer_size):
# 8 MB keeps memory flat at any run length.
ROW_GROUP_BYTES = 8 << 20
RECORD_BATCH_ROWS = 1000  # rows turned into one Arrow record batch at a time
SUFFIXES = (".parquet", ".jsonl")


def to_json_line(row: dict) -> str:
    """One JSON Lines record: stable key order, UTF-8, no pretty printing."""
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


class _TableFiles:
    """One table's open Parquet and JSON Lines files: the same rows, fields in the schema's order."""

    def __init__(self, folder: str, schema: dict):
        import pyarrow.parquet as pq

        self.order = list(schema["properties"])  # so both formats list fields alike
        self.arrow = arrow_schema(schema)
        name = uuid.uuid4().hex
        self.paths = [FileSystems.join(folder, name + suffix) for suffix in SUFFIXES]
        self._parquet_handle = FileSystems.create(self.paths[0], "application/x-parquet",
                                                  CompressionTypes.UNCOMPRESSED)
        self._parquet = pq.ParquetWriter(
            self._parquet_handle, self.arrow, compression=PARQUET_CODEC,
            use_compliant_nested_type=True)  # what readers expect (and what Beam's sink wrote)
        self._jsonl = FileSystems.create(self.paths[1], "text/plain", CompressionTypes.UNCOMPRESSED)
        self._rows, self._batches, self._batch_bytes = [], [], 0

    def write(self, row: dict) -> None:
        ordered = {key: row.get(key) for key in self.order}
        self._jsonl.write(to_json_line(ordered).encode("utf-8") + b"\n")
        self._rows.append(ordered)
        if len(self._rows) >= RECORD_BATCH_ROWS:
            self._flush_rows()
            if self._batch_bytes >= ROW_GROUP_BYTES:
                self._flush_batches()

    def _flush_rows(self) -> None:
        import pyarrow as pa

        if self._rows:
            batch = pa.RecordBatch.from_pylist(self._rows, schema=self.arrow)
            self._batches.append(batch)
            self._batch_bytes += batch.nbytes
            self._rows = []

    def _flush_batches(self) -> None:
        import pyarrow as pa

        if self._batches:
            self._parquet.write_table(pa.Table.from_batches(self._batches, schema=self.arrow))
            self._batches, self._batch_bytes = [], 0

    def close(self) -> list[str]:
        self._flush_rows()
        self._flush_batches()
        self._parquet.close()
        self._parquet_handle.close()
        self._jsonl.close()
        return self.paths


class _WriteFn(beam.DoFn):
    """Writes (table, row) pairs into new files in the tables' temporary folders; emits
    (table, path) for each file written."""

    def __init__(self, temp_dirs: dict[str, str], schemas: dict[str, dict]):
        self.temp_dirs = temp_dirs
        self.schemas = schemas

    def start_bundle(self):
        self._open = {}

    def _write(self, table: str, rows) -> None:
        files = self._open.get(table)
        if files is None:
            files = self._open[table] = _TableFiles(self.temp_dirs[table], self.schemas[table])
        for row in rows:
            files.write(row)

    def _close(self):
        for table, files in self._open.items():
            for path in files.close():
                yield table, path
        self._open = {}


class _WriteBundleFn(_WriteFn):
    """A bundle's rows: one file pair per table it holds rows of (closed when the bundle ends)."""

    def process(self, pair):
        table, row = pair
        self._write(table, (row,))

    def finish_bundle(self):
        for item in self._close():
            yield beam.transforms.window.GlobalWindows.windowed_value(item)


class _WriteShardFn(_WriteFn):
    """A shard's rows (grouped by (table, shard)): one file pair."""

    def process(self, keyed):
        (table, _), rows = keyed
        self._write(table, rows)
        yield from self._close()


class _ToShard(beam.DoFn):
    """Keys each (table, row) by (table, shard), the shards taken in turn from a random one (as
    Beam's sinks do with a shard count)."""

    def __init__(self, num_shards: int):
        self.num_shards = num_shards

    def start_bundle(self):
        self._next = random.randrange(self.num_shards)

    def process(self, pair):
        table, row = pair
        self._next = (self._next + 1) % self.num_shards
        yield (table, self._next), row


class _FinalizeFn(beam.DoFn):
    """Once: names every table's files part-NNNNN-of-MMMMM (an empty table gets one empty file of
    each format) and removes the temporary folders."""

    def __init__(self, layout, temp_dirs: dict[str, str], schemas: dict[str, dict]):
        self.layout = layout
        self.temp_dirs = temp_dirs
        self.schemas = schemas

    def process(self, _, *written):
        for table, temp_dir in self.temp_dirs.items():
            files = sorted(path for pairs in written for name, path in pairs if name == table)
            if not files:
                files = _TableFiles(temp_dir, self.schemas[table]).close()
            prefix = self.layout.table_prefix(table)
            for suffix in SUFFIXES:
                sources = [path for path in files if path.endswith(suffix)]
                FileSystems.rename(sources, [f"{prefix}-{i:05d}-of-{len(sources):05d}{suffix}"
                                             for i in range(len(sources))])
            try:
                _remove_folder(temp_dir)  # with the files of failed attempts, if any
            except OSError:
                pass  # as Beam's sinks: a leftover temporary folder does not fail a written table


def _remove_folder(folder: str) -> None:
    """A flat folder and its files, on any file system (an object store has no folders to delete,
    only the files under a prefix)."""
    files = [m.path for m in FileSystems.match([FileSystems.join(folder, "*")])[0].metadata_list]
    if files:
        FileSystems.delete(files)
    if FileSystems.exists(folder):
        FileSystems.delete([folder])


class WriteTables(beam.PTransform):
    """Streams of (table, row) pairs, every table (`TABLES`) written where `layout` says.

    Each stream is written in the stage that produces it (no Flatten: the local engine would hold
    every row of the run until its producers end); with `num_shards`, rows are spread over at
    most that many files per table, which needs a GroupByKey anyway.
    """

    def __init__(self, layout, schemas: dict[str, dict], num_shards: int = 0):
        super().__init__()
        self.layout = layout
        self.schemas = schemas
        self.num_shards = num_shards

    def expand(self, streams):
        run = uuid.uuid4().hex
        temp_dirs = {table: FileSystems.join(self.layout.table_dir(table), f"beam-temp-{run}")
                     for table in TABLES}
        if self.num_shards:
            written = [
                streams
                | "AllRows" >> beam.Flatten()
                | "ToShards" >> beam.ParDo(_ToShard(self.num_shards))
                | "GroupShards" >> beam.GroupByKey()
                | "WriteShards" >> beam.ParDo(_WriteShardFn(temp_dirs, self.schemas))
            ]
        else:
            written = [stream | f"Write{i}" >> beam.ParDo(_WriteBundleFn(temp_dirs, self.schemas))
                       for i, stream in enumerate(streams)]
        return (
            streams[0].pipeline
            | "Once" >> beam.Impulse()
            | "Finalize" >> beam.ParDo(_FinalizeFn(self.layout, temp_dirs, self.schemas),
                                       *(beam.pvalue.AsList(files) for files in written))
        )
