"""The Airflow DAG in examples/airflow: it parses, runs the pipeline and then the load, for real."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest

# Importing Airflow creates AIRFLOW_HOME/logs: keep the tests away from a real Airflow's home.
os.environ["AIRFLOW_HOME"] = str(Path(tempfile.gettempdir()) / "newsbeam-test-airflow-home")
pytest.importorskip(
    "airflow.providers.apache.beam", reason="Airflow is not installed (pip install -e '.[airflow]'; CI does)"
)
from airflow.dag_processing.dagbag import DagBag
from airflow.providers.apache.beam.hooks.beam import beam_options_to_args

from tests.conftest import EXAMPLES

DAG_FILE = EXAMPLES / "airflow" / "newsbeam_daily.py"
DATE = "2024-05-01"


def parse_dag(monkeypatch, **env):
    """The DAG as Airflow's DAG processor sees it, with NEWSBEAM_* environment variables set."""
    for name in [n for n in os.environ if n.startswith("NEWSBEAM_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(f"NEWSBEAM_{name.upper()}", value)
    bag = DagBag(str(DAG_FILE))
    assert bag.import_errors == {}
    return bag.dags["newsbeam_daily"]


def context(variables: dict[str, str] | None = None) -> dict:
    """A task context for DATE, with these Airflow Variables set (and no others)."""
    lookup = (variables or {}).get
    return {"ds": DATE, "var": SimpleNamespace(value=SimpleNamespace(get=lambda key, default=None: lookup(key, default)))}


def test_dag_runs_the_pipeline_then_the_load(monkeypatch):
    dag = parse_dag(monkeypatch)
    assert [t.task_id for t in dag.tasks] == ["run_pipeline", "load_warehouse"]
    run, load = dag.get_task("run_pipeline"), dag.get_task("load_warehouse")
    assert type(run).__name__ == "BeamRunPythonPipelineOperator" and type(load).__name__ == "BashOperator"
    assert run.upstream_task_ids == set() and load.upstream_task_ids == {"run_pipeline"}
    assert (run.py_options, run.py_file) == (["-m"], "pipeline.run")
    assert dag.schedule == "@daily" and dag.max_active_runs == 1


def test_pipeline_options_are_newsbeam_run_flags_for_the_logical_date(monkeypatch):
    run = parse_dag(monkeypatch).get_task("run_pipeline")
    assert beam_options_to_args(run.render_template(run.pipeline_options, context())) == [
        f"--input=/srv/newsbeam/inbox/{DATE}/*", "--dataset=/srv/newsbeam/dataset", f"--run-date={DATE}",
    ]
    assert run.render_template(run.runner, context()) == "FnApiRunner"


def test_variables_override_environment_which_overrides_defaults(monkeypatch):
    dag = parse_dag(monkeypatch, dataset="/data/news", input="/feeds/{ds}.jsonl", skip_existing="1")
    run = dag.get_task("run_pipeline")
    ctx = context({"newsbeam_input": "gs://bucket/news/{ds}/*.jsonl.gz", "newsbeam_runner": "DataflowRunner"})
    assert beam_options_to_args(run.render_template(run.pipeline_options, ctx)) == [
        f"--input=gs://bucket/news/{DATE}/*.jsonl.gz", "--dataset=/data/news", f"--run-date={DATE}", "--skip-existing",
    ]
    assert run.render_template(run.runner, ctx) == "DataflowRunner"


def test_tasks_run_in_order_into_a_dataset_and_duckdb(monkeypatch, tmp_path):
    """Both operators' own execute(), as the task runner calls them: the Beam job, then the load."""
    inbox = tmp_path / "inbox" / DATE
    inbox.mkdir(parents=True)
    for name in ["nk-quasi-state-of-war.txt", "gv-yemen-nodrones.txt"]:
        shutil.copy(EXAMPLES / "articles" / name, inbox / name)
    dataset, database = tmp_path / "dataset", tmp_path / "news.duckdb"
    dag = parse_dag(monkeypatch, input=str(tmp_path / "inbox" / "{ds}" / "*"), dataset=str(dataset),
                    duckdb=str(database))
    for task in dag.topological_sort():
        task.render_template_fields(context())
        task.execute(context())

    manifest = json.loads((dataset / "_manifests" / f"run_date={DATE}.json").read_text())
    assert manifest["reconciliation"]["articles_written"] == 2
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
