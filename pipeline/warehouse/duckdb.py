"""`newsbeam load` into DuckDB: upsert a run's (or a dataset's) Parquet tables on the contract keys."""

from __future__ import annotations

from ..schemas import load_schemas
from .ddl import (
    PARTITION_COLUMN,
    column_comments,
    create_table,
    keys,
    quote,
    replaced_scope,
    run_date_of,
    run_files,
    sql_columns,
)


def load_duckdb(output: str, database: str) -> dict[str, int]:
    """Create missing tables from schemas/, upsert every table's rows; returns row counts per table.

    Idempotent: re-loading a run, or loading an overlapping later one, updates rows by key instead
    of adding them. One transaction, so a failed load leaves the database as it was.
    """
    import duckdb

    schemas = load_schemas()
    partitioned, files = run_files(output)
    counts = {}
    with duckdb.connect(database) as con:
        con.execute("BEGIN TRANSACTION")
        for table, paths in files.items():
            schema = schemas[table]
            con.execute(create_table(table, schema, "duckdb", partitioned))
            wanted = sql_columns(schema, "duckdb", partitioned)
            add_missing_columns(con, table, wanted)
            con.execute(column_comments(table, schema, partitioned))
            source = _read_parquet(partitioned)
            scope = replaced_scope(table, schema, partitioned)
            if scope:
                # The articles' (or dates') rows are replaced as a whole: see replaced_scope.
                if scope == PARTITION_COLUMN:
                    dates = sorted({run_date_of(p) for p in paths})
                    con.execute(f"DELETE FROM {quote(table)} WHERE {quote(scope)} IN"
                                f" (SELECT unnest(?::DATE[]))", [dates])
                else:  # the rows of the articles this load brings
                    con.execute(f"DELETE FROM {quote(table)} WHERE {quote(scope)} IN"
                                f" (SELECT {quote(scope)} FROM {source})", [files["articles"]])
            # Files written before a field was added to the schema lack it: it loads as NULL.
            present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}", [paths]).fetchall()}
            names = ", ".join(quote(name) for name, _, _ in wanted if name in present)
            key = ", ".join(map(quote, keys(schema)))
            updates = ", ".join(f"{quote(n)} = excluded.{quote(n)}" for n, _, _ in wanted
                                if n in present and n not in schema["x-key"])
            # A key may recur across a dataset's dates (a re-published article): the latest date
            # wins, as an upsert may touch each row only once per statement.
            latest = f" ORDER BY {quote(PARTITION_COLUMN)} DESC" if partitioned else ""
            con.execute(
                f"INSERT INTO {quote(table)} ({names}) SELECT {names} FROM {source}"
                f" QUALIFY row_number() OVER (PARTITION BY {key}{latest}) = 1"
                f" ON CONFLICT ({key}) DO " + (f"UPDATE SET {updates}" if updates else "NOTHING"),
                [paths])
            counts[table] = con.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()[0]
        con.execute("COMMIT")
    return counts


def _read_parquet(partitioned: bool) -> str:
    """read_parquet over a list of files; a dataset's run_date comes from the Hive folder names."""
    if partitioned:
        return f"read_parquet(?, hive_partitioning = true, hive_types = {{'{PARTITION_COLUMN}': DATE}})"
    # Explicitly off: an output folder whose path happens to contain "x=y" gains no column.
    return "read_parquet(?, hive_partitioning = false)"


def add_missing_columns(con, table: str, wanted: list[tuple[str, str, bool]]) -> None:
    """Columns the schema gained since the table was created (nullable: old rows have no value)."""
    have = {row[0] for row in con.execute(f"DESCRIBE {quote(table)}").fetchall()}
    for name, sql_type, _ in wanted:
        if name not in have:
            con.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(name)} {sql_type}")


# `newsbeam load` called it this before loads became upserts.
load_run = load_duckdb
