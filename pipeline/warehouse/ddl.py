"""Warehouse DDL generated from the JSON Schemas in `schemas/`, so no table is ever described twice.

`render_schema(table, fmt, schemas)` prints one table for `bigquery` (the JSON `bq load --schema`
takes), `postgres` or `duckdb` (CREATE TABLE with the contract's key as PRIMARY KEY), or `arrow`.
The loaders build their tables from the same functions.

Type mapping, one rule for every format: a column is NOT NULL (BigQuery REQUIRED) when it is in
`required` and its type is not ["T", "null"]. Strings stay strings (including `format: date`),
as in the Parquet files, so loads never need a cast that could fail.

Postgres keeps every array and object as `jsonb`, including arrays of strings: the loader then
sends all nested values one way (as JSON text through COPY), with no array-literal escaping, and
queries read them uniformly (`aliases ? 'Haftar'`, `jsonb_array_elements(mentions)`,
`(counts->>'killed')::int`). DuckDB and BigQuery have native nested types and use them.
"""

from __future__ import annotations

import json
import re

from ..schemas import arrow_schema, json_type

FORMATS = ("bigquery", "postgres", "duckdb", "arrow")

# A dataset's tables carry the Hive partition of their files as a DATE column.
PARTITION_COLUMN = "run_date"

_SCALARS = {
    #           BigQuery    Postgres             DuckDB
    "string": ("STRING", "text", "VARCHAR"),
    "integer": ("INTEGER", "bigint", "BIGINT"),
    "number": ("FLOAT", "double precision", "DOUBLE"),
    "boolean": ("BOOLEAN", "boolean", "BOOLEAN"),
}


def quote(name: str) -> str:
    """Quoted identifier: the contract uses SQL keywords as column names (end, table, date, trigger)."""
    return '"' + name.replace('"', '""') + '"'


def columns(schema: dict) -> list[tuple[str, dict, bool]]:
    """(name, JSON Schema node, not null) per column, in the JSON Schema's order."""
    required = set(schema.get("required", ()))
    return [(name, node, name in required and not json_type(node)[1]) for name, node in schema["properties"].items()]


def keys(schema: dict) -> list[str]:
    return list(schema["x-key"])


def duckdb_type(node: dict) -> str:
    kind, _ = json_type(node)
    if kind == "array":
        return duckdb_type(node["items"]) + "[]"
    if kind == "object":
        # DuckDB cannot declare NOT NULL inside a STRUCT; validation guarantees it upstream.
        return "STRUCT(" + ", ".join(f"{quote(n)} {duckdb_type(p)}" for n, p in node["properties"].items()) + ")"
    return _SCALARS[kind][2]


def postgres_type(node: dict) -> str:
    kind, _ = json_type(node)
    return "jsonb" if kind in ("array", "object") else _SCALARS[kind][1]


def sql_columns(schema: dict, fmt: str, partitioned: bool = False) -> list[tuple[str, str, bool]]:
    """(name, SQL type, not null) per column for `postgres` or `duckdb`."""
    typer = {"postgres": postgres_type, "duckdb": duckdb_type}[fmt]
    found = [(name, typer(node), not_null) for name, node, not_null in columns(schema)]
    if partitioned:
        found.append((PARTITION_COLUMN, "date" if fmt == "postgres" else "DATE", True))
    return found


def create_table(table: str, schema: dict, fmt: str, partitioned: bool = False) -> str:
    """CREATE TABLE IF NOT EXISTS with the contract key as PRIMARY KEY."""
    lines = [f"  {quote(n)} {t}{' NOT NULL' if nn else ''}" for n, t, nn in sql_columns(schema, fmt, partitioned)]
    lines.append(f"  PRIMARY KEY ({', '.join(map(quote, keys(schema)))})")
    return f"CREATE TABLE IF NOT EXISTS {quote(table)} (\n" + ",\n".join(lines) + "\n);\n"


def column_comments(table: str, schema: dict, partitioned: bool = False) -> str:
    """COMMENT ON COLUMN statements carrying the schema's descriptions into the warehouse."""
    comments = [(n, node.get("description")) for n, node, _ in columns(schema)]
    if partitioned:
        comments.append((PARTITION_COLUMN, "Date of the dataset partition the row was loaded from."))
    return "".join(f"COMMENT ON COLUMN {quote(table)}.{quote(n)} IS {_literal(text)};\n"
                   for n, text in comments if text)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def bigquery_field(name: str, node: dict, not_null: bool) -> dict:
    kind, _ = json_type(node)
    mode = "REQUIRED" if not_null else "NULLABLE"
    if kind == "array":
        # BigQuery has no arrays of arrays and no null elements: the element type is the field's.
        kind, _ = json_type(node["items"])
        if kind == "array":
            raise ValueError(f"{name}: BigQuery cannot hold an array of arrays")
        node, mode = {**node["items"], "description": node.get("description")}, "REPEATED"
    field = {"name": name, "type": "RECORD" if kind == "object" else _SCALARS[kind][0], "mode": mode}
    if node.get("description"):
        field["description"] = node["description"]
    if kind == "object":
        field["fields"] = [bigquery_field(n, p, nn) for n, p, nn in columns(node)]
    return field


def bigquery_schema(schema: dict, partitioned: bool = False) -> list[dict]:
    fields = [bigquery_field(name, node, not_null) for name, node, not_null in columns(schema)]
    if partitioned:
        fields.append({"name": PARTITION_COLUMN, "type": "DATE", "mode": "REQUIRED"})
    return fields


