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
    assert main(["load", "--output", str(tmp_path), "--postgres", "postgresql://x@127.0.0.1:1/db"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsbeam load: error:") and "no Parquet files" in err and "\n" not in err


def test_repeated_input_flags_add_up(tmp_path, capsys):
    # Airflow's Beam operator passes a list as --input=a --input=b: both must count.
    seed = str(EXAMPLES / "articles" / "000_f4d52250c8b22130.txt")
    assert main(["run", "--input", seed, "--input", str(tmp_path / "missing-*.txt"),
                 "--output", str(tmp_path / "out")]) == 2
    assert "missing-*.txt" in capsys.readouterr().err
