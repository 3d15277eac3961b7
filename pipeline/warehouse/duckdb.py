"""`newsbeam load`: one DuckDB table per output table, created or replaced from the Parquet files."""

from __future__ import annotations

from pathlib import Path

from ..manifest import read_manifest, table_files
from ..schemas import TABLES


def load_run(output: str, database: str) -> dict[str, int]:
    """Create or replace each table from OUT/<table>/part-*.parquet; returns row counts."""
    import duckdb

    read_manifest(output)  # refuses an incomplete run
    counts = {}
    with duckdb.connect(database) as con:
        for table in TABLES:
            files = [str(Path(p)) for p in table_files(output, table, ".parquet")]
            if not files:
                raise FileNotFoundError(f"{output}/{table} has no Parquet files")
            con.execute(f'CREATE OR REPLACE TABLE "{table}" AS SELECT * FROM read_parquet(?)', [files])
            counts[table] = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    return counts