def render_schema(table: str, fmt: str, schemas: dict, partitioned: bool = False) -> str:
    """One table's schema as text in `fmt` (bigquery | postgres | duckdb | arrow).

    `partitioned` adds the `run_date` DATE column a dataset root's Hive partitions provide.
    """
    if table not in schemas or "x-key" not in schemas[table]:
        raise ValueError(f"unknown table {table!r}")
    schema = schemas[table]
    if fmt == "bigquery":
        return json.dumps(bigquery_schema(schema, partitioned), indent=2, ensure_ascii=False) + "\n"
    if fmt in ("postgres", "duckdb"):
        return create_table(table, schema, fmt, partitioned) + column_comments(table, schema, partitioned)
    if fmt == "arrow":
        arrow = arrow_schema(schema)
        if partitioned:
            import pyarrow as pa

            arrow = arrow.append(pa.field(PARTITION_COLUMN, pa.date32(), nullable=False))
        return arrow.to_string(show_schema_metadata=False) + "\n"
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def run_files(output: str) -> tuple[bool, dict[str, list[str]]]:
    """What a load reads: (partitioned, Parquet files per table) of a complete run or dataset root.

    Refuses a folder without a manifest (FileNotFoundError), so an unfinished run is never loaded.
    """
    from ..manifest import is_dataset, read_manifest, table_files
    from ..schemas import TABLES

    read_manifest(output)
    files = {table: table_files(output, table, ".parquet") for table in TABLES}
    missing = [table for table, paths in files.items() if not paths]
    if missing:
        raise FileNotFoundError(f"{output}: no Parquet files for {', '.join(missing)}")
    return is_dataset(output), files


def checked_run_files(output: str) -> tuple[bool, dict[str, list[str]]]:
    """`run_files`, once the Parquet files are checked against the manifest: a load refuses
    (CheckFailed) a run with a shard missing, rows added or lost, or an unreadable file."""
    from ..errors import CheckFailed
    from ..manifest import check_files, read_manifest

    read_manifest(output)
    problems = check_files(output, (".parquet",))  # what a load reads
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise CheckFailed(f"{output} does not match its manifest: {problems[0]}{more}; nothing was loaded")
    return run_files(output)


class LoadRefused(ValueError):
    """A load that cannot go into the existing tables as asked. Raised before anything is written;
    the message names the tables and what to do instead."""


# The existing tables' run_date columns: (table_name, is_nullable) rows, in DuckDB and PostgreSQL.
DATE_COLUMNS_SQL = ("SELECT table_name, is_nullable FROM information_schema.columns"
                    f" WHERE table_schema = current_schema() AND column_name = '{PARTITION_COLUMN}'")


def check_load(output: str, dataset: bool, run_date: str | None, date_columns: list[tuple[str, str]]) -> None:
    """Refuse a load whose rows cannot go into the existing tables, before anything is written.

    `date_columns` are DATE_COLUMNS_SQL's rows. A table created from a dataset root has a NOT NULL
    run_date: a plain run goes into it only with a `run_date` to tag its rows with. A dataset's
    rows take their dates from its partition folders, so a `run_date` for one is refused.
    """
    from ..schemas import TABLES

    if run_date is not None:
        from datetime import date

        try:
            date.fromisoformat(run_date)
        except (TypeError, ValueError):
            raise LoadRefused(f"run date {run_date!r} is not a date (YYYY-MM-DD)") from None
    if dataset and run_date is not None:
        raise LoadRefused(f"{output} is a dataset root: each row takes the date of its {PARTITION_COLUMN}="
                          " folder; --run-date is for a plain run's output folder")
    strict = [table for table in TABLES if (table, "NO") in date_columns]
    if not dataset and run_date is None and strict:
        raise LoadRefused(
            f"{output} is a plain run, whose rows have no {PARTITION_COLUMN}, but table"
            f"{'s' if len(strict) > 1 else ''} {', '.join(strict)} {'were' if len(strict) > 1 else 'was'}"
            f" created from a dataset root and need{'' if len(strict) > 1 else 's'} one on every row:"
            " pass --run-date YYYY-MM-DD to load the run's rows as that date's, or load it into another"
            " database; nothing was loaded")


def replaced_scopes(table: str, schema: dict, dataset: bool) -> list[str]:
    """Which existing rows a load deletes before upserting, so rows that vanished from a
    re-processed article (or re-run date) do not linger: every row of each article the load
    brings (`article_id`), and for a dataset also every row of each date it brings (`run_date`).
    Dead letters are a log of failures: a plain run only adds them, a dataset replaces its dates'."""
    scopes = []
    if table != "dead_letter" and "article_id" in schema["properties"]:
        scopes.append("article_id")
    if dataset:
        scopes.append(PARTITION_COLUMN)
    return scopes


_RUN_DATE = re.compile(rf"/{PARTITION_COLUMN}=(\d{{4}}-\d{{2}}-\d{{2}})/")


def run_date_of(path: str) -> str:
    """The date of the Hive partition folder a dataset file sits in."""
    found = _RUN_DATE.search(path.replace("\\", "/"))
    if not found:
        raise ValueError(f"{path} is not inside a {PARTITION_COLUMN}= partition folder")
    return found.group(1)
