"""`newsbeam load` into DuckDB: upsert a run's (or a dataset's) Parquet tables on the contract keys."""

from __future__ import annotations

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


def load_duckdb(output: str, database: str, run_date: str | None = None) -> dict[str, int]:
    """Create missing tables from schemas/, upsert every table's rows; returns row counts per table.

    Idempotent: re-loading a run, or loading an overlapping later one, updates rows by key instead
    of adding them. One transaction, so a failed load leaves the database as it was. `run_date`
    (YYYY-MM-DD) tags a plain run's rows with that date, as a dataset's rows are tagged with theirs.
    """
    import duckdb

    schemas = load_schemas()
    dataset, files = checked_run_files(output)
    dated = dataset or run_date is not None
    counts = {}
    with duckdb.connect(database) as con:
        check_load(output, dataset, run_date, con.execute(DATE_COLUMNS_SQL).fetchall())
        con.execute("BEGIN TRANSACTION")
        for table, paths in files.items():
            schema = schemas[table]
            con.execute(create_table(table, schema, "duckdb", dated))
            wanted = sql_columns(schema, "duckdb", dated)
            add_missing_columns(con, table, wanted)
            con.execute(column_comments(table, schema, dated))
            source, params = _read_parquet(dataset, run_date), [paths]
            scopes = replaced_scopes(table, schema, dataset)
            # The articles' (and dates') rows are replaced as a whole: see replaced_scopes.
            where, where_params = [], []
            if "article_id" in scopes:
                where.append(f'"article_id" IN (SELECT "article_id" FROM {_read_parquet(False)})')
                where_params.append(files["articles"])
                if dataset:
                    # An article in several dates comes whole from the latest of them, never a mix.
                    source = (f"(SELECT s.* FROM {source} AS s JOIN (SELECT \"article_id\","
                              f" max({quote(PARTITION_COLUMN)}) AS latest FROM {_read_parquet(True)} GROUP BY 1) AS a"
                              f" ON a.\"article_id\" = s.\"article_id\" AND a.latest = s.{quote(PARTITION_COLUMN)})")
                    params.append(files["articles"])
            if PARTITION_COLUMN in scopes:
                where.append(f"{quote(PARTITION_COLUMN)} IN (SELECT unnest(?::DATE[]))")
                where_params.append(sorted({run_date_of(p) for p in paths}))
            if where:
                con.execute(f"DELETE FROM {quote(table)} WHERE " + " OR ".join(where), where_params)
            # Files written before a field was added to the schema lack it: it loads as NULL.
            present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}", params).fetchall()}
            names = ", ".join(quote(name) for name, _, _ in wanted if name in present)
            key = ", ".join(map(quote, keys(schema)))
            updates = ", ".join(f"{quote(n)} = excluded.{quote(n)}" for n, _, _ in wanted
                                if n in present and n not in schema["x-key"])
            # A key may recur across a dataset's dates (a re-published article): the latest date
            # wins, as an upsert may touch each row only once per statement.
            latest = f" ORDER BY {quote(PARTITION_COLUMN)} DESC" if dataset else ""
            con.execute(
                f"INSERT INTO {quote(table)} ({names}) SELECT {names} FROM {source}"
                f" QUALIFY row_number() OVER (PARTITION BY {key}{latest}) = 1"
                f" ON CONFLICT ({key}) DO " + (f"UPDATE SET {updates}" if updates else "NOTHING"),
                params)
            counts[table] = con.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()[0]
        con.execute("COMMIT")
    return counts


def _read_parquet(dataset: bool, run_date: str | None = None) -> str:
    """read_parquet over a list of files (one parameter); a dataset's run_date comes from the Hive
    folder names, a plain run's from `run_date` when given (checked to be a date by check_load)."""
    if dataset:
        # The type as a string: a bare DATE is a column reference that binds to a "date" column
        # when the call sits in a join or a DELETE's subquery.
        return f"read_parquet(?, hive_partitioning = true, hive_types = {{'{PARTITION_COLUMN}': 'DATE'}})"
    # Explicitly off: an output folder whose path happens to contain "x=y" gains no column.
    plain = "read_parquet(?, hive_partitioning = false)"
    if run_date is None:
        return plain
    return f"(SELECT *, DATE '{run_date}' AS {quote(PARTITION_COLUMN)} FROM {plain})"


def add_missing_columns(con, table: str, wanted: list[tuple[str, str, bool]]) -> None:
    """Columns the schema gained since the table was created (nullable: old rows have no value)."""
    have = {row[0] for row in con.execute(f"DESCRIBE {quote(table)}").fetchall()}
    for name, sql_type, _ in wanted:
        if name not in have:
            con.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(name)} {sql_type}")


# `newsbeam load` called it this before loads became upserts.
load_run = load_duckdb
