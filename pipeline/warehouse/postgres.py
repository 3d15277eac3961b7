"""`newsbeam load --postgres URL`: upsert a run's (or a dataset's) Parquet tables on the contract keys.

Rows travel by COPY into a temporary staging table, then one INSERT ... ON CONFLICT DO UPDATE per
table moves them in: COPY is the fast path into PostgreSQL, and the staging step turns it into an
upsert so re-loading a run never duplicates rows.
"""

from __future__ import annotations

import json

from ..ids import clean
from ..schemas import load_schemas
from .ddl import (
    DATE_COLUMNS_SQL,
    PARTITION_COLUMN,
    check_load,
    checked_run_files,
    column_comments,
    create_table,
    keys,
    quote,
    replaced_scopes,
    run_date_of,
    sql_columns,
)


def load_postgres(output: str, url: str, run_date: str | None = None) -> dict[str, int]:
    """Create missing tables from schemas/, upsert every table's rows; returns row counts per table.

    One transaction (psycopg commits when the block ends), so a failed load changes nothing.
    `run_date` (YYYY-MM-DD) tags a plain run's rows with that date, as a dataset's rows are tagged.
    """
    import psycopg

    schemas = load_schemas()
    dataset, files = checked_run_files(output)
    dated = dataset or run_date is not None
    counts = {}
    with psycopg.connect(url) as conn:
        check_load(output, dataset, run_date, conn.execute(DATE_COLUMNS_SQL).fetchall())
        for table, paths in files.items():
            schema = schemas[table]
            wanted = sql_columns(schema, "postgres", dated)
            conn.execute(create_table(table, schema, "postgres", dated))
            add_missing_columns(conn, table, wanted)
            conn.execute(column_comments(table, schema, dated))
            stage = quote(f"stage_{table}")
            _stage(conn, table, paths, wanted, dataset, run_date)
            scopes = replaced_scopes(table, schema, dataset)
            # The articles' (and dates') rows are replaced as a whole: see replaced_scopes.
            where, params = [], []
            if "article_id" in scopes:  # the articles table is staged first (TABLES order)
                where.append(f'"article_id" IN (SELECT "article_id" FROM {quote("stage_articles")})')
                if dataset:
                    # An article in several dates comes whole from the latest of them, never a mix.
                    conn.execute(
                        f"DELETE FROM {stage} AS s USING (SELECT \"article_id\", max({quote(PARTITION_COLUMN)})"
                        f" AS latest FROM {quote('stage_articles')} GROUP BY 1) AS a"
                        f" WHERE a.\"article_id\" = s.\"article_id\" AND s.{quote(PARTITION_COLUMN)} < a.latest")
            if PARTITION_COLUMN in scopes:
                where.append(f"{quote(PARTITION_COLUMN)} = ANY(%s::date[])")
                params.append(sorted({run_date_of(p) for p in paths}))
            if where:
                conn.execute(f"DELETE FROM {quote(table)} WHERE " + " OR ".join(where), params)
            _upsert(conn, table, schema, [name for name, _, _ in wanted], dataset)
            counts[table] = conn.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()[0]
    return counts


def add_missing_columns(conn, table: str, wanted: list[tuple[str, str, bool]]) -> None:
    """Columns the schema gained since the table was created (nullable: old rows have no value).

    Checked first because ALTER TABLE would lock readers out until the load commits.
    """
    have = {row[0] for row in conn.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_name = %s AND table_schema = current_schema()", [table])}
    for name, sql_type, _ in wanted:
        if name not in have:
            conn.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(name)} {sql_type}")


def _stage(conn, table: str, paths: list[str], wanted, dataset: bool, run_date: str | None) -> None:
    """COPY the files into a temporary pg_temp.stage_<table>, dropped at commit, with each row's
    run_date (its partition folder's in a dataset, else `run_date` when given)."""
    import pyarrow.parquet as pq
    from apache_beam.io.filesystems import FileSystems

    stage = quote(f"stage_{table}")
    jsonb = {name for name, sql_type, _ in wanted if sql_type == "jsonb"}
    # No constraints on the staging copy: duplicate keys are resolved by the upsert.
    conn.execute(f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT * FROM {quote(table)} WITH NO DATA")
    for path in paths:
        with FileSystems.open(path) as handle:
            parquet = pq.ParquetFile(handle)
            # Files written before a field was added to the schema lack it: it stays NULL.
            present = [name for name, _, _ in wanted if name in parquet.schema_arrow.names]
            extra = [run_date_of(path)] if dataset else [] if run_date is None else [run_date]
            columns = ", ".join(map(quote, present + ([PARTITION_COLUMN] if extra else [])))
            with conn.cursor().copy(f"COPY {stage} ({columns}) FROM STDIN") as copy:
                for batch in parquet.iter_batches(batch_size=5000, columns=present):
                    for row in batch.to_pylist():
                        # PostgreSQL stores no NUL, not even as jsonb's \u0000: newsbeam strips them
                        # when reading inputs, but files written by older versions may hold some.
                        copy.write_row([json.dumps(clean(row[n]), ensure_ascii=False) if n in jsonb
                                        else clean(row[n]) for n in present] + extra)


def _upsert(conn, table: str, schema: dict, loaded: list[str], dataset: bool) -> None:
    columns = ", ".join(map(quote, loaded))
    key = ", ".join(map(quote, keys(schema)))
    updates = ", ".join(f"{quote(n)} = EXCLUDED.{quote(n)}" for n in loaded if n not in schema["x-key"])
    # ON CONFLICT may touch a row once per statement, and a key may recur across a dataset's dates
    # (a re-published article): keep one row per key, the latest date's.
    latest = f", {quote(PARTITION_COLUMN)} DESC" if dataset else ""
    conn.execute(
        f"INSERT INTO {quote(table)} ({columns})"
        f" SELECT DISTINCT ON ({key}) {columns} FROM {quote(f'stage_{table}')} ORDER BY {key}{latest}"
        f" ON CONFLICT ({key}) DO " + (f"UPDATE SET {updates}" if updates else "NOTHING"))
