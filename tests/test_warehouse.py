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

    def load(self, output, run_date: str | None = None) -> dict[str, int]:
        from pipeline.warehouse.duckdb import load_duckdb

        return load_duckdb(str(output), self.path, run_date)

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

    def load(self, output, run_date: str | None = None) -> dict[str, int]:
        from pipeline.warehouse.postgres import load_postgres

        return load_postgres(str(output), self.url, run_date)

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


# Mixing plain runs and dataset roots in one database, and what a re-load replaces.

def _snapshot(warehouse) -> dict[str, list[tuple]]:
    """Every table's rows, to show a refused or failed load changed nothing."""
    found = {}
    for table in TABLES:
        key = ", ".join(f'"{k}"' for k in SCHEMAS[table]["x-key"])
        found[table] = warehouse.query(f'SELECT * FROM "{table}" ORDER BY {key}')
    return found


def _run_dates(warehouse, table: str = "articles") -> dict[str, str | None]:
    return dict(warehouse.query(f'SELECT "article_id", CAST("run_date" AS VARCHAR) FROM "{table}"'))


def _run_date_not_null(warehouse, table: str) -> bool:
    return warehouse.query(
        "SELECT is_nullable FROM information_schema.columns WHERE table_schema = current_schema()"
        f" AND table_name = '{table}' AND column_name = 'run_date'") == [("NO",)]


def test_plain_run_into_dataset_tables_without_a_run_date_is_refused(warehouse, dataset, runs):
    from pipeline.warehouse.ddl import LoadRefused

    warehouse.load(dataset)
    before = _snapshot(warehouse)
    with pytest.raises(LoadRefused) as refused:
        warehouse.load(runs[1])
    message = str(refused.value)
    assert "articles, entities, quotes, events, dead_letter" in message
    assert "created from a dataset root" in message and "--run-date YYYY-MM-DD" in message
    assert "nothing was loaded" in message
    assert _snapshot(warehouse) == before


def test_plain_run_with_a_run_date_goes_into_dataset_tables(warehouse, dataset, runs):
    first = runs[0]
    warehouse.load(dataset)
    counts = warehouse.load(first, run_date="2024-05-03")
    assert counts == {table: len(rows) for table, rows in parquet_rows(*runs).items()}
    assert_rows_equal(warehouse, parquet_rows(*runs))
    first_ids = {row["article_id"] for row in parquet_rows(first)["articles"]}
    # The run's articles are replaced whole and take its date, in every table; the rest keep theirs.
    for table in ("articles", "entities", "quotes", "events"):
        dates = warehouse.query(f'SELECT DISTINCT "article_id", CAST("run_date" AS VARCHAR) FROM "{table}"')
        assert {(a, d) for a, d in dates if a in first_ids} <= {(a, "2024-05-03") for a in first_ids}, table
    assert {d for a, d in _run_dates(warehouse).items() if a not in first_ids} == {"2024-05-02"}
    assert _run_date_not_null(warehouse, "articles")
    # Reloading the dataset replaces its dates, and each article it brings, from the dataset again.
    warehouse.load(dataset)
    assert set(_run_dates(warehouse).values()) == {"2024-05-02"}


def test_plain_run_with_a_run_date_creates_dataset_tables(warehouse, runs):
    from pipeline.warehouse.ddl import LoadRefused

    first, _ = runs
    assert warehouse.load(first, run_date="2024-05-01") == manifest_tables(first)
    assert all(_run_date_not_null(warehouse, table) for table in TABLES)
    assert set(_run_dates(warehouse, "entities").values()) == {"2024-05-01"}
    with pytest.raises(LoadRefused, match="--run-date"):
        warehouse.load(first)


def test_a_run_date_is_refused_for_a_dataset_and_must_be_a_date(warehouse, dataset, runs):
    from pipeline.warehouse.ddl import LoadRefused

    with pytest.raises(LoadRefused, match="is a dataset root"):
        warehouse.load(dataset, run_date="2024-05-03")
    with pytest.raises(LoadRefused, match="not a date"):
        warehouse.load(runs[0], run_date="2024-13-01")


def test_dataset_into_plain_tables_adds_a_nullable_run_date(warehouse, dataset, runs):
    first = runs[0]
    warehouse.load(first)
    counts = warehouse.load(dataset)
    assert counts == {table: len(rows) for table, rows in parquet_rows(*runs).items()}
    assert_rows_equal(warehouse, parquet_rows(*runs))
    # Every article of the first run is in the dataset too: it now comes, whole, from its latest date.
    assert set(_run_dates(warehouse).values()) == {"2024-05-02"}
    assert set(_run_dates(warehouse, "quotes").values()) == {"2024-05-02"}
    assert not _run_date_not_null(warehouse, "articles")
    # The column is nullable, so plain runs still load; their articles lose the date they had.
    assert warehouse.load(first) == counts
    first_ids = {row["article_id"] for row in parquet_rows(first)["articles"]}
    assert {a: d for a, d in _run_dates(warehouse).items() if a in first_ids} == dict.fromkeys(first_ids)


def test_reloading_a_dataset_replaces_its_articles_rows_from_other_dates(warehouse, dataset):
    """An article's rows left under a date the dataset no longer holds do not linger beside its new ones."""
    expected = warehouse.load(dataset)
    article = warehouse.query('SELECT "article_id" FROM "articles" ORDER BY 1 LIMIT 1')[0][0]
    _add_stale_quote(warehouse, article, "2024-04-30")
    assert warehouse.load(dataset) == expected
    assert warehouse.query("""SELECT count(*) FROM "quotes" WHERE "text" = 'stale'""") == [(0,)]


def test_an_article_in_two_dates_comes_whole_from_the_latest(warehouse, dataset, tmp_path):
    """A quote only the earlier date's extraction found (an older extractor) is not loaded."""
    root = tmp_path / "dataset"
    shutil.copytree(dataset, root)
    path = next(p for p in sorted((root / "quotes" / "run_date=2024-05-01").glob("part-*.parquet"))
                if pq.read_metadata(p).num_rows)
    quotes = pq.read_table(path)
    stale = {**quotes.to_pylist()[0], "quote_id": "00000000000000ff", "text": "stale"}
    pq.write_table(quotes.from_pylist([*quotes.to_pylist(), stale], schema=quotes.schema), path)
    manifest = root / "_manifests" / "run_date=2024-05-01.json"  # as that older run would have counted
    counted = json.loads(manifest.read_text())
    counted["tables"]["quotes"] += 1
    manifest.write_text(json.dumps(counted))
    assert stale["article_id"] in _article_ids(root / "articles" / "run_date=2024-05-02")
    expected = warehouse.load(dataset)
    assert warehouse.load(root) == expected
    assert warehouse.query("""SELECT count(*) FROM "quotes" WHERE "text" = 'stale'""") == [(0,)]


def _article_ids(folder: Path) -> set[str]:
    return {row["article_id"] for path in folder.glob("part-*.parquet") for row in pq.read_table(path).to_pylist()}


def test_a_failed_load_leaves_the_database_unchanged(warehouse, runs, tmp_path):
    first, later = runs
    warehouse.load(first)
    before = _snapshot(warehouse)
    broken = tmp_path / "broken"
    shutil.copytree(later, broken)
    for path in (broken / "events").glob("part-*.parquet"):  # after articles, entities, quotes
        path.write_bytes(b"not parquet")
    with pytest.raises(Exception):  # noqa: B017 - whichever error the engine raises for a bad file
        warehouse.load(broken)
    assert _snapshot(warehouse) == before
