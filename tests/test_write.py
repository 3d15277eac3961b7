"""`WriteTables`: every table's Parquet and JSON Lines files, empty tables too, on any Beam file system."""

import io
import json

import apache_beam as beam
import pyarrow.parquet as pq
import pytest
from apache_beam.io.filesystems import FileSystems

from pipeline.io.write import WriteTables
from pipeline.layout import Layout
from pipeline.schemas import TABLES, arrow_schema, load_schemas

SCHEMAS = load_schemas()
ARTICLE = {"article_id": "0123456789abcdef", "source_id": "a", "source_uri": "a.txt", "title": "T", "text": "B",
           "published_at": None, "language": "en", "word_count": 1}
DEAD = {"dead_letter_id": "fedcba9876543210", "level": "input", "source_uri": "x.bin", "stage": "read",
        "error": "unsupported", "payload": None}


def write(root: str, streams: list[list[tuple[str, dict]]], num_shards: int = 0) -> None:
    with beam.Pipeline(runner="FnApiRunner") as p:
        pcolls = tuple(p | f"Rows{i}" >> beam.Create(rows) for i, rows in enumerate(streams))
        _ = pcolls | WriteTables(Layout(root), SCHEMAS, num_shards)


def files(root: str) -> list[str]:
    found = FileSystems.match([root.rstrip("/") + "/**"])[0].metadata_list
    return sorted(m.path[len(root) + 1:] for m in found)


def read(root: str, path: str):
    with FileSystems.open(f"{root}/{path}") as handle:
        data = handle.read()
    if path.endswith(".parquet"):
        table = pq.read_table(io.BytesIO(data))
        return table.schema, table.to_pylist()
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def check_output(root: str) -> None:
    """Rows in both formats, fields in the schema's order; one empty file pair per empty table."""
    assert files(root) == sorted(f"{table}/part-00000-of-00001{suffix}"
                                 for table in TABLES for suffix in (".parquet", ".jsonl"))
    for table in TABLES:
        schema, rows = read(root, f"{table}/part-00000-of-00001.parquet")
        assert schema.equals(arrow_schema(SCHEMAS[table]), check_metadata=True)
        given = {"articles": [ARTICLE], "dead_letter": [DEAD]}.get(table, [])
        expected = [{key: row.get(key) for key in SCHEMAS[table]["properties"]} for row in given]  # all fields
        assert rows == expected
        lines = read(root, f"{table}/part-00000-of-00001.jsonl")
        assert lines == expected and all(list(line) == list(SCHEMAS[table]["properties"]) for line in lines)


def test_every_table_gets_its_files_and_temporary_folders_go(tmp_path):
    root = str(tmp_path / "out")
    write(root, [[("articles", ARTICLE)], [("dead_letter", DEAD)]])
    check_output(root)
    assert not list((tmp_path / "out").glob("*/beam-temp-*"))


def test_an_object_store_path_works_through_beam_file_systems(monkeypatch):
    pytest.importorskip("apache_beam.io.aws.s3io")
    from apache_beam.io.aws import s3io
    from apache_beam.io.aws.clients.s3.fake_client import FakeS3Client

    # An in-memory S3 (Beam's own fake client) behind the real s3:// file system.
    client, real_init = FakeS3Client(), s3io.S3IO.__init__
    monkeypatch.setattr(s3io.S3IO, "__init__", lambda self, client_=None, options=None: real_init(self, client))
    root = "s3://bucket/out"
    write(root, [[("articles", ARTICLE), ("dead_letter", DEAD)]])
    check_output(root)


def test_a_shard_count_spreads_rows_over_at_most_that_many_files(tmp_path):
    root = str(tmp_path / "out")
    rows = [("articles", {**ARTICLE, "article_id": f"{i:016x}"}) for i in range(40)]
    write(root, [rows], num_shards=3)
    parquet = [path for path in files(root) if path.startswith("articles/") and path.endswith(".parquet")]
    assert parquet == [f"articles/part-{i:05d}-of-00003.parquet" for i in range(3)]
    assert sorted(row["article_id"] for path in parquet for row in read(root, path)[1]) == [r["article_id"]
                                                                                            for _, r in rows]
    assert files(root).count("quotes/part-00000-of-00001.jsonl") == 1


def test_files_of_a_failed_attempt_are_not_published_and_go_with_the_temporary_folder(tmp_path):
    from pipeline.io.write import _FinalizeFn, _TableFiles

    layout = Layout(str(tmp_path / "out"))
    temp_dirs = {table: f"{layout.table_dir(table)}/beam-temp-run" for table in TABLES}
    written = _TableFiles(temp_dirs["quotes"], SCHEMAS["quotes"]).close()
    _TableFiles(temp_dirs["quotes"], SCHEMAS["quotes"]).close()  # a retried bundle's first try
    _FinalizeFn(layout, temp_dirs, SCHEMAS).process(None, [("quotes", path) for path in written])
    assert files(layout.root) == sorted(f"{table}/part-00000-of-00001{suffix}"
                                        for table in TABLES for suffix in (".parquet", ".jsonl"))
    assert not any((tmp_path / "out" / table / "beam-temp-run").exists() for table in TABLES)
