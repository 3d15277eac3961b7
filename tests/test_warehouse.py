"""Loading real runs into DuckDB and a real PostgreSQL server: counts, idempotence, upserts.

PostgreSQL tests need NEWSBEAM_TEST_POSTGRES_URL, a database they may create schemas in (.ci/run
starts a throwaway server). Without it they skip, unless NEWSBEAM_REQUIRE_POSTGRES is set (as in
CI), where a skip would hide an untested path and fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.schemas import TABLES, load_schemas
from pipeline.warehouse.ddl import render_schema
from tests.conftest import EXAMPLES

SCHEMAS = load_schemas()
ARTICLES = EXAMPLES / "articles"
FIRST = [ARTICLES / "gv-yemen-nodrones.txt", ARTICLES / "nk-expels-bbc-journalists.txt"]
LATER = [*FIRST, ARTICLES / "philippines-bohol-earthquake.txt"]  # overlaps the first run


def postgres_url() -> str:
    url = os.environ.get("NEWSBEAM_TEST_POSTGRES_URL")
    reason = "PostgreSQL tests need NEWSBEAM_TEST_POSTGRES_URL (a throwaway database; .ci/run starts one)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        url, reason = None, "PostgreSQL tests need psycopg: pip install -e '.[dev]'"
    if not url:
        if os.environ.get("NEWSBEAM_REQUIRE_POSTGRES"):
            pytest.fail(f"NEWSBEAM_REQUIRE_POSTGRES is set but cannot run: {reason}")
        pytest.skip(reason)
    return url


@pytest.fixture
def pg_url():
    """A fresh schema per test, made the connection's search_path through the URL."""
    import psycopg

    url = postgres_url()
    schema = f"newsbeam_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def newsbeam_run(inputs: list[Path], output: Path) -> Path:
    from pipeline.cli import main

    assert main(["run", "--input", *map(str, inputs), "--output", str(output), "--quiet"]) == 0
    return output


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Two real runs: the first on two articles, a later one on those and one more."""
    base = tmp_path_factory.mktemp("runs")
    return newsbeam_run(FIRST, base / "first"), newsbeam_run(LATER, base / "later")


@pytest.fixture(scope="module")
def dataset(runs):
    """A dataset root holding the two runs as consecutive dates, laid out as `run --dataset` does."""
    root = runs[0].parent / "dataset"
    for run, date in zip(runs, ("2024-05-01", "2024-05-02")):
        for table in TABLES:
            shutil.copytree(run / table, root / table / f"run_date={date}")
        (root / "_manifests").mkdir(exist_ok=True)
        shutil.copy(run / "manifest.json", root / "_manifests" / f"run_date={date}.json")
    return root


def parquet_rows(*outputs: Path) -> dict[str, list[dict]]:
    """Each table's rows over the given runs, one per key (the last run's), sorted by key."""
    found = {}
    for table in TABLES:
        key = SCHEMAS[table]["x-key"]
        rows = {}
        for output in outputs:
            for path in sorted(output.glob(f"{table}/**/part-*.parquet")):
                for row in pq.read_table(path).to_pylist():
                    rows[tuple(row[k] for k in key)] = row
        found[table] = [rows[k] for k in sorted(rows)]
    return found


def manifest_tables(output: Path) -> dict[str, int]:
    return json.loads((output / "manifest.json").read_text(encoding="utf-8"))["tables"]


class DuckDB:
    def __init__(self, path: Path):
        self.path = str(path)

    def load(self, output) -> dict[str, int]:
        from pipeline.warehouse.duckdb import load_duckdb

        return load_duckdb(str(output), self.path)

    def query(self, sql: str) -> list[tuple]:
        import duckdb

        with duckdb.connect(self.path) as con:
            return con.execute(sql).fetchall()

    def execute(self, sql: str) -> None:
        import duckdb

        with duckdb.connect(self.path) as con:
            con.execute(sql)


class Postgres:
    def __init__(self, url: str):
        self.url = url

    def load(self, output) -> dict[str, int]:
        from pipeline.warehouse.postgres import load_postgres

        return load_postgres(str(output), self.url)

    def query(self, sql: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url) as conn:
            return conn.execute(sql).fetchall()

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url) as conn:
            conn.execute(sql)


@pytest.fixture(params=["duckdb", "postgres"])
def warehouse(request, tmp_path):
    if request.param == "duckdb":
        return DuckDB(tmp_path / "news.duckdb")
    return Postgres(request.getfixturevalue("pg_url"))


def assert_rows_equal(warehouse, expected: dict[str, list[dict]]) -> None:
    """Every loaded row equals its Parquet row, nested values included (jsonb, LIST, STRUCT)."""
    for table, rows in expected.items():
        names = list(SCHEMAS[table]["properties"])
        columns = ", ".join(f'"{n}"' for n in names)
        order = ", ".join(f'"{k}"' for k in SCHEMAS[table]["x-key"])
        loaded = warehouse.query(f'SELECT {columns} FROM "{table}" ORDER BY {order}')
        assert [dict(zip(names, row)) for row in loaded] == rows, table


def test_load_of_a_run_is_idempotent(warehouse, runs):
    first, _ = runs
    expected = manifest_tables(first)
    assert warehouse.load(first) == expected
    assert warehouse.load(first) == expected  # a second load adds nothing
    assert_rows_equal(warehouse, parquet_rows(first))


def test_overlapping_later_run_upserts(warehouse, runs):
    first, later = runs
    warehouse.load(first)
    counts = warehouse.load(later)
    assert counts == {table: len(rows) for table, rows in parquet_rows(first, later).items()}
    assert counts == manifest_tables(later)  # the later run covers the first's articles
    assert_rows_equal(warehouse, parquet_rows(first, later))
    assert warehouse.load(later) == counts


def test_dataset_root_loads_with_run_date(warehouse, dataset, runs):
    expected = {table: len(rows) for table, rows in parquet_rows(*runs).items()}
    assert warehouse.load(dataset) == expected
    assert warehouse.load(dataset) == expected
    assert_rows_equal(warehouse, parquet_rows(*runs))
    # An article in both dates keeps the latest date's row; the first date holds nothing new.
    dates = warehouse.query('SELECT CAST("run_date" AS VARCHAR), count(*) FROM "articles" GROUP BY 1')
    assert dates == [("2024-05-02", manifest_tables(runs[1])["articles"])]


def _add_stale_quote(warehouse, article_id: str, run_date: str | None = None) -> None:
    """A quote row an earlier extractor version wrote for the article, gone from the new run."""
    date_column, date_value = (', "run_date"', f", DATE '{run_date}'") if run_date else ("", "")
    warehouse.execute(
        f'INSERT INTO "quotes" ("article_id", "quote_id", "text", "start", "end", "kind"{date_column})'
        f" VALUES ('{article_id}', '00000000000000ff', 'stale', 0, 5, 'direct'{date_value})")


def test_reloading_an_article_replaces_its_rows(warehouse, runs):
    first, _ = runs
    expected = manifest_tables(first)
    warehouse.load(first)
    article = warehouse.query('SELECT "article_id" FROM "articles" ORDER BY 1 LIMIT 1')[0][0]
    _add_stale_quote(warehouse, article)
    assert warehouse.load(first) == expected
    assert warehouse.query("""SELECT count(*) FROM "quotes" WHERE "text" = 'stale'""") == [(0,)]


def test_reloading_a_dataset_replaces_the_dates_rows(warehouse, dataset):
    expected = warehouse.load(dataset)
    article = warehouse.query('SELECT "article_id" FROM "articles" ORDER BY 1 LIMIT 1')[0][0]
    _add_stale_quote(warehouse, article, "2024-05-02")
    assert warehouse.load(dataset) == expected
    assert warehouse.query("""SELECT count(*) FROM "quotes" WHERE "text" = 'stale'""") == [(0,)]


def test_load_refuses_a_folder_without_manifest(warehouse, runs, tmp_path):
    incomplete = tmp_path / "incomplete"
    shutil.copytree(runs[0], incomplete)
    (incomplete / "manifest.json").unlink()
    with pytest.raises(FileNotFoundError, match="manifest.json"):
        warehouse.load(incomplete)


def test_load_run_alias_is_kept():
    from pipeline.warehouse.duckdb import load_duckdb, load_run

    assert load_run is load_duckdb


@pytest.mark.parametrize("partitioned", [False, True])
def test_postgres_ddl_executes_and_matches_schema(pg_url, partitioned):
    import psycopg

    pg = {"string": "text", "integer": "bigint", "number": "double precision", "boolean": "boolean",
          "array": "jsonb", "object": "jsonb"}
    with psycopg.connect(pg_url) as conn:
        for table in TABLES:
            conn.execute(render_schema(table, "postgres", SCHEMAS, partitioned=partitioned))
            schema = SCHEMAS[table]
            required = set(schema["required"])
            expected = []
            for name, node in schema["properties"].items():
                kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
                kind = next(k for k in kinds if k != "null")
                expected.append((name, pg[kind], name in required and "null" not in kinds))
            if partitioned:
                expected.append(("run_date", "date", True))
            columns = conn.execute(
                "SELECT column_name, data_type, is_nullable = 'NO' FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
                [table]).fetchall()
            assert columns == expected, table
            key = conn.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                " WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)",
                [f'"{table}"']).fetchall()
            assert [k for (k,) in key] == schema["x-key"], table
            comment = conn.execute("SELECT col_description(%s::regclass, 1)", [f'"{table}"']).fetchone()[0]
            assert comment == next(iter(schema["properties"].values()))["description"]
