"""`WriteTables`: each table's rows to OUT/<table>/part-*.parquet and part-*.jsonl via Beam sinks."""

from __future__ import annotations

import json

import apache_beam as beam

from ..schemas import arrow_schema

PARQUET_CODEC = "zstd"
# Rows a Parquet writer holds before writing a row group. Beam's default (64 MB per table) keeps a
# long run's rows in memory until the bundle ends; 8 MB keeps memory flat at any run length.
ROW_GROUP_BYTES = 8 << 20


def to_json_line(row: dict) -> str:
    """One JSON Lines record: stable key order, UTF-8, no pretty printing."""
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


class WriteTable(beam.PTransform):
    """One table's rows as compressed Parquet and JSON Lines with the same rows."""

    def __init__(self, prefix: str, schema: dict, num_shards: int = 0):
        super().__init__()
        self.prefix = prefix
        self.schema = schema
        self.num_shards = num_shards

    def expand(self, rows):
        # Column order follows the JSON Schema so both formats list fields alike.
        order = list(self.schema["properties"])
        ordered = rows | "OrderFields" >> beam.Map(lambda r: {k: r.get(k) for k in order})
        parquet = ordered | "WriteParquet" >> beam.io.WriteToParquet(
            self.prefix,
            arrow_schema(self.schema),
            codec=PARQUET_CODEC,
            row_group_buffer_size=ROW_GROUP_BYTES,
            use_compliant_nested_type=True,  # Beam's default differs from pyarrow's (readers expect this)
            file_name_suffix=".parquet",
            num_shards=self.num_shards,
        )
        jsonl = (
            ordered
            | "ToJsonLines" >> beam.Map(to_json_line)
            | "WriteJsonLines" >> beam.io.WriteToText(
                self.prefix, file_name_suffix=".jsonl", num_shards=self.num_shards)
        )
        return parquet, jsonl


class WriteTables(beam.PTransform):
    """A dict of table name -> PCollection of rows, each written with `WriteTable` where `layout` says."""

    def __init__(self, layout, schemas: dict[str, dict], num_shards: int = 0):
        super().__init__()
        self.layout = layout
        self.schemas = schemas
        self.num_shards = num_shards

    def expand(self, tables):
        written = {}
        for name, rows in tables.items():
            parquet, jsonl = rows | f"Write_{name}" >> WriteTable(
                self.layout.table_prefix(name), self.schemas[name], self.num_shards)
            written[f"{name}.parquet"], written[f"{name}.jsonl"] = parquet, jsonl
        return written
