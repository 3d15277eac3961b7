"""The `newsbeam` command's smaller subcommands and its usage errors."""

import json

import pytest

from pipeline.cli import main
from pipeline.schemas import load_schemas
from tests.conftest import EXAMPLES


def test_schema_prints_bigquery_json_for_every_field(capsys):
    assert main(["schema", "events", "--format", "bigquery"]) == 0
    fields = json.loads(capsys.readouterr().out)
    assert [f["name"] for f in fields] == list(load_schemas()["events"]["properties"])
    counts = next(f for f in fields if f["name"] == "counts")
    assert counts["type"] == "RECORD" and {f["name"] for f in counts["fields"]} >= {"killed", "injured"}


def test_schema_partitioned_adds_run_date(capsys):
    assert main(["schema", "articles", "--format", "duckdb", "--partitioned"]) == 0
    assert '"run_date" DATE' in capsys.readouterr().out


def test_schema_of_unknown_table_is_a_usage_error(capsys):
    assert main(["schema", "nope", "--format", "postgres"]) == 2
    assert "unknown table" in capsys.readouterr().err


def test_load_needs_exactly_one_warehouse(tmp_path):
    with pytest.raises(SystemExit):
        main(["load", "--output", str(tmp_path)])


def test_load_of_a_folder_without_tables_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "manifest.json").write_text("{}")
    assert main(["load", "--output", str(tmp_path), "--postgres", "postgresql://x@127.0.0.1:1/db"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsbeam load: error:") and "\n" not in err
    assert "does not match its manifest" in err and "the manifest has no table counts" in err



def _tiny_run(folder, run_date: str | None = None) -> str:
    """A complete run of one article and no other rows, laid out as `run --output` writes it (or,
    with run_date, as `run --dataset` writes that date): loads in a blink, with no model."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.schemas import TABLES, arrow_schema

    article = {"article_id": "0123456789abcdef", "source_id": "s", "source_uri": "file:///a.txt",
               "title": "T", "text": "Body.", "published_at": None, "language": "en", "word_count": 1}
    for table in TABLES:
        where = folder / table / (f"run_date={run_date}" if run_date else "")
        where.mkdir(parents=True)
        rows = [article] if table == "articles" else []
        schema = arrow_schema(load_schemas()[table])
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), where / "part-00000-of-00001.parquet")
    manifest = folder / "_manifests" / f"run_date={run_date}.json" if run_date else folder / "manifest.json"
    manifest.parent.mkdir(exist_ok=True)
    manifest.write_text(json.dumps({"tables": {table: int(table == "articles") for table in TABLES}}))
    return str(folder)


def test_load_of_a_plain_run_into_dataset_tables_needs_a_run_date(tmp_path, capsys):
    import duckdb

    dataset, run = _tiny_run(tmp_path / "dataset", "2024-05-01"), _tiny_run(tmp_path / "run")
    database = str(tmp_path / "news.duckdb")
    assert main(["load", "--output", dataset, "--duckdb", database]) == 0
    capsys.readouterr()
    assert main(["load", "--output", run, "--duckdb", database]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsbeam load: error:") and "\n" not in err
    assert "articles, entities" in err and "created from a dataset root" in err and "--run-date" in err
    assert main(["load", "--output", run, "--duckdb", database, "--run-date", "2024-05-03"]) == 0
    assert "as run_date 2024-05-03" in capsys.readouterr().out
    with duckdb.connect(database) as con:
        rows = con.execute('SELECT "article_id", CAST("run_date" AS VARCHAR) FROM "articles"').fetchall()
    assert rows == [("0123456789abcdef", "2024-05-03")]


def test_load_run_date_of_a_dataset_or_not_a_date_is_a_usage_error(tmp_path, capsys):
    dataset, database = _tiny_run(tmp_path / "dataset", "2024-05-01"), str(tmp_path / "news.duckdb")
    assert main(["load", "--output", dataset, "--duckdb", database, "--run-date", "2024-05-03"]) == 2
    assert "is a dataset root" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["load", "--output", dataset, "--duckdb", database, "--run-date", "May 3"])


def test_repeated_input_flags_add_up(tmp_path, capsys):
    # Airflow's Beam operator passes a list as --input=a --input=b: both must count.
    seed = str(EXAMPLES / "articles" / "000_f4d52250c8b22130.txt")
    assert main(["run", "--input", seed, "--input", str(tmp_path / "missing-*.txt"),
                 "--output", str(tmp_path / "out")]) == 2
    assert "missing-*.txt" in capsys.readouterr().err


def test_rules_switched_off_for_a_run_are_recorded_in_its_manifest(tmp_path, monkeypatch):
    from pipeline import rules

    monkeypatch.setattr(rules, "_off", frozenset())  # an in-process run's worker sets the process's rules
    article = tmp_path / "a.txt"
    article.write_text("Harbour workers strike in Kestrel\n\nPolice in Lima arrested two dockers on Monday.\n")
    out = tmp_path / "out"
    assert main(["run", "--input", str(article), "--output", str(out), "--quiet", "--no-report",
                 "--rules-off", "events.irrealis_negation"]) == 0
    assert json.loads((out / "manifest.json").read_text())["rules_off"] == ["events.irrealis_negation"]
    # NEWSBEAM_RULES_OFF (read when the rules module loads) counts as well, beside the flag
    monkeypatch.setattr(rules, "_FROM_ENV", frozenset({"quotes.gerund_clause"}))
    assert main(["run", "--input", str(article), "--output", str(out), "--overwrite", "--quiet", "--no-report",
                 "--rules-off", "events.irrealis_negation"]) == 0
    assert json.loads((out / "manifest.json").read_text())["rules_off"] == ["events.irrealis_negation",
                                                                           "quotes.gerund_clause"]
    assert main(["run", "--input", str(article), "--output", str(out), "--overwrite", "--quiet", "--no-report"]) == 0
    assert json.loads((out / "manifest.json").read_text())["rules_off"] == ["quotes.gerund_clause"]


def test_an_interrupt_beam_re_raised_from_a_stage_is_still_an_interrupt():
    from pipeline.launch import interrupted

    assert interrupted(KeyboardInterrupt())
    assert interrupted(RuntimeError("KeyboardInterrupt [while running 'AnalyzeArticles/Extract']"))
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as inner:
            raise RuntimeError("a stage failed") from inner
    except RuntimeError as outer:
        assert interrupted(outer)
    assert not interrupted(RuntimeError("a stage failed: ValueError"))
    assert not interrupted(ValueError("KeyboardInterrupt in a title"))
