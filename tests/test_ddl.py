"""Warehouse DDL from schemas/: every field, its nullability and nested type, in every format.

Expectations are derived here by walking the JSON Schemas independently of the generator, plus a
few spot checks written out by hand. The Postgres DDL is executed on a real server in
test_warehouse.py; the DuckDB DDL is executed here.
"""

from __future__ import annotations

import json
import re

import pytest

from pipeline.schemas import TABLES, arrow_schema, load_schemas
from pipeline.warehouse.ddl import FORMATS, render_schema

SCHEMAS = load_schemas()


def kind_of(node: dict) -> tuple[str, bool]:
    """(JSON type, nullable) read straight off a schema node."""
    declared = node["type"] if isinstance(node["type"], list) else [node["type"]]
    return next(t for t in declared if t != "null"), "null" in declared


def walk(node: dict):
    """(name, node, not null) per property: NOT NULL means required and not ["T", "null"]."""
    required = set(node.get("required", ()))
    for name, prop in node["properties"].items():
        yield name, prop, name in required and not kind_of(prop)[1]


BQ_SCALAR = {"string": "STRING", "integer": "INTEGER", "number": "FLOAT", "boolean": "BOOLEAN"}
DUCK_SCALAR = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}


def expected_bigquery(node: dict) -> list[dict]:
    fields = []
    for name, prop, not_null in walk(node):
        kind, _ = kind_of(prop)
        mode = "REQUIRED" if not_null else "NULLABLE"
        if kind == "array":
            prop, mode = prop["items"], "REPEATED"
            kind, _ = kind_of(prop)
        field = {"name": name, "type": "RECORD" if kind == "object" else BQ_SCALAR[kind], "mode": mode}
        if kind == "object":
            field["fields"] = expected_bigquery(prop)
        fields.append(field)
    return fields


def without_descriptions(fields: list[dict]) -> list[dict]:
    return [{k: (without_descriptions(v) if k == "fields" else v) for k, v in f.items() if k != "description"}
            for f in fields]


def expected_duckdb_type(node: dict) -> str:
    kind, _ = kind_of(node)
    if kind == "array":
        return expected_duckdb_type(node["items"]) + "[]"
    if kind == "object":
        inner = ", ".join(f'"{n}" {expected_duckdb_type(p)}' for n, p in node["properties"].items())
        return f"STRUCT({inner})"
    return DUCK_SCALAR[kind]


@pytest.mark.parametrize("table", TABLES)
def test_bigquery_schema_has_every_field_mode_and_nested_type(table):
    rendered = json.loads(render_schema(table, "bigquery", SCHEMAS))
    assert without_descriptions(rendered) == expected_bigquery(SCHEMAS[table])
    # Descriptions travel too, so the warehouse documents itself.
    for field, (_, prop, _) in zip(rendered, walk(SCHEMAS[table])):
        assert field.get("description") == prop.get("description")


def test_bigquery_spot_checks():
    entities = {f["name"]: f for f in json.loads(render_schema("entities", "bigquery", SCHEMAS))}
    mentions = entities["mentions"]
    assert (mentions["type"], mentions["mode"]) == ("RECORD", "REPEATED")
    assert [(f["name"], f["type"], f["mode"]) for f in mentions["fields"]] == [
        ("start", "INTEGER", "REQUIRED"), ("end", "INTEGER", "REQUIRED"), ("text", "STRING", "REQUIRED")]
    assert (entities["aliases"]["type"], entities["aliases"]["mode"]) == ("STRING", "REPEATED")
    assert (entities["title"]["type"], entities["title"]["mode"]) == ("STRING", "NULLABLE")
    events = {f["name"]: f for f in json.loads(render_schema("events", "bigquery", SCHEMAS))}
    assert (events["counts"]["type"], events["counts"]["mode"]) == ("RECORD", "REQUIRED")
    assert {f["mode"] for f in events["counts"]["fields"]} == {"NULLABLE"}
    assert events["location"]["mode"] == "NULLABLE"  # required, but its type admits null
    partitioned = json.loads(render_schema("events", "bigquery", SCHEMAS, partitioned=True))
    assert partitioned[-1] == {"name": "run_date", "type": "DATE", "mode": "REQUIRED"}


COLUMN = re.compile(r'^  "(?P<name>[^"]+)" (?P<type>.+?)(?P<not_null> NOT NULL)?,$')


def column_lines(ddl: str) -> list[tuple[str, str, bool]]:
    return [(m["name"], m["type"], bool(m["not_null"])) for m in map(COLUMN.match, ddl.splitlines()) if m]


@pytest.mark.parametrize("table", TABLES)
def test_postgres_ddl_text_matches_schema(table):
    ddl = render_schema(table, "postgres", SCHEMAS)
    pg = {"string": "text", "integer": "bigint", "number": "double precision", "boolean": "boolean",
          "array": "jsonb", "object": "jsonb"}
    assert column_lines(ddl) == [(n, pg[kind_of(p)[0]], nn) for n, p, nn in walk(SCHEMAS[table])]
    key = ", ".join(f'"{k}"' for k in SCHEMAS[table]["x-key"])
    assert f"  PRIMARY KEY ({key})" in ddl.splitlines()


@pytest.mark.parametrize("partitioned", [False, True])
@pytest.mark.parametrize("table", TABLES)
def test_duckdb_ddl_executes_and_matches_schema(table, partitioned):
    import duckdb

    ddl = render_schema(table, "duckdb", SCHEMAS, partitioned=partitioned)
    expected = [(n, expected_duckdb_type(p), nn) for n, p, nn in walk(SCHEMAS[table])]
    if partitioned:
        expected.append(("run_date", "DATE", True))
    with duckdb.connect() as con:
        con.execute(ddl)
        described = con.execute(f'DESCRIBE "{table}"').fetchall()
        # DuckDB quotes only keyword field names ("end", "text") in STRUCT types: compare unquoted.
        unquoted = [(name, kind.replace('"', ""), nn) for name, kind, nn in expected]
        assert [(name, kind.replace('"', ""), null == "NO") for name, kind, null, *_ in described] == unquoted
        assert [name for name, _, _, key, *_ in described if key == "PRI"] == SCHEMAS[table]["x-key"]
        comments = dict(con.execute(
            "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = ?", [table]).fetchall())
        assert comments["article_id" if table != "dead_letter" else "dead_letter_id"]


def test_duckdb_spot_checks():
    ddl = render_schema("entities", "duckdb", SCHEMAS)
    assert '"mentions" STRUCT("start" BIGINT, "end" BIGINT, "text" VARCHAR)[] NOT NULL,' in ddl
    assert '  PRIMARY KEY ("article_id", "entity_id")' in ddl
    assert '"table" VARCHAR,' in render_schema("dead_letter", "duckdb", SCHEMAS)  # a keyword, quoted


@pytest.mark.parametrize("table", TABLES)
def test_duckdb_ddl_accepts_the_parquet_schema(table, tmp_path):
    """A Parquet file with the pipeline's Arrow schema inserts into the DDL's table by name."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "empty.parquet"
    pq.write_table(pa.Table.from_pylist([], schema=arrow_schema(SCHEMAS[table])), path)
    with duckdb.connect() as con:
        con.execute(render_schema(table, "duckdb", SCHEMAS))
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM read_parquet(?)', [str(path)])
        parquet = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
        target = con.execute(f'DESCRIBE "{table}"').fetchall()
        assert [row[:2] for row in parquet] == [row[:2] for row in target]


@pytest.mark.parametrize("table", TABLES)
def test_arrow_format_is_the_pipeline_schema(table):
    rendered = render_schema(table, "arrow", SCHEMAS)
    assert rendered == arrow_schema(SCHEMAS[table]).to_string(show_schema_metadata=False) + "\n"
    top = [line.split(":")[0] for line in rendered.splitlines() if not line.startswith(" ")]
    assert top == list(SCHEMAS[table]["properties"])


def test_unknown_table_or_format_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        render_schema("entities", "oracle", SCHEMAS)
    with pytest.raises(ValueError, match="unknown table"):
        render_schema("manifest", "duckdb", SCHEMAS)
    assert FORMATS == ("bigquery", "postgres", "duckdb", "arrow")
